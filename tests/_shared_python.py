"""A Python that other system users can run, with this checkout's packages.

Tests that act as several system users (as root: throwaway students, or ``nobody``) need
an interpreter those users may execute. The project's ``.venv`` links to the interpreter
it was made from, which may live where only its owner can enter (pyenv under ``/root``).
This makes a tiny venv from the system's own Python of the same version, whose one
``.pth`` file adds the project's site-packages (and so its editable ``dsrlab``), and whose
``share/jupyter`` and ``etc/jupyter`` are the project's (JupyterLab and widgets): the same
packages, run by an interpreter everyone may execute. When the project's interpreter is
already usable by others, it is returned as it is.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

__all__ = ["shared_python", "usable_by_others", "others_cannot_enter"]


def usable_by_others(path: Path) -> bool:
    """Whether every folder above ``path`` (resolved) lets others in and the file runs."""
    real = Path(path).resolve()
    for folder in real.parents:
        if not folder.stat().st_mode & 0o001:
            return False
    return bool(real.stat().st_mode & 0o001)


def others_cannot_enter(*paths: Path) -> Path | None:
    """The first folder on the way to ``paths`` that other users cannot pass (None: none)."""
    for path in paths:
        real = Path(path).resolve()
        for folder in [*reversed(real.parents), real]:
            if not folder.stat().st_mode & 0o001:
                return folder
    return None


def shared_python(folder: Path) -> Path:
    """A python others can run with this interpreter's packages (made in ``folder``)."""
    here = Path(sys.executable)
    if usable_by_others(here):
        return here
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    found = shutil.which(f"python{version}", path="/usr/bin:/usr/local/bin")
    candidates = [Path(p) for p in (found, "/usr/bin/python3") if p]
    system = next((c for c in candidates if c.exists() and usable_by_others(c) and subprocess.run(
        [c, "-c", f"import sys; assert '%d.%d' % sys.version_info[:2] == '{version}'"],
        capture_output=True, check=False).returncode == 0), None)
    if system is None:
        raise RuntimeError(f"no Python {version} that other users may run (the project's is "
                           f"{here.resolve()}); install Debian's python{version}")
    venv = Path(folder) / "shared-python"
    subprocess.run([system, "-m", "venv", "--without-pip", venv], check=True,
                   capture_output=True)
    site = Path(sysconfig.get_paths()["purelib"])
    target = venv / "lib" / f"python{version}" / "site-packages" / "dsrlab-shared.pth"
    target.write_text(f"import site; site.addsitedir({str(site)!r})\n", encoding="utf-8")
    # Jupyter finds server extensions (JupyterLab), their settings and static files under
    # sys.prefix: point the little venv's share/jupyter and etc/jupyter at the project's.
    for part in ("share/jupyter", "etc/jupyter"):
        source = Path(sys.prefix) / part
        if source.is_dir():
            (venv / part).parent.mkdir(parents=True, exist_ok=True)
            (venv / part).symlink_to(source, target_is_directory=True)
    for root, dirs, files in os.walk(venv):
        for name in dirs + files:
            path = Path(root) / name
            if not path.is_symlink():
                path.chmod(path.stat().st_mode | 0o005)
    Path(venv).chmod(0o755)
    return venv / "bin" / "python"
