"""Does the data package hold every fact of the two source papers, with its citation?

The expectations live in ``tests/paper_facts.yml``, a list compiled by reading the papers
(not the tables). Each fact must be found on one row of some table whose ``source_id``
belongs to the same paper and, for facts carried by a footnote, is that footnote (or the
footnote an "Ibid." points to, or a row whose ``locator`` names it). Numbers keep their
qualifier ("more than", "nearly"...) in a ``qualifier``/``*_qualifier`` column of the row.

Text matching ignores case, accents and punctuation ("ECU-911" = "ECU 911"); short
needles (under four letters) must be whole words. A number may sit in a numeric column or
be written in a text cell of the row. Years and dates are read from date and year columns
only. The ``sources`` table is searched only when a fact names it.
"""

import contextlib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest
import yaml

import dsrlab

SPEC = yaml.safe_load(Path(__file__).with_name("paper_facts.yml").read_text(encoding="utf-8"))
FACTS = SPEC["facts"]
PAPERS = SPEC["papers"]
FOOTNOTES = SPEC["footnotes"]
BIBLIOGRAPHIC_ONLY = SPEC["bibliographic_only"]
QUALIFIERS = ("exact", "approx", "nearly", "more_than", "at_least", "less_than")
EXPECTATIONS = ("number", "year", "date", "text")
NOT_TEXT = {"source_id", "locator", "capital_source_id", "subregion_source_id"}
YEAR_NAMES = {"year", "since", "founded", "status_since"}
WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fifteen": 15,
    "sixteen": 16, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
    "half": 0.5,
}
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")
_NUMBER = re.compile(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?:\.\d+)?|(?<![\w.,])\d+(?:\.\d+)?")
_SEP = "\x01"
_NA = pd.NA


def norm(value) -> str:
    """Lower-case ASCII words of ``value`` separated by single spaces."""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"[a-z0-9]+", text))


class Needle:
    """One alternative of a text expectation, compiled once."""

    def __init__(self, raw: str):
        self.raw = raw
        words = norm(raw)
        self.compact = words.replace(" ", "")
        tail = r"(?![a-z0-9])" if len(self.compact) < 4 else ""
        self.pattern = re.compile(r"(?<![a-z0-9])" + re.escape(words) + tail)

    def found_in(self, row, column: str | None = None) -> bool:
        if not self.compact:
            return False
        hay = row.hay if column is None else row.cells.get(column, "")
        if self.pattern.search(hay):
            return True
        compact = row.hay_compact if column is None else hay.replace(" ", "")
        return len(self.compact) >= 6 and self.compact in compact


def needles(spec: str) -> list[Needle]:
    return [Needle(part.strip()) for part in str(spec).split("|") if part.strip()]


@dataclass
class Row:
    table: str
    key: str
    source: str
    locator: str
    hay: str = ""
    hay_compact: str = ""
    numbers: list = field(default_factory=list)  # (column, value)
    prose_numbers: set = field(default_factory=set)
    years: set = field(default_factory=set)
    dates: list = field(default_factory=list)
    quals: dict = field(default_factory=dict)
    cells: dict = field(default_factory=dict)  # column -> normalised text

    @property
    def label(self) -> str:
        where = f"source {self.source or '-'}, locator {self.locator or '-'}"
        return f"{self.table}[{self.key}] ({where})"


def _cell_text(value) -> str | None:
    if value is None:
        return None
    try:
        if isinstance(value, float) and math.isnan(value):
            return None
        if value is _NA:
            return None
        if hasattr(value, "year") and hasattr(value, "strftime"):
            return value.strftime("%Y-%m-%d")
    except (TypeError, ValueError):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _prose_numbers(text: str) -> set:
    text = _ISO_DATE.sub(" ", text)
    found = {float(m.replace(",", "")) for m in _NUMBER.findall(text)}
    for word in re.findall(r"[a-z]+", text.casefold()):
        if word in WORD_NUMBERS:
            found.add(float(WORD_NUMBERS[word]))
    return found


def _is_year_column(name: str) -> bool:
    return name in YEAR_NAMES or "year" in name


def _is_date_column(name: str) -> bool:
    return name == "date" or name.endswith("_date") or name in {"adopted", "date_signed"}


