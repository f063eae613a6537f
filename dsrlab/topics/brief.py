"""The blocks of a country brief (``notebooks/country_brief.ipynb``), findings first.

Every block is about one country: ``country`` (ISO3, ISO2 or name of a CELAC state) is
required and filters. In reading order:

* :func:`brief_header`: name, subregion, how well the course covers the country, the
  findings in sentences (each citing its sources and naming its rows) and 3-5 key figures;
* :func:`plot_timeline`: the dated facts of the DSR years, one line each;
* :func:`brief_tables`: the evidence, a few readable tables (deals, firms, deployments,
  votes and memberships, statements), each row's source cited;
* :func:`brief_sources`: the numbered sources and the provenance of the page (date, data
  version, parameters, licences).

Sources are numbered once per country (:func:`source_numbers`) so that ``[3]`` means the
same source in the findings, the tables and the list.
"""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

import pandas as pd

from ..base.i18n import get_language, in_language, t
from ..base.version import __version__
from ..blocks.countries import country_name
from ..blocks.country_map import plot_country_cables
from ..blocks.plots import PALETTE, describe, new_ax, wrap
from ..blocks.reading import qualified_text
from ..blocks.tables import as_list, is_missing, lang_column
from ..data.cite import cite
from ..data.tables import load
from .capstone import country_rows, required_country
from .country_facts import chinese_presence, timeline_table, word
from .findings import coverage, findings, key_figures

__all__ = ["timeline_table", "brief_header", "plot_timeline", "brief_tables", "brief_sources",
           "source_numbers", "EVIDENCE_ROWS", "BRIEF_CSS"]

#: At most this many rows of one table in the evidence (the rest: "N more in the data").
EVIDENCE_ROWS = 4
#: At most this many lines in the timeline (the latest facts are kept).
TIMELINE_LINES = 8


def _short(text, limit: int = 58) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _dsr_start() -> int:
    """First year of the DSR years a brief's timeline shows: the first Chinese tech deal in
    the course data (AEI's tracker), before the DSR was named in 2015."""
    return int(load("investments")["date"].dt.year.min())


@in_language
def plot_timeline(*, country=None, ax=None, lang=None):
    """The country's dated facts of the DSR years, one line each, marked by table."""

    lang, iso3 = get_language(), required_country(country)
    facts = timeline_table(country=iso3)
    facts = facts[facts["date"].dt.year >= _dsr_start()]
    earlier = max(len(facts) - TIMELINE_LINES, 0)
    facts = facts.tail(TIMELINE_LINES).reset_index(drop=True)
    tables = list(dict.fromkeys(facts["table"]))
    ax = new_ax(ax, figsize=(8.4, 0.24 * max(len(facts), 2) + 1.0 + 0.25 * len(tables) / 2))
    colours = [PALETTE[k] for k in ("latin_america", "china", "united_states", "multilateral",
                                    "firms", "sky", "neutral", "ink")]
    names = {x: word("capstone.table_", x, lang) for x in tables}
    # A chronology, one fact a line: its mark (table: shape and colour), year and label.
    for i, table in enumerate(tables):
        part = facts[facts["table"] == table]
        ax.scatter([0.01] * len(part), part.index, s=50, color=colours[i % len(colours)],
                   marker="osD^v<>p"[i % 8], label=names[table], zorder=3, clip_on=False)
    for row, (date, label) in enumerate(zip(facts["date"], facts["label"], strict=True)):
        # one line a fact on the page: a long label is cut here (the tables keep it whole)
        ax.text(0.03, row, f"{date:%Y} · {_short(label)}", va="center", in_layout=False)
    if not len(facts):
        ax.text(0.5, 0.5, t("briefs.no_dates", lang), ha="center")
    ax.set(xlim=(0, 1), ylim=(max(len(facts), 2) - 0.5, -0.5), xticks=[], yticks=[])
    ax.axis("off")
    title = t("briefs.timeline_title", lang, name=country_name(iso3, lang), start=_dsr_start())
    if earlier:
        title += " " + t("briefs.timeline_more", lang, n=earlier)
    ax.set_title(wrap(title, 70), loc="left")
    if tables:
        ax.legend(loc="upper left", bbox_to_anchor=(0, 0), ncols=min(2, len(tables)))
    # the data behind the chart, readable in a narrow printed column: the brief's own
    # headings in its language, the table as a word, no internal row keys
    date, event = t("briefs.col_date", lang), t("briefs.col_event", lang)
    data = pd.DataFrame({date: facts["date"].dt.strftime("%Y-%m-%d"), event: facts["label"],
                         t("briefs.col_table", lang): facts["table"].map(names),
                         t("briefs.col_source", lang): facts["source_id"]})
    return describe(ax, "timeline", data, label=event, says=(date,), title=title, lang=lang)


