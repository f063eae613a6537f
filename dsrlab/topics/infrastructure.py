"""Notebook 02 (Latin American digital infrastructure): 4G coverage, the starting point,
policy papers and plans, space cooperation and a country panel.

All numbers come from :func:`dsrlab.load`. The China Global Investment Tracker deals live
in :mod:`dsrlab.topics.investments`, the firm x country matrix in
:mod:`dsrlab.topics.firms` and the submarine cables in :mod:`dsrlab.topics.cables`.
Figures are ``plot_x(..., *, country=None, ax=None, lang=None)``, tables
``x_table(..., *, country=None, lang=None)``; ``country`` is any code or name of a CELAC state.
"""

from __future__ import annotations

from ..base.course_tables import course_table
from ..base.i18n import in_language, t
from ..blocks.countries import country_names, country_or_none
from ..blocks.plots import describe, flag_ticks, shorten, stack_labels
from ..blocks.reading import COUNTRY
from ..blocks.tables import as_list, is_missing, lang_column, number_label, starred
from ..data.tables import load
from .infrastructure_panel import InfrastructurePanel, infrastructure_panel
from .investments import investment_rows
from .origins import events_table

__all__ = [
    "FOUR_G_COUNTRIES",
    "coverage_table",
    "plot_coverage",
    "starting_point_table",
    "space_table",
    "plot_space",
    "infrastructure_panel",
    "policy_documents_table",
    "national_plans_table",
    "InfrastructurePanel",
]

#: The four countries whose 4G coverage Malena's paper compares.
FOUR_G_COUNTRIES = ("PER", "MEX", "CRI", "ECU")



def _involves(frame, iso3) -> list[bool]:
    """For each row: does its ``countries`` list name ``iso3``? (all False for None)"""
    return [iso3 is not None and iso3 in as_list(v) for v in frame["countries"]]


# ------------------------------------------------------------------------ starting point
@in_language
def coverage_table(areas=FOUR_G_COUNTRIES, *, country=None, lang=None):
    """4G coverage (percent of the population) from the ``indicators`` table.

    Parameters
    ----------
    areas : list of str, optional
        ISO3 codes to keep (default: the paper's four; None: every area recorded).
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): *highlights* -- its ``name`` starts with "★ ".
    lang : {"en", "es"}, optional
        Language of the country names.

    Returns
    -------
    pandas.DataFrame
        ``area``, ``name``, ``year``, ``value``, ``qualifier``, ``label``, ``source_id``,
        ``locator`` -- highest coverage first.

    Examples
    --------
    >>> cov = coverage_table()
    >>> sorted(cov["area"]) == sorted(FOUR_G_COUNTRIES)
    True
    """
    ind = load("indicators")
    rows = ind[ind["indicator"].astype(str) == "4g_coverage"]
    if areas is not None:
        rows = rows[rows["area"].astype(str).isin(areas)]
    names = country_names()
    iso3 = country_or_none(country)
    out = rows.assign(
        area=rows["area"].astype(str),
        name=starred([names.get(str(a), str(a)) for a in rows["area"]],
                      [str(a) == iso3 for a in rows["area"]]),
        label=[number_label(v, q, "%")
               for v, q in zip(rows["value"], rows["qualifier"], strict=True)],
    )[["area", "name", "year", "value", "qualifier", "label", "source_id", "locator"]]
    return course_table(out.sort_values("value", ascending=False).reset_index(drop=True),
                        hide=("area", "value", "qualifier"),
                        labels={"label": {"en": "4G coverage", "es": "Cobertura 4G"}})


