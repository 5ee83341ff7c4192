"""Query parameters of the OGC API - Features endpoints, parsed by hand so every bad value is a
``400`` (OGC 17-069r4 /req/core/query-param-invalid) and an unknown parameter too
(/req/core/query-param-unknown), both as problem details.

The OpenAPI description of each parameter (:data:`PARAMETERS`) is attached to the operations
with ``openapi_extra``, so the document states exactly what the server accepts.

``limit``: default 1000 (so a client such as GDAL reads a whole collection in a few requests,
not one per ten features), maximum 10000; a larger value is not an error, it is served as 10000
(17-069r4, 7.15.4: "if you ask for 50000, you might get up to 10000 (server-limited) and if there
are more, a next link"; /req/core/fc-limit-response-1 only caps what is returned).

Examples
--------
>>> parse_bbox("-88,41.6,-87.5,42.1")
(-88.0, 41.6, -87.5, 42.1)
>>> parse_bbox("170,-20,0,-170,-10,100")  # six numbers (CRS84h): heights are ignored
(170.0, -20.0, -170.0, -10.0)
>>> parse_limit("50000"), parse_limit(None)
(10000, 1000)
>>> parse_datetime("2024-01-01T00:00:00Z/..")
'2024-01-01T00:00:00Z/..'
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from datetime import datetime
from typing import Any

from starlette.datastructures import QueryParams

from geodata.errors import InvalidInputError
from geodata.i18n import T
from locator.i18n.api import API_ERRORS, invalid_param
from locator.query import BBox

__all__ = [
    "DATETIME_PATTERN",
    "DEFAULT_LIMIT",
    "FORMATS",
    "ITEMS_PARAMS",
    "MAX_LIMIT",
    "META_PARAMS",
    "PARAMETERS",
    "check_params",
    "openapi_params",
    "parse_bbox",
    "parse_datetime",
    "parse_format",
    "parse_limit",
    "parse_offset",
]

DEFAULT_LIMIT = 1000
MAX_LIMIT = 10_000
MAX_OFFSET = 10_000_000
FORMATS = ("json", "html")

_INSTANT_TEXT = (
    r"[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
    r"([Tt ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?"
    r"([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?"
)
_INSTANT = re.compile(_INSTANT_TEXT)
DATETIME_PATTERN = (
    f"^({_INSTANT_TEXT}|{_INSTANT_TEXT}/({_INSTANT_TEXT}|\\.\\.)?|(\\.\\.)?/{_INSTANT_TEXT})$"
)
"""``datetime``: an instant, or an interval with at most one open end (``..`` or empty)."""

PARAMETERS: dict[str, dict[str, Any]] = {
    "f": {
        "name": "f",
        "in": "query",
        "required": False,
        "description": "Formato / format: json (GeoJSON for items) or html. Without it, "
        "the Accept header decides (a browser gets HTML).",
        "schema": {"type": "string", "enum": list(FORMATS)},
    },
    "lang": {
        "name": "lang",
        "in": "query",
        "required": False,
        "description": "Idioma / language: es (default) or en. Else Accept-Language.",
        "schema": {"type": "string", "enum": ["es", "en"]},
    },
    "bbox": {
        "name": "bbox",
        "in": "query",
        "required": False,
        "style": "form",
        "explode": False,
        "description": "minx,miny,maxx,maxy in CRS84 lon/lat (six numbers with heights are "
        "accepted; heights ignored). minx > maxx crosses the antimeridian.",
        "schema": {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}},
        "example": [-88.0, 41.6, -87.5, 42.1],
    },
    "limit": {
        "name": "limit",
        "in": "query",
        "required": False,
        "style": "form",
        "explode": False,
        "description": f"Page size (1-{MAX_LIMIT}, default {DEFAULT_LIMIT}); larger values "
        f"are served as {MAX_LIMIT}.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
    },
    "offset": {
        "name": "offset",
        "in": "query",
        "required": False,
        "style": "form",
        "explode": False,
        "description": "Start of the page (0-based); use the next/prev links.",
        "schema": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
    },
    "datetime": {
        "name": "datetime",
        "in": "query",
        "required": False,
        "style": "form",
        "explode": False,
        "description": "RFC 3339 instant or interval. Sites have no time: all match "
        "(17-069r4 /req/core/fc-time-response C). The day and time must exist "
        "(no 2024-02-30).",
        "schema": {"type": "string", "pattern": DATETIME_PATTERN},
    },
    "sortby": {
        "name": "sortby",
        "in": "query",
        "required": False,
        "style": "form",
        "explode": False,
        "description": "Orden / sort order: comma-separated properties, '-' before one "
        "sorts it descending (e.g. state,-name); only properties the collection can sort by "
        "(its queryables: no services or languages; routes: id, name, unit_id, illustrative). "
        "Default: dataset order.",
        "schema": {"type": "array", "items": {"type": "string"}},
        "example": ["state", "-name"],
    },
}

META_PARAMS = frozenset({"f", "lang"})
ITEMS_PARAMS = frozenset({"f", "lang", "bbox", "limit", "offset", "datetime", "sortby"})


def openapi_params(names: Collection[str]) -> dict[str, Any]:
    """``openapi_extra`` for an operation taking the query parameters ``names``."""
    return {"parameters": [PARAMETERS[n] for n in PARAMETERS if n in names]}


def _invalid(name: str, reason: T, value: Any = None, **detail: Any) -> InvalidInputError:
    """``Invalid '<name>': <reason>`` (400), with the parameter (and its value) in ``detail``."""
    return InvalidInputError(
        invalid_param(name, reason),
        detail={"parameter": name, **({"value": value} if value is not None else {}), **detail},
    )


def check_params(params: QueryParams | Mapping[str, str], allowed: Collection[str]) -> None:
    """Reject unknown query parameters and repeated ones (400)."""
    names = (
        list(params.keys())
        if not isinstance(params, QueryParams)
        else [k for k, _ in params.multi_items()]
    )
    unknown = sorted({n for n in names if n not in allowed})
    if unknown:
        allowed_list = sorted(allowed)
        raise InvalidInputError(
            API_ERRORS["unknown_params"].fill(
                unknown=", ".join(unknown)[:200], allowed=", ".join(allowed_list)
            ),
            detail={"unknown": unknown[:20], "allowed": allowed_list},
        )
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise InvalidInputError(
            API_ERRORS["repeated_params"].fill(repeated=", ".join(repeated)),
            detail={"repeated": repeated},
        )


def parse_format(text: str | None, accept: str | None = None) -> str:
    """The output format: ``f`` when given (``json`` or ``html``), else from ``accept``.

    Without ``f``, HTML is served only when the Accept header names ``text/html`` and no JSON
    type (a browser); GDAL, OWSLib, curl and the OGC test suite get JSON.

    >>> parse_format(None, "text/html,application/xhtml+xml,*/*;q=0.8")
    'html'
    >>> parse_format(None, "application/geo+json, application/json"), parse_format("html")
    ('json', 'html')
    """
    if text is None:
        kinds = (accept or "").lower()
        return "html" if "text/html" in kinds and "json" not in kinds else "json"
    if text in FORMATS:
        return text
    raise _invalid(
        "f",
        API_ERRORS["reason.allowed"].fill(values=", ".join(FORMATS)),
        text[:50],
        allowed=list(FORMATS),
    )


def _integer(name: str, text: str, low: int) -> int:
    if not re.fullmatch(r"\s*\+?\d{1,12}\s*", text):
        raise _invalid(name, API_ERRORS["reason.whole_number"], text[:50])
    value = int(text)
    if value < low:
        raise _invalid(name, API_ERRORS["reason.at_least"].fill(low=low), text[:50])
    return value


def parse_limit(text: str | None) -> int:
    """Page size: default 10, at least 1; values over 10000 are served as 10000."""
    if text is None:
        return DEFAULT_LIMIT
    return min(_integer("limit", text, 1), MAX_LIMIT)


def parse_offset(text: str | None) -> int:
    """Start of the page: 0 or more (at most 10,000,000)."""
    if text is None:
        return 0
    value = _integer("offset", text, 0)
    if value > MAX_OFFSET:
        raise _invalid("offset", API_ERRORS["reason.at_most"].fill(high=MAX_OFFSET), text[:50])
    return value


def parse_bbox(text: str | None) -> tuple[float, float, float, float] | None:
    """``minx,miny,maxx,maxy`` (or six numbers with heights) in CRS84; ``None`` when absent
    (:meth:`locator.query.BBox.parse`, as ``/v1/sites``)."""
    box = BBox.parse(text, heights=True)
    return box.as_tuple() if box else None


def _instant(text: str) -> bool:
    if not _INSTANT.fullmatch(text):
        return False
    try:
        datetime.fromisoformat(text.replace("z", "Z").replace("t", "T").replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def parse_datetime(text: str | None) -> str | None:
    """Check an RFC 3339 instant or interval (``a/b``, ``../b``, ``a/..``); return it unchanged.

    Sites and routes carry no temporal geometry, so every feature matches any valid value.
    """
    if text is None:
        return None
    ends = text.split("/")
    ok = len(ends) == 1 and _instant(ends[0])
    if len(ends) == 2:
        open_ends = [e in ("", "..") for e in ends]
        ok = not all(open_ends) and all(
            o or _instant(e) for o, e in zip(open_ends, ends, strict=True)
        )
    if not ok:
        raise _invalid("datetime", API_ERRORS["reason.datetime"], text[:100])
    return text
