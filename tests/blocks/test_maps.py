"""Region and cable maps (dsrlab.blocks.maps)."""

import pytest

import dsrlab
from dsrlab.base.errors import UsageError
from dsrlab.blocks import maps


def test_plot_region_highlights_outline_and_small_state():
    ax = maps.plot_region(country=["Brasil", "GRD"])
    labels = {t.get_text() for t in ax.texts}
    assert {"Brazil", "Grenada"} <= labels
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Highlighted: Brazil, Grenada" in legend
    plain = maps.plot_region()
    assert not plain.texts


def test_plot_region_bad_country_lists_choices():
    with pytest.raises(UsageError, match="valid"):
        maps.plot_region(country="Atlantis")


def test_plot_cables_draws_routes_points_and_papers_cables():
    points = dsrlab.load("tg_landing_points")
    ax = maps.plot_cables(country="CHL")
    legend = [t.get_text() for a in ax.figure.axes if a.get_legend()
              for t in a.get_legend().get_texts()]
    n_chile = (points["iso3"] == "CHL").sum()
    assert f"Chile: {n_chile} landing points" in legend
    cables = dsrlab.load("cables")
    routed = cables[cables["telegeography_slug"].notna()]
    for name in routed["name"]:
        assert any(label.startswith(maps._short_name(name)) for label in legend)
    scatter_sizes = [len(c.get_offsets()) for c in ax.collections if hasattr(c, "get_offsets")]
    assert len(points) in scatter_sizes  # every landing point drawn
    # the numbered cables are listed in the key under the map, never over it, and each
    # number is written on the map (at a dashed line's end or a ring on its capital)
    box = [t.get_text() for a in ax.figure.axes for t in a.texts
           if "no TeleGeography route" in t.get_text()]
    unrouted = cables[cables["telegeography_slug"].isna()]
    assert len(box) == 1 and all(name in box[0] for name in unrouted["name"])
    assert not [t for t in ax.texts if "no TeleGeography route" in t.get_text()]
    on_map = "".join(t.get_text() for t in ax.texts)
    assert all(f"[{n}]" in on_map for n in range(1, len(unrouted) + 1))


def test_plot_cables_subset_and_spanish_labels():
    dsrlab.set_language("es")
    ax = maps.plot_cables(cables=["sail"])
    legend = [t.get_text() for a in ax.figure.axes if a.get_legend()
              for t in a.get_legend().get_texts()]
    assert any("construido" in label for label in legend)
    assert ax.figure.get_suptitle().startswith("Cables submarinos")
