"""Fast query-string parsing for hot routes: one pydantic model, validated in one call.

FastAPI re-inspects every parameter's type annotation on every request, which for a route
with ten optional parameters costs more than the spatial query itself. A hot route instead
declares its parameters as a pydantic model, calls :func:`parse_query` inline, and documents
the same model in OpenAPI with :func:`query_openapi`. Errors are raised as FastAPI's
``RequestValidationError`` so they become the usual ``422`` problem details.

Examples
--------
>>> from pydantic import BaseModel, Field
>>> class Q(BaseModel):
...     limit: int = Field(5, ge=1, le=50)
...     kind: list[str] | None = None
>>> parse_multi(Q, [("limit", "3"), ("kind", "a"), ("kind", "b")])
Q(limit=3, kind=['a', 'b'])
>>> [p["name"] for p in query_openapi(Q)["parameters"]]
['limit', 'kind']
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterable
from typing import Any, TypeVar

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError

__all__ = ["parse_multi", "parse_query", "query_openapi"]

M = TypeVar("M", bound=BaseModel)


def _is_list(annotation: Any) -> bool:
    if typing.get_origin(annotation) in (list, tuple, set):
        return True
    return any(_is_list(arg) for arg in typing.get_args(annotation))


@functools.cache
def _list_fields(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(n for n, f in model.model_fields.items() if _is_list(f.annotation))


def parse_multi(model: type[M], items: Iterable[tuple[str, str]]) -> M:
    """Validate ``(name, value)`` pairs (repeated names become lists) as ``model``."""
    lists = _list_fields(model)
    fields = model.model_fields
    data: dict[str, Any] = {}
    for key, value in items:
        if key not in fields:
            continue
        if key in lists:
            data.setdefault(key, []).append(value)
        else:
            data.setdefault(key, value)  # first value wins, as in FastAPI
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        errors = [{**e, "loc": ("query", *e["loc"])} for e in exc.errors(include_url=False)]
        raise RequestValidationError(errors) from None


def parse_query(model: type[M], request: Request) -> M:
    """Validate the request's query string as ``model`` (422 problem details on error)."""
    return parse_multi(model, request.query_params.multi_items())


def query_openapi(model: type[BaseModel]) -> dict[str, Any]:
    """``openapi_extra`` documenting ``model``'s fields as query parameters."""
    schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
    props = schema.get("properties", {})
    required = set(schema.get("required", []))
    params = []
    for name, prop in props.items():
        prop = dict(prop)
        param: dict[str, Any] = {"name": name, "in": "query", "required": name in required}
        if "description" in prop:
            param["description"] = prop.pop("description")
        if "examples" in prop:
            param["example"] = prop.pop("examples")[0]
        param["schema"] = prop
        params.append(param)
    return {"parameters": params}
