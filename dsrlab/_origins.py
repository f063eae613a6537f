"""Notebook 01 (DSR origins): the events timeline, what the DSR contains, who drives it,
what constrains it, and the African Union claims.

Every function reads the data package through :func:`dsrlab.load`; nothing is typed in.
Figure text follows the active language (``dsrlab.set_language``).
"""

from __future__ import annotations

from .errors import UsageError, choices_text
from .maps import _as_list as as_list
from .maps import _is_missing as is_missing
from .maps import _lang_column as lang_column
from .maps import _load as load
from .maps import _t_any as t

__all__ = [
    "LANES",
    "events_between",
    "timeline",
    "timeline_explorer",
    "DSR_COMPONENTS",
    "dsr_components",
    "components_chart",
    "dsr_actors",
    "actors_chart",
    "constraints_table",
    "au_claims",
]

#: Timeline lanes, top to bottom.
LANES = ("china", "united_states", "multilateral", "latin_america", "firms")
# Marker shape per lane (never colour alone).
_MARKERS = {"china": "o", "united_states": "s", "multilateral": "D", "latin_america": "^",
            "firms": "P"}

#: DSR components named in Malena's paper -> the ``presence.sector`` values they cover.
DSR_COMPONENTS = {
    "cables": ("submarine_cable", "fiber"),
    "networks_5g": ("5g", "telecom_equipment", "wifi"),
    "satellites": ("space",),
    "data_centres": ("data_centres",),
    "smart_cities": ("surveillance",),
    "ecommerce": ("ecommerce",),
    "payments": ("payments", "fintech"),
}


def _check_lanes(lanes) -> tuple[str, ...]:
    if lanes is None:
        return LANES
    lanes = (lanes,) if isinstance(lanes, str) else tuple(lanes)
    bad = [lane for lane in lanes if lane not in LANES]
    if bad:
        raise UsageError(f"unknown lane {bad[0]!r}; valid: {choices_text(LANES)}")
    return lanes


def events_between(start_year=None, end_year=None, lanes=None, country=None):
    """Events of the ``events`` table in a year range, oldest first.

    Parameters
    ----------
    start_year, end_year : int, optional
        Inclusive bounds; open when None.
    lanes : str or list of str, optional
        Keep only these lanes (see :data:`LANES`).
    country : str, optional
        ISO3 code: keep only events listing this country.

    Returns
    -------
    pandas.DataFrame
        The events with ``year`` and ``title`` (in the active language) added.

    Examples
    --------
    >>> ev = events_between(2015, 2019, lanes="china")
    >>> bool(ev["year"].between(2015, 2019).all()), set(ev["lane"].astype(str)) <= {"china"}
    (True, True)
    """
    import pandas as pd

    if start_year is not None and end_year is not None and int(start_year) > int(end_year):
        raise UsageError(f"start_year {start_year} is after end_year {end_year}")
    lanes = _check_lanes(lanes)
    events = load("events")
    dates = pd.to_datetime(events["date"])
    events = events.assign(date=dates, year=dates.dt.year,
                           title=events[lang_column("title", events.columns)].astype(str))
    keep = events["lane"].astype(str).isin(lanes)
    if start_year is not None:
        keep &= events["year"] >= int(start_year)
    if end_year is not None:
        keep &= events["year"] <= int(end_year)
    if country is not None:
        keep &= events["countries"].map(lambda v: country in as_list(v))
    return events[keep].sort_values(["date", "event_id"]).reset_index(drop=True)


def _levels(intervals) -> list[int]:
    """Greedy stacking of (start, end) label intervals: the lowest free level for each."""
    ends: list[float] = []
    levels = [0] * len(intervals)
    for i in sorted(range(len(intervals)), key=lambda k: intervals[k][0]):
        start, end = intervals[i]
        for k, last in enumerate(ends):
            if start > last:
                ends[k] = end
                levels[i] = k
                break
        else:
            ends.append(end)
            levels[i] = len(ends) - 1
    return levels


def _country_name(iso3: str) -> str:
    from .maps import _country_names

    return _country_names().get(iso3, iso3)


