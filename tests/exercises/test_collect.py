"""(Instructor) collecting a class's submission files."""

import html
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
    assert err.count("dsrlab: skipped") == 2 and "skipped 4 more file(s)" in err  # <= 3 lines
    assert "no submission file could be merged" in err
    assert not (tmp_path / "none").exists()


# --------------------------------------------------------------------------- issue 14
def _submission(tmp_path, name, student, attempts):
    doc = {"schema_version": 1, "student": student, "attempts": attempts}
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _try(eid, response, correct=False, when="2026-01-01T10:00:00Z"):
    return {"exercise_id": eid, "type": "short_text", "response": response,
            "correct": correct, "created_at": when}


def test_formula_cells_are_neutralised_in_every_csv(tmp_path):
    evil = '=HYPERLINK("http://x","y")'
    path = _submission(tmp_path, "a.json", "@SUM(A1)", [
        _try("=1+1", evil), _try("=1+1", "-2+3", when="2026-01-01T10:01:00Z")])
    out = tmp_path / "out"
    collect([path], out)
    for name in ("answers.csv", "summary.csv"):
        table = pd.read_csv(out / name, dtype=str, keep_default_na=False)
        for cell in table.to_numpy().ravel():
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    answers_csv = pd.read_csv(out / "answers.csv", dtype=str)
    assert answers_csv["student"].iloc[0] == "'@SUM(A1)"
    assert json.loads(path.read_text())["attempts"][0]["response"] == evil  # JSON untouched


def test_markup_in_answers_and_ids_does_not_break_the_figure(tmp_path):
    path = _submission(tmp_path, "a.json", "Ana", [_try("$a^^b$", "$x^^y$"),
                                                   _try("00.1", "$\\frac{$")])
    result = collect([path], tmp_path / "out")
    assert (tmp_path / "out" / "summary.png").stat().st_size > 1000
    assert len(result.outputs) == 3


def test_oversize_file_is_refused_and_long_cells_are_cut(tmp_path, monkeypatch):
    from dsrlab.exercises import merge

    big = _submission(tmp_path, "big.json", "Ana", [_try("00.1", "x" * 100_000)])
    result = collect([big], tmp_path / "out")
    cell = pd.read_csv(tmp_path / "out" / "answers.csv")["response"].iloc[0]
    assert len(cell) <= merge.MAX_CELL_CHARS + 10 and cell.endswith("…[cut]")
    monkeypatch.setattr(merge, "MAX_FILE_BYTES", 50_000)
    result = collect([big], tmp_path / "out2")
    assert result.merged == [] and "too large" in result.skipped[0][1]


def test_same_student_in_two_files_is_kept_and_flagged(tmp_path, capsys):
    one = _submission(tmp_path, "one.json", "Ana", [_try("00.1", "b")])
    two = _submission(tmp_path, "two.json", "Ana", [_try("00.1", "a", True,
                                                         "2026-01-02T10:00:00Z")])
    result = collect([one, two], tmp_path / "out")
    assert result.duplicates == {"Ana": ["one.json", "two.json"]}
    table = pd.read_csv(tmp_path / "out" / "answers.csv")
    assert len(table) == 2 and table["duplicate"].all()
    assert main(["collect", str(one), str(two), "--out", str(tmp_path / "o2")]) == 0
    err = capsys.readouterr().err
    assert "'Ana' (2 files)" in err and err.count("\n") == 1


COLLECT_LOOP = """
import sys
from dsrlab.exercises import collect
files, out = sys.argv[1:-1], sys.argv[-1]
print("ready", flush=True)
while True:
    collect(files, out)
"""


