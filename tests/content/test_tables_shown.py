"""Every table a course notebook shows reads well, in English and in Spanish.

The tables are found from the notebooks themselves: each notebook's code cells run in this
process (with ``lang`` set after its parameters cell, as papermill would) and every cell
whose last expression is a DataFrame is a table a student sees. A new table in a notebook
is therefore checked with no change here.

A shown table fails on: not being a course table (so pandas would show its index,
right-aligned text and raw values), an index column, ``NaN``/``<NA>``/``None``, ``True``/
``False``, a raw code (a snake_case token such as ``more_than`` or ``yes_oewg_only``), a cell
cut with "…", a raw column name (snake_case header) or a year written "2,019". A column
marked ``verbatim`` (a table or field name a student types, as in ``datasets()``) is exempt
from the raw-code check only.
"""

from __future__ import annotations

import ast
import json
import re

import pandas as pd
import pytest

from dsrlab.base.course import notebook_paths
from dsrlab.base.course_tables import course_table, is_course_table
from dsrlab.blocks.reading import reading_frame, table_html, verbatim_labels

#: Cells that may show a raw DataFrame on purpose, as (notebook, last line of the cell).
#: None: a raw table is shown through ``dsrlab.show`` (00 shows ``load("investments")``
#: that way), and ``datasets()``/``describe()`` are course tables.
RAW_ON_PURPOSE: set[tuple[str, str]] = set()

_MISSING = {"nan", "NaN", "<NA>", "None", "NaT", "none", "null"}
_BOOLEANS = {"True", "False"}
_CODE = re.compile(r"(?<![\w/.:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/.-])")
_YEAR_WITH_SEPARATOR = re.compile(r"^[12][,.\u00a0]\d{3}$")
_YEAR_LABELS = {"Year", "Año", "Since", "Desde", "Founded", "Fundación"}


def defects(frame, lang: str) -> list[str]:
    """What a reader would trip over in ``frame`` as shown (empty when it reads well)."""
    found = []
    if not is_course_table(frame):
        return ["not a course table: shown by pandas with its index and raw values"]
    html = table_html(frame, lang)
    if "row_heading" in html or "index_name" in html:
        found.append("index shown")
    shown = reading_frame(frame, lang)
    verbatim = verbatim_labels(frame, lang)
    for label in shown.columns:
        if not str(label).strip() or "_" in str(label) or str(label) == "index":
            found.append(f"raw column name {label!r}")
    for label in shown.columns:
        for cell in shown[label]:
            text = str(cell)
            if text.strip() in _MISSING:
                found.append(f"missing value {text!r} in {label!r}")
            elif text.strip() in _BOOLEANS:
                found.append(f"boolean {text!r} in {label!r}")
            if "…" in text or text.rstrip().endswith("..."):
                found.append(f"cut cell {text[:40]!r} in {label!r}")
            if "http" not in text and label not in verbatim and _CODE.search(text):
                found.append(f"raw code {_CODE.search(text).group()!r} in {label!r}")
            if label in _YEAR_LABELS and _YEAR_WITH_SEPARATOR.match(text):
                found.append(f"year written {text!r} in {label!r}")
    return found


def _shown_tables(path, lang: str):
    """(cell source, DataFrame) for every DataFrame a notebook's code cell shows."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    namespace: dict = {}
    out = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        tree = ast.parse(source)
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            tree.body.extend(ast.parse(f"lang = {lang!r}").body)
        last = None
        if tree.body and isinstance(tree.body[-1], ast.Expr):
            last = ast.Expression(tree.body.pop().value)
        exec(compile(tree, str(path), "exec"), namespace)
        value = eval(compile(last, str(path), "eval"), namespace) if last else None
        if isinstance(value, pd.DataFrame):
            out.append((source.strip().splitlines()[-1], value))
    import matplotlib.pyplot as plt

    plt.close("all")
    return out


@pytest.fixture(scope="module")
def shown():
    """lang -> [(notebook, cell, DataFrame)], each notebook run once per language."""
    from dsrlab.base import i18n

    tables = {}
    for lang in ("en", "es"):
        rows = []
        for stem, path in notebook_paths().items():
            rows += [(stem, src, frame) for src, frame in _shown_tables(path, lang)]
        tables[lang] = rows
    i18n.set_language("en")
    return tables


def test_the_notebooks_show_the_course_tables(shown):
    # The scan finds the tables (a broken scan must not pass by finding none).
    cells = {src for _, src, _ in shown["en"]}
    assert len(shown["en"]) >= 30 and len(shown["es"]) == len(shown["en"])
    assert any("claims_table" in c for c in cells) and any("ratings_table" in c for c in cells)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_shown_table_reads_well(shown, lang):
    problems = []
    for stem, src, frame in shown[lang]:
        if (stem, src) in RAW_ON_PURPOSE:
            continue
        problems += [f"{stem}: {src}: {d}" for d in dict.fromkeys(defects(frame, lang))]
    assert not problems, "\n".join(problems)


def test_spanish_tables_have_spanish_labels(shown):
    english = {src: list(reading_frame(f, "en").columns) for _, src, f in shown["en"]
               if is_course_table(f)}
    same = [src for _, src, f in shown["es"] if is_course_table(f)
            and list(reading_frame(f, "es").columns) == english.get(src)
            and len(english.get(src, [])) > 2]
    assert not same, same


@pytest.mark.parametrize(
    ("frame", "expected"),
    [
        (pd.DataFrame({"a": [1]}), "not a course table"),
        (course_table(pd.DataFrame({"mode": ["yes_oewg_only"]})), "raw code"),
        (course_table(pd.DataFrame({"claim": ["Le Monde reported that …"]})), "cut cell"),
        (course_table(pd.DataFrame({"note": ["nan"]})), "missing value"),
        (course_table(pd.DataFrame({"note": ["True"]})), "boolean"),
        (course_table(pd.DataFrame({"presence_code": ["x"]}),
                      labels={"presence_code": "presence_code"}), "raw column name"),
        (course_table(pd.DataFrame({"when": ["2,019"]}), labels={"when": "Year"}), "year"),
    ],
)
def test_the_check_catches_each_defect(frame, expected):
    assert any(expected in d for d in defects(frame, "en"))


def test_verbatim_columns_are_exempt_from_the_code_check_only():
    names = pd.DataFrame({"name": ["tg_cables"], "kind": ["tg_cables"], "note": [None]})
    found = defects(course_table(names.copy(), verbatim=("name",)), "en")
    assert found == ["raw code 'tg_cables' in 'Kind'"]  # the verbatim "Name" passes
    cut = course_table(pd.DataFrame({"name": ["tg_…"]}), verbatim=("name",))
    assert any("cut cell" in d for d in defects(cut, "en"))


def test_the_data_listings_and_a_shown_load_read_well():
    import dsrlab

    for lang in ("en", "es"):
        for frame in (dsrlab.datasets(lang), dsrlab.describe("investments"),
                      dsrlab.show(dsrlab.load("investments").head())):
            assert defects(frame, lang) == [], defects(frame, lang)


def test_the_check_passes_a_table_made_for_reading():
    frame = course_table(pd.DataFrame({"year": [2019], "stance": ["concern"],
                                       "cameras": [4300.0], "cameras_qualifier": ["more_than"],
                                       "urban": [None], "source_id": ["malena-fn42"]}))
    assert defects(frame, "en") == [] and defects(frame, "es") == []
