"""The FastAPI application: :func:`create_app` (tests, embedding) and
:func:`create_app_from_env` (the uvicorn factory used by ``locator serve``).

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from api.settings import Settings
>>> folder = tempfile.TemporaryDirectory()  # a new store, made from the bundled data
>>> app = create_app(Settings(store=str(Path(folder.name) / "locator.gpkg")))
>>> app.title, app.url_path_for("health")
('locator API', '/health')
>>> folder.cleanup()
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from api.errors import install_error_handlers
from api.middleware import install_middleware
from api.openapi import install_openapi
from api.routers import (
    consulates,
    coverage,
    embed,
    geocode,
    health,
    imports,
    maps,
    mobile,
    nearest,
    ogc,
    routes,
    sites,
    tiles,
    web,
)
from api.routers.web import page_basemap
from api.runtime import Runtime
from api.settings import Settings

__all__ = ["ROUTERS", "create_app", "create_app_from_env"]

ROUTERS: tuple[APIRouter, ...] = (
    health.router,
    nearest.router,
    sites.router,
    geocode.router,
    consulates.router,
    mobile.router,
    routes.router,
    imports.router,
    web.router,
    ogc.router,
    coverage.router,
    maps.router,
    embed.router,
    tiles.router,
)
"""Every router :func:`create_app` mounts, imported explicitly, in mounting order."""

DESCRIPTION = """
**Encuentre el consulado de México, la Ventanilla de Salud (VDS) o la clínica comunitaria más
cercana.** Find the nearest Mexican consulate, health desk (VDS) or community clinic.

* Distancias de gran círculo / great-circle distances (haversine, R = 6371.0088 km).
* Cada sitio indica qué tan exacta es su ubicación (`location_precision`, `location_note`);
  los datos ilustrativos están marcados (`illustrative`). Each site says how exact its location
  is; illustrative data is labelled.
* Idioma / language: `lang=es|en` or `Accept-Language`.
* Errores / errors: RFC 9457 problem details (`application/problem+json`).
* Las circunscripciones consulares son **aproximadas** (no existe una lista oficial legible por
  máquina). Consular regions are **approximate**.
"""


def _docs_static() -> Path | None:
    try:
        import fastapi_offline
    except ImportError:
        return None
    path = Path(fastapi_offline.__file__).parent / "static"
    return path if (path / "swagger-ui-bundle.js").exists() else None


def _mount_docs(app: FastAPI) -> None:
    """Swagger UI served from local files (no CDN): ``/docs``."""
    static = _docs_static()
    if static is None:
        return
    app.mount("/docs/static", StaticFiles(directory=static), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    async def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="locator API",
            swagger_js_url="/docs/static/swagger-ui-bundle.js",
            swagger_css_url="/docs/static/swagger-ui.css",
            swagger_favicon_url="/docs/static/favicon.png",
        )


def create_app(settings: Settings | None = None, *, runtime: Runtime | None = None) -> FastAPI:
    """Build the API for ``settings`` (default: from ``LOCATOR_*`` environment variables).

    The store is opened and the first snapshot loaded here, so a bad store fails at start-up
    with a clear :class:`~geodata.errors.StoreError`. The lifespan warms the gazetteer and
    runs the refresh task that picks up imports made by other processes sharing the store.
    """
    settings = settings or Settings()
    runtime = runtime or Runtime.open(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await runtime.warm_up()
        task = asyncio.create_task(runtime.refresh_forever())
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    app = FastAPI(
        title="locator API",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.runtime = runtime
    app.state.settings = settings
    app.state.page_basemap = page_basemap(settings)  # a bad basemap file fails here, clearly
    install_error_handlers(app)
    install_middleware(
        app,
        version=lambda: runtime.version,
        cors_origins=settings.cors_origins,
        max_age=settings.cache_max_age,
        budgets=(settings.request_budget_seconds, settings.write_budget_seconds),
    )
    for router in ROUTERS:
        app.include_router(router)
    install_openapi(app)
    _mount_docs(app)
    return app


def create_app_from_env() -> FastAPI:
    """Uvicorn factory: ``uvicorn --factory api.app:create_app_from_env``."""
    return create_app(Settings())
