"""What a country brief says first: findings in sentences, key figures, coverage.

Every finding is generated from the course data and carries the ``rows`` it rests on
(``"table:id"``) and the ``sources`` of those rows, so a reader (and a test) can check each
sentence against the data. The words come from ``dsrlab/strings/briefs.yml`` in both
languages; data text (firm activities, system names) is shown in the reader's language
when the data package has a ``*_es`` column (:func:`~dsrlab.blocks.tables.lang_column`).

Where the course has little on a country, :func:`findings` says so and adds the picture of
its subregion, so a thin brief is short and honest rather than a page of empty sections.
"""

from __future__ import annotations

from ..base.i18n import get_language, in_language, t
from ..blocks.countries import celac_countries, country_name, country_names
from ..blocks.reading import qualified_text
from ..blocks.tables import as_list, is_missing
from ..data.tables import load
from .capstone import country_rows, required_country
from .country_facts import chinese_presence, data_text, org_name, row_id, slug, timeline_table, word

__all__ = ["findings", "key_figures", "coverage", "DSR_TABLES"]

#: Tables whose rows are evidence of the Digital Silk Road itself in a country (the others,
#: votes, memberships, cables on TeleGeography's map, concern every state alike).
DSR_TABLES = ("presence", "investments", "surveillance", "cables")

def _listed(items, lang: str) -> str:
    items = [str(i) for i in dict.fromkeys(items) if str(i)]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {t('briefs.and', lang)} {items[-1]}"


def _plural(key: str, n: int, lang: str, **fmt) -> str:
    return t(f"{key}_{'one' if n == 1 else 'many'}", lang, n=n, **fmt)


def _sources(frame) -> list[str]:
    if frame is None or "source_id" not in frame:
        return []
    return list(dict.fromkeys(str(s) for s in frame["source_id"] if not is_missing(s)))


def _finding(kind: str, text: str, rows: list[str], sources: list[str], *,
             interpretation: bool = False) -> dict:
    return {"kind": kind, "text": text, "rows": list(dict.fromkeys(rows)),
            "sources": list(dict.fromkeys(sources)), "interpretation": interpretation}


def _firms_finding(iso3: str, rows: dict, lang: str):
    pres = chinese_presence(rows)
    if pres is None:
        return None
    items = []
    for firm, part in pres.groupby("firm", sort=False):
        sectors = _listed([word("briefs.sector_", s, lang) for s in part["sector"]], lang)
        items.append(f"{firm} ({sectors})")
    text = _plural("briefs.f_firms", len(pres), lang, name=country_name(iso3, lang),
                   items="; ".join(items))
    return _finding("firms", text, [row_id("presence", r) for r in pres.to_dict("records")],
                    _sources(pres))


def _deals_finding(iso3: str, rows: dict, lang: str):
    inv = rows.get("investments")
    if inv is None:
        return None
    items = [t("briefs.f_deal_item", lang, investor=r["investor"], partner=r["partner"],
               sector=word("briefs.subsector_", slug(r["subsector"]), lang), year=r["date"].year,
               amount=qualified_text(r["amount_usd_m"], None, lang))
             for r in inv.to_dict("records")]
    total = qualified_text(float(inv["amount_usd_m"].sum()), None, lang)
    text = _plural("briefs.f_deals", len(inv), lang, name=country_name(iso3, lang),
                   total=total, items="; ".join(items))
    return _finding("deals", text, [row_id("investments", r) for r in inv.to_dict("records")],
                    _sources(inv))


def _cameras(part, lang: str) -> str:
    shown = []
    for r in part.dropna(subset=["cameras"]).to_dict("records"):
        number = qualified_text(r["cameras"], r.get("cameras_qualifier"), lang)
        status = word("tables.code_", r["status"], lang) if not is_missing(r["status"]) else ""
        shown.append(f"{number} ({status})" if status else number)
    return ", ".join(shown)


def _surveillance_findings(iso3: str, rows: dict, lang: str) -> list[dict]:
    sv = rows.get("surveillance")
    if sv is None:
        return []
    items, row_ids = [], []
    for dep, part in sv.groupby("deployment_id", sort=False):
        first = part.iloc[0].to_dict()
        vendors = _listed([v for cell in part["vendors"] for v in as_list(cell)], lang)
        cams = _cameras(part, lang)
        details = [t("briefs.f_vendors", lang, vendors=vendors) if vendors else "",
                   t("briefs.f_cameras", lang, cameras=cams) if cams else ""]
        details = "; ".join(d for d in details if d)
        items.append(f"{data_text(first, 'system', lang)}" + (f" ({details})" if details else ""))
        row_ids.append(f"surveillance:{dep}")
    out = [_finding("surveillance", _plural("briefs.f_surveillance", len(items), lang,
                                            name=country_name(iso3, lang),
                                            items="; ".join(items)), row_ids, _sources(sv))]
    out += _ratings_findings(iso3, lang)
    return out


