"""``GET /v1/coverage`` (how far people are from the nearest site; ranked gaps) and
``GET /v1/coverage/suggestions`` (maximal-covering model suggestions for new sites).

The demand layer (US counties with a population, :func:`locator.planning.default_demand`) is
heavy: it is built once per process, on first use, in a worker thread, with its simplified
county outlines. Its ``population`` is a **proxy** (GeoNames place populations, NOT the
Mexico-born population); every answer says so in ``demand``. Results are cached per
(dataset version, parameters); suggestions take seconds (PySAL spopt MCLP), so they run in a
worker thread, one at a time.

Distances are great-circle km from each county's population-weighted centre to the nearest
site: an approximation, not travel time and not the official consular jurisdictions.
"""

from __future__ import annotations

import csv
import io
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import orjson
import pandas as pd
import shapely
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.deps import KindParam, Lang, RuntimeDep, check_kinds
from api.responses import GeoJSONResponse, JSONBytesResponse
from api.routers import problems
from geodata.errors import InvalidInputError
from geodata.vocab import KINDS

__all__ = ["Planning", "parse_thresholds", "planning_of", "router"]

router = APIRouter(prefix="/v1", tags=["coverage"])

SIMPLIFY_DEG = 0.01
"""Tolerance (degrees, about 1 km) of the simplified county outlines in GeoJSON answers."""
CACHE_SIZE = 16
DEFAULT_KINDS = ["vds"]
DEFAULT_THRESHOLDS = (50.0, 100.0, 200.0)
MAX_THRESHOLDS = 6

WithinKm = Annotated[
    list[str] | None,
    Query(max_length=MAX_THRESHOLDS, examples=["50,100,200"],
          description="Distance thresholds in km (1-2000), repeatable or comma-separated "
          "(default 50,100,200)."),
]
GapKm = Annotated[
    float | None,
    Query(ge=1, le=2000, allow_inf_nan=False,
          description="A county is a gap when its nearest site is farther than this (km); "
          "default: the middle threshold."),
]
Top = Annotated[int, Query(ge=1, le=500, description="How many ranked gaps (1-500).")]
Format = Annotated[Literal["json", "geojson", "csv"], Query(
    alias="format", description="json (default), geojson (every county, simplified outlines) "
    "or csv (the ranked gaps, as a download).")]


class Planning:
    """Per-process demand layer (built lazily, once) and small LRU caches of results."""

    def __init__(self, gazetteer: Callable[[], Any]) -> None:
        self._gazetteer = gazetteer
        self._layer: Any = None
        self._shapes: list[dict[str, Any]] | None = None
        self._build = threading.Lock()
        self._solve = threading.Lock()
        self._suggest = threading.Lock()
        self._lock = threading.Lock()
        self._cache: OrderedDict[Hashable, Any] = OrderedDict()

    def layer(self) -> Any:
        """The :class:`~locator.planning.DemandLayer` (built on first call; ~2 s)."""
        if self._layer is None:
            with self._build:
                if self._layer is None:
                    from locator.planning import default_demand

                    self._layer = default_demand(self._gazetteer())
        return self._layer

    def shapes(self) -> list[dict[str, Any]]:
        """Simplified GeoJSON geometries of the counties, in the demand layer's order (built
        on first call; ~1 s)."""
        layer = self.layer()
        if self._shapes is None:
            with self._build:
                if self._shapes is None:
                    shapes = shapely.set_precision(
                        shapely.simplify(layer.counties.geometry.to_numpy(), SIMPLIFY_DEG,
                                         preserve_topology=True), 0.001)
                    self._shapes = [orjson.loads(g) if g else None
                                    for g in shapely.to_geojson(shapes)]
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
        """``compute()`` once per ``key`` (LRU of :data:`CACHE_SIZE`); one solve of each sort
        (coverage, suggestions) at a time, so a burst of requests cannot swamp the CPUs."""
        found = self._get(key)
        if found is not None:
            return found
        with self._suggest if slow else self._solve:
            found = self._get(key)  # another request may have filled it meanwhile
            if found is not None:
                return found
            value = compute()
            with self._lock:
                self._cache[key] = value
                while len(self._cache) > CACHE_SIZE:
                    self._cache.popitem(last=False)
        return value


_planning_lock = threading.Lock()


def planning_of(request: Request) -> Planning:
    """The app's :class:`Planning` (created on first use, kept on ``app.state``)."""
    state = request.app.state
    planning = getattr(state, "planning", None)
    if planning is None:
        with _planning_lock:
            planning = getattr(state, "planning", None)
            if planning is None:
                planning = state.planning = Planning(state.runtime.gazetteer)
    return planning


