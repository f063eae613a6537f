"""Notebook 03: Chinese-built public-security systems in Latin America.

Deployments, a scale comparison with qualifiers, claims labelled with their claimant,
and the assessment criteria. The assessment itself (course ratings x student weights ->
score and ranking, and the slider widget) lives in :mod:`dsrlab.topics.assessment`.

The criteria are fixed and ordered; ``dsrlab.check_params(weights=...)`` validates a
``weights`` dict against :data:`CRITERIA`.
"""

from __future__ import annotations

import textwrap

from ..base.course_tables import course_table
from ..base.errors import UsageError
from ..base.i18n import get_language, in_language, t
from ..blocks.countries import country_or_none
from ..blocks.reading import COUNTRY
from ..blocks.tables import (
    as_list,
    in_reader_language,
    is_missing,
    lang_column,
    qualifier_label,
    quoted,
    starred,
)
from ..data.tables import load

__all__ = [
    "CRITERIA",
    "DEFAULT_WEIGHTS",
    "WEIGHT_RANGE",
    "deployments_table",
    "cameras_per_regional_centre",
    "plot_cameras",
    "plot_costs",
    "SESSION_TOPICS",
    "claims_table",
    "plot_claims",
]

#: Text columns shown to a reader whose Spanish sits in ``<column>_es`` (names kept).
_TEXT_COLUMNS = ("system", "subnational", "component")

#: Assessment criteria, in display order. Each deployment is rated on every criterion
#: from 0 (worst) to 4 (best, from the point of view of a citizen judging the contract).
CRITERIA: tuple[str, ...] = (
    "public_safety_benefit",
    "contract_transparency",
    "legal_safeguards",
    "data_location_jurisdiction",
    "scope_creep",
)

#: Weights when a student has not chosen: every criterion counts the same. A ``weights``
#: dict (a notebook parameter) may name only some criteria: the others keep these
#: defaults (as in ``dsrlab.check_params``).
DEFAULT_WEIGHTS: dict[str, float] = dict.fromkeys(CRITERIA, 1.0)

#: Allowed range of a weight (inclusive); the sliders use the same range.
WEIGHT_RANGE: tuple[float, float] = (0.0, 5.0)


def _max_or_none(column):
    """The largest value of a numeric column as an int, or None when it has none."""
    if column is None or column.dropna().empty:
        return None
    return int(column.dropna().max())


@in_language
def deployments_table(table=None, *, country=None, lang=None):
    """One row per deployment: system, country, vendors, years, capabilities, scale.

    Parameters
    ----------
    table : DataFrame, optional
        Rows shaped like ``load("surveillance")``; default: the course data.
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): highlights, never filters. Its deployments
        get ``highlight = True`` (the column is always there; nothing is filtered out).
    lang : str, optional
        Language of the labels (default: the active language).

    Returns
    -------
    DataFrame
        Columns ``deployment_id, system, iso3, subnational, vendors, years, capabilities,
        status, components, provinces, regional_centres, cameras, cost_usd_m, sources,
        highlight``. ``cameras`` and
        ``cost_usd_m`` are labels that keep each number's qualifier (``"> 4,000"``).
    """
    import pandas as pd

    country = country_or_none(country)
    table = load("surveillance") if table is None else table
    table = in_reader_language(table, _TEXT_COLUMNS)
    rows = []
    for dep_id, group in table.groupby("deployment_id", sort=False, observed=True):
        def union(column, group=group):
            seen: list[str] = []
            for cell in group.get(column, []):
                seen += [v for v in as_list(cell) if v not in seen]
            return seen

        def labels(value_col, qual_col, group=group):
            sub = group.dropna(subset=[value_col])
            return "; ".join(
                qualifier_label(float(v), str(q) if not is_missing(q) else "exact")
                for v, q in zip(sub[value_col], sub[qual_col], strict=True)
            )

        years = sorted({int(y) for y in group["year"].dropna()})
        first = group.iloc[0]
        rows.append({
            "deployment_id": dep_id,
            "system": first["system"],
            "iso3": first["iso3"],
            "subnational": ", ".join(union("subnational")),
            "vendors": ", ".join(union("vendors")),
            "years": "–".join(str(y) for y in (years[0], years[-1])) if len(years) > 1
            else (str(years[0]) if years else ""),
            "capabilities": ", ".join(union("capabilities")),
            "status": ", ".join(union("status")) if "status" in group else "",
            "components": len(group),
            "provinces": _max_or_none(group.get("provinces")),
            "regional_centres": _max_or_none(group.get("regional_centres")),
            "cameras": labels("cameras", "cameras_qualifier"),
            "cost_usd_m": labels("cost_usd_m", "cost_qualifier"),
            "sources": ", ".join(dict.fromkeys(str(s) for s in group["source_id"])),
            "highlight": country is not None and first["iso3"] == country,
        })
    out = pd.DataFrame(rows).astype({"provinces": "Int64", "regional_centres": "Int64"})
    return course_table(out, hide=("highlight", "components"),
                        codes={"iso3": COUNTRY, "capabilities": "tables.code_",
                               "status": "tables.code_"},
                        labels={"iso3": {"en": "Country", "es": "País"},
                                "cameras": {"en": "Cameras", "es": "Cámaras"}})


