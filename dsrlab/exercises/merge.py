"""(Instructor) merge students' submission files into one table and a summary per exercise.

Outputs in the ``out`` folder: ``answers.csv`` (one row per attempt), ``summary.csv``
(one row per exercise: share of students correct, first-try share, most common wrong
answers, and for rubric exercises how many students placed their answer at each level)
and ``summary.png`` (share correct per exercise, numbers written on the bars); when the
files hold peer reviews of the capstone memo, ``peer_reviews.csv`` joins each review with
its author's memo (author and reviewer levels, whether they agree, the reviewed version).
A malformed or oversized file is reported in one line and skipped; the others are still
merged. The three outputs are written together or not at all; every CSV cell that a
spreadsheet would run as a formula is prefixed with ``'`` and cut to 32,000 characters
(the submission JSON keeps the original). A student found in more than one file is kept
in each and flagged (``duplicate`` column, :attr:`CollectResult.duplicates`). Student text
is never read as markup in the figure.
"""

from __future__ import annotations

import io
import json
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..base.errors import DsrlabError
from ..base.files import csv_safe, writable_dir, write_atomic_many
from .handin import peer_table
from .model import get, response_text
from .rubric import self_assessment, tally

__all__ = ["CollectResult", "read_submission", "collect"]

_ANSWER_COLUMNS = ["student", "exercise_id", "notebook", "type", "attempt", "answer_text",
                   "self_assessment", "words", "response", "correct", "score", "reveal", "lang",
                   "created_at", "file", "duplicate"]
#: a submission larger than this is refused (a full course is well under 5 MB)
MAX_FILE_BYTES = 20_000_000
#: longest text kept in one CSV cell (spreadsheets hold at most 32,767 characters)
MAX_CELL_CHARS = 32_000
_SUMMARY_COLUMNS = ["exercise_id", "type", "students", "correct_students", "share_correct",
                    "share_first_try", "revealed_students", "common_wrong", "self_assessment"]


class MalformedSubmission(ValueError):
    """A submission file that cannot be merged (the message says why)."""


@dataclass
class CollectResult:
    """What :func:`collect` did: files merged and skipped, outputs written."""

    merged: list[Path] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    summary: object = None
    #: student name -> the files that hold them, for students found in more than one file
    duplicates: dict[str, list[str]] = field(default_factory=dict)


