"""dsrlab.validate and `dsrlab validate`: every bad input is named by file, row and field.

Each bad case edits a COPY of the shipped data (or a tiny package written here) in
tmp_path; nothing in the repository is touched.
"""

import csv
import json
import shutil
import subprocess
import sys

import pandas as pd
import pytest

import dsrlab
from dsrlab.base.errors import UsageError
from dsrlab.base.paths import data_dir
from dsrlab.cli import main as cli_main
from dsrlab.data import ValidationIssue, ValidationReport


@pytest.fixture
def copy(tmp_path):
    dst = tmp_path / "data"
    shutil.copytree(data_dir(), dst)
    return dst


def _read(path):
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _write(path, records):
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(records)


def _set(path, row_number, field, value):
    records = _read(path)
    records[row_number - 1][records[0].index(field)] = value
    _write(path, records)


def _run_cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "dsrlab.cli", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=300)


def _assert_reported(report, where, fragment):
    file, row, field = where
    hits = [i for i in report.errors if (i.file, i.row, i.field) == (file, row, field)]
    assert hits, f"nothing reported at {where}; got:\n{report}"
    assert any(fragment in i.message for i in hits), [i.message for i in hits]


# --- the seven bad inputs of the issue ---------------------------------------------

def _dangling_source(root):
    _set(root / "un_resolutions.csv", 2, "source_id", "web-no-such-source")
    return ("un_resolutions.csv", 2, "source_id"), "'web-no-such-source'"


def _unknown_iso(root):
    _set(root / "countries.csv", 2, "iso2", "QZ")
    return ("countries.csv", 2, "iso2"), "'QZ' is not an ISO 3166-1 alpha-2 code"


def _non_numeric_amount(root):
    desc = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    numeric = [(r, f["name"]) for r in desc["resources"] if "schema" in r
               for f in r["schema"]["fields"] if f.get("type") == "number"]
    amounts = [(r, n) for r, n in numeric if n.startswith(("amount", "cost"))]
    res, name = (amounts or numeric)[0]
    _set(root / res["path"], 2, name, "about 30")
    return (res["path"], 2, name), "'about 30'"


def _duplicate_primary_key(root):
    path = root / "countries.csv"
    records = _read(path)
    records.append(list(records[1]))
    _write(path, records)
    return ("countries.csv", len(records), "iso3"), "duplicate primary key"


def _missing_required_column(root):
    path = root / "un_resolutions.csv"
    records = _read(path)
    drop = records[0].index("locator")
    _write(path, [r[:drop] + r[drop + 1:] for r in records])
    return ("un_resolutions.csv", 1, "locator"), "missing column 'locator'"


def _non_utf8(root):
    path = root / "countries.csv"
    records = _read(path)
    row, col = next((i, j) for i, rec in enumerate(records) for j, cell in enumerate(rec)
                     if not cell.isascii())
    cell = records[row][col]
    raw = path.read_bytes().replace(cell.encode("utf-8"), cell.encode("latin-1"), 1)
    path.write_bytes(raw)
    return ("countries.csv", row + 1, records[0][col]), "not valid UTF-8"


def _extra_column(root):
    path = root / "un_votes.csv"
    records = _read(path)
    _write(path, [r + (["comment"] if i == 0 else ["checked"]) for i, r in enumerate(records)])
    return ("un_votes.csv", 1, "comment"), "extra column 'comment'"


BAD_CASES = [_dangling_source, _unknown_iso, _non_numeric_amount, _duplicate_primary_key,
             _missing_required_column, _non_utf8, _extra_column]


@pytest.mark.parametrize("make_bad", BAD_CASES, ids=lambda f: f.__name__.strip("_"))
def test_bad_input_is_reported_with_file_row_and_field(copy, make_bad):
    where, fragment = make_bad(copy)
    report = dsrlab.validate(copy)
    assert not report.ok
    _assert_reported(report, where, fragment)
    assert "INVALID" in report.summary()


