"""Notebook 02 (Latin American digital infrastructure): 4G coverage, the China Global
Investment Tracker (CGIT) deals, the firms, space cooperation and a country panel.

All numbers come from :func:`dsrlab.load`; the no-argument functions
(:func:`median_deal_size`, :func:`greenfield_share`, ...) are the ``compute`` targets of
the exercises, so answers follow the data.
"""

from __future__ import annotations

from .maps import _as_list as as_list
from .maps import _country_names, _is_missing
from .maps import _lang_column as lang_column
from .maps import _load as load
from .maps import _t_any as t

__all__ = [
    "FOUR_G_COUNTRIES",
    "coverage_4g",
    "coverage_4g_chart",
    "starting_point",
    "investments_table",
    "investments_by",
    "investments_chart",
    "total_deal_size",
    "median_deal_size",
    "greenfield_share",
    "telecom_share",
    "telecom_share_by_count",
    "firm_matrix",
    "firm_matrix_chart",
    "space_table",
    "space_chart",
    "infrastructure_panel",
    "cgit_context",
    "deals_chart",
    "policy_documents",
    "national_plans",
    "CountryPanel",
]

#: The four countries whose 4G coverage Malena's paper compares.
FOUR_G_COUNTRIES = ("PER", "MEX", "CRI", "ECU")


def _resolve(country):
    if country is None:
        return None
    from .params import resolve_country

    return resolve_country(country)


def _qlabel(value, qualifier, unit=""):
    from .plots import qualifier_label

    return qualifier_label(float(value), None if _is_missing(qualifier) else str(qualifier), unit)


def _ticks(ax, axis, labels, flags, **kw):
    """Set tick labels; flagged ones get a "►" and bold type (never colour alone)."""
    texts = [("► " if f else "") + str(lab) for lab, f in zip(labels, flags, strict=True)]
    setter = ax.set_xticks if axis == "x" else ax.set_yticks
    setter(range(len(texts)), texts, **kw)
    getter = ax.get_xticklabels if axis == "x" else ax.get_yticklabels
    for tick, flag in zip(getter(), flags, strict=True):
        tick.set_fontweight("bold" if flag else "normal")


# ------------------------------------------------------------------------ starting point
def coverage_4g(areas=FOUR_G_COUNTRIES):
    """4G coverage (percent of the population) from the ``indicators`` table.

    Returns
    -------
    pandas.DataFrame
        ``area``, ``name``, ``year``, ``value``, ``qualifier``, ``label``, ``source_id``,
        ``locator`` -- highest coverage first.

    Examples
    --------
    >>> cov = coverage_4g()
    >>> sorted(cov["area"]) == sorted(FOUR_G_COUNTRIES)
    True
    """
    ind = load("indicators")
    rows = ind[ind["indicator"].astype(str) == "4g_coverage"]
    if areas is not None:
        rows = rows[rows["area"].astype(str).isin(areas)]
    names = _country_names()
    out = rows.assign(
        area=rows["area"].astype(str),
        name=[names.get(str(a), str(a)) for a in rows["area"]],
        label=[_qlabel(v, q, "%") for v, q in zip(rows["value"], rows["qualifier"], strict=True)],
    )[["area", "name", "year", "value", "qualifier", "label", "source_id", "locator"]]
    return out.sort_values("value", ascending=False).reset_index(drop=True)


