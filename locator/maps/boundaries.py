"""Census state and county outlines for the offline basemap, simplified and rounded.

The outlines come from :class:`geodata.gazetteer.Gazetteer` (Census cartographic boundary files
2016, 1:500k, shipped by plotly-geo). Only the shapes touching a map's extent are kept; they are
simplified (Douglas-Peucker, tolerance in degrees, coarser for wider extents), turned into
outlines (drawn as lines, never filled) and their coordinates rounded.

Examples
--------
>>> fc = states_geojson((-88.0, 41.0, -87.0, 42.5))
>>> sorted(f["properties"]["name"] for f in fc["features"])[:2]
['Illinois', 'Indiana']
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import box, mapping

__all__ = ["MAX_COUNTIES", "counties_geojson", "states_geojson", "tolerance_for"]

MAX_COUNTIES = 400
"""Counties are embedded only when the map's extent touches at most this many."""

Bounds = tuple[float, float, float, float]


def _gazetteer():
    from geodata.gazetteer import Gazetteer

    return Gazetteer.default()


def tolerance_for(bounds: Bounds) -> float:
    """Simplification tolerance (degrees) for an extent: ~1/1500 of its width, 0.002-0.03.

    >>> tolerance_for((-125.0, 24.0, -66.0, 50.0))
    0.03
    """
    width = max(bounds[2] - bounds[0], bounds[3] - bounds[1])
    return float(min(0.03, max(0.002, round(width / 1500, 3))))


def _outlines(gdf: gpd.GeoDataFrame, bounds: Bounds, tolerance: float) -> dict[str, Any]:
    hits = gdf.iloc[gdf.sindex.query(box(*bounds), predicate="intersects")]
    hits = hits.sort_values("fips")
    parts = hits[["fips", "name", "geometry"]].explode(index_parts=False)
    parts = parts[shapely.area(parts.geometry.values) >= (4 * tolerance) ** 2]  # drop specks
    features = []
    for (_, name), group in parts.groupby(["fips", "name"], sort=True):
        geom = shapely.simplify(
            shapely.union_all(group.geometry.values), tolerance, preserve_topology=True
        )
        line = shapely.transform(shapely.boundary(geom), lambda xy: np.round(xy, 3))
        if not line.is_empty:
            features.append(
                {"type": "Feature", "properties": {"name": name}, "geometry": mapping(line)}
            )
    return {"type": "FeatureCollection", "features": features}


def states_geojson(bounds: Bounds, *, tolerance: float | None = None) -> dict[str, Any]:
    """Outlines of the states (and DC, territories) intersecting ``bounds`` (W, S, E, N)."""
    return _outlines(_gazetteer().states(), bounds, tolerance or tolerance_for(bounds))


def counties_geojson(bounds: Bounds, *, tolerance: float | None = None) -> dict[str, Any] | None:
    """County outlines intersecting ``bounds``; None when over :data:`MAX_COUNTIES` touch it."""
    counties = _gazetteer().counties()
    if len(counties.sindex.query(box(*bounds), predicate="intersects")) > MAX_COUNTIES:
        return None
    return _outlines(counties, bounds, tolerance or max(0.004, tolerance_for(bounds)))
