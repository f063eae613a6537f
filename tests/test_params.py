"""dsrlab.params: one place where notebook parameters are validated."""

import csv
import dataclasses
import math
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

import dsrlab
from dsrlab import params as P
from dsrlab.base.errors import UsageError
from dsrlab.base.i18n import get_language, set_language
from dsrlab.base.paths import data_dir
from dsrlab.blocks import countries as C


def _celac_rows():
    with (data_dir() / "countries.csv").open(encoding="utf-8") as fh:
        return [r for r in csv.DictReader(fh) if r["is_celac"].strip().lower() == "true"]


ROWS = _celac_rows()


@pytest.fixture(autouse=True)
def _english_afterwards():
    yield
    set_language("en")


def test_exported_from_package():
    assert dsrlab.check_params is P.check_params


def test_there_are_33_celac_states():
    codes = C.celac_countries()
    assert len(codes) == 33 == len(ROWS)
    assert "CHN" not in codes and "USA" not in codes
    assert codes["BOL"] == "Bolivia"


@pytest.mark.parametrize("spelling", ["Brasil", "brazil", "BR", "BRA", "  bRaSiL ", "bra", "br"])
def test_brazil_spellings(spelling):
    assert P.check_params(country=spelling).country == "BRA"


@pytest.mark.parametrize(
    ("spelling", "iso3"),
    [
        ("México", "MEX"),
        ("mexico", "MEX"),
        ("Perú", "PER"),
        ("Haití", "HTI"),
        ("República Dominicana", "DOM"),
        ("republica dominicana", "DOM"),
        ("St Kitts and Nevis", "KNA"),
        ("São Cristóvão e Névis", "KNA"),
        ("Belice", "BLZ"),
        ("Surinam", "SUR"),
        ("Trinidad & Tobago", "TTO"),
    ],
)
def test_names_in_three_languages(spelling, iso3):
    assert C.resolve_country(spelling) == iso3


def _accent(text: str, data) -> str:
    # add a combining accent to some letters: it must be ignored
    out = []
    for ch in text:
        out.append(ch)
        if ch.isalpha() and data.draw(st.booleans()):
            out.append(data.draw(st.sampled_from(["\u0301", "\u0300", "\u0303", "\u0308"])))
    return unicodedata.normalize("NFC", "".join(out))


@given(
    row=st.sampled_from(ROWS),
    column=st.sampled_from(["iso3", "iso2", "name_en", "name_es", "name_pt"]),
    data=st.data(),
)
def test_any_case_accent_and_spacing_resolves(row, column, data):
    text = row[column]
    text = "".join(c.upper() if data.draw(st.booleans()) else c.lower() for c in text)
    text = _accent(text, data)
    pad = st.text(alphabet=" \t", max_size=3)
    text = data.draw(pad) + text + data.draw(pad)
    assert C.resolve_country(text) == row["iso3"]


@given(st.text(max_size=12))
def test_random_text_resolves_or_fails_cleanly(text):
    try:
        iso3 = C.resolve_country(text)
    except UsageError as exc:
        message = str(exc)
        assert "\n" not in message
        assert repr(text) in message or "must be a country" in message
        assert "CELAC" in message or "e.g." in message
    else:
        assert iso3 in C.celac_countries()


def test_unknown_country_suggests_close_matches_and_lists_choices():
    with pytest.raises(UsageError) as info:
        P.check_params(country="Brazill")
    message = str(info.value)
    assert "'Brazill'" in message and "Brazil (BRA)" in message
    assert "33 CELAC states, e.g. ARG, BOL, BRA" in message
    assert "VEN" in message and "\n" not in message


@pytest.mark.parametrize("value", ["CHN", "USA", "china"])
def test_non_celac_states_rejected(value):
    with pytest.raises(UsageError, match="CELAC"):
        P.check_params(country=value)


@pytest.mark.parametrize("value", [12, "", "   ", ["BRA"]])
def test_country_must_be_text(value):
    with pytest.raises(UsageError, match="country"):
        P.check_params(country=value)


