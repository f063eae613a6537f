"""Notebook 02's country panel: what the data package records about one country.

:mod:`dsrlab.topics.infrastructure` re-exports :func:`infrastructure_panel`. Every row is a
table by its title in words, a count and a summary a reader can read: firm names and sectors
in words, indicators by their label with the qualifier in words, lists never cut (past a
few items, "and N more").
"""

from __future__ import annotations

from ..base.i18n import all_strings, get_language, in_language, t, using_language
from ..blocks.countries import country_names, country_or_none
from ..blocks.geo import landing_points, paper_cables
from ..blocks.reading import TABLE_CSS, qualified_text
from ..blocks.tables import as_list, is_missing, lang_column
from ..data.tables import load
from .investments import investment_rows

__all__ = ["InfrastructurePanel", "infrastructure_panel"]


class InfrastructurePanel:
    """What the data package records about one country (or the whole region).

    Attributes
    ----------
    iso3 : str or None
    name : str
    rows : pandas.DataFrame
        One line per table: ``table`` (the dataset's name), ``records``, ``summary``,
        ``title`` (the table in the reader's words, as shown).
    """

    def __init__(self, iso3, name, rows, lang=None):
        self.iso3, self.name, self.rows = iso3, name, rows
        self.lang = lang or get_language()  # shown later, in the language it was made in

    def __repr__(self) -> str:
        with using_language(self.lang):
            return self._text()

    def _repr_html_(self) -> str:
        with using_language(self.lang):
            return self._html()

    def _text(self) -> str:
        head = f"{self.name} ({self.iso3})" if self.iso3 else self.name
        lines = [f"{t('infrastructure.panel_title')}: {head}"]
        lines += [f"- {r.title}: {r.records} — {r.summary}" for r in self.rows.itertuples()]
        return "\n".join(lines)

    def _html(self) -> str:
        from html import escape

        head = f"{self.name} ({self.iso3})" if self.iso3 else self.name
        body = "".join(f"<tr><td>{escape(str(r.title))}</td><td>{r.records}</td>"
                       f"<td>{escape(str(r.summary))}</td></tr>" for r in self.rows.itertuples())
        # class dsrlab-table: left-aligned, wrapped text (the CSS of blocks.reading)
        return (f"<h4>{escape(t('infrastructure.panel_title'))}: {escape(head)}</h4>"
                f'{TABLE_CSS}<table class="dsrlab-table"><tr>'
                f"<th>{escape(t('infrastructure.panel_table'))}</th>"
                f"<th>{escape(t('infrastructure.panel_records'))}</th>"
                f"<th>{escape(t('infrastructure.panel_summary'))}</th></tr>{body}</table>")


def _join(values, limit=6) -> str:
    """The items, each whole; past ``limit`` a count of the others ("and 4 more")."""
    items = [str(v) for v in dict.fromkeys(values) if not is_missing(v)]
    more = len(items) - limit
    return "; ".join(items[:limit]) + (
        f" {t('infrastructure.panel_more', n=more)}" if more > 0 else "")


def _words(prefix: str, code) -> str:
    """A code in the reader's words (``prefix + code`` in the strings), else as stored."""
    key = f"{prefix}{code}"
    return t(key) if key in all_strings() else str(code)


def _activities(presence, firms: dict) -> list[str]:
    """One item a firm: "Huawei (5G, fibre)" -- its name and its sectors in words."""
    sectors: dict[str, list[str]] = {}
    for firm, sector in zip(presence["firm_id"].astype(str), presence["sector"], strict=True):
        words = _words("tables.code_", sector)
        sectors.setdefault(firms.get(firm, firm), [])
        if words not in sectors[firms.get(firm, firm)]:
            sectors[firms.get(firm, firm)].append(words)
    return [f"{name} ({', '.join(words)})" for name, words in sectors.items()]


def _indicator(indicator, label, value, qualifier, unit, area=None) -> str:
    """"population with 4G access: 83%" -- label and number with its qualifier in words."""
    number = qualified_text(value, qualifier)
    if str(unit) == "percent":
        number += "\u00a0%" if get_language() == "es" else "%"
    elif str(unit) not in ("count", "rank", "nan", "<NA>", "None") and not is_missing(unit):
        number += f" {_words('tables.code_', unit)}"
    label = _words("infrastructure.ind_", indicator) if indicator else label
    return f"{label} ({area}): {number}" if area else f"{label}: {number}"


@in_language
def infrastructure_panel(*, country=None, lang=None):
    """Summarise one country's rows across the tables (``None``: the whole region).

    ``country`` (a CELAC state: ISO3, ISO2 or name) *filters*: the panel is that
    country's rows. ``lang``: the language of the panel, also when it is shown later.

    Returns
    -------
    InfrastructurePanel
    """
    import pandas as pd

    iso3 = country_or_none(country)
    names = country_names()
    inv = investment_rows()
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
    firms = dict(zip(*load("firms")[["firm_id", "name"]].T.to_numpy(), strict=True))
    rows = [
        ("investments", len(inv), t("infrastructure.panel_inv", who=_join(inv["investor"]),
                                    total=qualified_text(inv["amount_usd_m"].sum()))),
        ("presence", len(presence), _join(_activities(presence, firms), limit=8)),
        # for the region, each indicator says where it was measured when that is a state
        ("indicators", len(ind), _join(_indicator(*r) for r in zip(
            ind["indicator"].astype(str), ind[lang_column("label", ind.columns)], ind["value"],
            ind["qualifier"],
            ind["unit"].astype(str), [None if iso3 else names.get(str(a)) for a in ind["area"]],
            strict=True))),
        ("cables", len(cables), _join(cables["name"])),
        ("tg_landing_points", len(lp), _join(lp["name"], limit=4)),
        ("events", len(events), _join(events[title])),
    ]
    table = pd.DataFrame(rows, columns=["table", "records", "summary"])
    # shown by its title in words ("CGIT deals"), never its dataset name (kept for code)
    table["title"] = [_words("capstone.table_", name) for name in table["table"]]
    table.loc[table["records"] == 0, "summary"] = t("infrastructure.panel_none")
    return InfrastructurePanel(iso3, names.get(iso3, iso3) if iso3 else t("core.region"), table)
