"""Notebook 02 helpers: 4G, the CGIT deals, firms, space and the country panel."""

import pytest
from dsrlab.errors import UsageError

import dsrlab
from dsrlab import _cgit as cgit
from dsrlab import _firms as firm_mod
from dsrlab import _infrastructure as infra


@pytest.fixture
def inv():
    return dsrlab.load("investments")


def test_deal_statistics_follow_the_table(inv):
    amounts = inv["amount_usd_m"]
    assert cgit.total_deal_size() == pytest.approx(amounts.sum())
    assert cgit.median_deal_size() == pytest.approx(amounts.median())
    telecom = inv["subsector"].astype(str) == "Telecom"
    assert cgit.telecom_share() == pytest.approx(
        100 * amounts[telecom].sum() / amounts.sum())
    assert cgit.telecom_share_by_count() == pytest.approx(100 * telecom.mean())
    green = inv["greenfield"].astype(bool)
    assert cgit.greenfield_share() == pytest.approx(100 * green.mean())
    assert cgit.greenfield_share("value") == pytest.approx(
        100 * amounts[green].sum() / amounts.sum())
    assert 0 < cgit.telecom_share() < 100


def test_exercise_compute_targets_resolve_to_the_same_values():
    from dsrlab.exercises import _model

    by_id = {ex["id"]: ex for nb in ("01", "02") for ex in _model.notebook(nb)["exercises"]}
    assert _model.expected(by_id["01.3"]) == pytest.approx(cgit.telecom_share())
    assert _model.expected(by_id["02.1"]) == pytest.approx(cgit.total_deal_size())
    assert _model.expected(by_id["02.2"]) == pytest.approx(cgit.median_deal_size())
    assert _model.expected(by_id["02.3"]) == pytest.approx(cgit.greenfield_share())


def test_investments_table_reproduces_the_printed_labels(inv):
    table = cgit.investments_table()
    assert list(table.index) == list(inv["deal_id"])
    assert list(table["Month & Year"]) == list(inv["month_label"])
    assert list(table["Share / Size"]) == list(inv["share_label"])
    assert set(table["Greenfield"]) <= {"Yes", "No"}
    dsrlab.set_language("es")
    assert set(cgit.investments_table()["Greenfield (nueva planta)"]) <= {"Sí", "No"}


def test_investments_by_groupings(inv):
    by_country = cgit.investments_by("country")
    assert by_country["deals"].sum() == len(inv)
    assert by_country.loc["BRA", "deals"] == (inv["iso3"] == "BRA").sum()
    assert by_country["share_of_value_pct"].sum() == pytest.approx(100)
    by_green = cgit.investments_by("greenfield")
    assert by_green.loc[True, "deals"] == inv["greenfield"].astype(bool).sum()
    with pytest.raises(UsageError, match="valid: 'country', 'subsector', 'greenfield'"):
        cgit.investments_by("year")


