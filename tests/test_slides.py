"""Presenter mode: every course notebook carries slide metadata for jupyterlab-rise.

The rules live in ``scripts/slides.py`` (which writes the metadata); a new notebook, or a
new cell without its slide type, fails here until the script is run again.
"""

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb"))

_spec = importlib.util.spec_from_file_location("dsrlab_slides_script",
                                               REPO / "scripts" / "slides.py")
slides = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(slides)


def _nb(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_every_course_notebook_is_checked():
    names = {p.name for p in NOTEBOOKS}
    assert {"00_start_here.ipynb", "05_capstone_balancing_giants.ipynb"} <= names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_has_slide_metadata(path):
    found = slides.problems(_nb(path))
    assert not found, (f"{path.name}: run `python scripts/slides.py`; "
                       + "; ".join(found[:5]))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_slides_open_on_the_title_skip_the_setup_and_follow_the_sections(path):
    cells = _nb(path)["cells"]
    kinds = [c["metadata"]["slideshow"]["slide_type"] for c in cells]
    assert set(kinds) <= set(slides.SLIDE_TYPES)
    assert kinds[0] == "slide"
    for cell, kind in zip(cells, kinds, strict=True):
        text = slides.source(cell).lstrip()
        if slides.is_parameters(cell) or slides.is_setup(cell):
            assert kind == "skip", text[:60]
        if cell["cell_type"] == "markdown" and text.startswith("## "):
            assert kind == "slide", text[:60]
        if "dsrlab.exercise(" in text and cell["cell_type"] == "code":
            assert kind != "skip", text[:60]  # exercises are presented, never skipped
    assert sum(k in ("slide", "subslide") for k in kinds) >= 2, "more than a title slide"


def test_rules_on_a_small_notebook():
    md = lambda s: {"cell_type": "markdown", "metadata": {}, "source": s}  # noqa: E731
    code = lambda s, **m: {"cell_type": "code", "metadata": m, "source": s}  # noqa: E731
    cells = [md("# Title"), code("import dsrlab\ndsrlab.use_style()"), md("Parameters:"),
             code('lang = "en"', tags=["parameters"]), code("p = dsrlab.check_params()"),
             md("## 1. Part"), code("x.plot_a();"), code('dsrlab.cite("a")'),
             code('dsrlab.exercise("1")'), md("### 1.1 Sub"), md("More text")]
    assert slides.slide_types(cells) == ["slide", "skip", "skip", "skip", "skip", "slide",
                                         "-", "-", "subslide", "subslide", "-"]


def test_slide_mode_hides_code_and_enlarges_text_only_in_the_slideshow():
    css = (REPO / "notebooks" / "rise.css").read_text(encoding="utf-8")
    rules = [r for r in css.split("}") if "display: none" in r]
    assert rules and all(".reveal" in sel for r in rules for sel in r.split("{")[0].split(","))
    assert ".jp-InputArea" in css and "font-size" in css


def test_jupyterlab_rise_is_a_dependency():
    from importlib.metadata import requires

    assert any(r.startswith("jupyterlab-rise") for r in requires("dsrlab"))
    env = (REPO / "environment.yml").read_text(encoding="utf-8")
    assert "jupyterlab-rise" in env or "jupyterlab_rise" in env
