"""The course as data: the sessions listed in ``notebooks/course.yml``, in teaching order.

One table of contents drives the README's course map, the site index, the benchmarks,
the tests' notebook lists and where exercise answers are computed.

Examples
--------
>>> [s.number for s in sessions()]
['00', '01', '02', '03', '04', '05']
>>> session("3").notebook
'03_surveillance_deployments.ipynb'
>>> session("03").title("es")
'Despliegues de vigilancia: qué se compró, quién dice qué y cómo juzgarlo'
>>> session("1").edition("es").relative_to(notebooks_dir()).as_posix()
'es/01_dsr_origins.ipynb'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import UsageError, choices_text
from .i18n import get_language
from .paths import notebooks_dir

__all__ = ["Session", "sessions", "session", "brief", "course_file", "notebook_paths",
           "in_language", "EDITION_FOLDERS"]

#: languages whose notebooks live in an edition folder of their own (English is the source)
EDITION_FOLDERS = ("es",)

_WORD = re.compile(r"\w+")


def in_language(path: Path, lang: str | None = None) -> Path:
    """A course notebook in ``lang``: ``notebooks/<lang>/<name>`` for a translated edition.

    English, and any notebook without a translated edition, is the notebook itself.
    """
    lang = lang or get_language()
    if lang in EDITION_FOLDERS:
        edition = path.parent / lang / path.name
        if edition.exists():
            return edition
    return path


@dataclass(frozen=True)
class Session:
    """One entry of ``course.yml``: a session (or the brief template)."""

    number: str | None
    notebook: str
    titles: dict
    summaries: dict
    minutes: int | None
    topic: str | None

    def title(self, lang: str | None = None) -> str:
        return self.titles[lang or get_language()]

    def summary(self, lang: str | None = None) -> str:
        return self.summaries[lang or get_language()]

    @property
    def path(self) -> Path:
        return notebooks_dir() / self.notebook

    def edition(self, lang: str | None = None) -> Path:
        """The notebook a student opens in ``lang`` (the Spanish edition in Spanish)."""
        return in_language(self.path, lang)

    def narrative_words(self, lang: str | None = None) -> int:
        """Words in the text (Markdown) cells of the session's notebook in ``lang``."""
        cells = json.loads(self.edition(lang).read_text(encoding="utf-8"))["cells"]
        return sum(len(_WORD.findall("".join(c["source"]))) for c in cells
                   if c["cell_type"] == "markdown")

    @property
    def stem(self) -> str:
        return Path(self.notebook).stem

    @property
    def exercise_file(self) -> Path | None:
        """``notebooks/exercises/<number>.yml`` (``None`` for the brief template)."""
        return notebooks_dir() / "exercises" / f"{self.number}.yml" if self.number else None


def course_file() -> Path:
    return notebooks_dir() / "course.yml"


def _entry(raw: dict, number: str | None) -> Session:
    return Session(number=number, notebook=raw["notebook"], titles=raw["title"],
                   summaries=raw["summary"], minutes=raw.get("minutes"), topic=raw.get("topic"))


@cache
def _read(path: Path, stamp: int) -> tuple[tuple[Session, ...], Session]:
    import yaml  # lazy: only when the course is first asked for

    with path.open(encoding="utf-8") as fh:
        doc = yaml.safe_load(fh)
    entries = tuple(_entry(raw, str(raw["number"])) for raw in doc["sessions"])
    return entries, _entry(doc["brief"], None)


def _course() -> tuple[tuple[Session, ...], Session]:
    path = course_file()
    return _read(path, path.stat().st_mtime_ns)


def sessions() -> tuple[Session, ...]:
    """Every session in teaching order."""
    return _course()[0]


def brief() -> Session:
    """The country-brief template (not a session: it has no number)."""
    return _course()[1]


def session(number) -> Session:
    """One session by number (``3``, ``"03"``) or notebook stem; a clear error lists them."""
    key = str(number).strip()
    for entry in sessions():
        if key in (entry.number, entry.stem, entry.notebook) or key.zfill(2) == entry.number:
            return entry
    raise UsageError(f"unknown session {number!r}; choose one of "
                     f"{choices_text(s.number for s in sessions())}")


def notebook_paths(with_brief: bool = True) -> dict[str, Path]:
    """Stem -> path of every course notebook (the sessions, then the brief template)."""
    entries = [*sessions(), brief()] if with_brief else list(sessions())
    return {entry.stem: entry.path for entry in entries}
