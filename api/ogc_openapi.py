"""The OpenAPI 3.0 definition of the OGC API - Features service (its ``service-desc``).

FastAPI writes OpenAPI 3.1 at ``/openapi.json``; OGC 17-069r4 (/conf/oas30) and the OGC test
suite (ets-ogcapi-features10) read OpenAPI **3.0**, so ``/ogc/api`` serves this document:
written by hand from the same parameter table as the server (:mod:`api.ogc_params`), one
path per collection (so each collection states its own queryables, /rec/core/fc-filters),
``servers`` pointing at the ``/ogc`` root, and every response's media types (JSON/GeoJSON,
HTML, problem details).

Examples
--------
>>> doc = ogc_openapi("http://localhost/ogc", [])
>>> doc["openapi"], sorted(doc["paths"])
('3.0.3', ['/', '/collections', '/conformance'])
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from api.ogc_params import PARAMETERS
from api.ogc_queryables import Queryable

__all__ = ["OPENAPI_TYPE", "ogc_openapi", "sortby_param"]

OPENAPI_TYPE = "application/vnd.oai.openapi+json;version=3.0"
_PROBLEM = {"$ref": "#/components/schemas/Problem"}
_LINKS = {"type": "array", "items": {"$ref": "#/components/schemas/Link"}}
_SCHEMAS: dict[str, Any] = {
    "Link": {
        "type": "object",
        "required": ["href", "rel"],
        "properties": {
            "href": {"type": "string"},
            "rel": {"type": "string"},
            "type": {"type": "string"},
            "title": {"type": "string"},
        },
    },
    "Problem": {
        "type": "object",
        "required": ["type", "title", "status"],
        "properties": {
            "type": {"type": "string"},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "instance": {"type": "string"},
            "code": {"type": "string"},
        },
        "additionalProperties": True,
    },
    "LandingPage": {
        "type": "object",
        "required": ["links"],
        "properties": {
            "title": {"type": "string"},
            "description": {"type": "string"},
            "links": _LINKS,
        },
    },
    "ConfClasses": {
        "type": "object",
        "required": ["conformsTo"],
        "properties": {"conformsTo": {"type": "array", "items": {"type": "string"}}},
    },
    "Collection": {
        "type": "object",
        "required": ["id", "links"],
        "properties": {
            "id": {"type": "string"},
            "title": {"type": "string"},
            "description": {"type": "string"},
            "links": _LINKS,
            "extent": {"type": "object"},
            "itemType": {"type": "string"},
            "crs": {"type": "array", "items": {"type": "string"}},
        },
    },
    "Collections": {
        "type": "object",
        "required": ["links", "collections"],
        "properties": {
            "links": _LINKS,
            "collections": {"type": "array", "items": {"$ref": "#/components/schemas/Collection"}},
        },
    },
    "FeatureCollection": {
        "type": "object",
        "required": ["type", "features"],
        "properties": {
            "type": {"type": "string", "enum": ["FeatureCollection"]},
            "features": {"type": "array", "items": {"$ref": "#/components/schemas/Feature"}},
            "links": _LINKS,
            "timeStamp": {"type": "string", "format": "date-time"},
            "numberMatched": {"type": "integer", "minimum": 0},
            "numberReturned": {"type": "integer", "minimum": 0},
        },
    },
    "Feature": {
        "type": "object",
        "required": ["type", "geometry", "properties"],
        "properties": {
            "type": {"type": "string", "enum": ["Feature"]},
            "id": {"type": "string"},
            "geometry": {"type": "object", "nullable": True},
            "properties": {"type": "object", "nullable": True},
            "links": _LINKS,
        },
    },
    "Queryables": {
        "type": "object",
        "properties": {
            "$schema": {"type": "string"},
            "$id": {"type": "string"},
            "type": {"type": "string"},
            "properties": {"type": "object"},
        },
    },
}
_HTML = {"text/html": {"schema": {"type": "string"}}}


def _responses(schema: str, media: str, *, not_found: bool = True) -> dict[str, Any]:
    out: dict[str, Any] = {
        "200": {
            "description": "OK",
            "content": {media: {"schema": {"$ref": f"#/components/schemas/{schema}"}}, **_HTML},
        },
        "400": {
            "description": "Parámetro no válido / invalid parameter",
            "content": {"application/problem+json": {"schema": _PROBLEM}},
        },
    }
    if not_found:
        out["404"] = {
            "description": "No encontrado / not found",
            "content": {"application/problem+json": {"schema": _PROBLEM}},
        }
    return out


def _params(*names: str) -> list[dict[str, Any]]:
    return [PARAMETERS[n] for n in names]


def _op(
    op_id: str,
    summary: str,
    params: list[dict[str, Any]],
    schema: str,
    media: str,
    *,
    not_found: bool = True,
) -> dict[str, Any]:
    return {
        "get": {
            "operationId": op_id,
            "summary": summary,
            "tags": ["OGC API Features"],
            "parameters": params,
            "responses": _responses(schema, media, not_found=not_found),
        }
    }


def _filter_param(q: Queryable) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string" if q.type != "boolean" else "boolean"}
    if q.enum:
        schema["enum"] = list(q.enum)
    return {
        "name": q.name,
        "in": "query",
        "required": False,
        "style": "form",
        "explode": False,
        "schema": schema,
        "description": f"Filtro / filter: {q.title[0]} / {q.title[1]}"
        + (" (contiene / contains)" if q.type == "array" else ""),
    }


def sortby_param(queryables: Mapping[str, Queryable]) -> dict[str, Any]:
    """The ``sortby`` parameter whose items name only the sortable ``queryables``."""
    names = [n for n, q in queryables.items() if q.sortable]
    param = dict(PARAMETERS["sortby"])
    param["schema"] = {
        "type": "array",
        "items": {"type": "string", "pattern": rf"^[+-]?({'|'.join(names)})$"},
    }
    return param


def _collection_paths(cid: str, title: str, queryables: Mapping[str, Queryable]) -> dict[str, Any]:
    href = f"/collections/{cid}"
    items = _params("f", "lang", "bbox", "limit", "offset", "datetime")
    items += [sortby_param(queryables)] + [_filter_param(q) for q in queryables.values()]
    feature_id = {
        "name": "featureId",
        "in": "path",
        "required": True,
        "schema": {"type": "string", "maxLength": 200},
        "description": "Identificador del elemento / feature id",
    }
    return {
        href: _op(
            f"describe_{cid}",
            f"{title}: metadatos / metadata",
            _params("f", "lang"),
            "Collection",
            "application/json",
        ),
        f"{href}/queryables": _op(
            f"queryables_{cid}",
            f"{title}: queryables",
            _params("f", "lang"),
            "Queryables",
            "application/schema+json",
        ),
        f"{href}/items": _op(
            f"items_{cid}",
            f"{title}: elementos / features",
            items,
            "FeatureCollection",
            "application/geo+json",
        ),
        f"{href}/items/{{featureId}}": _op(
            f"item_{cid}",
            f"{title}: un elemento / one feature",
            [feature_id, *_params("f", "lang")],
            "Feature",
            "application/geo+json",
        ),
    }


def ogc_openapi(
    base: str, collections: Iterable[tuple[str, str, Mapping[str, Queryable]]]
) -> dict[str, Any]:
    """The OpenAPI 3.0.3 document of the service rooted at ``base`` (e.g. ``.../ogc``).

    ``collections`` gives ``(id, title, queryables)`` for each collection.
    """
    meta = _params("f", "lang")
    paths: dict[str, Any] = {
        "/": _op(
            "landing",
            "Página de inicio / landing page",
            meta,
            "LandingPage",
            "application/json",
            not_found=False,
        ),
        "/conformance": _op(
            "conformance",
            "Clases de conformidad / conformance classes",
            meta,
            "ConfClasses",
            "application/json",
            not_found=False,
        ),
        "/collections": _op(
            "collections",
            "Colecciones / collections",
            meta,
            "Collections",
            "application/json",
            not_found=False,
        ),
    }
    for cid, title, queryables in collections:
        paths.update(_collection_paths(cid, title, queryables))
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "locator: OGC API - Features",
            "version": "1.0",
            "description": "Consulados, Ventanillas de Salud y clínicas como OGC API "
            "Features (Part 1: Core). Consulates, health desks and clinics.",
        },
        "servers": [{"url": base}],
        "paths": paths,
        "components": {"schemas": _SCHEMAS},
    }