def build_rows(name: str, frame) -> list[Row]:
    kinds = {}
    for col in frame.columns:
        dtype = frame[col].dtype
        if pd.api.types.is_datetime64_any_dtype(dtype):
            kinds[col] = "datetime"
        elif pd.api.types.is_bool_dtype(dtype):
            kinds[col] = "bool"
        elif pd.api.types.is_numeric_dtype(dtype):
            kinds[col] = "year" if _is_year_column(col) else "number"
        else:
            kinds[col] = "text"
    rows = []
    key_col = frame.columns[0]
    for record in frame.to_dict("records"):
        source = record.get("id" if name == "sources" else "source_id")
        row = Row(table=name, key=_cell_text(record.get(key_col)) or "?",
                  source=_cell_text(source) or "", locator=_cell_text(record.get("locator")) or "")
        texts = []
        for col, value in record.items():
            text = _cell_text(value)
            if text is None or text == "":
                continue
            kind = kinds[col]
            if col == "qualifier" or col.endswith("_qualifier"):
                row.quals[col] = text
            if kind == "datetime":
                row.dates.append(text)
                row.years.add(int(text[:4]))
            elif kind == "year":
                with contextlib.suppress(TypeError, ValueError):
                    row.years.add(int(float(value)))
                texts.append(text)
            elif kind == "number":
                row.numbers.append((col, float(value)))
                texts.append(text)
            elif kind == "text":
                if _is_date_column(col) and re.match(r"^\d{4}(-\d{2}){0,2}$", text):
                    row.dates.append(text)
                    row.years.add(int(text[:4]))
                if col in NOT_TEXT:
                    continue
                row.cells[col] = norm(text)
                texts.append(text)
                row.prose_numbers |= _prose_numbers(text)
        cells = [norm(t) for t in texts]
        row.hay = _SEP.join(cells)
        row.hay_compact = _SEP.join(c.replace(" ", "") for c in cells)
        rows.append(row)
    return rows


@dataclass
class Package:
    rows: dict  # table name -> list[Row]
    frames: dict  # table name -> DataFrame
    errors: dict  # table name -> message
    _family: dict = field(default_factory=dict)

    def family_rows(self, paper: str, table: str) -> list[Row]:
        """Rows of ``table`` cited to ``paper`` (computed once)."""
        key = (paper, table)
        if key not in self._family:
            self._family[key] = [r for r in self.rows.get(table, [])
                                 if _in_family(paper, r.source)]
        return self._family[key]


@pytest.fixture(scope="module")
def package() -> Package:
    frames, rows, errors = {}, {}, {}
    for name in dsrlab.datasets()["name"]:
        try:
            frame = dsrlab.load(name)
        except dsrlab.base.errors.UsageError:
            continue  # not a table (GeoJSON resources)
        except Exception as exc:  # noqa: BLE001 - reported by test_every_table_loads
            errors[name] = f"{type(exc).__name__}: {exc}"
            continue
        frames[name] = frame
        rows[name] = build_rows(name, frame)
    return Package(rows=rows, frames=frames, errors=errors)


# ------------------------------------------------------------------ fact matching

def _family(paper: str) -> tuple[str, set]:
    info = PAPERS[paper]
    return info["prefix"], {info["paper_id"], *info.get("extra_sources", [])}


def _in_family(paper: str, source: str) -> bool:
    prefix, extra = _family(paper)
    return source.startswith(prefix) or source in extra


def _fn_number(locator: str) -> int | None:
    m = re.fullmatch(r"fn(\d+)", str(locator).strip())
    return int(m.group(1)) if m else None


def _ibid_target(paper: str, n: int) -> int | None:
    return (FOOTNOTES[paper].get(n) or {}).get("ibid_of")


def cited_right(fact: dict, row: Row) -> bool:
    paper = fact["paper"]
    if not _in_family(paper, row.source):
        return False
    locator = str(fact["locator"])
    if fact.get("cite") == "any" or locator.startswith("text"):
        return True
    prefix = PAPERS[paper]["prefix"]
    if locator == "table":
        return row.source in PAPERS[paper].get("extra_sources", []) or "table" in row.locator
    n = _fn_number(locator)
    accepted = {n, *fact.get("fn_alt", [])}
    target = _ibid_target(paper, n)
    if target:
        accepted.add(target)
    if row.source in {f"{prefix}fn{k}" for k in accepted}:
        return True
    return any(re.search(rf"\bfn{k}\b", row.locator) for k in accepted)