def _short(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def timeline(start_year=None, end_year=None, lanes=None, ax=None, highlight=None):
    """Draw the events as a swim-lane timeline (one lane per actor group).

    Each lane has its own marker shape; events dated only to the year (or
    approximately) are drawn hollow. Labels are stacked so they do not overlap.

    Parameters
    ----------
    start_year, end_year : int, optional
    lanes : list of str, optional
        Lanes to show (default: all of :data:`LANES`).
    ax : matplotlib Axes, optional
    highlight : str, optional
        ISO3 code: events involving this country get a star and a bold label.

    Returns
    -------
    matplotlib.axes.Axes
    """
    import matplotlib.dates as mdates
    import pandas as pd
    from matplotlib.lines import Line2D

    from .plots import PALETTE, new_ax

    events = events_between(start_year, end_year, lanes)
    shown = list(_check_lanes(lanes))
    if events.empty or not shown:
        ax = new_ax(ax, figsize=(11, 2))
        ax.text(0.5, 0.5, t("origins.no_events"), ha="center", va="center",
                transform=ax.transAxes)
        ax.set_yticks([])
        return ax
    first = int(start_year if start_year is not None else events["year"].min())
    last = int(end_year if end_year is not None else events["year"].max())
    lo, hi = pd.Timestamp(year=first, month=1, day=1), pd.Timestamp(year=last, month=12, day=31)
    span = max((hi - lo).days, 365)
    per_char = span * 0.06 / 9.5  # ~0.06 inch per 7-pt character on a ~9.5 inch axis
    layout = []  # (lane, rows, levels, left)
    for lane in reversed(shown):
        rows = events[events["lane"].astype(str) == lane]
        xs = [(d - lo).days for d in rows["date"]]
        widths = [len(_short(s)) * per_char + 20 for s in rows["title"]]
        # labels that would run past the right edge go to the left of their marker
        left = [x + w > span for x, w in zip(xs, widths, strict=True)]
        levels = _levels([(x - w, x) if lft else (x, x + w)
                          for x, w, lft in zip(xs, widths, left, strict=True)])
        layout.append((lane, rows, levels, left))
    step, gap = 0.3, 0.6
    total = sum((max(lv, default=0) + 1) * step + gap for _, _, lv, _ in layout)
    ax = new_ax(ax, figsize=(11, 1.4 + 0.55 * total))
    base, ticks = 0.0, []
    for lane, rows, levels, left in layout:
        height = (max(levels, default=0) + 1) * step
        color = PALETTE.get(lane, PALETTE["neutral"])
        ys = [base + level * step for level in levels]
        hollow = rows["date_precision"].astype(str).isin({"year", "approx"}).to_numpy()
        marked = rows["countries"].map(lambda v: highlight in as_list(v)).to_numpy() \
            if highlight is not None else [False] * len(rows)
        for mask, filled in ((~hollow, True), (hollow, False)):
            ax.scatter(rows["date"][mask], [y for y, m in zip(ys, mask, strict=True) if m],
                       marker=_MARKERS[lane], s=36, zorder=3, linewidths=1.2,
                       facecolors=color if filled else "none", edgecolors=color)
        for date, y, title, lft, mark in zip(rows["date"], ys, rows["title"], left, marked,
                                             strict=True):
            if mark:
                ax.scatter(date, y, marker="*", s=140, color=color, edgecolors=PALETTE["ink"],
                           zorder=4)
            ax.annotate(_short(title), (date, y), xytext=(-5 if lft else 5, -3),
                        textcoords="offset points", ha="right" if lft else "left",
                        fontsize=7, fontweight="bold" if mark else "normal", zorder=4,
                        in_layout=False)
        ax.axhspan(base - step / 2, base + height - step / 2, color=color, alpha=0.06, lw=0)
        ticks.append((base + (height - step) / 2, t(f"origins.lane_{lane}")))
        base += height + gap
    ax.set_yticks([y for y, _ in ticks], [name for _, name in ticks])
    ax.set_ylim(-step, base - gap + step / 2)
    ax.set_xlim(lo, hi + pd.Timedelta(days=int(span * 0.02)))
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.grid(axis="y", visible=False)
    ax.set_title(t("origins.timeline_title", start=first, end=last))
    handles = [Line2D([], [], marker="o", linestyle="", markerfacecolor="none",
                      markeredgecolor=PALETTE["ink"], label=t("origins.approx_date"))]
    if highlight is not None:
        name = _country_name(highlight)
        handles.append(Line2D([], [], marker="*", linestyle="", color=PALETTE["ink"],
                              markersize=10, label=t("origins.involves", country=name)))
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(0, -0.04), ncol=2, fontsize=8)
    return ax


