"""Checking logic without widgets: tolerance, text normalisation, every type's verdict."""

import math
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dsrlab.base import i18n
from dsrlab.base.errors import UsageError
from dsrlab.exercises.computed import within_tolerance
from dsrlab.exercises.evaluate import evaluate, is_empty
from dsrlab.exercises.model import display_order, get
from dsrlab.exercises.responses import normalise_text, parse_number, word_count

FINITE = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
LATIN = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x17F), max_size=40)
ACCENTS = {"a": "á", "e": "é", "i": "í", "o": "ó", "u": "ú", "n": "ñ", "c": "ç"}


# ---------------------------------------------------------------- numeric tolerance
@given(FINITE, st.floats(min_value=0, max_value=1e6, allow_nan=False))
def test_value_inside_absolute_tolerance_is_accepted(target, tol):
    assert within_tolerance(target + tol * 0.999, target, tolerance=tol)
    assert within_tolerance(target - tol * 0.999, target, tolerance=tol)


@given(FINITE, st.floats(min_value=0, max_value=1e3, allow_nan=False),
       st.floats(min_value=1.01, max_value=100))
def test_value_well_outside_absolute_tolerance_is_rejected(target, tol, factor):
    off = tol * factor + 1e-3 * max(1.0, abs(target))
    assert not within_tolerance(target + off, target, tolerance=tol)
    assert not within_tolerance(target - off, target, tolerance=tol)


@given(st.floats(min_value=1, max_value=1e9), st.floats(min_value=0.001, max_value=0.5))
def test_relative_tolerance_scales_with_target(target, rel):
    assert within_tolerance(target * (1 + rel * 0.99), target, rel_tolerance=rel)
    assert not within_tolerance(target * (1 + rel * 1.02) + 1e-6, target, rel_tolerance=rel)


@given(FINITE, st.integers(min_value=0, max_value=4))
def test_rounded_value_to_shown_decimals_is_accepted(target, decimals):
    assert within_tolerance(round(target, decimals), target, decimals=decimals)


@given(FINITE)
def test_tolerance_is_symmetric_and_exact_value_always_passes(target):
    assert within_tolerance(target, target)
    assert within_tolerance(target, target, tolerance=0)
    assert not within_tolerance(math.nan, target, tolerance=1e9)


@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False).map(lambda x: round(x, 3)))
def test_parse_number_reads_formatted_numbers(value):
    for text in (f"{value:,}", f"{value}", f"{value:,.3f}"):
        assert parse_number(text, "en") == pytest.approx(value, abs=1e-6)
    spanish = f"{value:,.3f}".replace(",", " ").replace(".", ",")
    assert parse_number(spanish, "es") == pytest.approx(value, abs=1e-6)


def test_parse_number_edge_cases():
    assert parse_number("51") == 51.0
    assert parse_number("1,5", "es") == 1.5 and parse_number("1,500", "en") == 1500.0
    assert parse_number("12 %") == 12.0
    assert parse_number("") is None and parse_number("abc") is None
    assert parse_number("inf") is None and parse_number(True) is None


# ---------------------------------------------------------------- text normalisation
@given(LATIN)
def test_normalise_is_idempotent(text):
    assert normalise_text(normalise_text(text)) == normalise_text(text)


@given(LATIN)
def test_normalise_ignores_case(text):
    assert normalise_text(text.upper()) == normalise_text(text.lower()) == normalise_text(text)


@given(st.text(alphabet="aeioun c", min_size=1, max_size=30))
def test_normalise_ignores_accents(text):
    accented = "".join(ACCENTS.get(c, c) for c in text)
    assert normalise_text(accented) == normalise_text(text)


@given(LATIN, st.sampled_from([" ", "  ", "\t", ".", ",", "!", "¿", "?"]))
def test_normalise_ignores_spacing_and_punctuation_at_the_ends(text, extra):
    assert normalise_text(extra + text + extra) == normalise_text(text)


@given(LATIN)
def test_normalised_text_has_no_accents_or_capitals(text):
    out = normalise_text(text)
    assert out == out.casefold()
    assert not any(unicodedata.combining(c) for c in unicodedata.normalize("NFKD", out))


def test_word_count():
    assert word_count("") == 0
    assert word_count("Balancing between giants: a 'third way'.") == 6


# ---------------------------------------------------------------- verdicts
def _ex(**fields):
    return {"id": "zz.1", **fields}


def test_single_choice_verdicts_and_per_choice_feedback():
    ex = get("00.1")
    right, wrong = evaluate(ex, "a", "en"), evaluate(ex, "c", "es")
    assert (right.correct, right.text, right.score) == (True, "✔ Correct", 1.0)
    assert wrong.text == "✘ Todavía no" and wrong.details[0].startswith("Las respuestas")
    assert evaluate(ex, "zz", "en").details[0] == "Unknown option 'zz'; the options are a, b, c."


def test_multiple_choice_needs_exactly_the_right_set():
    ex = get("00.2")
    full = evaluate(ex, ["citations", "figures", "exercises"], "en")
    assert full.correct and full.response == ["citations", "exercises", "figures"]
    part = evaluate(ex, ["figures", "exam"], "en")
    assert not part.correct and part.score == 0.0
    assert "You ticked 1 of the 3 right options and 1 wrong one(s)." in part.details


