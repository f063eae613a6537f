"""The answers store: one SQLite database per student, every attempt kept.

Where: ``DSRLAB_ANSWERS_DIR`` if set, else the user data folder
(``platformdirs.user_data_dir("dsrlab")``). Who: :func:`set_student` (remembered in the
``current_student`` file of that folder), else ``DSRLAB_STUDENT``, else ``anonymous``.

The database (``<student>.sqlite3``) runs in WAL mode with a busy timeout, so two open
notebooks can save at the same time; each save is one transaction, so a kernel killed
mid-save loses at most the answer being written. Attempts are append-only (triggers
refuse UPDATE and DELETE). A file that is not a valid answers database is renamed
``<name>.corrupt-<timestamp>`` with an :class:`AnswersRecoveryWarning`, never replaced
silently.

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
import warnings
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

from ..base.errors import DsrlabError, UsageError
from ..base.files import write_atomic as atomic_write
from ..base.i18n import strip_accents

__all__ = [
    "SCHEMA_VERSION", "AnswersRecoveryWarning", "AnswersStoreError", "answers_dir",
    "set_student", "get_student", "database_path", "record", "latest", "history",
    "file_stem",
]

SCHEMA_VERSION = 1
_MAGIC = b"SQLite format 3\x00"
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
_COLUMNS = ("id", "exercise_id", "notebook", "type", "response", "correct", "score", "meta",
            "lang", "created_at")


class AnswersRecoveryWarning(UserWarning):
    """An answers file was damaged; it was kept aside and a fresh database started."""


class AnswersStoreError(DsrlabError):
    """The answers folder or database cannot be used (read-only, missing, newer schema)."""


# --------------------------------------------------------------------------- where, who
def answers_dir() -> Path:
    """The folder of the answers databases (``DSRLAB_ANSWERS_DIR`` or the user data dir)."""
    env = os.environ.get("DSRLAB_ANSWERS_DIR")
    if env:
        return Path(env).expanduser()
    import platformdirs  # lazy

    return Path(platformdirs.user_data_dir("dsrlab", appauthor=False))


def file_stem(name: str) -> str:
    """The file-name stem of a student's files (answers database, export)."""
    plain = strip_accents(name)
    return re.sub(r"[^A-Za-z0-9._-]+", "_", plain).strip("._") or "student"


def _check_name(name) -> str:
    clean = " ".join(str(name or "").split())
    if not clean or len(clean) > 80 or not re.search(r"\w", clean):
        raise UsageError(f"student name {name!r} is not usable; give 1-80 characters with "
                         "letters or digits, e.g. set_student('Ana Pérez')")
    return clean


def _ensure_dir() -> Path:
    folder = answers_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
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
    ('Ana Pérez', 'Ana_Perez.sqlite3')
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
    try:
        saved = (answers_dir() / "current_student").read_text(encoding="utf-8").strip()
    except OSError:
        saved = ""
    return saved if saved else "anonymous"


def database_path(student: str | None = None) -> Path:
    """The database file of ``student`` (default: the current student)."""
    name = _check_name(student) if student else get_student()
    return answers_dir() / f"{file_stem(name)}.sqlite3"


# --------------------------------------------------------------------------- database
def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds").replace("+00:00", "Z")


def _raw_connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=60, isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout = 60000")
    return conn


def _problem(path: Path) -> str | None:
    """Why ``path`` is not a usable answers database (None when it is, or is new)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    if size == 0:
        return None
    with path.open("rb") as fh:
        if fh.read(16) != _MAGIC:
            return "not an SQLite database"
    try:
        conn = _raw_connect(path)
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return "failed the integrity check"
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise AnswersStoreError(
                    f"{path} was written by a newer dsrlab (schema {version}); upgrade dsrlab")
            cols = [r[1] for r in conn.execute("PRAGMA table_info(attempts)")]
            if version == SCHEMA_VERSION and tuple(cols) != _COLUMNS:
                return "has an unexpected attempts table"
            if version == 0 and conn.execute(
                    "SELECT count(*) FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                    ).fetchone()[0]:
                return "holds other tables"
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:  # locked, busy, no permission: not damage
        if "malformed" in str(exc) or "not a database" in str(exc):
            return f"cannot be read ({exc})"
        raise AnswersStoreError(f"cannot open answers database {path} ({exc}); check "
                                "DSRLAB_ANSWERS_DIR and close other programs using it") from None
    except sqlite3.DatabaseError as exc:
        return f"cannot be read ({exc})"
    return None


def _set_aside(path: Path, why: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    aside = path.with_name(f"{path.name}.corrupt-{stamp}")
    path.replace(aside)
    for suffix in ("-wal", "-shm", "-journal"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            extra.replace(aside.with_name(aside.name + suffix))
    warnings.warn(f"the answers file {path} {why}; it was kept as {aside.name} and a new "
                  "empty answers database was started (ask your instructor to recover it)",
                  AnswersRecoveryWarning, stacklevel=4)
    return aside


def _open(path: Path, student: str | None) -> sqlite3.Connection:
    if str(path) not in _verified:
        why = _problem(path)
        if why:
            _set_aside(path, why)
    conn = _raw_connect(path)
    if str(path) not in _verified:
        conn.execute("PRAGMA journal_mode = WAL")
        if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
            # one transaction: a second process waits, then finds everything in place
            conn.executescript(f"BEGIN IMMEDIATE;{_SCHEMA};"
                               f"PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;")
            name = get_student() if student is None else _check_name(student)
            conn.execute("INSERT OR IGNORE INTO info VALUES ('student', ?), ('created_at', ?)",
                         (name, _now()))
        _verified.add(str(path))
    # WAL + NORMAL: a commit survives the process being killed at any point (the WAL is
    # replayed on the next open); only a power cut can lose the last few answers.
    conn.execute("PRAGMA synchronous = NORMAL")
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
            raise AnswersStoreError(f"cannot save answers in {path.parent} ({exc}); set "
                                    "DSRLAB_ANSWERS_DIR to a folder you can write to") from None


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
    with _connect(student) as conn:
        conn.execute("BEGIN IMMEDIATE")  # one transaction per save
        try:
            cur = conn.execute(
                f"INSERT INTO attempts ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                tuple(row.values()))
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        row["id"] = cur.lastrowid
    return _decode(row)


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
    if not database_path(student).exists():
        return []
    with _connect(student, write=False) as conn:
        sql = f"SELECT {', '.join(_COLUMNS)} FROM attempts"
        args: tuple = ()
        if exercise_id is not None:
            sql, args = sql + " WHERE exercise_id = ?", (str(exercise_id),)
        rows = conn.execute(sql + " ORDER BY id", args).fetchall()
    return [_decode(dict(zip(_COLUMNS, r, strict=True))) for r in rows]


def latest(exercise_id: str, student: str | None = None) -> dict | None:
    """The last saved attempt at ``exercise_id`` (None if there is none)."""
    rows = history(exercise_id, student)
    return rows[-1] if rows else None
