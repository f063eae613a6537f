"""Screenshots of what students and instructors see, for reviewing by eye.

    make screenshots                          # everything, into _screenshots/
    python scripts/screenshots.py --only 02 03 --skip-brief --skip-site
    python scripts/screenshots.py --only 01 --lang both   # English and Spanish editions

Writes PNGs (and ``report.md``, a list of things a script can spot) into ``_screenshots/``:

- ``notebooks-1400x900/`` and ``notebooks-1920x1080/``: every course notebook
  (``dsrlab.base.course.notebook_paths()``) after Run All in a real JupyterLab in headless
  Chromium, one screenshot per screen as the notebook panel is scrolled from top to bottom
  (``<stem>-p01.png``, ``-p02.png`` ...; the Spanish edition ``es-<stem>-p01.png``), at a
  laptop and a projector size;
- ``slides-1920x1080/``: one session as jupyterlab-rise slides (``/rise/<notebook>``), the
  first few slides, after the notebook has run;
- ``brief-1400x900/``: ``dsrlab brief BOL --lang es`` opened in Chromium, screen by screen;
- ``site-1400x900/``: ``dsrlab site --briefs BOL``: the index and one session page.

Everything runs from a temporary folder (a copy of the notebooks, its own HOME, Jupyter,
IPython, matplotlib and answers folders), so nothing is written into the repository except
``_screenshots/``. It works offline: the browser refuses any request that would leave the
machine (each refused address is listed in the report). It reuses the browser test's helpers
``tests/_jupyterlab_server.py`` and ``tests/_lab_page.py``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
CHROMIUM = os.environ.get("DSRLAB_CHROMIUM", "/usr/bin/chromium")
LAPTOP = (1400, 900)
PROJECTOR = (1920, 1080)
MAX_SHOTS = 80  # per page and size: a runaway scroll must not fill the disk


def _load_helper(name: str):
    """Import tests/<name>.py by path (tests/ is not a package)."""
    module_name = f"dsrlab_browser_{name.lstrip('_')}"
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, TESTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


_server = _load_helper("_jupyterlab_server")
_lab_page = _load_helper("_lab_page")


# ---------------------------------------------------------------- what a script can spot
# Run in the page with [rootSelector, screenHeight]: figures taller than the screen, outputs
# that scroll sideways, table cells a reader should not see (NaN, <NA>, None, True/False,
# text cut with "..."), tables showing an index, and error outputs.
_JS_HINTS = r"""([rootSel, screen]) => {
  const root = document.querySelector(rootSel) || document.body;
  const hints = [];
  const near = (el) => {
    const cell = el.closest('.jp-Cell, .jp-Notebook-cell, section, .cell');
    const idx = cell && cell.parentElement
        ? [...cell.parentElement.children].indexOf(cell) : -1;
    return idx >= 0 ? `cell ${idx}` : 'page';
  };
  root.querySelectorAll('img, svg').forEach(im => {
    if (im.closest('.jp-RenderedImage, .jp-RenderedSVG, .output_png, .output_svg, '
                   + '.jp-OutputArea-output, figure, .output')
        || im.tagName.toLowerCase() === 'img') {
      const h = im.getBoundingClientRect().height;
      if (h > screen) hints.push(`${near(im)}: figure ${Math.round(h)} px tall `
                                 + `> ${screen} px visible`);
    }
  });
  root.querySelectorAll('.jp-OutputArea-output, .output_area, .output, table').forEach(o => {
    if (o.scrollWidth > o.clientWidth + 4 && o.clientWidth > 0) {
      hints.push(`${near(o)}: ${o.tagName.toLowerCase()} scrolls sideways `
                 + `(${o.scrollWidth} px in ${o.clientWidth} px)`);
    }
  });
  root.querySelectorAll('table').forEach(tb => {
    const bad = new Set();
    tb.querySelectorAll('td, th').forEach(c => {
      const t = c.textContent.trim();
      if (/^(NaN|<NA>|None|nan|NaT|True|False)$/.test(t)) bad.add(t);
      if (/(\.\.\.|…)$/.test(t) && t.length > 20) bad.add('cut "…' + t.slice(-25) + '"');
    });
    if (tb.querySelector('tbody tr > th')) bad.add('index column (th in rows)');
    if (bad.size) hints.push(`${near(tb)}: table shows ${[...bad].slice(0, 6).join(', ')}`);
  });
  root.querySelectorAll('[data-mime-type="application/vnd.jupyter.stderr"], '
                        + '.jp-RenderedText[data-mime-type*="error"], .output_error')
      .forEach(e => hints.push(`${near(e)}: error/stderr output `
                               + JSON.stringify(e.textContent.trim().slice(0, 120))));
  return [...new Set(hints)];
}"""

# The notebook's scroller (JupyterLab's windowed panel) for `path`.
_JS_SCROLLER = _lab_page._FIND + """
  const outer = w && w.node.querySelector('.jp-WindowedPanel-outer');
