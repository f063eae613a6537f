"""The capstone memo handed in with its rubric, and a classmate's review of it.

A student writes the memo in exercise 05.7 (a rubric-graded reflection) and hands it in
with :func:`export_memo`: ``<student>-memo.json`` (for a reviewer and for ``dsrlab
collect``) and ``<student>-memo.html`` (the memo, its word count, the rubric, the
student's checklist and self-assessment, and a blank box for a reviewer on paper).

A second student opens that JSON file and scores the memo against the same rubric with
:func:`record_review` (or the widget of :func:`dsrlab.peer_review`). The review is saved
in the *reviewer's* answers database as exercise ``05.7-review`` with the author's name and
a fingerprint of the text reviewed, so that ``dsrlab collect`` can join author and
reviewer (:func:`peer_table`) and say whether the review is of the memo the author last
submitted.
"""

from __future__ import annotations

import hashlib
import html
import json
from datetime import UTC, datetime
from pathlib import Path

from ..base.errors import UsageError
from ..base.files import writable_dir, write_atomic
from ..base.i18n import get_language, t
from . import store as answers
from .model import get, tr
from .rubric import LEVELS, is_rubric, level_label, levels_html, self_assessment

__all__ = ["MEMO_ID", "REVIEW_SUFFIX", "memo_document", "export_memo", "read_memo",
           "record_review", "peer_table", "fingerprint"]

#: the capstone memo exercise
MEMO_ID = "05.7"
#: a review of memo ``X`` is saved as exercise ``X + REVIEW_SUFFIX``
REVIEW_SUFFIX = "-review"
FORMAT = "dsrlab-memo"
_PEER_COLUMNS = ["author", "reviewer", "exercise_id", "author_words", "author_self_assessment",
                 "reviewer_level", "agree", "reviewer_checklist", "comment", "same_version",
                 "reviewed_at", "reviewer_file"]


def fingerprint(text: str) -> str:
    """A short fingerprint of a memo's text (the reviewer's copy is matched with it).

    >>> fingerprint("A memo.")
    '8116f628040d9456'
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _memo_exercise(exercise_id: str) -> dict:
    ex = get(exercise_id)
    if not is_rubric(ex):
        raise UsageError(f"exercise {exercise_id!r} has no rubric to hand in with; the capstone "
                         f"memo is {MEMO_ID!r}")
    return ex


def memo_document(student: str | None = None, lang: str | None = None,
                  exercise_id: str = MEMO_ID) -> dict:
    """The hand-in document of ``student``'s last submitted memo (with its rubric)."""
    lang = lang or get_language()
    ex = _memo_exercise(exercise_id)
    name = student or answers.get_student()
    if name.casefold() == answers.ANONYMOUS:
        raise UsageError(t("widgets.export_needs_name", lang))
    saved = [r for r in answers.history(exercise_id, student=name) if not r["meta"].get("reveal")]
    if not saved or not str(saved[-1]["response"].get("text", "")).strip():
        raise UsageError(f"no memo saved for exercise {exercise_id} under the name {name!r}; "
                         "write it in notebook 05 and press Submit, then hand it in")
    response, meta = saved[-1]["response"], saved[-1]["meta"]
    text = str(response["text"])
    ticks = list(response.get("rubric", []))
    checklist = [{"item": tr(item, lang), "met": bool(ticks[n]) if n < len(ticks) else False}
                 for n, item in enumerate(ex.get("rubric", []))]
    return {
        "format": FORMAT, "schema_version": 1, "exercise_id": exercise_id, "author": name,
        "exported_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "submitted_at": saved[-1]["created_at"], "lang": lang, "question": tr(ex["prompt"], lang),
        "text": text, "words": meta.get("words"), "min_words": ex.get("min_words"),
        "max_words": ex.get("max_words"), "complete": bool(meta.get("complete")),
        "self_assessment": self_assessment(response), "checklist": checklist,
        "levels": {lv: tr(ex["levels"][lv], lang) for lv in LEVELS},
        "fingerprint": fingerprint(text),
    }


def _memo_html(doc: dict, ex: dict) -> str:
    e, lang = html.escape, doc["lang"]
    paragraphs = "".join(f"<p>{e(p)}</p>" for p in doc["text"].split("\n") if p.strip())
    ticks = "".join(f"<li>{'☑' if c['met'] else '☐'} {e(c['item'])}</li>"
                    for c in doc["checklist"])
    level = doc["self_assessment"]
    own = level_label(level, lang) if level else "—"
    boxes = " ".join(f"☐ {e(level_label(lv, lang))}" for lv in LEVELS)
    title = e(t("widgets.memo_title", lang, student=doc["author"]))
    words = t("widgets.memo_words", lang, n=doc["words"], low=doc["min_words"],
              high=doc["max_words"])
    return (f"<!DOCTYPE html>\n<html lang='{lang}'><head><meta charset='utf-8'><title>{title}"
            "</title><style>body{font-family:sans-serif;max-width:48rem;margin:2rem auto;"
            "line-height:1.5}table{border-collapse:collapse}td,th{border:1px solid #999;"
            "padding:4px;vertical-align:top;text-align:left}</style></head><body>"
            f"<h1>{title}</h1><p><em>{e(doc['question'])}</em></p>"
            f"<p>{e(words)}</p><h2>{e(t('widgets.memo_text', lang))}</h2>{paragraphs}"
            f"<h2>{e(t('widgets.rubric_caption', lang))}</h2>{levels_html(ex, lang)}"
            f"<h2>{e(t('widgets.memo_checklist', lang))}</h2><ul>{ticks}</ul>"
            f"<p><strong>{e(t('widgets.col_self', lang))}:</strong> {e(own)}</p>"
            f"<h2>{e(t('widgets.memo_reviewer', lang))}</h2><p>{boxes}</p>"
            f"<p>{e(t('widgets.review_comment', lang))}: ______________________</p>"
            "</body></html>\n")


