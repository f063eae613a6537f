"""Formatted citations from ``sources.csv`` (Chicago-like notes and APA-like references).

A citation is built once as a list of segments ``(kind, text)`` with kind ``text``,
``italic`` or ``url``, then rendered as plain text, Markdown or HTML, so the three
forms always say the same thing. Author names are kept as printed in the source
(organisations stay intact; personal names are not inverted).
"""

import difflib
import html
import re

from ..base.errors import UsageError, choices_text
from ..base.fonts import font_style, has_cjk, mark_cjk

__all__ = ["Citations", "cite", "bibliography", "STYLES"]

STYLES = ("chicago", "apa")
ID_PATTERN = "'malena-fn12', 'vanraemdonck-fn3', 'malena-dsr', 'aei-cgit' or 'web-<name>'"
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")
_MONTHS_ES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
              "septiembre", "octubre", "noviembre", "diciembre")
#: "no date" and the last-name conjunction, as each language's citation manuals write them
_NO_DATE = {"en": "n.d.", "es": "s. f."}
_AND = {"en": "and", "es": "y"}


def _lang() -> str:
    from ..base.i18n import get_language

    return get_language()


def _when(year: str, month: str, day: str, style: str) -> str:
    """The date of a work as the style writes it in the active language (Spanish: "5 de
    noviembre de 2008"; APA: "2008, 5 de noviembre")."""
    if _lang() == "es":
        day_month = f"{day} de {month}" if day else month
        if style == "apa":
            return ", ".join(p for p in (year, day_month) if p) or _NO_DATE["es"]
        return (f"{day_month} de {year}" if month else year) or _NO_DATE["es"]
    if style == "apa":
        return ", ".join(p for p in (year, f"{month} {day}".strip()) if p) or _NO_DATE["en"]
    return ((f"{month} {day}, {year}" if day else f"{month} {year}") if month else year
            ) or _NO_DATE["en"]
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


def _clean(value) -> str:
    if value is None:
        return ""
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def _names(value, style: str) -> str:
    """Join ``;``-separated names: "A and B", "A, B, and C" (APA-like: "&")."""
    names = [n.strip() for n in _clean(value).split(";") if n.strip()]
    if len(names) < 2:
        return "".join(names)
    conj = "&" if style == "apa" else _AND.get(_lang(), "and")
    if len(names) == 2:
        return f"{names[0]} {conj} {names[1]}"
    return ", ".join(names[:-1]) + f", {conj} {names[-1]}"


def _date_parts(row: dict) -> tuple[str, str, str]:
    """(year, month name, day) from ``date`` (YYYY[-MM[-DD]]) or ``year``."""
    date = _clean(row.get("date"))
    year = _clean(row.get("year"))
    match = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date)
    if not match:
        return (year, "", "")
    y, m, d = match.groups()
    names = _MONTHS_ES if _lang() == "es" else _MONTHS
    month = names[int(m) - 1] if m and 1 <= int(m) <= 12 else ""
    return (y, month, str(int(d)) if d else "")


def _ends_in_stop(text: str) -> bool:
    return text.rstrip("”\"'’").endswith(("?", "!", "."))


def _chicago(row: dict) -> list[tuple[str, str]]:
    author, title = _names(row.get("author"), "chicago"), _clean(row.get("title"))
    container, publisher = _clean(row.get("container")), _names(row.get("publisher"), "chicago")
    url = _clean(row.get("url"))
    when = _when(*_date_parts(row), "chicago")
    parts: list[list[tuple[str, str]]] = []
    if author:
        parts.append([("text", author)])
    if title and container:
        parts.append([("text", "“" + title), ("quote", "”")])
    elif title:
        parts.append([("italic", title)])
    if container:
        parts.append([("italic", container)])
    if publisher and publisher not in (author, container):
        parts.append([("text", publisher)])
    parts.append([("text", when)])
    if url:
        parts.append([("url", url)])
    out: list[tuple[str, str]] = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        text_of_part = "".join(t for _, t in part)
        if part[-1][0] == "quote":  # punctuation goes inside the closing quote
            stop = "" if _ends_in_stop(part[0][1]) else ("." if last else ",")
            out.extend([part[0], ("text", stop + "”")])
        else:
            out.extend(part)
            if last:
                out.append(("text", "" if _ends_in_stop(text_of_part) else "."))
            elif part[0][0] != "url":
                out.append(("text", ","))
        if not last:
            out.append(("text", " "))
    return _merge(out)