class _HTML:
    def __init__(self, body: str):
        self.body = body

    def _repr_html_(self) -> str:
        return self.body

    def __repr__(self) -> str:  # plain-text fallback: tags stripped
        return re.sub(r"<[^>]+>", "", self.body).strip()


def _evidence_frames(iso3: str) -> dict:
    rows = country_rows(iso3)
    pres = chinese_presence(rows)
    out = {name: rows[name] for name in _EVIDENCE if name in rows}
    if pres is None:
        out.pop("presence", None)
    else:
        out["presence"] = pres
    return {k: v for k, v in out.items() if len(v)}


@in_language
def source_numbers(*, country=None, lang=None) -> dict[str, int]:
    """Source id -> its number in the brief: findings first, then figures, then evidence."""
    iso3 = required_country(country)
    ids = [s for f in findings(country=iso3) for s in f["sources"]]
    ids += [s for k in key_figures(country=iso3) for s in k["sources"]]
    ids += [str(s) for frame in _evidence_frames(iso3).values()
            for s in frame.head(EVIDENCE_ROWS).get("source_id", []) if not is_missing(s)]
    return {sid: i + 1 for i, sid in enumerate(dict.fromkeys(ids))}


def _cites(ids, numbers: dict) -> str:
    shown = sorted({numbers[s] for s in ids if s in numbers})
    by_number = {n: s for s, n in numbers.items()}
    return "".join(f'<a class="cite" href="#src-{html.escape(by_number[n])}">[{n}]</a>'
                   for n in shown)


@in_language
def brief_header(*, country=None, lang=None):
    """The top of a brief: title, coverage, findings in sentences and key figures."""

    lang, iso3 = get_language(), required_country(country)
    row = load("countries").set_index("iso3").loc[iso3]
    name = html.escape(country_name(iso3, lang))
    sub = word("briefs.sub_", str(row["subregion"]).lower().replace(" ", "_"), lang)
    numbers = source_numbers(country=iso3)
    level = coverage(iso3)
    items = []
    for f in findings(country=iso3):
        cls = "finding interpretation" if f["interpretation"] else "finding"
        items.append(f'<li class="{cls}" data-kind="{f["kind"]}" '
                     f'data-rows="{html.escape(" ".join(f["rows"]))}">'
                     f"{html.escape(f['text'])} {_cites(f['sources'], numbers)}</li>")
    figures = "".join(
        f'<div class="figure-box"><div class="value">{html.escape(k["value"])}</div>'
        f'<div class="label">{html.escape(k["label"])}</div>'
        f'<div class="note">{html.escape(k["note"])} {_cites(k["sources"], numbers)}</div></div>'
        for k in key_figures(country=iso3))
    body = (f"{BRIEF_CSS}<header class='dsrlab-brief-head'>"
            f"<h1>{name} <small>({iso3})</small></h1>"
            f"<p class='meta'><b>{t('briefs.subregion', lang)}:</b> {html.escape(sub)} · "
            f"<b>{t('briefs.capital', lang)}:</b> {html.escape(str(row['capital_en']))} · "
            f"<b>{t('briefs.coverage', lang)}:</b> "
            f"<span class='coverage coverage-{level}'>{t('briefs.coverage_' + level, lang)}"
            f"</span></p></header>"
            f"<section class='dsrlab-findings'><h2>{t('briefs.findings_heading', lang)}</h2>"
            f"<ul>{''.join(items)}</ul></section>"
            f"<section class='dsrlab-figures' aria-label='{t('briefs.figures_heading', lang)}'>"
            f"{figures}</section>")
    return _HTML(body)


