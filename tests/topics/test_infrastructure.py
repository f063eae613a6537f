"""Notebook 02 helpers (dsrlab.topics.infrastructure): 4G, space, policy papers and the
country panel."""

import pytest

import dsrlab
from dsrlab.base.errors import UsageError
from dsrlab.base.i18n import t
from dsrlab.blocks.tables import as_list
from dsrlab.topics import firms, infrastructure, investments


@pytest.fixture
def inv():
    return dsrlab.load("investments")


def test_coverage_4g_values_and_highlight():
    ind = dsrlab.load("indicators")
    rows = ind[ind["indicator"] == "4g_coverage"].set_index("area")
    cov = infrastructure.coverage_table().set_index("area")
    assert set(cov.index) == {"PER", "MEX", "CRI", "ECU"}
    for area in cov.index:
        assert cov.loc[area, "value"] == rows.loc[area, "value"]
    ax = infrastructure.plot_coverage(country="Peru")
    hatched = [p.get_hatch() for p in ax.patches]
    assert hatched.count("///") == 1
    bold = [t.get_text() for t in ax.get_xticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["► Peru"]
    assert [t.get_text() for t in ax.texts] == list(infrastructure.coverage_table()["label"])
    ax2 = infrastructure.plot_coverage(country="BRA")
    assert "no 4G figure for Brazil" in ax2.texts[-1].get_text()


def test_space_table_has_tracker_deals_and_events():
    space = infrastructure.space_table()
    deals = space[space["table"] == "investments"]
    assert set(deals["iso3"]) == {"BOL", "ARG"}
    assert "BRA" in set(space.loc[space["table"] == "events", "iso3"])
    ax = infrastructure.plot_space(country="VEN")
    assert [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"] == [
        "► Venezuela"]


def test_policy_documents_2008_and_2016():
    docs = infrastructure.policy_documents_table()
    assert list(docs["year"]) == [2008, 2016]


def test_panel_summarises_country_rows(inv):
    panel = infrastructure.infrastructure_panel(country="Brasil")
    assert panel.iso3 == "BRA" and panel.name == "Brazil"
    rows = panel.rows.set_index("table")
    assert rows.loc["investments", "records"] == (inv["iso3"] == "BRA").sum()
    presence = dsrlab.load("presence")
    assert rows.loc["presence", "records"] == (presence["iso3"] == "BRA").sum()
    assert "Brazil (BRA)" in repr(panel) and "Brazil (BRA)" in panel._repr_html_()
    chile = infrastructure.infrastructure_panel(country="CHL").rows.set_index("table")
    assert chile.loc["investments", "summary"] == "no rows for this country"
    region = infrastructure.infrastructure_panel(country=None)
    assert region.rows.set_index("table").loc["investments", "records"] == len(inv)
    with pytest.raises(UsageError):
        infrastructure.infrastructure_panel(country="Atlantis")


def test_functions_do_not_change_loaded_tables():
    names = ("investments", "indicators", "presence", "events")
    before = {name: dsrlab.load(name).copy() for name in names}
    investments.plot_investments(country="BRA")
    firms.plot_firm_matrix()
    infrastructure.space_table()
    infrastructure.infrastructure_panel(country="MEX")
    for name, frame in before.items():
        assert dsrlab.load(name).equals(frame)


def test_country_is_resolved_from_any_name_and_highlighted():
    ax = infrastructure.plot_coverage(country="Perú")
    assert [t.get_text() for t in ax.get_xticklabels() if t.get_fontweight() == "bold"] == [
        "► Peru"]
    cov = infrastructure.coverage_table(country="pe").set_index("area")
    assert cov.loc["PER", "name"] == "★ Peru" and cov.loc["MEX", "name"] == "Mexico"
    space = infrastructure.space_table(country="Bolivia")
    assert space["what"].str.startswith("★ ").sum() == (space["iso3"] == "BOL").sum() > 0
    plans = infrastructure.national_plans_table()
    mine = plans["countries"].map(lambda v: "BRA" in as_list(v))
    marked = infrastructure.national_plans_table(country="Brasil")
    assert len(marked) == len(plans) and mine.any()  # highlights, never filters
    assert (marked["title"].str.startswith("★ ") == mine).all()
    with pytest.raises(UsageError, match="valid"):
        infrastructure.plot_space(country="Atlantis")


def test_panel_keeps_the_language_it_was_made_in():
    panel = infrastructure.infrastructure_panel(country="BRA", lang="es")
    assert dsrlab.get_language() == "en"
    assert t("infrastructure.panel_title", lang="es") in repr(panel)
    assert panel.name == "Brasil"
