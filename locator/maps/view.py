"""The initial view of a map, as Leaflet's ``fitBounds`` will choose it, for common map sizes.

The embedded basemap must cover what the user first sees, which depends on the map's size:
:data:`MAP_SIZES` lists the map sizes of locator pages (desktop and large screens with the side
list, a phone with the map at 65 % of the height, a phone-sized embed). :func:`fitted_view`
reproduces Leaflet's zoom choice (``getBoundsZoom``, integer zoom snap, no padding) and returns
the zoom and the visible area; :func:`view_tiles` lists the XYZ tiles under that area.

:func:`sphere_bounds` is the smallest longitude arc holding some geometries, computed on the
circle (a region crossing 180°, Alaska's Aleutians, is unwrapped: its east edge may pass 180);
:func:`unwrap` moves geometries into the 360° window around a longitude so that Leaflet draws
them next to each other; :func:`site_view` is the view of an office map: the sites, padded, with
at least :data:`MIN_HALF_SPAN_KM` of context around them.

Examples
--------
>>> sphere_bounds([(-179.1, 51.2, -129.9, 71.4), (172.4, 52.9, 179.8, 53.0)])
(172.4, 51.2, 230.1, 71.4)
>>> zoom, (west, south, east, north) = fitted_view((-88.0, 41.6, -87.5, 42.1), (928, 800))
>>> zoom
10
>>> west < -88.0 and east > -87.5
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

__all__ = [
    "FIT_MAX_ZOOM",
    "MAP_SIZES",
    "MIN_HALF_SPAN_KM",
    "fitted_view",
    "geometry_bounds",
    "site_view",
    "sphere_bounds",
    "unwrap",
    "view_tiles",
    "views",
]

MAP_SIZES: tuple[tuple[int, int], ...] = ((928, 800), (1568, 1080), (390, 548), (390, 320))
"""Map sizes (CSS px) the embedded basemap is chosen for: 1280x800 and 1920x1080 screens minus
the side list, a 390x844 phone (map at 65vh), a phone-wide embed (min-height 320 px)."""

FIT_MAX_ZOOM = 13
"""``max_zoom`` of the builders' ``fit_bounds``."""

TILE = 256
Bounds = tuple[float, float, float, float]

MIN_HALF_SPAN_KM = 60.0
"""An office map shows at least this far (north-south) around its sites: the metro area of a
consulate whose sites share one address, not a single street."""

KM_PER_DEGREE_LAT = 6371.0088 * math.pi / 180


def sphere_bounds(boxes: Iterable[Bounds]) -> Bounds:
    """(west, south, east, north) of the shortest longitude arc covering every box.

    Each box is (west, south, east, north) with ``west <= east`` in -180..180 (a point is a box
    of no width). The arc is found on the circle: its start follows the widest gap between the
    boxes, so ``east`` may exceed 180 for an area crossing the antimeridian (then ``west`` is
    in -180..180 and ``east - west`` is the true width).

    >>> sphere_bounds([(-10.0, 0.0, -10.0, 1.0), (20.0, 2.0, 30.0, 3.0)])
    (-10.0, 0.0, 30.0, 3.0)
    >>> sphere_bounds([(170.0, 0.0, 175.0, 1.0), (-175.0, 2.0, -170.0, 3.0)])
    (170.0, 0.0, 190.0, 3.0)
    """
    spans = sorted((float(w), float(e)) for w, _, e, _ in boxes)
    lats = [(float(s), float(n)) for _, s, _, n in boxes]
    if not spans:
        raise ValueError("sphere_bounds needs at least one box")
    merged: list[list[float]] = []
    for west, east in spans:
        if merged and west <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], east)
        else:
            merged.append([west, east])
    gaps = [(merged[(i + 1) % len(merged)][0] - merged[i][1]) % 360 for i in range(len(merged))]
    if len(merged) == 1:
        gaps = [360 - (merged[0][1] - merged[0][0])]
    widest = int(np.argmax(gaps))
    west = merged[(widest + 1) % len(merged)][0]
    east = merged[widest][1]
    if east < west:
        east += 360
    return (west, min(s for s, _ in lats), east, max(n for _, n in lats))


def geometry_bounds(geoms: Iterable[BaseGeometry | None]) -> Bounds | None:
    """:func:`sphere_bounds` of the parts of ``geoms`` (each polygon of a multipolygon apart)."""
    parts = [p for g in geoms if g is not None and not g.is_empty for p in getattr(g, "geoms", [g])]
    if not parts:
        return None
    return sphere_bounds([tuple(b) for b in shapely.bounds(np.array(parts, dtype=object))])


