"""Tables made for reading: what a student sees when a course table is shown.

A topic's ``x_table()`` returns a plain DataFrame (so code can compute with it) marked by
:func:`course_table`; in a notebook (after ``dsrlab.use_style()``) and on the site it is
shown through :func:`table_html`, built on pandas' Styler:

- column labels in the reader's language, no index;
- text left-aligned and wrapped, never cut;
- numbers rounded and written with their qualifier as a reader would ("more than
  4,000", "about 30"), the qualifier column folded into the number it qualifies;
- codes translated (``more_than`` -> "more than", a lane id -> its name);
- empty cells as "—", booleans as words;
- long tables folded: the first rows shown, the rest one click away;
- ``;``-separated lists written "a; b"; a date as precise as its ``<date>_precision``
  says ("2014", "2019-10", "2019-10-24", "about 2017"), the precision folded into it;
- ``verbatim=`` columns (identifiers a student types) shown exactly as stored.

Examples
--------
>>> import pandas as pd
>>> from dsrlab.base.course_tables import course_table
>>> frame = course_table(pd.DataFrame({"cameras": [4300.0, None],
...                                    "cameras_qualifier": ["more_than", None],
...                                    "urban": [True, False]}))
>>> shown = reading_frame(frame, lang="en")
>>> shown.columns.tolist(), shown.iloc[0].tolist(), shown.iloc[1].tolist()
(['Cameras', 'Urban'], ['more than 4,300', 'yes'], ['—', 'no'])
>>> reading_frame(frame, lang="es").iloc[0].tolist()
['más de 4\xa0300', 'sí']
"""

from __future__ import annotations

import html
import math
import numbers
import re

from ..base.course_tables import course_table, course_table_meta, is_course_table
from ..base.errors import UsageError
from ..base.i18n import all_strings, get_language, t
from .tables import is_missing

__all__ = ["reading_frame", "table_html", "FOLD_AFTER",
           "show_course_tables", "YEAR_COLUMNS", "COUNTRY",
           "DEFAULT_CODES", "verbatim_labels", "date_text", "show", "qualified_text",
           "TABLE_CSS"]

#: Tables longer than this show their first rows and fold the rest.
FOLD_AFTER = 15
_QUALIFIER_OF = {"cost_usd_m": "cost_qualifier", "length_km": "length_qualifier",
                 "construction_months": "construction_months_qualifier"}


def _label(column: str, labels: dict, lang: str) -> str:
    given = labels.get(column)
    if isinstance(given, dict):
        return given[lang]
    if given:  # a string key ("diplomacy.col_state") or the label itself
        return t(given, lang) if given in all_strings() else str(given)
    strings = all_strings()
    for key in (column, column.removesuffix("_en").removesuffix("_es")):
        if f"tables.col_{key}" in strings:
            return t(f"tables.col_{key}", lang)
    words = column.removesuffix("_en").removesuffix("_es").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


#: Columns holding years: written 2019, never "2,019".
YEAR_COLUMNS = ("year", "since", "founded", "year_announced", "year_start", "year_end")


def _hidden(column: str, hide) -> bool:
    return column in hide or (column.endswith("_id") and column != "source_id")


def _number(value: float, lang: str) -> str:
    rounded = round(float(value), 1)
    text = f"{rounded:,.0f}" if float(rounded).is_integer() else f"{rounded:,.1f}"
    if lang == "es":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


#: ``codes={column: COUNTRY}`` writes ISO3 codes (one or a ``;`` list) as country names.
COUNTRY = "@country"


#: Columns whose codes every course table translates the same way (``codes=`` overrides).
DEFAULT_CODES = {
    "iso3": COUNTRY, "countries": COUNTRY, "states": COUNTRY, "lane": "origins.lane_",
    "topic": "tables.code_", "kind": "tables.code_", "status": "tables.code_",
    "category": "tables.code_", "capabilities": "tables.code_",
    "claimant_type": "surveillance.claimant_", "stance": "surveillance.stance_",
    "criterion": "surveillance.criterion_", "listing": "diplomacy.listing_",
    "date_kind": "diplomacy.date_kind_", "position": "diplomacy.pos_",
    "vote": "tables.code_vote_", "unit": "tables.code_", "qualifier": "tables.code_",
    "date_precision": "tables.code_", "sector": "tables.code_",
}


def _countries(value: str, lang: str) -> str:
    from .countries import country_names

    names = country_names(lang)
    return ", ".join(names.get(code.strip(), code.strip())
                     for code in value.replace(";", ",").split(",") if code.strip())


def _code(value: str, prefix: str | None, lang: str) -> str:
    if prefix == COUNTRY:
        return _countries(value, lang)
    if prefix and ("," in value or ";" in value):
        parts = [part.strip() for part in value.replace(";", ",").split(",")]
        return ", ".join(_code(part, prefix, lang) for part in parts if part)
    strings = all_strings()
    for key in ([f"{prefix}{value}"] if prefix else []) + [f"tables.code_{value}"]:
        if key in strings:
            return t(key, lang)
    return value  # untranslated: left as it is, so the shown-tables test finds it


