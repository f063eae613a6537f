"""Exercises with immediate feedback, hints, saved answers, progress and export.

Content lives in ``notebooks/exercises/<NN>.yml`` (schema: ``schema.json`` here).
``exercise("01.3")`` builds the widget; ``check("02.4", value)`` checks a value computed
in code; answers go to :mod:`dsrlab.exercises.store`. ipywidgets, pandas and matplotlib
are imported only when a widget, a table or a figure is made.

Examples
--------
>>> print(check("00.4", 51))
✔ Correct
>>> exercise_table("00")["id"].tolist()
['00.1', '00.2', '00.3', '00.4', '00.5']
"""

from __future__ import annotations

from typing import Any

from ..base.errors import UsageError
from . import store as answers
from .assessment_widget import assess
from .evaluate import counts, evaluate
from .export import export_answers
from .handin import export_memo, record_review
from .inbox import submit
from .merge import collect as merge_submissions
from .model import exercise_files, get, tr, validate_data
from .model import notebook as load_notebook
from .progress_report import progress as show_progress
from .session import LIVE, save
from .source_check import source_check
from .store import get_student, set_student

__all__ = ["exercise", "exercise_table", "check", "progress", "collect", "export_answers",
           "set_student", "get_student", "name_widget", "validate_exercise_files", "source_check",
           "assess", "export_memo", "peer_review", "submit", "hand_in_button"]


def exercise(exercise_id: str):
    """The widget of one exercise; leave it last in a cell to display it.

    Raises :class:`~dsrlab.base.errors.UsageError` for an unknown id, listing the notebook's ids.
    """
    ex = get(exercise_id)
    from .widgets import ExerciseWidget  # ipywidgets only now

    return ExerciseWidget(ex)


def peer_review(memo_file=None, level: str | None = None, checklist=None, comment: str = ""):
    """Review a classmate's capstone memo against its rubric.

    With ``level`` (``"strong"``, ``"adequate"`` or ``"weak"``) the review is saved at
    once and the saved attempt returned; without it, the review form (a widget) is
    returned: open the memo file, read it, place it on the rubric, tick the checklist,
    comment and save. ``memo_file`` is the classmate's ``<name>-memo.json``.
    """
    if level is not None:
        if memo_file is None:
            raise UsageError("give the classmate's memo file: peer_review('Ana-memo.json', "
                             "'adequate')")
        return record_review(memo_file, level, checklist, comment)
    from .peer_widget import PeerReviewWidget  # ipywidgets only now

    return PeerReviewWidget("" if memo_file is None else str(memo_file))


def name_widget():
    """The form that asks the student's name (00_start_here): a field, Save, feedback in words.

    Saving calls :func:`set_student`; leave the call last in a cell to display it.
    """
    from .onboarding import NameWidget  # ipywidgets only now

    return NameWidget()


def hand_in_button(inbox=None):
    """The Hand in button (feedback in words); pressing it calls :func:`submit`."""
    from .inbox_widget import HandInWidget  # ipywidgets only now

    return HandInWidget(inbox)


def exercise_table(notebook, *, lang: str | None = None) -> Any:
    """A table of a notebook's exercises: id, type, objective, sources, attempts, correct."""
    import pandas as pd


    nb = load_notebook(notebook)
    try:
        rows = answers.history()
    except answers.AnswersStoreError:
        rows = []
    rows_by_id: dict[str, list] = {}
    for row in rows:
        if not row["meta"].get("reveal"):
            rows_by_id.setdefault(row["exercise_id"], []).append(row)
    return pd.DataFrame([{
        "id": ex["id"], "type": ex["type"], "objective": tr(ex["objective"], lang),
        "sources": ", ".join(ex["source_ids"]),
        "attempts": len(rows_by_id.get(ex["id"], [])),
        "correct": any(r["correct"] or r["meta"].get("complete")
                       for r in rows_by_id.get(ex["id"], [])),
    } for ex in nb["exercises"]])


def _plain(value):
    if hasattr(value, "item") and callable(value.item) and getattr(value, "ndim", 1) == 0:
        return value.item()  # NumPy / pandas scalar -> Python number
    if hasattr(value, "tolist") and not isinstance(value, str | bytes):
        return value.tolist()
    return value


def check(exercise_id: str, value):
    """Check ``value`` (e.g. a number computed in code) for one exercise; save it.

    Returns the :class:`Feedback` (shown when left last in a cell). If the exercise's
    widget is on screen, its feedback area is updated too.
    """
    ex = get(exercise_id)
    value = _plain(value)
    widget = LIVE.get(ex["id"])
    if widget is not None:
        return widget.check(value)
    fb = evaluate(ex, value)
    if counts(fb):  # an empty or unreadable answer is neither counted nor saved
        error = save(ex, fb)
        if error:
            from dataclasses import replace

            fb = replace(fb, details=(*fb.details, error))
    return fb


def progress(student: str | None = None, show: bool = True):
    """Per notebook: exercises, attempted, correct (a table; in Jupyter, shown once as bars)."""
    return show_progress(student=student, show=show)


def collect(files=(), out="collected", *, inbox=None):
    """(Instructor) merge submission files into answers.csv, summary.csv and summary.png.

    ``inbox=`` (a folder, or ``True`` for ``DSRLAB_INBOX``) adds every entry of the hand-in
    inbox; entries that cannot be trusted are reported in ``skipped``.
    """
    from pathlib import Path

    from .inbox import inbox_files

    files = [Path(f) for f in ([files] if isinstance(files, str | Path) else files)]
    skipped = []
    if inbox is not None and inbox is not False:
        for path, why in inbox_files(None if inbox is True else inbox):
            if why is None:
                files.append(path)
            else:
                skipped.append((path, why))
    result = merge_submissions(files, out)
    result.skipped[:0] = skipped
    return result


def validate_exercise_files() -> dict[str, list[str]]:
    """Problems per exercise file (empty lists when every file is valid)."""
    import yaml

    out = {}
    for name, path in exercise_files().items():
        with path.open(encoding="utf-8") as fh:
            out[name] = validate_data(yaml.safe_load(fh), path.name)
    return out
