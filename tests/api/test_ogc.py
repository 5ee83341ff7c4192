"""OGC API - Features under /ogc: TestClient per route and error, and OWSLib (a real OGC API
client, over ``requests``) against a real uvicorn server on a free local port."""

from __future__ import annotations

import math
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from api.ogc_params import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    parse_bbox,
    parse_datetime,
    parse_limit,
    parse_offset,
)
from api.routers.ogc import CONFORMANCE
from geodata.errors import InvalidInputError
from geodata.stores.gpkg import GeoPackageStore
from geodata.vocab import KINDS
from locator.feature_collections import in_bbox, lon_interval

ROOT = Path(__file__).resolve().parents[2]
CHICAGO = [-88.0, 41.6, -87.5, 42.1]


@pytest.fixture(scope="module")
def sites(base_store):
    return GeoPackageStore(base_store, create=False).sites()


def _get(client, url, status=200, **params):
    r = client.get(url, params=params)
    assert r.status_code == status, r.text
    return r


# ---------------------------------------------------------------- landing, conformance
def test_landing_links(client):
    r = _get(client, "/ogc")
    assert r.headers["content-type"].startswith("application/json")
    links = {link["rel"]: link for link in r.json()["links"]}
    assert {"self", "service-desc", "conformance", "data"} <= set(links)
    assert links["service-desc"]["href"].endswith("/ogc/api")
    assert links["service-desc"]["type"] == "application/vnd.oai.openapi+json;version=3.0"
    assert links["alternate"]["type"] == "text/html"
    assert links["data"]["href"].endswith("/ogc/collections")
    for link in r.json()["links"]:  # every link resolves
        _get(client, httpx.URL(link["href"]).path)
    assert _get(client, "/ogc/").json() == r.json()


