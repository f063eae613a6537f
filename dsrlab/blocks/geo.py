"""Data behind the maps: country outlines, small island states, cable landing points and the
papers' cables, read from the GeoJSON files under ``data/geo`` and the data package.

Drawing lives in :mod:`dsrlab.blocks.maps`.

geopandas is imported inside the functions, never at import time.
"""

from __future__ import annotations

from functools import cache

from ..base import paths
from ..base.errors import UsageError, choices_text
from ..data.tables import load
from .countries import name_column, normalize_name, resolve_countries
from .tables import in_reader_language, is_missing

__all__ = [
    "read_geo",
    "outlines",
    "in_window",
    "points_on",
    "wrap_towards",
    "nearest_landing",
    "small_states",
    "landing_points",
    "landings_by_country",
    "countries_without_landing",
    "paper_cables",
]


def _countries():
    table = load("countries")
    return table.assign(iso3=table["iso3"].astype(str))


@cache
def _read_geo_cached(filename: str, mtime: float):
    # geopandas (lazy) reads the GeoJSON through pyogrio; the files are plain lon/lat
    # (EPSG:4326), so no reprojection is ever needed.
    import geopandas

    return geopandas.read_file(paths.geo_dir() / filename, engine="pyogrio")


def in_window(frame, extent):
    """The rows of a map frame whose geometry meets the (west, east, south, north) window."""
    west, east, south, north = extent
    return frame.cx[west:east, south:north]


def points_on(geoms):
    """A point inside each (multi)polygon, where its label can go."""
    import geopandas

    return list(geopandas.GeoSeries(list(geoms)).representative_point())


def read_geo(filename: str):
    """A GeoJSON file under ``data/geo`` as a GeoDataFrame (a fresh copy; the file is read
    once per change)."""
    path = paths.geo_dir() / filename
    if not path.is_file():
        available = sorted(p.name for p in paths.geo_dir().glob("*.geojson"))
        raise FileNotFoundError(
            f"missing map file {path}; available: {choices_text(available) or 'none'}"
        )
    return _read_geo_cached(filename, path.stat().st_mtime).copy()


def _iso3_column(frame) -> str:
    for col in ("iso3", "iso_a3", "ISO_A3", "adm0_a3", "ADM0_A3"):
        if col in frame.columns:
            return col
    raise KeyError(f"no ISO3 column in map file; columns: {choices_text(frame.columns)}")


def outlines(filename: str):
    geo = read_geo(filename)
    col = _iso3_column(geo)
    return geo.assign(iso3=geo[col].astype(str))



# ------------------------------------------------------------------------ map data
def small_states():
    """CELAC states with no outline in the 1:110m map: ISO3, name and capital point.

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3``, ``name``, ``capital_lat``, ``capital_lon``.
    """
    countries = _countries()
    drawn = set(outlines("lac_countries.geojson")["iso3"])
    celac = countries[countries["is_celac"].astype(str).str.lower().isin({"true", "1"})]
    missing = celac[~celac["iso3"].isin(drawn)]
    return missing.assign(name=missing[name_column()])[
        ["iso3", "name", "capital_lat", "capital_lon"]
    ].reset_index(drop=True)



# ------------------------------------------------------------------------ cable data
def landing_points(country=None):
    """TeleGeography landing points, with the ISO3 code of their country.

    Parameters
    ----------
    country : str, optional
        Keep only this country's points (ISO3, ISO2 or name).

    Returns
    -------
    pandas.DataFrame
        The ``tg_landing_points`` table plus an ``iso3`` column.
    """
    points = load("tg_landing_points")
    if "iso3" not in points.columns:
        countries = _countries()
        lookup = {normalize_name(n): i for n, i in zip(countries["name_en"], countries["iso3"],
                                                      strict=True)}
        points = points.assign(iso3=[lookup.get(normalize_name(str(c))) for c in points["country"]])
    points = points.assign(iso3=points["iso3"].astype(object))
    if country is not None:
        (iso3,) = resolve_countries(country, name="country")
        points = points[points["iso3"] == iso3]
    return points.reset_index(drop=True)


def landings_by_country():
    """Number of TeleGeography landing points in each CELAC state (zeros included).

    Returns
    -------
    pandas.DataFrame
        Columns ``iso3``, ``name``, ``landing_points``, sorted by count (descending).
    """
    countries = _countries()
    celac = countries[countries["is_celac"].astype(str).str.lower().isin({"true", "1"})]
    counts = landing_points()["iso3"].value_counts()
    table = celac.assign(
        name=celac[name_column()],
        landing_points=[int(counts.get(i, 0)) for i in celac["iso3"]],
    )[["iso3", "name", "landing_points"]]
    return table.sort_values(["landing_points", "iso3"], ascending=[False, True]).reset_index(
        drop=True
    )


def countries_without_landing() -> list[str]:
    """ISO3 codes of the CELAC states with no landing point in the TeleGeography extract."""
    table = landings_by_country()
    return sorted(table.loc[table["landing_points"] == 0, "iso3"])


def paper_cables(cables=None):
    """The cables the papers discuss (the ``cables`` table), optionally a subset.

    Parameters
    ----------
    cables : str or list of str, optional
        ``cable_id`` values, TeleGeography slugs or names (English or Spanish) to keep.

    Returns
    -------
    pandas.DataFrame
        The ``cables`` rows; ``name``, ``builders`` and ``funders`` in the active language.
    """
    table = load("cables")
    english = table["name"].copy()
    table = in_reader_language(table, ("name", "builders", "funders"))  # as a reader sees them
    if cables is None:
        return table.reset_index(drop=True)
    wanted = [cables] if isinstance(cables, str) else list(cables)
    keys = {
        str(v).strip().lower(): i
        for i, row in table.iterrows()
        for v in (row["cable_id"], row.get("telegeography_slug"), english[i], row.get("name_es"))
        if not is_missing(v)
    }
    unknown = [w for w in wanted if str(w).strip().lower() not in keys]
    if unknown:
        raise UsageError(
            f"unknown cable {unknown[0]!r}; valid: {choices_text(table['cable_id'])}"
        )
    rows = sorted({keys[str(w).strip().lower()] for w in wanted})
    return table.loc[rows].reset_index(drop=True)



# ---------------------------------------------------------------- cable map geometry
def wrap_towards(x0: float, x1: float) -> float:
    """Longitude ``x1`` shifted by 360 degrees for a line leaving the Americas at ``x0``.

    Asia and Oceania (east of 60 degrees E) are reached westwards, across the Pacific;
    anything else takes the shorter way round.

    Examples
    --------
    >>> wrap_towards(-70.0, 174.8)   # Chile -> New Zealand: westwards
    -185.2
    >>> wrap_towards(-38.5, 9.9)     # Brazil -> Cameroon: eastwards
    9.9
    """
    if x1 > 60:
        return x1 - 360
    while x1 - x0 > 180:
        x1 -= 360
    while x1 - x0 < -180:
        x1 += 360
    return x1


def nearest_landing(points, iso3, target):
    """(lon, lat) of ``iso3``'s landing point closest to ``target``, or None."""
    mine = points[points["iso3"] == iso3]
    if mine.empty:
        return None
    dist = (mine["lon"] - target[0]) ** 2 + (mine["lat"] - target[1]) ** 2
    best = mine.loc[dist.idxmin()]
    return float(best["lon"]), float(best["lat"])

