"""English and Spanish strings for everything the package shows.

Strings live in ``dsrlab/strings/<domain>.yml`` as ``key: {en: ..., es: ...}``; keys are
namespaced ``<domain>.<name>``. Files are read on first use, not at import.
"""

import functools
import os
import unicodedata
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from .errors import UsageError, choices_text

__all__ = ["LANGUAGES", "set_language", "get_language", "check_language", "using_language",
           "in_language", "t", "all_strings", "strip_accents"]

LANGUAGES = ("en", "es")
_STRINGS_DIR = Path(__file__).resolve().parent.parent / "strings"
_state: dict[str, str | None] = {"lang": None}


def check_language(lang: str) -> str:
    """``lang`` normalised (``" ES"`` -> ``"es"``); a one-line error names the choices."""
    norm = str(lang).strip().lower()
    if norm not in LANGUAGES:
        raise UsageError(f"unknown language {lang!r}; choose one of {choices_text(LANGUAGES)}")
    return norm


def set_language(lang: str) -> str:
    """Choose the language of labels, feedback and figures (``"en"`` or ``"es"``).

    Examples
    --------
    >>> set_language("es")
    'es'
    >>> t("core.source")
    'Fuente'
    >>> set_language("en")
    'en'
    """
    _state["lang"] = check_language(lang)
    return _state["lang"]


def get_language() -> str:
    """The active language: the one set last, else ``DSRLAB_LANG``, else English."""
    if _state["lang"] is not None:
        return _state["lang"]
    env = os.environ.get("DSRLAB_LANG")
    return check_language(env) if env else "en"


@contextmanager
def using_language(lang: str | None):
    """Run a block in ``lang`` (``None``: the active language), then restore the language.

    Every figure and table takes ``lang=``; this is how it reaches every label inside.

    Examples
    --------
    >>> with using_language("es"):
    ...     t("core.source")
    'Fuente'
    >>> t("core.source")
    'Source'
    """
    if lang is None:
        yield get_language()
        return
    before = _state["lang"]
    _state["lang"] = check_language(lang)
    try:
        yield _state["lang"]
    finally:
        _state["lang"] = before


def in_language(func):
    """Give ``func`` a working ``lang=`` keyword: every label drawn inside is in that language.

    Figures and tables build their labels with :func:`t` deep inside helpers; running the
    whole call in ``lang`` is simpler and safer than passing it down to each one.

    Examples
    --------
    >>> @in_language
    ... def label(*, lang=None):
    ...     return t("core.source")
    >>> label(lang="es"), label()
    ('Fuente', 'Source')
    """

    @functools.wraps(func)
    def wrapper(*args, lang=None, **kwargs):
        with using_language(lang):
            return func(*args, **kwargs)

    return wrapper


@cache
def all_strings() -> dict[str, dict[str, str]]:
    """Every string of every domain, keyed ``<domain>.<name>``."""
    import yaml  # lazy: only when a string is first needed

    table: dict[str, dict[str, str]] = {}
    for path in sorted(_STRINGS_DIR.glob("*.yml")):
        domain = path.stem
        with path.open(encoding="utf-8") as fh:
            entries = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
        for name, texts in entries.items():
            table[f"{domain}.{name}"] = texts
    return table


def t(key: str, lang: str | None = None, **fmt) -> str:
    """Translate ``key`` into ``lang`` (default: the active language).

    Examples
    --------
    >>> t("core.source", lang="en")
    'Source'
    """
    strings = all_strings()
    if key not in strings:
        raise KeyError(f"no string {key!r} in dsrlab/strings/")
    text = strings[key][check_language(lang) if lang else get_language()]
    return text.format(**fmt) if fmt else text


def strip_accents(text) -> str:
    """``text`` without diacritics, so "Perú" matches "Peru" (case is left as it is).

    Examples
    --------
    >>> strip_accents("São Tomé, Perú")
    'Sao Tome, Peru'
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