def coverage_4g_chart(highlight=None, ax=None):
    """Bar chart of the four countries' 4G coverage; ``highlight`` is hatched and bolded.

    A highlighted country without a 4G figure in the sources is named in a note.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from .plots import PALETTE, new_ax

    iso3 = _resolve(highlight)
    cov = coverage_4g()
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
    _ticks(ax, "x", cov["name"], flags)
    if iso3 is not None and iso3 not in set(cov["area"]):
        ax.text(0.99, 0.97, t("infrastructure.no_figure", name=_country_names().get(iso3, iso3)),
                transform=ax.transAxes, ha="right", va="top", fontsize=8, style="italic")
    ax.grid(axis="x", visible=False)
    return ax


#: Indicators that describe the region's digital starting point (Malena, fn21-fn22).
STARTING_POINT = ("gii_rank", "share_digital_market_cap", "largest_digital_firms_count",
                  "share_data_centres")


def starting_point():
    """The region's other starting-point indicators (innovation rank, market shares).

    Returns
    -------
    pandas.DataFrame
        ``indicator``, ``what``, ``area``, ``year``, ``label`` (keeps the qualifier,
        e.g. "< 1%"), ``source_id``, ``locator``.
    """
    ind = load("indicators")
    rows = ind[ind["indicator"].astype(str).isin(STARTING_POINT)]
    return rows.assign(
        label=[_qlabel(v, q, "%" if str(u) == "percent" else "") for v, q, u in
               zip(rows["value"], rows["qualifier"], rows["unit"], strict=True)],
        what=rows[lang_column("label", rows.columns)].astype(str),
    )[["indicator", "what", "area", "year", "label", "source_id", "locator"]].reset_index(
        drop=True)


# ------------------------------------------------------------------------- CGIT deals
def _investments():
    import pandas as pd

    inv = load("investments")
    return inv.assign(date=pd.to_datetime(inv["date"]),
                      greenfield=inv["greenfield"].astype(str).str.lower().isin({"true", "1"}),
                      iso3=inv["iso3"].astype(str), subsector=inv["subsector"].astype(str))


def investments_table():
    """The CGIT table as the paper prints it (labels reproduced exactly).

    Returns
    -------
    pandas.DataFrame
    """
    inv = _investments()
    yes, no = t("infrastructure.answer_yes"), t("infrastructure.answer_no")
    table = {
        t("infrastructure.col_month"): inv["month_label"],
        t("infrastructure.col_investor"): inv["investor"],
        t("infrastructure.col_amount"): inv["amount_usd_m"].map(lambda v: f"${v:,.0f}"),
        t("infrastructure.col_share"): inv["share_label"],
        t("infrastructure.col_partner"): inv["partner"],
        t("infrastructure.col_sector"): inv["sector"].astype(str) + " - " + inv["subsector"],
        t("infrastructure.col_country"): inv["country_label"],
        t("infrastructure.col_greenfield"): inv["greenfield"].map({True: yes, False: no}),
    }
    import pandas as pd

    return pd.DataFrame({k: v.to_numpy() for k, v in table.items()},
                        index=inv["deal_id"].astype(str).to_numpy())


def investments_by(by="country"):
    """Summarise the CGIT deals by ``country``, ``subsector`` or ``greenfield``.

    Returns
    -------
    pandas.DataFrame
        ``deals``, ``total_usd_m``, ``median_usd_m``, ``share_of_value_pct``.

    Examples
    --------
    >>> s = investments_by("country")
    >>> int(s["deals"].sum()) == len(investments_table())
    True
    """
    from .errors import UsageError

    keys = {"country": "iso3", "subsector": "subsector", "greenfield": "greenfield"}
    if by not in keys:
        raise UsageError(f"unknown grouping {by!r}; valid: 'country', 'subsector', 'greenfield'")
    inv = _investments()
    grouped = inv.groupby(keys[by])["amount_usd_m"]
    out = grouped.agg(deals="count", total_usd_m="sum", median_usd_m="median")
    out["share_of_value_pct"] = 100 * out["total_usd_m"] / inv["amount_usd_m"].sum()
    if by == "country":
        out.insert(0, "name", [_country_names().get(i, i) for i in out.index])
    return out.sort_values("total_usd_m", ascending=False)


def investments_chart(highlight=None, ax=None):
    """CGIT deal value per country, split into greenfield (solid) and other (hatched).

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.patches import Patch

    from .plots import PALETTE, new_ax

    iso3 = _resolve(highlight)
    inv = _investments()
    pivot = inv.pivot_table(index="iso3", columns="greenfield", values="amount_usd_m",
                            aggfunc="sum", fill_value=0)
    pivot = pivot.reindex(columns=[True, False], fill_value=0)
    pivot = pivot.loc[pivot.sum(axis=1).sort_values().index]
    names = _country_names()
    ax = new_ax(ax, figsize=(7.5, 4))
    ys = range(len(pivot))
    flags = [i == iso3 for i in pivot.index]
    edge = [3 if f else 0.6 for f in flags]
    ax.barh(list(ys), pivot[True], color=PALETTE["china"], edgecolor=PALETTE["ink"],
            linewidth=edge)
    other = ax.barh(list(ys), pivot[False], left=pivot[True], color="white", hatch="///",
                    edgecolor=PALETTE["china"], linewidth=edge)
    counts = inv.groupby("iso3").size()
    ax.bar_label(other, labels=[t("infrastructure.deals_label", n=int(counts[i]),
                                  total=f"{pivot.loc[i].sum():,.0f}") for i in pivot.index],
                 padding=3, fontsize=8)
    _ticks(ax, "y", [names.get(i, i) for i in pivot.index], flags)
    ax.set_xlim(0, pivot.sum(axis=1).max() * 1.5)
    ax.set_xlabel(t("core.usd_millions"))
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[Patch(color=PALETTE["china"], label=t("infrastructure.greenfield")),
                       Patch(facecolor="white", hatch="///", edgecolor=PALETTE["china"],
                             label=t("infrastructure.not_greenfield"))],
              loc="lower right", fontsize=8)
    ax.set_title(t("infrastructure.cgit_title"))
    return ax


