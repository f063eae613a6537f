"""Maps of the region: country outlines, small island states, submarine cables.

Outlines come from Natural Earth (``data/geo/lac_countries.geojson`` and
``world_countries.geojson``); the seven Caribbean states too small for the 1:110m
outlines are drawn as points at their capitals (``countries.capital_lat/lon``).
Cable routes and landing points are TeleGeography's (CC BY-NC-SA 3.0,
``data/geo/tg_cable_routes.geojson`` and the ``tg_landing_points`` table); the cables the
papers discuss come from the ``cables`` table and are drawn on top.

This module draws; the data behind the maps (tables, GeoJSON files, landing points)
is prepared in :mod:`dsrlab.blocks.geo`.
geopandas and shapely are imported inside the functions, never at import time.
"""

from __future__ import annotations

import math

from ..base.i18n import in_language, t
from .countries import country_names, resolve_countries
from .geo import (
    in_window,
    landing_points,
    nearest_landing,
    outlines,
    paper_cables,
    points_on,
    read_geo,
    small_states,
    wrap_towards,
)
from .tables import as_list, is_missing

__all__ = ["plot_region", "plot_cables", "REGION_EXTENT", "CABLE_EXTENT"]

#: lon/lat window of the region map (west, east, south, north).
REGION_EXTENT = (-118.0, -32.0, -57.0, 33.0)
#: A wider window for the cable map, so the Atlantic crossings reach Africa and Europe
#: (Cape Horn to Portugal, Baja California to Cameroon).
CABLE_EXTENT = (-120.0, 16.0, -56.0, 41.0)

# Line styles for the papers' cables: never colour alone (each also has its own dash
# pattern and a text label on the map).
_CABLE_STYLES = [
    ("#D55E00", "-"),
    ("#0072B2", "--"),
    ("#009E73", "-."),
    ("#CC79A7", ":"),
    ("#E69F00", (0, (5, 1, 1, 1))),
    ("#56B4E9", (0, (3, 1, 1, 1, 1, 1))),
]


# --------------------------------------------------------------------------- drawing
def _t(key: str, **fmt) -> str:
    return t(f"maps.{key}", **fmt)


def _set_extent(ax, extent) -> None:
    west, east, south, north = extent
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    mid = math.radians((south + north) / 2)
    ax.set_aspect(1 / math.cos(mid))
    # A map, not a chart: no degree ticks to read (and none to lay out, which is most of
    # what a figure's text costs), just a thin frame around the window.
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_linewidth(0.5)
        spine.set_color("#9A9A9A")


def _label(ax, x, y, text, *, bold=True, size=None, left=False, below=False):
    """A bold, white-haloed label beside (x, y); ``left`` puts it on the left side,
    ``below`` under the point (near the top edge)."""
    import matplotlib.patheffects as pe

    ax.annotate(
        text,
        xy=(x, y),
        xytext=(-4 if left else 4, -6 if below else 4),
        ha="right" if left else "left",
        va="top" if below else "baseline",
        textcoords="offset points",
        fontsize=size,
        fontweight="bold" if bold else "normal",
        color="#222222",
        path_effects=[pe.withStroke(linewidth=2.5, foreground="white")],
        zorder=9,
    )


def _draw_polygons(ax, geoms, **style):
    """Add (multi)polygons as one PatchCollection (no redraw, unlike GeoSeries.plot)."""
    import numpy as np
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path

    patches = []
    for geom in geoms:
        for poly in getattr(geom, "geoms", [geom]):
            rings = [poly.exterior, *poly.interiors]
            path = Path.make_compound_path(
                *[Path(np.asarray(r.coords)[:, :2], closed=True) for r in rings])
            patches.append(PathPatch(path))
    hatch = style.pop("hatch", None)
    collection = PatchCollection(patches, **style)
    if hatch:
        collection.set_hatch(hatch)
    ax.add_collection(collection)
    return collection


def _draw_lines(ax, geoms, **style):
    """Add (multi)lines as one LineCollection."""
    import numpy as np
    from matplotlib.collections import LineCollection

    segments = [np.asarray(part.coords)[:, :2] for geom in geoms
                for part in getattr(geom, "geoms", [geom])]
    collection = LineCollection(segments, **style)
    ax.add_collection(collection)
    return collection



