"""The offline course site: every course notebook executed, the briefs, an index.

``dsrlab site [--out _site]`` writes a static HTML site (an index, one page per session,
the briefs and their index) that needs no network; interactive exercises show a note
instead of a widget.
"""

from __future__ import annotations

import html
from pathlib import Path

from .base.course import brief, sessions
from .base.errors import UsageError
from .base.files import writable_dir, write_atomic
from .base.i18n import set_language, t
from .base.workers import usable_workers
from .blocks.countries import celac_countries, resolve_country
from .brief_index import index_name
from .briefs import render_briefs, write_index
from .exercises.model import notebook
from .render import KERNEL, QUIET_KERNEL, html_exporter, notebook_html, skip_slow_format_checker

__all__ = ["build_site", "course_map", "update_readme"]


def _execute_page(path: str, out: str, title: str) -> dict:
    """Execute one course notebook in a fresh kernel and write its HTML page."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    source = Path(path)
    nb = nbformat.read(source, as_version=4)
    record = {"name": source.stem, "title": title, "page": f"{source.stem}.html", "error": None}
    try:
        NotebookClient(nb, timeout=600, kernel_name=KERNEL, extra_arguments=QUIET_KERNEL,
                       resources={"metadata": {"path": str(source.parent)}}).execute()
    except CellExecutionError as exc:
        record["error"] = f"{exc.ename}: {' '.join(str(exc.evalue).split())}"[:300]
    except Exception as exc:  # noqa: BLE001 - one broken notebook must not stop the site
        record["error"] = f"{type(exc).__name__}: {exc}"[:300]
    page = notebook_html(nb, html_exporter(exclude_input=False), title=title)
    write_atomic(Path(out) / record["page"], page)
    return record


def _index_page(records: list[dict], briefs: list[dict], lang: str) -> str:
    items = []
    for rec in records:
        flag = f" <strong>({html.escape(rec['error'])})</strong>" if rec["error"] else ""
        items.append(f'<li><a href="{rec["page"]}">{html.escape(rec["title"])}</a>{flag}</li>')
    brief_line = ""
    if briefs:
        ok = sum(r["ok"] for r in briefs)
        brief_line = (f'<h2>{t("briefs.site_briefs", lang)}</h2>'
                      f'<p><a href="briefs/{index_name(lang)}">'
                      f'{t("briefs.site_briefs_link", lang, n=ok)}</a></p>')
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>DSR Lab</title><style>body{{font-family:sans-serif;max-width:48rem;"
            f"margin:2rem auto;padding:0 1rem;line-height:1.5}}</style></head><body>"
            f"<h1>DSR Lab</h1><p>{t('briefs.site_intro', lang)}</p>"
            f"<h2>{t('briefs.site_notebooks', lang)}</h2><ul>{''.join(items)}</ul>{brief_line}"
            "</body></html>\n")


def build_site(out="_site", briefs="all", lang: str = "en", jobs: int | None = None) -> dict:
    """Execute every course notebook (and the briefs) and write an offline HTML site.

    Parameters
    ----------
    out : path
        Output folder (created).
    briefs : "all", "none" or list of countries
        Which country briefs to render into ``out/briefs``.
    lang : {"en", "es"}
        Language of the index pages and briefs.
    jobs : int, optional
        Parallel workers (default and cap: the CPUs and memory this process may use).

    Returns
    -------
    dict
        ``{"pages": [...], "briefs": [...], "index": path}``; failures carry ``error``.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    usable_workers(jobs, 1)  # refuse --jobs 0 or -1 before any work
    skip_slow_format_checker()
    lang = set_language(lang)
    folder = writable_dir(out)
    if briefs == "all":
        countries = list(celac_countries())
    elif briefs in (None, "none"):
        countries = []
    else:
        countries = [resolve_country(c) for c in briefs]
    books = [str(s.path) for s in sessions()]
    titles = [f"{s.number} · {s.title(lang)}" for s in sessions()]
    workers = usable_workers(jobs, len(books))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pages = list(pool.map(_execute_page, books, [str(folder)] * len(books), titles))
    brief_records = []
    if countries:
        brief_records = render_briefs(countries, lang, folder / "briefs", "html", jobs=jobs)
        write_index(brief_records, folder / "briefs", lang)
    index = write_atomic(folder / "index.html", _index_page(pages, brief_records, lang))
    return {"pages": pages, "briefs": brief_records, "index": str(index)}


def course_map(lang: str = "en") -> str:
    """The course map as a Markdown table, from ``course.yml`` and the exercise files.

    The README shows it (a test keeps the two the same).

    Examples
    --------
    >>> print(course_map().splitlines()[0])
    | Session | Notebook | Topic | Time | Exercises |
    """
    head = {"en": "| Session | Notebook | Topic | Time | Exercises |",
            "es": "| Sesión | Cuaderno | Tema | Tiempo | Ejercicios |"}[lang]
    rows = [head, "|---|---|---|---|---|"]
    for s in sessions():
        exercises = notebook(s.number)["exercises"]
        kinds = len({ex["type"] for ex in exercises})
        count = (f"{len(exercises)} ({kinds} types)" if lang == "en"
                 else f"{len(exercises)} ({kinds} tipos)")
        rows.append(f"| {s.number} · {s.title(lang)} | `{s.stem}` | {s.summary(lang)} | "
                    f"{s.minutes} min | {count} |")
    b = brief()
    rows.append(f"| — | `{b.stem}` | {b.summary(lang)} | — | — |")
    return "\n".join(rows)


_MAP_START, _MAP_END = "<!-- course-map: start -->\n", "\n<!-- course-map: end -->"


def update_readme(path="README.md") -> bool:
    """Rewrite the course map between the README's markers (atomically); True if it changed.

    ``make course-map`` runs it after an entry of ``course.yml`` or an exercise file changes.
    """
    from pathlib import Path

    readme = Path(path)
    text = readme.read_text(encoding="utf-8")
    if _MAP_START not in text or _MAP_END not in text:
        raise UsageError(f"{readme} has no course-map markers ({_MAP_START.strip()} ... "
                         f"{_MAP_END.strip()})")
    head, rest = text.split(_MAP_START, 1)
    new = head + _MAP_START + course_map() + _MAP_END + rest.split(_MAP_END, 1)[1]
    if new != text:
        write_atomic(readme, new)
    return new != text
