"""``GET /v1/routes`` and ``GET /v1/routes/{id}``: mobile-unit routes with their stops.

Illustrative routes (samples, not real schedules) say so in ``illustrative`` and
``illustrative_note``, route and stop alike.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from api.deps import Lang, RuntimeDep
from api.responses import GeoJSONResponse
from api.routers import no_route, problems
from api.schemas import RouteCollection, RouteFeature
from locator.features import route_features

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["routes"])


@router.get(
    "/routes",
    response_model=RouteCollection,
    response_class=GeoJSONResponse,
    responses=problems(422),
    summary="Rutas de unidades móviles / mobile-unit routes",
)
async def list_routes(runtime: RuntimeDep, lang: Lang) -> GeoJSONResponse:
    """Every route with its stops (ordered) and the mobile unit that drives it."""
    view = runtime.view()
    features = route_features(view, lang)
    return GeoJSONResponse(
        {
            "type": "FeatureCollection",
            "dataset_version": view.version,
            "numberReturned": len(features),
            "features": features,
        }
    )


@router.get(
    "/routes/{route_id}",
    response_model=RouteFeature,
    response_class=GeoJSONResponse,
    responses=problems(404, 422),
    summary="Una ruta / one route",
)
async def get_route(
    runtime: RuntimeDep,
    lang: Lang,
    route_id: Annotated[str, Path(max_length=200)],
) -> GeoJSONResponse:
    """One route by id, with its stops."""
    features = route_features(runtime.view(), lang, only=route_id)
    if not features:
        raise no_route(route_id)
    return GeoJSONResponse(features[0])
