"""Tests for locator.regions: nearest-consulate approximations, on synthetic counties."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import MultiPolygon, Point, box

from geodata.errors import InvalidInputError, NotFoundError
from geodata.schema import coerce_sites
from locator.distance import haversine_km
from locator.index import SiteIndex
from locator.regions import (
    NEAREST_NOTE_EN,
    NEAREST_NOTE_ES,
    NOTE_EN,
    NOTE_ES,
    REGION_NOTE_ES,
    county_office,
    office_region,
    office_regions,
    serving_office,
)

CONSULATES = {
    "consulate-a": (-108.0, 32.0),
    "consulate-b": (-95.0, 38.0),
    "consulate-c": (-100.0, 39.5),
}


def make_index(consulates=CONSULATES, clinic=(-104.0, 35.0)):
    rows = [
        {
            "id": cid,
            "kind": "consulate",
            "name": f"Consulado {cid[-1].upper()}",
            "geometry": Point(xy),
        }
        for cid, xy in consulates.items()
    ]
    rows.append({"id": "clinic-1", "kind": "clinic", "name": "Clinic", "geometry": Point(clinic)})
    return SiteIndex.from_geodataframe(coerce_sites(rows))


def grid_counties(x0=-110, x1=-90, y0=30, y1=40):
    cells = [box(x, y, x + 1, y + 1) for x in range(x0, x1) for y in range(y0, y1)]
    return gpd.GeoDataFrame(
        {"fips": [f"{i:05d}" for i in range(len(cells))], "name": "County"},
        geometry=cells,
        crs="EPSG:4326",
    )


def brute_office(lon, lat, consulates=CONSULATES):
    ids = list(consulates)
    xy = np.array([consulates[i] for i in ids])
    return ids[int(np.argmin(haversine_km(lon, lat, xy[:, 0], xy[:, 1])))]


def test_office_regions_assign_each_county_to_nearest_consulate():
    counties = grid_counties()
    out = office_regions(make_index(), counties)
    assert list(out.columns) == [
        "office_id",
        "name",
        "counties",
        "approximation",
        "note_es",
        "note_en",
        "geometry",
    ]
    assert out.crs.to_epsg() == 4326
    assert out["approximation"].all() and (out["note_es"] == REGION_NOTE_ES).all()
    assert out["counties"].sum() == len(counties)
    expected: dict[str, list] = {}
    for geom in counties.geometry:
        p = geom.representative_point()
        expected.setdefault(brute_office(p.x, p.y), []).append(geom)
    assert sorted(out["office_id"]) == sorted(expected)
    for row in out.itertuples():
        union = gpd.GeoSeries(expected[row.office_id]).union_all()
        assert row.geometry.symmetric_difference(union).area < 1e-9
        assert row.counties == len(expected[row.office_id])
    assert "clinic-1" not in set(out["office_id"])


def test_office_regions_projected_input_and_antimeridian_county():
    aleutians = MultiPolygon([box(172, 51, 180, 53), box(-180, 51, -176, 53)])
    counties = gpd.GeoDataFrame(
        {"name": ["Aleutians West", "Empty"]}, geometry=[aleutians, None], crs="EPSG:4326"
    )
    index = make_index({"consulate-anchorage": (-149.9, 61.2), "consulate-sf": (-122.4, 37.8)})
    out = office_regions(index, counties)
    assert list(out["office_id"]) == ["consulate-anchorage"]
    assert out["counties"].tolist() == [1]
    assert out.geometry.iloc[0].symmetric_difference(aleutians).area < 1e-9
    projected = office_regions(make_index(), grid_counties().to_crs(5070))
    plain = office_regions(make_index(), grid_counties())
    assert projected["office_id"].tolist() == plain["office_id"].tolist()
    assert projected["counties"].tolist() == plain["counties"].tolist()


def test_office_regions_edge_cases():
    empty = office_regions(make_index(), grid_counties().iloc[0:0])
    assert len(empty) == 0 and "office_id" in empty
    with pytest.raises(NotFoundError) as info:
        office_regions(make_index(consulates={}), grid_counties())
    assert info.value.message("es") != info.value.message("en")


@settings(max_examples=60, deadline=None)
@given(st.floats(-125, -66), st.floats(24, 49.5))
def test_serving_office_is_nearest_consulate(lon, lat):
    office = serving_office(make_index(), lon, lat)
    assert office["office_id"] == brute_office(lon, lat) or np.isclose(
        office["distance_km"],
        haversine_km(lon, lat, *CONSULATES[brute_office(lon, lat)]),
        atol=1e-9,
    )
    cx, cy = CONSULATES[office["office_id"]]
    assert office["distance_km"] == pytest.approx(float(haversine_km(lon, lat, cx, cy)), abs=1e-9)
    assert office["approximation"] is True
    assert office["note_es"] == NEAREST_NOTE_ES and office["note_en"] == NEAREST_NOTE_EN
    assert office["site"]["kind"] == "consulate" and "geometry" not in office["site"]


def test_serving_office_ignores_closer_non_consulates_and_errors():
    office = serving_office(make_index(), -104.0, 35.0)  # standing on the clinic
    assert office["office_id"] != "clinic-1"
    with pytest.raises(NotFoundError):
        serving_office(make_index(consulates={}), -100, 40)
    with pytest.raises(InvalidInputError):
        serving_office(make_index(), -100, 100)


# --- memoised regions: identical to a plain dissolve, computed once per (index, counties) ---


def dissolve_reference(index, counties):
    """The pre-memoisation implementation: geopandas dissolve of every county.

    Counties a sourced jurisdiction rule names go to its office (first matching rule).
    """
    from geodata.jurisdiction_rules import jurisdiction_rules

    geoms = counties.to_crs(4326).geometry if counties.crs.to_epsg() != 4326 else counties.geometry
    usable = geoms.notna() & ~geoms.is_empty
    geoms = geoms[usable]
    points = geoms.representative_point()
    _, pos = index.nearest_many(points.x.to_numpy(), points.y.to_numpy(), k=1, kinds=["consulate"])
    position = pos[:, 0].copy()
    ids = list(index.sites["id"])
    if {"state", "name"} <= set(counties.columns):
        named = counties[usable]
        for i, (state, name) in enumerate(zip(named["state"], named["name"], strict=True)):
            rule = next((r for r in jurisdiction_rules() if r.matches(state, name)), None)
            if rule is not None and rule.office_id in ids:
                position[i] = ids.index(rule.office_id)
    frame = gpd.GeoDataFrame({"position": position}, geometry=geoms.to_numpy(), crs=4326)
    merged = frame.dissolve(by="position").reset_index()
    merged["office_id"] = index.sites["id"].to_numpy()[merged["position"].to_numpy()]
    return merged.set_index("office_id").geometry


def assert_same_shapes(out, reference):
    assert sorted(out["office_id"]) == sorted(reference.index)
    for row in out.itertuples():
        assert row.geometry.equals_exact(reference[row.office_id], 0.0), row.office_id


@pytest.fixture(scope="module")
def real_counties():
    from geodata.gazetteer import Gazetteer

    counties = Gazetteer.default().counties()
    return counties[counties["state"].isin(["IL", "IN", "WI", "GA", "AZ", "NM"])]


@pytest.fixture(scope="module")
def real_index():
    from geodata.bundled import load_bundled

    return SiteIndex.from_geodataframe(load_bundled().sites)


def test_memoised_regions_equal_dissolve_on_real_counties(real_index, real_counties):
    reference = dissolve_reference(real_index, real_counties)
    assert len(reference) >= 3
    for office_id in list(reference.index)[:4]:  # one office at a time, before the full frame
        one = office_region(real_index, real_counties, office_id)
        assert len(one) == 1 and one["approximation"].all()
        assert one.geometry.iloc[0].equals_exact(reference[office_id], 0.0)
    assert_same_shapes(office_regions(real_index, real_counties), reference)


def test_memoised_regions_equal_dissolve_on_overlapping_shapes():
    rng = np.random.default_rng(7)
    shapes = [
        Point(x, y).buffer(r, 8)
        for x, y, r in zip(
            rng.uniform(-110, -90, 200),
            rng.uniform(30, 40, 200),
            rng.uniform(0.2, 1.5, 200),
            strict=True,
        )
    ]
    counties = gpd.GeoDataFrame(geometry=shapes, crs="EPSG:4326")
    index = make_index()
    assert_same_shapes(office_regions(index, counties), dissolve_reference(index, counties))


def test_regions_are_memoised_per_index_and_counties(monkeypatch):
    index, counties = make_index(), grid_counties()
    calls = []
    original = SiteIndex.nearest_many

    def counting(self, *args, **kwargs):
        calls.append(1)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SiteIndex, "nearest_many", counting)
    first = office_regions(index, counties)
    first.loc[0, "name"] = "mutated by a caller"  # callers get their own frame
    again = office_regions(index, counties)
    one = office_region(index, counties, "consulate-b")
    assert len(calls) == 1
    assert "mutated by a caller" not in set(again["name"])
    assert one.geometry.iloc[0].equals(again.set_index("office_id").geometry["consulate-b"])
    office_regions(make_index(), counties)  # a new index (new dataset version): recomputed
    office_regions(index, grid_counties())  # another counties frame: recomputed
    assert len(calls) == 3


def test_office_region_unknown_or_empty():
    index, counties = make_index(), grid_counties()
    with pytest.raises(NotFoundError) as info:
        office_region(index, counties, "clinic-1")  # exists, but is not a consulate
    assert info.value.detail == {"id": "clinic-1"}
    with pytest.raises(NotFoundError):
        office_region(index, counties, "no-such-office")
    far = make_index({**CONSULATES, "consulate-far": (-70.0, 45.0)})
    empty = office_region(far, counties, "consulate-far")
    assert len(empty) == 0 and list(empty.columns) == list(office_regions(far, counties).columns)


# --- county_office: the office of the county that holds the point ---------------------------


@settings(max_examples=60, deadline=None)
@given(st.floats(-109.99, -90.01), st.floats(30.01, 39.99))
def test_county_office_agrees_with_the_region_maps(lon, lat):
    index, counties = make_index(), grid_counties()
    office = county_office(index, counties, lon, lat)
    regions = office_regions(index, counties).set_index("office_id")
    assert regions.loc[office["office_id"], "geometry"].intersects(Point(lon, lat))
    county = counties.set_index("fips").loc[office["county"]["fips"], "geometry"]
    assert county.intersects(Point(lon, lat))
    cx, cy = CONSULATES[office["office_id"]]
    assert office["distance_km"] == pytest.approx(float(haversine_km(lon, lat, cx, cy)))
    assert office["approximation"] is True
    assert (office["note_es"], office["note_en"]) == (NOTE_ES, NOTE_EN)


def test_county_office_is_the_county_assignment_not_the_nearest_office():
    # a consulate just outside a big county whose inside point is nearer to another one
    index = make_index({"consulate-near": (-99.0, 35.5), "consulate-far": (-104.0, 35.0)})
    counties = gpd.GeoDataFrame(
        {"fips": ["00001"]}, geometry=[box(-106, 34, -98.9, 36)], crs="EPSG:4326"
    )
    office = county_office(index, counties, -99.2, 35.5)
    assert serving_office(index, -99.2, 35.5)["office_id"] == "consulate-near"
    assert office["office_id"] == "consulate-far"


@pytest.mark.parametrize(("lon", "lat"), [(-0.1276, 51.5072), (-99.1332, 19.4326), (-150, 0)])
def test_county_office_outside_every_county_is_not_found(lon, lat):
    with pytest.raises(NotFoundError) as info:
        county_office(make_index(), grid_counties(), lon, lat)
    assert "not in a US county" in info.value.message("en")
    assert "no está en un condado de EE. UU." in info.value.message("es")


def test_county_office_errors():
    with pytest.raises(InvalidInputError):
        county_office(make_index(), grid_counties(), -100, 100)
    with pytest.raises(NotFoundError):
        county_office(make_index(consulates={}), grid_counties(), -100, 35)


@pytest.mark.parametrize(
    ("lon", "lat", "office", "state"),
    [
        (-87.6298, 41.8781, "consulate-chicago", "IL"),
        (-66.1057, 18.4655, "consulate-san-juan", "PR"),
        (-118.2437, 34.0522, "consulate-los-angeles", "CA"),
    ],
)
def test_county_office_on_the_real_counties(lon, lat, office, state):
    from geodata.bundled import load_bundled
    from geodata.gazetteer import Gazetteer

    index = SiteIndex.from_geodataframe(load_bundled().sites)
    counties = Gazetteer.default().counties()
    found = county_office(index, counties, lon, lat)
    assert found["office_id"] == office and found["county"]["state"] == state
    with pytest.raises(NotFoundError):
        county_office(index, counties, -0.1276, 51.5072)  # London
