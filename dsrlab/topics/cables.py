"""Notebook 02's submarine cables as tables: the cables the papers discuss and the landing
points of each CELAC state.

The map itself is a building block (``from dsrlab.blocks import maps`` then
``maps.plot_cables(country=...)``); the data behind both is read in
:mod:`dsrlab.blocks.geo`. Tables are ``x_table(..., *, country=None, lang=None)``;
``country`` is any code or name of a CELAC state.
"""

from __future__ import annotations

from ..base.course_tables import course_table
from ..base.i18n import in_language
from ..blocks.countries import country_or_none
from ..blocks.geo import landings_by_country, paper_cables
from ..blocks.reading import COUNTRY
from ..blocks.tables import as_list, starred

__all__ = ["cables_table", "landings_table"]



@in_language
def cables_table(cables=None, *, country=None, lang=None):
    """The cables the papers discuss (the ``cables`` table), optionally a subset.

    Parameters
    ----------
    cables : str or list of str, optional
        ``cable_id`` values, TeleGeography slugs or names to keep (default: all).
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): *highlights* -- the names of the cables that
        land in it start with "★ " (every cable stays).
    lang : {"en", "es"}, optional
        Language of the cable names, builders and funders; the rest is the papers' own text.

    Returns
    -------
    pandas.DataFrame
        Every column of the ``cables`` table.

    Examples
    --------
    >>> cables_table("ellalink", country="Brasil")["name"].str.startswith("★ ").tolist()
    [True]
    """
    table = paper_cables(cables)
    iso3 = country_or_none(country)
    if iso3 is not None:
        table["name"] = starred(table["name"], [iso3 in as_list(v) for v in table["countries"]])
    return course_table(table, codes={"countries": COUNTRY, "status": "tables.code_"},
                        hide=("telegeography_slug", "name_es", "builders_es", "funders_es"))


@in_language
def landings_table(*, country=None, lang=None):
    """Number of TeleGeography landing points in each CELAC state (zeros included).

    Parameters
    ----------
    country : str, optional
        A CELAC state (ISO3, ISO2 or name): *highlights* -- its ``name`` starts with "★ ".
    lang : {"en", "es"}, optional
        Language of the country names.

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3``, ``name``, ``landing_points``, sorted by count (descending).

    Examples
    --------
    >>> table = landings_table(country="cl", lang="es").set_index("iso3")
    >>> table.loc["CHL", "name"]
    '★ Chile'
    """
    table = landings_by_country()
    iso3 = country_or_none(country)
    if iso3 is not None:
        table["name"] = starred(table["name"], table["iso3"] == iso3)
    return course_table(table, hide=("iso3",))
