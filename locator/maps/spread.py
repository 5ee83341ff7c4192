"""Co-located markers: screen offsets so sites sharing one point are all visible and clickable.

A consulate, its Ventanilla de Salud and a clinic often share one address (or one city centroid
when the location is approximate). Their markers keep their true coordinates; only the icons are
drawn a few pixels apart, in a ring (up to :data:`RING_MAX` sites) or a spiral (more), the same
layout Leaflet.markercluster uses to spiderfy. Offsets are in screen pixels, so the sites stay
apart at every zoom.

Examples
--------
>>> import numpy as np
>>> dx, dy = spread_offsets(np.array([-87.6, -87.6, -88.0]), np.array([41.8, 41.8, 41.9]))
>>> int(dx[2]), int(dy[2])
(0, 0)
>>> bool(np.hypot(dx[0] - dx[1], dy[0] - dy[1]) >= 26)
True
"""

from __future__ import annotations

import math

import numpy as np

__all__ = ["ICON_SPACING", "RING_MAX", "ring_offsets", "spread_offsets"]

ICON_SPACING = 30
"""Minimum distance in pixels between the centres of two spread icons (icons are 26 px)."""

RING_MAX = 8
"""Up to this many co-located sites go on a ring; more go on a spiral."""


def ring_offsets(n: int, *, centre_taken: bool = False) -> list[tuple[int, int]]:
    """Pixel offsets (dx, dy) for ``n`` icons around one point.

    ``n == 1`` stays on the point unless ``centre_taken`` (e.g. by the searched place's marker).

    >>> ring_offsets(1)
    [(0, 0)]
    >>> len(set(ring_offsets(5)))
    5
    """
    if n <= 0:
        return []
    if n == 1 and not centre_taken:
        return [(0, 0)]
    if n <= RING_MAX:
        radius = ICON_SPACING / 2 / math.sin(math.pi / n) if n > 1 else 0.0
        radius = max(radius, ICON_SPACING if centre_taken else ICON_SPACING / 2)
        start = -math.pi / 2  # the first site above the point
        return [
            (
                round(radius * math.cos(start + 2 * math.pi * k / n)),
                round(radius * math.sin(start + 2 * math.pi * k / n)),
            )
            for k in range(n)
        ]
    out, angle, leg = [], 0.0, 14.0  # markercluster's spiral, scaled to 26 px icons
    for k in range(n, -1, -1):
        if k < n:
            out.append((round(leg * math.cos(angle)), round(leg * math.sin(angle))))
        angle += (ICON_SPACING + 2) / leg + k * 0.0005
        leg += 5 * 2 * math.pi / angle
    return out


def _pixels(lon: np.ndarray, lat: np.ndarray, zoom: int) -> np.ndarray:
    """Web Mercator pixel coordinates (256 px tiles) at ``zoom``."""
    rad = np.radians(np.clip(lat, -85.0511, 85.0511))
    world = 256 * 2**zoom
    x = (lon + 180.0) / 360.0 * world
    y = (1.0 - np.log(np.tan(rad) + 1.0 / np.cos(rad)) / np.pi) / 2.0 * world
    return np.stack([x, y], axis=1)


def _near_offsets(lon: np.ndarray, lat: np.ndarray, zoom: int) -> tuple[np.ndarray, np.ndarray]:
    """Offsets for sites closer than :data:`ICON_SPACING` px at ``zoom`` (single linkage): each
    group is put on a ring around its mean position."""
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    px = _pixels(lon, lat, zoom)
    pairs = cKDTree(px).query_pairs(ICON_SPACING, output_type="ndarray").reshape(-1, 2)
    graph = coo_matrix((np.ones(len(pairs)), (pairs[:, 0], pairs[:, 1])), shape=(len(px), len(px)))
    _, group = connected_components(graph, directed=False)
    dx = np.zeros(len(lon), dtype=int)
    dy = np.zeros(len(lon), dtype=int)
    for g in np.unique(group):
        members = np.flatnonzero(group == g)
        if len(members) == 1:
            continue
        mean = px[members].mean(axis=0)
        for i, (x, y) in zip(members, ring_offsets(len(members)), strict=True):
            dx[i] = round(mean[0] + x - px[i, 0])
            dy[i] = round(mean[1] + y - px[i, 1])
    return dx, dy


def spread_offsets(
    lon: np.ndarray,
    lat: np.ndarray,
    *,
    taken: tuple[float, float] | None = None,
    digits: int = 5,
    zoom: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Integer pixel offsets spreading sites that share a point (rounded to ``digits``).

    With ``zoom`` (the map's first zoom), sites whose icons would overlap at that zoom are
    spread too, around their mean position (``taken`` is then ignored).

    ``taken`` is a (lon, lat) point whose centre another marker occupies (the searched place):
    sites there are all put on a ring around it.
    """
    lon = np.round(np.asarray(lon, dtype=float), digits)
    lat = np.round(np.asarray(lat, dtype=float), digits)
    dx = np.zeros(len(lon), dtype=int)
    dy = np.zeros(len(lon), dtype=int)
    if not len(lon):
        return dx, dy
    if zoom is not None:
        return _near_offsets(lon, lat, zoom)
    keys = np.stack([lon, lat], axis=1)
    _, group, counts = np.unique(keys, axis=0, return_inverse=True, return_counts=True)
    group = group.ravel()
    centre = None if taken is None else (round(taken[0], digits), round(taken[1], digits))
    order = np.argsort(group, kind="stable")
    for members in np.split(order, np.cumsum(counts)[:-1]):
        at_centre = centre is not None and (lon[members[0]], lat[members[0]]) == centre
        if len(members) == 1 and not at_centre:
            continue
        for i, (x, y) in zip(
            members, ring_offsets(len(members), centre_taken=at_centre), strict=True
        ):
            dx[i], dy[i] = x, y
    return dx, dy
