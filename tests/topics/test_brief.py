"""The blocks of a country brief: findings, key figures, timeline, evidence and sources."""

import re

import pandas as pd
import pytest

import dsrlab
from dsrlab.base.i18n import all_strings
from dsrlab.blocks.countries import celac_countries
from dsrlab.topics import brief as B
from dsrlab.topics import country_facts, findings


def _rows_exist(row_ids):
    """Every "table:id" a finding cites names a row of the data package."""
    for found in row_ids:
        table = found.partition(":")[0]
        frame = dsrlab.load(table)
        ids = {country_facts.row_id(table, rec) for rec in frame.to_dict("records")}
        assert found in ids, found


def test_country_timeline_is_sorted_and_sourced():
    facts = B.timeline_table(country="BRA")
    assert facts["date"].is_monotonic_increasing
    assert facts["source_id"].notna().all()
    assert {"events", "investments", "un_votes"} <= set(facts["table"])
    adopted = dsrlab.load("un_resolutions").set_index("resolution")["adopted"]
    votes = facts[facts["table"] == "un_votes"]
    assert set(votes["date"]) == {pd.Timestamp(adopted["A/RES/73/27"]),
                                  pd.Timestamp(adopted["A/RES/73/266"])}
    _rows_exist([r for r in facts["row"] if ":" in r])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_findings_of_bolivia_come_from_its_rows(lang):
    found = findings.findings(country="BOL", lang=lang)
    kinds = [f["kind"] for f in found]
    assert kinds[:4] == ["firms", "deals", "surveillance", "ratings"]
    assert "votes" in kinds and "memberships" in kinds
    for f in found:
        assert f["text"].endswith(".") and f["rows"] and f["sources"], f
        _rows_exist(f["rows"])
    text = " ".join(f["text"] for f in found)
    assert "ZTE" in text and "Agencia Boliviana Espacial" in text and "300" in text
    votes = dict(zip(*dsrlab.load("un_votes").query("iso3 == 'BOL'")[["resolution", "vote"]]
                     .T.to_numpy(), strict=True))
    assert votes == {"A/RES/73/27": "yes", "A/RES/73/266": "no"}
    if lang == "es":
        assert "votó a favor de A/RES/73/27" in text and "votó en contra de A/RES/73/266" in text
    else:
        assert "voted yes on A/RES/73/27" in text and "voted no on A/RES/73/266" in text
    ratings = next(f for f in found if f["kind"] == "ratings")
    assert ratings["interpretation"] and "surveillance:bol110" in ratings["rows"]


def test_a_thin_country_says_so_and_shows_its_region():
    assert findings.coverage("HTI") == "thinly"
    found = findings.findings(country="HTI")
    assert found[0]["kind"] == "thin" and "little" in found[0]["text"]
    region = next(f for f in found if f["kind"] == "region")
    assert "Caribbean" in region["text"] and region["rows"]
    assert all(r.startswith("un_votes:") or r.split(":")[0] in findings.DSR_TABLES
               for r in region["rows"])
    _rows_exist(region["rows"])
    assert findings.coverage("BOL") == "well"


@pytest.mark.parametrize("iso3", list(celac_countries()))
def test_every_state_has_three_to_five_sourced_key_figures(iso3):
    figures = findings.key_figures(country=iso3, lang="es")
    assert 3 <= len(figures) <= 5
    for fig in figures:
        assert fig["value"] and fig["label"]
    assert all(f["sources"] for f in figures if f["kind"] != "paris" or f["value"] == "figura")


# English words that must not appear in a Spanish brief's own sentences (data text aside)
_ENGLISH = re.compile(r"\b(yes|no recorded|member|members|surveillance|the|and|of|with|"
                      r"deal|deals|cables? landing|approx|more_than|planned|delivered)\b")


@pytest.mark.parametrize("iso3", ["BOL", "BRA", "HTI", "CRI", "ECU"])
def test_spanish_findings_use_spanish_words(iso3):
    for f in findings.findings(country=iso3, lang="es"):
        text = f["text"]
        # data text kept as stored until the data package has its *_es columns: names of
        # systems, firms, partners and cable projects (proper names) are removed first
        for rec in [*dsrlab.load("surveillance").to_dict("records"),
                    *dsrlab.load("cables").to_dict("records"),
                    *dsrlab.load("investments").to_dict("records"),
                    *dsrlab.load("firms").to_dict("records")]:
            for col in ("system", "name", "partner", "investor"):
                if isinstance(rec.get(col), str):
                    text = text.replace(rec[col], "")
        assert not _ENGLISH.search(text), (iso3, _ENGLISH.search(text), text)


