"""Finishing touches on the generated OpenAPI document.

* Error responses are documented as ``application/problem+json`` with the ``Problem`` schema
  (FastAPI would put them under the route's own media type).
  A route whose error is not problem+json (an embed's 404 is an HTML page shown inside the
  frame) says so with an ``x-content`` entry in its ``responses``: that content is used instead.
* ``kind`` and ``service`` parameters list the controlled vocabulary (:mod:`geodata.vocab`)
  as an ``enum``, so clients and fuzzers know the allowed values; the number of repetitions
  the server takes (``max_length`` of the route's parameter) stays documented as ``maxItems``.
  The server also accepts comma-separated values, a documented convenience.
* ``language`` values carry the pattern of ISO 639 codes the server takes
  (:data:`LANGUAGE_PATTERN`).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from geodata.vocab import KINDS, SERVICES

__all__ = ["LANGUAGE_PATTERN", "install_openapi"]

_PROBLEM = {"$ref": "#/components/schemas/Problem"}

LANGUAGE_PATTERN = r"^(\s*([A-Za-z]{2,3})?\s*)([,;]\s*([A-Za-z]{2,3})?\s*)*$"
"""What one ``language`` value may be: ISO 639 codes (2-3 letters), separated by ``,`` or
``;``, blanks ignored (:func:`locator.query.parse_languages`)."""


def _max_items(schema: dict[str, Any]) -> int | None:
    """The ``maxItems`` the route declared (FastAPI nests it in an ``anyOf`` with null)."""
    for branch in [schema, *schema.get("anyOf", [])]:
        if branch.get("type") == "array" and "maxItems" in branch:
            return int(branch["maxItems"])
    return None


def _array_param(param: dict[str, Any], items: dict[str, Any]) -> None:
    """Declare query ``param`` as a repeatable (form, exploded) array of ``items``."""
    old = param.get("schema", {})
    param["schema"] = {
        "type": "array",
        "items": items,
        "title": old.get("title", param["name"]),
    }
    limit = _max_items(old)
    if limit is not None:
        param["schema"]["maxItems"] = limit
    param["style"], param["explode"] = "form", True


def _vocab_param(param: dict[str, Any], values: list[str]) -> None:
    _array_param(param, {"type": "string", "enum": values})


def _language_param(param: dict[str, Any]) -> None:
    _array_param(param, {"type": "string", "pattern": LANGUAGE_PATTERN})


def _fix_operation(op: dict[str, Any], enums: dict[str, list[str]]) -> None:
    for param in op.get("parameters", []):
        if param.get("in") == "query" and param.get("name") in enums:
            _vocab_param(param, enums[param["name"]])
        elif param.get("in") == "query" and param.get("name") == "language":
            _language_param(param)
    for status, response in op.get("responses", {}).items():
        own = response.pop("x-content", None)
        if own is not None:
            response["content"] = own
        elif str(status)[:1] in ("4", "5"):
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