def _close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _qualifier_ok(row: Row, column: str | None, expected: str) -> bool:
    if column is not None:
        specific = [c for c in (f"{column}_qualifier", f"{column.split('_')[0]}_qualifier")
                    if c in row.quals]
        if specific:
            return any(row.quals[c] == expected for c in specific)
    if "qualifier" in row.quals:
        return row.quals["qualifier"] == expected or (
            expected == "exact" and row.quals["qualifier"] in ("", "exact"))
    if expected == "exact" and not row.quals:
        return True
    return any(v == expected for v in row.quals.values())


def value_on_row(fact: dict, row: Row, check_qualifier: bool = True) -> bool:
    """Does ``row`` hold the fact's value (and qualifier, if asked)?"""
    qualifier = fact.get("qualifier") if check_qualifier else None
    if "number" in fact:
        values = fact["number"] if isinstance(fact["number"], list) else [fact["number"]]
        for col, have in row.numbers:
            if any(_close(have, v) for v in values) and (
                    qualifier is None or _qualifier_ok(row, col, qualifier)):
                return True
        if any(_close(have, v) for have in row.prose_numbers for v in values):
            return qualifier is None or _qualifier_ok(row, None, qualifier)
        return False
    if "year" in fact:
        ok = int(fact["year"]) in row.years
    elif "date" in fact:
        ok = any(d.startswith(str(fact["date"])) for d in row.dates)
    else:
        ok = any(n.found_in(row, fact.get("column")) for n in fact["_text"])
    return ok and (qualifier is None or _qualifier_ok(row, None, qualifier))


def together_on_row(fact: dict, row: Row) -> bool:
    return all(any(n.found_in(row) for n in group) for group in fact["_together"])


def _tables_for(fact: dict, package: Package) -> list[str]:
    wanted = fact.get("table")
    if wanted is None:
        return [t for t in package.rows if t != "sources"]
    return [wanted] if isinstance(wanted, str) else list(wanted)


def _prepare(fact: dict) -> dict:
    if "_together" not in fact:
        fact["_together"] = [needles(item) for item in fact.get("together_with", [])]
        fact["_text"] = needles(fact["text"]) if "text" in fact else []
    return fact


def find(fact: dict, package: Package) -> tuple[list[Row], str]:
    """Rows that satisfy the fact, and (when none) a diagnosis of the near misses."""
    fact = _prepare(fact)
    tables = _tables_for(fact, package)
    missing = [t for t in tables if t not in package.rows]
    own = [r for t in tables for r in package.family_rows(fact["paper"], t)]
    hits = [r for r in own
            if value_on_row(fact, r) and together_on_row(fact, r) and cited_right(fact, r)]
    if hits:
        return hits, ""
    candidates = [r for t in tables if t in package.rows for r in package.rows[t]]
    notes = []
    if missing:
        notes.append(f"table(s) {', '.join(missing)} not in the data package")
    wrong_cite = [r for r in candidates if value_on_row(fact, r) and together_on_row(fact, r)]
    if wrong_cite:
        notes.append("value is there but not cited to this passage: "
                     + "; ".join(r.label for r in wrong_cite[:3]))
    if "qualifier" in fact:
        no_qual = [r for r in candidates if value_on_row(fact, r, check_qualifier=False)
                   and together_on_row(fact, r) and cited_right(fact, r)]
        if no_qual:
            notes.append(f"value is there but its qualifier is not {fact['qualifier']!r}: "
                         + "; ".join(f"{r.label} qualifiers={r.quals}" for r in no_qual[:3]))
    if fact["_together"]:
        alone = [r for r in candidates if value_on_row(fact, r, check_qualifier=False)
                 and cited_right(fact, r) and not together_on_row(fact, r)]
        if alone:
            notes.append(f"value is there but not with {fact['together_with']} on the same row: "
                         + "; ".join(r.label for r in alone[:3]))
    if not notes:
        notes.append("not found in any table")
    return [], " | ".join(notes)


