"""``api.routers.web``: the page, its files, data files with ETags, service worker, tiles."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routers.web import PAGE_CSP
from api.settings import Settings
from locator.web import bundle


@pytest.fixture(scope="module")
def client(web_store) -> Iterator[TestClient]:
    settings = Settings(
        store=str(web_store), database_url=None, api_key=None, refresh_seconds=0, default_lang="es"
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def test_page_has_strict_csp(client):
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == PAGE_CSP
    assert "'unsafe-inline'" not in PAGE_CSP and "'unsafe-eval'" not in PAGE_CSP
    assert r.text == bundle.shell_files()["index.html"].read_text(encoding="utf-8")


def test_service_worker_at_root_scope(client):
    r = client.get("/sw.js")
    assert r.status_code == 200 and "javascript" in r.headers["content-type"]
    assert r.headers["cache-control"] == "no-cache"
    assert r.headers["service-worker-allowed"] == "/"
    assert "__BUILD_ID__" not in r.text and bundle.build_id() in r.text


@pytest.mark.parametrize(
    "path",
    [
        "/static/app.js",
        "/static/core.js",
        "/static/app.css",
        "/static/vendor/leaflet/leaflet.js",
        "/static/vendor/leaflet/images/layers.png",
        "/static/vendor/markercluster/leaflet.markercluster.js",
        "/static/icons/icon-192.png",
        "/manifest.webmanifest",
    ],
)
def test_static_files(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.content == bundle.shell_files()[path.lstrip("/")].read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/static/../../pyproject.toml",
        "/static/%2e%2e/app.py",
        "/static/vendor/leaflet/leaflet.js.map",
        "/static/",
        "/data/secrets.json",
        "/data/sites.txt",
    ],
)
def test_unknown_files_are_404(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")


def test_sites_json_etag_by_dataset_version(client):
    version = client.get("/health").json()["dataset_version"]
    r = client.get("/data/sites.json")
    assert r.status_code == 200
    assert version in r.headers["etag"] and r.json()["version"] == version
    assert len(r.json()["rows"]) == client.get("/health").json()["counts"]["sites"]
    again = client.get("/data/sites.json", headers={"if-none-match": r.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    stale = client.get("/data/sites.json", headers={"if-none-match": '"sites-json-old"'})
    assert stale.status_code == 200


@pytest.mark.parametrize(
    ("name", "var"),
    [
        ("sites", "LOCATOR_SITES"),
        ("i18n", "LOCATOR_I18N"),
        ("config", "LOCATOR_CONFIG"),
        ("gazetteer", "LOCATOR_GAZETTEER"),
    ],
)
def test_script_twins_of_json_files(client, name, var):
    js = client.get(f"/data/{name}.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    prefix = f"window.{var} = "
    assert js.text.startswith(prefix)
    assert (
        json.loads(js.text[len(prefix) :].rstrip().rstrip(";"))
        == client.get(f"/data/{name}.json").json()
    )
    assert (
        client.get(f"/data/{name}.js", headers={"if-none-match": js.headers["etag"]}).status_code
        == 304
    )


def test_config_points_at_served_tiles_and_api(client):
    config = client.get("/data/config.json").json()
    assert config["mode"] == "server" and config["api"] == "v1/nearest"
    tile = client.get("/" + config["tiles"].format(z=3, x=2, y=3))
    assert tile.status_code == 200 and tile.content[:4] == b"\x89PNG"
    assert tile.headers["content-type"] == "image/png"


@pytest.mark.parametrize(
    "path", ["/tiles/basemap/9/0/0.png", "/tiles/basemap/2/4/0.png", "/tiles/basemap/-1/0/0.png"]
)
def test_missing_tiles_are_404(client, path):
    assert client.get(path).status_code in (404, 422)
