"""Every course notebook in a real JupyterLab, in headless Chromium, as a student sees it.

nbval runs the cells in a kernel but never draws a widget; this test does. One JupyterLab
server (127.0.0.1, random port and token, temporary HOME) and one Chromium page serve the
whole module; every notebook in ``notebooks/`` is opened in its own tab and kernel and sent
Run All at once, so the kernels work side by side while the tests look at them in turn.

For each notebook: no cell shows an error or stderr output, every cell ran, no widget says
"Error displaying widget" (or shows ipywidgets' error box) or stays "Loading widget...",
every ``dsrlab.exercise(...)`` call drew an exercise of that id and type with its Check,
feedback, Hint and Show-answer parts, and every figure arrived as an image. A full-page
screenshot of each notebook is kept in the test's temporary folder (its path is printed
on failure).

Then, for one exercise of each type, it answers as a student (clicks, types, selects),
presses Check and reads the feedback (✘ for a wrong answer, ✔ for the right one). In
00_start_here the kernel is restarted and the notebook run again; the other exercises are
shown again in a fresh kernel; either way the saved answer must be back in the widget.

Needs Debian's ``chromium`` (``/usr/bin/chromium``, or set ``DSRLAB_CHROMIUM``) and the
``playwright`` Python package. Without them the test skips, except when
``DSRLAB_REQUIRE_BROWSER=1`` (set by ``.ci/run``), where it fails.
``DSRLAB_BROWSER_NOTEBOOKS`` points it at another folder of notebooks (a scratch copy).
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

import dsrlab

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
# DSRLAB_BROWSER_NOTEBOOKS points the test at another folder of notebooks (a scratch copy).
NOTEBOOK_DIR = Path(os.environ.get("DSRLAB_BROWSER_NOTEBOOKS") or REPO / "notebooks")
NOTEBOOKS = sorted(p.name for p in NOTEBOOK_DIR.glob("*.ipynb"))
#: The Spanish edition end to end: one session, opened from notebooks/es/ like a student would.
SPANISH = ["es/03_surveillance_deployments.ipynb"]
CHROMIUM = os.environ.get("DSRLAB_CHROMIUM", "/usr/bin/chromium")

pytestmark = pytest.mark.browser


def _load_helper(name: str):
    # The suite runs with --import-mode=importlib, so tests/ is not on sys.path.
    module_name = f"dsrlab_browser_{name.lstrip('_')}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, HERE / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


_server = _load_helper("_jupyterlab_server")
_lab_page = _load_helper("_lab_page")
_student = _load_helper("_student")


# ---------------------------------------------------------------- reading the notebooks
_EXERCISE_CALL = re.compile(r"""\bdsrlab\.exercise\(\s*(?:exercise_id\s*=\s*)?["']([^"']+)["']""")
# A cell that draws: pyplot, pandas/Axes .plot, an Axes passed around, or a dsrlab plot helper
# (not the tables that go with one, such as timeline_key).
_PLOT_CALL = re.compile(
    r"\bplt\.(?!close\b|ioff\b|ion\b|rc\b|rcdefaults\b|style\b)\w+\("
    r"|\.plot(?:\.\w+)?\(|\bax\s*="
    r"|\bdsrlab\.\w*(?:plot|map|chart|timeline|figure|bars?|network|heatmap)(?!_key|_table)\w*\("
    r"|\b\w+\.plot_\w+\(|\b\w+\.\w*explorer\("  # a topic's plot_x, an explorer
)


def _code_sources(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    sources = []
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        sources.append(_without_comments(text))
    return sources


def _without_comments(source: str) -> str:
    # Commented-out lines neither display an exercise nor draw.
    return "\n".join(ln for ln in source.splitlines() if not ln.lstrip().startswith("#"))


def _exercise_ids(sources: list[str]) -> list[str]:
    return [m.group(1) for src in sources for m in _EXERCISE_CALL.finditer(src)]


def _exercise_type(exercise_id: str) -> str:
    from dsrlab.exercises.model import get

    return get(exercise_id)["type"]


def _type_coverage() -> list[tuple[str, list[tuple[str, str]]]]:
    """One exercise of each type, from as few notebooks as possible (the first one first).

    Returns ``[(notebook, [(exercise_id, type), ...]), ...]`` in notebook order. Fewer
    notebooks means fewer kernel restarts, which keeps the test fast.
    """
    offers: dict[str, dict[str, str]] = {}  # notebook -> {type: first exercise id}
    for name in NOTEBOOKS:
        for eid in _exercise_ids(_code_sources(NOTEBOOK_DIR / name)):
            try:
                kind = _exercise_type(eid)
            except Exception:  # noqa: BLE001 - an unknown id fails in the render test instead
                continue
            offers.setdefault(name, {}).setdefault(kind, eid)
    picked: dict[str, list[tuple[str, str]]] = {}
    missing = {kind for types in offers.values() for kind in types}
    first = True
    while missing:
        # The first notebook (00_start_here, the lightest) always takes part; then a
        # greedy set cover, ties going to the earlier notebook.
        name = next(iter(offers)) if first else max(
            offers, key=lambda n: (len(missing & offers[n].keys()), -NOTEBOOKS.index(n)))
        first = False
        for kind, eid in offers[name].items():
            if kind in missing:
                picked.setdefault(name, []).append((eid, kind))
        missing -= offers[name].keys()
    return sorted(picked.items(), key=lambda item: NOTEBOOKS.index(item[0]))


TYPE_COVERAGE = _type_coverage()


# ---------------------------------------------------------------- browser and server
def _require_browser():
    """Return ``sync_playwright`` or skip/fail (in CI) with the reason."""
    problem = None
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:
        problem = f"the playwright Python package is missing ({exc}); pip install playwright"
        sync_playwright = None
    if problem is None and not os.access(CHROMIUM, os.X_OK):
        problem = (
            f"Chromium not found at {CHROMIUM}; install Debian's browser "
            "(apt-get install chromium) or set DSRLAB_CHROMIUM to a Chromium binary"
        )
    if problem:
        if os.environ.get("DSRLAB_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser test cannot run: {problem} (DSRLAB_REQUIRE_BROWSER=1)",
                        pytrace=False)
        pytest.skip(f"browser test needs a browser: {problem}")
    return sync_playwright


@dataclass
class Lab:
    page: object  # _lab_page.LabPage
    shots: Path
    root: Path  # the server's copy of the notebooks folder


def _selected_notebooks(items) -> list[str]:
    names = []
    for item in items:
        callspec = getattr(item, "callspec", None)
        if item.path == Path(__file__) and callspec and "notebook_run" in callspec.params:
            names.append(callspec.params["notebook_run"])
    return list(dict.fromkeys(names))


@pytest.fixture(scope="module")
def lab(request, tmp_path_factory):
    """One JupyterLab server and one Chromium page for the module; always stopped.

    Every selected notebook is opened and sent Run All at once, each with its own kernel,
    so the kernels keep both cores busy while the tests look at them one by one.
    """
    sync_playwright = _require_browser()
    base = tmp_path_factory.mktemp("browser")
    root = base / "notebooks"
    # A copy, so checkpoints and autosaves never land in the repository.
    shutil.copytree(NOTEBOOK_DIR, root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    shots = base / "screenshots"
    shots.mkdir()
    selected = _selected_notebooks(request.session.items)
    server = _server.start_lab(root, base / "home")
    try:
        # Kernels start while Chromium loads JupyterLab.
        server.prestart_kernels(selected)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=_lab_page.CHROMIUM_ARGS
            )
            try:
                page = _lab_page.LabPage(
                    browser.new_page(viewport={"width": 1280, "height": 900}), server
                )
                page.load()
                page.start_run_all_many(selected)
                yield Lab(page, shots, root)
            finally:
                browser.close()
    finally:
        server.stop()


@dataclass
class NotebookRun:
    name: str
    snapshot: object  # _lab_page.NotebookSnapshot
    screenshot: Path


@pytest.fixture(scope="module")
def notebook_run(request, lab):
    """The notebook named by the parameter after Run All (shared by its tests), then closed."""
    name = request.param
    snapshot = lab.page.run_all(name)
    shot = lab.page.screenshot(name, lab.shots / f"{name.replace('/', '-')[:-6]}.png")
    yield NotebookRun(name, snapshot, shot)
    lab.page.close(name)


# ---------------------------------------------------------------- checks
def _where(run: NotebookRun, snapshot=None) -> str:
    snap = snapshot or run.snapshot
    lines = [f"screenshot: {run.screenshot} (folder {run.screenshot.parent})"]
    if snap.console_errors:
        counts: dict[str, int] = {}
        for text in snap.console_errors:
            counts[text] = counts.get(text, 0) + 1
        shown = [f"{text} (x{n})" if n > 1 else text for text, n in counts.items()]
        lines.append("browser console errors (any tab):\n  " + "\n  ".join(shown[-10:]))
    return "\n".join(lines)


def _cell_label(cell: dict) -> str:
    first = cell["source"].strip().splitlines()[0][:70] if cell["source"].strip() else ""
    return f"cell {cell['index']} [{cell.get('execution_count')}] `{first}`"


def assert_clean_run(run: NotebookRun, snapshot=None) -> None:
    """No errors, every cell ran, every widget and figure rendered, every exercise drawn."""
    snap = snapshot or run.snapshot
    code = snap.code_cells
    problems = []
    for cell in code:
        label = _cell_label(cell)
        for err in cell["errors"]:
            problems.append(f"{label}: error output {err}")
        for text in cell["stderr"] + cell["dom_stderr"]:
            problems.append(f"{label}: stderr output {text.strip()[:400]!r}")
        for text in cell["widget_problems"]:
            problems.append(f"{label}: output not shown (widget or renderer failed): {text!r}")
        if cell["source"].strip() and cell["execution_count"] is None:
            problems.append(f"{label}: never ran (prompt {cell['prompt']!r})")
        if cell["rendered_widgets"] < cell["widget_outputs"] and not cell["widget_problems"]:
            problems.append(
                f"{label}: {cell['widget_outputs']} widget output(s) but only "
                f"{cell['rendered_widgets']} drawn"
            )
        if cell["rendered_images"] < cell["image_outputs"]:
            problems.append(
                f"{label}: {cell['image_outputs']} image output(s) but only "
                f"{cell['rendered_images']} shown as images"
            )
    # Unique error messages, in cell order (a stderr traceback repeats in model and DOM).
    problems = list(dict.fromkeys(problems))

    # Exercises: one widget per dsrlab.exercise("ID") call, in order, of the file's type.
    sources = [_without_comments(c["source"]) for c in code]
    wanted = [(eid, _exercise_type(eid)) for eid in _exercise_ids(sources)]
    shown = [ex for c in code for ex in c["exercises"]]
    got = [(ex["id"].replace("-", "."), ex["type"]) for ex in shown]
    for ex in shown:
        if ex["missing"]:
            problems.append(f"exercise {ex['id']} ({ex['type']}) has no {ex['missing']}")
    if got != wanted:
        problems.append(
            f"exercises: the notebook calls dsrlab.exercise for {wanted}"
            f" but the page shows {len(got)} exercise widget(s): {got}"
        )
    # Figures: every image the kernel sent is shown (checked per cell above); a cell that
    # calls a plotting function shows at least one image, an explorer widget too (its
    # first view is drawn without a click).
    for cell in code:
        if (_PLOT_CALL.search(_without_comments(cell["source"])) and not cell["errors"]
                and cell["rendered_images"] == 0):
            problems.append(f"{_cell_label(cell)}: draws a plot but shows no image")
    assert not problems, (
        f"{run.name}: {len(problems)} problem(s) after Run All:\n  "
        + "\n  ".join(problems)
        + "\n"
        + _where(run, snap)
    )


@pytest.mark.parametrize("notebook_run", NOTEBOOKS, indirect=True)
def test_notebook_runs_and_renders_in_jupyterlab(notebook_run):
    assert_clean_run(notebook_run)
    print(f"{notebook_run.name}: finished {notebook_run.snapshot.seconds:.1f} s after Run All; "
          f"screenshot {notebook_run.screenshot}")


@pytest.mark.parametrize("notebook_run", SPANISH, indirect=True)
def test_a_spanish_notebook_runs_and_reads_in_spanish(notebook_run, lab):
    """The Spanish twin runs cleanly and the student reads its Spanish prose and labels."""
    import json

    assert_clean_run(notebook_run)
    cells = json.loads((NOTEBOOK_DIR / notebook_run.name).read_text(encoding="utf-8"))["cells"]
    english = json.loads((NOTEBOOK_DIR / Path(notebook_run.name).name).read_text(
        encoding="utf-8"))["cells"]
    headings = [line.lstrip("# ").strip() for c in cells if c["cell_type"] == "markdown"
                for line in "".join(c["source"]).splitlines() if line.startswith("## ")]
    english_headings = {line.lstrip("# ").strip() for c in english
                        if c["cell_type"] == "markdown"
                        for line in "".join(c["source"]).splitlines() if line.startswith("## ")}
    # JupyterLab draws only the cells in view: read the top of the notebook, then scroll to
    # an exercise and read its button
    from playwright.sync_api import expect

    panel = lab.page.panel(notebook_run.name)
    lab.page.show_top(notebook_run.name)
    expect(panel, f"the Spanish title {headings[0]!r} is not on the page").to_contain_text(
        headings[0], timeout=10_000)
    text = panel.inner_text()
    assert not [h for h in english_headings - set(headings) if h in text]
    buttons = panel.locator(".dsrlab-exercise .dsrlab-check")
    buttons.first.scroll_into_view_if_needed()
    labels = {(buttons.nth(i).text_content() or "").strip() for i in range(buttons.count())}
    assert "Comprobar" in labels and "Check" not in labels, labels


def _fresh_kernel_notebook(folder: Path, name: str, exercise_ids: list[str]) -> str:
    """Write a notebook that only imports dsrlab and shows the given exercises."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell("import dsrlab")] + [
        nbformat.v4.new_code_cell(f'dsrlab.exercise("{eid}")') for eid in exercise_ids
    ]
    nbformat.write(nb, folder / name)
    return name


