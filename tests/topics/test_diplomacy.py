"""Notebook 04 helpers: votes, positioning, statements, Paris Call, memberships, the panel."""

import csv
from collections import Counter
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.collections import PathCollection

import dsrlab
from dsrlab.base.errors import UsageError
from dsrlab.topics import diplomacy as D

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


def test_vote_matrix_small_frame_fills_missing_votes_as_absent():
    votes = pd.DataFrame({"resolution": ["A/RES/73/27", "A/RES/73/266", "A/RES/73/27"],
                          "iso3": ["BOL", "BOL", "BRA"], "vote": ["yes", "no", "abstain"]})
    before = votes.copy()
    out = D.votes_table(votes, lang="es")
    pd.testing.assert_frame_equal(votes, before)
    assert out.loc["BRA", "A/RES/73/266"] == "absent"
    assert out.loc["BRA", "name"] == "Brasil"
    assert out["position"].to_dict() == {"BOL": "yes_oewg_only", "BRA": "yes_neither"}
    with pytest.raises(UsageError, match="unexpected resolutions"):
        D.votes_table(votes.assign(resolution="A/RES/1/1"))


def test_positioning_counts_match_the_csv():
    by_hand = Counter(_position_by_hand(v) for v in _votes_by_state().values())
    counts = D.positioning_table(lang="en")
    assert counts["position"].tolist() == list(D.POSITIONS)
    assert dict(zip(counts["position"], counts["count"], strict=True)) == \
        {p: by_hand.get(p, 0) for p in D.POSITIONS}
    assert counts["count"].sum() == 33
    states = dict(zip(counts["position"], counts["states"], strict=True))
    for iso3, votes in _votes_by_state().items():
        assert iso3 in states[_position_by_hand(votes)].split(", ")
    assert D.count_voted_both() == by_hand["yes_both"]


def test_exercise_answers_follow_the_data():
    rows = _csv_rows("paris_call")
    paper = {r["iso3"] for r in rows if r["listing"] == "paper_2020"}
    site = {r["iso3"] for r in rows if r["listing"] == "pariscall_site"}
    assert D.paris_call_added() == len(site - paper)
    assert len(paper) == 6 and paper <= site


def _row_labels(ax):
    """The row labels drawn left of the axes (plain texts, not tick labels)."""
    return [t for t in ax.texts if t.get_horizontalalignment() == "right"]


def test_plot_votes_draws_every_vote_with_its_hatch_and_marks_country():
    from matplotlib.collections import PatchCollection

    ax = D.plot_votes(country="BOL", lang="en")
    tiles = Counter()
    for coll in ax.collections:
        if isinstance(coll, PatchCollection):
            tiles[coll.get_hatch() or ""] += len(coll.get_paths())
    expected = Counter(D._VOTE_HATCH[r["vote"]] for r in _csv_rows("un_votes"))
    assert tiles == expected
    assert len(set(D._VOTE_HATCH.values())) == len(D._VOTE_HATCH)  # hatch alone tells votes
    labels = _row_labels(ax)
    marked = [t for t in labels if t.get_text().startswith("▶")]
    assert [t.get_text() for t in marked] == ["▶ Bolivia (BOL)"]
    assert marked[0].get_fontweight() == "bold"
    assert [t.get_fontweight() for t in labels].count("bold") == 1
    assert len(labels) == 33 and not ax.get_yticklabels()
    assert "Bolivia (BOL)" in labels[-1 - D.votes_table().index.get_loc("BOL")].get_text()
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "✔ yes", "✘ no", "– abstain", "· absent"]


def test_plot_positioning_bars_are_the_counts_in_spanish():
    ax = D.plot_positioning(country="CUB", lang="es")
    counts = D.positioning_table()
    assert [p.get_width() for p in ax.patches] == counts["count"].tolist()[::-1]
    marked = [t.get_text() for t in _row_labels(ax) if t.get_text().startswith("▶")]
    assert marked == ["▶ Sí solo al OEWG (Rusia)"]
    bar_labels = [t.get_text() for t in ax.texts if t not in _row_labels(ax)]
    assert bar_labels[0].startswith(f"{counts['count'].iloc[-1]}: ")  # counts on the bars


def test_statements_against_militarisation_and_mexico_proposals():
    mil = D.statements_table(topic="militarisation")
    assert set(mil["iso3"]) == {"BRA", "PER", "CUB"}
    mex = D.statements_table(country="MEX")
    assert {"implementation_mechanism", "international_law"} <= set(mex["topic"].astype(str))
    when = dict(zip(mex["statement_id"], mex["when"], strict=True))
    assert when["st-mex-oewg1-mechanism"] == "2019-09"  # month precision kept


