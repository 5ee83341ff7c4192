"""Tests of the mobile-unit CLI commands (locator.cli.mobile_cmd) on a temporary store."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from locator.cli.main import cli
from locator.mobile.ics import parse_ics


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("mobile") / "locator.gpkg"
    from geodata.stores.gpkg import GeoPackageStore

    GeoPackageStore(path)
    return str(path)


def run(*args):
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result


def test_visits_table_says_illustrative(store):
    result = run("visits", "Dearborn, MI", "--from", "2025-03-01", "--days", "10", "--store", store)
    assert result.exit_code == 0, result.output
    assert "ILUSTRATIVO" in result.output and "sáb 1 mar 2025, 10:00–14:00 EST" in result.output
    assert "aproximada" in result.output


def test_visits_json_in_english(store):
    result = run(
        "visits",
        "10001",
        "--from",
        "2025-11-01",
        "--days",
        "3",
        "--format",
        "json",
        "--lang",
        "en",
        "--store",
        store,
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    starts = [v["start"] for v in data["visits"]]
    assert starts == ["2025-11-01T10:00:00-04:00", "2025-11-02T10:00:00-05:00"]  # DST ends
    assert all(v["illustrative"] and "ILLUSTRATIVE" in v["notice"] for v in data["visits"])
    assert data["radius_km"] == data["within_km"] == 50.0  # new name, and its deprecated alias


def test_visits_bad_query_and_range(store):
    result = run("visits", "zzzqqqxx", "--store", store)
    assert result.exit_code == 2 and "error:" in result.output
    assert run("visits", "Detroit", "--within-km", "0", "--store", store).exit_code == 2


def test_routes_listing(store):
    result = run("routes", "--store", store)
    assert result.exit_code == 0
    assert "route-vds-mobile-detroit" in result.output and "ILUSTRATIVO" in result.output
    data = json.loads(run("routes", "--format", "json", "--store", store).output)
    assert {r["id"] for r in data["routes"]} == {
        "route-vds-mobile-detroit",
        "route-vds-mobile-new-york",
    }
    geo = json.loads(run("routes", "--format", "geojson", "--store", store).output)
    assert all(f["properties"]["illustrative"] for f in geo["features"])


def test_route_ics_and_map(store, tmp_path):
    ics, html = tmp_path / "r.ics", tmp_path / "r.html"
    result = run(
        "route-ics",
        "route-vds-mobile-detroit",
        "-o",
        str(ics),
        "--map",
        str(html),
        "--store",
        store,
    )
    assert result.exit_code == 0, result.output
    cal = parse_ics(ics.read_bytes())
    assert len(list(cal.walk("VEVENT"))) == 8
    page = html.read_text(encoding="utf-8")
    assert "ILUSTRATIVO" in page
    assert "https://unpkg.com" not in page and "cdn." not in page


def test_route_ics_unknown(store, tmp_path):
    result = run("route-ics", "nope", "-o", str(tmp_path / "x.ics"), "--store", store)
    assert result.exit_code == 2 and "route-vds-mobile-detroit" in result.output


def test_plan_route(store):
    result = run("plan-route", "route-vds-mobile-detroit", "--format", "json", "--store", store)
    data = json.loads(result.output)
    assert data["great_circle_km"] <= data["current_great_circle_km"] + 1e-6
    assert data["driving_estimate_km"] == pytest.approx(data["great_circle_km"] * 1.3, abs=1e-2)
    assert len(data["order"]) == 8 and data["illustrative"] is True


def test_imported_stops_without_city_show_their_names(tmp_path):
    from geodata.importers.routes import import_routes
    from geodata.stores.gpkg import GeoPackageStore

    path = tmp_path / "s.gpkg"
    db = GeoPackageStore(path)
    feats = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": {
                "route_id": "r-import",
                "sequence": i + 1,
                "name": name,
                "unit_id": "vds-mobile-detroit",
                "source": "Test",
                "rrule": "FREQ=MONTHLY;BYDAY=1SA",
                "dtstart": "2026-01-03T10:00",
                "duration_minutes": 240,
            },
        }
        for i, (name, lon, lat) in enumerate(
            [("Iglesia Santa Ana", -83.18, 42.32), ("Parque Pontiac", -83.29, 42.64)]
        )
    ]
    data = json.dumps({"type": "FeatureCollection", "features": feats}).encode()
    import_routes(db, data, precision="address")
    out = run("routes", "--store", str(path)).output
    assert "Paradas: Iglesia Santa Ana → Parque Pontiac" in out
    assert ", →" not in out and ",  " not in out
    out = run(
        "visits", "Dearborn, MI", "--from", "2026-01-01", "--days", "5", "--store", str(path)
    ).output
    line = next(x for x in out.splitlines() if "0.4 km" in x)
    assert line.split("km", 1)[1].strip() == "Iglesia Santa Ana"
    out = run("routes", "--store", str(path), "--format", "json").output
    (own,) = [r for r in json.loads(out)["routes"] if r["id"] == "r-import"]
    assert own["stops"] == ["Iglesia Santa Ana", "Parque Pontiac"]
