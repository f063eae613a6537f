"""Drive one JupyterLab page in Playwright: open a notebook, run it, read what a student sees.

The server runs with ``expose_app_in_browser`` so the page can reach ``window.jupyterapp``:
the test uses it to open notebooks, run and restart (the same commands as the menus) and to
read each cell's model (execution counts, error outputs). Everything asserted about what
renders is read from the DOM.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["CHROMIUM_ARGS", "LabPage", "NotebookSnapshot", "WIDGET_PROBLEMS"]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Text the ipywidgets manager leaves in an output when a widget cannot be shown.
WIDGET_PROBLEMS = ("Error displaying widget", "Loading widget...", "Error rendering output")

_CURRENT = "window.jupyterapp.shell.currentWidget"

_JS_READY = f"""(path) => {{
  const app = window.jupyterapp;
  if (!app || !app.shell) return false;
  const w = {_CURRENT};
  if (!w || !w.context || w.context.path !== path || !w.sessionContext) return false;
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  return Boolean(w.context.isReady && kernel && kernel.status === 'idle'
                 && kernel.connectionStatus === 'connected');
}}"""

# Done when the kernel is idle and no cell is queued or running, and either every code
# cell has an execution count or a cell stopped the run with an error.
_JS_RUN_FINISHED = f"""() => {{
  const w = {_CURRENT};
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  const prompts = [...w.node.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
      .map(p => p.textContent);
  if (prompts.some(p => p.includes('*'))) return false;
  const cells = w.content.model.cells;
  let allRan = true, failed = false;
  for (let i = 0; i < cells.length; i++) {{
    const c = cells.get(i);
    if (c.type !== 'code') continue;
    if (c.sharedModel.getSource().trim() && c.executionCount == null) allRan = false;
    if (c.outputs.toJSON().some(o => o.output_type === 'error')) failed = true;
  }}
  return allRan || failed;
}}"""

_JS_SNAPSHOT = f"""(problems) => {{
  const w = {_CURRENT};
  const cells = w.content.model.cells;
  const out = [];
  const textOf = (o) => Array.isArray(o.text) ? o.text.join('') : (o.text || '');
  for (let i = 0; i < cells.length; i++) {{
    const c = cells.get(i);
    const node = w.content.widgets[i].node;
    const cell = {{index: i, type: c.type, source: c.sharedModel.getSource()}};
    if (c.type === 'code') {{
      const outs = c.outputs.toJSON();
      const has = (o, mime) => Boolean(o.data && o.data[mime] !== undefined);
      cell.execution_count = c.executionCount;
      cell.prompt = (node.querySelector('.jp-InputPrompt') || {{}}).textContent || '';
      cell.errors = outs.filter(o => o.output_type === 'error')
          .map(o => `${{o.ename}}: ${{o.evalue}}`);
      cell.stderr = outs.filter(o => o.output_type === 'stream' && o.name === 'stderr')
          .map(textOf);
      cell.image_outputs = outs.filter(o => has(o, 'image/png') || has(o, 'image/svg+xml')
          || has(o, 'image/jpeg')).length;
      cell.widget_outputs = outs.filter(
          o => has(o, 'application/vnd.jupyter.widget-view+json')).length;
      const outNodes = [...node.querySelectorAll('.jp-OutputArea-output')];
      cell.dom_stderr = outNodes
          .filter(n => n.getAttribute('data-mime-type') === 'application/vnd.jupyter.stderr')
          .map(n => n.innerText);
      // ipywidgets 8 draws a broken widget as an error box ("Click to show javascript
      // error.") holding the message in a <pre>; older paths leave a text in the output.
      const broken = [...node.querySelectorAll('.jupyter-widgets-error-widget')].map(e => {{
        // The box shows its message once clicked (the handler sits on its parent).
        if (e.classList.contains('icon-error') && e.parentElement) e.parentElement.click();
        const pre = e.querySelector('pre');
        const lines = (pre ? pre.textContent : e.textContent).split('\\n')
            .filter(l => l.trim() && !l.includes('Open Browser Console'));
        return 'ipywidgets error box: ' + lines.slice(0, 2).join(' | ').slice(0, 300);
      }});
      cell.widget_problems = broken.concat(outNodes
          .filter(n => !n.querySelector('.jupyter-widgets-error-widget'))
          .map(n => n.textContent)
          .filter(t => problems.some(p => t.includes(p)))
          .map(t => t.trim().slice(0, 300)));
      // A widget view is a top-level output panel holding a .jupyter-widgets element; when
      // the view fails, the panel itself gets that class and an error text instead.
      cell.loading = outNodes.some(n => n.textContent.includes('Loading widget...'));
      cell.rendered_widgets = outNodes
          .filter(n => !n.parentElement.closest('.jp-OutputArea-output'))
          .filter(n => n.querySelector(':scope > .jupyter-widgets')
                       && !n.querySelector('.jupyter-widgets-error-widget')
                       && !problems.some(p => n.textContent.includes(p))).length;
      cell.rendered_images = [...node.querySelectorAll('.jp-RenderedImage img, '
                                                      + '.jp-RenderedSVG svg')]
          .filter(im => im.tagName.toLowerCase() === 'svg'
                        || (im.complete && im.naturalWidth > 0)).length;
      cell.exercises = [...node.querySelectorAll('.dsrlab-exercise')].map(e =>
          [...e.classList].filter(k => k.startsWith('dsrlab-type-'))
              .map(k => k.slice('dsrlab-type-'.length)).join(','));
    }}
    out.push(cell);
  }}
  return {{path: w.context.path, cells: out}};
}}"""


@dataclass
class NotebookSnapshot:
    """What one notebook shows after a run: one dict per cell (see ``_JS_SNAPSHOT``)."""

    path: str
    cells: list[dict]
    seconds: float = 0.0
    console_errors: list[str] = field(default_factory=list)

    @property
    def code_cells(self) -> list[dict]:
        return [c for c in self.cells if c["type"] == "code"]


class LabPage:
    """One browser page on the JupyterLab server; opens one notebook at a time."""

    def __init__(self, page, server, timeout_ms: int = 60_000):
        self.page = page
        self.server = server
        self.timeout_ms = timeout_ms
        self.current: str | None = None
        self.console: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console.append(f"pageerror: {exc}"))

    def _on_console(self, msg) -> None:
        if msg.type == "error":
            self.console.append("console.error: " + " | ".join(msg.text.splitlines()[:2])[:300])

    # ------------------------------------------------------------------ navigation
    def open(self, path: str) -> None:
        """Open ``path`` (relative to the server root) with a fresh kernel and wait for idle."""
        page = self.page
        if self.current is None:
            # First visit: the token in the URL becomes a cookie; ?reset drops saved layouts.
            page.goto(self.server.url(f"lab/tree/{path}?reset&token={self.server.token}"))
            page.wait_for_function(
                "() => window.jupyterapp && window.jupyterapp.started !== undefined",
                timeout=self.timeout_ms,
            )
            page.evaluate("() => window.jupyterapp.started")
            page.evaluate("() => window.jupyterapp.restored")
            page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        else:
            self.close_current()
            page.evaluate(
                """async (path) => {
                  await window.jupyterapp.commands.execute('docmanager:open', {path});
                  return true;  // the widget itself cannot be sent back to Python
                }""",
                path,
            )
        page.wait_for_function(_JS_READY, arg=path, timeout=self.timeout_ms)
        self.current = path
        self.console.clear()

    def close_current(self) -> None:
        """Shut down the open notebook's kernel and close it without a save dialog."""
        if self.current is None:
            return
        # The kernel shuts down in the background while the next notebook opens.
        self.page.evaluate(
            f"""() => {{
              const w = {_CURRENT};
              if (!w || !w.sessionContext) return;
              const session = w.sessionContext.session;
              w.context.model.dirty = false;
              w.dispose();
              if (session) void window.jupyterapp.serviceManager.sessions.shutdown(session.id);
            }}"""
        )
        self.current = None

    # ------------------------------------------------------------------ running
    def run_all(self) -> NotebookSnapshot:
        """Run all cells (the Run > Run All Cells command) and wait until the run finished."""
        start = time.monotonic()
        self.page.evaluate(
            "() => window.jupyterapp.commands.execute('notebook:run-all-cells')"
        )
        return self._wait_finished(start)

    def restart_and_run_all(self) -> NotebookSnapshot:
        """Restart the kernel, clear every output, run all cells again and wait."""
        start = time.monotonic()
        self.page.evaluate(
            f"""async () => {{
              const w = {_CURRENT};
              await w.sessionContext.restartKernel();
              await window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs');
            }}"""
        )
        self.page.wait_for_function(_JS_READY, arg=self.current, timeout=self.timeout_ms)
        self.console.clear()
        self.page.evaluate(
            "() => window.jupyterapp.commands.execute('notebook:run-all-cells')"
        )
        return self._wait_finished(start)

    def _wait_finished(self, start: float) -> NotebookSnapshot:
        self.page.wait_for_function(_JS_RUN_FINISHED, timeout=self.timeout_ms, polling=100)
        # Give the widget manager a moment to turn "Loading widget..." into widgets;
        # whatever is still loading after that counts as a failure.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            snap = self.snapshot()
            if not any(c.get("loading") for c in snap.code_cells):
                break
            time.sleep(0.2)
        snap.seconds = time.monotonic() - start
        return snap

    def snapshot(self) -> NotebookSnapshot:
        data = self.page.evaluate(_JS_SNAPSHOT, list(WIDGET_PROBLEMS))
        return NotebookSnapshot(data["path"], data["cells"], console_errors=list(self.console))

    # ------------------------------------------------------------------ pictures
    def screenshot(self, target: Path) -> Path:
        """A picture of the whole notebook: the viewport grows to the notebook's height."""
        page = self.page
        size = page.viewport_size
        # The notebook scrolls inside its panel: grow the window by the hidden part.
        hidden = page.evaluate(
            f"""() => {{
              const w = {_CURRENT};
              const outer = w.node.querySelector('.jp-WindowedPanel-outer');
              const inner = w.node.querySelector('.jp-WindowedPanel-inner');
              return outer && inner ? inner.scrollHeight - outer.clientHeight : 0;
            }}"""
        )
        try:
            tall = min(size["height"] + max(0, int(hidden)) + 40, 30_000)
            page.set_viewport_size({"width": size["width"], "height": tall})
            page.wait_for_function(
                f"""(tall) => {{
                  const outer = {_CURRENT}.node.querySelector('.jp-WindowedPanel-outer');
                  if (outer) outer.scrollTop = 0;  // Run All leaves it scrolled to the end
              return !outer || outer.getBoundingClientRect().bottom > tall - 200;
                }}""",
                arg=tall,
                timeout=5_000,
            )
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target), full_page=True)
        finally:
            page.set_viewport_size(size)
        return target
