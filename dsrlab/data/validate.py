"""Validate a data package: Frictionless checks plus the project's own rules.

The project rules read every CSV by column *name* (as :func:`dsrlab.load` does), so a
table that passes can always be loaded with the declared types. Frictionless then
checks the package against the standard; its findings are converted to the same
:class:`ValidationIssue` form, and a finding already reported by our rules for the
same file, row and kind of problem is shown once. Row numbers are CSV records with
the header as row 1 (the first data row is row 2).
"""

import csv
import io
import json
import re
from pathlib import Path

from ..base.errors import UsageError
from .cells import AMOUNT_NAME, cell_problem, partial_date_problem
from .frictionless_check import with_frictionless
from .issues import ValidationIssue, ValidationReport

__all__ = ["ValidationIssue", "ValidationReport", "validate", "QUALIFIERS"]

QUALIFIERS = ("exact", "approx", "nearly", "more_than", "at_least", "less_than")
_TYPES = ("string", "number", "integer", "boolean", "date", "datetime", "time", "year",
          "yearmonth", "duration", "geopoint", "geojson", "object", "array", "any")


class _Table:
    def __init__(self, resource: dict, rows: list[tuple[int, dict]]):
        self.resource, self.rows, self.file = resource, rows, str(resource.get("path", ""))
        self.fields = {f.get("name"): f for f in resource["schema"].get("fields", [])}


