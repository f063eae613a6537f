"""The index page of ``dsrlab brief --all``: the 33 states compared at a glance.

One row per state with the key figures of its brief (a pandas Styler table), sortable by
any column with a few lines of inline JavaScript (offline: nothing is fetched), and links
to every brief written, in each language and format.
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from pathlib import Path

from .base.files import write_atomic
from .base.i18n import t
from .blocks.countries import country_name
from .topics.capstone import country_rows
from .topics.findings import chinese_presence, coverage

__all__ = ["index_table", "write_index", "index_name"]

_LANG_NAMES = {"en": "English", "es": "Español"}


def index_name(lang: str) -> str:
    """``index.html`` in English, ``index_<lang>.html`` otherwise."""
    return "index.html" if lang == "en" else f"index_{lang}.html"


def index_table(countries, lang: str = "en"):
    """The comparison table: one row per state, numbers as numbers (sortable)."""
    import pandas as pd

    rows = []
    for iso3 in countries:
        found = country_rows(iso3)
        pres = chinese_presence(found)
        inv = found.get("investments")
        sv = found.get("surveillance")
        votes = found.get("un_votes")
        by_res = dict(zip(votes["resolution"], votes["vote"], strict=True)) if votes is not None \
            else {}
        rows.append({
            "iso3": iso3, "name": country_name(iso3, lang),
            "coverage": t(f"briefs.coverage_{coverage(iso3)}", lang),
            "deals_usd_m": 0.0 if inv is None else float(inv["amount_usd_m"].sum()),
            "firms": 0 if pres is None else int(pres["firm"].nunique()),
            "activities": 0 if pres is None else len(pres),
            "surveillance": 0 if sv is None else int(sv["deployment_id"].nunique()),
            "cables": len(found.get("tg_cables", [])),
            "vote_27": t(f"capstone.vote_{by_res.get('A/RES/73/27', 'absent')}", lang),
            "vote_266": t(f"capstone.vote_{by_res.get('A/RES/73/266', 'absent')}", lang),
            "paris": t("briefs.paris_yes" if "paris_call" in found else "briefs.paris_no", lang),
        })
    return pd.DataFrame(rows)


def _links(iso3: str, records: list[dict]) -> str:
    lines = []
    for rec in records:
        if rec["country"] != iso3 or not rec["ok"]:
            continue
        links = [f'<a href="{html.escape(Path(rec["paths"][kind]).name)}" '
                 f'hreflang="{rec["lang"]}">{kind.upper()}</a>'
                 for kind in ("html", "pdf") if kind in rec["paths"]]
        if links:
            lines.append(f'<span class="nowrap">{rec["lang"].upper()}: {" · ".join(links)}</span>')
    return "<br>".join(lines)


_SORT_JS = """<script>
// Click a column header to sort by it (again: reverse); numbers sort as numbers.
document.querySelectorAll("table.dsrlab-index").forEach(function (table) {
  table.querySelectorAll("thead th").forEach(function (th, col) {
    th.tabIndex = 0; th.setAttribute("role", "button"); th.style.cursor = "pointer";
    var go = function () {
      var body = table.tBodies[0], rows = Array.from(body.rows);
      var up = th.getAttribute("aria-sort") !== "ascending";
      table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", up ? "ascending" : "descending");
      var key = function (row) {
        var text = row.cells[col].textContent.trim();
        var num = parseFloat(text.replace(/[\\s,\\u00a0]/g, ""));
        return isNaN(num) ? text.toLowerCase() : num;
      };
      rows.sort(function (a, b) {
        var x = key(a), y = key(b);
        var order = (typeof x === typeof y) ? (x < y ? -1 : x > y ? 1 : 0)
                                           : (typeof x === "number" ? -1 : 1);
        return up ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    };
    th.addEventListener("click", go);
    th.addEventListener("keydown", function (e) { if (e.key === "Enter") { go(); } });
  });
});
</script>"""


def write_index(records: list[dict], out, lang: str = "en") -> Path:
    """Write the index page in ``lang`` comparing the states and linking every brief."""
    countries = list(dict.fromkeys(r["country"] for r in records))
    frame = index_table([c for c in countries
                         if any(r["ok"] and r["country"] == c for r in records)], lang)
    frame["briefs"] = [_links(c, records) for c in frame["iso3"]]
    labels = {col: t(f"briefs.ix_{col}", lang) for col in frame.columns}
    shown = frame.rename(columns=labels)
    styler = (shown.style.hide(axis="index")
              .format({labels["deals_usd_m"]: lambda v: f"{v:,.0f}" if v else "0",
                       labels["briefs"]: lambda v: v}, escape=None)
              .set_table_attributes('class="dsrlab-index"'))
    table = styler.to_html()
    failed = [f"<li>{r['country']} ({html.escape(country_name(r['country'], lang))}, "
              f"{r['lang']}): {html.escape(str(r['error']))}</li>" for r in records if not r["ok"]]
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    others = " · ".join(f'<a href="{index_name(o)}">{_LANG_NAMES[o]}</a>'
                        for o in sorted({r["lang"] for r in records}) if o != lang)
    page = f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{t('briefs.index_title', lang)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{{font-family:sans-serif;max-width:75rem;margin:2rem auto;padding:0 1rem}}
table.dsrlab-index{{border-collapse:collapse;width:100%;font-size:.9em}}
table.dsrlab-index td,table.dsrlab-index th{{padding:.25rem .5rem;text-align:left;
border-bottom:1px solid #ddd;vertical-align:top}}
table.dsrlab-index th{{background:#eee;position:sticky;top:0}}
table.dsrlab-index th[aria-sort=ascending]::after{{content:" ▲"}}
table.dsrlab-index th[aria-sort=descending]::after{{content:" ▼"}}
table.dsrlab-index tbody tr:nth-child(even){{background:#f7f7f7}}
.nowrap{{white-space:nowrap}}</style>
</head><body><h1>{t('briefs.index_title', lang)}</h1>
<p>{t('briefs.index_intro', lang, n=len(frame), date=stamp)}</p>
<p>{t('briefs.index_sort', lang)}{' · ' + others if others else ''}</p>
{table}
{f"<h2>{t('briefs.failures', lang)}</h2><ul>{''.join(failed)}</ul>" if failed else ""}
{_SORT_JS}
</body></html>
"""
    return write_atomic(Path(out) / index_name(lang), page)