def read_submission(path) -> dict:
    """Read and check one ``<student>-answers.json``; raise MalformedSubmission if unusable."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise MalformedSubmission("file not found") from None
    except OSError as exc:
        raise MalformedSubmission(f"cannot read it ({exc.strerror or exc})") from None
    if path.is_dir():
        raise MalformedSubmission("a folder, not a submission file")
    if size > MAX_FILE_BYTES:
        raise MalformedSubmission(f"too large ({size / 1e6:.0f} MB; a submission is at most "
                                  f"{MAX_FILE_BYTES / 1e6:.0f} MB)")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MalformedSubmission("file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MalformedSubmission(f"cannot read it ({type(exc).__name__})") from None
    except RecursionError:
        raise MalformedSubmission("not JSON (nested too deeply)") from None
    except json.JSONDecodeError as exc:
        raise MalformedSubmission(f"not JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(doc, dict):
        raise MalformedSubmission("not a dsrlab submission (expected a JSON object)")
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise MalformedSubmission("no schema_version; export it again with dsrlab export")
    if version != 1:
        raise MalformedSubmission(f"schema_version {version} is not supported (this dsrlab "
                                  "reads 1); update dsrlab")
    student = doc.get("student")
    if not isinstance(student, str) or not student.strip():
        raise MalformedSubmission("no student name")
    if len(student) > 200:
        raise MalformedSubmission("the student name is longer than 200 characters")
    attempts = doc.get("attempts")
    if not isinstance(attempts, list):
        raise MalformedSubmission("'attempts' is missing or not a list")
    for n, row in enumerate(attempts, 1):
        if not isinstance(row, dict):
            raise MalformedSubmission(f"attempt {n} is not an object")
        for key, kinds in (("exercise_id", str), ("created_at", str), ("type", str)):
            if not isinstance(row.get(key), kinds):
                raise MalformedSubmission(f"attempt {n} has no valid {key!r}")
        if row.get("correct") not in (True, False, None):
            raise MalformedSubmission(f"attempt {n}: 'correct' must be true, false or null")
        if "response" not in row:
            raise MalformedSubmission(f"attempt {n} has no 'response'")
    return doc


def _rows(doc: dict, path: Path) -> list[dict]:
    rows, counts = [], Counter()
    for row in sorted(doc["attempts"], key=lambda r: r["created_at"]):
        meta = row.get("meta") if isinstance(row.get("meta"), dict) else {}
        reveal = bool(meta.get("reveal"))
        if not reveal:
            counts[row["exercise_id"]] += 1
        rows.append({
            "student": doc["student"].strip(), "exercise_id": row["exercise_id"],
            "notebook": row.get("notebook") or row["exercise_id"].split(".")[0],
            "type": row["type"], "attempt": 0 if reveal else counts[row["exercise_id"]],
            "answer_text": _readable(row, meta, doc.get("lang")),
            # rubric exercises: the level the student gave their own answer, and its length
            "self_assessment": self_assessment(row["response"]) or "",
            "words": meta.get("words") if isinstance(meta.get("words"), int) else None,
            "response": _json(row["response"]),
            "correct": row.get("correct"), "score": row.get("score"), "reveal": reveal,
            "lang": row.get("lang", ""), "created_at": row["created_at"], "file": path.name,
            "duplicate": False,
        })
    return rows


def _readable(row: dict, meta: dict, lang) -> str:
    """The answer in words: the export's own text, else made from this course's exercise."""
    if isinstance(row.get("answer_text"), str):
        return row["answer_text"]
    try:
        ex = get(row["exercise_id"])
    except DsrlabError:
        ex = {"type": row.get("type")}
    return response_text(ex, row["response"], lang if lang in ("en", "es") else "en",
                         typed=meta.get("typed"))


def _json(value) -> str:
    try:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError, RecursionError):  # e.g. keys of mixed types
        return json.dumps(str(value), ensure_ascii=False)


def _cell(value):
    """A value as a CSV cell: cut to MAX_CELL_CHARS, never a spreadsheet formula."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        value = value[:MAX_CELL_CHARS] + " …[cut]"
    return csv_safe(value)


def safe_csv(frame) -> str:
    """``frame`` as CSV text with every cell passed through :func:`_cell`."""
    return frame.map(_cell).to_csv(index=False)


def _short(response_json: str) -> str:
    """A stored JSON response as a short label: ``"b"`` -> ``b``, ``["a", "c"]`` -> ``a+c``."""
    try:
        value = json.loads(response_json)
    except ValueError:
        return response_json
    if isinstance(value, list):
        return "+".join(map(str, value))
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items())
    return str(value)


def summarise(table):
    """One row per exercise from the merged attempts table."""
    import pandas as pd

    records = []
    for eid, group in table.groupby("exercise_id", sort=True):
        tries = group[~group["reveal"]]
        students = tries["student"].nunique()
        good = tries[tries["correct"] == True]  # noqa: E712  (column holds True/False/None)
        first = tries[tries["attempt"] == 1]
        wrong = Counter(tries.loc[tries["correct"] == False, "response"])  # noqa: E712
        records.append({
            "exercise_id": eid, "type": group["type"].iloc[0], "students": students,
            "correct_students": good["student"].nunique(),
            "share_correct": round(good["student"].nunique() / students, 4) if students else None,
            "share_first_try": round(float((first["correct"] == True).mean()), 4)  # noqa: E712
            if len(first) else None,
            "revealed_students": group.loc[group["reveal"], "student"].nunique(),
            "common_wrong": "; ".join(f"{_short(resp)} ({n})" for resp, n in wrong.most_common(3)),
            # each student's latest self-assessment on a rubric exercise
            "self_assessment": tally(tries.groupby("student")["self_assessment"].last()),
        })
    return pd.DataFrame(records, columns=_SUMMARY_COLUMNS)


