"""Notebook 04: Latin America in the UN debates on cyberspace.

The two December 2018 votes (A/RES/73/27, Russian-sponsored, created the OEWG;
A/RES/73/266, U.S.-sponsored, a new GGE), a "positioning" computed from them, the
statements the papers cite, the Paris Call lists, memberships, and a one-country panel.
"""

from __future__ import annotations

from ..base.course_tables import course_table
from ..base.errors import UsageError
from ..base.i18n import in_language, t
from ..blocks.countries import country_names, country_or_none
from ..blocks.tables import in_reader_language, lang_column, quoted, starred
from ..data.tables import load
from .memberships import REGIONAL_BODIES, THIRD_WAY_BODIES, organisations_table, plot_memberships
from .resolutions import resolutions_table

__all__ = ["RESOLUTIONS", "POSITIONS", "votes_table", "positioning_table", "count_voted_both",
           "plot_votes", "plot_positioning", "REGIONAL_BODIES", "THIRD_WAY_BODIES",
           "organisations_table", "statements_table", "paris_call_table", "paris_call_added",
           "plot_paris_call", "plot_memberships", "resolutions_table"]

#: The two resolutions, OEWG (Russia) first, then GGE (United States).
RESOLUTIONS: tuple[str, str] = ("A/RES/73/27", "A/RES/73/266")
#: Positioning categories, from the two votes (only "yes" counts as support).
POSITIONS: tuple[str, ...] = ("yes_both", "yes_oewg_only", "yes_gge_only", "yes_neither")
_VOTES = ("yes", "no", "abstain", "absent")
_VOTE_MARK = {"yes": "✔", "no": "✘", "abstain": "–", "absent": "·"}
_VOTE_HATCH = {"yes": "", "no": "xx", "abstain": "//", "absent": ".."}
_VOTE_COLOUR = {"yes": "latin_america", "no": "china", "abstain": "yellow", "absent": "muted"}


def _position(oewg: str, gge: str) -> str:
    if oewg == "yes":
        return "yes_both" if gge == "yes" else "yes_oewg_only"
    return "yes_gge_only" if gge == "yes" else "yes_neither"


@in_language
def votes_table(votes=None, *, country=None, lang=None):
    """One row per state: its vote on each resolution and its positioning.

    Parameters
    ----------
    votes : DataFrame, optional
        Rows ``resolution, iso3, vote`` like ``load("un_votes")``; default: the data.
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): highlights, never filters (its ``name``
        starts with "★ ").
    lang : str, optional
        Language of the names (default: the active language).

    Returns
    -------
    DataFrame
        Index ``iso3``; columns ``name``, one per resolution (``yes/no/abstain/absent``),
        ``position`` (one of :data:`POSITIONS`). Sorted by position, then name.

    Examples
    --------
    >>> import pandas as pd
    >>> v = pd.DataFrame({"resolution": list(RESOLUTIONS) * 2, "iso3": ["BOL"] * 2 + ["BRA"] * 2,
    ...                   "vote": ["yes", "no", "abstain", "yes"]})
    >>> votes_table(v, lang="en")["position"].to_dict()
    {'BOL': 'yes_oewg_only', 'BRA': 'yes_gge_only'}
    """
    import pandas as pd

    country = country_or_none(country)
    votes = load("un_votes") if votes is None else votes
    unknown = sorted(set(votes["resolution"]) - set(RESOLUTIONS))
    if unknown:
        raise UsageError(f"unexpected resolutions {unknown}; expected {list(RESOLUTIONS)}")
    # pivot, not pivot_table: two votes of one state on one resolution must raise
    wide = votes.assign(vote=votes["vote"].astype(str)).pivot(  # noqa: PD010
        index="iso3", columns="resolution", values="vote")
    wide = wide.reindex(columns=list(RESOLUTIONS)).fillna("absent")
    wide.columns.name = None
    names = country_names()
    wide.insert(0, "name", [starred(names.get(i, i), i == country) for i in wide.index])
    wide["position"] = [_position(a, b) for a, b in
                        zip(wide[RESOLUTIONS[0]], wide[RESOLUTIONS[1]], strict=True)]
    wide["_order"] = wide["position"].map(POSITIONS.index)
    wide = wide.sort_values(["_order", "name"]).drop(columns="_order")
    return course_table(pd.DataFrame(wide), hide=("iso3",), labels={"name": "diplomacy.col_state"},
                        codes=dict.fromkeys(RESOLUTIONS, "diplomacy.vote_"))