def _restored(panel, given: dict) -> list[str]:
    problems = []
    for eid, (ex, right) in given.items():
        root = panel.locator(_student.root_selector(eid)).first
        if not root.count():
            problems.append(f"{eid} ({ex['type']}): the exercise widget is not on the page")
            continue
        for problem in _student.control_problems(root, ex, right):
            problems.append(f"{eid} ({ex['type']}): {problem}")
        text = _student.feedback_text(root)
        if not text.startswith("✔"):
            problems.append(f"{eid} ({ex['type']}): feedback {text!r}, expected ✔ (restored)")
    return problems


@pytest.mark.parametrize(
    "notebook_run",
    [pytest.param(name, id=f"{name}:{'+'.join(kind for _, kind in picks)}")
     for name, picks in TYPE_COVERAGE],
    indirect=True,
)
def test_exercises_answered_checked_and_restored(notebook_run, lab):
    """One exercise of each type: a wrong answer gives ✘, the right one ✔, and it is saved.

    In the first notebook (00_start_here, the lightest) the kernel is restarted and the
    whole notebook runs again; elsewhere the same exercises are shown in a fresh kernel
    by a two-line notebook, which is cheaper than re-running a long notebook. Either way
    the widgets must come back with the saved answer and its ✔.
    """
    from dsrlab.exercises.model import get

    page = lab.page
    run = notebook_run
    if not page.is_open(run.name):  # closed by a failure elsewhere: run it again
        run = NotebookRun(run.name, page.run_all(run.name), run.screenshot)
    page.front(run.name)
    panel = page.panel(run.name)
    picks = dict(TYPE_COVERAGE)[run.name]
    problems, given = [], {}
    for eid, kind in picks:
        ex = get(eid)
        root = panel.locator(_student.root_selector(eid)).first
        if not root.count():
            problems.append(f"{eid} ({kind}): the exercise widget is not on the page")
            continue
        for correct, mark in ((False, "✘"), (True, "✔")):
            answer = _student.answer(root, ex, correct=correct)
            if answer is None:  # this exercise has no wrong answer to give
                continue
            # The controls must show the answer before Check is pressed, and the kernel
            # must have received every change.
            for problem in _student.wait_for_controls(root, ex, answer):
                problems.append(f"{eid} ({kind}): could not enter {answer}: {problem}")
            page.settle(run.name)
            text = _student.check(root, mark)
            if not text.startswith(mark):
                which = "right" if correct else "wrong"
                problems.append(f"{eid} ({kind}): the {which} answer {answer} gave {text!r}")
        given[eid] = (ex, answer)
    assert not problems, "\n".join(problems) + "\n" + _where(run)

    if run.name == TYPE_COVERAGE[0][0]:
        how = "after a kernel restart and Run All"
        after_name = run.name
        snapshot = page.restart_and_run_all(after_name)
    else:
        how = "in a fresh kernel"
        after_name = _fresh_kernel_notebook(lab.root, f"_saved_{run.name}", list(given))
        snapshot = page.run_all(after_name)
    try:
        shot = page.screenshot(after_name,
                               lab.shots / f"{Path(run.name).stem}-saved-answers.png")
        after = NotebookRun(after_name, snapshot, shot)
        assert_clean_run(after)
        problems = _restored(page.panel(after_name), given)
        assert not problems, (
            f"saved answers not restored {how}:\n  " + "\n  ".join(problems) + "\n"
            + _where(after)
        )
    finally:
        if after_name != run.name:
            page.close(after_name)


