"""What screenshots showed in tables and boxes (issue 15): each fix, checked in both languages."""

import re

import pandas as pd
import pytest

import dsrlab
from dsrlab.base.i18n import all_strings
from dsrlab.blocks.reading import reading_frame
from dsrlab.topics import brief, diplomacy, infrastructure, origins


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("country", [None, "CHL", "PER", "BOL"])
def test_the_infrastructure_panel_reads_in_words_and_cuts_nothing(country, lang):
    panel = infrastructure.infrastructure_panel(country=country, lang=lang)
    text = repr(panel)
    assert "…" not in text and " = " not in text
    assert not re.search(r"\b[a-z0-9]+_[a-z0-9_]+\b", text), text  # no codes, no table names
    assert "tg_landing_points" not in text and "- presence:" not in text
    assert 'class="dsrlab-table"' in panel._repr_html_()


def test_the_panel_counts_what_it_does_not_list():
    region = repr(infrastructure.infrastructure_panel(lang="es"))
    assert re.search(r"y \d+ más", region) and "equipos de telecomunicaciones" in region


def test_every_sector_and_indicator_has_words():
    strings = all_strings()
    for sector in dsrlab.load("presence")["sector"].astype(str).unique():
        assert f"tables.code_{sector}" in strings, sector
    for indicator in dsrlab.load("indicators")["indicator"].astype(str).unique():
        assert f"infrastructure.ind_{indicator}" in strings, indicator


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_timeline_key_writes_dates_at_their_precision(lang):
    shown = reading_frame(origins.timeline_table(lang=lang), lang)
    dates = shown[{"en": "Date", "es": "Fecha"}[lang]].tolist()
    events = dsrlab.load("events").sort_values("date")
    years = events[events["date_precision"] == "year"]["date"].dt.strftime("%Y")
    assert set(years) <= set(dates)
    assert not any(d.endswith("-01-01") for d in dates if len(d) == 10
                   and d[:4] in set(years))  # a year-only date is never a 1 January


def test_resolutions_table_in_words():
    es = reading_frame(diplomacy.resolutions_table(country="BRA", lang="es"), "es")
    assert es.columns.tolist()[-1] == "Voto de Brasil"
    assert es["Patrocinador"].tolist() == ["Federación de Rusia", "Estados Unidos"]
    assert es["Voto de Brasil"].tolist() == ["abstención", "sí"]
    assert "Voto de" not in " ".join(reading_frame(diplomacy.resolutions_table(), "en").columns)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_brief_tables_fit_the_page(lang):
    html = brief.brief_tables(country="BOL", lang=lang)._repr_html_()
    assert "dsrlab-brief" in html and "width:100%" in html
    for table in re.findall(r'<table class="dsrlab-brief">(.*?)</table>', html, re.S):
        assert table.count("<th>") <= 6  # a few columns: the page's width holds them
    assert "2013-10-01" not in html and "2013-10" in html  # the CGIT deal's month
    assert "Oct. 2013" not in html  # the as-printed twin is left out


def test_source_check_boxes_use_no_emoji():
    html = dsrlab.source_check("00.cgit-period")._repr_html_()
    assert "<svg aria-hidden='true'" in html
    assert not re.search("[\U0001F300-\U0001FAFF]", html)


def test_data_text_points_to_tables_in_words_not_files():
    text_columns = {"presence": ["activity_en", "note"], "events": ["note"],
                    "statements": ["note", "summary_en"]}
    for table, columns in text_columns.items():
        frame = dsrlab.load(table)
        for col in [c for c in columns if c in frame]:
            found = frame[col].dropna().astype(str).str.contains(r"\b\w+\.csv\b")
            assert not found.any(), (table, col, frame[col][found.reindex(frame.index,
                                                                          fill_value=False)])


def test_show_leaves_the_frame_alone():
    raw = dsrlab.load("investments")
    shown = dsrlab.show(raw)
    assert "dsrlab" not in raw.attrs and isinstance(shown, pd.DataFrame)
    with pytest.raises(dsrlab.UsageError):
        dsrlab.show("investments")
