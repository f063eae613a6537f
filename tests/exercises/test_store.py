"""The answers store: records, history, students, schema, export and the CLI."""

import json
import sqlite3
import subprocess
import sys

import pytest

import dsrlab
from dsrlab.base import i18n
from dsrlab.base.errors import UsageError
from dsrlab.cli import main
from dsrlab.exercises import store as answers


@pytest.fixture(autouse=True)
def fresh(answers_dir, monkeypatch):
    monkeypatch.setitem(answers._state, "student", None)
    monkeypatch.setitem(i18n._state, "lang", None)
    monkeypatch.setenv("DSRLAB_STUDENT", "Ana Pérez")
    return answers_dir


def test_the_store_is_reachable_from_the_package():
    assert dsrlab.exercises.store is answers
    assert dsrlab.set_student is answers.set_student


def test_record_latest_history_roundtrip(answers_dir):
    assert answers.history() == [] and answers.latest("00.1") is None
    first = answers.record("00.1", "b", correct=False, score=0.0)
    second = answers.record("00.4", 51, correct=True, meta={"feedback": "✔ Correct"}, lang="es")
    assert first["type"] == "single_choice" and first["notebook"] == "00"
    assert answers.latest("00.4")["response"] == 51 and second["lang"] == "es"
    assert [r["exercise_id"] for r in answers.history()] == ["00.1", "00.4"]
    assert answers.history("00.1")[0]["correct"] is False
    assert answers.history("00.1")[0]["created_at"].endswith("Z")
    assert (answers_dir / "Ana_Perez__859e0b1450.sqlite3").is_file()


def test_database_uses_a_rollback_journal_schema_version_and_is_append_only(answers_dir):
    answers.record("00.1", "a", correct=True)
    con = sqlite3.connect(answers.database_path())
    try:
        assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert con.execute("PRAGMA user_version").fetchone()[0] == answers.SCHEMA_VERSION == 1
        cols = [r[1] for r in con.execute("PRAGMA table_info(attempts)")]
        assert cols == ["id", "exercise_id", "notebook", "type", "response", "correct",
                        "score", "meta", "lang", "created_at"]
        assert dict(con.execute("SELECT key, value FROM info"))["student"] == "Ana Pérez"
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("UPDATE attempts SET correct = 0")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            con.execute("DELETE FROM attempts")
    finally:
        con.close()
    assert answers.latest("00.1")["correct"] is True


def test_unknown_exercise_type_is_recorded_as_unknown():
    assert answers.record("99.1", {"x": 1})["type"] == "unknown"


def test_set_student_is_remembered_by_a_new_process(answers_dir, monkeypatch):
    monkeypatch.delenv("DSRLAB_STUDENT")
    assert answers.get_student() == "anonymous"
    assert dsrlab.set_student(" María  José ") == "María José"
    assert (answers_dir / "current_student").read_text(encoding="utf-8") == "María José\n"
    assert [p.name for p in answers_dir.iterdir()] == ["current_student"]  # no temp files
    out = subprocess.run([sys.executable, "-c", "import dsrlab; print(dsrlab.get_student())"],
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "María José"
    answers.record("00.1", "a")
    assert answers.database_path().name == "Maria_Jose__89b5eeabe7.sqlite3"
    assert answers.set_student(None) == "anonymous"
    assert not (answers_dir / "current_student").exists()


def test_environment_student_wins_over_saved_file(answers_dir, monkeypatch):
    (answers_dir / "current_student").write_text("Saved Name\n", encoding="utf-8")
    assert answers.get_student() == "Ana Pérez"
    monkeypatch.delenv("DSRLAB_STUDENT")
    assert answers.get_student() == "Saved Name"


@pytest.mark.parametrize("bad", ["", "   ", "!!!", "x" * 81])
def test_bad_student_names_are_refused(bad):
    with pytest.raises(UsageError, match=r"student name .* is not usable"):
        answers.set_student(bad)


def test_each_student_has_a_database(answers_dir):
    answers.record("00.1", "a", student="Ben")
    answers.record("00.1", "b", student="Carla")
    assert answers.latest("00.1", student="Ben")["response"] == "a"
    assert answers.latest("00.1", student="Carla")["response"] == "b"
    assert answers.history() == []
    assert sorted(p.name for p in answers_dir.glob("*.sqlite3")) == ["Ben.sqlite3",
                                                                      "Carla.sqlite3"]


def test_export_writes_json_and_escaped_html(tmp_path):
    answers.record("00.4", "<script>alert(1)</script>", correct=False,
                   meta={"feedback": "✘ Not quite\n'<script>' is not a number."})
    answers.record("00.4", 51, correct=True, meta={"feedback": "✔ Correct"})
    answers.record("00.1", None, meta={"reveal": True})
    json_path, html_path = dsrlab.export_answers(tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "Ana_Perez__859e0b1450-answers.html", "Ana_Perez__859e0b1450-answers.json"]
    doc = json.loads(json_path.read_text(encoding="utf-8"))
    assert (doc["schema_version"], doc["student"], doc["format"]) == (1, "Ana Pérez",
                                                                    "dsrlab-answers")
    assert doc["exported_at"].endswith("Z") and len(doc["attempts"]) == 3
    assert doc["attempts"][1]["question"].startswith("Malena uses the 2019 Global")
    assert doc["attempts"][0]["response"] == "<script>alert(1)</script>"
    page = html_path.read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "Answers of Ana Pérez" in page and "answer shown" in page and "✔" in page


def test_export_in_spanish_and_with_no_answers(tmp_path):
    _, html_path = dsrlab.export_answers(tmp_path, student="Nadie", lang="es")
    page = html_path.read_text(encoding="utf-8")
    assert "Todavía no hay respuestas guardadas." in page and "<html lang='es'>" in page


def test_cli_export_and_progress(tmp_path, capsys):
    answers.record("00.1", "a", correct=True)
    assert main(["export", "--out", str(tmp_path), "--lang", "es"]) == 0
    printed = capsys.readouterr().out.split()
    stem = "Ana_Perez__859e0b1450-answers"
    assert printed == [str(tmp_path / f"{stem}.json"), str(tmp_path / f"{stem}.html")]
    assert "Pregunta" in (tmp_path / f"{stem}.html").read_text().title()
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert "[####                ]  1 of 5 correct, 1 attempted  00 · Start here" in out
    assert main(["progress", "--student", "Somebody Else"]) == 0
    assert "0 of 5 correct, 0 attempted" in capsys.readouterr().out
