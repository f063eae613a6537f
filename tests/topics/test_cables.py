"""Notebook 02's cable tables (dsrlab.topics.cables)."""

import pytest

import dsrlab
from dsrlab.base.errors import UsageError
from dsrlab.blocks import geo
from dsrlab.blocks.tables import as_list
from dsrlab.topics import cables


def test_cables_table_highlights_the_cables_landing_in_a_country():
    plain = cables.cables_table()
    assert plain.equals(geo.paper_cables())
    marked = cables.cables_table(country="Chile")
    lands = plain["countries"].map(lambda v: "CHL" in as_list(v))
    assert lands.any() and len(marked) == len(plain)
    assert (marked["name"].str.startswith("★ ") == lands).all()
    assert list(cables.cables_table("sail")["cable_id"]) == ["sail"]
    with pytest.raises(UsageError, match="valid"):
        cables.cables_table(country="Atlantis")


def test_landings_table_highlights_one_country_in_its_language():
    plain = cables.landings_table()
    assert plain.equals(geo.landings_by_country())
    marked = cables.landings_table(country="MX", lang="es").set_index("iso3")
    assert marked.loc["MEX", "name"] == "★ México"
    assert marked["name"].str.startswith("★ ").sum() == 1
    assert dsrlab.get_language() == "en"
