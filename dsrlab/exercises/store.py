"""The answers store: one SQLite database per student, every attempt kept.

Where: ``DSRLAB_ANSWERS_DIR`` if set, else the user data folder
(``platformdirs.user_data_dir("dsrlab")``). Who: :func:`set_student` (remembered in the
``current_student`` file of that folder), else ``DSRLAB_STUDENT``, else ``anonymous``.

The database (``<student>.sqlite3``, see :func:`file_stem`) uses SQLite's rollback journal
with ``synchronous = FULL``: once a save returns, the answer is on disk in that one file
(no ``-wal`` file to lose or forget to hand in), the store works on network (NFS) home
folders, and a read-only folder can still be read and exported. A busy timeout and retries
let two open notebooks save at the same time; each save is one transaction, so a kernel
killed mid-save loses at most the answer being written. Attempts are append-only (triggers
refuse UPDATE and DELETE). A file that is not a valid answers database is renamed
``<name>.corrupt-<timestamp>`` with an :class:`AnswersRecoveryWarning`, never replaced
silently. A folder the store creates is private (``0700``): on a shared machine or a hub,
other users cannot read a student's answers.

Examples
--------
>>> row = record("00.1", "a", correct=True, student="Ana")
>>> latest("00.1", student="Ana")["response"]
'a'
>>> len(history(student="Ana"))
1
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
import time
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from ..base.errors import DsrlabError, UsageError
from ..base.files import write_atomic as atomic_write
from .store_files import (
    COLUMNS,
    SCHEMA_VERSION,
    AnswersRecoveryWarning,
    AnswersStoreError,
    adopt_legacy,
    file_stem,
    keep_wal,
    problem,
    raw_connect,
    set_aside,
    writable,
)

__all__ = [
    "ANONYMOUS",
    "SCHEMA_VERSION", "AnswersRecoveryWarning", "AnswersStoreError", "answers_dir",
    "set_student", "get_student", "database_path", "record", "latest", "history",
    "file_stem",
]

#: the student name used until a student gives theirs
ANONYMOUS = "anonymous"

_state: dict[str, str | None] = {"student": None}
_verified: set[str] = set()
_CONNS: dict[str, tuple[int, int, sqlite3.Connection]] = {}  # path -> (pid, inode, conn)
_LOCK = threading.RLock()

_SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    exercise_id TEXT NOT NULL,
    notebook TEXT NOT NULL,
    type TEXT NOT NULL,
    response TEXT NOT NULL,
    correct INTEGER,
    score REAL,
    meta TEXT NOT NULL DEFAULT '{}',
    lang TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS attempts_by_exercise ON attempts (exercise_id, id);
CREATE TABLE IF NOT EXISTS info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TRIGGER IF NOT EXISTS attempts_no_update BEFORE UPDATE ON attempts
BEGIN SELECT RAISE(ABORT, 'attempts are append-only'); END;
CREATE TRIGGER IF NOT EXISTS attempts_no_delete BEFORE DELETE ON attempts
BEGIN SELECT RAISE(ABORT, 'attempts are append-only'); END;
"""


