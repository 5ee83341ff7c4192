"""Tests of locator.mobile.ics: iCalendar round trip, determinism, labels, GeoJSON."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from dateutil.rrule import rrulestr
from shapely.geometry import LineString, Point

from geodata.errors import InvalidInputError
from geodata.schema import coerce_routes, coerce_stops
from locator.mobile.ics import (
    parse_ics,
    route_calendar,
    routes_geojson,
    stop_calendar,
    stops_geojson,
    to_ics,
)
from locator.mobile.schedule import occurrences

ROUTE = {
    "id": "r1",
    "unit_id": "u1",
    "name": "Ruta de prueba",
    "illustrative": True,
    "source_date": "2023-12-06",
    "geometry": LineString([(-83.05, 42.33), (-112.07, 33.45)]),
}


def stops(illustrative=True):
    return coerce_stops(
        [
            {
                "id": "s2",
                "route_id": "r1",
                "sequence": 2,
                "name": "Phoenix",
                "city": "Phoenix",
                "state": "AZ",
                "rrule": "FREQ=WEEKLY;BYDAY=SU\nEXDATE:20250112T093000",
                "dtstart": "2025-01-05T09:30",
                "timezone": "America/Phoenix",
                "duration_minutes": 90,
                "illustrative": illustrative,
                "location_precision": "city",
                "source": "test",
                "geometry": Point(-112.07, 33.45),
            },
            {
                "id": "s1",
                "route_id": "r1",
                "sequence": 1,
                "name": "Detroit",
                "city": "Detroit",
                "state": "MI",
                "rrule": "FREQ=MONTHLY;BYDAY=1SA",
                "dtstart": "2025-01-01T10:00",
                "timezone": "America/Detroit",
                "duration_minutes": 240,
                "illustrative": illustrative,
                "location_precision": "city",
                "source": "test",
                "geometry": Point(-83.05, 42.33),
            },
        ]
    )


def expand(event, start, end):
    """Expand a parsed VEVENT with dateutil, independent of locator.mobile.schedule."""
    dtstart = event.decoded("dtstart")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=dtstart)
    ex = event.get("EXDATE")
    excluded = set()
    for item in ex if isinstance(ex, list) else ([ex] if ex else []):
        excluded |= {d.dt for d in item.dts}
    return [d for d in rule.between(start, end, inc=True) if d not in excluded]


def test_round_trip_matches_occurrences():
    data = to_ics(route_calendar(ROUTE, stops()))
    cal = parse_ics(data)
    events = list(cal.walk("VEVENT"))
    assert [str(e["UID"]) for e in events] == ["s1@locator.mobile", "s2@locator.mobile"]
    assert cal.get_missing_tzids() == set()
    assert {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")} == {
        "America/Detroit",
        "America/Phoenix",
    }
    by_id = {s["id"]: s for s in stops().to_dict("records")}
    for event in events:
        stop = by_id[str(event["UID"]).split("@")[0]]
        tz = event.decoded("dtstart").tzinfo
        lo, hi = datetime(2025, 1, 1, tzinfo=tz), datetime(2026, 1, 1, tzinfo=tz)
        got = [d.replace(tzinfo=None) for d in expand(event, lo, hi)]
        want = [
            d.replace(tzinfo=None) for d in occurrences(stop, date(2025, 1, 1), date(2026, 1, 1))
        ]
        assert got == want and len(want) >= 12
    assert b"DTSTART;TZID=America/Detroit:20250104T100000" in data  # first real visit


def test_dtstart_is_first_visit_and_exdate_kept():
    data = to_ics(route_calendar(ROUTE, stops())).decode()
    assert "EXDATE;TZID=America/Phoenix:20250112T093000" in data
    assert "DURATION:PT1H30M" in data


def test_deterministic_output():
    assert to_ics(route_calendar(ROUTE, stops())) == to_ics(route_calendar(ROUTE, stops()))


@pytest.mark.parametrize("illustrative", [True, False])
def test_labels(illustrative):
    route = {**ROUTE, "illustrative": illustrative}
    cal = parse_ics(to_ics(route_calendar(route, stops(illustrative))))
    for event in cal.walk("VEVENT"):
        for prop in ("SUMMARY", "LOCATION", "DESCRIPTION"):
            text = str(event[prop])
            assert ("ILUSTRATIVO" in text and "ILLUSTRATIVE" in text) == illustrative, prop
        assert "aproximada" in str(event["LOCATION"])


def test_stop_calendar_single_event():
    stop = stops().to_dict("records")[0]
    cal = parse_ics(to_ics(stop_calendar(stop, ROUTE)))
    assert len(list(cal.walk("VEVENT"))) == 1


def test_errors():
    bad = stops().to_dict("records")
    bad[0]["rrule"] = "FREQ=SECONDLY"
    with pytest.raises(InvalidInputError):
        route_calendar(ROUTE, bad)
    with pytest.raises(InvalidInputError):
        route_calendar({**ROUTE, "id": "other"}, stops())
    with pytest.raises(InvalidInputError):
        parse_ics(b"this is not a calendar")


def test_geojson_has_illustrative_and_is_json():
    fc = stops_geojson(stops())
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 2
    assert all(f["properties"]["illustrative"] is True for f in fc["features"])
    assert fc["features"][0]["geometry"]["type"] == "Point"
    routes = routes_geojson(coerce_routes([ROUTE]))
    assert routes["features"][0]["properties"]["illustrative"] is True
    assert routes["features"][0]["geometry"]["type"] == "LineString"
    json.dumps(fc)


_MANY_ZONES = """
import sys
from shapely.geometry import Point
from locator.mobile.ics import route_calendar, to_ics
zones = [("America/New_York", -74.0, 40.7), ("America/Chicago", -87.6, 41.9),
         ("America/Los_Angeles", -118.2, 34.1), ("America/Denver", -105.0, 39.7)]
stops = [{"id": f"s{i}", "route_id": "r", "sequence": i + 1, "name": tz, "rrule": "FREQ=WEEKLY",
          "dtstart": "2025-01-04T10:00", "timezone": tz, "duration_minutes": 60,
          "location_precision": "city", "geometry": Point(x, y)}
         for i, (tz, x, y) in enumerate(zones)]
sys.stdout.buffer.write(to_ics(route_calendar({"id": "r", "name": "R"}, stops)))
"""


def test_vtimezones_sorted_and_identical_across_processes():
    import os
    import subprocess
    import sys

    outputs = set()
    for seed in ("1", "2", "3", "4"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", _MANY_ZONES], env=env, check=True, capture_output=True
        )
        outputs.add(done.stdout)
    assert len(outputs) == 1
    cal = parse_ics(outputs.pop())
    tzids = [str(c["TZID"]) for c in cal.subcomponents if c.name == "VTIMEZONE"]
    assert tzids == sorted(tzids) and len(tzids) == 4
    names = [c.name for c in cal.subcomponents]
    assert names == ["VTIMEZONE"] * 4 + ["VEVENT"] * 4
