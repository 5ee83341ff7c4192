"""p-median and LSCP: the reduced models against spopt without the reduction and brute force
(small synthetic cases, made-up numbers); the cost matrix reader."""

import io
from itertools import combinations

import numpy as np
import pandas as pd
import pytest

from geodata.errors import ImportValidationError, InvalidInputError
from locator.distance import haversine_km
from locator.planning.costs import candidate_ids, read_cost_matrix
from locator.planning.models import result_frame, solve_lscp, solve_pmedian

from .conftest import grid_counties, make_sites


def _candidates(n, seed):
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "name": [f"P{i}" for i in range(n)],
            "state": "KS",
            "lon": rng.uniform(-100, -94, n),
            "lat": rng.uniform(36, 40, n),
            "population": 20_000,
        }
    )


def _dist(counties, lons, lats):
    return haversine_km(
        counties.center_lon.to_numpy()[:, None],
        counties.center_lat.to_numpy()[:, None],
        np.asarray(lons)[None, :],
        np.asarray(lats)[None, :],
    )


def _brute_pmedian(counties, sites, cands, k, cap):
    w = counties["population"].to_numpy(float)
    e = np.minimum(_dist(counties, sites.geometry.x, sites.geometry.y).min(axis=1), cap)
    d = np.minimum(_dist(counties, cands.lon, cands.lat), cap)
    return min(
        float((w * np.minimum(e, d[:, list(c)].min(axis=1))).sum())
        for c in combinations(range(len(cands)), k)
    )


@pytest.mark.parametrize(
    ("seed", "k", "cap"), [(0, 1, 1000), (1, 2, 1000), (2, 3, 150), (3, 2, 80)]
)
def test_pmedian_reduced_equals_spopt_full_and_brute_force(seed, k, cap):
    counties = grid_counties(seed=seed)
    sites = make_sites([(-99.5, 36.5), (-96.0, 39.0)])
    cands = _candidates(9, seed)
    reduced = solve_pmedian(counties, sites, cands, k=k, max_cost=cap)
    full = solve_pmedian(counties, sites, cands, k=k, max_cost=cap, reduce=False)
    best = _brute_pmedian(counties, sites, cands, k, cap)
    assert reduced.objective == pytest.approx(best, rel=1e-6)
    assert full.objective == pytest.approx(best, rel=1e-6)
    total = counties["population"].sum()
    assert reduced.after["weighted_mean_cost"] == pytest.approx(best / total, rel=1e-6)
    assert reduced.after["weighted_mean_cost"] <= reduced.before["weighted_mean_cost"]
    assert reduced.shape[0] <= len(counties) and reduced.shape[1] <= len(cands) + 1


def _brute_lscp(counties, sites, cands, radius):
    w = counties["population"].to_numpy(float)
    base = (_dist(counties, sites.geometry.x, sites.geometry.y) <= radius).any(axis=1)
    reach = _dist(counties, cands.lon, cands.lat) <= radius
    need = (w > 0) & ~base & reach.any(axis=1)
    for n in range(len(cands) + 1):
        for combo in combinations(range(len(cands)), n):
            if reach[need][:, list(combo)].any(axis=1).all() or not need.any():
                return n
    raise AssertionError


@pytest.mark.parametrize(("seed", "radius"), [(0, 120), (1, 90), (4, 150)])
@pytest.mark.parametrize("reduce", [True, False])
def test_lscp_matches_brute_force(seed, radius, reduce):
    counties = grid_counties(seed=seed)
    sites = make_sites([(-99.5, 36.5)])
    cands = _candidates(10, seed)
    result = solve_lscp(counties, sites, cands, radius=radius, reduce=reduce)
    assert len(result.chosen) == _brute_lscp(counties, sites, cands, radius)
    w = counties["population"].to_numpy(float)
    lost = w[result.uncoverable].sum()
    assert result.after["uncovered_population"] == pytest.approx(lost)
    d = _dist(
        counties,
        [*sites.geometry.x, *cands.lon.iloc[result.chosen]],
        [*sites.geometry.y, *cands.lat.iloc[result.chosen]],
    )
    ok = (d <= radius).any(axis=1) | (w == 0)
    ok[result.uncoverable] = True
    assert ok.all()


