"""The instructor guide: complete for every session, in both languages, not in the students'
site."""

import re
import shutil

import pytest
import yaml

from dsrlab.base.course import sessions
from dsrlab.cli import main
from dsrlab.exercises import guide as guide_module
from dsrlab.exercises.guide import (
    guide_html,
    guide_markdown,
    guide_numbers,
    guide_problems,
    seminar_questions,
)
from dsrlab.exercises.model import notebook
from dsrlab.exercises.rubric import is_rubric
from dsrlab.site import build_site

SEMINARS = [s.number for s in sessions() if s.number != "00"]


def test_every_seminar_session_has_a_guide():
    assert guide_numbers() == SEMINARS


@pytest.mark.parametrize("number", SEMINARS)
def test_guide_is_complete_plans_add_up_and_every_rubric_exercise_has_a_model_answer(number):
    assert guide_problems(number) == []
    assert len(seminar_questions(number)) >= 4


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("number", SEMINARS)
def test_markdown_shows_plans_leads_answers_and_rubrics(number, lang):
    text = guide_markdown(number, lang)
    heads = {"en": ["Teaching plan for 90 minutes", "Teaching plan for 120 minutes",
                    "Discussion leads", "Model answers", "Common misconceptions"],
             "es": ["Plan de clase de 90 minutos", "Plan de clase de 120 minutos",
                    "Pistas de discusión", "Respuestas modelo", "Errores frecuentes"]}[lang]
    for head in heads:
        assert f"## {head}" in text, head
    for ex in notebook(number)["exercises"]:
        if is_rubric(ex):
            assert f"### {ex['id']} · " in text
    assert ("Strong: " if lang == "en" else "Sólida: ") in text


@pytest.fixture
def guide_copy(tmp_path, monkeypatch):
    folder = tmp_path / "instructors"
    shutil.copytree(guide_module.instructors_dir(), folder)
    monkeypatch.setattr(guide_module, "instructors_dir", lambda: folder)
    return folder


def test_a_missing_model_answer_or_a_plan_that_does_not_add_up_is_reported(guide_copy):
    data = yaml.safe_load((guide_copy / "02.yml").read_text(encoding="utf-8"))
    del data["model_answers"]["02.11"]
    data["plans"]["90"][0]["minutes"] += 5
    data["discussion"].pop()
    data["model_answers"]["02.1"] = {"en": "x", "es": "x"}
    (guide_copy / "02.yml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                       encoding="utf-8")
    assert guide_problems("02") == [
        "02: the 90-minute plan adds up to 95 minutes",
        "02: 6 discussion leads for 7 seminar questions",
        "02: no model answer in both languages for rubric exercise 02.11",
        "02: model answer for 02.1, which is not a rubric exercise",
    ]


def test_html_escapes_every_text(guide_copy):
    data = yaml.safe_load((guide_copy / "01.yml").read_text(encoding="utf-8"))
    data["misconceptions"][0]["en"] = "<script>alert(1)</script>"
    (guide_copy / "01.yml").write_text(yaml.safe_dump(data, allow_unicode=True),
                                       encoding="utf-8")
    page = guide_html("01", "en")
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_cli_writes_the_guide_as_markdown_and_refuses_a_bad_format(tmp_path, capsys):
    assert main(["guide", "--out", str(tmp_path / "g"), "--lang", "es"]) == 0
    assert sorted(p.name for p in (tmp_path / "g").iterdir()) == [f"{n}.md" for n in SEMINARS]
    assert (tmp_path / "g" / "05.md").read_text(encoding="utf-8").startswith(
        "# Guía para docentes · 05 ·")
    capsys.readouterr()
    with pytest.raises(SystemExit) as stop:
        main(["guide", "--format", "pdf", "--out", str(tmp_path / "x")])
    assert stop.value.code == 2 and capsys.readouterr().err.count("\n") == 1


@pytest.mark.slow
def test_the_students_site_leaves_the_guide_out_and_the_full_site_links_it(tmp_path):
    students = build_site(tmp_path / "students", briefs="none", students=True, only=["00"])
    assert students["guide"] == [] and not (tmp_path / "students" / "instructors").exists()
    answer = guide_module.load_guide("05")["model_answers"]["05.9"]["en"][:60]
    for page in (tmp_path / "students").rglob("*"):
        text = page.read_text(encoding="utf-8", errors="replace") if page.is_file() else ""
        assert "instructors/" not in text and "Instructor guide" not in text, page
        assert answer not in text, page
    full = build_site(tmp_path / "full", briefs="none", only=["00"])
    # the guide in both editions of the site: English in full/, Spanish in full/es/
    assert len(full["guide"]) == 2 * (len(SEMINARS) + 1)
    for folder in (tmp_path / "full", tmp_path / "full" / "es"):
        index = (folder / "index.html").read_text(encoding="utf-8")
        assert 'href="instructors/index.html"' in index
        assert {p.name for p in (folder / "instructors").iterdir()} == {
            "index.html", *(f"{n}.html" for n in SEMINARS)}
    page = (tmp_path / "full" / "instructors" / "05.html").read_text(encoding="utf-8")
    assert re.search(r"<h3>05\.9 · ", page) and answer.replace("'", "&#x27;") in page
    with pytest.raises(Exception, match="unknown session"):
        build_site(tmp_path / "x", briefs="none", only=["09"])
