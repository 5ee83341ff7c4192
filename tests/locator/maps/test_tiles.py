import sqlite3

import numpy as np
import pytest
from pmtiles.tile import Compression, TileType, zxy_to_tileid
from pmtiles.writer import Writer

from geodata.errors import InvalidInputError, StoreError
from locator.maps.tiles import (
    default_basemap_path,
    open_tiles,
    read_tile,
    select_tiles,
    tile_mime,
    tile_xy,
)
from locator.maps.view import MAP_SIZES, fitted_view, view_tiles

BASEMAP = default_basemap_path()


@pytest.mark.parametrize("z,x,y", [(0, 0, 0), (1, 0, 0), (1, 1, 1), (3, 2, 5), (6, 16, 23)])
def test_read_tile_flips_mbtiles_rows(z, x, y):
    with sqlite3.connect(BASEMAP) as conn:
        expected = conn.execute(
            "SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?",
            (z, x, 2**z - 1 - y),
        ).fetchone()[0]
    assert read_tile(BASEMAP, z, x, y) == bytes(expected)


@pytest.mark.parametrize("z,x,y", [(7, 0, 0), (2, 4, 0), (2, 0, -1), (-1, 0, 0)])
def test_read_tile_absent_or_out_of_range(z, x, y):
    assert read_tile(BASEMAP, z, x, y) is None


def _write_pmtiles(path, tiles):
    with open(path, "wb") as f:
        writer = Writer(f)
        for (z, x, y), data in sorted(tiles.items(), key=lambda kv: zxy_to_tileid(*kv[0])):
            writer.write_tile(zxy_to_tileid(z, x, y), data)
        zooms = [z for z, _, _ in tiles]
        writer.finalize(
            {
                "tile_type": TileType.PNG,
                "tile_compression": Compression.NONE,
                "min_zoom": min(zooms),
                "max_zoom": max(zooms),
                "min_lon_e7": -1800000000,
                "min_lat_e7": -850000000,
                "max_lon_e7": 1800000000,
                "max_lat_e7": 850000000,
                "center_zoom": 0,
                "center_lon_e7": 0,
                "center_lat_e7": 0,
            },
            {"attribution": "© OpenStreetMap contributors"},
        )


def test_pmtiles_roundtrip(tmp_path):
    tiles = {k: read_tile(BASEMAP, *k) for k in [(0, 0, 0), (1, 0, 1), (2, 1, 1), (2, 3, 2)]}
    path = tmp_path / "x.pmtiles"
    _write_pmtiles(path, tiles)
    for key, data in tiles.items():
        assert read_tile(path, *key) == data
    assert read_tile(path, 2, 0, 0) is None
    with open_tiles(path) as ts:
        assert (ts.kind, ts.min_zoom, ts.max_zoom) == ("pmtiles", 0, 2)
        assert "OpenStreetMap" in ts.attribution


def test_bad_tile_files(tmp_path):
    with pytest.raises(InvalidInputError):
        read_tile(tmp_path / "missing.mbtiles", 0, 0, 0)
    junk = tmp_path / "junk.mbtiles"
    junk.write_bytes(b"not tiles at all")
    with pytest.raises(StoreError) as info:
        read_tile(junk, 0, 0, 0)
    # the reason is said in each language (the Spanish used to carry the English words)
    assert info.value.message("en").endswith(": not an MBTiles or PMTiles file")
    assert info.value.message("es").endswith(": no es un archivo MBTiles ni PMTiles")
    assert info.value.message("es").startswith("No se pueden leer mosaicos de ")


def test_tile_xy_and_mime():
    assert tile_xy(0.0, 0.0, 1) == (1, 1)
    assert tile_xy(-180.0, 85.0, 3) == (0, 0)
    assert tile_xy(179.99, -85.0, 3) == (7, 7)
    assert tile_mime(read_tile(BASEMAP, 0, 0, 0)) == "image/png"
    assert tile_mime(b"\xff\xd8\xff\xe0") == "image/jpeg"


@pytest.mark.parametrize("budget", [50_000, 200_000, 600_000, 2_000_000])
@pytest.mark.parametrize(
    "bounds",
    [
        (-88.5, 41.3, -87.3, 42.3),  # Chicago: the first view is far wider than the data
        (-88.2, 41.2, -87.1, 43.2),  # Chicago to Milwaukee: tall data on wide screens
        (-86.6, 41.4, -82.7, 43.3),  # a Michigan route
        (-125.0, 24.0, -66.0, 50.0),  # the whole network
    ],
)
def test_select_tiles_cover_every_first_view(budget, bounds):
    with open_tiles(BASEMAP) as ts:
        chosen = select_tiles(ts, bounds, budget=budget)
    assert 0 < sum(map(len, chosen.values())) <= budget
    assert (0, 0, 0) in chosen
    native = max(z for z, _, _ in chosen)  # the layer's maxNativeZoom
    for size in (*MAP_SIZES, (1100, 750)):
        zoom, view = fitted_view(bounds, size)
        shown = min(zoom, native)  # Leaflet draws this level, scaled when zoom > native
        x0, y0, x1, y1 = view_tiles(view, shown, margin=0)
        missing = [
            (shown, x, y)
            for x in range(x0, x1 + 1)
            for y in range(y0, y1 + 1)
            if (shown, x, y) not in chosen
        ]
        assert missing == [], f"{size}: {len(missing)} tiles missing at zoom {shown}"


def test_select_tiles_prefers_dense_tiles():
    us = (-125.0, 24.0, -66.0, 50.0)
    lon, lat = np.full(50, -87.6), np.full(50, 41.9)
    with open_tiles(BASEMAP) as ts:
        chosen = select_tiles(ts, us, budget=400_000, points=(lon, lat))
    deepest = max(z for z, _, _ in chosen)
    assert (deepest, *tile_xy(-87.6, 41.9, deepest)) in chosen
