"""OGC API - Features - Part 1: Core (OGC 17-069r4) under ``/ogc``.

* ``/ogc``: landing page (links: self, alternate, service-desc -> ``/ogc/api``, conformance,
  data).
* ``/ogc/api``: the OpenAPI **3.0** definition of this service (:mod:`api.ogc_openapi`).
* ``/ogc/conformance``: core, geojson, html, oas30, and Part 3 queryables (+ as parameters).
* ``/ogc/collections`` and ``/ogc/collections/{collectionId}``: one collection per site kind
  (``consulate``, ``vds``, ``vds_mobile``, ``clinic``) plus ``routes`` (LineStrings); titles and
  descriptions in Spanish and English; spatial extent computed from the data (CRS84).
* ``/ogc/collections/{collectionId}/queryables``: the properties one can filter on.
* ``/ogc/collections/{collectionId}/items``: GeoJSON FeatureCollection with ``bbox``,
  ``datetime``, property filters (``?state=TX&kind=vds``, :mod:`api.ogc_queryables`),
  ``sortby``, ``limit`` (default 1000, larger than 10000 served as 10000), ``offset``; links
  self/alternate/next/prev/collection; ``numberMatched``, ``numberReturned``, ``timeStamp``.
* ``/ogc/collections/{collectionId}/items/{featureId}``: one feature.

Every resource is JSON (features ``application/geo+json``) or HTML (``f=html``, or a browser's
Accept header; :mod:`api.ogc_pages`). Bad parameters and unknown ones are ``400``, unknown
collections or features ``404``, all as problem details. GET responses are CORS-open
(``api.middleware``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, NamedTuple
from urllib.parse import quote, urlsplit

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from api import ogc_pages
from api.deps import RuntimeDep, lang_of
from api.links import page_hrefs, public_base, public_request_url
from api.ogc_collections import collections_of
from api.ogc_html import Page, render
from api.ogc_openapi import OPENAPI_TYPE, ogc_openapi, sortby_param
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
from api.ogc_queryables import (
    ROUTE_QUERYABLES,
    SITE_QUERYABLES,
    Queryable,
    apply_filters,
    apply_sort,
    parse_filters,
    parse_sortby,
    queryables_schema,
)
from api.responses import GeoJSONResponse, JSONBytesResponse, SchemaJSONResponse
from api.routers import problems
from geodata.errors import InvalidInputError, NotFoundError
from locator.feature_collections import ROUTES, Collection, Collections
from locator.features import View
from locator.i18n.api import API_ERRORS, invalid_param

__all__ = ["CONFORMANCE", "router"]

router = APIRouter(prefix="/ogc", tags=["ogc"])

CONFORMANCE = [
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
    "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters",
]
JSON, GEOJSON, HTML = "application/json", "application/geo+json", "text/html"
_META = openapi_params(META_PARAMS)
_ITEMS = {  # sortby names a property sortable in some collection (each one's: its queryables)
    "parameters": [
        sortby_param({**SITE_QUERYABLES, **ROUTE_QUERYABLES}) if p["name"] == "sortby" else p
        for p in openapi_params(ITEMS_PARAMS)["parameters"]
    ]
}
CollectionId = Annotated[
    str,
    Path(
        alias="collectionId",
        max_length=100,
        examples=["vds"],
        description="consulate, vds, vds_mobile, clinic, routes",
    ),
]
FeatureId = Annotated[str, Path(alias="featureId", max_length=200, examples=["vds-chicago"])]


_ALT: dict[int | str, dict[str, Any]] = {200: {"content": {HTML: {"schema": {"type": "string"}}}}}


def _negotiate(request: Request, allowed: frozenset[str]) -> tuple[str, str]:
    """Check the query (unknown/repeated parameters, ``f``, ``lang``): (language, format)."""
    params = request.query_params
    check_params(params, allowed)
    fmt = parse_format(params.get("f"), request.headers.get("accept"))
    lang = params.get("lang")
    if lang is not None and lang not in ("es", "en"):
        raise InvalidInputError(
            invalid_param("lang", API_ERRORS["reason.allowed"].fill(values="es, en")),
            detail={"parameter": "lang", "allowed": ["es", "en"]},
        )
    return lang_of(request, lang), fmt


def httpx_path(href: str) -> str:
    """The path of an absolute URL built by :func:`_base`."""
    return urlsplit(href).path


def _base(request: Request) -> str:
    return public_base(request, "ogc_landing")


def _link(href: str, rel: str, type_: str, title: str | None = None) -> dict[str, str]:
    link = {"href": href, "rel": rel, "type": type_}
    if title:
        link["title"] = title
    return link


def _self_links(
    request: Request, fmt: str, json_type: str = JSON, *, href: str | None = None
) -> list[dict[str, str]]:
    """``self`` in the format served and ``alternate`` in the other one."""
    url = public_request_url(request)
    if href is not None:
        url = url.replace(path=httpx_path(href))
    as_json = str(url.include_query_params(f="json"))
    as_html = str(url.include_query_params(f="html"))
    if fmt == "html":
        return [
            _link(as_html, "self", HTML, "Esta página / this page"),
            _link(as_json, "alternate", json_type, "JSON"),
        ]
    here = href or str(url)
    return [
        _link(here, "self", json_type, "Esta página / this page"),
        _link(as_html, "alternate", HTML, "HTML"),
    ]


def _html(page: Page) -> HTMLResponse:
    return HTMLResponse(render(page), headers={"Vary": "Accept"})


def _json(
    doc: dict[str, Any],
    cls: type[JSONBytesResponse] = JSONBytesResponse,
    media_type: str | None = None,
) -> Response:
    return cls(doc, headers={"Vary": "Accept"}, media_type=media_type)


def _state(request: Request, runtime: Any) -> tuple[View, Collections]:
    view = runtime.view()
    return view, collections_of(request.app.state, view)


class _Asked(NamedTuple):
    """A metadata request on one collection: negotiated language and format, the data."""

    lang: str
    fmt: str
    view: View
    cols: Collections
    col: Collection


def _asked(request: Request, runtime: Any, collection_id: str) -> _Asked:
    """Check the query (:data:`META_PARAMS`) first, then find the collection (400 before 404)."""
    lang, fmt = _negotiate(request, META_PARAMS)
    view, cols = _state(request, runtime)
    return _Asked(lang, fmt, view, cols, cols.get(collection_id))


def _col_href(base: str, col: Collection) -> str:
    return f"{base}/collections/{quote(col.id, safe='')}"


def _queryables(col: Collection) -> dict[str, Queryable]:
    return ROUTE_QUERYABLES if col.id == ROUTES else SITE_QUERYABLES


def _collection_doc(base: str, col: Collection, lang: str) -> dict[str, Any]:
    href = _col_href(base, col)
    doc = col.metadata(lang)
    doc["links"] = [
        _link(href, "self", JSON, "Esta colección / this collection"),
        _link(f"{href}?f=html", "alternate", HTML, "HTML"),
        _link(f"{href}/items", "items", GEOJSON, "Elementos / items"),
        _link(f"{href}/items?f=html", "items", HTML, "Elementos / items (HTML)"),
        _link(
            f"{href}/queryables",
            "http://www.opengis.net/def/rel/ogc/1.0/queryables",
            "application/schema+json",
            "Propiedades para filtrar / queryables",
        ),
    ]
    return doc


@router.get(
    "",
    name="ogc_landing",
    response_class=JSONBytesResponse,
    openapi_extra=_META,
    responses={**problems(400), **_ALT},
    summary="OGC API Features: página de inicio / landing page",
)
async def landing(request: Request, runtime: RuntimeDep) -> Response:
    """Landing page with links to the API definition, conformance and collections."""
    lang, fmt = _negotiate(request, META_PARAMS)
    base = _base(request)
    root = public_base(request)
    links = [
        *_self_links(request, fmt, href=base),
        _link(
            f"{base}/api",
            "service-desc",
            OPENAPI_TYPE,
            "Definición de la API (OpenAPI 3.0) / API definition",
        ),
        _link(f"{base}/conformance", "conformance", JSON, "Conformidad / conformance"),
        _link(f"{base}/conformance", "http://www.opengis.net/def/rel/ogc/1.0/conformance", JSON),
        _link(f"{base}/collections", "data", JSON, "Colecciones / collections"),
        _link(f"{base}/collections", "http://www.opengis.net/def/rel/ogc/1.0/data", JSON),
    ]
    if any(getattr(r, "path", None) == "/docs" for r in request.app.routes):
        links.insert(3, _link(f"{root}/docs", "service-doc", HTML, "Documentación / documentation"))
    doc = {
        "title": "locator: consulados, Ventanillas de Salud y clínicas / consulates, health "
        "desks and clinics",
        "description": "Sitios de atención a la comunidad mexicana en EE. UU. como OGC API "
        "Features. Sites serving the Mexican community in the US as OGC API "
        f"Features. Dataset version: {runtime.version}.",
        "links": links,
    }
    if fmt == "html":
        return _html(ogc_pages.landing_page(doc, base, lang))
    return _json(doc)


router.add_api_route("/", landing, include_in_schema=False, response_class=JSONBytesResponse)


@router.get("/api", response_class=JSONBytesResponse, include_in_schema=False)
async def api_definition(request: Request, runtime: RuntimeDep) -> Response:
    """The OpenAPI 3.0 definition of the OGC API (``service-desc``)."""
    lang, _ = _negotiate(request, META_PARAMS)
    _, cols = _state(request, runtime)
    described = [
        (c.id, c.title[1 if lang == "en" else 0], _queryables(c)) for c in cols.by_id.values()
    ]
    return _json(ogc_openapi(_base(request), described), media_type=OPENAPI_TYPE)


@router.get(
    "/conformance",
    response_class=JSONBytesResponse,
    openapi_extra=_META,
    responses=problems(400),
    summary="Clases de conformidad / conformance classes",
)
async def conformance(request: Request) -> Response:
    """The conformance classes this API implements."""
    _negotiate(request, META_PARAMS)
    return _json({"conformsTo": CONFORMANCE})


@router.get(
    "/collections",
    response_class=JSONBytesResponse,
    openapi_extra=_META,
    responses={**problems(400), **_ALT},
    summary="Colecciones / feature collections",
)
async def collections(request: Request, runtime: RuntimeDep) -> Response:
    """One collection per site kind, and the mobile-unit routes."""
    lang, fmt = _negotiate(request, META_PARAMS)
    _, cols = _state(request, runtime)
    base = _base(request)
    if fmt == "html":
        return _html(ogc_pages.collections_page(list(cols.by_id.values()), base, lang))
    return _json(
        {
            "links": _self_links(request, fmt),
            "collections": [_collection_doc(base, c, lang) for c in cols.by_id.values()],
        }
    )


@router.get(
    "/collections/{collectionId}",
    response_class=JSONBytesResponse,
    openapi_extra=_META,
    responses={**problems(400, 404), **_ALT},
    summary="Una colección / one collection",
)
async def collection(
    request: Request, runtime: RuntimeDep, collection_id: CollectionId
) -> Response:
    """Metadata of one collection: title, description, extent, links."""
    lang, fmt, _, _, col = _asked(request, runtime, collection_id)
    if fmt == "html":
        return _html(ogc_pages.collection_page(col, _base(request), lang))
    return _json(_collection_doc(_base(request), col, lang))


@router.get(
    "/collections/{collectionId}/queryables",
    response_class=SchemaJSONResponse,
    openapi_extra=_META,
    responses={**problems(400, 404), **_ALT},
    summary="Propiedades para filtrar / queryables",
)
async def queryables(
    request: Request, runtime: RuntimeDep, collection_id: CollectionId
) -> Response:
    """The properties of the collection's features usable as filters (JSON Schema)."""
    lang, fmt, _, _, col = _asked(request, runtime, collection_id)
    base = _base(request)
    href = f"{_col_href(base, col)}/queryables"
    doc = queryables_schema(href, col.title[1 if lang == "en" else 0], _queryables(col), lang)
    if fmt == "html":
        return _html(ogc_pages.queryables_page(doc, col, base, lang))
    return _json(doc, media_type="application/schema+json")


