"""The China Global Investment Tracker (CGIT) deals of Malena's table (notebooks 01-02).

The table is reproduced exactly in the ``investments`` table; the no-argument functions
(:func:`median_deal_size`, :func:`greenfield_share`, ...) are the ``compute`` targets of
the exercises (registered in :data:`ANSWERS`), so answers follow the data. Figures are
``plot_x(..., *, country=None, ax=None, lang=None)``, tables
``x_table(..., *, country=None, lang=None)``; ``country`` is any code or name of a CELAC state.
"""

from __future__ import annotations

from ..base.course_tables import course_table
from ..base.errors import UsageError
from ..base.i18n import in_language, t
from ..blocks.countries import country_names, country_or_none
from ..blocks.plots import describe, flag_ticks, wrap
from ..blocks.tables import lang_column, number_label, starred
from ..data.tables import load

__all__ = [
    "investment_rows",
    "investments_table",
    "investments_by",
    "plot_investments",
    "total_deal_size",
    "median_deal_size",
    "greenfield_share",
    "telecom_share",
    "telecom_share_by_count",
    "cgit_context_table",
    "cgit_threshold",
    "plot_deals",
    "ANSWERS",
]


def investment_rows():
    """The ``investments`` table with dates parsed and codes as text (for computing)."""
    import pandas as pd

    inv = load("investments")
    return inv.assign(date=pd.to_datetime(inv["date"]),
                      greenfield=inv["greenfield"].astype(str).str.lower().isin({"true", "1"}),
                      iso3=inv["iso3"].astype(str), subsector=inv["subsector"].astype(str))



@in_language
def investments_table(*, country=None, lang=None):
    """The CGIT table as the paper prints it (labels reproduced exactly).

    Parameters
    ----------
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): *highlights* -- its deals' country cell
        starts with "★ " (every deal stays).
    lang : {"en", "es"}, optional
        Language of the column names and of yes/no.

    Returns
    -------
    pandas.DataFrame
    """
    import pandas as pd

    iso3 = country_or_none(country)
    inv = investment_rows()
    yes, no = t("infrastructure.answer_yes"), t("infrastructure.answer_no")
    table = {
        t("infrastructure.col_month"): inv["month_label"],
        t("infrastructure.col_investor"): inv["investor"],
        t("infrastructure.col_amount"): inv["amount_usd_m"].map(lambda v: f"${v:,.0f}"),
        t("infrastructure.col_share"): inv["share_label"],
        t("infrastructure.col_partner"): inv["partner"],
        t("infrastructure.col_sector"): inv["sector"].astype(str) + " - " + inv["subsector"],
        t("infrastructure.col_country"): pd.Series(
            starred(inv["country_label"], inv["iso3"] == iso3), index=inv.index),
        t("infrastructure.col_greenfield"): inv["greenfield"].map({True: yes, False: no}),
    }
    return course_table(pd.DataFrame({k: v.to_numpy() for k, v in table.items()},
                                      index=inv["deal_id"].astype(str).to_numpy()))


