"""HTTP hygiene as pure ASGI middleware: ETag/304, Cache-Control, security headers, CORS, gzip.

* **ETag** (weak) on successful ``GET``/``HEAD`` responses = digest of the dataset version,
  the request path + query and ``Accept-Language``. Because it does not depend on the body,
  a matching ``If-None-Match`` is answered ``304`` *before* the route runs.
* **Cache-Control**: ``public, max-age=N`` for cacheable GETs, ``no-cache`` for ``/health``,
  ``no-store`` for errors and writes.
* **Security headers** on every response unless the route set its own:
  ``X-Content-Type-Options: nosniff``, ``Referrer-Policy``, a strict CSP for JSON, a CSP for
  the offline API docs; ``X-Frame-Options: DENY`` and ``frame-ancestors 'none'`` everywhere
  except :data:`FRAMEABLE_PREFIXES` (``/embed``: widgets other sites may frame).
* **HEAD** is answered as ``GET`` without the body (same headers, same ``Content-Length``);
  ``Allow`` lists ``HEAD`` and ``OPTIONS``, and ``OPTIONS`` on an existing path is ``204``.
* **CORS** open to the configured origins for ``GET``/``HEAD`` only: other methods get no
  ``Access-Control-*`` header, and a refused preflight is answered ``403`` with a
  problem-details body (:class:`ReadOnlyCORSMiddleware`); **gzip** for large bodies.
* **Time budget** (:class:`TimeBudgetMiddleware`): a request that has not started its answer
  within its budget (reads ``LOCATOR_REQUEST_BUDGET_SECONDS``, writes
  ``LOCATOR_WRITE_BUDGET_SECONDS``) is answered ``503`` + ``Retry-After`` and its work is
  cancelled, so no single request holds a connection for long.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Callable

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import problem
from api.i18n import request_lang
from locator.i18n import text, ui_lang

__all__ = [
    "API_CSP",
    "CACHEABLE_PREFIXES",
    "DOCS_CSP",
    "FRAMEABLE_PREFIXES",
    "HttpHygieneMiddleware",
    "ReadOnlyCORSMiddleware",
    "TimeBudgetMiddleware",
    "etag_for",
    "etag_matches",
    "install_middleware",
]

log = logging.getLogger("locator.api")

FRAMEABLE_PREFIXES: tuple[str, ...] = ("/embed",)
"""Paths other sites may put in an ``<iframe>``: no X-Frame-Options / frame-ancestors here."""

CACHEABLE_PREFIXES: tuple[str, ...] = ("/v1/", "/health", "/embed", "/ogc")
"""GET responses under these paths get an ETag keyed on the dataset version."""

API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'"
)
_JSON_TYPES = (b"application/json", b"application/geo+json", b"application/problem+json")


def etag_for(version: str, path: str, query: bytes, accept_language: bytes) -> str:
    """Weak ETag of a GET response: dataset version + URL + language header."""
    digest = hashlib.blake2b(digest_size=12)
    for part in (version.encode(), path.encode(), query, accept_language):
        digest.update(part)
        digest.update(b"\x00")
    return f'W/"{digest.hexdigest()}"'


def etag_matches(if_none_match: bytes | str, etag: str) -> bool:
    """Whether an ``If-None-Match`` header (an ETag list, weak comparison, or ``*``) names
    ``etag`` (RFC 9110 13.1.2): the one ETag-list reader (API responses and tiles).

    >>> etag_matches('W/"a", "b"', '"a"'), etag_matches("*", '"c"'), etag_matches('"b"', '"c"')
    (True, True, False)
    """
    wanted = if_none_match.decode("latin-1") if isinstance(if_none_match, bytes) else if_none_match
    if wanted.strip() == "*":
        return True
    tags = {t.strip().removeprefix("W/") for t in wanted.split(",")}
    return etag.removeprefix("W/") in tags


class HttpHygieneMiddleware:
    """ETag/304 + Cache-Control + security headers (see the module docstring)."""

    def __init__(self, app: ASGIApp, *, version: Callable[[], str], max_age: int = 60) -> None:
        self.app = app
        self.version = version
        self.cache_control = f"public, max-age={max_age}".encode()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        method: str = scope["method"]
        frameable = path.startswith(FRAMEABLE_PREFIXES)
        etag = None
        if method in ("GET", "HEAD") and path.startswith(CACHEABLE_PREFIXES):
            headers = dict(scope["headers"])
            etag = etag_for(
                self.version(),
                path,
                scope.get("query_string", b""),
                headers.get(b"accept-language", b""),
            )
            inm = headers.get(b"if-none-match")
            if inm is not None and etag_matches(inm, etag):
                await self._not_modified(send, etag, path, frameable)
                return

        head = method == "HEAD"
        if head:  # answer HEAD like GET, without the body (FastAPI routes are GET-only)
            scope = dict(scope, method="GET")
        bodyless = {"on": head}

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = _allow_head(message, options=method == "OPTIONS")
                bodyless["on"] = head or message["status"] == 204
                message["headers"] = self._headers(
                    message.get("headers", []), message["status"], path, frameable, etag
                )
            elif bodyless["on"] and message["type"] == "http.response.body" and message.get("body"):
                message = {**message, "body": b""}
            await send(message)

        await self.app(scope, receive, send_wrapper)

    async def _not_modified(self, send: Send, etag: str, path: str, frameable: bool) -> None:
        headers = self._headers([], 304, path, frameable, etag)
        await send({"type": "http.response.start", "status": 304, "headers": headers})
        await send({"type": "http.response.body", "body": b""})

    def _headers(
        self, raw: list, status: int, path: str, frameable: bool, etag: str | None
    ) -> list[tuple[bytes, bytes]]:
        headers = list(raw)
        present = {k.lower() for k, _ in headers}
        content_type = next((v for k, v in headers if k.lower() == b"content-type"), b"")

        def add(name: bytes, value: bytes) -> None:
            if name not in present:
                headers.append((name, value))
                present.add(name)

        ok = 200 <= status < 300 or status == 304
        if etag is not None and ok:
            add(b"etag", etag.encode())
            add(b"cache-control", b"no-cache" if path == "/health" else self.cache_control)
            add(b"vary", b"Accept-Language, Accept-Encoding")
        else:
            add(b"cache-control", b"no-store")
        add(b"x-content-type-options", b"nosniff")
        add(b"referrer-policy", b"no-referrer")
        if path.startswith("/docs"):
            add(b"content-security-policy", DOCS_CSP.encode())
        elif not frameable and content_type.split(b";")[0].strip() in (*_JSON_TYPES, b"text/html"):
            add(b"content-security-policy", API_CSP.encode())  # HTML routes may set their own
        if not frameable:
            add(b"x-frame-options", b"DENY")
        return headers


def _allow_head(message: Message, *, options: bool) -> Message:
    """A ``405``'s ``Allow`` lists HEAD (answered like GET) and OPTIONS; ``OPTIONS`` on a
    path that exists is answered ``204`` with that ``Allow`` instead of ``405``."""
    if message["status"] != 405:
        return message
    headers = list(message.get("headers", []))
    allow = next((v for k, v in headers if k.lower() == b"allow"), b"")
    methods = [m.strip() for m in allow.decode("latin-1").split(",") if m.strip()]
    if "GET" in methods and "HEAD" not in methods:
        methods.insert(methods.index("GET") + 1, "HEAD")
    if methods and "OPTIONS" not in methods:
        methods.append("OPTIONS")
    headers = [(k, v) for k, v in headers if k.lower() != b"allow"]
    headers.append((b"allow", ", ".join(methods).encode("latin-1")))
    if options and methods:
        headers = [
            (k, v) for k, v in headers if k.lower() not in (b"content-length", b"content-type")
        ]
        headers.append((b"content-length", b"0"))
        return {**message, "status": 204, "headers": headers}
    return {**message, "headers": headers}


CORS_METHODS = ("GET", "HEAD")


class ReadOnlyCORSMiddleware(CORSMiddleware):
    """Starlette's CORS for reads only; a refused preflight gets a problem-details 403.

    ``POST`` and the other writes pass through untouched (no ``Access-Control-Allow-Origin``),
    so browsers on other sites cannot read their answers; ``OPTIONS`` preflights asking for a
    method, header or origin that is not allowed are answered ``403`` in the request language.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        preflight = (
            scope["method"] == "OPTIONS"
            and "origin" in headers
            and "access-control-request-method" in headers
        )
        if preflight:
            response = self.preflight_response(request_headers=headers)
            if response.status_code >= 400:
                response = _refused_preflight(Request(scope), response, headers)
            await response(scope, receive, send)
        elif scope["method"] in CORS_METHODS:
            await self.simple_response(scope, receive, send, request_headers=headers)
        else:
            await self.app(scope, receive, send)