_PAGE_TITLES = {"next": "Siguiente / next page", "prev": "Anterior / previous page"}


def _page_links(
    request: Request, col_href: str, offset: int, limit: int, matched: int, fmt: str
) -> list[dict[str, str]]:
    type_ = HTML if fmt == "html" else GEOJSON
    pages = page_hrefs(request, offset=offset, limit=limit, matched=matched)
    return [
        *_self_links(request, fmt, GEOJSON),
        _link(col_href, "collection", JSON, "La colección / the collection"),
        *(_link(href, rel, type_, _PAGE_TITLES[rel]) for rel, href in pages.items()),
    ]


def _timestamp() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _matches(view: View, cols: Collections, col: Collection, bbox) -> list[int]:
    if col.id == ROUTES or col.kind is None:  # only the routes collection has no kind
        return cols.route_items(bbox)
    if bbox is None:
        return col.positions
    found = view.snapshot.index.within_bbox(*bbox, kinds=[col.kind])
    return found.index.to_numpy().tolist()


def _feature(view: View, cols: Collections, col: Collection, pos: int, lang: str) -> dict[str, Any]:
    return cols.routes[lang][pos] if col.id == ROUTES else view.feature(pos, lang)


def _selected(request: Request, view: View, cols: Collections, col: Collection) -> list[int]:
    """Positions matching bbox and the property filters, in ``sortby`` (or dataset) order."""
    params = request.query_params
    known = _queryables(col)
    bbox = parse_bbox(params.get("bbox"))
    parse_datetime(params.get("datetime"))
    filters = parse_filters(params, known)
    keys = parse_sortby(params.get("sortby"), known)

    def props(pos: int) -> dict[str, Any]:
        if col.id == ROUTES:
            return cols.routes["es"][pos]["properties"]
        return {
            **view.props["es"][pos],
            "languages": sorted(view.languages[pos]),
            "services": sorted(view.services[pos]),
        }

    return apply_sort(apply_filters(_matches(view, cols, col, bbox), filters, props), keys, props)


