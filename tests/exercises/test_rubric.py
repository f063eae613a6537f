"""Rubric exercises: the course's share, self-assessment in the store, export and collect."""

import json

import pandas as pd
import pytest

import dsrlab
from dsrlab.base.course import sessions
from dsrlab.exercises import collect
from dsrlab.exercises import store as answers
from dsrlab.exercises.evaluate import evaluate
from dsrlab.exercises.model import get, notebook, validate_data
from dsrlab.exercises.rubric import LEVELS, is_rubric, levels_html, rubric_share, tally

ALL = [ex for s in sessions() for ex in notebook(s.number)["exercises"]]
MEMO = " ".join(["word"] * 1600)


def test_the_course_has_fifty_exercises_and_two_fifths_graded_by_a_rubric():
    graded, total = rubric_share(ALL)
    assert total >= 50 and graded / total >= 0.4, (graded, total)


@pytest.mark.parametrize("number", ["01", "02", "03", "04", "05"])
def test_every_seminar_session_has_rubric_exercises_in_both_languages(number):
    rubric = [ex for ex in notebook(number)["exercises"] if is_rubric(ex)]
    assert len(rubric) >= 3, number
    for ex in rubric:
        for level in LEVELS:
            assert ex["levels"][level]["en"] != ex["levels"][level]["es"], (ex["id"], level)
        assert "Strong" in levels_html(ex, "en") and "Sólida" in levels_html(ex, "es")


def test_rubric_kinds_cover_argument_chart_and_source_critique():
    prompts = [ex["prompt"]["en"] for ex in ALL if is_rubric(ex)]
    for kind in ("Argument.", "Chart interpretation.", "Source critique", "Source check."):
        assert any(p.startswith(kind) for p in prompts), kind
    text = " ".join(prompts)
    for topic in ("footnote 24", "footnote 47", "Trace the Chile cable decision",
                  "market share", "audit an assessment rating"):
        assert topic in text, topic


def test_levels_only_on_a_reflection_and_max_words_not_below_min_words():
    ex = dict(get("05.9"), type="short_text", accepted=["x"])
    data = {"notebook": "05", "title": {"en": "t", "es": "t"}, "exercises": [ex]}
    assert any("levels" in p or "reflection" in p for p in validate_data(data, "05.yml"))
    bad = dict(get("05.9"), max_words=10)
    data["exercises"] = [bad]
    assert validate_data(data, "05.yml") == ["05.yml: 05.9: max_words is below min_words"]


def test_the_memo_asks_for_1500_to_2000_words_and_is_rubric_graded():
    memo = get("05.7")
    assert (memo["min_words"], memo["max_words"]) == (1500, 2000) and is_rubric(memo)
    short = evaluate(memo, {"text": "too short", "self_assessment": "strong"}, "en")
    assert short.text.startswith("✘") and short.meta["complete"] is False
    ok = evaluate(memo, {"text": MEMO, "self_assessment": "strong", "rubric": [True] * 7}, "en")
    assert ok.ok and ok.response["self_assessment"] == "strong"


def test_tally_counts_each_level_and_ignores_others():
    assert tally(["weak", "weak", "", None, "great"]) == "strong 0; adequate 0; weak 2"
    assert tally(["strong"], "es") == "sólida 1; adecuada 0; débil 0"
    assert tally([None, ""]) == ""


@pytest.fixture
def rubric_class(answers_dir, tmp_path, monkeypatch):
    """Three students answer 05.9 and export: the instructor collects their files."""
    monkeypatch.setitem(answers._state, "student", None)
    plan = {"Ana": ["weak", "strong"], "Ben": ["adequate"], "Carla": [None]}
    files = []
    for student, levels in plan.items():
        monkeypatch.setenv("DSRLAB_STUDENT", student)
        for n, level in enumerate(levels):
            text = f"Security and market share mix here, draft {n}. " * 30
            dsrlab.check("05.9", {"text": text, "self_assessment": level})
        files.append(dsrlab.export_answers(tmp_path / "in", lang="en")[0])
    return files


def test_export_keeps_the_answer_and_the_self_assessment(rubric_class):
    doc = json.loads(rubric_class[0].read_text(encoding="utf-8"))
    last = doc["attempts"][-1]
    assert last["self_assessment"] == "strong" and last["meta"]["self_assessment"] == "strong"
    assert last["answer_text"].startswith("Security and market share mix here, draft 1.")
    page = rubric_class[0].with_suffix(".html").read_text(encoding="utf-8")
    assert "<th>self-assessment</th>" in page and "<td>strong</td>" in page


def test_collect_shows_the_instructor_answer_and_self_assessment(rubric_class, tmp_path):
    result = collect(rubric_class, tmp_path / "out")
    table = pd.read_csv(tmp_path / "out" / "answers.csv", keep_default_na=False,
                        dtype={"exercise_id": str})
    rows = table[table["exercise_id"] == "05.9"]
    assert rows[["student", "self_assessment"]].to_numpy().tolist() == [
        ["Ana", "weak"], ["Ana", "strong"], ["Ben", "adequate"], ["Carla", ""]]
    assert rows["answer_text"].str.startswith("Security and market share").all()
    assert (rows["words"] == 240).all()  # 8 words, 30 times
    summary = pd.read_csv(tmp_path / "out" / "summary.csv", dtype={"exercise_id": str})
    summary = summary.set_index("exercise_id")
    # each student's latest level: Ana strong, Ben adequate, Carla none yet
    assert summary.loc["05.9", "self_assessment"] == "strong 1; adequate 1; weak 0"
    assert summary.loc["05.9", "students"] == 3 and result.skipped == []


@pytest.mark.parametrize("s", [s for s in sessions() if s.number != "00"],
                         ids=lambda s: s.number)
def test_every_exercise_is_shown_once_in_both_editions(s):
    from dsrlab.base.paths import notebooks_dir

    for path in (s.path, notebooks_dir() / "es" / s.notebook):
        code = "\n".join("".join(c["source"]) for c in
                         json.loads(path.read_text(encoding="utf-8"))["cells"]
                         if c["cell_type"] == "code")
        for ex in notebook(s.number)["exercises"]:
            assert code.count(f'dsrlab.exercise("{ex["id"]}")') == 1, (path.name, ex["id"])