# --------------------------------------------------------------------------- where, who
def answers_dir() -> Path:
    """The folder of the answers databases (``DSRLAB_ANSWERS_DIR`` or the user data dir)."""
    env = os.environ.get("DSRLAB_ANSWERS_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs  # lazy

    return Path(platformdirs.user_data_dir("dsrlab", appauthor=False))


def _check_name(name) -> str:
    clean = " ".join(str(name or "").split())
    if not clean or len(clean) > 80 or not re.search(r"\w", clean):
        shown = repr(name) if len(str(name)) <= 40 else repr(str(name)[:40]) + "…"
        raise UsageError(f"student name {shown} is not usable; give 1-80 characters with "
                         "letters or digits, e.g. set_student('Ana Pérez')")
    return clean


def _ensure_dir() -> Path:
    folder = answers_dir()
    try:
        # 0700 when we create it: on a shared machine or hub, classmates cannot read it
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not os.access(folder, os.W_OK | os.X_OK):
            raise PermissionError(f"no write permission on {folder}")
    except OSError as exc:
        raise AnswersStoreError(
            f"cannot save answers in {folder} ({exc.strerror or exc}); set DSRLAB_ANSWERS_DIR "
            "to a folder you can write to") from None
    return folder


def set_student(name: str | None) -> str:
    """Choose whose answers are saved (once, in 00_start_here); remembered across sessions.

    ``set_student(None)`` forgets the saved name; the current student is then
    ``DSRLAB_STUDENT`` or ``anonymous``. Returns the current student's name.

    Examples
    --------
    >>> set_student("  Ana   Pérez ")
    'Ana Pérez'
    >>> get_student(), database_path().name
    ('Ana Pérez', 'Ana_Perez__859e0b1450.sqlite3')
    >>> _ = set_student(None)  # forget it again
    """
    if name is None:
        _state["student"] = None
        with suppress(FileNotFoundError, NotADirectoryError):
            (answers_dir() / "current_student").unlink()
        return get_student()
    clean = _check_name(name)
    atomic_write(_ensure_dir() / "current_student", clean + "\n")
    _state["student"] = clean
    return clean


def get_student() -> str:
    """The current student: set in this session, else ``DSRLAB_STUDENT``, else the saved name."""
    if _state["student"]:
        return _state["student"]
    env = os.environ.get("DSRLAB_STUDENT", "").strip()
    if env:
        return _check_name(env)
    file = answers_dir() / "current_student"
    try:
        saved = file.read_bytes()[:1000].decode("utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return ANONYMOUS
    except IsADirectoryError:
        raise AnswersStoreError(f"{file} is a folder; move it away, then call "
                                "dsrlab.set_student('Your Name')") from None
    except OSError as exc:
        raise AnswersStoreError(f"cannot read the saved student name in {file} "
                                f"({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        saved = "\x00"  # not text: refused below like any unusable name
    try:
        return _check_name(saved) if saved else ANONYMOUS
    except (UsageError, TypeError):
        raise AnswersStoreError(
            f"the saved student name in {file} is not usable (not 1-80 characters of UTF-8 "
            "text); call dsrlab.set_student('Your Name') again") from None


def database_path(student: str | None = None) -> Path:
    """The database file of ``student`` (default: the current student)."""
    name = _check_name(student) if student else get_student()
    return answers_dir() / f"{file_stem(name)}.sqlite3"


# --------------------------------------------------------------------------- database
def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _open(path: Path, student: str | None) -> sqlite3.Connection:
    name = get_student() if student is None else _check_name(student)
    if str(path) not in _verified:
        adopt_legacy(path, name)
        keep_wal(path)  # before anything opens it: closing folds a -wal into the file
        why = problem(path)
        if why:
            set_aside(path, why)
    if not writable(path.parent):
        if not path.is_file():
            raise AnswersStoreError(f"no answers database {path.name} in the read-only "
                                    f"folder {path.parent}")
        return raw_connect(path, readonly=True)  # read and export only
    conn = raw_connect(path)
    if str(path) not in _verified:
        # A rollback journal, not WAL: a confirmed save is in the .sqlite3 file itself,
        # locking works on network file systems, and read-only copies can be read.
        conn.execute("PRAGMA journal_mode = DELETE")
        if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            # one transaction: a second process waits, then finds everything in place
            conn.executescript(f"BEGIN IMMEDIATE;{_SCHEMA};"
                               f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
            conn.execute("INSERT OR IGNORE INTO info VALUES ('student', ?), ('created_at', ?)",
                         (name, _now()))
        _verified.add(str(path))
    # FULL: the journal and the database are synced to disk before a save returns.
    conn.execute("PRAGMA synchronous = FULL")
    return conn


@contextmanager
def _connect(student: str | None = None, write: bool = True):
    """A connection to the student's database, kept open for the process (one per file).

    The cached connection is dropped when the file was replaced or removed, after a fork,
    and whenever the file has not been verified in this process.
    """
    if write:
        _ensure_dir()
    path = database_path(student)
    key = str(path)
    with _LOCK:
        try:
            ino = path.stat().st_ino
        except OSError:
            ino = None
        cached = _CONNS.get(key)
        if cached and (cached[0] != os.getpid() or cached[1] != ino or key not in _verified):
            _CONNS.pop(key)
            if cached[0] == os.getpid():
                cached[2].close()
            cached = None
        try:
            if cached is None:
                conn = _open(path, student)
                _CONNS[key] = (os.getpid(), path.stat().st_ino, conn)
            else:
                conn = cached[2]
            yield conn
        except sqlite3.OperationalError as exc:
            _CONNS.pop(key, None)
            _verified.discard(key)
            raise AnswersStoreError(f"cannot save answers in {path.parent} ({exc}); set "
                                    "DSRLAB_ANSWERS_DIR to a folder you can write to") from None
        except OSError as exc:
            raise AnswersStoreError(f"cannot use answers database {path} "
                                    f"({exc.strerror or exc})") from None


def close_all() -> None:
    """Close the cached database connections of this process (e.g. before moving files)."""
    with _LOCK:
        for pid, _ino, conn in _CONNS.values():
            if pid == os.getpid():
                conn.close()
        _CONNS.clear()


def record(exercise_id: str, response, correct: bool | None = None, score: float | None = None,
           meta: dict | None = None, *, notebook: str | None = None, type: str | None = None,
           lang: str | None = None, student: str | None = None) -> dict:
    """Append one attempt (one transaction) and return it as a dict."""
    from ..base.i18n import get_language

    row = {
        "exercise_id": str(exercise_id),
        "notebook": notebook or str(exercise_id).split(".")[0],
        "type": type or _type_of(exercise_id),
        "response": json.dumps(response, ensure_ascii=False, default=str),
        "correct": None if correct is None else int(bool(correct)),
        "score": None if score is None else float(score),
        "meta": json.dumps(meta or {}, ensure_ascii=False, default=str),
        "lang": lang or get_language(),
        "created_at": _now(),
    }
    for attempt in range(_RETRIES):
        try:
            row["id"] = _insert(row, student)
            break
        except _Busy:
            time.sleep(0.05 * (attempt + 1))
    else:
        raise AnswersStoreError(f"answers database {database_path(student)} stayed locked by "
                                "another program; your answer was not saved, try again")
    return _decode(row)


_RETRIES = 20


class _Busy(Exception):
    """The database was locked beyond the busy timeout (retried by :func:`record`)."""


def _insert(row: dict, student: str | None) -> int:
    with _connect(student) as conn:
        try:
            conn.execute("BEGIN IMMEDIATE")  # one transaction per save
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise _Busy from None
            raise
        try:
            cur = conn.execute(
                f"INSERT INTO attempts ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                tuple(row.values()))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        return cur.lastrowid


def _type_of(exercise_id: str) -> str:
    try:
        from .model import get

        return get(exercise_id)["type"]
    except DsrlabError:
        return "unknown"


def _decode(row: dict) -> dict:
    out = dict(row)
    out["response"] = json.loads(out["response"])
    out["meta"] = json.loads(out["meta"])
    out["correct"] = None if out["correct"] is None else bool(out["correct"])
    return out


def history(exercise_id: str | None = None, student: str | None = None) -> list[dict]:
    """Every saved attempt (oldest first), of one exercise or of all."""
    path = database_path(student)
    if not path.exists():
        adopt_legacy(path, _check_name(student) if student else get_student())
        if not path.exists():
            return []
    with _connect(student, write=False) as conn:
        sql = f"SELECT {', '.join(COLUMNS)} FROM attempts"
        args: tuple = ()
        if exercise_id is not None:
            sql, args = sql + " WHERE exercise_id = ?", (str(exercise_id),)
        rows = conn.execute(sql + " ORDER BY id", args).fetchall()
    return [_decode(dict(zip(COLUMNS, r, strict=True))) for r in rows]


def latest(exercise_id: str, student: str | None = None) -> dict | None:
    """The last saved attempt at ``exercise_id`` (None if there is none)."""
    rows = history(exercise_id, student)
    return rows[-1] if rows else None