def test_the_name_form_saves_the_students_name(lab):
    """00_start_here's form: type a name, press Save, read the feedback; the name is kept."""
    page = lab.page
    name = _fresh_kernel_notebook(lab.root, "_name_form.ipynb", [])
    import nbformat

    nb = nbformat.read(lab.root / name, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell("dsrlab.name_widget()"))
    nbformat.write(nb, lab.root / name)
    snapshot = page.run_all(name)
    try:
        assert not [c for c in snapshot.code_cells if c["errors"]], snapshot.code_cells
        form = page.panel(name).locator(".dsrlab-name").first
        field = form.get_by_label("Your name")  # the field is labelled
        field.fill("Ana Pérez")
        page.settle(name)
        form.locator(".dsrlab-name-save").first.click()
        from playwright.sync_api import expect

        feedback = form.locator(".dsrlab-name-feedback").first
        expect(feedback).to_have_text(
            "✔ Saved. Your answers are now kept under the name Ana Pérez.", timeout=15_000)
        saved = page.server.home / "answers" / "current_student"
        assert saved.read_text(encoding="utf-8").strip() == "Ana Pérez"
        saved.unlink()  # the other tests save as before
    finally:
        page.close(name)


def test_a_session_presents_as_slides_with_code_hidden(lab, tmp_path):
    """jupyterlab-rise's slideshow of 01: the title slide renders, no code shows, and the
    slideshow (its theme and fonts) asks nothing of the network."""
    page = lab.page.page.context.browser.new_page()
    server = lab.page.server
    outside = []
    page.on("request", lambda r: outside.append(r.url) if r.url.startswith(
        ("http:", "https:")) and not r.url.startswith(
        ("http://127.0.0.1", "http://localhost")) else None)
    try:
        page.set_viewport_size({"width": 1920, "height": 1080})
        page.goto(server.url(f"rise/01_dsr_origins.ipynb?token={server.token}"))
        page.wait_for_selector(".reveal .slides section.present", timeout=120_000)
        page.wait_for_function("() => document.getElementById('rise-custom-css') !== null",
                               timeout=30_000)
        title = page.locator(".reveal .slides section.present h1").first
        title.wait_for(state="visible", timeout=30_000)
        assert "Origins of the Digital Silk Road" in title.text_content()
        size = title.evaluate("h => parseFloat(getComputedStyle(h).fontSize)")
        assert size >= 40, f"title font {size}px in slide mode"
        inputs = page.locator(".reveal .jp-CodeCell .jp-InputArea")
        assert inputs.count() > 0  # code cells are there ...
        shown = inputs.evaluate_all(
            "els => els.filter(e => getComputedStyle(e).display !== 'none').length")
        assert shown == 0, f"{shown} code inputs visible in slide mode"  # ... and hidden
        page.keyboard.press("ArrowRight")  # next slide: section 1
        page.wait_for_function(
            "() => /From a keynote/.test(document.querySelector("
            "'.reveal .slides section.present').textContent)", timeout=30_000)
        page.screenshot(path=str(lab.shots / "01-slides.png"))
        assert not outside, f"the slideshow fetched from the network: {outside[:3]}"
    finally:
        page.close()


