"""Session 03 content pinned to its data: each corrected fact, the rating rules and their
evidence, unknown ratings, and the source checks.

Every test names the wrong statement it guards against, so that it fails if that statement
comes back (in the notebook, the exercise file, the ratings or the data).
"""

import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest
import yaml

import dsrlab
from dsrlab.base.errors import UsageError
from dsrlab.topics import assessment as A
from dsrlab.topics import surveillance as S

REPO = Path(__file__).resolve().parents[2]
NB = REPO / "notebooks" / "03_surveillance_deployments.ipynb"
EXERCISES = REPO / "notebooks" / "exercises" / "03.yml"
RATINGS = REPO / "dsrlab" / "topics" / "assessment_ratings.yml"


@pytest.fixture(scope="module")
def cells():
    """Cell id -> source, whitespace runs folded to one space (sentences wrap in markdown)."""
    nb = nbformat.read(NB, 4)
    return {c.id: (c.source if c.cell_type == "code" else re.sub(r"\s+", " ", c.source))
            for c in nb.cells}


@pytest.fixture(scope="module")
def markdown(cells):
    nb = nbformat.read(NB, 4)
    return " ".join(re.sub(r"\s+", " ", c.source) for c in nb.cells if c.cell_type == "markdown")


@pytest.fixture(scope="module")
def doc():
    return yaml.safe_load(RATINGS.read_text("utf-8"))


@pytest.fixture(scope="module")
def exercises():
    return yaml.safe_load(EXERCISES.read_text("utf-8"))


def _row(table, key, value):
    frame = dsrlab.load(table)
    rows = frame[frame[key] == value]
    assert len(rows) >= 1, (table, value)
    return rows


# ------------------------------------------------------------ issue 13, item 9: AU five years


def test_au_transfer_span_is_five_years_in_data_and_notebook(markdown):
    row = _row("indicators", "indicator_id", "au-data-transfer-span").iloc[0]
    assert row["value"] == 5 and row["unit"] == "years"
    assert "January 2012 to January 2017" in row["label_en"]
    source = _row("sources", "id", row["source_id"]).iloc[0]
    assert "janvier 2012 à janvier 2017" in source["note"]
    # the notebook gives the footnoted source's months and the same count
    assert "from January 2012 to January 2017, about five years" in markdown
    assert not re.search(r"\bsix years\b", markdown)


# ----------------------------------------- issue 13, item 11: silence is not the buyer's


def test_section_3_does_not_score_silence_low(cells, markdown):
    assert "Where the papers are silent the rating is low" not in markdown
    assert "a buyer who cannot show a safeguard cannot claim it" not in markdown
    assert "not 0" in cells["nb03-27"] and "unknown" in cells["nb03-27"]
    # cell 8: a missing cost in the papers is not a finding about the contract
    assert "absence of a number is itself information" not in markdown
    assert "not proof that the buyers kept the price secret" in cells["nb03-08"]


def test_jujuy_transparency_is_not_earned_by_press_reporting(doc):
    rating = doc["deployments"]["jujuy-zte"]["ratings"]["contract_transparency"]
    rule3 = doc["rules"]["contract_transparency"]["levels"][3]["en"]
    assert "public authority" in rule3  # 3 needs the buyer's own disclosure
    assert rating["rating"] == 2 and "Reuters" in rating["why"]["en"]


def test_venezuela_data_location_is_unknown_not_zero_for_a_supplier(doc):
    rating = doc["deployments"]["ven-carnet"]["ratings"]["data_location_jurisdiction"]
    assert rating["rating"] == "unknown"
    assert "a supplier is not a location" in rating["why"]["en"]
    rule = doc["rules"]["data_location_jurisdiction"]["unknown"]["en"]
    assert "Who supplied the equipment does not answer" in rule


def test_id_card_safety_benefit_is_unknown_not_zero_by_definition(doc):
    rating = doc["deployments"]["ven-carnet"]["ratings"]["public_safety_benefit"]
    assert rating["rating"] == "unknown"
    assert "not a crime-fighting tool" not in rating["why"]["en"]


def test_no_rating_rests_on_silence_alone(doc):
    """A numeric rating must apply a level of its rule; silence gives 'unknown'."""
    silence = re.compile(r"no (?:oversight|check|safeguard)[^.]*is reported|silence is not a "
                         r"safeguard|regional civil-society groups voice concern", re.I)
    for dep, d in doc["deployments"].items():
        for crit, r in d["ratings"].items():
            assert not silence.search(r["why"]["en"]), (dep, crit)
            if r["rating"] == "unknown":
                assert r["why"]["en"].startswith("Unknown"), (dep, crit)
            else:
                assert r["why"]["en"].startswith(f"Level {r['rating']}"), (dep, crit)