def test_cli_exits_1_and_prints_file_row_field_for_each_bad_input(tmp_path):
    jobs = []
    for make_bad in BAD_CASES:  # one copy each, the command runs on all of them at once
        root = tmp_path / make_bad.__name__.strip("_")
        shutil.copytree(data_dir(), root)
        where, fragment = make_bad(root)
        proc = subprocess.Popen([sys.executable, "-m", "dsrlab.cli", "validate", str(root)],
                                cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        jobs.append((root.name, where, fragment, proc))
    for name, where, fragment, proc in jobs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 1, (name, err)
        prefix = "{}:{}:{}:".format(*where)
        assert any(line.startswith(prefix) and fragment in line
                   for line in out.splitlines()), (name, out)
        assert out.splitlines()[-1].startswith("data package INVALID:"), (name, out)
        assert "Traceback" not in err, (name, err)


# --- more checks on the copy -----------------------------------------------------

@pytest.mark.parametrize(
    ("file", "row", "field", "value", "message"),
    [
        ("un_votes.csv", 2, "vote", "maybe",
         "'maybe' is not allowed; choose one of yes, no, abstain, absent"),
        ("un_resolutions.csv", 3, "adopted", "2018-02-30", "'2018-02-30' is not a valid date"),
        # row 2 is Argentina
        ("countries.csv", 2, "iso2", "BR", "'BR' is the code of 'BRA', not of iso3 'ARG'"),
        # above the schema maximum of 90: a finding only frictionless makes, converted
        ("countries.csv", 2, "capital_lat", "200", "[frictionless constraint-error]"),
        ("un_votes.csv", 4, "vote", "", "required value is missing"),
    ],
    ids=["unknown-enum", "invalid-date", "iso2-iso3-mismatch", "frictionless-finding",
         "required-missing"],
)
def test_bad_cell_is_reported_at_its_place(copy, file, row, field, value, message):
    _set(copy / file, row, field, value)
    _assert_reported(dsrlab.validate(copy), (file, row, field), message)


def test_row_with_too_many_cells(copy):
    path = copy / "un_resolutions.csv"
    records = _read(path)
    records[1].append("stray")
    _write(path, records)
    _assert_reported(dsrlab.validate(copy), ("un_resolutions.csv", 2, None), "row has")


def test_blank_header(copy):
    path = copy / "un_votes.csv"
    records = _read(path)
    _write(path, [[*r, ""] for r in records])
    _assert_reported(dsrlab.validate(copy), ("un_votes.csv", 1, f"column {len(records[0]) + 1}"),
                     "blank column header")


def test_undescribed_csv_is_not_ignored(copy):
    (copy / "notes.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    _assert_reported(dsrlab.validate(copy), ("notes.csv", None, None), "not described")


def test_missing_file(copy):
    (copy / "un_votes.csv").unlink()
    _assert_reported(dsrlab.validate(copy), ("un_votes.csv", None, None), "not found")


def test_schema_mistakes_are_reported(copy):
    path = copy / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    tables = {r["name"]: r for r in desc["resources"]}
    tables["un_resolutions"]["schema"]["fields"][1]["type"] = "strng"
    tables["un_votes"]["schema"]["primaryKey"] = ["resolution", "country"]
    del tables["countries"]["schema"]["fields"][2]["description"]
    path.write_text(json.dumps(desc), encoding="utf-8")
    report = dsrlab.validate(copy)
    _assert_reported(report, ("datapackage.json", None, "title"), "unknown type 'strng'")
    _assert_reported(report, ("datapackage.json", None, "country"),
                     "key field 'country' of 'un_votes' is not in its schema")
    _assert_reported(report, ("datapackage.json", None, "name_en"), "has no description")


def test_broken_descriptor_json(copy):
    (copy / "datapackage.json").write_text("{not json", encoding="utf-8")
    report = dsrlab.validate(copy)
    assert not report.ok
    assert report.errors[0].file == "datapackage.json"
    assert "not valid JSON" in report.errors[0].message


# --- a tiny package written here: project rules on lists, qualifiers, partial dates ----

def _tiny_package(root, facts):
    root.mkdir()
    meta = {"title": "t", "licenses": [{"name": "CC0-1.0"}], "sources": [{"title": "here"}],
            "format": "csv", "encoding": "utf-8", "profile": "tabular-data-resource"}

    def field(name, kind="string", **extra):
        return {"name": name, "type": kind, "description": name, **extra}

    sources = {"name": "sources", "path": "sources.csv", **meta, "schema": {
        "fields": [field("id", constraints={"required": True}), field("date")],
        "primaryKey": ["id"]}}
    fact_table = {"name": "facts", "path": "facts.csv", **meta, "schema": {
        "fields": [field("fact_id", constraints={"required": True}),
                   field("amount_usd_m", "number", unit="USD millions"),
                   field("qualifier"), field("countries", **{"dsrlab:list": True}),
                   field("source_id", constraints={"required": True})],
        "primaryKey": ["fact_id"],
        "foreignKeys": [{"fields": ["source_id"],
                         "reference": {"resource": "sources", "fields": ["id"]}}]}}
    desc = {"name": "tiny", "profile": "data-package", "resources": [sources, fact_table]}
    (root / "datapackage.json").write_text(json.dumps(desc), encoding="utf-8")
    (root / "sources.csv").write_text("id,date\nweb-a,2020-09\n", encoding="utf-8")
    body = "".join(",".join(row) + "\n" for row in facts)
    (root / "facts.csv").write_text("fact_id,amount_usd_m,qualifier,countries,source_id\n"
                                    + body, encoding="utf-8")
    return root


def test_clean_package_passes_with_a_one_line_summary(tmp_path):
    root = _tiny_package(tmp_path / "pkg", [["f1", "30", "nearly", "ARG; CHL", "web-a"],
                                             ["f2", "", "", "", "web-a"]])
    report = dsrlab.validate(root)
    assert report.ok, str(report)
    assert report.errors == []
    assert report.summary() == "data package OK: 2 resources, 3 rows, 0 errors"
    result = _run_cli("validate", str(root), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "data package OK: 2 resources, 3 rows, 0 errors\n"


def test_list_of_countries_qualifier_and_amount(tmp_path):
    root = _tiny_package(tmp_path / "pkg", [["f1", "30m", "roughly", "ARG; XXA", "web-b"]])
    report = dsrlab.validate(root)
    _assert_reported(report, ("facts.csv", 2, "amount_usd_m"), "non-numeric amount: '30m'")
    _assert_reported(report, ("facts.csv", 2, "qualifier"), "unknown qualifier 'roughly'")
    _assert_reported(report, ("facts.csv", 2, "countries"), "'XXA' is not an ISO 3166-1 alpha-3")
    _assert_reported(report, ("facts.csv", 2, "source_id"), "'web-b'")


def test_declared_iso_field_with_region_codes(tmp_path):
    root = _tiny_package(tmp_path / "pkg", [["f1", "1", "exact", "ARG; LAC; LAX", "web-a"]])
    path = root / "datapackage.json"
    desc = json.loads(path.read_text(encoding="utf-8"))
    field = desc["resources"][1]["schema"]["fields"][3]
    field.update({"name": "places", "dsrlab:iso": "alpha3", "dsrlab:regions": ["LAC"]})
    path.write_text(json.dumps(desc), encoding="utf-8")
    (root / "facts.csv").write_text((root / "facts.csv").read_text().replace(
        "countries", "places"), encoding="utf-8")
    report = dsrlab.validate(root)
    assert [i.line() for i in report.errors] == [
        "facts.csv:2:places: 'LAX' is not an ISO 3166-1 alpha-3 code"]


def test_partial_string_date_must_be_a_real_date(tmp_path):
    root = _tiny_package(tmp_path / "pkg", [["f1", "1", "exact", "", "web-a"]])
    (root / "sources.csv").write_text("id,date\nweb-a,2020-13\n", encoding="utf-8")
    _assert_reported(dsrlab.validate(root), ("sources.csv", 2, "date"),
                     "'2020-13' is not a real calendar date")


# --- bad arguments ---------------------------------------------------------------

def test_missing_folder_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="does not exist"):
        dsrlab.validate(tmp_path / "nowhere")
    result = _run_cli("validate", str(tmp_path / "nowhere"), cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("dsrlab: error: data folder")
    assert "Traceback" not in result.stderr


def test_folder_without_datapackage_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match=r"no datapackage\.json"):
        dsrlab.validate(tmp_path)
    result = _run_cli("validate", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 2
    assert "no datapackage.json" in result.stderr


def test_issue_line_format():
    issue = ValidationIssue("events.csv", 7, "date", "bad")
    assert issue.line() == "events.csv:7:date: bad"
    assert ValidationIssue("x.csv", None, None, "gone").line() == "x.csv:-:-: gone"
    report = ValidationReport([issue], resources=3, rows=10)
    assert not report.ok
    assert report.summary() == "data package INVALID: 3 resources, 10 rows, 1 error"
    assert report.to_frame().to_dict("records") == [
        {"file": "events.csv", "row": 7, "field": "date", "message": "bad"}]


def test_cli_datasets_prints_every_table(capsys):
    assert cli_main(["datasets"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["name", "rows", "licence", "title"]
    table = dsrlab.datasets()
    assert len(lines) == len(table) + 1
    for line, row in zip(lines[1:], table.itertuples(), strict=True):
        name, rows, licence = line.split()[:3]
        assert (name, licence) == (row.name, row.licence)
        assert rows == ("-" if row.rows is pd.NA else str(row.rows))
        assert line.endswith(row.title)


def test_resource_paths_must_stay_inside_the_data_folder(tmp_path):
    import json

    from dsrlab.data import validate

    secret = tmp_path / "secret.csv"
    secret.write_text("password\nhunter2\n")
    root = tmp_path / "pkg"
    root.mkdir()
    res = {"name": "x", "path": "../secret.csv", "schema": {"fields": [
        {"name": "password", "type": "string"}]}}
    (root / "datapackage.json").write_text(json.dumps({"name": "p", "resources": [
        res, {**res, "name": "y", "path": str(secret)}]}))
    report = validate(root)
    lines = [i.line() for i in report.errors]
    assert sum("points outside the data folder" in line for line in lines) == 2
    assert not any("hunter2" in line for line in lines)
    assert len(lines) == len(set(lines))  # each problem once
