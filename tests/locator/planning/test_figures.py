"""Planner figures checked against hand computations (made-up counties on the equator)."""

import math

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geodata.schema import coerce_sites
from locator.planning.caveats import CAVEATS, county_caveats
from locator.planning.coverage import CoverageModel
from locator.planning.figures import beyond_table, share_within, weighted_median

KM_PER_DEG = math.pi * 6371.0088 / 180  # along the equator


@pytest.mark.parametrize(
    ("values", "weights", "want"),
    [
        ([10, 50, 400], [5, 1, 3], 10),  # 5 of 9 people at 10 km
        ([10, 50, 400], [1, 1, 3], 400),  # 3 of 5 at 400 km
        ([400, 10, 50], [3, 1, 1], 400),  # order does not matter
        ([10, 20], [1, 1], 10),  # exactly half: the lower value
        ([10, 20, 30], [0, float("nan"), 2], 30),  # zero and unknown weigh nothing
    ],
)
def test_weighted_median_by_hand(values, weights, want):
    assert weighted_median(values, weights) == want


def test_weighted_median_without_people_is_nan():
    assert math.isnan(weighted_median([1.0, 2.0], [0, float("nan")]))


def _layer():
    """Five counties on the equator at 0.5, 1, 3, 6, 9 degrees; sites at 0 and 10 degrees.

    Populations 100, 300, 50, unknown, 200; states A, A, B, B, C.
    """
    lons = [0.5, 1.0, 3.0, 6.0, 9.0]
    return gpd.GeoDataFrame(
        {
            "fips": ["1", "2", "3", "4", "5"],
            "name": list("abcde"),
            "state": ["A", "A", "B", "B", "C"],
            "population": [100.0, 300.0, 50.0, np.nan, 200.0],
            "center_lon": lons,
            "center_lat": [0.0] * 5,
        },
        geometry=[box(x - 0.1, -0.1, x + 0.1, 0.1) for x in lons],
        crs=4326,
    )


def _sites():
    return coerce_sites(
        [
            {"id": "west", "kind": "vds", "name": "W", "geometry": Point(0.0, 0.0)},
            {"id": "east", "kind": "vds", "name": "E", "geometry": Point(10.0, 0.0)},
        ]
    )


@pytest.fixture(scope="module")
def model():
    return CoverageModel.from_geodataframe(
        _layer(), _sites(), thresholds_km=(100, 300), gap_km=100
    ).solve()


def test_weighted_mean_and_median_per_catchment_by_hand(model):
    c = model.catchments.set_index("site_id")
    # west serves 0.5, 1, 3 degrees (people 100, 300, 50); east serves 6 (unknown) and 9 (200)
    d = KM_PER_DEG
    west_mean = (100 * 0.5 * d + 300 * 1.0 * d + 50 * 3.0 * d) / 450
    assert c.loc["west", "weighted_mean_km"] == pytest.approx(west_mean, rel=1e-9)
    assert c.loc["west", "weighted_median_km"] == pytest.approx(1.0 * d, rel=1e-9)  # 400 >= 225
    assert c.loc["west", "mean_km"] == pytest.approx((0.5 + 1 + 3) / 3 * d, rel=1e-9)
    assert c.loc["east", "weighted_mean_km"] == pytest.approx(1.0 * d, rel=1e-9)  # only 9 deg
    assert c.loc["east", "weighted_median_km"] == pytest.approx(1.0 * d, rel=1e-9)
    assert c.loc["east", "mean_km"] == pytest.approx((4 + 1) / 2 * d, rel=1e-9)  # unweighted
    assert c.loc["east", "counties_no_figure"] == 1 and c.loc["west", "counties_no_figure"] == 0
    assert c.loc["east", "population"] == 200


def test_people_beyond_per_state_and_office_by_hand(model):
    # distances: 55.6, 111.2, 333.6, 444.8 (unknown people), 111.2 km
    s = model.by_state.set_index("state")
    assert s.loc["A", "beyond_100km"] == 300 and s.loc["A", "beyond_300km"] == 0
    assert s.loc["A", "share_beyond_100km"] == pytest.approx(300 / 400)
    assert s.loc["B", "beyond_100km"] == 50 and s.loc["B", "beyond_300km"] == 50
    assert s.loc["B", "counties_no_figure"] == 1 and s.loc["B", "population"] == 50
    assert s.loc["C", "beyond_100km"] == 200 and s.loc["C", "beyond_300km"] == 0
    assert model.by_state["state"].iat[0] == "B"  # most beyond the largest threshold
    o = model.by_office.set_index("site_id")
    assert o.loc["west", "beyond_100km"] == 350 and o.loc["west", "beyond_300km"] == 50
    assert o.loc["east", "beyond_100km"] == 200 and o.loc["east", "population"] == 200
    assert (
        o.loc["west", "weighted_mean_km"]
        == model.catchments.set_index("site_id").loc["west", "weighted_mean_km"]
    )