def plot_summary(summary, ax=None):
    """Horizontal bars: share of students correct per exercise, labelled ``k/n`` and with
    the most common wrong answer."""
    if ax is None:
        from matplotlib.figure import Figure  # no pyplot: no global state

        fig = Figure(figsize=(7, 0.35 * max(len(summary), 3) + 1.2))
        ax = fig.add_subplot()
    data = summary.dropna(subset=["share_correct"]).iloc[::-1]
    ys = list(range(len(data)))
    bars = ax.barh(ys, data["share_correct"] * 100, color="#0072B2")
    # student text is never markup: no mathtext for ids or answers ("$a^^b$" stays text)
    ax.set_yticks(ys, labels=[_printable(i)[:30] for i in data["exercise_id"]],
                  parse_math=False)
    for bar, (_, rec) in zip(bars, data.iterrows(), strict=True):
        wrong = str(rec["common_wrong"] or "").split("; ")[0]
        label = f"{rec['correct_students']}/{rec['students']}" + (
            f"   most common wrong: {wrong}" if wrong else "")
        ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, _printable(label)[:60],
                va="center", fontsize=8, parse_math=False)
    ax.set_xlim(0, 200)  # room for the labels right of the bars
    ax.set_xticks(range(0, 101, 20))
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel("% of students correct (any attempt)")
    ax.set_title("Share of students correct per exercise")
    return ax


def _printable(text) -> str:
    return "".join(c if c.isprintable() else " " for c in str(text))


def collect(files, out="collected") -> CollectResult:
    """Merge submission ``files`` into ``out``; skip (and report) malformed ones.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> doc = {"schema_version": 1, "student": "Ana", "attempts": [{"exercise_id": "00.1",
    ...        "type": "single_choice", "response": "b", "correct": False,
    ...        "created_at": "2026-01-01T10:00:00Z"}]}
    >>> _ = (d / "ana.json").write_text(json.dumps(doc))
    >>> _ = (d / "bad.json").write_text("{not json")
    >>> result = collect([d / "ana.json", d / "bad.json"], d / "out")
    >>> [p.name for p in result.merged], result.skipped[0][1][:8]
    (['ana.json'], 'not JSON')
    >>> result.summary[["exercise_id", "students", "common_wrong"]].values.tolist()
    [['00.1', 1, 'b (1)']]
    """
    import pandas as pd

    result, rows, raw = CollectResult(), [], []
    for name in files:
        path = Path(name)
        try:
            doc = read_submission(path)
            rows += _rows(doc, path)
            raw += [{**a, "student": doc["student"].strip(), "file": path.name,
                     "meta": a.get("meta") if isinstance(a.get("meta"), dict) else {}}
                    for a in doc["attempts"]]
            result.merged.append(path)
        except MalformedSubmission as exc:
            result.skipped.append((path, str(exc)))
    if not result.merged:
        return result
    folder = writable_dir(out, hint="choose another with --out")
    table = pd.DataFrame(rows, columns=_ANSWER_COLUMNS).drop_duplicates(
        subset=["student", "exercise_id", "created_at", "response"])
    files_of = table.groupby("student")["file"].unique()
    result.duplicates = {name: sorted(files) for name, files in files_of.items()
                         if len(files) > 1}
    table["duplicate"] = table["student"].isin(list(result.duplicates))
    table = table.sort_values(["student", "created_at"], kind="stable")
    summary = summarise(table)
    png = io.BytesIO()
    with warnings.catch_warnings():  # a student's script the font lacks is drawn as boxes
        warnings.filterwarnings("ignore", message="Glyph .* missing", category=UserWarning)
        ax = plot_summary(summary)
        ax.figure.savefig(png, format="png", dpi=100, bbox_inches="tight")
    outputs = {folder / "answers.csv": safe_csv(table), folder / "summary.csv": safe_csv(summary),
               folder / "summary.png": png.getvalue()}
    reviews = peer_table(raw)
    if len(reviews):  # the capstone's peer reviews, each joined with its author's memo
        outputs[folder / "peer_reviews.csv"] = safe_csv(reviews)
    result.outputs = write_atomic_many(outputs)
    result.summary = summary
    return result
