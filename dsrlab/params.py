"""Validate notebook and papermill parameters in one place.

Every course notebook calls :func:`check_params` in the cell right after its
``parameters`` cell, so a bad value given to papermill (or typed by a student) stops
the run with one line that names the problem and lists the valid choices.

Examples
--------
>>> p = check_params(lang="en", country="Brasil", compare_with="mx")
>>> p.country, p.country_name, p.compare_with
('BRA', 'Brazil', 'MEX')
>>> check_params(country="Atlantis")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
dsrlab.base.errors.UsageError: unknown country 'Atlantis'; valid: 33 CELAC states, ...
>>> _ = check_params(lang="en")
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

from .base.errors import UsageError, choices_text
from .blocks.countries import country_lookup, resolve_country

__all__ = ["PARAMETERS", "Params", "check_params", "year_range"]

#: Every parameter a course notebook may declare, with a one-line description.
PARAMETERS = {
    "lang": "language of labels and text: 'en' or 'es'",
    "country": "ISO3, ISO2 or English/Spanish/Portuguese name of a CELAC state (or None)",
    "compare_with": "a second CELAC state to compare with (or None)",
    "start_year": "first year shown (int)",
    "end_year": "last year shown (int)",
    "weights": "dict criterion -> weight (0-5) for the surveillance assessment (or None)",
    "unknown": "how the surveillance assessment counts unknown ratings: 'skip', 'zero' or "
               "'midpoint' (or None = 'skip')",
}

# Used when the events table is not there yet (the earliest fact in the papers is the
# 1984 CBERS programme; the latest ones date from 2021).
_FALLBACK_YEARS = (1984, 2021)


@dataclass(frozen=True)
class Params:
    """Validated, normalised notebook parameters (read-only).

    Attributes
    ----------
    lang : str
        ``"en"`` or ``"es"``.
    country, compare_with : str or None
        ISO3 codes of CELAC states.
    country_name, compare_with_name : str or None
        Their names in ``lang``.
    start_year, end_year : int or None
    weights : Mapping[str, float] or None
        Read-only; every criterion present, in display order; those not given keep
        their ``DEFAULT_WEIGHTS`` value.
    unknown : str or None
        How the assessment counts unknown ratings (``dsrlab.topics.assessment.UNKNOWN_MODES``);
        None means the default, ``"skip"``.
    """

    lang: str
    country: str | None = None
    country_name: str | None = None
    compare_with: str | None = None
    compare_with_name: str | None = None
    start_year: int | None = None
    end_year: int | None = None
    weights: Mapping[str, float] | None = field(default=None, hash=False)
    unknown: str | None = None

    def _repr_html_(self) -> str:
        import html

        from .base.i18n import t

        rows = []
        for name in PARAMETERS:
            value = getattr(self, name)
            if value is None:
                continue
            if name in ("country", "compare_with"):
                value = f"{getattr(self, name + '_name')} ({value})"
            elif name == "weights":
                value = ", ".join(f"{k}: {v:g}" for k, v in value.items())
            help_text = html.escape(t("params." + name, self.lang))
            rows.append(f"<tr><th>{name}</th><td>{html.escape(str(value))}</td>"
                        f"<td><small>{help_text}</small></td></tr>")
        return (f"<table class='dsrlab-params'><caption>{t('params.summary', self.lang)}</caption>"
                f"{''.join(rows)}</table>")

    def as_dict(self) -> dict:
        """The parameters as a plain dict (weights as a plain dict too)."""
        out = {name: getattr(self, name) for name in self.__dataclass_fields__}
        if out["weights"] is not None:
            out["weights"] = dict(out["weights"])
        return out


@cache
def year_range() -> tuple[int, int]:
    """The first and last year covered by the events table.

    Examples
    --------
    >>> first, last = year_range()
    >>> first < 2015 < last
    True
    """
    try:
        from .data.tables import load

        dates = load("events")["date"]
    except (ImportError, OSError, LookupError, ValueError):
        return _FALLBACK_YEARS
    import pandas as pd

    years = pd.to_datetime(dates, errors="coerce").dt.year.dropna()
    if years.empty:
        return _FALLBACK_YEARS
    return int(years.min()), int(years.max())


def _check_year(name: str, value) -> int | None:
    if value is None:
        return None
    first, last = year_range()
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise UsageError(
            f"{name} must be a whole year between {first} and {last}, not {value!r}"
        )
    if not first <= int(value) <= last:
        raise UsageError(
            f"{name} {value} is outside the data; choose a year from {first} to {last}"
        )
    return int(value)


def _criteria() -> tuple[list[str], dict[str, float], tuple[float, float]]:
    # lazy: only notebook 03 passes weights
    from .topics.surveillance import CRITERIA, DEFAULT_WEIGHTS, WEIGHT_RANGE

    return list(CRITERIA), dict(DEFAULT_WEIGHTS), tuple(WEIGHT_RANGE)


def _check_weights(weights) -> Mapping[str, float] | None:
    if weights is None:
        return None
    criteria, defaults, (low, high) = _criteria()
    if not isinstance(weights, Mapping):
        raise UsageError(
            f"weights must be a dict criterion -> weight, not {weights!r}; "
            f"criteria: {choices_text(criteria)}"
        )
    clean = {name: float(defaults.get(name, 0.0)) for name in criteria}
    for key, value in weights.items():
        if key not in clean:
            raise UsageError(
                f"unknown criterion {key!r} in weights; criteria: {choices_text(criteria)}"
            )
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            raise UsageError(
                f"weight for {key!r} must be a number from {low:g} to {high:g}, not {value!r}"
            )
        number = float(value)
        if not (math.isfinite(number) and low <= number <= high):
            raise UsageError(
                f"weight for {key!r} must be a finite number from {low:g} to {high:g}, "
                f"not {value!r}"
            )
        clean[key] = number
    if not any(clean.values()):
        raise UsageError(
            f"weights are all zero; give at least one of {choices_text(criteria)} a weight > 0"
        )
    return MappingProxyType(clean)


def _check_unknown(unknown) -> str | None:
    if unknown is None:
        return None
    from .topics.assessment import resolve_unknown  # lazy: only notebook 03 passes it

    return resolve_unknown(unknown)


def check_params(**params) -> Params:
    """Validate notebook parameters, set the language, return them normalised.

    Parameters
    ----------
    **params
        Any of ``lang``, ``country``, ``compare_with``, ``start_year``, ``end_year``,
        ``weights``, ``unknown`` (see :data:`PARAMETERS`). Countries may be ISO3, ISO2 or an
        English/Spanish/Portuguese name (accents, case and spaces ignored); only the
        33 CELAC states are valid. ``None`` means "not set".

    Returns
    -------
    Params
        A frozen dataclass with ISO3 codes, names in the active language, ints and a
        read-only weights mapping.

    Raises
    ------
    dsrlab.base.errors.UsageError
        One line naming the bad value and the valid choices.

    Examples
    --------
    >>> check_params(lang="es", country="bo").country_name
    'Bolivia'
    >>> check_params(start_year=2019, end_year=2015)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dsrlab.base.errors.UsageError: start_year 2019 is after end_year 2015; ...
    >>> check_params(colour="red")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dsrlab.base.errors.UsageError: unknown parameter 'colour'; valid: 'lang', 'country', ...
    >>> _ = check_params(lang="en")
    """
    from .base.i18n import get_language, set_language

    unknown = [name for name in params if name not in PARAMETERS]
    if unknown:
        raise UsageError(f"unknown parameter {unknown[0]!r}; valid: {choices_text(PARAMETERS)}")
    lang = params.get("lang")
    lang = set_language(lang) if lang is not None else get_language()

    _, names, _ = country_lookup()
    country = params.get("country")
    country = None if country is None else resolve_country(country, name="country")
    compare = params.get("compare_with")
    compare = None if compare is None else resolve_country(compare, name="compare_with")
    if country is not None and compare == country:
        raise UsageError(
            f"compare_with must differ from country ({country}); pick another CELAC state"
        )

    start = _check_year("start_year", params.get("start_year"))
    end = _check_year("end_year", params.get("end_year"))
    if start is not None and end is not None and start > end:
        first, last = year_range()
        raise UsageError(
            f"start_year {start} is after end_year {end}; "
            f"choose {first} <= start_year <= end_year <= {last}"
        )
    return Params(
        lang=lang,
        country=country,
        country_name=names[country][lang] if country else None,
        compare_with=compare,
        compare_with_name=names[compare][lang] if compare else None,
        start_year=start,
        end_year=end,
        weights=_check_weights(params.get("weights")),
        unknown=_check_unknown(params.get("unknown")),
    )
