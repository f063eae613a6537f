"""Numbers written as a person writes them: ``51st``, ``51.º``, ``fifty-one``, ``cincuenta y uno``.

:func:`read_number_words` reads cardinal (and common ordinal) number words in English and
Spanish, whatever the language of the notebook: a word such as "fifty-one" has one meaning.
:func:`strip_ordinal` takes the ordinal ending off digits (``51st`` → ``51``).
"""

from __future__ import annotations

import re

from ..base.i18n import strip_accents

__all__ = ["read_number_words", "strip_ordinal"]

_ORDINAL_END = re.compile(
    r"^(?P<num>[+-]?\d[\d.,\s\u00a0\u202f]*?)\s*"
    r"(?:st|nd|rd|th|\.?\s?[ºª°]|\.?(?:er|ero|era|do|da|ro|ra|to|ta|vo|va|no|na|mo|ma|o|a))$",
    re.IGNORECASE)

_EN_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
    "nineteen",
]
_EN_TENS = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
]
_EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fifth": 5, "eighth": 8, "ninth": 9,
                "twelfth": 12}
_ES_UNITS = [
    "cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez",
    "once", "doce", "trece", "catorce", "quince", "dieciseis", "diecisiete", "dieciocho",
    "diecinueve", "veinte", "veintiuno", "veintidos", "veintitres", "veinticuatro", "veinticinco",
    "veintiseis", "veintisiete", "veintiocho", "veintinueve",
]
_ES_TENS = [
    "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa",
]
_ES_HUNDREDS = [
    "ciento", "doscientos", "trescientos", "cuatrocientos", "quinientos", "seiscientos",
    "setecientos", "ochocientos", "novecientos",
]
_ES_ORDINALS = [
    "primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "septimo", "octavo", "noveno",
    "decimo",
]

_SMALL: dict[str, int] = {}
_SMALL.update({w: n for n, w in enumerate(_EN_UNITS)})
_SMALL.update({w: 20 + 10 * n for n, w in enumerate(_EN_TENS)})
_SMALL.update({w: n for n, w in enumerate(_ES_UNITS)})
_SMALL.update({w: 30 + 10 * n for n, w in enumerate(_ES_TENS)})
_SMALL.update({w: 100 * (n + 1) for n, w in enumerate(_ES_HUNDREDS)})
_SMALL.update({"un": 1, "una": 1, "veintiun": 21, "veintiuna": 21, "cien": 100,
               "primer": 1, "tercer": 3, "a": 1})
_SMALL.update({w: n + 1 for n, w in enumerate(_ES_ORDINALS)})
_SMALL.update(_EN_ORDINALS)
# "fourth", "sixth", "twentieth", "fifty-first": the cardinal plus "th" (ty -> tieth)
for _word, _n in list(_SMALL.items()):
    if _word in _EN_UNITS or _word in _EN_TENS:
        _SMALL.setdefault(_word[:-1] + "ieth" if _word.endswith("ty") else _word + "th", _n)
_SMALL.pop("a")  # "a" only counts before hundred/thousand ("a hundred")
_SCALES = {"hundred": 100, "hundredth": 100, "thousand": 1000, "thousandth": 1000,
           "mil": 1000, "million": 10**6, "millionth": 10**6, "millon": 10**6,
           "millones": 10**6}
_FILLER = {"and", "y"}


def strip_ordinal(text: str) -> str:
    """Digits without an ordinal ending: ``51st`` → ``51``, ``51.º`` → ``51``.

    Examples
    --------
    >>> strip_ordinal("51st"), strip_ordinal("3.ª"), strip_ordinal("22º"), strip_ordinal("2,5")
    ('51', '3', '22', '2,5')
    """
    match = _ORDINAL_END.match(text.strip())
    return match.group("num").strip() if match else text


def read_number_words(text: str) -> int | None:
    """The whole number a phrase of number words names, or ``None``.

    Examples
    --------
    >>> read_number_words("fifty-one"), read_number_words("Fifty-first")
    (51, 51)
    >>> read_number_words("one thousand two hundred"), read_number_words("a hundred and five")
    (1200, 105)
    >>> read_number_words("cincuenta y uno"), read_number_words("mil doscientos")
    (51, 1200)
    >>> read_number_words("veintitrés"), read_number_words("dos millones")
    (23, 2000000)
    >>> read_number_words("many") is None, read_number_words("") is None
    (True, True)
    """
    words = strip_accents(str(text)).casefold().replace("-", " ").split()
    if not words:
        return None
    total = current = 0
    seen_number = False
    for i, word in enumerate(words):
        if word in _FILLER and seen_number:
            continue
        if word == "a" and i + 1 < len(words) and words[i + 1] in _SCALES:
            current, seen_number = 1, True
            continue
        if word in _SMALL:
            current += _SMALL[word]
            seen_number = True
        elif word in _SCALES and (seen_number or word == "mil"):
            scale = _SCALES[word]
            if scale == 100:
                current = max(current, 1) * 100
            else:
                total += max(current, 1) * scale
                current = 0
            seen_number = True
        else:
            return None
    return total + current if seen_number else None