def _cell(value, lang: str, prefix: str | None = None, year: bool = False) -> str:
    if isinstance(value, (list, tuple)):
        return "; ".join(_cell(v, lang, prefix) for v in value) or t("tables.empty", lang)
    if year and not is_missing(value) and isinstance(value, numbers.Number) \
            and float(value).is_integer():
        return str(int(value))
    if is_missing(value):
        return t("tables.empty", lang)
    if isinstance(value, bool) or type(value).__name__ in ("bool_", "bool"):  # numpy 1, 2
        return t("tables.yes" if value else "tables.no", lang)
    if isinstance(value, numbers.Number):
        return _number(value, lang) if math.isfinite(float(value)) else t("tables.empty", lang)
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    text = str(value)
    if not text.strip():
        return t("tables.empty", lang)
    if prefix or ("_" in text and " " not in text and text.islower()):
        return _code(text, prefix, lang)
    return _LIST_ITEM.sub("; ", text)


#: ``a;b`` (a list as stored in the data package) is written ``a; b``.
_LIST_ITEM = re.compile(r";(?=\S)")


def date_text(value, precision, lang: str) -> str:
    """A date as precise as its precision says: "2014", "2019-10", "2019-10-24", "about 2017".

    >>> import pandas as pd
    >>> [date_text(pd.Timestamp("2019-10-01"), p, "es") for p in ("year", "month", "approx")]
    ['2019', '2019-10', 'alrededor de 2019']
    """
    if is_missing(value):
        return t("tables.empty", lang)
    if not hasattr(value, "strftime"):
        import pandas as pd

        value = pd.Timestamp(value)
    precision = "day" if is_missing(precision) else str(precision)
    if precision == "approx":  # a vague date placed by us: its year, said to be approximate
        return t("tables.q_approx", lang, n=value.strftime("%Y"))
    return value.strftime({"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d"))


def _qualified(value, qualifier, lang: str, year: bool = False) -> str:
    if is_missing(value):
        return t("tables.empty", lang)
    number = str(int(value)) if year and float(value).is_integer() else _number(value, lang)
    if is_missing(qualifier) or str(qualifier) == "exact":
        return number
    return t(f"tables.q_{qualifier}", lang, n=number)


def qualified_text(value, qualifier=None, lang: str | None = None) -> str:
    """A number with its qualifier in words, as in a course table.

    >>> qualified_text(4300.0, "more_than", "es"), qualified_text(1590.0, None, "en")
    ('más de 4\xa0300', '1,590')
    """
    return _qualified(value, qualifier, lang or get_language())


def _qualifier_pairs(columns) -> dict[str, str]:
    """value column -> its qualifier column."""
    pairs = {}
    for col in columns:
        if f"{col}_precision" in columns:
            pairs[col] = f"{col}_precision"
        elif f"{col}_qualifier" in columns:
            pairs[col] = f"{col}_qualifier"
        elif col in _QUALIFIER_OF and _QUALIFIER_OF[col] in columns:
            pairs[col] = _QUALIFIER_OF[col]
    if "qualifier" in columns:
        for col in ("value", "amount_usd_m", "cameras", "length_km"):
            if col in columns and col not in pairs:
                pairs[col] = "qualifier"
                break
    return pairs


def reading_frame(frame, lang: str | None = None):
    """The table as text cells a reader can read: labels, words, no codes, no index."""
    import pandas as pd

    lang = lang or get_language()
    meta = course_table_meta(frame) if is_course_table(frame) else {}
    if any(name is not None for name in frame.index.names):
        # An index that carries names (a firm, a subsector) is a column for a reader.
        frame = frame.reset_index()
    labels, codes = meta.get("labels", {}), meta.get("codes", {})
    hide = meta.get("hide", []) if meta else []
    combine = meta.get("combine", {}) if meta else {}
    verbatim = set(meta.get("verbatim", [])) if meta else set()
    if combine:
        frame = _combined(frame, combine, lang)
    pairs = {col: other for col, other in _qualifier_pairs(list(frame.columns)).items()
             if not other.endswith("_precision")
             or pd.api.types.is_datetime64_any_dtype(frame[col])}
    folded = set(pairs.values())
    out = {}
    for col in frame.columns:
        if col in folded or (meta and _hidden(str(col), hide)):
            continue
        year = str(col) in YEAR_COLUMNS or str(col).endswith("_year")
        if str(col) in verbatim:
            cells = [t("tables.empty", lang) if is_missing(v) or not str(v).strip() else str(v)
                     for v in frame[col]]
        elif str(pairs.get(col, "")).endswith("_precision"):
            cells = [date_text(v, p, lang) for v, p in zip(frame[col], frame[pairs[col]],
                                                            strict=True)]
        elif col in pairs:
            cells = [_qualified(v, q, lang, year) for v, q in zip(frame[col], frame[pairs[col]],
                                                                    strict=True)]
        else:
            prefix = codes.get(col, DEFAULT_CODES.get(str(col)))
            cells = [_cell(v, lang, prefix, year) for v in frame[col]]
        out[_label(str(col), labels, lang)] = cells
    return pd.DataFrame(out, index=range(len(frame)))


