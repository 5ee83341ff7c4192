"""JSON response classes serialized with orjson (fast, UTF-8, numpy-aware).

Routes that build plain dicts return these directly, skipping response-model validation on
the hot path; the response models in :mod:`api.schemas` still document them in OpenAPI.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import JSONResponse

__all__ = ["GeoJSONResponse", "JSONBytesResponse", "ProblemResponse", "SchemaJSONResponse", "dumps"]

_OPTIONS = orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_NON_STR_KEYS


def _default(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy / pandas scalars
        return value.item()
    return str(value)


def dumps(content: Any) -> bytes:
    """Serialize ``content`` to JSON bytes (non-finite floats become ``null``)."""
    return orjson.dumps(content, default=_default, option=_OPTIONS)


class JSONBytesResponse(JSONResponse):
    """``application/json`` rendered with orjson."""

    def render(self, content: Any) -> bytes:
        return dumps(content)


class GeoJSONResponse(JSONBytesResponse):
    """``application/geo+json`` (RFC 7946)."""

    media_type = "application/geo+json"


class SchemaJSONResponse(JSONBytesResponse):
    """A JSON Schema document (``application/schema+json``, e.g. OGC queryables)."""

    media_type = "application/schema+json"


class ProblemResponse(JSONBytesResponse):
    """``application/problem+json`` (RFC 9457)."""

    media_type = "application/problem+json"
