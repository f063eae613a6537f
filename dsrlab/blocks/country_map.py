"""The map of one country's submarine cables, small enough for a printed brief.

TeleGeography's routes of the cables that land in the country are drawn over the region's
outline map, zoomed on the country, with its landing points; the licence of the routes
(CC BY-NC-SA 3.0) is written on the map itself, as the licence asks.
"""

from __future__ import annotations

from ..base.i18n import get_language, in_language, t
from ..data.tables import load
from .countries import country_name, resolve_countries
from .geo import landing_points, outlines, read_geo
from .maps import REGION_EXTENT, plot_region
from .tables import as_list

__all__ = ["plot_country_cables", "country_extent"]


def country_extent(iso3: str, margin: float = 9.0) -> tuple[float, float, float, float]:
    """(west, east, south, north) around a country and its landing points, in the region.

    >>> west, east, south, north = country_extent("BOL")
    >>> west < -69 < -58 < east and south < -22 < -10 < north
    True
    >>> west, east, south, north = country_extent("KNA")  # no outline: around its capital
    >>> west < -62.7 < east and south < 17.3 < north
    True
    """
    import math

    shape = outlines("lac_countries.geojson")
    west, south, east, north = shape[shape["iso3"] == iso3].total_bounds
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        # a small island state has no outline at this scale: its capital stands for it
        capital = load("countries").set_index("iso3").loc[iso3]
        west = east = float(capital["capital_lon"])
        south = north = float(capital["capital_lat"])
    points = landing_points(iso3)
    if len(points):
        west, east = min(west, points["lon"].min()), max(east, points["lon"].max())
        south, north = min(south, points["lat"].min()), max(north, points["lat"].max())
    # a square-ish window, so a long thin country (Chile) and an island read alike
    half = max(east - west, north - south) / 2 + margin
    x, y = (west + east) / 2, (south + north) / 2
    rw, re, rs, rn = REGION_EXTENT
    return (float(max(x - half, rw)), float(min(x + half, re)), float(max(y - half, rs)),
            float(min(y + half, rn)))


@in_language
def plot_country_cables(*, country=None, ax=None, lang=None):
    """The country's submarine cables (TeleGeography 2021) on a map zoomed on it.

    ``country`` (required): ISO3, ISO2 or name of a CELAC state.
    """
    from .plots import PALETTE, describe, new_ax

    (iso3,) = resolve_countries(country)
    lang = get_language()
    ax = new_ax(ax, figsize=(4.2, 4.2))
    plot_region(country=iso3, ax=ax, extent=country_extent(iso3), title=False)
    if ax.get_legend() is not None:
        ax.get_legend().remove()
    cables = load("tg_cables")
    slugs = {s for s, codes in zip(cables["cable_slug"], cables["lac_iso3"], strict=True)
             if iso3 in as_list(str(codes).replace(" ", ""))}
    routes = read_geo("tg_cable_routes.geojson")
    for geom in routes[routes["slug"].isin(slugs)]["geometry"]:
        for line in getattr(geom, "geoms", [geom]):
            xs, ys = line.xy
            ax.plot(xs, ys, color=PALETTE["multilateral"], linewidth=1.0, alpha=0.9, zorder=5)
    points = landing_points(iso3)
    ax.scatter(points["lon"], points["lat"], s=22, marker="D", color=PALETTE["highlight"],
               edgecolor=PALETTE["ink"], zorder=6)
    title = t("briefs.cable_map_title", lang, name=country_name(iso3, lang), n=len(slugs))
    ax.set_title(title, loc="left", fontsize=10)
    # the licence on the map, as TeleGeography's CC BY-NC-SA asks
    ax.text(0.01, 0.01, t("briefs.cable_map_licence", lang), transform=ax.transAxes,
            fontsize=6.5, va="bottom", ha="left", zorder=9,
            bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 1.5})
    shown = cables[cables["cable_slug"].isin(slugs)][["name", "rfs_label", "owners"]]
    return describe(ax, "map", shown.sort_values("name"), label="name", title=title, lang=lang,
                    extra=t("alt.landing_points", lang, n=len(points)) if len(points) else "")