@router.get(
    "/collections/{collectionId}/items",
    response_class=GeoJSONResponse,
    openapi_extra=_ITEMS,
    responses={**problems(400, 404), **_ALT},
    summary="Elementos de una colección / features (bbox, filters, sortby, paging)",
)
async def items(request: Request, runtime: RuntimeDep, collection_id: CollectionId) -> Response:
    """Features of a collection inside ``bbox`` matching the property filters, paged by
    limit/offset, in dataset order unless ``sortby`` is given."""
    view, cols = _state(request, runtime)
    col = cols.get(collection_id)
    lang, fmt = _negotiate(request, ITEMS_PARAMS | _queryables(col).keys())
    params = request.query_params
    limit, offset = parse_limit(params.get("limit")), parse_offset(params.get("offset"))
    matched = _selected(request, view, cols, col)
    page = matched[offset : offset + limit]
    col_href = _col_href(_base(request), col)
    doc = {
        "type": "FeatureCollection",
        "timeStamp": _timestamp(),
        "numberMatched": len(matched),
        "numberReturned": len(page),
        "dataset_version": view.version,
        "links": _page_links(request, col_href, offset, limit, len(matched), fmt),
        "features": [_feature(view, cols, col, p, lang) for p in page],
    }
    if fmt == "html":
        return _html(ogc_pages.items_page(doc, col, _base(request), lang))
    return _json(doc, GeoJSONResponse)


