"""Icon offsets for co-located sites (locator.maps.spread)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from locator.maps.spread import ICON_SPACING, ring_offsets, spread_offsets


def _min_gap(points):
    return min(math.dist(a, b) for a, b in itertools.combinations(points, 2))


@pytest.mark.parametrize("n", [2, 3, 5, 8, 9, 20, 60])
def test_offsets_are_distinct_and_apart(n):
    points = ring_offsets(n)
    assert len(points) == n
    assert _min_gap(points) >= ICON_SPACING - 1  # rounding to whole pixels


@pytest.mark.parametrize("n", [1, 2, 4])
def test_centre_taken_keeps_every_icon_off_the_centre(n):
    points = ring_offsets(n, centre_taken=True)
    assert all(math.hypot(x, y) >= ICON_SPACING - 1 for x, y in points)


def test_spread_only_moves_shared_points():
    lon = np.array([-87.6, -87.6, -88.0, -87.6])
    lat = np.array([41.8, 41.8, 41.9, 41.8 + 1e-7])  # the last one rounds onto the others
    dx, dy = spread_offsets(lon, lat)
    assert (dx[2], dy[2]) == (0, 0)
    moved = [(dx[i], dy[i]) for i in (0, 1, 3)]
    assert len(set(moved)) == 3 and _min_gap(moved) >= ICON_SPACING - 1


def test_spread_around_a_taken_point():
    dx, dy = spread_offsets(np.array([-87.6, -88.0]), np.array([41.8, 41.9]), taken=(-87.6, 41.8))
    assert math.hypot(dx[0], dy[0]) >= ICON_SPACING - 1 and (dx[1], dy[1]) == (0, 0)
    assert spread_offsets(np.array([]), np.array([]))[0].size == 0


def test_near_sites_are_spread_at_the_first_zoom():
    import numpy as np

    from locator.maps.spread import ICON_SPACING, _pixels, spread_offsets

    lon, lat = np.array([-73.98, -73.99, -75.0]), np.array([40.75, 40.76, 41.0])
    dx, dy = spread_offsets(lon, lat, zoom=8)
    px = _pixels(lon, lat, 8) + np.stack([dx, dy], axis=1)
    assert np.hypot(*(px[0] - px[1])) >= ICON_SPACING - 1  # overlapped before: now apart
    assert (dx[2], dy[2]) == (0, 0)  # far away: untouched
    assert spread_offsets(lon, lat, zoom=16)[0].tolist() == [0, 0, 0]  # apart at zoom 16
