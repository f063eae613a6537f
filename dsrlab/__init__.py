"""DSR Lab: helpers for the workbook on China's Digital Silk Road in Latin America.

Everything a notebook needs is reachable from the top level, read aloud as verbs:
``dsrlab.load("cables")``, ``dsrlab.cite("malena-fn41")``, ``dsrlab.exercise("03.2")``.

Importing ``dsrlab`` is cheap and has no side effects: the public names below are
resolved lazily from small private modules the first time they are used, so heavy
libraries (geopandas, papermill, frictionless) load only when a function needs them.
"""

from importlib import import_module

__version__ = "0.1.0"

# public name -> module (relative to this package) that defines it.
_EXPORTS: dict[str, str] = {
    # --- core (lead) ---
    "set_language": "i18n",
    "get_language": "i18n",
    "use_style": "plots",
    "PALETTE": "plots",
    "DsrlabError": "errors",
    "UsageError": "errors",
    # --- data (data-code owner) ---
    "datasets": "data",
    "load": "data",
    "describe": "data",
    "explode_list": "data",
    "cite": "data",
    "bibliography": "data",
    "validate": "data",
    # --- exercises and answers (exercises owner) ---
    "exercise": "exercises",
    "exercises": "exercises",
    "check": "exercises",
    "source_check": "exercises._source_check",
    "progress": "exercises",
    "collect": "exercises",
    "answers": "answers",
    "export_answers": "answers",
    "set_student": "answers",
    "get_student": "answers",
    # --- notebooks 01-02 (origins, infrastructure, maps owner) ---
    "region_map": "maps",
    "cable_map": "maps",
    "landing_points": "_geo",
    "landings_by_country": "_geo",
    "countries_without_landing": "_geo",
    "paper_cables": "_geo",
    "timeline": "_origins",
    "timeline_explorer": "_origins",
    "timeline_key": "_origins",
    "events_between": "_origins",
    "dsr_components": "_firms",
    "components_chart": "_firms",
    "dsr_actors": "_firms",
    "actors_chart": "_firms",
    "constraints_table": "_origins",
    "au_claims": "_origins",
    "coverage_4g": "_infrastructure",
    "coverage_4g_chart": "_infrastructure",
    "starting_point": "_infrastructure",
    "national_plans": "_infrastructure",
    "policy_documents": "_infrastructure",
    "investments_table": "_cgit",
    "investments_by": "_cgit",
    "investments_chart": "_cgit",
    "deals_chart": "_cgit",
    "cgit_context": "_cgit",
    "total_deal_size": "_cgit",
    "median_deal_size": "_cgit",
    "greenfield_share": "_cgit",
    "telecom_share": "_cgit",
    "firm_matrix": "_firms",
    "firm_matrix_chart": "_firms",
    "firm_table": "_firms",
    "space_table": "_infrastructure",
    "space_chart": "_infrastructure",
    "infrastructure_panel": "_infrastructure",
    # --- notebooks 03-04 (surveillance, diplomacy owner) ---
    "deployments": "_surveillance",
    "cameras_per_regional_centre": "_surveillance",
    "plot_cameras": "_surveillance",
    "plot_costs": "_surveillance",
    "claims_table": "_surveillance",
    "plot_claims": "_surveillance",
    "assessment_rules": "_assessment",
    "assessment_ratings": "_assessment",
    "assessment_scores": "_assessment",
    "plot_ranking": "_assessment",
    "assessment": "_assessment",
    "AssessmentWidget": "_assessment",
    "vote_matrix": "_diplomacy",
    "positioning_counts": "_diplomacy",
    "plot_votes": "_diplomacy",
    "plot_positioning": "_diplomacy",
    "statements_table": "_diplomacy",
    "paris_call_table": "_diplomacy",
    "plot_paris_call": "_diplomacy",
    "plot_memberships": "_diplomacy",
    "country_panel": "_country_panel",
    "organisations_table": "_diplomacy",
    # --- capstone, briefs, params (capstone owner) ---
    "check_params": "params",
    "country_rows": "_capstone",
    "country_summary": "_capstone",
    "compare_countries": "_capstone",
    "plot_comparison": "_capstone",
    "brief_header": "_brief_content",
    "brief_timeline": "_brief_content",
    "brief_tables": "_brief_content",
    "brief_sources": "_brief_content",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    # PEP 562: resolve public names on first use, then cache them on the module.
    try:
        module_name = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'dsrlab' has no attribute {name!r}") from None
    value = getattr(import_module(f"{__name__}.{module_name}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
