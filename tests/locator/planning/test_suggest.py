"""Tests of SiteSuggester (spopt MCLP): optimum checked by brute force over small instances."""

from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from geodata.errors import InvalidInputError
from locator.distance import haversine_km
from locator.planning.suggest import SiteSuggester

from .conftest import grid_counties, make_sites


def _candidates(n, seed):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "name": [f"P{i}" for i in range(n)],
            "state": "KS",
            "lon": rng.uniform(-100, -94, n),
            "lat": rng.uniform(36, 40, n),
            "population": rng.integers(15_000, 60_000, n),
        }
    )


def _covered(counties, lons, lats, radius):
    if not len(lons):
        return np.zeros(len(counties), dtype=bool)
    lon, lat = counties.center_lon.to_numpy(), counties.center_lat.to_numpy()
    d = haversine_km(lon[:, None], lat[:, None], np.asarray(lons), np.asarray(lats))
    return (d <= radius).any(axis=1)


def _best(counties, sites, cands, k, radius):
    pop = counties["population"].to_numpy(float)
    base = _covered(counties, sites.geometry.x, sites.geometry.y, radius)
    best = 0.0
    for combo in combinations(range(len(cands)), k):
        c = cands.iloc[list(combo)]
        best = max(best, pop[base | _covered(counties, c.lon, c.lat, radius)].sum())
    return best


@pytest.mark.parametrize(("seed", "k", "radius"), [(0, 1, 80), (1, 2, 80), (2, 2, 120), (3, 3, 60)])
@pytest.mark.parametrize("reduce", [True, False])
def test_mclp_finds_the_brute_force_optimum(seed, k, radius, reduce):
    counties = grid_counties(seed=seed)
    sites = make_sites([(-99.5, 36.5), (-96.0, 39.0)])
    cands = _candidates(12, seed)
    model = SiteSuggester.from_geodataframe(
        counties, sites, candidates=cands, k=k, service_radius_km=radius, reduce=reduce
    ).solve()
    best = _best(counties, sites, cands, k, radius)
    assert model.coverage_after["population_covered"] == pytest.approx(best)
    assert model.objective == pytest.approx(best)
    chosen = model.suggestions
    got = _covered(
        counties, [*sites.geometry.x, *chosen.lon], [*sites.geometry.y, *chosen.lat], radius
    )
    assert counties["population"][got].sum() == pytest.approx(best)


def test_reduction_shrinks_the_model_and_keeps_the_optimum():
    counties = grid_counties(nx=8, ny=6, seed=7)
    sites = make_sites([(-99.5, 36.5)])
    cands = _candidates(40, 7)
    kw = {"candidates": cands, "k": 3, "service_radius_km": 90}
    full = SiteSuggester.from_geodataframe(counties, sites, reduce=False, **kw).solve()
    small = SiteSuggester.from_geodataframe(counties, sites, **kw).solve()
    assert small.coverage_after == full.coverage_after
    assert small.reduced_shape[0] < full.reduced_shape[0]
    assert small.reduced_shape[1] <= full.reduced_shape[1]


def test_suggestions_are_labelled_ranked_and_add_coverage():
    counties = grid_counties(seed=4)
    sites = make_sites([(-99.5, 36.5)])
    model = SiteSuggester.from_geodataframe(
        counties, sites, candidates=_candidates(15, 4), k=3, service_radius_km=70, mode="mobile"
    ).solve()
    s = model.suggestions
    assert s["illustrative"].all()
    assert s["note"].str.contains("not a real site").all()
    assert s["label"].str.contains("Mobile-unit stop").all()
    assert s["newly_covered_population"].is_monotonic_decreasing
    gain = model.coverage_after["population_covered"] - model.coverage_before["population_covered"]
    assert s["newly_covered_population"].sum() == pytest.approx(gain)
    assert model.coverage_before["population_covered"] == pytest.approx(
        counties["population"][_covered(counties, [-99.5], [36.5], 70)].sum()
    )


def test_mobile_candidates_stay_near_their_base():
    counties = grid_counties(seed=5)
    sites = make_sites([(-99.5, 36.5), (-95.5, 39.5)])
    cands = _candidates(30, 5)
    model = SiteSuggester.from_geodataframe(
        counties,
        sites,
        candidates=cands,
        k=2,
        service_radius_km=60,
        base_site_ids=["site-1"],
        max_base_km=150,
    ).solve()
    d = haversine_km(model.suggestions.lon, model.suggestions.lat, -95.5, 39.5)
    assert (d <= 150).all()
    assert (haversine_km(model.candidates.lon, model.candidates.lat, -95.5, 39.5) <= 150).all()


def test_fewer_useful_candidates_than_k():
    counties = grid_counties(seed=6)
    sites = make_sites([(-99.5, 36.5)])
    cands = pd.DataFrame(
        {
            "name": ["A", "Far"],
            "state": "KS",
            "lon": [-95.5, 10.0],
            "lat": [39.5, 10.0],
            "population": [20_000, 20_000],
        }
    )
    model = SiteSuggester.from_geodataframe(
        counties, sites, candidates=cands, k=2, service_radius_km=60
    ).solve()
    assert model.suggestions["name"].tolist() == ["A"]
    assert any("Only 1" in n for n in model.notes["en"])


@pytest.mark.parametrize(
    "kwargs",
    [
        {"k": 0},
        {"k": 1.5},
        {"service_radius_km": 0},
        {"mode": "boat"},
        {"kinds": "nope"},
        {"base_site_ids": ["missing"], "max_base_km": 10},
        {"base_site_ids": ["site-0"]},
        {"min_candidate_population": 10**9},
    ],
)
def test_bad_parameters_are_input_errors(kwargs):
    args = {"candidates": _candidates(5, 0), **kwargs}
    with pytest.raises(InvalidInputError):
        SiteSuggester.from_geodataframe(grid_counties(), make_sites([(-99.5, 36.5)]), **args)