def test_lscp_reduced_shape_not_larger_than_full():
    counties = grid_counties(nx=8, ny=6, seed=7)
    sites = make_sites([(-99.5, 36.5)])
    cands = _candidates(25, 7)
    small = solve_lscp(counties, sites, cands, radius=100)
    full = solve_lscp(counties, sites, cands, radius=100, reduce=False)
    assert len(small.chosen) == len(full.chosen)
    assert small.shape[0] <= full.shape[0] and small.shape[1] <= full.shape[1]


def test_pmedian_with_a_cost_matrix_uses_only_its_pairs():
    counties = grid_counties(2, 1, seed=1)
    sites = make_sites([(-99.5, 36.5)])
    cands = _candidates(2, 1)
    ids = candidate_ids(cands)
    fips = counties["fips"].tolist()
    matrix = pd.DataFrame(
        {
            "origin": [fips[0], fips[1], fips[1]],
            "dest": ["site-0", "site-0", ids[1]],
            "cost": [10.0, 90.0, 30.0],
        }
    )
    result = solve_pmedian(counties, sites, cands, k=1, max_cost=500, matrix=matrix)
    w = counties["population"].to_numpy(float)
    assert result.chosen == [1]
    assert result.before["weighted_mean_cost"] == pytest.approx((w[0] * 10 + w[1] * 90) / w.sum())
    assert result.after["weighted_mean_cost"] == pytest.approx((w[0] * 10 + w[1] * 30) / w.sum())
    frame = result_frame(result, cands)
    assert frame["id"].tolist() == [ids[1]] and frame["illustrative"].all()


def test_read_cost_matrix_all_or_nothing():
    good = read_cost_matrix(io.StringIO("Origin,Destination,Cost\n06037, vds-la ,7\n"))
    assert good.to_dict("records") == [{"origin": "06037", "dest": "vds-la", "cost": 7.0}]
    bad = "origin,destination,cost\n1,a,5\n1,a,6\n2,,3\n3,b,-1\n4,c,x\n5,d,inf\n"
    with pytest.raises(ImportValidationError) as err:
        read_cost_matrix(io.StringIO(bad))
    rows = [e["row"] for e in err.value.detail["errors"]]
    assert rows == [3, 4, 5, 6, 7]
    with pytest.raises(InvalidInputError):
        read_cost_matrix(io.StringIO("from,to,minutes\n1,a,5\n"))


@pytest.mark.parametrize("k", [0, -1, 1.5])
def test_bad_k(k):
    with pytest.raises(InvalidInputError):
        solve_pmedian(grid_counties(), make_sites([(-99.5, 36.5)]), _candidates(3, 0), k=k)


def _random_pairs(seed, n=12, m=8):
    """A made-up p-median instance: weights, existing costs, (county, candidate, cost) pairs."""
    rng = np.random.default_rng(seed)
    w = rng.integers(0, 50, n).astype(float)
    e = rng.uniform(50, 100, n)
    mask = rng.random((n, m)) < 0.6
    o, d = np.nonzero(mask)
    return w, e, pd.DataFrame({"origin": o, "dest": d, "km": rng.uniform(0, 120, len(o))})


def _brute_pairs(w, e, pairs, k):
    cost = np.full((len(w), int(pairs["dest"].max()) + 1), np.inf)
    cost[pairs["origin"], pairs["dest"]] = pairs["km"]
    return min(
        float((w * np.minimum(e, cost[:, list(c)].min(axis=1))).sum())
        for c in combinations(range(cost.shape[1]), k)
    )


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("k", [1, 2, 3])
def test_pmedian_elimination_is_exact(seed, k):
    from locator.planning.pmedian import solve

    w, e, pairs = _random_pairs(seed)
    best = _brute_pairs(w, e, pairs, k)
    for kwargs in ({}, {"iterations": 0}, {"eliminate": False}):
        s = solve(w, e, pairs, k=k, **kwargs)  # iterations=0: a weak bound, the MIP decides
        assert s.objective == pytest.approx(best, rel=1e-9), kwargs
        assert len(s.chosen) <= k and s.columns_left <= pairs["dest"].nunique()
        cost = np.full((len(w), 8), np.inf)
        cost[pairs["origin"], pairs["dest"]] = pairs["km"]
        exact = (w * np.minimum(e, cost[:, s.chosen].min(axis=1, initial=np.inf))).sum()
        assert s.objective == pytest.approx(exact)
        if kwargs.get("eliminate", True):
            assert s.bound <= s.objective * (1 + 1e-9)


