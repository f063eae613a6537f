"""Notebook 04, who belongs to what: the regional bodies, the 'third way', memberships.

The organisations the papers discuss (with their cyber role) and a dot matrix of which
CELAC state belongs to which, from the current official lists or as the papers state them.
"""

from __future__ import annotations

from ..base.course_tables import course_table
from ..base.errors import UsageError, choices_text
from ..base.i18n import get_language, in_language, t
from ..blocks.countries import celac_countries, country_names, country_or_none
from ..blocks.tables import in_words, lang_column, starred
from ..data.tables import load

__all__ = ["REGIONAL_BODIES", "THIRD_WAY_BODIES", "organisations_table", "plot_memberships"]

#: Organisations of notebook 04's sections: regional cooperation, and the 'third way'.
REGIONAL_BODIES = ("oas", "oas-cicte", "oas-cyber-cbm-wg", "celac", "pacific-alliance",
                   "pa-digital-agenda-group", "mercosur")
THIRD_WAY_BODIES = ("eu", "paris-call", "un-oewg", "un-gge", "ilc", "nato")
_BODY_GROUPS = {"regional": REGIONAL_BODIES, "third_way": THIRD_WAY_BODIES}


@in_language
def organisations_table(ids="regional", organisations=None, *, country=None, lang=None):
    """Organisations with their kind, members and cyber role, in the order asked.

    Parameters
    ----------
    ids : str, list of str or None
        ``"regional"`` (:data:`REGIONAL_BODIES`), ``"third_way"`` (:data:`THIRD_WAY_BODIES`),
        a list of ``org_id`` values, or None for every organisation.
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): highlights, never filters. The organisations
        it belongs to in ``load("memberships")`` (current lists) get a leading "★ " in
        ``name``.

    Returns
    -------
    DataFrame
        Columns ``org_id, name, kind, members, cyber_activity_en|_es, source_id``.
    """
    table = load("organisations") if organisations is None else organisations
    if isinstance(ids, str):
        if ids not in _BODY_GROUPS:
            raise UsageError(f"unknown group {ids!r}; choose one of {choices_text(_BODY_GROUPS)}"
                             " or give a list of org_id values")
        ids = _BODY_GROUPS[ids]
    if ids is not None:
        order = {org: i for i, org in enumerate(ids)}
        table = table[table["org_id"].isin(order)]
        table = table.iloc[sorted(range(len(table)), key=lambda i: order[table["org_id"].iloc[i]])]
    member = load("memberships")  # "Pacific Alliance" there is "pacific-alliance" here
    member = member[(member["iso3"] == country_or_none(country))
                    & (member["basis"].astype(str) == "public")]
    mine = {str(o).lower().replace(" ", "-") for o in member["organisation"]}
    name = f"name_{get_language()}"
    out = table.assign(name=[starred(n, o in mine) for n, o in
                             zip(table[name], table["org_id"], strict=True)])
    return course_table(out[["org_id", "name", "kind", "members", lang_column(
        "cyber_activity", out.columns), "source_id"]].reset_index(drop=True))



@in_language
def plot_memberships(memberships=None, basis: str = "public", *, country=None, ax=None,
                     lang=None):
    """Dot matrix of which CELAC state belongs to which organisation.

    Each status has its own marker shape AND colour (member ■, associate ●, suspended ◆,
    withdrawn ✕, signatory ▲); the legend names them. ``basis="public"`` draws the current
    official lists; ``"paper"`` what the papers state at their time of writing. ``country``
    (a CELAC state: ISO3, ISO2 or name) is bold and marked ▶."""
    from ..blocks.plots import PALETTE, describe, fit_title, new_ax, row_labels, wrap

    country = country_or_none(country)
    memberships = load("memberships") if memberships is None else memberships
    if "basis" in memberships:
        memberships = memberships[memberships["basis"].astype(str) == basis]
    names = country_names()
    memberships = memberships[memberships["iso3"].isin(set(celac_countries()))]
    orgs = list(dict.fromkeys(memberships["organisation"].astype(str)))
    if hasattr(memberships["organisation"], "cat"):
        orgs = [o for o in memberships["organisation"].cat.categories if o in orgs]
    states = sorted(set(memberships["iso3"]), key=lambda i: names.get(i, i))[::-1]
    ax = new_ax(ax, figsize=(min(0.9 * len(orgs) + 3.4, 9.6), 0.22 * len(states) + 2.2))
    style = {"member": ("s", PALETTE["latin_america"]), "associate": ("o", PALETTE["sky"]),
             "suspended": ("D", PALETTE["yellow"]), "withdrawn": ("X", PALETTE["neutral"]),
             "signatory": ("^", PALETTE["firms"])}
    for key, (marker, colour) in style.items():
        sub = memberships[memberships["status"].astype(str) == key]
        if len(sub):
            ax.scatter([orgs.index(str(o)) for o in sub["organisation"]],
                       [states.index(i) for i in sub["iso3"]], s=70, marker=marker,
                       color=colour, edgecolor=PALETTE["ink"], linewidth=0.5,
                       label=t(f"diplomacy.status_{key}"))
    heads = [wrap(in_words(o, "diplomacy.org_"), 9) for o in orgs]  # level, a line or two
    ax.set_xticks(range(len(orgs)), heads, verticalalignment="bottom")
    ax.xaxis.tick_top()
    row_labels(ax, [names.get(i, i) for i in states], [i == country for i in states], guides=True)
    ax.set(xlim=(-0.6, len(orgs) - 0.4), ylim=(-0.6, len(states) - 0.4))
    ax.grid(True, axis="x")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0), ncols=len(style))  # below
    as_of = sorted(set(memberships["as_of"].astype(str))) if "as_of" in memberships else []
    title = t("diplomacy.memberships_title") + (f" ({', '.join(as_of)})" * bool(as_of))
    fit_title(ax, title, 60, pad=12 + 13 * (1 + max((h.count("\n") for h in heads), default=0)))
    data = memberships.assign(state=[names.get(i, i) for i in memberships["iso3"]])
    return describe(ax, "matrix", data, label="state", key="iso3", country=country,
                    says=("organisation", ("status", "diplomacy.status_")))

