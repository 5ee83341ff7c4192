"""Tests of CoverageModel on synthetic counties (made-up numbers), checked by brute force."""

import json

import numpy as np
import pytest

from geodata.errors import InvalidInputError
from locator.distance import haversine_km
from locator.planning.coverage import CoverageModel
from locator.planning.demand import DemandLayer

from .conftest import grid_counties, grid_places, make_sites


def _brute(counties, sites):
    lon, lat = counties.center_lon.to_numpy(), counties.center_lat.to_numpy()
    d = haversine_km(
        lon[:, None], lat[:, None], sites.geometry.x.to_numpy(), sites.geometry.y.to_numpy()
    )
    return d.min(axis=1), d.argmin(axis=1)


@pytest.mark.parametrize("kinds", [None, "vds", ["consulate"]])
def test_nearest_distance_and_site_match_brute_force(counties, sites, kinds):
    model = CoverageModel.from_geodataframe(counties, sites, kinds=kinds).solve()
    wanted = [kinds] if isinstance(kinds, str) else kinds
    chosen = sites if wanted is None else sites[sites["kind"].isin(wanted)]
    dist, arg = _brute(counties, chosen)
    assert np.allclose(model.counties["nearest_km"], dist)
    assert model.counties["nearest_site_id"].tolist() == chosen["id"].to_numpy()[arg].tolist()


@pytest.mark.parametrize("thresholds", [(50, 100, 200), (25,), (300, 10)])
def test_summary_sums_population_beyond_each_threshold(counties, sites, thresholds):
    model = CoverageModel.from_geodataframe(counties, sites, thresholds_km=thresholds).solve()
    dist, _ = _brute(counties, sites)
    pop = counties["population"].to_numpy(float)
    for row in model.summary.itertuples():
        assert row.population_beyond == pop[dist > row.threshold_km].sum()
        assert row.counties_beyond == (dist > row.threshold_km).sum()
        assert row.share_beyond == pytest.approx(pop[dist > row.threshold_km].sum() / pop.sum())
    assert sorted(model.summary["threshold_km"]) == model.summary["threshold_km"].tolist()


def test_gaps_are_ranked_by_population_and_beyond_gap_km(counties, sites):
    model = CoverageModel.from_geodataframe(counties, sites, gap_km=150).solve()
    gaps = model.gaps
    assert (gaps["nearest_km"] > 150).all() and (gaps["population"] > 0).all()
    assert gaps["population"].is_monotonic_decreasing
    assert gaps["rank"].tolist() == list(range(1, len(gaps) + 1))
    dist, _ = _brute(counties, sites)
    assert len(gaps) == ((dist > 150) & (counties["population"] > 0)).sum()
    assert 150.0 in model.thresholds_km


def test_catchments_partition_the_population(counties, sites):
    model = CoverageModel.from_geodataframe(counties, sites).solve()
    c = model.catchments
    assert c["population"].sum() == counties["population"].sum()
    assert c["counties"].sum() == len(counties)
    assert set(c["site_id"]) == set(sites["id"])
    assert c["population"].is_monotonic_decreasing


def test_site_without_counties_still_listed(counties):
    sites = make_sites([(-99.5, 36.5), (-99.5, 36.4999)])
    model = CoverageModel.from_geodataframe(counties, sites).solve()
    assert model.catchments.set_index("site_id").loc["site-1", "counties"] == 0


def test_accessibility_columns_and_demand_layer_input():
    shapes = grid_counties().drop(columns=["population", "center_lon", "center_lat"])
    layer = DemandLayer.from_places(shapes, grid_places(shapes))
    sites = make_sites([(-98.5, 37.5)])
    model = CoverageModel.from_geodataframe(layer, sites, fca_max_km=100).solve()
    c = model.counties
    near = c["nearest_km"] <= 100
    assert (c.loc[~near, "access_2sfca"] == 0).all()
    expected = 1e5 / c.loc[near, "population"].sum()  # one site shared by everyone in reach
    assert np.allclose(c.loc[near, "access_2sfca"], expected)
    assert model.population_label == layer.label
    json.dumps(model.to_dict(), default=str)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"thresholds_km": []},
        {"thresholds_km": [0]},
        {"thresholds_km": [-5, 10]},
        {"thresholds_km": ["x"]},
        {"gap_km": float("nan")},
        {"fca_max_km": 0},
        {"kinds": "shelter"},
        {"kinds": "clinic"},
        {"services": "nope"},
    ],
)
def test_bad_parameters_are_input_errors(counties, sites, kwargs):
    with pytest.raises(InvalidInputError):
        CoverageModel.from_geodataframe(counties, sites, **kwargs).solve()


def test_missing_columns_and_unsolved_model(counties, sites):
    with pytest.raises(InvalidInputError):
        CoverageModel.from_geodataframe(counties.drop(columns="center_lon"), sites)
    with pytest.raises(InvalidInputError):
        CoverageModel.from_geodataframe(counties, sites).population_beyond(10)


def test_accessibility_can_be_skipped_without_changing_distances(counties, sites):
    full = CoverageModel.from_geodataframe(counties, sites).solve()
    fast = CoverageModel.from_geodataframe(counties, sites, accessibility=False).solve()
    assert np.array_equal(full.counties["nearest_km"], fast.counties["nearest_km"])
    assert fast.counties["access_2sfca"].isna().all()
    assert full.gaps.equals(fast.gaps)