def _expectation(fact: dict) -> str:
    kind = next(k for k in EXPECTATIONS if k in fact)
    text = f"{kind} {fact[kind]!r}"
    if "qualifier" in fact:
        text += f" ({fact['qualifier']})"
    if fact.get("together_with"):
        text += f" with {fact['together_with']} on the same row"
    if fact.get("table"):
        text += f" in table {fact['table']}"
    if fact.get("column"):
        text += f", column {fact['column']}"
    return text


@pytest.mark.parametrize("fact", FACTS, ids=[f["id"] for f in FACTS])
def test_fact_is_in_the_data(fact, package):
    hits, why = find(fact, package)
    assert hits, (
        f"MISSING {fact['id']} [{fact['paper']} {fact['locator']}] {fact['what']}: expected "
        f"{_expectation(fact)}, cited to {fact['paper']} {fact['locator']}; should be in "
        f"{fact.get('where', '?')}. {why}"
    )


NUMBER_FACTS = [f for f in FACTS if "number" in f]


@pytest.mark.parametrize("fact", NUMBER_FACTS, ids=[f["id"] for f in NUMBER_FACTS])
def test_number_keeps_its_qualifier_on_every_row(fact, package):
    """No row cited to the passage gives the number a different qualifier than the paper."""
    fact = _prepare(fact)
    values = fact["number"] if isinstance(fact["number"], list) else [fact["number"]]
    want = fact.get("qualifier", "exact")
    wrong = [
        f"{r.label} {col}={have:g} qualifiers={r.quals}"
        for t in _tables_for(fact, package) for r in package.family_rows(fact["paper"], t)
        if together_on_row(fact, r) and cited_right(fact, r)
        for col, have in r.numbers
        if any(_close(have, v) for v in values) and not _qualifier_ok(r, col, want)
    ]
    assert not wrong, (
        f"{fact['id']} [{fact['paper']} {fact['locator']}] {fact['what']}: the paper's number "
        f"is {want!r} but these rows say otherwise: {'; '.join(wrong)}")


CLOSED_LISTS = SPEC.get("closed_lists", [])


@pytest.mark.parametrize("spec", CLOSED_LISTS, ids=[c["id"] for c in CLOSED_LISTS])
def test_closed_list_is_complete_and_nothing_more(spec, package):
    table = spec["table"]
    assert table in package.frames, f"{spec['id']}: no table {table!r} in the data package"
    frame = package.frames[table]
    absent = [c for c in [*spec["rows"], spec.get("column", frame.columns[0])]
              if c not in frame.columns]
    assert not absent, f"{spec['id']}: {table} lacks columns {absent}"
    keep = frame.index == frame.index
    for col, value in spec["rows"].items():
        keep &= frame[col].map(lambda v: (_cell_text(v) or "").casefold()) == str(value).casefold()
    if spec.get("paper"):
        keep &= frame["source_id"].map(lambda v: _in_family(spec["paper"], _cell_text(v) or ""))
    chosen = frame[keep]
    where = f"{spec['paper'] or 'public data'} {spec['locator']}"
    if "count" in spec:
        assert len(chosen) == spec["count"], (
            f"{spec['id']} ({where}): {spec['what']}: expected {spec['count']} rows of {table} "
            f"with {spec['rows']}, found {len(chosen)}")
        return
    have = sorted(_cell_text(v) or "" for v in chosen[spec["column"]])
    want = sorted(spec["values"])
    assert have == want, (
        f"{spec['id']} ({where}): {spec['what']}: {table} rows with {spec['rows']} should have "
        f"{spec['column']} exactly {want}; missing {sorted(set(want) - set(have))}, "
        f"extra {sorted(set(have) - set(want))}, duplicates {len(have) - len(set(have))}")


# ------------------------------------------------------------------ the list itself