def verbatim_labels(frame, lang: str | None = None) -> set[str]:
    """The shown labels of ``frame``'s verbatim columns (identifiers shown as stored)."""
    meta = course_table_meta(frame) if is_course_table(frame) else {}
    return {_label(col, meta.get("labels", {}), lang or get_language())
            for col in meta.get("verbatim", [])}


def _combined(frame, combine: dict, lang: str):
    frame = frame.copy()
    for name, columns in combine.items():
        columns = [c for c in frame.columns if str(c) in columns]
        cells = []
        for _, row in frame[columns].iterrows():
            parts = [f"{col}: {_cell(row[col], lang)}" for col in columns
                     if not is_missing(row[col]) and str(row[col]).strip()]
            cells.append("; ".join(parts))
        frame = frame.drop(columns=columns)
        frame[name] = [c or t("tables.empty", lang) for c in cells]
    return frame


# JupyterLab right-aligns and never wraps table cells (.jp-RenderedHTMLCommon td): course
# tables are text to read, so these rules win over it.
_CSS = ("<style>.dsrlab-table{border-collapse:collapse;font-size:0.95em;margin:0.3em 0}"
        ".dsrlab-table th,.dsrlab-table td{text-align:left!important;vertical-align:top;"
        "white-space:normal!important;max-width:32em;padding:0.25em 0.6em;"
        "border-bottom:1px solid #ddd}.dsrlab-table th{background:#f3f3f3}"
        ".dsrlab-table caption{text-align:left;font-weight:bold;padding:0.2em 0}</style>")


#: The style of every course table (class ``dsrlab-table``), for HTML built elsewhere.
TABLE_CSS = _CSS


def _styled(shown, caption: str | None) -> str:
    styler = shown.style.hide(axis="index").set_table_attributes('class="dsrlab-table"')
    if caption:
        styler = styler.set_caption(html.escape(caption))
    return styler.to_html(escape="html")


def table_html(frame, lang: str | None = None, fold_after: int = FOLD_AFTER) -> str:
    """HTML of a course table for reading (a long one folds after ``fold_after`` rows)."""
    lang = lang or get_language()
    shown = reading_frame(frame, lang)
    caption = course_table_meta(frame).get("caption") if is_course_table(frame) else None
    if len(shown) <= fold_after + 3:
        return _CSS + _styled(shown, caption)
    head, rest = shown.iloc[:fold_after], shown.iloc[fold_after:]
    more = t("tables.show_rest", lang, n=len(rest), total=len(shown))
    return (_CSS + _styled(head, caption) + f"<details><summary>{html.escape(more)}</summary>"
            + _styled(rest, None) + "</details>")


def show(frame, *, labels: dict | None = None, codes: dict | None = None,
         caption: str | None = None, hide=(), verbatim=()):
    """Any DataFrame made for reading: a copy marked as a course table (``frame`` is kept).

    In a notebook (after ``dsrlab.use_style()``) the copy shows with labels in the reader's
    language, no index, text wrapped, codes and empty cells in words; code keeps working
    with ``frame`` itself. The options are those of
    :func:`dsrlab.base.course_tables.course_table`.

    Examples
    --------
    >>> import pandas as pd
    >>> raw = pd.DataFrame({"iso3": ["BOL"], "urban": [True]})
    >>> reading_frame(show(raw), "es").iloc[0].tolist(), "dsrlab" in raw.attrs
    (['Bolivia', 'sí'], False)
    """
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise UsageError(f"show() takes a pandas DataFrame, not {type(frame).__name__}")
    return course_table(frame.copy(), labels=labels, codes=codes, caption=caption, hide=hide,
                        verbatim=verbatim)


def _html_of(frame):
    # IPython shows nothing for a type whose formatter returns None: other frames keep
    # pandas' own HTML.
    return table_html(frame) if is_course_table(frame) else frame._repr_html_()


def show_course_tables() -> None:
    """In IPython, show course tables through :func:`table_html` (other frames as usual).

    Called by ``dsrlab.use_style()``, which every notebook runs first; nothing happens
    outside IPython.
    """
    import sys

    if "IPython" not in sys.modules:
        return
    shell = sys.modules["IPython"].get_ipython()
    if shell is None:
        return
    import pandas as pd

    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, _html_of)