def test_compare_with_normalised_and_distinct():
    p = P.check_params(country="Bolivia", compare_with="ec")
    assert (p.country, p.compare_with, p.compare_with_name) == ("BOL", "ECU", "Ecuador")
    with pytest.raises(UsageError, match="compare_with"):
        P.check_params(country="BRA", compare_with="Brasil")
    with pytest.raises(UsageError, match="unknown compare_with 'Narnia'"):
        P.check_params(compare_with="Narnia")


def test_language_sets_names_and_active_language():
    p = P.check_params(lang="es", country="MEX")
    assert p.lang == "es" and get_language() == "es"
    assert p.country_name == "México"
    p = P.check_params(lang=" EN ", country="MEX")
    assert p.lang == "en" and p.country_name == "Mexico"


def test_bad_language_lists_choices():
    with pytest.raises(UsageError, match=r"unknown language 'fr'.*'en', 'es'"):
        P.check_params(lang="fr")


def test_none_is_allowed_for_optional_values():
    p = P.check_params(lang="en", country=None, compare_with=None, weights=None)
    assert p.country is None and p.country_name is None and p.weights is None


def test_unknown_parameter_names_listed():
    with pytest.raises(UsageError) as info:
        P.check_params(contry="BRA")
    assert "unknown parameter 'contry'" in str(info.value)
    assert "'country'" in str(info.value)


def test_years():
    first, last = P.year_range()
    assert first < 2015 <= 2019 <= last
    p = P.check_params(start_year=2015, end_year=2019)
    assert (p.start_year, p.end_year) == (2015, 2019)
    with pytest.raises(UsageError, match=r"start_year 2019 is after end_year 2015"):
        P.check_params(start_year=2019, end_year=2015)
    with pytest.raises(UsageError, match=rf"from {first} to {last}"):
        P.check_params(start_year=first - 1)
    with pytest.raises(UsageError, match="whole year"):
        P.check_params(end_year="2019")
    with pytest.raises(UsageError, match="whole year"):
        P.check_params(end_year=True)


def test_result_is_immutable():
    p = P.check_params(country="BOL")
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.country = "BRA"
    assert p.as_dict()["country"] == "BOL"


def _criteria():
    from dsrlab.topics.surveillance import CRITERIA

    return list(CRITERIA)


def test_weights_normalised_and_read_only():
    from dsrlab.topics.surveillance import DEFAULT_WEIGHTS

    criteria = _criteria()
    p = P.check_params(weights={criteria[0]: 2, criteria[1]: 0.5})
    assert list(p.weights) == criteria
    assert p.weights[criteria[0]] == 2.0 and p.weights[criteria[1]] == 0.5
    # criteria left out keep their default weight
    assert all(p.weights[c] == DEFAULT_WEIGHTS[c] for c in criteria[2:])
    rest = math.fsum(DEFAULT_WEIGHTS[c] for c in criteria[2:])
    assert math.fsum(p.weights.values()) == 2.5 + rest
    with pytest.raises(TypeError):
        p.weights[criteria[0]] = 1
    assert isinstance(p.as_dict()["weights"], dict)


@pytest.mark.parametrize(
    ("case", "pattern"),
    [
        ("UNKNOWN", "unknown criterion '__nope__'"),
        ("STRING", "must be a dict"),
        ("NEG", "must be a finite number from 0"),
        ("BIG", "must be a finite number from 0"),
        ("NAN", "must be a finite number from 0"),
        ("TEXT", "must be a number"),
        ("ZERO", "all zero"),
    ],
)
def test_bad_weights(case, pattern):
    from dsrlab.topics.surveillance import WEIGHT_RANGE

    criteria = _criteria()
    first = criteria[0]
    weights = {
        "UNKNOWN": {"__nope__": 1},
        "STRING": "heavy",
        "NEG": {first: -1},
        "BIG": {first: WEIGHT_RANGE[1] + 1},
        "NAN": {first: float("nan")},
        "TEXT": {first: "high"},
        "ZERO": dict.fromkeys(criteria, 0),
    }[case]
    with pytest.raises(UsageError, match=pattern) as info:
        P.check_params(weights=weights)
    assert "\n" not in str(info.value)
