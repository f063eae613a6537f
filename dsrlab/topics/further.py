"""The end of every session: what happened after the papers, and what to read next.

``after_papers_table("04")`` lists the dated developments after 2020 that let a student
test a session's expectations (``load("after_papers")``); ``readings_table("04")`` lists
its annotated readings, each with a guiding question (``load("readings")``). Both rest on
rows of ``sources.csv``; every development's source carries a verbatim excerpt.
"""

from __future__ import annotations

from ..base.course_tables import course_table
from ..base.errors import UsageError, choices_text
from ..base.i18n import get_language, in_language
from ..blocks.countries import country_or_none
from ..data.tables import load

__all__ = ["SESSIONS", "session_code", "after_papers_table", "readings_table"]

#: The sessions that end with these sections (notebooks 01-05).
SESSIONS: tuple[str, ...] = ("01", "02", "03", "04", "05")


def session_code(session) -> str:
    """``session`` as the two-digit code of a course session, or a clear error.

    Examples
    --------
    >>> session_code(4), session_code("4"), session_code("04")
    ('04', '04', '04')
    >>> session_code("07")
    Traceback (most recent call last):
    ...
    dsrlab.base.errors.UsageError: unknown session '07'; choose one of '01', '02', '03', '04', '05'
    """
    text = str(session).strip()
    code = text.zfill(2) if text.isdigit() else text
    if code not in SESSIONS:
        raise UsageError(f"unknown session {session!r}; choose one of {choices_text(SESSIONS)}")
    return code


@in_language
def after_papers_table(session, *, country=None, lang=None):
    """What happened after the papers, for one session, oldest first.

    ``session``: ``"01"`` to ``"05"`` (or 1 to 5). ``country`` is accepted for the course's
    table contract and changes nothing (the developments are not filed by state).

    Returns
    -------
    pandas.DataFrame
        ``item_id, date`` (with ``date_precision``), ``happened`` (in ``lang``),
        ``source_id``.

    Examples
    --------
    >>> table = after_papers_table("04", lang="en")
    >>> table["item_id"].tolist()[:2]
    ['an-04-gge-2021', 'an-04-oewg-2021']
    >>> after_papers_table(5, lang="es")["happened"].iloc[0]
    'Nicaragua pasó su reconocimiento de Taipéi a Pekín.'
    """
    code = session_code(session)
    country_or_none(country)
    rows = load("after_papers")
    rows = rows[rows["session"].astype(str) == code].sort_values(["date", "item_id"])
    out = rows.assign(happened=rows[f"text_{get_language()}"]).reset_index(drop=True)
    return course_table(out[["item_id", "date", "date_precision", "happened", "source_id"]],
                        labels={"date": "further.col_when", "happened": "further.col_happened"})


def _citation(source) -> str:
    """'Author, Title (publisher, date)' from a row of ``sources.csv``, skipping blanks."""
    import pandas as pd

    def text(key):
        value = source.get(key)
        return "" if value is None or pd.isna(value) else str(value).strip()

    where = ", ".join(p for p in (text("publisher"), text("date")) if p)
    head = ", ".join(p for p in (text("author"), text("title")) if p)
    return f"{head} ({where})" if where else head


@in_language
def readings_table(session, *, country=None, lang=None):
    """The annotated readings of one session, in reading order.

    ``session``: ``"01"`` to ``"05"`` (or 1 to 5). ``country`` is accepted for the course's
    table contract and changes nothing.

    Returns
    -------
    pandas.DataFrame
        ``reading_id, reading`` (author, title, publisher, date from ``sources.csv``),
        ``kind`` (primary document or analysis), ``annotation``, ``question``, ``url``,
        ``source_id``.

    Examples
    --------
    >>> table = readings_table("01", lang="en")
    >>> len(table), table["source_id"].iloc[0]
    (5, 'web-xinhua-lac-policy-paper-2016')
    >>> readings_table(1, lang="es")["question"].iloc[1].startswith("¿Qué obliga")
    True
    """
    code = session_code(session)
    country_or_none(country)
    rows = load("readings")
    rows = rows[rows["session"].astype(str) == code].sort_values("position")
    sources = load("sources").set_index("id")
    lang = get_language()
    out = rows.assign(
        reading=[_citation(sources.loc[s]) for s in rows["source_id"]],
        annotation=rows[f"annotation_{lang}"], question=rows[f"question_{lang}"],
        url=[sources.loc[s, "url"] for s in rows["source_id"]]).reset_index(drop=True)
    labels = {c: f"further.col_{c}" for c in ("reading", "kind", "annotation", "question", "url")}
    return course_table(out[["reading_id", "reading", "kind", "annotation", "question", "url",
                             "source_id"]], labels=labels, codes={"kind": "further.kind_"})
