"""Region and cable maps (drawing in dsrlab.maps) and the map data (dsrlab._geo)."""

import pytest
from dsrlab.errors import UsageError

import dsrlab
from dsrlab import _geo as geo
from dsrlab import maps


def test_small_states_are_the_seven_without_outlines():
    assert sorted(geo.small_states()["iso3"]) == [
        "ATG", "BRB", "DMA", "GRD", "KNA", "LCA", "VCT"]


def test_region_map_highlights_outline_and_small_state():
    ax = maps.region_map(highlight=["Brasil", "GRD"])
    labels = {t.get_text() for t in ax.texts}
    assert {"Brazil", "Grenada"} <= labels
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Highlighted: Brazil, Grenada" in legend
    plain = maps.region_map()
    assert not plain.texts


def test_region_map_bad_country_lists_choices():
    with pytest.raises(UsageError, match="valid"):
        maps.region_map(highlight="Atlantis")


def test_landings_by_country_counts_every_celac_state():
    points = dsrlab.load("tg_landing_points")
    table = geo.landings_by_country().set_index("iso3")
    assert len(table) == 33
    assert table["landing_points"].sum() == points["iso3"].isin(table.index).sum()
    assert table.loc["CHL", "landing_points"] == (points["iso3"] == "CHL").sum()
    celac = set(dsrlab.load("countries").query("is_celac")["iso3"])
    assert geo.countries_without_landing() == sorted(celac - set(points["iso3"]))


def test_cable_map_draws_routes_points_and_papers_cables():
    points = dsrlab.load("tg_landing_points")
    ax = maps.cable_map(highlight_country="CHL")
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    n_chile = (points["iso3"] == "CHL").sum()
    assert f"Chile: {n_chile} landing points" in legend
    cables = dsrlab.load("cables")
    routed = cables[cables["telegeography_slug"].notna()]
    for name in routed["name"]:
        assert any(label.startswith(maps._short_name(name)) for label in legend)
    scatter_sizes = [len(c.get_offsets()) for c in ax.collections if hasattr(c, "get_offsets")]
    assert len(points) in scatter_sizes  # every landing point drawn
    box = [t.get_text() for t in ax.texts if "no TeleGeography route" in t.get_text()]
    unrouted = cables[cables["telegeography_slug"].isna()]
    assert len(box) == 1 and all(name in box[0] for name in unrouted["name"])


def test_cable_map_subset_and_spanish_labels():
    dsrlab.set_language("es")
    ax = maps.cable_map(cables=["sail"])
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert any("construido" in label for label in legend)
    assert ax.get_title().startswith("Cables submarinos")


def test_paper_cables_rejects_unknown_ids():
    assert list(geo.paper_cables("ellalink")["cable_id"]) == ["ellalink"]
    with pytest.raises(UsageError, match="valid: .*'sail'"):
        geo.paper_cables(["atlantis-1"])