# --- the evidence ---------------------------------------------------------------------

# (events are in the timeline above the evidence)
# (the Paris Call listing is a finding and a key figure: one line, no table)
_EVIDENCE = ("investments", "presence", "surveillance", "cables", "un_votes", "memberships",
             "statements")


def _date(rec, lang):
    value = rec.get("date")
    if is_missing(value):
        return "—"
    precision = rec.get("date_precision")
    if is_missing(precision):
        precision = "month" if "month_label" in rec else "day"
    return {"year": f"{value:%Y}", "month": f"{value:%Y-%m}",
            "approx": t("tables.q_approx", lang, n=f"{value:%Y}")}.get(precision,
                                                                    f"{value:%Y-%m-%d}")


def _num(value, qualifier, lang):
    return "—" if is_missing(value) else qualified_text(value, None if is_missing(qualifier)
                                                         else qualifier, lang)


def _year(value):
    return "—" if is_missing(value) else str(int(value))


def _txt(rec, stem, lang):
    column = lang_column(stem, rec.keys(), lang)
    value = rec.get(column, rec.get(stem))
    return "—" if is_missing(value) else " ".join(str(value).split())


# table -> [(column key in briefs.yml, cell maker)]
_COLUMNS = {
    "investments": [("date", _date), ("investor", lambda r, lang: r["investor"]),
                    ("partner", lambda r, lang: r["partner"]),
                    ("sector", lambda r, lang: word("briefs.subsector_", str(
                        r["subsector"]).lower().replace(" ", "_"), lang)),
                    ("amount", lambda r, lang: _num(r["amount_usd_m"], None, lang))],
    "presence": [("firm", lambda r, lang: r["firm"]), ("year", lambda r, lang: _year(r["year"])),
                 ("sector", lambda r, lang: word("briefs.sector_", r["sector"], lang)),
                 ("activity", lambda r, lang: _txt(r, "activity", lang))],
    "surveillance": [("system", lambda r, lang: _txt(r, "system", lang)),
                     ("component", lambda r, lang: _txt(r, "component", lang)),
                     ("vendors", lambda r, lang: ", ".join(as_list(r["vendors"])) or "—"),
                     ("cameras", lambda r, lang: _num(r["cameras"], r["cameras_qualifier"],
                                                      lang)),
                     ("status", lambda r, lang: word("tables.code_", r["status"], lang))],
    "cables": [("cable", lambda r, lang: _txt(r, "name", lang)),
               ("status", lambda r, lang: word("tables.code_", r["status"], lang)),
               ("year", lambda r, lang: _year(r["year_announced"]))],
    "un_votes": [("resolution", lambda r, lang: r["resolution"]),
                 ("vote", lambda r, lang: word("capstone.vote_", r["vote"], lang))],
    "memberships": [("organisation", lambda r, lang: word(
                        "briefs.org_", str(r["organisation"]).lower().replace(" ", "_")
                        .replace("-", "_"), lang)),
                    ("status", lambda r, lang: word("capstone.status_", r["status"], lang)),
                    ("since", lambda r, lang: _year(r["since"]))],
    "paris_call": [("listing", lambda r, lang: word("capstone.paris_", r["listing"], lang)),
                   ("year", lambda r, lang: _year(r["year"]))],
    "statements": [("date", _date), ("forum", lambda r, lang: _txt(r, "forum", lang)),
                   ("summary", lambda r, lang: _txt(r, "summary", lang))],
    "events": [("date", _date), ("event", lambda r, lang: _txt(r, "title", lang))],
}


