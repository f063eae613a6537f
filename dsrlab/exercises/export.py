"""The submission file a student hands in: JSON (for ``dsrlab collect``) plus HTML (to read)."""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime

from ..base.errors import DsrlabError, UsageError
from ..base.files import writable_dir, write_atomic
from ..base.i18n import get_language, t
from ..base.version import __version__
from . import store as answers
from .model import get, response_text, tr
from .rubric import level_label, self_assessment

__all__ = ["EXPORT_SCHEMA_VERSION", "export_answers", "submission"]

EXPORT_SCHEMA_VERSION = 1
FORMAT = "dsrlab-answers"


def _question(exercise_id: str, lang: str) -> str:
    try:
        return tr(get(exercise_id)["prompt"], lang)
    except DsrlabError:
        return ""


def _readable(row: dict, lang: str) -> str:
    """The response in words (choice texts beside their ids, numbers as typed)."""
    try:
        ex = get(row["exercise_id"])
    except DsrlabError:  # an exercise this version no longer has: show the raw response
        ex = {"type": row.get("type")}
    return response_text(ex, row["response"], lang, typed=row["meta"].get("typed"))


def submission(student: str | None = None, lang: str | None = None) -> dict:
    """The submission document of ``student`` (default: the current student).

    Examples
    --------
    >>> _ = answers.record("00.4", 51, correct=True, student="Ana")
    >>> doc = submission("Ana")
    >>> doc["schema_version"], doc["student"], doc["attempts"][0]["question"][:7]
    (1, 'Ana', 'Malena ')
    """
    lang = lang or get_language()
    name = student or answers.get_student()
    rows = answers.history(student=name)
    for row in rows:
        row["question"] = _question(row["exercise_id"], lang)
        row["answer_text"] = _readable(row, lang)
        row["self_assessment"] = self_assessment(row["response"])
    return {
        "format": FORMAT, "schema_version": EXPORT_SCHEMA_VERSION, "student": name,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "dsrlab_version": __version__, "lang": lang, "attempts": rows,
    }


def _answer_text(row: dict) -> str:
    if "answer_text" in row:
        return str(row["answer_text"])
    response = row["response"]
    if isinstance(response, dict) and "text" in response:
        return str(response["text"])
    if isinstance(response, str):
        return response
    return json.dumps(response, ensure_ascii=False)


def _level(row: dict, lang: str) -> str:
    level = self_assessment(row.get("response"))
    return level_label(level, lang) if level else ""


def render_html(doc: dict, lang: str) -> str:
    """A readable page of every attempt; all student and exercise text escaped."""
    e = html.escape
    heads = ["col_exercise", "col_question", "col_answer", "col_self", "col_result",
             "col_feedback", "col_time"]
    rows = []
    for row in doc["attempts"]:
        if row["meta"].get("reveal"):
            result = t("widgets.revealed", lang)
        elif row["correct"] is None:
            result = "—"
        else:
            result = "✔" if row["correct"] else "✘"
        rows.append("<tr>" + "".join(f"<td>{e(str(cell))}</td>" for cell in (
            row["exercise_id"], row["question"], _answer_text(row), _level(row, lang), result,
            row["meta"].get("feedback", ""), row["created_at"])) + "</tr>")
    body = ("<table><thead><tr>" + "".join(f"<th>{e(t('widgets.' + h, lang))}</th>"
                                            for h in heads)
            + "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>") if rows \
        else f"<p>{e(t('widgets.no_attempts', lang))}</p>"
    title = e(t("widgets.export_title", lang, student=doc["student"]))
    return (f"<!DOCTYPE html>\n<html lang='{lang}'><head><meta charset='utf-8'>"
            f"<title>{title}</title><style>body{{font-family:sans-serif;margin:2em}}"
            "table{border-collapse:collapse}td,th{border:1px solid #999;padding:4px;"
            "vertical-align:top;white-space:pre-wrap}</style></head><body>"
            f"<h1>{title}</h1><p>{e(t('widgets.exported_at', lang, when=doc['exported_at']))}"
            f"</p>{body}</body></html>\n")


def export_answers(out=".", student: str | None = None, lang: str | None = None):
    """Write ``<student>-answers.json`` and ``.html`` into ``out`` (atomically); return both.

    Examples
    --------
    >>> import tempfile
    >>> paths = export_answers(tempfile.mkdtemp(), student="Ana Pérez")
    >>> [p.name for p in paths]
    ['Ana_Perez__859e0b1450-answers.json', 'Ana_Perez__859e0b1450-answers.html']
    """
    from .session import flush

    lang = lang or get_language()
    if (student or answers.get_student()).casefold() == answers.ANONYMOUS:
        # every anonymous file would be called anonymous-answers.json: a class's would collide
        raise UsageError(t("widgets.export_needs_name", lang))
    flush()  # answers kept in memory (store was unwritable) go in first, or we stop here
    folder = writable_dir(out, hint="choose a folder you can write to with out=... / --out")
    doc = submission(student, lang)
    stem = f"{answers.file_stem(doc['student'])}-answers"
    json_path = write_atomic(folder / f"{stem}.json",
                                     json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    html_path = write_atomic(folder / f"{stem}.html", render_html(doc, lang))
    return json_path, html_path
