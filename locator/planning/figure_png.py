"""The static coverage figure (PNG): every county coloured by distance, demand as symbols.

* every county (people or not, known figure or not) is coloured by the great-circle distance
  from its centre to the nearest site: no county is greyed out;
* the demand is drawn over it as proportional circles (area ~ people of the demand layer);
* Alaska, Hawaii and Puerto Rico are insets in the lower left (the Pacific and Mexico), so
  they cover no state; the legends sit outside the map, on the right;
* the title names the site kinds in words, the footer cites the demand's source and vintage,
  says distances are great-circle and that catchments are an approximation.

A bare :class:`matplotlib.figure.Figure` is used (no pyplot), so a notebook's backend is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np

__all__ = ["INSETS", "SYMBOL_STEPS", "draw_figure", "symbol_area"]

INSETS = {
    # name: ((west, east, south, north) of the view, (left, bottom, width, height) in the axes)
    "AK": ((-179.5, -129.0, 51.0, 71.8), (0.0, 0.0, 0.22, 0.28)),
    "HI": ((-160.6, -154.6, 18.8, 22.4), (0.22, 0.0, 0.12, 0.14)),
    "PR": ((-67.4, -65.1, 17.8, 18.6), (0.35, 0.0, 0.10, 0.08)),
}
"""Insets of the PNG: view bounds (degrees) and position inside the main axes (fractions)."""
SYMBOL_STEPS = (10_000, 100_000, 1_000_000)
"""People shown in the symbol legend."""
_MAX_AREA = 900.0  # points^2 of the largest county's circle


def symbol_area(population: Any, largest: float) -> np.ndarray:
    """Circle area (points^2) of each ``population``: proportional, the ``largest`` at 900.

    >>> symbol_area([0, 250, 1000], 1000).tolist()
    [0.0, 225.0, 900.0]
    """
    pop = np.nan_to_num(np.asarray(population, dtype=float), nan=0.0)
    return pop / largest * _MAX_AREA if largest > 0 else np.zeros_like(pop)


def _draw(
    ax,
    counties: gpd.GeoDataFrame,
    colours: list[str],
    sites: gpd.GeoSeries,
    largest: float,
    bounds: tuple[float, float, float, float],
) -> None:
    west, east, south, north = bounds
    if len(counties):
        counties.plot(ax=ax, color=colours, edgecolor="#777", linewidth=0.1)
    pop = counties["population"].to_numpy(float)
    keep = np.nan_to_num(pop) > 0
    ax.scatter(
        counties["center_lon"].to_numpy(float)[keep],
        counties["center_lat"].to_numpy(float)[keep],
        s=symbol_area(pop[keep], largest),
        facecolors="none",
        edgecolors="#1b1464",
        linewidths=0.7,
        alpha=0.9,
        zorder=2,
    )
    ax.scatter(sites.x, sites.y, s=9, c="#000", marker="D", zorder=3)
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_axis_off()
    ax.set_xlabel("")
    ax.set_ylabel("")


def draw_figure(
    counties: gpd.GeoDataFrame,
    sites: gpd.GeoSeries,
    path: Path,
    *,
    colour: Callable[[float], str],
    classes: list[tuple[str, str]],
    text: dict[str, str],
) -> Any:
    """Draw and save the figure; returns the Figure.

    Parameters
    ----------
    counties
        Solved counties (``geometry``, ``nearest_km``, ``population``, ``center_lon/lat``).
    sites
        Points of the sites counted.
    colour
        ``km -> colour``; ``classes`` the legend's ``(colour, label)`` pairs.
    text
        ``title``, ``sites``, ``demand`` (symbol legend title), ``classes_title``,
        ``footer`` (source, vintage, caveats) and ``insets`` (``"Alaska · Hawái · ..."``).
    """
    from matplotlib.artist import Artist
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    fig = Figure(figsize=(12, 7), dpi=110)
    ax = fig.add_axes((0.01, 0.12, 0.74, 0.78))
    colours = [colour(km) for km in counties["nearest_km"]]
    largest = float(np.nanmax(counties["population"].to_numpy(float), initial=0.0))
    _draw(ax, counties, colours, sites, largest, (-125.0, -66.0, 24.0, 50.0))
    for name, (bounds, box) in INSETS.items():
        inset = ax.inset_axes(box)
        west, east, south, north = bounds
        part = counties.cx[west:east, south:north]
        _draw(
            inset,
            part,
            [colour(km) for km in part["nearest_km"]],
            sites.cx[west:east, south:north],
            largest,
            bounds,
        )
        inset.set_axis_on()
        inset.set_xticks([])
        inset.set_yticks([])
        inset.set_xlabel("")
        inset.set_ylabel("")
        inset.set_title(name, fontsize=7, pad=1)
    ax.set_title(text["title"], fontsize=11)
    handles: list[Artist] = [Patch(color=c, label=label) for c, label in classes]
    handles.append(
        Line2D([], [], color="#000", marker="D", linestyle="", markersize=4, label=text["sites"])
    )
    legend: dict[str, Any] = {
        "loc": "upper left",
        "fontsize": 8,
        "title_fontsize": 8,
        "frameon": False,
    }
    first = fig.legend(
        handles=handles, bbox_to_anchor=(0.76, 0.80), title=text["classes_title"], **legend
    )
    steps = [s for s in SYMBOL_STEPS if s <= max(largest, SYMBOL_STEPS[0])]
    sizes = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markerfacecolor="none",
            markeredgecolor="#1b1464",
            markersize=float(np.sqrt(a)),
            label=f"{s:,}",
        )
        for s, a in zip(steps, symbol_area(steps, largest), strict=True)
    ]
    fig.legend(
        handles=sizes, bbox_to_anchor=(0.76, 0.45), title=text["demand"], labelspacing=1.4, **legend
    )
    fig.add_artist(first)
    fig.text(0.01, 0.005, text["footer"], fontsize=6.5, va="bottom", wrap=True)
    fig.savefig(path, bbox_inches="tight")
    return fig