@in_language
def positioning_table(votes=None, *, country=None, lang=None):
    """How many states fall in each positioning category, and which ones.

    Returns a DataFrame with columns ``position, label, count, states`` (ISO3 codes,
    comma-separated), one row per category of :data:`POSITIONS` (zeros kept). ``country``
    (a CELAC state: ISO3, ISO2 or name) highlights, never filters: the label of its
    category starts with "★ ".
    """
    import pandas as pd

    country = country_or_none(country)
    matrix = votes_table(votes)
    rows = []
    for pos in POSITIONS:
        members = matrix.index[matrix["position"] == pos].tolist()
        rows.append({"position": pos, "label": starred(t(f"diplomacy.pos_{pos}"),
                                                      country in members),
                     "count": len(members), "states": ", ".join(sorted(members))})
    return course_table(pd.DataFrame(rows), hide=("position",),
                        labels={"label": "diplomacy.col_position"})


def count_voted_both() -> int:
    """How many CELAC states voted yes to both resolutions (from the data)."""
    counts = positioning_table()
    return int(counts.loc[counts["position"] == "yes_both", "count"].iloc[0])


@in_language
def plot_votes(votes=None, *, country=None, ax=None, lang=None):
    """Tile chart: one row per state, one column per resolution.

    Each vote has its own colour AND hatch (yes plain, no crossed, abstain striped, absent
    dotted); the legend names them. ``country`` (a CELAC state: ISO3, ISO2 or name) is
    framed, bold and marked ▶.
    """
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import Patch, Rectangle

    from ..blocks.plots import PALETTE, describe, fit_title, new_ax, row_labels

    country = country_or_none(country)
    matrix = votes_table(votes).iloc[::-1]  # row 0 at the bottom
    colours = {v: PALETTE[c] for v, c in _VOTE_COLOUR.items()}
    n = len(matrix)
    ax = new_ax(ax, figsize=(8, 0.22 * n + 1.9))  # 33 states: 915 px, a row 0.22 inch
    for v in _VOTES:
        tiles = [Rectangle((col - 0.45, row - 0.42), 0.9, 0.84) for col, res in
                 enumerate(RESOLUTIONS) for row, vote in enumerate(matrix[res]) if vote == v]
        ax.add_collection(PatchCollection(tiles, facecolor=colours[v], hatch=_VOTE_HATCH[v],
                                          edgecolor=PALETTE["ink"], linewidth=0.5))
    marked = matrix.index == country
    if marked.any():
        ax.add_patch(Rectangle((-0.49, marked.argmax() - 0.48), 1.98, 0.96, fill=False,
                               edgecolor=PALETTE["ink"], linewidth=2.5))
    row_labels(ax, [f"{name} ({iso})" for iso, name in matrix["name"].items()], marked)
    ax.set_xticks([0, 1], [t("diplomacy.res_oewg"), t("diplomacy.res_gge")])
    ax.xaxis.tick_top()
    ax.set(xlim=(-0.5, 1.5), ylim=(-0.6, n - 0.4))
    ax.spines[["left", "bottom"]].set_visible(False)
    ax.grid(False)
    fit_title(ax, t("diplomacy.votes_title"), 48, pad=44)
    ax.legend(handles=[Patch(facecolor=colours[v], edgecolor=PALETTE["ink"], hatch=_VOTE_HATCH[v],
                             label=f"{_VOTE_MARK[v]} {t(f'diplomacy.vote_{v}')}")
                       for v in _VOTES], loc="upper left", bbox_to_anchor=(1.01, 1),
              handlelength=2.5, handleheight=1.5)
    return describe(ax, "tiles", matrix.iloc[::-1], label="name", country=country,
                    says=[(r, "diplomacy.vote_", 1) for r in RESOLUTIONS])


