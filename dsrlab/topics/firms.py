"""Who carries the Digital Silk Road: Chinese firms' presence by DSR component, the
firms by ownership (notebook 01) and the firm x country matrix (notebook 02).

Everything comes from the ``presence``, ``firms`` and ``investments`` tables through
:func:`dsrlab.load`. Figures are ``plot_x(..., *, country=None, ax=None, lang=None)``, tables
``x_table(..., *, country=None, lang=None)``; ``country`` is any code or name of a CELAC state.
"""

from __future__ import annotations

from ..base.course_tables import course_table
from ..base.i18n import all_strings, in_language, t
from ..blocks.countries import country_names, country_or_none
from ..blocks.plots import describe, flag_ticks, wrap
from ..blocks.tables import is_missing, starred
from ..data.tables import load

__all__ = [
    "DSR_COMPONENTS",
    "components_table",
    "plot_components",
    "actors_table",
    "plot_actors",
    "firm_matrix_table",
    "firm_table",
    "plot_firm_matrix",
]

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


@in_language
def components_table(*, country=None, lang=None):
    """What the DSR contains, with the firms the data record in each component.

    Parameters
    ----------
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): *filters* -- count only this country's rows
        (region-wide rows excluded), so the table is that country's components.
    lang : {"en", "es"}, optional
        Language of ``label``.

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
    iso3 = country_or_none(country)
    if iso3 is not None:
        presence = presence[presence["iso3"].astype(str) == iso3]
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
    return course_table(pd.DataFrame(rows), hide=("component", "sectors"),
                        labels={"label": {"en": "Component", "es": "Componente"}})


@in_language
def plot_components(*, country=None, ax=None, lang=None):
    """Bar chart: records of Chinese firms' presence in the region per DSR component.

    With ``country`` (ISO3, ISO2 or name of a CELAC state) a second, hatched bar gives
    that country's records, named in the legend.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from ..blocks.plots import PALETTE, new_ax

    highlight = country_or_none(country)
    table = components_table().iloc[::-1]
    ax = new_ax(ax, figsize=(9.6, 0.62 * len(table) + 2.0))
    ys = list(range(len(table)))
    bars = ax.barh(ys, table["records"], color=PALETTE["china"], height=0.6,
                   label=t("origins.region_rows"))
    ax.bar_label(bars, padding=3)
    top = max(table["records"].max(), 1)
    for y, firms in zip(ys, table["firms"], strict=True):  # the firms, in full, in a column
        ax.text(top * 1.15, y, wrap(firms.replace(";", ", "), 44), va="center")
    if highlight is not None:
        mine = components_table(country=highlight).iloc[::-1]
        ax.barh([y - 0.32 for y in ys], mine["records"], height=0.25, color="white",
                edgecolor=PALETTE["ink"], hatch="///",
                label=country_names().get(highlight, highlight))
    ax.set_yticks(ys, table["label"])
    ax.set_xlim(0, top * 2.9)
    ax.set_xticks([x for x in ax.get_xticks() if x <= top])
    ax.set_ylim(-0.6, len(table) - 0.4)
    ax.grid(False)
    ax.spines["bottom"].set_bounds(0, top)
    ax.set_title(wrap(t("origins.components_title"), 50), loc="left")
    ax.set_xlabel(t("origins.records"))
    ax.xaxis.label.set_x(1 / 2.9 / 2)  # under the bars
    ax.legend(loc="upper left", bbox_to_anchor=(0.42, -0.04), ncol=1)
    return describe(ax, "bar", table.iloc[::-1], label="label", value="records",
                    title=t("origins.components_title"))


def _firm_reach() -> tuple[dict[str, int], dict[str, set[str]]]:
    """Per ``firm_id``: its records (presence rows plus CGIT deals it invests in) and the
    ISO3 codes of the countries they are in."""
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
    return records, reach