def test_paris_call_table_and_figure():
    table = D.paris_call_table(lang="en")
    rows = _csv_rows("paris_call")
    assert len(table) == len(rows)
    assert table["listing"].astype(str).tolist()[:6] == ["paper_2020"] * 6
    ax = D.plot_paris_call(country="ECU")
    n_points = sum(len(c.get_offsets()) for c in ax.collections if isinstance(c, PathCollection))
    assert n_points == len(rows)
    assert [t.get_text() for t in _row_labels(ax) if "▶" in t.get_text()] == ["▶ Ecuador"]
    assert len(_row_labels(ax)) == len({r["iso3"] for r in rows})


def test_memberships_figure_uses_one_basis_and_celac_states_only():
    ax = D.plot_memberships(country="BRA", basis="public")
    rows = [r for r in _csv_rows("memberships") if r["basis"] == "public" and r["iso3"] != "USA"]
    points = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert sum(len(c.get_offsets()) for c in points) == len(rows)
    names = [t.get_text() for t in _row_labels(ax)]
    assert "United States" not in names and "▶ Brazil" in names and len(names) == 33


@pytest.mark.parametrize(("lang", "country"), [("en", None), ("es", None), ("en", "VCT")])
@pytest.mark.parametrize("plot", ["plot_votes", "plot_memberships", "plot_paris_call",
                                  "plot_positioning"])
def test_figures_fit_their_canvas_so_they_render_once(plot, lang, country):
    """Titles are wrapped and only the widest row labels join the layout: with the course
    style, the whole figure, every row label included, lies inside the canvas (nothing
    clipped, and no second, cropped render in dsrlab.blocks.inline._figure_png)."""
    import matplotlib as mpl

    if plot == "plot_paris_call" and country:
        country = "DOM"  # a supporter with a long name
    with mpl.rc_context():
        dsrlab.use_style()
        ax = getattr(D, plot)(country=country, lang=lang)
        fig = ax.figure
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        boxes = [fig.get_tightbbox(renderer).transformed(fig.dpi_scale_trans)]  # in pixels
        boxes += [t.get_window_extent(renderer) for t in _row_labels(ax)]
    for box in boxes:  # a pixel of slack
        assert box.x0 >= -1 and box.y0 >= -1
        assert box.x1 <= fig.bbox.width + 1 and box.y1 <= fig.bbox.height + 1


def test_organisations_table_groups_and_bad_group():
    regional = D.organisations_table()
    assert regional["org_id"].tolist() == list(D.REGIONAL_BODIES)
    assert D.organisations_table("third_way", lang="es").loc[0, "name"] == "Unión Europea"
    with pytest.raises(UsageError, match="'regional', 'third_way'"):
        D.organisations_table("nordic")


@pytest.mark.parametrize(("number", "name"), [("03", "03_surveillance_deployments"),
                                              ("04", "04_un_cyber_diplomacy")])
def test_notebook_shows_every_exercise_of_its_file(number, name):
    import json

    import yaml

    doc = yaml.safe_load((REPO / "notebooks" / "exercises" / f"{number}.yml").read_text("utf-8"))
    ids = [ex["id"] for ex in doc["exercises"]]
    assert len(ids) >= 5 and len({ex["type"] for ex in doc["exercises"]}) >= 3
    nb = json.loads((REPO / "notebooks" / f"{name}.ipynb").read_text("utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    shown = [i for i in ids if f'dsrlab.exercise("{i}")' in code]
    assert shown == ids
    assert code.count(".plot_") >= 3


@pytest.mark.parametrize("country", ["Brazil", "BR", "Brasil", "bra"])
def test_every_figure_and_table_resolves_a_country_given_by_name_or_code(country):
    """The contract: any ISO3/ISO2/name highlights the same state (it used to be compared
    raw with the data, so "Brazil" silently highlighted nothing)."""
    marked = [t.get_text() for t in _row_labels(D.plot_votes(country=country))
              if t.get_text().startswith("▶")]
    assert marked == ["▶ Brazil (BRA)"]
    marked = [t.get_text() for t in _row_labels(D.plot_memberships(country=country))
              if t.get_text().startswith("▶")]
    assert marked == ["▶ Brazil"]
    assert any(t.get_text().startswith("▶") for t in _row_labels(
        D.plot_positioning(country=country)))
    votes = D.votes_table(country=country)
    assert votes.loc["BRA", "name"] == "★ Brazil"
    assert votes["name"].str.startswith("★").sum() == 1
    positions = D.positioning_table(country=country)
    starred = positions[positions["label"].str.startswith("★ ")]
    assert starred["states"].str.split(", ").iloc[0].count("BRA") == 1 and len(starred) == 1
    orgs = D.organisations_table(country=country).set_index("org_id")["name"]
    assert orgs["mercosur"].startswith("★ ") and orgs["oas"].startswith("★ ")
    assert not orgs["pacific-alliance"].startswith("★ ")
    assert set(D.statements_table(country=country)["iso3"]) == {"BRA"}


def test_a_country_that_is_not_celac_is_a_usage_error():
    with pytest.raises(UsageError, match="CELAC"):
        D.plot_votes(country="USA")
    with pytest.raises(UsageError, match="unknown country 'Atlantis'"):
        D.paris_call_table(country="Atlantis")
