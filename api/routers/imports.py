"""``POST /v1/imports``: upload a file of sites, validated all-or-nothing, swapped in live.

Security and limits, checked in this order, before the body is read:

1. writes are off (``403``) unless ``LOCATOR_API_KEY`` is set;
2. ``X-API-Key: KEY`` or ``Authorization: Bearer KEY`` must equal it (``401``; compared with
   :func:`secrets.compare_digest`). A client that sent ``LOCATOR_KEY_FAILURES_PER_MINUTE``
   wrong keys within a minute gets ``429`` + ``Retry-After`` (:mod:`api.ratelimit`). Both run
   as a dependency, before the query parameters are validated: a client without the right
   key learns nothing about the parameters;
3. a declared ``Content-Length`` over the limit is refused at once (``413``); otherwise the
   body is counted *while streaming* and refused as soon as it passes the limit. Either way
   the answer states the one configured limit (``LOCATOR_MAX_UPLOAD_MB``).

The upload is a multipart form with one ``file`` field, or the raw file as the body with any
other content type (``curl --data-binary @file`` sends ``application/x-www-form-urlencoded``:
that is accepted as the raw file too). Parsing
and storing run in a worker thread; the store write is all-or-nothing and the live index is
swapped only once the new one is complete (``Catalog.apply``), so readers never wait.
A file with invalid rows answers ``422`` listing them and changes nothing. So does a file
that would change an official record (bundled or verified: ``official_changed`` lists them
and their fields) unless ``allow_update_official=true``; then the answer lists them too.
"""

from __future__ import annotations

import secrets
import tempfile
import time
from collections.abc import AsyncGenerator
from typing import IO, Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from api.deps import RuntimeDep
from api.errors import PayloadTooLarge, TooManyRequests, Unauthorized, WritesDisabled
from api.ratelimit import KeyGuard
from api.responses import JSONBytesResponse
from api.routers import problems
from api.schemas import ImportResult
from api.settings import Settings
from geodata.errors import ConflictError, InvalidInputError
from locator.i18n.api import API_ERRORS

__all__ = ["FORMATS", "router"]

router = APIRouter(prefix="/v1", tags=["imports"])

FORMATS = ("hrsa", "hsds", "geojson", "csv", "routes")
Format = Literal["hrsa", "hsds", "geojson", "csv", "routes"]
Encoding = Literal["utf-8", "utf-8-sig", "latin-1", "cp1252"]
_MULTIPART_SLACK = 64 * 1024  # boundaries and part headers around the file

_api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="LOCATOR_API_KEY of the server."
)
_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer LOCATOR_API_KEY.")

_UPLOAD_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
            "application/octet-stream": {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


def _authorize(
    settings: Settings, key: str | None, bearer: HTTPAuthorizationCredentials | None
) -> None:
    if not settings.writes_enabled or settings.api_key is None:
        raise WritesDisabled(API_ERRORS["writes_disabled"])
    given = key if key is not None else (bearer.credentials if bearer is not None else None)
    expected = settings.api_key.get_secret_value().encode()
    if not given or not secrets.compare_digest(given.encode(), expected):
        raise Unauthorized(API_ERRORS["wrong_key"])


def _guard(request: Request, runtime: Any) -> KeyGuard:
    guard = getattr(request.app.state, "key_guard", None)
    if guard is None:
        guard = request.app.state.key_guard = KeyGuard(
            max_failures=runtime.settings.key_failures_per_minute, window=60.0
        )
    return guard


def _client(request: Request) -> str:
    return request.client.host if request.client else "?"


async def require_api_key(
    request: Request,
    runtime: RuntimeDep,
    key: Annotated[str | None, Security(_api_key_header)] = None,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)] = None,
) -> None:
    """Dependency: ``403`` when writes are off, ``401`` without the right key.

    Declared as a route dependency, so it runs before FastAPI reports invalid query parameters.
    A client over its wrong-key limit gets ``429`` before its key is compared.
    """
    guard, client, now = _guard(request, runtime), _client(request), time.monotonic()
    wait = guard.retry_after(client, now=now)
    if wait is not None and runtime.settings.writes_enabled:
        raise TooManyRequests(
            API_ERRORS["too_many_wrong_keys"].fill(wait=wait),
            detail={"retry_after_seconds": wait},
        )
    try:
        _authorize(runtime.settings, key, bearer)
    except Unauthorized:
        guard.failed(client, now=now)
        raise


def _too_large(limit: int) -> PayloadTooLarge:
    mb = round(limit / (1024 * 1024), 3)  # LOCATOR_MAX_UPLOAD_MB as configured
    return PayloadTooLarge(
        API_ERRORS["too_large"].fill(mb=mb, limit=limit),
        detail={"max_bytes": limit},
    )


