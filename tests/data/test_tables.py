"""dsrlab.data public API: datasets, load, describe, explode_list, cite, bibliography."""

import json
import re
import shutil

import pandas as pd
import pytest

import dsrlab
from dsrlab import data
from dsrlab.base import paths
from dsrlab.base.errors import DataValidationError, UsageError
from dsrlab.base.i18n import using_language
from dsrlab.base.paths import data_dir
from dsrlab.blocks.reading import reading_frame
from dsrlab.editions import english_words


def _descriptor() -> dict:
    return json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))


TABLES = {r["name"]: r for r in _descriptor()["resources"] if "schema" in r}


def _expected_kind(field: dict) -> str:
    """What the course promises for each schema type (written independently of data.py)."""
    enum = (field.get("constraints") or {}).get("enum")
    if enum and not field.get("dsrlab:list"):
        return "category"
    return {"date": "datetime", "datetime": "datetime", "integer": "Int64", "year": "Int64",
            "number": "float64", "boolean": "boolean"}.get(field.get("type", "string"), "string")


@pytest.mark.parametrize("name", sorted(TABLES))
def test_load_gives_every_column_its_declared_dtype(name):
    frame = dsrlab.load(name)
    fields = TABLES[name]["schema"]["fields"]
    assert list(frame.columns) == [f["name"] for f in fields]
    for field in fields:
        col = frame[field["name"]]
        kind = _expected_kind(field)
        if kind == "category":
            assert isinstance(col.dtype, pd.CategoricalDtype), field["name"]
            assert list(col.cat.categories) == list(field["constraints"]["enum"])
            # no value was lost on the way: every non-empty cell kept its category
            raw = pd.read_csv(data_dir() / TABLES[name]["path"], dtype=str,
                              keep_default_na=False)[field["name"]]
            assert col.notna().sum() == (raw != "").sum()
        elif kind == "datetime":
            assert pd.api.types.is_datetime64_any_dtype(col), field["name"]
        elif kind == "string":
            assert pd.api.types.is_string_dtype(col), field["name"]
        else:
            assert str(col.dtype) == kind, field["name"]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_load_row_count_matches_the_csv(name):
    raw = pd.read_csv(data_dir() / TABLES[name]["path"], dtype=str, keep_default_na=False)
    assert len(dsrlab.load(name)) == len(raw)


def test_load_returns_a_new_copy_each_time():
    first = dsrlab.load("sources")
    original_id = first.loc[0, "id"]
    first.loc[0, "id"] = "changed"
    del first["title"]
    second = dsrlab.load("sources")
    assert second is not first
    assert second.loc[0, "id"] == original_id
    assert "title" in second.columns


def test_empty_cells_are_missing_but_text_like_NA_is_kept():
    sources = dsrlab.load("sources")
    paper = sources.set_index("id").loc["malena-dsr"]
    assert pd.isna(paper["paper_id"])
    assert paper["seed_file"] == "000_c71dbe70dd8fa004.txt"


def test_load_types_known_values():
    votes = dsrlab.load("un_resolutions").set_index("resolution")
    assert votes.loc["A/RES/73/27", "adopted"] == pd.Timestamp("2018-12-05")
    assert votes.loc["A/RES/73/27", "yes"] == 119
    countries = dsrlab.load("countries").set_index("iso3")
    assert bool(countries.loc["ARG", "is_celac"]) and not bool(countries.loc["CHN", "is_celac"])
    assert countries["is_celac"].sum() == 33


