"""Street basemaps the user gives (PMTiles, MBTiles), online tiles as an opt-in, maxZoom.

Every tile file is made here (:mod:`tests.fixtures.street_tiles`): read back, served by the
tile route, copied by ``export-site``; the page config says how deep the map may zoom.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from pmtiles.tile import Compression, TileType
from pydantic import ValidationError

from api.app import create_app
from api.routers.web import PAGE_CSP
from geodata.errors import InvalidInputError, StoreError
from locator.cli.main import cli
from locator.maps.tiles import open_tiles, tile_xy
from locator.web.basemap import (
    BUNDLED_MAX_ZOOM,
    basemap_config,
    export_user_tiles,
    online_tiles,
    open_user_basemap,
    plain_text,
)
from tests.api.conftest import _settings
from tests.fixtures.street_tiles import (
    CHICAGO,
    STRAY,
    street_png,
    street_tiles,
    write_mbtiles,
    write_pmtiles,
)

ZOOMS = range(7, 14)
ONLINE = "https://{s}.tiles.example.test/{z}/{x}/{y}.png"


@pytest.fixture(scope="module")
def tiles() -> dict:
    return street_tiles(CHICAGO, ZOOMS)


@pytest.fixture(scope="module")
def files(tmp_path_factory, tiles) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("street")
    return {
        "mbtiles": write_mbtiles(folder / "calles.mbtiles", tiles, bounds=CHICAGO),
        "pmtiles": write_pmtiles(folder / "calles.pmtiles", tiles, bounds=CHICAGO),
    }


@pytest.mark.parametrize("kind", ["mbtiles", "pmtiles"])
def test_user_basemap_read_back(files, tiles, kind):
    user = open_user_basemap(files[kind])
    assert (user.kind, user.tile_format, user.min_zoom, user.max_zoom) == (kind, "png", 7, 13)
    assert user.tiles == len(tiles)  # every tile in the file, the stray one too
    assert user.bounds == pytest.approx(CHICAGO, abs=1e-6)
    assert user.attribution == "Calles de prueba © test 1 < 2"  # text: tags dropped
    with open_tiles(files[kind]) as ts:
        got = {(z, x, y): data for z, x, y, data in ts.iter_all()}
        assert STRAY not in got and not ts.covers(*STRAY)  # outside its own bounds
        assert got == {k: v for k, v in tiles.items() if k != STRAY}
        x, y = tile_xy(-87.66, 41.85, 13)
        assert ts.get(13, x, y) == tiles[(13, x, y)]
        assert ts.covers(13, x, y) and not ts.covers(6, *tile_xy(-87.66, 41.85, 6))


def test_mbtiles_without_bounds_covers_the_world(tmp_path, tiles):
    path = write_mbtiles(tmp_path / "nobounds.mbtiles", tiles, bounds=None)
    with open_tiles(path) as ts:
        assert ts.covers(*STRAY)
        assert sum(1 for _ in ts.iter_all()) == len(tiles)


def _vector_mbtiles(path: Path) -> Path:
    return write_mbtiles(path, {(0, 0, 0): gzip.compress(b"\x1a\x00")}, bounds=None, fmt="pbf")


@pytest.mark.parametrize(
    ("make", "error", "words"),
    [
        (
            lambda p: write_pmtiles(
                p,
                {(0, 0, 0): gzip.compress(b"\x1a\x00")},
                bounds=CHICAGO,
                tile_type=TileType.MVT,
                compression=Compression.GZIP,
            ),
            InvalidInputError,
            "vector tiles",
        ),
        (_vector_mbtiles, InvalidInputError, "vector tiles"),
        (
            lambda p: write_mbtiles(p, {(3, 1, 1): b"GIF89a not a png"}, bounds=None, fmt=""),
            InvalidInputError,
            "not PNG, JPEG or WebP",
        ),
        (
            lambda p: write_mbtiles(p, {STRAY: street_png(*STRAY)}, bounds=CHICAGO),
            InvalidInputError,
            "no tiles within",
        ),
        (lambda p: p.write_bytes(b"PMTiles\x03" + b"\x00" * 20), StoreError, "Cannot read"),
        (lambda p: p.write_text("hello, not tiles"), StoreError, "not an MBTiles or PMTiles"),
        (
            lambda p: sqlite3.connect(p).execute("CREATE TABLE x (a)").connection.commit(),
            StoreError,
            "Cannot read",
        ),
    ],
)
def test_user_basemap_refused(tmp_path, make, error, words):
    path = tmp_path / "bad.file"
    make(path)
    with pytest.raises(error, match=words):
        open_user_basemap(path)


def test_missing_user_basemap(tmp_path):
    with pytest.raises(InvalidInputError, match="not found"):
        open_user_basemap(tmp_path / "nope.pmtiles")


def test_plain_text_and_online_tiles_checked():
    assert plain_text("&lt;script&gt; <script>x</script>") == "<script> x"
    good = online_tiles(ONLINE, attribution="<a href='x'>© Ex</a>")
    assert (good.attribution, good.csp_source) == ("© Ex", "https://*.tiles.example.test")
    for bad in (
        "ftp://a.example/{z}/{x}/{y}.png",
        "https://a.example/{z}/{x}.png",
        "https://a.example/{z}/{x}/{y}.png?k={key}",
        "https://{z}.example/{x}/{y}.png",
        'https://a.example/{z}/{x}/{y}.png"onerror=',
        "https://a.example/{{z}}/{x}/{y}",
        "javascript:alert(1)//{z}{x}{y}",
        "",
    ):
        with pytest.raises(InvalidInputError):
            online_tiles(bad, attribution="© Ex")
    with pytest.raises(InvalidInputError, match="attribution"):
        online_tiles(ONLINE, attribution=" <b></b> ")


def test_basemap_config_max_zoom(files):
    default = basemap_config()
    assert (
        default
        == {
            "tileMaxZoom": BUNDLED_MAX_ZOOM,
            "userTiles": None,
            "onlineTiles": None,
            "mapMaxZoom": BUNDLED_MAX_ZOOM,
        }
        and BUNDLED_MAX_ZOOM == 6
    )
    user = open_user_basemap(files["pmtiles"])
    config = basemap_config(user=user, user_url="tiles/user/{z}/{x}/{y}.png")
    assert config["mapMaxZoom"] == 13 and config["userTiles"]["minZoom"] == 7
    assert config["userTiles"]["bounds"] == [[CHICAGO[1], CHICAGO[0]], [CHICAGO[3], CHICAGO[2]]]
    assert basemap_config(user=user, user_url="u", user_max_zoom=10)["mapMaxZoom"] == 10
    online = basemap_config(online=online_tiles(ONLINE, attribution="© Ex", max_zoom=18))
    assert online["mapMaxZoom"] == 18 and online["onlineTiles"]["url"] == ONLINE


def test_export_user_tiles_whole_levels_under_cap(tmp_path, files, tiles):
    user = open_user_basemap(files["mbtiles"])
    full = export_user_tiles(user, tmp_path / "all", max_bytes=10**9)
    assert (full.tiles, full.max_zoom, full.capped) == (len(tiles) - 1, 13, False)
    assert not (tmp_path / "all" / "13" / "0" / "0.png").exists()  # the stray tile
    sizes = {z: sum(len(v) for k, v in tiles.items() if k[0] <= z and k != STRAY) for z in ZOOMS}
    capped = export_user_tiles(user, tmp_path / "cap", max_bytes=sizes[11] + 1)
    assert (capped.max_zoom, capped.capped, capped.bytes) == (11, True, sizes[11])
    assert sorted(p.name for p in (tmp_path / "cap").iterdir()) == ["10", "11", "7", "8", "9"]
    none = export_user_tiles(user, tmp_path / "none", max_bytes=10)
    assert (none.tiles, none.max_zoom, none.capped) == (0, None, True)


def _config(folder: Path) -> dict:
    text = (folder / "data" / "config.js").read_text()
    return json.loads(text.removeprefix("window.LOCATOR_CONFIG = ").rstrip().rstrip(";"))


@pytest.fixture(scope="module")
def exported(tmp_path_factory, web_store, files) -> Path:
    out = tmp_path_factory.mktemp("export") / "site"
    result = CliRunner().invoke(
        cli,
        ["export-site", str(out), "--store", str(web_store), "--basemap", str(files["pmtiles"])],
    )
    assert result.exit_code == 0, result.output
    return out


def test_export_site_writes_user_tiles(exported, tiles):
    config = _config(exported)
    assert config["mapMaxZoom"] == 13 and config["onlineTiles"] is None
    assert config["userTiles"]["url"] == "tiles/user/{z}/{x}/{y}.png"
    written = {
        p.relative_to(exported / "tiles" / "user").as_posix()
        for p in (exported / "tiles" / "user").rglob("*.png")
    }
    assert written == {f"{z}/{x}/{y}.png" for z, x, y in tiles if (z, x, y) != STRAY}
    x, y = tile_xy(-87.66, 41.85, 13)
    assert (exported / f"tiles/user/13/{x}/{y}.png").read_bytes() == tiles[(13, x, y)]
    assert (exported / "tiles" / "6").is_dir()  # the bundled tiles are still there


def test_export_site_default_has_no_network_tiles(tmp_path, web_store):
    out = tmp_path / "plain"
    result = CliRunner().invoke(
        cli, ["export-site", str(out), "--store", str(web_store), "--no-tiles"]
    )
    assert result.exit_code == 0, result.output
    config = _config(out)
    assert config["mapMaxZoom"] == 6 and config["userTiles"] is None
    assert config["onlineTiles"] is None
    assert not re.search(r"https?://", json.dumps(config))
    assert not re.search(r"https?://[^\"' ]*\{z\}", (out / "static" / "app.js").read_text())


def test_export_site_cap_warns(tmp_path, web_store, files, tiles):
    out = tmp_path / "capped"
    upto_11 = sum(len(v) for k, v in tiles.items() if k[0] <= 11 and k != STRAY)
    result = CliRunner().invoke(
        cli,
        [
            "export-site",
            str(out),
            "--store",
            str(web_store),
            "--no-tiles",
            "--basemap",
            str(files["mbtiles"]),
            "--basemap-max-mb",
            str((upto_11 + 1) / 1e6),
        ],
    )
    assert result.exit_code == 0, result.output
    # said in the command's language (--lang es, the default); was "Spanish / English"
    assert "se copió hasta z11 (suba --basemap-max-mb" in result.output
    assert "copied up to" not in result.output
    assert sum(p.stat().st_size for p in (out / "tiles" / "user").rglob("*.png")) == upto_11
    assert _config(out)["userTiles"]["maxZoom"] == 11 and _config(out)["mapMaxZoom"] == 11


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--basemap", "{junk}"], "no es un archivo MBTiles ni PMTiles"),
        (["--basemap", "{vector}"], "mosaicos vectoriales"),
        (["--basemap", "{missing}"], "No se encontró"),
        (["--online-tiles", ONLINE], "atribución"),
        (
            ["--online-tiles", "http://x.example/tiles", "--online-tiles-attribution", "x"],
            "plantilla http(s)",
        ),
        (["--online-tiles-attribution", "x"], "--online-tiles"),
    ],
)
@pytest.mark.parametrize("command", ["export-site", "serve"])
def test_cli_refuses_bad_basemaps(tmp_path, web_store, fake_uvicorn, command, args, words):
    junk = tmp_path / "junk.mbtiles"
    junk.write_text("nope")
    vector = _vector_mbtiles(tmp_path / "vector.mbtiles")
    names = {"{junk}": junk, "{vector}": vector, "{missing}": tmp_path / "gone.pmtiles"}
    args = [str(names.get(a, a)) for a in args]
    target = [str(tmp_path / "out")] if command == "export-site" else []
    result = CliRunner().invoke(cli, [command, *target, "--store", str(web_store), *args])
    assert result.exit_code == 2, result.output
    assert words in result.output and "Traceback" not in result.output
    assert fake_uvicorn == []  # refused before any server starts


_SERVE_ENV = (
    "LOCATOR_STORE",
    "LOCATOR_BASEMAP",
    "LOCATOR_ONLINE_TILES",
    "LOCATOR_ONLINE_TILES_ATTRIBUTION",
)


@pytest.fixture
def fake_uvicorn(monkeypatch):
    import uvicorn

    calls: list = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    for name in _SERVE_ENV:
        monkeypatch.delenv(name, raising=False)
    yield calls
    for name in _SERVE_ENV:
        os.environ.pop(name, None)


def test_serve_passes_basemap_and_online_opt_in(fake_uvicorn, web_store, files):
    result = CliRunner().invoke(
        cli, ["serve", "--store", str(web_store), "--basemap", str(files["pmtiles"])]
    )
    assert result.exit_code == 0, result.output
    assert os.environ["LOCATOR_BASEMAP"] == str(files["pmtiles"].resolve())
    assert "LOCATOR_ONLINE_TILES" not in os.environ  # never on unless asked
    assert "z7-13" in result.output and fake_uvicorn
    result = CliRunner().invoke(
        cli,
        [
            "serve",
            "--store",
            str(web_store),
            "--online-tiles",
            ONLINE,
            "--online-tiles-attribution",
            "© Ex",
        ],
    )
    assert result.exit_code == 0, result.output
    assert os.environ["LOCATOR_ONLINE_TILES"] == ONLINE
    assert os.environ["LOCATOR_ONLINE_TILES_ATTRIBUTION"] == "© Ex"
    assert "necesita internet" in result.output  # the default language (was "es / en")
    assert "needs internet" not in result.output


@pytest.fixture(scope="module")
def street_client(web_store, files):
    settings = _settings(web_store, basemap=str(files["mbtiles"]))
    with TestClient(create_app(settings)) as client:
        yield client


def test_api_serves_user_basemap(street_client, tiles):
    x, y = tile_xy(-87.66, 41.85, 13)
    r = street_client.get(f"/tiles/user/13/{x}/{y}.png")
    assert r.status_code == 200 and r.content == tiles[(13, x, y)]
    assert r.headers["content-type"] == "image/png" and r.headers["etag"]
    again = street_client.get(
        f"/tiles/user/13/{x}/{y}.png", headers={"if-none-match": r.headers["etag"]}
    )
    assert again.status_code == 304
    z, sx, sy = STRAY  # in the file, outside its bounds
    assert street_client.get(f"/tiles/user/{z}/{sx}/{sy}.png").status_code == 404
    assert street_client.get(f"/tiles/user/14/{x * 2}/{y * 2}.png").status_code == 404
    assert street_client.get("/tiles/user/6/16/23.png").status_code == 404  # below its zooms
    assert street_client.get("/tiles/user/13/99999/0.png").status_code == 422
    assert street_client.get("/tiles/basemap/6/16/23.png").status_code == 200


def test_api_page_config_with_user_basemap(street_client):
    config = street_client.get("/data/config.json").json()
    assert config["mapMaxZoom"] == 13 and config["tileMaxZoom"] == 6
    assert config["userTiles"]["url"] == "tiles/user/{z}/{x}/{y}.png"
    assert config["userTiles"]["attribution"] == "Calles de prueba © test 1 < 2"
    assert config["onlineTiles"] is None
    assert street_client.get("/").headers["content-security-policy"] == PAGE_CSP
    js = street_client.get("/data/config.js").text
    assert "<img" not in js and "\\u003c" in js  # "1 < 2" escaped in the script file


@pytest.fixture(scope="module")
def client(web_store):
    with TestClient(create_app(_settings(web_store))) as test_client:
        yield test_client


def test_api_default_page_stops_at_bundled_zoom(client):
    config = client.get("/data/config.json").json()
    assert (config["mapMaxZoom"], config["userTiles"], config["onlineTiles"]) == (6, None, None)
    assert not re.search(r"https?://", json.dumps(config))
    assert client.get("/tiles/user/0/0/0.png").status_code == 404
    assert "img-src 'self' data:;" in client.get("/").headers["content-security-policy"]


def test_api_online_tiles_opt_in(web_store):
    settings = _settings(web_store, online_tiles=ONLINE, online_tiles_attribution="© Ex tiles")
    with TestClient(create_app(settings)) as client:
        config = client.get("/data/config.json").json()
        assert config["onlineTiles"] == {"url": ONLINE, "attribution": "© Ex tiles", "maxZoom": 19}
        assert config["mapMaxZoom"] == 19
        csp = client.get("/").headers["content-security-policy"]
        assert "img-src 'self' data: https://*.tiles.example.test;" in csp
        assert "connect-src 'self';" in csp


def test_api_settings_refuse_bad_basemaps(web_store, tmp_path):
    with pytest.raises(ValidationError, match="attribution"):
        _settings(web_store, online_tiles=ONLINE)
    with pytest.raises(ValidationError, match="URL template"):
        _settings(web_store, online_tiles="https://x.example/a.png", online_tiles_attribution="x")
    with pytest.raises(ValidationError, match="reserved"):
        _settings(web_store, tiles={"user": "/x.mbtiles"})
    vector = _vector_mbtiles(tmp_path / "v.mbtiles")
    with pytest.raises(InvalidInputError, match="vector tiles"):
        create_app(_settings(web_store, basemap=str(vector)))


def test_export_site_online_opt_in_names_its_host(tmp_path, web_store):
    out = tmp_path / "online"
    result = CliRunner().invoke(
        cli,
        [
            "export-site",
            str(out),
            "--store",
            str(web_store),
            "--no-tiles",
            "--online-tiles",
            ONLINE,
            "--online-tiles-attribution",
            "© Ex <b>tiles</b>",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "la página necesita internet" in result.output  # --lang es (was "es / en")
    assert "the page needs internet" not in result.output
    config = _config(out)
    assert config["onlineTiles"] == {"url": ONLINE, "attribution": "© Ex tiles", "maxZoom": 19}
    index = (out / "index.html").read_text()
    assert "img-src &#x27;self&#x27; data: https://*.tiles.example.test;" in index
    plain = tmp_path / "plain" / "index.html"
    CliRunner().invoke(
        cli, ["export-site", str(plain.parent), "--store", str(web_store), "--no-tiles"]
    )
    assert "tiles.example.test" not in plain.read_text()
