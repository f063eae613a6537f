"""The data's own words exist in Spanish, and a Spanish table shows them, not the English.

Every text column a reader sees (``claim_en``, ``summary_en``, ``description_en``…) has a
``*_es`` twin filled wherever the English is; the tables the notebooks and briefs show pick
the Spanish column in Spanish. Numbers in a sentence are facts: the Spanish text states the
same ones.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from dsrlab import load
from dsrlab.base.i18n import using_language
from dsrlab.blocks.geo import paper_cables
from dsrlab.blocks.reading import reading_frame, show
from dsrlab.data.tables import descriptor
from dsrlab.editions import english_words
from dsrlab.topics.cables import cables_table
from dsrlab.topics.capstone import comparison_table
from dsrlab.topics.country_panel import country_panel
from dsrlab.topics.diplomacy import organisations_table, statements_table
from dsrlab.topics.infrastructure import policy_documents_table
from dsrlab.topics.infrastructure_panel import infrastructure_panel
from dsrlab.topics.origins import au_claims_table
from dsrlab.topics.surveillance import claims_table, deployments_table, plot_cameras

TEXT_TABLES = [r["name"] for r in descriptor()["resources"] if "schema" in r and any(
    f["name"].endswith("_en") for f in r["schema"]["fields"])]


def _pairs(name):
    frame = load(name)
    return [(c, c[:-3] + "_es") for c in frame.columns if c.endswith("_en")]


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(word: str) -> int:
    values = [ROMAN[c] for c in word]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


def _digits(text: str, roman: bool = False) -> Counter:
    """The numbers a text states; Spanish writes centuries and summits in Roman numerals."""
    found = [re.sub(r"\D", "", n) for n in re.findall(r"\d+(?:[.,]\d+)*", text)]
    if roman:
        found += [str(_roman(w)) for w in re.findall(r"\b[IVXLC]{2,}\b", text)]
    return Counter(found)


@pytest.mark.parametrize("name", TEXT_TABLES)
def test_every_english_text_column_has_a_filled_spanish_twin(name):
    frame = load(name)
    for en, es in _pairs(name):
        assert es in frame.columns, f"{name}.{en} has no Spanish column {es}"
        english = frame[en].astype("string").fillna("").str.strip()
        spanish = frame[es].astype("string").fillna("").str.strip()
        missing = frame.loc[(english != "") & (spanish == ""), frame.columns[0]].tolist()
        assert not missing, f"{name}.{es} is empty where {en} is not: {missing[:5]}"


@pytest.mark.parametrize("name", TEXT_TABLES)
def test_spanish_text_states_the_same_numbers_and_no_english(name):
    frame = load(name)
    problems = []
    for en, es in _pairs(name):
        for key, a, b in zip(frame[frame.columns[0]], frame[en], frame[es], strict=True):
            if not isinstance(a, str) or not isinstance(b, str):
                continue
            lost = _digits(a) - _digits(b, roman=True)
            if lost:
                problems.append(f"{key}.{es}: numbers {sorted(lost)} missing")
            if len(english_words(b)) > 1:
                problems.append(f"{key}.{es}: English words {english_words(b)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("table", "english", "spanish"), [
    (lambda lang: statements_table(lang=lang), "summary_en", "summary_es"),
    (lambda lang: organisations_table(lang=lang), "cyber_activity_en", "cyber_activity_es"),
    (lambda lang: policy_documents_table(lang=lang), "description_en", "description_es"),
])
def test_tables_show_the_spanish_text_in_spanish(table, english, spanish):
    assert english in table("en").columns and spanish not in table("en").columns
    es = table("es")
    assert spanish in es.columns and english not in es.columns


def test_claims_read_in_spanish():
    data = load("claims").set_index("claim_id")
    es = claims_table(lang="es").set_index("claim_id")
    en = claims_table(lang="en").set_index("claim_id")
    # the claim text is the Spanish sentence (the claimant's quotation stays as said)
    assert es.loc["cl-covid-hsr", "claim"].startswith(
        data.loc["cl-covid-hsr", "claim_es"])
    assert en.loc["cl-covid-hsr", "claim"].startswith(
        data.loc["cl-covid-hsr", "claim_en"])


@pytest.mark.parametrize("name", ["claims", "statements"])
def test_every_quotation_has_a_spanish_translation_shown_beside_it(name):
    frame = load(name)
    quoted_rows = frame[frame["quote"].notna()]
    assert len(quoted_rows) and quoted_rows["quote_es"].notna().all()
    table = claims_table(lang="es") if name == "claims" else statements_table(lang="es")
    text = " ".join(str(v) for v in table.to_numpy().ravel())
    for quote, spanish in zip(quoted_rows["quote"], quoted_rows["quote_es"], strict=True):
        if quote in text:  # the table shows this row
            assert f'"{quote}" (en español: «{spanish}»)' in text


def test_who_makes_a_claim_reads_in_spanish():
    # the claimant's role is translated, names stay as they are
    es = claims_table(lang="es").set_index("claim_id")["claimed_by"]
    en = claims_table(lang="en").set_index("claim_id")["claimed_by"]
    assert "Presidente de la Unión Africana" in es["cl-au-all-lies"]
    assert "Chairman of the African Union" in en["cl-au-all-lies"]
    assert "(autor)" in es["cl-intel-law"] and "author" not in es["cl-intel-law"]
    au = au_claims_table(lang="es")["claimant"].tolist()
    assert "Presidente de la Unión Africana" in au and "Chairman of the African Union" not in au
    data = load("claims")
    english = data.loc[data["claimant"].str.contains(r"\bauthor\b|citing|government|minister",
                                                     case=False), "claimant_es"]
    assert not english.str.contains(r"\bauthor\b|citing|government|minister", case=False).any()


def test_cable_names_read_in_spanish_wherever_they_are_shown():
    es = cables_table(lang="es").set_index("cable_id")["name"]
    en = cables_table(lang="en").set_index("cable_id")["name"]
    assert es["tp-chosen-2020"].startswith("Cable transpacífico")
    assert en["tp-chosen-2020"].startswith("Trans-Pacific cable")
    builders = cables_table(lang="es").set_index("cable_id")["builders"]
    assert "estudio de prefactibilidad" in builders["tp-option-akl-sha"]
    assert "pre-feasibility" not in " ".join(builders.dropna())
    shown = infrastructure_panel(lang="es").rows.set_index("table").loc["cables", "summary"]
    assert "Cable transpacífico" in shown and "Trans-Pacific" not in shown
    with using_language("es"):  # a cable is found by its English or its Spanish name
        assert paper_cables(["Trans-Pacific internet cable proposed by Bachelet",
                             "EllaLink (América Latina-Europa)"])["cable_id"].tolist() == [
            "tp-vr-proposal", "ellalink"]
    problems = [f"{key}: {text}" for key, text in zip(load("cables")["cable_id"],
                                                     load("cables")["name_es"], strict=True)
                if len(english_words(text)) > 0 or " route " in text or " cable," in text]
    assert not problems, problems


def test_who_speaks_where_and_in_which_session_read_in_spanish():
    es = statements_table(lang="es").set_index("statement_id")
    en = statements_table(lang="en").set_index("statement_id")
    row = "st-bra-oewg1-militarisation"
    assert (es.loc[row, "speaker"], en.loc[row, "speaker"]) == (
        "Gobierno de Brasil", "Government of Brazil")
    assert es.loc[row, "forum"].startswith("Grupo de Trabajo de Composición Abierta")
    assert es.loc[row, "session"] == "1.er período de sesiones sustantivo"
    data = load("statements")
    for column in ("speaker", "forum", "session"):
        filled = data[column].fillna("") != ""
        assert (data.loc[filled, f"{column}_es"].fillna("") != "").all(), column
        left = [text for text in data[f"{column}_es"].dropna()
                if re.search(r"\b(Government|President|Minister|session|General Assembly)\b",
                             text)]
        assert not left, f"statements.{column}_es still in English: {left}"


def test_the_country_panel_names_organisations_and_topics_in_spanish():
    page = country_panel(country="BRA", lang="es")._repr_html_()
    assert "<td>OEA</td>" in page and "<td>OAS</td>" not in page
    assert "<td>militarización</td>" in page and "<td>militarisation</td>" not in page
    assert "Gobierno de Brasil" in page
    english = country_panel(country="BRA", lang="en")._repr_html_()
    assert "<td>OAS</td>" in english and "Government of Brazil" in english


def test_surveillance_systems_places_and_components_read_in_spanish():
    es = deployments_table(lang="es").set_index("deployment_id")
    en = deployments_table(lang="en").set_index("deployment_id")
    assert es.loc["bol110", "system"] == "BOL-110, Sistema Integrado de Seguridad Ciudadana"
    assert en.loc["bol110", "system"] == "BOL-110 Integrated System for Citizen Security"
    assert es.loc["ecu911", "subnational"] == "Quito (sede, aloja el laboratorio)"
    data = load("surveillance")
    for column in ("system", "subnational", "component"):
        filled = data[column].fillna("") != ""
        assert (data.loc[filled, f"{column}_es"].fillna("") != "").all(), column
        left = [text for text in data[f"{column}_es"].dropna()
                if re.search(r"\b(system|cameras|sold|such as|described|headquarters)\b", text)]
        assert not left, f"surveillance.{column}_es still in English: {left}"
    # the bar labels of the scale charts name the components in Spanish
    import matplotlib.pyplot as plt

    ax = plot_cameras(lang="es")
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    plt.close(ax.figure)
    assert any("red de cámaras" in label for label in labels), labels
    assert not any("camera network" in label for label in labels), labels


def test_the_raw_deals_table_of_notebook_00_has_spanish_headers():
    # 00 shows load("investments") through dsrlab.show: every header comes from the strings
    deals = load("investments")[["month_label", "investor", "amount_usd_m", "partner",
                                 "subsector", "country_label", "source_id", "locator"]]
    headers = list(reading_frame(show(deals), "es").columns)
    assert "País tal como se publicó" in headers and "Country label" not in headers


def test_the_capstone_comparison_names_cables_and_organisations_in_spanish():
    es = comparison_table("MEX", country="BRA", lang="es").to_string()
    en = comparison_table("MEX", country="BRA", lang="en").to_string()
    assert "Cable Brasil-Portugal por Cabo Verde" in es and "Brazil-Portugal cable" not in es
    assert "OEA" in es and "Brazil-Portugal cable" in en and "OAS" in en


def test_citations_write_dates_as_each_language_does():
    from dsrlab import cite, load
    from dsrlab.base.i18n import using_language

    undated = load("sources")
    undated = undated[undated["date"].isna() & undated["year"].isna()]["id"].iloc[0]
    with using_language("es"):
        spanish = str(cite("malena-fn24")), str(cite(undated)), str(cite("malena-fn24",
                                                                          style="apa"))
    english = str(cite("malena-fn24")), str(cite(undated))
    assert "20 de mayo de 2015" in spanish[0] and "May 20, 2015" in english[0]
    assert "s. f." in spanish[1] and "n.d." in english[1]
    assert "(2015, 20 de mayo)" in spanish[2]