@router.get(
    "/collections/{collectionId}/items/{featureId}",
    response_class=GeoJSONResponse,
    openapi_extra=_META,
    responses={**problems(400, 404), **_ALT},
    summary="Un elemento / one feature",
)
async def item(
    request: Request, runtime: RuntimeDep, collection_id: CollectionId, feature_id: FeatureId
) -> Response:
    """One feature of a collection by its id (a site id, or a route id in ``routes``)."""
    lang, fmt, view, cols, col = _asked(request, runtime, collection_id)
    if col.id == ROUTES:
        ids = [f["id"] for f in cols.routes["es"]]
        pos = ids.index(feature_id) if feature_id in ids else None
    else:
        pos = view.position.get(feature_id)
        if pos is not None and str(view.props["es"][pos]["kind"]) != col.kind:
            pos = None
    if pos is None:
        raise NotFoundError(
            API_ERRORS["no_feature"].fill(feature=feature_id[:100], collection=col.id),
            detail={"collectionId": col.id, "featureId": feature_id[:200]},
        )
    href = _col_href(_base(request), col)
    feature = dict(_feature(view, cols, col, pos, lang))
    if fmt == "html":
        return _html(ogc_pages.item_page(feature, col, _base(request), lang))
    feature["links"] = [
        *_self_links(request, fmt, GEOJSON),
        _link(href, "collection", JSON, "La colección / the collection"),
    ]
    return _json(feature, GeoJSONResponse)