def unwrap(geom: BaseGeometry, centre_lon: float) -> BaseGeometry:
    """``geom`` with every longitude moved into ``centre_lon`` ± 180 (by whole turns).

    >>> from shapely.geometry import Point
    >>> unwrap(Point(179.5, 52.0), -150.0).x
    -180.5
    """

    def shift(xy: np.ndarray) -> np.ndarray:
        out = xy.copy()
        out[:, 0] = (xy[:, 0] - centre_lon + 180.0) % 360.0 - 180.0 + centre_lon
        return out

    return shapely.transform(geom, shift)


def site_view(points: Bounds, *, pad: float = 0.15) -> Bounds:
    """The view of an office map: ``points`` (their :func:`sphere_bounds`) padded by ``pad`` of
    their size on each side, and at least :data:`MIN_HALF_SPAN_KM` around their centre."""
    west, south, east, north = points
    half_lat = max((north - south) * (0.5 + pad), MIN_HALF_SPAN_KM / KM_PER_DEGREE_LAT)
    mid_lat = (south + north) / 2
    half_lon = max(
        (east - west) * (0.5 + pad), half_lat / max(math.cos(math.radians(mid_lat)), 0.05)
    )
    mid_lon = (west + east) / 2
    return (
        mid_lon - half_lon,
        max(mid_lat - half_lat, -85.0),
        mid_lon + half_lon,
        min(mid_lat + half_lat, 85.0),
    )


def _x(lon: float) -> float:
    """Web Mercator x of ``lon`` at zoom 0, in tiles (0..1)."""
    return (lon + 180.0) / 360.0


def _y(lat: float) -> float:
    """Web Mercator y of ``lat`` at zoom 0, in tiles (0..1, north at 0)."""
    rad = math.radians(max(min(lat, 85.0511), -85.0511))
    return (1.0 - math.log(math.tan(rad) + 1.0 / math.cos(rad)) / math.pi) / 2.0


def _lon(x: float) -> float:
    return x * 360.0 - 180.0


def _lat(y: float) -> float:
    return math.degrees(math.atan(math.sinh(math.pi * (1.0 - 2.0 * y))))


def fitted_view(
    bounds: Bounds, size: tuple[int, int], *, max_zoom: int = FIT_MAX_ZOOM
) -> tuple[int, Bounds]:
    """Zoom and visible (west, south, east, north) after ``fitBounds(bounds)`` on a map of
    ``size`` (width, height) pixels."""
    west, south, east, north = bounds
    width_px = max((_x(east) - _x(west)) * TILE, 1e-9)
    height_px = max((_y(south) - _y(north)) * TILE, 1e-9)
    scale = min(size[0] / width_px, size[1] / height_px)
    zoom = int(max(0, min(max_zoom, math.floor(math.log2(scale) + 1e-9))))
    world = TILE * 2**zoom
    cx, cy = (_x(west) + _x(east)) / 2, (_y(north) + _y(south)) / 2
    half_w, half_h = size[0] / 2 / world, size[1] / 2 / world
    view = (
        _lon(max(cx - half_w, 0.0)),
        _lat(min(cy + half_h, 1.0)),
        _lon(min(cx + half_w, 1.0)),
        _lat(max(cy - half_h, 0.0)),
    )
    return zoom, view


def views(
    bounds: Bounds, *, sizes: tuple[tuple[int, int], ...] = MAP_SIZES, max_zoom: int = FIT_MAX_ZOOM
) -> list[tuple[int, Bounds]]:
    """:func:`fitted_view` for every map size."""
    return [fitted_view(bounds, size, max_zoom=max_zoom) for size in sizes]


def view_tiles(view: Bounds, z: int, *, margin: float = 0.5) -> tuple[int, int, int, int]:
    """Tile range (x0, y0, x1, y1) at zoom ``z`` covering ``view`` plus ``margin`` tiles."""
    n = 2**z
    west, south, east, north = view

    def clamp(v: float) -> int:
        return int(min(max(math.floor(v), 0), n - 1))

    return (
        clamp(_x(west) * n - margin),
        clamp(_y(north) * n - margin),
        clamp(_x(east) * n + margin),
        clamp(_y(south) * n + margin),
    )