def _ratings_findings(iso3: str, lang: str) -> list[dict]:
    from .assessment import ratings_table

    long = ratings_table(long=True, lang=lang)
    ids = load("surveillance").set_index("deployment_id")["iso3"].to_dict()
    mine = long[long["deployment_id"].map(ids).eq(iso3)]
    out = []
    for dep, part in mine.groupby("deployment_id", sort=False):
        known = part[part["rating"].notna()]
        unknown = part[part["rating"].isna()]
        rated = _listed([t("briefs.f_rating_item", lang, n=int(r),
                           criterion=t(f"surveillance.criterion_{c}", lang).lower())
                         for c, r in zip(known["criterion"], known["rating"], strict=True)],
                        lang)
        silent = _listed([t(f"surveillance.criterion_{c}", lang).lower()
                          for c in unknown["criterion"]], lang)
        text = t("briefs.f_ratings", lang, label=part["label"].iloc[0].rstrip(" *★"),
                 rated=rated or t("briefs.f_nothing", lang))
        if silent:
            text += " " + t("briefs.f_unknown", lang, criteria=silent)
        rows = [f"surveillance:{dep}"] + [r.strip() for cell in part["rows"]
                                          for r in str(cell).split(",") if r.strip()]
        sources = [s.strip() for cell in part["source_ids"] for s in str(cell).split(",")]
        out.append(_finding("ratings", text, rows, sources, interpretation=True))
    return out


def _by_adoption(votes):
    adopted = load("un_resolutions").set_index("resolution")["adopted"]
    return votes.sort_values("resolution", key=lambda s: s.map(adopted))


def _vote_pattern(votes) -> tuple:
    return tuple(_by_adoption(votes)["vote"].astype(str))


def _votes_findings(iso3: str, rows: dict, lang: str) -> list[dict]:
    votes = rows.get("un_votes")
    if votes is None:
        return []
    res = load("un_resolutions").set_index("resolution")
    parts = []
    for r in _by_adoption(votes).to_dict("records"):
        info = res.loc[r["resolution"]]
        sponsor = word("briefs.by_", slug(info["sponsor"]), lang)
        parts.append(t("briefs.f_vote_item", lang, vote=t(f"briefs.voted_{r['vote']}", lang),
                       resolution=r["resolution"], sponsor=sponsor, creates=info["creates"]))
    text = t("briefs.f_votes", lang, name=country_name(iso3, lang), items=_listed(parts, lang))
    out = [_finding("votes", text, [row_id("un_votes", r) for r in votes.to_dict("records")],
                    _sources(votes) + [str(s) for s in res["source_id"]])]
    everyone = load("un_votes")
    pattern = _vote_pattern(votes)
    same = [c for c, part in everyone.groupby("iso3") if c in celac_countries()
            and _vote_pattern(part) == pattern]
    key = {("yes", "yes"): "both", ("no", "yes"): "russia", ("yes", "no"): "united_states"}.get(
        _pattern_by_sponsor(votes, res), "neither")
    text = t(f"briefs.f_sides_{key}", lang) + " " + t("briefs.f_same", lang, n=len(same) - 1)
    trade = _us_trade(rows)
    if trade:
        text += " " + t("briefs.f_us_trade", lang, orgs=_listed(trade, lang))
    china = (len(chinese_presence(rows)) if chinese_presence(rows) is not None else 0) + len(
        rows.get("investments", []))
    if china:
        text += " " + _plural("briefs.f_china_ties", china, lang)
    rows_cited = [row_id("un_votes", r) for r in everyone[everyone["iso3"].isin(same)].to_dict(
        "records")]
    out.append(_finding("sides", text, rows_cited, _sources(votes), interpretation=True))
    return out


def _pattern_by_sponsor(votes, res) -> tuple:
    """(vote on the U.S. text, vote on the Russian text), each "yes" or "other"."""
    by = {res.loc[r, "sponsor"]: v for r, v in zip(votes["resolution"], votes["vote"],
                                                   strict=True)}
    return tuple("yes" if by.get(s) == "yes" else "no" for s in ("United States",
                                                                "Russian Federation"))


