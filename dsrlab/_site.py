"""Shared rendering helpers, ``dsrlab run``, and the offline course site.

``python -m dsrlab._site [--out _site]`` executes every course notebook and the country
briefs and writes a static HTML site (an index, one page per notebook, the briefs and
their index) that needs no network: nbconvert's lab template is used without its CDN
scripts (require.js, MathJax, mermaid, the widget manager); interactive exercises show
a note instead of a widget.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import html
import os
import sys
import tempfile
from pathlib import Path

from ._files import writable_dir, write_atomic
from ._paths import notebooks_dir
from .errors import DsrlabError, UsageError, choices_text

__all__ = ["write_atomic", "writable_dir", "html_exporter", "notebook_html", "course_notebooks",
           "resolve_notebook", "parse_value", "notebook_parameters", "cli_run", "build_site",
           "main"]

KERNEL = "python3"
# ipykernel warns on stderr that local TCP is unencrypted; keep the terminal to our one line
_QUIET_KERNEL = ["--IPKernelApp.log_level=40"]
_WIDGET = "application/vnd.jupyter.widget-view+json"

# lab template without anything fetched from the network: no require.js, MathJax,
# mermaid or widget manager from a CDN (every CSS rule of the lab theme is inlined).
_OFFLINE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{% block extra_css %}<style>
main { max-width: 60rem; margin: 0 auto; }
.jp-OutputArea-output table { font-size: 0.85em; }
.jp-RenderedHTMLCommon table { table-layout: auto; }
@media print { .jp-Cell { break-inside: avoid; } @page { size: A4; margin: 14mm; } }
</style>{% endblock extra_css %}
"""


def skip_slow_format_checker() -> None:
    """Keep jsonschema from importing ``rfc3987_syntax`` in this process.

    jsonschema imports it, when installed, only to check the ``iri`` string formats, and it
    builds a grammar at import time (about 3 s here). Notebooks never use those formats, so
    the rendering commands skip it; call this before nbformat is first imported.
    """
    if "jsonschema" not in sys.modules:
        sys.modules.setdefault("rfc3987_syntax", None)


def html_exporter(exclude_input: bool = True):
    """An nbconvert HTML exporter (no network resources), code inputs hidden by default."""
    import jinja2
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[jinja2.DictLoader({"dsrlab_offline.html.j2": _OFFLINE_TEMPLATE})],
        exclude_input=exclude_input,
        exclude_input_prompt=exclude_input,
        exclude_output_prompt=exclude_input,
    )
    exporter.template_file = "dsrlab_offline.html.j2"
    return exporter


def _static_output(output, note: str):
    """Outputs a static page can show: no stderr; widgets replaced by a note."""
    if output.get("output_type") == "stream" and output.get("name") == "stderr":
        return None
    data = output.get("data") or {}
    if _WIDGET in data:
        kept = {k: v for k, v in data.items() if k in ("text/html", "text/markdown", "image/png")}
        output = copy.deepcopy(output)
        if not kept:
            body = note if note.startswith("<") else f"<p><em>{note}</em></p>"
            kept = {"text/html": body}
        output["data"] = kept
    return output


def static_exercise(exercise_id: str, lang: str | None = None) -> str:
    """An exercise as static HTML (prompt, options, answer folded away) for the site."""
    from .exercises._model import answer_text, display_order, get, tr
    from .i18n import t

    ex = get(exercise_id)
    options = [tr(c["text"], lang) for c in ex.get("choices", [])]
    if ex["type"] in ("ordering", "categorise"):
        texts = {i["id"]: tr(i["text"], lang) for i in ex["items"]}
        options = [texts[i] for i in display_order(ex)] if ex["type"] == "ordering" \
            else list(texts.values())
    items = "".join(f"<li>{html.escape(o)}</li>" for o in options)
    answer = "".join(f"<p>{html.escape(x)}</p>" for x in
                     (answer_text(ex, lang), tr(ex.get("explanation"), lang)) if x)
    return (f'<div class="dsrlab-static-exercise"><p><b>{html.escape(ex["id"])}</b> '
            f"{html.escape(tr(ex['prompt'], lang))}</p>{f'<ul>{items}</ul>' if items else ''}"
            f"<details><summary>{t('briefs.show_answer', lang)}</summary>"
            f"{answer}</details>"
            f'<p class="dsrlab-static-note"><em>{t("briefs.widget_note", lang)}</em></p></div>')


