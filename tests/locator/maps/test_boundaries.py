import json

import pytest

from locator.maps.boundaries import counties_geojson, states_geojson, tolerance_for


def test_states_only_in_extent_and_rounded():
    fc = states_geojson((-88.0, 41.0, -87.0, 42.5))
    names = {f["properties"]["name"] for f in fc["features"]}
    assert {"Illinois", "Indiana"} <= names and "California" not in names
    text = json.dumps(fc)
    assert all(f["geometry"]["type"] in ("LineString", "MultiLineString") for f in fc["features"])
    coords = fc["features"][0]["geometry"]["coordinates"]
    flat = coords[0] if isinstance(coords[0][0], float) else coords[0][0]
    assert all(round(v, 3) == v for v in flat)
    assert len(text) < 100_000


def test_counties_limited_to_small_extents():
    assert counties_geojson((-125.0, 24.0, -66.0, 50.0)) is None
    cook = counties_geojson((-87.9, 41.8, -87.6, 42.0))
    assert "Cook County" in {f["properties"]["name"] for f in cook["features"]}


@pytest.mark.parametrize(
    "bounds,expected", [((-88, 41, -87, 42), 0.002), ((-125, 24, -66, 50), 0.03)]
)
def test_tolerance(bounds, expected):
    assert tolerance_for(bounds) == expected