def _us_trade(rows: dict) -> list[str]:
    mem = rows.get("memberships")
    if mem is None:
        return []
    return [o for o, s in zip(mem["organisation"], mem["status"], strict=True)
            if o in ("US FTA", "DR-CAFTA") and s == "member"]


def _memberships_finding(iso3: str, rows: dict, lang: str):
    mem = rows.get("memberships")
    if mem is None:
        return None
    items = []
    for r in mem.to_dict("records"):
        name = org_name(r["organisation"], lang)
        items.append(name if r["status"] == "member" else t(
            "briefs.f_status", lang, org=name, status=word("capstone.status_", r["status"],
                                                            lang)))
    text = t("briefs.f_memberships", lang, name=country_name(iso3, lang),
             items=_listed(items, lang))
    paris = rows.get("paris_call")
    found = [row_id("memberships", r) for r in mem.to_dict("records")]
    sources = _sources(mem)
    if paris is not None:
        text += " " + t("briefs.f_paris", lang, year=int(paris["year"].min()))
        found += [row_id("paris_call", r) for r in paris.to_dict("records")]
        sources += _sources(paris)
    return _finding("memberships", text, found, sources)


def _cables_finding(iso3: str, rows: dict, lang: str):
    tg, papers = rows.get("tg_cables"), rows.get("cables")
    if tg is None and papers is None:
        return None
    name = country_name(iso3, lang)
    text, found, sources = "", [], []
    if tg is not None:
        text = _plural("briefs.f_tg_cables", len(tg), lang, name=name)
        found += [row_id("tg_cables", r) for r in tg.to_dict("records")]
        sources += _sources(tg)
    if papers is not None:
        names = _listed([data_text(r, "name", lang) for r in papers.to_dict("records")], lang)
        text = (text + " " if text else "") + _plural("briefs.f_paper_cables", len(papers),
                                                      lang, items=names, name=name)
        found += [row_id("cables", r) for r in papers.to_dict("records")]
        sources += _sources(papers)
    return _finding("cables", text, found, sources)


def _later_finding(iso3: str, lang: str):
    facts = timeline_table(country=iso3, lang=lang)
    later = facts[facts["date"].dt.year > 2020]
    if not len(later):
        return None
    items = _listed([f"{r['label']} ({r['date'].year})" for r in later.to_dict("records")], lang)
    return _finding("later", t("briefs.f_later", lang, items=items), list(later["row"]),
                    [str(s) for s in later["source_id"]])


def coverage(country) -> str:
    """How much the course knows about the DSR in a country: ``well``, ``partly`` or ``thinly``.

    ``thinly``: no Chinese firm activity, deal, surveillance deployment or cable project in
    the course data (only the rows every state has: votes, memberships, cables on the map).

    >>> coverage("BOL"), coverage("HTI")
    ('well', 'thinly')
    """
    rows = country_rows(required_country(country))
    pres = chinese_presence(rows)
    counts = {name: len(rows.get(name, [])) for name in DSR_TABLES}
    counts["presence"] = 0 if pres is None else len(pres)
    kinds = sum(1 for n in counts.values() if n)
    if not kinds:
        return "thinly"
    return "well" if kinds >= 2 and sum(counts.values()) >= 5 else "partly"


def _region_finding(iso3: str, lang: str) -> dict:
    """What the course records in the country's subregion (for a thinly covered country)."""
    countries = load("countries").set_index("iso3")
    sub = countries.loc[iso3, "subregion"]
    peers = [c for c in celac_countries() if countries.loc[c, "subregion"] == sub]
    names = country_names(lang)
    firms = load("firms").set_index("firm_id")["home_country"]
    parts, found, sources = [], [], []
    for table, key in (("presence", "briefs.f_region_firms"),
                       ("investments", "briefs.f_region_deals"),
                       ("surveillance", "briefs.f_region_surveillance")):
        frame = load(table)
        frame = frame[frame["iso3"].isin(peers)]
        if table == "presence":
            frame = frame[frame["firm_id"].map(firms).eq("CHN")]
        if table == "surveillance":
            frame = frame.drop_duplicates("deployment_id")
        if not len(frame):
            continue
        counts = frame["iso3"].value_counts()
        where = _listed([f"{names[c]} ({n})" for c, n in counts.items()], lang)
        parts.append(t(key, lang, n=len(frame), where=where))
        found += [row_id(table, r) for r in frame.to_dict("records")]
        sources += _sources(frame)
    votes = load("un_votes")
    res = load("un_resolutions").set_index("resolution")
    sides = {c: _pattern_by_sponsor(p, res) for c, p in votes[votes["iso3"].isin(peers)].groupby(
        "iso3")}
    both = sum(1 for s in sides.values() if s == ("yes", "yes"))
    region = word("briefs.sub_", slug(sub), lang)
    votes_text = t("briefs.f_region_votes", lang, region=region, n=both, total=len(sides))
    found += [row_id("un_votes", r) for r in votes[votes["iso3"].isin(peers)].to_dict("records")]
    sources += _sources(votes[votes["iso3"].isin(peers)])
    if parts:
        text = t("briefs.f_region", lang, region=region, items=_listed(parts, lang))
    else:
        text = t("briefs.f_region_none", lang, region=region)
    return _finding("region", f"{text} {votes_text}", found, sources)