def notebook_html(nb, exporter=None, title: str | None = None) -> str:
    """HTML of an executed notebook for readers: stderr dropped, exercises static, offline."""
    import re

    from .i18n import t

    nb = copy.deepcopy(nb)
    note = t("briefs.widget_note")
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        if cell.get("outputs"):
            found = re.fullmatch(r"\s*dsrlab\.exercise\(\s*['\"]([^'\"]+)['\"]\s*\)\s*",
                                 cell.get("source", ""))
            text = note
            if found:
                with contextlib.suppress(DsrlabError):
                    text = static_exercise(found.group(1))
            outs = (_static_output(o, text) for o in cell.outputs)
            cell.outputs = [o for o in outs if o is not None]
    if title:
        nb.metadata["title"] = title
    body, _ = (exporter or html_exporter()).from_notebook_node(nb)
    return body


# --- dsrlab run ------------------------------------------------------------------------


def course_notebooks() -> dict[str, Path]:
    """Stem -> path of every course notebook."""
    return {p.stem: p for p in sorted(notebooks_dir().glob("*.ipynb"))}


def resolve_notebook(name: str) -> Path:
    """Find a course notebook by number (``"3"``, ``"03"``) or name (with or without .ipynb).

    Examples
    --------
    >>> resolve_notebook("country_brief.ipynb").name
    'country_brief.ipynb'
    """
    books = course_notebooks()
    key = Path(str(name).strip()).name.removesuffix(".ipynb").lower()
    if key in books:
        return books[key]
    if key.isdigit():
        key = f"{int(key):02d}"
    matches = [p for stem, p in books.items()
               if stem.split("_", 1)[0] == key or stem.startswith(key + "_")
               or (len(key) > 2 and key in stem)]
    if len(matches) == 1:
        return matches[0]
    raise UsageError(f"unknown notebook {name!r}; choose one of {choices_text(books)} "
                     "(or its number, e.g. 03)")


def parse_value(text: str):
    """A ``-p`` value as a Python literal, else the text itself.

    Examples
    --------
    >>> parse_value("2015"), parse_value("None"), parse_value("BOL"), parse_value("{'a': 1}")
    (2015, None, 'BOL', {'a': 1})
    """
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return text


def notebook_parameters(path: Path) -> dict:
    """Parameter name -> default value (parsed) declared in the notebook's parameters cell."""
    from papermill import inspect_notebook

    return {name: parse_value(str(info["default"]))
            for name, info in inspect_notebook(str(path)).items()}


def cli_run(args) -> int:
    """``dsrlab run NOTEBOOK -p NAME VALUE ...``: validate, then execute with papermill."""
    from .params import PARAMETERS, check_params

    skip_slow_format_checker()
    path = resolve_notebook(args.notebook)
    declared = notebook_parameters(path)
    given = {}
    for name, text in args.parameter:
        if name not in declared:
            raise UsageError(f"unknown parameter {name!r} for {path.stem}; "
                             f"valid: {choices_text(declared) or 'none'}")
        given[name] = parse_value(text)
    merged = {**declared, **given}
    p = check_params(**{k: v for k, v in merged.items() if k in PARAMETERS})
    folder = writable_dir(args.out)
    parts = [path.stem] + [str(getattr(p, k)) for k in ("country", "compare_with")
                           if getattr(p, k)] + [p.lang]
    stem = "_".join(parts)
    return _execute_with_papermill(path, folder / f"{stem}.ipynb", given, args.format)


def _execute_with_papermill(source: Path, target: Path, parameters: dict, fmt: str) -> int:
    import nbformat
    import papermill as pm

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".ipynb")
    os.close(fd)
    try:
        try:
            nb = pm.execute_notebook(str(source), tmp, parameters=parameters, kernel_name=KERNEL,
                                     progress_bar=False, cwd=str(source.parent),
                                     extra_arguments=_QUIET_KERNEL)
        except pm.PapermillExecutionError as exc:
            raise DsrlabError(f"{source.name} stopped in cell {exc.exec_count}: "
                              f"{exc.ename}: {' '.join(str(exc.evalue).split())}") from None
        nb.metadata.papermill["output_path"] = str(target)
        written = []
        if fmt in ("ipynb", "both"):
            written.append(write_atomic(target, nbformat.writes(nb)))
        if fmt in ("html", "both"):
            html_path = target.with_suffix(".html")
            page = notebook_html(nb, html_exporter(exclude_input=False), title=source.stem)
            written.append(write_atomic(html_path, page))
    finally:
        Path(tmp).unlink(missing_ok=True)
    for path in written:
        print(path)
    return 0


# --- the offline course site --------------------------------------------------------------