def test_fact_list_is_well_formed():
    ids = [f["id"] for f in FACTS]
    assert len(ids) == len(set(ids)), "duplicate fact ids"
    for fact in FACTS:
        kinds = [k for k in EXPECTATIONS if k in fact]
        assert len(kinds) == 1, f"{fact['id']}: needs exactly one of {EXPECTATIONS}"
        assert fact["paper"] in PAPERS, f"{fact['id']}: paper must be one of {list(PAPERS)}"
        assert fact.get("what"), f"{fact['id']}: say what the fact is"
        assert fact.get("qualifier", "exact") in QUALIFIERS, f"{fact['id']}: bad qualifier"
        locator = str(fact["locator"])
        n = _fn_number(locator)
        if n is not None:
            assert 1 <= n <= PAPERS[fact["paper"]]["footnotes"], f"{fact['id']}: no footnote {n}"
        else:
            assert locator == "table" or locator.startswith("text"), f"{fact['id']}: bad locator"
        if "date" in fact:
            assert re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", str(fact["date"])), fact["id"]


def test_every_footnote_backs_a_listed_fact():
    """The fact list itself leaves no footnote of either paper unread."""
    listed = set()
    for fact in FACTS:
        n = _fn_number(str(fact["locator"]))
        if n is not None:
            listed.add(f"{PAPERS[fact['paper']]['prefix']}fn{n}")
    unread = [fid for fid in _footnote_ids() if fid not in listed and fid not in BIBLIOGRAPHIC_ONLY]
    assert not unread, f"footnotes with no fact in paper_facts.yml: {unread}"


# ------------------------------------------------------------------ sources and footnotes

def _footnote_ids() -> list[str]:
    return [f"{PAPERS[p]['prefix']}fn{n}" for p in PAPERS
            for n in range(1, PAPERS[p]["footnotes"] + 1)]


def _footnote_params():
    return [(p, n) for p in PAPERS for n in range(1, PAPERS[p]["footnotes"] + 1)]


def _sources(package):
    assert "sources" in package.frames, "no `sources` table in the data package"
    return package.frames["sources"].set_index("id", drop=False)


def test_every_table_loads(package):
    assert not package.errors, f"tables that fail to load: {package.errors}"


@pytest.mark.parametrize("source_id", [*(p["paper_id"] for p in PAPERS.values()), "aei-cgit"])
def test_paper_and_table_sources(source_id, package):
    sources = _sources(package)
    assert source_id in sources.index, f"sources has no row {source_id!r}"
    if source_id != "aei-cgit":
        assert str(sources.loc[source_id, "kind"]) == "paper", f"{source_id}: kind should be paper"


@pytest.mark.parametrize(("paper", "n"), _footnote_params(),
                         ids=[f"{PAPERS[p]['prefix']}fn{n}" for p, n in _footnote_params()])
def test_footnote_is_a_source_row(paper, n, package):
    sources = _sources(package)
    fid = f"{PAPERS[paper]['prefix']}fn{n}"
    where = f"{paper} footnote {n}"
    assert fid in sources.index, f"sources has no row {fid!r} for {where}"
    row = sources.loc[fid]
    assert str(row["kind"]) == "footnote", f"{fid}: kind is {row['kind']!r}, not 'footnote'"
    assert int(row["footnote"]) == n, f"{fid}: footnote number is {row['footnote']!r}, not {n}"
    assert row["paper_id"] == PAPERS[paper]["paper_id"], f"{fid}: paper_id is {row['paper_id']!r}"
    spec = FOOTNOTES[paper].get(n) or {}
    if spec.get("ibid_of"):
        want = f"{PAPERS[paper]['prefix']}fn{spec['ibid_of']}"
        assert row["ibid_of"] == want, (
            f"{fid} is 'Ibid.' of {want} ({where}); sources.ibid_of is {row['ibid_of']!r}")
    if spec.get("date"):
        have = _cell_text(row["date"]) or ""
        assert have.startswith(spec["date"]), (
            f"{fid}: the paper dates the cited work {spec['date']}; sources.date is {have!r}")
    year = spec.get("year") or (int(spec["date"][:4]) if spec.get("date") else None)
    if year:
        have = _cell_text(row["year"])
        assert have == str(year), f"{fid}: the cited work is from {year}; sources.year is {have!r}"
    if spec.get("url"):
        assert _cell_text(row["url"]), f"{fid}: {where} prints a link; sources.url is empty"
    if spec.get("who"):
        fields = [c for c in ("author", "title", "container", "publisher") if c in row.index]
        probe = Row(table="sources", key=fid, source=fid, locator="")
        probe.hay = _SEP.join(norm(_cell_text(row[c]) or "") for c in fields)
        probe.hay_compact = probe.hay.replace(" ", "")
        assert any(n.found_in(probe) for n in needles(spec["who"])), (
            f"{fid}: the paper credits {spec['who']!r}; sources has "
            f"{ {c: _cell_text(row[c]) for c in fields} }")


