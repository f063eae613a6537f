"""Saving attempts from widgets and ``check()``: never lose an answer, even unsaved.

When the answers store cannot be written (read-only folder ...), the attempt is kept in
:data:`PENDING` in memory and written with the next save that succeeds.
"""

from __future__ import annotations

from ..base.errors import DsrlabError
from ..base.i18n import get_language, t
from . import store as answers
from .model import Feedback

__all__ = ["PENDING", "save", "flush", "LIVE"]

#: attempts not yet written to the database (oldest first), as keyword dicts for record()
PENDING: list[dict] = []
#: the most recent widget built for each exercise id (so check() can update it)
LIVE: dict = {}


def save(ex: dict, fb: Feedback, reveal: bool = False) -> str | None:
    """Record one attempt; return None when saved, else the error text shown to the student.

    Examples
    --------
    >>> from dsrlab.exercises.model import get
    >>> from dsrlab.exercises.evaluate import evaluate
    >>> save(get("00.4"), evaluate(get("00.4"), "51", "en")) is None
    True
    >>> answers.latest("00.4")["correct"]
    True
    """
    meta = dict(fb.meta)
    meta["feedback"] = str(fb)
    if reveal:
        meta["reveal"] = True
    pending = {
        "exercise_id": ex["id"], "response": fb.response,
        "correct": None if reveal else fb.correct, "score": None if reveal else fb.score,
        "meta": meta, "notebook": ex["id"].split(".")[0], "type": ex["type"],
        "lang": get_language(), "student": None,
    }
    PENDING.append(pending)
    try:
        pending["student"] = answers.get_student()
        flush()
    except (DsrlabError, OSError) as exc:  # unusable name or folder: say so, keep the answer
        error = " ".join(str(exc).split())[:300]
        return f"{t('widgets.not_saved', error=error)} {t('widgets.kept_in_memory')}"
    return None


def flush() -> int:
    """Write the attempts kept in memory, oldest first; return how many were written.

    Raises :class:`~dsrlab.answers.AnswersStoreError` (keeping the rest) if the store
    still cannot be written.
    """
    written = 0
    while PENDING:
        if PENDING[0]["student"] is None:  # the name could not be read when it was kept
            PENDING[0]["student"] = answers.get_student()
        answers.record(**PENDING[0])
        PENDING.pop(0)
        written += 1
    return written
