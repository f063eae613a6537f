"""The instructor guide: per session, teaching plans for 90 and 120 minutes, discussion
leads for each seminar question, model answers for every rubric exercise and common
misconceptions, in English and Spanish.

The guide is data, ``instructors/<NN>.yml`` at the top of the repository (outside the
students' notebooks). ``dsrlab guide`` writes it as Markdown; ``dsrlab site`` adds it as a
separate section of the site, which ``dsrlab site --students`` leaves out.
:func:`guide_problems` lists what is missing (a rubric exercise without a model answer, a
seminar question without a lead, a plan that does not add up).

Examples
--------
>>> guide_numbers()
['01', '02', '03', '04', '05']
>>> guide_problems("03")
[]
>>> guide_markdown("01", "es").splitlines()[0]
'# Guía para docentes · 01 · Los orígenes de la Ruta de la Seda Digital'
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

from ..base.course import session
from ..base.errors import UsageError, choices_text
from ..base.files import writable_dir, write_atomic
from ..base.i18n import get_language, t
from ..base.paths import instructors_dir, notebooks_dir
from .model import notebook, tr
from .rubric import is_rubric, levels_text

__all__ = ["PLAN_MINUTES", "guide_numbers", "load_guide", "seminar_questions",
           "guide_problems", "guide_markdown", "guide_html", "write_guide"]

#: the two lengths of session every guide plans for
PLAN_MINUTES = (90, 120)


def guide_numbers() -> list[str]:
    """The sessions that have an instructor guide."""
    return sorted(p.stem for p in instructors_dir().glob("*.yml"))


@cache
def _read(path: str, mtime_ns: int) -> dict:
    import yaml

    return yaml.safe_load(Path(path).read_text(encoding="utf-8"))


def load_guide(number) -> dict:
    """The guide of session ``number`` (``"03"`` or ``3``) as read from its file."""
    key = f"{number:02d}" if isinstance(number, int) else str(number).strip()
    path = instructors_dir() / f"{key}.yml"
    if not path.is_file():
        raise UsageError(f"no instructor guide for session {number!r}; choose one of "
                         f"{choices_text(guide_numbers())}")
    return _read(str(path), path.stat().st_mtime_ns)


def seminar_questions(number: str) -> list[str]:
    """The numbered seminar questions of a session's English notebook, in order."""
    nb = json.loads((notebooks_dir() / session(number).notebook).read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        text = "".join(cell["source"])
        if cell["cell_type"] == "markdown" and "Seminar questions" in text:
            part = text.split("Seminar questions", 1)[1].split("\n## ", 1)[0]
            return re.findall(r"^\d+\. (.+)$", part, flags=re.MULTILINE)
    return []


def _bilingual(value) -> bool:
    return isinstance(value, dict) and all(isinstance(value.get(k), str) and value[k].strip()
                                           for k in ("en", "es"))


def guide_problems(number: str) -> list[str]:
    """Everything missing or inconsistent in one session's guide (empty when complete)."""
    guide, problems = load_guide(number), []
    for minutes in PLAN_MINUTES:
        steps = guide.get("plans", {}).get(str(minutes), [])
        total = sum(step.get("minutes", 0) for step in steps)
        if total != minutes:
            problems.append(f"{number}: the {minutes}-minute plan adds up to {total} minutes")
        problems += [f"{number}: a step of the {minutes}-minute plan is not in both languages"
                     for step in steps if not _bilingual(step)]
    leads, asked = guide.get("discussion", []), seminar_questions(number)
    if len(leads) != len(asked):
        problems.append(f"{number}: {len(leads)} discussion leads for {len(asked)} seminar "
                        "questions")
    problems += [f"{number}: a discussion lead is not in both languages" for lead in leads
                 if not (_bilingual(lead.get("question")) and _bilingual(lead.get("leads")))]
    answers = guide.get("model_answers", {})
    rubric_ids = [ex["id"] for ex in notebook(number)["exercises"] if is_rubric(ex)]
    problems += [f"{number}: no model answer in both languages for rubric exercise {eid}"
                 for eid in rubric_ids if not _bilingual(answers.get(eid))]
    problems += [f"{number}: model answer for {eid}, which is not a rubric exercise"
                 for eid in answers if eid not in rubric_ids]
    if not guide.get("misconceptions") or not all(map(_bilingual, guide["misconceptions"])):
        problems.append(f"{number}: misconceptions missing or not in both languages")
    return problems


def _sections(number: str, lang: str):
    """(heading, [(subheading or None, paragraph lines)]) for each part of the guide."""
    guide = load_guide(number)
    exercises = {ex["id"]: ex for ex in notebook(number)["exercises"]}
    for minutes in PLAN_MINUTES:
        steps = guide["plans"][str(minutes)]
        yield t("guide.plan", lang, minutes=minutes), [
            (None, [f"{s['minutes']} {t('guide.minutes', lang)} · {s[lang]}" for s in steps])]
    yield t("guide.discussion", lang), [
        (f"{n}. {d['question'][lang]}", [d["leads"][lang]])
        for n, d in enumerate(guide["discussion"], start=1)]
    yield t("guide.model_answers", lang), [
        (f"{eid} · {tr(exercises[eid]['objective'], lang)}",
         [tr(exercises[eid]["prompt"], lang), f"{t('guide.rubric', lang)}:",
          *levels_text(exercises[eid], lang).splitlines(), "", text[lang]])
        for eid, text in guide["model_answers"].items()]
    yield t("guide.misconceptions", lang), [(None, [m[lang] for m in guide["misconceptions"]])]


def _title(number: str, lang: str) -> str:
    return t("guide.session_title", lang, number=number, title=session(number).title(lang))


def guide_markdown(number: str, lang: str | None = None) -> str:
    """One session's guide as Markdown."""
    lang = lang or get_language()
    out = [f"# {_title(number, lang)}", "", f"*{t('guide.not_for_students', lang)}*", ""]
    for heading, parts in _sections(number, lang):
        out += [f"## {heading}", ""]
        for sub, lines in parts:
            if sub:
                out += [f"### {sub}", ""]
            out += [("- " + line) if sub is None else line for line in lines] + [""]
    return "\n".join(out)


def guide_html(number: str, lang: str | None = None) -> str:
    """One session's guide as a self-contained HTML page (every text escaped)."""
    lang, e = lang or get_language(), html.escape
    body = [f"<h1>{e(_title(number, lang))}</h1>",
            f"<p><em>{e(t('guide.not_for_students', lang))}</em></p>"]
    for heading, parts in _sections(number, lang):
        body.append(f"<h2>{e(heading)}</h2>")
        for sub, lines in parts:
            if sub is None:
                body.append("<ul>" + "".join(f"<li>{e(x)}</li>" for x in lines) + "</ul>")
            else:
                body.append(f"<h3>{e(sub)}</h3>" + "".join(f"<p>{e(x)}</p>" for x in lines
                                                          if x))
    return (f"<!DOCTYPE html>\n<html lang='{lang}'><head><meta charset='utf-8'><title>"
            f"{e(_title(number, lang))}</title><style>body{{font-family:sans-serif;"
            "max-width:48rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style></head>"
            f"<body>{''.join(body)}</body></html>\n")


def write_guide(out, lang: str | None = None, fmt: str = "md") -> list[Path]:
    """Write every session's guide (``NN.md`` or ``NN.html``, plus an index for HTML)."""
    lang = lang or get_language()
    if fmt not in ("md", "html"):
        raise UsageError(f"guide format {fmt!r} is not known; choose one of 'md', 'html'")
    folder = writable_dir(out, hint="choose another with --out")
    paths = []
    for number in guide_numbers():
        text = guide_markdown(number, lang) if fmt == "md" else guide_html(number, lang)
        paths.append(write_atomic(folder / f"{number}.{fmt}", text))
    if fmt == "html":
        links = "".join(f"<li><a href='{n}.html'>{html.escape(_title(n, lang))}</a></li>"
                        for n in guide_numbers())
        title = html.escape(t("guide.title", lang))
        paths.append(write_atomic(folder / "index.html", (
            f"<!DOCTYPE html>\n<html lang='{lang}'><head><meta charset='utf-8'><title>{title}"
            f"</title></head><body><h1>{title}</h1><p><em>"
            f"{html.escape(t('guide.not_for_students', lang))}</em></p><ul>{links}</ul>"
            "</body></html>\n")))
    return paths
