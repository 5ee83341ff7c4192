"""Tests of great-circle cost pairs and 2SFCA / E2SFCA scores (independent re-computation)."""

import numpy as np
import pandas as pd
import pytest

from geodata.errors import InvalidInputError
from locator.distance import haversine_km
from locator.planning.accessibility import PER, cost_pairs, e2sfca_weight, fca_scores


@pytest.mark.parametrize("max_km", [1.0, 150.0, 800.0, 5000.0])
@pytest.mark.parametrize("seed", [0, 1])
def test_cost_pairs_match_brute_force(max_km, seed):
    rng = np.random.default_rng(seed)
    olon, olat = rng.uniform(-125, -65, 60), rng.uniform(25, 49, 60)
    dlon, dlat = rng.uniform(-125, -65, 25), rng.uniform(25, 49, 25)
    pairs = cost_pairs(olon, olat, dlon, dlat, max_km=max_km)
    full = haversine_km(olon[:, None], olat[:, None], dlon[None, :], dlat[None, :])
    want = {(i, j) for i, j in zip(*np.nonzero(full <= max_km))}
    assert set(zip(pairs["origin"], pairs["dest"])) == want
    got = pairs["km"].to_numpy()
    assert np.allclose(got, full[pairs["origin"].to_numpy(int), pairs["dest"].to_numpy(int)])


def test_cost_pairs_across_the_antimeridian_and_ids():
    pairs = cost_pairs(
        [179.9],
        [52.0],
        [-179.9, 0.0],
        [52.0, 52.0],
        max_km=50,
        origin_ids=["a"],
        dest_ids=["east", "far"],
    )
    assert pairs[["origin", "dest"]].values.tolist() == [["a", "east"]]
    assert pairs["km"].iat[0] < 15


@pytest.mark.parametrize("bad", [0, -5, float("nan"), float("inf"), "10"])
def test_cost_pairs_rejects_bad_radius(bad):
    with pytest.raises(InvalidInputError):
        cost_pairs([0], [0], [0], [0], max_km=bad)


def test_cost_pairs_empty_inputs():
    assert cost_pairs([], [], [0.0], [0.0], max_km=10).empty


def _reference_fca(pop, dist, max_km, weight):
    """Textbook (E)2SFCA: R_j = S_j / sum_i P_i W(d_ij); A_i = sum_j R_j W(d_ij)."""
    w = np.where(dist <= max_km, np.vectorize(weight, otypes=[float])(dist), 0.0)
    demand = (pop[:, None] * w).sum(axis=0)
    with np.errstate(divide="ignore"):
        ratio = np.where(demand > 0, 1.0 / demand, 0.0)
    return (w * ratio[None, :]).sum(axis=1) * PER


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_fca_scores_match_reference(seed):
    rng = np.random.default_rng(seed)
    n, m = 40, 6
    demand = pd.DataFrame(
        {
            "fips": [f"c{i}" for i in range(n)],
            "population": rng.integers(1, 50_000, n).astype(float),
            "center_lon": rng.uniform(-100, -96, n),
            "center_lat": rng.uniform(36, 40, n),
        }
    )
    supply = pd.DataFrame(
        {
            "id": [f"s{j}" for j in range(m)],
            "lon": rng.uniform(-100, -96, m),
            "lat": rng.uniform(36, 40, m),
        }
    )
    dlon, dlat = demand.center_lon.to_numpy(), demand.center_lat.to_numpy()
    dist = haversine_km(dlon[:, None], dlat[:, None], supply.lon.to_numpy(), supply.lat.to_numpy())
    out = fca_scores(demand, supply, max_km=120)
    pop = demand.population.to_numpy()
    assert np.allclose(out["access_2sfca"], _reference_fca(pop, dist, 120, lambda d: 1.0))
    assert np.allclose(out["access_e2sfca"], _reference_fca(pop, dist, 120, e2sfca_weight(120)))
    assert list(out.index) == demand["fips"].tolist()


def test_far_counties_score_zero_and_empty_catchments_nan():
    demand = pd.DataFrame(
        {
            "fips": ["near", "empty", "far"],
            "population": [100.0, 0.0, 50.0],
            "center_lon": [0.0, 10.0, 40.0],
            "center_lat": [0.0, 0.0, 0.0],
        }
    )
    supply = pd.DataFrame({"id": ["a", "b"], "lon": [0.1, 10.1], "lat": [0.0, 0.0]})
    out = fca_scores(demand, supply, max_km=50)
    assert out.loc["near", "access_2sfca"] == pytest.approx(PER / 100)
    assert np.isnan(out.loc["empty", "access_2sfca"])
    assert out.loc["far", "access_2sfca"] == 0.0
