"""GET /v1/coverage (json, geojson, csv) and /v1/coverage/suggestions; the planning cache."""

from __future__ import annotations

import csv
import io
import math

import pytest

from api.routers.coverage import CACHE_SIZE, parse_thresholds, planning_of
from geodata.errors import InvalidInputError
from geodata.stores.gpkg import GeoPackageStore
from locator.planning.session import PlanningSession

R_KM = 6371.0088


def _haversine(lon1, lat1, lon2, lat2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * R_KM * math.asin(math.sqrt(a))


@pytest.fixture(scope="module")
def client(base_store):
    """A read-only client whose read budget allows the cold build of the demand layer and the
    county outlines (seconds, once per process; slower on a loaded test machine)."""
    from fastapi.testclient import TestClient

    from api.app import create_app
    from tests.api.conftest import _settings

    with TestClient(create_app(_settings(base_store, request_budget_seconds=120))) as c:
        yield c


@pytest.fixture(scope="module")
def vds(base_store):
    sites = GeoPackageStore(base_store, create=False).sites()
    return sites[sites["kind"] == "vds"]


def _get(client, status=200, path="/v1/coverage", **params):
    r = client.get(path, params=params)
    assert r.status_code == status, r.text
    return r


@pytest.fixture(scope="module")
def default_body(client):
    return _get(client, top=500).json()


def test_summary_adds_up(default_body):
    body = default_body
    assert body["kinds"] == ["vds"] and body["within_km"] == [50.0, 100.0, 200.0]
    assert body["gap_km"] == 100.0
    total = body["population_total"]
    assert total > 0
    beyond = []
    for row in body["summary"]:
        assert row["population_within"] + row["population_beyond"] == pytest.approx(total)
        assert row["share_within"] + row["share_beyond"] == pytest.approx(1.0)
        assert row["share_beyond"] == pytest.approx(row["population_beyond"] / total)
        beyond.append(row["population_beyond"])
    assert [r["within_km"] for r in body["summary"]] == body["within_km"]
    assert beyond == sorted(beyond, reverse=True)  # farther thresholds leave fewer people out


def test_precise_names_beside_the_deprecated_within_km(default_body):
    """``within_km`` meant several things: each output now says ``thresholds_km`` (the list),
    ``threshold_km`` (one threshold) and keeps ``within_km`` as an alias with the same value."""
    body = default_body
    assert body["thresholds_km"] == body["within_km"] == [50.0, 100.0, 200.0]
    assert all(row["threshold_km"] == row["within_km"] for row in body["summary"])
    cov = body["share_covered"]
    assert cov["threshold_km"] == cov["within_km"] == body["gap_km"]


def test_within_km_is_documented_as_deprecated_in_openapi(client):
    spec = client.get("/openapi.json").json()
    for path in ("/v1/coverage", "/v1/coverage/suggestions", "/v1/visits"):
        op = spec["paths"][path]["get"]
        assert "within_km" in op["description"] and "deprecated" in op["description"].lower()
        (param,) = [p for p in op["parameters"] if p["name"] == "within_km"]
        assert param["deprecated"] is True
    visits = spec["components"]["schemas"]["VisitsOut"]["properties"]
    assert "radius_km" in visits and visits["within_km"]["deprecated"] is True


def test_figures_per_state_and_office(default_body):
    body = default_body
    total = body["population_total"]
    states = body["by_state"]
    assert sum(r["population"] for r in states) == pytest.approx(total)
    beyond = {r["within_km"]: r["population_beyond"] for r in body["summary"]}
    for t in body["within_km"]:
        assert sum(r[f"beyond_{t:g}km"] for r in states) == pytest.approx(beyond[t], abs=1)
        assert sum(r[f"beyond_{t:g}km"] for r in body["by_office"]) == pytest.approx(
            beyond[t], abs=1
        )
    cov = body["share_covered"]
    assert cov["within_km"] == body["gap_km"]
    assert cov["population_within"] == pytest.approx(total - beyond[body["gap_km"]])
    for r in body["by_office"]:
        assert r["weighted_median_km"] is None or r["weighted_median_km"] >= 0
    for g in body["gaps"]:
        assert g["caveat"] == "" or g["caveat"] in body["caveats"]


def test_demand_is_the_acs_count_with_its_vintage(client, default_body):
    demand = default_body["demand"]
    assert demand["is_proxy"] is False and demand["source"] == "acs_b05006"
    assert demand["vintage"] == "ACS 5-year 2013-2017"
    assert "nacida en México" in demand["label"] and "ACS a 5 años 2013-2017" in demand["label"]
    assert demand["unknown_counties"]["PR"] == 78 and "línea recta" in demand["distance_note"]
    assert default_body["population_total"] == 11_513_525
    en = _get(client, lang="en", top=1).json()["demand"]
    assert en["citation"] == "US Census Bureau, ACS 5-year 2013-2017, table B05006, Mexico"
    assert "great-circle" in en["distance_note"]


def test_gaps_ranked_and_distances_exact(default_body, vds):
    gaps = default_body["gaps"]
    assert len(gaps) == min(500, default_body["gaps_total"]) > 0
    assert [g["rank"] for g in gaps] == list(range(1, len(gaps) + 1))
    pops = [g["population"] for g in gaps]
    assert pops == sorted(pops, reverse=True)
    assert all(g["distance_km"] >= default_body["gap_km"] for g in gaps)  # rounded to 0.1 km
    xs, ys = vds.geometry.x.to_numpy(), vds.geometry.y.to_numpy()
    for g in gaps[:25]:  # brute force: nearest VDS from the county's weighted centre
        lon, lat = g["center"]
        dists = [_haversine(lon, lat, x, y) for x, y in zip(xs, ys, strict=True)]
        assert g["distance_km"] == pytest.approx(min(dists), abs=0.1)
        assert g["nearest_site_id"] == vds["id"].iloc[dists.index(min(dists))]
        assert len(g["fips"]) == 5 and g["name"] and len(g["state"]) == 2


def test_repeated_kinds_are_one(client):
    body = _get(client, kind=["vds", "vds,consulate"], top=1).json()
    assert body["kinds"] == ["consulate", "vds"]


def test_top_limits_gaps(client, default_body):
    body = _get(client, top=3).json()
    assert body["gaps"] == default_body["gaps"][:3]


@pytest.mark.parametrize("within", [["100", "50", "200"], ["50,100,200"], ["200, 50", "100"]])
def test_thresholds_repeatable_or_comma_separated(client, default_body, within):
    body = _get(client, within_km=within, top=500).json()
    assert body["summary"] == default_body["summary"]


def test_thresholds_km_is_the_name_within_km_the_old_one(client):
    new = _get(client, thresholds_km="100,300", top=5).json()
    old = _get(client, within_km="100,300", top=5).json()
    assert [r["within_km"] for r in new["summary"]] == [100.0, 300.0]
    assert new == old
    both = _get(client, thresholds_km="100,300", within_km="50", top=5).json()
    assert both == new  # the new name wins
    r = _get(client, 400, thresholds_km="0")
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "thresholds_km" in r.text


def test_gap_km_and_kind(client):
    body = _get(client, kind="consulate", within_km="100,300", gap_km=250, top=500).json()
    assert body["kinds"] == ["consulate"] and body["gap_km"] == 250
    assert [r["within_km"] for r in body["summary"]] == [100.0, 300.0]
    assert body["gaps"] and all(g["distance_km"] >= 250 for g in body["gaps"])
    assert all(g["nearest_site_id"].startswith("consulate-") for g in body["gaps"])


@pytest.mark.parametrize(
    "params, status",
    [
        ({"within_km": "0"}, 400),
        ({"within_km": "2001"}, 400),
        ({"within_km": "abc"}, 400),
        ({"within_km": "nan"}, 400),
        ({"within_km": "1e400"}, 400),
        ({"within_km": "1,2,3,4,5,6,7"}, 400),
        ({"kind": "shelter"}, 400),
        ({"kind": "clinic"}, 400),  # the bundled store has no clinics: nothing to measure
        ({"top": 0}, 422),
        ({"top": 501}, 422),
        ({"gap_km": 0}, 422),
        ({"format": "xml"}, 422),
        ({"lang": "fr"}, 422),
    ],
)
def test_bad_input_is_a_problem(client, params, status):
    r = _get(client, status, **params)
    assert r.headers["content-type"].startswith("application/problem+json")


def test_csv_download(client, default_body):
    r = _get(client, format="csv", top=10)
    assert r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"].startswith("attachment;")
    assert r.headers["x-demand-source"] == "acs_b05006"
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert len(rows) == 10
    for row, gap in zip(rows, default_body["gaps"], strict=False):
        assert row["fips"] == gap["fips"] and int(row["rank"]) == gap["rank"]
        assert float(row["distance_km"]) == gap["distance_km"]
        assert "ACS a 5 años 2013-2017" in row["population_label"]
        assert row["population_vintage"] == "ACS 5-year 2013-2017"
        assert "línea recta" in row["distance_note"]


def test_geojson_counties(client, default_body):
    r = _get(client, format="geojson")
    assert r.headers["content-type"].startswith("application/geo+json")
    body = r.json()
    assert body["type"] == "FeatureCollection" and body["demand"]["is_proxy"] is False
    pr = [f for f in body["features"] if f["properties"]["state"] == "PR"]
    assert len(pr) == 78 and all(f["properties"]["population"] is None for f in pr)
    features = body["features"]
    assert len(features) > 3000  # every county
    assert len({f["id"] for f in features}) == len(features)
    gaps = [f for f in features if f["properties"]["gap"]]
    assert len(gaps) == default_body["gaps_total"]
    ranked = {f["properties"]["fips"]: f["properties"]["gap_rank"] for f in gaps}
    assert all(ranked[g["fips"]] == g["rank"] for g in default_body["gaps"])
    n_coords = 0
    for f in features:
        p = f["properties"]
        assert f["geometry"]["type"] in ("Polygon", "MultiPolygon")
        if p["distance_km"] not in (body["gap_km"], *body["within_km"]):  # rounding ties aside
            assert p["gap"] == (p["distance_km"] > body["gap_km"] and (p["population"] or 0) > 0)
            expected = next((t for t in body["within_km"] if p["distance_km"] <= t), None)
            assert p["within_km"] == expected
        assert p["threshold_km"] == p["within_km"]  # the new name, and its deprecated alias
        n_coords += len(str(f["geometry"]["coordinates"]).split("],"))
    assert n_coords < 200_000  # simplified (the source outlines have ~1 million points)


def test_demand_built_once_per_process(client):
    planning = planning_of(client)
    layer = planning.layer()
    _get(client, within_km="75", top=1)
    assert planning.layer() is layer and planning_of(client) is planning


def test_planning_cache_lru():
    calls = []

    def compute(key):
        calls.append(key)
        return {"key": key}

    planning = PlanningSession(lambda: None)
    assert planning.cached("a", lambda: compute("a")) == {"key": "a"}
    assert planning.cached("a", lambda: compute("a")) == {"key": "a"}
    assert calls == ["a"]
    for i in range(CACHE_SIZE):
        planning.cached(i, lambda i=i: compute(i))
    planning.cached("a", lambda: compute("a"))  # evicted: computed again
    assert calls.count("a") == 2


def test_parse_thresholds():
    assert parse_thresholds(None) == (50.0, 100.0, 200.0)
    assert parse_thresholds(["10", "10,20"]) == (10.0, 20.0)
    with pytest.raises(InvalidInputError):
        parse_thresholds([","])


# ---------------------------------------------------------------- suggestions
def test_suggestions_are_labelled_model_output(client):
    path = "/v1/coverage/suggestions"
    body = _get(client, path=path, k=2, within_km=300).json()
    assert body["kinds"] == ["vds"] and body["k"] == 2 and body["within_km"] == 300
    assert body["radius_km"] == body["within_km"]  # the new name, and its deprecated alias
    assert 1 <= len(body["suggestions"]) <= 2
    assert body["demand"]["is_proxy"] is False
    before, after = body["coverage_before"], body["coverage_after"]
    assert after["population_covered"] >= before["population_covered"]
    gained = sum(s["newly_covered_population"] for s in body["suggestions"])
    assert after["population_covered"] - before["population_covered"] == pytest.approx(gained)
    for s in body["suggestions"]:
        assert s["model_suggestion"] is True and s["illustrative"] is True
        assert "no es un sitio real" in s["note"]
        assert -180 <= s["lon"] <= 180 and -90 <= s["lat"] <= 90
    en = _get(client, path=path, k=2, within_km=300, lang="en").json()  # cached result
    assert en["suggestions"][0]["name"] == body["suggestions"][0]["name"]
    assert "not a real site" in en["suggestions"][0]["note"]


def test_suggestions_radius_km_is_the_name_within_km_the_old_one(client):
    path = "/v1/coverage/suggestions"
    old = _get(client, path=path, k=2, within_km=300).json()
    assert _get(client, path=path, k=2, radius_km=300).json() == old  # the same cached model


@pytest.mark.parametrize(
    "params, status",
    [
        ({"k": 0}, 422),
        ({"k": 21}, 422),
        ({"within_km": 49}, 422),
        ({"within_km": 301}, 422),
        ({"radius_km": 49}, 422),
        ({"radius_km": 301}, 422),
        ({"kind": "nope"}, 400),
    ],
)
def test_suggestions_bad_input(client, params, status):
    r = _get(client, status, path="/v1/coverage/suggestions", **params)
    assert r.headers["content-type"].startswith("application/problem+json")


def test_coverage_geojson_is_rfc_7946(client):
    from geodata.geojson import rfc7946_problems

    r = _get(client, format="geojson")
    problems = rfc7946_problems(r.text)
    assert problems == [], problems[:5]


# ------------------------------------------------- the store the API serves
MT_CLINICS = [("test-clinic-billings", -108.50, 45.78), ("test-clinic-great-falls", -111.30, 47.50)]
"""Made-up test clinics (not real data) in Montana, 300+ km from every VDS."""


def _clinics_geojson() -> bytes:
    import json

    return json.dumps(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    "properties": {
                        "id": sid,
                        "kind": "clinic",
                        "name": f"Clinic {sid}",
                        "state": "MT",
                        "location_precision": "city",
                        "source": "tests/api/test_coverage.py",
                    },
                }
                for sid, lon, lat in MT_CLINICS
            ],
        }
    ).encode()