def timeline_explorer(start_year=None, end_year=None):
    """An interactive timeline: a year-range slider and one checkbox per lane.

    The figure is drawn (with :func:`timeline`) below the controls whenever one of them
    changes; nothing is drawn before that, so run :func:`timeline` for the static view
    (which also survives in an exported notebook without a kernel).

    Returns
    -------
    ipywidgets.VBox
    """
    import ipywidgets as widgets
    import matplotlib.pyplot as plt

    years = events_between()["year"]
    lo, hi = int(years.min()), int(years.max())
    start = lo if start_year is None else max(lo, min(int(start_year), hi))
    end = hi if end_year is None else min(hi, max(int(end_year), start))
    slider = widgets.IntRangeSlider(
        value=(start, end), min=lo, max=hi, step=1, continuous_update=False,
        description=t("origins.years"), layout=widgets.Layout(width="60%"),
    )
    boxes = {lane: widgets.Checkbox(value=True, description=t(f"origins.lane_{lane}"),
                                    indent=False, layout=widgets.Layout(width="auto"))
             for lane in LANES}

    out = widgets.Output()
    hint = widgets.HTML(f"<i>{t('origins.explorer_hint')}</i>")

    def redraw(_change=None):
        hint.value = ""
        out.clear_output(wait=True)
        with out:
            timeline(slider.value[0], slider.value[1],
                     lanes=[lane for lane in LANES if boxes[lane].value])
            plt.show()

    slider.observe(redraw, names="value")
    for box in boxes.values():
        box.observe(redraw, names="value")
    root = widgets.VBox([slider, widgets.HBox(list(boxes.values())), hint, out])
    root.add_class("dsrlab-timeline")
    return root


def dsr_components(country=None):
    """What the DSR contains, with the firms the data record in each component.

    Parameters
    ----------
    country : str, optional
        ISO3 code: count only this country's rows (region-wide rows excluded).

    Returns
    -------
    pandas.DataFrame
        One row per component: ``component`` (id), ``label``, ``sectors``, ``records``
        (rows of the ``presence`` table), ``firms`` (names, ``;``-joined), ``source_ids``.
    """
    import pandas as pd

    presence = load("presence")
    firms = load("firms")
    names = dict(zip(firms["firm_id"].astype(str), firms["name"].astype(str), strict=True))
    chinese = set(firms.loc[firms["home_country"].astype(str) == "CHN", "firm_id"].astype(str))
    presence = presence[presence["firm_id"].astype(str).isin(chinese)]
    if country is not None:
        presence = presence[presence["iso3"].astype(str) == country]
    rows = []
    for component, sectors in DSR_COMPONENTS.items():
        part = presence[presence["sector"].astype(str).isin(sectors)]
        rows.append({
            "component": component,
            "label": t(f"origins.component_{component}"),
            "sectors": ";".join(sectors),
            "records": len(part),
            "firms": ";".join(sorted({names.get(str(f), str(f)) for f in part["firm_id"]})),
            "source_ids": ";".join(sorted(part["source_id"].astype(str).unique())),
        })
    return pd.DataFrame(rows)