def test_landing_is_cors_open_and_cacheable(client):
    r = client.get("/ogc/collections", headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"
    assert r.headers["etag"]
    again = client.get("/ogc/collections", headers={"If-None-Match": r.headers["etag"]})
    assert again.status_code == 304


def test_conformance(client):
    body = _get(client, "/ogc/conformance").json()
    assert body["conformsTo"] == CONFORMANCE
    assert {c.rsplit("/", 1)[1] for c in body["conformsTo"]} == {
        "core",
        "geojson",
        "html",
        "oas30",
        "queryables",
        "queryables-query-parameters",
    }


# ---------------------------------------------------------------- collections
def test_collections_per_kind_with_extent_from_data(client, sites):
    body = _get(client, "/ogc/collections").json()
    ids = [c["id"] for c in body["collections"]]
    assert ids == [*KINDS, "routes"]
    for col in body["collections"]:
        assert " / " in col["title"] and " / " in col["description"]
        assert {link["rel"] for link in col["links"]} >= {"self", "items"}
        if col["id"] == "routes":
            continue
        mine = sites[sites["kind"] == col["id"]]
        assert col["numberOfItems"] == len(mine)
        if not len(mine):
            assert "extent" not in col
            continue
        minx, miny, maxx, maxy = col["extent"]["spatial"]["bbox"][0]
        assert col["extent"]["spatial"]["crs"].endswith("/OGC/1.3/CRS84")
        assert miny == pytest.approx(mine.geometry.y.min(), abs=1e-6)
        assert maxy == pytest.approx(mine.geometry.y.max(), abs=1e-6)
        assert minx == pytest.approx(mine.geometry.x.min(), abs=1e-6)  # US data: no crossing
        assert maxx == pytest.approx(mine.geometry.x.max(), abs=1e-6)


@pytest.mark.parametrize("lang, first", [("es", "Ventanilla de Salud"), ("en", "Health desk")])
def test_one_collection_language_first(client, lang, first):
    body = _get(client, "/ogc/collections/vds", lang=lang).json()
    assert body["id"] == "vds" and body["title"].startswith(first)


@pytest.mark.parametrize(
    "url",
    [
        "/ogc/collections/nope",
        "/ogc/collections/nope/items",
        "/ogc/collections/nope/items/vds-chicago",
        "/ogc/collections/vds/items/no-such-site",
        "/ogc/collections/consulate/items/vds-chicago",
        "/ogc/collections/routes/items/vds-chicago",
    ],
)
def test_not_found_is_problem_404(client, url):
    r = _get(client, url, 404)
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["status"] == 404 and r.json()["code"] == "not_found"


# ---------------------------------------------------------------- items
def test_items_default_page_is_the_whole_small_collection(client, sites):
    body = _get(client, "/ogc/collections/vds/items").json()
    n_vds = int((sites["kind"] == "vds").sum())
    assert DEFAULT_LIMIT >= 1000 > n_vds
    assert body["numberMatched"] == body["numberReturned"] == len(body["features"]) == n_vds
    assert "next" not in {link["rel"] for link in body["links"]}


def test_items_page_and_counts(client, sites):
    r = _get(client, "/ogc/collections/vds/items", limit=10)
    assert r.headers["content-type"].startswith("application/geo+json")
    body = r.json()
    assert body["type"] == "FeatureCollection"
    assert body["numberMatched"] == int((sites["kind"] == "vds").sum())
    assert body["numberReturned"] == len(body["features"]) == 10
    assert body["timeStamp"].endswith("Z")
    rels = {link["rel"]: link for link in body["links"]}
    assert {"self", "next", "collection"} <= set(rels) and "prev" not in rels
    assert rels["next"]["type"] == "application/geo+json"


def test_paging_walks_every_item_once(client):
    seen, url, prevs = [], "/ogc/collections/vds/items?limit=7", 0
    while url:
        body = client.get(url).json()
        seen += [f["id"] for f in body["features"]]
        rels = {link["rel"]: link["href"] for link in body["links"]}
        prevs += "prev" in rels
        url = rels.get("next")
    total = client.get("/ogc/collections/vds/items?limit=1").json()["numberMatched"]
    assert len(seen) == len(set(seen)) == total
    assert prevs == -(-total // 7) - 1


def test_bbox_matches_points_inside(client, sites):
    body = _get(
        client, "/ogc/collections/consulate/items", limit=1000, bbox=",".join(map(str, CHICAGO))
    ).json()
    vds = sites[sites["kind"] == "consulate"]
    inside = vds.cx[CHICAGO[0] : CHICAGO[2], CHICAGO[1] : CHICAGO[3]]
    assert {f["id"] for f in body["features"]} == set(inside["id"]) == {"consulate-chicago"}


def test_bbox_crossing_antimeridian(client, sites):
    """170..-60 crosses 180 and keeps the whole US west of -60; -60..170 the other side."""
    west = _get(client, "/ogc/collections/vds/items", bbox="170,-90,-60,90", limit=1000).json()
    east = _get(client, "/ogc/collections/vds/items", bbox="-60,-90,170,90", limit=1000).json()
    assert west["numberMatched"] == int((sites["kind"] == "vds").sum())
    assert east["numberMatched"] == 0


def test_six_number_bbox_and_datetime(client):
    body = _get(
        client,
        "/ogc/collections/vds/items",
        bbox="-88,41.6,0,-87.5,42.1,100",
        datetime="2024-01-01T00:00:00Z/..",
    ).json()
    assert [f["id"] for f in body["features"]] == ["vds-chicago"]


def test_offset_past_the_end_links_back_to_the_last_page(client):
    body = _get(client, "/ogc/collections/vds/items", offset=1000, limit=10).json()
    assert body["numberReturned"] == 0
    prev = next(link["href"] for link in body["links"] if link["rel"] == "prev")
    page = client.get(prev).json()
    assert page["numberReturned"] == 10
    assert "next" not in {link["rel"] for link in page["links"]}


def test_limit_over_maximum_is_served_as_maximum(client):
    body = _get(client, "/ogc/collections/vds/items", limit=MAX_LIMIT * 5).json()
    assert body["numberReturned"] == body["numberMatched"]
    self_link = next(link for link in body["links"] if link["rel"] == "self")
    assert f"limit={MAX_LIMIT * 5}" in self_link["href"]


@pytest.mark.parametrize(
    "params",
    [
        {"bbox": "1,2,3"},
        {"bbox": "a,b,c,d"},
        {"bbox": "-88,42,-87,41"},
        {"bbox": "0,0,200,1"},
        {"bbox": "nan,0,1,1"},
        {"limit": "0"},
        {"limit": "ten"},
        {"limit": "-1"},
        {"offset": "-1"},
        {"offset": "1.5"},
        {"f": "xml"},
        {"lang": "fr"},
        {"datetime": "yesterday"},
        {"datetime": "../.."},
        {"unknown": "1"},
    ],
)
def test_bad_parameters_are_400(client, params):
    r = _get(client, "/ogc/collections/vds/items", 400, **params)
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["code"] == "invalid_input"


def test_repeated_parameter_is_400(client):
    r = client.get("/ogc/collections/vds/items?limit=1&limit=2")
    assert r.status_code == 400


def test_one_item_with_links(client):
    body = _get(client, "/ogc/collections/vds/items/vds-chicago", lang="en").json()
    assert body["type"] == "Feature" and body["id"] == "vds-chicago"
    assert body["properties"]["kind_label"].startswith("Health desk")
    assert {link["rel"] for link in body["links"]} == {"self", "alternate", "collection"}


def test_routes_collection_is_linestrings(client):
    body = _get(client, "/ogc/collections/routes/items", limit=100).json()
    assert body["numberMatched"] == len(client.get("/v1/routes").json()["features"]) > 0
    for f in body["features"]:
        assert f["geometry"]["type"] == "LineString"
    first = body["features"][0]
    one = _get(client, f"/ogc/collections/routes/items/{first['id']}").json()
    assert one["id"] == first["id"]
    xs = [c[0] for c in first["geometry"]["coordinates"]]
    ys = [c[1] for c in first["geometry"]["coordinates"]]
    box = f"{min(xs) - 0.01},{min(ys) - 0.01},{max(xs) + 0.01},{max(ys) + 0.01}"
    inside = _get(client, "/ogc/collections/routes/items", bbox=box).json()
    assert first["id"] in {f["id"] for f in inside["features"]}
    far = _get(client, "/ogc/collections/routes/items", bbox="100,-10,101,-9").json()
    assert far["numberMatched"] == 0


# ---------------------------------------------------------------- helpers
@pytest.mark.parametrize(
    "lons, expected",
    [
        ([-120.0, -70.0], (-120.0, -70.0)),
        ([179.0, -179.0], (179.0, -179.0)),
        ([144.8, -170.7, -66.1], (144.8, -66.1)),  # Guam, American Samoa, Puerto Rico
        ([5.0], (5.0, 5.0)),
    ],
)
def test_lon_interval(lons, expected):
    assert lon_interval(lons) == expected


def test_in_bbox_both_crossing():
    assert in_bbox((179.0, 0.0, -179.0, 1.0), (170.0, -5.0, 179.5, 5.0))
    assert not in_bbox((10.0, 0.0, 11.0, 1.0), (170.0, -5.0, -170.0, 5.0))


def test_param_parsers():
    assert parse_limit("3") == 3 and parse_limit(str(MAX_LIMIT + 1)) == MAX_LIMIT
    assert parse_offset(None) == 0 and parse_bbox(None) is None
    assert parse_datetime("2024-05-01") == "2024-05-01"
    with pytest.raises(InvalidInputError):
        parse_datetime("2024-13-01")
    with pytest.raises(InvalidInputError):
        parse_bbox("0,0,1,inf")


# ---------------------------------------------------------------- OWSLib over real HTTP
def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(base_store, tmp_path_factory) -> Iterator[str]:
    port = _free_port()
    log = tmp_path_factory.mktemp("ogc") / "uvicorn.log"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "LOCATOR_STORE": str(base_store),
        "LOCATOR_REFRESH_SECONDS": "0",
    }
    env.pop("LOCATOR_DATABASE_URL", None)
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "api.app:create_app_from_env",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"uvicorn did not start: {log.read_text()[-2000:]}")
            time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def features(server):
    from owslib.ogcapi.features import Features

    return Features(f"{server}/ogc")


