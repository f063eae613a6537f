"""One course, two editions: the Spanish notebooks kept in step with the English ones.

Every course notebook ``notebooks/<name>.ipynb`` has a Spanish twin ``notebooks/es/<name>.ipynb``
with the same cells, by id and in the same order:

- **code cells are copied** from the English notebook by :func:`sync` (only the parameters
  cell differs: ``lang = "es"``), so both editions run the same analysis and the same
  exercises, and a code change needs no translator;
- **text cells are translated**: each Spanish text cell records, in its metadata
  (``dsrlab.translates``), a fingerprint of the English text it translates. When the English
  text changes, the fingerprints differ and :func:`parity_problems` names the cell; a new
  English paragraph arrives in the Spanish notebook as an untranslated copy, marked
  ``dsrlab.translation: missing``, and is named too until someone translates it.

``python scripts/editions.py`` runs :func:`sync`; ``--check`` lists the problems; ``stamp
<notebook> <cell id>…`` records that a Spanish cell was brought up to date. A test runs
:func:`parity_problems`, so the editions cannot drift apart without the suite saying where.

Examples
--------
>>> fingerprint("Hello")
'185f8db32271'
>>> numbers_in("In 2015, 1,200 km; en 2015, 1.200 km") == numbers_in("1.200 km (2015) 2015 1,200")
True
>>> english_words("The cable, which China built, runs along the coast of Chile")
['the', 'which', 'the', 'of']
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

from .base.course import EDITION_FOLDERS, brief, sessions
from .base.files import write_atomic
from .base.paths import notebooks_dir

__all__ = ["EDITION_LANGUAGES", "edition_path", "english_path", "fingerprint", "numbers_in",
           "english_words", "sync", "stamp", "parity_problems"]

#: the languages with an edition of their own (English is the source edition)
EDITION_LANGUAGES = EDITION_FOLDERS
#: where a translated notebook keeps its bookkeeping
META = "dsrlab"
#: files a notebook folder needs beside the notebooks (RISE loads rise.css from there)
COMPANIONS = ("rise.css",)

# Function words that do not occur in Spanish prose: three of them outside quotations and
# code in one Spanish text cell mean that English was left behind.
ENGLISH_FUNCTION_WORDS = frozenset((
    "the", "of", "and", "which", "with", "this", "that", "these", "those", "from", "were",
    "was", "has", "have", "been", "their", "its", "would", "should", "could", "into", "than",
    "then", "when", "where", "while", "what", "who", "whose", "why", "how",
))
ENGLISH_WORDS_ALLOWED = 2

_QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”]*”|«[^»]*»|`[^`\n]*`|\]\([^)\s]*\)|<[^>\n]*>"
                     r"|https?://\S+", re.S)
_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+")
_NUMBER = re.compile(r"\d+(?:[.,\u202f\u00a0]\d+)*")
_CITATION = re.compile(r"\bfn\d+\b|\b[a-z][a-z0-9]*(?:-[a-z0-9]+)+\b")


def source(cell: dict) -> str:
    text = cell.get("source", "")
    return "".join(text) if isinstance(text, list) else text


def fingerprint(text: str) -> str:
    """A short fingerprint of an English text cell (what its translation translates)."""
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]


def numbers_in(text: str) -> Counter:
    """The numbers a text states, independent of how each language separates thousands."""
    return Counter(re.sub(r"\D", "", n).lstrip("0") or "0" for n in _NUMBER.findall(text))


def english_words(text: str) -> list[str]:
    """English function words outside quotations, code, links and tags."""
    bare = _QUOTED.sub(" ", text)
    return [w.lower() for w in _WORD.findall(bare) if w.lower() in ENGLISH_FUNCTION_WORDS]


def citations_in(text: str, known: set[str]) -> set[str]:
    """Footnote marks (``fn24``) and source ids (``malena-fn1``) a text cites."""
    return {m for m in _CITATION.findall(text) if m.startswith("fn") or m in known}


def english_notebooks() -> list[Path]:
    return [entry.path for entry in (*sessions(), brief())]


def edition_path(english: Path, lang: str = "es") -> Path:
    """``notebooks/<name>.ipynb`` -> ``notebooks/<lang>/<name>.ipynb``."""
    return english.parent / lang / english.name


def english_path(edition: Path) -> Path:
    return edition.parent.parent / edition.name


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _write(path: Path, nb: dict) -> None:
    write_atomic(path, json.dumps(nb, indent=1, ensure_ascii=False) + "\n")


_LANG_PARAMETER = re.compile(r'^(lang\s*(?::\s*\w+\s*)?=\s*)["\'][a-z]{2}["\']', re.M)


def _parameters_for(text: str, lang: str) -> str:
    """The parameters cell of an edition: its ``lang`` default is the edition's language.

    >>> _parameters_for('lang: str = "en"  # language', "es")
    'lang: str = "es"  # language'
    """
    return _LANG_PARAMETER.sub(lambda m: f'{m.group(1)}"{lang}"', text)


def _is_parameters(cell: dict) -> bool:
    return "parameters" in cell.get("metadata", {}).get("tags", [])


def _code_copy(cell: dict, lang: str) -> dict:
    copy = json.loads(json.dumps(cell))
    copy["outputs"], copy["execution_count"] = [], None
    if _is_parameters(cell):
        copy["source"] = _parameters_for(source(cell), lang)
    return copy


def _text_cell(english: dict, translated: dict | None) -> dict:
    """The Spanish text cell for an English one: its translation if there is one."""
    cell = {"cell_type": english["cell_type"], "id": english["id"],
            "metadata": json.loads(json.dumps(english.get("metadata", {}))),
            "source": source(english)}
    mark = {"translates": fingerprint(source(english)), "translation": "missing"}
    if translated is not None:
        old = translated.get("metadata", {}).get(META, {})
        text = source(translated)
        if old.get("translation") == "missing" and text.strip() != source(english).strip():
            mark = {"translates": fingerprint(source(english))}  # translated since last sync
        elif old.get("translation") != "missing":
            mark = {k: v for k, v in old.items() if k != "translation"}
        cell["source"] = text
    cell["metadata"][META] = mark
    return cell


def sync(lang: str = "es") -> list[str]:
    """Bring every ``notebooks/<lang>/`` notebook into step with its English notebook.

    Code cells and cell order come from English; text cells keep their translation (a new
    English text cell arrives untranslated and marked). Returns what changed, one line each.
    """
    changed = []
    folder = notebooks_dir() / lang
    folder.mkdir(exist_ok=True)
    for english in english_notebooks():
        target = edition_path(english, lang)
        source_nb = _read(english)
        old = _read(target) if target.exists() else {"cells": []}
        by_id = {c.get("id"): c for c in old["cells"]}
        cells = [_code_copy(c, lang) if c["cell_type"] == "code"
                 else _text_cell(c, by_id.get(c["id"])) for c in source_nb["cells"]]
        nb = {**source_nb, "cells": cells}
        nb["metadata"] = {**source_nb["metadata"], META: {"edition": lang}}
        if nb != old:
            _write(target, nb)
            changed.append(f"{target.relative_to(notebooks_dir())}: updated")
    for name in COMPANIONS:
        text = (notebooks_dir() / name).read_text(encoding="utf-8")
        companion = folder / name
        if not companion.exists() or companion.read_text(encoding="utf-8") != text:
            write_atomic(companion, text)
            changed.append(f"{lang}/{name}: copied")
    return changed


def stamp(notebook: str, cell_ids: list[str], lang: str = "es") -> list[str]:
    """Record that the named Spanish text cells now translate the current English text."""
    english = next((p for p in english_notebooks() if notebook in (p.name, p.stem)
                    or p.stem.startswith(f"{notebook}_")), None)
    if english is None:
        raise ValueError(f"unknown notebook {notebook!r}")
    target = edition_path(english, lang)
    texts = {c["id"]: source(c) for c in _read(english)["cells"]}
    nb = _read(target)
    done = []
    for cell in nb["cells"]:
        if cell["id"] in cell_ids and cell["cell_type"] != "code":
            cell["metadata"][META] = {"translates": fingerprint(texts[cell["id"]])}
            done.append(cell["id"])
    _write(target, nb)
    return done


def _label(path: Path, index: int, cell: dict) -> str:
    first = source(cell).strip().splitlines()[0][:60] if source(cell).strip() else ""
    return f"{path.parent.name}/{path.name} cell {index} (id {cell.get('id')}, {first!r})"


def _text_problems(where: str, english: str, translated: dict, known: set[str]) -> list[str]:
    text, mark = source(translated), translated.get("metadata", {}).get(META, {})
    if mark.get("translation") == "missing" or text.strip() == english.strip():
        return [f"{where}: not translated yet (translate it, then run python scripts/editions.py)"]
    problems = []
    if mark.get("translates") != fingerprint(english):
        problems.append(f"{where}: the English cell changed after it was translated; update "
                        "the translation, then run scripts/editions.py stamp <notebook> <id>")
    if numbers_in(text) != numbers_in(english):
        missing = numbers_in(english) - numbers_in(text)
        extra = numbers_in(text) - numbers_in(english)
        problems.append(f"{where}: numbers differ from the English cell "
                        f"(only in English: {sorted(missing)}, only here: {sorted(extra)})")
    if citations_in(text, known) != citations_in(english, known):
        problems.append(f"{where}: cites {sorted(citations_in(text, known))} but the English "
                        f"cell cites {sorted(citations_in(english, known))}")
    words = english_words(text)
    if len(words) > ENGLISH_WORDS_ALLOWED:
        problems.append(f"{where}: English left in the translation ({', '.join(words[:6])})")
    return problems


def parity_problems(lang: str = "es", known_sources: set[str] | None = None) -> list[str]:
    """Every way the ``lang`` edition differs from the English one, one line per cell."""
    known = known_sources or set()
    problems = []
    for english in english_notebooks():
        target = edition_path(english, lang)
        if not target.exists():
            problems.append(f"{lang}/{english.name}: missing (run scripts/editions.py)")
            continue
        en_cells, tr_cells = _read(english)["cells"], _read(target)["cells"]
        if [(c["id"], c["cell_type"]) for c in en_cells] != [
                (c.get("id"), c["cell_type"]) for c in tr_cells]:
            problems.append(f"{lang}/{english.name}: cells differ from the English notebook in "
                            "number, order or kind (run scripts/editions.py)")
            continue
        for index, (en, tr) in enumerate(zip(en_cells, tr_cells, strict=True)):
            where = _label(target, index, tr)
            if en["cell_type"] == "code":
                if source(tr) != source(_code_copy(en, lang)):
                    problems.append(f"{where}: code differs from the English notebook "
                                    "(run scripts/editions.py)")
                elif _is_parameters(tr) and not re.search(
                        rf'^lang\s*(?::\s*\w+\s*)?=\s*["\']{lang}["\']', source(tr), re.M):
                    problems.append(f"{where}: the parameters cell does not set lang = "
                                    f'"{lang}", so this edition would run in English')
                continue
            problems.extend(_text_problems(where, source(en), tr, known))
    return problems
