"""Countries: one way to name a country everywhere (ISO3, ISO2 or a name in any language).

Every figure, table and parameter that takes ``country`` resolves it here, with
:func:`resolve_country`; a bad value gets one line naming the valid choices.

Examples
--------
>>> resolve_country("Brasil"), country_name("mx", "es")
('BRA', 'México')
"""

from __future__ import annotations

import difflib
import re
from functools import cache

from ..base.errors import UsageError
from ..base.i18n import check_language, get_language, strip_accents
from ..data.tables import load

__all__ = ["normalize_name", "country_lookup", "celac_countries", "country_name", "country_names",
           "name_column", "resolve_country", "resolve_countries", "country_or_none"]


def normalize_name(text: str) -> str:
    """Fold a country name for matching: case, accents, punctuation and spaces ignored.

    Examples
    --------
    >>> normalize_name("  Perú ")
    'peru'
    >>> normalize_name("St. Kitts & Nevis")
    'saint kitts and nevis'
    """
    plain = strip_accents(text).casefold()
    plain = plain.replace("&", " and ")
    plain = re.sub(r"[^0-9a-z]+", " ", plain).strip()
    return re.sub(r"^(st|sta|sto) ", "saint ", plain)


@cache
def country_lookup() -> tuple[dict[str, str], dict[str, dict[str, str]], frozenset[str]]:
    """(folded alias -> ISO3 for CELAC states, ISO3 -> names, non-CELAC ISO3 codes)."""
    table = load("countries")
    aliases: dict[str, str] = {}
    names: dict[str, dict[str, str]] = {}
    others: set[str] = set()
    for row in table.to_dict("records"):
        iso3 = str(row["iso3"]).upper()
        if not row["is_celac"]:
            others.add(iso3)
            continue
        names[iso3] = {"en": row["name_en"], "es": row["name_es"], "pt": row["name_pt"]}
        for value in (row["iso3"], row["iso2"], row["name_en"], row["name_es"], row["name_pt"]):
            folded = normalize_name(value)
            aliases.setdefault(folded, iso3)
            # "Bolivia (Plurinational State of)" is also "Bolivia"
            short = normalize_name(re.sub(r"\(.*?\)", " ", str(value)))
            if short:
                aliases.setdefault(short, iso3)
    return aliases, names, frozenset(others)


def celac_countries() -> dict[str, str]:
    """ISO3 -> English name of the 33 CELAC states, sorted by code."""
    _, names, _ = country_lookup()
    return {iso3: names[iso3]["en"] for iso3 in sorted(names)}


def country_name(country, lang: str | None = None) -> str:
    """The name of a CELAC state in ``lang`` (default: the active language).

    Examples
    --------
    >>> country_name("BRA", "es"), country_name("mexico", "en")
    ('Brasil', 'Mexico')
    """
    _, names, _ = country_lookup()
    return names[resolve_country(country)][check_language(lang) if lang else get_language()]


def _country_error(value, suggestions: list[str], name: str) -> UsageError:
    codes = sorted(celac_countries())
    hint = f"did you mean {', '.join(suggestions)}? " if suggestions else ""
    what = "country" if name == "country" else name
    examples = [c for c in ("ARG", "BOL", "BRA") if c in codes] or codes[:3]
    return UsageError(
        f"unknown {what} {value!r}; {hint}valid: {len(codes)} CELAC states, "
        f"e.g. {', '.join(examples)} ... (ISO3, ISO2 or name; all: {' '.join(codes)})"
    )


def resolve_country(value, *, name: str = "country") -> str:
    """Return the ISO3 code of a CELAC state given its code or name.

    Examples
    --------
    >>> [resolve_country(v) for v in ("Brasil", "brazil", "BR", "BRA", " méxico ")]
    ['BRA', 'BRA', 'BRA', 'BRA', 'MEX']
    """
    if not isinstance(value, str) or not value.strip():
        raise UsageError(
            f"{name} must be a country code or name, not {value!r}; "
            f"e.g. {', '.join(sorted(celac_countries())[:3])} ..."
        )
    aliases, names, others = country_lookup()
    folded = normalize_name(value)
    if folded in aliases:
        return aliases[folded]
    if folded.upper() in others:
        raise UsageError(
            f"{name} {value!r} is not one of the 33 CELAC states; "
            f"e.g. ARG, BOL, BRA ... (all: {' '.join(sorted(names))})"
        )
    close = difflib.get_close_matches(folded, list(aliases), n=3, cutoff=0.7)
    suggestions: list[str] = []
    for match in close:
        iso3 = aliases[match]
        label = f"{names[iso3]['en']} ({iso3})"
        if label not in suggestions:
            suggestions.append(label)
    raise _country_error(value, suggestions, name)


def name_column(lang: str | None = None) -> str:
    """The column of the ``countries`` table with names in ``lang`` (default: active)."""
    return "name_es" if (lang or get_language()) == "es" else "name_en"


def country_names(lang: str | None = None) -> dict[str, str]:
    """ISO3 -> name in ``lang`` for every country of the ``countries`` table (not only CELAC).

    Examples
    --------
    >>> country_names("es")["USA"]
    'Estados Unidos'
    """
    table = load("countries")
    return dict(zip(table["iso3"].astype(str), table[name_column(lang)].astype(str), strict=True))


def resolve_countries(value, *, name: str = "country") -> list[str]:
    """ISO3 codes for one country or a list of them; ``None`` gives ``[]``.

    Examples
    --------
    >>> resolve_countries(["Chile", "PE"]), resolve_countries(None)
    (['CHL', 'PER'], [])
    """
    if value is None:
        return []
    values = [value] if isinstance(value, str) else list(value)
    return [resolve_country(v, name=name) for v in values]


def country_or_none(value, *, name: str = "country") -> str | None:
    """The ISO3 code of one country, or ``None`` when no country is given.

    Examples
    --------
    >>> country_or_none("Perú"), country_or_none(None)
    ('PER', None)
    """
    return None if value is None else resolve_country(value, name=name)
