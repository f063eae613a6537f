"""The blocks of a country brief (``notebooks/country_brief.ipynb``).

Every block is about one country: ``country`` (ISO3, ISO2 or name of a CELAC state) is
required and filters.

A header, a compact timeline of the country's dated facts, every table's rows about
the country (each row's source linked) and the numbered reference list. The rows come
from :func:`dsrlab.topics.capstone.country_rows`, so a table added to the data package shows
up in every brief with no code change.
"""

from __future__ import annotations

import html
import re

from ..base.course_tables import course_table
from ..base.i18n import all_strings, get_language, in_language, t
from ..blocks.countries import country_name
from ..blocks.plots import PALETTE, describe, new_ax, wrap
from ..blocks.reading import TABLE_CSS, reading_frame
from ..data.cite import cite
from ..data.tables import datasets, load
from .capstone import NOISE_COLUMNS, country_rows, required_country, summary_table

__all__ = ["timeline_table", "brief_header", "plot_timeline", "brief_tables", "brief_sources"]


def _short(text, limit: int = 64) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _first(rec: dict, *names):
    for name in names:
        value = rec.get(name)
        if value is not None and str(value) not in ("", "nan", "NaT", "<NA>"):
            return value
    return None


def _word(kind: str, value, lang: str) -> str:

    key = f"capstone.{kind}_{value}"
    return t(key, lang) if key in all_strings() else str(value)


@in_language
def timeline_table(*, country=None, lang=None):
    """Dated facts about one country from every table: ``date, label, table, source_id``.

    Events use their date; other rows their ``date``, ``year``, ``since`` or
    ``year_announced``; UN votes the adoption date of the resolution.
    """
    import pandas as pd


    lang, iso3 = get_language(), required_country(country)
    rows = country_rows(iso3)
    firms = dict(zip(*load("firms")[["firm_id", "name"]].T.to_numpy(), strict=True))
    adopted = {}
    if "un_votes" in rows:
        res = load("un_resolutions")
        adopted = dict(zip(res["resolution"], res["adopted"], strict=True))
    labels = {
        "events": lambda r: r.get(f"title_{lang}") or r.get("title_en"),
        "investments": lambda r: f"{r['investor']} → {r['partner']} ({r['subsector']})",
        "presence": lambda r: f"{firms.get(r['firm_id'], r['firm_id'])}: {r['activity_en']}",
        "surveillance": lambda r: f"{r['system']}: {r['component']}",
        "memberships": lambda r: f"{r['organisation']} ({_word('status', r['status'], lang)})",
        "un_votes": lambda r: f"{r['resolution']}: {_word('vote', r['vote'], lang)}",
        "paris_call": lambda r: f"{_word('aspect', 'paris_call', lang)}: "
                                f"{_word('paris', r['listing'], lang)}",
        "statements": lambda r: f"{r.get('forum')}: {r.get('topic')}",
        "cables": lambda r: r["name"],
    }
    out = []
    for table, frame in rows.items():
        if table.startswith("tg_") or table in ("claims", "cable_landings"):
            continue
        for rec in frame.to_dict("records"):
            when = (adopted.get(rec.get("resolution")) if table == "un_votes" else
                    _first(rec, "date", "year", "since", "year_announced"))
            if when is None:
                continue
            when = pd.Timestamp(year=int(when), month=1, day=1) if isinstance(
                when, int | float) or str(when).isdigit() else pd.Timestamp(when)
            make = labels.get(table)
            label = make(rec) if make else _first(rec, "subject", "label_en", "name") or table
            out.append({"date": when, "label": str(label), "table": table,
                        "source_id": rec.get("source_id")})
    frame = pd.DataFrame(out, columns=["date", "label", "table", "source_id"])
    frame = frame.drop_duplicates(subset=["date", "label"])
    return frame.sort_values(["date", "label"], ignore_index=True)


