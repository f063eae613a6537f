"""(Instructor) collecting a class's submission files."""

import json

import pandas as pd
import pytest

import dsrlab
from dsrlab.cli import main
from dsrlab.exercises import collect
from dsrlab.exercises import store as answers
from dsrlab.exercises.merge import MalformedSubmission, read_submission


@pytest.fixture
def class_files(answers_dir, tmp_path, monkeypatch):
    """Three students answer and export, as in class; returns their JSON files."""
    monkeypatch.setitem(answers._state, "student", None)
    plan = {
        "Ana": [("00.1", "b", False), ("00.1", "a", True), ("00.4", 51, True)],
        "Ben": [("00.1", "b", False), ("00.4", 50, False)],
        "Carla": [("00.1", "a", True), ("00.1", "c", False)],
    }
    files = []
    for student, tries in plan.items():
        for eid, response, correct in tries:
            answers.record(eid, response, correct=correct, student=student)
        answers.record("00.4", None, meta={"reveal": True}, student=student) \
            if student == "Ben" else None
        json_path, _ = dsrlab.export_answers(tmp_path / "hand-in", student=student)
        files.append(json_path)
    return files


def _bad_files(folder):
    folder.mkdir(exist_ok=True)
    cases = {
        "truncated.json": '{"schema_version": 1, "student": "X", "attempts": [',
        "old.json": json.dumps({"schema_version": 7, "student": "X", "attempts": []}),
        "noattempts.json": json.dumps({"schema_version": 1, "student": "X"}),
        "list.json": "[]",
        "badrow.json": json.dumps({"schema_version": 1, "student": "X",
                                   "attempts": [{"exercise_id": "00.1"}]}),
    }
    for name, text in cases.items():
        (folder / name).write_text(text, encoding="utf-8")
    return [folder / name for name in cases]


def test_collect_merges_and_summarises(class_files, tmp_path):
    bad = _bad_files(tmp_path / "bad")
    result = collect([*class_files, *bad, tmp_path / "missing.json"], tmp_path / "out")
    assert [p.name for p in result.merged] == ["Ana-answers.json", "Ben-answers.json",
                                               "Carla-answers.json"]
    reasons = {p.name: why for p, why in result.skipped}
    assert reasons == {
        "truncated.json": "not JSON (line 1: Expecting value)",
        "old.json": "schema_version 7 is not supported (this dsrlab reads 1); update dsrlab",
        "noattempts.json": "'attempts' is missing or not a list",
        "list.json": "not a dsrlab submission (expected a JSON object)",
        "badrow.json": "attempt 1 has no valid 'created_at'",
        "missing.json": "file not found",
    }
    table = pd.read_csv(tmp_path / "out" / "answers.csv")
    assert len(table) == 8 and set(table["student"]) == {"Ana", "Ben", "Carla"}
    assert table.loc[table["student"] == "Ana", "attempt"].tolist() == [1, 2, 1]
    summary = pd.read_csv(tmp_path / "out" / "summary.csv", dtype={"exercise_id": str})
    summary = summary.set_index("exercise_id")
    assert summary.loc["00.1", ["students", "correct_students"]].tolist() == [3, 2]
    assert summary.loc["00.1", "share_correct"] == pytest.approx(2 / 3, abs=1e-4)
    assert summary.loc["00.1", "share_first_try"] == pytest.approx(1 / 3, abs=1e-4)
    assert summary.loc["00.1", "common_wrong"] == 'b (2); c (1)'
    assert summary.loc["00.4", ["students", "correct_students", "revealed_students"]
                       ].tolist() == [2, 1, 1]
    assert summary.loc["00.4", "common_wrong"] == "50 (1)"
    png = (tmp_path / "out" / "summary.png").read_bytes()
    assert png.startswith(b"\x89PNG") and len(png) > 2000


def test_same_file_twice_is_not_double_counted(class_files, tmp_path):
    result = collect([class_files[0], class_files[0]], tmp_path / "out")
    assert len(result.merged) == 2
    assert len(pd.read_csv(tmp_path / "out" / "answers.csv")) == 3


def test_read_submission_rejects_wrong_correct_flag(tmp_path):
    path = tmp_path / "x.json"
    path.write_text(json.dumps({"schema_version": 1, "student": "X", "attempts": [
        {"exercise_id": "00.1", "type": "single_choice", "created_at": "t", "response": "a",
         "correct": "yes"}]}))
    with pytest.raises(MalformedSubmission, match="'correct' must be true, false or null"):
        read_submission(path)


def test_cli_collect_exit_codes(class_files, tmp_path, capsys):
    bad = _bad_files(tmp_path / "bad")
    out = tmp_path / "collected"
    assert main(["collect", *map(str, class_files), str(bad[0]), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "merged 3 file(s), skipped 1" in captured.out
    assert str(out / "summary.png") in captured.out
    assert f"dsrlab: skipped {bad[0]}: not JSON" in captured.err
    assert main(["collect", *map(str, bad), "--out", str(tmp_path / "none")]) == 2
    err = capsys.readouterr().err
    assert err.count("dsrlab: skipped") == 5
    assert "no submission file could be merged" in err
    assert not (tmp_path / "none").exists()
