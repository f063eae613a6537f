"""blocks/reading: course tables shown for reading (labels, codes, hidden ids, years)."""

import pandas as pd

from dsrlab.base.course_tables import course_table
from dsrlab.blocks.reading import COUNTRY, reading_frame, table_html
from dsrlab.blocks.tables import starred


def test_ids_and_hidden_columns_are_kept_but_not_shown():
    frame = course_table(pd.DataFrame({"claim_id": ["c1"], "source_id": ["s"], "rows": ["x"],
                                       "claim": ["A claim."]}), hide=("rows",))
    assert list(frame.columns) == ["claim_id", "source_id", "rows", "claim"]
    assert list(reading_frame(frame, "en").columns) == ["Source", "Claim"]


def test_years_codes_countries_and_empty_cells_read_as_words():
    frame = course_table(pd.DataFrame({"year": [2019.0], "stance": ["concern"],
                                       "countries": ["CHL;MEX"], "where": [""],
                                       "capabilities": ["cctv, facial_recognition"]}),
                         codes={"countries": COUNTRY})
    es = reading_frame(frame, "es").iloc[0].tolist()
    assert es == ["2019", "preocupación", "Chile, México", "—",
                  "cámaras de videovigilancia, reconocimiento facial"]


def test_a_named_index_is_a_column_and_wide_columns_can_be_combined():
    wide = pd.DataFrame({"Chile": ["5G", ""], "Peru": ["", "cloud"]},
                        index=pd.Index(["Huawei", "Alibaba"], name="firm"))
    shown = reading_frame(course_table(wide, combine={"where": ["Chile", "Peru"]}), "en")
    assert shown.to_dict("list") == {"Firm": ["Huawei", "Alibaba"],
                                     "Where": ["Chile: 5G", "Peru: cloud"]}


def test_html_hides_the_index_and_folds_long_tables():
    html = table_html(course_table(pd.DataFrame({"name": [f"n{i}" for i in range(30)]})), "en")
    assert "row_heading" not in html and "<details>" in html and "Show the other 15" in html


def test_starred_marks_without_dropping():
    assert starred(["a", "b"], [False, True]) == ["a", "★ b"] and starred("a", False) == "a"


def test_lists_read_with_a_space_after_each_semicolon():
    frame = course_table(pd.DataFrame({"operators": ["China Unicom;Huawei"],
                                       "source_id": ["malena-fn27;malena-fn36"]}))
    assert reading_frame(frame, "en").iloc[0].tolist() == ["China Unicom; Huawei",
                                                           "malena-fn27; malena-fn36"]


def test_a_date_is_as_precise_as_its_precision_and_the_precision_is_folded():
    frame = course_table(pd.DataFrame({
        "date": pd.to_datetime(["2014-01-01", "2019-10-01", "2019-10-24", "2017-05-14"]),
        "date_precision": ["year", "month", "day", "approx"]}))
    assert reading_frame(frame, "en").to_dict("list") == {
        "Date": ["2014", "2019-10", "2019-10-24", "about 2017"]}
    assert reading_frame(frame, "es")["Fecha"].tolist()[3] == "alrededor de 2017"


def test_a_qualified_year_is_written_without_separators():
    frame = course_table(pd.DataFrame({"year": [2019], "year_qualifier": ["approx"],
                                       "cameras": [2019.0], "cameras_qualifier": ["approx"]}))
    assert reading_frame(frame, "es").iloc[0].tolist() == ["alrededor de 2019",
                                                           "alrededor de 2\u00a0019"]


def test_verbatim_columns_are_shown_as_stored():
    frame = course_table(pd.DataFrame({"name": ["tg_cables"], "kind": ["more_than"],
                                       "path": [None]}), verbatim=("name", "path"))
    assert reading_frame(frame, "en").iloc[0].tolist() == ["tg_cables", "more than", "—"]


def test_show_marks_a_copy_for_reading():
    from dsrlab import show

    raw = pd.DataFrame({"iso3": ["BOL"], "urban": [True]})
    shown = show(raw)
    assert "dsrlab" not in raw.attrs and "row_heading" not in table_html(shown, "es")
    assert reading_frame(shown, "es").iloc[0].tolist() == ["Bolivia", "sí"]
