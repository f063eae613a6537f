"""The course's key terms, from the glossary table: one terminology for both editions.

``data/glossary.csv`` holds each term once, in English and in Latin American Spanish, with
its definition in both languages and the Spanish forms the course avoids for it (so the
Spanish edition says *ciberdiplomacia*, never "diplomacia digital"). Each notebook's key
terms and the site's glossary are drawn from it; a test reads ``avoid_es`` against every
Spanish text the course shows.

Examples
--------
>>> key_terms("04", lang="es").loc[0, "term"]
'Ciberdiplomacia'
>>> "Hedging" in set(key_terms(lang="en")["term"])
True
"""

from __future__ import annotations

from ..base.course_tables import course_table
from ..base.errors import UsageError, choices_text
from ..base.i18n import get_language, in_language
from ..data.tables import load

__all__ = ["key_terms", "avoided_forms"]

_ORDER = ("cyber-diplomacy",)  # a session's defining term comes first


@in_language
def key_terms(session: str | None = None, *, country=None, lang=None):
    """The key terms of one session (``"04"``), or of the whole course, in ``lang``.

    ``country`` is accepted for the table contract and changes nothing: terms are not
    about one state.

    Returns
    -------
    DataFrame
        ``term``, ``definition`` (in the active language), ``session``, ``source_id``.
    """
    table = load("glossary")
    table = table[table["kind"].astype(str) == "concept"]
    if session is not None:
        wanted = f"{int(session):02d}" if str(session).isdigit() else str(session)
        sessions = sorted(set(table["session"].astype(str)))
        if wanted not in sessions:
            raise UsageError(f"no key terms for session {session!r}; choose one of "
                             f"{choices_text(sessions)}")
        table = table[table["session"].astype(str) == wanted]
    lang = get_language()
    table = table.assign(first=[0 if t in _ORDER else 1 for t in table["term_id"]])
    table = table.sort_values(["session", "first"], kind="stable")
    out = table.assign(term=table[f"term_{lang}"], definition=table[f"definition_{lang}"])
    return course_table(out[["term", "definition", "session", "source_id"]]
                        .reset_index(drop=True), hide=("session",))


def avoided_forms() -> dict[str, str]:
    """Spanish form to avoid -> the glossary's term for it (``"diplomacia digital"`` ->
    ``"Ciberdiplomacia"``)."""
    table = load("glossary")
    return {form.strip().casefold(): term
            for forms, term in zip(table["avoid_es"], table["term_es"], strict=True)
            if isinstance(forms, str) for form in forms.split(";") if form.strip()}