def test_load_reads_an_edited_table_again_and_never_drops_bad_values(tmp_path, monkeypatch):
    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy)
    monkeypatch.setattr(paths, "data_dir", lambda: copy)  # point dsrlab at the copy
    votes = copy / "un_votes.csv"
    assert (dsrlab.load("un_votes")["vote"] == "yes").sum() > 0
    header, first, rest = votes.read_text(encoding="utf-8").split("\n", 2)
    cells = first.split(",")
    cells[header.split(",").index("vote")] = "maybe"
    votes.write_text("\n".join([header, ",".join(cells), rest]), encoding="utf-8")
    with pytest.raises(DataValidationError, match=r"'maybe' outside its enum.*dsrlab validate"):
        dsrlab.load("un_votes")
    cells[header.split(",").index("rcid")] = "6x"
    votes.write_text("\n".join([header, ",".join(cells), rest]), encoding="utf-8")
    with pytest.raises(DataValidationError, match="un_votes"):
        dsrlab.load("un_votes")


def test_load_unknown_name_lists_the_tables():
    with pytest.raises(UsageError) as info:
        dsrlab.load("sourcez")
    message = str(info.value)
    assert "'sourcez'" in message
    for name in TABLES:
        assert repr(name) in message


def test_datasets_lists_every_resource_with_its_rows():
    table = dsrlab.datasets()
    assert list(table.columns) == ["name", "title", "rows", "licence", "path"]
    assert list(table["name"]) == [r["name"] for r in _descriptor()["resources"]]
    for _, row in table.iterrows():
        if row["name"] in TABLES:
            assert row["rows"] == len(dsrlab.load(row["name"]))
            assert row["path"] == TABLES[row["name"]]["path"]
    votes = table.set_index("name").loc["un_votes"]
    assert votes["licence"] == "CC0-1.0"


def test_datasets_titles_follow_the_language():
    english = dsrlab.datasets(lang="en").set_index("name")["title"]
    spanish = dsrlab.datasets(lang="es").set_index("name")["title"]
    for name, resource in TABLES.items():
        assert english[name] == resource["title"]
    assert spanish["sources"].startswith("Bibliografía")
    assert spanish["countries"] == "Países: los 33 Estados de la CELAC más China y Estados Unidos"


def test_every_resource_has_a_spanish_title():
    english = dsrlab.datasets(lang="en").set_index("name")["title"]
    spanish = dsrlab.datasets(lang="es").set_index("name")["title"]
    resources = [r["name"] for r in _descriptor()["resources"]]
    untranslated = [name for name in resources
                    if not str(spanish[name]).strip() or spanish[name] == english[name]]
    assert not untranslated, f"no Spanish title (add data.title_<name>): {untranslated}"
    english_left = [name for name in resources if len(english_words(spanish[name])) > 1]
    assert not english_left, f"English words in Spanish titles: {english_left}"


def test_datasets_rejects_unknown_language():
    with pytest.raises(UsageError, match="'en', 'es'"):
        dsrlab.datasets(lang="fr")


def test_describe_is_the_data_dictionary():
    d = dsrlab.describe("un_votes").set_index("field")
    fields = TABLES["un_votes"]["schema"]["fields"]
    assert list(d.index) == [f["name"] for f in fields]
    assert d.loc["iso3", "foreign_key"] == "countries.iso3"
    assert d.loc["source_id", "foreign_key"] == "sources.id"
    assert d.loc["vote", "enum"] == "yes, no, abstain, absent"
    assert bool(d.loc["resolution", "primary_key"]) and bool(d.loc["iso3", "primary_key"])
    assert not d.loc["note", "required"]
    assert d.loc["rcid", "type"] == "integer"
    units = dsrlab.describe("countries").set_index("field")["unit"]
    assert units["capital_lat"] == "degree"


FIELDS = [(r["name"], f) for r in _descriptor()["resources"]
          for f in r.get("schema", {}).get("fields", [])]