@in_language
def actors_table(*, country=None, lang=None):
    """The firms in the data: ownership, and their records in ``presence`` and the CGIT.

    Parameters
    ----------
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): *highlights* -- the names of the firms with a
        record in that country start with "★ " (every firm stays).
    lang : {"en", "es"}, optional

    Returns
    -------
    pandas.DataFrame
        ``firm_id``, ``name``, ``ownership``, ``home_country``, ``records`` (presence rows
        plus CGIT deals whose investor is the firm), ``countries`` (distinct ISO3 codes),
        sorted by records.
    """
    firms = load("firms")
    records, reach = _firm_reach()
    ids = firms["firm_id"].astype(str)
    table = firms.assign(
        firm_id=ids, ownership=firms["ownership"].astype(str),
        records=[records.get(f, 0) for f in ids],
        countries=[len(reach.get(f, ())) for f in ids],
    )[["firm_id", "name", "ownership", "home_country", "records", "countries"]]
    table = table.sort_values(["records", "name"], ascending=[False, True]).reset_index(drop=True)
    iso3 = country_or_none(country)
    if iso3 is not None:
        table["name"] = starred(table["name"],
                                [iso3 in reach.get(f, ()) for f in table["firm_id"]])
    return course_table(table)


@in_language
def plot_actors(firm=None, *, country=None, ax=None, lang=None):
    """Who drives the DSR: presence records per Chinese firm, by ownership type.

    Ownership is shown by colour *and* hatch. ``firm`` (a ``firm_id``) has its name
    bolded; ``country`` (a CELAC state: ISO3, ISO2 or name) marks with "►" and bolds the
    firms with a record in that country.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from ..blocks.plots import PALETTE, new_ax

    iso3 = country_or_none(country)
    _, reach = _firm_reach()
    table = actors_table()
    table = table[table["home_country"].astype(str) == "CHN"]
    silent = table.loc[table["records"] == 0, "name"].tolist()
    minor = table.loc[table["records"] == 1, "name"].tolist()
    table = table[table["records"] > 1].iloc[::-1]
    styles = {"state_owned": (PALETTE["china"], ""), "state_agency": (PALETTE["china"], "xx"),
              "state_linked": (PALETTE["firms"], ".."), "private": (PALETTE["sky"], "//"),
              "unknown": (PALETTE["muted"], "")}
    ax = new_ax(ax, figsize=(9.6, 1.2 + 0.34 * max(len(table), 1)))
    ys = range(len(table))
    looks = [styles.get(o, (PALETTE["neutral"], "")) for o in table["ownership"]]
    bars = ax.barh(list(ys), table["records"], color=[c for c, _ in looks],
                   edgecolor=PALETTE["ink"], linewidth=0.5)
    for bar, (_, hatch) in zip(bars, looks, strict=True):
        bar.set_hatch(hatch)  # ownership by hatch as well as by colour and in words
    ax.bar_label(bars, labels=[f"{t(f'origins.ownership_{o}')} · "
                               f"{t('origins.in_countries', n=n)}"
                               for o, n in zip(table["ownership"], table["countries"],
                                               strict=True)],
                 padding=3)
    marked = [iso3 is not None and iso3 in reach.get(f, ()) for f in table["firm_id"]]
    flag_ticks(ax, "y", table["name"], marked)
    for tick, firm_id in zip(ax.get_yticklabels(), table["firm_id"], strict=True):
        if firm_id == firm:
            tick.set_fontweight("bold")
    ax.set_xlabel(t("origins.actor_records"))
    ax.set_xlim(0, max(table["records"].max(), 1) * 1.6)
    ax.grid(axis="y", visible=False)  # each bar names its ownership: no legend to look up
    notes = [t("origins.one_record", names=", ".join(minor))] if minor else []
    notes += [t("origins.no_records", names=", ".join(silent))] if silent else []
    if notes:
        import textwrap

        # from the figure's left edge, wrapped to the figure's width (~0.6 em a character)
        chars = int(ax.figure.get_figwidth() * 72 / (12 * 0.56)) - 4
        ax.annotate("\n".join(textwrap.fill(n, chars) for n in notes), xy=(0.01, 0),
                    xycoords=("figure fraction", "axes fraction"), xytext=(0, -36),
                    textcoords="offset points", va="top")
    ax.set_title(wrap(t("origins.actors_title"), 46))
    return describe(ax, "bar", table.iloc[::-1], label="name", value="records", country=iso3,
                    marked=marked[::-1], says=[("ownership", "origins.ownership_")])


@in_language
def firm_matrix_table(*, country=None, lang=None):
    """Firm × country table of sectors from the ``presence`` table, in codes (to compute
    with; :func:`firm_table` is the one to read).

    Region-wide rows (no country) appear under the column ``LAC``. ``country`` (a CELAC
    state: ISO3, ISO2 or name) *filters*: only that country's column is kept.

    Returns
    -------
    pandas.DataFrame
        Index: firm names; columns: ISO3 codes; cells: sectors joined with ", ".
    """
    presence = load("presence")
    firms = load("firms")
    names = {f: n if h == "CHN" else f"{n} ({h})" for f, n, h in
             zip(firms["firm_id"].astype(str), firms["name"].astype(str),
                 firms["home_country"].astype(str), strict=True)}
    iso = presence["iso3"].astype(object).where(presence["iso3"].notna(), "LAC").astype(str)
    frame = presence.assign(firm=presence["firm_id"].astype(str).map(names), iso3=iso,
                            sector=presence["sector"].astype(str))
    if country is not None:
        frame = frame[frame["iso3"] == country_or_none(country)]
    return frame.pivot_table(index="firm", columns="iso3", values="sector",
                             aggfunc=lambda s: ", ".join(sorted(set(s))), fill_value="")


@in_language
def firm_table(*, country=None, lang=None):
    """The firm x country matrix as a table to read: sectors in words, countries by name.

    One row per firm, one column per country (region-wide records last); a cell lists
    the sectors in which the papers place that firm in that country. A table, not a
    chart: the cells are words, and a student can scan, sort and copy them.

    Parameters
    ----------
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): *highlights* -- its column comes first,
        marked "►", and its firms first in the rows.
    lang : {"en", "es"}, optional
        Language of the sectors and the country names.

    Returns
    -------
    pandas.DataFrame
        Index ``firm``; empty cells are "".

    Examples
    --------
    >>> table = firm_table(country="MEX")
    >>> table.columns[0].startswith("► Mexico")
    True
    """
    iso3 = country_or_none(country)
    matrix = _matrix_with(iso3, first=True)
    cols = list(matrix.columns)
    matrix = matrix.map(
        lambda cell: ", ".join(_sector(c) for c in cell.split(", ")) if cell else "")
    if iso3 is not None:
        matrix = matrix.sort_values(iso3, key=lambda col: col.eq(""), kind="stable")
    matrix.columns = [("► " if c == iso3 else "") + name
                      for c, name in zip(cols, _column_names(cols), strict=True)]
    matrix.columns.name = None
    return course_table(matrix, combine={"where": list(matrix.columns)},
                        labels={"where": {"en": "Where, and in what", "es": "Dónde y en qué"}})


def _matrix_with(iso3, first: bool = False):
    """:func:`firm_matrix_table` with a column for ``iso3`` (empty if it has no records);
    countries alphabetical, region-wide last, ``iso3`` first when ``first``."""
    matrix = firm_matrix_table()
    if iso3 is not None and iso3 not in matrix.columns:
        matrix[iso3] = ""
    return matrix[sorted(matrix.columns,
                         key=lambda c: (first and c != iso3, c == "LAC", c))]


def _column_names(cols) -> list[str]:
    """Country names for matrix columns in the active language ("LAC" = region-wide)."""
    names = country_names()
    return [t("infrastructure.region_wide") if c == "LAC" else names.get(c, c) for c in cols]


#: Marker and colour of each DSR component in the firm x country chart (shape and colour).
_COMPONENT_MARKS = {"cables": ("s", "sky"), "networks_5g": ("^", "united_states"),
                    "satellites": ("*", "yellow"), "data_centres": ("D", "multilateral"),
                    "smart_cities": ("o", "china"), "ecommerce": ("P", "firms"),
                    "payments": ("v", "latin_america"), "other": ("X", "neutral")}


def _component(sector: str) -> str:
    """The DSR component a ``presence.sector`` code belongs to ("other" if none)."""
    extra = {"cloud": "data_centres"}  # the component is "data centres and cloud"
    return extra.get(sector) or next((c for c, sectors in DSR_COMPONENTS.items()
                                      if sector in sectors), "other")


@in_language
def plot_firm_matrix(*, country=None, ax=None, lang=None):
    """Matrix of firms (rows) by country (columns): one mark per DSR component the papers
    place that firm in there (shape and colour per component, named in the legend;
    :func:`firm_table` gives the sectors in words).

    ``country`` (a CELAC state: ISO3, ISO2 or name) has its column shaded and its label
    marked "►" and bolded.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from ..blocks.plots import PALETTE, fit_title, new_ax, row_labels

    iso3 = country_or_none(country)
    matrix = _matrix_with(iso3)
    cols = list(matrix.columns)
    names = [wrap(name, 40) for name in matrix.index]  # a long name on two lines ...
    ys = [0.0]
    from itertools import pairwise

    for above, below in pairwise(names):  # ... gets a taller row
        ys.append(ys[-1] + 1 + 0.35 * (above.count("\n") + below.count("\n")))
    ax = new_ax(ax, figsize=(10, 3.1 + 0.3 * (ys[-1] + 1)))
    if iso3 is not None:
        j = cols.index(iso3)
        ax.axvspan(j - 0.5, j + 0.5, color=PALETTE["highlight"], alpha=0.15, lw=0)
    points: dict[str, list[tuple[float, int]]] = {c: [] for c in _COMPONENT_MARKS}
    others: set[str] = set()
    for i in range(len(matrix)):
        for j, cell in enumerate(matrix.iloc[i]):
            sectors = cell.split(", ") if cell else []
            others |= {s for s in sectors if _component(s) == "other"}
            found = list(dict.fromkeys(_component(s) for s in sectors))
            for k, comp in enumerate(found):  # side by side in the cell
                points[comp].append((j + 0.26 * (k - (len(found) - 1) / 2), ys[i]))
    for comp, (marker, colour) in _COMPONENT_MARKS.items():
        if points[comp]:
            label = (t("infrastructure.other_sectors",
                       names=", ".join(sorted(_sector(s) for s in others)))
                     if comp == "other" else t(f"origins.component_{comp}"))
            ax.scatter(*zip(*points[comp], strict=True), s=80, marker=marker, zorder=3,
                       color=PALETTE[colour], edgecolor=PALETTE["ink"], linewidth=0.5,
                       label=wrap(label, 54))
    flag_ticks(ax, "x", _column_names(cols), [c == iso3 for c in cols], rotation=40, ha="right",
               rotation_mode="anchor")
    row_labels(ax, names, [False] * len(names), guides=True, rows=ys)
    ax.set_xlim(-0.5, len(cols) - 0.5)
    ax.set_ylim(ys[-1] + 0.5, -0.5)
    ax.grid(axis="y", visible=False)
    fit_title(ax, t("infrastructure.firms_title"), 60)
    from matplotlib.transforms import blended_transform_factory

    ax.legend(loc="upper left", bbox_to_anchor=(0.01, -0.2), ncol=2,  # from the figure's edge
              bbox_transform=blended_transform_factory(ax.figure.transFigure, ax.transAxes))
    return describe(ax, "matrix", matrix.reset_index(), label="firm", country=iso3, says=[iso3],
                    marked=iso3 and matrix[iso3].fillna("").astype(str).ne("").tolist())


def _sector(code: str) -> str:
    """A ``presence.sector`` code in the active language (the code itself if unknown)."""
    key = f"infrastructure.sector_{code}"
    return t(key) if key in all_strings() else code.replace("_", " ")
