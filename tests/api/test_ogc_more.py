"""OGC API - Features beyond the core: queryables, property filters, sortby, the HTML pages and
the OpenAPI 3.0 service description (api.ogc_queryables, api.ogc_pages, api.ogc_openapi)."""

from __future__ import annotations

import html.parser
import itertools

import pytest
from openapi_spec_validator import validate

from api.ogc_html import Page, render
from api.ogc_queryables import SITE_QUERYABLES, state_code
from geodata.stores.gpkg import GeoPackageStore


@pytest.fixture(scope="module")
def sites(base_store):
    return GeoPackageStore(base_store, create=False).sites()


def _items(client, collection="vds", status=200, **params):
    r = client.get(f"/ogc/collections/{collection}/items", params=params)
    assert r.status_code == status, r.text
    return r.json()


def test_queryables_document(client):
    r = client.get("/ogc/collections/vds/queryables")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/schema+json")
    doc = r.json()
    assert doc["type"] == "object" and doc["$id"].endswith("/ogc/collections/vds/queryables")
    assert set(doc["properties"]) == set(SITE_QUERYABLES)
    assert doc["properties"]["kind"]["enum"] and doc["properties"]["verified"]["type"] == "boolean"
    routes = client.get("/ogc/collections/routes/queryables").json()
    assert "unit_id" in routes["properties"] and "state" not in routes["properties"]


@pytest.mark.parametrize("state", ["TX", "tx", "Texas", "Tejas"])
def test_filter_by_state_matches_the_data(client, sites, state):
    body = _items(client, state=state, kind="vds")
    expected = set(sites[(sites["kind"] == "vds") & (sites["state"] == "TX")]["id"])
    assert expected and {f["id"] for f in body["features"]} == expected
    assert body["numberMatched"] == len(expected)
    assert all(f["properties"]["state"] == "TX" for f in body["features"])


def test_filters_combine_and_lists_contain(client, sites):
    vaccines = _items(client, services="vaccines")
    expected = {r.id for r in sites.itertuples() if r.kind == "vds" and "vaccines" in r.services}
    assert {f["id"] for f in vaccines["features"]} == expected
    none = _items(client, kind="clinic")  # a clinic is never in the vds collection
    assert none["numberMatched"] == 0
    both = _items(client, "consulate", state="CA", city="los angeles")
    assert [f["properties"]["city"] for f in both["features"]] == ["Los Angeles"]


@pytest.mark.parametrize(
    "params",
    [
        {"state": "MyState"},
        {"kind": "hospital"},
        {"verified": "maybe"},
        {"sortby": "phone"},
        {"services": "haircut"},
        {"unit_id": "x"},
    ],
)
def test_bad_filters_are_400(client, params):
    r = client.get("/ogc/collections/vds/items", params=params)
    assert r.status_code == 400 and r.headers["content-type"].startswith("application/problem")


def test_filters_are_declared_per_collection_in_the_api_definition(client):
    doc = client.get("/ogc/api").json()
    validate(doc)
    names = {p["name"] for p in doc["paths"]["/collections/vds/items"]["get"]["parameters"]}
    assert {"state", "kind", "sortby", "bbox", "limit"} <= names
    route_names = {
        p["name"] for p in doc["paths"]["/collections/routes/items"]["get"]["parameters"]
    }
    assert "unit_id" in route_names and "state" not in route_names


def test_sortby_orders_and_pages_consistently(client, sites):
    body = _items(client, sortby="-state,name", limit=1000)
    keys = [
        (f["properties"]["state"], f["properties"]["name"].casefold()) for f in body["features"]
    ]
    states = [k[0] for k in keys]
    assert states == sorted(states, reverse=True)
    for a, b in itertools.pairwise(keys):
        if a[0] == b[0]:
            assert a[1] <= b[1]
    paged, url = [], "/ogc/collections/vds/items?sortby=-state,name&limit=7"
    while url:
        page = client.get(url).json()
        paged += [f["id"] for f in page["features"]]
        url = next((ln["href"] for ln in page["links"] if ln["rel"] == "next"), None)
    assert paged == [f["id"] for f in body["features"]]


def test_state_code():
    assert state_code("Carolina del Norte") == "NC" and state_code("ny") == "NY"
    assert state_code("MyState") is None


class _Parser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.links, self.lang = [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a":
            self.links.append(attrs["href"])


@pytest.mark.parametrize(
    "url",
    [
        "/ogc",
        "/ogc/collections",
        "/ogc/collections/vds",
        "/ogc/collections/vds/items",
        "/ogc/collections/vds/queryables",
        "/ogc/collections/vds/items/vds-chicago",
        "/ogc/collections/routes/items",
    ],
)
def test_html_pages_for_a_browser(client, url):
    browser = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
    r = client.get(url, headers=browser)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Accept" in r.headers["vary"]
    page = _Parser()
    page.feed(r.text)
    assert page.lang == "es" and "h1" in page.tags and "main" in page.tags
    for href in page.links:  # every link resolves
        assert client.get(href).status_code == 200, href
    english = client.get(url, params={"lang": "en", "f": "html"})
    assert '<html lang="en">' in english.text
    assert (
        client.get(url, headers={"Accept": "application/json"})
        .headers["content-type"]
        .startswith(("application/json", "application/geo+json", "application/schema+json"))
    )


def test_html_items_table_and_spanish_only(client, sites):
    text = client.get("/ogc/collections/vds/items", params={"f": "html", "limit": 5}).text
    assert text.count("<tr>") == 6  # header + 5 rows
    assert "Página siguiente" in text and "Next page" not in text and "Items" not in text


def test_html_escapes_data(client):
    r = client.get("/ogc/collections/vds/items/<script>", params={"f": "html"})
    assert r.status_code == 404 and r.headers["content-type"].startswith("application/problem")
    page = Page(
        "es",
        "<script>alert(1)</script>",
        facts=[("a", "<img src=x onerror=1>")],
        table=[["h"], [("<b>", 'javascript:x"onclick=1')]],
    )
    out = render(page)
    assert "<script>" not in out and "<img" not in out and "<b>" not in out
    assert 'x"onclick' not in out


def test_json_items_link_to_the_html_alternate(client):
    body = _items(client, limit=2)
    alt = next(ln for ln in body["links"] if ln["rel"] == "alternate")
    assert alt["type"] == "text/html" and "f=html" in alt["href"]


@pytest.mark.parametrize(
    "url",
    [
        "/ogc/collections/vds/items",
        "/ogc/collections/routes/items",
        "/ogc/collections/consulate/items?bbox=170,-90,-60,90",
        "/ogc/collections/vds/items/vds-chicago",
        "/v1/sites",
        "/v1/sites/vds-chicago",
        "/v1/routes",
        "/v1/nearest?q=60608&k=3",
    ],
)
def test_every_geojson_response_is_rfc_7946(client, url):
    from geodata.geojson import rfc7946_problems

    r = client.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/geo+json")
    assert rfc7946_problems(r.text) == []