def test_every_brief_string_exists_in_both_languages():
    briefs = {k: v for k, v in all_strings().items() if k.startswith("briefs.")}
    assert len(briefs) > 100
    for key, value in briefs.items():
        assert set(value) >= {"en", "es"}, key
    spanish = " ".join(v["es"] for v in briefs.values())
    # one register for an analyst's brief: impersonal, never tú (abre, tienes) nor a switch
    assert not re.search(r"\b(abre|tienes|puedes|responde|consulta|usted)\b", spanish)


def test_brief_blocks_number_and_link_every_source():
    header = B.brief_header(country="ECU", lang="es")._repr_html_()
    tables = B.brief_tables(country="ECU", lang="es")._repr_html_()
    sources = B.brief_sources(country="ECU", lang="es")._repr_html_()
    linked = set(re.findall(r'href="#src-([^"]+)"', header + tables))
    listed = set(re.findall(r'<li id="src-([^"]+)"', sources))
    assert linked and linked == listed
    numbers = B.source_numbers(country="ECU")
    for sid, n in re.findall(r'href="#src-([^"]+)">\[(\d+)\]', header + tables):
        assert numbers[sid] == int(n)
    assert "Ecuador <small>(ECU)</small>" in header and "América del Sur" in header
    assert header.index("Hallazgos") < header.index("class=\"figure-box")
    assert "ECU 911" in header and "data-rows=" in header
    assert "Sobre esta ficha" in sources and "CC BY-NC-SA" in sources and "lang=es" in sources


def test_evidence_is_readable_and_capped():
    html = B.brief_tables(country="BRA", lang="es")._repr_html_()
    heads = re.findall(r"<th>([^<]*)</th>", html)
    assert heads and all(" " not in h or h[0].isupper() for h in heads)
    assert not re.search(r"_id|_en\b|description|more_than|approx", " ".join(heads))
    for table in re.findall(r"<tbody>(.*?)</tbody>", html, re.S):
        assert table.count("<tr>") <= B.EVIDENCE_ROWS
    assert "filas más en los datos del curso" in html  # Brazil has more than five activities
    assert "2011-04" in html  # a CGIT deal's month, as precise as known


def test_timeline_shows_the_dsr_years_one_line_each():
    ax = B.plot_timeline(country="BRA")
    shown = [txt.get_text() for txt in ax.texts]
    start = int(dsrlab.load("investments")["date"].dt.year.min())
    assert 0 < len(shown) <= B.TIMELINE_LINES
    assert all(int(line[:4]) >= start for line in shown)
    facts = B.timeline_table(country="BRA")
    assert len(facts[facts["date"].dt.year >= start]) > len(shown)  # so the title says more
    assert "not shown" in ax.get_title(loc="left")


@pytest.mark.parametrize("iso3", ["BOL", "BRA", "HTI", "CHL", "VEN"])
def test_spanish_brief_blocks_have_no_english_outside_data_text(iso3):
    page = "".join(block(country=iso3, lang="es")._repr_html_() for block in (
        B.brief_header, B.brief_tables))
    page = re.sub(r"<style.*?</style>", " ", page, flags=re.S)
    assert 'class="data-text" lang="en"' in page or iso3 == "HTI"  # activities stay English
    page = re.sub(r'<td class="data-text"[^>]*>.*?</td>', " ", page, flags=re.S)
    page = re.sub(r"<code>.*?</code>", " ", page, flags=re.S)
    page = re.sub(r'<li class="finding[^"]*"[^>]*>.*?</li>', " ", page, flags=re.S)  # above
    text = " ".join(re.sub(r"<[^>]+>", " ", page).split())
    words = re.compile(r"\b(yes|no recorded|member|members|surveillance|the|and|of|with|"
                       r"deal|deals|vote|votes|status|source|firm|year|since|approx|"
                       r"more_than|planned|delivered|operating|associate)\b")
    assert not words.search(text), (words.search(text), text[:300])


@pytest.mark.parametrize(("table", "column", "prefix"), [
    ("statements", "topic", "tables.code_"), ("surveillance", "status", "tables.code_"),
    ("cables", "status", "tables.code_"), ("presence", "sector", "briefs.sector_"),
    ("memberships", "status", "capstone.status_"), ("un_votes", "vote", "capstone.vote_")])
def test_every_code_a_brief_shows_has_words(table, column, prefix):
    codes = set(dsrlab.load(table)[column].dropna().astype(str))
    missing = {c for c in codes if prefix + c not in all_strings()}
    assert not missing, f"add {prefix}<code> strings for {sorted(missing)}"


def test_every_organisation_and_subsector_has_words():
    orgs = set(dsrlab.load("memberships")["organisation"])
    subsectors = set(dsrlab.load("investments")["subsector"])
    names = {"briefs.org_" + country_facts.slug(o) for o in orgs}
    names |= {"briefs.subsector_" + country_facts.slug(s) for s in subsectors}
    assert names <= set(all_strings())