def _title(nb, fallback: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return fallback


def _execute_page(path: str, out: str) -> dict:
    """Execute one course notebook in a fresh kernel and write its HTML page."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    source = Path(path)
    nb = nbformat.read(source, as_version=4)
    title = _title(nb, source.stem)
    record = {"name": source.stem, "title": title, "page": f"{source.stem}.html", "error": None}
    try:
        NotebookClient(nb, timeout=600, kernel_name=KERNEL, extra_arguments=_QUIET_KERNEL,
                       resources={"metadata": {"path": str(source.parent)}}).execute()
    except CellExecutionError as exc:
        record["error"] = f"{exc.ename}: {' '.join(str(exc.evalue).split())}"[:300]
    except Exception as exc:  # noqa: BLE001 - one broken notebook must not stop the site
        record["error"] = f"{type(exc).__name__}: {exc}"[:300]
    page = notebook_html(nb, html_exporter(exclude_input=False), title=title)
    write_atomic(Path(out) / record["page"], page)
    return record


def _index_page(records: list[dict], briefs: list[dict], lang: str) -> str:
    from .i18n import t

    items = []
    for rec in records:
        flag = f" <strong>({html.escape(rec['error'])})</strong>" if rec["error"] else ""
        items.append(f'<li><a href="{rec["page"]}">{html.escape(rec["title"])}</a>{flag}</li>')
    brief_line = ""
    if briefs:
        ok = sum(r["ok"] for r in briefs)
        brief_line = (f'<h2>{t("briefs.site_briefs", lang)}</h2><p><a href="briefs/index.html">'
                      f'{t("briefs.site_briefs_link", lang, n=ok)}</a></p>')
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f"<title>DSR Lab</title><style>body{{font-family:sans-serif;max-width:48rem;"
            f"margin:2rem auto;padding:0 1rem;line-height:1.5}}</style></head><body>"
            f"<h1>DSR Lab</h1><p>{t('briefs.site_intro', lang)}</p>"
            f"<h2>{t('briefs.site_notebooks', lang)}</h2><ol>{''.join(items)}</ol>{brief_line}"
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
        Parallel workers (default: the number of cores).

    Returns
    -------
    dict
        ``{"pages": [...], "briefs": [...], "index": path}``; failures carry ``error``.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from ._briefs import render_briefs, write_index
    from .i18n import set_language
    from .params import celac_countries, resolve_country

    skip_slow_format_checker()
    lang = set_language(lang)
    folder = writable_dir(out)
    if briefs == "all":
        countries = list(celac_countries())
    elif briefs in (None, "none"):
        countries = []
    else:
        countries = [resolve_country(c) for c in briefs]
    books = [str(p) for stem, p in course_notebooks().items() if stem != "country_brief"]
    workers = max(1, min(jobs or os.cpu_count() or 1, len(books)))
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        pages = list(pool.map(_execute_page, books, [str(folder)] * len(books)))
    brief_records = []
    if countries:
        brief_records = render_briefs(countries, lang, folder / "briefs", "html", jobs=jobs)
        write_index(brief_records, folder / "briefs", lang)
    index = write_atomic(folder / "index.html", _index_page(pages, brief_records, lang))
    return {"pages": pages, "briefs": brief_records, "index": str(index)}


def main(argv=None) -> int:
    """``python -m dsrlab._site``: build the offline course site."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m dsrlab._site",
                                     description="Execute every course notebook and the country "
                                     "briefs and write an offline HTML site.")
    parser.add_argument("--out", default="_site", metavar="DIR", help="output folder (_site)")
    parser.add_argument("--briefs", default="all", metavar="LIST",
                        help="'all' (default), 'none', or comma-separated countries, e.g. BOL,BRA")
    parser.add_argument("--lang", choices=["en", "es"], default="en", help="language (en)")
    parser.add_argument("--jobs", type=int, default=None, metavar="N", help="parallel workers")
    args = parser.parse_args(argv)
    briefs = args.briefs if args.briefs in ("all", "none") else args.briefs.split(",")
    try:
        result = build_site(args.out, briefs, args.lang, args.jobs)
    except UsageError as exc:
        print(f"dsrlab: error: {exc}", file=sys.stderr)
        return 2
    failed = [p for p in result["pages"] if p["error"]] + [b for b in result["briefs"]
                                                           if not b["ok"]]
    for item in failed:
        print(f"dsrlab: failed: {item.get('name') or item.get('country')}: {item['error']}",
              file=sys.stderr)
    print(result["index"])
    return 1 if failed else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