"""


def _notebook_scroll(page, path: str, top: int | None) -> dict:
    """Scroll the notebook panel to ``top`` (None: stay) and report its geometry."""
    return page.evaluate(
        f"""([path, top]) => {{{_JS_SCROLLER}
          if (!outer) return {{top: 0, view: 0, height: 0}};
          if (top !== null) outer.scrollTop = top;
          // The panel leaves blank room below the last cell: the content ends there.
          const cells = w.node.querySelectorAll('.jp-Notebook-cell');
          const last = cells.length ? cells[cells.length - 1] : null;
          const end = last ? last.getBoundingClientRect().bottom
              - outer.getBoundingClientRect().top + outer.scrollTop : outer.scrollHeight;
          return {{top: outer.scrollTop, view: outer.clientHeight,
                   height: Math.min(outer.scrollHeight, Math.ceil(end) + 8)}};
        }}""",
        [path, top],
    )


def _repaint(page, pause: float = 0.35) -> None:
    """Two animation frames and a pause: off-screen cells paint when they come into view."""
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => "
                  "requestAnimationFrame(() => r(true))))")
    time.sleep(pause)


def shoot_notebook(lab, path: str, folder: Path, stem: str) -> list[Path]:
    """One screenshot per screen of the notebook, scrolling its panel from the top."""
    page = lab.page
    lab.front(path)
    _repaint(page, 0.8)
    shots: list[Path] = []
    geo = _notebook_scroll(page, path, 0)
    top = 0
    while len(shots) < MAX_SHOTS:
        geo = _notebook_scroll(page, path, top)
        _repaint(page)
        target = folder / f"{stem}-p{len(shots) + 1:02d}.png"
        page.screenshot(path=str(target))
        shots.append(target)
        geo = _notebook_scroll(page, path, None)  # heights change as cells get painted
        if geo["top"] + geo["view"] >= geo["height"] - 2 or geo["view"] <= 0:
            break
        top = geo["top"] + max(200, geo["view"] - 60)  # a little overlap between screens
    _notebook_scroll(page, path, 0)
    return shots


def shoot_static(page, url: str, folder: Path, stem: str) -> tuple[list[Path], list[str]]:
    """Open a static HTML page and take one screenshot per screen, scrolling the window."""
    page.goto(url)
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready")
    _repaint(page, 0.5)
    hints = page.evaluate(_JS_HINTS, ["body", page.viewport_size["height"]])
    shots: list[Path] = []
    top = 0
    while len(shots) < MAX_SHOTS:
        page.evaluate("(y) => window.scrollTo(0, y)", top)
        _repaint(page, 0.2)
        target = folder / f"{stem}-p{len(shots) + 1:02d}.png"
        page.screenshot(path=str(target))
        shots.append(target)
        now, view, height = page.evaluate(
            "() => [window.scrollY, window.innerHeight, "
            "document.documentElement.scrollHeight]")
        if now + view >= height - 2:
            break
        top = now + max(200, view - 60)
    return shots, hints


# ---------------------------------------------------------------- the parts
class Shooter:
    def __init__(self, out: Path, work: Path, pw):
        self.out = out
        self.work = work
        self.browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                          args=_lab_page.CHROMIUM_ARGS)
        self.report: list[str] = []
        self.blocked: set[str] = set()
        self.files: list[Path] = []

    def new_page(self, size: tuple[int, int]):
        page = self.browser.new_page(viewport={"width": size[0], "height": size[1]})
        page.route("**/*", self._offline)
        return page

    def _offline(self, route) -> None:
        url = route.request.url
        local = url.startswith(("file:", "data:", "blob:", "http://127.0.0.1",
                                "http://localhost", "ws://127.0.0.1"))
        if local:
            route.continue_()
        else:
            self.blocked.add(url[:120])
            route.abort()

    def section(self, title: str, shots: list[Path], hints: list[str]) -> None:
        self.files.extend(shots)
        rel = [str(p.relative_to(self.out)) for p in shots]
        self.report.append(f"## {title}\n")
        self.report.append(f"{len(shots)} screenshot(s): {rel[0] if rel else '-'}"
                           + (f" … {rel[-1]}" if len(rel) > 1 else "") + "\n")
        self.report.extend(f"- {h}" for h in hints)
        self.report.append("")
        print(f"  {title}: {len(shots)} screenshot(s), {len(hints)} hint(s)", flush=True)

    # ------------------------------------------------------------ JupyterLab
    def lab(self, notebooks: list[Path], slides: str | None, slide_count: int,
            langs: tuple[str, ...] = ("en",)) -> None:
        root = self.work / "notebooks"
        shutil.copytree(notebooks[0].parent, root,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
        # the Spanish edition lives in notebooks/es/ under the same names
        names = [f"{'' if lang == 'en' else lang + '/'}{p.name}" for lang in langs
                 for p in notebooks]
        slide_nb = next((n for n in names if slides and n.startswith(slides)), None)
        if slides and slide_nb is None:
            slide_nb = next((p.name for p in sorted(root.glob(f"{slides}*.ipynb"))), None)
            if slide_nb:
                names.append(slide_nb)
        server = _server.start_lab(root, self.work / "home")
        try:
            server.prestart_kernels(names)
            page = self.new_page(LAPTOP)
            lab = _lab_page.LabPage(page, server)
            lab.load()
            lab.start_run_all_many(names)
            for name in names:
                stem = name.removesuffix(".ipynb").replace("/", "-")  # es-01_dsr_origins
                try:
                    snap = lab.run_all(name)
                except Exception as exc:  # noqa: BLE001 - one notebook must not stop the rest
                    self.report.append(f"## {stem}\n\n- could not run: {exc}\n")
                    print(f"  {stem}: could not run: {exc}", flush=True)
                    continue
                errors = [f"cell {c['index']}: {e}" for c in snap.code_cells
                          for e in c["errors"]]
                for size in (LAPTOP, PROJECTOR):
                    page.set_viewport_size({"width": size[0], "height": size[1]})
                    lab.front(name)
                    _repaint(page, 1.0)  # JupyterLab lays the panel out again
                    folder = self.out / f"notebooks-{size[0]}x{size[1]}"
                    folder.mkdir(parents=True, exist_ok=True)
                    shots = shoot_notebook(lab, name, folder, stem)
                    view = _notebook_scroll(page, name, None)["view"]
                    panel_sel = f"[id='{lab.panel(name).get_attribute('id')}']"
                    hints = errors + page.evaluate(_JS_HINTS, [panel_sel, view])
                    self.section(f"{stem} at {size[0]}x{size[1]} "
                                 f"(run finished {snap.seconds:.0f} s after Run All)", shots, hints)
                page.set_viewport_size({"width": LAPTOP[0], "height": LAPTOP[1]})
                if name != slide_nb:
                    lab.close(name)
            if slide_nb:
                self.slides(lab, slide_nb, slide_count)
        finally:
            server.stop()

    def slides(self, lab, name: str, count: int) -> None:
        """Save the run notebook (outputs included), then open it as RISE slides.

        The slideshow joins the notebook's running kernel, so its widgets come back too.
        """
        lab.page.evaluate(_lab_page._JS_COMMAND, [name, "docmanager:save", True])
        server = lab.server
        page = self.new_page(PROJECTOR)
        folder = self.out / f"slides-{PROJECTOR[0]}x{PROJECTOR[1]}"
        folder.mkdir(parents=True, exist_ok=True)
        stem = Path(name).stem
        shots: list[Path] = []
        hints: list[str] = []
        try:
            page.goto(server.url(f"rise/{name}?token={server.token}"))
            page.wait_for_selector(".reveal .slides section.present", timeout=120_000)
            page.wait_for_function(
                "() => document.getElementById('rise-custom-css') !== null", timeout=30_000)
            _repaint(page, 3.0)  # widgets come back from the kernel
            for i in range(count):
                target = folder / f"{stem}-s{i + 1:02d}.png"
                page.screenshot(path=str(target))
                shots.append(target)
                hints += [f"slide {i + 1}: {h}" for h in
                          page.evaluate(_JS_HINTS, [".reveal .slides section.present",
                                                    PROJECTOR[1]])]
                page.keyboard.press("Space")  # next slide or subslide (ArrowRight skips these)
                _repaint(page, 1.0)
        except Exception as exc:  # noqa: BLE001 - report it, keep the other screenshots
            hints.append(f"slide mode failed: {exc}")
        finally:
            page.close()
        self.section(f"{stem} as slides at {PROJECTOR[0]}x{PROJECTOR[1]}", shots, hints)

    # ------------------------------------------------------------ brief and site
    def static(self, title: str, html: Path, folder_name: str, stem: str) -> None:
        page = self.new_page(LAPTOP)
        folder = self.out / folder_name
        folder.mkdir(parents=True, exist_ok=True)
        try:
            shots, hints = shoot_static(page, html.as_uri(), folder, stem)
        finally:
            page.close()
        self.section(f"{title} ({html.name}) at {LAPTOP[0]}x{LAPTOP[1]}", shots, hints)

    def brief(self, country: str, lang: str) -> None:
        out = self.work / "brief"
        if not _dsrlab("brief", country, "--lang", lang, "--out", str(out)):
            self.report.append(f"## brief\n\n- `dsrlab brief {country}` failed\n")
            return
        pages = sorted(out.rglob("*.html"))
        if not pages:
            self.report.append(f"## brief\n\n- no HTML in {out}\n")
            return
        self.static(f"brief {country} ({lang})", pages[0], "brief-1400x900",
                    f"{country}-{lang}")

    def site(self, country: str, page_key: str) -> None:
        out = self.work / "site"
        if not _dsrlab("site", "--briefs", country, "--out", str(out)):
            self.report.append("## site\n\n- `dsrlab site` failed\n")
            return
        self.static("site index", out / "index.html", "site-1400x900", "index")
        chosen = sorted(p for p in out.glob(f"*{page_key}*.html"))
        if chosen:
            self.static(f"site page {chosen[0].stem}", chosen[0], "site-1400x900",
                        chosen[0].stem)


def _dsrlab(*args: str) -> bool:
    """Run the dsrlab command line (this interpreter's) with the private environment."""
    exe = Path(sys.executable).parent / "dsrlab"
    cmd = [str(exe), *args] if exe.exists() else [
        sys.executable, "-c", "import sys; from dsrlab.cli import main; sys.exit(main())", *args]
    print("  $ dsrlab " + " ".join(args), flush=True)
    done = subprocess.run(cmd, cwd=REPO, check=False, capture_output=True, text=True)
    if done.returncode:
        print(done.stdout[-2000:] + done.stderr[-2000:], file=sys.stderr)
    return done.returncode == 0


def _isolate(root: Path) -> None:
    """Private HOME, Jupyter, IPython, matplotlib and answers folders (as conftest.py)."""
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
    os.environ.pop("MPLBACKEND", None)
    os.environ.pop("DSRLAB_STUDENT", None)  # a new student: nobody has given a name yet
    os.environ["JUPYTER_PLATFORM_DIRS"] = "1"
    os.environ["PYDEVD_DISABLE_FILE_VALIDATION"] = "1"
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(REPO / "_screenshots"), help="output folder")
    parser.add_argument("--only", nargs="*", metavar="STEM",
                        help="notebooks whose name starts with one of these (default: all)")
    parser.add_argument("--slides", default="01", metavar="STEM",
                        help="the session shown as slides ('' for none; default 01)")
    parser.add_argument("--slide-count", type=int, default=6)
    parser.add_argument("--country", default="BOL")
    parser.add_argument("--brief-lang", default="es")
    parser.add_argument("--site-page", default="02", help="which site page besides the index")
    parser.add_argument("--lang", choices=("en", "es", "both"), default="en",
                        help="which edition of the notebooks to show (default: en)")
    parser.add_argument("--skip-lab", action="store_true")
    parser.add_argument("--skip-brief", action="store_true")
    parser.add_argument("--skip-site", action="store_true")
    args = parser.parse_args(argv)

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("needs the playwright package: make install", file=sys.stderr)
        return 2
    if not os.access(CHROMIUM, os.X_OK):
        print(f"needs Chromium at {CHROMIUM} (apt-get install chromium, or set "
              "DSRLAB_CHROMIUM)", file=sys.stderr)
        return 2
    from dsrlab.base.course import notebook_paths

    notebooks = [p for stem, p in notebook_paths().items()
                 if not args.only or any(stem.startswith(k) for k in args.only)]
    out = Path(args.out).resolve()
    if out.exists():
        shutil.rmtree(out)  # stale pictures would mislead a reviewer
    out.mkdir(parents=True)
    work = Path(tempfile.mkdtemp(prefix="dsrlab-screenshots-"))
    _isolate(work / "env")
    started = time.monotonic()
    try:
        with sync_playwright() as pw:
            shooter = Shooter(out, work, pw)
            try:
                if not args.skip_lab and (notebooks or args.slides):
                    print("JupyterLab: running the notebooks", flush=True)
                    shooter.lab(notebooks or [next(iter(notebook_paths().values()))],
                                args.slides or None, args.slide_count,
                                ("en", "es") if args.lang == "both" else (args.lang,))
                if not args.skip_brief:
                    print("Country brief", flush=True)
                    shooter.brief(args.country, args.brief_lang)
                if not args.skip_site:
                    print("Offline site", flush=True)
                    shooter.site(args.country, args.site_page)
            finally:
                shooter.browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    blocked = sorted(shooter.blocked)
    head = [f"# Screenshots ({time.strftime('%Y-%m-%d %H:%M')}, "
            f"{time.monotonic() - started:.0f} s)\n",
            "Hints below are what a script can spot; look at the pictures for the rest.\n",
            "Requests refused (offline): " + (", ".join(blocked) if blocked else "none") + "\n"]
    (out / "report.md").write_text("\n".join(head + shooter.report) + "\n", encoding="utf-8")
    print(f"\n{len(shooter.files)} screenshots in {out}/ (notes: {out / 'report.md'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