def total_deal_size() -> float:
    """Sum of the CGIT deals in the paper's table, USD millions."""
    return float(_investments()["amount_usd_m"].sum())


def median_deal_size() -> float:
    """Median CGIT deal in the paper's table, USD millions."""
    return float(_investments()["amount_usd_m"].median())


def greenfield_share(by="count") -> float:
    """Percent of the CGIT deals that are greenfield (``by="count"`` or ``"value"``)."""
    inv = _investments()
    if by == "value":
        return float(100 * inv.loc[inv["greenfield"], "amount_usd_m"].sum()
                     / inv["amount_usd_m"].sum())
    return float(100 * inv["greenfield"].mean())


def telecom_share() -> float:
    """Percent of the CGIT table's value in the ``Telecom`` subsector."""
    inv = _investments()
    telecom = inv["subsector"].str.lower() == "telecom"
    return float(100 * inv.loc[telecom, "amount_usd_m"].sum() / inv["amount_usd_m"].sum())


def telecom_share_by_count() -> float:
    """Percent of the CGIT table's deals in the ``Telecom`` subsector."""
    return float(100 * (_investments()["subsector"].str.lower() == "telecom").mean())


def cgit_context():
    """What the tracker says beyond the table: telecom's share and the inclusion threshold.

    Returns
    -------
    pandas.DataFrame
        The ``indicators`` rows whose id starts with ``cgit-``, with a ``label`` that keeps
        the qualifier ("≈ 2%", "< 1%").
    """
    ind = load("indicators")
    rows = ind[ind["indicator_id"].astype(str).str.startswith("cgit-")]
    units = {"percent": "%", "usd_m": " USD m"}
    return rows.assign(
        label=[_qlabel(v, q, units.get(str(u), "")) for v, q, u in
               zip(rows["value"], rows["qualifier"], rows["unit"], strict=True)],
        what=rows[lang_column("label", rows.columns)].astype(str),
    )[["indicator_id", "what", "label", "source_id", "locator"]].reset_index(drop=True)


def cgit_threshold() -> float:
    """The CGIT's minimum deal size for inclusion, USD millions (from ``indicators``)."""
    ind = load("indicators")
    row = ind[ind["indicator"].astype(str) == "cgit_inclusion_threshold"]
    return float(row["value"].iloc[0])


