"""GET /v1/nearest."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from api.schemas import NearestCollection
from geodata.vocab import KINDS, SERVICES
from locator.distance import KM_PER_MI, haversine_km
from locator.query import MOBILE_UNITS_NEAR_KM

CHICAGO = {"lat": 41.8781, "lon": -87.6298}


def _features(r):
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/geo+json")
    NearestCollection.model_validate(r.json())
    return r.json()["features"]


@pytest.mark.parametrize("limit", [1, 5, 50])
def test_sorted_by_true_great_circle_distance(client, limit):
    feats = _features(client.get("/v1/nearest", params={**CHICAGO, "limit": limit}))
    assert len(feats) == limit
    dists = [f["properties"]["distance_km"] for f in feats]
    assert dists == sorted(dists)
    assert [f["properties"]["rank"] for f in feats] == list(range(1, limit + 1))
    for f in feats:
        lon, lat = f["geometry"]["coordinates"]
        expected = float(haversine_km(CHICAGO["lon"], CHICAGO["lat"], lon, lat))
        assert f["properties"]["distance_km"] == pytest.approx(expected, abs=2e-3)
        assert f["properties"]["distance_mi"] == pytest.approx(expected / KM_PER_MI, abs=2e-3)


def test_feature_fields_and_query_member(client):
    r = client.get("/v1/nearest", params={**CHICAGO, "limit": 3})
    body = r.json()
    assert body["type"] == "FeatureCollection"
    assert body["query"]["lat"] == CHICAGO["lat"] and body["query"]["lon"] == CHICAGO["lon"]
    assert body["query"]["precision"] == "coordinates"
    assert body["dataset_version"] == client.get("/health").json()["dataset_version"]
    props = body["features"][0]["properties"]
    for key in (
        "id",
        "kind",
        "kind_label",
        "name",
        "street_address",
        "city",
        "state",
        "postal_code",
        "phone",
        "url",
        "services",
        "languages",
        "hours",
        "location_precision",
        "location_note",
        "source",
        "source_date",
        "verified",
        "illustrative",
    ):
        assert key in props
    assert body["features"][0]["id"] == props["id"]
    assert props["kind_label"] == KINDS[props["kind"]].label("es")
    for service in props["services"]:
        assert service["label"] == SERVICES[service["id"]].label("es")


def test_q_resolves_with_the_gazetteer(client):
    from geodata.gazetteer import Gazetteer

    place = Gazetteer.default().geocode("60608", limit=1)[0]
    body = client.get("/v1/nearest", params={"q": "60608", "limit": 1}).json()
    assert body["query"] == {
        "label": place.label,
        "lat": place.lat,
        "lon": place.lon,
        "precision": place.precision,
    }


@pytest.mark.parametrize("kind", ["consulate", "vds"])
def test_kind_filter(client, kind):
    feats = _features(client.get("/v1/nearest", params={**CHICAGO, "kind": kind, "limit": 10}))
    assert feats and all(f["properties"]["kind"] == kind for f in feats)


ANN_ARBOR = {"lat": 42.2808, "lon": -83.7430}  # 57 km from Detroit's unit


def test_mobile_units_are_listed_apart_never_ranked(client):
    body = client.get("/v1/nearest", params={**ANN_ARBOR, "kind": "vds_mobile"}).json()
    assert body["features"] == [] and body["numberReturned"] == 0
    units = body["mobile_units"]
    assert {f["id"] for f in units} == {"vds-mobile-detroit"}
    assert all(f["properties"]["mobile"] and "rank" not in f["properties"] for f in units)
    assert 50 < units[0]["properties"]["distance_km"] < 60


@pytest.mark.parametrize(
    "params,expected",
    [
        (CHICAGO, set()),  # Detroit's unit is 380 km away: not "nearby"
        ({"lat": 42.0, "lon": -80.0}, {"vds-mobile-detroit"}),  # 254 km; New York 520 km
        ({"lat": 42.0, "lon": -80.0, "max_km": 200}, set()),
    ],
)
def test_mobile_units_nearby_means_within_300_km(client, params, expected):
    body = client.get("/v1/nearest", params={**params, "kind": "vds_mobile"}).json()
    units = body["mobile_units"]
    assert {f["id"] for f in units} == expected
    assert all(f["properties"]["distance_km"] <= MOBILE_UNITS_NEAR_KM for f in units)
    km = [f["properties"]["distance_km"] for f in units]
    assert km == sorted(km)


def test_kind_repeatable_and_comma_separated_agree(client):
    a = client.get("/v1/nearest?lat=40&lon=-100&kind=vds&kind=vds_mobile&limit=20").json()
    b = client.get("/v1/nearest?lat=40&lon=-100&kind=vds,vds_mobile&limit=20").json()
    assert [f["id"] for f in a["features"]] == [f["id"] for f in b["features"]]
    assert {f["properties"]["kind"] for f in a["features"]} <= {"vds", "vds_mobile"}


def test_service_filter(client):
    feats = _features(
        client.get("/v1/nearest", params={**CHICAGO, "service": "vaccines", "limit": 10})
    )
    assert feats
    assert all("vaccines" in [s["id"] for s in f["properties"]["services"]] for f in feats)


def test_max_km_limits_results(client):
    feats = _features(client.get("/v1/nearest", params={**CHICAGO, "max_km": 50, "limit": 50}))
    assert all(f["properties"]["distance_km"] <= 50 for f in feats)
    far = _features(client.get("/v1/nearest", params={"lat": 0, "lon": 0, "max_km": 10}))
    assert far == []


def test_english_labels(client):
    r = client.get("/v1/nearest", params={**CHICAGO, "lang": "en", "limit": 1})
    props = r.json()["features"][0]["properties"]
    assert props["kind_label"] == KINDS[props["kind"]].label("en")
    assert r.json()["lang"] == "en"


def test_precision_note_is_shown(client):
    feats = _features(client.get("/v1/nearest", params={**CHICAGO, "limit": 50}))
    notes = {f["properties"]["location_precision"]: f["properties"]["location_note"] for f in feats}
    if "city" in notes:
        assert notes["city"] == "ubicación aproximada: ciudad"
    if "postal_code" in notes:
        assert notes["postal_code"] == "ubicación aproximada: código postal"


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"lat": 91, "lon": 0}, 422),
        ({"lat": 0, "lon": -181}, 422),
        ({"lat": "nan", "lon": 0}, 422),
        ({"lat": "inf", "lon": 0}, 422),
        ({"lat": "abc", "lon": 0}, 422),
        ({"lat": 10}, 400),
        ({}, 400),
        ({"q": ""}, 422),
        ({"q": "x" * 201}, 422),
        ({"q": "   "}, 400),
        ({"q": "zzqxv nowhere"}, 404),
        ({"q": "60608", "lat": 1, "lon": 1}, 400),
        ({**CHICAGO, "limit": 0}, 422),
        ({**CHICAGO, "limit": 10000}, 422),
        ({**CHICAGO, "limit": "many"}, 422),
        ({**CHICAGO, "kind": "spaceport"}, 400),
        ({**CHICAGO, "service": "teleport"}, 400),
        ({**CHICAGO, "language": "español!"}, 400),
        ({**CHICAGO, "max_km": -5}, 422),
        ({**CHICAGO, "lang": "fr"}, 422),
    ],
)
def test_bad_input_is_a_4xx_problem(client, params, status):
    r = client.get("/v1/nearest", params=params)
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == status
    assert body["detail"] and body["title"] and body["code"]
    assert body["instance"] == "/v1/nearest"


def test_unknown_kind_lists_allowed_values(client):
    body = client.get("/v1/nearest", params={**CHICAGO, "kind": "spaceport"}).json()
    assert body["unknown"] == ["spaceport"]
    assert set(body["allowed"]) == set(KINDS)


def test_misspelled_place_gets_suggestions(client):
    r = client.get("/v1/nearest", params={"q": "Daltn, GA"})
    assert r.status_code == 404
    assert "Dalton, GA" in r.json()["suggestions"]


@given(
    lat=st.floats(-90, 90, allow_nan=False),
    lon=st.floats(-180, 180, allow_nan=False),
    limit=st.integers(1, 50),
    kinds=st.lists(st.sampled_from(sorted(KINDS)), max_size=3, unique=True),
    max_km=st.none() | st.floats(0.001, 20100, allow_nan=False),
    lang=st.sampled_from(["es", "en"]),
)
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_valid_query_answers_sorted_features(client, lat, lon, limit, kinds, max_km, lang):
    params = {"lat": lat, "lon": lon, "limit": limit, "lang": lang}
    if kinds:
        params["kind"] = ",".join(kinds)
    if max_km is not None:
        params["max_km"] = max_km
    r = client.get("/v1/nearest", params=params)
    assert r.status_code == 200, r.text
    feats = r.json()["features"]
    assert len(feats) <= limit
    dists = [f["properties"]["distance_km"] for f in feats]
    assert dists == sorted(dists)
    if kinds:
        assert {f["properties"]["kind"] for f in feats} <= set(kinds)
    if max_km is not None:
        assert all(d <= max_km + 1e-3 for d in dists)
