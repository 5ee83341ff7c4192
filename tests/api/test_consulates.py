"""GET /v1/consulates/serving."""

from __future__ import annotations

import pytest

from api.schemas import ServingOffice
from locator.regions import NOTE_EN, NOTE_ES


@pytest.mark.parametrize(
    ("point", "office", "state"),
    [
        ({"lat": 41.8781, "lon": -87.6298}, "consulate-chicago", "IL"),
        ({"lat": 18.4655, "lon": -66.1057}, "consulate-san-juan", "PR"),
        ({"lat": 39.7684, "lon": -86.1581}, "consulate-indianapolis", "IN"),
    ],
)
def test_serving_is_the_nearest_office_where_no_rule_applies(client, point, office, state):
    r = client.get("/v1/consulates/serving", params=point)
    assert r.status_code == 200, r.text
    body = ServingOffice.model_validate(r.json())
    assert body.approximation is True and body.basis == "nearest" and body.rule is None
    assert body.note == NOTE_ES and body.note_en == NOTE_EN
    assert body.office.id == office
    assert body.office.properties.kind == "consulate"
    assert r.json()["county"]["state"] == state


@pytest.mark.parametrize(
    ("params", "office", "rule", "words"),
    [
        (
            {"q": "Lubbock, TX"},
            "consulate-albuquerque",
            "sre-2022-texas-panhandle",
            ("reasignación SRE 2022-06-01", "milenio.com"),
        ),
        (
            {"lat": 21.3069, "lon": -157.8583},
            "consulate-san-francisco",
            "sf-hawaii",
            ("Hawái", "consulados.us"),
        ),
        ({"lat": 34.77, "lon": -84.97}, "consulate-atlanta", "atlanta-states", ("Georgia",)),
    ],
)
def test_serving_says_which_sourced_rule_decided(client, params, office, rule, words):
    r = client.get("/v1/consulates/serving", params=params)
    assert r.status_code == 200, r.text
    body = ServingOffice.model_validate(r.json())
    assert body.office.id == office and body.approximation is True
    assert body.basis == "rule" and body.rule.id == rule
    assert body.note.startswith("Regla: ") and body.rule.source in body.note
    for word in words:
        assert word in body.note
    english = client.get("/v1/consulates/serving", params={**params, "lang": "en"}).json()
    assert english["note"].startswith("Rule: ") and english["rule"]["label"] == body.rule.label_en


@pytest.mark.parametrize(
    ("place", "point"),
    [
        ("London", {"lat": 51.5072, "lon": -0.1276}),
        ("Mexico City", {"lat": 19.4326, "lon": -99.1332}),
        ("open Pacific", {"lat": 0.0, "lon": -150.0}),
    ],
)
@pytest.mark.parametrize(
    ("lang", "words"), [("es", "no está en un condado de EE. UU."), ("en", "not in a US county")]
)
def test_points_outside_us_counties_are_404(client, place, point, lang, words):
    r = client.get("/v1/consulates/serving", params={**point, "lang": lang})
    assert r.status_code == 404, place
    assert r.headers["content-type"].startswith("application/problem+json")
    assert words in r.json()["detail"]


def test_english_note_and_q(client):
    r = client.get("/v1/consulates/serving", params={"q": "Gary, IN", "lang": "en"})
    assert r.status_code == 200
    assert r.json()["note"] == NOTE_EN
    assert r.json()["query"]["label"] == "Gary, IN"


@pytest.mark.parametrize("params", [{}, {"lat": 100, "lon": 0}, {"q": "zzqxv nowhere"}])
def test_errors_are_4xx(client, params):
    r = client.get("/v1/consulates/serving", params=params)
    assert 400 <= r.status_code < 500