def test_ordering_counts_items_in_place_and_rejects_repeats():
    ex = get("00.3")
    good = ["read", "answer", "check", "feedback", "export"]
    assert evaluate(ex, good, "en").correct
    swapped = evaluate(ex, ["answer", "read", "check", "feedback", "export"], "en")
    assert swapped.details == ("3 of 5 in the right place.",) and swapped.score == 0.6
    repeat = evaluate(ex, ["read"] * 5, "es")  # a form error: explained, not counted
    assert repeat.details == ("Da a cada elemento una posición distinta.",
                              "Este intento no cuenta.")
    assert repeat.correct is None and repeat.meta == {"unreadable": True}
    gap = evaluate(ex, ["read", "", "check", "feedback", "export"], "en")
    assert gap.meta == {"unreadable": True}
    unknown = evaluate(ex, ["read", "answer", "check", "feedback", "zzz"], "en")
    assert unknown.details == ("Give each item a different position.",) and not unknown.correct


def test_display_order_is_deterministic_and_never_the_answer():
    ex = get("00.3")
    assert display_order(ex) == display_order(ex)
    assert display_order(ex) != [i["id"] for i in ex["items"]]


def test_categorise_and_short_text_and_reflection():
    cat = _ex(type="categorise", categories=[{"id": "x"}, {"id": "y"}],
              items=[{"id": "p", "category": "x"}, {"id": "q", "category": "y"}])
    assert evaluate(cat, {"p": "x", "q": "y"}, "en").correct
    half = evaluate(cat, {"p": "x", "q": ""}, "en")
    assert half.details == ("1 of 2 in the right category.",) and half.score == 0.5
    short = _ex(type="short_text", accepted=["Perú", "Republic of Peru"])
    assert evaluate(short, "  PERU ", "en").correct
    assert evaluate(short, "republic of perú.", "en").correct
    assert not evaluate(short, "Chile", "en").correct
    refl = _ex(type="reflection", min_words=3)
    done = evaluate(refl, {"text": "one two three", "rubric": [True]}, "en")
    assert done.text == "✔ Saved" and done.correct is None and done.meta["complete"]
    assert evaluate(refl, {"text": "one two"}, "es").text == "✘ Todavía no"


def test_numeric_with_unit_and_wrong_direction():
    ex = _ex(type="numeric", answer=10.0, rel_tolerance=0.1)
    assert evaluate(ex, "10,9", "es").correct
    assert evaluate(ex, "12", "en").details == ("Your answer is higher than expected.",)
    assert evaluate(ex, "abc", "en").details == (
        "'abc' is not a number that can be read. Type digits such as 51, 51st, 1,200 or 12.5,"
        " or words such as fifty-one.", "This try was not counted.")


def test_data_task_compares_numbers_text_and_lists(monkeypatch):
    from dsrlab.exercises import computed

    monkeypatch.setattr(computed, "answer_functions", lambda: {"getcwd": os.getcwd})
    assert evaluate(_ex(type="data_task", compute="getcwd"), str(Path.cwd()), "en").correct
    assert evaluate(_ex(type="data_task", answer=3), 3.0000000001, "en").correct
    assert not evaluate(_ex(type="data_task", answer=3), [3], "en").correct


def test_empty_responses_are_flagged_not_graded():
    assert is_empty(get("00.1"), None)
    fb = evaluate(get("00.4"), "   ", "en")
    assert fb.meta == {"empty": True} and fb.details == ("Choose or type an answer first.",)


def test_unknown_ids_list_the_valid_choices():
    with pytest.raises(UsageError, match=r"unknown exercise '00.42'; notebook 00 has '00.1'"):
        get("00.42")
    with pytest.raises(UsageError, match=r"no exercises for notebook '77'; choose one of"):
        get("77.1")
    with pytest.raises(UsageError, match=r"exercise ids look like '01.3'"):
        get("nonsense")


# ---------------------------------------------------------------- strings and imports
def test_every_widget_string_exists_in_both_languages():
    table = {k: v for k, v in i18n.all_strings().items() if k.startswith("widgets.")}
    assert table
    for key, texts in table.items():
        assert set(texts) == {"en", "es"}, key
        assert all(isinstance(s, str) and s.strip() for s in texts.values()), key


def test_every_string_the_code_uses_is_defined():
    code = "".join(p.read_text(encoding="utf-8") for p in
                   (Path(i18n.__file__).parents[1] / "exercises").glob("*.py"))
    used = set(re.findall(r"""["'](widgets\.[a-z_]+)["']""", code))
    used |= {f"widgets.{h}" for h in re.findall(r"""['"](col_[a-z]+)['"]""", code)}
    assert used - set(i18n.all_strings()) == set()
    assert len(used) > 30


def test_import_stays_light():
    code = ("import sys, dsrlab; dsrlab.exercise; dsrlab.exercises.store; dsrlab.check; "
            "print(sorted(m for m in ('ipywidgets', 'pandas', 'jsonschema', 'yaml', "
            "'matplotlib') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"


def test_exercise_table_is_a_plain_function_of_a_plain_package():
    import types

    import dsrlab
    import dsrlab.exercises as package

    assert type(package) is types.ModuleType  # no callable-module trick
    assert package.exercise_table("00")["id"].tolist() == ["00.1", "00.2", "00.3", "00.4", "00.5"]
    assert dsrlab.exercise_table("00")["type"].tolist()[0] == "single_choice"
