"""Country briefs and the validated papermill wrapper behind ``dsrlab brief`` and ``dsrlab run``.

A brief is ``notebooks/country_brief.ipynb`` executed for one CELAC state and exported
as HTML with the code hidden. For many countries, each worker keeps ONE kernel alive and
runs the template once per country in it (namespace reset between countries, imports
stay warm); the workers run in parallel. Every file is written atomically: a temp file
in the target folder, then :func:`os.replace`.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from .base.errors import DsrlabError, UsageError, choices_text
from .base.files import writable_dir, write_atomic
from .base.i18n import set_language
from .base.paths import notebooks_dir
from .base.workers import usable_workers
from .blocks.countries import celac_countries, country_name, resolve_country
from .brief_index import write_index
from .printing import PAPERS, html_to_pdf, tag_brief_cells, with_print_css
from .render import KERNEL, html_exporter, notebook_html, skip_slow_format_checker

__all__ = ["TEMPLATE", "BriefKernel", "render_briefs", "write_index", "make_briefs", "FORMATS",
           "PAPERS"]

FORMATS = ("html", "ipynb", "pdf", "both", "all")
#: The files each ``--format`` writes ("both" is HTML and notebook, as before PDFs existed).
_KINDS = {"html": ("html",), "ipynb": ("ipynb",), "pdf": ("pdf",), "both": ("html", "ipynb"),
          "all": ("html", "ipynb", "pdf")}

TEMPLATE = "country_brief.ipynb"
TIMEOUT = 600
TEMPLATE_ONLY = "dsrlab-template-only"  # cells tagged so are left out of the HTML brief
_WARM_UP = """\
import dsrlab, dsrlab.blocks.maps, dsrlab.topics.brief, geopandas, matplotlib.pyplot
from dsrlab.topics import capstone
for _name in capstone.fact_tables():
    dsrlab.load(_name)
