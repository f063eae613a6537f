"""Notebook 03's assessment: explicit scoring rules, the course's ratings, the student's weights.

``assessment_ratings.yml`` (beside this module) states one rule per criterion of
:data:`dsrlab.topics.surveillance.CRITERIA` (what earns 0 to 4, and when a rating is "unknown")
and applies it to each deployment, citing source ids and data rows. The ratings are the
course's reading of the evidence, not facts. Where the sources say nothing the rating is
unknown (never 0); the student's weights and an ``unknown`` mode (:data:`UNKNOWN_MODES`)
turn the ratings into a score and a ranking.
"""

from __future__ import annotations

import math
import numbers
import textwrap
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from ..base.course_tables import course_table
from ..base.errors import UsageError, choices_text
from ..base.i18n import get_language, in_language, t
from ..blocks.countries import country_or_none
from ..blocks.tables import starred
from .surveillance import CRITERIA, DEFAULT_WEIGHTS, WEIGHT_RANGE

__all__ = [
    "UNKNOWN_MODES",
    "DEFAULT_UNKNOWN",
    "ANSWER_ID",
    "rules_table",
    "ratings_table",
    "resolve_unknown",
    "resolve_weights",
    "scores_table",
    "plot_ranking",
    "weights_text",
]

_RATINGS_FILE = Path(__file__).resolve().parent / "assessment_ratings.yml"
ANSWER_ID = "03.assessment"

#: How unknown ratings count in a score: ``"skip"`` (default: the weighted mean over the
#: criteria that are known, so the weights are spread over them), ``"zero"`` (an unknown
#: counts as 0, the worst) or ``"midpoint"`` (an unknown counts as 2, the middle of the scale).
UNKNOWN_MODES: tuple[str, ...] = ("skip", "zero", "midpoint")
DEFAULT_UNKNOWN = "skip"
_LEVELS = (4, 3, 2, 1, 0)

@cache
def _ratings_doc() -> dict:
    import yaml

    with _RATINGS_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _rating_value(value) -> float:
    """A YAML rating as a float: 0-4, or NaN for ``unknown``."""
    return math.nan if value == "unknown" else float(value)


def resolve_unknown(unknown: str | None = None) -> str:
    """Validate an ``unknown`` mode; ``None`` gives ``"skip"``.

    Examples
    --------
    >>> resolve_unknown(), resolve_unknown("zero")
    ('skip', 'zero')
    >>> resolve_unknown("worst")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dsrlab.base.errors.UsageError: unknown must be one of 'skip', 'zero', 'midpoint' ...
    """
    if unknown is None:
        return DEFAULT_UNKNOWN
    if not isinstance(unknown, str) or unknown not in UNKNOWN_MODES:
        raise UsageError(f"unknown must be one of {choices_text(UNKNOWN_MODES)} (how unknown "
                         f"ratings count), not {unknown!r}")
    return unknown


@in_language
def ratings_table(long: bool = False, *, country=None, lang=None):
    """The course's criterion ratings (0-4, or unknown) per deployment: a judgement, not data.

    With ``long=False`` (default): one row per deployment (index ``deployment_id``),
    columns ``label, iso3`` and one float column per criterion (NaN = unknown). With
    ``long=True``: one row per rating with ``rating`` (nullable integer), ``shown`` (the
    rating in words: a number or "unknown"), the ``rule`` it applies, its reason
    (``why``), ``source_ids`` and data ``rows``.

    Examples
    --------
    >>> list(ratings_table().columns[2:]) == list(CRITERIA)
    True
    >>> shown = ratings_table(long=True)["shown"]
    >>> bool(shown.isin(["unknown", "0", "1", "2", "3", "4"]).all())
    True
    """
    import pandas as pd

    lang = get_language()
    iso3 = country_or_none(country)
    doc = _ratings_doc()
    deployments, rules = doc["deployments"], doc["rules"]
    if long:
        rows = []
        for dep, d in deployments.items():
            for c in CRITERIA:
                r = d["ratings"][c]
                known = r["rating"] != "unknown"
                rule = rules[c]["levels"][r["rating"]] if known else rules[c]["unknown"]
                rows.append({
                    "deployment_id": dep, "label": _starred(d, iso3, lang), "criterion": c,
                    "rating": r["rating"] if known else None,
                    "shown": str(r["rating"]) if known else t("surveillance.unknown_word",
                                                              lang=lang),
                    "rule": rule[lang], "why": r["why"][lang],
                    "source_ids": ", ".join(r["source_ids"]),
                    "rows": ", ".join(r.get("rows", []))})
        out = pd.DataFrame(rows)
        out["rating"] = out["rating"].astype("Int64")
        return course_table(out, hide=("rating", "rows"),
                            labels={"label": _DEPLOYMENT, "shown": "tables.col_rating"})
    rows = [{"deployment_id": dep, "label": _starred(d, iso3, lang), "iso3": d["iso3"],
             **{c: _rating_value(d["ratings"][c]["rating"]) for c in CRITERIA}}
            for dep, d in deployments.items()]
    return course_table(pd.DataFrame(rows).set_index("deployment_id"), labels={
        "label": _DEPLOYMENT, **{c: f"surveillance.criterion_{c}" for c in CRITERIA}})