def deals_chart(highlight=None, ax=None):
    """Each CGIT deal against the tracker's inclusion threshold (dashed line).

    Everything below the line never enters the database. ``highlight`` (a country)
    hatches and bolds that country's deals.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from .plots import PALETTE, new_ax

    iso3 = _resolve(highlight)
    inv = _investments().sort_values("date")
    ax = new_ax(ax, figsize=(8, 4.2))
    flags = [i == iso3 for i in inv["iso3"]]
    telecom = [sub == "Telecom" for sub in inv["subsector"]]
    bars = ax.bar(range(len(inv)), inv["amount_usd_m"],
                  color=[PALETTE["china"] if tc else "white" for tc in telecom],
                  edgecolor=[PALETTE["ink"] if f else PALETTE["china"] for f in flags],
                  linewidth=[3 if f else 1 for f in flags])
    for bar, tc in zip(bars, telecom, strict=True):
        bar.set_hatch("" if tc else "..")
    ax.bar_label(bars, labels=[f"${v:,.0f}m" for v in inv["amount_usd_m"]], padding=2,
                 fontsize=8)
    names = _country_names()
    _ticks(ax, "x", [f"{_short_investor(i)}\n{names.get(c, c)}\n{m}" for i, c, m in
                     zip(inv["investor"], inv["iso3"], inv["month_label"], strict=True)],
           flags, fontsize=7)
    threshold = cgit_threshold()
    ax.axhline(threshold, color=PALETTE["ink"], linestyle="--", linewidth=1.5)
    ax.set_ylabel(t("core.usd_millions"))
    ax.set_ylim(0, inv["amount_usd_m"].max() * 1.35)
    ax.grid(axis="x", visible=False)
    ax.set_title(t("infrastructure.deals_title"))
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(facecolor=PALETTE["china"], edgecolor=PALETTE["china"],
                             label=t("infrastructure.telecom")),
                       Patch(facecolor="white", edgecolor=PALETTE["china"], hatch="..",
                             label=t("infrastructure.other_tech")),
                       Line2D([], [], color=PALETTE["ink"], linestyle="--",
                              label=t("infrastructure.threshold", value=f"{threshold:,.0f}"))],
              loc="upper left", fontsize=8, ncol=2)
    return ax


def _short_investor(name: str) -> str:
    words = str(name).split()
    return name if len(words) <= 2 else " ".join(words[:2]) + "…"


def policy_documents():
    """China's two policy papers on Latin America (2008 and 2016), from ``events``.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``title``, ``description_en``, ``source_id``, ``locator``.
    """
    from ._origins import events_between

    ev = events_between(lanes="china")
    keep = (ev["category"].astype(str) == "policy") & ev["event_id"].str.contains("china-lac")
    cols = ["year", "title", "description_en", "source_id", "locator"]
    return ev.loc[keep, cols].reset_index(drop=True)


def national_plans():
    """Latin American digital plans and agendas recorded in ``events`` (lane latin_america).

    Returns
    -------
    pandas.DataFrame
        ``year``, ``title``, ``countries``, ``source_id``, ``locator``.
    """
    from ._origins import events_between

    ev = events_between(lanes="latin_america")
    keep = ev["category"].astype(str) == "policy"
    return ev.loc[keep, ["year", "title", "countries", "source_id", "locator"]].reset_index(
        drop=True)


# ---------------------------------------------------------------------------- firms
def firm_matrix(country=None):
    """Firm × country table of sectors from the ``presence`` table.

    Region-wide rows (no country) appear under the column ``LAC``.

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
        frame = frame[frame["iso3"] == _resolve(country)]
    return frame.pivot_table(index="firm", columns="iso3", values="sector",
                             aggfunc=lambda s: ", ".join(sorted(set(s))), fill_value="")