def components_chart(ax=None, highlight=None):
    """Bar chart: records of Chinese firms' presence in the region per DSR component.

    With ``highlight`` (ISO3) a second, hatched bar gives that country's records.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from .plots import PALETTE, new_ax

    table = dsr_components().iloc[::-1]
    ax = new_ax(ax, figsize=(8, 4.5))
    ys = list(range(len(table)))
    bars = ax.barh(ys, table["records"], color=PALETTE["china"], height=0.6,
                   label=t("origins.region_rows"))
    labels = [f"{n} · {_short(f.replace(';', ', '), 48)}" if f else str(n)
              for n, f in zip(table["records"], table["firms"], strict=True)]
    ax.bar_label(bars, labels=labels, padding=3, fontsize=8)
    if highlight is not None:
        mine = dsr_components(country=highlight).iloc[::-1]
        ax.barh([y - 0.32 for y in ys], mine["records"], height=0.25, color="white",
                edgecolor=PALETTE["ink"], hatch="///", label=_country_name(highlight))
    ax.set_yticks(ys, table["label"])
    ax.set_xlabel(t("origins.records"))
    ax.set_xlim(0, max(table["records"].max(), 1) * 2.2)
    ax.grid(axis="y", visible=False)
    ax.set_title(t("origins.components_title"))
    ax.legend(loc="lower right", fontsize=8)
    return ax


def dsr_actors():
    """The firms in the data: ownership, and their records in ``presence`` and the CGIT.

    Returns
    -------
    pandas.DataFrame
        ``firm_id``, ``name``, ``ownership``, ``home_country``, ``records`` (presence rows
        plus CGIT deals whose investor is the firm), ``countries`` (distinct ISO3 codes),
        sorted by records.
    """
    presence = load("presence")
    firms = load("firms")
    inv = load("investments")
    by_name = dict(zip(firms["name"].astype(str), firms["firm_id"].astype(str), strict=True))
    pairs = [(str(f), i) for f, i in zip(presence["firm_id"], presence["iso3"], strict=True)]
    pairs += [(by_name[str(n)], i) for n, i in zip(inv["investor"], inv["iso3"], strict=True)
              if str(n) in by_name]
    records, reach = {}, {}
    for firm, iso3 in pairs:
        records[firm] = records.get(firm, 0) + 1
        if not is_missing(iso3):
            reach.setdefault(firm, set()).add(str(iso3))
    ids = firms["firm_id"].astype(str)
    table = firms.assign(
        firm_id=ids, ownership=firms["ownership"].astype(str),
        records=[records.get(f, 0) for f in ids],
        countries=[len(reach.get(f, ())) for f in ids],
    )[["firm_id", "name", "ownership", "home_country", "records", "countries"]]
    return table.sort_values(["records", "name"], ascending=[False, True]).reset_index(drop=True)


def actors_chart(ax=None, highlight=None):
    """Who drives the DSR: presence records per Chinese firm, by ownership type.

    Ownership is shown by colour *and* hatch; ``highlight`` (a ``firm_id``) is bolded.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.patches import Patch

    from .plots import PALETTE, new_ax

    table = dsr_actors()
    table = table[table["home_country"].astype(str) == "CHN"]
    silent = table.loc[table["records"] == 0, "name"].tolist()
    minor = table.loc[table["records"] == 1, "name"].tolist()
    table = table[table["records"] > 1].iloc[::-1]
    styles = {"state_owned": (PALETTE["china"], ""), "state_agency": (PALETTE["china"], "xx"),
              "state_linked": (PALETTE["firms"], ".."), "private": (PALETTE["sky"], "//"),
              "unknown": (PALETTE["muted"], "")}
    ax = new_ax(ax, figsize=(8, 0.8 + 0.3 * max(len(table), 1)))
    ys = range(len(table))
    colors = [styles.get(o, (PALETTE["neutral"], ""))[0] for o in table["ownership"]]
    bars = ax.barh(list(ys), table["records"], color=colors, edgecolor=PALETTE["ink"],
                   linewidth=0.5)
    ax.bar_label(bars, labels=[f"{t(f'origins.ownership_{o}')} · "
                               f"{t('origins.in_countries', n=n)}"
                               for o, n in zip(table["ownership"], table["countries"],
                                               strict=True)],
                 padding=3, fontsize=8)
    ax.set_yticks(list(ys), table["name"])
    for tick, firm in zip(ax.get_yticklabels(), table["firm_id"], strict=True):
        if firm == highlight:
            tick.set_fontweight("bold")
    ax.set_xlabel(t("origins.actor_records"))
    ax.set_xlim(0, max(table["records"].max(), 1) * 1.6)
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[Patch(facecolor=c, edgecolor=PALETTE["ink"],
                             label=t(f"origins.ownership_{o}")) for o, (c, _) in styles.items()
                       if o in set(table["ownership"])],
              loc="lower right", fontsize=8)
    notes = [t("origins.one_record", names=", ".join(minor))] if minor else []
    notes += [t("origins.no_records", names=", ".join(silent))] if silent else []
    if notes:
        import textwrap

        ax.annotate("\n".join(textwrap.fill(n, 110) for n in notes), xy=(0, 0),
                    xycoords="axes fraction", xytext=(0, -36), textcoords="offset points",
                    fontsize=7.5, va="top")
    ax.set_title(t("origins.actors_title"))
    return ax


def constraints_table(start_year=None, end_year=None):
    """The measures that constrain the DSR: U.S. responses and China's own laws.

    Returns
    -------
    pandas.DataFrame
        ``date``, ``lane``, ``category``, ``title``, ``source_id``, ``locator``.
    """
    events = events_between(start_year, end_year)
    lane = events["lane"].astype(str)
    category = events["category"].astype(str)
    keep = (lane == "united_states") & category.isin({"policy", "sanction", "law", "speech",
                                                      "report", "agreement"})
    keep |= (lane == "china") & (category == "law")
    keep |= (lane == "multilateral") & events["title"].str.contains("ITU", case=False)
    cols = ["date", "lane", "category", "title", "source_id", "locator"]
    return events.loc[keep, cols].reset_index(drop=True)


def au_claims():
    """The competing claims about the African Union headquarters network, as claims.

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
    cols = ["claimant", "claimant_type", "stance", "claim", "source_id", "locator"]
    return out[cols].reset_index(drop=True)