def test_share_covered_by_hand(model):
    cov = model.share_covered()
    assert cov == {
        "threshold_km": 100.0,
        "within_km": 100.0,  # deprecated alias of threshold_km
        "population_total": 650.0,
        "population_within": 100.0,
        "share_within": pytest.approx(100 / 650),
    }
    assert share_within(model.counties, 120)["population_within"] == 600.0
    assert model.unknown_population_beyond() == {"B": 1}


def test_beyond_table_counts_unknown_apart():
    c = pd.DataFrame(
        {"state": ["X", "X"], "population": [np.nan, np.nan], "nearest_km": [500.0, 10.0]}
    )
    t = beyond_table(c, (100,), by="state")
    assert t.loc[0, "population"] == 0 and t.loc[0, "counties_no_figure"] == 2
    assert math.isnan(t.loc[0, "share_beyond_100km"])  # no people: no share, not 0 %


def _houston_sites(with_vds):
    rows = [
        {
            "id": "c-houston",
            "kind": "consulate",
            "name": "Consulado Houston",
            "city": "Houston",
            "state": "TX",
            "geometry": Point(-95.37, 29.76),
        },
        {
            "id": "c-austin",
            "kind": "consulate",
            "name": "Consulado Austin",
            "city": "Austin",
            "state": "TX",
            "geometry": Point(-97.74, 30.27),
        },
        {
            "id": "v-austin",
            "kind": "vds",
            "name": "VDS Austin",
            "city": "Austin",
            "state": "TX",
            "geometry": Point(-97.74, 30.27),
        },
    ]
    if with_vds:
        rows.append(
            {
                "id": "v-houston",
                "kind": "vds",
                "name": "VDS Houston",
                "city": "Houston",
                "state": "TX",
                "geometry": Point(-95.37, 29.76),
            }
        )
    return coerce_sites(rows)


def _tx_counties():
    lons = [-95.4, -95.8, -97.7]  # Harris-like, Fort Bend-like, Travis-like
    lats = [29.8, 29.5, 30.3]
    return gpd.GeoDataFrame(
        {
            "fips": ["h", "f", "t"],
            "name": ["H", "F", "T"],
            "state": "TX",
            "population": [1000.0, 500.0, 800.0],
            "center_lon": lons,
            "center_lat": lats,
        },
        geometry=[box(x - 0.1, y - 0.1, x + 0.1, y + 0.1) for x, y in zip(lons, lats, strict=True)],
        crs=4326,
    )


def test_houston_caveat_on_the_gaps_it_affects():
    model = CoverageModel.from_geodataframe(
        _tx_counties(), _houston_sites(False), kinds="vds", gap_km=100
    ).solve()
    gaps = model.gaps.set_index("fips")
    assert set(gaps.index) == {"h", "f"}  # ~200 km from Austin's VDS
    assert (gaps["caveat"] == "houston_vds_missing").all()
    c = model.counties.set_index("fips")
    assert c.loc["t", "caveat"] == ""  # Travis's nearest consulate is Austin
    assert model.caveats("en") == {"houston_vds_missing": CAVEATS["houston_vds_missing"]["en"]}
    assert model.by_office.set_index("site_id").loc["v-austin", "caveat"] == "houston_vds_missing"


def test_houston_caveat_when_its_vds_is_counted():
    model = CoverageModel.from_geodataframe(
        _tx_counties(), _houston_sites(True), kinds="vds", gap_km=100
    ).solve()
    assert model.gaps.empty
    c = model.counties.set_index("fips")
    assert c.loc["h", "caveat"] == c.loc["f", "caveat"] == "houston_vds_counted"
    assert c.loc["t", "caveat"] == ""
    assert "houston_vds_counted" in model.caveats("es")


def test_no_houston_caveat_when_vds_do_not_count():
    counties = _tx_counties()
    out = county_caveats(
        counties.assign(nearest_site_id="c-austin"), _houston_sites(False), kinds=["consulate"]
    )
    assert (out == "").all()
