"""Notebook 03's assessment: the course's criterion ratings x the student's weights.

Each deployment has a rating from 0 (worst) to 4 (best) on every criterion of
:data:`dsrlab._surveillance.CRITERIA`; the ratings, each justified and cited, live in
``dsrlab/assessment_ratings.yml`` and are the course's judgement, not facts. A student's
weights turn them into a score (a weighted mean) and a ranking.
"""

from __future__ import annotations

import math
import numbers
import textwrap
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from ..base.errors import UsageError, choices_text
from ..base.i18n import t
from .surveillance import CRITERIA, DEFAULT_WEIGHTS, WEIGHT_RANGE

__all__ = [
    "assessment_ratings",
    "resolve_weights",
    "assessment_scores",
    "plot_ranking",
    "assessment",
    "AssessmentWidget",
]

_RATINGS_FILE = Path(__file__).resolve().parent / "assessment_ratings.yml"
ANSWER_ID = "03.assessment"



@cache
def _ratings_doc() -> dict:
    import yaml

    with _RATINGS_FILE.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def assessment_ratings(lang: str | None = None, long: bool = False):
    """The course's criterion ratings (0-4) per deployment, a judgement, not data.

    With ``long=False`` (default): one row per deployment (index ``deployment_id``),
    columns ``label, iso3`` and one per criterion. With ``long=True``: one row per
    rating with its justification (``why``) and ``source_ids``.

    Examples
    --------
    >>> list(assessment_ratings().columns[2:]) == list(CRITERIA)
    True
    """
    import pandas as pd

    from ..base.i18n import get_language

    lang = lang or get_language()
    doc = _ratings_doc()["deployments"]
    if long:
        rows = [{"deployment_id": dep, "label": d["label"][lang], "criterion": c,
                 "rating": d["ratings"][c]["rating"], "why": d["ratings"][c]["why"][lang],
                 "source_ids": ", ".join(d["ratings"][c]["source_ids"])}
                for dep, d in doc.items() for c in CRITERIA]
        return pd.DataFrame(rows)
    rows = [{"deployment_id": dep, "label": d["label"][lang], "iso3": d["iso3"],
             **{c: d["ratings"][c]["rating"] for c in CRITERIA}} for dep, d in doc.items()]
    return pd.DataFrame(rows).set_index("deployment_id")


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


def assessment_scores(weights: Mapping | None = None, ratings=None, lang: str | None = None):
    """Score and rank deployments: the weighted mean of their criterion ratings.

    ``score = sum(weight[c] * rating[c]) / sum(weight[c])``, so it stays on the 0-4
    scale whatever the weights add up to. Ties share the best rank.

    Parameters
    ----------
    weights : mapping, optional
        Criterion -> weight >= 0 (see :func:`resolve_weights`).
    ratings : DataFrame, optional
        Index ``deployment_id``, one column per criterion (optional ``label``, ``iso3``);
        default: :func:`assessment_ratings`.

    Returns
    -------
    DataFrame
        Columns ``rank, deployment_id, label, iso3, score``, best first.

    Examples
    --------
    >>> import pandas as pd
    >>> r = pd.DataFrame({c: [4, 0] for c in CRITERIA}, index=["a", "b"])
    >>> r.loc["b", "scope_creep"] = 4
    >>> only_scope = {c: (1 if c == "scope_creep" else 0) for c in CRITERIA}
    >>> assessment_scores(only_scope, ratings=r)["score"].tolist()
    [4.0, 4.0]
    """
    import pandas as pd

    w = resolve_weights(weights)
    ratings = assessment_ratings(lang=lang) if ratings is None else ratings
    missing = [c for c in CRITERIA if c not in ratings.columns]
    if missing:
        raise UsageError(f"ratings lack criteria {choices_text(missing)}")
    total = sum(w.values())
    score = sum(ratings[c].astype(float) * w[c] for c in CRITERIA) / total
    ids = [str(i) for i in ratings.index]
    out = pd.DataFrame({
        "deployment_id": ids,
        "label": list(ratings["label"]) if "label" in ratings else ids,
        "iso3": list(ratings["iso3"]) if "iso3" in ratings else [None] * len(ids),
        "score": score.round(2).to_numpy(),
    })
    out = out.sort_values(["score", "deployment_id"], ascending=[False, True])
    out.insert(0, "rank", out["score"].rank(ascending=False, method="min").astype(int))
    return out.reset_index(drop=True)


def plot_ranking(scores, ax=None, country: str | None = None, weights: Mapping | None = None,
                 lang: str | None = None):
    """Horizontal bars of the assessment ranking (best on top), scores on the bars."""
    from ..blocks.plots import PALETTE, highlight_color, new_ax

    ax = new_ax(ax, figsize=(8, 0.6 * len(scores) + 1.8))
    order = scores.iloc[::-1]
    marks = [country is not None and iso == country for iso in order["iso3"]]
    bars = ax.barh(range(len(order)), order["score"], edgecolor=PALETTE["ink"],
                   color=[highlight_color(m, "multilateral") for m in marks])
    ax.bar_label(bars, labels=[f"{s:.2f}" for s in order["score"]], padding=3)
    ax.set_yticks(range(len(order)), [f"{'▶ ' if m else ''}{r}. {lab}" for m, r, lab in
                                      zip(marks, order["rank"], order["label"], strict=True)])
    for tick, mark in zip(ax.get_yticklabels(), marks, strict=True):
        tick.set_fontweight("bold" if mark else "normal")
    ax.set_xlim(0, 4.6)
    # the long deployment labels take part of the width: wrap title and axis label
    ax.set_title(textwrap.fill(t("surveillance.ranking_title", lang=lang), 36))
    xlabel = textwrap.fill(t("surveillance.ranking_xlabel", lang=lang), 48)
    if weights is not None:  # the weights used, under the axis label
        used = _weights_text(resolve_weights(weights), lang)
        xlabel += "\n" + textwrap.fill(t("surveillance.weights_caption", lang=lang,
                                          weights=used), 60)
    ax.set_xlabel(xlabel)
    return ax


