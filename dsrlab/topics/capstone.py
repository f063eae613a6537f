"""Capstone and country briefs: everything the course data says about one country.

:func:`country_rows` finds a country's rows in every table of the data package (by
ISO3 column, by list columns such as ``countries``, and through foreign keys such as
``claims.deployment_id``), so a table added later shows up in briefs with no code change.
:func:`comparison_table` and :func:`plot_comparison` put two states side by side across
the four sessions (notebook 05); :mod:`dsrlab.topics.brief` builds the brief's blocks.
"""

from __future__ import annotations

from ..base.course_tables import course_table
from ..base.errors import UsageError
from ..base.i18n import all_strings, get_language, in_language, t
from ..blocks.countries import country_name, resolve_country

__all__ = ["country_rows", "summary_table", "comparison_table", "plot_comparison",
           "NOISE_COLUMNS", "ANSWERS", "fact_tables", "required_country"]

# Columns that hold one ISO3 code, and list columns that hold several.
_CODE_COLUMNS = ("iso3", "area", "home_country")
_LIST_COLUMNS = ("countries", "lac_iso3")
# Tables that are not facts about a country (or are shown elsewhere in the brief).
_SKIP = {"countries", "sources"}
# Noise in a brief: identifiers, coordinates, repeated labels.
NOISE_COLUMNS = {"note", "url", "tg_notes", "rcid", "lat", "lon", "is_tbd", "cable_id", "rfs_month",
         "rfs_quarter", "rfs_precision", "landing_point_id", "country_label", "vote_label",
         "all_countries", "all_iso3", "lac_countries", "country", "landing_point_slug",
         "end_date", "basis", "as_of", "capital_lat", "capital_lon", "locator"}


def required_country(country) -> str:
    """The ISO3 code of ``country``, for the functions whose rows are all about it (a
    brief, a comparison): there, no country is a usage error, not "nothing highlighted"."""
    if country is None:
        raise UsageError("give a country: ISO3, ISO2 or name of a CELAC state, e.g. BOL")
    return resolve_country(country)


def fact_tables() -> list[str]:
    """The tables of the data package that hold facts about countries (not empty)."""
    from ..data.tables import datasets

    table = datasets("en")
    return [n for n, rows in zip(table["name"], table["rows"], strict=True)
            if rows is not None and str(rows) != "<NA>" and n not in _SKIP]


def _codes(value) -> set[str]:
    if value is None or (isinstance(value, float) and value != value):
        return set()
    return {v.strip().upper() for v in str(value).split(";") if v.strip()}


def _matches(frame, iso3: str):
    import pandas as pd

    mask = pd.Series(False, index=frame.index)
    for col in _CODE_COLUMNS:
        if col in frame.columns:
            mask |= frame[col].astype("string").str.upper().eq(iso3).fillna(False)
    for col in _LIST_COLUMNS:
        if col in frame.columns:
            mask |= frame[col].map(lambda v: iso3 in _codes(v)).astype(bool)
    return mask


_ROWS_CACHE: dict = {}


def _data_stamp() -> tuple:
    from ..base.paths import data_dir

    return tuple((p.name, p.stat().st_mtime_ns) for p in sorted(data_dir().glob("*.csv")))


def country_rows(country) -> dict:
    """Every row about ``country`` in every table, as ``{table: DataFrame}`` (non-empty only).

    Rows linked through a deployment (``claims.deployment_id``) count too. Results are
    cached per country until a data file changes; callers get copies.

    Examples
    --------
    >>> rows = country_rows("Bolivia")
    >>> "un_votes" in rows and set(rows["un_votes"]["iso3"]) == {"BOL"}
    True
    """
    iso3 = resolve_country(country)
    key = (iso3, _data_stamp())
    if key not in _ROWS_CACHE:
        if len(_ROWS_CACHE) > 64:
            _ROWS_CACHE.clear()
        _ROWS_CACHE[key] = _find_rows(iso3)
    return {name: frame.copy() for name, frame in _ROWS_CACHE[key].items()}


def _find_rows(iso3: str) -> dict:
    import pandas as pd

    from ..data.tables import load

    out, frames = {}, {}
    for name in fact_tables():
        frames[name] = load(name)
        hit = frames[name][_matches(frames[name], iso3)]
        if len(hit):
            out[name] = hit.reset_index(drop=True)
    deployments = set(out.get("surveillance", {}).get("deployment_id", []))
    for name, frame in frames.items():
        if name != "surveillance" and "deployment_id" in frame.columns and deployments:
            linked = frame[frame["deployment_id"].isin(deployments)]
            if len(linked):
                merged = linked if name not in out else pd.concat([out[name], linked])
                out[name] = merged.drop_duplicates().reset_index(drop=True)
    return out