@in_language
def findings(*, country=None, lang=None) -> list[dict]:
    """The brief's findings, in reading order: ``kind, text, rows, sources, interpretation``.

    >>> [f["kind"] for f in findings(country="BOL")][:3]
    ['firms', 'deals', 'surveillance']
    """
    lang, iso3 = get_language(), required_country(country)
    rows = country_rows(iso3)
    out = []
    if coverage(iso3) == "thinly":
        out.append(_finding("thin", t("briefs.f_thin", lang, name=country_name(iso3, lang)),
                            [], []))
    for make in (_firms_finding, _deals_finding):
        found = make(iso3, rows, lang)
        if found:
            out.append(found)
    out += _surveillance_findings(iso3, rows, lang)
    out += [f for f in (_cables_finding(iso3, rows, lang),) if f]
    out += _votes_findings(iso3, rows, lang)
    out += [f for f in (_memberships_finding(iso3, rows, lang), _later_finding(iso3, lang))
            if f]
    if coverage(iso3) != "well":
        out.append(_region_finding(iso3, lang))
    return [f for f in out if f["kind"] in ("thin", "region") or f["rows"]]


@in_language
def key_figures(*, country=None, lang=None) -> list[dict]:
    """Three to five figures for the top of a brief: ``kind, label, value, note, sources``.

    >>> [f["kind"] for f in key_figures(country="BOL")]
    ['deals', 'firms', 'surveillance', 'votes', 'memberships']
    """
    lang, iso3 = get_language(), required_country(country)
    rows = country_rows(iso3)
    out = []

    def add(kind, value, note, frame, **fmt):
        out.append({"kind": kind, "label": t(f"briefs.k_{kind}", lang, **fmt), "value": value,
                    "note": note, "sources": _sources(frame)})

    inv = rows.get("investments")
    if inv is not None:
        add("deals", t("briefs.usd_m", lang, n=qualified_text(float(inv["amount_usd_m"].sum()),
                                                                None, lang)),
            _plural("briefs.n_deals", len(inv), lang,
                    years=_listed(sorted({str(d.year) for d in inv["date"]}), lang)), inv)
    pres = chinese_presence(rows)
    if pres is not None:
        add("firms", str(pres["firm"].nunique()),
            _plural("briefs.n_activities", len(pres), lang), pres)
    sv = rows.get("surveillance")
    if sv is not None:
        add("surveillance", str(sv["deployment_id"].nunique()),
            t("briefs.f_cameras", lang, cameras=_cameras(sv, lang)) if sv["cameras"].notna().any()
            else t("briefs.no_cameras", lang), sv)
    tg = rows.get("tg_cables")
    if tg is not None:
        points = rows.get("tg_landing_points")
        add("cables", str(len(tg)), _plural("briefs.n_landings", 0 if points is None
                                              else len(points), lang), tg)
    votes = rows.get("un_votes")
    if votes is not None:
        ordered = _by_adoption(votes)
        add("votes", " / ".join(word("capstone.vote_", v, lang) for v in ordered["vote"]),
            " · ".join(ordered["resolution"]), votes)
    mem = rows.get("memberships")
    if mem is not None and len(out) < 5:
        add("memberships", str(mem["organisation"].nunique()),
            _listed([org_name(o, lang) for o in mem["organisation"]], lang), mem)
    paris = rows.get("paris_call")
    if len(out) < 5:
        add("paris", t("briefs.paris_yes" if paris is not None else "briefs.paris_no", lang),
            "" if paris is None else str(int(paris["year"].min())), paris)
    return out[:5]