def _refused_preflight(request: Request, refused: Response, headers: Headers) -> Response:
    """A problem-details 403 in place of Starlette's plain-text 400 for a refused preflight."""
    method = headers.get("access-control-request-method", "")
    allowed = ", ".join(CORS_METHODS)
    reason = bytes(refused.body).decode(errors="replace").removeprefix("Disallowed CORS ")
    detail = text("api.detail.cors_refused", ui_lang(request_lang(request))).format(
        method=method, reason=reason, allowed=allowed
    )
    keep = {k: v for k, v in refused.headers.items() if k.lower().startswith("access-control")}
    return problem(
        request, 403, code="cors_refused", detail=detail, headers=keep, refused=reason.split(", ")
    )


_READS = frozenset({"GET", "HEAD", "OPTIONS"})


class TimeBudgetMiddleware:
    """Answer ``503`` when a request has not begun its response within its time budget.

    The route runs as its own task; if the budget passes before ``http.response.start``, the
    client gets a problem-details ``503`` with ``Retry-After`` and the task is cancelled (a
    worker thread it started finishes on its own, its answer discarded). A response already
    under way is never cut. ``0`` turns a budget off.
    """

    def __init__(
        self, app: ASGIApp, *, read_seconds: float, write_seconds: float, retry_after: int = 5
    ) -> None:
        self.app = app
        self.read_seconds = read_seconds
        self.write_seconds = write_seconds
        self.retry_after = retry_after

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        budget = 0.0
        if scope["type"] == "http":
            reading = scope["method"] in _READS
            budget = self.read_seconds if reading else self.write_seconds
        if budget <= 0:
            await self.app(scope, receive, send)
            return
        state = {"started": False, "late": False}

        async def send_wrapper(message: Message) -> None:
            if state["late"]:
                return  # the client already has its 503
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, send_wrapper))
        try:
            await asyncio.wait_for(asyncio.shield(task), budget)
            return
        except TimeoutError:
            if state["started"]:
                await task
                return
        state["late"] = True
        task.cancel()
        task.add_done_callback(_swallow)
        log.warning(
            "request over its %.1f s budget: %s %s", budget, scope["method"], scope["path"][:200]
        )
        await self._over_budget(scope, budget)(scope, receive, send)

    def _over_budget(self, scope: Scope, budget: float) -> Response:
        request = Request(scope)
        detail = text("api.detail.over_time_budget", ui_lang(request_lang(request))).format(
            budget=f"{budget:g}"
        )
        return problem(
            request,
            503,
            code="over_time_budget",
            detail=detail,
            headers={"Retry-After": str(self.retry_after)},
            budget_seconds=budget,
        )


def _swallow(task: asyncio.Future) -> None:
    with contextlib.suppress(BaseException):
        task.exception()


def install_middleware(
    app: FastAPI,
    *,
    version: Callable[[], str],
    cors_origins: list[str],
    max_age: int,
    budgets: tuple[float, float] = (0.0, 0.0),
) -> None:
    """Add the time budget (innermost), hygiene, gzip, then CORS (outermost) to ``app``.

    ``budgets`` is ``(read_seconds, write_seconds)``; ``0`` turns one off.
    """
    app.add_middleware(TimeBudgetMiddleware, read_seconds=budgets[0], write_seconds=budgets[1])
    app.add_middleware(HttpHygieneMiddleware, version=version, max_age=max_age)
    app.add_middleware(GZipMiddleware, minimum_size=1000, compresslevel=5)
    app.add_middleware(
        ReadOnlyCORSMiddleware,
        allow_origins=cors_origins,
        allow_methods=list(CORS_METHODS),
        allow_headers=["Accept", "Accept-Language", "Content-Language", "If-None-Match"],
        expose_headers=["ETag", "Link"],
        allow_credentials=False,
        max_age=600,
    )