#: Columns whose cells are the data package's own text (names, descriptions), shown as
#: stored; the others are words of the brief (codes, votes, statuses) in its language.
_DATA_TEXT = {"firm": None, "investor": None, "partner": None, "system": "system",
              "component": "component", "vendors": None, "cable": "name", "forum": "forum",
              "activity": "activity", "summary": "summary", "event": "title"}


def _td(key: str, rec: dict, make, lang: str) -> str:
    text = html.escape(str(make(rec, lang)))
    if key not in _DATA_TEXT:
        return f"<td>{text}</td>"
    stem = _DATA_TEXT[key]
    # a Spanish brief shows English data text until the data has its *_es column: say so,
    # so that a screen reader reads it in English
    english = lang != "en" and stem is not None and not lang_column(stem, rec.keys(), lang
                                                                     ).endswith(f"_{lang}")
    mark = ' lang="en"' if english else ""
    return f'<td class="data-text"{mark}>{text}</td>'


@in_language
def brief_tables(*, country=None, lang=None):
    """The evidence behind the findings: a few readable tables, each row's source cited."""

    lang, iso3 = get_language(), required_country(country)
    numbers = source_numbers(country=iso3)
    blocks = [f"{BRIEF_CSS}<h2>{t('briefs.tables_heading', lang)}</h2>"
              f"<p class='how'>{t('briefs.how_to_read', lang)}</p>"]
    sections = {}
    for name, frame in _evidence_frames(iso3).items():
        columns = _COLUMNS[name]
        head = "".join(f"<th>{t('briefs.col_' + key, lang)}</th>" for key, _ in columns)
        head += f"<th>{t('briefs.col_source', lang)}</th>"
        body = []
        for rec in frame.head(EVIDENCE_ROWS).to_dict("records"):
            cells = "".join(_td(key, rec, make, lang) for key, make in columns)
            body.append(f"<tr>{cells}<td>{_cites([str(rec.get('source_id'))], numbers)}</td>"
                        "</tr>")
        more = len(frame) - EVIDENCE_ROWS
        code = f'<code>dsrlab.load("{name}")</code>'
        note = (f"<p class='more'>{t('briefs.more_rows', lang, n=more, code=code)}</p>"
                if more > 0 else "")
        title = word("capstone.table_", name, lang)
        sections[name] = (f"<section class='evidence'><h3>{html.escape(title)} "
                          f"<small>({len(frame)})</small></h3>"
                          f'<table class="dsrlab-brief"><thead><tr>{head}</tr></thead>'
                          f"<tbody>{''.join(body)}</tbody></table>{note}</section>")
    if "tg_cables" in country_rows(iso3):
        # the cable map beside the short tables of votes and memberships
        side = "".join(sections.pop(n) for n in ("un_votes", "memberships") if n in sections)
        blocks.append(f"<div class='evidence-row'>{_cable_map(iso3, lang)}"
                      f"<div class='evidence-side'>{side}</div></div>")
    blocks += sections.values()
    return _HTML("\n".join(blocks))


def _cable_map(iso3: str, lang: str) -> str:
    """The country's cable map as an inline PNG figure (closed: the notebook shows it once)."""
    import base64
    import io

    import matplotlib.pyplot as plt

    ax = plot_country_cables(country=iso3, lang=lang)
    out = io.BytesIO()
    ax.figure.savefig(out, format="png", dpi=110, bbox_inches="tight")
    plt.close(ax.figure)
    data = base64.b64encode(out.getvalue()).decode("ascii")
    alt = html.escape(t("briefs.cable_map_alt", lang, name=country_name(iso3, lang)))
    return (f"<figure class='cable-map'><img src='data:image/png;base64,{data}' alt='{alt}'>"
            f"<figcaption>{html.escape(t('briefs.cable_map_licence', lang))}</figcaption>"
            "</figure>")


