"""Alt text for figures, written from the same table that draws them.

Every ``plot_x`` ends with ``return describe(ax, kind, table, ...)``: the figure then
carries a short description in the figure's language (what it shows, how many rows, the
highest and lowest values, the highlighted country) and the table itself. The inline
display (:func:`dsrlab.blocks.plots.use_style`) puts the description in the output's
``metadata["image/png"]["alt"]`` (the key nbconvert and our HTML pages read) and shows
the description and the table under the figure, folded away (a ``<details>`` element any
keyboard or screen reader opens). :func:`chart_data` hands the table to a student.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary, ref

from ..base.i18n import get_language, t
from .countries import country_names

__all__ = ["describe", "alt_text", "chart_data", "details_html"]

# figure -> [(Axes, alt text, table)], one entry per described Axes; weak, so a closed
# figure takes its description with it.
_DESCRIBED: WeakKeyDictionary = WeakKeyDictionary()
_LAST: list = []  # the last described figure (weakly), for chart_data() with no argument

#: How many row names a description lists before it says "from A to B" instead.
LIST_AT_MOST = 8


def _number(value, unit: str = "") -> str:
    """``value`` as a reader says it: whole numbers without decimals, others with one.

    Examples
    --------
    >>> _number(1200.0, "USD millions"), _number(12.345), _number(7, "%")
    ('1,200 USD millions', '12.3', '7%')
    """
    number = float(value)
    text = f"{number:,.0f}" if number.is_integer() or abs(number) >= 100 else f"{number:,.1f}"
    if get_language() == "es":  # 1.200,5 as Latin American Spanish writes it
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _names(labels) -> str:
    """Row names as a reader hears them: all of a short list, else the first and last.

    Examples
    --------
    >>> _names(["Chile", "Peru"])
    'Chile, Peru'
    """
    labels = [" ".join(str(x).split()) for x in labels]
    if len(labels) <= LIST_AT_MOST:
        return ", ".join(labels)
    return t("alt.from_to", first=labels[0], last=labels[-1])


def _extremes(data, label: str, value: str, unit: str) -> list[str]:
    """"Highest: ...", "Lowest: ..." sentences (ties named together, three at most)."""
    values = data[value].astype(float)
    if values.isna().all():
        return []
    out = []
    for key, pick in (("alt.highest", values.max()), ("alt.lowest", values.min())):
        rows = [" ".join(x.split()) for x in data.loc[values == pick, label].astype(str)]
        names = ", ".join(rows[:3]) + (" …" if len(rows) > 3 else "")
        out.append(t(key, names=names, value=_number(pick, unit)))
        if values.max() == values.min():
            break  # one value for every row: once is enough
    return out


def _col(entry) -> str:
    return entry if isinstance(entry, str) else entry[0]


def _say(row, entry) -> str:
    """One ``says`` entry of a row: a column (its value), or ``(column, prefix)`` (the value
    in words, ``t(prefix + value)``), or ``(column, prefix, True)`` ("column: words")."""
    if isinstance(entry, str):
        return " ".join(str(row[entry]).split())
    col, prefix, *named = entry
    words = t(f"{prefix}{row[col]}") if prefix else str(row[col])
    return f"{col}: {words}" if named and named[0] else words


def _sentences(ax, kind, data, label, value, unit, country, key, marked, says, title):
    """The description's sentences (see :func:`describe`), in the active language."""
    title = " ".join((title if title is not None else ax.get_title()).split())
    name = t(f"alt.kind_{kind}")
    parts = [f"{name}: {title}." if title else f"{name}."]
    labels = list(dict.fromkeys(data[label].astype(str))) if len(data) else []
    parts.append(t("alt.rows", n=len(labels), names=_names(labels)) if labels
                 else t("alt.empty"))
    if value is not None and len(data):
        parts += _extremes(data, label, value, unit)
    if country is None:
        return parts
    who = country_names().get(country, country)
    if marked is None:
        keys = data[key] if key else data.index.to_series()  # no key column: the index
        marked = (keys.astype(str) == country).tolist()
    rows = data[[bool(m) for m in marked]]
    if not len(rows):
        return [*parts, t("alt.absent", name=who)]
    said = []
    for _, row in rows.iterrows():
        bits = [" ".join(str(row[label]).split())] if str(row[label]) != who else []
        bits += [_number(row[value], unit)] if value is not None and row[value] == row[value] \
            else []
        bits += [_say(row, entry) for entry in says if str(row[_col(entry)]) not in ("", "nan")]
        said.append(", ".join(bits))
    said = [x for x in said if x]
    listed = "; ".join(said[:LIST_AT_MOST]) + (" …" if len(said) > LIST_AT_MOST else "")
    said = t("alt.marked_rows", name=who, rows=listed) if listed else t("alt.marked", name=who)
    return [*parts, said]


