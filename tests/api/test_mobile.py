"""GET /v1/visits, /v1/routes/{id}.ics and /v1/routes/{id}/location."""

from __future__ import annotations

import pytest

from api.routers.mobile import UnitLocationOut, VisitsOut
from locator.mobile.ics import parse_ics
from locator.present import illustrative_note


def test_visits_by_place(client):
    r = client.get("/v1/visits", params={"q": "Dearborn, MI", "from": "2025-03-01", "days": 10})
    assert r.status_code == 200, r.text
    body = VisitsOut.model_validate(r.json())
    assert body.numberReturned == len(body.visits) >= 3
    starts = [v.start for v in body.visits]
    assert starts[0] == "2025-03-01T10:00:00-05:00"
    assert all(v.distance_km <= 50 for v in body.visits)
    assert all(
        v.illustrative and v.illustrative_note == illustrative_note("es") for v in body.visits
    )
    assert all(v.location_note == "ubicación aproximada: ciudad" for v in body.visits)
    assert "no-store" not in r.headers.get("cache-control", "")


def test_visits_dst_and_english(client):
    r = client.get(
        "/v1/visits",
        params={
            "lat": 40.75,
            "lon": -73.99,
            "within_km": 5,
            "from": "2025-10-31",
            "days": 3,
            "lang": "en",
        },
    )
    body = VisitsOut.model_validate(r.json())
    assert [v.start for v in body.visits] == ["2025-11-01T10:00:00-04:00"]
    assert body.visits[0].local_text == "Sat 1 Nov 2025, 10:00–14:00 EDT"
    assert body.visits[0].illustrative_note.startswith("ILLUSTRATIVE")


def test_visits_radius_km_and_its_old_name(client):
    params = {"lat": 40.75, "lon": -73.99, "from": "2025-10-31", "days": 3}
    new = client.get("/v1/visits", params={**params, "radius_km": 5}).json()
    old = client.get("/v1/visits", params={**params, "within_km": 5}).json()
    wide = client.get("/v1/visits", params={**params, "radius_km": 2000}).json()
    assert new == old and new["within_km"] == 5
    assert new["radius_km"] == new["within_km"]  # the new name, and its deprecated alias
    assert wide["numberReturned"] > new["numberReturned"]


def test_visits_default_now_is_not_cached(client):
    r = client.get("/v1/visits", params={"q": "New York, NY"})
    assert r.status_code == 200
    assert r.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"q": "Detroit", "within_km": 0}, 422),
        ({"q": "Detroit", "days": 400}, 422),
        ({"q": "Detroit", "from": "not-a-date"}, 422),
        ({"q": "Detroit", "from": "0001-01-01"}, 400),
        ({"q": "Detroit", "from": "9999-12-31"}, 400),
        ({}, 400),
        ({"q": "zzzzqqqxxy"}, 404),
    ],
)
def test_visits_bad_input(client, params, status):
    r = client.get("/v1/visits", params=params)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")


def test_route_ics(client):
    r = client.get("/v1/routes/route-vds-mobile-new-york.ics")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/calendar")
    assert "route-vds-mobile-new-york.ics" in r.headers["content-disposition"]
    cal = parse_ics(r.content)
    events = list(cal.walk("VEVENT"))
    assert len(events) == 8
    assert all("ILUSTRATIVO" in str(e["SUMMARY"]) for e in events)
    assert r.content == client.get("/v1/routes/route-vds-mobile-new-york.ics").content
    # the plain route endpoint still works next to the .ics one
    assert client.get("/v1/routes/route-vds-mobile-new-york").status_code == 200


def test_route_ics_404(client):
    r = client.get("/v1/routes/no-such-route.ics")
    assert r.status_code == 404
    assert r.json()["code"] == "not_found"


def test_route_location(client):
    r = client.get("/v1/routes/route-vds-mobile-detroit/location", params={"on": "2025-03-01"})
    body = UnitLocationOut.model_validate(r.json())
    assert body.stop is not None and body.stop["city"] == "Detroit" and body.illustrative
    r = client.get("/v1/routes/route-vds-mobile-detroit/location", params={"on": "2025-03-03"})
    assert r.json()["stop"] is None
    assert client.get("/v1/routes/nope/location", params={"on": "2025-03-01"}).status_code == 404
    assert (
        client.get(
            "/v1/routes/route-vds-mobile-detroit/location", params={"on": "0001-01-01"}
        ).status_code
        == 400
    )


def _route_upload(unit_id: str) -> bytes:
    import json

    feats = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "route_id": "r-api-test",
                "sequence": i + 1,
                "name": name,
                "unit_id": unit_id,
                "location_precision": "city",
                "source": "Test 2026",
                "rrule": "FREQ=MONTHLY;BYDAY=1SA",
                "dtstart": "2026-01-03T10:00",
                "duration_minutes": 240,
                "timezone": "America/Detroit",
            },
        }
        for i, (name, lon, lat) in enumerate(
            [("Dearborn", -83.18, 42.32), ("Pontiac", -83.29, 42.64)]
        )
    ]
    return json.dumps({"type": "FeatureCollection", "features": feats}).encode()


@pytest.mark.parametrize(
    ("unit_id", "status"), [("vds-mobile-nowhere", 422), ("vds-mobile-detroit", 200)]
)
def test_route_import_checks_the_unit(make_client, unit_id, status):
    from tests.api.conftest import API_KEY

    client = make_client(api_key=API_KEY)
    r = client.post(
        "/v1/imports",
        params={"format": "routes"},
        headers={"X-API-Key": API_KEY},
        files={"file": ("stops.geojson", _route_upload(unit_id), "application/json")},
    )
    assert r.status_code == status, r.text
    ids = client.get("/v1/routes").json()
    stored = "r-api-test" in str(ids)
    assert stored is (status == 200)
    if status == 422:
        (error,) = r.json()["errors"]
        assert error["field"] == "unit_id" and "vds_mobile" in error["message"]
    else:
        assert r.json()["routes"] == 1 and r.json()["stops"] == 2


def test_visits_carry_a_place(client):
    r = client.get("/v1/visits", params={"q": "Dearborn, MI", "from": "2025-03-01", "days": 10})
    visits = VisitsOut.model_validate(r.json()).visits
    assert visits and all(
        v.place == (f"{v.city}, {v.state}" if v.city else v.stop_name) for v in visits
    )
