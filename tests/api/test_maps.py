"""GET /v1/maps/*.html: offline HTML maps (escaped names, no network loads, ETag, problems).

The store is a copy of the bundled dataset plus hostile names imported with a ChangeSet.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from shapely.geometry import LineString, Point

from api.app import create_app
from api.routers.maps import MAP_CSP, PageCache
from geodata.schema import coerce_routes, coerce_sites, coerce_stops
from geodata.stores.base import ChangeSet
from geodata.stores.gpkg import GeoPackageStore
from tests.api.conftest import _settings
from tests.locator.maps.helpers import EVIL_IMG, EVIL_SCRIPT, network_loads

EVIL_ROUTE = "route-evil"
EVIL_OFFICE = "consulate-evil"
ESCAPED_IMG = "&lt;img src=x onerror=alert(1)&gt;"


def evil_changes() -> ChangeSet:
    """A VDS near Chicago and a consulate named with HTML, and an illustrative hostile route."""
    common = {"source": "test", "source_date": "2024-01-01", "illustrative": True}
    sites = coerce_sites(
        [
            {
                "id": "vds-evil",
                "kind": "vds",
                "name": EVIL_IMG,
                "city": "Chicago",
                "state": "IL",
                "location_precision": "city",
                "geometry": Point(-87.70, 41.85),
                **common,
            },
            {
                "id": EVIL_OFFICE,
                "kind": "consulate",
                "name": EVIL_SCRIPT,
                "city": "Pierre",
                "state": "SD",
                "location_precision": "city",
                "geometry": Point(-100.35, 44.37),
                **common,
            },
        ]
    )
    routes = coerce_routes(
        [
            {
                "id": EVIL_ROUTE,
                "unit_id": "vds-evil",
                "name": EVIL_IMG,
                "geometry": LineString([(-87.7, 41.85), (-87.6, 41.9)]),
                **common,
            }
        ]
    )
    stops = coerce_stops(
        [
            {
                "id": f"stop-evil-{i}",
                "route_id": EVIL_ROUTE,
                "sequence": i + 1,
                "name": EVIL_SCRIPT,
                "rrule": "FREQ=WEEKLY;BYDAY=SA",
                "dtstart": "2024-05-04T10:00",
                "duration_minutes": 120,
                "timezone": "America/Chicago",
                "location_precision": "city",
                "geometry": Point(lon, 41.87),
                **common,
            }
            for i, lon in enumerate((-87.7, -87.6))
        ]
    )
    # a new consulate and VDS are official records: the operator adds them on purpose
    return ChangeSet(sites=sites, routes=routes, stops=stops, source="test", allow_official=True)


@pytest.fixture(scope="module")
def evil_client(base_store, tmp_path_factory) -> Iterator[TestClient]:
    """A client on a private store holding the hostile records."""
    path = tmp_path_factory.mktemp("evil") / "locator.gpkg"
    shutil.copy(base_store, path)
    GeoPackageStore(path, create=False).apply(evil_changes())
    with TestClient(create_app(_settings(path))) as client:
        yield client


def assert_offline_page(r) -> str:
    assert r.status_code == 200, r.text[:500]
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    assert r.headers["content-security-policy"] == MAP_CSP
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["x-content-type-options"] == "nosniff"
    page = r.text
    assert network_loads(page) == []
    return page


def assert_escaped(page: str, *names: str) -> None:
    for name in (EVIL_IMG, EVIL_SCRIPT):
        assert name not in page
    assert "<img src=x" not in page and "<script>alert" not in page
    for name in names:
        assert name in page


MAP_URLS = [
    ("/v1/maps/nearest.html?lat=41.85&lon=-87.70&limit=3", [ESCAPED_IMG]),
    ("/v1/maps/network.html?kind=vds", [ESCAPED_IMG]),
    ("/v1/maps/office/consulate-chicago.html?lang=en", [ESCAPED_IMG]),
    (f"/v1/maps/office/{EVIL_OFFICE}.html", ["&lt;script&gt;alert(1)&lt;/script&gt;"]),
    (f"/v1/maps/route/{EVIL_ROUTE}.html?lang=en", ["ILLUSTRATIVE"]),
]


@pytest.mark.parametrize(("url", "shown"), MAP_URLS)
def test_maps_are_offline_and_escape_names(evil_client, url, shown):
    page = assert_offline_page(evil_client.get(url))
    assert_escaped(page, *shown)


def test_nearest_map_by_place_and_filters(client):
    page = assert_offline_page(
        client.get("/v1/maps/nearest.html", params={"q": "60608", "kind": "consulate", "limit": 1})
    )
    assert "Consulado de México en Chicago" in page


def test_office_map_shows_approximate_region_in_both_languages(client):
    es = assert_offline_page(client.get("/v1/maps/office/consulate-chicago.html"))
    en = assert_offline_page(client.get("/v1/maps/office/consulate-chicago.html?lang=en"))
    assert 'lang="es"' in es and 'lang="en"' in en
    assert "aproximad" in es.lower() and "approximat" in en.lower()


def test_route_map_is_not_kept_by_clients(evil_client):
    r = evil_client.get(f"/v1/maps/route/{EVIL_ROUTE}.html")
    assert r.headers["cache-control"] == "no-store"  # next visits change with time


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/v1/maps/office/no-such-office.html", 404),
        ("/v1/maps/office/vds-evil.html", 404),  # a site, but not a consulate
        ("/v1/maps/route/no-such-route.html", 404),
        ("/v1/maps/office/consulate-chicago.html?kind=castle", 400),
        ("/v1/maps/office/consulate-chicago.html?kind=vds,clinic", 400),
        ("/v1/maps/network.html?kind=castle", 400),
        ("/v1/maps/nearest.html", 400),
        ("/v1/maps/nearest.html?q=60608&lat=41&lon=-87", 400),
        ("/v1/maps/nearest.html?lat=41.8&lon=-87.6&service=teleportation", 400),
        ("/v1/maps/nearest.html?lat=91&lon=0", 422),
        ("/v1/maps/nearest.html?lat=41.8&lon=-87.6&limit=0", 422),
        ("/v1/maps/network.html?lang=fr", 422),
    ],
)
def test_bad_input_is_a_problem(evil_client, url, status):
    r = evil_client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["status"] == status
    assert r.headers["cache-control"] == "no-store"


def test_etag_304_and_memoised_page(client):
    url = "/v1/maps/network.html?kind=consulate"
    first = client.get(url)
    again = client.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    assert client.get(url + "&lang=en").headers["etag"] != first.headers["etag"]
    assert client.get(url).content == first.content  # from the LRU: same bytes


def test_page_cache_is_a_bounded_lru_without_errors():
    cache, builds = PageCache(size=2), []

    def build(value: bytes):
        return lambda: builds.append(value) or value

    assert cache.get("a", build(b"A")) == b"A"
    cache.get("b", build(b"B"))
    cache.get("a", build(b"A2"))  # hit: "a" becomes most recent
    cache.get("c", build(b"C"))  # evicts "b"
    assert len(cache) == 2 and builds == [b"A", b"B", b"C"]
    assert cache.get("b", build(b"B2")) == b"B2"

    def fail():
        raise ValueError("boom")

    with pytest.raises(ValueError):
        cache.get("x", fail)
    assert cache.get("x", build(b"X")) == b"X"  # the failure was not kept


EN_BROWSER = {"Accept-Language": "en-US,en;q=0.9"}


@pytest.mark.parametrize(
    "url",
    [
        "/v1/maps/nearest.html?q=60608",
        "/v1/maps/network.html?kind=consulate",
        "/v1/maps/office/consulate-chicago.html",
    ],
)
def test_maps_are_spanish_unless_lang_en(client, url):
    """Spanish-first: an English browser still gets Spanish; ``lang=en`` gives English."""
    es = client.get(url, headers=EN_BROWSER)
    assert es.status_code == 200 and '<html lang="es">' in es.text
    assert "Simbología" in es.text
    sep = "&" if "?" in url else "?"
    en = client.get(f"{url}{sep}lang=en", headers={"Accept-Language": "es-MX"})
    assert '<html lang="en">' in en.text and "Legend" in en.text
