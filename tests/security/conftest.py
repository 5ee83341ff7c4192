"""A store holding hostile text in every field, imported through locator's own CLI importers.

``payload_store`` is the bundled data plus clinics near Chicago (ZIP 60608) whose every text
field carries a payload of :mod:`tests.security.payloads`, and an imported route for the Detroit
mobile unit whose route and stop texts carry payloads too.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geodata.stores.gpkg import GeoPackageStore
from locator.cli.main import cli
from tests.security.payloads import (
    LONG_PAYLOAD,
    PHONE_PAYLOADS,
    TEXT_PAYLOADS,
    URL_PAYLOADS,
)

TEXT_FIELDS = ("name", "organization", "street_address", "city", "hours", "notes", "source")
ROUTE_ID = "route-payload"


def _clinic_rows() -> list[dict[str, str]]:
    rows = []
    extras = [*TEXT_PAYLOADS, LONG_PAYLOAD]
    for i, payload in enumerate(extras):
        row = {f: f"{payload} ·{f}{i}" for f in TEXT_FIELDS}
        row["name"] = f"{payload} ·name{i}"
        row |= {
            "kind": "clinic",
            "state": "IL",
            "postal_code": "60608",
            "lat": f"{41.850 + 0.004 * (i % 6):.3f}",
            "lon": f"{-87.660 - 0.004 * (i // 6):.3f}",
            "location_precision": "address",
            "phone": PHONE_PAYLOADS[i % len(PHONE_PAYLOADS)],
            "url": URL_PAYLOADS[i % len(URL_PAYLOADS)],
        }
        rows.append(row)
    return rows


def _route_features() -> dict:
    stops = [("Dearborn", -83.18, 42.32), ("Pontiac", -83.29, 42.64), ("Detroit", -83.05, 42.33)]
    feats = []
    for i, (city, lon, lat) in enumerate(stops):
        payload = TEXT_PAYLOADS[i]
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "route_id": ROUTE_ID,
                    "sequence": i + 1,
                    "name": f"{payload} ·stop{i}",
                    "city": f"{city} {TEXT_PAYLOADS[i + 6]}",
                    "state": "MI",
                    "unit_id": "vds-mobile-detroit",
                    "route_name": f"{TEXT_PAYLOADS[7]} ·route",
                    "route_description": f"{TEXT_PAYLOADS[0]} {TEXT_PAYLOADS[8]}",
                    "location_precision": "city",
                    "illustrative": True,
                    "source": f"{TEXT_PAYLOADS[1]} ·src",
                    "rrule": "FREQ=WEEKLY;BYDAY=SA",
                    "dtstart": "2026-01-03T10:00",
                    "duration_minutes": 240,
                },
            }
        )
    return {"type": "FeatureCollection", "features": feats}


def run_cli(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="session")
def payload_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """GeoPackage: bundled data + payload clinics and a payload route (read-only for tests)."""
    folder = tmp_path_factory.mktemp("payload-store")
    store = folder / "locator.gpkg"
    GeoPackageStore(store)
    sites_csv = folder / "clinics.csv"
    rows = _clinic_rows()
    with sites_csv.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    run_cli("import", "csv", str(sites_csv), "--store", str(store))
    stops = folder / "stops.geojson"
    stops.write_text(json.dumps(_route_features()), encoding="utf-8")
    run_cli("import", "routes", str(stops), "--store", str(store))
    return store