@pytest.mark.parametrize("footnote_id", _footnote_ids())
def test_footnote_backs_some_row(footnote_id, package):
    if footnote_id in BIBLIOGRAPHIC_ONLY:
        assert str(BIBLIOGRAPHIC_ONLY[footnote_id]).strip(), f"{footnote_id}: give the reason"
        return
    users = [r.label for t, rows in package.rows.items() if t != "sources"
             for r in rows if r.source == footnote_id]
    assert users, (
        f"no row of any table cites {footnote_id}; every fact-bearing footnote should back "
        f"at least one row (see the facts with locator "
        f"{footnote_id.split('-')[-1]} in paper_facts.yml)")


def test_paper_citations_have_matching_locators(package):
    """A row cited to footnote N says fnN; one cited to a whole paper points into its text."""
    papers = {p["paper_id"] for p in PAPERS.values()}
    prefixes = "|".join(re.escape(p["prefix"]) for p in PAPERS.values())
    bad = []
    for table, rows in package.rows.items():
        if table == "sources":
            continue
        for r in rows:
            m = re.fullmatch(rf"(?:{prefixes})fn(\d+)", r.source)
            if m and not re.search(rf"\bfn{m.group(1)}\b", r.locator):
                bad.append(f"{r.label}: locator should name fn{m.group(1)}")
            elif r.source in papers and not r.locator.startswith("text"):
                bad.append(f"{r.label}: a paper-level citation needs a 'text: ...' locator")
            elif r.source == "aei-cgit" and r.locator != "table":
                bad.append(f"{r.label}: CGIT rows have locator 'table'")
    assert not bad, "citation/locator mismatches: " + "; ".join(bad[:20])


# ------------------------------------------------------------------ the CGIT table

def _printed_cgit_rows() -> list[dict]:
    """The printed CGIT rows, with the typed values the contract derives from them."""
    out = []
    for month, investor, amount, share, partner, sector, country, green in SPEC["cgit_table"]:
        main, sub = (part.strip() for part in sector.split(" - ", 1))
        share_pct = float(share.split()[0]) if share != "n/a" else None
        out.append({
            "month_label": month, "investor": investor, "amount_label": amount,
            "amount_usd_m": float(amount.lstrip("$").replace(",", "")), "share_label": share,
            "share_pct": share_pct, "partner": partner, "sector_label": sector, "sector": main,
            "subsector": sub, "country_label": country, "greenfield_label": green,
            "greenfield": green == "Yes",
        })
    return out


def _same(have, want) -> bool:
    if want is None:
        return _cell_text(have) in (None, "")
    if isinstance(want, bool):
        return bool(have) is want
    if isinstance(want, float):
        try:
            return _close(float(have), want)
        except (TypeError, ValueError):
            return False
    return str(have) == want


def test_cgit_table_reproduced_exactly(package):
    assert "investments" in package.frames, "no `investments` table"
    frame = package.frames["investments"]
    required = ["deal_id", "month_label", "investor", "amount_usd_m", "share_label", "partner",
                "sector", "subsector", "country_label", "greenfield", "source_id"]
    absent = [c for c in required if c not in frame.columns]
    assert not absent, f"investments lacks columns {absent}"
    table = frame[frame["source_id"] == "aei-cgit"]
    ids = list(table["deal_id"])
    assert sorted(ids) == [f"cgit-{i}" for i in range(1, 8)], (
        f"the CGIT table has 7 deals, cgit-1..cgit-7 in printed order; got {ids}")
    table = table.set_index("deal_id")
    problems = []
    for i, want in enumerate(_printed_cgit_rows(), 1):
        row = table.loc[f"cgit-{i}"]
        for col, value in want.items():
            if col in table.columns and not _same(row[col], value):
                problems.append(f"cgit-{i}.{col} is {row[col]!r}; the paper prints {value!r}")
    assert not problems, "CGIT table differs from the paper: " + "; ".join(problems)