def parse_thresholds(values: list[str] | None) -> tuple[float, ...]:
    """``["50,100", "200"]`` -> ``(50.0, 100.0, 200.0)``; each 1..2000 km, at most 6.

    >>> parse_thresholds(["200,50", "100"])
    (50.0, 100.0, 200.0)
    """
    if not values:
        return DEFAULT_THRESHOLDS
    parts = [p.strip() for v in values for p in v.split(",") if p.strip()]
    try:
        km = sorted({float(p) for p in parts})
    except ValueError:
        km = []
    if not km or len(km) > MAX_THRESHOLDS or not all(math.isfinite(v) and 1 <= v <= 2000
                                                     for v in km):
        raise InvalidInputError(
            f"within_km must be 1 to {MAX_THRESHOLDS} distances between 1 and 2000 km, "
            "e.g. 50,100,200",
            f"within_km debe ser de 1 a {MAX_THRESHOLDS} distancias entre 1 y 2000 km, "
            "p. ej. 50,100,200",
            detail={"value": ",".join(parts)[:200], "example": "50,100,200"},
        )
    return tuple(km)


def _kinds(kind: list[str] | None) -> list[str]:
    return sorted(set(check_kinds(kind) or DEFAULT_KINDS))


def _demand(layer: Any, lang: str) -> dict[str, Any]:
    return {"source": layer.source, "is_proxy": layer.is_proxy,
            "label": layer.label[lang], "notes": list(layer.notes[lang])}


@dataclass(frozen=True)
class CoverageResult:
    """What a coverage answer needs, without the county geometries."""

    population_total: float
    summary: list[dict[str, Any]]
    gaps: pd.DataFrame
    counties: pd.DataFrame
    notes: dict[str, str]


def _solve(planning: Planning, sites: Any, kinds: list[str], thresholds: tuple[float, ...],
           gap_km: float | None) -> CoverageResult:
    from locator.planning import CoverageModel

    model = CoverageModel.from_geodataframe(planning.layer(), sites, kinds=kinds,
                                            thresholds_km=thresholds, gap_km=gap_km).solve()
    total = float(model.summary.attrs["population_total"])
    summary = [{
        "within_km": float(r.threshold_km),
        "population_within": total - float(r.population_beyond),
        "share_within": 1.0 - float(r.share_beyond) if total else 0.0,
        "population_beyond": float(r.population_beyond),
        "share_beyond": float(r.share_beyond),
        "counties_beyond": int(r.counties_beyond),
    } for r in model.summary.itertuples() if r.threshold_km in thresholds]
    cols = ["fips", "name", "state", "population", "nearest_km", "nearest_site_id",
            "nearest_site_name"]
    return CoverageResult(total, summary, model.gaps,
                          pd.DataFrame(model.counties[cols]), dict(model.notes))


def _gap_rows(result: CoverageResult, top: int) -> list[dict[str, Any]]:
    return [{
        "rank": int(r.rank), "fips": r.fips, "name": r.name, "state": r.state,
        "population": float(r.population), "distance_km": round(float(r.nearest_km), 1),
        "nearest_site_id": r.nearest_site_id, "nearest_site_name": r.nearest_site_name,
        "center": [round(float(r.center_lon), 5), round(float(r.center_lat), 5)],
    } for r in result.gaps.head(top).itertuples()]


def _csv(result: CoverageResult, top: int, demand: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["rank", "fips", "name", "state", "population", "distance_km",
                     "nearest_site_id", "nearest_site_name", "lon", "lat", "population_source",
                     "population_label"])
    for g in _gap_rows(result, top):
        writer.writerow([g["rank"], g["fips"], g["name"], g["state"], f"{g['population']:.0f}",
                         g["distance_km"], g["nearest_site_id"], g["nearest_site_name"],
                         *g["center"], demand["source"], demand["label"]])
    return out.getvalue()


def _geojson(result: CoverageResult, shapes: list[dict[str, Any]], thresholds: tuple[float, ...]
             ) -> list[dict[str, Any]]:
    """Every county; ``within_km``: the smallest threshold it is within (``None``: beyond all);
    ``gap``: a ranked gap (beyond ``gap_km`` with people in the demand layer)."""
    ranks = dict(zip(result.gaps["fips"], result.gaps["rank"], strict=True))
    features = []
    for r, geometry in zip(result.counties.itertuples(), shapes, strict=True):
        km = float(r.nearest_km)
        within = next((t for t in thresholds if km <= t), None)
        features.append({"type": "Feature", "id": r.fips, "geometry": geometry, "properties": {
            "fips": r.fips, "name": r.name, "state": r.state, "population": float(r.population),
            "distance_km": round(km, 1), "within_km": within, "gap": r.fips in ranks,
            "gap_rank": int(ranks[r.fips]) if r.fips in ranks else None,
            "nearest_site_id": r.nearest_site_id, "nearest_site_name": r.nearest_site_name}})
    return features


