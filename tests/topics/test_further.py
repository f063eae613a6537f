"""The end of every session: what happened after the papers, and annotated readings."""

import csv
from collections import Counter
from pathlib import Path

import pytest

from dsrlab.base.errors import UsageError
from dsrlab.blocks.reading import reading_frame
from dsrlab.topics import further

DATA = Path(__file__).resolve().parents[2] / "data"
EXCERPT = 'Excerpt: "'


def _rows(name):
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _sources():
    return {r["id"]: r for r in _rows("sources")}


def test_each_session_has_three_to_six_developments_after_the_papers():
    counts = Counter(r["session"] for r in _rows("after_papers"))
    assert set(counts) == set(further.SESSIONS)
    assert all(3 <= n <= 6 for n in counts.values()), counts
    assert all(r["date"] >= "2020" for r in _rows("after_papers"))


def test_every_development_rests_on_a_web_source_with_url_and_excerpt():
    sources = _sources()
    for row in _rows("after_papers"):
        src = sources[row["source_id"]]
        assert src["kind"] == "web" and src["url"].startswith("http"), row["item_id"]
        assert src["publisher"].strip() and EXCERPT in src["note"], row["item_id"]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("session", ["01", "02", "03", "04", "05"])
def test_after_papers_table_lists_the_session_in_date_order(session, lang):
    rows = sorted((r for r in _rows("after_papers") if r["session"] == session),
                  key=lambda r: (r["date"], r["item_id"]))
    table = further.after_papers_table(session, lang=lang)
    assert table["item_id"].tolist() == [r["item_id"] for r in rows]
    assert table["happened"].tolist() == [r[f"text_{lang}"] for r in rows]
    label = "Qué pasó" if lang == "es" else "What happened"
    assert label in reading_frame(table, lang).columns


def test_readings_per_session_and_their_sources():
    rows = _rows("readings")
    counts = Counter(r["session"] for r in rows)
    assert set(counts) == set(further.SESSIONS)
    assert all(4 <= n <= 6 for n in counts.values()), counts
    sources = _sources()
    for row in rows:
        assert sources[row["source_id"]]["url"].startswith("http"), row["reading_id"]
    for session in further.SESSIONS:
        kinds = {r["kind"] for r in rows if r["session"] == session}
        assert kinds == {"primary", "analysis"}, session


@pytest.mark.parametrize("lang", ["en", "es"])
def test_readings_table_in_order_with_citation_and_question(lang):
    rows = sorted((r for r in _rows("readings") if r["session"] == "04"),
                  key=lambda r: int(r["position"]))
    table = further.readings_table(4, lang=lang)
    assert table["source_id"].tolist() == [r["source_id"] for r in rows]
    assert table["question"].tolist() == [r[f"question_{lang}"] for r in rows]
    sources = _sources()
    for cite, sid, url in zip(table["reading"], table["source_id"], table["url"], strict=True):
        assert sources[sid]["title"] in cite and url == sources[sid]["url"]
    kinds = set(reading_frame(table, lang).iloc[:, 1])
    assert kinds == ({"documento primario", "análisis"} if lang == "es"
                     else {"primary document", "analysis"})


@pytest.mark.parametrize("bad", ["06", "0", "seminar", None])
def test_an_unknown_session_names_the_valid_ones(bad):
    for table in (further.after_papers_table, further.readings_table):
        with pytest.raises(UsageError, match="choose one of '01'"):
            table(bad)


def test_every_session_notebook_ends_with_both_sections():
    import json

    from dsrlab.base.course import notebook_paths

    sessions = {stem: path for stem, path in notebook_paths().items()
                if stem[:2] in further.SESSIONS}
    assert len(sessions) == len(further.SESSIONS)
    for stem, path in sessions.items():
        code = [("".join(c["source"]) if isinstance(c["source"], list) else c["source"])
                for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                if c["cell_type"] == "code"]
        assert f'further.after_papers_table("{stem[:2]}")' in code[-2], stem
        assert f'further.readings_table("{stem[:2]}")' in code[-1], stem
