"""Notebook 04 (and 05): both giants, beyond the papers.

Two things the papers leave out. Taiwan: the Latin American and Caribbean states that moved
their recognition from Taipei to Beijing, set beside the date each signed a Belt and Road
memorandum (``load("recognitions")``). China's own voice in the cyber debates: cyber
sovereignty, the 2017 strategy, the 2020 data-security initiative and a 2019 vote
(``load("china_positions")``), so that "balancing between giants" hears both.
"""

from __future__ import annotations

from ..base.course_tables import course_table
from ..base.i18n import get_language, in_language, t
from ..blocks.countries import country_names, country_or_none
from ..blocks.tables import starred
from ..data.tables import load

__all__ = ["recognitions_table", "months_to_memorandum", "plot_recognitions",
           "china_positions_table"]


def months_to_memorandum(recognised, bri_mou, precision: str = "day") -> int | None:
    """Calendar months from recognising Beijing to the Belt and Road memorandum.

    None when no memorandum date is known, or when it is known only to the year (a count
    of months would claim a precision the source does not give).

    Examples
    --------
    >>> import pandas as pd
    >>> months_to_memorandum(pd.Timestamp("2021-12-10"), pd.Timestamp("2022-01-01"))
    1
    >>> months_to_memorandum(pd.Timestamp("2007-06-01"), pd.NaT) is None
    True
    >>> months_to_memorandum(pd.Timestamp("2018-08-21"), pd.Timestamp("2018-01-01"), "year") is None
    True
    """
    import pandas as pd

    if pd.isna(bri_mou) or pd.isna(recognised) or str(precision) in ("year", "approx"):
        return None
    return (bri_mou.year - recognised.year) * 12 + bri_mou.month - recognised.month


@in_language
def recognitions_table(*, country=None, lang=None):
    """The states that switched recognition from Taipei to Beijing, with their memoranda.

    ``country`` (a CELAC state: ISO3, ISO2 or name) highlights, never filters: its
    ``state`` starts with "★ ". ``lang``: names, labels and comments.

    Returns
    -------
    pandas.DataFrame
        One row per state in order of recognition: ``iso3, state, recognised`` (with
        ``recognised_precision``), ``bri_mou`` (with ``bri_mou_precision``; empty when no
        source was found), ``months`` between the two (empty when the memorandum's date is
        known only to the year), ``comment``, ``source_id`` (of the
        recognition) and ``bri_source`` (of the memorandum).

    Examples
    --------
    >>> table = recognitions_table(lang="en")
    >>> table["iso3"].tolist()
    ['CRI', 'PAN', 'DOM', 'SLV', 'NIC', 'HND']
    >>> table["months"].tolist()
    [135, 5, 6, <NA>, 1, 3]
    >>> recognitions_table(country="Honduras", lang="es")["state"].iloc[-1]
    '★ Honduras'
    """
    iso3 = country_or_none(country)
    rows = load("recognitions").sort_values("recognised").reset_index(drop=True)
    names = country_names()
    lang = get_language()
    out = rows.assign(
        state=starred([names.get(i, i) for i in rows["iso3"]], list(rows["iso3"] == iso3)),
        months=[months_to_memorandum(r, b, p) for r, b, p in
                zip(rows["recognised"], rows["bri_mou"], rows["bri_mou_precision"], strict=True)],
        comment=rows[f"comment_{lang}"],
        bri_source=rows["bri_source_id"])
    out["months"] = out["months"].astype("Int64")
    cols = ["iso3", "state", "recognised", "recognised_precision", "bri_mou",
            "bri_mou_precision", "months", "comment", "source_id", "bri_source"]
    labels = {c: f"further.col_{c}" for c in ("state", "recognised", "bri_mou", "comment",
                                               "bri_source")}
    labels["months"] = "further.col_months"
    return course_table(out[cols], labels=labels, hide=("iso3",))