"""


class BriefKernel:
    """One kernel that renders the brief template for many countries in turn."""

    def __init__(self, template: Path | None = None):
        skip_slow_format_checker()
        from jupyter_client import AsyncKernelManager

        self.template_path = Path(template or notebooks_dir() / TEMPLATE)
        self.loop = asyncio.new_event_loop()
        self.km = AsyncKernelManager(kernel_name=KERNEL)
        # start the kernel first: it boots while we import nbformat/papermill/nbconvert
        self.loop.run_until_complete(self.km.start_kernel(
            cwd=str(self.template_path.parent),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        self._template = self._exporter = None
        # Queue the template's imports and the data loads now: the kernel runs them while
        # this process imports nbformat, papermill and nbconvert (zmq holds the request
        # until the kernel is up).
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.allow_stdin = False
        self.kc.execute(_WARM_UP, silent=True, store_history=False)
        self._ready_done = False

    @property
    def template(self):
        if self._template is None:
            import nbformat

            self._template = nbformat.read(self.template_path, as_version=4)
        return self._template

    @property
    def exporter(self):
        if self._exporter is None:
            self._exporter = html_exporter()
        return self._exporter

    async def _ready(self):
        if self.kc is None:  # after a restart
            self.kc = self.km.client()
            self.kc.start_channels()
            self.kc.allow_stdin = False
            self._ready_done = False
        if not self._ready_done:
            await self.kc.wait_for_ready(timeout=TIMEOUT)
            self._ready_done = True
        return self.kc

    async def _reset(self):
        kc = await self._ready()
        msg_id = kc.execute("%reset -f", silent=True, store_history=False)
        while True:
            reply = await kc.get_shell_msg(timeout=TIMEOUT)
            if reply["parent_header"].get("msg_id") == msg_id:
                return

    async def _execute(self, nb):
        from nbclient import NotebookClient

        await self._reset()
        client = NotebookClient(nb, km=self.km, timeout=TIMEOUT, kernel_name=KERNEL,
                                resources={"metadata": {"path": str(self.template_path.parent)}})
        client.kc = self.kc
        await client.async_execute()
        return nb

    def render(self, iso3: str, lang: str, out: Path, fmt: str = "html", paper: str = "a4"
               ) -> dict:
        """Execute the brief for one country; return a result record (never raises)."""
        import nbformat
        from papermill import __version__ as pm_version
        from papermill.parameterize import parameterize_notebook


        started = time.perf_counter()
        stem = f"{iso3}_{lang}"
        targets = {kind: out / f"{stem}.{kind}" for kind in _KINDS[fmt]}
        record = {"country": iso3, "lang": lang, "ok": False, "error": None,
                  "paths": {k: str(v) for k, v in targets.items()}}
        nb = copy.deepcopy(self.template)
        nb.metadata["papermill"] = {}
        for cell in nb.cells:  # papermill's own loader does the same
            cell.metadata.setdefault("tags", [])
        meta = nb.metadata.papermill
        try:
            nb = parameterize_notebook(nb, {"country": iso3, "lang": lang},
                                       kernel_name=KERNEL, language="python")
            meta = nb.metadata.papermill
            meta.update(input_path=str(self.template_path),
                        output_path=str(targets.get("ipynb", "")),
                        start_time=datetime.now(UTC).isoformat(), version=pm_version,
                        environment_variables={}, exception=None)
            _ = self.exporter  # build it (imports nbconvert) while the kernel warms up
            self.loop.run_until_complete(self._execute(nb))
        except Exception as exc:  # noqa: BLE001 - a failed country must not stop the rest
            meta["exception"] = True
            record["error"] = _one_line(exc)
            self._recover(exc)
        meta["end_time"] = datetime.now(UTC).isoformat()
        meta["duration"] = time.perf_counter() - started
        if record["error"] is None:
            try:
                if "ipynb" in targets:
                    write_atomic(targets["ipynb"], nbformat.writes(nb))
                if "html" in targets or "pdf" in targets:
                    self._write_pages(nb, iso3, lang, targets, paper)
                record["ok"] = True
            except OSError as exc:
                record["error"] = f"cannot write {out}: {exc.strerror or exc}"
            except DsrlabError as exc:
                record["error"] = str(exc)
        record["seconds"] = time.perf_counter() - started
        return record

    def _write_pages(self, nb, iso3: str, lang: str, targets: dict, paper: str) -> None:
        """The HTML page (code hidden, print CSS) and, when asked, its PDF."""
        title = f"{country_name(iso3, lang)} · DSR Lab"
        page = copy.deepcopy(nb)
        page.cells = [c for c in page.cells if TEMPLATE_ONLY not in c.metadata.get("tags", [])]
        tag_brief_cells(page)
        text = with_print_css(notebook_html(page, self.exporter, title), paper, lang)
        html_path = targets.get("html")
        if html_path is None:  # PDF only: print a hidden HTML file, then remove it
            html_path = targets["pdf"].with_name(f".{targets['pdf'].stem}.print.html")
        try:
            write_atomic(html_path, text)
            if "pdf" in targets:
                html_to_pdf(html_path, targets["pdf"])
        finally:
            if "html" not in targets:
                html_path.unlink(missing_ok=True)

    def _recover(self, exc: Exception):
        # a timed-out cell is interrupted and a dead kernel restarted: the next country runs
        from nbclient.exceptions import CellTimeoutError

        try:
            alive = self.loop.run_until_complete(self.km.is_alive())
            if alive and isinstance(exc, CellTimeoutError | TimeoutError):
                self.loop.run_until_complete(self.km.interrupt_kernel())
            elif not alive:
                if self.kc is not None:
                    self.kc.stop_channels()
                    self.kc = None
                self.loop.run_until_complete(self.km.restart_kernel(now=True))
        except Exception:  # noqa: BLE001
            pass

    def close(self):
        try:
            if self.kc is not None:
                self.kc.stop_channels()
            self.loop.run_until_complete(self.km.shutdown_kernel(now=True))
        finally:
            self.loop.close()


def _one_line(exc: BaseException) -> str:
    name = getattr(exc, "ename", None) or type(exc).__name__
    value = getattr(exc, "evalue", None)
    if value is None:
        value = str(exc)
    text = " ".join(str(value).split())
    return f"{name}: {text}"[:300]


# --- worker processes (each owns one BriefKernel) -------------------------------------
# Workers are plain subprocesses (``python -m dsrlab.briefs --worker ...``) fed one ISO3
# code per line on stdin; each answers with one marked JSON line on stdout. Unlike
# multiprocessing, nothing depends on how the parent's __main__ can be re-imported.

_MARK = "DSRLAB-RESULT "


def _failure(iso3: str, lang: str, error: str) -> dict:
    return {"country": iso3, "lang": lang, "ok": False, "error": error, "paths": {}}


def _drive_worker(command: list[str], tasks, results, lang: str) -> None:
    """Feed one worker process from the shared task queue until it is empty."""
    import json
    import queue

    proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, bufsize=1)
    try:
        while True:
            try:
                iso3 = tasks.get_nowait()
            except queue.Empty:
                return
            try:
                proc.stdin.write(iso3 + "\n")
                proc.stdin.flush()
                record = None
                for line in proc.stdout:
                    if line.startswith(_MARK):
                        record = json.loads(line[len(_MARK):])
                        break
                if record is None:
                    raise RuntimeError(f"worker stopped (exit status {proc.wait()})")
            except (OSError, RuntimeError, ValueError) as exc:
                results.put(_failure(iso3, lang, _one_line(exc)))
                return  # this worker is gone; the others take the remaining countries
            results.put(record)
    finally:
        with contextlib.suppress(OSError):
            proc.stdin.close()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        with contextlib.suppress(OSError):  # the pipe is ours to close, or it leaks
            proc.stdout.close()


def _run_workers(countries, lang, folder, fmt, jobs, template, bar, paper="a4") -> list[dict]:
    import queue
    import threading

    tasks, results = queue.Queue(), queue.Queue()
    for iso3 in countries:
        tasks.put(iso3)
    command = [sys.executable, "-m", "dsrlab.briefs", "--worker", str(template), lang,
               str(folder), fmt, paper]
    threads = [threading.Thread(target=_drive_worker, args=(command, tasks, results, lang),
                                daemon=True) for _ in range(jobs)]
    for thread in threads:
        thread.start()
    records: list[dict] = []
    while len(records) < len(countries):
        try:
            records.append(results.get(timeout=0.5))
            bar.update()
        except queue.Empty:
            if not any(thread.is_alive() for thread in threads) and results.empty():
                while not tasks.empty():  # every worker died: the rest cannot run
                    records.append(_failure(tasks.get(), lang, "no worker left to run it"))
                    bar.update()
    return records


def _worker_main(argv: list[str]) -> int:
    """Entry point of a worker process: render each country read from stdin."""
    import json

    template, lang, out, fmt, paper = argv
    kernel = BriefKernel(Path(template))
    try:
        for line in sys.stdin:
            iso3 = line.strip()
            if not iso3:
                break
            record = kernel.render(iso3, lang, Path(out), fmt, paper)
            sys.stdout.write(_MARK + json.dumps(record) + "\n")
            sys.stdout.flush()
    finally:
        kernel.close()
    return 0


def render_briefs(countries, lang: str = "en", out="briefs", fmt: str = "html",
                  jobs: int | None = None, progress: bool = True, template=None,
                  kernel: BriefKernel | None = None, paper: str = "a4") -> list[dict]:
    """Render the brief for each ISO3 code in ``countries``; return one record per country.

    With more than one country and ``jobs`` > 1, ``jobs`` worker processes (default and cap: the
    CPUs and memory this process may use, see :func:`~dsrlab.base.workers.usable_workers`)
    each keep one kernel alive for all the countries they take, pulling
    the next country as soon as they finish one.
    Failures are recorded (``ok`` False, ``error``), never raised. ``template`` replaces
    ``notebooks/country_brief.ipynb`` (for tests and custom briefs); ``kernel``, a
    :class:`BriefKernel` already started, is used (and closed) for a one-worker run.
    """
    from tqdm.auto import tqdm

    countries = list(countries)
    folder = writable_dir(out)
    jobs = usable_workers(jobs, len(countries))
    bar = tqdm(total=len(countries), desc="briefs", unit="brief", file=sys.stderr,
               disable=not progress or len(countries) < 2)
    records: list[dict] = []
    if jobs == 1 or kernel is not None:
        kernel = kernel or BriefKernel(template)
        try:
            for iso3 in countries:
                records.append(kernel.render(iso3, lang, folder, fmt, paper))
                bar.update()
        finally:
            kernel.close()
    else:
        template = template or notebooks_dir() / TEMPLATE
        records = _run_workers(countries, lang, folder, fmt, jobs, template, bar, paper)
    bar.close()
    order = {iso3: i for i, iso3 in enumerate(countries)}
    return sorted(records, key=lambda r: order[r["country"]])


def make_briefs(country=None, *, all_countries: bool = False, lang: str | None = None,
                out="briefs", fmt: str = "html", jobs: int | None = None, paper: str = "a4"
                ) -> list[dict]:
    """Render the brief of one country, or of all 33 CELAC states.

    ``lang`` is ``"en"``, ``"es"`` or ``"both"``; by default English for one country and both
    languages with ``all_countries``. Returns one record per country and language
    (``country``, ``lang``, ``ok``, ``paths``, ``error``); :func:`write_index` makes the
    index page from them.
    """
    if all_countries and country:
        raise UsageError(f"give a COUNTRY or --all, not both (got {country!r} and --all)")
    if not all_countries and not country:
        raise UsageError("give a COUNTRY (ISO3, ISO2 or name, e.g. BOL) or --all")
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {choices_text(FORMATS)}")
    if paper not in PAPERS:
        raise UsageError(f"unknown paper {paper!r}; choose one of {choices_text(PAPERS)}")
    lang = lang or ("both" if all_countries else "en")
    langs = ["en", "es"] if lang == "both" else [set_language(lang)]
    usable_workers(jobs, 1)  # refuse 0, -1, ... before any work
    writable_dir(out)
    # one country: boot the kernel now, so it starts while we validate and import
    kernel = None if all_countries or len(langs) > 1 else BriefKernel()
    try:
        countries = list(celac_countries()) if all_countries else [resolve_country(country)]
    except BaseException:
        if kernel is not None:
            kernel.close()
        raise
    records = []
    for one in langs:
        records += render_briefs(countries, one, out, fmt, jobs=jobs, kernel=kernel,
                                 paper=paper)
        kernel = None
    return records


if __name__ == "__main__" and sys.argv[1:2] == ["--worker"]:  # pragma: no cover - a worker
    sys.exit(_worker_main(sys.argv[2:]))
