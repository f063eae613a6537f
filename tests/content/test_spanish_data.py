"""The data's own words exist in Spanish, and a Spanish table shows them, not the English.

Every text column a reader sees (``claim_en``, ``summary_en``, ``description_en``…) has a
``*_es`` twin filled wherever the English is; the tables the notebooks and briefs show pick
the Spanish column in Spanish. Numbers in a sentence are facts: the Spanish text states the
same ones.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from dsrlab import load
from dsrlab.data.tables import descriptor
from dsrlab.editions import english_words
from dsrlab.topics.diplomacy import organisations_table, statements_table
from dsrlab.topics.infrastructure import policy_documents_table
from dsrlab.topics.surveillance import claims_table

TEXT_TABLES = [r["name"] for r in descriptor()["resources"] if "schema" in r and any(
    f["name"].endswith("_en") for f in r["schema"]["fields"])]


def _pairs(name):
    frame = load(name)
    return [(c, c[:-3] + "_es") for c in frame.columns if c.endswith("_en")]


ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def _roman(word: str) -> int:
    values = [ROMAN[c] for c in word]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v
               for i, v in enumerate(values))


def _digits(text: str, roman: bool = False) -> Counter:
    """The numbers a text states; Spanish writes centuries and summits in Roman numerals."""
    found = [re.sub(r"\D", "", n) for n in re.findall(r"\d+(?:[.,]\d+)*", text)]
    if roman:
        found += [str(_roman(w)) for w in re.findall(r"\b[IVXLC]{2,}\b", text)]
    return Counter(found)


@pytest.mark.parametrize("name", TEXT_TABLES)
def test_every_english_text_column_has_a_filled_spanish_twin(name):
    frame = load(name)
    for en, es in _pairs(name):
        assert es in frame.columns, f"{name}.{en} has no Spanish column {es}"
        english = frame[en].astype("string").fillna("").str.strip()
        spanish = frame[es].astype("string").fillna("").str.strip()
        missing = frame.loc[(english != "") & (spanish == ""), frame.columns[0]].tolist()
        assert not missing, f"{name}.{es} is empty where {en} is not: {missing[:5]}"


@pytest.mark.parametrize("name", TEXT_TABLES)
def test_spanish_text_states_the_same_numbers_and_no_english(name):
    frame = load(name)
    problems = []
    for en, es in _pairs(name):
        for key, a, b in zip(frame[frame.columns[0]], frame[en], frame[es], strict=True):
            if not isinstance(a, str) or not isinstance(b, str):
                continue
            lost = _digits(a) - _digits(b, roman=True)
            if lost:
                problems.append(f"{key}.{es}: numbers {sorted(lost)} missing")
            if len(english_words(b)) > 1:
                problems.append(f"{key}.{es}: English words {english_words(b)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(("table", "english", "spanish"), [
    (lambda lang: statements_table(lang=lang), "summary_en", "summary_es"),
    (lambda lang: organisations_table(lang=lang), "cyber_activity_en", "cyber_activity_es"),
    (lambda lang: policy_documents_table(lang=lang), "description_en", "description_es"),
])
def test_tables_show_the_spanish_text_in_spanish(table, english, spanish):
    assert english in table("en").columns and spanish not in table("en").columns
    es = table("es")
    assert spanish in es.columns and english not in es.columns


def test_claims_read_in_spanish():
    data = load("claims").set_index("claim_id")
    es = claims_table(lang="es").set_index("claim_id")
    en = claims_table(lang="en").set_index("claim_id")
    # the claim text is the Spanish sentence (the claimant's quotation stays as said)
    assert es.loc["cl-covid-hsr", "claim"].startswith(
        data.loc["cl-covid-hsr", "claim_es"])
    assert en.loc["cl-covid-hsr", "claim"].startswith(
        data.loc["cl-covid-hsr", "claim_en"])


@pytest.mark.parametrize("name", ["claims", "statements"])
def test_every_quotation_has_a_spanish_translation_shown_beside_it(name):
    frame = load(name)
    quoted_rows = frame[frame["quote"].notna()]
    assert len(quoted_rows) and quoted_rows["quote_es"].notna().all()
    table = claims_table(lang="es") if name == "claims" else statements_table(lang="es")
    text = " ".join(str(v) for v in table.to_numpy().ravel())
    for quote, spanish in zip(quoted_rows["quote"], quoted_rows["quote_es"], strict=True):
        if quote in text:  # the table shows this row
            assert f'"{quote}" (en español: «{spanish}»)' in text