def _apa(row: dict) -> list[tuple[str, str]]:
    author, title = _names(row.get("author"), "apa"), _clean(row.get("title"))
    container, publisher = _clean(row.get("container")), _names(row.get("publisher"), "apa")
    url = _clean(row.get("url"))
    when = _when(*_date_parts(row), "apa")
    out: list[tuple[str, str]] = []

    def sentence(kind: str, text: str) -> None:
        if out:
            out.append(("text", " "))
        out.append((kind, text))
        if not _ends_in_stop(text):
            out.append(("text", "."))

    title_kind = "text" if container else "italic"
    if author:
        sentence("text", author)
        sentence("text", f"({when})")
        if title:
            sentence(title_kind, title)
    else:
        if title:
            sentence(title_kind, title)
        sentence("text", f"({when})")
    if container:
        sentence("italic", container)
    if publisher and publisher not in (author, container):
        sentence("text", publisher)
    if url:
        out.extend([("text", " "), ("url", url)])
    return _merge(out)


def _merge(segments: list[tuple[str, str]]) -> list[tuple[str, str]]:
    merged: list[tuple[str, str]] = []
    for kind, text in segments:
        if not text:
            continue
        if merged and merged[-1][0] == kind == "text":
            merged[-1] = ("text", merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return merged


def _plain(segments) -> str:
    return "".join(text for _, text in segments)


def _markdown(segments) -> str:
    out = []
    for kind, text in segments:
        if kind == "url":
            out.append(f"<{text}>")
        elif kind == "italic":
            out.append("*" + _MD_SPECIAL.sub(r"\\\1", text) + "*")
        else:
            out.append(_MD_SPECIAL.sub(r"\\\1", text))
    return "".join(out)


def _html(segments) -> str:
    out = []
    for kind, text in segments:
        esc = html.escape(text)
        if kind == "url":
            out.append(f'<a href="{esc}" target="_blank" rel="noopener">{esc}</a>')
        elif kind == "italic":
            out.append(f"<em>{esc}</em>")
        else:
            out.append(esc)
    return "".join(out)


class Citations:
    """Formatted citations that display nicely in Jupyter and print as plain text.

    Attributes
    ----------
    ids : list of str
        The source ids asked for, in order.
    style : str
        ``"chicago"`` or ``"apa"``.
    entries : list of (str, str)
        ``(id, plain text)`` for each distinct work, after resolving "Ibid.".
    """

    def __init__(self, ids, works, style, heading=""):
        self.ids = list(ids)
        self.style = style
        self._works = works  # list of (resolved id, segments)
        self.heading = heading
        self.entries = [(wid, _plain(seg)) for wid, seg in works]

    def __str__(self) -> str:
        return "\n".join(text for _, text in self.entries)

    def __repr__(self) -> str:
        return str(self)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(text for _, text in self.entries)

    def __eq__(self, other) -> bool:
        if isinstance(other, Citations):
            return self.entries == other.entries
        return NotImplemented

    __hash__ = None

    def _repr_markdown_(self) -> str:
        head = f"**{self.heading}**\n\n" if self.heading else ""
        if len(self._works) == 1 and not self.heading:
            return _markdown(self._works[0][1])
        return head + "\n".join(f"{i}. {_markdown(seg)}"
                                for i, (_, seg) in enumerate(self._works, 1))

    def _repr_html_(self) -> str:
        head = f"<p><strong>{html.escape(self.heading)}</strong></p>" if self.heading else ""
        items = "".join(f'<li data-source-id="{html.escape(wid)}">{_html(seg)}</li>'
                        for wid, seg in self._works)
        if has_cjk(items):  # Chinese titles: marked, with the shipped font (no empty boxes)
            return (f'{font_style()}<div class="dsrlab-citations">{head}'
                    f"<ol>{mark_cjk(items)}</ol></div>")
        return f'<div class="dsrlab-citations">{head}<ol>{items}</ol></div>'


def _sources_table() -> dict[str, dict]:
    from .tables import shared_frame

    frame = shared_frame("sources")
    records = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return {r["id"]: r for r in records}


def _resolve(source_id: str, table: dict[str, dict]) -> str:
    """Follow ``ibid_of`` links to the footnote that names the work."""
    seen = set()
    current = source_id
    while _clean(table[current].get("ibid_of")) and current not in seen:
        seen.add(current)
        target = _clean(table[current].get("ibid_of"))
        if target not in table:
            break
        current = target
    return current


def _check_style(style) -> str:
    norm = str(style).strip().lower()
    if norm not in STYLES:
        raise UsageError(f"unknown citation style {style!r}; choose one of {choices_text(STYLES)}")
    return norm


def _flatten(ids) -> list[str]:
    out = []
    for item in ids:
        if isinstance(item, str):
            out.append(item)
        elif hasattr(item, "__iter__"):
            out.extend(_flatten(item))
        else:
            raise UsageError(f"source ids must be strings like {ID_PATTERN}, not {item!r}")
    return out


def _works(ids: list[str], style: str):
    table = _sources_table()
    fmt = _chicago if style == "chicago" else _apa
    works, seen = [], set()
    for sid in ids:
        if sid not in table:
            close = difflib.get_close_matches(sid, list(table), n=5, cutoff=0.6)
            hint = f"did you mean {choices_text(close)}? " if close else ""
            raise UsageError(f"unknown source id {sid!r}; {hint}ids look like {ID_PATTERN} "
                             "(see dsrlab.load('sources'))")
        work = _resolve(sid, table)
        segments = fmt(table[work])
        key = _plain(segments)
        if key not in seen:
            seen.add(key)
            works.append((work, segments))
    return works


def cite(*source_ids, style: str = "chicago") -> Citations:
    """Format sources from ``sources.csv`` as citations.

    Parameters
    ----------
    *source_ids : str
        Ids such as ``"malena-fn12"`` (a list of ids works too). An "Ibid." footnote
        resolves to the work it repeats.
    style : {"chicago", "apa"}
        Chicago notes-bibliography-like (as in the papers' footnotes) or APA-like.

    Returns
    -------
    Citations
        Shows as formatted text in a notebook; ``str()`` gives plain text, one per line.

    Examples
    --------
    >>> print(cite("malena-fn7"))
    Sabena Siddiqui, “BRI, BeiDou and the Digital Silk Road,” Asia Times, April 10, 2019, https://asiatimes.com/2019/04/bri-beidou-and-the-digital-silk-road/.
    >>> print(cite("malena-fn7", style="apa"))
    Sabena Siddiqui. (2019, April 10). BRI, BeiDou and the Digital Silk Road. Asia Times. https://asiatimes.com/2019/04/bri-beidou-and-the-digital-silk-road/
    >>> cite("malena-fn34") == cite("malena-fn33")  # fn34 is printed as "Ibid."
    True
    """
    style = _check_style(style)
    ids = _flatten(source_ids)
    if not ids:
        raise UsageError(f"cite() needs at least one source id, like {ID_PATTERN}")
    return Citations(ids, _works(ids, style), style)


def bibliography(df_or_ids, style: str = "chicago") -> Citations:
    """The sources used by a table (its ``source_id`` column) or by a list of ids.

    Duplicates (including "Ibid." footnotes of the same work) are shown once; entries
    are sorted alphabetically.

    Examples
    --------
    >>> from dsrlab.data import load
    >>> refs = bibliography(load("un_resolutions"))
    >>> len(refs)
    2
    """
    from ..base.i18n import t

    style = _check_style(style)
    if isinstance(df_or_ids, str):
        ids = [df_or_ids]
    elif hasattr(df_or_ids, "columns"):
        if "source_id" not in df_or_ids.columns:
            raise UsageError("the table has no 'source_id' column; columns are "
                             f"{choices_text(df_or_ids.columns)}")
        ids = _split_ids(df_or_ids["source_id"])
    elif hasattr(df_or_ids, "dropna"):  # a Series of ids
        ids = _split_ids(df_or_ids)
    else:
        ids = _flatten(df_or_ids)
    ids = sorted(dict.fromkeys(ids))
    works = _works(ids, style)
    works.sort(key=lambda w: re.sub(r"^[\W_]+", "", _plain(w[1])).casefold())
    return Citations(ids, works, style, heading=t("data.sources_heading"))


def _split_ids(series) -> list[str]:
    out = []
    for value in series.dropna().astype(str):
        out.extend(v.strip() for v in value.split(";") if v.strip())
    return out
