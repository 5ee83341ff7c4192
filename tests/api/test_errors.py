"""Problem details: status mapping, language negotiation, validation, 404/405, 500."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.errors import PayloadTooLarge, Unauthorized, WritesDisabled, status_for
from api.i18n import negotiate_lang
from geodata.errors import (
    ConflictError,
    DataUnavailableError,
    ImportValidationError,
    InvalidInputError,
    LocatorError,
    NotFoundError,
    StoreError,
)


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (InvalidInputError, 400),
        (Unauthorized, 401),
        (WritesDisabled, 403),
        (NotFoundError, 404),
        (ConflictError, 409),
        (PayloadTooLarge, 413),
        (ImportValidationError, 422),
        (StoreError, 503),
        (DataUnavailableError, 503),
        (LocatorError, 400),
    ],
)
def test_status_mapping(exc, status):
    assert status_for(exc("x")) == status


@pytest.mark.parametrize(
    ("query", "header", "expected"),
    [
        (None, None, "es"),
        ("en", "es", "en"),
        (None, "en-US,en;q=0.9", "en"),
        (None, "fr-FR, en;q=0.5, es;q=0.8", "es"),
        (None, "es;q=0, en;q=0.1", "en"),
        (None, "garbage;;;q=x", "es"),
        ("xx", "en", "en"),
    ],
)
def test_negotiate_lang(query, header, expected):
    assert negotiate_lang(query, header) == expected


@pytest.mark.parametrize(
    ("headers", "params", "fragment"),
    [
        ({"Accept-Language": "en-US,en;q=0.9"}, {}, "Invalid request parameters"),
        ({"Accept-Language": "es-MX"}, {}, "Parámetros de la solicitud no válidos"),
        ({}, {}, "Parámetros de la solicitud no válidos"),
        ({"Accept-Language": "es"}, {"lang": "en"}, "Invalid request parameters"),
    ],
)
def test_validation_message_language(client, headers, params, fragment):
    r = client.get("/v1/nearest", params={"lat": 95, "lon": 0, **params}, headers=headers)
    assert r.status_code == 422
    body = r.json()
    assert fragment in body["detail"]
    assert body["errors"][0]["field"] == "lat"


def test_spanish_validation_message_is_translated(client):
    body = client.get("/v1/nearest", params={"lat": 95, "lon": 0}).json()
    assert body["errors"][0]["message"] == "debe ser menor o igual que 90"
    body = client.get("/v1/nearest", params={"lat": 95, "lon": 0, "lang": "en"}).json()
    assert "less than or equal" in body["errors"][0]["message"]


@pytest.mark.parametrize(
    ("params", "key", "limit"),
    [
        ({"q": "60608", "max_km": -1}, "greater_than", {"gt": 0}),
        ({"lat": 95, "lon": 0}, "less_than_equal", {"le": 90}),
    ],
)
def test_validation_limit_said_alike_in_both_languages(client, params, key, limit):
    from locator.i18n.api import API_VALIDATION

    said = {}
    for lang in ("es", "en"):
        body = client.get("/v1/nearest", params={**params, "lang": lang}).json()
        said[lang] = body["errors"][0]["message"]
    # pydantic's English says the entry's English (0, not 0.0), and the Spanish says it alike
    assert said == API_VALIDATION[key].fill(**limit).pair()


def test_locator_error_language(client):
    es = client.get("/v1/nearest", params={"lat": 1, "lon": 1, "kind": "x"}).json()
    en = client.get(
        "/v1/nearest", params={"lat": 1, "lon": 1, "kind": "x"}, headers={"Accept-Language": "en"}
    ).json()
    assert es["detail"].startswith("Tipo desconocido")
    assert en["detail"].startswith("Unknown kind")
    assert es["title"] == "Solicitud no válida" and en["title"] == "Bad request"


def test_unknown_path_and_method(client):
    r = client.get("/v1/nothing-here")
    assert r.status_code == 404
    assert r.headers["content-type"].startswith("application/problem+json")
    r = client.delete("/v1/nearest")
    assert r.status_code == 405
    assert r.json()["status"] == 405
    assert "GET" in r.headers["allow"]


def test_unexpected_error_is_a_500_problem(base_store):
    from api.app import create_app
    from api.settings import Settings

    app = create_app(Settings(store=str(base_store), refresh_seconds=0))

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals")

    with TestClient(app, raise_server_exceptions=False) as c:
        r = c.get("/boom", headers={"Accept-Language": "en"})
    assert r.status_code == 500
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "secret internals" not in r.text
    assert r.json()["code"] == "internal_error"


def test_huge_integers_in_an_error_detail_do_not_break_the_answer():
    from api.errors import _jsonable

    assert _jsonable({"n": 10**30, "m": 5}) == {"n": str(10**30), "m": 5}