def test_every_field_has_a_spanish_description():
    missing = [f"{name}.{f['name']}" for name, f in FIELDS
               if not str(f.get("dsrlab:description_es", "")).strip()]
    assert not missing, f"fields with no dsrlab:description_es: {', '.join(missing[:10])}"
    # a copy of the English is not a translation (a bare "Cable (cables.cable_id)" may be)
    same = [f"{name}.{f['name']}" for name, f in FIELDS
            if f["dsrlab:description_es"] == f.get("description")
            and len(f["dsrlab:description_es"].split()) > 2]
    english = [f"{name}.{f['name']}" for name, f in FIELDS  # codes such as more_than aside
               if len(english_words(re.sub(r"\w+_\w+", " ", f["dsrlab:description_es"]))) > 1]
    assert not english, f"English words in Spanish descriptions: {', '.join(english[:10])}"
    assert not same, f"Spanish description still in English: {', '.join(same[:10])}"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_describe_in_spanish_shows_the_spanish_descriptions(name):
    fields = TABLES[name]["schema"]["fields"]
    es = dsrlab.describe(name, lang="es")
    en = dsrlab.describe(name, lang="en")
    assert es["description"].tolist() == [f["dsrlab:description_es"] for f in fields]
    assert en["description"].tolist() == [f.get("description", "") for f in fields]
    with using_language("es"):  # the active language is the default
        assert dsrlab.describe(name)["description"].tolist() == es["description"].tolist()


def test_describe_shows_its_headers_types_and_units_in_spanish():
    shown = reading_frame(dsrlab.describe("investments", lang="es"), "es")
    assert list(shown.columns) == ["Campo", "Tipo", "Obligatorio", "Unidad", "Descripción",
                                   "Valores permitidos", "Remite a", "Clave", "Lista (;)"]
    row = shown.set_index("Campo").loc["amount_usd_m"]
    assert (row["Tipo"], row["Unidad"]) == ("número (number)", "millones de USD")
    english = reading_frame(dsrlab.describe("investments", lang="en"), "en")
    assert english.set_index("Field").loc["amount_usd_m", "Unit"] == "USD million"


def test_describe_rejects_unknown_language():
    with pytest.raises(UsageError, match="'en', 'es'"):
        dsrlab.describe("sources", lang="fr")


def test_describe_unknown_table():
    with pytest.raises(UsageError, match="unknown dataset 'nope'"):
        dsrlab.describe("nope")


def test_explode_list_splits_and_strips_and_keeps_index():
    df = pd.DataFrame({"id": ["a", "b", "c"], "countries": ["BRA; CHL", "MEX", None]})
    out = dsrlab.explode_list(df, "countries")
    assert out["countries"].tolist()[:3] == ["BRA", "CHL", "MEX"]
    assert pd.isna(out["countries"].iloc[3])
    assert out.index.tolist() == [0, 0, 1, 2]
    assert df["countries"].tolist()[0] == "BRA; CHL"  # input untouched
    with pytest.raises(UsageError, match="'id', 'countries'"):
        dsrlab.explode_list(df, "actors")


# --- citations -------------------------------------------------------------------

FN7_CHICAGO = ("Sabena Siddiqui, “BRI, BeiDou and the Digital Silk Road,” Asia Times, "
               "April 10, 2019, https://asiatimes.com/2019/04/bri-beidou-and-the-digital-silk-road/.")
FN7_APA = ("Sabena Siddiqui. (2019, April 10). BRI, BeiDou and the Digital Silk Road. Asia Times. "
           "https://asiatimes.com/2019/04/bri-beidou-and-the-digital-silk-road/")


def test_cite_footnote_chicago():
    c = dsrlab.cite("malena-fn7")
    assert str(c) == FN7_CHICAGO
    assert c._repr_markdown_() == FN7_CHICAGO.replace("Asia Times", "*Asia Times*").replace(
        "https://asiatimes.com/2019/04/bri-beidou-and-the-digital-silk-road/",
        "<https://asiatimes.com/2019/04/bri-beidou-and-the-digital-silk-road/>")


def test_cite_footnote_apa():
    c = dsrlab.cite("malena-fn7", style="apa")
    assert str(c) == FN7_APA
    assert "<em>Asia Times</em>" in c._repr_html_()