def test_chinese_source_titles_render_as_glyphs_not_empty_boxes(lab, tmp_path):
    """The citation HTML of a source with a Chinese title, in real Chromium.

    Headless Chromium here has no CJK system font: without the shipped subset font every
    Chinese character would be the same empty box. Each character of the title is drawn
    alone from the citation's own HTML (its @font-face and lang="zh-Hans" rule); distinct
    characters must give distinct pictures.
    """
    import html as html_lib

    cited = dsrlab.cite("malena-fn1")._repr_html_()
    title = str(dsrlab.load("sources").set_index("id").loc["malena-fn1", "title"])
    chars = sorted({ch for ch in title if "\u4e00" <= ch <= "\u9fff"})[:6]
    assert len(chars) >= 4 and all(ch in cited for ch in chars)
    spans = "".join(f'<p><span id="c{i}" lang="zh-Hans" style="font-size:48px">'
                    f"{html_lib.escape(ch)}</span></p>" for i, ch in enumerate(chars))
    page_html = f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body>{cited}{spans}"
    # A fresh page of the module's Chromium (a second Playwright in one thread is refused).
    page = lab.page.page.context.browser.new_page()
    try:
        page.set_content(page_html + "</body></html>")
        page.evaluate("document.fonts.ready")
        shots = [page.locator(f"#c{i}").screenshot() for i in range(len(chars))]
        page.screenshot(path=str(tmp_path / "citation.png"), full_page=True)
    finally:
        page.close()
    assert len(set(shots)) == len(chars), "some Chinese characters render as identical boxes"