# ------------------------------------------------------------------------ region map
@in_language
def plot_region(*, country=None, ax=None, lang=None, extent=REGION_EXTENT, title=True):
    """Outline map of Latin America and the Caribbean.

    Parameters
    ----------
    country : str or list of str, optional
        Country (ISO3, ISO2 or name) or countries to highlight: filled in the highlight
        colour, hatched and labelled in bold (never colour alone).
    ax : matplotlib Axes, optional
        Draw on this Axes; a new figure is made when None.
    lang : {"en", "es"}, optional
        Language of the labels (default: the active language).
    extent : tuple, optional
        (west, east, south, north) in degrees.
    title : bool
        Add the default title.

    Returns
    -------
    matplotlib.axes.Axes
    """
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from .plots import PALETTE, describe, new_ax

    marked = resolve_countries(country)
    ax = new_ax(ax, figsize=(8, 8))
    names = country_names()

    world = in_window(outlines("world_countries.geojson"), extent)
    _draw_polygons(ax, world["geometry"], facecolor="#F2F2F2", edgecolor="#D0D0D0",
                   linewidth=0.4, zorder=0)

    lac = outlines("lac_countries.geojson")
    plain = lac[~lac["iso3"].isin(marked)]
    _draw_polygons(ax, plain["geometry"], facecolor="#E6EFE9", edgecolor="#5A5A5A",
                   linewidth=0.6, zorder=1)
    handles = [Patch(facecolor="#E6EFE9", edgecolor="#5A5A5A", label=_t("country_outline"))]
    chosen = lac[lac["iso3"].isin(marked)]
    if len(chosen):
        _draw_polygons(ax, chosen["geometry"], facecolor=PALETTE["highlight"],
                       edgecolor=PALETTE["ink"], linewidth=1.4, hatch="///", alpha=0.85,
                       zorder=2)
        for _, row in chosen.iterrows():
            point = row["geometry"].representative_point()
            _label(ax, point.x, point.y, names.get(row["iso3"], row["iso3"]))

    small = small_states()
    is_marked = small["iso3"].isin(marked)
    ax.scatter(
        small.loc[~is_marked, "capital_lon"],
        small.loc[~is_marked, "capital_lat"],
        s=22,
        marker="o",
        facecolor="#E6EFE9",
        edgecolor="#5A5A5A",
        zorder=3,
    )
    handles.append(
        Line2D([], [], marker="o", linestyle="", markerfacecolor="#E6EFE9",
               markeredgecolor="#5A5A5A", label=_t("small_state"))
    )
    for _, row in small[is_marked].iterrows():
        ax.scatter(row["capital_lon"], row["capital_lat"], s=120, marker="*",
                   color=PALETTE["highlight"], edgecolor=PALETTE["ink"], zorder=4)
        _label(ax, row["capital_lon"], row["capital_lat"], row["name"])
    if marked:
        handles.append(
            Patch(facecolor=PALETTE["highlight"], edgecolor=PALETTE["ink"], hatch="///",
                  label=_t("highlighted", names=", ".join(names.get(i, i) for i in marked)))
        )

    _set_extent(ax, extent)
    ax.legend(handles=handles, loc="lower left")
    if title:
        ax.set_title(_t("region_title"))
    data = lac.assign(country=[names.get(i, i) for i in lac["iso3"]])[["country", "iso3"]]
    return describe(ax, "map", data.sort_values("country"), label="country", key="iso3",
                    country=marked[0] if len(marked) == 1 else None, title=_t("region_title"))



