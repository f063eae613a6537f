"""How far a student got: per notebook, exercises attempted and correct."""

from __future__ import annotations

import html
import os

from ..base.course import session
from ..base.course_tables import course_table
from ..base.errors import UsageError
from ..base.i18n import t
from . import store as answers
from .inbox import INBOX_ENV
from .model import notebook, notebook_names, tr

__all__ = ["progress_table", "progress_html", "progress"]


def progress_table(student: str | None = None, lang: str | None = None):
    """A DataFrame with one row per notebook: notebook, title, exercises, attempted, correct.

    ``title`` is the session's title in ``notebooks/course.yml`` ("03 · Surveillance ..."),
    the same as the notebook's heading, the site and the README.

    An exercise counts as attempted once checked (a "show answer" alone does not count)
    and as correct once any attempt was right (for reflections: long enough).

    Examples
    --------
    >>> table = progress_table().set_index("notebook")
    >>> table.loc["00", ["exercises", "attempted", "correct"]].tolist()
    [5, 0, 0]
    """
    import pandas as pd

    attempted: set[str] = set()
    correct: set[str] = set()
    for row in answers.history(student=student):
        if row["meta"].get("reveal"):
            continue
        attempted.add(row["exercise_id"])
        if row["correct"] or row["meta"].get("complete"):
            correct.add(row["exercise_id"])
    records = []
    for name in notebook_names():
        data = notebook(name)
        ids = {ex["id"] for ex in data["exercises"]}
        records.append({"notebook": name, "title": f"{name} · {_title(name, data, lang)}",
                        "exercises": len(ids), "attempted": len(ids & attempted),
                        "correct": len(ids & correct)})
    return course_table(pd.DataFrame(records, columns=["notebook", "title", "exercises",
                                                       "attempted", "correct"]),
                        hide=("notebook",))


def _title(name: str, data: dict, lang: str | None) -> str:
    """The session's title in course.yml (an exercise file outside the course: its own)."""
    try:
        return session(name).title(lang)
    except UsageError:
        return tr(data["title"], lang)


def progress_html(table, lang: str | None = None) -> str:
    """A small accessible bar per notebook (``<progress>`` plus the numbers in words)."""
    rows = []
    for rec in table.to_dict("records"):
        words = t("widgets.progress_bar", lang, correct=rec["correct"], total=rec["exercises"],
                  attempted=rec["attempted"])
        rows.append(
            f"<tr><th scope='row' style='text-align:left'>{html.escape(rec['title'])}</th>"
            f"<td><progress value='{rec['correct']}' "
            f"max='{max(rec['exercises'], 1)}' aria-label='{html.escape(words, quote=True)}'>"
            f"</progress></td><td>{html.escape(words)}</td></tr>")
    title = html.escape(t("widgets.progress_title", lang))
    return (f"<div class='dsrlab-progress'><strong>{title}</strong><table>{''.join(rows)}"
            "</table></div>")


def progress(student: str | None = None, show: bool = True, lang: str | None = None):
    """In Jupyter, show :func:`progress_html` once (bars and the numbers in words; under
    them the Hand in button when ``DSRLAB_INBOX`` names an inbox) and return nothing, so the
    cell shows one display; with ``show=False`` or outside Jupyter, return
    :func:`progress_table`."""
    table = progress_table(student, lang)
    if show:
        try:
            from IPython import get_ipython
            from IPython.display import HTML, display
        except ImportError:  # pragma: no cover - IPython ships with Jupyter
            return table
        if get_ipython() is not None:
            display(HTML(progress_html(table, lang)))
            if os.environ.get(INBOX_ENV, "").strip():  # the hub collects: offer the button
                from .inbox_widget import HandInWidget  # ipywidgets only now

                display(HandInWidget())
            return None
    return table
