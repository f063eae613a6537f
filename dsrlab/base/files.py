"""Writing files safely: atomic replacement and output folders checked before work starts.

Shared by the answers export, ``dsrlab collect``, the briefs and the site, so that an
interrupted run never leaves half a file and an unwritable folder is reported in one line.
"""

import os
import tempfile
from pathlib import Path

from .errors import UsageError

__all__ = ["write_atomic", "writable_dir"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` so readers see the old file or the whole new one.

    The data go to a temporary file in the same folder, are flushed to disk, and the
    temporary file then replaces ``path`` in one step.

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
        Path(tmp).chmod(0o666 & ~_umask())
        Path(tmp).replace(path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def writable_dir(out, hint: str = "choose a writable folder with --out") -> Path:
    """Create ``out`` if needed and prove we can write there, else raise UsageError.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> writable_dir(pathlib.Path(tempfile.mkdtemp()) / "new").is_dir()
    True
    """
    folder = Path(out)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder, prefix=".dsrlab-probe-"):
            pass
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageError(f"cannot write to output folder {str(out)!r} ({reason}); {hint}") from None
    return folder
