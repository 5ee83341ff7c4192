"""The initial view of a map, as Leaflet's ``fitBounds`` will choose it, for common map sizes.

The embedded basemap must cover what the user first sees, which depends on the map's size:
:data:`MAP_SIZES` lists the map sizes of locator pages (desktop and large screens with the side
list, a phone with the map at 65 % of the height, a phone-sized embed). :func:`fitted_view`
reproduces Leaflet's zoom choice (``getBoundsZoom``, integer zoom snap, no padding) and returns
the zoom and the visible area; :func:`view_tiles` lists the XYZ tiles under that area.

Examples
--------
>>> zoom, (west, south, east, north) = fitted_view((-88.0, 41.6, -87.5, 42.1), (928, 800))
>>> zoom
10
>>> west < -88.0 and east > -87.5
True
"""

from __future__ import annotations

import math

__all__ = ["FIT_MAX_ZOOM", "MAP_SIZES", "fitted_view", "view_tiles", "views"]

MAP_SIZES: tuple[tuple[int, int], ...] = ((928, 800), (1568, 1080), (390, 548), (390, 320))
"""Map sizes (CSS px) the embedded basemap is chosen for: 1280x800 and 1920x1080 screens minus
the side list, a 390x844 phone (map at 65vh), a phone-wide embed (min-height 320 px)."""

FIT_MAX_ZOOM = 13
"""``max_zoom`` of the builders' ``fit_bounds``."""

TILE = 256
Bounds = tuple[float, float, float, float]


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


def fitted_view(bounds: Bounds, size: tuple[int, int], *,
                max_zoom: int = FIT_MAX_ZOOM) -> tuple[int, Bounds]:
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
    view = (_lon(max(cx - half_w, 0.0)), _lat(min(cy + half_h, 1.0)),
            _lon(min(cx + half_w, 1.0)), _lat(max(cy - half_h, 0.0)))
    return zoom, view


def views(bounds: Bounds, *, sizes: tuple[tuple[int, int], ...] = MAP_SIZES,
          max_zoom: int = FIT_MAX_ZOOM) -> list[tuple[int, Bounds]]:
    """:func:`fitted_view` for every map size."""
    return [fitted_view(bounds, size, max_zoom=max_zoom) for size in sizes]


def view_tiles(view: Bounds, z: int, *, margin: float = 0.5) -> tuple[int, int, int, int]:
    """Tile range (x0, y0, x1, y1) at zoom ``z`` covering ``view`` plus ``margin`` tiles."""
    n = 2**z
    west, south, east, north = view

    def clamp(v: float) -> int:
        return int(min(max(math.floor(v), 0), n - 1))

    return (clamp(_x(west) * n - margin), clamp(_y(north) * n - margin),
            clamp(_x(east) * n + margin), clamp(_y(south) * n + margin))
