"""GET /v1/geocode."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.schemas import Geocode
from geodata.gazetteer import Gazetteer


@pytest.mark.parametrize("q", ["60608", "Dalton, GA", "Nueva York"])
def test_candidates_match_the_gazetteer(client, q):
    r = client.get("/v1/geocode", params={"q": q, "limit": 3})
    assert r.status_code == 200
    body = Geocode.model_validate(r.json())
    expected = Gazetteer.default().geocode(q, limit=3)
    assert [c.label for c in body.candidates] == [p.label for p in expected]
    assert body.q == q


def test_limit_is_respected(client):
    r = client.get("/v1/geocode", params={"q": "Springfield", "limit": 2})
    assert len(r.json()["candidates"]) <= 2


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({}, 422),
        ({"q": ""}, 422),
        ({"q": "  "}, 400),
        ({"q": "Chicgo"}, 404),
        ({"q": "Dalton", "limit": 0}, 422),
        ({"q": "95,200"}, 400),
    ],
)
def test_errors(client, params, status):
    r = client.get("/v1/geocode", params=params)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")


def test_suggestions_on_not_found(client):
    body = client.get("/v1/geocode", params={"q": "Chicgo"}).json()
    assert "Chicago, IL" in body["suggestions"]


@given(q=st.text(max_size=60))
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_text_is_never_a_server_error(client, q):
    for path in ("/v1/geocode", "/v1/nearest", "/v1/consulates/serving"):
        r = client.get(path, params={"q": q})
        assert r.status_code < 500, (path, q, r.text)
        if r.status_code >= 400:
            assert r.headers["content-type"].startswith("application/problem+json")