@in_language
def plot_positioning(votes=None, *, country=None, ax=None, lang=None):
    """Bars of :func:`positioning_table`, each labelled with its count and state codes;
    the category of ``country`` (a CELAC state: ISO3, ISO2 or name) is coloured, bold and
    marked ▶."""
    from ..blocks.plots import PALETTE, describe, fit_title, highlight_color, new_ax, row_labels

    country = country_or_none(country)
    counts = positioning_table(votes).iloc[::-1]
    marks = [country is not None and country in s.split(", ") for s in counts["states"]]
    ax = new_ax(ax, figsize=(8, 3.4))
    bars = ax.barh(range(len(counts)), counts["count"], edgecolor=PALETTE["ink"],
                   color=[highlight_color(m, "multilateral") for m in marks])
    ax.bar_label(bars, labels=[f"{c}: {s}" if c <= 8 else str(c) for c, s in
                               zip(counts["count"], counts["states"], strict=True)], padding=3)
    row_labels(ax, counts["label"], marks)
    ax.set_xticks([])  # each bar carries its count
    ax.set_xlim(0, max(counts["count"]) * 1.6)
    fit_title(ax, t("diplomacy.positioning_title"), 60, xlabel=t("diplomacy.positioning_xlabel"))
    return describe(ax, "bar", counts.iloc[::-1], label="label", value="count",
                    country=country, marked=marks[::-1], says=("states",))


def _date_label(date, precision) -> str:
    """A date written only as precisely as it is known.

    Examples
    --------
    >>> import pandas as pd
    >>> [_date_label(pd.Timestamp("2019-09-01"), p) for p in ("day", "month", "year", "approx")]
    ['2019-09-01', '2019-09', '2019', '≈ 2019-09-01']
    """
    import pandas as pd

    if date is None or pd.isna(date):
        return ""
    stamp = pd.Timestamp(date)
    precision = str(precision)
    if precision == "year":
        return f"{stamp:%Y}"
    if precision == "month":
        return f"{stamp:%Y-%m}"
    return ("≈ " if precision == "approx" else "") + f"{stamp:%Y-%m-%d}"


@in_language
def statements_table(topic: str | None = None, statements=None, *, country=None, lang=None):
    """Statements cited by the papers, optionally of one topic and/or one state.

    ``country`` (a CELAC state: ISO3, ISO2 or name) filters: one country's statements.

    Returns columns ``statement_id, iso3, state, speaker, forum, session, when, topic,
    summary_en|_es, quote, source_id`` (those in the data); ``when`` is the date at its
    precision ("2019-09" for a month, "≈ 2013-09-24" for an approximate day).
    """
    iso3 = country_or_none(country)
    out = load("statements") if statements is None else statements
    if topic is not None:
        out = out[out["topic"].astype(str) == topic]
    if iso3 is not None:
        out = out[out["iso3"] == iso3]
    names = country_names()
    out = in_reader_language(out, ("speaker", "forum", "session"))  # names kept, roles in words
    precision = out["date_precision"] if "date_precision" in out else ["day"] * len(out)
    out = out.assign(state=[names.get(i, i) for i in out["iso3"]],
                     when=[_date_label(d, p) for d, p in zip(out["date"], precision,
                                                             strict=True)])
    none = [None] * len(out)  # the exact words, and in Spanish their translation
    out = out.assign(quote=[quoted(q, q_es) or None for q, q_es in zip(
        out.get("quote", none), out.get("quote_es", none), strict=True)])
    cols = ["statement_id", "iso3", "state", "speaker", "forum", "session", "when", "topic",
            lang_column("summary", out.columns), "quote", "source_id"]
    return course_table(out[[c for c in cols if c in out.columns]].reset_index(drop=True),
                        hide=("iso3",), labels={"when": "tables.col_when"})


