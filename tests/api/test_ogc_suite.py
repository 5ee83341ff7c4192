"""The checks of the OGC test suite for OGC API - Features Part 1 (ets-ogcapi-features10,
abstract tests of OGC 17-069r4 Annex A), re-implemented in Python against the real app.

Each test names the abstract test it follows. Test points come from the API definition found
through the landing page's ``service-desc`` link (typed ``version=3.0``, as the suite requires),
validated as OpenAPI 3.0 with ``openapi-spec-validator``; the collections from ``/collections``.
Data-dependent values follow the suite: bboxes from each collection's extent plus the suite's
fixed boxes (one crossing the antimeridian), limits ``minimum`` and ``min(100, mid)``,
numberMatched checked by following ``next`` links with ``limit`` set to the maximum.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from openapi_spec_validator import validate
from shapely.geometry import box, shape

OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
GEOJSON, HTML = "application/geo+json", "text/html"
CORE = "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core"
MEDIA = {"geojson": GEOJSON, "html": HTML}  # conformance class -> media type of features
FIXED_BOXES = [
    (-1.5, 50.0, 1.5, 53.0),
    (-80.0, -5.0, -70.0, 5.0),
    (177.0, 65.0, -177.0, 70.0),
    (-180.0, 85.0, 180.0, 90.0),
    (-180.0, -90.0, 180.0, -85.0),
]


def _path(url: str) -> str:
    u = httpx.URL(url)
    return u.raw_path.decode()


def _get(client, url: str, accept: str = "application/json", **params) -> httpx.Response:
    return client.get(_path(url), params=params or None, headers={"Accept": accept})


def _rel(links: list[dict[str, Any]], rel: str, type_: str | None = None) -> dict | None:
    return next(
        (ln for ln in links if ln.get("rel") == rel and (type_ is None or ln.get("type") == type_)),
        None,
    )


@pytest.fixture(scope="module")
def landing(client) -> dict[str, Any]:
    r = _get(client, "/ogc")
    assert r.status_code == 200
    return r.json()


@pytest.fixture(scope="module")
def api_doc(client, landing) -> dict[str, Any]:
    link = next(
        ln
        for ln in landing["links"]
        if ln["rel"] == "service-desc" and ln["type"].replace(" ", "") == OPENAPI
    )
    r = _get(client, link["href"], accept=OPENAPI)
    assert r.status_code == 200
    return r.json()


@pytest.fixture(scope="module")
def conformance(client) -> list[str]:
    return _get(client, "/ogc/conformance").json()["conformsTo"]


@pytest.fixture(scope="module")
def collections(client) -> list[dict[str, Any]]:
    return _get(client, "/ogc/collections").json()["collections"]


def _items_url(col: dict[str, Any]) -> str:
    link = _rel(col["links"], "items", GEOJSON)
    assert link, f"collection {col['id']} has no items link of type {GEOJSON}"
    return link["href"]


def _item_paths(api_doc) -> list[str]:
    return [p for p in api_doc["paths"] if re.fullmatch(r"/collections/[^/]+/items", p)]


def _param(api_doc, path: str, name: str) -> dict[str, Any] | None:
    return next(
        (p for p in api_doc["paths"][path]["get"].get("parameters", []) if p.get("name") == name),
        None,
    )


def _media_types(conformance: list[str], self_type: str | None) -> list[str]:
    wanted = [MEDIA[c.rsplit("/", 1)[1]] for c in conformance if c.rsplit("/", 1)[1] in MEDIA]
    return [m for m in wanted if m != self_type]


def _check_fc(client, body: dict[str, Any], conformance, before, after, maximum: int) -> None:
    """/ats/core/fc-response (Abstract Tests 22-26) on one response."""
    assert body["type"] == "FeatureCollection"
    assert isinstance(body["features"], list)
    links = body["links"]
    me = _rel(links, "self")
    assert me and me.get("type")
    for media in _media_types(conformance, me["type"]):
        assert _rel(links, "alternate", media), f"no alternate link for {media}"
    assert all(
        ln.get("rel") and ln.get("type") for ln in links if ln.get("rel") in ("self", "alternate")
    )
    stamp = datetime.fromisoformat(body["timeStamp"].replace("Z", "+00:00"))
    assert before - timedelta(seconds=1) <= stamp <= after + timedelta(seconds=1)
    assert body["numberReturned"] == len(body["features"])
    total, nxt, hops = len(body["features"]), _rel(links, "next"), 0
    while nxt and hops < 100:  # the suite follows next with limit = the maximum
        url = httpx.URL(nxt["href"])
        query = {k: v for k, v in url.params.multi_items() if k != "limit"} | {"limit": maximum}
        page = _get(client, str(url.copy_with(query=None)), accept=GEOJSON, **query).json()
        total += len(page["features"])
        nxt, hops = (_rel(page["links"], "next") if page["features"] else None), hops + 1
    assert body["numberMatched"] == total
    for feature in body["features"]:  # /req/core/crs84
        if feature.get("geometry"):
            x0, y0, x1, y1 = shape(feature["geometry"]).bounds
            assert -180 <= x0 <= x1 <= 180 and -90 <= y0 <= y1 <= 90


def _fetch(client, url: str, **params) -> tuple[httpx.Response, datetime, datetime]:
    before = datetime.now(UTC)
    r = _get(client, url, accept=GEOJSON, **params)
    return r, before, datetime.now(UTC)


# ------------------------------------------------ A.2.2 landing page (Abstract Tests 3, 4)
def test_landing_page(landing):
    rels = {ln["rel"] for ln in landing["links"]}
    assert ({"service-desc", "service-doc"} & rels) and {"conformance", "data"} <= rels


# ------------------------------------------------ A.2.3 API definition (Abstract Tests 5, 6)
def test_api_definition_is_valid_openapi_30(api_doc):
    assert api_doc["openapi"].startswith("3.0.")
    validate(api_doc)  # raises on any violation of the OpenAPI 3.0 schema


# ------------------------------------------------ A.2.4 conformance (Abstract Tests 7, 8)
def test_conformance(client, landing, conformance):
    urls = {ln["href"] for ln in landing["links"] if ln["rel"] == "conformance"} | {
        "/ogc/conformance"
    }
    for url in urls:
        r = _get(client, url)
        assert r.status_code == 200 and CORE in r.json()["conformsTo"]
    assert all(isinstance(c, str) for c in conformance)


# ------------------------------------------------ A.2.5/A.2.6 collections (Abstract Tests 9-12)
def test_collections(client, collections, api_doc):
    assert collections
    body = _get(client, "/ogc/collections").json()
    assert _rel(body["links"], "self")
    for col in collections:
        assert col["id"] and col["links"] and _items_url(col)
        bbox = col.get("extent", {}).get("spatial", {}).get("bbox")
        if bbox:
            assert all(len(b) in (4, 6) for b in bbox)
        one = _get(client, f"/ogc/collections/{col['id']}")
        assert one.status_code == 200 and one.json()["id"] == col["id"]
        assert f"/collections/{col['id']}/items" in api_doc["paths"]


# ------------------------------------------------ A.2.7 items (Abstract Tests 13, 22-26)
def test_items(client, collections, conformance):
    for col in collections:
        r, before, after = _fetch(client, _items_url(col))
        assert r.status_code == 200
        _check_fc(client, r.json(), conformance, before, after, 10_000)


# ------------------------------------------------ limit (Abstract Tests 16, 17)
def test_limit_definition(api_doc):
    for path in _item_paths(api_doc):
        p = _param(api_doc, path, "limit")
        assert p and p["in"] == "query" and not p.get("required")
        assert p["style"] == "form" and p["explode"] is False
        s = p["schema"]
        assert s["type"] == "integer" and s["minimum"] >= 0 and s["default"] >= 0


def test_limit_response(client, collections, api_doc, conformance):
    for col in collections:
        s = _param(api_doc, f"/collections/{col['id']}/items", "limit")["schema"]
        low, high = s["minimum"], s["maximum"]
        for limit in (low, min(100, low + (high - low) // 2)):
            r, before, after = _fetch(client, _items_url(col), limit=limit)
            assert r.status_code == 200
            body = r.json()
            assert len(body["features"]) <= min(limit, high)
            _check_fc(client, body, conformance, before, after, high)


# ------------------------------------------------ bbox (Abstract Tests 14, 15)
def test_bbox_definition(api_doc):
    for path in _item_paths(api_doc):
        p = _param(api_doc, path, "bbox")
        assert p and p["in"] == "query" and not p.get("required")
        assert p["style"] == "form" and p["explode"] is False
        s = p["schema"]
        assert s["type"] == "array" and s["minItems"] == 4 and s["maxItems"] == 6
        assert s["items"]["type"] == "number"


def _bbox_shape(b: tuple[float, ...]):
    x0, y0, x1, y1 = b
    if x0 > x1:  # crosses the antimeridian
        return box(x0, y0, 180, y1).union(box(-180, y0, x1, y1))
    return box(x0, y0, x1, y1)


def test_bbox_response(client, collections, conformance):
    for col in collections:
        boxes = list(FIXED_BOXES)
        extent = col.get("extent", {}).get("spatial", {}).get("bbox")
        if extent:
            boxes.insert(0, tuple(extent[0][:4]))
        for b in boxes:
            r, before, after = _fetch(client, _items_url(col), bbox=",".join(map(str, b)))
            assert r.status_code == 200
            body = r.json()
            _check_fc(client, body, conformance, before, after, 10_000)
            for f in body["features"]:
                if f.get("geometry"):
                    assert shape(f["geometry"]).intersects(_bbox_shape(b)), (col["id"], b)


# ------------------------------------------------ datetime (Abstract Tests 18, 19)
def test_datetime_definition(api_doc):
    for path in _item_paths(api_doc):
        p = _param(api_doc, path, "datetime")
        assert p and p["in"] == "query" and not p.get("required")
        assert p["style"] == "form" and p["explode"] is False and p["schema"]["type"] == "string"


@pytest.mark.parametrize(
    "value",
    [
        "2024-01-01T00:00:00Z",
        "2024-01-01T00:00:00Z/2024-06-30T00:00:00Z",
        "2024-01-01/..",
        "../2024-01-03",
    ],
)
def test_datetime_response(client, collections, conformance, value):
    # The suite skips this (no collection has a temporal extent); features without time
    # must all be returned (/req/core/fc-time-response C).
    for col in collections:
        r, before, after = _fetch(client, _items_url(col), datetime=value)
        assert r.status_code == 200
        body = r.json()
        _check_fc(client, body, conformance, before, after, 10_000)
        assert body["numberMatched"] == col["numberOfItems"]


# ------------------------------------------------ errors (Abstract Tests 20, 21)
def test_errors(client, collections):
    for col in collections:
        assert _get(client, _items_url(col), limit="unlimited").status_code == 400
        assert _get(client, _items_url(col), **{"zq1x9": "1"}).status_code == 400


# ------------------------------------------------ A.2.8 one feature (Abstract Tests 27-29)
def test_feature(client, collections, conformance):
    for col in collections:
        body = _get(client, _items_url(col), accept=GEOJSON, limit=5).json()
        for f in body["features"]:
            r = _get(client, f"{_items_url(col)}/{f['id']}", accept=GEOJSON)
            assert r.status_code == 200
            links = r.json()["links"]
            me = _rel(links, "self")
            assert me and me.get("type")
            for media in _media_types(conformance, me["type"]):
                assert _rel(links, "alternate", media)
            assert _rel(links, "collection") and _rel(links, "collection").get("type")
