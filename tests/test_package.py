"""The foundation: import hygiene, packaging files in sync, notebooks stored clean, lint."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import dsrlab
from dsrlab.base import i18n
from dsrlab.base.course import brief, notebook_paths, sessions
from dsrlab.base.errors import UsageError

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = list(notebook_paths().values())  # the course table of contents


def _python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )


def test_import_is_silent_light_and_leaves_matplotlib_alone():
    # Import dsrlab AND resolve every public name (which imports every module behind
    # __all__): nothing may print, heavy libraries must stay unloaded, and matplotlib's
    # settings must be exactly as before.
    code = """
import sys, json
import matplotlib
before = {k: repr(v) for k, v in matplotlib.rcParams.items()}
import dsrlab
for name in dsrlab.__all__:
    getattr(dsrlab, name)
after = {k: repr(v) for k, v in matplotlib.rcParams.items()}
heavy = sorted(m for m in ("geopandas", "papermill", "frictionless", "nbconvert", "pycountry",
                           "shapely", "pyproj") if m in sys.modules)
changed = sorted(k for k in before if before[k] != after.get(k))
sys.stderr.write(json.dumps({"heavy": heavy, "changed": changed}))
"""
    result = _python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert report == {"heavy": [], "changed": []}


def test_bare_import_loads_no_scientific_stack():
    result = _python(
        "import sys, dsrlab; print(sorted(m for m in ('pandas', 'matplotlib', 'ipywidgets',"
        " 'yaml') if m in sys.modules))"
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_every_public_name_resolves_and_unknown_names_fail():
    for name in dsrlab.__all__:
        assert getattr(dsrlab, name) is not None, name
    with pytest.raises(AttributeError, match="no attribute 'nonexistent'"):
        dsrlab.nonexistent  # noqa: B018


# environment.yml and the lock: tests/test_lock.py


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_clean(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [], f"{path.name}: a code cell is stored with outputs"
            assert cell["execution_count"] is None, f"{path.name}: execution count stored"


@pytest.mark.parametrize(
    "path", [p for p in NOTEBOOKS if p.name != "00_start_here.ipynb"], ids=lambda p: p.name
)
def test_parameters_cell_is_followed_by_validation(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    tagged = [i for i, c in enumerate(code) if "parameters" in c["metadata"].get("tags", [])]
    assert len(tagged) == 1, f"{path.name}: exactly one cell must be tagged 'parameters'"
    after = "".join(code[tagged[0] + 1]["source"])
    assert "check_params(" in after, f"{path.name}: validate parameters right after them"


def test_ruff_passes():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "dsrlab", "tests", "benchmarks", "notebooks",
         "scripts", "deploy", "conftest.py"],
        capture_output=True, text=True, cwd=REPO, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_string_exists_in_both_languages():
    strings = i18n.all_strings()
    assert strings, "no strings found"
    for key, texts in strings.items():
        assert set(texts) == set(i18n.LANGUAGES), f"{key}: languages {sorted(texts)}"
        for lang, text in texts.items():
            assert isinstance(text, str) and text.strip(), f"{key}: empty {lang} text"


def test_language_choice_and_errors(monkeypatch):
    monkeypatch.setattr(i18n, "_state", {"lang": None})
    monkeypatch.setenv("DSRLAB_LANG", "es")
    assert i18n.get_language() == "es"
    assert i18n.t("core.country") == "País"
    assert i18n.set_language(" EN ") == "en"
    assert i18n.t("core.country") == "Country"
    with pytest.raises(UsageError, match=r"unknown language 'fr'; choose one of 'en', 'es'"):
        i18n.set_language("fr")
    with pytest.raises(KeyError, match=r"no string 'core\.nope'"):
        i18n.t("core.nope")


def test_readme_quick_start_has_exactly_the_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:bash|sh)?\n(.*?)```", quick, flags=re.S)
    commands = [line.strip() for b in blocks for line in b.splitlines() if line.strip()]
    assert commands == ["make lab", "make test"]


def test_ci_runs_make_test():
    script = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    lines = [ln.strip() for ln in script.splitlines() if ln.strip() and not ln.startswith("#")]
    assert lines[-1] == "make test"


def test_cli_help_lists_every_subcommand():
    result = subprocess.run(
        [sys.executable, "-m", "dsrlab.cli", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    for sub in ("validate", "datasets", "export", "collect", "progress", "brief", "run"):
        assert re.search(rf"^\s+{sub}\s+\S", result.stdout, flags=re.M), sub


def test_cli_unknown_subcommand_is_one_line_exit_2():
    result = subprocess.run(
        [sys.executable, "-m", "dsrlab.cli", "frobnicate"], capture_output=True, text=True,
        check=False,
    )
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "invalid choice: 'frobnicate'" in result.stderr
    assert "validate" in result.stderr and "Traceback" not in result.stderr


# --------------------------------------------------------------------------- course.yml
def test_course_lists_every_notebook_and_only_those():
    on_disk = sorted(p.name for p in (REPO / "notebooks").glob("*.ipynb"))
    assert sorted(p.name for p in NOTEBOOKS) == on_disk


def test_every_session_has_its_exercise_file_and_topic_module():
    import importlib

    for session in sessions():
        assert session.exercise_file.is_file(), session.number
        assert session.titles.keys() == {"en", "es"} and session.summaries.keys() == {"en", "es"}
        if session.topic:
            importlib.import_module(f"dsrlab.topics.{session.topic}")
    assert brief().number is None and (REPO / "notebooks" / brief().notebook).is_file()


def test_readme_course_map_is_made_from_course_yml():
    from dsrlab.site import course_map

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- course-map: start -->\n", 1)[1].split("\n<!-- course-map: end", 1)[0]
    assert block == course_map()


def test_unknown_session_names_the_choices():
    from dsrlab.base.course import session

    with pytest.raises(UsageError, match="unknown session '9'; choose one of '00', '01'"):
        session("9")


def test_no_string_key_is_written_twice():
    # YAML keeps the last of two equal keys without a word: one of two texts would be lost
    import collections

    for path in sorted((REPO / "dsrlab" / "strings").glob("*.yml")):
        keys = re.findall(r'^"?([\w.\-]+)"?:', path.read_text(encoding="utf-8"), flags=re.M)
        twice = [k for k, n in collections.Counter(keys).items() if n > 1]
        assert twice == [], f"{path.name}: {twice}"