def describe(ax, kind: str, data, *, label: str, value: str | None = None, unit: str = "",
             country: str | None = None, key: str | None = None, marked=None, says=(),
             extra: str = "", title: str | None = None, lang: str | None = None):
    """Attach a description of the chart on ``ax`` made from ``data``; return ``ax``.

    ``kind`` names the chart (``bar``, ``tiles``, ``dots``, ``timeline``, ``map``,
    ``matrix``); ``label`` is the column that names the rows; ``value`` (optional) a
    numeric column whose highest and lowest rows are named, in ``unit``. ``country`` (an
    ISO3 code or None) is the highlighted state: its rows are those whose ``key`` column
    (else the index) holds it, or those flagged in ``marked`` (booleans, one per row);
    they are read out with ``value`` and the ``says`` columns (a column, or ``(column,
    string prefix[, named])`` for a value said in words). ``extra`` is one more sentence;
    ``title`` defaults to the Axes' title; ``lang`` to the active language.
    """
    from ..base.i18n import using_language

    with using_language(lang):
        parts = _sentences(ax, kind, data, label, value, unit, country, key, marked, says,
                           title)
        if extra:
            parts.append(extra.rstrip(".") + ".")
        parts.append(t("alt.table_hint"))
    text = " ".join(parts)
    fig = ax.figure
    entries = [e for e in _DESCRIBED.get(fig, []) if e[0]() is not ax]  # drawn again: replace
    table = data.reset_index(drop=data.index.name is None)  # a named index is a column
    _DESCRIBED[fig] = [*entries, (ref(ax), text, table)]
    _LAST[:] = [ref(fig)]  # weak: remembering the last figure keeps nothing alive
    return ax


def _figure(fig_or_ax):
    if fig_or_ax is None:
        fig = _LAST[0]() if _LAST else None
        if fig is None:
            from ..base.errors import UsageError

            raise UsageError(t("alt.no_figure"))
        return fig
    return getattr(fig_or_ax, "figure", fig_or_ax)


def alt_text(fig_or_ax=None) -> str | None:
    """The description of a figure (of all its described Axes), or None if it has none."""
    entries = _DESCRIBED.get(_figure(fig_or_ax))
    return " ".join(text for _, text, _ in entries) if entries else None


def chart_data(fig_or_ax=None):
    """The table behind a figure (the last one drawn when none is given), as a DataFrame.

    A figure made of several described Axes gives their tables one after the other.
    """
    import pandas as pd

    fig = _figure(fig_or_ax)
    entries = _DESCRIBED.get(fig)
    if not entries:
        from ..base.errors import UsageError

        raise UsageError(t("alt.no_data"))
    tables = [table for _, _, table in entries]
    return tables[0] if len(tables) == 1 else pd.concat(tables, ignore_index=True)


def details_html(fig) -> str | None:
    """The description and the table of ``fig`` as folded-away HTML, or None."""
    from html import escape

    entries = _DESCRIBED.get(fig)
    if not entries:
        return None
    blocks = []
    for _, text, table in entries:
        blocks.append(f"<p>{escape(text)}</p>" + table.to_html(index=False, na_rep="—",
                                                               border=0, escape=True))
    return (f'<details class="dsrlab-chart-data"><summary>{escape(t("alt.summary"))}'
            f"</summary>{''.join(blocks)}</details>")