@in_language
def plot_timeline(*, country=None, ax=None, lang=None):
    """A compact timeline of the country's dated facts: one line each, coloured by table."""

    lang, iso3 = get_language(), required_country(country)
    facts = timeline_table(country=iso3)
    tables = list(dict.fromkeys(facts["table"]))
    ax = new_ax(ax, figsize=(9.6, 0.22 * max(len(facts), 3) + 1.2 + 0.25 * len(tables) / 3))
    colours = [PALETTE[k] for k in ("latin_america", "china", "united_states", "multilateral",
                                    "firms", "sky", "neutral", "ink")]
    names = {x: t(f"capstone.table_{x}", lang) if f"capstone.table_{x}" in all_strings() else x
             for x in tables}
    # A chronology, one fact a line: its mark (table: shape and colour), year and label.
    for i, table in enumerate(tables):
        part = facts[facts["table"] == table]
        ax.scatter([0.01] * len(part), part.index, s=50, color=colours[i % len(colours)],
                   marker="osD^v<>p"[i % 8], label=names[table], zorder=3, clip_on=False)
    for row, (date, label) in enumerate(zip(facts["date"], facts["label"], strict=True)):
        # one line a fact on the page: a long label is cut here (the table keeps it whole)
        ax.text(0.03, row, f"{date:%Y} · {_short(label)}", va="center", in_layout=False)
    if not len(facts):
        ax.text(0.5, 1, t("briefs.no_dates", lang), ha="center")
    ax.set(xlim=(0, 1), ylim=(max(len(facts), 3) - 0.5, -0.5), xticks=[], yticks=[])
    ax.axis("off")
    ax.set_title(wrap(t("briefs.timeline_title", lang, name=country_name(iso3, lang)), 70),
                 loc="left")
    if tables:
        ax.legend(loc="upper left", bbox_to_anchor=(0, 0), ncols=min(3, len(tables)))
    title = t("briefs.timeline_title", lang, name=country_name(iso3, lang))
    return describe(ax, "timeline", facts.assign(date=facts["date"].dt.strftime("%Y-%m-%d")),
                    label="label", says=("date",), title=title, lang=lang)


class _HTML:
    def __init__(self, body: str):
        self.body = body

    def _repr_html_(self) -> str:
        return self.body

    def __repr__(self) -> str:  # plain-text fallback: tags stripped
        return re.sub(r"<[^>]+>", "", self.body).strip()


@in_language
def brief_header(*, country=None, lang=None):
    """Title block of a brief: name, subregion, capital and what the data holds."""

    lang, iso3 = get_language(), required_country(country)
    row = load("countries").set_index("iso3").loc[iso3]
    summary = summary_table(country=iso3)
    name = html.escape(str(row[f"name_{lang}"]))
    short = {r.table: t(f"capstone.table_{r.table}", lang) if f"capstone.table_{r.table}"
             in all_strings() else r.title for r in summary.itertuples()}
    parts = ", ".join(f"{html.escape(short[r.table])} ({r.rows})" for r in summary.itertuples())
    sub = str(row["subregion"])
    key = "briefs.sub_" + sub.lower().replace(" ", "_")
    sub = t(key, lang) if key in all_strings() else sub
    intro = t("briefs.summary", lang, name=name, rows=int(summary["rows"].sum()),
              tables=len(summary))
    body = (f"<h1>{name} <small>({iso3})</small></h1>"
            f"<p><b>{t('briefs.subregion', lang)}:</b> {html.escape(sub)} · "
            f"<b>{t('briefs.capital', lang)}:</b> {html.escape(str(row['capital_en']))}</p>"
            f"<p>{intro} {parts}.</p>")
    return _HTML(body)


def _cell(value) -> str:
    import pandas as pd

    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return ""
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d")
    return html.escape(str(value))