# ------------------------------------------------------------------ ratings as a method


def test_every_criterion_has_a_full_bilingual_rule(doc):
    assert list(doc["rules"]) == list(S.CRITERIA)
    for crit, rule in doc["rules"].items():
        assert set(rule["levels"]) == {0, 1, 2, 3, 4}, crit
        for text in [rule["question"], rule["unknown"], *rule["levels"].values()]:
            assert set(text) == {"en", "es"} and all(len(v) > 15 for v in text.values()), crit


def test_every_rating_has_a_rule_and_cited_rows_that_exist(doc):
    sources = set(dsrlab.load("sources")["id"])
    keys = {"claims": set(dsrlab.load("claims")["claim_id"]),
            "surveillance": set(dsrlab.load("surveillance")["deployment_id"]),
            "indicators": set(dsrlab.load("indicators")["indicator_id"]),
            "events": set(dsrlab.load("events")["event_id"])}
    assert set(doc["deployments"]) <= keys["surveillance"]
    for dep, d in doc["deployments"].items():
        assert list(d["ratings"]) == list(S.CRITERIA), dep
        for crit, r in d["ratings"].items():
            assert r["rating"] == "unknown" or r["rating"] in doc["rules"][crit]["levels"]
            assert r["source_ids"] and set(r["source_ids"]) <= sources, (dep, crit)
            assert r["rows"], (dep, crit)
            for ref in r["rows"]:
                table, _, key = ref.partition(":")
                assert key in keys[table], (dep, crit, ref)
            assert set(r["why"]) == {"en", "es"}


def test_long_ratings_show_the_rule_applied_and_unknown_in_words():
    long = A.ratings_table(long=True, lang="es")
    rules = yaml.safe_load(RATINGS.read_text("utf-8"))["rules"]
    for _, row in long.iterrows():
        rule = rules[row["criterion"]]
        expected = (rule["unknown"] if pd.isna(row["rating"])
                    else rule["levels"][int(row["rating"])])["es"]
        assert row["rule"] == expected
    assert (long.loc[long["rating"].isna(), "shown"] == "desconocido").all()
    assert long["rows"].str.len().gt(0).all()


def test_unknowns_never_score_as_zero_by_default():
    wide = A.ratings_table()
    assert wide[list(S.CRITERIA)].isna().any().any()  # the data do have unknowns
    default = A.scores_table().set_index("deployment_id")
    zero = A.scores_table(unknown="zero").set_index("deployment_id")
    for dep, row in wide.iterrows():
        known = row[list(S.CRITERIA)].dropna().astype(float)
        assert default.loc[dep, "score"] == round(known.mean(), 2)
        if len(known) < len(S.CRITERIA):
            assert default.loc[dep, "score"] > zero.loc[dep, "score"]
            assert default.loc[dep, "unknown"] == len(S.CRITERIA) - len(known)


def test_check_params_accepts_the_unknown_mode_and_rejects_others():
    assert dsrlab.check_params().unknown is None
    assert dsrlab.check_params(unknown="midpoint").unknown == "midpoint"
    assert dsrlab.check_params(unknown="zero").as_dict()["unknown"] == "zero"
    with pytest.raises(UsageError, match="'skip', 'zero', 'midpoint'"):
        dsrlab.check_params(unknown="worst")


def test_notebook_shows_the_rules_and_passes_the_unknown_parameter(cells):
    sources = "\n".join(cells.values())
    assert "assessment.rules_table()" in sources
    assert "unknown = None" in cells["nb03-03"]
    assert "unknown=unknown" in cells["nb03-04"]
    for cid in ("nb03-30", "nb03-31", "nb03-33"):
        assert "unknown=p.unknown" in cells[cid], cid
    assert "rules_table" in A.__all__


# --------------------------------------------------------------------- source checks


def test_every_source_check_of_03_is_shown_and_cites_known_sources(cells, exercises):
    sources = set(dsrlab.load("sources")["id"])
    code = "\n".join(cells.values())
    checks = exercises["source_checks"]
    assert {c["id"] for c in checks} >= {"03.au-span", "03.carnet-servers",
                                          "03.ecu911-start", "03.intel-law-text"}
    for check in checks:
        assert f'dsrlab.source_check("{check["id"]}")' in code, check["id"]
        assert set(check["source_ids"]) <= sources, check["id"]
        assert str(dsrlab.source_check(check["id"], lang="es"))


