"""The one place where errors become HTTP responses: RFC 9457 problem details.

Every error is answered as ``application/problem+json``::

    {"type": "urn:locator:problem:not_found", "title": "No encontrado", "status": 404,
     "detail": "...", "instance": "/v1/sites/x", "code": "not_found", ...extras}

The message language is the request's (``lang`` query parameter, then ``Accept-Language``).
Extras come from the error's ``detail`` (``suggestions``, ``errors``, ``allowed``...).

Status codes:

========================================  =====
:class:`~geodata.errors.InvalidInputError`  400
:class:`Unauthorized`                       401
:class:`WritesDisabled`                     403
:class:`~geodata.errors.NotFoundError`      404
:class:`~geodata.errors.ConflictError`      409
:class:`PayloadTooLarge`                    413
:class:`UnsupportedMediaType`               415
:class:`~geodata.errors.ImportValidationError`, request validation  422
:class:`TooManyRequests` (wrong API keys, per client)                429
:class:`~geodata.errors.StoreError`, :class:`~geodata.errors.DataUnavailableError`  503
:class:`~geodata.errors.StorageFullError` (the store's disk is full)   507
any other exception                         500
========================================  =====
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.i18n import request_lang
from api.responses import ProblemResponse
from geodata.errors import (
    ConflictError,
    DataUnavailableError,
    ImportValidationError,
    InvalidInputError,
    LocatorError,
    NotFoundError,
    StorageFullError,
    StoreError,
)
from locator.i18n import has, text, ui_lang
from locator.i18n.api import API_VALIDATION

__all__ = [
    "PayloadTooLarge",
    "TooManyRequests",
    "Unauthorized",
    "UnsupportedMediaType",
    "WritesDisabled",
    "install_error_handlers",
    "problem",
    "status_for",
]

log = logging.getLogger("locator.api")

DEFAULT_RETRY_AFTER = 5
"""Retry-After (s) of a 503 whose cause did not say when to come back."""


class Unauthorized(LocatorError):
    """The API key is missing or wrong."""

    code = "unauthorized"


class WritesDisabled(LocatorError):
    """Write endpoints are off because no API key is configured."""

    code = "writes_disabled"


class TooManyRequests(LocatorError):
    """The client made too many failed attempts (wrong API keys); ``detail`` has when to retry."""

    code = "too_many_requests"


class PayloadTooLarge(LocatorError):
    """The request body exceeds the upload limit."""

    code = "payload_too_large"


class UnsupportedMediaType(LocatorError):
    """The request body has a content type the endpoint does not take."""

    code = "unsupported_media_type"


STATUS: dict[type[LocatorError], int] = {
    InvalidInputError: 400,
    Unauthorized: 401,
    WritesDisabled: 403,
    NotFoundError: 404,
    ConflictError: 409,
    PayloadTooLarge: 413,
    UnsupportedMediaType: 415,
    ImportValidationError: 422,
    TooManyRequests: 429,
    StoreError: 503,
    StorageFullError: 507,
    DataUnavailableError: 503,
    LocatorError: 400,
}
"""LocatorError subclass -> HTTP status (most specific class in the MRO wins)."""


def status_for(exc: LocatorError) -> int:
    """HTTP status of a :class:`LocatorError` (by the most specific mapped class)."""
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400


def _title(status: int, lang: str) -> str:
    key = f"api.title.{status}" if has(f"api.title.{status}") else "api.title.other"
    return text(key, ui_lang(lang))


def problem(
    request: Request,
    status: int,
    *,
    code: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extras: Any,
) -> ProblemResponse:
    """Build a problem-details response for ``request`` in its language."""
    lang = request_lang(request)
    body: dict[str, Any] = {
        "type": f"urn:locator:problem:{code}",
        "title": _title(status, lang),
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        "code": code,
    }
    body.update({k: v for k, v in extras.items() if k not in body})
    return ProblemResponse(body, status_code=status, headers=headers)


async def _locator_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, LocatorError)
    status = status_for(exc)
    headers = {}
    if status == 401:
        headers["WWW-Authenticate"] = 'Bearer realm="locator"'
    retry = exc.detail.get("retry_after_seconds")
    if isinstance(retry, int | float) and not isinstance(retry, bool) and retry > 0:
        headers["Retry-After"] = str(max(1, round(retry)))  # observed by whoever raised it
    elif status in (503, 507):
        headers["Retry-After"] = str(DEFAULT_RETRY_AFTER)
    extras = {k: _jsonable(v) for k, v in exc.detail.items()}
    return problem(
        request,
        status,
        code=exc.code,
        detail=exc.message(request_lang(request)),
        headers=headers or None,
        **extras,
    )


def _limit(value: Any) -> Any:
    """A number as pydantic's English says it (``90.0`` -> ``90``, ``0.5`` stays), so both
    languages show a limit alike."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _validation_item(err: dict[str, Any], lang: str) -> dict[str, Any]:
    loc = [str(p) for p in err.get("loc", ())]
    where = ".".join(loc[1:]) or ".".join(loc)
    message = err.get("msg", API_VALIDATION["invalid"].get("en"))
    if lang == "es":
        entry = API_VALIDATION.get(err.get("type", ""), API_VALIDATION["invalid"])
        try:
            ctx = {k: _limit(v) for k, v in (err.get("ctx") or {}).items()}
            if "expected" in ctx:  # pydantic joins choices with an English "or"
                ctx["expected"] = str(ctx["expected"]).replace(" or ", " o ")
            message = entry.get("es").format(**ctx)
        except (KeyError, IndexError):
            message = API_VALIDATION["invalid"].get("es")
    item = {"field": where, "location": loc[0] if loc else "", "message": message}
    if "input" in err and err["input"] is not None:
        item["input"] = _jsonable(err["input"])
    return item


async def _validation_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, RequestValidationError)
    lang = request_lang(request)
    items = [_validation_item(e, lang) for e in exc.errors()[:50]]
    fields = ", ".join(dict.fromkeys(i["field"] for i in items)) or "?"
    detail = text("api.detail.validation", ui_lang(lang)).format(fields=fields)
    return problem(request, 422, code="validation_error", detail=detail, errors=items)


async def _http_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, StarletteHTTPException)
    lang = request_lang(request)
    key = f"api.detail.{exc.status_code}"
    template = text(key, ui_lang(lang)) if has(key) else "{detail}"
    detail = template.format(path=request.url.path, method=request.method, detail=exc.detail)
    headers = dict(exc.headers or {})
    return problem(
        request,
        exc.status_code,
        code=f"http_{exc.status_code}",
        detail=detail,
        headers=headers or None,
    )


async def _unexpected(request: Request, exc: Exception) -> ProblemResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    lang = request_lang(request)
    detail = text("api.detail.internal", ui_lang(lang))
    return problem(request, 500, code="internal_error", detail=detail)


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, bool | float):
        return value
    if isinstance(value, int):  # JSON serialisers refuse integers beyond 64 bits
        return value if -(2**63) <= value < 2**63 else str(value)[:500]
    if isinstance(value, str):
        return value[:500]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in list(value.items())[:200]}
    if isinstance(value, list | tuple | set | frozenset):
        return [_jsonable(v) for v in list(value)[:200]]
    if hasattr(value, "to_dict"):
        return _jsonable(value.to_dict())
    if hasattr(value, "item"):
        return _jsonable(value.item())
    return str(value)[:500]


def install_error_handlers(app: FastAPI) -> None:
    """Register every handler on ``app``."""
    app.add_exception_handler(LocatorError, _locator_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
