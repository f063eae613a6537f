"""What a student types, read and written back: numbers in either language, short texts, words."""

from __future__ import annotations

import math
import re

from ..base.i18n import get_language, strip_accents
from .number_words import read_number_words, strip_ordinal

__all__ = ["parse_number", "format_number", "normalise_text", "word_count"]

_GROUPED = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_DOT_GROUPED = re.compile(r"^[+-]?[1-9]\d{0,2}(\.\d{3})+$")


def parse_number(text, lang: str | None = None) -> float | None:
    """Read a number typed by a student; ``None`` when it is not a number.

    Accepts ``1,234.5`` and ``1.234,5``, spaces as thousands separators, a trailing ``%``,
    an ordinal ending (``51st``, ``51.º``) and number words in English or Spanish
    (``fifty-one``, ``cincuenta y uno``). A lone comma is a decimal comma in Spanish and a
    thousands separator in English when followed by groups of three digits; a lone point
    followed by groups of three digits is a thousands separator in Spanish (``1.200``).

    Examples
    --------
    >>> parse_number("1,234.5"), parse_number("1.234,5"), parse_number("2,5", "es")
    (1234.5, 1234.5, 2.5)
    >>> parse_number("51st"), parse_number("fifty-one"), parse_number("1.200", "es")
    (51.0, 51.0, 1200.0)
    >>> parse_number("1.200", "en"), parse_number("1,200", "en")
    (1.2, 1200.0)
    >>> parse_number("abc") is None
    True
    """
    if isinstance(text, bool) or text is None:
        return None
    if isinstance(text, int | float):
        return float(text)
    lang = lang or get_language()
    words = read_number_words(str(text))
    if words is not None:
        return float(words)
    s = re.sub(r"[\s\u00a0\u202f_]", "", strip_ordinal(str(text))).rstrip("%")
    if lang == "es" and _DOT_GROUPED.match(s):
        s = s.replace(".", "")
    if "," in s and "." in s:
        if s.rfind(".") > s.rfind(","):
            s = s.replace(",", "")
        else:
            s = s.replace(".", "").replace(",", ".")
    elif "," in s:
        s = s.replace(",", "") if _GROUPED.match(s) and lang != "es" \
            else s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def format_number(value: float, decimals: int | None = None, lang: str | None = None,
                  grouping: bool = True) -> str:
    """Format a number for display: English ``1,234.5``, Spanish ``1 234,5``.

    Examples
    --------
    >>> format_number(1234.5678, 2, "en"), format_number(51.0, lang="en")
    ('1,234.57', '51')
    >>> format_number(1234.5678, 1, "es"), format_number(1234.5, lang="es", grouping=False)
    ('1\xa0234,6', '1234,5')
    """
    sep = "," if grouping else ""
    if decimals is not None:
        text = f"{value:{sep}.{decimals}f}"
    else:
        text = f"{value:{sep}.0f}" if float(value).is_integer() else f"{value:{sep}}"
    if (lang or get_language()) == "es":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def normalise_text(text: str) -> str:
    """Lower-case, accent-free, punctuation-free form used to compare short answers.

    Examples
    --------
    >>> normalise_text("  Perú, ")
    'peru'
    >>> normalise_text("Huawei  Technologies") == normalise_text("huawei technologies.")
    True
    """
    # upper() first folds letters such as the dotless "ı" that casefold() keeps apart
    plain = strip_accents(strip_accents(text).upper().casefold())
    words = re.sub(r"[\W_]+", " ", plain)
    return " ".join(words.split())


def word_count(text: str) -> int:
    """Number of words in a reflection.

    Examples
    --------
    >>> word_count("Balancing between giants — a third way.")
    6
    """
    return len(re.findall(r"\w+(?:['’-]\w+)*", str(text)))
