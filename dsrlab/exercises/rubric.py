"""Rubric exercises: a written answer, a rubric of strong/adequate/weak, a self-assessment.

A ``reflection`` exercise with a ``levels`` mapping is *rubric-graded*: its rubric says
what a strong, an adequate and a weak answer contain (in English and Spanish). The student
writes the answer, reads the rubric and places the answer on it; the response then carries
``"self_assessment"`` (one of :data:`LEVELS`), which the store keeps, the export writes and
``dsrlab collect`` shows the instructor beside the answer.

Examples
--------
>>> ex = {"type": "reflection", "levels": {k: {"en": k.title(), "es": k} for k in LEVELS}}
>>> is_rubric(ex), is_rubric({"type": "reflection"})
(True, False)
>>> self_assessment({"text": "...", "self_assessment": "adequate"}), self_assessment("x")
('adequate', None)
"""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Iterable, Mapping

from ..base.i18n import get_language, t

__all__ = ["LEVELS", "is_rubric", "self_assessment", "level_label", "levels_html",
           "levels_text", "tally", "rubric_share", "exercise_minutes"]

#: the three levels of every rubric, best first
LEVELS = ("strong", "adequate", "weak")


def is_rubric(ex: Mapping) -> bool:
    """True when ``ex`` is graded by a strong/adequate/weak rubric."""
    return ex.get("type") == "reflection" and isinstance(ex.get("levels"), Mapping)


def self_assessment(response) -> str | None:
    """The level a response's author gave it (None when absent or not a level)."""
    if isinstance(response, Mapping):
        level = response.get("self_assessment")
        return level if level in LEVELS else None
    return None


def level_label(level: str, lang: str | None = None) -> str:
    """A level in words: ``level_label("weak", "es")`` -> ``'débil'``."""
    return t(f"widgets.level_{level}", lang)


def levels_text(ex: Mapping, lang: str | None = None) -> str:
    """The rubric as plain text lines, ``Strong: ...`` (for exports and the guide)."""
    lang = lang or get_language()
    return "\n".join(f"{level_label(lv, lang).capitalize()}: {ex['levels'][lv][lang]}"
                     for lv in LEVELS)


def levels_html(ex: Mapping, lang: str | None = None) -> str:
    """The rubric as an HTML table (every text escaped), with a caption saying what to do."""
    lang = lang or get_language()
    e = html.escape
    rows = "".join(f"<tr><th scope='row'>{e(level_label(lv, lang).capitalize())}</th>"
                   f"<td>{e(ex['levels'][lv][lang])}</td></tr>" for lv in LEVELS)
    return (f"<table class='dsrlab-rubric'><caption>{e(t('widgets.rubric_caption', lang))}"
            f"</caption><tbody>{rows}</tbody></table>")


def tally(levels: Iterable[str | None], lang: str = "en") -> str:
    """How many chose each level, e.g. ``'strong 1; adequate 2; weak 0'`` ('' if none).

    >>> tally(["strong", "adequate", None, "adequate"])
    'strong 1; adequate 2; weak 0'
    """
    counts = Counter(lv for lv in levels if lv in LEVELS)
    if not counts:
        return ""
    return "; ".join(f"{level_label(lv, lang)} {counts[lv]}" for lv in LEVELS)


def rubric_share(exercises: Iterable[Mapping]) -> tuple[int, int]:
    """(rubric-graded exercises, all exercises) in ``exercises``.

    >>> rubric_share([{"type": "reflection", "levels": {}}, {"type": "numeric"}])
    (1, 2)
    """
    items = list(exercises)
    return sum(is_rubric(ex) for ex in items), len(items)


def exercise_minutes(ex: Mapping) -> int:
    """A planning estimate of a student's time on one exercise, in minutes.

    Three minutes for an exercise checked automatically; a written one takes five minutes
    to read the question (and the rubric) plus one per ten words asked for.

    >>> exercise_minutes({"type": "numeric"}), exercise_minutes({"type": "reflection",
    ...                                                          "min_words": 100})
    (3, 15)
    """
    if ex.get("type") != "reflection":
        return 3
    return 5 + -(-int(ex.get("min_words", 0)) // 10)
