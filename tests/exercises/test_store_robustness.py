"""The answers store under stress: two writers, a killed writer, damage, no permission."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from dsrlab.exercises import store as answers
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
    return answers_dir


def _count(path):
    con = sqlite3.connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return con.execute("SELECT count(*) FROM attempts").fetchone()[0]
    finally:
        con.close()


def test_two_processes_saving_at_once_lose_nothing(answers_dir):
    n = 60
    procs = [subprocess.Popen([sys.executable, "-c", WRITER, tag, str(n)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for tag in ("left", "right")]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _, err in outputs]
    saved = answers.history("00.1")
    assert len(saved) == 2 * n
    assert sorted(r["response"] for r in saved) == sorted(
        f"{tag}-{i}" for tag in ("left", "right") for i in range(n))
    assert len({r["id"] for r in saved}) == 2 * n
    assert _count(answers_dir / "Ana.sqlite3") == 2 * n


def test_process_killed_while_saving_keeps_every_committed_row(answers_dir):
    proc = subprocess.Popen([sys.executable, "-c", WRITER, "kill", "100000"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    committed = []
    deadline = time.monotonic() + 60
    while len(committed) < 150 and time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        committed.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)  # mid-loop, most likely inside a transaction
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL and len(committed) >= 150
    ids = {r["id"] for r in answers.history("00.1")}  # reopens cleanly, no warning
    assert set(committed) <= ids
    assert _count(answers_dir / "Ana.sqlite3") == len(ids)
    answers.record("00.1", "after", correct=True)
    assert answers.latest("00.1")["response"] == "after"


def test_file_that_is_not_a_database_is_kept_aside(answers_dir):
    bad = answers_dir / "Ana.sqlite3"
    bad.write_bytes(b"my notes, not a database\n" * 50)
    with pytest.warns(AnswersRecoveryWarning, match=r"not an SQLite database; it was kept as "
                      r"Ana\.sqlite3\.corrupt-\d{8}T\d+Z"):
        answers.record("00.1", "a", correct=True)
    aside = list(answers_dir.glob("Ana.sqlite3.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_bytes() == b"my notes, not a database\n" * 50
    assert [r["response"] for r in answers.history()] == ["a"]


def test_damaged_database_is_kept_aside(answers_dir, monkeypatch):
    for i in range(300):
        answers.record("00.1", "x" * 200 + str(i))
    path = answers_dir / "Ana.sqlite3"
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    raw = bytearray(path.read_bytes())
    raw[4096:4096 * 6] = b"\xde\xad\xbe\xef" * (4096 * 5 // 4)  # trash pages 2-6
    path.write_bytes(bytes(raw))
    monkeypatch.setattr(answers, "_verified", set())  # as in a new kernel
    with pytest.warns(AnswersRecoveryWarning, match="kept as Ana.sqlite3.corrupt-"):
        assert answers.history() == []
    assert len(list(answers_dir.glob("Ana.sqlite3.corrupt-*"))) == 1
    assert answers.record("00.1", "fresh")["id"] == 1


def test_database_from_a_newer_dsrlab_is_refused_not_replaced(answers_dir):
    path = answers_dir / "Ana.sqlite3"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE attempts (id INTEGER)")
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    with pytest.raises(AnswersStoreError, match="newer dsrlab"):
        answers.record("00.1", "a")
    assert list(answers_dir.glob("*.corrupt-*")) == []


def _unusable_folder(tmp_path):
    """A folder nobody can write to; as root (where chmod does not stop writes), a path
    under a regular file, so it can never be created."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    probe = folder / "probe"
    try:
        probe.write_text("x")
    except PermissionError:
        return folder
    probe.unlink()
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    return blocker / "answers"


def test_read_only_answers_folder_gives_a_clear_error(tmp_path, monkeypatch):
    folder = _unusable_folder(tmp_path)
    monkeypatch.setenv("DSRLAB_ANSWERS_DIR", str(folder))
    with pytest.raises(AnswersStoreError) as err:
        answers.record("00.1", "a")
    message = str(err.value)
    assert str(folder) in message and "DSRLAB_ANSWERS_DIR" in message
    assert "\n" not in message
    with pytest.raises(AnswersStoreError, match="DSRLAB_ANSWERS_DIR"):
        answers.set_student("Ana")
    assert answers.history() == []  # reading an absent store is fine
