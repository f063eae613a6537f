"""Content of sessions 00-02: each corrected fact is pinned to its data row (issue 13).

The tests read the notebook JSON, the exercise YAML and the CSV rows directly, so a wrong
statement that comes back in any of them fails here, and the right fact is checked against the
row it rests on.
"""

import csv
import json

import pytest
import yaml

from dsrlab.base.paths import data_dir, exercises_dir, notebooks_dir, package_dir

SESSIONS = {"00": "00_start_here", "01": "01_dsr_origins", "02": "02_latam_digital_infrastructure"}


def _rows(name):
    with (data_dir() / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _row(name, key, value):
    found = [r for r in _rows(name) if r[key] == value]
    assert len(found) == 1, f"{name}: {key}={value!r} found {len(found)} times"
    return found[0]


def _nb(session):
    return json.loads((notebooks_dir() / f"{SESSIONS[session]}.ipynb").read_text(encoding="utf-8"))


def _markdown(session):
    return "\n".join("".join(c["source"]) for c in _nb(session)["cells"]
                     if c["cell_type"] == "markdown")


def _code(session):
    return ["".join(c["source"]) for c in _nb(session)["cells"] if c["cell_type"] == "code"]


def _ex_file(session):
    return yaml.safe_load((exercises_dir() / f"{session}.yml").read_text(encoding="utf-8"))


def _exercise(ex_id):
    for ex in _ex_file(ex_id.split(".")[0])["exercises"]:
        if ex["id"] == ex_id:
            return ex
    raise KeyError(ex_id)


def _check(check_id):
    for c in _ex_file(check_id.split(".")[0]).get("source_checks", []):
        if c["id"] == check_id:
            return c
    raise KeyError(check_id)


def _text(obj):
    """Every string in an exercise or check, both languages, as one lower-case text."""
    if isinstance(obj, dict):
        return " ".join(_text(v) for v in obj.values())
    if isinstance(obj, list):
        return " ".join(_text(v) for v in obj)
    return str(obj).lower() if isinstance(obj, str) else ""


def _sources():
    return {r["id"]: r for r in _rows("sources")}


# --- item 4: shares with different denominators; the seven deals are a selection ----------------

def test_01_3_explains_the_denominators_not_a_hand_picked_picture():
    from dsrlab.topics import investments

    ex = _exercise("01.3")
    text = _text(ex["explanation"])
    assert "hand-picked table can give a very different picture" not in text
    assert "denominator" in text
    # the numbers the explanation quotes agree with the investments rows
    inv = _rows("investments")
    total = sum(float(r["amount_usd_m"]) for r in inv)
    telecom = [r for r in inv if r["subsector"] == "Telecom"]
    assert f"{100 * sum(float(r['amount_usd_m']) for r in telecom) / total:.1f}%" in text  # 46.5%
    assert f"{len(telecom)} of the {len(inv)} deals" in text
    assert investments.telecom_share() == pytest.approx(46.5, abs=0.05)
    # ... and the global figure it is contrasted with is a share of the number of projects
    assert _row("indicators", "indicator_id", "cgit-telecom-outbound")["value"] == "2"
    assert "number of all china" in text


def test_the_seven_deals_are_called_a_selection_not_the_trackers_list():
    md02 = _markdown("02")
    assert "the seven that the **China Global Investment Tracker** lists" not in md02
    assert "Seven deals in ten years: is the tracker table evidence" not in md02
    assert '"included"' in md02 and "selection" in md02
    assert "The seven Latin American technology deals the tracker lists" not in _markdown("01")
    assert '"included"' in _check("02.cgit-selection")["paper"]["en"]
    assert len(_rows("investments")) == 7


def test_table_period_is_given_with_both_statements_of_it():
    check = _check("00.cgit-period")
    cgit = _sources()["aei-cgit"]
    assert cgit["date"] == "2020-06"  # the source line's end of coverage
    assert "June 2020" in check["other"]["en"] and "March 2015" in check["paper"]["en"]
    dates = sorted(r["date"] for r in _rows("investments"))
    assert dates[0].startswith("2009-01") and dates[-1].startswith("2015-02")
    assert "January 2009 to February 2015" in check["other"]["en"]


# --- item 5: a ministerial meeting of the China-CELAC Forum, not a summit -----------------------

def test_celac_forum_meeting_is_not_called_a_summit_in_02():
    md02 = _markdown("02")
    assert "CELAC–China summit" not in md02 and "CELAC-China summit" not in md02
    assert "second ministerial meeting of the China–CELAC Forum" in md02
    row = _row("events", "event_id", "ev-2018-celac-china-bachelet-cable")
    assert "summit" not in row["title_en"].lower() and "cumbre" not in row["title_es"].lower()
    assert "Second Ministerial Meeting" in row["note"] and "Santiago" in row["note"]
    sources = _sources()
    for sid in _check("02.celac-forum-2018")["source_ids"][1:]:
        assert "Second Ministerial Meeting" in sources[sid]["note"]
    assert "Santiago" in sources["web-prc-embassy-celac-forum-2018"]["note"]


# --- item 11: the papers' silence is not evidence ------------------------------------------------

def test_absence_of_records_is_not_taught_as_a_finding():
    md01 = _markdown("01")
    assert "That absence is itself a finding" not in md01
    assert "barely visible" not in md01
    assert "leave almost no trace in Latin America's" not in md01
    assert "silence is not\nevidence" in md01 or "silence is not evidence" in md01
    # China Unicom is in the data, as the narrative now says
    unicom = [r for r in _rows("presence") if r["firm_id"] == "china-unicom"]
    assert len(unicom) >= 2
    assert len(unicom) == 2 and "two records for China Unicom" in md01
    strings = yaml.safe_load((package_dir() / "strings" / "origins.yml")
                             .read_text(encoding="utf-8"))
    assert "not evidence of absence" in strings["no_records"]["en"]


def test_charted_absence_note_still_lists_firms_without_rows():
    from dsrlab.topics import firms

    t = firms.actors_table()
    silent = set(t.loc[(t["records"] == 0) & (t["home_country"] == "CHN"), "firm_id"])
    assert {"china-mobile", "china-telecom"} <= silent and "china-unicom" not in silent


# --- the threshold leaves out "some" projects, as the paper says ---------------------------------

def test_threshold_leaves_out_some_not_many_projects():
    assert "many satellite and fibre projects are that small" not in _markdown("01")
    ex = _exercise("01.5")
    assert "dsr projects are often small" not in _text(ex)
    note = _row("indicators", "indicator_id", "cgit-threshold")["note"]
    assert "some DSR satellite and fibre projects" in note
    assert _row("indicators", "indicator_id", "cgit-threshold")["value"] == "95"


# --- source-check boxes: the corrections hiding in notes ------------------------------------------

def test_vrss1_launch_date_is_corrected_with_its_sources():
    row = _row("events", "event_id", "ev-2008-10-vrss1")
    assert row["date"].startswith("2008-10")  # kept as printed
    assert "29 September 2012" in row["note"] and "public record" not in row["note"]
    check = _check("02.vrss1-launch")
    assert "29 September 2012" in check["other"]["en"]
    assert set(check["source_ids"]) >= {"web-latinodaily-vrss1-2012", "web-xinhua-vrss2-2017"}
    assert "29, 2008" in _sources()["web-latinodaily-vrss1-2012"]["note"]  # Venesat-1, Oct. 29
    assert "VRSS-1" in _sources()["web-xinhua-vrss2-2017"]["note"]


def test_taiyuan_is_in_shanxi():
    row = _row("events", "event_id", "ev-2019-12-cbers-sixth-satellite")
    assert "Shanxi" in row["note"] and "web-scio-cbers4a-2019" in row["note"]
    assert "Shanxi Province" in _sources()["web-scio-cbers4a-2019"]["note"]
    check = _check("02.taiyuan-province")
    assert "Shanxi" in check["other"]["en"] and "Shaanxi" in check["paper"]["en"]


def test_cbers_name_and_start_are_checked():
    assert "Earth Research Satellite" not in _markdown("02").replace('"Earth Research"', "")
    row = _row("events", "event_id", "ev-1984-cbers-program")
    assert "Earth Resource" in row["title_en"]
    assert "1988" in row["note"]
    check = _check("02.cbers-name")
    assert "1988" in check["other"]["en"] and "1984" in check["paper"]["en"]
    assert "began in 1988" in _sources()["web-cnsa-cbers4-2014"]["note"]


def test_footnotes_24_and_47_are_flagged_where_used():
    assert "3 x 3" in _sources()["malena-fn24"]["title"]
    assert "2015" in _check("02.fn24-white-paper")["other"]["en"]
    assert "Vega" in _sources()["malena-fn47"]["title"]
    assert "Vega" in _check("02.fn47-satellogic")["other"]["en"]
    code = _code("02")
    assert 'dsrlab.source_check("02.fn24-white-paper")' in code
    assert 'dsrlab.source_check("02.fn47-satellogic")' in code


def test_sail_completion_and_ready_for_service_are_both_kept():
    cable = _row("cables", "cable_id", "sail")
    assert cable["year_completed"] == "2018"
    tg = _row("tg_cables", "cable_slug", cable["telegeography_slug"])
    assert tg["rfs_year"] == "2020"
    check = _check("02.sail-dates")
    assert "September 2018" in check["paper"]["en"] and "2020" in check["other"]["en"]


def test_intelligence_law_adoption_date_has_a_found_source():
    row = _row("events", "event_id", "ev-2017-national-intelligence-law")
    assert row["date"].startswith("2017") and "web-npcobserver-nil" in row["note"]
    assert "June 27, 2017" in _sources()["web-npcobserver-nil"]["note"]
    assert _sources()["malena-fn12"]["date"] == "2018-06-12"


def test_rows_of_01_02_name_a_found_source_not_the_public_record():
    ids = ["ev-2015-wic2-xi-speech", "ev-2017-05-brf1-dsr", "ev-2014-cac-annual-event",
           "ev-2017-national-intelligence-law", "ev-2019-pompeo-chile-visit",
           "ev-2019-12-cbers-sixth-satellite", "ev-2008-mid-venesat1", "ev-2008-10-vrss1",
           "ev-2017-10-vrss2", "ev-2018-celac-china-bachelet-cable"]
    sources = _sources()
    for eid in ids:
        note = _row("events", "event_id", eid)["note"]
        assert "public record" not in note, eid
        cited = [w.strip("().,;") for w in note.split() if w.strip("().,;").startswith("web-")]
        assert cited and all(c in sources for c in cited), (eid, cited)


# --- exercise 00.1 cites the workbook, not the papers; 02 intro ids ---

def test_exercises_about_the_workbook_cite_the_workbook():
    for ex_id in ("00.1", "00.2", "00.3"):
        assert _exercise(ex_id)["source_ids"] == ["dsrlab-guide"], ex_id
    assert _sources()["dsrlab-guide"]["kind"] == "software"


def test_02_introduction_has_no_placeholder_ids():
    intro = "".join(_nb("02")["cells"][0]["source"])
    assert "…`" not in intro and "-…" not in intro
    for sid in ("malena-dsr", "vanraemdonck-cyber", "aei-cgit", "telegeography-2021"):
        assert f"`{sid}`" in intro and sid in _sources()


# --- every session has source-check boxes and a source-check exercise ---

@pytest.mark.parametrize("session", sorted(SESSIONS))
def test_session_has_a_box_on_the_page_and_a_source_check_exercise(session):
    data = _ex_file(session)
    checks = data.get("source_checks", [])
    assert checks, f"{session}.yml has no source_checks"
    assert not any(c["id"].endswith(".example") for c in checks)
    code = _code(session)
    for c in checks:
        assert f'dsrlab.source_check("{c["id"]}")' in code, c["id"]
    sc_exercises = [ex for ex in data["exercises"]
                    if ex["prompt"]["en"].startswith("Source check.")]
    assert sc_exercises, f"{session} has no source-check exercise"
    for ex in sc_exercises:
        assert f'dsrlab.exercise("{ex["id"]}")' in code
        assert ex["prompt"]["es"].startswith("Verificación de fuentes.")


@pytest.mark.parametrize("session", sorted(SESSIONS))
def test_every_source_check_cites_known_sources_in_both_languages(session):
    known = _sources()
    for c in _ex_file(session).get("source_checks", []):
        missing = [s for s in c["source_ids"] if s not in known]
        assert not missing, (c["id"], missing)
        for part in ("title", "paper", "other", "why"):
            assert c[part]["en"].strip() and c[part]["es"].strip(), (c["id"], part)


def test_web_sources_of_00_02_carry_url_publisher_and_a_quoted_excerpt():
    cited = set()
    for session in SESSIONS:
        data = _ex_file(session)
        for item in data["exercises"] + data.get("source_checks", []):
            cited |= {s for s in item["source_ids"] if s.startswith("web-")}
    assert len(cited) >= 8
    sources = _sources()
    for sid in cited:
        row = sources[sid]
        assert row["kind"] == "web" and row["url"].startswith("http"), sid
        assert row["publisher"], sid
        assert 'Excerpt: "' in row["note"], sid


def test_source_check_boxes_render_in_both_languages():
    from dsrlab.exercises.source_check import source_check

    box = source_check("02.taiyuan-province", lang="es")
    assert str(box).startswith("Verificación de fuentes: Taiyuan está en Shanxi")
    assert "role='note'" in source_check("01.intel-law-date", lang="en")._repr_html_()
