"""``GET /v1/coverage`` (how far people are from the nearest site; ranked gaps) and
``GET /v1/coverage/suggestions`` (maximal-covering model suggestions for new sites).

The demand layer (US counties with a population, :func:`locator.planning.default_demand`) is
heavy: it is built once per process, on first use, in a worker thread, with its simplified
county outlines. Its ``population`` is the Mexico-born count per county (US Census Bureau, ACS
5-year 2013-2017, table B05006, bundled); Puerto Rico and the island territories have no figure
(``null``, unknown, not zero). Every answer cites the source and vintage in ``demand``.
Results are cached per (dataset version, parameters); suggestions take seconds (PySAL spopt
MCLP), so they run in a worker thread, one at a time.

Distances are great-circle km from each county's population-weighted centre to the nearest
site: an approximation, not travel time and not the official consular jurisdictions.

This module only handles HTTP (parameters, worker threads, response types, headers): the
figures, the CSV and the demand-layer cache live in :mod:`locator.planning.report` and
:mod:`locator.planning.session`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.deps import KindParam, Lang, RuntimeDep
from api.responses import GeoJSONResponse, JSONBytesResponse
from api.routers import problems
from geodata.vocab import KINDS
from locator.features import View
from locator.planning.report import county_features, demand_info, gap_rows, gaps_csv, table_rows
from locator.planning.session import CACHE_SIZE, PlanningSession
from locator.query import MAX_THRESHOLDS, CoverageQuery, parse_thresholds

__all__ = ["CACHE_SIZE", "parse_thresholds", "planning_of", "router"]

router = APIRouter(prefix="/v1", tags=["coverage"])

DEFAULT_RADIUS_KM = 100

ThresholdsKm = Annotated[
    list[str] | None,
    Query(
        max_length=MAX_THRESHOLDS,
        examples=["50,100,200"],
        description="Distance thresholds in km (1-2000), repeatable or comma-separated "
        "(default 50,100,200).",
    ),
]
WithinKm = Annotated[
    list[str] | None,
    Query(
        max_length=MAX_THRESHOLDS,
        deprecated=True,
        description="Old name of thresholds_km (used when thresholds_km is not given).",
    ),
]
GapKm = Annotated[
    float | None,
    Query(
        ge=1,
        le=2000,
        allow_inf_nan=False,
        description="A county is a gap when its nearest site is farther than this (km); "
        "default: the middle threshold.",
    ),
]
Top = Annotated[int, Query(ge=1, le=500, description="How many ranked gaps (1-500).")]
Format = Annotated[
    Literal["json", "geojson", "csv"],
    Query(
        alias="format",
        description="json (default), geojson (every county, simplified outlines) "
        "or csv (the ranked gaps, as a download).",
    ),
]

_planning_lock = threading.Lock()


def planning_of(request: Request) -> PlanningSession:
    """The app's planning session (created on first use, kept on ``app.state``)."""
    state = request.app.state
    planning = getattr(state, "planning", None)
    if planning is None:
        with _planning_lock:
            planning = getattr(state, "planning", None)
            if planning is None:
                planning = state.planning = PlanningSession(state.runtime.gazetteer)
    return planning


_T = TypeVar("_T")


async def _on_sites(compute: Callable[..., _T], view: View, **options: Any) -> _T:
    """Run a planning ``compute`` on ``view``'s version and sites, in a worker thread."""
    return await run_in_threadpool(compute, view.version, view.snapshot.index.sites, **options)


def _kinds(kind: list[str] | None) -> list[str]:
    return list(CoverageQuery.parse(kinds=kind).kinds)


