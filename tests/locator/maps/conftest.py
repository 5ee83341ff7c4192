"""Fixtures for the maps tests: small synthetic sites, stops and a route (all illustrative)."""

from __future__ import annotations

import pytest
from shapely.geometry import LineString, Point, box

from geodata.schema import coerce_routes, coerce_sites, coerce_stops
from locator.maps import save_html

from .helpers import EVIL_IMG, EVIL_SCRIPT, Visit


@pytest.fixture
def chicago_sites():
    rows = [
        {
            "id": "consulate-chicago",
            "kind": "consulate",
            "name": "Consulado General en Chicago",
            "street_address": "204 S Ashland Ave",
            "city": "Chicago",
            "state": "IL",
            "postal_code": "60607",
            "phone": "(312) 555-0100",
            "url": "https://consulmex.sre.gob.mx/chicago/",
            "services": ["consular_documentation"],
            "location_precision": "address",
            "source": "test",
            "source_date": "2024-01-01",
            "geometry": Point(-87.6665, 41.8789),
        },
        {
            "id": "vds-1",
            "kind": "vds",
            "name": EVIL_IMG,
            "city": "Chicago",
            "state": "IL",
            "location_precision": "city",
            "source": "test",
            "services": ["vaccines"],
            "geometry": Point(-87.70, 41.85),
        },
        {
            "id": "clinic-1",
            "kind": "clinic",
            "name": EVIL_SCRIPT,
            "city": "Cicero",
            "state": "IL",
            "location_precision": "postal_code",
            "postal_code": "60804",
            "source": "test",
            "geometry": Point(-87.75, 41.84),
        },
        {
            "id": "odd-1",
            "kind": "shelter",
            "name": "Albergue `${x}`",
            "city": "Gary",
            "state": "IN",
            "location_precision": "address",
            "source": "test",
            "geometry": Point(-87.35, 41.60),
        },
    ]
    return coerce_sites(rows)


@pytest.fixture
def nearest_results(chicago_sites):
    res = chicago_sites.iloc[[1, 0, 2]].reset_index(drop=True).copy()
    res["distance_km"] = [1.2, 3.4, 7.8]
    res["distance_mi"] = res["distance_km"] / 1.609344
    res["rank"] = [1, 2, 3]
    return res


@pytest.fixture
def query():
    return {"label": "60608 Chicago, IL", "lat": 41.85, "lon": -87.67, "precision": "postal_code"}


@pytest.fixture
def region():
    return box(-88.3, 41.4, -87.5, 42.2)


@pytest.fixture
def route_and_stops():
    stops = coerce_stops(
        [
            {
                "id": f"st{i}",
                "route_id": "r1",
                "sequence": seq,
                "name": name,
                "city": name,
                "state": "GA",
                "rrule": "FREQ=MONTHLY;BYDAY=1SA",
                "dtstart": "2024-05-04T10:00",
                "duration_minutes": 180,
                "timezone": "America/New_York",
                "location_precision": "city",
                "illustrative": True,
                "source": "illustrative sample",
                "geometry": Point(lon, lat),
            }
            for i, (seq, name, lon, lat) in enumerate(
                [
                    (2, "Gainesville", -83.82, 34.30),
                    (1, "Dalton", -84.97, 34.77),
                    (3, "Athens", -83.38, 33.95),
                ]
            )
        ]
    )
    stops["next_visits"] = [["2024-06-01 10:00", "2024-07-06 10:00"]] * 3
    route = coerce_routes(
        [
            {
                "id": "r1",
                "unit_id": "vds-mobile-atlanta",
                "name": "Ruta norte de Georgia",
                "description": "illustrative",
                "source": "illustrative sample",
                "illustrative": True,
                "geometry": LineString([(-84.97, 34.77), (-83.82, 34.30), (-83.38, 33.95)]),
            }
        ]
    )
    return route.iloc[0], stops


@pytest.fixture
def visit(browser, tmp_path):
    """``visit(page_or_map, name, **viewport)`` saves the page and opens it offline."""
    opened = []

    def _open(page_or_map, name="map.html", **options):
        path = save_html(page_or_map, tmp_path / name)
        v = Visit(browser, path, **options)
        opened.append(v)
        return v

    yield _open
    for v in opened:
        v.context.close()
