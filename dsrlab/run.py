"""``dsrlab run``: execute a course notebook with validated parameters (papermill).

:func:`run_notebook` is what the command calls; a notebook can call it too.
"""

from __future__ import annotations

import ast
import os
import tempfile
from pathlib import Path

from .base.course import in_language, notebook_paths
from .base.errors import DsrlabError, UsageError, choices_text
from .base.files import writable_dir, write_atomic
from .params import PARAMETERS, check_params
from .render import KERNEL, QUIET_KERNEL, html_exporter, notebook_html, skip_slow_format_checker

__all__ = ["resolve_notebook", "parse_value", "notebook_parameters", "run_notebook"]

FORMATS = ("ipynb", "html", "both")
#: seconds one cell may run before the run stops with a one-line error (never hangs)
CELL_TIMEOUT = 600


def resolve_notebook(name: str) -> Path:
    """Find a course notebook by number (``"3"``, ``"03"``) or name (with or without .ipynb).

    Examples
    --------
    >>> resolve_notebook("country_brief.ipynb").name
    'country_brief.ipynb'
    """
    books = notebook_paths()
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


def run_notebook(notebook, parameters: dict | None = None, out=".", fmt: str = "ipynb"
                 ) -> list[Path]:
    """Validate ``parameters`` for a course notebook, execute it, write the result.

    Parameters
    ----------
    notebook : str
        Number (``"03"``) or name of a course notebook.
    parameters : dict, optional
        Parameter values (as papermill takes them); unknown names are refused first.
    out : path
        Output folder; the file is ``<notebook>_<COUNTRY>[_<COMPARE>]_<lang>.ipynb``.
    fmt : {"ipynb", "html", "both"}

    Returns
    -------
    list of Path
        The files written.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}; choose one of {choices_text(FORMATS)}")
    skip_slow_format_checker()
    path = resolve_notebook(notebook)
    declared = notebook_parameters(path)
    given = dict(parameters or {})
    for name in given:
        if name not in declared:
            raise UsageError(f"unknown parameter {name!r} for {path.stem}; "
                             f"valid: {choices_text(declared) or 'none'}")
    merged = {**declared, **given}
    p = check_params(**{k: v for k, v in merged.items() if k in PARAMETERS})
    folder = writable_dir(out)
    parts = [path.stem] + [str(getattr(p, k)) for k in ("country", "compare_with")
                           if getattr(p, k)] + [p.lang]
    stem = "_".join(parts)
    # the Spanish run executes the Spanish edition (same code, Spanish narrative)
    return _execute_with_papermill(in_language(path, p.lang), folder / f"{stem}.ipynb", given,
                                   fmt)


def _execute_with_papermill(source: Path, target: Path, parameters: dict, fmt: str
                            ) -> list[Path]:
    import nbformat
    import papermill as pm
    from nbclient.exceptions import CellTimeoutError

    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".ipynb")
    os.close(fd)
    try:
        try:
            nb = pm.execute_notebook(str(source), tmp, parameters=parameters, kernel_name=KERNEL,
                                     progress_bar=False, cwd=str(source.parent),
                                     extra_arguments=QUIET_KERNEL,
                                     execution_timeout=CELL_TIMEOUT)
        except pm.PapermillExecutionError as exc:
            raise DsrlabError(f"{source.name} stopped in cell {exc.exec_count}: "
                              f"{exc.ename}: {' '.join(str(exc.evalue).split())}") from None
        except CellTimeoutError:
            raise DsrlabError(f"{source.name}: a cell ran longer than {CELL_TIMEOUT} s; "
                              "the run was stopped") from None
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
    return written
