"""OGC API - Features - Part 1: Core (OGC 17-069r4) under ``/ogc``.

* ``/ogc``: landing page (links: self, service-desc -> ``/openapi.json``, conformance, data).
* ``/ogc/conformance``: the core, geojson and oas30 conformance classes.
* ``/ogc/collections`` and ``/ogc/collections/{collectionId}``: one collection per site kind
  (``consulate``, ``vds``, ``vds_mobile``, ``clinic``) plus ``routes`` (LineStrings); titles and
  descriptions in Spanish and English; spatial extent computed from the data (CRS84).
* ``/ogc/collections/{collectionId}/items``: GeoJSON FeatureCollection with ``bbox``,
  ``datetime``, ``limit`` (default 10, larger than 10000 served as 10000), ``offset``; links
  self/next/prev/collection; ``numberMatched``, ``numberReturned``, ``timeStamp``.
* ``/ogc/collections/{collectionId}/items/{featureId}``: one feature.

Metadata is ``application/json``, features ``application/geo+json`` (``f=json``, the only
format). Bad parameters and unknown ones are ``400``, unknown collections or features ``404``,
all as problem details. GET responses are CORS-open (``api.middleware``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Request

from api.deps import RuntimeDep, lang_of
from api.features import View
from api.ogc_collections import ROUTES, Collection, Collections, collections_of
from api.ogc_params import (
    ITEMS_PARAMS,
    META_PARAMS,
    check_params,
    openapi_params,
    parse_bbox,
    parse_datetime,
    parse_format,
    parse_limit,
    parse_offset,
)
from api.responses import GeoJSONResponse, JSONBytesResponse
from api.routers import problems
from geodata.errors import InvalidInputError, NotFoundError

__all__ = ["CONFORMANCE", "router"]

router = APIRouter(prefix="/ogc", tags=["ogc"])

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
]
JSON, GEOJSON = "application/json", "application/geo+json"
_META = openapi_params(META_PARAMS)
_ITEMS = openapi_params(ITEMS_PARAMS)
CollectionId = Annotated[str, Path(alias="collectionId", max_length=100, examples=["vds"],
                                   description="consulate, vds, vds_mobile, clinic, routes")]
FeatureId = Annotated[str, Path(alias="featureId", max_length=200, examples=["vds-chicago"])]


def _lang(request: Request, allowed: frozenset[str]) -> str:
    """Check the query (unknown/repeated parameters, ``f``, ``lang``); the response language."""
    params = request.query_params
    check_params(params, allowed)
    parse_format(params.get("f"))
    lang = params.get("lang")
    if lang is not None and lang not in ("es", "en"):
        raise InvalidInputError("Invalid 'lang': allowed values: es, en",
                                "'lang' no válido: valores permitidos: es, en",
                                detail={"parameter": "lang", "allowed": ["es", "en"]})
    return lang_of(request, lang)


def _base(request: Request) -> str:
    return str(request.url_for("ogc_landing")).rstrip("/")


def _link(href: str, rel: str, type_: str, title: str | None = None) -> dict[str, str]:
    link = {"href": href, "rel": rel, "type": type_}
    if title:
        link["title"] = title
    return link


def _state(request: Request, runtime: Any) -> tuple[View, Collections]:
    view = runtime.view()
    return view, collections_of(request.app.state, view)


def _collection_doc(base: str, col: Collection, lang: str) -> dict[str, Any]:
    href = f"{base}/collections/{quote(col.id, safe='')}"
    doc = col.metadata(lang)
    doc["links"] = [
        _link(href, "self", JSON, "Esta colección / this collection"),
        _link(f"{href}/items", "items", GEOJSON, "Elementos / items"),
    ]
    return doc


def _openapi_type(request: Request) -> str:
    version = str(request.app.openapi().get("openapi", "3.0"))[:3]
    return f"application/vnd.oai.openapi+json;version={version}"


@router.get("", name="ogc_landing", response_class=JSONBytesResponse, openapi_extra=_META,
            responses=problems(400), summary="OGC API Features: página de inicio / landing page")
async def landing(request: Request, runtime: RuntimeDep) -> JSONBytesResponse:
    """Landing page with links to the API definition, conformance and collections."""
    _lang(request, META_PARAMS)
    base = _base(request)
    root = str(request.base_url).rstrip("/")
    links = [
        _link(base, "self", JSON, "Esta página / this document"),
        _link(f"{root}{request.app.openapi_url}", "service-desc", _openapi_type(request),
              "Definición de la API (OpenAPI) / API definition"),
        _link(f"{base}/conformance", "conformance", JSON, "Conformidad / conformance"),
        _link(f"{base}/conformance", "http://www.opengis.net/def/rel/ogc/1.0/conformance", JSON),
        _link(f"{base}/collections", "data", JSON, "Colecciones / collections"),
        _link(f"{base}/collections", "http://www.opengis.net/def/rel/ogc/1.0/data", JSON),
    ]
    if any(getattr(r, "path", None) == "/docs" for r in request.app.routes):
        links.insert(2, _link(f"{root}/docs", "service-doc", "text/html",
                              "Documentación / documentation"))
    return JSONBytesResponse({
        "title": "locator: consulados, Ventanillas de Salud y clínicas / consulates, health "
                 "desks and clinics",
        "description": "Sitios de atención a la comunidad mexicana en EE. UU. como OGC API "
                       "Features. Sites serving the Mexican community in the US as OGC API "
                       f"Features. Dataset version: {runtime.version}.",
        "links": links,
    })


router.add_api_route("/", landing, include_in_schema=False, response_class=JSONBytesResponse)


@router.get("/conformance", response_class=JSONBytesResponse, openapi_extra=_META,
            responses=problems(400), summary="Clases de conformidad / conformance classes")
async def conformance(request: Request) -> JSONBytesResponse:
    """The conformance classes this API implements."""
    _lang(request, META_PARAMS)
    return JSONBytesResponse({"conformsTo": CONFORMANCE})


@router.get("/collections", response_class=JSONBytesResponse, openapi_extra=_META,
            responses=problems(400), summary="Colecciones / feature collections")
async def collections(request: Request, runtime: RuntimeDep) -> JSONBytesResponse:
    """One collection per site kind, and the mobile-unit routes."""
    lang = _lang(request, META_PARAMS)
    _, cols = _state(request, runtime)
    base = _base(request)
    return JSONBytesResponse({
        "links": [_link(f"{base}/collections", "self", JSON, "Colecciones / collections")],
        "collections": [_collection_doc(base, c, lang) for c in cols.by_id.values()],
    })


@router.get("/collections/{collectionId}", response_class=JSONBytesResponse,
            openapi_extra=_META, responses=problems(400, 404),
            summary="Una colección / one collection")
async def collection(request: Request, runtime: RuntimeDep,
                     collection_id: CollectionId) -> JSONBytesResponse:
    """Metadata of one collection: title, description, extent, links."""
    lang = _lang(request, META_PARAMS)
    _, cols = _state(request, runtime)
    return JSONBytesResponse(_collection_doc(_base(request), cols.get(collection_id), lang))


def _page_links(request: Request, col_href: str, offset: int, limit: int,
                matched: int) -> list[dict[str, str]]:
    def at(start: int) -> str:
        return str(request.url.include_query_params(offset=start, limit=limit))

    links = [_link(str(request.url), "self", GEOJSON, "Esta página / this page"),
             _link(col_href, "collection", JSON, "La colección / the collection")]
    if offset + limit < matched:
        links.append(_link(at(offset + limit), "next", GEOJSON, "Siguiente / next page"))
    if offset > 0:
        links.append(_link(at(max(0, min(offset, matched) - limit)), "prev", GEOJSON,
                           "Anterior / previous page"))
    return links


def _timestamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _matches(view: View, cols: Collections, col: Collection, bbox) -> list[int]:
    if col.id == ROUTES:
        return cols.route_items(bbox)
    if bbox is None:
        return col.positions
    found = view.snapshot.index.within_bbox(*bbox, kinds=[col.kind])
    return found.index.to_numpy().tolist()


def _feature(view: View, cols: Collections, col: Collection, pos: int, lang: str
             ) -> dict[str, Any]:
    return cols.routes[lang][pos] if col.id == ROUTES else view.feature(pos, lang)


@router.get("/collections/{collectionId}/items", response_class=GeoJSONResponse,
            openapi_extra=_ITEMS, responses=problems(400, 404),
            summary="Elementos de una colección / features (bbox, paging)")
async def items(request: Request, runtime: RuntimeDep,
                collection_id: CollectionId) -> GeoJSONResponse:
    """Features of a collection inside ``bbox``, in dataset order, paged by limit/offset."""
    lang = _lang(request, ITEMS_PARAMS)
    params = request.query_params
    bbox = parse_bbox(params.get("bbox"))
    limit, offset = parse_limit(params.get("limit")), parse_offset(params.get("offset"))
    parse_datetime(params.get("datetime"))
    view, cols = _state(request, runtime)
    col = cols.get(collection_id)
    matched = _matches(view, cols, col, bbox)
    page = matched[offset: offset + limit]
    col_href = f"{_base(request)}/collections/{quote(col.id, safe='')}"
    return GeoJSONResponse({
        "type": "FeatureCollection",
        "timeStamp": _timestamp(),
        "numberMatched": len(matched),
        "numberReturned": len(page),
        "dataset_version": view.version,
        "links": _page_links(request, col_href, offset, limit, len(matched)),
        "features": [_feature(view, cols, col, p, lang) for p in page],
    })


@router.get("/collections/{collectionId}/items/{featureId}", response_class=GeoJSONResponse,
            openapi_extra=_META, responses=problems(400, 404),
            summary="Un elemento / one feature")
async def item(request: Request, runtime: RuntimeDep, collection_id: CollectionId,
               feature_id: FeatureId) -> GeoJSONResponse:
    """One feature of a collection by its id (a site id, or a route id in ``routes``)."""
    lang = _lang(request, META_PARAMS)
    view, cols = _state(request, runtime)
    col = cols.get(collection_id)
    if col.id == ROUTES:
        ids = [f["id"] for f in cols.routes["es"]]
        pos = ids.index(feature_id) if feature_id in ids else None
    else:
        pos = view.position.get(feature_id)
        if pos is not None and str(view.props["es"][pos]["kind"]) != col.kind:
            pos = None
    if pos is None:
        raise NotFoundError(
            f"No feature {feature_id[:100]!r} in collection {col.id!r}",
            f"No hay un elemento {feature_id[:100]!r} en la colección {col.id!r}",
            detail={"collectionId": col.id, "featureId": feature_id[:200]},
        )
    href = f"{_base(request)}/collections/{quote(col.id, safe='')}"
    feature = dict(_feature(view, cols, col, pos, lang))
    feature["links"] = [
        _link(f"{href}/items/{quote(feature_id, safe='')}", "self", GEOJSON, "Este elemento"),
        _link(href, "collection", JSON, "La colección / the collection"),
    ]
    return GeoJSONResponse(feature)