def test_owslib_conformance_and_collections(features, sites):
    assert set(CONFORMANCE) <= set(features.conformance()["conformsTo"])
    ids = {c["id"] for c in features.collections()["collections"]}
    assert ids == {*KINDS, "routes"}
    assert set(features.feature_collections()) == ids
    vds = features.collection("vds")
    assert vds["numberOfItems"] == int((sites["kind"] == "vds").sum())


def test_owslib_items_counts_bbox_and_paging(features, sites):
    n_vds = int((sites["kind"] == "vds").sum())
    assert n_vds == 52  # the 51 VDS cities of the 2025-12 list + Houston (2026 news)
    page = features.collection_items("vds", limit=5)
    assert page["numberMatched"] == n_vds and page["numberReturned"] == 5
    chicago = features.collection_items("vds", bbox=CHICAGO, limit=5)
    assert [f["id"] for f in chicago["features"]] == ["vds-chicago"]
    assert chicago["numberMatched"] == 1
    last = features.collection_items("vds", limit=5, offset=n_vds - 1)
    assert last["numberReturned"] == 1
    assert "next" not in {link["rel"] for link in last["links"]}
    item = features.collection_item("vds", "vds-chicago")
    lon, lat = item["geometry"]["coordinates"]
    assert CHICAGO[0] <= lon <= CHICAGO[2] and CHICAGO[1] <= lat <= CHICAGO[3]
    assert math.isclose(lon, sites.set_index("id").geometry["vds-chicago"].x, abs_tol=1e-6)


