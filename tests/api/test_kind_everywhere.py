"""``kind=vds,consulate`` and ``kind=vds&kind=consulate`` mean the same on every route that takes
``kind`` (issue 18), as ``--kind`` does in every CLI command (tests/locator/cli/
test_kind_everywhere.py). Routes are found in the OpenAPI document: a new one must be listed.
"""

from __future__ import annotations

import pytest

SPELLINGS = {
    "comma": [("kind", "vds,consulate")],
    "repeated": [("kind", "vds"), ("kind", "consulate")],
}

MANY = {  # path -> other query parameters
    "/v1/nearest": [("q", "60608"), ("limit", "20")],
    "/v1/sites": [("limit", "1000")],
    "/v1/coverage": [],
    "/v1/coverage/suggestions": [("k", "1")],
    "/v1/maps/nearest.html": [("q", "60608")],
    "/v1/maps/network.html": [],
}
ONE = {  # at most one kind: office maps and embeds
    "/v1/maps/office/consulate-chicago.html": [],
    "/embed/consulate-chicago": [],
    "/embed/consulate-chicago/snippet": [],
}
TEMPLATES = {
    "/v1/maps/office/{office_id}.html": "/v1/maps/office/consulate-chicago.html",
    "/embed/{office_id}": "/embed/consulate-chicago",
    "/embed/{office_id}/snippet": "/embed/consulate-chicago/snippet",
}


def test_every_route_with_kind_is_covered(client):
    paths = client.get("/openapi.json").json()["paths"]
    with_kind = {
        TEMPLATES.get(path, path)
        for path, ops in paths.items()
        for op in ops.values()
        if any(p.get("name") == "kind" for p in op.get("parameters", []))
    }
    assert with_kind == set(MANY) | set(ONE)


def _kinds_in(path: str, body: dict) -> set[str]:
    if "features" in body and path != "/v1/coverage":
        return {f["properties"]["kind"] for f in body["features"]}
    return set(body["kinds"])


@pytest.mark.parametrize("path", sorted(MANY))
def test_many_kinds_mean_the_same(client, path):
    answers = [client.get(path, params=[*MANY[path], *kinds]) for kinds in SPELLINGS.values()]
    assert [r.status_code for r in answers] == [200, 200], answers[0].text
    if path.endswith(".html"):
        assert answers[0].content == answers[1].content
        return
    first, second = ({k: v for k, v in r.json().items() if k != "links"} for r in answers)
    assert first == second  # the links only echo the request's own query string
    assert _kinds_in(path, answers[0].json()) == {"vds", "consulate"}
    one = client.get(path, params=[*MANY[path], ("kind", "vds")]).json()
    assert _kinds_in(path, one) == {"vds"}


@pytest.mark.parametrize("path", sorted(ONE))
def test_one_kind_routes_refuse_two_in_either_spelling(client, path):
    """Two kinds are refused in both spellings: ``kind=vds,consulate`` by the query core
    (400, "at most one kind"), ``kind=vds&kind=consulate`` already by the documented
    ``maxItems: 1`` of the parameter (422), both as problem details."""
    comma, repeated = (client.get(path, params=kinds) for kinds in SPELLINGS.values())
    assert (comma.status_code, repeated.status_code) == (400, 422)
    assert comma.json()["detail"] == "Indique a lo sumo un tipo"
    assert comma.json()["kind"] == ["vds", "consulate"]
    for answer in (comma, repeated):
        assert answer.headers["content-type"].startswith("application/problem+json")
    assert client.get(path, params={"kind": "vds"}).status_code == 200