def firm_matrix_chart(highlight=None, ax=None):
    """Dot matrix of firms (rows) by country (columns); the cell text names the sectors.

    The highlighted country's column is shaded and its label bolded.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from .plots import PALETTE, new_ax

    iso3 = _resolve(highlight)
    matrix = firm_matrix()
    if iso3 is not None and iso3 not in matrix.columns:
        matrix[iso3] = ""
    cols = sorted(matrix.columns, key=lambda c: (c == "LAC", c))
    matrix = matrix[cols]
    ax = new_ax(ax, figsize=(1.2 + 0.95 * len(cols), 0.9 + 0.5 * len(matrix)))
    if iso3 is not None:
        j = cols.index(iso3)
        ax.axvspan(j - 0.5, j + 0.5, color=PALETTE["highlight"], alpha=0.15, lw=0)
    cells = [(j, i, matrix.iloc[i, j]) for j in range(len(cols)) for i in range(len(matrix))
             if matrix.iloc[i, j]]
    ax.scatter([c[0] for c in cells], [c[1] for c in cells], s=40, color=PALETTE["china"],
               zorder=3)
    for j, i, cell in cells:
        ax.annotate("\n".join(_sector(c) for c in cell.split(", ")), (j, i), xytext=(0, 5),
                    textcoords="offset points", ha="center", fontsize=6.5, in_layout=False)
    names = _country_names()
    _ticks(ax, "x", [t("infrastructure.region_wide") if c == "LAC" else names.get(c, c)
                     for c in cols], [c == iso3 for c in cols], rotation=35, ha="right")
    ax.set_yticks(range(len(matrix)), matrix.index)
    ax.set_xlim(-0.5, len(cols) - 0.5)
    ax.set_ylim(len(matrix) - 0.5, -0.7)
    ax.set_title(t("infrastructure.firms_title"))
    return ax


def _sector(code: str) -> str:
    """A ``presence.sector`` code in the active language (the code itself if unknown)."""
    from .i18n import all_strings

    key = f"infrastructure.sector_{code}"
    return t(key) if key in all_strings() else code.replace("_", " ")


# ----------------------------------------------------------------------------- space
def space_table():
    """Space cooperation with Latin American states: CGIT satellite deals and satellite events.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``iso3``, ``what``, ``table``, ``source_id``, ``locator``.
    """
    import pandas as pd

    rows = []
    inv = _investments()
    space = inv[inv["subsector"].str.contains("satellite|space", case=False)]
    for r in space.itertuples():
        rows.append((r.date.year, r.iso3, f"{r.investor} – {r.partner} ({r.subsector})",
                     "investments", r.source_id, r.locator))
    events = load("events")
    title = lang_column("title", events.columns)
    celac = set(_country_names()) - {"CHN", "USA"}
    for r in events[events["category"].astype(str) == "satellite"].itertuples():
        for iso3 in [c for c in as_list(r.countries) if c in celac]:
            rows.append((pd.Timestamp(r.date).year, iso3, getattr(r, title), "events",
                         r.source_id, r.locator))
    seen = {(y, c) for y, c, *_ in rows}
    presence = load("presence")
    firms = load("firms")
    names = dict(zip(firms["firm_id"].astype(str), firms["name"].astype(str), strict=True))
    for r in presence[presence["sector"].astype(str) == "space"].itertuples():
        if _is_missing(r.year) or _is_missing(r.iso3) or (int(r.year), str(r.iso3)) in seen:
            continue  # undated, region-wide, or already told by an event
        rows.append((int(r.year), str(r.iso3), f"{names.get(str(r.firm_id), r.firm_id)}: "
                     f"{r.activity_en}", "presence", r.source_id, r.locator))
    table = pd.DataFrame(rows, columns=["year", "iso3", "what", "table", "source_id", "locator"])
    return table.sort_values(["year", "iso3"], na_position="last").reset_index(drop=True)


def space_chart(highlight=None, ax=None):
    """Space cooperation by country and year (one marker shape per source table).

    Returns
    -------
    matplotlib.axes.Axes
    """
    from .plots import PALETTE, new_ax

    iso3 = _resolve(highlight)
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
    from ._origins import _levels, _short

    lo, hi = int(table["year"].min()) - 1, int(table["year"].max()) + 2
    per_char = (hi - lo) * 0.06 / 7.5  # years per 7-pt character on a ~7.5 inch axis
    offsets = (-11, 5, 17, -23)
    for country in countries:
        part = table[table["iso3"] == country]
        labels = [_short(str(w), 44) for w in part["what"]]
        widths = [len(lab) * per_char for lab in labels]
        left = [y + w > hi for y, w in zip(part["year"], widths, strict=True)]
        levels = _levels([(y - w, y) if lft else (y, y + w)
                          for y, w, lft in zip(part["year"], widths, left, strict=True)])
        for (_, r), lab, lv, lft in zip(part.iterrows(), labels, levels, left, strict=True):
            ax.annotate(lab, (r["year"], countries.index(country)), fontsize=7,
                        xytext=(-6 if lft else 6, offsets[lv % len(offsets)]),
                        ha="right" if lft else "left", textcoords="offset points",
                        in_layout=False)
    names = _country_names()
    _ticks(ax, "y", [names.get(c, c) for c in countries], [c == iso3 for c in countries])
    if iso3 is not None:
        ax.axhspan(countries.index(iso3) - 0.4, countries.index(iso3) + 0.4,
                   color=PALETTE["highlight"], alpha=0.12, lw=0)
        if not (table["iso3"] == iso3).any():
            ax.annotate(t("infrastructure.no_space", name=names.get(iso3, iso3)),
                        (lo, countries.index(iso3)), xytext=(6, -3),
                        textcoords="offset points", fontsize=8, style="italic")
    ax.set_xlim(lo, hi)
    ax.set_ylim(-0.6, len(countries) - 0.4)
    ax.legend(loc="lower left", fontsize=8)
    ax.set_title(t("infrastructure.space_title"))
    return ax


# ---------------------------------------------------------------------- country panel
class CountryPanel:
    """What the data package records about one country (or the whole region).

    Attributes
    ----------
    iso3 : str or None
    name : str
    rows : pandas.DataFrame
        One line per table: ``table``, ``records``, ``summary``.
    """

    def __init__(self, iso3, name, rows):
        self.iso3, self.name, self.rows = iso3, name, rows

    def __repr__(self) -> str:
        head = f"{self.name} ({self.iso3})" if self.iso3 else self.name
        lines = [f"{t('infrastructure.panel_title')}: {head}"]
        lines += [f"- {r.table}: {r.records} — {r.summary}" for r in self.rows.itertuples()]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from html import escape

        head = f"{self.name} ({self.iso3})" if self.iso3 else self.name
        body = "".join(f"<tr><td>{escape(str(r.table))}</td><td>{r.records}</td>"
                       f"<td>{escape(str(r.summary))}</td></tr>" for r in self.rows.itertuples())
        return (f"<h4>{escape(t('infrastructure.panel_title'))}: {escape(head)}</h4>"
                f"<table><tr><th>{escape(t('infrastructure.panel_table'))}</th>"
                f"<th>{escape(t('infrastructure.panel_records'))}</th>"
                f"<th>{escape(t('infrastructure.panel_summary'))}</th></tr>{body}</table>")


def _join(values, limit=6) -> str:
    items = [str(v) for v in dict.fromkeys(values) if not _is_missing(v)]
    return ", ".join(items[:limit]) + (" …" if len(items) > limit else "")


def infrastructure_panel(country=None):
    """Summarise one country's rows across the tables (``None``: the whole region).

    Returns
    -------
    CountryPanel
    """
    import pandas as pd

    from .maps import landing_points, paper_cables

    iso3 = _resolve(country)
    names = _country_names()
    inv = _investments()
    presence = load("presence")
    ind = load("indicators")
    cables = paper_cables()
    events = load("events")
    lp = landing_points()
    title = lang_column("title", events.columns)
    if iso3 is not None:
        inv = inv[inv["iso3"] == iso3]
        presence = presence[presence["iso3"].astype(str) == iso3]
        ind = ind[ind["area"].astype(str) == iso3]
        cables = cables[cables["countries"].map(lambda v: iso3 in as_list(v))]
        events = events[events["countries"].map(lambda v: iso3 in as_list(v))]
        lp = lp[lp["iso3"] == iso3]
    rows = [
        ("investments", len(inv), t("infrastructure.panel_inv", who=_join(inv["investor"]),
                                    total=f"{inv['amount_usd_m'].sum():,.0f}")),
        ("presence", len(presence), _join(presence["firm_id"].astype(str) + " ("
                                          + presence["sector"].astype(str) + ")", limit=8)),
        ("indicators", len(ind), _join(f"{i} = {_qlabel(v, q)}" for i, v, q in
                                       zip(ind["indicator"], ind["value"], ind["qualifier"],
                                           strict=True))),
        ("cables", len(cables), _join(cables["name"])),
        ("tg_landing_points", len(lp), _join(lp["name"], limit=4)),
        ("events", len(events), _join(events[title])),
    ]
    table = pd.DataFrame(rows, columns=["table", "records", "summary"])
    table.loc[table["records"] == 0, "summary"] = t("infrastructure.panel_none")
    return CountryPanel(iso3, names.get(iso3, iso3) if iso3 else t("core.region"), table)
