"""The search page (issue 6): ``/``, its static files, data files and service worker.

Its map tiles (``/tiles/basemap/{z}/{x}/{y}.png``, and ``/tiles/user/...`` for a street
basemap of the ``basemap`` setting) are served by :mod:`api.routers.tiles`, which bounds
``z``/``x``/``y`` at the edge. Online tiles are an explicit opt-in (``online_tiles``): only
then does the page's CSP allow images from that tile host.

Files are looked up in a fixed table (:func:`locator.web.bundle.shell_files`), never by
joining a request path to a folder. Data files carry an ETag (sites: the dataset version;
the rest: a digest of their content) and are revalidated (``no-cache``). The page gets a
strict Content-Security-Policy: scripts only from this origin, no inline code.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.routers import problems
from api.settings import Settings
from geodata.errors import NotFoundError
from locator.i18n.api import API_ERRORS
from locator.web import bundle
from locator.web.basemap import (
    USER_TILES_DIR,
    basemap_config,
    online_tiles,
    open_user_basemap,
)
from locator.web.csp import page_csp
from locator.web.i18n import i18n_data

__all__ = ["PAGE_CSP", "page_basemap", "page_policy", "router"]

router = APIRouter(tags=["página / page"])


def _doc(*types: str) -> dict[str, Any]:
    """OpenAPI entry of a page route: its content types, 304 and a problem-details 404."""
    return {
        "response_class": Response,
        "responses": {
            200: {"content": {t: {} for t in types}, "description": "Archivo / file"},
            304: {"description": "Sin cambios / not modified"},
            **problems(404),
        },
    }


PAGE_CSP = page_csp()


def page_policy(basemap: dict[str, Any] | None = None) -> str:
    """:data:`PAGE_CSP`, plus the online tile host in ``img-src`` when they are opted into."""
    online = (basemap or {}).get("onlineTiles")
    if not online:
        return PAGE_CSP
    source = online_tiles(online["url"], attribution=online["attribution"]).csp_source
    return page_csp(tile_origins=[source])


def page_basemap(settings: Settings) -> dict[str, Any]:
    """The page's basemap settings (:func:`locator.web.basemap.basemap_config`).

    Opens and checks the ``basemap`` file: a file that is not raster tiles fails here, at
    start-up, with a clear error.
    """
    user = open_user_basemap(settings.basemap) if settings.basemap else None
    online = (
        None
        if settings.online_tiles is None
        else online_tiles(
            settings.online_tiles,
            attribution=settings.online_tiles_attribution,
            max_zoom=settings.online_tiles_max_zoom,
        )
    )
    return basemap_config(
        user=user, user_url=f"{USER_TILES_DIR}/{{z}}/{{x}}/{{y}}.png", online=online
    )


_TYPES = {
    "html": "text/html; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "json": "application/json",
    "webmanifest": "application/manifest+json",
    "svg": "image/svg+xml",
    "png": "image/png",
}
_DATA = {
    "sites": "LOCATOR_SITES",
    "gazetteer": "LOCATOR_GAZETTEER",
    "i18n": "LOCATOR_I18N",
    "config": "LOCATOR_CONFIG",
    "boundaries": "LOCATOR_BOUNDARIES",
    "visits": "LOCATOR_VISITS",
}
_lock = threading.RLock()
_cache: dict[Any, Any] = {}


def _not_found(path: str) -> NotFoundError:
    return NotFoundError(API_ERRORS["no_file"].fill(path=path), detail={"path": path})


def _media(name: str) -> str:
    return _TYPES.get(name.rsplit(".", 1)[-1], "application/octet-stream")


def _cached(key: Any, build) -> Any:
    with _lock:
        if key not in _cache:
            if len(_cache) > 16:
                _cache.clear()
            _cache[key] = build()
        return _cache[key]


def _shell() -> tuple[dict[str, Any], str]:
    return _cached("shell", lambda: (bundle.shell_files(), bundle.build_id()))


def _file(rel: str, *, cache: str, extra: dict[str, str] | None = None) -> Response:
    files, build = _shell()
    path = files.get(rel)
    if path is None:
        raise _not_found(rel)
    body = bundle.render_sw(build).encode() if rel == "sw.js" else path.read_bytes()
    headers = {"cache-control": cache, "etag": f'"{build}"', **(extra or {})}
    return Response(body, media_type=_media(rel), headers=headers)


@router.get("/", **_doc("text/html"))
async def page(request: Request) -> Response:
    """The search page."""
    csp = page_policy(getattr(request.app.state, "page_basemap", None))
    return _file("index.html", cache="no-cache", extra={"content-security-policy": csp})


@router.get("/sw.js", **_doc("text/javascript"))
async def service_worker() -> Response:
    """The service worker, at the root so its scope is the whole site."""
    return _file("sw.js", cache="no-cache", extra={"service-worker-allowed": "/"})


@router.get("/manifest.webmanifest", **_doc("application/manifest+json"))
async def manifest() -> Response:
    """The web-app manifest (installable PWA)."""
    return _file("manifest.webmanifest", cache="public, max-age=3600")


@router.get(
    "/static/{path:path}",
    **_doc("text/javascript", "text/css", "image/png", "image/svg+xml", "application/json"),
)
async def static(path: str) -> Response:
    """App files and the vendored Leaflet / MarkerCluster assets (no CDN)."""
    return _file(f"static/{path}", cache="public, max-age=3600")


def _tagged(data: Any) -> tuple[Any, str]:
    return data, hashlib.sha256(bundle.json_text(data).encode()).hexdigest()[:16]


def _payload(request: Request, name: str) -> tuple[Any, str]:
    """The data of file ``name`` and its ETag tag (computed once per version/process)."""
    runtime = request.app.state.runtime
    if name == "sites":
        view = runtime.view()
        data = _cached(
            ("sites", view.version),
            lambda: bundle.sites_data(view.snapshot.index.sites, version=view.version),
        )
        return data, view.version
    if name == "visits":  # visits from today: a new day, a new file
        view = runtime.view()
        today = datetime.now(UTC).date()
        return _cached(
            ("visits", view.version, today),
            lambda: _tagged(
                bundle.visits_data(
                    view.snapshot.routes, view.snapshot.stops, version=view.version, today=today
                )
            ),
        )
    if name == "gazetteer":
        return _cached("gazetteer", lambda: _tagged(bundle.gazetteer_data(runtime.gazetteer())))
    if name == "i18n":
        return _cached("i18n", lambda: _tagged(i18n_data()))
    if name == "boundaries":
        return _cached("boundaries", lambda: _tagged(bundle.boundaries_data()))
    lang = runtime.settings.default_lang
    basemap = getattr(request.app.state, "page_basemap", None) or basemap_config()
    key = ("config", lang, bundle.json_text(basemap))
    return _cached(
        key,
        lambda: _tagged(
            bundle.config_data(
                mode="server",
                lang=lang,
                tiles="tiles/basemap/{z}/{x}/{y}.png",
                api="v1/nearest",
                build=_shell()[1],
                basemap=basemap,
            )
        ),
    )


@router.get("/data/{name}.{ext}", **_doc("application/json", "text/javascript"))
async def data_file(request: Request, name: str, ext: str) -> Response:
    """``sites``, ``gazetteer``, ``i18n``, ``config``, ``boundaries``: ``.json`` or ``.js``."""
    if name not in _DATA or ext not in ("js", "json"):
        raise _not_found(f"data/{name}.{ext}")
    data, tag = await run_in_threadpool(_payload, request, name)
    etag = f'"{name}-{ext}-{tag}"'
    headers = {"etag": etag, "cache-control": "no-cache"}
    if etag in request.headers.get("if-none-match", ""):
        return Response(status_code=304, headers=headers)
    text = bundle.script_text(_DATA[name], data) if ext == "js" else bundle.json_text(data)
    return Response(text.encode(), media_type=_media(f"x.{ext}"), headers=headers)
