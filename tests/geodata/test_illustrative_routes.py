"""Tests of geodata.illustrative_routes (fake gazetteer, plus the real one when present)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from shapely.geometry import Point

from geodata.errors import NotFoundError
from geodata.illustrative_routes import (
    ILLUSTRATIVE_SOURCE,
    ROUTE_PLANS,
    build_illustrative_routes,
)
from geodata.schema import ROUTE_COLUMNS, STOP_COLUMNS
from locator.mobile.schedule import occurrences, schedule_of


@dataclass
class FakePlace:
    name: str
    state: str
    lat: float
    lon: float
    timezone: str = ""


class FakeGazetteer:
    """Knows every planned place except ``missing``; puts them on a small grid."""

    def __init__(self, missing=(), tz="America/New_York"):
        self.missing = set(missing)
        self.tz = tz
        self.calls = []

    def city(self, name, state=None):
        self.calls.append((name, state))
        if name in self.missing:
            return None
        n = len(self.calls)
        return FakePlace(name, state, 40.0 + n * 0.1, -80.0 + n * 0.1, self.tz)


def test_two_routes_with_schema_and_labels():
    routes, stops = build_illustrative_routes(FakeGazetteer())
    assert list(routes.columns) == [*ROUTE_COLUMNS, "geometry"]
    assert list(stops.columns) == [*STOP_COLUMNS, "geometry"]
    assert dict(zip(routes["id"], routes["unit_id"], strict=True)) == {
        "route-vds-mobile-detroit": "vds-mobile-detroit",
        "route-vds-mobile-new-york": "vds-mobile-new-york",
    }
    for frame in (routes, stops):
        assert frame["illustrative"].all()
        assert (frame["source"] == ILLUSTRATIVE_SOURCE).all()
    assert routes["name"].str.contains("Ruta ilustrativa").all()
    assert routes["name"].str.contains("Illustrative route").all()
    assert routes["description"].str.contains("Ruta ilustrativa / Illustrative route").all()
    assert stops["name"].str.contains("ilustrativa / illustrative").all()
    assert (stops["location_precision"] == "city").all()
    assert stops["id"].is_unique


def test_line_passes_through_ordered_stops():
    routes, stops = build_illustrative_routes(FakeGazetteer())
    for route in routes.itertuples():
        own = stops[stops["route_id"] == route.id].sort_values("sequence")
        assert list(own["sequence"]) == list(range(1, len(own) + 1))
        assert 6 <= len(own) <= 8
        assert [Point(c) for c in route.geometry.coords] == list(own.geometry)


def test_schedules_valid_and_one_stop_per_day():
    _, stops = build_illustrative_routes(FakeGazetteer())
    for route_id, own in stops.groupby("route_id"):
        days = []
        for row in own.to_dict("records"):
            sched = schedule_of(row)
            assert sched.dtstart.hour == 10
            visits = occurrences(row, date(2025, 1, 1), date(2026, 1, 1))
            assert len(visits) == 12, route_id
            assert visits[0] == sched.dtstart  # dtstart is the first visit (RFC 5545 sync)
            days += [v.date() for v in visits]
        assert len(days) == len(set(days)), f"{route_id}: two stops the same day"


def test_missing_places_are_skipped_and_too_few_raise():
    _, stops = build_illustrative_routes(FakeGazetteer(missing={"Pontiac"}))
    assert "Pontiac" not in set(stops["city"])
    too_many = {name for name, _ in ROUTE_PLANS["detroit"]["places"][:5]}
    with pytest.raises(NotFoundError):
        build_illustrative_routes(FakeGazetteer(missing=too_many))


def test_timezone_from_coordinates_when_place_has_none():
    _, stops = build_illustrative_routes(FakeGazetteer(tz=""))
    assert stops["timezone"].str.startswith("America/").all()


def test_real_gazetteer_places():
    gazetteer = pytest.importorskip("geodata.gazetteer").Gazetteer.default()
    routes, stops = build_illustrative_routes(gazetteer)
    det = stops[stops["route_id"] == "route-vds-mobile-detroit"]
    ny = stops[stops["route_id"] == "route-vds-mobile-new-york"]
    assert set(det["state"]) <= {"MI", "OH"} and set(ny["state"]) <= {"NY", "CT"}
    assert "Detroit" in set(det["city"]) and "New York" in set(ny["city"])
    assert set(det["timezone"]) <= {"America/Detroit", "America/New_York"}
    assert len(routes) == 2
