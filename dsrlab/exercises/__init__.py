"""Exercises with immediate feedback, hints, saved answers, progress and export.

Content lives in ``notebooks/exercises/<NN>.yml`` (schema: ``schema.json`` here).
``exercise("01.3")`` builds the widget; ``check("02.4", value)`` checks a value computed
in code; answers go to :mod:`dsrlab.answers`. Nothing heavy is imported until used.

Examples
--------
>>> import os, tempfile
>>> saved = dict(os.environ)
>>> os.environ["DSRLAB_ANSWERS_DIR"] = tempfile.mkdtemp()
>>> print(check("00.4", 51))
✔ Correct
>>> exercises("00")["id"].tolist()
['00.1', '00.2', '00.3', '00.4']
>>> os.environ.clear(); os.environ.update(saved)
"""

from __future__ import annotations

from typing import Any

__all__ = ["exercise", "exercises", "check", "progress", "collect", "cli_collect",
           "cli_progress", "validate_exercise_files"]


def exercise(exercise_id: str):
    """The widget of one exercise; leave it last in a cell to display it.

    Raises :class:`~dsrlab.errors.UsageError` for an unknown id, listing the notebook's ids.
    """
    from ._model import get

    ex = get(exercise_id)
    from ._widgets import ExerciseWidget  # ipywidgets only now

    return ExerciseWidget(ex)


def exercises(notebook) -> Any:
    """A table of a notebook's exercises: id, type, objective, sources, attempts, correct."""
    import pandas as pd

    from .. import answers
    from ._model import notebook as load_notebook
    from ._model import tr

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
        "id": ex["id"], "type": ex["type"], "objective": tr(ex["objective"]),
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
    from ._evaluate import evaluate
    from ._model import get
    from ._session import LIVE, save

    ex = get(exercise_id)
    value = _plain(value)
    widget = LIVE.get(ex["id"])
    if widget is not None:
        return widget.check(value)
    fb = evaluate(ex, value)
    if not fb.meta.get("empty"):
        error = save(ex, fb)
        if error:
            from dataclasses import replace

            fb = replace(fb, details=(*fb.details, error))
    return fb


def progress(student: str | None = None, show: bool = True):
    """Per notebook: exercises, attempted, correct; displays a small bar chart in Jupyter."""
    from ._progress import progress as _progress

    return _progress(student=student, show=show)


def collect(files, out="collected"):
    """(Instructor) merge submission files into answers.csv, summary.csv and summary.png."""
    from ._collect import collect as _collect

    return _collect(files, out)


def validate_exercise_files() -> dict[str, list[str]]:
    """Problems per exercise file (empty lists when every file is valid)."""
    import yaml

    from ._model import _files, validate_data

    out = {}
    for name, path in _files().items():
        with path.open(encoding="utf-8") as fh:
            out[name] = validate_data(yaml.safe_load(fh), path.name)
    return out


def cli_collect(args) -> int:
    """``dsrlab collect FILE... [--out DIR]``: exit 0 if at least one file merged, else 2."""
    from ._collect import cli_collect as _cli

    return _cli(args)


def cli_progress(args) -> int:
    """``dsrlab progress [--student NAME]``: print the progress table."""
    from ._progress import cli_progress as _cli

    return _cli(args)


# ``dsrlab.exercises`` is both this package and the function ``exercises(notebook)``: once
# the package is imported, Python binds the package to that name, so the package itself
# answers calls too -- ``dsrlab.exercises("01")`` works whichever object the name holds.
def _make_callable() -> None:
    import sys
    import types

    class _CallablePackage(types.ModuleType):
        def __call__(self, notebook):
            """List a notebook's exercises (see :func:`exercises`)."""
            return exercises(notebook)

    sys.modules[__name__].__class__ = _CallablePackage


_make_callable()
