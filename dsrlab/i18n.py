"""English and Spanish strings for everything the package shows.

Strings live in ``dsrlab/strings/<domain>.yml`` as ``key: {en: ..., es: ...}``; keys are
namespaced ``<domain>.<name>``. Files are read on first use, not at import.
"""

import os
import unicodedata
from functools import cache
from pathlib import Path

from .errors import UsageError, choices_text

__all__ = ["LANGUAGES", "set_language", "get_language", "t", "all_strings", "strip_accents"]

LANGUAGES = ("en", "es")
_STRINGS_DIR = Path(__file__).resolve().parent / "strings"
_state: dict[str, str | None] = {"lang": None}


def _check(lang: str) -> str:
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
    _state["lang"] = _check(lang)
    return _state["lang"]


def get_language() -> str:
    """The active language: the one set last, else ``DSRLAB_LANG``, else English."""
    if _state["lang"] is not None:
        return _state["lang"]
    env = os.environ.get("DSRLAB_LANG")
    return _check(env) if env else "en"


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
    text = strings[key][_check(lang) if lang else get_language()]
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
