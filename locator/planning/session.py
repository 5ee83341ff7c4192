"""A long-lived planning session: the demand layer built once, results cached per dataset version.

:class:`PlanningSession` builds the heavy demand layer (US counties with a population,
:func:`locator.planning.default_demand`, ~2 s) on first use, and its simplified county
outlines (GeoJSON geometries) on first request for them. Results are kept in a small LRU
keyed by (dataset version, parameters): a new dataset version never reuses an old answer.
One coverage solve and one suggestion solve run at a time, so a burst of callers cannot
swamp the CPUs. Thread-safe; no web framework (the API wraps it).

Examples
--------
>>> session = PlanningSession(lambda: None)
>>> session.cached(("k", 1), lambda: 41 + 1), session.cached(("k", 1), lambda: 0)
(42, 42)
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Sequence
from typing import Any

import orjson
import shapely

from locator.planning.report import CoverageResult, solve_coverage

__all__ = ["CACHE_SIZE", "SIMPLIFY_DEG", "PlanningSession", "simplified_geometries"]

SIMPLIFY_DEG = 0.01
"""Tolerance (degrees, about 1 km) of the simplified county outlines."""
CACHE_SIZE = 16
"""How many results (coverage and suggestions together) are kept."""


def simplified_geometries(
    geometries: Any, tolerance: float = SIMPLIFY_DEG
) -> list[dict[str, Any] | None]:
    """GeoJSON dicts of ``geometries`` simplified to ``tolerance`` degrees (topology kept,
    coordinates on a grid of ``tolerance / 10``); ``None`` for missing geometries."""
    shapes = shapely.set_precision(
        shapely.simplify(geometries, tolerance, preserve_topology=True), tolerance / 10
    )
    shapes = shapely.orient_polygons(shapes, exterior_cw=False)  # RFC 7946 right-hand rule
    return [orjson.loads(g) if g else None for g in shapely.to_geojson(shapes)]


class PlanningSession:
    """Per-process demand layer (built lazily, once) and a small LRU of results.

    Parameters
    ----------
    gazetteer
        Returns a ``geodata.gazetteer.Gazetteer`` (called when the layer is first needed).
    demand
        Builds the demand layer from the gazetteer (default
        :func:`locator.planning.default_demand`).
    cache_size
        How many results to keep (:data:`CACHE_SIZE`).
    """

    def __init__(
        self,
        gazetteer: Callable[[], Any],
        *,
        demand: Callable[[Any], Any] | None = None,
        cache_size: int = CACHE_SIZE,
    ) -> None:
        self._gazetteer = gazetteer
        self._demand = demand
        self._size = cache_size
        self._layer: Any = None
        self._shapes: list[dict[str, Any] | None] | None = None
        self._build = threading.Lock()
        self._solve = threading.Lock()
        self._suggest = threading.Lock()
        self._lock = threading.Lock()
        self._cache: OrderedDict[Hashable, Any] = OrderedDict()

    def layer(self) -> Any:
        """The :class:`~locator.planning.DemandLayer` (built on first call)."""
        if self._layer is None:
            with self._build:
                if self._layer is None:
                    from locator.planning.demand import default_demand

                    build = self._demand if self._demand is not None else default_demand
                    self._layer = build(self._gazetteer())
        return self._layer

    def shapes(self) -> list[dict[str, Any] | None]:
        """Simplified GeoJSON geometries of the counties, in the demand layer's order (built
        on first call; ~1 s)."""
        layer = self.layer()
        if self._shapes is None:
            with self._build:
                if self._shapes is None:
                    self._shapes = simplified_geometries(layer.counties.geometry.to_numpy())
        return self._shapes

    def places(self) -> Any:
        """The gazetteer's places (candidate locations of suggestions)."""
        return self._gazetteer().places()

    def _get(self, key: Hashable) -> Any:
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        return None

    def cached(self, key: Hashable, compute: Callable[[], Any], *, slow: bool = False) -> Any:
        """``compute()`` once per ``key`` (LRU); one solve of each sort (``slow``:
        suggestions, else coverage) at a time."""
        found = self._get(key)
        if found is not None:
            return found
        with self._suggest if slow else self._solve:
            found = self._get(key)  # another caller may have filled it meanwhile
            if found is not None:
                return found
            value = compute()
            with self._lock:
                self._cache[key] = value
                while len(self._cache) > self._size:
                    self._cache.popitem(last=False)
        return value

    def coverage(
        self,
        version: Hashable,
        sites: Any,
        *,
        kinds: Sequence[str],
        thresholds: Sequence[float],
        gap_km: float,
    ) -> CoverageResult:
        """:func:`~locator.planning.report.solve_coverage` of ``sites`` (dataset ``version``),
        cached per (version, kinds, thresholds, gap_km)."""
        key = ("coverage", version, tuple(kinds), tuple(thresholds), gap_km)
        return self.cached(
            key,
            lambda: solve_coverage(
                self.layer(), sites, kinds=kinds, thresholds=thresholds, gap_km=gap_km
            ),
        )

    def suggestions(
        self, version: Hashable, sites: Any, *, kinds: Sequence[str], k: int, radius_km: float
    ) -> dict[str, Any]:
        """``SiteSuggester(...).solve().to_dict()`` (MCLP over the gazetteer's places), cached
        per (version, kinds, k, radius_km); seconds on first call."""
        from locator.planning.suggest import SiteSuggester

        def compute() -> dict[str, Any]:
            return (
                SiteSuggester.from_geodataframe(
                    self.layer(),
                    sites,
                    candidates=self.places(),
                    k=k,
                    service_radius_km=float(radius_km),
                    kinds=list(kinds),
                )
                .solve()
                .to_dict()
            )

        key = ("suggest", version, tuple(kinds), k, radius_km)
        return self.cached(key, compute, slow=True)
