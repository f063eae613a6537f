"""Exercise files and answer checking: pure functions, no widgets, no database.

An exercise file ``notebooks/exercises/<NN>.yml`` is validated against ``schema.json``
(JSON Schema) plus a few rules a schema cannot express (unique ids, one correct choice
for single choice, known categories ...). :func:`evaluate` turns a response into a
:class:`Feedback` whose text starts with ``✔`` or ``✘``.
"""

from __future__ import annotations

import html
import json
import random
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..base.errors import DsrlabError, UsageError, choices_text
from ..base.i18n import get_language
from ..base.paths import exercises_dir
from .computed import expected
from .responses import format_number

__all__ = [
    "TYPES", "Feedback", "validate_data", "load_file", "exercise_files", "notebook_names",
    "notebook", "get", "tr", "display_order", "answer_text", "response_text",
]

TYPES = ("single_choice", "multiple_choice", "numeric", "short_text", "ordering",
         "categorise", "reflection", "data_task")
_SCHEMA_PATH = Path(__file__).with_name("schema.json")


@dataclass(frozen=True)
class Feedback:
    """The outcome of checking one response.

    ``text`` is one line that begins with ``✔`` (correct, or a complete reflection) or
    ``✘``; ``details`` are further lines (per-choice feedback, partial scores).
    """

    exercise_id: str
    correct: bool | None
    text: str
    details: tuple[str, ...] = ()
    score: float | None = None
    response: Any = None
    meta: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when the text starts with ✔."""
        return self.text.startswith("✔")

    def __str__(self) -> str:
        return "\n".join((self.text, *self.details))

    def _repr_html_(self) -> str:
        lines = "".join(f"<div>{html.escape(d)}</div>" for d in self.details)
        return (f'<div class="dsrlab-feedback" role="status"><strong>{html.escape(self.text)}'
                f"</strong>{lines}</div>")


# --------------------------------------------------------------------------- loading
@cache
def _validator():
    import jsonschema  # lazy: only when an exercise file is read

    schema = json.loads(_SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _semantic_errors(data: dict) -> list[str]:
    errors, seen = [], set()
    nb = data["notebook"]
    for ex in data["exercises"]:
        eid, kind = ex["id"], ex["type"]
        if eid in seen:
            errors.append(f"duplicate exercise id {eid!r}")
        seen.add(eid)
        if eid.split(".")[0] != nb:
            errors.append(f"exercise {eid!r} does not start with the notebook {nb!r}")
        if kind in ("single_choice", "multiple_choice"):
            ids = [c["id"] for c in ex["choices"]]
            n_correct = sum(bool(c.get("correct")) for c in ex["choices"])
            if len(set(ids)) != len(ids):
                errors.append(f"{eid}: choice ids repeat")
            if kind == "single_choice" and n_correct != 1:
                errors.append(f"{eid}: single_choice needs exactly one correct choice")
            if kind == "multiple_choice" and n_correct < 1:
                errors.append(f"{eid}: multiple_choice needs at least one correct choice")
        if kind in ("ordering", "categorise"):
            ids = [i["id"] for i in ex["items"]]
            if len(set(ids)) != len(ids):
                errors.append(f"{eid}: item ids repeat")
        if ex.get("max_words") is not None and ex["max_words"] < ex.get("min_words", 0):
            errors.append(f"{eid}: max_words is below min_words")
        if kind == "categorise":
            cats = {c["id"] for c in ex["categories"]}
            for item in ex["items"]:
                if item["category"] not in cats:
                    valid = choices_text(sorted(cats))
                    errors.append(f"{eid}: item {item['id']!r} has unknown category "
                                  f"{item['category']!r}; choose one of {valid}")
    return errors


def validate_data(data: Any, name: str = "<data>", schema: bool = True) -> list[str]:
    """Every problem in one parsed exercise file, as one-line messages (empty when valid).

    With ``schema=False`` only the cross-field rules run (ids, correct choices, categories):
    that is what a notebook does when it opens a file, because importing jsonschema costs a
    kernel seconds. The full JSON Schema check runs in the test suite and in
    :func:`dsrlab.exercises.validate_exercise_files`.

    Examples
    --------
    >>> validate_data({"notebook": "00", "title": {"en": "x", "es": "x"}})
    ["<data>: 'exercises' is a required property (at /)"]
    >>> validate_data({"notebook": "00", "exercises": [{"id": "01.1", "type": "reflection"}]},
    ...               schema=False)
    ["<data>: exercise '01.1' does not start with the notebook '00'"]
    """
    if schema:
        problems = [f"{name}: {e.message} (at /{'/'.join(str(p) for p in e.absolute_path)})"
                    for e in sorted(_validator().iter_errors(data), key=lambda e: list(e.path))]
        if problems:
            return problems
    try:
        return [f"{name}: {msg}" for msg in _semantic_errors(data)]
    except (KeyError, TypeError, AttributeError) as exc:
        # Malformed beyond the cross-field rules: the schema names the exact place.
        if schema:
            raise
        return validate_data(data, name, schema=True) or [f"{name}: malformed ({exc!r})"]


@cache
def _load_cached(path: str, mtime_ns: int) -> dict:
    import yaml  # lazy

    with Path(path).open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    problems = validate_data(data, Path(path).name, schema=False)
    if problems:
        raise DsrlabError(f"invalid exercise file: {problems[0]}"
                          + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    return data


def load_file(path) -> dict:
    """Read and validate one exercise file (cached until the file changes).

    Examples
    --------
    >>> load_file(exercises_dir() / "00.yml")["notebook"]
    '00'
    """
    path = Path(path)
    return _load_cached(str(path), path.stat().st_mtime_ns)


def exercise_files() -> dict[str, Path]:
    """Notebook name -> its exercise file."""
    folder = exercises_dir()
    return {p.stem: p for p in sorted(folder.glob("*.yml"))} if folder.is_dir() else {}


def notebook_names() -> list[str]:
    """The notebooks that have an exercise file, e.g. ``['00', '01', 'brief']``."""
    return sorted(exercise_files())


def notebook(name) -> dict:
    """The validated exercise file of notebook ``name`` (``"01"``, ``1`` or ``"brief"``).

    Examples
    --------
    >>> notebook(0)["exercises"][0]["id"]
    '00.1'
    """
    key = f"{name:02d}" if isinstance(name, int) else str(name).strip()
    files = exercise_files()
    if key not in files:
        raise UsageError(f"no exercises for notebook {name!r}; "
                         f"choose one of {choices_text(sorted(files))}")
    return load_file(files[key])


def get(exercise_id: str) -> dict:
    """One exercise by id, e.g. ``get("00.1")``; a clear error lists the notebook's ids.

    Examples
    --------
    >>> get("00.1")["type"]
    'single_choice'
    >>> get("00.99")
    Traceback (most recent call last):
    ...
    dsrlab.base.errors.UsageError: unknown exercise '00.99'; notebook 00 has '00.1', ...
    """
    eid = str(exercise_id).strip()
    nb = notebook(eid.split(".")[0]) if "." in eid else None
    if nb is None:
        raise UsageError(f"exercise ids look like '01.3'; got {exercise_id!r}; notebooks: "
                         f"{choices_text(notebook_names())}")
    for ex in nb["exercises"]:
        if ex["id"] == eid:
            return ex
    ids = [ex["id"] for ex in nb["exercises"]]
    raise UsageError(f"unknown exercise {eid!r}; notebook {nb['notebook']} has {choices_text(ids)}")


def tr(text: dict | str | None, lang: str | None = None) -> str:
    """Pick one language from a ``{en, es}`` mapping.

    Examples
    --------
    >>> tr({"en": "Yes", "es": "Sí"}, "es")
    'Sí'
    """
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text[lang or get_language()]


def display_order(ex: dict) -> list[str]:
    """Deterministic shuffled order of an ordering exercise's item ids (never the answer).

    Examples
    --------
    >>> ex = {"id": "x.1", "items": [{"id": "a"}, {"id": "b"}, {"id": "c"}]}
    >>> display_order(ex) != ["a", "b", "c"] and sorted(display_order(ex)) == ["a", "b", "c"]
    True
    """
    ids = [item["id"] for item in ex["items"]]
    shuffled = list(ids)
    random.Random(ex["id"]).shuffle(shuffled)
    if shuffled == ids and len(ids) > 1:
        shuffled = shuffled[1:] + shuffled[:1]
    return shuffled


def answer_text(ex: dict, lang: str | None = None) -> str:
    """The correct answer written out for "show answer"."""
    lang = lang or get_language()
    kind = ex["type"]
    if kind in ("single_choice", "multiple_choice"):
        return "; ".join(tr(c["text"], lang) for c in ex["choices"] if c.get("correct"))
    if kind in ("numeric", "data_task"):
        unit = tr(ex.get("unit"), lang)
        shown = format_number(float(expected(ex)), ex.get("decimals"), lang)
        return f"{shown} {unit}".strip()
    if kind == "short_text":
        return ex["accepted"][0]
    if kind == "ordering":
        return " → ".join(tr(i["text"], lang) for i in ex["items"])
    if kind == "categorise":
        labels = {c["id"]: tr(c["label"], lang) for c in ex["categories"]}
        return "; ".join(f"{tr(i['text'], lang)}: {labels[i['category']]}" for i in ex["items"])
    return tr(ex.get("model_answer"), lang)



def response_text(ex: dict, response, lang: str | None = None, typed: str | None = None) -> str:
    """A student's response as a reader (an instructor) reads it: choice texts next to their
    ids, items in the order given, and a number as the student typed it.

    Examples
    --------
    >>> ex = {"id": "x.1", "type": "single_choice",
    ...       "choices": [{"id": "b", "text": {"en": "Beta", "es": "Beta"}}]}
    >>> response_text(ex, "b", "en")
    'b: Beta'
    >>> response_text({"id": "x.2", "type": "numeric"}, 51.0, "en"), response_text(
    ...     {"id": "x.2", "type": "numeric"}, 51.0, "en", typed="51st")
    ('51', '51st')
    """
    lang = lang or get_language()
    kind = ex.get("type")
    if typed is not None and kind in ("numeric", "data_task"):
        return str(typed)
    if kind in ("single_choice", "multiple_choice"):
        texts = {c["id"]: tr(c["text"], lang) for c in ex.get("choices", [])}
        # a response of the wrong shape (a number for a choice, from an edited or old
        # file) is shown as given, never an error: collect must read every file
        picked = list(response) if isinstance(response, list | tuple) else (
            [] if response is None else [response])
        return "; ".join(f"{p}: {texts.get(p, '?') if isinstance(p, str) else '?'}"
                         for p in picked)
    if kind == "ordering" and isinstance(response, list | tuple):
        texts = {i["id"]: tr(i["text"], lang) for i in ex.get("items", [])}
        return " → ".join(texts.get(str(p), str(p)) for p in response)
    if kind == "categorise" and isinstance(response, dict):
        texts = {i["id"]: tr(i["text"], lang) for i in ex.get("items", [])}
        labels = {c["id"]: tr(c["label"], lang) for c in ex.get("categories", [])}
        return "; ".join(f"{texts.get(k, k)}: {labels.get(v, v)}" for k, v in response.items())
    if isinstance(response, float) and response.is_integer():
        return format_number(response, lang=lang, grouping=False)
    if isinstance(response, dict) and "text" in response:
        return str(response["text"])
    return response if isinstance(response, str) else json.dumps(response, ensure_ascii=False)