# ---------------------------------------------------------------- keyboard and screen reader
_keyboard = _load_helper("_keyboard")
# What belongs to JupyterLab's own interface (toolbars, prompts, code editors, the cell
# toolbar, the notebook footer) is left out of the audit: it is not our content. Ours is
# the rendered Markdown cells and the cells' outputs (figures, tables, exercises).
_OUR_CONTENT = (".jp-MarkdownOutput", ".jp-OutputArea-output")
_AXE_FAILS = ("serious", "critical")


def _axe_violations(page, include: list[str]) -> list[dict]:
    """axe-core's serious and critical violations inside the ``include`` selectors."""
    from axe_playwright_python.sync_playwright import Axe

    context = {"include": [[s] for s in include]}
    results = Axe().run(page, context=context, options={"resultTypes": ["violations"]})
    return [{"id": v["id"], "impact": v["impact"], "nodes": len(v["nodes"]),
             "target": v["nodes"][0]["target"], "help": v["help"]}
            for v in results.response["violations"] if v["impact"] in _AXE_FAILS]


def test_every_exercise_type_works_with_the_keyboard_alone(lab):
    """One exercise of each type, answered and checked with keys only (a fresh student).

    After the focus enters the first control, only keys are pressed: the controls are
    reached with Tab, Check is pressed with Enter and keeps the focus, and the feedback
    is words (✔ Correct ...) in an alert a screen reader reads out. Hint is reached with
    Tab and pressed with Enter; when the hints run out (the button is disabled) the focus
    goes to Check instead of being lost.
    """
    from dsrlab.exercises.model import get

    page = lab.page
    picks = [pick for _, notebook_picks in TYPE_COVERAGE for pick in notebook_picks]
    assert len({kind for _, kind in picks}) >= 8, picks  # every exercise type
    name = _fresh_kernel_notebook(lab.root, "_keyboard.ipynb", [eid for eid, _ in picks])
    import nbformat

    nb = nbformat.read(lab.root / name, as_version=4)
    nb.cells.insert(1, nbformat.v4.new_code_cell('dsrlab.set_student("Keyboard Student")'))
    nbformat.write(nb, lab.root / name)
    snapshot = page.run_all(name)
    problems, hinted = [], False
    browser = page.page
    try:
        assert not [c for c in snapshot.code_cells if c["errors"]], snapshot.code_cells
        page.front(name)
        panel = page.panel(name)
        for eid, kind in picks:
            ex = get(eid)
            root = panel.locator(_student.root_selector(eid)).first
            root.scroll_into_view_if_needed()
            given = _keyboard.answer_by_keyboard(browser, root, ex)
            page.settle(name)
            if not _keyboard.press_tab_to(browser, f"{_student.root_selector(eid)} .dsrlab-check"):
                at = browser.evaluate("() => document.activeElement.outerHTML.slice(0, 150)")
                problems.append(f"{eid} ({kind}): Tab never reached Check after {given}; "
                                f"the focus is on {at}")
                continue
            browser.keyboard.press("Enter")
            alert = root.locator(".dsrlab-feedback [role=alert]").first
            try:
                alert.wait_for(timeout=_student.FEEDBACK_WAIT_MS)
            except Exception:  # noqa: BLE001 - reported below with what is shown
                problems.append(f"{eid} ({kind}): no alert after Check: "
                                f"{_student.feedback_text(root)!r}")
                continue
            text = (alert.text_content() or "").strip()
            if not re.match(r"✔ (Correct|Saved)", text):
                shown = root.locator("select").evaluate_all("ss => ss.map(s => s.selectedIndex)")
                problems.append(f"{eid} ({kind}): {given} gave {text!r} (drop-downs {shown})")
            if not _keyboard.focused(browser, f"{_student.root_selector(eid)} .dsrlab-check"):
                problems.append(f"{eid} ({kind}): the focus left Check after pressing it")
            if not hinted and ex.get("hints"):
                hinted = True
                browser.keyboard.press("Tab")
                if not _keyboard.focused(browser, f"{_student.root_selector(eid)} .dsrlab-hint"):
                    problems.append(f"{eid}: Tab from Check does not reach Hint")
                for _ in ex["hints"]:
                    browser.keyboard.press("Enter")
                    page.settle(name)
                root.locator(".dsrlab-hints [role=alert]").first.wait_for(timeout=15_000)
                browser.wait_for_function(
                    "s => document.activeElement && document.activeElement.matches(s)",
                    arg=f"{_student.root_selector(eid)} .dsrlab-check", timeout=15_000)
        assert hinted, "no exercise with hints was tried"
        assert not problems, "\n".join(problems)
        where = f"[id='{panel.get_attribute('id')}'] .dsrlab-exercise"
        violations = _axe_violations(browser, [where])
        assert violations == [], violations
    finally:
        page.close(name)
        (page.server.home / "answers" / "current_student").unlink(missing_ok=True)


