"""The course data: list, load, describe, cite and validate the tables.

Everything is driven by ``datapackage.json`` (a Frictionless Data Package): a table
added there by an instructor is listed, loaded, typed and validated with no code
change. Loading uses pandas only (no Frictionless), parses each CSV once per session
and hands out copies, so notebooks can change what they get freely.

Types follow the schema: ``date``/``datetime`` -> ``datetime64``; ``integer``/``year``
-> nullable ``Int64``; ``number`` -> ``float64``; ``boolean`` -> nullable ``boolean``;
a field with ``constraints.enum`` -> ``Categorical`` (categories in enum order);
everything else, including ``;``-separated lists (``"dsrlab:list": true``), stays text.
"""

import csv
import json
from pathlib import Path

from ..base import paths
from ..base.course_tables import course_table
from ..base.errors import DataValidationError, UsageError, choices_text
from ..base.i18n import all_strings, check_language, get_language
from .cells import DEFAULT_FALSE, DEFAULT_TRUE, LIST_SEPARATOR, dtype_of

__all__ = ["datasets", "load", "describe", "explode_list", "shared_frame", "descriptor"]

_cache: dict = {}  # (kind, path) -> (stamp, value); filled on first use only


def _stamp(path: Path):
    st = path.stat()
    return (st.st_mtime_ns, st.st_size)


def _cached(kind: str, path: Path, build, missing: Exception):
    """``build(path)``, re-run only when the file changes; raise ``missing`` if it is gone."""
    try:
        stamp = _stamp(path)
    except FileNotFoundError:
        raise missing from None
    hit = _cache.get((kind, path))
    if hit and hit[0] == stamp:
        return hit[1]
    value = build(path)
    _cache[(kind, path)] = (stamp, value)
    return value


