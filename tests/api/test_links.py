"""Absolute links never echo the request's Host header once a public address is configured."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api.conftest import _settings

PUBLIC = "https://locator.example.org/servicios"
FORGED = {"Host": "evil.example"}
ITEMS = "/ogc/collections/consulate/items"
PAGES = [
    "/ogc",
    "/ogc/collections",
    "/ogc/collections/consulate",
    f"{ITEMS}?limit=2",
    f"{ITEMS}?limit=2&offset=2",
    f"{ITEMS}/consulate-chicago",
    "/v1/sites?limit=2",
    "/v1/sites?limit=2&offset=2",
]


def _hrefs(doc: object) -> list[str]:
    if isinstance(doc, dict):
        found = [doc["href"]] if isinstance(doc.get("href"), str) else []
        return found + [h for v in doc.values() for h in _hrefs(v)]
    if isinstance(doc, list):
        return [h for v in doc for h in _hrefs(v)]
    return []


@pytest.fixture(scope="module")
def public_client(base_store):
    with TestClient(create_app(_settings(base_store, public_url=PUBLIC))) as c:
        yield c


@pytest.mark.parametrize("path", PAGES)
def test_json_links_start_with_the_public_url(public_client, path):
    r = public_client.get(path, headers=FORGED)
    assert r.status_code == 200, r.text
    hrefs = [h for h in _hrefs(r.json()) if h.startswith("http")]
    assert hrefs, "the document has absolute links"
    assert all(h.startswith(PUBLIC + "/") for h in hrefs), hrefs
    assert "evil.example" not in r.text


@pytest.mark.parametrize("path", ["/ogc?f=html", f"{ITEMS}?f=html&limit=2"])
def test_html_pages_never_carry_the_forged_host(public_client, path):
    r = public_client.get(path, headers=FORGED)
    assert r.status_code == 200
    assert "evil.example" not in r.text and PUBLIC in r.text


def test_service_desc_servers_use_the_public_url(public_client):
    doc = public_client.get("/ogc/api", headers=FORGED).json()
    assert "evil.example" not in json.dumps(doc)


def test_without_a_public_url_links_follow_the_address_used(client):
    hrefs = _hrefs(client.get("/ogc/collections").json())
    assert hrefs and all(h.startswith("http://testserver/ogc") for h in hrefs)