@router.get(
    "/coverage",
    response_class=JSONBytesResponse,
    responses={
        200: {"content": {"application/geo+json": {}, "text/csv": {}}},
        **problems(400, 422),
    },
    summary="Cobertura y huecos / coverage and gaps",
)
async def coverage(
    request: Request,
    runtime: RuntimeDep,
    lang: Lang,
    kind: KindParam = None,
    thresholds_km: ThresholdsKm = None,
    gap_km: GapKm = None,
    top: Top = 20,
    fmt: Format = "json",
    within_km: WithinKm = None,
) -> Response:
    """Population within / beyond each distance of the nearest site, and the ranked gaps.

    Also ``by_state`` and ``by_office`` (people beyond each distance; per office the
    population-weighted mean and median km), ``share_covered`` (within ``gap_km``) and the
    data ``caveats`` that affect rows (e.g. Houston's VDS), named by each gap's ``caveat``.

    ``population`` comes from the demand layer named in ``demand`` (the Mexico-born count per
    county, US Census Bureau ACS 5-year 2013-2017, B05006; ``null`` where the table has no
    figure, e.g. Puerto Rico). Distances are great-circle km, not travel times.

    ``thresholds_km`` lists the thresholds; ``threshold_km`` names one: each ``summary`` row's,
    ``share_covered``'s (``gap_km``) and, per GeoJSON county, the smallest it is within.
    **Deprecated:** ``within_km``, the old name of each of these, is still sent beside it with
    the same value; read the new names.
    """
    wanted = thresholds_km if thresholds_km is not None else within_km
    query = CoverageQuery.parse(kinds=kind, thresholds=wanted, gap_km=gap_km)
    kinds, thresholds, gap = list(query.kinds), query.thresholds_km, query.gap_km
    view, planning = runtime.view(), planning_of(request)
    result = await _on_sites(
        planning.coverage, view, kinds=kinds, thresholds=thresholds, gap_km=gap
    )
    demand = demand_info(planning.layer(), lang)
    if fmt == "csv":
        name = f"coverage-gaps-{'-'.join(kinds)}-{gap:g}km.csv"
        return Response(
            gaps_csv(gap_rows(result.gaps, top), demand),
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="{name}"',
                "X-Demand-Source": demand["source"],
            },
        )
    body: dict[str, Any] = {
        "dataset_version": view.version,
        "kinds": kinds,
        "kind_labels": [KINDS[k].label(lang) for k in kinds],
        "thresholds_km": list(thresholds),
        "within_km": list(thresholds),  # deprecated alias of thresholds_km
        "gap_km": gap,
        "demand": demand,
        "population_total": result.population_total,
        "summary": result.summary,
        "share_covered": result.share_covered,
        "by_state": table_rows(result.by_state),
        "by_office": table_rows(result.by_office),
        "caveats": result.caveats[lang] if result.caveats else {},
        "gaps_total": len(result.gaps),
        "notes": [result.notes[lang], demand["distance_note"]],
    }
    if fmt == "geojson":
        features = await run_in_threadpool(county_features, result, planning.shapes(), thresholds)
        return GeoJSONResponse({"type": "FeatureCollection", **body, "features": features})
    return JSONBytesResponse({**body, "gaps": gap_rows(result.gaps, top)})


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
    k: Annotated[int, Query(ge=1, le=20, description="How many new sites to suggest (1-20).")] = 5,
    radius_km: Annotated[
        int | None,
        Query(
            ge=50,
            le=300,
            description="A county is covered when a site is this close (km, 50-300; 100).",
        ),
    ] = None,
    within_km: Annotated[
        int | None, Query(ge=50, le=300, deprecated=True, description="Old name of radius_km.")
    ] = None,
) -> JSONBytesResponse:
    """K places (GeoNames places of 15,000+ people) that would bring the most people within
    ``radius_km`` of a site, existing sites of ``kind`` kept fixed.

    These are **model suggestions, not real sites** (``model_suggestion: true``). The first
    answer for a set of parameters takes seconds; it is then cached for the dataset version.
    ``radius_km`` starts at 50: demand is per county (one point per county), too coarse for
    smaller radii, which also make the model several times slower.

    The answer's ``radius_km`` is the radius used; **deprecated:** ``within_km``, its old name,
    is still sent beside it with the same value.
    """
    kinds = _kinds(kind)
    radius = next((km for km in (radius_km, within_km) if km is not None), DEFAULT_RADIUS_KM)
    view, planning = runtime.view(), planning_of(request)
    result = await _on_sites(planning.suggestions, view, kinds=kinds, k=k, radius_km=radius)
    rows = [
        {**s, "model_suggestion": True, "note": result["notes"][lang][0]}
        for s in result["suggestions"]
    ]
    return JSONBytesResponse(
        {
            "dataset_version": view.version,
            "kinds": kinds,
            "k": k,
            "radius_km": radius,
            "within_km": radius,  # deprecated alias of radius_km
            "model": "MCLP (PySAL spopt), great-circle distances",
            "demand": demand_info(planning.layer(), lang),
            "coverage_before": result["coverage_before"],
            "coverage_after": result["coverage_after"],
            "suggestions": rows,
            "notes": result["notes"][lang],
        }
    )