_DEPLOYMENT = {"en": "Deployment", "es": "Despliegue"}


def _starred(deployment: dict, iso3: str | None, lang: str) -> str:
    return starred(deployment["label"][lang], iso3 is not None and deployment["iso3"] == iso3)


class RulesTable:
    """The scoring rules as a table: HTML in a notebook, text elsewhere (``frame``: a DataFrame)."""

    def __init__(self, frame, lang: str | None = None):
        self.frame, self.lang = frame, lang

    def __str__(self) -> str:
        lines = [t("surveillance.rules_caption", lang=self.lang)]
        for crit, row in self.frame.iterrows():
            lines.append(f"\n{crit}: {row.iloc[0]}")
            lines += [f"  {col}: {row[col]}" for col in self.frame.columns[1:]]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        import html

        esc = html.escape
        head = "".join(f"<th scope='col'>{esc(str(c))}</th>"
                       for c in [self.frame.index.name, *self.frame.columns])
        body = "".join(
            "<tr><th scope='row' style='text-align:left;vertical-align:top'>"
            f"{esc(str(crit))}</th>"
            + "".join(f"<td style='text-align:left;vertical-align:top'>{esc(str(v))}</td>"
                      for v in row) + "</tr>"
            for crit, row in self.frame.iterrows())
        return (f"<table class='dsrlab-rules' style='font-size:0.9em'><caption>"
                f"{esc(t('surveillance.rules_caption', lang=self.lang))}</caption>"
                f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


@in_language
def rules_table(*, country=None, lang=None) -> RulesTable:
    """The scoring rule of every criterion: what earns 4, 3, 2, 1, 0, and when it is unknown.

    Returns a :class:`RulesTable` (shown as a full HTML table in a notebook); its ``frame``
    has one row per criterion (index: the criterion's name in ``lang``) and the columns
    question, 4 ... 0 and unknown, with headers in ``lang``. The rules are the same for
    every country (``country`` is accepted for the common table signature and ignored).

    Examples
    --------
    >>> rules = rules_table(lang="es")
    >>> rules.frame.shape
    (5, 7)
    >>> str(rules).startswith("Reglas de puntuación")
    True
    """
    import pandas as pd

    lang = get_language()
    rules = _ratings_doc()["rules"]
    cols = [t("surveillance.rule_col_question", lang=lang),
            *(t(f"surveillance.rule_col_{lv}", lang=lang) for lv in _LEVELS),
            t("surveillance.rule_col_unknown", lang=lang)]
    rows = [[rules[c]["question"][lang], *(rules[c]["levels"][lv][lang] for lv in _LEVELS),
             rules[c]["unknown"][lang]] for c in CRITERIA]
    frame = pd.DataFrame(rows, columns=cols,
                         index=pd.Index([t(f"surveillance.criterion_{c}", lang=lang)
                                         for c in CRITERIA],
                                        name=t("surveillance.col_criterion", lang=lang)))
    return RulesTable(frame, lang)


def resolve_weights(weights: Mapping | None = None) -> dict[str, float]:
    """Validate weights; return a new dict with every criterion, in :data:`CRITERIA` order.

    ``None`` gives :data:`DEFAULT_WEIGHTS`; criteria missing from a dict keep their default
    weight. Each weight is a number in :data:`WEIGHT_RANGE` (the rules of
    ``dsrlab.check_params``).

    Examples
    --------
    >>> resolve_weights({"scope_creep": 2})["scope_creep"], resolve_weights()["scope_creep"]
    (2.0, 1.0)
    >>> resolve_weights({"price": 1})  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    dsrlab.base.errors.UsageError: unknown criterion 'price' in weights; criteria: ...
    """
    if weights is None:
        return dict(DEFAULT_WEIGHTS)
    if not isinstance(weights, Mapping):
        raise UsageError(f"weights must be a dict criterion -> weight, not {weights!r}; "
                         f"criteria: {choices_text(CRITERIA)}")
    low, high = WEIGHT_RANGE
    clean = dict(DEFAULT_WEIGHTS)
    for key, value in weights.items():
        if key not in clean:
            raise UsageError(f"unknown criterion {key!r} in weights; "
                             f"criteria: {choices_text(CRITERIA)}")
        if isinstance(value, bool) or not isinstance(value, numbers.Real) \
                or not math.isfinite(float(value)) or not low <= float(value) <= high:
            raise UsageError(f"weight for {key!r} must be a finite number from {low:g} to "
                             f"{high:g}, not {value!r}; criteria: {choices_text(CRITERIA)}")
        clean[key] = float(value)
    if not any(clean.values()):
        raise UsageError(f"weights are all zero; give at least one of {choices_text(CRITERIA)}"
                         " a weight > 0")
    return clean


@in_language
def scores_table(weights: Mapping | None = None, ratings=None, unknown: str | None = None, *,
                 country=None, lang=None):
    """Score and rank deployments: the weighted mean of their criterion ratings.

    ``score = sum(weight[c] * rating[c]) / sum(weight[c])``, so it stays on the 0-4
    scale whatever the weights add up to. Unknown ratings (NaN) count as ``unknown`` says
    (:data:`UNKNOWN_MODES`): ``"skip"`` (default) leaves them out of both sums, ``"zero"``
    counts them as 0, ``"midpoint"`` as 2. A deployment whose weighted criteria are all
    unknown gets no score under ``"skip"`` (NaN, no rank, listed last). Ties share the best
    rank.

    Parameters
    ----------
    weights : mapping, optional
        Criterion -> weight >= 0 (see :func:`resolve_weights`).
    ratings : DataFrame, optional
        Index ``deployment_id``, one column per criterion (NaN = unknown; optional
        ``label``, ``iso3``); default: :func:`ratings_table`.
    unknown : {"skip", "zero", "midpoint"}, optional
    country : str, optional
        Highlights (never filters): that state's deployments get a leading "★ ".

    Returns
    -------
    DataFrame
        Columns ``rank, deployment_id, label, iso3, score, unknown, low, high``, best
        first: ``unknown`` counts the unknown ratings among the criteria with weight > 0;
        ``low`` and ``high`` are the scores if every unknown were 0 or 4 (the range the
        unknowns leave open).

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({c: [4, 0] for c in CRITERIA}, index=["a", "b"])
    >>> r.loc["b", "scope_creep"] = 4
    >>> only_scope = {c: (1 if c == "scope_creep" else 0) for c in CRITERIA}
    >>> scores_table(only_scope, ratings=r)["score"].tolist()
    [4.0, 4.0]
    >>> r.loc["a", "scope_creep"] = float("nan")
    >>> [scores_table(only_scope, ratings=r, unknown=m)["score"].tolist()
    ...  for m in ("zero", "midpoint")]
    [[4.0, 0.0], [4.0, 2.0]]
    """
    import numpy as np
    import pandas as pd

    w = resolve_weights(weights)
    mode = resolve_unknown(unknown)
    ratings = ratings_table(country=country) if ratings is None else ratings
    missing = [c for c in CRITERIA if c not in ratings.columns]
    if missing:
        raise UsageError(f"ratings lack criteria {choices_text(missing)}")
    values = ratings[list(CRITERIA)].astype(float)
    weight = pd.Series(w)[list(CRITERIA)]
    known = values.notna()
    total = weight.sum()
    low = values.fillna(0.0).mul(weight).sum(axis=1) / total
    high = values.fillna(4.0).mul(weight).sum(axis=1) / total
    if mode == "skip":
        known_weight = known.astype(float).mul(weight).sum(axis=1)
        score = values.fillna(0.0).mul(weight).sum(axis=1) / known_weight.replace(0, np.nan)
    else:
        fill = 0.0 if mode == "zero" else 2.0
        score = values.fillna(fill).mul(weight).sum(axis=1) / total
    ids = [str(i) for i in ratings.index]
    out = pd.DataFrame({
        "deployment_id": ids,
        "label": list(ratings["label"]) if "label" in ratings else ids,
        "iso3": list(ratings["iso3"]) if "iso3" in ratings else [None] * len(ids),
        "score": score.round(2).to_numpy(),
        "unknown": (~known).mul(weight > 0).sum(axis=1).astype(int).to_numpy(),
        "low": low.round(2).to_numpy(),
        "high": high.round(2).to_numpy(),
    })
    out = out.sort_values(["score", "deployment_id"], ascending=[False, True],
                          na_position="last")
    out.insert(0, "rank", out["score"].rank(ascending=False, method="min").astype("Int64"))
    return course_table(out.reset_index(drop=True), labels={"label": _DEPLOYMENT})


@in_language
def plot_ranking(scores, weights: Mapping | None = None, unknown: str | None = None, *,
                 country=None, ax=None, lang=None):
    """Horizontal bars of the assessment ranking (best on top), scores on the bars.

    Where ratings are unknown, a hatched grey band shows the range the score could take if
    they were known (``low`` to ``high`` of :func:`assessment_scores`), and the label says
    in words how many are unknown; a deployment with no score says so instead of a bar.
    The axis caption names the weights and the ``unknown`` mode used.
    """
    from matplotlib.patches import Patch

    from ..blocks.plots import PALETTE, describe, highlight_color, new_ax

    country = country_or_none(country)
    ax = new_ax(ax, figsize=(8, 0.6 * len(scores) + 2.2))
    order = scores.iloc[::-1].reset_index(drop=True)
    marks = [country is not None and iso == country for iso in order["iso3"]]
    has_range = "low" in order and "high" in order
    n_unknown = order["unknown"] if "unknown" in order else [0] * len(order)
    values = [0.0 if _nan(s) else float(s) for s in order["score"]]
    if has_range:
        for y, (lo, hi, n) in enumerate(zip(order["low"], order["high"], n_unknown, strict=True)):
            if n and not (_nan(lo) or _nan(hi)):
                ax.barh(y, hi - lo, left=lo, height=0.8, color="#d9d9d9", hatch="///",
                        edgecolor=PALETTE["neutral"], linewidth=0.5, zorder=1)
    ax.barh(range(len(order)), values, height=0.45, edgecolor=PALETTE["ink"], zorder=2,
            color=[highlight_color(m, "multilateral") for m in marks])
    for y, (s, n) in enumerate(zip(order["score"], n_unknown, strict=True)):
        if _nan(s):
            text = t("surveillance.no_score", lang=lang)
        else:
            text = f"{s:.2f}"
            if n:
                text += " · " + t("surveillance.unknown_count", lang=lang, n=int(n))
        ax.text(4.08, y, textwrap.fill(text, 24), va="center", ha="left")
    ranks = ["–" if _nan(r) else str(r) for r in order["rank"]]
    ax.set_yticks(range(len(order)), [f"{'▶ ' if m else ''}{r}. {lab}" for m, r, lab in
                                      zip(marks, ranks, order["label"], strict=True)])
    for tick, mark in zip(ax.get_yticklabels(), marks, strict=True):
        tick.set_fontweight("bold" if mark else "normal")
    ax.set_xlim(0, 6.4)
    ax.set_xticks([0, 1, 2, 3, 4])
    # the long deployment labels take part of the width: wrap title and axis label
    ax.set_title(textwrap.fill(t("surveillance.ranking_title", lang=lang), 36))
    xlabel = textwrap.fill(t("surveillance.ranking_xlabel", lang=lang), 48)
    if weights is not None:  # the weights used, under the axis label
        used = weights_text(resolve_weights(weights), lang)
        xlabel += "\n" + textwrap.fill(t("surveillance.weights_caption", lang=lang,
                                          weights=used), 60)
    mode = resolve_unknown(unknown)
    xlabel += "\n" + textwrap.fill(t("surveillance.unknown_caption", lang=lang,
                                      mode=t(f"surveillance.unknown_mode_{mode}", lang=lang)),
                                    60)
    ax.set_xlabel(xlabel)
    if has_range and any(n_unknown):
        handle = Patch(facecolor="#d9d9d9", hatch="///", edgecolor=PALETTE["neutral"],
                       label=textwrap.fill(t("surveillance.unknown_range_legend", lang=lang), 70))
        if ax.figure.get_layout_engine() is not None:  # below the axis caption, never over it
            ax.figure.legend(handles=[handle], loc="outside lower center")
        else:
            ax.legend(handles=[handle], loc="lower right")
    return describe(ax, "bar", order.drop(columns="score_label", errors="ignore"), label="label",
                    value="score", key="iso3", country=country, lang=lang)


def _nan(value) -> bool:
    try:
        return value is None or value != value or str(value) == "<NA>"
    except TypeError:  # pandas.NA refuses comparisons
        return True


def weights_text(weights: Mapping, lang: str | None = None) -> str:
    """The weights in words, e.g. "Stated safety benefit 1, ..." (for captions and notes)."""
    return ", ".join(f"{t(f'surveillance.criterion_{c}', lang=lang)} {weights[c]:g}"
                     for c in CRITERIA)
