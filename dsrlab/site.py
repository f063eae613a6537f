"""The offline course site: every course notebook executed, the briefs, an index.

``dsrlab site [--out _site]`` writes a static HTML site (an index, one page per session,
the briefs and their index, and the instructor guide under ``instructors/``) that needs no
network; interactive exercises show a note instead of a widget. By default it is built in
both languages: the English site in ``_site/`` and the Spanish edition in ``_site/es/``,
every page linking to its twin. ``dsrlab site --students`` builds the students' site: the
same without the instructor guide.
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
from .exercises.guide import write_guide
from .exercises.model import notebook
from .exercises.rubric import exercise_minutes, rubric_share
from .render import KERNEL, QUIET_KERNEL, html_exporter, notebook_html, skip_slow_format_checker

__all__ = ["build_site", "course_map", "update_readme"]


#: where each language's pages go, relative to the site folder, when both are built
LANGUAGE_FOLDERS = {"en": ".", "es": "es"}
SITE_LANGUAGES = ("en", "es", "both")


def _switch(lang: str, href: str) -> str:
    """The link to the same page in the other language, first on every page."""
    other = "es" if lang == "en" else "en"
    return (f'<nav class="dsrlab-language" aria-label="{t("briefs.site_switch_label", lang)}" '
            f'style="text-align:right;font:1rem sans-serif;margin:.5rem 1rem">'
            f'<a href="{html.escape(href)}" hreflang="{other}" lang="{other}">'
            f'{t("briefs.site_switch", other)}</a></nav>')


def with_switch(page: str, lang: str, href: str | None) -> str:
    """``page`` with the language switch as the first thing in its body."""
    if not href:
        return page
    head, found, rest = page.partition("<body")
    if not found:
        return _switch(lang, href) + page
    tag, _, body = rest.partition(">")
    return f"{head}<body{tag}>{_switch(lang, href)}{body}"


def _execute_page(path: str, out: str, title: str, lang: str = "en",
                  twin: str | None = None) -> dict:
    """Execute one course notebook in a fresh kernel and write its HTML page."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    set_language(lang)
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
    write_atomic(Path(out) / record["page"], with_switch(page, lang, twin))
    return record


def _index_page(records: list[dict], briefs: list[dict], lang: str,
                twin: str | None = None, guide: bool = False) -> str:
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
    if guide:  # the instructors' section: never in a site built with students=True
        brief_line += (f'<h2>{t("guide.title", lang)}</h2><p><a href="instructors/index.html">'
                       f'{t("guide.site_link", lang)}</a></p>')
    return with_switch(
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f"<title>DSR Lab</title><style>body{{font-family:sans-serif;max-width:48rem;"
        f"margin:2rem auto;padding:0 1rem;line-height:1.5}}</style></head><body>"
        f"<h1>DSR Lab</h1><p>{t('briefs.site_intro', lang)}</p>"
        f"<h2>{t('briefs.site_notebooks', lang)}</h2><ul>{''.join(items)}</ul>{brief_line}"
        "</body></html>\n", lang, twin)