def test_coverage_4g_values_and_highlight():
    ind = dsrlab.load("indicators")
    rows = ind[ind["indicator"] == "4g_coverage"].set_index("area")
    cov = infra.coverage_4g().set_index("area")
    assert set(cov.index) == {"PER", "MEX", "CRI", "ECU"}
    for area in cov.index:
        assert cov.loc[area, "value"] == rows.loc[area, "value"]
    ax = infra.coverage_4g_chart(highlight="Peru")
    hatched = [p.get_hatch() for p in ax.patches]
    assert hatched.count("///") == 1
    bold = [t.get_text() for t in ax.get_xticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["► Peru"]
    assert [t.get_text() for t in ax.texts] == list(infra.coverage_4g()["label"])
    ax2 = infra.coverage_4g_chart(highlight="BRA")
    assert "no 4G figure for Brazil" in ax2.texts[-1].get_text()


def test_investments_and_deals_charts_highlight_country():
    ax = cgit.investments_chart(highlight="BRA")
    bold = [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["► Brazil"]
    deals = cgit.deals_chart(highlight="BRA")
    thick = [p for p in deals.patches if p.get_linewidth() == 3]
    assert len(thick) == (dsrlab.load("investments")["iso3"] == "BRA").sum()
    threshold = dsrlab.load("indicators").set_index("indicator_id").loc["cgit-threshold", "value"]
    assert any(line.get_ydata()[0] == threshold for line in deals.get_lines())


def test_cgit_context_keeps_qualifiers():
    ctx = cgit.cgit_context().set_index("indicator_id")
    assert ctx.loc["cgit-telecom-outbound", "label"].startswith("≈")
    assert ctx.loc["cgit-telecom-construction", "label"].startswith("<")


def test_firm_matrix_and_chart():
    matrix = firm_mod.firm_matrix()
    assert "5g" in matrix.loc["Huawei", "BRA"]
    assert "LAC" in matrix.columns  # region-wide rows
    ax = firm_mod.firm_matrix_chart(highlight="MEX")
    bold = [t.get_text() for t in ax.get_xticklabels() if t.get_fontweight() == "bold"]
    assert bold == ["► Mexico"]


def test_firm_table_reads_the_matrix_in_words():
    matrix = firm_mod.firm_matrix()
    table = firm_mod.firm_table()
    assert table.shape == matrix.shape
    assert table.columns[-1] == dsrlab.i18n.t("infrastructure.region_wide")
    assert "Brazil" in table.columns and "BRA" not in table.columns
    assert table.loc["Huawei", "Brazil"] == "5G, telecom equipment, training, R&D"
    # filled cells exactly where the matrix has records
    assert ((table != "").to_numpy() == (matrix[[*sorted(c for c in matrix if c != "LAC"),
                                                 "LAC"]] != "").to_numpy()).all()
    mex = firm_mod.firm_table("Mexico")
    assert mex.columns[0] == "► Mexico"
    filled = (mex.iloc[:, 0] != "").tolist()
    assert filled == sorted(filled, reverse=True)  # Mexico's firms first
    assert set(mex.index[: sum(filled)]) == set(matrix.index[matrix["MEX"] != ""])
    dsrlab.set_language("es")
    assert "México" in firm_mod.firm_table("MEX").columns[0]


def test_space_table_has_tracker_deals_and_events():
    space = infra.space_table()
    deals = space[space["table"] == "investments"]
    assert set(deals["iso3"]) == {"BOL", "ARG"}
    assert "BRA" in set(space.loc[space["table"] == "events", "iso3"])
    ax = infra.space_chart(highlight="VEN")
    assert [t.get_text() for t in ax.get_yticklabels() if t.get_fontweight() == "bold"] == [
        "► Venezuela"]


def test_policy_documents_2008_and_2016():
    docs = infra.policy_documents()
    assert list(docs["year"]) == [2008, 2016]


def test_panel_summarises_country_rows(inv):
    panel = infra.infrastructure_panel("Brasil")
    assert panel.iso3 == "BRA" and panel.name == "Brazil"
    rows = panel.rows.set_index("table")
    assert rows.loc["investments", "records"] == (inv["iso3"] == "BRA").sum()
    presence = dsrlab.load("presence")
    assert rows.loc["presence", "records"] == (presence["iso3"] == "BRA").sum()
    assert "Brazil (BRA)" in repr(panel) and "Brazil (BRA)" in panel._repr_html_()
    chile = infra.infrastructure_panel("CHL").rows.set_index("table")
    assert chile.loc["investments", "summary"] == "no rows for this country"
    region = infra.infrastructure_panel(None)
    assert region.rows.set_index("table").loc["investments", "records"] == len(inv)
    with pytest.raises(UsageError):
        infra.infrastructure_panel("Atlantis")


def test_functions_do_not_change_loaded_tables():
    names = ("investments", "indicators", "presence", "events")
    before = {name: dsrlab.load(name).copy() for name in names}
    cgit.investments_chart(highlight="BRA")
    firm_mod.firm_matrix_chart()
    infra.space_table()
    infra.infrastructure_panel("MEX")
    for name, frame in before.items():
        assert dsrlab.load(name).equals(frame)