def test_pmedian_elimination_removes_candidates():
    from locator.planning.pmedian import solve

    w, e, pairs = _random_pairs(3, n=40, m=30)
    s = solve(w, e, pairs, k=2)
    assert s.columns_left < 30
    assert s.objective == pytest.approx(_brute_pairs(w, e, pairs, 2), rel=1e-9)


def test_pairs_within_each_countys_own_radius():
    from locator.planning.costs import pair_costs

    counties = grid_counties(3, 2, seed=1)
    cands = _candidates(7, 1)
    caps = np.array([50.0, 150.0, 0.0, 300.0, 120.0, 80.0])
    got = pair_costs(counties, cands["lon"], cands["lat"], max_cost=caps)
    d = _dist(counties, cands.lon, cands.lat)
    want = {(i, j) for i in range(6) for j in range(7) if d[i, j] <= caps[i]}
    assert set(zip(got["origin"], got["dest"], strict=True)) == want
    assert np.allclose(got["km"], d[got["origin"], got["dest"]])


def test_unit_region_is_the_counties_nearest_its_home_consulate():
    from shapely.geometry import Point

    from geodata.schema import coerce_sites
    from locator.planning.models import unit_region
    from locator.planning.suggest import SiteSuggester

    counties = grid_counties(6, 4, seed=5)
    sites = coerce_sites(
        [  # made-up offices: two consulates, a mobile unit of the first
            {"id": "consulate-w", "kind": "consulate", "name": "W", "geometry": Point(-99.5, 37.5)},
            {"id": "consulate-e", "kind": "consulate", "name": "E", "geometry": Point(-95.5, 38.5)},
            {
                "id": "vds-mobile-w",
                "kind": "vds_mobile",
                "name": "Unit W",
                "parent_id": "consulate-w",
                "geometry": Point(-99.5, 37.5),
            },
        ]
    )
    region = unit_region(counties, sites, "vds-mobile-w")
    d = _dist(counties, [-99.5, -95.5], [37.5, 38.5])
    assert region == counties["fips"][d[:, 0] < d[:, 1]].tolist()
    assert 0 < len(region) < len(counties)
    cands = _candidates(8, 5)
    model = SiteSuggester.from_geodataframe(
        counties,
        sites,
        candidates=cands,
        k=2,
        service_radius_km=80,
        mode="mobile",
        region_fips=region,
        base_site_ids=["vds-mobile-w"],
        max_base_km=300,
    ).solve()
    inside = counties["fips"].isin(region)
    assert model.coverage_after["population_total"] == counties["population"][inside].sum()
    base = haversine_km(model.candidates["lon"], model.candidates["lat"], -99.5, 37.5)
    assert (base <= 300).all() and len(model.candidates) < len(cands)
    assert (model.suggestions["mode"] == "mobile").all()
    with pytest.raises(InvalidInputError):
        unit_region(counties, sites, "vds-mobile-nowhere")


def test_lscp_with_a_cost_matrix_uses_only_its_pairs():
    counties = grid_counties(3, 1, seed=1)
    counties["population"] = [10, 20, 30]
    sites = make_sites([(-99.5, 36.5)])
    cands = _candidates(3, 1)
    ids, fips = candidate_ids(cands), counties["fips"].tolist()
    matrix = pd.DataFrame(
        {  # made-up minutes: the site reaches county 0; candidate 2 both others
            "origin": [fips[0], fips[1], fips[2], fips[1]],
            "dest": ["site-0", ids[2], ids[2], ids[0]],
            "cost": [10.0, 50.0, 55.0, 20.0],
        }
    )
    result = solve_lscp(counties, sites, cands, radius=60, matrix=matrix)
    assert result.chosen == [2] and result.after["uncovered_population"] == 0
    assert result.before["uncovered_population"] == 50
    tight = solve_lscp(counties, sites, cands, radius=30, matrix=matrix)  # only 1 -> cand 0
    assert tight.chosen == [0] and tight.uncoverable == [2]
    assert tight.after["uncovered_population"] == 30
