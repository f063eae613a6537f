"""Answers computed from the data: exercise files name a registered function in ``compute:``.

A topic module registers the answers its exercises compute in a dict ``ANSWERS``; the
name, not a module path, goes into the exercise file, so code can move freely.
"""

from __future__ import annotations

import importlib
import math

from ..base.errors import DsrlabError, choices_text

__all__ = ["answer_functions", "resolve_compute", "expected", "within_tolerance"]


def answer_functions() -> dict:
    """Name -> function of every computed answer the topic modules register.

    A topic module lists the answers exercise files may name in ``compute:`` in a dict
    ``ANSWERS``; names are unique across the course (a duplicate is an error).

    Examples
    --------
    >>> "telecom_share" in answer_functions()
    True
    """
    import pkgutil

    from .. import topics

    registry: dict = {}
    for info in pkgutil.iter_modules(topics.__path__):
        module = importlib.import_module(f"{topics.__name__}.{info.name}")
        for name, func in getattr(module, "ANSWERS", {}).items():
            if name in registry and registry[name] is not func:
                raise DsrlabError(f"answer {name!r} is registered twice ({info.name})")
            registry[name] = func
    return registry


def resolve_compute(name: str):
    """The registered answer function called ``name`` (see :func:`answer_functions`).

    Examples
    --------
    >>> resolve_compute("total_deal_size")() > 0
    True
    """
    registry = answer_functions()
    if name not in registry:
        raise DsrlabError(f"unknown computed answer {name!r}; registered: "
                          f"{choices_text(sorted(registry))}")
    return registry[name]


def expected(ex: dict):
    """The expected value of a numeric or data task (the literal ``answer`` or ``compute()``)."""
    if "compute" in ex:
        func = resolve_compute(ex["compute"])
        try:
            return func()
        except Exception as exc:  # data missing, a bug in the function ...
            raise DsrlabError(f"cannot compute the answer of {ex.get('id')} with "
                              f"{ex['compute']}: {type(exc).__name__}: {exc}") from exc
    return ex["answer"]


def within_tolerance(value: float, target: float, tolerance: float | None = None,
                     rel_tolerance: float | None = None, decimals: int | None = None) -> bool:
    """Whether ``value`` is close enough to ``target``.

    The allowance is ``tolerance + rel_tolerance * |target|``; with neither, half a unit of
    the last shown decimal (``decimals``), else a tiny floating-point margin.

    Examples
    --------
    >>> within_tolerance(51.4, 51, tolerance=0.5)
    True
    >>> within_tolerance(110, 100, rel_tolerance=0.05)
    False
    >>> within_tolerance(3.14, 3.14159, decimals=2)
    True
    """
    if value is None or not math.isfinite(value):
        return False
    allow = (tolerance or 0.0) + (rel_tolerance or 0.0) * abs(target)
    if tolerance is None and rel_tolerance is None and decimals is not None:
        allow = 0.5 * 10.0 ** -decimals
    allow += 1e-9 * max(1.0, abs(target))
    return abs(value - target) <= allow
