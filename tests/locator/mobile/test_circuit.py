"""Tests of locator.mobile.circuit: OR-tools circuits and stop proposals."""

from __future__ import annotations

import itertools

import geopandas as gpd
import numpy as np
import pytest
from shapely.geometry import Point

from geodata.errors import InvalidInputError
from locator.distance import haversine_km
from locator.mobile.circuit import (
    DEFAULT_DETOUR_FACTOR,
    distance_matrix_m,
    nearest_neighbour_order,
    plan_circuit,
    propose_stops,
    tour_km,
)


def random_points(seed, n):
    rng = np.random.default_rng(seed)
    return list(zip(rng.uniform(-90, -75, n), rng.uniform(35, 45, n), strict=True))


def brute_force_best(matrix, start=0, closed=True):
    n = len(matrix)
    rest = [i for i in range(n) if i != start]
    return min(tour_km(matrix, [start, *p], closed=closed) for p in itertools.permutations(rest))


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("closed", [True, False])
def test_circuit_not_longer_than_nearest_neighbour(seed, closed):
    pts = random_points(seed, 25)
    plan = plan_circuit(pts, closed=closed)
    matrix = distance_matrix_m(pts)
    assert plan.solver == "ortools"
    assert sorted(plan.order) == list(range(25)) and plan.order[0] == 0
    nn = tour_km(matrix, nearest_neighbour_order(matrix, 0), closed=closed)
    assert plan.great_circle_km <= nn + 1e-9
    assert plan.great_circle_km == pytest.approx(tour_km(matrix, plan.order, closed=closed))


@pytest.mark.parametrize("seed", range(4))
def test_small_circuit_is_optimal_with_search(seed):
    pts = random_points(100 + seed, 7)
    plan = plan_circuit(pts, start=2, time_limit_s=0.3)
    assert plan.order[0] == 2
    assert plan.great_circle_km == pytest.approx(brute_force_best(distance_matrix_m(pts), 2))


def test_driving_estimate_and_note():
    pts = random_points(1, 5)
    plan = plan_circuit(pts, detour_factor=1.5)
    assert plan.driving_estimate_km == pytest.approx(plan.great_circle_km * 1.5, abs=1e-3)
    assert plan_circuit(pts).detour_factor == DEFAULT_DETOUR_FACTOR
    assert "ESTIMADA" in plan.note("es") and "ESTIMATED" in plan.note("en")
    assert len(plan.legs_km) == 5 and sum(plan.legs_km) == pytest.approx(plan.great_circle_km)


def test_distance_matrix_is_great_circle_metres():
    pts = [(-87.6298, 41.8781), (-118.2437, 34.0522)]
    m = distance_matrix_m(pts)
    assert m.dtype == np.int64 and m[0, 0] == 0 and m[0, 1] == m[1, 0]
    assert m[0, 1] == round(float(haversine_km(*pts[0], *pts[1])) * 1000)


def test_geodataframe_input_and_single_point():
    gdf = gpd.GeoDataFrame(
        geometry=[Point(-83, 42), Point(-84, 42.5), Point(-83.5, 41.9)], crs="EPSG:4326"
    )
    assert sorted(plan_circuit(gdf).order) == [0, 1, 2]
    one = plan_circuit([(-83, 42)])
    assert one.order == [0] and one.great_circle_km == 0


@pytest.mark.parametrize(
    "kwargs",
    [
        {"points": []},
        {"points": [(200, 0)]},
        {"start": 5},
        {"detour_factor": 0.5},
        {"points": [(float("nan"), 1)]},
    ],
)
def test_plan_bad_input(kwargs):
    args = {"points": [(-83, 42), (-84, 43)], **kwargs}
    with pytest.raises(InvalidInputError):
        plan_circuit(args.pop("points"), **args)


def candidates():
    # Three clusters: a big one near Detroit (already served), a medium one in Toledo area,
    # a small one far away in Columbus.
    pts = [
        (-83.05, 42.33, 1000),
        (-83.2, 42.3, 500),  # Detroit area, served
        (-83.55, 41.66, 300),
        (-83.6, 41.7, 250),  # Toledo area
        (-82.99, 39.96, 200),
    ]  # Columbus
    return gpd.GeoDataFrame(
        {"population": [p for *_, p in pts], "name": list("abcde")},
        geometry=[Point(x, y) for x, y, _ in pts],
        crs="EPSG:4326",
    )


def test_propose_stops_skips_served_population():
    existing = gpd.GeoDataFrame(geometry=[Point(-83.05, 42.33)], crs="EPSG:4326")
    out = propose_stops(candidates(), existing, n=3, radius_km=30)
    assert list(out["name"]) == ["c", "e"]  # Toledo pair first (550), then Columbus (200)
    assert list(out["new_population"]) == [550, 200]
    assert list(out["rank"]) == [1, 2]
    assert (out["nearest_stop_km"] > 30).all()


def test_propose_stops_matches_brute_force_greedy():
    rng = np.random.default_rng(7)
    n = 60
    gdf = gpd.GeoDataFrame(
        {"population": rng.integers(0, 1000, n)},
        geometry=[
            Point(x, y)
            for x, y in zip(rng.uniform(-90, -80, n), rng.uniform(35, 42, n), strict=True)
        ],
        crs="EPSG:4326",
    )
    out = propose_stops(gdf, None, n=4, radius_km=120)
    xy = np.column_stack([gdf.geometry.x, gdf.geometry.y])
    d = haversine_km(xy[:, None, 0], xy[:, None, 1], xy[None, :, 0], xy[None, :, 1])
    pop = gdf["population"].to_numpy()
    served, picks = np.zeros(n, bool), []
    for _ in range(4):
        gains = [(pop[(d[i] <= 120) & ~served].sum(), -i) for i in range(n)]
        _gain, neg = max(gains)
        picks.append(-neg)
        served |= d[-neg] <= 120
    assert list(out.index) == picks


def test_propose_stops_bad_input():
    with pytest.raises(InvalidInputError):
        propose_stops(candidates().drop(columns="population"))
    with pytest.raises(InvalidInputError):
        propose_stops(candidates(), radius_km=0)
