"""Drive one JupyterLab page in Playwright: open notebooks, run them, read what a student sees.

The server runs with ``expose_app_in_browser`` so the page can reach ``window.jupyterapp``:
the test uses it to open notebooks, run and restart (the same commands as the menus) and to
read each cell's model (execution counts, error outputs). Everything asserted about what
renders is read from the DOM.

Several notebooks can run at once, each in its own tab and kernel, so the kernels keep
both cores busy while the test looks at the notebook in front; every call names the
notebook it is about by its path.
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

# Text left in an output when it cannot be shown: by the ipywidgets manager (a widget
# whose model or view failed, or never arrived) and by JupyterLab (a renderer that threw).
WIDGET_PROBLEMS = ("Error displaying widget", "Loading widget...", "Javascript Error:")

# JavaScript: `w` = the notebook panel open on `path` (undefined when there is none).
_FIND = """
  const app = window.jupyterapp;
  const w = app && app.shell ? Array.from(app.shell.widgets('main'))
      .find(x => x.context && x.context.path === path && !x.isDisposed) : undefined;
"""

_JS_READY = f"""(path) => {{{_FIND}
  if (!w || !w.sessionContext || !w.context.isReady) return false;
  const kernel = w.sessionContext.session && w.sessionContext.session.kernel;
  return Boolean(kernel && kernel.status === 'idle' && kernel.connectionStatus === 'connected');
}}"""

# Done when the kernel is idle and no cell is queued or running, and either every code
# cell has an execution count or a cell stopped the run with an error.
_JS_RUN_FINISHED = f"""(path) => {{{_FIND}
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
    for (let j = 0; j < c.outputs.length; j++) {{
      if (c.outputs.get(j).type === 'error') failed = true;
    }}
  }}
  return allRan || failed;
}}"""

# Bring the notebook's tab to the front and run a notebook command on it. With `wait`
# false the command is only started (Run All resolves when the last cell has run).
_JS_COMMAND = f"""async ([path, command, wait]) => {{{_FIND}
  app.shell.activateById(w.id);
  for (let i = 0; i < 50 && app.shell.currentWidget !== w; i++) {{
    await new Promise(r => setTimeout(r, 20));
  }}
  if (app.shell.currentWidget !== w) throw new Error('cannot bring ' + path + ' to the front');
  const done = app.commands.execute(command);
  if (wait) await done;
  else done.catch(e => console.error(command + ' failed on ' + path + ': ' + e));
  return true;
}}"""

_JS_SNAPSHOT = f"""([path, problems]) => {{{_FIND}
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
          .map(n => n.textContent);
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
      cell.loading = outNodes.some(n => n.textContent.includes('Loading widget...'));
      // A widget view is a top-level output panel holding a .jupyter-widgets element; when
      // the view fails, the panel itself gets that class and an error text instead.
      cell.rendered_widgets = outNodes
          .filter(n => !n.parentElement.closest('.jp-OutputArea-output'))
          .filter(n => n.querySelector(':scope > .jupyter-widgets')
                       && !n.querySelector('.jupyter-widgets-error-widget')
                       && !problems.some(p => n.textContent.includes(p))).length;
      // a described figure comes as HTML (<img class="dsrlab-figure" alt=...>)
      cell.rendered_images = [...node.querySelectorAll('.jp-RenderedImage img, '
                                                      + 'img.dsrlab-figure, .jp-RenderedSVG svg')]
          .filter(im => im.tagName.toLowerCase() === 'svg'
                        || (im.complete && im.naturalWidth > 0)).length;
      // Each exercise: its type and id (from its CSS classes) and the contract's parts
      // it lacks (Check, feedback, Hint, Show answer).
      cell.exercises = [...node.querySelectorAll('.dsrlab-exercise')].map(e => ({{
        type: [...e.classList].filter(k => k.startsWith('dsrlab-type-'))
            .map(k => k.slice('dsrlab-type-'.length)).join(','),
        id: [...e.classList].filter(k => k.startsWith('dsrlab-ex-'))
            .map(k => k.slice('dsrlab-ex-'.length)).join(','),
        missing: ['dsrlab-check', 'dsrlab-feedback', 'dsrlab-hint', 'dsrlab-reveal']
            .filter(k => !e.querySelector('.' + k)),
      }}));
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
    """One browser page on the JupyterLab server, with any number of notebook tabs."""

    def __init__(self, page, server, timeout_ms: int = 240_000):
        self.page = page
        self.server = server
        self.timeout_ms = timeout_ms
        self.loaded = False
        self.started: dict[str, float] = {}  # path -> when its Run All was sent
        self.start_errors: dict[str, Exception] = {}
        self.console: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console.append(f"pageerror: {exc}"))

    def _on_console(self, msg) -> None:
        if msg.type == "error":
            self.console.append("console.error: " + " | ".join(msg.text.splitlines()[:2])[:300])

    # ------------------------------------------------------------------ tabs
    def load(self) -> None:
        """Load JupyterLab itself (once): the token in the URL becomes a cookie."""
        if self.loaded:
            return
        page = self.page
        # ?reset drops any saved layout, so no other tab comes back.
        page.goto(self.server.url(f"lab?reset&token={self.server.token}"))
        page.wait_for_function(
            "() => window.jupyterapp && window.jupyterapp.started !== undefined",
            timeout=self.timeout_ms,
        )
        page.evaluate("async () => { await window.jupyterapp.restored; }")
        page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
        self.loaded = True

    def is_open(self, path: str) -> bool:
        return self.page.evaluate(f"(path) => {{{_FIND} return Boolean(w); }}", path)

    def open(self, path: str, wait: bool = True) -> None:
        """Open ``path`` (relative to the server root); wait until its kernel is idle."""
        self.load()
        if not self.is_open(path):
            self.page.evaluate(
                """async (path) => {
                  await window.jupyterapp.commands.execute('docmanager:open', {path});
                  return true;  // the widget itself cannot be sent back to Python
                }""",
                path,
            )
        if wait:
            self.page.wait_for_function(_JS_READY, arg=path, timeout=self.timeout_ms)

    def front(self, path: str) -> None:
        """Bring the notebook's tab to the front (clicks only reach visible widgets)."""
        self.page.evaluate(
            f"""async (path) => {{{_FIND}
              app.shell.activateById(w.id);
            }}""",
            path,
        )
        self.page.wait_for_function(
            f"(path) => {{{_FIND} return app.shell.currentWidget === w; }}", arg=path
        )

    def panel(self, path: str):
        """A Playwright locator for the notebook's panel (to find widgets inside it)."""
        widget_id = self.page.evaluate(f"(path) => {{{_FIND} return w.id; }}", path)
        return self.page.locator(f"[id='{widget_id}']")

    def close(self, path: str) -> None:
        """Close the notebook without a save dialog; its kernel shuts down in the background."""
        self.page.evaluate(
            f"""(path) => {{{_FIND}
              if (!w) return;
              const session = w.sessionContext && w.sessionContext.session;
              w.context.model.dirty = false;
              w.dispose();
              if (session) void app.serviceManager.sessions.shutdown(session.id);
            }}""",
            path,
        )
        self.started.pop(path, None)

    # ------------------------------------------------------------------ running
    def start_run_all(self, path: str) -> None:
        """Open the notebook and send Run All (Run > Run All Cells); do not wait for it."""
        self.open(path)
        self.started[path] = time.monotonic()
        self.page.evaluate(_JS_COMMAND, [path, "notebook:run-all-cells", False])

    def start_run_all_many(self, paths: list[str]) -> None:
        """Open every notebook, then send Run All to each as soon as its kernel is idle.

        A notebook that cannot be started is remembered; :meth:`run_all` raises for it,
        so one broken notebook fails its own tests only.
        """
        for path in paths:
            try:
                self.open(path, wait=False)
            except Exception as exc:  # noqa: BLE001 - reported by run_all(path)
                self.start_errors[path] = exc
        for path in paths:
            if path not in self.start_errors:
                try:
                    self.start_run_all(path)
                except Exception as exc:  # noqa: BLE001 - reported by run_all(path)
                    self.start_errors[path] = exc

    def run_all(self, path: str) -> NotebookSnapshot:
        """Run all cells (unless already started) and wait until the run has finished."""
        if path in self.start_errors:
            exc = self.start_errors.pop(path)
            raise RuntimeError(f"{path} could not be opened and run: {exc}") from exc
        if path not in self.started:
            self.start_run_all(path)
        return self.wait_finished(path)

    def restart_and_run_all(self, path: str) -> NotebookSnapshot:
        """Restart the kernel, clear every output, run all cells again and wait."""
        self.page.evaluate(
            f"""async (path) => {{{_FIND}
              await w.sessionContext.restartKernel();
            }}""",
            path,
        )
        self.page.wait_for_function(_JS_READY, arg=path, timeout=self.timeout_ms)
        self.page.evaluate(_JS_COMMAND, [path, "notebook:clear-all-cell-outputs", True])
        self.started[path] = time.monotonic()
        self.page.evaluate(_JS_COMMAND, [path, "notebook:run-all-cells", False])
        return self.wait_finished(path)

    def wait_finished(self, path: str) -> NotebookSnapshot:
        """Wait for the notebook's run to end, bring it to the front and read it."""
        self.page.wait_for_function(
            _JS_RUN_FINISHED, arg=path, timeout=self.timeout_ms, polling=250
        )
        self.front(path)
        # Give the widget manager time to draw every widget the kernel sent (on two busy
        # cores the last view can lag the last reply by seconds); whatever is still
        # loading or undrawn after that counts as a failure.
        deadline = time.monotonic() + 30
        while True:
            snap = self.snapshot(path)
            pending = [c for c in snap.code_cells
                       if c.get("loading") or (c["rendered_widgets"] < c["widget_outputs"]
                                               and not c["widget_problems"])]
            if time.monotonic() > deadline or not pending:
                break
            time.sleep(0.2)
        snap.seconds = time.monotonic() - self.started.get(path, time.monotonic())
        return snap

    def settle(self, path: str, quiet_s: float = 0.3, timeout_s: float = 30.0) -> None:
        """Wait until the notebook's kernel has stayed idle for ``quiet_s``.

        ipywidgets holds back a control's second change until the kernel has taken the
        first, while a button click goes out at once; a student is never quick enough to
        notice, a test is. Waiting for a quiet kernel lets every change reach it first.
        """
        deadline = time.monotonic() + timeout_s
        quiet_since = None
        while time.monotonic() < deadline:
            status = self.page.evaluate(
                f"""(path) => {{{_FIND}
                  const k = w && w.sessionContext.session && w.sessionContext.session.kernel;
                  return k ? k.status : 'none';
                }}""",
                path,
            )
            now = time.monotonic()
            if status != "idle":
                quiet_since = None
            elif quiet_since is None:
                quiet_since = now
            elif now - quiet_since >= quiet_s:
                return
            time.sleep(0.05)

    def snapshot(self, path: str) -> NotebookSnapshot:
        data = self.page.evaluate(_JS_SNAPSHOT, [path, list(WIDGET_PROBLEMS)])
        return NotebookSnapshot(data["path"], data["cells"], console_errors=list(self.console))

    def show_top(self, path: str) -> None:
        """Scroll the notebook back to its first cell (Run All and the screenshot leave it
        scrolled elsewhere; JupyterLab draws only the cells in view)."""
        self.front(path)
        self.page.evaluate(
            f"""(path) => {{{_FIND}
              const outer = w.node.querySelector('.jp-WindowedPanel-outer');
              if (outer) outer.scrollTop = 0;
            }}""",
            path,
        )

    # ------------------------------------------------------------------ pictures
    def screenshot(self, path: str, target: Path) -> Path:
        """A picture of the whole notebook: the window grows to the notebook's height."""
        page = self.page
        self.front(path)
        size = page.viewport_size
        # The notebook scrolls inside its panel: grow the window by the hidden part.
        hidden = page.evaluate(
            f"""(path) => {{{_FIND}
              const outer = w.node.querySelector('.jp-WindowedPanel-outer');
              const inner = w.node.querySelector('.jp-WindowedPanel-inner');
              return outer && inner ? inner.scrollHeight - outer.clientHeight : 0;
            }}""",
            path,
        )
        try:
            tall = min(size["height"] + max(0, int(hidden)) + 40, 30_000)
            page.set_viewport_size({"width": size["width"], "height": tall})
            page.wait_for_function(
                f"""([path, tall]) => {{{_FIND}
                  const outer = w.node.querySelector('.jp-WindowedPanel-outer');
                  if (outer) outer.scrollTop = 0;  // Run All leaves it scrolled to the end
                  return !outer || outer.getBoundingClientRect().bottom > tall - 200;
                }}""",
                arg=[path, tall],
                timeout=10_000,
            )
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target), full_page=True)
        finally:
            page.set_viewport_size(size)
        return target
