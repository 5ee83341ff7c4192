"""RFC 7946 everywhere: a strict validator (geodata.geojson) over every GeoJSON file the project
writes (bundled data, `export --format geojson`, coverage.geojson, map boundaries)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shapely.geometry import Polygon

from geodata.bundled import DATA_DIR
from geodata.export import export_sites
from geodata.geojson import oriented, rfc7946_problems
from geodata.stores import open_store


def _poly(rings):
    return {
        "type": "Feature",
        "properties": {},
        "geometry": {"type": "Polygon", "coordinates": rings},
    }


CCW = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]
HOLE_CW = [[0.2, 0.2], [0.2, 0.4], [0.4, 0.4], [0.4, 0.2], [0.2, 0.2]]


@pytest.mark.parametrize(
    ("doc", "problem"),
    [
        (_poly([CCW[::-1]]), "clockwise"),
        (_poly([CCW, HOLE_CW[::-1]]), "hole 1 is counterclockwise"),
        (_poly([CCW[:-1]]), "not closed"),
        (_poly([CCW[:3]]), "fewer than 4"),
        ({"type": "FeatureCollection", "features": [], "crs": {"type": "name"}}, "'crs'"),
        ({"type": "Feature", "properties": {}}, "no 'geometry'"),
        ({"type": "Feature", "geometry": None}, "no 'properties'"),
        (
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [41.8, -87.6, 1, 2]},
                "properties": None,
            },
            "2 or 3",
        ),
        (
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [10, 95]},
                "properties": None,
            },
            "longitude, latitude",
        ),
        (
            '{"type": "Feature", "geometry": {"type": "Point", "coordinates": [NaN, 1]}, '
            '"properties": null}',
            "not JSON",
        ),
        ({"type": "Feature", "id": [1], "geometry": None, "properties": None}, "id"),
        ({"type": "Polygonz"}, "unknown"),
    ],
)
def test_validator_catches(doc, problem):
    problems = rfc7946_problems(doc)
    assert problems and any(problem in p for p in problems), problems


def test_validator_accepts_the_right_hand_rule():
    assert rfc7946_problems(_poly([CCW, HOLE_CW])) == []


def test_oriented_fixes_clockwise_rings():
    import geopandas as gpd

    cw = Polygon(
        [(0, 0), (0, 1), (1, 1), (1, 0)], [[(0.2, 0.2), (0.4, 0.2), (0.4, 0.4), (0.2, 0.4)]]
    )
    frame = gpd.GeoDataFrame({"a": [1]}, geometry=[cw], crs="EPSG:4326")
    assert rfc7946_problems(json.loads(frame.to_json()))  # as geopandas writes it
    assert rfc7946_problems(json.loads(oriented(frame).to_json())) == []


@pytest.mark.parametrize("path", sorted(DATA_DIR.glob("*.geojson")), ids=lambda p: p.name)
def test_bundled_files(path: Path):
    assert rfc7946_problems(path.read_text(encoding="utf-8")) == []


def test_export_geojson(tmp_path):
    store = open_store(tmp_path / "s.gpkg")
    path = export_sites(store, tmp_path / "sites.geojson", fmt="geojson")
    assert rfc7946_problems(path.read_text(encoding="utf-8")) == []


def test_coverage_geojson_follows_the_right_hand_rule(tmp_path):
    from locator.planning.coverage import CoverageModel
    from locator.planning.outputs import write_gap_outputs
    from tests.locator.planning.conftest import grid_counties, make_sites

    counties = grid_counties(seed=3)
    counties["geometry"] = counties.geometry.map(lambda g: g.reverse())  # clockwise input
    sites = make_sites([(-99.5, 36.5), (-95.5, 39.5)], ["vds", "consulate"])
    model = CoverageModel.from_geodataframe(counties, sites, kinds="vds", gap_km=100).solve()
    paths = write_gap_outputs(model, tmp_path, lang="en")
    doc = json.loads(paths["geojson"].read_text(encoding="utf-8"))
    assert doc["features"] and rfc7946_problems(doc) == []


def test_map_boundaries():
    from locator.maps.boundaries import counties_geojson, states_geojson

    bounds = (-88.0, 41.0, -87.0, 42.5)
    for doc in (states_geojson(bounds), counties_geojson(bounds)):
        if doc is not None:
            assert rfc7946_problems(json.loads(json.dumps(doc))) == []  # as sent to a page
