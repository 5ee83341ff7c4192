"""``GET /v1/nearest``: the nearest sites to a place or point, as GeoJSON.

Lean on purpose: no pandas per request. The index answers positions and distances
(``SiteIndex.nearest_many``, single-point fast path) and features are copied by position from
the per-version :class:`~locator.features.View`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from api.deps import NearestParams, lang_of, point_of
from api.query import parse_query, query_openapi
from api.responses import GeoJSONResponse
from api.routers import problems
from api.schemas import NearestCollection
from locator.distance import KM_PER_MI
from locator.query import NearestQuery

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["sites"])


@router.get(
    "/nearest",
    response_model=NearestCollection,
    response_class=GeoJSONResponse,
    responses=problems(400, 404, 422),
    summary="Lo más cercano / nearest sites",
    openapi_extra=query_openapi(NearestParams),
)
async def nearest(request: Request) -> GeoJSONResponse:
    """Sites nearest to ``q`` (any place the gazetteer knows) or to ``lat``/``lon``.

    Parameters are parsed from one model (:class:`~api.deps.NearestParams`), see
    :mod:`api.query`: cheaper than FastAPI's per-parameter inspection on this hot route.

    Ordered by great-circle distance (haversine, R = 6371.0088 km). Filters combine with AND;
    repeated values of one filter combine with OR. Each feature says how exact its location
    is (``location_precision`` + ``location_note``) and whether it is illustrative.

    Only places one can walk into are ranked (``features``); sites that move (VDS mobile
    units, HRSA mobile vans: ``mobile``) come apart in ``mobile_units``, nearest first,
    unranked, with their ``mobile_note``: only those based within 300 km
    (``locator.query.MOBILE_UNITS_NEAR_KM``) or ``max_km``.
    """
    params = parse_query(NearestParams, request)
    runtime = request.app.state.runtime
    language_out = lang_of(request, params.lang)
    query = NearestQuery.parse(
        kinds=params.kind,
        services=params.service,
        languages=params.language,
        limit=params.limit,
        max_km=params.max_km,
    )
    point = await point_of(runtime, params.q, params.lat, params.lon)
    view = runtime.view()
    index = view.snapshot.index

    def found(*, mobile: bool, ranked: bool, near: bool = False) -> list[dict[str, Any]]:
        options = query.mobile_kwargs() if near else query.index_kwargs()
        dist, pos = index.nearest_many(point.lon, point.lat, mobile=mobile, **options)
        out = []
        for rank, (d, p) in enumerate(zip(dist[0].tolist(), pos[0].tolist(), strict=True), 1):
            if p < 0:
                break
            out.append(
                view.feature(
                    p,
                    language_out,
                    distance_km=round(d, 3),
                    distance_mi=round(d / KM_PER_MI, 3),
                    **({"rank": rank} if ranked else {}),
                )
            )
        return out

    features = found(mobile=False, ranked=True)
    return GeoJSONResponse(
        {
            "type": "FeatureCollection",
            "query": point.to_dict(),
            "dataset_version": view.version,
            "lang": language_out,
            "numberReturned": len(features),
            "features": features,
            "mobile_units": found(mobile=True, ranked=False, near=True),
        }
    )
