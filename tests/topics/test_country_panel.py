"""Notebook 04's one-country panel: votes, positioning, memberships, statements, Paris Call."""

import csv
from pathlib import Path

import pytest

from dsrlab.base.errors import UsageError
from dsrlab.topics.country_panel import country_panel

REPO = Path(__file__).resolve().parents[2]


def _csv_rows(name):
    with (REPO / "data" / f"{name}.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _votes_by_state():
    """iso3 -> {resolution: vote}, straight from the CSV (independent of dsrlab)."""
    out: dict[str, dict[str, str]] = {}
    for row in _csv_rows("un_votes"):
        out.setdefault(row["iso3"], {})[row["resolution"]] = row["vote"]
    return out


def _position_by_hand(votes):
    oewg, gge = votes.get("A/RES/73/27") == "yes", votes.get("A/RES/73/266") == "yes"
    return {(True, True): "yes_both", (True, False): "yes_oewg_only",
            (False, True): "yes_gge_only", (False, False): "yes_neither"}[(oewg, gge)]


def test_country_panel_for_bolivia():
    panel = country_panel(country="Bolivia")
    votes = _votes_by_state()["BOL"]
    assert panel.iso3 == "BOL"
    assert dict(zip(panel.votes["resolution"], panel.votes["vote"], strict=True)) == votes
    assert panel.position == _position_by_hand(votes)
    expected_orgs = {r["organisation"] for r in _csv_rows("memberships") if r["iso3"] == "BOL"}
    assert set(panel.memberships["organisation"].astype(str)) == expected_orgs
    assert panel.paris_call.empty
    html = panel._repr_html_()
    assert "Bolivia: cyber diplomacy at a glance" in html
    assert "not listed as a supporter" in html


def test_country_panel_for_mexico_in_spanish_and_without_country():
    panel = country_panel(country="mx", lang="es")
    assert set(panel.paris_call["listing"].astype(str)) == {"paper_2020", "pariscall_site"}
    expected = {r["statement_id"] for r in _csv_rows("statements") if r["iso3"] == "MEX"}
    assert set(panel.statements["statement_id"]) == expected
    html = panel._repr_html_()
    assert "México: ciberdiplomacia de un vistazo" in html and "Sí a ambas" in html
    assert "<td>sí</td>" in html and "<td>miembro</td>" in html  # cell values translated too
    assert "fecha de la página de lanzamiento que cita el artículo (no la de su redacción)" in html
    assert "country" in country_panel(country=None, lang="en").data
    with pytest.raises(UsageError, match="unknown country 'Atlantis'"):
        country_panel(country="Atlantis")