@in_language
def investments_by(by="country", *, country=None, lang=None):
    """Summarise the CGIT deals by ``country``, ``subsector`` or ``greenfield``.

    Parameters
    ----------
    by : {"country", "subsector", "greenfield"}
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): *highlights* -- grouped by country, its
        ``name`` starts with "★ "; in the other groupings a column "★ <name>" counts its
        deals in each group.
    lang : {"en", "es"}, optional
        Language of the country names.

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
    keys = {"country": "iso3", "subsector": "subsector", "greenfield": "greenfield"}
    if by not in keys:
        raise UsageError(f"unknown grouping {by!r}; valid: 'country', 'subsector', 'greenfield'")
    inv = investment_rows()
    grouped = inv.groupby(keys[by])["amount_usd_m"]
    out = grouped.agg(deals="count", total_usd_m="sum", median_usd_m="median")
    out["share_of_value_pct"] = 100 * out["total_usd_m"] / inv["amount_usd_m"].sum()
    iso3 = country_or_none(country)
    names = country_names()
    if by == "country":
        out.insert(0, "name", starred([names.get(i, i) for i in out.index], out.index == iso3))
    elif iso3 is not None:
        mine = inv[inv["iso3"] == iso3].groupby(keys[by]).size()
        out[f"★ {names.get(iso3, iso3)}"] = [int(mine.get(g, 0)) for g in out.index]
    return course_table(out.sort_values("total_usd_m", ascending=False), hide=("iso3",))


@in_language
def plot_investments(*, country=None, ax=None, lang=None):
    """CGIT deal value per country, split into greenfield (solid) and other (hatched).

    ``country`` (a CELAC state: ISO3, ISO2 or name) gets a thick outline and a "►",
    bold label.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.patches import Patch

    from ..blocks.plots import PALETTE, new_ax

    iso3 = country_or_none(country)
    inv = investment_rows()
    pivot = inv.pivot_table(index="iso3", columns="greenfield", values="amount_usd_m",
                            aggfunc="sum", fill_value=0)
    pivot = pivot.reindex(columns=[True, False], fill_value=0)
    pivot = pivot.loc[pivot.sum(axis=1).sort_values().index]
    names = country_names()
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
                 padding=3)
    flag_ticks(ax, "y", [names.get(i, i) for i in pivot.index], flags)
    ax.set_xlim(0, pivot.sum(axis=1).max() * 1.5)
    ax.set_xlabel(t("core.usd_millions"))
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[Patch(color=PALETTE["china"], label=t("infrastructure.greenfield")),
                       Patch(facecolor="white", hatch="///", edgecolor=PALETTE["china"],
                             label=t("infrastructure.not_greenfield"))],
              loc="lower right")
    years = inv["date"].dt.year  # the title's years are the deals' own
    ax.set_title(wrap(t("infrastructure.cgit_title", start=years.min(), end=years.max()), 50))
    data = pivot.set_axis([t("infrastructure.greenfield"), t("infrastructure.not_greenfield")],
                          axis=1).assign(total=pivot.sum(axis=1), deals=counts)
    data.insert(0, "country", [names.get(i, i) for i in data.index])
    return describe(ax, "bar", data.rename_axis("iso3").reset_index(), label="country",
                    value="total", unit=t("core.usd_millions"), key="iso3", country=iso3)


def total_deal_size() -> float:
    """Sum of the CGIT deals in the paper's table, USD millions."""
    return float(investment_rows()["amount_usd_m"].sum())


def median_deal_size() -> float:
    """Median CGIT deal in the paper's table, USD millions."""
    return float(investment_rows()["amount_usd_m"].median())


def greenfield_share(by="count") -> float:
    """Percent of the CGIT deals that are greenfield (``by="count"`` or ``"value"``)."""
    inv = investment_rows()
    if by == "value":
        return float(100 * inv.loc[inv["greenfield"], "amount_usd_m"].sum()
                     / inv["amount_usd_m"].sum())
    return float(100 * inv["greenfield"].mean())


def telecom_share() -> float:
    """Percent of the CGIT table's value in the ``Telecom`` subsector."""
    inv = investment_rows()
    telecom = inv["subsector"].str.lower() == "telecom"
    return float(100 * inv.loc[telecom, "amount_usd_m"].sum() / inv["amount_usd_m"].sum())


def telecom_share_by_count() -> float:
    """Percent of the CGIT table's deals in the ``Telecom`` subsector."""
    return float(100 * (investment_rows()["subsector"].str.lower() == "telecom").mean())


@in_language
def cgit_context_table(*, country=None, lang=None):
    """What the tracker says beyond the table: telecom's share and the inclusion threshold.

    Parameters
    ----------
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): *highlights* -- rows about that country get a
        leading "★ " in ``what``. The tracker's figures are about China and the world, so
        in today's data no row is marked.
    lang : {"en", "es"}, optional
        Language of ``what``.

    Returns
    -------
    pandas.DataFrame
        The ``indicators`` rows whose id starts with ``cgit-``, with a ``label`` that keeps
        the qualifier ("≈ 2%", "< 1%").
    """
    ind = load("indicators")
    rows = ind[ind["indicator_id"].astype(str).str.startswith("cgit-")]
    units = {"percent": "%", "usd_m": " USD m"}
    table = rows.assign(
        label=[number_label(v, q, units.get(str(u), "")) for v, q, u in
               zip(rows["value"], rows["qualifier"], rows["unit"], strict=True)],
        what=starred(rows[lang_column("label", rows.columns)].astype(str),
                      rows["area"].astype(str) == country_or_none(country)),
    )[["indicator_id", "what", "label", "source_id", "locator"]].reset_index(drop=True)
    return course_table(table, labels={"label": {"en": "Figure", "es": "Cifra"}})