def _check_declared_length(request: Request, limit: int, *, slack: int = 0) -> None:
    """``413`` when the declared length passes ``limit + slack`` (the answer states ``limit``)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.strip().isdigit() and int(declared) > limit + slack:
        raise _too_large(limit)


async def _limited(
    request: Request,
    limit: int,
    *,
    slack: int = 0,
) -> AsyncGenerator[bytes, None]:
    """The request body, failing with 413 (stating ``limit``) past ``limit + slack`` bytes."""
    total = 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > limit + slack:
            raise _too_large(limit)
        yield chunk


async def _receive_file(request: Request, limit: int) -> IO[bytes]:
    """The uploaded file (spooled to disk past 1 MB), positioned at its start."""
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        parser = MultiPartParser(
            request.headers,
            _limited(request, limit, slack=_MULTIPART_SLACK),
            max_files=1,
            max_fields=5,
        )
        try:
            form = await parser.parse()
        except MultiPartException as exc:
            raise InvalidInputError(API_ERRORS["bad_multipart"].fill(reason=exc.message)) from None
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise InvalidInputError(API_ERRORS["no_file_field"])
        if upload.size is not None and upload.size > limit:
            raise _too_large(limit)
        upload.file.seek(0)
        return upload.file
    # any other type (octet-stream, text/csv, the form type curl --data-binary sends): raw file
    spool: IO[bytes] = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)
    async for chunk in _limited(request, limit):
        spool.write(chunk)
    spool.seek(0)
    return spool


def _run_import(
    runtime: Any, fmt: str, source: IO[bytes], options: dict[str, Any]
) -> dict[str, Any]:
    from geodata.importers import read_import

    dry_run = bool(options.pop("dry_run"))
    allow_official = bool(options.pop("allow_official"))
    data = source.read()
    if not data.strip():
        raise InvalidInputError(API_ERRORS["empty_upload"])
    parsed = read_import(fmt, data, store=runtime.catalog.store, **options)
    parsed.changes.allow_official = allow_official
    report = runtime.catalog.apply(parsed.changes, dry_run=dry_run)
    if not dry_run:
        runtime.settle()  # build the new view here, not on the next request
    return {
        "format": fmt,
        "dry_run": dry_run,
        "rows_read": int(parsed.rows_read),
        "rows_skipped": int(parsed.rows_skipped),
        "warnings": list(parsed.warnings)[:200],
        "inserted": report.inserted,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "routes": report.routes,
        "stops": report.stops,
        "official_changed": list(report.official_changed)[:200],
        "dataset_version": runtime.version,
    }


@router.post(
    "/imports",
    response_model=ImportResult,
    response_class=JSONBytesResponse,
    responses=problems(400, 401, 403, 409, 413, 422, 429, 503, 507),
    openapi_extra=_UPLOAD_BODY,
    dependencies=[Depends(require_api_key)],
    summary="Importar sitios / import sites (API key)",
)
async def create_import(
    request: Request,
    runtime: RuntimeDep,
    fmt: Annotated[
        Format, Query(alias="format", description="hrsa | hsds | geojson | csv | routes")
    ],
    dry_run: Annotated[bool, Query(description="Validate and count, store nothing.")] = False,
    citation: Annotated[
        str | None,
        Query(
            alias="source",
            min_length=1,
            max_length=300,
            description="Citation for rows without a 'source' (geojson, csv, hsds).",
        ),
    ] = None,
    encoding: Annotated[Encoding, Query(description="Text encoding of the file.")] = "utf-8",
    allow_update_official: Annotated[
        bool,
        Query(
            description="Allow changing official records (bundled or verified); without it such "
            "an import is refused (422) and lists them in 'official_changed'."
        ),
    ] = False,
) -> JSONBytesResponse:
    """Validate an uploaded file and upsert its sites by id, all-or-nothing."""
    limit = runtime.settings.max_upload_bytes
    _check_declared_length(request, limit, slack=_MULTIPART_SLACK)
    timer = runtime.import_timer
    if runtime.import_lock.locked():
        retry = timer.retry_after(now=time.monotonic())
        raise ConflictError(
            API_ERRORS["import_running"].fill(retry=retry),
            detail={"retry_after_seconds": retry},
        )
    async with runtime.import_lock:
        source = await _receive_file(request, limit)
        timer.started(now=time.monotonic())
        try:
            options = {
                "dry_run": dry_run,
                "encoding": encoding,
                "max_bytes": limit,
                "source_text": citation or "",
                "allow_official": allow_update_official,
            }
            result = await run_in_threadpool(_run_import, runtime, fmt, source, options)
        finally:
            timer.finished(now=time.monotonic())
            source.close()
    return JSONBytesResponse(result)