def test_cite_two_authors_and_publisher():
    assert str(dsrlab.cite("malena-fn8")) == (
        "Andrew Kitson and Kenny Liew, “China Doubles Down on Its Digital Silk Road,” "
        "Critical Connections (Reconnecting Asia, CSIS), Center for Strategic and International "
        "Studies, November 14, 2019, https://reconnectingasia.csis.org/analysis/entries/"
        "china-doubles-down-its-digital-silk-road/.")
    assert str(dsrlab.cite("malena-fn8", style="apa")).startswith(
        "Andrew Kitson & Kenny Liew. (2019, November 14). China Doubles Down")


def test_cite_question_mark_title_takes_no_extra_comma():
    text = str(dsrlab.cite("malena-fn30"))
    assert "Coat-tails?” BNamericas, June 21, 2019" in text


def test_ibid_resolves_to_the_work_it_repeats():
    for ibid, work in [("malena-fn2", "malena-fn1"), ("malena-fn34", "malena-fn33"),
                       ("malena-fn37", "malena-fn36")]:
        c = dsrlab.cite(ibid)
        assert c.entries[0][0] == work
        assert str(c) == str(dsrlab.cite(work))
        assert "Ibid" not in str(c)


def test_cite_several_ids_one_line_each():
    c = dsrlab.cite("malena-fn7", "malena-fn8")
    assert str(c).split("\n")[0] == FN7_CHICAGO
    assert len(c) == 2
    assert c._repr_markdown_().startswith("1. Sabena Siddiqui")


def test_cite_html_is_escaped():
    html = dsrlab.cite("malena-fn30")._repr_html_()
    assert "Belt &amp; Road" in html
    assert "Belt & Road" not in html
    assert "Initiative&#x27;s" in html


def test_cite_unknown_id_suggests_close_matches_and_pattern():
    with pytest.raises(UsageError) as info:
        dsrlab.cite("malena-fn470")
    message = str(info.value)
    assert "'malena-fn470'" in message and "'malena-fn47'" in message
    assert "malena-fn12" in message and "web-<name>" in message


def test_cite_unknown_style_lists_styles():
    with pytest.raises(UsageError, match=r"unknown citation style 'mla'.*'chicago', 'apa'"):
        dsrlab.cite("malena-fn7", style="mla")


def test_cite_needs_an_id():
    with pytest.raises(UsageError, match="at least one source id"):
        dsrlab.cite()


def test_bibliography_of_a_frame():
    frame = dsrlab.load("un_resolutions")
    refs = dsrlab.bibliography(frame)
    assert refs.ids == sorted(set(frame["source_id"]))
    assert len(refs) == 2
    lines = str(refs).split("\n")
    assert lines == sorted(lines)
    assert lines[0].startswith("United Nations General Assembly, “Advancing responsible")
    assert "<strong>Sources</strong>" in refs._repr_html_()


def test_bibliography_of_ids_deduplicates_ibid_and_sorts():
    refs = dsrlab.bibliography(["malena-fn7", "malena-fn34", "malena-fn33", "malena-fn7"],
                               style="apa")
    assert [wid for wid, _ in refs.entries] == ["malena-fn33", "malena-fn7"]
    assert str(refs).split("\n")[1] == FN7_APA


def test_bibliography_needs_a_source_id_column():
    with pytest.raises(UsageError, match="no 'source_id' column"):
        dsrlab.bibliography(pd.DataFrame({"x": [1]}))


def test_bibliography_unknown_style():
    with pytest.raises(UsageError, match="'chicago', 'apa'"):
        dsrlab.bibliography(["malena-fn7"], style="harvard")


def test_public_names_resolve_from_the_package():
    for name in ("datasets", "load", "describe", "explode_list", "cite", "bibliography",
                 "validate"):
        assert getattr(dsrlab, name) is getattr(data, name)
