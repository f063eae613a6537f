"""File names of the answers store: one distinct, portable file name per student.

Older dsrlab versions spelled names in ASCII and nothing else, so different students
(``李小龙`` and ``Ελένη``) shared one file; :func:`adopt_legacy` renames such an old file to
its new name only when it was started by exactly that student.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import sqlite3
import unicodedata
import warnings
from datetime import UTC, datetime
from pathlib import Path

from ..base.errors import DsrlabError
from ..base.i18n import strip_accents

__all__ = ["SCHEMA_VERSION", "COLUMNS", "AnswersRecoveryWarning", "AnswersStoreError", "file_stem",
           "legacy_stem", "adopt_legacy", "raw_connect", "writable", "problem", "set_aside",
           "keep_wal"]

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
             *(f"lpt{i}" for i in range(10))}
_PLAIN = re.compile(r"[A-Z0-9][a-z0-9]*(?:[ -][A-Z0-9][a-z0-9]*)*")


def file_stem(name: str) -> str:
    """The file-name stem of a student's files (answers database, export).

    Distinct names always get distinct stems, also on case-insensitive file systems. A
    plain name (ASCII words, each a capital or digit followed by lower case or digits)
    is used as it is; any other name is spelled in ASCII, cut to 48 characters and
    followed by ``__`` and a fingerprint of the exact name (a plain stem never holds
    ``__``). Stems stay far below the 255-byte file-name limit and avoid Windows device
    names.

    Examples
    --------
    >>> file_stem("Ana"), file_stem("Ana Maria-Luz")
    ('Ana', 'Ana_Maria-Luz')
    >>> file_stem("ana"), file_stem("Ana Pérez")
    ('ana__24d4b96f58', 'Ana_Perez__859e0b1450')
    >>> file_stem("李小龙")[:9], file_stem("Con")[:5]
    ('student__', 'Con__')
    """
    name = " ".join(str(name).split())
    if _PLAIN.fullmatch(name) and name.casefold() not in _RESERVED and len(name) <= 80:
        return name.replace(" ", "_")
    plain = strip_accents(unicodedata.normalize("NFKC", name))
    slug = re.sub(r"[^A-Za-z0-9-]+", "_", plain).strip("_-")[:48].strip("_-") or "student"
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:10]
    return f"{slug}__{digest}"


def legacy_stem(name: str) -> str:
    """The stem older dsrlab versions used (lossy: kept only to find their files)."""
    plain = strip_accents(name)
    return re.sub(r"[^A-Za-z0-9._-]+", "_", plain).strip("._") or "student"


def adopt_legacy(path: Path, name: str) -> None:
    """Rename a database an older dsrlab named ``<lossy stem>.sqlite3`` to ``path``.

    Only when it was started by exactly this student (older stems mixed up names)."""
    old = path.with_name(f"{legacy_stem(name)}.sqlite3")
    try:
        if old == path or len(old.name.encode()) > 255 or path.exists() or not old.is_file():
            return
    except OSError:
        return
    try:
        conn = sqlite3.connect(f"file:{old}?mode=ro", uri=True, timeout=10)
        try:
            owner = conn.execute("SELECT value FROM info WHERE key = 'student'").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return
    if owner and owner[0] == name:
        for suffix in ("-wal", "-shm", "-journal", ""):
            extra = old.with_name(old.name + suffix)
            if extra.exists():
                extra.replace(path.with_name(path.name + suffix))


SCHEMA_VERSION = 1
MAGIC = b"SQLite format 3\x00"
COLUMNS = ("id", "exercise_id", "notebook", "type", "response", "correct", "score", "meta",
            "lang", "created_at")



class AnswersRecoveryWarning(UserWarning):
    """An answers file was damaged; it was kept aside and a fresh database started."""


class AnswersStoreError(DsrlabError):
    """The answers folder or database cannot be used (read-only, missing, newer schema)."""


def raw_connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    target = f"file:{path}?mode=ro" if readonly else str(path)
    conn = sqlite3.connect(target, timeout=60, isolation_level=None, check_same_thread=False,
                           uri=readonly)
    conn.execute("PRAGMA busy_timeout = 60000")
    return conn


def writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK)


def problem(path: Path) -> str | None:
    """Why ``path`` is not a usable answers database (None when it is, or is new)."""
    if path.is_dir():
        raise AnswersStoreError(f"{path} is a folder, not an answers database; move it away "
                                "or set DSRLAB_ANSWERS_DIR to another folder")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return None
    if size == 0:
        return None
    try:
        with path.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise AnswersStoreError(f"cannot read answers database {path} "
                                f"({exc.strerror or exc})") from None
    if head != MAGIC:
        return "not an SQLite database"
    try:
        conn = raw_connect(path, readonly=not writable(path.parent))
        try:
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                return "failed the integrity check"
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise AnswersStoreError(
                    f"{path} was written by a newer dsrlab (schema {version}); upgrade dsrlab")
            cols = [r[1] for r in conn.execute("PRAGMA table_info(attempts)")]
            if version == SCHEMA_VERSION and tuple(cols) != COLUMNS:
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


def set_aside(path: Path, why: str) -> Path:
    if not writable(path.parent):
        raise AnswersStoreError(f"the answers file {path} {why}, and its folder is read-only; "
                                "copy the folder somewhere writable and ask your instructor")
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


def keep_wal(path: Path) -> None:
    """Older dsrlab versions used WAL mode: keep a copy of a leftover ``-wal`` file before
    SQLite folds it into the database (evidence, should it turn out to be damaged)."""
    wal = path.with_name(path.name + "-wal")
    try:
        if wal.stat().st_size > 0 and writable(path.parent):
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
            shutil.copy2(wal, path.with_name(f"{path.name}-wal.kept-{stamp}"))
    except FileNotFoundError:
        pass