def paris_call_table(paris=None, *, country=None, lang=None):
    """One row per state and listing: the paper's six (dated by the page it cites), the site's list.

    Columns ``iso3, state, listing, date, year, date_kind, source_id``, sorted by
    listing then date. ``country`` (a CELAC state: ISO3, ISO2 or name) highlights, never
    filters: its ``state`` starts with "★ ".
    """
    iso3 = country_or_none(country)
    paris = load("paris_call") if paris is None else paris
    names = country_names()
    out = paris.assign(state=[starred(names.get(i, i), i == iso3) for i in paris["iso3"]])
    out = out.sort_values(["listing", "date", "iso3"], key=lambda s: s.astype(str))
    return course_table(out[["iso3", "state", "listing", "date", "year", "date_kind",
                             "source_id"]].reset_index(drop=True), hide=("iso3", "year"))


def paris_call_added(paris=None) -> int:
    """How many states the later list names that the paper's 2020 list did not."""
    paris = load("paris_call") if paris is None else paris
    listing = paris["listing"].astype(str)
    paper = set(paris.loc[listing == "paper_2020", "iso3"])
    site = set(paris.loc[listing == "pariscall_site", "iso3"])
    return len(site - paper)


@in_language
def plot_paris_call(paris=None, *, country=None, ax=None, lang=None):
    """Dot chart: one row per supporting state (by name), its dates by listing and kind of date.

    Marker shape tells the listing and kind (■ paper, ● signature date, ○ upper bound);
    ``country`` (a CELAC state: ISO3, ISO2 or name) is bold and marked ▶.
    """
    import matplotlib.dates as mdates
    import pandas as pd
    from matplotlib.transforms import ScaledTranslation

    from ..blocks.plots import PALETTE, describe, fit_title, new_ax, row_labels

    country = country_or_none(country)
    table = paris_call_table(paris)
    table = table.assign(when=pd.to_datetime(table["date"]))
    paper_year = table["year"].where(table["listing"].astype(str) == "paper_2020")
    fill = table["when"].isna() & paper_year.notna()  # a paper row with a year only: mid-year
    table.loc[fill, "when"] = pd.to_datetime(paper_year[fill].astype(int).astype(str) + "-07-01")
    states = (table.sort_values("when").drop_duplicates("iso3", keep="first")["iso3"]
              .tolist()[::-1])
    ax = new_ax(ax, figsize=(8, 0.35 * len(states) + 1.6))
    blue = PALETTE["united_states"]
    styles = {("paper_2020", "cited_launch_page"): ("s", PALETTE["latin_america"], "paper"),
              ("pariscall_site", "signed"): ("o", blue, "signed"),
              ("pariscall_site", "first_seen_upper_bound"): ("o", "white", "upper")}
    for (listing, kind), (marker, colour, key) in styles.items():
        sub = table[(table["listing"].astype(str) == listing)
                    & (table["date_kind"].astype(str) == kind)]
        if len(sub):
            ax.scatter(sub["when"], [states.index(i) for i in sub["iso3"]], s=60, marker=marker,
                       facecolor=colour, edgecolor=blue if colour == "white" else PALETTE["ink"],
                       linewidth=1.5, label=t(f"diplomacy.paris_{key}"), zorder=3)
    names = dict(zip(table["iso3"], table["state"], strict=False))
    row_labels(ax, [names[i] for i in states], [i == country for i in states], guides=True)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))  # the same in every language
    fit_title(ax, t("diplomacy.paris_title"), 56)  # dated ticks need no "Date" label
    under = ax.transAxes + ScaledTranslation(0, -26 / 72, ax.figure.dpi_scale_trans)
    ax.legend(loc="upper left", bbox_to_anchor=(0, 0), bbox_transform=under)
    return describe(ax, "dots", table.drop(columns="when"), label="state", key="iso3",
                    country=country, says=("date", "listing"))


#: Answers that exercise files name in ``compute:`` (notebooks/exercises/04.yml).
ANSWERS = {"count_voted_both": count_voted_both, "paris_call_added": paris_call_added}
