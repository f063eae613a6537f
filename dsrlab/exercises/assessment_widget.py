"""Notebook 03's assessment on screen: a number field per weight, a live ranking, a Save button.

The ratings, rules and scores are :mod:`dsrlab.topics.assessment`; this front end adds
the widget and keeps the student's weights with their answers.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..base.errors import UsageError
from ..base.i18n import t
from ..topics.assessment import (
    ANSWER_ID,
    UNKNOWN_MODES,
    plot_ranking,
    resolve_unknown,
    resolve_weights,
    scores_table,
    weights_text,
)
from ..topics.surveillance import CRITERIA, DEFAULT_WEIGHTS, WEIGHT_RANGE
from . import store as answers

__all__ = ["assess", "AssessmentWidget"]


def assess(weights: Mapping | None = None, unknown: str | None = None, *, country=None):
    """The notebook's assessment: interactive sliders, or a fixed run under papermill.

    With ``weights=None`` returns an :class:`AssessmentWidget` (sliders and the unknown
    mode restored from the student's last save; ``unknown``, when given, sets the mode).
    With ``weights`` given (a notebook parameter) returns a short, non-interactive note
    naming the weights and the unknown mode used.
    """
    if weights is None:
        return AssessmentWidget(country=country, unknown=unknown)
    from IPython.display import Markdown

    mode = resolve_unknown(unknown)
    text = t("surveillance.weights_param_note", weights=weights_text(resolve_weights(weights)),
             mode=t(f"surveillance.unknown_mode_{mode}"))
    return Markdown(text)


def _saved_weights() -> dict[str, float] | None:
    """The weights the student saved last, or None (nothing saved, or no longer valid)."""
    response = _saved_response()
    try:
        return None if response is None else resolve_weights(response.get("weights"))
    except UsageError:
        return None


def _saved_unknown() -> str | None:
    """The unknown mode the student saved last, or None."""
    response = _saved_response()
    mode = None if response is None else response.get("unknown")
    return mode if mode in UNKNOWN_MODES else None


def _saved_response() -> Mapping | None:
    attempt = answers.latest(ANSWER_ID)
    if not attempt or not isinstance(attempt.get("response"), Mapping):
        return None
    return attempt["response"]


class AssessmentWidget:
    """Number fields for the criterion weights, a live score table and ranking chart, a Save button.

    Moving a slider recomputes :func:`~dsrlab.topics.assessment.scores_table` and redraws the table
    (``self.table``, HTML) and chart (``self.chart``, an image with its alt text; the
    PNG is ``self.chart_png``). *Save* stores the
    weights with the student's answers (``answers.record("03.assessment", {"weights": ...},
    meta={"kind": "assessment"})``); a new widget starts from the last saved weights.

    Attributes
    ----------
    sliders : dict[str, ipywidgets.BoundedFloatText]
        One per criterion, in :data:`CRITERIA` order.
    unknown_choice : ipywidgets.RadioButtons
        How unknown ratings count (values: :data:`UNKNOWN_MODES`, labels in words).
    save_button : ipywidgets.Button
    status, table : ipywidgets.HTML
    chart : ipywidgets.HTML
    widget : ipywidgets.VBox
        The whole thing (displayed when the object is the last value of a cell).
    """

    def __init__(self, country: str | None = None, weights: Mapping | None = None,
                 ratings=None, lang: str | None = None, unknown: str | None = None):
        import ipywidgets as w

        self.country, self.lang, self._ratings = country, lang, ratings
        saved = None if weights is not None else _saved_weights()
        start = resolve_weights(weights) if weights is not None else (saved or DEFAULT_WEIGHTS)
        mode = resolve_unknown(unknown if unknown is not None
                               else (None if weights is not None else _saved_unknown()))
        low, high = WEIGHT_RANGE
        self.sliders = {
            # number fields, not sliders: a slider's handle has no accessible name in
            # ipywidgets (axe: aria-input-field-name); a field is labelled, typed into or
            # stepped with the arrow keys
            c: w.BoundedFloatText(value=start[c], min=low, max=high, step=0.5,
                                  description=t(f"surveillance.criterion_{c}", lang=lang),
                                  continuous_update=False, style={"description_width": "16em"},
                                  layout=w.Layout(width="24em"))
            for c in CRITERIA
        }
        self.unknown_choice = w.RadioButtons(
            options=[(t(f"surveillance.unknown_mode_{m}", lang=lang), m) for m in UNKNOWN_MODES],
            value=mode, description=t("surveillance.unknown_label", lang=lang),
            style={"description_width": "16em"}, layout=w.Layout(width="auto"))
        self.save_button = w.Button(description=t("surveillance.save_weights", lang=lang),
                                    icon="save", button_style="primary")
        self.save_button.add_class("dsrlab-assessment-save")
        self.status = w.HTML(t("surveillance.restored_weights", lang=lang) if saved else "")
        self.table = w.HTML()
        self.chart = w.HTML()
        self.widget = w.VBox([
            w.HTML(f"<p>{t('surveillance.sliders_intro', lang=lang)}</p>"),
            *self.sliders.values(),
            self.unknown_choice,
            w.HBox([self.save_button, self.status]),
            w.HBox([self.table, self.chart]),
        ])
        self.widget.add_class("dsrlab-assessment")
        for slider in self.sliders.values():
            slider.observe(self._changed, names="value")
        self.unknown_choice.observe(self._changed, names="value")
        self.save_button.on_click(self.save)
        self.refresh()

    @property
    def weights(self) -> dict[str, float]:
        """The weights the sliders show now (criterion -> float)."""
        return {c: float(s.value) for c, s in self.sliders.items()}

    @property
    def unknown(self) -> str:
        """The unknown mode chosen now (one of :data:`UNKNOWN_MODES`)."""
        return self.unknown_choice.value

    def scores(self):
        """The scores for the current weights (equal weights if all are 0)."""
        weights = self.weights if any(self.weights.values()) else None
        return scores_table(weights, self._ratings, self.unknown, country=self.country,
                            lang=self.lang)

    def _changed(self, _change=None) -> None:
        self.status.value = ""
        self.refresh()

    def refresh(self) -> None:
        """Recompute the scores; redraw the table and the chart."""
        import base64
        import html
        import io

        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        from ..blocks.alt_text import alt_text

        scores = self.scores()
        shown = scores[["rank", "label", "score", "unknown"]].rename(columns={
            "rank": t("surveillance.col_rank", lang=self.lang),
            "label": t("surveillance.col_deployment", lang=self.lang),
            "score": t("surveillance.col_score", lang=self.lang),
            "unknown": t("surveillance.col_unknown", lang=self.lang)})
        self.table.value = shown.to_html(index=False, float_format="{:.2f}".format,
                                         na_rep="–")
        fig = Figure(figsize=(7, 0.6 * len(scores) + 2.6), layout="constrained")
        FigureCanvasAgg(fig)
        plot_ranking(scores, unknown=self.unknown, ax=fig.add_subplot(), country=self.country,
                     lang=self.lang)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=90)
        self.chart_png = buffer.getvalue()
        # an <img> with its alt text (an Image widget has no alt to give)
        self.chart.value = (f'<img src="data:image/png;base64,'
                            f'{base64.b64encode(self.chart_png).decode("ascii")}" '
                            f'alt="{html.escape(alt_text(fig), quote=True)}">')

    def save(self, _button=None) -> dict:
        """Store the current weights with the student's answers; return the saved attempt."""
        row = answers.record(ANSWER_ID, {"weights": self.weights, "unknown": self.unknown},
                             type="assessment",
                             meta={"kind": "assessment",
                                   "ranking": self.scores()["deployment_id"].tolist()})
        self.status.value = t("surveillance.saved_weights", lang=self.lang)
        return row

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)
