"""Notebooks 01-02 helpers (dsrlab.topics.investments): the CGIT deals and the answers
computed from them."""

import pytest

import dsrlab
from dsrlab.base.errors import UsageError
from dsrlab.topics import investments


@pytest.fixture
def inv():
    return dsrlab.load("investments")


def test_deal_statistics_follow_the_table(inv):
    amounts = inv["amount_usd_m"]
    assert investments.total_deal_size() == pytest.approx(amounts.sum())
    assert investments.median_deal_size() == pytest.approx(amounts.median())
    telecom = inv["subsector"].astype(str) == "Telecom"
    assert investments.telecom_share() == pytest.approx(
        100 * amounts[telecom].sum() / amounts.sum())
    assert investments.telecom_share_by_count() == pytest.approx(100 * telecom.mean())
    green = inv["greenfield"].astype(bool)
    assert investments.greenfield_share() == pytest.approx(100 * green.mean())
    assert investments.greenfield_share("value") == pytest.approx(
        100 * amounts[green].sum() / amounts.sum())
    assert 0 < investments.telecom_share() < 100


def test_exercise_compute_targets_resolve_to_the_same_values():
    from dsrlab.exercises import model

    by_id = {ex["id"]: ex for nb in ("01", "02") for ex in model.notebook(nb)["exercises"]}
    assert model.expected(by_id["01.3"]) == pytest.approx(investments.telecom_share())
    assert model.expected(by_id["02.1"]) == pytest.approx(investments.total_deal_size())
    assert model.expected(by_id["02.2"]) == pytest.approx(investments.median_deal_size())
    assert model.expected(by_id["02.3"]) == pytest.approx(investments.greenfield_share())


def test_investments_table_reproduces_the_printed_labels(inv):
    table = investments.investments_table()
    assert list(table.index) == list(inv["deal_id"])
    assert list(table["Month & Year"]) == list(inv["month_label"])
    assert list(table["Share / Size"]) == list(inv["share_label"])
    assert set(table["Greenfield"]) <= {"Yes", "No"}
    dsrlab.set_language("es")
    assert set(investments.investments_table()["Greenfield (proyecto nuevo)"]) <= {"Sí", "No"}


def test_investments_by_groupings(inv):
    by_country = investments.investments_by("country")
    assert by_country["deals"].sum() == len(inv)
    assert by_country.loc["BRA", "deals"] == (inv["iso3"] == "BRA").sum()
    assert by_country["share_of_value_pct"].sum() == pytest.approx(100)
    by_green = investments.investments_by("greenfield")
    assert by_green.loc[True, "deals"] == inv["greenfield"].astype(bool).sum()
    with pytest.raises(UsageError, match="valid: 'country', 'subsector', 'greenfield'"):
        investments.investments_by("year")


def test_investments_and_deals_charts_highlight_country():
    ax = investments.plot_investments(country="BRA")
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["► Brazil"]
    deals = investments.plot_deals(country="BRA")
    thick = [p for p in deals.patches if p.get_linewidth() == 3]
    assert len(thick) == (dsrlab.load("investments")["iso3"] == "BRA").sum()
    threshold = dsrlab.load("indicators").set_index("indicator_id").loc["cgit-threshold", "value"]
    assert any(line.get_xdata()[0] == threshold for line in deals.get_lines())


def test_cgit_context_keeps_qualifiers():
    ctx = investments.cgit_context_table().set_index("indicator_id")
    assert ctx.loc["cgit-telecom-outbound", "label"].startswith("≈")
    assert ctx.loc["cgit-telecom-construction", "label"].startswith("<")


def test_country_is_resolved_from_any_name_and_highlighted(inv):
    ax = investments.plot_investments(country="Brasil")
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["► Brazil"]
    n_brazil = (inv["iso3"] == "BRA").sum()
    table = investments.investments_table(country="br")
    assert table["Country"].str.startswith("★ ").sum() == n_brazil
    assert len(table) == len(inv)  # highlights, never filters
    by_country = investments.investments_by("country", country="Brazil")
    assert by_country.loc["BRA", "name"] == "★ Brazil"
    by_sub = investments.investments_by("subsector", country="BRA")
    assert by_sub["★ Brazil"].sum() == n_brazil
    with pytest.raises(UsageError, match="valid"):
        investments.plot_deals(country="Atlantis")


def test_lang_keyword_applies_to_one_call():
    table = investments.investments_table(lang="es")
    assert set(table["Greenfield (proyecto nuevo)"]) <= {"Sí", "No"}
    assert dsrlab.get_language() == "en"
