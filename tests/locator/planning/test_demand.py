"""Tests of the demand layer (synthetic counties and places; made-up numbers)."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geodata.errors import InvalidInputError
from locator.distance import haversine_km
from locator.planning.demand import (
    DEMAND_COLUMNS,
    DemandLayer,
    proxy_places,
    weighted_centers,
)

from .conftest import grid_counties, grid_places


@pytest.fixture
def shapes():
    return grid_counties().drop(columns=["population", "center_lon", "center_lat"])


def test_proxy_sums_places_per_county(shapes):
    places = grid_places(shapes)
    layer = DemandLayer.from_places(shapes, places)
    assert list(layer.counties.columns) == [*DEMAND_COLUMNS, "geometry"]
    for county in layer.counties.itertuples():
        inside = [Point(x, y).within(county.geometry) for x, y in zip(places.lon, places.lat)]
        assert county.population == places.loc[inside, "population"].sum()
    assert layer.total_population == places["population"].sum()


def test_proxy_label_is_explicit_about_what_it_is(shapes):
    layer = DemandLayer.from_places(shapes, grid_places(shapes))
    assert "NOT the Mexico-born" in layer.label["en"]
    assert "NO es la población nacida en México" in layer.label["es"]
    assert "15,000" in layer.label["en"]
    assert set(layer.counties["population_source"]) == {"geonames_places_proxy"}
    assert layer.counties["population_label"].str.contains("NOT the Mexico-born").all()


def test_counties_without_places_get_zero_and_a_note(shapes):
    places = grid_places(shapes).iloc[2:]  # county 0 loses both its places
    layer = DemandLayer.from_places(shapes, places)
    first = layer.counties.iloc[0]
    assert first["population"] == 0 and first["n_places"] == 0
    assert "population 0" in first["note"]
    assert (layer.counties.iloc[1:]["note"] == "").all()
    assert first.geometry.contains(Point(first["center_lon"], first["center_lat"]))


@pytest.mark.parametrize("min_population", [15_000, 50_000])
def test_small_and_zip_only_places_are_left_out(shapes, min_population):
    places = grid_places(shapes)
    places["source"] = "geonames"
    places.loc[0, "source"] = "zip"
    layer = DemandLayer.from_places(shapes, places, min_population=min_population)
    expected = places.loc[
        (places["population"] >= min_population) & (places["source"] == "geonames"), "population"
    ].sum()
    assert layer.total_population == expected
    assert (
        len(proxy_places(places, min_population=min_population))
        == ((places["population"] >= min_population) & (places["source"] == "geonames")).sum()
    )


def test_weighted_centre_is_the_population_weighted_mean(shapes):
    places = grid_places(shapes)
    layer = DemandLayer.from_places(shapes, places)
    county = layer.counties.iloc[5]
    inside = places[[Point(x, y).within(county.geometry) for x, y in zip(places.lon, places.lat)]]
    w = inside["population"] / inside["population"].sum()
    # within one degree, the unit-vector mean is the plain weighted mean to well under 1 km
    assert (
        haversine_km(
            county.center_lon, county.center_lat, (w * inside.lon).sum(), (w * inside.lat).sum()
        )
        < 1.0
    )
    heavy = inside.loc[inside["population"].idxmax()]
    light = inside.loc[inside["population"].idxmin()]
    d_heavy = haversine_km(county.center_lon, county.center_lat, heavy.lon, heavy.lat)
    d_light = haversine_km(county.center_lon, county.center_lat, light.lon, light.lat)
    assert d_heavy <= d_light


def test_weighted_centers_across_the_antimeridian():
    out = weighted_centers(
        np.array([179.0, -179.0]),
        np.array([52.0, 52.0]),
        np.array([1.0, 3.0]),
        np.array(["x", "x"]),
    )
    lon = out.loc["x", "center_lon"]
    assert lon < -179.0 or lon > 179.0  # near the antimeridian, not near longitude 0
    assert abs(abs(lon) - 179.5) < 0.6


def test_places_outside_every_county_are_reported(shapes):
    places = pd.concat(
        [
            grid_places(shapes),
            pd.DataFrame(
                [{"name": "Sea", "state": "", "lon": -50.0, "lat": 30.0, "population": 20_000}]
            ),
        ]
    )
    layer = DemandLayer.from_places(shapes, places)
    assert any("outside every county" in n for n in layer.notes["en"])
    assert layer.total_population == places["population"].sum() - 20_000


def test_acs_layer_maps_by_fips_and_reports_unmatched(shapes):
    acs = pd.DataFrame(
        {
            "fips": [shapes["fips"].iat[0], shapes["fips"].iat[3], "09110"],
            "mexico_born": [120, 30, 999],
        }
    )
    layer = DemandLayer.from_acs(shapes, acs, places=grid_places(shapes))
    pop = layer.counties.set_index("fips")["population"]
    assert pop.iat[0] == 120 and pop.iat[3] == 30 and pop.sum() == 150
    assert any("09110" in n for n in layer.notes["en"])
    assert any("999" in n for n in layer.notes["en"])
    assert "Mexico-born" in layer.label["en"]
    assert (layer.counties["note"] != "").sum() == len(shapes) - 2


@pytest.mark.parametrize(
    "frame",
    [
        pd.DataFrame({"lon": [0.0], "lat": [0.0]}),
        pd.DataFrame({"name": ["a"], "population": [1]}),
    ],
)
def test_bad_places_are_input_errors(shapes, frame):
    with pytest.raises(InvalidInputError):
        DemandLayer.from_places(shapes, frame)


def test_bad_acs_table_and_counties_are_input_errors(shapes):
    with pytest.raises(InvalidInputError):
        DemandLayer.from_acs(shapes, pd.DataFrame({"fips": ["1"]}))
    with pytest.raises(InvalidInputError):
        DemandLayer.from_places(
            gpd.GeoDataFrame({"geometry": [box(0, 0, 1, 1)]}, crs=4326), grid_places(shapes)
        )