def _read_json(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as fh:
            return json.load(fh)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DataValidationError(f"{path} is not valid JSON: {exc}") from None


def descriptor(root: Path | None = None) -> dict:
    """The parsed ``datapackage.json`` (re-read only when the file changes)."""
    root = Path(root) if root is not None else paths.data_dir()
    return _cached("descriptor", root / "datapackage.json", _read_json,
                   UsageError(f"no datapackage.json in {str(root)!r}"))


def _resources(root: Path | None = None) -> dict[str, dict]:
    return {r.get("name", ""): r for r in descriptor(root).get("resources", [])}


def _is_table(resource: dict) -> bool:
    path = str(resource.get("path", ""))
    return "schema" in resource and (resource.get("format") == "csv" or path.endswith(".csv"))


def _resource(name: str) -> dict:
    resources = _resources()
    tables = [n for n, r in resources.items() if _is_table(r)]
    if not isinstance(name, str) or name not in resources or name not in tables:
        raise UsageError(f"unknown dataset {name!r}; choose one of {choices_text(tables)}")
    return resources[name]


def _parse(resource: dict, path: Path):
    import pandas as pd

    schema = resource["schema"]
    fields = schema.get("fields", [])
    dialect = resource.get("dialect") or {}
    dtypes, dates, bools, cats = {}, [], [], []
    for f in fields:  # dates, booleans and text categories are read as text, then converted
        kind, target = f.get("type", "string"), dtype_of(f)
        if kind in ("date", "datetime"):
            dates.append(f)
        elif kind == "boolean":
            bools.append(f)
        elif kind == "string" and isinstance(target, pd.CategoricalDtype):
            cats.append((f["name"], target))  # checked below: no value may vanish
        else:
            dtypes[f["name"]] = target
            continue
        dtypes[f["name"]] = "str"
    frame = pd.read_csv(
        path, dtype=dtypes, encoding=resource.get("encoding", "utf-8"),
        sep=dialect.get("delimiter", ","), keep_default_na=False,
        na_values=schema.get("missingValues", [""]),
    )
    wanted = [f["name"] for f in fields]
    if list(frame.columns) != wanted:
        missing = [c for c in wanted if c not in frame.columns]
        extra = [c for c in frame.columns if c not in wanted]
        if missing or extra:
            raise ValueError(f"columns differ from the schema (missing {missing}, extra {extra})")
        frame = frame[wanted]
    for f in bools:
        mapping = {v: True for v in f.get("trueValues", DEFAULT_TRUE)}
        mapping.update({v: False for v in f.get("falseValues", DEFAULT_FALSE)})
        col = frame[f["name"]]
        mapped = col.map(mapping)
        if (mapped.isna() & col.notna()).any():
            bad = col[mapped.isna() & col.notna()].iloc[0]
            raise ValueError(f"{f['name']!r} has a value {bad!r} that is not a boolean")
        frame[f["name"]] = mapped.astype("boolean")
    for name, target in cats:
        col = frame[name]
        outside = col.notna() & ~col.isin(target.categories)
        if outside.any():
            raise ValueError(f"{name!r} has a value {col[outside].iloc[0]!r} outside its enum")
        frame[name] = col.astype(target)
    for f in dates:
        fmt = f.get("format", "default")
        if fmt == "default":
            fmt = "%Y-%m-%d" if f["type"] == "date" else "ISO8601"
        elif fmt == "any":
            fmt = None
        frame[f["name"]] = pd.to_datetime(frame[f["name"]], format=fmt)
    return frame


def shared_frame(name: str):
    """The cached, parsed table (never handed out: :func:`load` returns a copy)."""
    resource = _resource(name)
    path = paths.data_dir() / resource["path"]

    def parse(path: Path):
        try:
            return _parse(resource, path)
        except (ValueError, TypeError, UnicodeDecodeError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise DataValidationError(f"table {name!r} cannot be read ({first}); "
                                      "run 'dsrlab validate' for every problem") from None

    return _cached("table", path, parse,
                   DataValidationError(f"table {name!r}: file {str(path)!r} is missing"))


def load(name: str):
    """Load a table of the data package as a typed DataFrame (a new copy each call).

    Parameters
    ----------
    name : str
        Resource name in ``datapackage.json``; :func:`datasets` lists them.

    Returns
    -------
    pandas.DataFrame
        Columns in schema order, typed from the schema (see the module notes).

    Raises
    ------
    dsrlab.base.errors.UsageError
        If ``name`` is not a table of the package (the message lists the tables).

    Examples
    --------
    >>> sources = load("sources")
    >>> sources["kind"].dtype.name
    'category'
    >>> sources.columns[0]
    'id'
    """
    return shared_frame(name).copy()


def explode_list(df, column: str):
    """One row per item of a ``;``-separated list column (a new frame; index kept).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"id": ["a", "b"], "countries": ["BRA; CHL", None]})
    >>> explode_list(df, "countries")["countries"].tolist()
    ['BRA', 'CHL', nan]
    """
    if column not in df.columns:
        raise UsageError(f"no column {column!r}; choose one of {choices_text(df.columns)}")
    items = df[column].str.split(LIST_SEPARATOR)
    out = df.assign(**{column: items}).explode(column)
    out[column] = out[column].str.strip()
    return out


def _licence(resource: dict) -> str:
    licences = resource.get("licenses") or descriptor().get("licenses") or []
    return "; ".join(str(lic.get("name") or lic.get("title") or "") for lic in licences)


def _count_rows(path: Path) -> int | None:
    try:
        with path.open(encoding="utf-8", errors="replace", newline="") as fh:
            return max(sum(1 for _ in csv.reader(fh)) - 1, 0)
    except OSError:
        return None


def _title(resource: dict, lang: str) -> str:
    """The resource's own ``dsrlab:title_<lang>``, else dsrlab/strings/data.yml, else title."""
    own = resource.get(f"dsrlab:title_{lang}")
    known = all_strings().get(f"data.title_{resource.get('name')}", {})
    return own or (known.get(lang) if lang != "en" else None) or resource.get("title", "")


def datasets(lang: str | None = None):
    """List the tables: name, title, rows, licence and path (relative to the data folder).

    Parameters
    ----------
    lang : {"en", "es"}, optional
        Language of the titles where a translation is given (default: the active one).

    Examples
    --------
    >>> table = datasets()
    >>> list(table.columns)
    ['name', 'title', 'rows', 'licence', 'path']
    >>> "sources" in set(table["name"])
    True
    """
    import pandas as pd

    lang = check_language(lang) if lang else get_language()
    root = paths.data_dir()
    rows = []
    for name, res in _resources().items():
        tabular = _is_table(res)
        rows.append({
            "name": name, "title": _title(res, lang),
            "rows": _count_rows(root / res["path"]) if tabular else None,
            "licence": _licence(res), "path": str(res.get("path", "")),
        })
    out = pd.DataFrame(rows, columns=["name", "title", "rows", "licence", "path"])
    out["rows"] = out["rows"].astype("Int64")
    # shown for reading; a table's name and file are shown as a student types them
    return course_table(out, labels={"name": "data.col_dataset", "rows": "data.col_rows",
                                     "licence": "data.col_licence", "path": "data.col_path"},
                        verbatim=("name", "path"))


def _foreign_keys(resource: dict) -> dict[str, str]:
    out = {}
    for fk in resource["schema"].get("foreignKeys", []):
        local = fk.get("fields")
        ref = fk.get("reference", {})
        local = [local] if isinstance(local, str) else list(local or [])
        remote = ref.get("fields")
        remote = [remote] if isinstance(remote, str) else list(remote or [])
        target = ref.get("resource") or resource.get("name")
        for here, there in zip(local, remote, strict=False):
            out[here] = f"{target}.{there}"
    return out


def describe(name: str, *, lang: str | None = None):
    """The data dictionary of a table: one row per field.

    Columns: ``field, type, required, unit, description, enum, foreign_key,
    primary_key, list``; ``enum`` lists the allowed values (``", "``-joined),
    ``foreign_key`` names the referenced ``table.field``. The description is in ``lang``
    (default: the active language): Spanish comes from each field's own
    ``"dsrlab:description_es"`` in ``datapackage.json``.

    Examples
    --------
    >>> d = describe("sources")
    >>> d.loc[d["field"] == "id", ["type", "required", "primary_key"]].values.tolist()
    [['string', True, True]]
    >>> describe("sources", lang="es").loc[0, "description"]
    'Identificador estable de la fuente, p. ej. malena-fn41'
    """
    import pandas as pd

    lang = check_language(lang) if lang else get_language()
    resource = _resource(name)
    schema = resource["schema"]
    pk = schema.get("primaryKey") or []
    pk = [pk] if isinstance(pk, str) else list(pk)
    fks = _foreign_keys(resource)
    rows = []
    for f in schema.get("fields", []):
        cons = f.get("constraints") or {}
        enum = cons.get("enum")
        english = f.get("description", "")
        rows.append({
            "field": f["name"], "type": f.get("type", "string"),
            "required": bool(cons.get("required")) or f["name"] in pk,
            "unit": f.get("unit"),
            "description": (f.get(f"dsrlab:description_{lang}") or english)
            if lang != "en" else english,
            "enum": ", ".join(map(str, enum)) if enum else None,
            "foreign_key": fks.get(f["name"]), "primary_key": f["name"] in pk,
            "list": bool(f.get("dsrlab:list")),
        })
    out = pd.DataFrame(rows, columns=["field", "type", "required", "unit", "description",
                                      "enum", "foreign_key", "primary_key", "list"])
    # shown for reading; names and allowed values are shown as a student types them, types
    # and units in the reader's words (the stored value stays in the frame)
    return course_table(out, labels={c: f"data.col_{c}" for c in (
        "field", "type", "required", "enum", "foreign_key", "primary_key", "list")},
        codes={"type": "data.type_", "unit": "data.unit_"},
        verbatim=("field", "enum", "foreign_key"))
