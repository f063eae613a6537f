"""Presenter mode: every course notebook carries slide metadata for jupyterlab-rise.

The rules live in ``scripts/slides.py`` (which writes the metadata); a new notebook, or a
new cell without its slide type, fails here until the script is run again.
"""

import importlib.util
import json
import re
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
             code('dsrlab.exercise("1")'), md("### 1.1 Sub"), md("More text"),
             code("x.table_b()"), md("Text after the table"), code("x.plot_c();")]
    assert slides.slide_types(cells) == ["slide", "skip", "skip", "skip", "skip", "slide",
                                         "-", "-", "subslide", "subslide", "-",
                                         "-", "subslide", "-"]


def _rise_theme_bundles():
    """The installed jupyterlab-rise's theme stylesheets: {theme name: bundle text}."""
    import jupyterlab_rise

    static = Path(jupyterlab_rise.__file__).parent / "static"
    themes = {}
    for bundle in static.glob("*.bundle.js"):
        text = bundle.read_text(encoding="utf-8", errors="replace")
        for name in set(re.findall(r"reveal\.js/dist/theme/([a-z]+)\.css", text)):
            themes[name] = text
    return themes


def _fetches_from_network(css_bundle: str) -> bool:
    return bool(re.search(r"@import\s+url\(\s*['\"]?(https?:)?//|url\(\s*['\"]?https?://",
                          css_bundle))


def test_the_slideshow_theme_fetches_nothing_from_the_network():
    """The project works offline: a theme that @imports Google Fonts would fail there."""
    themes = _rise_theme_bundles()
    # the check can fail: reveal.js's "simple" theme (the old choice) loads Google Fonts
    assert {"simple", "white"} <= set(themes) and _fetches_from_network(themes["simple"])
    used = {_nb(p).get("metadata", {}).get("rise", {}).get("theme") for p in NOTEBOOKS}
    used.add(slides.RISE["theme"])
    for theme in used:
        assert theme in themes, f"jupyterlab-rise ships no theme {theme!r}"
        assert not _fetches_from_network(themes[theme]), f"theme {theme!r} fetches fonts"


def _rise_css() -> str:
    """notebooks/rise.css without its comments."""
    css = (REPO / "notebooks" / "rise.css").read_text(encoding="utf-8")
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def test_slide_mode_sizes_tables_exercises_and_figures_for_the_room():
    rules = [(sel.strip(), body) for r in _rise_css().split("}") if "{" in r
             for body in [r.split("{")[1]] for sel in r.split("{")[0].split(",")]
    big = {sel for sel, body in rules
           if (m := re.search(r"font-size:\s*(\d+)px", body)) and int(m.group(1)) >= 22}
    for part in (".dsrlab-table td", ".dsrlab-exercise", ".dsrlab-source-check",
                 ".widget-label", ".jp-RenderedMarkdown"):
        assert any(part in sel for sel in big), f"{part} is not enlarged in slide mode"
    fitted = [sel for sel, body in rules if "img" in sel and "max-height" in body]
    assert fitted, "figures are not scaled to the slide height"
    assert all(sel.startswith(".reveal") for sel, _ in rules), \
        "a rule would change the normal notebook"


def test_slide_mode_hides_code_and_enlarges_text_only_in_the_slideshow():
    css = _rise_css()
    rules = [r for r in css.split("}") if "display: none" in r]
    assert rules and all(".reveal" in sel for r in rules for sel in r.split("{")[0].split(","))
    assert ".jp-InputArea" in css and "font-size" in css


def test_jupyterlab_rise_is_a_dependency():
    from importlib.metadata import requires

    assert any(r.startswith("jupyterlab-rise") for r in requires("dsrlab"))
    # Both install routes (pip via the Makefile, conda via environment.yml) install the lock.
    env = (REPO / "environment.yml").read_text(encoding="utf-8")
    assert "-r requirements.lock" in env
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8")
    assert any(line.startswith("jupyterlab-rise==") for line in lock.splitlines())
