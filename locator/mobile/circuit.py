"""Mobile-unit circuits: order stops into a short closed circuit, propose new stops.

Assumptions, stated to users:

* Distances between stops are great-circle (haversine) distances. No road network is used
  (a user-supplied road network is out of scope for now), so the **driving distance is an
  estimate**: great-circle total x a detour factor, 1.3 by default (a common rule of thumb for
  road circuity in the US; the true factor varies by region).
* Stops are ordered with the OR-tools routing solver on an integer matrix of metres.

Examples
--------
>>> pts = [(-83.05, 42.33), (-85.67, 42.96), (-83.18, 42.32), (-84.56, 42.73)]
>>> plan = plan_circuit(pts)
>>> plan.order[0], sorted(plan.order)
(0, [0, 1, 2, 3])
>>> bool(plan.driving_estimate_km == round(plan.great_circle_km * 1.3, 3))
True
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
from scipy.spatial import cKDTree

from geodata.errors import InvalidInputError
from locator.distance import haversine_km, km_to_chord, to_unit_vectors
from locator.i18n.errors import MOBILE as ERRORS
from locator.i18n.planning import PLANNING

__all__ = [
    "DEFAULT_DETOUR_FACTOR",
    "Circuit",
    "distance_matrix_m",
    "nearest_neighbour_order",
    "plan_circuit",
    "propose_stops",
    "tour_km",
]

DEFAULT_DETOUR_FACTOR = 1.3
"""Road distance / great-circle distance assumed for driving estimates (an assumption)."""

MAX_POINTS = 200
ASSUMPTION_NOTE = PLANNING["circuit_assumption"].pair()


@dataclass(frozen=True)
class Circuit:
    """An ordered visit plan."""

    order: list[int]
    great_circle_km: float
    driving_estimate_km: float
    detour_factor: float
    closed: bool
    legs_km: list[float] = field(default_factory=list)
    solver: str = "ortools"

    def note(self, lang: str = "es") -> str:
        """The stated assumption behind ``driving_estimate_km``."""
        return ASSUMPTION_NOTE["en" if lang == "en" else "es"].format(factor=self.detour_factor)


def _coords(points: Any) -> np.ndarray:
    if isinstance(points, gpd.GeoDataFrame):
        arr = np.column_stack([points.geometry.x, points.geometry.y])
    else:
        arr = np.asarray([(float(x), float(y)) for x, y in points], dtype=float).reshape(-1, 2)
    if (
        not np.isfinite(arr).all()
        or (np.abs(arr[:, 0]) > 180).any()
        or (np.abs(arr[:, 1]) > 90).any()
    ):
        raise InvalidInputError(ERRORS["coords_range"])
    return arr


def distance_matrix_m(points: Any) -> np.ndarray:
    """Great-circle distances between all points, in whole metres (int64)."""
    arr = _coords(points)
    km = haversine_km(arr[:, None, 0], arr[:, None, 1], arr[None, :, 0], arr[None, :, 1])
    return np.rint(km * 1000.0).astype(np.int64)


def tour_km(matrix_m: np.ndarray, order: Sequence[int], *, closed: bool = True) -> float:
    """Length in km of visiting ``order`` (returning to the start when ``closed``)."""
    seq = list(order) + ([order[0]] if closed and order else [])
    return float(sum(matrix_m[a, b] for a, b in itertools.pairwise(seq))) / 1000.0


def nearest_neighbour_order(matrix_m: np.ndarray, start: int = 0) -> list[int]:
    """Greedy order: always go to the nearest unvisited point (the baseline)."""
    n = len(matrix_m)
    order, left = [start], set(range(n)) - {start}
    while left:
        here = order[-1]
        nxt = min(left, key=lambda j: (matrix_m[here, j], j))
        order.append(nxt)
        left.remove(nxt)
    return order


def _solve(matrix: np.ndarray, start: int, closed: bool, time_limit_s: float) -> list[int]:
    from ortools.constraint_solver import pywrapcp, routing_enums_pb2

    n = len(matrix)
    if not closed:  # a dummy end node at zero distance from everything makes an open path
        matrix = np.pad(matrix, ((0, 1), (0, 1)))
    size = len(matrix)
    end = n if not closed else start
    manager = pywrapcp.RoutingIndexManager(size, 1, [start], [end])
    routing = pywrapcp.RoutingModel(manager)
    routing.SetArcCostEvaluatorOfAllVehicles(routing.RegisterTransitMatrix(matrix.tolist()))
    params = pywrapcp.DefaultRoutingSearchParameters()
    params.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    if time_limit_s > 0:
        params.local_search_metaheuristic = (
            routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
        )
        params.time_limit.FromMilliseconds(int(time_limit_s * 1000))
    solution = routing.SolveWithParameters(params)
    if solution is None:  # pragma: no cover - a complete graph always has a tour
        return nearest_neighbour_order(matrix[:n, :n], start)
    order, index = [], routing.Start(0)
    while not routing.IsEnd(index):
        order.append(manager.IndexToNode(index))
        index = solution.Value(routing.NextVar(index))
    return order


def plan_circuit(
    points: Any,
    *,
    start: int = 0,
    closed: bool = True,
    detour_factor: float = DEFAULT_DETOUR_FACTOR,
    time_limit_s: float = 0.0,
) -> Circuit:
    """Order ``points`` into a short circuit starting (and, if ``closed``, ending) at ``start``.

    Parameters
    ----------
    points
        ``[(lon, lat), ...]`` or a GeoDataFrame of points (e.g. a route's stops).
    start
        Index of the first point (the unit's base).
    closed
        Return to the start (a circuit) or end anywhere (an open path).
    detour_factor
        Road / great-circle ratio for the driving estimate (1.0-3.0; default 1.3, an assumption).
    time_limit_s
        0: greedy descent to a local optimum (deterministic). >0: guided local search for that
        many seconds (better tours, run-time dependent).

    Returns
    -------
    Circuit
        Visit order (indices into ``points``), great-circle km, driving estimate, legs.
        OR-tools starts from the cheapest-arc (nearest-neighbour) tour and only improves it;
        should it ever return a longer tour, the nearest-neighbour order is used instead and
        ``solver`` says so.
    """
    arr = _coords(points)
    n = len(arr)
    if not 1 <= n <= MAX_POINTS:
        raise InvalidInputError(ERRORS["points_count"].fill(max=MAX_POINTS, n=n))
    if not 0 <= start < n:
        raise InvalidInputError(ERRORS["start_index"].fill(n=n))
    if not 1.0 <= detour_factor <= 3.0:
        raise InvalidInputError(ERRORS["detour_range"])
    matrix = distance_matrix_m(arr)
    order = [start] if n == 1 else _solve(matrix, start, closed, time_limit_s)
    baseline, solver = nearest_neighbour_order(matrix, start), "ortools"
    if tour_km(matrix, baseline, closed=closed) < tour_km(matrix, order, closed=closed):
        order, solver = baseline, "nearest-neighbour"  # safety net; not expected to happen
    seq = order + ([order[0]] if closed and n > 1 else [])
    legs = [float(matrix[a, b]) / 1000.0 for a, b in itertools.pairwise(seq)]
    total = round(sum(legs), 3)
    return Circuit(
        order, total, round(total * detour_factor, 3), detour_factor, closed, legs, solver
    )


def propose_stops(
    candidates: gpd.GeoDataFrame,
    existing: gpd.GeoDataFrame | None = None,
    *,
    n: int = 5,
    radius_km: float = 50.0,
    population: str = "population",
) -> gpd.GeoDataFrame:
    """Pick up to ``n`` candidate points that reach the most population not yet served.

    A population point is *served* when it lies within ``radius_km`` (great-circle) of an
    existing stop or of a stop already proposed. Greedy maximal covering: each round picks the
    candidate whose circle holds the most unserved population (ties: the earlier row).

    Parameters
    ----------
    candidates
        Points with a ``population`` column (e.g. counties or places from the coverage-gap
        analysis); they are both the demand and the possible stop sites.
    existing
        Current stops (points); ``None`` for none.

    Returns
    -------
    GeoDataFrame
        The chosen candidate rows, in pick order, with ``rank``, ``new_population`` (served by
        this pick and no earlier one) and ``nearest_stop_km`` (to existing stops; NaN if none).

    Examples
    --------
    >>> from shapely.geometry import Point
    >>> cand = gpd.GeoDataFrame({"population": [100, 80, 5]},
    ...     geometry=[Point(-83, 42), Point(-83.1, 42), Point(-90, 40)], crs="EPSG:4326")
    >>> propose_stops(cand, n=2, radius_km=30)[["rank", "new_population"]].values.tolist()
    [[1, 180], [2, 5]]
    """
    if population not in candidates:
        raise InvalidInputError(ERRORS["population_column"].fill(column=population))
    if not 0 < radius_km <= 1000 or n < 1:
        raise InvalidInputError(ERRORS["radius_n_range"])
    pts = _coords(candidates)
    pop = np.nan_to_num(candidates[population].to_numpy(dtype=float), nan=0.0).clip(min=0)
    vec = to_unit_vectors(pts[:, 0], pts[:, 1])
    tree, chord = cKDTree(vec), float(km_to_chord(radius_km))
    served = np.zeros(len(pts), dtype=bool)
    nearest = np.full(len(pts), np.nan)
    if existing is not None and len(existing):
        ex = _coords(existing)
        dist, _ = cKDTree(to_unit_vectors(ex[:, 0], ex[:, 1])).query(vec)
        from locator.distance import chord_to_km

        nearest = chord_to_km(dist)
        served = nearest <= radius_km
    reach = tree.query_ball_point(vec, chord)
    picks: list[int] = []
    gains: list[float] = []
    for _ in range(min(n, len(pts))):
        gain = np.array([pop[r][~served[r]].sum() for r in reach])
        gain[picks] = -1
        best = int(np.argmax(gain))
        if gain[best] <= 0:
            break
        picks.append(best)
        gains.append(gain[best])
        served[reach[best]] = True
    out = candidates.iloc[picks].copy()
    out["rank"] = range(1, len(picks) + 1)
    out["new_population"] = np.asarray(gains, dtype=float).round().astype(int)
    out["nearest_stop_km"] = nearest[picks].round(3) if len(picks) else []
    return out
