"""Notebook 01 (DSR origins): the events timeline, what constrains the DSR, and the
African Union claims.

What the DSR contains and who drives it (the firms) live in :mod:`dsrlab.topics.firms`.
Every function reads the data package through :func:`dsrlab.load`; nothing is typed in.
Figures are ``plot_x(..., *, country=None, ax=None, lang=None)``, tables
``x_table(..., *, country=None, lang=None)``; ``country`` is any code or name of a CELAC
state and ``lang`` the language of every label (default: the active language).
"""

from __future__ import annotations

from ..base.course_tables import course_table
from ..base.errors import UsageError, choices_text
from ..base.i18n import get_language, in_language, t
from ..blocks.chronology import chronology, figure_height, split_periods
from ..blocks.countries import country_names, country_or_none
from ..blocks.inline import figure_outputs
from ..blocks.tables import as_list, in_reader_language, lang_column, starred
from ..data.tables import load

__all__ = [
    "LANES",
    "events_table",
    "plot_timeline",
    "timeline_periods",
    "timeline_table",
    "timeline_explorer",
    "constraints_table",
    "au_claims_table",
]

#: Timeline lanes, top to bottom.
LANES = ("china", "united_states", "multilateral", "latin_america", "firms")
# Marker shape per lane (never colour alone).
_MARKERS = {"china": "o", "united_states": "s", "multilateral": "D", "latin_america": "^",
            "firms": "P"}


_LABELS = ("titles", "numbers")

def _check_lanes(lanes) -> tuple[str, ...]:
    if lanes is None:
        return LANES
    lanes = (lanes,) if isinstance(lanes, str) else tuple(lanes)
    bad = [lane for lane in lanes if lane not in LANES]
    if bad:
        raise UsageError(f"unknown lane {bad[0]!r}; valid: {choices_text(LANES)}")
    return lanes


def _involves(events, iso3) -> list[bool]:
    """For each event: does its ``countries`` list name ``iso3``? (all False for None)"""
    if iso3 is None:
        return [False] * len(events)
    return [iso3 in as_list(v) for v in events["countries"]]



@in_language
def events_table(start_year=None, end_year=None, lanes=None, *, country=None, lang=None):
    """Events of the ``events`` table in a year range, oldest first.

    Parameters
    ----------
    start_year, end_year : int, optional
        Inclusive bounds; open when None.
    lanes : str or list of str, optional
        Keep only these lanes (see :data:`LANES`).
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): *filters*, keeping only the events that list
        this country (the table is then that country's events).
    lang : {"en", "es"}, optional
        Language of ``title`` (default: the active language).

    Returns
    -------
    pandas.DataFrame
        The events with ``year`` and ``title`` (in the active language) added.

    Examples
    --------
    >>> ev = events_table(2015, 2019, lanes="china")
    >>> bool(ev["year"].between(2015, 2019).all()), set(ev["lane"].astype(str)) <= {"china"}
    (True, True)
    """
    import pandas as pd

    if start_year is not None and end_year is not None and int(start_year) > int(end_year):
        raise UsageError(f"start_year {start_year} is after end_year {end_year}")
    lanes = _check_lanes(lanes)
    iso3 = country_or_none(country)
    events = load("events")
    dates = pd.to_datetime(events["date"])
    events = events.assign(date=dates, year=dates.dt.year,
                           title=events[lang_column("title", events.columns)].astype(str))
    keep = events["lane"].astype(str).isin(lanes)
    if start_year is not None:
        keep &= events["year"] >= int(start_year)
    if end_year is not None:
        keep &= events["year"] <= int(end_year)
    if iso3 is not None:
        keep &= pd.Series(_involves(events, iso3), index=events.index)
    return events[keep].sort_values(["date", "event_id"]).reset_index(drop=True)


