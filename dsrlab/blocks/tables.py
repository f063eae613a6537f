"""Small helpers for the cells of course tables: lists, missing values, languages, numbers.

Every topic module reads its tables through these, so a ``;``-separated list, a missing
value or a number with its qualifier ("more than 4,000") is handled one way everywhere.
"""

from __future__ import annotations

import math

from ..base.i18n import get_language

__all__ = ["is_missing", "as_list", "lang_column", "qualifier_label", "number_label", "starred",
           "STAR"]


def is_missing(value) -> bool:
    """True for None, NaN, NaT and pandas.NA (a list is never missing).

    Examples
    --------
    >>> is_missing(None), is_missing(float("nan")), is_missing([]), is_missing("")
    (True, True, False, False)
    """
    if value is None:
        return True
    if isinstance(value, (list, tuple, dict, set)):
        return False
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def as_list(value) -> list[str]:
    """A list cell as a Python list, whether ``load`` split it already or not.

    Examples
    --------
    >>> as_list("BRA; CHL"), as_list(None), as_list(["PER", " "])
    (['BRA', 'CHL'], [], ['PER'])
    """
    if is_missing(value):
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    if hasattr(value, "tolist"):
        return [str(v).strip() for v in value.tolist() if str(v).strip()]
    return [part.strip() for part in str(value).split(";") if part.strip()]


def lang_column(stem: str, columns=(), lang: str | None = None) -> str:
    """``<stem>_es`` in Spanish when that column exists, else ``<stem>_en``.

    Examples
    --------
    >>> lang_column("title", ["title_en", "title_es"], lang="es")
    'title_es'
    >>> lang_column("title", ["title_en"], lang="es")
    'title_en'
    """
    if (lang or get_language()) == "es" and f"{stem}_es" in columns:
        return f"{stem}_es"
    return f"{stem}_en"


_QUALIFIER_SIGNS = {
    "exact": "",
    "approx": "≈ ",
    "nearly": "≲ ",
    "more_than": "> ",
    "at_least": "≥ ",
    "less_than": "< ",
}


def qualifier_label(value, qualifier: str = "exact", unit: str = "") -> str:
    """Format a number with its qualifier, so "more than" or "nearly" is never lost.

    Examples
    --------
    >>> qualifier_label(4000, "more_than")
    '> 4,000'
    >>> qualifier_label(1, "less_than", "%")
    '< 1%'
    >>> qualifier_label(29.5, "nearly", " USD m")
    '≲ 29.5 USD m'
    """
    if qualifier is None or (isinstance(qualifier, float) and math.isnan(qualifier)):
        qualifier = "exact"
    if qualifier not in _QUALIFIER_SIGNS:
        raise ValueError(
            f"unknown qualifier {qualifier!r}; valid: {', '.join(_QUALIFIER_SIGNS)}"
        )
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{_QUALIFIER_SIGNS[qualifier]}{number}{unit}"


def number_label(value, qualifier, unit: str = "") -> str:
    """A table number with its qualifier sign; a missing qualifier counts as exact.

    Examples
    --------
    >>> number_label(136.0, float("nan"), " USD m")
    '136 USD m'
    """
    return qualifier_label(float(value), None if is_missing(qualifier) else str(qualifier), unit)


#: The mark of the highlighted country's rows in a course table.
STAR = "★ "


def starred(labels, flags) -> list[str]:
    """Cells of the highlighted country's rows get a leading "★ " (no row is ever dropped).

    ``flags`` is one boolean per label, or a single boolean for a single label.

    Examples
    --------
    >>> starred(["Chile", "Peru"], [True, False])
    ['★ Chile', 'Peru']
    >>> starred("Chile", True)
    '★ Chile'
    """
    if isinstance(labels, str):
        return (STAR if flags else "") + labels
    return [(STAR if flag else "") + str(label)
            for label, flag in zip(labels, flags, strict=True)]


def quoted(quote, translation=None, lang: str | None = None) -> str:
    """Exact words in quotation marks; in Spanish, an English quotation gets its translation.

    The quotation itself stays as the source printed it (it is evidence); a Spanish reader
    gets the course's translation beside it.

    Examples
    --------
    >>> quoted("all lies", "puras mentiras", lang="en")
    '"all lies"'
    >>> quoted("all lies", "puras mentiras", lang="es")
    '"all lies" (en español: «puras mentiras»)'
    >>> quoted(None)
    ''
    """
    from ..base.i18n import get_language

    if is_missing(quote) or not str(quote).strip():
        return ""
    text = f'"{quote}"'
    if (lang or get_language()) == "es" and not is_missing(translation) and str(translation):
        text += f" (en español: «{translation}»)"
    return text