@in_language
def brief_tables(*, country=None, lang=None):
    """Every table's rows about the country, each row's source linked to the reference list."""

    lang, iso3 = get_language(), required_country(country)
    titles = dict(zip(*datasets(lang)[["name", "title"]].T.to_numpy(), strict=True))
    blocks = [f"{TABLE_CSS}{_BRIEF_CSS}<h2>{t('briefs.tables_heading', lang)}</h2>"
              f"<p>{t('briefs.how_to_read', lang)}</p>"]
    source_label = t("tables.col_source_id", lang)
    for name, frame in country_rows(iso3).items():
        if "month_label" in frame and "date" in frame and "date_precision" not in frame:
            frame = frame.assign(date_precision="month")  # a deal's month, shown "2013-10"
        cols = [c for c in frame.columns if c not in NOISE_COLUMNS
                and not _other_language(c, frame, lang)
                and not (c == "iso3" and set(frame[c].astype(str)) == {iso3})
                and not (c == "indicator" and "label_en" in frame)  # the label says it
                and _AS_PRINTED.get(c) not in frame  # the typed column says it
                and not (c == "qualifier" and set(frame[c].astype(str)) == {"exact"})]
        # the cells as a reader reads them (labels, codes in words, "—"), as in the notebooks
        shown = reading_frame(course_table(frame[cols].reset_index(drop=True)), lang)
        empty = t("tables.empty", lang)
        shown = shown[[c for c in shown.columns if (shown[c] != empty).any()]]  # all "—"
        locators = (frame["locator"].tolist() if "locator" in frame
                    else [None] * len(frame))
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in shown.columns)
        body = []
        for rec, locator in zip(shown.to_dict("records"), locators, strict=True):
            cells = []
            for label, value in rec.items():
                text = html.escape(str(value))
                if label == source_label and text != t("tables.empty", lang):
                    where = _cell(locator)
                    where = f" <small>({where})</small>" if where and where not in text else ""
                    text = f'<a href="#src-{text}">{text}</a>{where}'
                cells.append((label, text))
            if len(shown.columns) > WIDE_AFTER:  # a wide table: one small table a row
                body.append('<table class="dsrlab-table dsrlab-brief dsrlab-record">' + "".join(
                    f"<tr><th>{html.escape(str(k))}</th><td>{v}</td></tr>"
                    for k, v in cells if v != empty) + "</table>")
            else:
                body.append("<tr>" + "".join(f"<td>{v}</td>" for _, v in cells) + "</tr>")
        key = f"capstone.table_{name}"
        title = t(key, lang) if key in all_strings() else titles.get(name, name)
        table = ("".join(body) if len(shown.columns) > WIDE_AFTER else
                 f'<table class="dsrlab-table dsrlab-brief"><thead><tr>{head}</tr></thead>'
                 f"<tbody>{''.join(body)}</tbody></table>")
        blocks.append(f'<h3 title="{html.escape(titles.get(name, name))}">{html.escape(title)} '
                      f"<small>({len(frame)})</small></h3>{table}")
    return _HTML("\n".join(blocks))


#: A brief table with more columns than this shows each row as a small two-column table.
WIDE_AFTER = 8

#: Columns "as printed" whose typed twin a brief shows instead (fewer, readable columns).
_AS_PRINTED = {"month_label": "date", "amount_label": "amount_usd_m",
               "share_label": "share_pct", "sector_label": "subsector",
               "greenfield_label": "greenfield"}

# A brief's tables fit the page: full width, columns sized by their text, long words
# (ids, URLs) broken, headers never split one word a line.
_BRIEF_CSS = ("<style>.dsrlab-brief{width:100%;table-layout:auto}"
              ".dsrlab-brief td{overflow-wrap:break-word;max-width:none}"
              ".dsrlab-brief th{hyphens:none;word-break:normal;overflow-wrap:normal;"
              "min-width:5em}.dsrlab-record{margin-bottom:0.8em}"
              ".dsrlab-record th{width:12em;background:none}</style>")


def _other_language(column: str, frame, lang: str) -> bool:
    """True for a column in another language when the active language has its own."""
    for suffix in ("_en", "_es", "_pt"):
        if column.endswith(suffix) and suffix != f"_{lang}":
            return suffix == "_pt" or column[: -3] + f"_{lang}" in frame.columns
    return False


@in_language
def brief_sources(*, country=None, lang=None):
    """Numbered reference list of every source behind the country's rows."""

    lang, iso3 = get_language(), required_country(country)
    ids = sorted({str(s) for frame in country_rows(iso3).values()
                  for s in frame.get("source_id", []) if str(s) not in ("", "nan", "<NA>")})
    items = []
    for sid in ids:
        found = re.search(r"<li[^>]*>(.*?)</li>", cite(sid)._repr_html_(), flags=re.DOTALL)
        ref = found.group(1) if found else html.escape(str(cite(sid)))
        items.append(f'<li id="src-{html.escape(sid)}"><code>{html.escape(sid)}</code> '
                     f"{ref}</li>")
    return _HTML(f"<h2>{t('briefs.sources', lang)}</h2><ol>{''.join(items)}</ol>")