def export_memo(out=".", student: str | None = None, lang: str | None = None,
                exercise_id: str = MEMO_ID) -> tuple[Path, Path]:
    """Write ``<student>-memo.json`` and ``.html`` into ``out`` (atomically); return both.

    The JSON file is what a classmate reviews (:func:`record_review`) and what the
    instructor may collect; the HTML page is the memo to read or print, with its rubric.
    """
    from .session import flush

    lang = lang or get_language()
    flush()  # a memo kept in memory (store was unwritable) goes in first
    doc = memo_document(student, lang, exercise_id)
    folder = writable_dir(out, hint="choose a folder you can write to with out=... / --out")
    stem = f"{answers.file_stem(doc['author'])}-memo"
    json_path = write_atomic(folder / f"{stem}.json",
                             json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    html_path = write_atomic(folder / f"{stem}.html", _memo_html(doc, get(exercise_id)))
    return json_path, html_path


def read_memo(path) -> dict:
    """Read a classmate's ``<name>-memo.json``; a clear one-line error if it is not one."""
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"memo file {str(path)!r} not found; ask your classmate for their "
                         "<name>-memo.json (dsrlab.export_memo())") from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"{path.name} is not a memo file ({type(exc).__name__}); give the "
                         "<name>-memo.json that dsrlab.export_memo() wrote") from None
    ok = (isinstance(doc, dict) and doc.get("format") == FORMAT
          and isinstance(doc.get("text"), str) and isinstance(doc.get("author"), str)
          and isinstance(doc.get("checklist"), list))
    if not ok:
        raise UsageError(f"{path.name} is not a memo file; give the <name>-memo.json that "
                         "dsrlab.export_memo() wrote")
    return doc


def record_review(memo, level: str, checklist=None, comment: str = "", *,
                  reviewer: str | None = None) -> dict:
    """Score a classmate's memo (a path or the document) against its rubric; save it.

    ``level`` is one of ``strong``, ``adequate``, ``weak``; ``checklist`` the rubric items
    the memo meets (booleans, in order). The review goes into the reviewer's answers.
    """
    doc = read_memo(memo) if isinstance(memo, str | Path) else memo
    if level not in LEVELS:
        raise UsageError(f"level {level!r} is not on the rubric; choose one of "
                         f"{', '.join(LEVELS)}")
    name = reviewer or answers.get_student()
    if name.casefold() == answers.ANONYMOUS:
        raise UsageError(t("widgets.export_needs_name"))
    if name.strip().casefold() == doc["author"].strip().casefold():
        raise UsageError("you cannot review your own memo; review a classmate's")
    items = len(doc["checklist"])
    ticks = [bool(x) for x in (checklist if checklist is not None else [False] * items)]
    if len(ticks) != items:
        raise UsageError(f"the checklist has {items} items; give {items} true/false values, "
                         f"not {len(ticks)}")
    response = {"level": level, "checklist": ticks, "comment": str(comment)}
    meta = {"kind": "peer_review", "author": doc["author"], "reviews": doc["exercise_id"],
            "fingerprint": doc.get("fingerprint") or fingerprint(doc["text"])}
    return answers.record(doc["exercise_id"] + REVIEW_SUFFIX, response, type="peer_review",
                          meta=meta, student=reviewer)


def peer_table(attempts):
    """Join every review with its author's memo: one row per (author, reviewer).

    ``attempts`` are the merged rows of ``dsrlab collect`` with their ``meta``. A
    reviewer's latest review of an author counts; ``same_version`` says whether it is of
    the memo the author last submitted (empty when the author's file was not collected).
    """
    import pandas as pd

    memos, reviews = {}, {}
    for row in sorted(attempts, key=lambda r: r["created_at"]):
        meta, response = row["meta"], row["response"]
        if row["exercise_id"].endswith(REVIEW_SUFFIX) and meta.get("kind") == "peer_review":
            if isinstance(response, dict) and isinstance(meta.get("author"), str):
                reviews[(meta["author"], row["student"], meta.get("reviews"))] = row
        elif isinstance(response, dict) and "text" in response and not meta.get("reveal"):
            memos[(row["student"], row["exercise_id"])] = row
    records = []
    for (author, reviewer, eid), row in sorted(reviews.items()):
        memo = memos.get((author, eid))
        own = self_assessment(memo["response"]) if memo else None
        level = row["response"].get("level")
        ticks = row["response"].get("checklist") or []
        records.append({
            "author": author, "reviewer": reviewer, "exercise_id": eid,
            "author_words": memo["meta"].get("words") if memo else None,
            "author_self_assessment": own or "", "reviewer_level": level,
            "agree": (own == level) if own else None,
            "reviewer_checklist": f"{sum(map(bool, ticks))}/{len(ticks)}",
            "comment": row["response"].get("comment", ""),
            "same_version": (fingerprint(str(memo["response"]["text"]))
                             == row["meta"].get("fingerprint")) if memo else None,
            "reviewed_at": row["created_at"], "reviewer_file": row["file"],
        })
    return pd.DataFrame(records, columns=_PEER_COLUMNS)
