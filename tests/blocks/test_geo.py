"""The data behind the maps (dsrlab.blocks.geo): small states, landing points, the papers'
cables."""

import pytest

import dsrlab
from dsrlab.base.errors import UsageError
from dsrlab.blocks import geo


def test_small_states_are_the_seven_without_outlines():
    assert sorted(geo.small_states()["iso3"]) == [
        "ATG", "BRB", "DMA", "GRD", "KNA", "LCA", "VCT"]


def test_landings_by_country_counts_every_celac_state():
    points = dsrlab.load("tg_landing_points")
    table = geo.landings_by_country().set_index("iso3")
    assert len(table) == 33
    assert table["landing_points"].sum() == points["iso3"].isin(table.index).sum()
    assert table.loc["CHL", "landing_points"] == (points["iso3"] == "CHL").sum()
    celac = set(dsrlab.load("countries").query("is_celac")["iso3"])
    assert geo.countries_without_landing() == sorted(celac - set(points["iso3"]))


def test_paper_cables_rejects_unknown_ids():
    assert list(geo.paper_cables("ellalink")["cable_id"]) == ["ellalink"]
    with pytest.raises(UsageError, match=r"valid: .*'sail'"):
        geo.paper_cables(["atlantis-1"])
