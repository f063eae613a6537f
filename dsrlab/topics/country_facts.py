"""Facts about one country, as the brief's blocks read them: dated facts, row ids, words.

Shared by :mod:`dsrlab.topics.findings` and :mod:`dsrlab.topics.brief`: the id a finding
cites a row by (:func:`row_id`), the Chinese firms' activities among a country's rows,
codes in words (:func:`word`) and data text in the reader's language (:func:`data_text`).
"""

from __future__ import annotations

from ..base.i18n import all_strings, get_language, in_language, t
from ..blocks.tables import is_missing, lang_column
from ..data.tables import load
from .capstone import country_rows, required_country

__all__ = ["row_id", "chinese_presence", "word", "data_text", "slug", "org_name",
           "timeline_table"]

#: How each table's rows are named in a finding's ``rows`` ("table:id").
_ID_COLUMNS = {"presence": "presence_id", "investments": "deal_id", "surveillance": "deployment_id",
               "cables": "cable_id", "tg_cables": "cable_slug", "events": "event_id",
               "statements": "statement_id", "amounts": "amount_id", "claims": "claim_id",
               "indicators": "indicator_id"}


def row_id(table: str, rec: dict) -> str:
    """The id of one row as a finding cites it, e.g. ``"un_votes:A/RES/73/27/BOL"``.

    >>> row_id("memberships", {"iso3": "BOL", "organisation": "OAS"})
    'memberships:BOL/OAS'
    """
    if table in _ID_COLUMNS:
        return f"{table}:{rec[_ID_COLUMNS[table]]}"
    if table == "un_votes":
        return f"un_votes:{rec['resolution']}/{rec['iso3']}"
    if table == "memberships":
        return f"memberships:{rec['iso3']}/{rec['organisation']}"
    if table == "paris_call":
        return f"paris_call:{rec['iso3']}/{rec['listing']}"
    raise KeyError(f"no row id for table {table!r}")


def _first(rec: dict, *names):
    for name in names:
        value = rec.get(name)
        if value is not None and str(value) not in ("", "nan", "NaT", "<NA>"):
            return value
    return None


def word(key: str, value, lang: str) -> str:
    """``value`` in words when ``<key><value>`` is a string key, else as it is.

    >>> word("capstone.vote_", "yes", "es"), word("capstone.vote_", "maybe", "es")
    ('sí', 'maybe')
    """
    full = f"{key}{value}"
    return t(full, lang) if full in all_strings() else str(value)


def data_text(rec: dict, stem: str, lang: str) -> str:
    """A data text cell in the reader's language when the data has it (``<stem>_es``)."""
    column = lang_column(stem, rec.keys(), lang)
    value = rec.get(column, rec.get(stem))
    return "" if is_missing(value) else " ".join(str(value).split())


def chinese_presence(rows: dict):
    """The ``presence`` rows of Chinese firms among a country's rows (with a ``firm`` name)."""
    pres = rows.get("presence")
    if pres is None:
        return None
    firms = load("firms").set_index("firm_id")
    pres = pres[pres["firm_id"].map(firms["home_country"]).eq("CHN")].copy()
    pres["firm"] = pres["firm_id"].map(firms["name"])
    return pres if len(pres) else None


def slug(text) -> str:
    """A value as a string-key suffix: ``"US FTA"`` -> ``"us_fta"``."""
    return str(text).lower().replace(" ", "_").replace("-", "_")


def org_name(name: str, lang: str) -> str:
    """An organisation of ``memberships`` as a reader names it (OAS is OEA in Spanish)."""
    return word("briefs.org_", slug(name), lang)


@in_language
def timeline_table(*, country=None, lang=None):
    """Dated facts about one country from every table: ``date, label, table, source_id, row``.

    Events use their date; other rows their ``date``, ``year``, ``since`` or
    ``year_announced``; UN votes the adoption date of the resolution.
    """
    import pandas as pd

    lang, iso3 = get_language(), required_country(country)
    rows = country_rows(iso3)
    firms = dict(zip(*load("firms")[["firm_id", "name"]].T.to_numpy(), strict=True))
    adopted = {}
    if "un_votes" in rows:
        res = load("un_resolutions")
        adopted = dict(zip(res["resolution"], res["adopted"], strict=True))
    labels = {
        "events": lambda r: data_text(r, "title", lang),
        "investments": lambda r: f"{r['investor']} → {r['partner']} "
                                 f"({word('briefs.subsector_', slug(r['subsector']), lang)})",
        "presence": lambda r: f"{firms.get(r['firm_id'], r['firm_id'])}: "
                              f"{data_text(r, 'activity', lang)}",
        "surveillance": lambda r: f"{data_text(r, 'system', lang)}: "
                                  f"{data_text(r, 'component', lang)}",
        "memberships": lambda r: f"{org_name(r['organisation'], lang)} "
                                 f"({word('capstone.status_', r['status'], lang)})",
        "un_votes": lambda r: f"{r['resolution']}: {word('capstone.vote_', r['vote'], lang)}",
        "paris_call": lambda r: f"{word('capstone.aspect_', 'paris_call', lang)}: "
                                f"{word('capstone.paris_', r['listing'], lang)}",
        "statements": lambda r: f"{data_text(r, 'forum', lang)}: "
                                f"{word('tables.code_', r.get('topic'), lang)}",
        "cables": lambda r: r["name"],
    }
    out = []
    for table, frame in rows.items():
        if table.startswith("tg_") or table in ("claims", "cable_landings"):
            continue
        for rec in frame.to_dict("records"):
            when = (adopted.get(rec.get("resolution")) if table == "un_votes" else
                    _first(rec, "date", "year", "since", "year_announced"))
            if when is None:
                continue
            when = pd.Timestamp(year=int(when), month=1, day=1) if isinstance(
                when, int | float) or str(when).isdigit() else pd.Timestamp(when)
            make = labels.get(table)
            label = make(rec) if make else _first(
                rec, "subject", lang_column("label", rec.keys(), lang), "name") or table
            try:
                found = row_id(table, rec)
            except KeyError:
                found = table
            out.append({"date": when, "label": str(label), "table": table,
                        "source_id": rec.get("source_id"), "row": found})
    frame = pd.DataFrame(out, columns=["date", "label", "table", "source_id", "row"])
    frame = frame.drop_duplicates(subset=["date", "label"])
    return frame.sort_values(["date", "label"], ignore_index=True)
