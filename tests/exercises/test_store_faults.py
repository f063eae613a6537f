"""Faults of the answers store (issue 14): names that used to share a file, answers left in a
``-wal`` file, writers killed mid-save, and damaged or misplaced files. Real SQLite, real
processes, real ``kill -9``; no mocks."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from dsrlab.cli import main
from dsrlab.exercises import store as answers
from dsrlab.exercises.evaluate import evaluate
from dsrlab.exercises.model import get
from dsrlab.exercises.session import PENDING, save
from dsrlab.exercises.store import AnswersRecoveryWarning, AnswersStoreError

WRITER = """
import sys
from dsrlab.exercises import store as answers
tag, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    row = answers.record("00.1", f"{tag}-{i}", correct=False, type="single_choice")
    print(row["id"], flush=True)
"""


@pytest.fixture(autouse=True)
def fresh(answers_dir, monkeypatch):
    monkeypatch.setitem(answers._state, "student", None)
    monkeypatch.setenv("DSRLAB_STUDENT", "Ana")
    monkeypatch.setattr(answers, "_verified", set())
    yield answers_dir
    answers.close_all()
    PENDING.clear()


# --------------------------------------------------------------------------- defect 2
NAMES = ["李小龙", "Ελένη", "_", "Ana", "ana", "ANA", "con", "Con", "nul.txt", "Ana Pérez",
         "Ana Perez", "Ana_Perez", "a" + "㎉" * 79, "x" * 80, "Ana-3f2a9c01b4"]


def test_distinct_names_get_distinct_portable_files(answers_dir):
    for name in NAMES:
        answers.record("00.1", f"answer of {name}", student=name)
    files = [answers.database_path(name).name for name in NAMES]
    assert len({f.casefold() for f in files}) == len(NAMES)  # also case-insensitive FS
    for name, file in zip(NAMES, files, strict=True):
        assert len((file + "-journal.corrupt-20260101T000000000000Z").encode()) < 255
        assert file.split(".")[0].casefold() not in {"con", "prn", "aux", "nul"}
        assert [r["response"] for r in answers.history(student=name)] == [f"answer of {name}"]
    assert answers.database_path("Ana").name == "Ana.sqlite3"  # plain names stay readable


def test_exports_of_non_latin_names_do_not_overwrite_each_other(tmp_path):
    from dsrlab.exercises import export_answers

    for name in ("李小龙", "Ελένη"):
        answers.record("00.1", name, student=name)
        export_answers(tmp_path, student=name)
    assert len(list(tmp_path.glob("*-answers.json"))) == 2


def test_old_lossy_file_is_adopted_only_by_its_own_student(answers_dir):
    old = answers_dir / "student.sqlite3"  # what 李小龙, Ελένη and _ all used before
    con = sqlite3.connect(old)
    con.executescript(answers._SCHEMA + f"; PRAGMA user_version = {answers.SCHEMA_VERSION};"
                      "INSERT INTO info VALUES ('student', '李小龙');")
    con.close()
    answers.record("00.1", "mine", student="李小龙")
    assert not old.exists() and answers.database_path("李小龙").is_file()
    assert answers.history(student="Ελένη") == []


# --------------------------------------------------------------------------- defect 5
def test_a_confirmed_save_is_in_the_main_file_alone(answers_dir, tmp_path):
    for i in range(30):
        answers.record("00.1", f"a{i}")
    assert sorted(p.name for p in answers_dir.iterdir()) == ["Ana.sqlite3"]  # no -wal, -shm
    hand_in = tmp_path / "copy.sqlite3"
    hand_in.write_bytes((answers_dir / "Ana.sqlite3").read_bytes())  # what a student uploads
    con = sqlite3.connect(hand_in)
    assert con.execute("SELECT count(*) FROM attempts").fetchone()[0] == 30
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()


LEGACY = """
import os, sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("PRAGMA journal_mode = WAL")
con.execute("PRAGMA wal_autocheckpoint = 0")
con.executescript(sys.argv[2])
for i in range(50):
    con.execute("INSERT INTO attempts (exercise_id, notebook, type, response, lang, created_at)"
                " VALUES ('00.1', '00', 'single_choice', ?, 'en', ?)", (f'"w{i}"', f"t{i:03}"))