# ------------------------------------------------------------------------- cable map
@in_language
def plot_cables(cables=None, *, country=None, ax=None, lang=None, extent=CABLE_EXTENT):
    """Map of submarine cables landing in the region, the papers' cables highlighted.

    Every TeleGeography route is drawn thin and grey with its landing points; the
    cables discussed in the papers (or those named in ``cables``) are drawn on top,
    each with its own colour, dash pattern and label. Cables of the papers that have
    no TeleGeography route (route options, proposals) are drawn as dashed lines from
    their Latin American landing towards their far end, or, when the papers name no far
    end, as a numbered ring on their country; their numbers are listed in the key under
    the map, with the legend and the source, so nothing is drawn over the map.

    Parameters
    ----------
    country : str, optional
        A country (ISO3, ISO2 or name): highlighted as in :func:`plot_region`, its
        landing points enlarged and counted in the legend.
    cables : str or list of str, optional
        Which of the papers' cables to highlight (``cable_id``, slug or name);
        default: all of them.
    ax : matplotlib Axes, optional
        Draw the map on this Axes (the key goes in an Axes added below it); by default
        a new figure, the map above its key.
    lang : {"en", "es"}, optional
    extent : tuple, optional
        (west, east, south, north) in degrees.

    Returns
    -------
    matplotlib.axes.Axes
        The map.
    """
    from matplotlib.lines import Line2D

    from .plots import PALETTE, describe

    if ax is None:
        import matplotlib.pyplot as plt

        # at most 1000 px wide (shown at its own size) and 1080 px tall: map above key
        rows = 4 if resolve_countries(country) else 3  # the legend's rows, 3 columns
        heights = (0.26 * rows, 0.2 * (len(paper_cables(cables)) + 2))
        # the map's share fixed so that it is bounded by its height, never its width
        _, (ax, *key) = plt.subplots(3, 1, figsize=(10, 10.7 - 0.26 * (4 - rows)),
                                     height_ratios=(8.96 - heights[1], *heights),
                                     layout="constrained")
        ax.set_anchor("S")  # the map right above its key
        # the title over the whole figure: constrained layout keeps room for it above a
        # map whose aspect is fixed (an Axes title can be pushed off the canvas)
        ax.figure.suptitle(_t("cable_title"), fontsize=14, fontweight="bold")
    else:
        ax.set_title(_t("cable_title"))
        key = [ax.inset_axes((0.0, -0.2, 1.0, 0.18)), ax.inset_axes((0.0, -0.45, 1.0, 0.24))]
    plot_region(country=country, ax=ax, extent=extent, title=False)
    marked = resolve_countries(country)
    legend = ax.get_legend()
    handles = list(legend.legend_handles) if legend is not None else []

    routes = read_geo("tg_cable_routes.geojson")
    slug_col = "slug" if "slug" in routes.columns else "cable_slug"
    _draw_lines(ax, routes["geometry"], color="#9A9A9A", linewidth=0.6, alpha=0.8, zorder=5)
    handles.append(Line2D([], [], color="#9A9A9A", linewidth=0.8, label=_t("other_cables")))

    points = landing_points()
    ax.scatter(points["lon"], points["lat"], s=6, color=PALETTE["ink"], zorder=6)
    handles.append(Line2D([], [], marker=".", linestyle="", color=PALETTE["ink"],
                          label=_t("landing_points")))
    if marked:
        mine = points[points["iso3"].isin(marked)]
        ax.scatter(mine["lon"], mine["lat"], s=45, marker="D", color=PALETTE["highlight"],
                   edgecolor=PALETTE["ink"], zorder=8)
        names = country_names()
        handles.append(
            Line2D([], [], marker="D", linestyle="", markerfacecolor=PALETTE["highlight"],
                   markeredgecolor=PALETTE["ink"],
                   label=_t("country_landings", n=len(mine),
                            names=", ".join(names.get(i, i) for i in marked)))
        )

    chosen = paper_cables(cables)
    countries = _capitals_table()
    capitals = {r.iso3: (float(r.capital_lon), float(r.capital_lat))
                for r in countries.itertuples() if not is_missing(r.capital_lat)}
    world = outlines("world_countries.geojson")
    wanted = {i for v in chosen["countries"] for i in as_list(v)}
    world = world[world["iso3"].isin(wanted)]
    centroids = {
        iso3: (pt.x, pt.y)
        for iso3, pt in zip(world["iso3"], points_on(world["geometry"]), strict=True)
    }
    celac = set(countries.loc[countries["is_celac"].astype(str).str.lower().isin({"true", "1"}),
                              "iso3"])
    without_route, segments, rings, k = [], {}, {}, 0
    for row in chosen.itertuples():
        slug = getattr(row, "telegeography_slug", None)
        status = _t("status_" + str(row.status))
        route = routes[routes[slug_col] == slug] if not is_missing(slug) else routes.iloc[0:0]
        if len(route):
            color, dash = _CABLE_STYLES[k % len(_CABLE_STYLES)]
            k += 1
            _draw_lines(ax, route["geometry"], color=color, linewidth=2.6, linestyle=dash, zorder=7)
            line = route["geometry"].iloc[0]
            xs, ys = next(iter(getattr(line, "geoms", [line]))).coords.xy
            x, y = xs[len(xs) // 2], ys[len(xs) // 2]  # eastern half: label to the left
            _label(ax, x, y, _short_name(row.name), left=x > (extent[0] + extent[1]) / 2)
            handles.append(Line2D([], [], color=color, linestyle=dash, linewidth=2.6,
                                  label=f"{_short_name(row.name)} ({status})"))
            continue
        number = len(without_route) + 1
        without_route.append(f"[{number}] {row.name} ({status})")
        isos = as_list(row.countries)
        home = next((i for i in isos if i in celac and i in capitals), None)
        far = next((centroids[i] for i in isos if i not in celac and i in centroids), None)
        if home is not None and far is not None:
            end = (wrap_towards(capitals[home][0], far[0]), far[1])
            start = nearest_landing(points, home, end) or capitals[home]
            segments.setdefault((start, end), []).append(number)
        elif home is not None:  # no far end in the papers: a ring on its country
            rings.setdefault(home, []).append(number)

    for (start, end), numbers in segments.items():
        ax.plot([start[0], end[0]], [start[1], end[1]], color=PALETTE["ink"], linestyle="--",
                linewidth=1.4, zorder=7)
        # put the numbers where the line leaves the map (or at its far end)
        west, east, _, _ = extent
        frac = 1.0
        if end[0] < west:
            frac = (west + 2 - start[0]) / (end[0] - start[0])
        elif end[0] > east:
            frac = (east - 2 - start[0]) / (end[0] - start[0])
        x = start[0] + frac * (end[0] - start[0])
        y = start[1] + frac * (end[1] - start[1])
        _label(ax, x, y, "".join(f"[{n}]" for n in numbers), left=x > (west + east) / 2,
               below=y > extent[3] - 6)
    for home, numbers in rings.items():  # at the capital of the cable's country
        x, y = capitals[home]
        ax.scatter(x, y, s=140, marker="o", facecolors="white", edgecolors=PALETTE["ink"],
                   linewidths=1.6, zorder=8)
        _label(ax, x, y, "".join(f"[{n}]" for n in numbers), left=x > (extent[0] + extent[1]) / 2)
    if segments:
        handles.append(Line2D([], [], color=PALETTE["ink"], linestyle="--", linewidth=1.4,
                              label=_t("no_route_line")))
    if rings:
        handles.append(Line2D([], [], marker="o", linestyle="", markerfacecolor="white",
                              markeredgecolor=PALETTE["ink"], markersize=9,
                              label=_t("no_route_ring")))
    _set_extent(ax, extent)
    if legend is not None:
        legend.remove()  # the region's legend: its entries join the key under the map
    _draw_key(key, handles, without_route)
    here = [bool(set(marked) & set(as_list(v))) for v in chosen["countries"]]
    return describe(ax, "map", chosen.drop(columns="note"), label="name", title=_t("cable_title"),
                    country=marked[0] if len(marked) == 1 else None, marked=here)


def _draw_key(key, handles, without_route) -> None:
    """The key under the map, in two Axes: the legend, then the numbered cables with no
    route and the source."""
    from .plots import PALETTE, wrap

    top, bottom = key
    top.axis("off")
    bottom.axis("off")
    top.legend(handles=handles, loc="upper left", bbox_to_anchor=(0.0, 1.0), ncols=3,
               borderaxespad=0.0, handlelength=1.4, handletextpad=0.5, columnspacing=0.8)
    lines = [_t("no_route"), *without_route] if without_route else []
    lines.append(wrap(f"{t('core.source')}: {_t('attribution')}", 110))
    bottom.text(0.0, 1.0, "\n".join(lines), transform=bottom.transAxes, va="top", ha="left",
                color=PALETTE["ink"], gid="key")


def _capitals_table():
    from ..data.tables import load

    return load("countries")


def _short_name(name: str) -> str:
    """The part of a cable's name before its first comma or parenthesis."""
    return str(name).split(",")[0].split(" (")[0].strip()
