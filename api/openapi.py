"""Finishing touches on the generated OpenAPI document.

* Error responses are documented as ``application/problem+json`` with the ``Problem`` schema
  (FastAPI would put them under the route's own media type).
* ``kind`` and ``service`` parameters list the controlled vocabulary (:mod:`geodata.vocab`)
  as an ``enum``, so clients and fuzzers know the allowed values. The server also accepts
  comma-separated values, a documented convenience.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from geodata.vocab import KINDS, SERVICES

__all__ = ["install_openapi"]

_PROBLEM = {"$ref": "#/components/schemas/Problem"}


def _vocab_param(param: dict[str, Any], values: list[str]) -> None:
    old = param.get("schema", {})
    param["schema"] = {
        "type": "array",
        "items": {"type": "string", "enum": values},
        "maxItems": len(values),
        "title": old.get("title", param["name"]),
    }
    param["style"], param["explode"] = "form", True


def _fix_operation(op: dict[str, Any], enums: dict[str, list[str]]) -> None:
    for param in op.get("parameters", []):
        if param.get("in") == "query" and param.get("name") in enums:
            _vocab_param(param, enums[param["name"]])
    for status, response in op.get("responses", {}).items():
        if str(status)[:1] in ("4", "5"):
            response["content"] = {"application/problem+json": {"schema": _PROBLEM}}


def install_openapi(app: FastAPI) -> None:
    """Wrap ``app.openapi`` so the document is post-processed once, then cached."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        schema = generate()
        enums = {"kind": sorted(KINDS), "service": sorted(SERVICES)}
        for path_item in schema.get("paths", {}).values():
            for op in path_item.values():
                if isinstance(op, dict):
                    _fix_operation(op, enums)
        schema.get("components", {}).get("schemas", {}).pop("HTTPValidationError", None)
        schema.get("components", {}).get("schemas", {}).pop("ValidationError", None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]
