"""The OpenAPI document states what the server does (the cases schemathesis found wrong)."""

from __future__ import annotations

import re

import pytest

from api.ogc_params import DATETIME_PATTERN
from api.openapi import LANGUAGE_PATTERN


@pytest.fixture(scope="module")
def doc(client):
    return client.get("/openapi.json").json()


def _param(doc, path: str, name: str) -> dict:
    return next(p for p in doc["paths"][path]["get"]["parameters"] if p["name"] == name)


def test_queryables_are_documented_as_json_schema(client, doc):
    content = doc["paths"]["/ogc/collections/{collectionId}/queryables"]["get"]["responses"]["200"][
        "content"
    ]
    answer = client.get("/ogc/collections/vds/queryables?f=json")
    assert answer.headers["content-type"].split(";")[0] == "application/schema+json"
    assert set(content) == {"application/schema+json", "text/html"}


def test_embed_not_found_is_documented_as_html(client, doc):
    responses = doc["paths"]["/embed/{office_id}"]["get"]["responses"]
    answer = client.get("/embed/no-such-office")
    assert answer.status_code == 404
    assert answer.headers["content-type"].startswith("text/html")
    assert set(responses["404"]["content"]) == {"text/html"}
    assert set(responses["422"]["content"]) == {"application/problem+json"}


def test_kind_repetitions_documented_as_the_server_limits_them(client, doc):
    assert _param(doc, "/v1/sites", "kind")["schema"]["maxItems"] == 20
    assert client.get("/v1/sites", params=[("kind", "vds")] * 5).status_code == 200
    assert client.get("/v1/sites", params=[("kind", "vds")] * 21).status_code == 422


@pytest.mark.parametrize(
    "path", ["/embed/consulate-chicago/snippet", "/v1/maps/office/consulate-chicago.html"]
)
def test_office_maps_take_one_kind(client, doc, path):
    template = path.replace("consulate-chicago", "{office_id}")
    assert _param(doc, template, "kind")["schema"]["maxItems"] == 1
    assert client.get(path, params={"kind": "vds"}).status_code == 200
    assert client.get(path, params=[("kind", "vds"), ("kind", "clinic")]).status_code == 422


@pytest.mark.parametrize(
    ("value", "documented", "served"),
    [
        ("2024-01-01T00:00:00Z/..", True, True),
        ("../2024-05-01", True, True),
        ("2024-01-01", True, True),
        ("", False, False),
        ("../..", False, False),
        ("2024-13-01", False, False),
        ("2024-02-30", True, False),  # the day must exist
    ],
)
def test_datetime_pattern_matches_the_parser(client, doc, value, documented, served):
    pattern = _param(doc, "/ogc/collections/{collectionId}/items", "datetime")["schema"]["pattern"]
    assert pattern == DATETIME_PATTERN
    assert bool(re.search(pattern, value)) is documented
    answer = client.get("/ogc/collections/vds/items", params={"datetime": value, "limit": 1})
    assert (answer.status_code == 200) is served


@pytest.mark.parametrize(
    ("value", "served"),
    [
        ("es", True),
        ("ES, en", True),
        ("spa;eng", True),
        ("", True),
        (" , es ,", True),
        ("e", False),
        ("español", False),
        ("es en", False),
        ("\x9e\x9f", False),
        ("e1", False),
    ],
)
def test_language_pattern_matches_the_parser(client, doc, value, served):
    schema = _param(doc, "/v1/sites", "language")["schema"]
    assert schema["items"]["pattern"] == LANGUAGE_PATTERN
    assert bool(re.search(LANGUAGE_PATTERN, value)) is served
    assert (client.get("/v1/sites", params={"language": value}).status_code == 200) is served