def cgit_threshold() -> float:
    """The CGIT's minimum deal size for inclusion, USD millions (from ``indicators``)."""
    ind = load("indicators")
    row = ind[ind["indicator"].astype(str) == "cgit_inclusion_threshold"]
    return float(row["value"].iloc[0])


@in_language
def plot_deals(*, country=None, ax=None, lang=None):
    """Each CGIT deal against the tracker's inclusion threshold (dashed line).

    Everything below the line never enters the database. ``country`` (a CELAC state:
    ISO3, ISO2 or name) gets thick outlines on its deals and "►", bold labels.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.transforms import ScaledTranslation

    from ..blocks.plots import PALETTE, fit_title, new_ax, row_labels

    iso3 = country_or_none(country)
    inv = investment_rows().sort_values("date", ascending=False)  # earliest at the top
    ax = new_ax(ax, figsize=(9.6, 0.5 * len(inv) + 2.2))
    flags = [i == iso3 for i in inv["iso3"]]
    telecom = [sub == "Telecom" for sub in inv["subsector"]]
    bars = ax.barh(range(len(inv)), inv["amount_usd_m"], height=0.6,
                   color=[PALETTE["china"] if tc else "white" for tc in telecom],
                   edgecolor=[PALETTE["ink"] if f else PALETTE["china"] for f in flags],
                   linewidth=[3 if f else 1 for f in flags])
    for bar, tc in zip(bars, telecom, strict=True):
        bar.set_hatch("" if tc else "..")
    ax.bar_label(bars, labels=[f"${v:,.0f}m" for v in inv["amount_usd_m"]], padding=3)
    names, months = country_names(), t("infrastructure.months").split()
    # one deal a row, named in full on two lines: investor, then country and month
    row_labels(ax, [f"{i}\n{names.get(c, c)}, {months[d.month - 1]} {d.year}" for i, c, d in
                    zip(inv["investor"], inv["iso3"], inv["date"], strict=True)], flags)
    threshold = cgit_threshold()
    ax.axvline(threshold, color=PALETTE["ink"], linestyle="--", linewidth=1.5)
    ax.set_xlim(0, inv["amount_usd_m"].max() * 1.25)
    ax.set_ylim(-0.6, len(inv) - 0.4)
    ax.grid(axis="y", visible=False)
    fit_title(ax, t("infrastructure.deals_title"), 46, xlabel=t("core.usd_millions"))
    under = ax.transAxes + ScaledTranslation(0, -44 / 72, ax.figure.dpi_scale_trans)
    ax.legend(handles=[Patch(facecolor=PALETTE["china"], edgecolor=PALETTE["china"],
                             label=t("infrastructure.telecom")),
                       Patch(facecolor="white", edgecolor=PALETTE["china"], hatch="..",
                             label=t("infrastructure.other_tech")),
                       Line2D([], [], color=PALETTE["ink"], linestyle="--",
                              label=wrap(t("infrastructure.threshold",
                                           value=f"{threshold:,.0f}"), 40))],
              loc="upper left", bbox_to_anchor=(0, 0), bbox_transform=under)
    data = inv[["investor", "iso3", "date", "subsector", "amount_usd_m"]].assign(
        date=inv["date"].dt.strftime("%Y-%m"))
    return describe(ax, "bar", data, label="investor", value="amount_usd_m",
                    unit=t("core.usd_millions"), key="iso3", country=iso3,
                    says=("date",), extra=t("infrastructure.threshold",
                                            value=f"{threshold:,.0f}"))



#: Answers that exercise files name in ``compute:`` (notebooks/exercises/01.yml, 02.yml).
ANSWERS = {"telecom_share": telecom_share, "total_deal_size": total_deal_size,
           "median_deal_size": median_deal_size, "greenfield_share": greenfield_share}
