"""``GET /v1/nearest``: the nearest sites to a place or point, as GeoJSON.

Lean on purpose: no pandas per request. The index answers positions and distances
(``SiteIndex.nearest_many``, single-point fast path) and features are copied by position from
the per-version :class:`~api.features.View`.
"""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import Kinds, Lang, Languages, Limit, MaxKm, Point, RuntimeDep, Services
from api.responses import GeoJSONResponse
from api.routers import problems
from api.schemas import NearestCollection
from locator.distance import KM_PER_MI

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["sites"])


@router.get(
    "/nearest",
    response_model=NearestCollection,
    response_class=GeoJSONResponse,
    responses=problems(400, 404, 422),
    summary="Lo más cercano / nearest sites",
)
async def nearest(
    runtime: RuntimeDep,
    point: Point,
    lang: Lang,
    kinds: Kinds,
    services: Services,
    languages: Languages,
    limit: Limit = 5,
    max_km: MaxKm = None,
) -> GeoJSONResponse:
    """Sites nearest to ``q`` (any place the gazetteer knows) or to ``lat``/``lon``.

    Ordered by great-circle distance (haversine, R = 6371.0088 km). Filters combine with AND;
    repeated values of one filter combine with OR. Each feature says how exact its location
    is (``location_precision`` + ``location_note``) and whether it is illustrative.
    """
    view = runtime.view()
    dist, pos = view.snapshot.index.nearest_many(
        point.lon, point.lat, k=limit, kinds=kinds, services=services, languages=languages,
        max_km=max_km,
    )
    features = []
    for rank, (d, p) in enumerate(zip(dist[0].tolist(), pos[0].tolist(), strict=True), 1):
        if p < 0:
            break
        features.append(view.feature(p, lang, distance_km=round(d, 3),
                                     distance_mi=round(d / KM_PER_MI, 3), rank=rank))
    return GeoJSONResponse({
        "type": "FeatureCollection",
        "query": point.to_dict(),
        "dataset_version": view.version,
        "lang": lang,
        "numberReturned": len(features),
        "features": features,
    })
