"""Check a response against an exercise and build the :class:`Feedback` a student sees.

Responses are plain JSON values, one shape per type:

=================  ==============================================  =====================
type               response                                        example
=================  ==============================================  =====================
single_choice      choice id                                       ``"b"``
multiple_choice    list of choice ids                              ``["a", "c"]``
numeric            number (or text such as ``"1,234.5"``)          ``51``
short_text         text                                            ``"Chile"``
ordering           item ids in the student's order                 ``["x", "y", "z"]``
categorise         ``{item id: category id}``                      ``{"MEX": "us"}``
reflection         ``{"text": ..., "rubric": [bool, ...]}``        ``{"text": "..."}``
                   (rubric-graded: ``+ "self_assessment"``)         ``"adequate"``
data_task          the value computed in code                      ``3.5``
=================  ==============================================  =====================
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ..base.errors import DsrlabError
from ..base.i18n import get_language, t
from .computed import expected, within_tolerance
from .model import Feedback, tr
from .responses import normalise_text, parse_number, word_count
from .rubric import is_rubric, level_label, self_assessment

__all__ = ["evaluate", "is_empty", "counts"]


def is_empty(ex: dict, response: Any) -> bool:
    """True when nothing was chosen or typed (such a response is neither saved nor counted).

    Examples
    --------
    >>> is_empty({"type": "multiple_choice"}, [])
    True
    >>> is_empty({"type": "numeric"}, 0)
    False
    """
    kind = ex["type"]
    if response is None:
        return True
    if kind == "reflection":
        text = response.get("text", "") if isinstance(response, Mapping) else str(response)
        return not text.strip()
    if kind == "categorise":
        return not isinstance(response, Mapping) or not any(response.values())
    if isinstance(response, str):
        return not response.strip()
    if kind == "multiple_choice" and isinstance(response, Sequence):
        return len(response) == 0
    return False


def _verdict(ex, correct, lang, details=(), score=None, response=None, meta=None):
    word = t("widgets.correct", lang) if correct else t("widgets.not_quite", lang)
    return Feedback(ex["id"], correct, f"{'✔' if correct else '✘'} {word}",
                    tuple(d for d in details if d), score, response, dict(meta or {}))


def _choice(ex, response, lang):
    by_id = {c["id"]: c for c in ex["choices"]}
    picked = [response] if ex["type"] == "single_choice" else list(response)
    unknown = [p for p in picked if p not in by_id]
    if unknown:
        return _verdict(ex, False, lang, [t("widgets.unknown_choice", lang, choice=unknown[0],
                                            choices=", ".join(by_id))], 0.0, response)
    details = [tr(by_id[p].get("feedback"), lang) for p in picked]
    if ex["type"] == "single_choice":
        ok = bool(by_id[response].get("correct"))
        return _verdict(ex, ok, lang, details, float(ok), response)
    right = {c["id"] for c in ex["choices"] if c.get("correct")}
    chosen = set(picked)
    hits, wrong = len(chosen & right), len(chosen - right)
    ok = chosen == right
    score = max(0.0, (hits - wrong) / len(right))
    if not ok:
        details.append(t("widgets.multi_summary", lang, hits=hits, total=len(right), wrong=wrong))
    return _verdict(ex, ok, lang, details, score, sorted(chosen))


def _value(ex, response, lang):
    target = expected(ex)
    if isinstance(target, str):
        ok = normalise_text(str(response)) == normalise_text(target)
        return _verdict(ex, ok, lang, score=float(ok), response=response)
    if isinstance(target, list | tuple | set):
        ok = isinstance(response, list | tuple | set) and (
            sorted(map(str, response)) == sorted(map(str, target)))
        return _verdict(ex, ok, lang, score=float(ok), response=list(response)
                        if isinstance(response, list | tuple | set) else response)
    value = parse_number(response, lang)
    if value is None:
        return _unreadable(ex, lang, t("widgets.not_a_number", lang, value=str(response)),
                           response)
    target = float(target)
    ok = within_tolerance(value, target, ex.get("tolerance"), ex.get("rel_tolerance"),
                          ex.get("decimals"))
    details = []
    if not ok:
        details.append(t("widgets.too_high" if value > target else "widgets.too_low", lang))
    # the number is saved; what the student typed ("51st", "1.200") is kept beside it, so an
    # export shows the answer as written
    typed = {"typed": response} if isinstance(response, str) else None
    return _verdict(ex, ok, lang, details, float(ok), value, meta=typed)


def _unreadable(ex, lang, why, response):
    """Feedback for an answer that cannot be read: says the form expected, counts nothing."""
    return Feedback(ex["id"], None, f"⚠ {t('widgets.form_expected', lang)}",
                    (why, t("widgets.not_counted", lang)), None, response, {"unreadable": True})


def counts(fb: Feedback) -> bool:
    """True when a checked answer counts as an attempt (and is saved).

    Nothing chosen or typed, or an answer that cannot be read (``"many"`` for a number,
    two items in the same position), is not an attempt: the feedback says what form is
    expected instead.

    Examples
    --------
    >>> ex = {"id": "x.1", "type": "numeric", "answer": 51, "tolerance": 0}
    >>> counts(evaluate(ex, "51st", "en")), counts(evaluate(ex, "many", "en"))
    (True, False)
    >>> print(evaluate(ex, "many", "en").text)
    ⚠ Check the form of your answer
    """
    return not (fb.meta.get("empty") or fb.meta.get("unreadable"))


def _text(ex, response, lang):
    given = normalise_text(response)
    ok = any(given == normalise_text(a) for a in ex["accepted"])
    return _verdict(ex, ok, lang, score=float(ok), response=str(response))


def _ordering(ex, response, lang):
    order = [str(r) if r is not None else "" for r in response]
    answer = [i["id"] for i in ex["items"]]
    if "" in order or len(set(order)) < len(order):  # a position left empty or given twice
        return _unreadable(ex, lang, t("widgets.use_each_once", lang), order)
    if sorted(order) != sorted(answer):
        return _verdict(ex, False, lang, [t("widgets.use_each_once", lang)], 0.0, order)
    placed = sum(a == b for a, b in zip(order, answer, strict=True))
    ok = placed == len(answer)
    details = [] if ok else [t("widgets.in_place", lang, n=placed, total=len(answer))]
    return _verdict(ex, ok, lang, details, placed / len(answer), order)


def _categorise(ex, response, lang):
    given = {str(k): (str(v) if v else "") for k, v in dict(response).items()}
    placed = sum(given.get(i["id"]) == i["category"] for i in ex["items"])
    total = len(ex["items"])
    ok = placed == total
    details = [] if ok else [t("widgets.in_category", lang, n=placed, total=total)]
    return _verdict(ex, ok, lang, details, placed / total, given)


def _reflection(ex, response, lang):
    if isinstance(response, Mapping):
        text, rubric = str(response.get("text", "")), [bool(x) for x in response.get("rubric", [])]
    else:
        text, rubric = str(response), []
    words, need, most = word_count(text), int(ex.get("min_words", 0)), ex.get("max_words")
    details = [t("widgets.word_count", lang, n=words, need=need)]
    complete = words >= need
    if most is not None and words > most:
        complete = False
        details.append(t("widgets.too_many_words", lang, n=words, most=most))
    saved = {"text": text, "rubric": rubric}
    meta = {"words": words}
    if is_rubric(ex):
        # the answer is kept even before the student places it on the rubric
        level = saved["self_assessment"] = meta["self_assessment"] = self_assessment(response)
        complete = complete and level is not None
        details.append(t("widgets.self_assessed", lang, level=level_label(level, lang))
                       if level else t("widgets.self_assess_needed", lang))
    meta["complete"] = complete
    head = (f"✔ {t('widgets.saved', lang)}" if complete
            else f"✘ {t('widgets.not_quite', lang)}")
    return Feedback(ex["id"], None, head, tuple(details), None, saved, meta)


_CHECKERS = {
    "single_choice": _choice, "multiple_choice": _choice, "numeric": _value,
    "data_task": _value, "short_text": _text, "ordering": _ordering,
    "categorise": _categorise, "reflection": _reflection,
}


def evaluate(ex: dict, response: Any, lang: str | None = None) -> Feedback:
    """Check ``response`` against exercise ``ex``; never raises for a student's input.

    Examples
    --------
    >>> from dsrlab.exercises.model import get
    >>> evaluate(get("00.1"), "b", "en").text
    '✘ Not quite'
    >>> str(evaluate({"id": "x.1", "type": "numeric", "answer": 51, "tolerance": 0}, "52", "es"))
    '✘ Todavía no\\nTu respuesta es más alta de lo esperado.'
    """
    lang = lang or get_language()
    if is_empty(ex, response):
        return Feedback(ex["id"], False, f"✘ {t('widgets.not_quite', lang)}",
                        (t("widgets.no_answer", lang),), None, response, {"empty": True})
    try:
        return _CHECKERS[ex["type"]](ex, response, lang)
    except DsrlabError as exc:  # the exercise cannot be checked (e.g. compute failed)
        return Feedback(ex["id"], None, f"⚠ {t('widgets.check_failed', lang, error=exc)}",
                        (), None, response, {"error": str(exc)})
    except (TypeError, ValueError, AttributeError):
        return _verdict(ex, False, lang, [t("widgets.bad_response", lang)], 0.0, response,
                        {"invalid": True})