@pytest.mark.parametrize("notebook_run", NOTEBOOKS, indirect=True)
def test_axe_finds_no_serious_violation_in_our_content(notebook_run, lab):
    """axe-core (shipped in axe-playwright-python) over the notebook's Markdown and outputs
    in JupyterLab, after Run All: no serious or critical violation (see ``_OUR_CONTENT``)."""
    page = lab.page
    if not page.is_open(notebook_run.name):
        pytest.fail(f"{notebook_run.name} was closed by an earlier failure")
    page.front(notebook_run.name)
    panel = page.panel(notebook_run.name).get_attribute("id")
    violations = _axe_violations(page.page, [f"[id='{panel}'] {s}" for s in _OUR_CONTENT])
    print(f"axe {notebook_run.name}: {len(violations)} serious/critical rules, "
          f"{sum(v['nodes'] for v in violations)} elements: {[v['id'] for v in violations]}")
    assert violations == [], violations


def test_axe_finds_no_serious_violation_in_a_brief_and_a_site_page(lab, tmp_path):
    """axe-core over whole pages we write: a Spanish brief (``dsrlab brief``) and a site page
    (a session notebook executed and rendered as ``dsrlab site`` renders it). Every image
    has its alt text, every text its contrast, in our CSS and nbconvert's lab theme."""
    import subprocess

    import papermill as pm

    from dsrlab.render import html_exporter, notebook_html

    run = subprocess.run([sys.executable, "-m", "dsrlab.cli", "brief", "BOL", "--lang", "es",
                          "--out", str(tmp_path)], capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    source = NOTEBOOK_DIR / "04_un_cyber_diplomacy.ipynb"
    nb = pm.execute_notebook(str(source), None, kernel_name="python3", progress_bar=False,
                             cwd=str(source.parent), execution_timeout=600)
    pages = {"brief BOL_es": (tmp_path / "BOL_es.html").read_text(encoding="utf-8"),
             "site 04": notebook_html(nb, html_exporter(exclude_input=False), "04")}
    page = lab.page.page.context.browser.new_page()
    found = {}
    try:
        for name, html in pages.items():
            assert html.count("<img") >= 2, name  # figures, each to be described
            page.set_content(html)
            found[name] = _axe_violations(page, ["body"])
            print(f"axe {name}: {len(found[name])} serious/critical rules: "
                  f"{[v['id'] for v in found[name]]}")
    finally:
        page.close()
    assert found == {name: [] for name in pages}, found