print("done", flush=True)
os.kill(os.getpid(), 9)  # the answers are only in the -wal file now
"""


def test_answers_left_in_an_old_wal_file_are_kept(answers_dir):
    path = answers_dir / "Ana.sqlite3"
    schema = answers._SCHEMA + f"; PRAGMA user_version = {answers.SCHEMA_VERSION};"
    proc = subprocess.run([sys.executable, "-c", LEGACY, str(path), schema],
                          capture_output=True, text=True, timeout=60)
    assert proc.stdout == "done\n" and proc.returncode == -signal.SIGKILL
    assert (answers_dir / "Ana.sqlite3-wal").stat().st_size > 0
    answers.record("00.1", "new")
    assert len(answers.history()) == 51
    assert list(answers_dir.glob("Ana.sqlite3-wal.kept-*"))  # a copy kept as evidence
    assert not (answers_dir / "Ana.sqlite3-wal").exists()
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    assert con.execute("SELECT count(*) FROM attempts").fetchone()[0] == 51
    con.close()


def test_writers_killed_mid_save_lose_nothing_confirmed(answers_dir):
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, tag, "100000"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
             for tag in ("p0", "p1", "p2")]
    confirmed = []
    deadline = time.monotonic() + 60
    for proc in procs:  # read a few confirmations from each, then kill them all at once
        while len(confirmed) < 40 * (procs.index(proc) + 1) and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            confirmed.append(int(line))
    for proc in procs:
        os.kill(proc.pid, signal.SIGKILL)
    for proc in procs:
        proc.wait(timeout=30)
        proc.stdout.close()
    assert len(confirmed) >= 120
    ids = [r["id"] for r in answers.history("00.1")]
    assert set(confirmed) <= set(ids) and len(ids) == len(set(ids))
    con = sqlite3.connect(answers_dir / "Ana.sqlite3")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()


def test_truncated_database_is_kept_aside_and_the_student_told(answers_dir):
    for i in range(200):
        answers.record("00.1", "x" * 300 + str(i))
    answers.close_all()
    path = answers_dir / "Ana.sqlite3"
    raw = path.read_bytes()
    path.write_bytes(raw[: len(raw) // 3])
    answers._verified.clear()
    with pytest.warns(AnswersRecoveryWarning, match="kept as Ana.sqlite3.corrupt-"):
        answers.record("00.1", "after")
    aside = list(answers_dir.glob("Ana.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == raw[: len(raw) // 3]


# --------------------------------------------------------------------------- defect 6
@pytest.mark.parametrize("content", [b"x" * 300, b"\xff\xfe\x00bad", b"   \n"])
def test_unusable_saved_name_is_one_clear_error(answers_dir, monkeypatch, capsys, content):
    monkeypatch.delenv("DSRLAB_STUDENT")
    (answers_dir / "current_student").write_bytes(content)
    if content.strip():
        with pytest.raises(AnswersStoreError, match="set_student"):
            answers.get_student()
        assert main(["progress"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "current_student" in err
    else:
        assert answers.get_student() == "anonymous"


def test_folder_where_the_database_should_be(answers_dir, capsys):
    (answers_dir / "Ana.sqlite3").mkdir()
    with pytest.raises(AnswersStoreError, match="is a folder"):
        answers.history()
    for argv in (["export", "--out", str(answers_dir.parent / "out")], ["progress"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "is a folder" in err and "Traceback" not in err


def test_check_with_an_unusable_name_keeps_the_answer_in_memory(monkeypatch):
    monkeypatch.setenv("DSRLAB_STUDENT", "x" * 300)
    ex = get("00.4")
    message = save(ex, evaluate(ex, "51", "en"))
    assert message.endswith("Your answer is kept in memory until it can be saved.")
    assert "not usable" in message and len(PENDING) == 1
    monkeypatch.setenv("DSRLAB_STUDENT", "Ana")
    assert save(ex, evaluate(ex, "50", "en")) is None and PENDING == []
    assert [r["response"] for r in answers.history("00.4", student="Ana")] == [51.0, 50.0]