def test_outputs_appear_together_even_when_killed(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    files = [_submission(tmp_path, f"s{i}.json", f"S{i}", [_try("00.1", "x" * 5000 + str(j),
             when=f"2026-01-01T10:{j:02}:00Z") for j in range(40)]) for i in range(30)]
    out = tmp_path / "out"
    first = collect(files[:1], out)  # an older, smaller run to be replaced
    old = {p.name: p.read_bytes() for p in first.outputs}
    for delay in (0.6, 0.9, 1.3):
        proc = subprocess.Popen([sys.executable, "-c", COLLECT_LOOP, *map(str, files), str(out)],
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline() == "ready\n"
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        from dsrlab.base.files import finish_pending

        finish_pending(out)  # what the next run does first
        now = {p.name: p.read_bytes() for p in first.outputs}
        assert all(now.values())  # never an empty or half file
        answers_rows = len(pd.read_csv(out / "answers.csv"))
        assert answers_rows in (40, 1200)
        same_as_old = [now[n] == old[n] for n in ("answers.csv", "summary.csv")]
        assert same_as_old in ([True, True], [False, False]) or answers_rows == 1200
        summary = pd.read_csv(out / "summary.csv")
        assert summary["students"].iloc[0] == answers_rows // 40


def test_exports_and_collect_show_choice_texts_and_numbers_as_typed(answers_dir, tmp_path,
                                                                     monkeypatch):
    from dsrlab.exercises.model import get, tr

    monkeypatch.setitem(answers._state, "student", None)
    ex = get("00.1")
    text_b = tr(next(c["text"] for c in ex["choices"] if c["id"] == "b"), "en")
    answers.record("00.1", "b", correct=False, student="Dana")
    answers.record("00.4", 51.0, correct=True, meta={"typed": "51st"}, student="Dana")
    answers.record("00.4", 51.0, correct=True, student="Dana")
    json_path, html_path = dsrlab.export_answers(tmp_path / "in", student="Dana", lang="en")
    doc = json.loads(json_path.read_text(encoding="utf-8"))
    shown = [a["answer_text"] for a in doc["attempts"]]
    assert shown == [f"b: {text_b}", "51st", "51"]
    assert [a["response"] for a in doc["attempts"]] == ["b", 51.0, 51.0]  # raw kept too
    page = html_path.read_text(encoding="utf-8")
    assert html.escape(f"b: {text_b}") in page and "51.0" not in page
    result = collect([json_path], tmp_path / "out")
    table = pd.read_csv(result.outputs[0])
    assert table["answer_text"].tolist() == [f"b: {text_b}", "51st", "51"]


def test_export_refuses_anonymous_and_says_how_to_give_a_name(answers_dir, tmp_path,
                                                             monkeypatch):
    monkeypatch.setitem(answers._state, "student", None)
    monkeypatch.delenv("DSRLAB_STUDENT", raising=False)
    answers.record("00.1", "a", correct=True)  # saved as anonymous
    assert dsrlab.get_student() == "anonymous"
    with pytest.raises(dsrlab.UsageError, match="00_start_here"):
        dsrlab.export_answers(tmp_path / "in")
    with pytest.raises(dsrlab.UsageError, match="escribe tu nombre"):
        dsrlab.export_answers(tmp_path / "in", lang="es")
    assert not (tmp_path / "in").exists() or not any((tmp_path / "in").iterdir())
    assert main(["export", "--out", str(tmp_path / "in")]) == 2


def test_a_number_typed_in_words_is_exported_as_typed(answers_dir, tmp_path, monkeypatch):
    monkeypatch.setitem(answers._state, "student", None)
    monkeypatch.setenv("DSRLAB_STUDENT", "Eva")
    fb = dsrlab.check("00.4", "51st")
    assert fb.correct
    json_path, _ = dsrlab.export_answers(tmp_path / "in", lang="en")
    attempt = json.loads(json_path.read_text(encoding="utf-8"))["attempts"][-1]
    assert (attempt["response"], attempt["answer_text"]) == (51.0, "51st")


def test_a_response_of_the_wrong_shape_is_merged_not_a_crash(tmp_path):
    # a number where a choice id belongs (an edited or old file): shown as given
    doc = {"schema_version": 1, "student": "Eve", "attempts": [
        {"exercise_id": "00.1", "type": "single_choice", "response": 51, "correct": False,
         "created_at": "2026-01-01T10:00:00Z"},
        {"exercise_id": "00.2", "type": "multiple_choice", "response": {"a": [1]},
         "correct": False, "created_at": "2026-01-01T10:01:00Z"}]}
    path = tmp_path / "eve.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    result = collect([path], tmp_path / "out")
    assert result.skipped == []
    table = pd.read_csv(result.outputs[0])
    assert table["answer_text"].tolist() == ["51: ?", "{'a': [1]}: ?"]