def build_site(out="_site", briefs="all", lang: str = "both", jobs: int | None = None, *,
               students: bool = False, only=None) -> dict:
    """Execute every course notebook (and the briefs) and write an offline HTML site.

    Parameters
    ----------
    out : path
        Output folder (created).
    briefs : "all", "none" or list of countries
        Which country briefs to render into ``out/briefs``.
    lang : {"both", "en", "es"}
        ``"both"`` (default): the English site in ``out`` and the Spanish edition in
        ``out/es``, each page linking to its twin; one language: that site in ``out``.
    jobs : int, optional
        Parallel workers (default and cap: the CPUs and memory this process may use).
    students : bool
        True builds the students' site: the instructor guide (model answers, teaching
        plans) is left out. False (default) adds it under ``instructors/`` of each language.
    only : list of str, optional
        Session numbers to build (default: every session of ``course.yml``).

    Returns
    -------
    dict
        ``{"pages": [...], "briefs": [...], "guide": [paths], "index": path}`` (the first
        language's index); each page and brief record carries its ``lang``; failures carry
        ``error``.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    usable_workers(jobs, 1)  # refuse --jobs 0 or -1 before any work
    if lang not in SITE_LANGUAGES:
        raise UsageError(f"unknown language {lang!r}; choose one of "
                         f"{', '.join(SITE_LANGUAGES)}")
    skip_slow_format_checker()
    languages = ("en", "es") if lang == "both" else (set_language(lang),)
    root = writable_dir(out)
    folders = {code: (writable_dir(root / LANGUAGE_FOLDERS[code]) if len(languages) > 1
                      else root) for code in languages}
    if briefs == "all":
        countries = list(celac_countries())
    elif briefs in (None, "none"):
        countries = []
    else:
        countries = [resolve_country(c) for c in briefs]
    chosen = [s for s in sessions() if only is None or s.number in set(only)]
    if only is not None and len(chosen) != len(set(only)):
        known = [s.number for s in sessions()]
        raise UsageError(f"unknown session in {', '.join(only)}; choose from {', '.join(known)}")
    # every page of every language in one pool, so both cores stay busy
    jobs_args = [(str(s.edition(code)), str(folders[code]), f"{s.number} · {s.title(code)}",
                  code, _twin_href(code, s.stem, languages)) for code in languages
                 for s in chosen]
    workers = usable_workers(jobs, len(jobs_args))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pages = list(pool.map(_execute_page, *zip(*jobs_args, strict=True)))
    for record, args in zip(pages, jobs_args, strict=True):
        record["lang"] = args[3]
    all_briefs, indexes, guides = [], [], []
    for code in languages:
        brief_records = []
        if countries:
            brief_records = render_briefs(countries, code, folders[code] / "briefs", "html",
                                          jobs=jobs)
            write_index(brief_records, folders[code] / "briefs", code)
            all_briefs += [{**r, "lang": code} for r in brief_records]
        guide = [] if students else write_guide(folders[code] / "instructors", code, "html")
        guides += guide
        mine = [p for p in pages if p["lang"] == code]
        indexes.append(write_atomic(folders[code] / "index.html", _index_page(
            mine, brief_records, code, _twin_href(code, "index", languages), bool(guide))))
    set_language(languages[0])
    return {"pages": pages, "briefs": all_briefs, "guide": guides, "index": str(indexes[0])}


def _twin_href(lang: str, stem: str, languages: tuple[str, ...]) -> str | None:
    """Link from a page in ``lang`` to the same page in the other language of the site."""
    if len(languages) < 2:
        return None
    return f"es/{stem}.html" if lang == "en" else f"../{stem}.html"


def course_map(lang: str = "en") -> str:
    """The course map as a Markdown table, from ``course.yml`` and the exercise files.

    The README shows it (a test keeps the two the same).

    Examples
    --------
    >>> print(course_map().splitlines()[0])
    | Session | Notebook | Topic | Time | Reading | Exercises | Rubric-graded | Exercise time |
    """
    head = {"en": "| Session | Notebook | Topic | Time | Reading | Exercises | Rubric-graded "
                  "| Exercise time |",
            "es": "| Sesión | Cuaderno | Tema | Tiempo | Lectura | Ejercicios | Con rúbrica "
                  "| Tiempo de ejercicios |"}[lang]
    rows = [head, "|---|---|---|---|---|---|---|---|"]
    total = graded_all = minutes = work = 0
    for s in sessions():
        exercises = notebook(s.number)["exercises"]
        kinds = len({ex["type"] for ex in exercises})
        graded = rubric_share(exercises)[0]
        spent = sum(exercise_minutes(ex) for ex in exercises)
        count = (f"{len(exercises)} ({kinds} types)" if lang == "en"
                 else f"{len(exercises)} ({kinds} tipos)")
        words = s.narrative_words(lang)
        reading = (f"{words:,} words" if lang == "en"
                   else f"{words:,} palabras".replace(",", "\u202f"))
        rows.append(f"| {s.number} · {s.title(lang)} | `{s.stem}` | {s.summary(lang)} | "
                    f"{s.minutes} min | {reading} | {count} | {graded} | ≈ {spent} min |")
        total, graded_all = total + len(exercises), graded_all + graded
        minutes, work = minutes + s.minutes, work + spent
    share = f"{graded_all} ({round(100 * graded_all / total)} %)" if total else "0"
    rows.append(f"| Total | | | {minutes} min | | {total} | {share} | ≈ {work} min |")
    b = brief()
    rows.append(f"| — | `{b.stem}` | {b.summary(lang)} | — | — | — | — | — |")
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