@in_language
def plot_recognitions(*, country=None, ax=None, lang=None):
    """Timeline: for each state, when it recognised Beijing (●) and signed a memorandum (◆).

    A line joins the two events of a state; a memorandum known only to the year is drawn
    hollow at mid-year and says so in the legend. ``country`` (a CELAC state: ISO3, ISO2 or
    name) is bold and marked ▶. Returns the ``Axes``.
    """
    import pandas as pd
    from matplotlib.lines import Line2D

    from ..blocks.plots import PALETTE, describe, fit_title, new_ax, row_labels

    iso3 = country_or_none(country)
    table = recognitions_table()
    ax = new_ax(ax, figsize=(8, 0.5 * len(table) + 2.2))
    for row, rec in enumerate(table.itertuples()):
        start = rec.recognised
        ax.plot([start], [row], "o", color=PALETTE["china"], markersize=9, zorder=3)
        if pd.notna(rec.bri_mou):
            year_only = rec.bri_mou_precision == "year"
            end = rec.bri_mou + pd.DateOffset(months=6) if year_only else rec.bri_mou
            ax.plot([start, end], [row, row], color=PALETTE["neutral"], linewidth=2, zorder=2)
            ax.plot([end], [row], "D", markersize=8, zorder=3,
                    markerfacecolor="white" if year_only else PALETTE["firms"],
                    markeredgecolor=PALETTE["ink"])
    row_labels(ax, list(table["state"].str.removeprefix("★ ")), list(table["iso3"] == iso3))
    ax.set_ylim(-0.7, len(table) - 0.3)
    ax.invert_yaxis()
    ax.grid(axis="y", visible=False)
    fit_title(ax, t("further.plot_title"), 56, xlabel=t("further.plot_xlabel"))
    handles = [
        Line2D([], [], marker="o", linestyle="", color=PALETTE["china"], markersize=9,
               label=t("further.plot_recognised")),
        Line2D([], [], marker="D", linestyle="", markerfacecolor=PALETTE["firms"],
               markeredgecolor=PALETTE["ink"], markersize=8, label=t("further.plot_mou")),
        Line2D([], [], marker="D", linestyle="", markerfacecolor="white",
               markeredgecolor=PALETTE["ink"], markersize=8, label=t("further.plot_mou_year")),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.18), ncol=1)
    # the table behind the chart, its columns named as the reader's table names them
    heads = {c: t(f"further.col_{c}") for c in ("recognised", "bri_mou", "months")}
    data = table.assign(state=table["state"].str.removeprefix("★ "),
                        recognised=table["recognised"].dt.strftime("%Y-%m-%d"),
                        bri_mou=table["bri_mou"].dt.strftime("%Y-%m-%d"))
    data = data[["iso3", "state", *heads]].rename(columns=heads)
    return describe(ax, "timeline", data, label="state", key="iso3", country=iso3,
                    says=[(heads[c], "", True) for c in ("recognised", "bri_mou")])


@in_language
def china_positions_table(*, country=None, lang=None):
    """China's own statements of position on cyberspace, oldest first.

    ``country`` is accepted for the course's table contract and changes nothing: the rows
    are China's, not a Latin American state's. ``lang``: titles, summaries and labels.

    Returns
    -------
    pandas.DataFrame
        ``position_id, date`` (with ``date_precision``), ``kind, what, summary, source_id``.

    Examples
    --------
    >>> table = china_positions_table(lang="en")
    >>> table["kind"].astype(str).tolist()
    ['speech', 'strategy', 'vote', 'initiative']
    >>> china_positions_table(lang="es")["what"].iloc[1]
    'Estrategia Internacional de Cooperación en el Ciberespacio'
    """
    country_or_none(country)  # a bad name is still an error, with the valid choices
    rows = load("china_positions").sort_values("date").reset_index(drop=True)
    lang = get_language()
    out = rows.assign(what=rows[f"title_{lang}"], summary=rows[f"summary_{lang}"])
    cols = ["position_id", "date", "date_precision", "kind", "what", "summary", "source_id"]
    return course_table(out[cols], labels={"date": "further.col_when", "kind": "further.col_kind",
                                           "what": "further.col_what",
                                           "summary": "further.col_summary"},
                        codes={"kind": "further.kind_"})
