"""Every exercise file in notebooks/exercises validates and its answers resolve."""

import csv
import re

import pytest

from dsrlab.base.paths import data_dir, exercises_dir
from dsrlab.exercises import validate_exercise_files
from dsrlab.exercises.computed import resolve_compute
from dsrlab.exercises.model import TYPES, answer_text, load_file, notebook_names, validate_data

FILES = sorted(exercises_dir().glob("*.yml"))
SOURCE_ID = re.compile(r"^(malena|vanraemdonck)-(dsr|cyber|fn\d+)$|^[a-z0-9]+(-[a-z0-9]+)+$")


def test_there_are_exercise_files():
    assert "00" in notebook_names()
    assert all(p.stem in notebook_names() for p in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_validates_against_schema(path):
    data = load_file(path)
    assert data["notebook"] == path.stem
    for ex in data["exercises"]:
        assert ex["type"] in TYPES
        assert ex["id"].startswith(f"{path.stem}.")
        assert all(SOURCE_ID.match(s) for s in ex["source_ids"]), ex["source_ids"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_compute_functions_resolve_and_answers_render(path):
    for ex in load_file(path)["exercises"]:
        if "compute" in ex:
            assert callable(resolve_compute(ex["compute"]))
        else:
            for lang in ("en", "es"):
                assert isinstance(answer_text(ex, lang), str)


def test_validate_exercise_files_reports_no_problem():
    assert validate_exercise_files() == {p.stem: [] for p in FILES}


def test_start_here_has_three_types_or_more():
    data = load_file(exercises_dir() / "00.yml")
    assert len({ex["type"] for ex in data["exercises"]}) >= 3


def test_schema_rejects_a_broken_file():
    broken = {"notebook": "09", "title": {"en": "T", "es": "T"}, "exercises": [
        {"id": "09.1", "type": "single_choice", "objective": {"en": "o", "es": "o"},
         "source_ids": ["malena-dsr"], "prompt": {"en": "p"}, "explanation": {"en": "e",
                                                                               "es": "e"},
         "choices": [{"id": "a", "text": {"en": "A", "es": "A"}, "correct": True},
                     {"id": "b", "text": {"en": "B", "es": "B"}}]}]}
    problems = validate_data(broken, "09.yml")
    assert problems and "'es' is a required property" in problems[0]


def test_semantic_rules_catch_two_correct_single_choices():
    good = load_file(exercises_dir() / "00.yml")
    data = {**good, "exercises": [dict(good["exercises"][0])]}
    data["exercises"][0]["choices"] = [dict(c, correct=True)
                                       for c in data["exercises"][0]["choices"]]
    assert validate_data(data, "00.yml") == [
        "00.yml: 00.1: single_choice needs exactly one correct choice"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_source_id_is_in_the_bibliography(path):
    with (data_dir() / "sources.csv").open(encoding="utf-8", newline="") as fh:
        known = {row["id"] for row in csv.DictReader(fh)}
    missing = [(ex["id"], s) for ex in load_file(path)["exercises"] for s in ex["source_ids"]
               if s not in known]
    assert missing == []