@in_language
def summary_table(*, country=None, lang=None):
    """Rows per table for one country: ``table, title, rows`` (largest first).

    ``country`` (ISO3, ISO2 or name of a CELAC state; required) filters: the table is
    naturally about one country.
    """
    import pandas as pd

    from ..data.tables import datasets

    titles = dict(zip(*datasets(get_language())[["name", "title"]].T.to_numpy(), strict=True))
    rows = [{"table": n, "title": titles.get(n, n), "rows": len(df)}
            for n, df in country_rows(required_country(country)).items()]
    frame = pd.DataFrame(rows, columns=["table", "title", "rows"])
    return course_table(frame.sort_values(["rows", "table"], ascending=[False, True],
                                          ignore_index=True), hide=("table",))


# --- comparison --------------------------------------------------------------------------


def _join(values) -> str:
    items = [str(v) for v in dict.fromkeys(values) if str(v) not in ("", "nan", "<NA>")]
    return ", ".join(items) if items else "—"


def _aspects(iso3: str, lang: str) -> dict[str, tuple[str, list[str]]]:
    """aspect key -> (value shown, source ids) for one country."""
    from ..blocks.tables import in_reader_language, in_words, qualifier_label

    rows = country_rows(iso3)
    out: dict[str, tuple[str, list[str]]] = {}

    def ids(frame):
        return sorted(set(frame["source_id"].dropna().astype(str))) if len(frame) else []

    inv = rows.get("investments")
    if inv is not None:
        total = float(inv["amount_usd_m"].sum())
        shown = t("capstone.deals", lang, n=len(inv), total=f"{total:,.0f}")
        out["investments"] = (shown, ids(inv))
    if "presence" in rows:
        from ..data.tables import load

        pres = rows["presence"]
        names = dict(zip(*load("firms")[["firm_id", "name"]].T.to_numpy(), strict=True))
        out["firms"] = (_join(names.get(f, f) for f in pres["firm_id"]), ids(pres))
    if "cables" in rows:
        cables = in_reader_language(rows["cables"], ["name"], lang)
        out["cables"] = (_join(cables["name"]), ids(cables))
    if "tg_cables" in rows:
        out["tg_cables"] = (str(len(rows["tg_cables"])), ids(rows["tg_cables"]))
    if "surveillance" in rows:
        sv = in_reader_language(rows["surveillance"], ["system"], lang)
        out["surveillance"] = (_join(sv["system"] if "system" in sv else sv["deployment_id"]),
                               ids(sv))
        if "cameras" in sv:
            cams = sv.dropna(subset=["cameras"])
            if len(cams):
                shown = [qualifier_label(c, q if isinstance(q, str) else "exact")
                         for c, q in zip(cams["cameras"], cams.get("cameras_qualifier",
                                                                   ["exact"] * len(cams)),
                                         strict=True)]
                out["cameras"] = (", ".join(shown), ids(cams))
    votes = rows.get("un_votes")
    if votes is not None:
        for res, vote in zip(votes["resolution"], votes["vote"], strict=True):
            key = "vote_" + str(res).rsplit("/", 1)[-1]
            out[key] = (t(f"capstone.vote_{vote}", lang), ids(votes))
    mem = rows.get("memberships")
    if mem is not None:
        names = [in_words(o, "diplomacy.org_", lang) for o in mem["organisation"]]
        labels = [o if s == "member" else f"{o} ({t('capstone.status_' + str(s), lang)})"
                  for o, s in zip(names, mem["status"], strict=True)]
        out["memberships"] = (_join(labels), ids(mem))
    paris = rows.get("paris_call")
    if paris is not None:
        kinds = sorted(set(paris["listing"].astype(str)))
        listings = [t(f"capstone.paris_{x}", lang) for x in kinds]
        out["paris_call"] = (_join(listings), ids(paris))
    if "statements" in rows:
        st = rows["statements"]
        out["statements"] = (_join(_topic(x, lang) for x in st["topic"].astype(str)), ids(st))
    if "events" in rows:
        out["events"] = (str(len(rows["events"])), ids(rows["events"]))
    return out


def _topic(code: str, lang: str) -> str:
    key = f"tables.code_{code}"
    return t(key, lang) if key in all_strings() else code.replace("_", " ")