def test_owslib_errors_raise(features):
    with pytest.raises(RuntimeError, match="not_found"):
        features.collection_item("vds", "no-such-site")
    with pytest.raises(RuntimeError, match="bbox"):
        features.collection_items("vds", bbox=[1, 2, 3])


def test_owslib_service_desc_is_reachable(server):
    landing = httpx.get(f"{server}/ogc").json()
    desc = next(link for link in landing["links"] if link["rel"] == "service-desc")
    doc = httpx.get(desc["href"]).json()
    assert "/collections/vds/items" in doc["paths"]
    assert doc["servers"] == [{"url": f"{server}/ogc"}]
    assert desc["type"].endswith(f"version={doc['openapi'][:3]}") and doc["openapi"] == "3.0.3"


def test_gdal_reads_the_service_in_one_page_and_forwards_filters(server, sites):
    """GDAL's OAPIF driver (pyogrio) reads the OpenAPI 3.0 service-desc: it pages with the
    advertised maximum (capped at 1000 by GDAL) instead of 10, and sends declared filters."""
    import warnings

    import pyogrio

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        layers = {name for name, _ in pyogrio.list_layers(f"OAPIF:{server}/ogc")}
        vds = pyogrio.read_dataframe(f"OAPIF:{server}/ogc", layer="vds")
        texas = pyogrio.read_dataframe(
            f"OAPIF:{server}/ogc", layer="consulate", where="state = 'TX'"
        )
    assert layers == {*KINDS, "routes"}
    assert sorted(vds["id"]) == sorted(sites[sites["kind"] == "vds"]["id"])
    expected = sites[(sites["kind"] == "consulate") & (sites["state"] == "TX")]
    assert sorted(texas["id"]) == sorted(expected["id"]) and len(expected) > 0