def _weights_text(weights: Mapping, lang: str | None = None) -> str:
    return ", ".join(f"{t(f'surveillance.criterion_{c}', lang=lang)} {weights[c]:g}"
                     for c in CRITERIA)


def assessment(weights: Mapping | None = None, country: str | None = None):
    """The notebook's assessment: interactive sliders, or a fixed run under papermill.

    With ``weights=None`` returns an :class:`AssessmentWidget`
    (sliders restored from the student's last saved weights). With ``weights`` given (a
    notebook parameter) returns a short, non-interactive note naming the weights used.
    """
    if weights is None:
        return AssessmentWidget(country=country)
    from IPython.display import Markdown

    text = t("surveillance.weights_param_note", weights=_weights_text(resolve_weights(weights)))
    return Markdown(text)


def _saved_weights() -> dict[str, float] | None:
    """The weights the student saved last, or None (nothing saved, or no longer valid)."""
    from ..exercises import store as answers

    attempt = answers.latest(ANSWER_ID)
    if not attempt or not isinstance(attempt.get("response"), Mapping):
        return None
    try:
        return resolve_weights(attempt["response"].get("weights"))
    except UsageError:
        return None


class AssessmentWidget:
    """Sliders for the criterion weights, a live score table and ranking chart, a Save button.

    Moving a slider recomputes :func:`assessment_scores` and redraws the table
    (``self.table``, HTML) and chart (``self.chart``, a PNG image). *Save* stores the
    weights with the student's answers (``answers.record("03.assessment", {"weights": ...},
    meta={"kind": "assessment"})``); a new widget starts from the last saved weights.

    Attributes
    ----------
    sliders : dict[str, ipywidgets.FloatSlider]
        One per criterion, in :data:`CRITERIA` order.
    save_button : ipywidgets.Button
    status, table : ipywidgets.HTML
    chart : ipywidgets.Image
    widget : ipywidgets.VBox
        The whole thing (displayed when the object is the last value of a cell).
    """

    def __init__(self, country: str | None = None, weights: Mapping | None = None,
                 ratings=None, lang: str | None = None):
        import ipywidgets as w

        self.country, self.lang, self._ratings = country, lang, ratings
        saved = None if weights is not None else _saved_weights()
        start = resolve_weights(weights) if weights is not None else (saved or DEFAULT_WEIGHTS)
        low, high = WEIGHT_RANGE
        self.sliders = {
            c: w.FloatSlider(value=start[c], min=low, max=high, step=0.5,
                             description=t(f"surveillance.criterion_{c}", lang=lang),
                             continuous_update=False, readout_format=".1f",
                             style={"description_width": "16em"},
                             layout=w.Layout(width="34em"))
            for c in CRITERIA
        }
        self.save_button = w.Button(description=t("surveillance.save_weights", lang=lang),
                                    icon="save", button_style="primary")
        self.save_button.add_class("dsrlab-assessment-save")
        self.status = w.HTML(t("surveillance.restored_weights", lang=lang) if saved else "")
        self.table = w.HTML()
        self.chart = w.Image(format="png")
        self.widget = w.VBox([
            w.HTML(f"<p>{t('surveillance.sliders_intro', lang=lang)}</p>"),
            *self.sliders.values(),
            w.HBox([self.save_button, self.status]),
            w.HBox([self.table, self.chart]),
        ])
        self.widget.add_class("dsrlab-assessment")
        for slider in self.sliders.values():
            slider.observe(self._changed, names="value")
        self.save_button.on_click(self.save)
        self.refresh()

    @property
    def weights(self) -> dict[str, float]:
        """The weights the sliders show now (criterion -> float)."""
        return {c: float(s.value) for c, s in self.sliders.items()}

    def scores(self):
        """:func:`assessment_scores` for the current weights (equal weights if all 0)."""
        weights = self.weights if any(self.weights.values()) else None
        return assessment_scores(weights, ratings=self._ratings, lang=self.lang)

    def _changed(self, _change=None) -> None:
        self.status.value = ""
        self.refresh()

    def refresh(self) -> None:
        """Recompute the scores; redraw the table and the chart."""
        import io

        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        scores = self.scores()
        shown = scores[["rank", "label", "score"]].rename(columns={
            "rank": t("surveillance.col_rank", lang=self.lang),
            "label": t("surveillance.col_deployment", lang=self.lang),
            "score": t("surveillance.col_score", lang=self.lang)})
        self.table.value = shown.to_html(index=False, float_format="{:.2f}".format)
        fig = Figure(figsize=(7, 0.6 * len(scores) + 2), layout="constrained")
        FigureCanvasAgg(fig)
        plot_ranking(scores, ax=fig.add_subplot(), country=self.country, lang=self.lang)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=90)
        self.chart.value = buffer.getvalue()

    def save(self, _button=None) -> dict:
        """Store the current weights with the student's answers; return the saved attempt."""
        from ..exercises import store as answers

        row = answers.record(ANSWER_ID, {"weights": self.weights}, type="assessment",
                             meta={"kind": "assessment",
                                   "ranking": self.scores()["deployment_id"].tolist()})
        self.status.value = t("surveillance.saved_weights", lang=self.lang)
        return row

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
