"""The blocks of a country brief: its timeline, header, tables and sources."""

import re

import pandas as pd

import dsrlab
from dsrlab.topics import brief as B


def test_country_timeline_is_sorted_and_sourced():
    facts = B.timeline_table(country="BRA")
    assert facts["date"].is_monotonic_increasing
    assert facts["source_id"].notna().all()
    assert {"events", "investments", "un_votes"} <= set(facts["table"])
    adopted = dsrlab.load("un_resolutions").set_index("resolution")["adopted"]
    votes = facts[facts["table"] == "un_votes"]
    assert set(votes["date"]) == {pd.Timestamp(adopted["A/RES/73/27"]),
                                  pd.Timestamp(adopted["A/RES/73/266"])}


def test_brief_blocks_link_every_source():
    tables = B.brief_tables(country="ECU")._repr_html_()
    sources = B.brief_sources(country="ECU")._repr_html_()
    linked = set(re.findall(r'href="#src-([^"]+)"', tables))
    listed = set(re.findall(r'<li id="src-([^"]+)"', sources))
    assert linked and linked == listed
    header = B.brief_header(country="ECU", lang="es")._repr_html_()
    assert "Ecuador <small>(ECU)</small>" in header and "América del Sur" in header
    ax = B.plot_timeline(country="ECU")
    facts = B.timeline_table(country="ECU")  # one line a fact: "year · label"
    shown = [txt.get_text() for txt in ax.texts]
    assert len(shown) == len(facts)
    for text, date, label in zip(shown, facts["date"], facts["label"], strict=True):
        assert text.startswith(f"{date:%Y} · ")
        line = text.removeprefix(f"{date:%Y} · ")  # the line may cut a long label ...
        assert line == label or (line.endswith("…") and label.startswith(line[:-1]))
    assert not any(label.endswith("…") for label in facts["label"])  # ... the table never