@in_language
def plot_timeline(start_year=None, end_year=None, lanes=None, labels="titles", *,
                  key_start=None, country=None, ax=None, lang=None):
    """Draw the events as a chronology: one row per event in date order, in two columns
    when there are many, the year written where it changes.

    Each lane (actor group) has its own colour and marker shape, named in the legend;
    events dated only to the year (or approximately) are drawn hollow. Every event is
    labelled on the figure with its whole title (wrapped onto more lines when long); with
    ``labels="numbers"`` the label starts with the event's number in
    :func:`timeline_table`, where its date and source can be read. A long period can be
    taller than one screen: :func:`timeline_periods` splits it into periods that fit.

    Parameters
    ----------
    start_year, end_year : int, optional
    lanes : list of str, optional
        Lanes to show (default: all of :data:`LANES`).
    labels : {"titles", "numbers"}
        ``"numbers"`` puts the key's number before each title.
    key_start : int, optional
        With ``labels="numbers"``: the first year of the key the numbers refer to, i.e.
        ``timeline_table(key_start, ...)`` (default: ``start_year``), so that every
        period of :func:`timeline_periods` is numbered as one key.
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): events involving it get a star and a bold
        label, and the legend names it.
    ax : matplotlib Axes, optional
    lang : {"en", "es"}, optional
        Language of every label (default: the active language).

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.lines import Line2D

    from ..blocks.plots import PALETTE, describe, new_ax

    if labels not in _LABELS:
        raise UsageError(f"unknown labels {labels!r}; valid: {choices_text(_LABELS)}")
    highlight = country_or_none(country)
    events = events_table(start_year, end_year, lanes)
    # the key's numbers: date order over all lanes shown, as timeline_table() lists them
    before = 0
    if key_start is not None and start_year is not None and int(key_start) < int(start_year):
        before = len(events_table(key_start, int(start_year) - 1, lanes))
    numbers = [f"{n} · " if labels == "numbers" else ""
               for n in range(before + 1, before + len(events) + 1)]
    names = {event: number + title for event, number, title
             in zip(events["event_id"], numbers, events["title"], strict=True)}
    shown = list(_check_lanes(lanes))
    if events.empty or not shown:
        ax = new_ax(ax, figsize=(10, 2))
        ax.text(0.5, 0.5, t("origins.no_events"), ha="center", va="center",
                transform=ax.transAxes)
        ax.set_yticks([])
        return ax
    first = int(start_year if start_year is not None else events["year"].min())
    last = int(end_year if end_year is not None else events["year"].max())
    # A chronology in reading order, every event labelled on the figure with its whole
    # title (wrapped, never cut): one row per event, two columns when there are many
    # (2014-2020's events cluster in 2018-2020, too close for labels beside markers on a
    # time axis to stay readable when projected). timeline_periods() splits a long
    # period into figures that each fit one screen.
    labels, tops, split, lines = chronology([names[e] for e in events["event_id"]])
    columns = 1 if split == len(events) else 2
    legend_rows = -(-(len(shown) + 1 + (highlight is not None)) // 3)
    ax = new_ax(ax, figsize=(10, figure_height(lines, legend_rows)))
    marked = _involves(events, highlight)
    hollow = events["date_precision"].astype(str).isin({"year", "approx"}).tolist()
    rows = zip(range(len(events)), events["year"], events["lane"].astype(str), hollow, marked,
               labels, tops, strict=True)
    for i, year, lane, open_marker, mark, label, top in rows:
        col = int(i >= split)
        if i in (0, split) or year != events["year"].iloc[i - 1]:
            ax.text(col, top, str(year), va="top", ha="left", fontweight="bold", gid="year")
        color = PALETTE.get(lane, PALETTE["neutral"])
        ax.scatter(col + 0.115, top + 0.5, marker="*" if mark else _MARKERS[lane],
                   s=150 if mark else 45,
                   facecolors="none" if open_marker and not mark else color, edgecolors=(
                       PALETTE["ink"] if mark else color), linewidths=1.2, zorder=3)
        ax.text(col + 0.14, top, label, va="top", ha="left",
                fontweight="bold" if mark else "normal", gid="event")
    ax.set_xlim(0, columns)
    ax.set_ylim(lines, -0.1)
    ax.axis("off")
    ax.set_title(t("origins.timeline_title", start=first, end=last))
    handles = [Line2D([], [], marker=_MARKERS[lane], linestyle="", color=PALETTE[lane],
                      label=t(f"origins.lane_{lane}")) for lane in LANES if lane in shown]
    handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="none",
                          markeredgecolor=PALETTE["ink"], label=t("origins.approx_date")))
    if highlight is not None:
        name = country_names().get(highlight, highlight)
        handles.append(Line2D([], [], marker="*", linestyle="", color=PALETTE["ink"],
                              markersize=12, label=t("origins.involves", country=name)))
    ax.figure.legend(handles=handles, loc="outside lower center", ncols=3)
    return describe(ax, "timeline", events[["year", "title", "lane", "source_id"]], label="title",
                    country=highlight, marked=marked, says=("year",))


@in_language
def timeline_periods(start_year=None, end_year=None, lanes=None, *, country=None, lang=None):
    """Split a period into consecutive periods whose timelines each fit one screen.

    :func:`plot_timeline` labels every event with its whole title, so a long period
    (2014-2020 has over fifty events) is taller than a 1080 px screen; drawn one period
    after the other, with ``key_start`` for numbers that match one key, it stays readable.

    Parameters
    ----------
    start_year, end_year, lanes, country, lang
        As for :func:`plot_timeline`; the split depends on the titles' lengths in
        ``lang`` and on the legend (``country`` adds a line).

    Returns
    -------
    list of (int, int)
        Inclusive (start, end) years, oldest first, covering the period; one pair when
        it fits.

    Examples
    --------
    >>> timeline_periods(2019, 2019)
    [(2019, 2019)]
    """
    events = events_table(start_year, end_year, lanes)
    if events.empty:
        return [(start_year, end_year)]
    first = int(start_year if start_year is not None else events["year"].min())
    last = int(end_year if end_year is not None else events["year"].max())
    legend_rows = -(-(len(_check_lanes(lanes)) + 1 + (country_or_none(country) is not None))
                    // 3)
    width = len(f"{len(events)} · ")  # the widest number a label can start with
    return split_periods(events["year"].astype(int).tolist(),
                         [" " * width + title for title in events["title"]],
                         first, last, legend_rows)


@in_language
def timeline_table(start_year=None, end_year=None, lanes=None, *, country=None, lang=None):
    """The key to ``plot_timeline(..., labels="numbers")``: each event by its number.

    Parameters
    ----------
    start_year, end_year, lanes
        As for :func:`plot_timeline`.
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): *highlights* -- the titles of the events
        involving it start with "★ " (every event stays, so the numbers still match).
    lang : {"en", "es"}, optional

    Returns
    -------
    pandas.DataFrame
        Indexed by ``no.`` (1, 2, ... in date order); ``date``, ``date_precision``,
        ``lane`` (in the active language), ``title``, ``source_id``, ``locator``.

    Examples
    --------
    >>> key = timeline_table(2019, 2019, lanes="united_states")
    >>> list(key.index[:2]), bool(key["date"].is_monotonic_increasing)
    ([1, 2], True)
    """
    events = events_table(start_year, end_year, lanes)
    key = events.assign(lane=[t(f"origins.lane_{lane}") for lane in events["lane"].astype(str)],
                        title=starred(events["title"],
                                       _involves(events, country_or_none(country))))
    key.index = range(1, len(key) + 1)
    key.index.name = "no."
    # date_precision is folded into the date when shown ("2014", "2019-10", "about 2017")
    return course_table(key[["date", "date_precision", "lane", "title", "source_id",
                             "locator"]])


@in_language
def timeline_explorer(start_year=None, end_year=None, *, country=None, lang=None):
    """An interactive timeline: from-year and to-year fields and one checkbox per lane.

    The figure (:func:`plot_timeline`) is drawn below the controls at once, and again
    whenever one of them changes; run :func:`plot_timeline` for the static view (which
    also survives in an exported notebook without a kernel). ``country`` is
    highlighted in every redrawn figure; ``lang`` is the language of the controls and of
    the figures.

    Returns
    -------
    ipywidgets.VBox
    """
    import ipywidgets as widgets

    highlight = country_or_none(country)
    language = get_language()  # the figures are drawn later, in this call's language
    years = events_table()["year"]
    lo, hi = int(years.min()), int(years.max())
    start = lo if start_year is None else max(lo, min(int(start_year), hi))
    end = hi if end_year is None else min(hi, max(int(end_year), start))
    # labelled number fields: the handles of a range slider have no accessible name
    since, until = (widgets.BoundedIntText(value=v, min=lo, max=hi, description=t(k),
                                           style={"description_width": "initial"},
                                           continuous_update=False) for v, k in
                    ((start, "origins.year_from"), (end, "origins.year_to")))
    boxes = {lane: widgets.Checkbox(value=True, description=t(f"origins.lane_{lane}"),
                                    indent=False, layout=widgets.Layout(width="auto"))
             for lane in LANES}

    out = widgets.Output()

    def redraw(_change=None):
        lanes = [lane for lane in LANES if boxes[lane].value]
        # one figure per period, given to the Output as its outputs: never
        # 'with out: plt.show()', which stalls papermill (see figure_outputs)
        periods = timeline_periods(*sorted((since.value, until.value)), lanes,
                                   country=highlight, lang=language)
        out.outputs = tuple(o for first, last in periods for o in figure_outputs(
            plot_timeline(first, last, lanes=lanes, country=highlight, lang=language).figure))

    for control in (since, until, *boxes.values()):
        control.observe(redraw, names="value")
    root = widgets.VBox([widgets.HBox([since, until]), widgets.HBox(list(boxes.values())), out])
    root.add_class("dsrlab-timeline")
    redraw()  # the first view, without a click
    return root


@in_language
def constraints_table(start_year=None, end_year=None, *, country=None, lang=None):
    """The measures that constrain the DSR: U.S. responses and China's own laws.

    Parameters
    ----------
    start_year, end_year : int, optional
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): *highlights* -- the titles of the measures
        that involve it start with "★ ".
    lang : {"en", "es"}, optional

    Returns
    -------
    pandas.DataFrame
        ``date``, ``lane``, ``category``, ``title``, ``source_id``, ``locator``.
    """
    events = events_table(start_year, end_year)
    lane = events["lane"].astype(str)
    category = events["category"].astype(str)
    keep = (lane == "united_states") & category.isin({"policy", "sanction", "law", "speech",
                                                      "report", "agreement"})
    keep |= (lane == "china") & (category == "law")
    keep |= (lane == "multilateral") & events["title"].str.contains("ITU", case=False)
    events = events.assign(title=starred(events["title"],
                                          _involves(events, country_or_none(country))))
    cols = ["date", "lane", "category", "title", "source_id", "locator"]
    return course_table(events.loc[keep, cols].reset_index(drop=True),
                        codes={"lane": "origins.lane_", "category": "tables.code_"})


@in_language
def au_claims_table(*, country=None, lang=None):
    """The competing claims about the African Union headquarters network, as claims.

    Parameters
    ----------
    country : str, optional
        A CELAC state (ISO3, ISO2 or name), checked like everywhere else. It would
        *highlight* (a leading "★ " on ``claimant``) the claims made by that state; the
        papers' AU claims come from African and Chinese actors and the press, so in
        today's data no row is marked.
    lang : {"en", "es"}, optional
        Language of ``claim``.

    Returns
    -------
    pandas.DataFrame
        ``claimant``, ``claimant_type``, ``stance``, ``claim``, ``source_id``, ``locator``.
    """
    claims = load("claims")
    ids = claims["claim_id"].astype(str).str.lower()
    text = claims["claim_en"].astype(str)
    keep = ids.str.startswith("cl-au-") | text.str.contains(r"African Union|\bAU\b", regex=True)
    claim_col = lang_column("claim", claims.columns)
    out = claims[keep].assign(claim=claims.loc[keep, claim_col].astype(str))
    out = in_reader_language(out, ["claimant"])  # roles in Spanish, names kept
    iso3 = country_or_none(country)
    if iso3 is not None:
        names = {name.casefold() for name in (country_names("en")[iso3], country_names("es")[iso3])}
        out = out.assign(claimant=starred(out["claimant"], [str(c).casefold() in names
                                                            for c in out["claimant"]]))
    cols = ["claimant", "claimant_type", "stance", "claim", "source_id", "locator"]
    return course_table(out[cols].reset_index(drop=True),
                        codes={"claimant_type": "surveillance.claimant_",
                               "stance": "surveillance.stance_"})
