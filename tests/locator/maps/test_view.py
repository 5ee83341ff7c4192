"""View of office maps: bounds on the sphere, unwrapping across 180°, sites in view."""

from __future__ import annotations

import pytest
from shapely.geometry import MultiPolygon, Point, box

from geodata.bundled import load_bundled
from geodata.gazetteer import Gazetteer
from locator.index import SiteIndex
from locator.maps import office_map
from locator.maps.map_data import office_source
from locator.maps.view import (
    MIN_HALF_SPAN_KM,
    fitted_view,
    geometry_bounds,
    site_view,
    sphere_bounds,
    unwrap,
)

ALASKA = MultiPolygon([box(-179.1, 51.2, -129.9, 71.4), box(172.4, 52.9, 179.8, 53.0)])


def test_sphere_bounds_unwraps_the_antimeridian():
    west, south, east, north = geometry_bounds([ALASKA])
    assert (west, east) == (172.4, 360 - 129.9)  # 57.7° wide, not 359°
    assert (south, north) == (51.2, 71.4)


@pytest.mark.parametrize(
    "boxes,expected",
    [
        ([(-10, 0, -10, 0)], (-10, -10)),
        ([(-100, 0, -90, 0), (-95, 0, -80, 0)], (-100, -80)),
        ([(170, 0, 180, 0), (-180, 0, -170, 0)], (170, 190)),
        ([(-170, 0, -170, 0), (10, 0, 10, 0), (170, 0, 170, 0)], (10, 190)),
    ],
)
def test_sphere_bounds_shortest_arc(boxes, expected):
    west, _, east, _ = sphere_bounds(boxes)
    assert (west, east) == expected


def test_unwrap_moves_by_whole_turns_only():
    moved = unwrap(ALASKA, -150.0)
    assert moved.bounds[0] == pytest.approx(172.4 - 360) and moved.bounds[2] == -129.9
    assert moved.area == pytest.approx(ALASKA.area)


def test_site_view_keeps_context_around_one_point():
    west, south, east, north = site_view((-87.6, 41.9, -87.6, 41.9))
    assert (north - south) * 111.2 >= 2 * MIN_HALF_SPAN_KM - 1
    assert west < -87.6 < east


@pytest.fixture(scope="module")
def bundled():
    sites = load_bundled().sites
    return SiteIndex.from_geodataframe(sites), Gazetteer.default().counties()


def _fit(m):
    fit = next(c for c in m._children.values() if type(c).__name__ == "FitBounds")
    return fit.bounds


@pytest.mark.parametrize(
    "office_id",
    ["consulate-seattle", "consulate-san-francisco", "consulate-oxnard", "consulate-new-york"],
)
def test_office_view_holds_its_sites_on_both_screen_sizes(bundled, office_id):
    index, counties = bundled
    data = office_source(index, office_id, counties=counties)
    m = office_map(data.office, region=data.region, sites=data.sites, lang="es", basemap="none")
    (south, west), (north, east) = _fit(m)
    assert east - west < 10 and north - south < 10  # a metro area, not an ocean
    office = data.office.geometry
    assert west < office.x < east and south < office.y < north
    for size in [(928, 800), (390, 320)]:
        zoom, (vw, vs, ve, vn) = fitted_view((west, south, east, north), size)
        assert zoom >= 6 and vw < office.x < ve and vs < office.y < vn


def test_region_across_the_antimeridian_is_drawn_in_one_piece():
    sites = load_bundled().sites
    office = sites[sites["id"] == "consulate-seattle"].iloc[0]
    m = office_map(
        office, region=ALASKA.union(box(-124.7, 45.5, -116.9, 49.0)), lang="en", basemap="none"
    )
    region = next(c for c in m._children.values() if type(c).__name__ == "RegionLayer")
    assert '"coordinates"' in region.data_js
    assert "172.4" not in region.data_js and "-187.6" in region.data_js
    assert Point(office.geometry.x, office.geometry.y).x > -130
