"""Marking a DataFrame as a course table, so it is shown made for reading.

A topic's ``x_table()`` (or the data layer's ``datasets()``/``describe()``) returns a plain
DataFrame marked here; :mod:`dsrlab.blocks.reading` reads the mark to show it with labels
in the reader's language, codes in words and no index. The mark lives in
``frame.attrs``, so pandas keeps it through copies and code can compute with the frame.
"""

from __future__ import annotations

__all__ = ["course_table", "is_course_table", "course_table_meta"]

_MARK = "dsrlab"


def course_table(frame, *, labels: dict | None = None, codes: dict | None = None,
                 caption: str | None = None, hide=(), combine: dict | None = None,
                 verbatim=()):
    """Mark ``frame`` as a course table and return it (the same DataFrame).

    Parameters
    ----------
    labels : dict, optional
        Column -> label (a string key such as ``"diplomacy.col_state"``, or
        ``{"en": ..., "es": ...}``); other columns get the
        label in ``dsrlab/strings/tables.yml`` (``col_<name>``), else their name in words.
    codes : dict, optional
        Column -> string-key prefix that translates its codes (``{"lane": "origins.lane_"}``).
    caption : str, optional
        A caption shown above the table.
    hide : iterable of str, optional
        Columns kept in the DataFrame (code and tests use them) but not shown to a reader,
        such as internal ids. Columns ending in ``_id`` other than ``source_id`` are hidden
        too.
    combine : dict, optional
        ``{name: [columns]}``: a wide table reshaped for reading -- the columns become one
        column ``name`` whose cell lists "column: value" for each non-empty value (a firm x
        country matrix reads as one line per firm).
    verbatim : iterable of str, optional
        Columns shown exactly as stored, with no code translated: identifiers a student
        types, such as a table name in ``load("tg_cables")`` or a field name.
    """
    frame.attrs[_MARK] = {"labels": dict(labels or {}), "codes": dict(codes or {}),
                          "caption": caption, "hide": [str(c) for c in hide],
                          "combine": {k: [str(c) for c in v] for k, v in (combine or {}).items()},
                          "verbatim": [str(c) for c in verbatim]}
    return frame


def is_course_table(frame) -> bool:
    """True when ``frame`` was marked by :func:`course_table`."""
    return isinstance(getattr(frame, "attrs", None), dict) and _MARK in frame.attrs


def course_table_meta(frame) -> dict:
    """The mark's settings (labels, codes, caption, hide, combine, verbatim); ``{}`` when
    unmarked."""
    return frame.attrs.get(_MARK, {}) if is_course_table(frame) else {}
