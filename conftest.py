"""Test-wide isolation for the tests, the doctests in dsrlab/ and the notebooks.

Every run gets its own HOME, Jupyter, IPython, matplotlib and
answers folders in a temporary directory, so the suite never reads a user's settings
and never leaves files in the working tree.

This runs at ``pytest_configure`` -- before nbval or papermill start any kernel -- so the
kernels inherit the same isolated environment.
"""

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent
_ISOLATED: dict[str, str] = {}


def pytest_configure(config):
    root = Path(tempfile.mkdtemp(prefix="dsrlab-test-"))
    dirs = {
        "HOME": root / "home",
        "JUPYTER_CONFIG_DIR": root / "jupyter" / "config",
        "JUPYTER_DATA_DIR": root / "jupyter" / "data",
        "JUPYTER_RUNTIME_DIR": root / "jupyter" / "runtime",
        "IPYTHONDIR": root / "ipython",
        "MPLCONFIGDIR": root / "matplotlib",
        "DSRLAB_ANSWERS_DIR": root / "answers",
        "XDG_DATA_HOME": root / "xdg" / "data",
        "XDG_CONFIG_HOME": root / "xdg" / "config",
        "XDG_CACHE_HOME": root / "xdg" / "cache",
    }
    for name, path in dirs.items():
        path.mkdir(parents=True, exist_ok=True)
        os.environ[name] = str(path)
    # Kernels must draw inline figures: an inherited MPLBACKEND=Agg would silently drop
    # every plot from the notebooks under test.
    os.environ.pop("MPLBACKEND", None)
    # Deterministic language and student for everything the suite runs.
    os.environ["DSRLAB_LANG"] = "en"
    os.environ["DSRLAB_STUDENT"] = "test-student"
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"
    _ISOLATED["root"] = str(root)
    # The test process itself draws off-screen (kernels keep their inline backend: this
    # sets no environment variable).
    import matplotlib

    matplotlib.use("Agg")


def pytest_unconfigure(config):
    root = _ISOLATED.pop("root", None)
    if root:
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository checkout the tests run from."""
    return REPO


@pytest.fixture(autouse=True)
def _english_and_no_open_figures():
    """Every test starts in English and leaves no matplotlib figure open behind it."""
    from dsrlab.base import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("en")
    if "matplotlib.pyplot" in sys.modules:
        sys.modules["matplotlib.pyplot"].close("all")


@pytest.fixture(autouse=True)
def _doctests_save_answers_in_their_own_folder(request, tmp_path, monkeypatch):
    """A doctest that saves answers writes them to a fresh folder, never a shared one."""
    if isinstance(request.node, pytest.DoctestItem):
        monkeypatch.setenv("DSRLAB_ANSWERS_DIR", str(tmp_path / "answers"))


@pytest.fixture
def answers_dir(tmp_path, monkeypatch) -> Path:
    """A fresh, empty answers folder for one test."""
    folder = tmp_path / "answers"
    folder.mkdir()
    monkeypatch.setenv("DSRLAB_ANSWERS_DIR", str(folder))
    return folder


def _hypothesis_without_database():
    # Hypothesis would otherwise write an example database (.hypothesis/) into the checkout.
    try:
        from hypothesis import settings
    except ImportError:  # hypothesis is a test extra; fail where it is used, not here
        return
    settings.register_profile("dsrlab", database=None, deadline=None)
    settings.load_profile("dsrlab")


_hypothesis_without_database()
