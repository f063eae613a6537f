"""Beyond the papers in notebook 04: recognition switches and China's own positions."""

import csv
from pathlib import Path

import pandas as pd
import pytest
from matplotlib.lines import Line2D

from dsrlab.base.errors import UsageError
from dsrlab.blocks.reading import reading_frame
from dsrlab.topics import giants

DATA = Path(__file__).resolve().parents[2] / "data"


def _rows(name):
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _sources():
    return {r["id"]: r for r in _rows("sources")}


def test_recognitions_follow_the_csv_in_date_order():
    by_hand = sorted(_rows("recognitions"), key=lambda r: r["recognised"])
    table = giants.recognitions_table(lang="en")
    assert table["iso3"].tolist() == [r["iso3"] for r in by_hand]
    assert [d.strftime("%Y-%m-%d") for d in table["recognised"]] == \
        [r["recognised"] for r in by_hand]
    assert table["source_id"].tolist() == [r["source_id"] for r in by_hand]


def test_months_between_are_counted_only_where_the_month_is_known():
    table = giants.recognitions_table(lang="en").set_index("iso3")
    for row in _rows("recognitions"):
        months = table.loc[row["iso3"], "months"]
        if not row["bri_mou"] or row["bri_mou_precision"] == "year":
            assert pd.isna(months)
            continue
        rec, mou = pd.Timestamp(row["recognised"]), pd.Timestamp(row["bri_mou"])
        assert months == (mou.year - rec.year) * 12 + mou.month - rec.month
        assert months >= 0, "a memorandum before recognition would need a note"


def test_every_switch_and_memorandum_rests_on_an_excerpted_web_source():
    sources = _sources()
    for row in _rows("recognitions"):
        for key in ("source_id", "bri_source_id"):
            if row[key]:
                src = sources[row[key]]
                assert src["url"].startswith("http") and 'Excerpt: "' in src["note"], row[key]
        assert row["bri_mou"] == "" or row["bri_source_id"], row["iso3"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_recognitions_read_in_both_languages_and_star_the_country(lang):
    table = giants.recognitions_table(country="DOM", lang=lang)
    comments = {r["iso3"]: r[f"comment_{lang}"] for r in _rows("recognitions")}
    assert table.set_index("iso3")["comment"].to_dict() == comments
    starred = table[table["state"].str.startswith("★ ")]["iso3"].tolist()
    assert starred == ["DOM"]
    shown = reading_frame(table, lang)
    assert ("Reconoció a Pekín" in shown.columns) == (lang == "es")


def test_a_bad_country_is_a_usage_error():
    with pytest.raises(UsageError, match="Atlantis"):
        giants.recognitions_table(country="Atlantis")
    with pytest.raises(UsageError, match="Atlantis"):
        giants.china_positions_table(country="Atlantis")


def test_the_figure_draws_each_dated_event_once():
    import matplotlib.pyplot as plt

    ax = giants.plot_recognitions(country="PAN", lang="en")
    rows = _rows("recognitions")
    markers = [ln for ln in ax.get_lines()
               if isinstance(ln, Line2D) and ln.get_marker() in ("o", "D")]
    assert sum(ln.get_marker() == "o" for ln in markers) == len(rows)
    assert sum(ln.get_marker() == "D" for ln in markers) == sum(bool(r["bri_mou"]) for r in rows)
    hollow = [ln for ln in markers
              if ln.get_marker() == "D" and ln.get_markerfacecolor() == "white"]
    assert len(hollow) == sum(r["bri_mou_precision"] == "year" for r in rows)
    plt.close("all")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_china_positions_in_both_languages(lang):
    rows = sorted(_rows("china_positions"), key=lambda r: r["date"])
    table = giants.china_positions_table(lang=lang)
    assert table["what"].tolist() == [r[f"title_{lang}"] for r in rows]
    assert table["summary"].tolist() == [r[f"summary_{lang}"] for r in rows]
    kinds = reading_frame(table, lang).iloc[:, 1].tolist()
    assert "discurso" in kinds if lang == "es" else "speech" in kinds


def test_china_positions_cover_the_themes_of_the_issue():
    """Cyber sovereignty, the 2017 strategy, the 2020 initiative and a vote."""
    rows = _rows("china_positions")
    assert {r["kind"] for r in rows} >= {"speech", "strategy", "initiative", "vote"}
    assert any(r["date"].startswith("2017-03") for r in rows)
    assert any(r["date"].startswith("2020-09") for r in rows)
    sources = _sources()
    assert all('Excerpt: "' in sources[r["source_id"]]["note"] for r in rows)