def cameras_per_regional_centre(deployment_id: str = "ecu911", table=None) -> float:
    """Cameras per regional centre of a deployment, rounded to one decimal.

    Sums the deployment's camera counts and divides by its number of regional centres.
    A "more than" camera count makes the result a lower bound.

    Examples
    --------
    >>> import pandas as pd
    >>> rows = pd.DataFrame({"deployment_id": ["x", "x"], "cameras": [300, None],
    ...                      "regional_centres": [None, 4]})
    >>> cameras_per_regional_centre("x", table=rows)
    75.0
    """
    table = load("surveillance") if table is None else table
    rows = table[table["deployment_id"] == deployment_id]
    centres = rows["regional_centres"].dropna()
    if rows.empty or centres.empty:
        raise UsageError(f"no regional centres recorded for deployment {deployment_id!r}")
    return round(float(rows["cameras"].dropna().sum()) / float(centres.max()), 1)


def _short(system: str) -> str:
    """A short system name for axis labels: "BOL-110 Integrated System ..." -> "BOL-110"."""
    text = str(system)
    for cut in (" Integrated", " province", " (", " surveillance", ","):  # "," for Spanish
        text = text.split(cut)[0]
    return text if len(text) <= 24 else text[:23] + "…"


def _component_rows(table, value_col: str, qual_col: str):
    sub = table.dropna(subset=[value_col]).copy()
    status = sub["status"] if "status" in sub else sub["phase"]
    sub["planned"] = status.astype(str).str.contains("plan", case=False, na=False)
    sub["label"] = [textwrap.fill(f"{_short(s)} · {str(c).replace('_', ' ')}", 34)
                    for s, c in zip(sub["system"], sub["component"], strict=True)]
    return sub.sort_values(value_col)


def _plot_scale(value_col, qual_col, title_key, xlabel_key, ax, country, table):
    from ..blocks.plots import PALETTE, describe, highlight_color, new_ax, wrap

    country = country_or_none(country)
    table = load("surveillance") if table is None else table
    sub = _component_rows(in_reader_language(table, _TEXT_COLUMNS), value_col, qual_col)
    ax = new_ax(ax, figsize=(9, 0.55 * len(sub) + 1.6))
    marks = [country is not None and iso == country for iso in sub["iso3"]]
    bars = ax.barh(
        range(len(sub)), sub[value_col].astype(float),
        color=[highlight_color(m, "latin_america") for m in marks],
        hatch=["//" if p else "" for p in sub["planned"]], edgecolor=PALETTE["ink"],
    )
    planned = t("surveillance.planned")
    texts = [
        qualifier_label(float(v), str(q) if not is_missing(q) else "exact")
        + (f" ({planned})" if p else "")
        for v, q, p in zip(sub[value_col], sub[qual_col], sub["planned"], strict=True)
    ]
    ax.bar_label(bars, labels=texts, padding=3)
    ax.set_yticks(range(len(sub)), [("▶ " if m else "") + lab for m, lab in
                                    zip(marks, sub["label"], strict=True)])
    for tick, mark in zip(ax.get_yticklabels(), marks, strict=True):
        tick.set_fontweight("bold" if mark else "normal")
    ax.set_xlim(0, float(sub[value_col].max()) * 1.35)
    ax.set_title(wrap(t(title_key), 50), loc="left")  # from the axes: never past the edge
    notes = [t("surveillance.planned_legend")] if sub["planned"].any() else []
    if any(marks):
        notes.append(t("surveillance.highlight_legend", country=country))
    ax.set_xlabel("\n".join([t(xlabel_key), "; ".join(notes)]).strip())
    data = sub[["label", "system", "component", "iso3", value_col, qual_col, "planned"]]
    return describe(ax, "bar", data, label="label", value=value_col, key="iso3",
                    country=country, title=t(title_key), says=(qual_col,),
                    unit=t("core.usd_millions") if value_col == "cost_usd_m" else "")


