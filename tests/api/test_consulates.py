"""GET /v1/consulates/serving."""

from __future__ import annotations

import pytest

from api.schemas import ServingOffice
from locator.regions import NOTE_EN, NOTE_ES


def test_serving_is_nearest_consulate_and_flagged(client):
    point = {"lat": 34.77, "lon": -84.97}
    r = client.get("/v1/consulates/serving", params=point)
    assert r.status_code == 200, r.text
    body = ServingOffice.model_validate(r.json())
    assert body.approximation is True
    assert body.note == NOTE_ES and body.note_en == NOTE_EN
    nearest = client.get("/v1/nearest", params={**point, "kind": "consulate", "limit": 1})
    assert body.office.id == nearest.json()["features"][0]["id"]
    assert body.office.properties.kind == "consulate"


def test_english_note_and_q(client):
    r = client.get("/v1/consulates/serving", params={"q": "Dalton, GA", "lang": "en"})
    assert r.status_code == 200
    assert r.json()["note"] == NOTE_EN
    assert r.json()["query"]["label"] == "Dalton, GA"


@pytest.mark.parametrize("params", [{}, {"lat": 100, "lon": 0}, {"q": "zzqxv nowhere"}])
def test_errors_are_4xx(client, params):
    r = client.get("/v1/consulates/serving", params=params)
    assert 400 <= r.status_code < 500