@in_language
def plot_coverage(*, country=None, ax=None, lang=None):
    """Bar chart of the four countries' 4G coverage; ``country`` is hatched and bolded.

    ``country`` is a CELAC state (ISO3, ISO2 or name); one without a 4G figure in the
    sources is named in a note.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from ..blocks.plots import PALETTE, new_ax

    iso3 = country_or_none(country)
    cov = coverage_table()
    ax = new_ax(ax, figsize=(7, 4))
    flags = [a == iso3 for a in cov["area"]]
    bars = ax.bar(range(len(cov)), cov["value"], color=[PALETTE["highlight"] if f else
                                                    PALETTE["latin_america"] for f in flags],
                  edgecolor=PALETTE["ink"], hatch=None)
    for bar, flag in zip(bars, flags, strict=True):
        bar.set_hatch("///" if flag else "")
    ax.bar_label(bars, labels=cov["label"], padding=3)
    ax.set_ylim(0, 100)
    ax.set_ylabel(t("infrastructure.pct_population"))
    ax.set_title(t("infrastructure.coverage_title"))
    flag_ticks(ax, "x", cov["name"], flags)
    if iso3 is not None and iso3 not in set(cov["area"]):
        ax.text(0.99, 0.97, t("infrastructure.no_figure", name=country_names().get(iso3, iso3)),
                transform=ax.transAxes, ha="right", va="top", style="italic")
    ax.grid(axis="x", visible=False)
    return describe(ax, "bar", cov, label="name", value="value", unit="%", key="area",
                    country=iso3)


#: Indicators that describe the region's digital starting point (Malena, fn21-fn22).
STARTING_POINT = ("gii_rank", "share_digital_market_cap", "largest_digital_firms_count",
                  "share_data_centres")


@in_language
def starting_point_table(*, country=None, lang=None):
    """The region's other starting-point indicators (innovation rank, market shares).

    ``country`` (a CELAC state: ISO3, ISO2 or name) *highlights*: the indicators about
    that country get a leading "★ " in ``what``. ``lang`` is the language of ``what``.

    Returns
    -------
    pandas.DataFrame
        ``indicator``, ``what``, ``area``, ``year``, ``label`` (keeps the qualifier,
        e.g. "< 1%"), ``source_id``, ``locator``.
    """
    ind = load("indicators")
    rows = ind[ind["indicator"].astype(str).isin(STARTING_POINT)]
    table = rows.assign(
        label=[number_label(v, q, "%" if str(u) == "percent" else "") for v, q, u in
               zip(rows["value"], rows["qualifier"], rows["unit"], strict=True)],
        what=starred(rows[lang_column("label", rows.columns)].astype(str),
                      rows["area"].astype(str) == country_or_none(country)),
    )[["indicator", "what", "area", "year", "label", "source_id", "locator"]].reset_index(
        drop=True)
    return course_table(table, hide=("indicator", "area"),
                        labels={"label": {"en": "Figure", "es": "Cifra"}})


@in_language
def policy_documents_table(*, country=None, lang=None):
    """China's two policy papers on Latin America (2008 and 2016), from ``events``.

    ``country`` (a CELAC state: ISO3, ISO2 or name) *highlights*: the papers whose event
    lists that country get a leading "★ " in ``title``. ``lang``: language of ``title``.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``title``, ``description_en`` (``description_es`` in Spanish),
        ``source_id``, ``locator``.
    """
    ev = events_table(lanes="china")
    keep = (ev["category"].astype(str) == "policy") & ev["event_id"].str.contains("china-lac")
    ev = ev.assign(title=starred(ev["title"], _involves(ev, country_or_none(country))))
    cols = ["year", "title", lang_column("description", ev.columns), "source_id", "locator"]
    return course_table(ev.loc[keep, cols].reset_index(drop=True))


@in_language
def national_plans_table(*, country=None, lang=None):
    """Latin American digital plans and agendas recorded in ``events`` (lane latin_america).

    ``country`` (a CELAC state: ISO3, ISO2 or name) *highlights*: its plans get a leading
    "★ " in ``title`` (every plan stays, to compare). ``lang``: language of ``title``.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``title``, ``countries``, ``source_id``, ``locator``.
    """
    ev = events_table(lanes="latin_america")
    keep = ev["category"].astype(str) == "policy"
    ev = ev.assign(title=starred(ev["title"], _involves(ev, country_or_none(country))))
    return course_table(
        ev.loc[keep, ["year", "title", "countries", "source_id", "locator"]].reset_index(
            drop=True), codes={"countries": COUNTRY})


# ----------------------------------------------------------------------------- space
@in_language
def space_table(*, country=None, lang=None):
    """Space cooperation with Latin American states: CGIT satellite deals and satellite events.

    ``country`` (a CELAC state: ISO3, ISO2 or name) *highlights*: its rows get a leading
    "★ " in ``what``. ``lang``: language of the event titles.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``iso3``, ``what``, ``table``, ``source_id``, ``locator``.
    """
    import pandas as pd

    rows = []
    inv = investment_rows()
    space = inv[inv["subsector"].str.contains("satellite|space", case=False)]
    for r in space.itertuples():
        rows.append((r.date.year, r.iso3, f"{r.investor} – {r.partner} ({r.subsector})",
                     "investments", r.source_id, r.locator))
    events = load("events")
    title = lang_column("title", events.columns)
    celac = set(country_names()) - {"CHN", "USA"}
    for r in events[events["category"].astype(str) == "satellite"].itertuples():
        for iso3 in [c for c in as_list(r.countries) if c in celac]:
            rows.append((pd.Timestamp(r.date).year, iso3, getattr(r, title), "events",
                         r.source_id, r.locator))
    seen = {(y, c) for y, c, *_ in rows}
    presence = load("presence")
    firms = load("firms")
    names = dict(zip(firms["firm_id"].astype(str), firms["name"].astype(str), strict=True))
    activity = lang_column("activity", presence.columns)
    for r in presence[presence["sector"].astype(str) == "space"].itertuples():
        if is_missing(r.year) or is_missing(r.iso3) or (int(r.year), str(r.iso3)) in seen:
            continue  # undated, region-wide, or already told by an event
        rows.append((int(r.year), str(r.iso3), f"{names.get(str(r.firm_id), r.firm_id)}: "
                     f"{getattr(r, activity)}", "presence", r.source_id, r.locator))
    table = pd.DataFrame(rows, columns=["year", "iso3", "what", "table", "source_id", "locator"])
    iso3 = country_or_none(country)
    if iso3 is not None:
        table["what"] = starred(table["what"], table["iso3"] == iso3)
    return course_table(
        table.sort_values(["year", "iso3"], na_position="last").reset_index(drop=True),
        codes={"iso3": COUNTRY, "table": "capstone.table_"},
        labels={"iso3": {"en": "Country", "es": "País"},
                "table": {"en": "From the table", "es": "De la tabla"}})


@in_language
def plot_space(*, country=None, ax=None, lang=None):
    """Space cooperation by country and year (one marker shape per source table).

    ``country`` (a CELAC state: ISO3, ISO2 or name) gets a shaded band and a "►", bold
    label; one with no space record gets a note.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from ..blocks.plots import PALETTE, new_ax

    iso3 = country_or_none(country)
    table = space_table().dropna(subset=["year", "iso3"])
    countries = sorted(table["iso3"].unique())
    if iso3 is not None and iso3 not in countries:
        countries.append(iso3)
    ax = new_ax(ax, figsize=(9, 1.2 + 0.7 * len(countries)))
    markers = {"investments": ("s", PALETTE["china"]), "presence": ("o", PALETTE["firms"]),
               "events": ("D", PALETTE["multilateral"])}
    for kind, (marker, color) in markers.items():
        part = table[table["table"] == kind]
        ax.scatter(part["year"], [countries.index(c) for c in part["iso3"]], marker=marker,
                   color=color, s=60, zorder=3, label=t(f"infrastructure.space_{kind}"))
    lo, hi = int(table["year"].min()) - 1, int(table["year"].max()) + 2
    per_char = (hi - lo) * 0.06 / 7.5  # years per 7-pt character on a ~7.5 inch axis
    offsets = (-11, 5, 17, -23)
    for country in countries:
        part = table[table["iso3"] == country]
        labels = [shorten(str(w), 44) for w in part["what"]]
        levels, left = stack_labels(list(part["year"]), labels, per_char, hi)
        for (_, r), lab, lv, lft in zip(part.iterrows(), labels, levels, left, strict=True):
            ax.annotate(lab, (r["year"], countries.index(country)),
                        xytext=(-6 if lft else 6, offsets[lv % len(offsets)]),
                        ha="right" if lft else "left", textcoords="offset points",
                        in_layout=False)
    names = country_names()
    flag_ticks(ax, "y", [names.get(c, c) for c in countries], [c == iso3 for c in countries])
    if iso3 is not None:
        ax.axhspan(countries.index(iso3) - 0.4, countries.index(iso3) + 0.4,
                   color=PALETTE["highlight"], alpha=0.12, lw=0)
        if not (table["iso3"] == iso3).any():
            ax.annotate(t("infrastructure.no_space", name=names.get(iso3, iso3)),
                        (lo, countries.index(iso3)), xytext=(6, -3),
                        textcoords="offset points", style="italic")
    ax.set_xlim(lo, hi)
    ax.set_ylim(-0.6, len(countries) - 0.4)
    ax.legend(loc="lower left")
    ax.set_title(t("infrastructure.space_title"))
    data = table.assign(country=[names.get(c, c) for c in table["iso3"]])
    return describe(ax, "timeline", data[["country", "iso3", "year", "what", "table"]],
                    label="country", key="iso3", country=iso3, says=("year", "what"),
                    extra=t("alt.years", start=int(table["year"].min()),
                            end=int(table["year"].max())))