@in_language
def plot_cameras(table=None, *, country=None, ax=None, lang=None):
    """Bar chart of camera counts per deployment component, qualifiers on the labels.

    Planned phases are hatched; the bars of ``country`` (a CELAC state: ISO3, ISO2 or
    name) are coloured, bold and marked ``▶`` (never colour alone). Returns the Axes.
    """
    return _plot_scale("cameras", "cameras_qualifier", "surveillance.cameras_title",
                       "surveillance.cameras_xlabel", ax, country, table)


@in_language
def plot_costs(table=None, *, country=None, ax=None, lang=None):
    """Bar chart of reported costs (USD millions) per component, qualifiers kept; the
    bars of ``country`` are highlighted as in :func:`plot_cameras`."""
    return _plot_scale("cost_usd_m", "cost_qualifier", "surveillance.cost_title",
                       "surveillance.cost_xlabel", ax, country, table)


# -------------------------------------------------------------------------------- claims


#: Claim topics this session discusses (the claims table covers the whole course).
SESSION_TOPICS: tuple[str, ...] = ("surveillance", "privacy", "espionage", "human_rights",
                                   "covid")


def _country_claims(claims, country) -> list[bool]:
    """For each claim: is it about a deployment in ``country`` (ISO3 or None)?"""
    if country is None or "deployment_id" not in claims:
        return [False] * len(claims)
    surveillance = load("surveillance")
    mine = set(surveillance.loc[surveillance["iso3"] == country, "deployment_id"])
    return [d in mine for d in claims["deployment_id"]]


def _column(frame, name: str) -> list:
    """``frame[name]`` as a list, or one None a row when a caller's frame lacks it."""
    return frame[name].tolist() if name in frame else [None] * len(frame)


def _select_topics(claims, topic):
    if topic is None:
        return claims
    topics = SESSION_TOPICS if topic == "session" else (
        (topic,) if isinstance(topic, str) else tuple(topic))
    return claims[claims["topic"].astype(str).isin(topics)]


@in_language
def claims_table(topic="session", deployment_id: str | None = None, claims=None, *,
                 country=None, lang=None):
    """Claims with who made them, each row labelled as a claim, never as a fact.

    Parameters
    ----------
    topic : str, list of str or None
        ``"session"`` (default): the topics of :data:`SESSION_TOPICS`; a topic or list of
        topics; ``None``: every claim.
    deployment_id : str, optional
        Only claims about this deployment.
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): highlights, never filters. Claims about its
        deployments get a leading "★ " in ``claim``.
    lang : str, optional
        Language of the labels (default: the active language).

    Returns
    -------
    DataFrame
        Columns ``claim_id, topic, claimed_by, claimant_type, stance, claim, source_id``;
        ``claimed_by`` reads e.g. "Claim by ZTE and Omdia (vendor)"; ``claim`` keeps the
        claimant's exact words, in quotation marks, where the source gives them.
    """
    country = country_or_none(country)
    claims = load("claims") if claims is None else claims
    out = _select_topics(claims, topic).copy()
    if deployment_id is not None:
        out = out[out["deployment_id"] == deployment_id]
    kinds = [t(f"surveillance.claimant_{k}") for k in out["claimant_type"]]
    out = out.assign(
        # the kind is said once: not after an author named with the role ("Jorge Malena
        # (author)") nor after a name that is the kind itself ("Critics (unnamed)")
        claimed_by=[t("surveillance.claim_prefix_named" if code == "author"
                      or k.lower() == w.lower() else "surveillance.claim_prefix", who=w, kind=k)
                    for w, k, code in zip(out[_claimant_column(out.columns)], kinds,
                                          out["claimant_type"].astype(str), strict=True)],
        claimant_type=kinds,
        stance=[t(f"surveillance.stance_{s}") for s in out["stance"]],
        # the claimant's exact words after the claim; in Spanish with their translation
        claim=[starred(c + (f" ({quoted(q)})" if get_language() == "en" else
                            f" — {quoted(q, q_es)}") if quoted(q) else c, mark)
               for c, q, q_es, mark in zip(
                   out[lang_column("claim", out.columns)], _column(out, "quote"),
                   _column(out, "quote_es"), _country_claims(out, country), strict=True)],
    )
    cols = ["claim_id", "topic", "claimed_by", "claimant_type", "stance", "claim", "source_id"]
    return course_table(out[cols].reset_index(drop=True), codes={"topic": "tables.code_"},
                        labels={"claimed_by": {"en": "Who says it", "es": "Quién lo dice"}})


