"""Capstone helpers: a country's rows across tables, the two-country comparison."""


import matplotlib
import pytest

import dsrlab
from dsrlab.base.errors import UsageError
from dsrlab.base.i18n import set_language
from dsrlab.topics import capstone as C

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _english():
    set_language("en")
    yield
    set_language("en")
    import matplotlib.pyplot as plt

    plt.close("all")


def _codes(value) -> set[str]:
    return {v.strip() for v in str(value).split(";") if v.strip()}


def test_country_rows_finds_every_table_that_names_bolivia():
    rows = C.country_rows("Bolivia")
    assert set(rows["un_votes"]["iso3"]) == {"BOL"} and len(rows["un_votes"]) == 2
    assert list(rows["investments"]["deal_id"]) == ["cgit-5"]
    assert "bol110" in set(rows["surveillance"]["deployment_id"])
    # independent count: every surveillance row whose iso3 is BOL
    surv = dsrlab.load("surveillance")
    assert len(rows["surveillance"]) == int((surv["iso3"] == "BOL").sum())
    memberships = dsrlab.load("memberships")
    assert len(rows["memberships"]) == int((memberships["iso3"] == "BOL").sum())
    events = dsrlab.load("events")
    named = events["countries"].map(lambda v: "BOL" in _codes(v))
    assert sorted(rows["events"]["event_id"]) == sorted(events.loc[named, "event_id"])
    assert "countries" not in rows and "sources" not in rows


def test_claims_follow_their_deployment():
    claims = dsrlab.load("claims")
    ecu_claims = set(claims.loc[claims["deployment_id"] == "ecu911", "claim_id"])
    assert ecu_claims, "the data hold claims about ECU 911"
    rows = C.country_rows("ECU")
    assert ecu_claims <= set(rows["claims"]["claim_id"])


def test_list_columns_are_matched_exactly():
    rows = C.country_rows("BRA")
    tg = dsrlab.load("tg_cables")
    expected = tg["lac_iso3"].map(lambda v: "BRA" in _codes(v)).sum()
    assert len(rows["tg_cables"]) == expected > 0


def test_compare_countries_values_come_from_the_data():
    table = C.comparison_table("mx", country="Brasil", lang="en")
    assert list(table.columns) == ["aspect", "Brazil", "Mexico", "sources"]
    by = table.set_index("aspect")
    inv = dsrlab.load("investments")
    bra = inv[inv["iso3"] == "BRA"]
    total = f"{bra['amount_usd_m'].sum():,.0f}"
    assert by.loc["Chinese tech deals (CGIT table)", "Brazil"] == \
        f"{len(bra)} deal(s), USD {total} million in all"
    assert by.loc["Chinese tech deals (CGIT table)", "Mexico"] == "—"
    votes = dsrlab.load("un_votes").set_index(["resolution", "iso3"])["vote"]
    labels = {"yes": "yes", "no": "no", "abstain": "abstained", "absent": "no recorded vote"}
    assert by.loc["Vote on A/RES/73/27 (OEWG, Russia)", "Brazil"] == \
        labels[votes[("A/RES/73/27", "BRA")]]
    assert by.loc["Vote on A/RES/73/266 (GGE, United States)", "Mexico"] == \
        labels[votes[("A/RES/73/266", "MEX")]]
    assert "voeten-unga" in by.loc["Vote on A/RES/73/27 (OEWG, Russia)", "sources"]
    paris = by.loc["Paris Call", "Mexico"]
    assert "named in the 2020 paper" in paris


def test_compare_countries_in_spanish():
    table = C.comparison_table("ECU", country="BOL", lang="es")
    assert list(table.columns)[:3] == ["aspect", "Bolivia", "Ecuador"]
    assert "Voto sobre A/RES/73/27 (OEWG, Rusia)" in set(table["aspect"])


def test_bad_countries_raise_one_line_usage_errors():
    with pytest.raises(UsageError, match="unknown country 'Atlantis'"):
        C.comparison_table("BRA", country="Atlantis")
    with pytest.raises(UsageError, match="CELAC"):
        C.country_rows("USA")


def test_plot_comparison_draws_two_bars_per_table():
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    out = C.plot_comparison("ECU", country="BOL", ax=ax)
    assert out is ax
    n_tables = len(set(C.summary_table(country="BOL")["table"])
                   | set(C.summary_table(country="ECU")["table"]))
    assert len(ax.patches) == 2 * n_tables
    assert len(ax.texts) == n_tables  # one label per table, left of its two bars
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["Bolivia", "Ecuador"]


def test_computed_exercise_answers():
    inv = dsrlab.load("investments")
    share = 100 * inv.loc[inv["iso3"] == "BRA", "amount_usd_m"].sum() / inv["amount_usd_m"].sum()
    assert C.cgit_share_brazil() == pytest.approx(share, abs=0.05)
    tg = dsrlab.load("tg_cables")["lac_iso3"].map(_codes)
    gap = sum("BRA" in c for c in tg) - sum("MEX" in c for c in tg)
    assert C.tg_cable_gap_brazil_mexico() == gap


def test_exercise_file_has_a_policy_memo_with_rubric():
    table = dsrlab.exercise_table("05")
    assert len(table) >= 5 and table["type"].nunique() >= 3
    from dsrlab.base.paths import exercises_dir
    from dsrlab.exercises.model import get, load_file, validate_data

    assert validate_data(load_file(exercises_dir() / "05.yml"), "05.yml") == []
    memo = get("05.7")
    assert memo["type"] == "reflection" and len(memo["rubric"]) >= 5
    assert memo["min_words"] >= 200
