"""Notebook 03 helpers: deployments, scale figures, claims, the assessment and its widget."""

import csv
import math
from pathlib import Path

import matplotlib.text
import pandas as pd
import pytest

import dsrlab
from dsrlab.base.errors import UsageError
from dsrlab.base.i18n import t as translate
from dsrlab.exercises import assessment_widget as W
from dsrlab.topics import assessment as A
from dsrlab.topics import surveillance as S

REPO = Path(__file__).resolve().parents[2]


def _csv_rows(name):
    with (REPO / "data" / f"{name}.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _tiny_surveillance():
    return pd.DataFrame({
        "deployment_id": ["a", "a", "b"],
        "system": ["Alpha Integrated System", "Alpha Integrated System", "Beta"],
        "iso3": ["ECU", "ECU", "BOL"],
        "subnational": [None, "Quito", None],
        "component": ["camera network", "centres", "plate cameras"],
        "vendors": ["Huawei;CEIEC", "CEIEC", "ZTE"],
        "phase": [None, None, "2"],
        "year": [2016, None, None],
        "cameras": [4000, None, 840],
        "cameras_qualifier": ["more_than", None, "exact"],
        "cost_usd_m": [None, 30.0, None],
        "cost_qualifier": [None, "nearly", None],
        "capabilities": ["cctv", "monitoring_centre", "cctv;licence_plate_recognition"],
        "regional_centres": [None, 16, None],
        "status": ["operating", "operating", "planned"],
        "source_id": ["s1", "s2", "s3"],
    })


# --------------------------------------------------------------------------- deployments


def test_deployments_summary_keeps_qualifiers_vendors_and_highlight():
    table = _tiny_surveillance()
    before = table.copy()
    out = S.deployments_table(table, country="BOL")
    pd.testing.assert_frame_equal(table, before)  # input untouched
    a = out.set_index("deployment_id").loc["a"]
    assert a["vendors"] == "Huawei, CEIEC"
    assert a["cameras"] == "> 4,000"
    assert a["cost_usd_m"] == "≲ 30"
    assert a["components"] == 2 and a["subnational"] == "Quito"
    assert a["regional_centres"] == 16 and pd.isna(a["provinces"])
    assert out.set_index("deployment_id")["highlight"].to_dict() == {"a": False, "b": True}


def test_cameras_per_regional_centre_small_frame_and_real_data():
    assert S.cameras_per_regional_centre("a", table=_tiny_surveillance()) == 250.0
    rows = [r for r in _csv_rows("surveillance") if r["deployment_id"] == "ecu911"]
    cameras = sum(float(r["cameras"]) for r in rows if r["cameras"])
    centres = max(float(r["regional_centres"]) for r in rows if r["regional_centres"])
    assert S.cameras_per_regional_centre() == round(cameras / centres, 1)
    with pytest.raises(UsageError, match="no regional centres"):
        S.cameras_per_regional_centre("b", table=_tiny_surveillance())


def test_plot_cameras_labels_qualifiers_hatches_planned_and_marks_country():
    table = _tiny_surveillance()
    ax = S.plot_cameras(table, country="BOL", lang="en")
    bar_texts = [child.get_text() for child in ax.get_children()
                 if isinstance(child, matplotlib.text.Annotation)]
    assert sorted(bar_texts) == ["840 (planned)", "> 4,000"]
    ticks = {t.get_text(): t.get_fontweight() for t in ax.get_yticklabels()}
    marked = [k for k in ticks if k.startswith("▶")]
    assert len(marked) == 1 and "Beta" in marked[0] and ticks[marked[0]] == "bold"
    hatches = sorted(p.get_hatch() or "" for p in ax.patches)
    assert hatches == ["", "//"]
    assert "planned" in ax.get_xlabel()


def test_plot_costs_in_spanish_returns_given_axes():
    import matplotlib.pyplot as plt

    _, given = plt.subplots()
    ax = S.plot_costs(_tiny_surveillance(), ax=given, lang="es")
    assert ax is given
    assert ax.get_title(loc="left").replace("\n", " ") == translate("surveillance.cost_title",
                                                                    lang="es")


# -------------------------------------------------------------------------------- claims


def _tiny_claims():
    return pd.DataFrame({
        "claim_id": ["c1", "c2", "c3", "c4"],
        "topic": ["surveillance", "privacy", "trade", "espionage"],
        "deployment_id": ["ecu911", None, None, None],
        "claim_en": ["Crime fell.", "Data could leak.", "Trade grew.", "It is false."],
        "claimant": ["An operator", "Critics", "Author", "A minister"],
        "claimant_type": ["operator", "critics", "author", "chinese_government"],
        "stance": ["benefit", "concern", "neutral", "denial"],
        "quote": [None, None, None, "all lies"],
        "source_id": ["s1", "s2", "s3", "s4"],
    })


def test_claims_table_labels_claimant_and_filters_session_topics():
    claims = _tiny_claims()
    out = S.claims_table(claims=claims, lang="en")
    assert out["claim_id"].tolist() == ["c1", "c2", "c4"]  # trade is not a session topic
    assert out.loc[0, "claimed_by"] == "Claim by An operator (operator)"
    assert out.loc[2, "claim"] == 'It is false. ("all lies")'
    assert out.loc[1, "stance"] == "concern"
    assert S.claims_table(topic=None, claims=claims)["claim_id"].tolist() == ["c1", "c2", "c3",
                                                                              "c4"]
    assert S.claims_table(topic="trade", claims=claims, lang="es").loc[0, "claimant_type"] == \
        "autor o autora del trabajo académico"
    assert S.claims_table(deployment_id="ecu911", claims=claims)["claim_id"].tolist() == ["c1"]


def test_every_claimant_type_and_stance_in_the_data_has_a_label():
    claims = dsrlab.load("claims")
    table = S.claims_table(topic=None, claims=claims)
    assert len(table) == len(claims)
    assert table["claimed_by"].str.startswith("Claim by ").all()
    # the papers' authors carry their role in their name: it is said once
    authors = table.loc[claims["claimant_type"].astype(str).to_numpy() == "author", "claimed_by"]
    assert len(authors) and authors.str.contains("(author)", regex=False).all()
    assert not table["claimed_by"].str.contains("author of the paper").any()
    spanish = S.claims_table(topic=None, claims=claims, lang="es")["claimed_by"]
    assert not spanish.str.contains("autor o autora").any()
    critics = table.loc[claims["claim_id"].to_numpy() == "cl-critics-zte-systems", "claimed_by"]
    assert critics.tolist() == ["Claim by Critics (unnamed)"]
    assert "Afirmación de Críticos (sin nombre)" in spanish.tolist()


def test_plot_claims_counts_every_session_claim_once():
    ax = S.plot_claims(lang="en")
    session = [r for r in _csv_rows("claims") if r["topic"] in S.SESSION_TOPICS]
    assert sum(p.get_width() for p in ax.patches) == len(session)
    assert {t.get_text() for t in ax.get_legend().get_texts()} <= {
        "benefit", "concern", "denial", "neutral"}


# ---------------------------------------------------------------------------- assessment


def test_criteria_and_default_weights():
    assert S.CRITERIA == ("public_safety_benefit", "contract_transparency", "legal_safeguards",
                          "data_location_jurisdiction", "scope_creep")
    assert list(S.DEFAULT_WEIGHTS) == list(S.CRITERIA)
    assert set(S.DEFAULT_WEIGHTS.values()) == {1.0}


_ZERO = dict.fromkeys(S.CRITERIA, 0)


@pytest.mark.parametrize(("bad", "message"), [
    ({"price": 1}, "unknown criterion 'price'"),
    ({"scope_creep": -1}, "must be a finite number from 0 to 5"),
    ({"scope_creep": 6}, "must be a finite number from 0 to 5"),
    ({"scope_creep": "high"}, "must be a finite number from 0 to 5"),
    ({"scope_creep": True}, "must be a finite number from 0 to 5"),
    ({"scope_creep": math.nan}, "must be a finite number from 0 to 5"),
    (_ZERO, "all zero"),
    ([1, 2], "must be a dict"),
])
def test_resolve_weights_rejects_bad_input_naming_criteria(bad, message):
    with pytest.raises(UsageError, match=message) as err:
        A.resolve_weights(bad)
    assert "scope_creep" in str(err.value)


def test_resolve_weights_keeps_defaults_for_missing_criteria_and_returns_new_dict():
    given = {"legal_safeguards": 2}
    out = A.resolve_weights(given)
    assert out == {c: (2.0 if c == "legal_safeguards" else 1.0) for c in S.CRITERIA}
    assert given == {"legal_safeguards": 2}
    assert A.resolve_weights(None) == S.DEFAULT_WEIGHTS
    assert A.resolve_weights(None) is not S.DEFAULT_WEIGHTS


def test_resolve_weights_agrees_with_check_params():
    given = {"legal_safeguards": 3, "scope_creep": 0}
    assert A.resolve_weights(given) == dict(dsrlab.check_params(weights=given).weights)


def test_scores_and_ranking_computed_by_hand():
    ratings = pd.DataFrame(
        {"label": ["X", "Y", "Z"], "iso3": ["ECU", "BOL", "ARG"],
         "public_safety_benefit": [4, 0, 2], "contract_transparency": [0, 4, 2],
         "legal_safeguards": [1, 3, 2], "data_location_jurisdiction": [0, 0, 0],
         "scope_creep": [2, 2, 2]},
        index=pd.Index(["x", "y", "z"], name="deployment_id"))
    before = ratings.copy()
    weights = {"public_safety_benefit": 3, "contract_transparency": 1, "legal_safeguards": 2,
               "data_location_jurisdiction": 0, "scope_creep": 0}
    out = A.scores_table(weights, ratings=ratings)
    pd.testing.assert_frame_equal(ratings, before)
    # x: (3*4 + 1*0 + 2*1) / 6 = 14/6; y: (0 + 4 + 6) / 6 = 10/6; z: (6 + 2 + 4) / 6 = 2
    assert out["deployment_id"].tolist() == ["x", "z", "y"]
    assert out["score"].tolist() == [round(14 / 6, 2), 2.0, round(10 / 6, 2)]
    assert out["rank"].tolist() == [1, 2, 3]
    # a missing criterion keeps weight 1: x = (12 + 0 + 2 + 0 + 2) / 7
    partial = {"public_safety_benefit": 3, "contract_transparency": 1, "legal_safeguards": 1}
    x = A.scores_table(partial, ratings=ratings).set_index("deployment_id").loc["x"]
    assert x["score"] == round((12 + 0 + 1 + 0 + 2) / 7, 2)
    # ties share the best rank, listed by id
    tie = A.scores_table({**_ZERO, "scope_creep": 1}, ratings=ratings)
    assert tie["rank"].tolist() == [1, 1, 1] and tie["deployment_id"].tolist() == ["x", "y", "z"]


def test_course_scores_with_equal_weights_are_means_of_the_known_yaml_ratings():
    import yaml

    doc = yaml.safe_load((REPO / "dsrlab" / "topics" / "assessment_ratings.yml").read_text("utf-8"))
    expected = {}
    for dep, d in doc["deployments"].items():
        known = [d["ratings"][c]["rating"] for c in S.CRITERIA
                 if d["ratings"][c]["rating"] != "unknown"]
        expected[dep] = round(sum(known) / len(known), 2)
    out = A.scores_table(None)
    assert dict(zip(out["deployment_id"], out["score"], strict=True)) == expected
    assert out["score"].is_monotonic_decreasing


def test_unknown_modes_skip_zero_midpoint_by_hand():
    nan = math.nan
    ratings = pd.DataFrame(
        {"public_safety_benefit": [4, nan], "contract_transparency": [nan, 2],
         "legal_safeguards": [nan, nan], "data_location_jurisdiction": [2, 2],
         "scope_creep": [0, 4]},
        index=pd.Index(["p", "q"], name="deployment_id"))
    weights = {"public_safety_benefit": 2, "contract_transparency": 1, "legal_safeguards": 1,
               "data_location_jurisdiction": 1, "scope_creep": 0}

    def by_id(mode):
        out = A.scores_table(weights, ratings=ratings, unknown=mode)
        return out.set_index("deployment_id")

    skip, zero, mid = by_id("skip"), by_id("zero"), by_id("midpoint")
    # skip: p = (2*4 + 1*2) / 3 (benefit and data known); q = (1*2 + 1*2) / 2
    assert skip.loc["p", "score"] == round(10 / 3, 2) and skip.loc["q", "score"] == 2.0
    # zero: unknowns count 0 over all 5 units of weight; midpoint: they count 2
    assert zero.loc["p", "score"] == 2.0 and zero.loc["q", "score"] == 0.8
    assert mid.loc["p", "score"] == 2.8 and mid.loc["q", "score"] == 2.0
    # the default is skip, and the range the unknowns leave open is the same in every mode
    default = A.scores_table(weights, ratings=ratings).set_index("deployment_id")
    pd.testing.assert_frame_equal(default, skip)
    assert skip.loc["p", "unknown"] == 2 and skip.loc["q", "unknown"] == 2
    assert (skip.loc["p", "low"], skip.loc["p", "high"]) == (2.0, 3.6)
    assert zero.loc["p", "low"] == skip.loc["p", "low"] == zero.loc["p", "score"]
    # a criterion with weight 0 is not counted as unknown
    only_scope = {**_ZERO, "scope_creep": 1, "legal_safeguards": 0}
    assert A.scores_table(only_scope, ratings=ratings)["unknown"].tolist() == [0, 0]
    with pytest.raises(UsageError, match="'skip', 'zero', 'midpoint'"):
        A.scores_table(weights, ratings=ratings, unknown="worst")


def test_all_weighted_criteria_unknown_gives_no_score_and_no_rank():
    only_safeguards = {**_ZERO, "legal_safeguards": 1}
    out = A.scores_table(only_safeguards)
    assert out["score"].isna().all() and out["rank"].isna().all()
    assert (out["low"] == 0).all() and (out["high"] == 4).all()
    assert A.scores_table(only_safeguards, unknown="midpoint")["score"].eq(2).all()
    ax = A.plot_ranking(out, lang="en")
    texts = " ".join(t.get_text().replace("\n", " ") for t in ax.texts)
    assert texts.count("no score") == len(out)


def test_ratings_are_complete_justified_cited_and_refer_to_known_deployments():
    sources = set(dsrlab.load("sources")["id"])
    deployments = set(dsrlab.load("surveillance")["deployment_id"])
    long = A.ratings_table(long=True, lang="es")
    assert len(long) == 5 * len(A.ratings_table())
    assert set(long["deployment_id"]) <= deployments
    known = long["rating"].notna()
    assert long.loc[known, "rating"].between(0, 4).all()
    assert (long.loc[~known, "shown"] == "desconocido").all()
    assert (long["why"].str.len() > 20).all()
    for ids in long["source_ids"]:
        assert set(ids.split(", ")) <= sources, ids


def test_assessment_rules_table_in_both_languages():
    for lang in ("en", "es"):
        rules = A.rules_table(lang=lang)
        assert rules.frame.shape == (5, 7)
        assert list(rules.frame.index) == [translate(f"surveillance.criterion_{c}", lang=lang)
                                           for c in S.CRITERIA]
        assert rules.frame.notna().all().all()
        html = rules._repr_html_()
        assert "<caption>" in html and html.count("<tr>") == 6
    assert "Desconocido" in A.rules_table(lang="es").frame.columns[-1]


def test_plot_ranking_marks_country_and_shows_weights():
    scores = A.scores_table(None)
    ax = A.plot_ranking(scores, country="BOL", weights={"scope_creep": 2.5}, lang="es")
    title = translate("surveillance.ranking_title", lang="es")
    assert ax.get_title().replace("\n", " ") == title
    marked = [t for t in ax.get_yticklabels() if t.get_text().startswith("▶")]
    assert len(marked) == 1 and "BOL-110" in marked[0].get_text()
    bars = [p for p in ax.patches if not p.get_hatch()]
    assert [round(p.get_width(), 2) for p in bars] == scores["score"].tolist()[::-1]
    xlabel = ax.get_xlabel().replace("\n", " ")
    assert "Alcance limitado (sin expansión) 2.5" in xlabel
    assert "Valoraciones desconocidas: omitirlas" in xlabel


def test_plot_ranking_shows_unknowns_as_a_hatched_range_and_in_words():
    scores = A.scores_table(None)
    ax = A.plot_ranking(scores, lang="en", unknown="skip")
    bands = [p for p in ax.patches if p.get_hatch()]
    with_unknown = scores[scores["unknown"] > 0].iloc[::-1]
    assert len(bands) == len(with_unknown) > 0
    assert sorted((round(b.get_x(), 2), round(b.get_x() + b.get_width(), 2)) for b in bands) \
        == sorted(zip(with_unknown["low"], with_unknown["high"], strict=True))
    texts = [t.get_text().replace("\n", " ") for t in ax.texts]
    for _, row in scores.iterrows():
        expected = f"{row['score']:.2f}" + (f" · unknown: {row['unknown']}" if row["unknown"]
                                             else "")
        assert expected in texts
    legend = ax.figure.legends[0].get_texts()[0].get_text().replace("\n", " ")
    assert legend.startswith("hatched grey band")


def test_assessment_with_parameter_weights_is_a_static_note():
    note = W.assess(weights={"legal_safeguards": 3})
    assert "Safeguards and oversight 3" in note.data
    assert "unknown ratings: skip them" in note.data
    assert "count them as 0" in W.assess(weights={"scope_creep": 1}, unknown="zero").data
    assert isinstance(W.assess(), W.AssessmentWidget)


# ------------------------------------------------------------------- the widget, as a student


def test_widget_live_update_save_and_restore(answers_dir):
    from dsrlab.exercises import store as answers

    widget = W.assess(country="ARG")
    assert widget.weights == S.DEFAULT_WEIGHTS
    assert 'alt="Bar chart: ' in widget.chart.value  # the chart's alt text, from its data
    first_png = widget.chart_png
    assert first_png.startswith(b"\x89PNG")
    assert "Jujuy" in widget.table.value

    # a student who only cares about scope creep and transparency
    for name in S.CRITERIA:
        widget.sliders[name].value = 0.0
    widget.sliders["scope_creep"].value = 4.0
    widget.sliders["contract_transparency"].value = 1.5
    expected = A.scores_table({**_ZERO, "scope_creep": 4.0, "contract_transparency": 1.5})
    assert widget.scores()["deployment_id"].tolist() == expected["deployment_id"].tolist()
    assert widget.chart_png != first_png
    assert f"{expected['score'].iloc[0]:.2f}" in widget.table.value

    # unknown ratings counted as the middle of the scale: the table follows
    widget.unknown_choice.value = "midpoint"
    mid = A.scores_table({**_ZERO, "scope_creep": 4.0, "contract_transparency": 1.5},
                              unknown="midpoint")
    assert widget.scores()["score"].tolist() == mid["score"].tolist()

    widget.save_button.click()
    saved = answers.latest("03.assessment")
    assert saved["response"] == {"weights": widget.weights, "unknown": "midpoint"}
    assert saved["meta"]["kind"] == "assessment"
    assert saved["meta"]["ranking"] == expected["deployment_id"].tolist()
    assert widget.status.value.startswith("✔")

    again = W.AssessmentWidget()
    assert again.weights == widget.weights and again.unknown == "midpoint"
    assert again.status.value == translate("surveillance.restored_weights")


def test_widget_with_explicit_weights_ignores_saved_ones_and_reads_spanish(answers_dir):
    from dsrlab.exercises import store as answers

    answers.record("03.assessment", {"weights": {"scope_creep": 5}}, type="assessment")
    widget = W.AssessmentWidget(weights={"legal_safeguards": 2}, lang="es")
    assert widget.weights["legal_safeguards"] == 2.0 and widget.weights["scope_creep"] == 1.0
    assert widget.save_button.description == "Guardar mis pesos"
    assert widget.sliders["legal_safeguards"].description == "Salvaguardas y control"
    assert widget.unknown == "skip"
    assert "Desconocidas" in widget.table.value


def test_widget_all_zero_sliders_fall_back_to_equal_weights(answers_dir):
    widget = W.AssessmentWidget()
    for slider in widget.sliders.values():
        slider.value = 0.0
    assert widget.scores()["score"].tolist() == A.scores_table(None)["score"].tolist()


def test_country_by_name_highlights_figures_and_tables():
    ax = S.plot_cameras(_tiny_surveillance(), country="Bolivia")
    marked = [t.get_text() for t in ax.get_yticklabels() if t.get_text().startswith("▶")]
    assert len(marked) == 1 and "Beta" in marked[0]
    table = S.deployments_table(_tiny_surveillance(), country="bo")
    assert table.set_index("deployment_id")["highlight"].to_dict() == {"a": False, "b": True}
    claims = S.claims_table(topic=None, country="Ecuador")
    ecu = set(dsrlab.load("claims").query("deployment_id == 'ecu911'")["claim_id"])
    assert ecu and set(claims.loc[claims["claim"].str.startswith("★ "), "claim_id"]) >= ecu
    ax = S.plot_claims(topic=None, country="ECU")
    assert any(t.get_text().startswith("▶") and t.get_fontweight() == "bold"
               for t in ax.get_yticklabels())
    with pytest.raises(UsageError, match="unknown country"):
        S.plot_costs(country="Atlantis")