def test_source_check_exercise_applies_the_stated_rule(cells, exercises, doc):
    ex = next(e for e in exercises["exercises"] if e["id"] == "03.9")
    assert 'dsrlab.exercise("03.9")' in "\n".join(cells.values())
    assert "source check" in ex["objective"]["en"]
    correct = [c for c in ex["choices"] if c.get("correct")]
    assert [c["id"] for c in correct] == ["level1"]
    rule1 = doc["rules"]["data_location_jurisdiction"]["levels"][1]["en"]
    assert "staff of the foreign vendor work inside the unit that runs the data" in rule1
    assert correct[0]["text"]["en"].startswith("1: staff of the foreign vendor")
    # the evidence it rests on is a recorded source with the quoted words
    note = _row("sources", "id", "web-packt-zte-venezuela-2018").iloc[0]["note"]
    assert "embedded in a special unit within Cantv" in note


# ---------------------------------------------------------------- the audit's corrections


def test_ecu911_start_is_the_papers_date_for_one_centre(cells):
    assert "in operation since late 2016" not in cells["nb03-05"]
    assert "dates to November 2016" in cells["nb03-05"]
    notes = " ".join(_row("surveillance", "deployment_id", "ecu911")["note"].dropna())
    assert "already working in 2012" in notes


def test_uruguay_and_other_states_are_not_credited_to_zte():
    rows = dsrlab.load("surveillance").set_index("deployment_id")
    for dep in ("ury-zte", "zte-other-states"):
        assert pd.isna(rows.loc[dep, "vendors"]) or not rows.loc[dep, "vendors"], dep
        assert "such as ZTE" in rows.loc[dep, "note"]


def test_bolivia_command_centre_is_not_dated_to_2019(exercises):
    ex = next(e for e in exercises["exercises"] if e["id"] == "03.3")
    texts = " ".join(i["text"]["en"] for i in ex["items"])
    assert "command centre" not in texts
    assert "does not date" in ex["explanation"]["en"]


def test_civil_society_worry_is_the_authors_link_not_the_reports(markdown):
    row = _row("claims", "claim_id", "cl-vr-civil-society-worried").iloc[0]
    assert row["claimant_type"] == "author" and "Van Raemdonck" in row["claimant"]
    assert "have warned about the growing weight of Chinese infrastructure" not in markdown
    assert "without quoting it on China" in markdown


def test_health_silk_road_tools_are_not_tied_to_named_countries(markdown):
    assert "turned to Chinese digital tools: health-code apps" not in markdown
    assert "not tied to any named country" in markdown


def test_seminar_question_does_not_invent_criticism(markdown):
    assert "Venezuela's card drew strong criticism" not in markdown
    assert "drew no public objection" not in markdown
    assert "reports no expressions of concern" in markdown


def test_intelligence_law_conclusion_is_attributed_to_malena(cells, exercises):
    assert "Malena concludes that a Chinese telecom firm could not lawfully refuse" \
        in cells["nb03-17"]
    ex = next(e for e in exercises["exercises"] if e["id"] == "03.5")
    assert "Malena" in ex["explanation"]["en"] and "Malena" in ex["explanation"]["es"]


# -------------------------------------------------------------- papermill: the unknown mode


@pytest.mark.notebook
@pytest.mark.slow
def test_03_under_papermill_counts_unknowns_as_the_parameter_says(tmp_path):
    import papermill as pm

    weights = {"legal_safeguards": 2, "scope_creep": 1}
    nb = pm.execute_notebook(str(NB), str(tmp_path / NB.name), kernel_name="python3",
                             parameters={"weights": weights, "unknown": "zero", "lang": "en"},
                             cwd=str(NB.parent), progress_bar=False, log_output=False,
                             execution_timeout=300)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o["output_type"] == "error"]
    assert errors == []
    expected = A.scores_table(weights, unknown="zero")
    assert not expected["score"].equals(A.scores_table(weights)["score"])
    ranking = next(c for c in nb.cells if c.source.startswith("ranking = "))
    first = ranking.outputs[0]["data"]["text/plain"].splitlines()[1]
    assert expected["deployment_id"].iloc[0] in first
    assert f"{expected['score'].iloc[0]}" in first
    notes = " ".join(o.get("data", {}).get("text/markdown", "") for c in nb.cells
                     for o in c.get("outputs", []))
    assert "unknown ratings: count them as 0 (the worst)" in notes
