"""``GET /v1/maps/...``: the offline HTML maps of :mod:`locator.maps`, one URL each.

* ``/v1/maps/nearest.html?q=|lat&lon&kind&service&limit&lang``: nearest sites to a place;
* ``/v1/maps/network.html?kind&lang``: every site, clustered by kind;
* ``/v1/maps/office/{office_id}.html?kind&lang``: a consulate and its approximate region;
* ``/v1/maps/route/{route_id}.html?lang``: a mobile unit's route and stops.

Pages are self-contained (scripts, styles, OpenStreetMap tiles and outlines are inlined; the
page loads nothing) and carry a CSP that forbids any load. The data is gathered as the CLI does
(:mod:`locator.maps.map_data`); pages are built in a worker thread and kept in a small LRU per
(dataset version, parameters) (:class:`PageCache`). ETag/304 comes from the middleware
(dataset version + URL). Route maps list each stop's next visits, which change with time:
they are rebuilt every hour and sent ``no-store``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from api.deps import (
    Kinds,
    LangParam,
    Limit,
    OneKindParam,
    Point,
    RuntimeDep,
    Services,
)
from api.routers import problems
from api.runtime import Runtime
from locator.maps import nearest_map, network_map, office_map, render_html, route_map
from locator.maps.map_data import nearest_source, office_source, route_source
from locator.query import one_kind

__all__ = ["MAP_CSP", "MapLang", "PageCache", "html_page", "one_kind", "page_cache", "router"]

router = APIRouter(prefix="/v1/maps", tags=["maps"])

MAP_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
"""Inline code and data: URIs only: the browser itself refuses any network load."""

HTML_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/html": {}}, "description": "Página HTML sin conexión / offline page"},
}


async def map_lang(request: Request, lang: LangParam = None) -> str:
    """Language of a map page: ``?lang=``, else the Spanish-first default (``default_lang``).

    ``Accept-Language`` is not used: a browser set to English still gets the Spanish map
    unless the link asks for ``lang=en`` (maps are shared links, printed, embedded).
    """
    return lang or request.app.state.runtime.settings.default_lang


MapLang = Annotated[str, Depends(map_lang)]
OfficeId = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9._:-]+$")]
RouteId = OfficeId
_state_lock = threading.Lock()


class PageCache:
    """Thread-safe LRU of built pages; one build per key at a time (others wait for it).

    >>> cache = PageCache(size=2)
    >>> cache.get("a", lambda: b"A"), cache.get("a", lambda: b"other"), len(cache)
    (b'A', b'A', 1)
    """

    def __init__(self, size: int = 24) -> None:
        self.size = size
        self._pages: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Lock] = {}

    def __len__(self) -> int:
        return len(self._pages)

    def _lookup(self, key: Hashable) -> bytes | None:
        with self._lock:
            page = self._pages.get(key)
            if page is not None:
                self._pages.move_to_end(key)
            return page

    def get(self, key: Hashable, build: Callable[[], bytes]) -> bytes:
        """The page for ``key``, built with ``build()`` when absent (errors are not kept)."""
        page = self._lookup(key)
        if page is not None:
            return page
        with self._lock:
            gate = self._building.setdefault(key, threading.Lock())
        with gate:
            page = self._lookup(key)
            if page is None:
                try:
                    page = build()
                finally:
                    with self._lock:
                        self._building.pop(key, None)
                with self._lock:
                    self._pages[key] = page
                    while len(self._pages) > self.size:
                        self._pages.popitem(last=False)
        return page


def page_cache(request: Request) -> PageCache:
    """The app's page cache (created on first use)."""
    state = request.app.state
    with _state_lock:
        if getattr(state, "map_pages", None) is None:
            state.map_pages = PageCache()
        return state.map_pages


async def html_page(
    request: Request, key: tuple, build: Callable[[], str], *, headers: dict[str, str] | None = None
) -> HTMLResponse:
    """Build (in a worker thread) or reuse the page for ``key``; answer it as UTF-8 HTML."""
    body = await run_in_threadpool(page_cache(request).get, key, lambda: build().encode("utf-8"))
    return HTMLResponse(body, headers={"content-security-policy": MAP_CSP, **(headers or {})})


def _counties(runtime: Runtime):
    return runtime.gazetteer().counties()


@router.get(
    "/nearest.html",
    response_class=HTMLResponse,
    responses={**HTML_RESPONSES, **problems(400, 422)},
    summary="Mapa de lo más cercano / map of the nearest sites",
)
async def nearest_page(
    request: Request,
    runtime: RuntimeDep,
    point: Point,
    lang: MapLang,
    kinds: Kinds,
    services: Services,
    limit: Limit = 5,
) -> HTMLResponse:
    """The ``limit`` sites nearest to ``q`` or ``lat``/``lon``, numbered, on an offline map."""
    view = runtime.view()
    key = ("nearest", view.version, point, tuple(kinds or ()), tuple(services or ()), limit, lang)

    def build() -> str:
        data = nearest_source(
            view.snapshot.index, point, kinds=kinds, services=services, limit=limit
        )
        return render_html(nearest_map(data.results, query=data.query, lang=lang))

    return await html_page(request, key, build)


@router.get(
    "/network.html",
    response_class=HTMLResponse,
    responses={**HTML_RESPONSES, **problems(400, 422)},
    summary="Mapa de toda la red / map of every site",
)
async def network_page(
    request: Request, runtime: RuntimeDep, lang: MapLang, kinds: Kinds
) -> HTMLResponse:
    """Every site (or those of ``kind``), one clustered layer per kind."""
    view = runtime.view()
    key = ("network", view.version, tuple(sorted(kinds or ())), lang)

    def build() -> str:
        sites = view.snapshot.sites
        if kinds:
            sites = sites[sites["kind"].isin(kinds)]
        return render_html(network_map(sites, lang=lang))

    return await html_page(request, key, build)


@router.get(
    "/office/{office_id}.html",
    response_class=HTMLResponse,
    responses={**HTML_RESPONSES, **problems(400, 404, 422)},
    summary="Mapa de un consulado / map of a consulate",
)
async def office_page(
    request: Request,
    runtime: RuntimeDep,
    lang: MapLang,
    office_id: OfficeId,
    kind: OneKindParam = None,
) -> HTMLResponse:
    """A consulate, its **approximate** region (nearest-consulate counties) and its sites."""
    only = one_kind(kind)
    view = runtime.view()
    key = ("office", view.version, office_id, only, lang)

    def build() -> str:
        data = office_source(view.snapshot.index, office_id, counties=_counties(runtime))
        return render_html(
            office_map(data.office, region=data.region, sites=data.sites, lang=lang, kind=only)
        )

    return await html_page(request, key, build)


@router.get(
    "/route/{route_id}.html",
    response_class=HTMLResponse,
    responses={**HTML_RESPONSES, **problems(404, 422)},
    summary="Mapa de una ruta móvil / map of a mobile route",
)
async def route_page(
    request: Request, runtime: RuntimeDep, lang: MapLang, route_id: RouteId
) -> HTMLResponse:
    """A mobile unit's route, numbered stops, schedules and next visits (ILUSTRATIVO if so)."""
    view = runtime.view()
    hour = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    key = ("route", view.version, route_id, lang, hour)

    def build() -> str:
        snap = view.snapshot
        data = route_source(snap.routes, snap.stops, route_id, lang=lang, now=hour)
        return render_html(route_map(data.route, data.stops, lang=lang))

    return await html_page(request, key, build, headers={"cache-control": "no-store"})
