"""``GET /v1/sites`` (bbox, filters, OGC-style paging) and ``GET /v1/sites/{id}``."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Request

from api.deps import Filters, Lang, RuntimeDep
from api.links import page_hrefs, public_request_url
from api.responses import GeoJSONResponse
from api.routers import problems
from api.schemas import SiteFeature, SitesCollection
from geodata.errors import NotFoundError
from locator.i18n.api import API_ERRORS
from locator.query import WORLD, AreaQuery, BBox

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["sites"])


Bbox = Annotated[
    str | None,
    Query(
        max_length=200,
        description="minx,miny,maxx,maxy (lon/lat, WGS84).",
        examples=["-88.0,41.6,-87.5,42.1"],
    ),
]


def _links(request: Request, offset: int, limit: int, matched: int) -> list[dict[str, str]]:
    pages = page_hrefs(request, offset=offset, limit=limit, matched=matched)
    return [
        {"href": href, "rel": rel, "type": "application/geo+json"}
        for rel, href in {"self": str(public_request_url(request)), **pages}.items()
    ]


@router.get(
    "/sites",
    response_model=SitesCollection,
    response_class=GeoJSONResponse,
    responses=problems(400, 422),
    summary="Sitios / sites (bbox, filters, paging)",
)
async def list_sites(
    request: Request,
    runtime: RuntimeDep,
    lang: Lang,
    filters: Filters,
    bbox: Bbox = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="Page size (1-1000).")] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000, description="Start of the page.")] = 0,
) -> GeoJSONResponse:
    """Sites inside ``bbox`` (default: the world), filtered, ordered by id, paged."""
    query = AreaQuery(BBox.parse(bbox) or WORLD, filters)
    view = runtime.view()
    positions = view.select(query.bbox, **query.filters.as_kwargs())
    page = positions[offset : offset + limit]
    return GeoJSONResponse(
        {
            "type": "FeatureCollection",
            "dataset_version": view.version,
            "numberMatched": len(positions),
            "numberReturned": len(page),
            "links": _links(request, offset, limit, len(positions)),
            "features": [view.feature(p, lang) for p in page],
        }
    )


@router.get(
    "/sites/{site_id}",
    response_model=SiteFeature,
    response_class=GeoJSONResponse,
    responses=problems(404, 422),
    summary="Un sitio / one site",
)
async def get_site(
    runtime: RuntimeDep,
    lang: Lang,
    site_id: Annotated[str, Path(max_length=200, examples=["consulate-chicago"])],
) -> GeoJSONResponse:
    """One site by its stable id."""
    view = runtime.view()
    pos = view.position.get(site_id)
    if pos is None:
        raise NotFoundError(
            API_ERRORS["no_site"].fill(site_id=site_id),
            detail={"id": site_id},
        )
    return GeoJSONResponse(view.feature(pos, lang))