def _as_list(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def _read_table(root: Path, res: dict, add) -> _Table | None:
    """Decode and parse one CSV; report encoding, header and cell-count problems."""
    file = str(res.get("path", ""))
    path = root / file
    if not path.is_file():
        add(file, None, None, f"file for resource {res.get('name')!r} not found", "file")
        return None
    enc = str(res.get("encoding", "utf-8")).lower().replace("_", "-")
    if enc not in ("utf-8", "utf8"):
        add("datapackage.json", None, None,
            f"resource {res.get('name')!r} declares encoding {enc!r}; tables must be utf-8",
            "descriptor")
    text = path.read_bytes().decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    delimiter = (res.get("dialect") or {}).get("delimiter", ",")
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        add(file, None, None, f"not a readable CSV file: {exc}", "file")
        return None
    bad_utf8 = re.compile("[\udc80-\udcff]+")
    if not records:
        add(file, 1, None, "the file is empty (no header row)", "header")
        return None
    header = records[0]
    for number, record in enumerate(records, start=1):
        for pos, cell in enumerate(record):
            found = bad_utf8.search(cell)
            if found:
                raw = found.group().encode("utf-8", errors="surrogateescape")
                name = header[pos] if pos < len(header) and number > 1 else f"column {pos + 1}"
                add(file, number, name, f"not valid UTF-8: byte(s) {raw.hex(' ')} in "
                    f"{cell.encode('utf-8', 'surrogateescape').decode('utf-8', 'replace')!r};"
                    " save the file as UTF-8", "encoding")
    schema_names = [f.get("name") for f in res["schema"].get("fields", [])]
    for pos, label in enumerate(header, start=1):
        if not label.strip():
            add(file, 1, f"column {pos}", "blank column header", "header")
        elif header.count(label) > 1 and header.index(label) != pos - 1:
            add(file, 1, label, f"duplicate column {label!r}", "header")
        elif label not in schema_names:
            add(file, 1, label, f"extra column {label!r} is not in the schema; add it to "
                "datapackage.json or remove it", "header")
    for name in schema_names:
        if name not in header:
            add(file, 1, name, f"missing column {name!r} required by the schema", "header")
    header_ok = not any(i.kind == "header" and i.file == file for i in add.issues)
    if header_ok and header != schema_names:
        add(file, 1, None, "columns are not in schema order: expected "
            f"{', '.join(schema_names)}", "header")
    rows = []
    for number, record in enumerate(records[1:], start=2):
        if not record:
            add(file, number, None, "blank row", "cells")
            continue
        if len(record) != len(header):
            add(file, number, None, f"row has {len(record)} cells, the header has "
                f"{len(header)}", "cells")
        rows.append((number, dict(zip(header, record, strict=False))))
    return _Table(res, rows)


def _iso_sets():
    import pycountry  # lazy: only when validating

    countries = list(pycountry.countries)
    return ({c.alpha_3 for c in countries}, {c.alpha_2 for c in countries},
            {c.alpha_2: c.alpha_3 for c in countries})


def _iso_kind(name: str, fdef: dict) -> str | None:
    """``alpha3``/``alpha2`` for ISO code fields: by name, or ``"dsrlab:iso"`` (with
    ``"dsrlab:regions"``, a list of other codes a field such as ``area`` may hold)."""
    if name in ("iso3", "home_country", "countries") or name.endswith("_iso3"):
        return fdef.get("dsrlab:iso", "alpha3")
    return fdef.get("dsrlab:iso", "alpha2" if name == "iso2" or name.endswith("_iso2") else None)


def _is_source_field(name: str) -> bool:
    return name in ("source_id", "source_ids") or name.endswith("_source_id")


def _check_schema(table: _Table, add) -> None:
    res, name = table.resource, table.resource.get("name")
    for key in ("title", "licenses", "sources"):
        if not res.get(key):
            add("datapackage.json", None, None, f"resource {name!r} has no {key!r}", "descriptor")
    if name != "sources" and "source_id" not in table.fields:
        add("datapackage.json", None, "source_id",
            f"table {name!r} has no source_id column (every row needs a source)", "descriptor")
    for key in _as_list(res["schema"].get("primaryKey")) + [
            f for fk in res["schema"].get("foreignKeys", []) for f in _as_list(fk.get("fields"))]:
        if key not in table.fields:
            add("datapackage.json", None, key, f"key field {key!r} of {name!r} is not in its "
                "schema", "descriptor")
    for fname, fdef in table.fields.items():
        if fdef.get("type", "string") not in _TYPES:
            add("datapackage.json", None, fname, f"field {fname!r} of {name!r} has unknown "
                f"type {fdef.get('type')!r}", "descriptor")
        if not fdef.get("description"):
            add("datapackage.json", None, fname,
                f"field {fname!r} of {name!r} has no description", "descriptor")
        if AMOUNT_NAME.search(fname) and fdef.get("type") not in ("number", "integer"):
            add("datapackage.json", None, fname, f"amount field {fname!r} of {name!r} must be "
                f"type number, not {fdef.get('type', 'string')!r}", "descriptor")


def _check_rows(table: _Table, tables: dict, iso, add) -> None:
    schema = table.resource["schema"]
    missing = set(_as_list(schema.get("missingValues", [""])))
    source_ids = {r.get("id") for _, r in tables["sources"].rows} if "sources" in tables else None
    pk = _as_list(schema.get("primaryKey"))
    seen_pk: dict = {}
    seen_unique: dict = {}
    iso3s, iso2s, iso2_to_3 = iso
    for number, row in table.rows:
        for fname, fdef in table.fields.items():
            if fname not in row:
                continue
            value = row[fname]
            cons = fdef.get("constraints") or {}
            if value in missing:
                if cons.get("required") or fname in pk:
                    add(table.file, number, fname, "required value is missing",
                        "constraint:required")
                continue
            is_list = bool(fdef.get("dsrlab:list"))
            items = [v.strip() for v in value.split(";")] if is_list else [value]
            problem = cell_problem(value, fdef)
            if problem:
                add(table.file, number, fname, problem, "type")
                continue
            enum = cons.get("enum")
            if enum and not is_list and value not in [str(e) for e in enum]:
                add(table.file, number, fname, f"{value!r} is not allowed; choose one of "
                    + ", ".join(map(str, enum)), "constraint:enum")
            pattern = cons.get("pattern")
            if pattern and not re.fullmatch(pattern, value):
                add(table.file, number, fname, f"{value!r} does not match the pattern "
                    f"{pattern!r}", "constraint:pattern")
            if cons.get("unique") and pk != [fname]:
                if (fname, value) in seen_unique:
                    add(table.file, number, fname, f"{value!r} repeats row "
                        f"{seen_unique[(fname, value)]}; values must be unique", "unique")
                seen_unique.setdefault((fname, value), number)
            if fname == "date" and fdef.get("type", "string") == "string":
                problem = partial_date_problem(value)
                if problem:
                    add(table.file, number, fname, problem, "date")
            is_qualifier = fname == "qualifier" or fname.endswith("_qualifier")
            if is_qualifier and value not in QUALIFIERS:
                add(table.file, number, fname, f"unknown qualifier {value!r}; use one of "
                    + ", ".join(QUALIFIERS), "qualifier")
            if source_ids is not None and _is_source_field(fname):
                for item in (items if fname == "source_ids" else [value]):
                    if item not in source_ids:
                        add(table.file, number, fname, f"source {item!r} is not an id in "
                            "sources.csv", "foreign-key")
            kind = _iso_kind(fname, fdef)
            if kind:
                valid = iso3s if kind == "alpha3" else iso2s
                regions = fdef.get("dsrlab:regions", ())  # extra codes allowed, e.g. LAC
                for item in items:
                    if item not in valid and item not in regions:
                        add(table.file, number, fname, f"{item!r} is not an ISO 3166-1 "
                            f"{'alpha-3' if kind == 'alpha3' else 'alpha-2'} code", "iso")
        i2, i3 = row.get("iso2"), row.get("iso3")
        if i2 in iso2_to_3 and i3 in iso3s and iso2_to_3[i2] != i3:
            add(table.file, number, "iso2", f"iso2 {i2!r} is the code of "
                f"{iso2_to_3[i2]!r}, not of iso3 {i3!r}", "iso")
        if pk and all(k in row for k in pk):
            key = tuple(row[k] for k in pk)
            if key in seen_pk:
                add(table.file, number, "+".join(pk), f"duplicate primary key "
                    f"{', '.join(key)} (same as row {seen_pk[key]})", "primary-key")
            else:
                seen_pk[key] = number
    _check_foreign_keys(table, tables, missing, add)


def _check_foreign_keys(table: _Table, tables: dict, missing: set, add) -> None:
    for fk in table.resource["schema"].get("foreignKeys", []):
        local = _as_list(fk.get("fields"))
        ref = fk.get("reference") or {}
        target_name = ref.get("resource") or table.resource.get("name")
        remote = _as_list(ref.get("fields"))
        target = tables.get(target_name)
        if target_name == "sources" and all(_is_source_field(f) for f in local):
            continue  # already checked by the source rule, with a clearer message
        if target is None:
            add("datapackage.json", None, "+".join(local), f"foreign key of "
                f"{table.resource.get('name')!r} refers to unknown table {target_name!r}",
                "descriptor")
            continue
        if any(f not in target.fields for f in remote):
            add("datapackage.json", None, "+".join(local), f"foreign key of "
                f"{table.resource.get('name')!r} refers to {target_name}.{'+'.join(remote)}, "
                "which is not in that schema", "descriptor")
            continue
        keys = {tuple(r.get(f) for f in remote) for _, r in target.rows}
        for number, row in table.rows:
            values = tuple(row.get(f) for f in local)
            if None in values or all(v in missing for v in values):
                continue
            if values not in keys:
                shown = ", ".join(values)
                add(table.file, number, "+".join(local), f"{shown!r} is not a "
                    f"{target_name}.{'+'.join(remote)} value", "foreign-key")


def _undescribed_csvs(root: Path, descriptor: dict, add) -> None:
    described = {str(r.get("path")) for r in descriptor.get("resources", [])}
    for path in sorted(root.rglob("*.csv")):
        rel = path.relative_to(root).as_posix()
        if rel not in described:
            add(rel, None, None, "CSV file not described in datapackage.json", "file")


def _inside(root: Path, res: dict, add) -> bool:
    """Whether the resource's path is a file name inside the data folder (else report it:
    a descriptor must never make us read ``../../etc/passwd`` or fetch a URL)."""
    file = res.get("path")
    text = str(file)[:120]
    if not isinstance(file, str) or not file:
        add("datapackage.json", None, None, f"resource {str(res.get('name'))[:60]!r} has no "
            "single file path; give one CSV path inside the data folder", "descriptor")
        return False
    rel = Path(file)
    try:
        contained = (not rel.is_absolute() and "://" not in file and ".." not in rel.parts
                     and (root / rel).resolve().is_relative_to(root.resolve()))
    except (OSError, ValueError):
        contained = False
    if not contained:
        add("datapackage.json", None, None, f"resource {str(res.get('name'))[:60]!r}: path "
            f"{text!r} points outside the data folder; give a path inside it", "descriptor")
    return contained


class _Collector:
    def __init__(self):
        self.issues: list[ValidationIssue] = []

    def __call__(self, file, row, field_name, message, kind):
        self.issues.append(ValidationIssue(file, row, field_name, message, kind))


def validate(path=None) -> ValidationReport:
    """Check a data package with Frictionless and the project's rules.

    Parameters
    ----------
    path : str or Path, optional
        The folder holding ``datapackage.json`` (default: the shipped data).

    Returns
    -------
    ValidationReport
        ``ok``, ``errors`` (each a :class:`ValidationIssue` naming file, row and
        field) and ``summary()``.

    Raises
    ------
    dsrlab.base.errors.UsageError
        If the folder does not exist or holds no ``datapackage.json``.

    Examples
    --------
    ``validate().ok`` is ``True`` for the shipped data; each problem reads like this:

    >>> ValidationIssue("events.csv", 12, "date", "'2019-02-30' is not a valid date").line()
    "events.csv:12:date: '2019-02-30' is not a valid date"
    >>> validate("no/such/folder")
    Traceback (most recent call last):
    ...
    dsrlab.base.errors.UsageError: data folder 'no/such/folder' does not exist
    """
    from ..base import paths

    root = Path(path) if path is not None else paths.data_dir()
    if not root.is_dir():
        raise UsageError(f"data folder {str(root)!r} does not exist")
    if not (root / "datapackage.json").is_file():
        raise UsageError(f"{str(root)!r} has no datapackage.json")
    add = _Collector()
    try:
        descriptor = json.loads((root / "datapackage.json").read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        add("datapackage.json", None, None, f"not valid JSON: {exc}", "descriptor")
        return ValidationReport(add.issues, 0, 0, str(root))
    resources = descriptor.get("resources") or []
    if not isinstance(resources, list):
        resources = []
    inside = [res for res in resources if isinstance(res, dict) and _inside(root, res, add)]
    descriptor = {**descriptor, "resources": inside}
    tables: dict[str, _Table] = {}
    for res in inside:
        if "schema" not in res:
            if not (root / str(res.get("path", ""))).is_file():
                add(str(res.get("path")), None, None,
                    f"file for resource {res.get('name')!r} not found", "file")
            continue
        table = _read_table(root, res, add)
        if table is not None:
            tables[str(res.get("name"))] = table
    iso = _iso_sets()
    for table in tables.values():
        _check_schema(table, add)
        _check_rows(table, tables, iso, add)
    _undescribed_csvs(root, descriptor, add)
    issues = list({i.line(): i for i in with_frictionless(root, descriptor, add.issues)}
                  .values())  # each problem once
    rows = sum(len(t.rows) for t in tables.values())
    return ValidationReport(issues, len(resources), rows, str(root))
