"""``GET /tiles/{name}/{z}/{x}/{y}.png``: raster tiles of the configured MBTiles/PMTiles files.

Names come only from the ``tiles`` setting (``LOCATOR_TILES='{"city": "/data/city.mbtiles"}'``)
plus ``basemap``, the bundled OpenStreetMap extract (zoom 0-6; today ``api.routers.web``,
mounted first, answers that name itself with the same URL). A name is looked up in that table,
never joined to a folder, so no request can reach another file.

* ``z`` must be 0-:data:`MAX_ZOOM` and ``x``, ``y`` within ``0 .. 2**z - 1`` (else ``400``);
* unknown name, or no tile there: ``404``; a configured file that cannot be read: ``503``;
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
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from api.routers import problems
from geodata.errors import InvalidInputError, NotFoundError, StoreError
from locator.maps.tiles import TileSet, default_basemap_path, open_tiles, tile_mime

__all__ = ["MAX_ZOOM", "TILE_CACHE_CONTROL", "router", "tile_sources"]

router = APIRouter(tags=["tiles"])

MAX_ZOOM = 24
TILE_CACHE_CONTROL = "public, max-age=604800"
_IMAGE = {"content": {"image/png": {}, "image/jpeg": {}, "image/webp": {}},
          "description": "Mosaico ráster / raster tile"}
_state_lock = threading.Lock()


class _Opened:
    """One open tile file and the lock serialising reads of its shared handle."""

    def __init__(self, tiles: TileSet) -> None:
        self.tiles = tiles
        self.lock = threading.Lock()

    def get(self, z: int, x: int, y: int) -> bytes | None:
        with self.lock:
            return self.tiles.get(z, x, y)


def tile_sources(request: Request) -> dict[str, Path]:
    """Tile set name -> file: ``basemap`` and the ``tiles`` setting."""
    settings = request.app.state.runtime.settings
    return {"basemap": default_basemap_path(),
            **{name: Path(path) for name, path in settings.tiles.items()}}


def _opened(request: Request, name: str) -> _Opened:
    paths = tile_sources(request)
    if name not in paths:
        raise NotFoundError(f"No tile set named {name!r}", f"No hay mosaicos llamados {name!r}",
                            detail={"name": name[:64], "allowed": sorted(paths)})
    state = request.app.state
    with _state_lock:
        opened = getattr(state, "tile_sets", None)
        if opened is None:
            opened = state.tile_sets = {}
        if name not in opened:
            try:
                opened[name] = _Opened(open_tiles(paths[name]))
            except InvalidInputError as exc:  # a missing file is the server's fault
                raise StoreError(f"Tile set {name!r} is not available",
                                 f"Los mosaicos {name!r} no están disponibles") from exc
        return opened[name]


def _check_xyz(z: int, x: int, y: int) -> None:
    if not 0 <= z <= MAX_ZOOM:  # (detail as text: a huge int would not fit in JSON)
        raise InvalidInputError(f"z must be between 0 and {MAX_ZOOM}",
                                f"z debe estar entre 0 y {MAX_ZOOM}",
                                detail={"tile": f"{z}/{x}/{y}"})
    top = 2**z - 1
    if not (0 <= x <= top and 0 <= y <= top):
        raise InvalidInputError(f"At zoom {z}, x and y must be between 0 and {top}",
                                f"En el zoom {z}, x e y deben estar entre 0 y {top}",
                                detail={"tile": f"{z}/{x}/{y}"})


@router.get("/tiles/{name}/{z}/{x}/{y}.png", response_class=Response,
            responses={200: _IMAGE, 304: {"description": "Sin cambios / not modified"},
                       **problems(400, 404, 422, 503)},
            summary="Mosaico de un mapa base configurado / a configured basemap tile")
async def tile(request: Request, name: Annotated[str, PathParam(max_length=64)],
               z: int, x: int, y: int,
               if_none_match: Annotated[str | None, Header()] = None) -> Response:
    """One raster tile (XYZ, y from the north) of the tile set ``name``."""
    opened = _opened(request, name)
    _check_xyz(z, x, y)
    data = await run_in_threadpool(opened.get, z, x, y)
    if data is None:
        raise NotFoundError(f"No tile {z}/{x}/{y} in {name!r}",
                            f"No hay mosaico {z}/{x}/{y} en {name!r}",
                            detail={"name": name, "z": z, "x": x, "y": y})
    etag = f'"{hashlib.blake2b(data, digest_size=12).hexdigest()}"'
    headers = {"cache-control": TILE_CACHE_CONTROL, "etag": etag}
    if if_none_match and etag in [t.strip().removeprefix("W/") for t in if_none_match.split(",")]:
        return Response(status_code=304, headers=headers)
    return Response(data, media_type=tile_mime(data), headers=headers)
