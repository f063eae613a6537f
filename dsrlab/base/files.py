"""Writing files safely: atomic replacement and output folders checked before work starts.

Shared by the answers export, ``dsrlab collect``, the briefs and the site, so that an
interrupted run never leaves half a file and an unwritable folder is reported in one line.
"""

import os
import re
import tempfile
from pathlib import Path

from .errors import UsageError

__all__ = ["write_atomic", "write_atomic_many", "writable_dir", "csv_safe"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path, data: str | bytes, mode: int | None = None) -> Path:
    """Write ``data`` to ``path`` so readers see the old file or the whole new one.

    The data go to a temporary file in the same folder, are flushed to disk, and the
    temporary file then replaces ``path`` in one step. ``mode`` (e.g. ``0o640``) sets the
    file's permissions before it appears under its name; by default, those an ordinary
    write would give.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_atomic(folder / "a.txt", "hello").read_text()
    'hello'
    >>> sorted(p.name for p in folder.iterdir())
    ['a.txt']
    """
    path = Path(path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(raw)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600; give the file the mode an ordinary write would.
        Path(tmp).chmod(0o666 & ~_umask() if mode is None else mode)
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def write_atomic_many(files: dict) -> list[Path]:
    """Write several files of one folder so that they appear together or not at all.

    Every file is first written and synced as a temporary file; a small list of the
    pending renames is then synced, the renames are done, and the list removed. A run
    killed before the list exists leaves the old files untouched (only ``.part``
    temporaries); one killed during the renames is finished by the next call in that
    folder (:func:`finish_pending`), so no mix of old and new outputs survives.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in write_atomic_many({folder / "a.csv": "1", folder / "b.csv": b"2"})]
    ['a.csv', 'b.csv']
    >>> sorted(p.name for p in folder.iterdir())
    ['a.csv', 'b.csv']
    """
    import json

    paths = [Path(p) for p in files]
    folder = paths[0].parent
    finish_pending(folder)
    temps: list[Path] = []
    try:
        for path, data in zip(paths, files.values(), strict=True):
            raw = data.encode("utf-8") if isinstance(data, str) else data
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".part")
            temps.append(Path(tmp))
            with os.fdopen(fd, "wb") as fh:
                fh.write(raw)
                fh.flush()
                os.fsync(fh.fileno())
            Path(tmp).chmod(0o666 & ~_umask())
        plan = [[t.name, p.name] for t, p in zip(temps, paths, strict=True)]
        write_atomic(folder / _PENDING, json.dumps(plan))
    except BaseException:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        raise
    finish_pending(folder)
    return paths


_PENDING = ".dsrlab-pending-renames.json"


def finish_pending(folder) -> None:
    """Complete the renames of a :func:`write_atomic_many` that was interrupted, and
    remove temporaries it left before its list of renames was written."""
    import json

    folder = Path(folder)
    plan_file = folder / _PENDING
    try:
        plan = json.loads(plan_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        plan = []
    for tmp, final in plan:
        if (folder / tmp).exists():
            (folder / tmp).replace(folder / final)
    if plan:
        _fsync_dir(folder)
    plan_file.unlink(missing_ok=True)
    for final in {Path(f).name for _, f in plan}:
        for stale in folder.glob(f".{final}.*.part"):
            stale.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def csv_safe(value):
    """A CSV cell a spreadsheet will show, never run (OWASP "CSV injection").

    Text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a
    leading ``'``; plain numbers and other values are returned unchanged.

    Examples
    --------
    >>> csv_safe("=HYPERLINK(A1)"), csv_safe("-5"), csv_safe("@SUM(A1)"), csv_safe(3)
    ("'=HYPERLINK(A1)", '-5', "'@SUM(A1)", 3)
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) \
            and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def writable_dir(out, hint: str = "choose a writable folder with --out") -> Path:
    """Create ``out`` if needed and prove we can write there, else raise UsageError.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> writable_dir(pathlib.Path(tempfile.mkdtemp()) / "new").is_dir()
    True
    """
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"output folder {_cut(str(out))!r} is a file, not a folder; {hint}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".dsrlab-probe-"):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageError(f"cannot write to output folder {_cut(str(out))!r} ({reason}); "
                         f"{hint}") from None
    return folder


def _cut(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
