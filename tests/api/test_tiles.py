"""GET /tiles/{name}/{z}/{x}/{y}.png: configured MBTiles/PMTiles, ranges, sniffing, traversal."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import ROUTERS, create_app
from api.routers.tiles import MAX_ZOOM, TILE_CACHE_CONTROL
from api.settings import Settings
from locator.maps.tiles import default_basemap_path, read_tile
from tests.api.conftest import _settings
from tests.locator.maps.test_tiles import _write_pmtiles

PNG = read_tile(default_basemap_path(), 0, 0, 0)
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 60
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 40
TILES = {(0, 0, 0): PNG, (1, 0, 0): JPEG, (1, 1, 1): WEBP}


def write_mbtiles(path: Path, tiles: dict) -> Path:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE metadata (name TEXT, value TEXT)")
        conn.execute(
            "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, "
            "tile_row INTEGER, tile_data BLOB)"
        )
        conn.executemany(
            "INSERT INTO metadata VALUES (?, ?)",
            [("minzoom", "0"), ("maxzoom", "1"), ("attribution", "test")],
        )
        conn.executemany(
            "INSERT INTO tiles VALUES (?, ?, ?, ?)",
            [(z, x, 2**z - 1 - y, data) for (z, x, y), data in tiles.items()],
        )
    conn.close()
    return path


@pytest.fixture(scope="module")
def tiles_client(base_store, tmp_path_factory) -> Iterator[TestClient]:
    folder = tmp_path_factory.mktemp("tiles")
    mbtiles = write_mbtiles(folder / "city.mbtiles", TILES)
    pmtiles = folder / "county.pmtiles"
    _write_pmtiles(pmtiles, {(0, 0, 0): PNG, (1, 1, 1): WEBP})
    (folder / "secret.txt").write_text("do not serve")
    settings = _settings(
        base_store,
        tiles={
            "city": str(mbtiles),
            "county": str(pmtiles),
            "gone": str(folder / "missing.mbtiles"),
        },
    )
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.mark.parametrize(
    ("name", "zxy", "mime", "data"),
    [
        ("city", (0, 0, 0), "image/png", PNG),
        ("city", (1, 0, 0), "image/jpeg", JPEG),
        ("city", (1, 1, 1), "image/webp", WEBP),
        ("county", (0, 0, 0), "image/png", PNG),
        ("county", (1, 1, 1), "image/webp", WEBP),
        ("basemap", (0, 0, 0), "image/png", PNG),
    ],
)
def test_tile_bytes_type_and_caching(tiles_client, name, zxy, mime, data):
    r = tiles_client.get(f"/tiles/{name}/{zxy[0]}/{zxy[1]}/{zxy[2]}.png")
    assert r.status_code == 200
    assert r.content == data
    assert r.headers["content-type"] == mime
    assert r.headers["cache-control"] == TILE_CACHE_CONTROL
    assert r.headers["x-content-type-options"] == "nosniff"


def test_etag_304(tiles_client):
    first = tiles_client.get("/tiles/city/1/0/0.png")
    again = tiles_client.get(
        "/tiles/city/1/0/0.png", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304 and again.content == b""
    other = tiles_client.get("/tiles/city/1/1/1.png")
    assert other.headers["etag"] != first.headers["etag"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/tiles/city/1/1/0.png", 404),  # in range, no tile stored
        ("/tiles/city/5/3/3.png", 404),  # deeper than the file
        ("/tiles/nowhere/0/0/0.png", 404),
        ("/tiles/secret.txt/0/0/0.png", 404),
        ("/tiles/..%2Fsecret.txt/0/0/0.png", 404),
        ("/tiles/..%2F..%2Fetc%2Fpasswd/0/0/0.png", 404),
        ("/tiles/%2E%2E/0/0/0.png", 404),
        ("/tiles/city/..%2F..%2F/0/0.png", 404),
        ("/tiles/city/1/2/0.png", 422),  # x beyond 2**z - 1
        ("/tiles/city/1/0/2.png", 422),
        ("/tiles/city/-1/0/0.png", 422),
        ("/tiles/city/2/-1/0.png", 422),
        (f"/tiles/city/{MAX_ZOOM + 1}/0/0.png", 422),
        ("/tiles/city/99999999999999999999/0/0.png", 422),
        ("/tiles/city/a/0/0.png", 422),
        ("/tiles/gone/0/0/0.png", 503),  # configured, but the file is missing
    ],
)
def test_tile_problems(tiles_client, path, status):
    r = tiles_client.get(path)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/problem+json"
    assert b"do not serve" not in r.content


HOSTILE = [
    "/tiles/basemap/999999999999999999999999999999/0/0.png",  # grew a worker to 13.6 GB
    "/tiles/basemap/1000000000/0/0.png",  # held a worker 19.7 s
    "/tiles/basemap/4000000000/0/0.png",
    "/tiles/basemap/64/0/0.png",  # OverflowError in SQLite: 500
    "/tiles/basemap/1000/0/0.png",
    f"/tiles/basemap/{MAX_ZOOM}/{2**MAX_ZOOM}/0.png",
    "/tiles/basemap/3/0/" + "9" * 5001 + ".png",  # past int() digit limit
    "/tiles/city/24/0/99999999999999999999999999999999999.png",
]


@pytest.mark.parametrize("path", HOSTILE)
def test_hostile_coordinates_refused_before_any_tile_work(tiles_client, monkeypatch, path):
    """Issue 13: out-of-range z/x/y are refused at the edge; no tile lookup (and no 2**z) runs."""
    from locator.maps import tiles as tiles_module

    calls = []
    monkeypatch.setattr(tiles_module.TileSet, "get", lambda self, *a: calls.append(a))
    r = tiles_client.get(path)
    assert r.status_code == 422
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert body["code"] == "validation_error" and body["errors"]
    assert calls == []


def test_every_tile_route_is_bounded_in_openapi(tiles_client):
    """The basemap URL the page uses is served by this one documented, bounded route."""
    paths = tiles_client.get("/openapi.json").json()["paths"]
    tile_paths = [p for p in paths if p.startswith("/tiles/")]
    assert tile_paths == ["/tiles/{name}/{z}/{x}/{y}.png"]
    params = {p["name"]: p["schema"] for p in paths[tile_paths[0]]["get"]["parameters"]}
    assert params["z"]["minimum"] == 0 and params["z"]["maximum"] == MAX_ZOOM
    for axis in ("x", "y"):
        assert params[axis]["minimum"] == 0 and params[axis]["maximum"] == 2**MAX_ZOOM - 1
    served = [r.path for router in ROUTERS for r in router.routes if r.path.startswith("/tiles/")]
    assert served == ["/tiles/{name}/{z}/{x}/{y}.png"]


def test_names_come_only_from_settings():
    for bad in ("../x", "a/b", "basemap", "", "UPPER", ".hidden"):
        with pytest.raises(ValueError):
            Settings(tiles={bad: "/tmp/x.mbtiles"})
    assert Settings(tiles={"city-2_x": "/tmp/x.mbtiles"}).tiles == {"city-2_x": "/tmp/x.mbtiles"}


def test_every_route_is_in_the_openapi_document(client):
    """Issue 13: schemathesis only tests what the document lists (the tile route was missing)."""
    from fastapi.routing import APIRoute

    documented = set(client.get("/openapi.json").json()["paths"])
    routes = {
        r.path.replace(":path", "")
        for router in ROUTERS
        for r in router.routes
        if isinstance(r, APIRoute)
    }
    missing = sorted(routes - documented)
    # the OGC landing page and its API document describe the API themselves (issue 19's)
    assert [m for m in missing if m not in ("/ogc/", "/ogc/api")] == []


def test_etag_list_and_star_read_as_for_every_other_response(tiles_client):
    """Tiles read If-None-Match with the API's one ETag-list reader (api.middleware): a weak
    ``W/`` tag in a list and ``*`` match as they do on /v1 responses (issue 18)."""
    etag = tiles_client.get("/tiles/city/1/0/0.png").headers["etag"]
    for header in (f'"x", W/{etag}', "*"):
        again = tiles_client.get("/tiles/city/1/0/0.png", headers={"If-None-Match": header})
        assert again.status_code == 304, header
    assert (
        tiles_client.get("/tiles/city/1/0/0.png", headers={"If-None-Match": '"x"'}).status_code
        == 200
    )
