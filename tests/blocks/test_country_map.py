"""The map of one country's cables in a brief: zoomed on it, its routes, the licence on it."""

import matplotlib.pyplot as plt

import dsrlab
from dsrlab.blocks.country_map import country_extent, plot_country_cables


def test_cable_map_draws_the_countrys_routes_and_its_licence():
    ax = plot_country_cables(country="JAM", lang="es")
    try:
        cables = dsrlab.load("tg_cables")
        landing = cables[cables["lac_iso3"].str.contains("JAM")]
        assert len(ax.lines) >= len(landing) > 0  # one line (or more) a route
        texts = [t.get_text() for t in ax.texts]
        assert any("CC BY-NC-SA 3.0" in text for text in texts)  # on the map itself
        assert f"Jamaica: {len(landing)} cables submarinos" in ax.get_title(loc="left")
        west, east, south, north = ax.get_xlim() + ax.get_ylim()
        assert west < -78 < -76 < east and south < 17.7 < 18.5 < north
    finally:
        plt.close(ax.figure)


def test_extent_holds_a_long_country_and_stays_in_the_region():
    west, east, south, north = country_extent("CHL")
    assert south <= -55 and north >= -18 and west >= -118 and east <= -32


def test_a_small_island_state_gets_its_map_too():
    ax = plot_country_cables(country="VCT", lang="en")
    try:
        assert ax.lines and any("CC BY-NC-SA" in t.get_text() for t in ax.texts)
    finally:
        plt.close(ax.figure)
