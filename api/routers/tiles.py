"""``GET /tiles/{name}/{z}/{x}/{y}.png``: raster tiles of the configured MBTiles/PMTiles files.

Names come only from the ``tiles`` setting (``LOCATOR_TILES='{"city": "/data/city.mbtiles"}'``)
plus ``basemap``, the bundled OpenStreetMap extract (zoom 0-6) that the search page uses, and
``user``, the street basemap of the ``basemap`` setting (``LOCATOR_BASEMAP``). This
is the only tile route (the page's ``/tiles/basemap/...`` URLs land here too). A name is looked
up in that table, never joined to a folder, so no request can reach another file.

* ``z`` must be 0-:data:`MAX_ZOOM` and ``x``, ``y`` within ``0 .. 2**z - 1``, checked at the
  edge before any work (``422``, like every other out-of-range parameter): a huge ``z`` never
  reaches ``2**z`` arithmetic, so no request can hold a worker (issue 13);
* unknown name, a tile outside the file's own zoom levels or bounds, or no tile there: ``404``
  (outside zooms/bounds without reading the file); a configured file that cannot be read:
  ``503``;
* the content type is sniffed (PNG, JPEG or WebP, whatever the ``.png`` suffix says); tiles
  are cached a week and carry a strong ETag of their bytes (``If-None-Match`` -> ``304``).
"""

from __future__ import annotations

import hashlib
import threading
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.middleware import etag_matches
from api.routers import problems
from geodata.errors import InvalidInputError, NotFoundError, StoreError
from locator.i18n.api import API_ERRORS
from locator.maps.tiles import TileSet, default_basemap_path, open_tiles, tile_mime

__all__ = ["MAX_ZOOM", "TILE_CACHE_CONTROL", "check_xyz", "router", "tile_sources"]

router = APIRouter(tags=["tiles"])

MAX_ZOOM = 24
TILE_CACHE_CONTROL = "public, max-age=604800"
_IMAGE = {
    "content": {"image/png": {}, "image/jpeg": {}, "image/webp": {}},
    "description": "Mosaico ráster / raster tile",
}
_state_lock = threading.Lock()


class _Opened:
    """One open tile file and the lock serialising reads of its shared handle."""

    def __init__(self, tiles: TileSet) -> None:
        self.tiles = tiles
        self.lock = threading.Lock()

    def get(self, z: int, x: int, y: int) -> bytes | None:
        if not self.tiles.covers(z, x, y):
            return None
        with self.lock:
            return self.tiles.get(z, x, y)


def tile_sources(request: Request) -> dict[str, Path]:
    """Tile set name -> file: ``basemap``, ``user`` (the ``basemap`` setting), ``tiles``."""
    settings = request.app.state.runtime.settings
    user = {"user": Path(settings.basemap)} if settings.basemap else {}
    return {
        "basemap": default_basemap_path(),
        **user,
        **{name: Path(path) for name, path in settings.tiles.items()},
    }


def _opened(request: Request, name: str) -> _Opened:
    paths = tile_sources(request)
    if name not in paths:
        raise NotFoundError(
            API_ERRORS["no_tile_set"].fill(name=name),
            detail={"name": name[:64], "allowed": sorted(paths)},
        )
    state = request.app.state
    with _state_lock:
        opened = getattr(state, "tile_sets", None)
        if opened is None:
            opened = state.tile_sets = {}
        if name not in opened:
            try:
                opened[name] = _Opened(open_tiles(paths[name]))
            except InvalidInputError as exc:  # a missing file is the server's fault
                raise StoreError(API_ERRORS["tile_set_unavailable"].fill(name=name)) from exc
        return opened[name]


Zoom = Annotated[int, PathParam(ge=0, le=MAX_ZOOM, description=f"Zoom, 0-{MAX_ZOOM}.")]
Column = Annotated[
    int,
    PathParam(
        ge=0,
        le=2**MAX_ZOOM - 1,
        description="Column (x) or row (y, from the north): 0 .. 2**z - 1.",
    ),
]


def check_xyz(z: int, x: int, y: int) -> None:
    """Refuse ``x``/``y`` outside ``0 .. 2**z - 1`` (``z`` is already bounded at the edge).

    Raised as a request validation error (``422``), the same answer as any other parameter
    out of its range.

    Examples
    --------
    >>> check_xyz(1, 1, 1)
    >>> check_xyz(1, 2, 0)
    Traceback (most recent call last):
    fastapi.exceptions.RequestValidationError: ...
    """
    top = (1 << z) - 1
    errors = [
        {
            "type": "less_than_equal",
            "loc": ("path", name),
            "msg": f"Input should be less than or equal to {top}",
            "input": value,
            "ctx": {"le": top},
        }
        for name, value in (("x", x), ("y", y))
        if value > top
    ]
    if errors:
        raise RequestValidationError(errors)


@router.get(
    "/tiles/{name}/{z}/{x}/{y}.png",
    response_class=Response,
    responses={
        200: _IMAGE,
        304: {"description": "Sin cambios / not modified"},
        **problems(404, 422, 503),
    },
    summary="Mosaico de un mapa base configurado / a configured basemap tile",
)
async def tile(
    request: Request,
    name: Annotated[str, PathParam(max_length=64)],
    z: Zoom,
    x: Column,
    y: Column,
    if_none_match: Annotated[str | None, Header(max_length=1024)] = None,
) -> Response:
    """One raster tile (XYZ, y from the north) of the tile set ``name``."""
    check_xyz(z, x, y)
    opened = _opened(request, name)
    data = await run_in_threadpool(opened.get, z, x, y)
    if data is None:
        raise NotFoundError(
            API_ERRORS["no_tile"].fill(z=z, x=x, y=y, name=name),
            detail={"name": name, "z": z, "x": x, "y": y},
        )
    etag = f'"{hashlib.blake2b(data, digest_size=12).hexdigest()}"'
    headers = {"cache-control": TILE_CACHE_CONTROL, "etag": etag}
    if if_none_match and etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=tile_mime(data), headers=headers)