def test_coverage_counts_clinics_imported_into_the_served_store(make_client, vds):
    """/v1/coverage measures the API's configured store: clinics imported through
    POST /v1/imports count at once (new dataset version), checked by hand (haversine)."""
    from tests.api.conftest import API_KEY

    client = make_client(api_key=API_KEY, request_budget_seconds=120)
    _get(client, 400, kind="clinic")  # nothing imported yet: no clinic to measure
    before = _get(client, kind="vds", within_km="100", top=1).json()
    r = client.post(
        "/v1/imports",
        params={"format": "geojson"},
        headers={"X-API-Key": API_KEY},
        files={"file": ("c.geojson", _clinics_geojson(), "application/geo+json")},
    )
    assert r.status_code == 200, r.text
    only = _get(client, kind="clinic", within_km="100", top=500).json()
    both = _get(client, kind="vds,clinic", within_km="100", top=500).json()
    assert only["dataset_version"] == both["dataset_version"] != before["dataset_version"]
    counties = planning_of(client).layer().counties
    pop = counties["population"].to_numpy(float)
    sites = [(lon, lat) for _, lon, lat in MT_CLINICS]
    vds_xy = list(zip(vds.geometry.x, vds.geometry.y, strict=True))
    near_clinic, near_any = [], []
    for lon, lat in zip(counties["center_lon"], counties["center_lat"], strict=True):
        dc = min(_haversine(lon, lat, x, y) for x, y in sites)
        near_clinic.append(dc)
        near_any.append(min(dc, *(_haversine(lon, lat, x, y) for x, y in vds_xy)))
    for body, dist in ((only, near_clinic), (both, near_any)):
        far = [p for p, d in zip(pop, dist, strict=True) if d > 100 and p == p]
        assert body["summary"][0]["population_beyond"] == pytest.approx(sum(far))
    assert both["summary"][0]["population_beyond"] < before["summary"][0]["population_beyond"]
    yellowstone = counties.index[counties["fips"] == "30111"][0]  # Billings, MT
    assert "30111" not in {g["fips"] for g in both["gaps"]}
    assert near_clinic[yellowstone] < 30
    offices = {o["site_id"] for o in both["by_office"]}
    assert {"test-clinic-billings", "test-clinic-great-falls"} <= offices