@in_language
def brief_sources(*, country=None, lang=None, made=None):
    """The numbered sources, then the provenance of the brief (date, data, licences)."""

    lang, iso3 = get_language(), required_country(country)
    items = []
    for sid, number in source_numbers(country=iso3).items():
        found = re.search(r"<li[^>]*>(.*?)</li>", cite(sid)._repr_html_(), flags=re.DOTALL)
        ref = found.group(1) if found else html.escape(str(cite(sid)))
        items.append(f'<li id="src-{html.escape(sid)}" value="{number}">{ref}</li>')
    return _HTML(f"<section class='dsrlab-sources'><h2>{t('briefs.sources', lang)}</h2>"
                 f"<ol>{''.join(items)}</ol></section>"
                 + provenance_html(iso3, lang, made))


def provenance_html(iso3: str, lang: str, made=None) -> str:
    """Date made, data package version, parameters and licences, as a small block."""
    import json

    from ..base.paths import data_dir

    package = json.loads((data_dir() / "datapackage.json").read_text(encoding="utf-8"))
    made = made or datetime.now(UTC)
    licences = ", ".join(lic.get("name", "") for lic in package.get("licenses", []))
    rows = [(t("briefs.p_made", lang), f"{made:%Y-%m-%d %H:%M} UTC"),
            (t("briefs.p_data", lang), t("briefs.p_data_value", lang,
                                         version=package.get("version", "?"), code=__version__)),
            (t("briefs.p_parameters", lang), f"country={iso3}, lang={lang}"),
            (t("briefs.p_licences", lang), t("briefs.p_licences_value", lang,
                                             licences=licences))]
    cells = " · ".join(f"<b>{html.escape(k)}:</b> {html.escape(v)}" for k, v in rows)
    return (f"<footer class='dsrlab-provenance'><p><b>{t('briefs.p_heading', lang)}</b> · "
            f"{cells}</p></footer>")


# A brief reads on screen and prints on two A4 or Letter pages: small type, tables as wide
# as the page with wrapped cells, key figures in a row, sources in two columns.
BRIEF_CSS = """<style>
.dsrlab-brief-head h1{margin:0 0 .2em;font-size:1.6em}
.dsrlab-brief-head .meta{margin:0 0 .4em;color:#333}
.coverage{padding:0 .4em;border:1px solid #555;border-radius:3px}
.dsrlab-findings ul{margin:.2em 0 .4em 1.1em;padding:0}
.dsrlab-findings li{margin:.15em 0;line-height:1.35}
.dsrlab-findings li.interpretation{font-style:italic}
a.cite{font-size:.8em;text-decoration:none;margin-left:.1em}
.dsrlab-figures{display:flex;flex-wrap:wrap;gap:.4em;margin:.4em 0}
.figure-box{flex:1 1 8em;border:1px solid #999;border-radius:4px;padding:.3em .5em}
.figure-box .value{font-size:1.25em;font-weight:bold}
.figure-box .label{font-weight:bold;font-size:.85em}
.figure-box .note{font-size:.78em;color:#333}
table.dsrlab-brief{width:100%;border-collapse:collapse;table-layout:auto;font-size:.82em;
 margin:.2em 0}
table.dsrlab-brief th,table.dsrlab-brief td{text-align:left;vertical-align:top;
 padding:.1em .35em;border-bottom:1px solid #ddd;overflow-wrap:anywhere;max-width:none}
table.dsrlab-brief th{background:#f2f2f2;hyphens:none}
.evidence h3{margin:.5em 0 .1em;font-size:1em}
.evidence .more,.how{font-size:.8em;color:#444;margin:.1em 0}
.evidence-row{display:flex;gap:1em;align-items:flex-start;break-inside:avoid}
.evidence-row .cable-map{flex:0 0 30%;margin:.3em 0 0}
.cable-map img{width:100%;height:auto}
.cable-map figcaption{font-size:.7em;color:#333}
.evidence-side{flex:1 1 auto;min-width:0}
.dsrlab-sources ol{columns:2;column-gap:1.5em;font-size:.65em;padding-left:1.8em;margin:0}
.dsrlab-sources li{break-inside:avoid;overflow-wrap:anywhere}
.dsrlab-provenance p{font-size:.72em;margin:.5em 0 0;border-top:1px solid #999;padding-top:.2em}
</style>"""