@in_language
def comparison_table(other, *, country=None, lang=None):
    """``country`` and ``other`` side by side across investments, firms, cables,
    surveillance, votes, memberships and the Paris Call (one row per aspect; "—" where the
    data has nothing). Both are CELAC states (ISO3, ISO2 or name); ``country`` is required
    and comes first: the table is about the two of them.

    Returns
    -------
    pandas.DataFrame
        Columns: aspect, <country name>, <other name>, sources (source ids).

    Examples
    --------
    >>> table = comparison_table("MEX", country="BRA", lang="en")
    >>> list(table.columns)[:3]
    ['aspect', 'Brazil', 'Mexico']
    """
    import pandas as pd

    lang = get_language()
    a, b = required_country(country), resolve_country(other)
    left, right = _aspects(a, lang), _aspects(b, lang)
    keys = [k for k in _ASPECT_ORDER if k in left or k in right]
    keys += sorted((set(left) | set(right)) - set(keys))
    rows = []
    for key in keys:
        sources = sorted(set(left.get(key, ("", []))[1]) | set(right.get(key, ("", []))[1]))
        rows.append({"aspect": t(f"capstone.aspect_{key}", lang),
                     country_name(a, lang): left.get(key, ("—", []))[0],
                     country_name(b, lang): right.get(key, ("—", []))[0],
                     "sources": "; ".join(sources)})
    return course_table(pd.DataFrame(rows, columns=["aspect", country_name(a, lang),
                                                    country_name(b, lang), "sources"]))


_ASPECT_ORDER = ("investments", "firms", "cables", "tg_cables", "surveillance", "cameras",
                 "vote_27", "vote_266", "statements", "memberships", "paris_call", "events")


@in_language
def plot_comparison(other, *, country=None, ax=None, lang=None):
    """Horizontal bars: how many rows of each table concern ``country`` (required, plain
    bars, first) and ``other`` (hatched); both CELAC states (ISO3, ISO2 or name)."""
    from matplotlib.ticker import MaxNLocator

    from ..blocks.plots import PALETTE, describe, fit_title, new_ax, row_labels

    lang = get_language()
    a, b = required_country(country), resolve_country(other)
    na, nb = ({n: len(rows) for n, rows in country_rows(c).items()} for c in (a, b))
    tables = sorted(set(na) | set(nb), key=lambda x: (-(na.get(x, 0) + nb.get(x, 0)), x))
    ax = new_ax(ax, figsize=(8, max(3.0, 0.45 * len(tables) + 1)))
    ys = range(len(tables))
    ax.barh([y - 0.2 for y in ys], [na.get(x, 0) for x in tables], height=0.4,
            color=PALETTE["latin_america"], label=country_name(a, lang))
    ax.barh([y + 0.2 for y in ys], [nb.get(x, 0) for x in tables], height=0.4,
            color=PALETTE["sky"], hatch="//", label=country_name(b, lang))
    row_labels(ax, [t(f"capstone.table_{x}", lang) if f"capstone.table_{x}" in all_strings()
                     else x for x in tables], [False] * len(tables))
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(5, integer=True, steps=[1, 2, 5, 10]))
    fit_title(ax, t("capstone.comparison_title", lang, a=country_name(a, lang),
                 b=country_name(b, lang)), 50, xlabel=t("capstone.rows_axis", lang))
    ax.legend(loc="lower right")
    import pandas as pd

    data = pd.DataFrame({"table": [t(f"capstone.table_{x}", lang) if f"capstone.table_{x}"
                                   in all_strings() else x for x in tables],
                         country_name(a, lang): [na.get(x, 0) for x in tables],
                         country_name(b, lang): [nb.get(x, 0) for x in tables]})
    return describe(ax, "bar", data, label="table", lang=lang)


# --- computed answers for notebooks/exercises/05.yml ------------------------------------------


def cgit_share_brazil() -> float:
    """Brazil's share (%) of the dollar value of the CGIT table's deals.

    Examples
    --------
    >>> 0 < cgit_share_brazil() < 100
    True
    """
    from ..data.tables import load

    deals = load("investments")
    total = float(deals["amount_usd_m"].sum())
    return round(100 * float(deals.loc[deals["iso3"] == "BRA", "amount_usd_m"].sum()) / total, 1)


def tg_cable_gap_brazil_mexico() -> int:
    """How many more TeleGeography cables (2021) land in Brazil than in Mexico.

    Examples
    --------
    >>> isinstance(tg_cable_gap_brazil_mexico(), int)
    True
    """
    from ..data.tables import load

    cables = load("tg_cables")
    lands = cables["lac_iso3"].map(_codes)
    return int(lands.map(lambda c: "BRA" in c).sum() - lands.map(lambda c: "MEX" in c).sum())


#: Answers that exercise files name in ``compute:`` (notebooks/exercises/05.yml).
ANSWERS = {"cgit_share_brazil": cgit_share_brazil,
           "tg_cable_gap_brazil_mexico": tg_cable_gap_brazil_mexico}