def _claimant_column(columns) -> str:
    """``claimant_es`` in Spanish where the table has it (roles translated), else ``claimant``."""
    return "claimant_es" if get_language() == "es" and "claimant_es" in columns else "claimant"


_STANCE_HATCH = {"benefit": "", "concern": "x", "denial": "..", "neutral": "-"}


@in_language
def plot_claims(topic="session", claims=None, *, country=None, ax=None, lang=None):
    """Stacked bars: how many claims each kind of claimant made, split by stance.

    ``topic`` filters as in :func:`claims_table`. Stances differ by colour AND hatch, and
    every segment carries its count. With ``country`` (a CELAC state: ISO3, ISO2 or name),
    the kinds of claimant who made claims about its deployments are bold and marked ▶.
    """
    import pandas as pd

    from ..blocks.plots import PALETTE, describe, new_ax, wrap

    country = country_or_none(country)
    claims = _select_topics(load("claims") if claims is None else claims, topic)
    counts = pd.crosstab(claims["claimant_type"].astype(str), claims["stance"].astype(str))
    counts = counts.loc[counts.sum(axis=1).sort_values().index]
    ax = new_ax(ax, figsize=(9, 0.5 * len(counts) + 1.8))
    colours = {"benefit": PALETTE["latin_america"], "concern": PALETTE["china"],
               "denial": PALETTE["united_states"], "neutral": PALETTE["muted"]}
    left = [0] * len(counts)
    about = set(claims.loc[_country_claims(claims, country), "claimant_type"].astype(str))
    marks = [k in about for k in counts.index]
    ylabels = [("▶ " if m else "") + t(f"surveillance.claimant_{k}")
               for k, m in zip(counts.index, marks, strict=True)]
    ax.set_yticks(range(len(ylabels)), ylabels)
    for tick, mark in zip(ax.get_yticklabels(), marks, strict=True):
        tick.set_fontweight("bold" if mark else "normal")
    for stance in [s for s in _STANCE_HATCH if s in counts.columns]:
        values = counts[stance].tolist()
        rows = [i for i, v in enumerate(values) if v]  # zero-width segments are not drawn
        bars = ax.barh(rows, [values[i] for i in rows], left=[left[i] for i in rows],
                       color=colours[stance], hatch=_STANCE_HATCH[stance],
                       edgecolor=PALETTE["ink"],
                       label=t(f"surveillance.stance_{stance}"))
        ax.bar_label(bars, labels=[str(values[i]) for i in rows], label_type="center",
                     bbox={"boxstyle": "square,pad=0.15", "facecolor": "white",
                           "edgecolor": "none"})
        left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_title(wrap(t("surveillance.claims_title"), 50), loc="left")
    ax.set_xlabel(t("surveillance.claims_xlabel"))
    ax.legend(loc="lower right")
    data = counts.assign(total=counts.sum(axis=1)).rename_axis("claimant").reset_index()
    data.insert(0, "who", [t(f"surveillance.claimant_{k}") for k in data["claimant"]])
    return describe(ax, "bar", data, label="who", value="total", country=country,
                    marked=marks, title=t("surveillance.claims_title"))


#: Answers that exercise files name in ``compute:`` (notebooks/exercises/03.yml).
ANSWERS = {"cameras_per_regional_centre": cameras_per_regional_centre}
