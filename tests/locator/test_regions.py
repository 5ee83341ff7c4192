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
from locator.regions import NOTE_EN, NOTE_ES, office_regions, serving_office

CONSULATES = {
    "consulate-a": (-108.0, 32.0),
    "consulate-b": (-95.0, 38.0),
    "consulate-c": (-100.0, 39.5),
}


def make_index(consulates=CONSULATES, clinic=(-104.0, 35.0)):
    rows = [{"id": cid, "kind": "consulate", "name": f"Consulado {cid[-1].upper()}",
             "geometry": Point(xy)} for cid, xy in consulates.items()]
    rows.append({"id": "clinic-1", "kind": "clinic", "name": "Clinic", "geometry": Point(clinic)})
    return SiteIndex.from_geodataframe(coerce_sites(rows))


def grid_counties(x0=-110, x1=-90, y0=30, y1=40):
    cells = [box(x, y, x + 1, y + 1) for x in range(x0, x1) for y in range(y0, y1)]
    return gpd.GeoDataFrame(
        {"fips": [f"{i:05d}" for i in range(len(cells))], "name": "County"},
        geometry=cells, crs="EPSG:4326",
    )


def brute_office(lon, lat, consulates=CONSULATES):
    ids = list(consulates)
    xy = np.array([consulates[i] for i in ids])
    return ids[int(np.argmin(haversine_km(lon, lat, xy[:, 0], xy[:, 1])))]


def test_office_regions_assign_each_county_to_nearest_consulate():
    counties = grid_counties()
    out = office_regions(make_index(), counties)
    assert list(out.columns) == ["office_id", "name", "counties", "approximation", "note_es",
                                 "note_en", "geometry"]
    assert out.crs.to_epsg() == 4326
    assert out["approximation"].all() and (out["note_es"] == NOTE_ES).all()
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
    counties = gpd.GeoDataFrame({"name": ["Aleutians West", "Empty"]},
                                geometry=[aleutians, None], crs="EPSG:4326")
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
    assert office["note_es"] == NOTE_ES and office["note_en"] == NOTE_EN
    assert office["site"]["kind"] == "consulate" and "geometry" not in office["site"]


def test_serving_office_ignores_closer_non_consulates_and_errors():
    office = serving_office(make_index(), -104.0, 35.0)  # standing on the clinic
    assert office["office_id"] != "clinic-1"
    with pytest.raises(NotFoundError):
        serving_office(make_index(consulates={}), -100, 40)
    with pytest.raises(InvalidInputError):
        serving_office(make_index(), -100, 100)