@router.get(
    "/coverage",
    response_class=JSONBytesResponse,
    responses={200: {"content": {"application/geo+json": {}, "text/csv": {}}},
               **problems(400, 422)},
    summary="Cobertura y huecos / coverage and gaps",
)
async def coverage(
    request: Request,
    runtime: RuntimeDep,
    lang: Lang,
    kind: KindParam = None,
    within_km: WithinKm = None,
    gap_km: GapKm = None,
    top: Top = 20,
    fmt: Format = "json",
) -> Response:
    """Population within / beyond each distance of the nearest site, and the ranked gaps.

    ``population`` comes from the demand layer named in ``demand`` (by default a **proxy**:
    GeoNames place populations summed per county, not the Mexico-born population).
    """
    kinds, thresholds = _kinds(kind), parse_thresholds(within_km)
    gap = gap_km if gap_km is not None else thresholds[len(thresholds) // 2]
    view, planning = runtime.view(), planning_of(request)
    key = ("coverage", view.version, tuple(kinds), thresholds, gap)
    sites = view.snapshot.index.sites
    result: CoverageResult = await run_in_threadpool(
        planning.cached, key, lambda: _solve(planning, sites, kinds, thresholds, gap))
    demand = _demand(planning.layer(), lang)
    if fmt == "csv":
        name = f"coverage-gaps-{'-'.join(kinds)}-{gap:g}km.csv"
        return Response(_csv(result, top, demand), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"',
                                 "X-Demand-Source": demand["source"]})
    body: dict[str, Any] = {
        "dataset_version": view.version,
        "kinds": kinds,
        "kind_labels": [KINDS[k].label(lang) for k in kinds],
        "within_km": list(thresholds),
        "gap_km": gap,
        "demand": demand,
        "population_total": result.population_total,
        "summary": result.summary,
        "gaps_total": len(result.gaps),
        "notes": [result.notes[lang]],
    }
    if fmt == "geojson":
        features = await run_in_threadpool(_geojson, result, planning.shapes(), thresholds)
        return GeoJSONResponse({"type": "FeatureCollection", **body, "features": features})
    return JSONBytesResponse({**body, "gaps": _gap_rows(result, top)})


def _suggest(planning: Planning, sites: Any, kinds: list[str], k: int, km: int) -> dict[str, Any]:
    from locator.planning.suggest import SiteSuggester

    model = SiteSuggester.from_geodataframe(
        planning.layer(), sites, candidates=planning.places(), k=k,
        service_radius_km=float(km), kinds=kinds).solve()
    return model.to_dict()


@router.get(
    "/coverage/suggestions",
    response_class=JSONBytesResponse,
    responses=problems(400, 422),
    summary="Sugerencias del modelo / model suggestions for new sites (MCLP)",
)
async def suggestions(
    request: Request,
    runtime: RuntimeDep,
    lang: Lang,
    kind: KindParam = None,
    k: Annotated[int, Query(ge=1, le=20, description="How many new sites to suggest (1-20).")]
    = 5,
    within_km: Annotated[int, Query(ge=50, le=300, description="A county is covered when a "
                                    "site is this close (km, 50-300).")] = 100,
) -> JSONBytesResponse:
    """K places (GeoNames places of 15,000+ people) that would bring the most people within
    ``within_km`` of a site, existing sites of ``kind`` kept fixed.

    These are **model suggestions, not real sites** (``model_suggestion: true``). The first
    answer for a set of parameters takes seconds; it is then cached for the dataset version.
    ``within_km`` starts at 50: demand is per county (one point per county), too coarse for
    smaller radii, which also make the model several times slower.
    """
    kinds = _kinds(kind)
    view, planning = runtime.view(), planning_of(request)
    key = ("suggest", view.version, tuple(kinds), k, within_km)
    sites = view.snapshot.index.sites
    result = await run_in_threadpool(
        planning.cached, key, lambda: _suggest(planning, sites, kinds, k, within_km), slow=True)
    rows = [{**s, "model_suggestion": True, "note": result["notes"][lang][0]}
            for s in result["suggestions"]]
    return JSONBytesResponse({
        "dataset_version": view.version,
        "kinds": kinds,
        "k": k,
        "within_km": within_km,
        "model": "MCLP (PySAL spopt), great-circle distances",
        "demand": _demand(planning.layer(), lang),
        "coverage_before": result["coverage_before"],
        "coverage_after": result["coverage_after"],
        "suggestions": rows,
        "notes": result["notes"][lang],
    })
