"""Tests of locator.mobile.visits: next visits vs brute force, route distance, unit location."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np
import pytest
from pyproj import Geod
from shapely.geometry import LineString, Point

from geodata.errors import InvalidInputError
from locator.distance import haversine_km
from locator.mobile.visits import distance_to_route, next_visits, stop_place, unit_location

WEEKDAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def make_stops():
    """Weekly stops on different days/zones, some near Detroit, one far (Phoenix)."""
    spec = [
        ("a", "SA", "America/Detroit", (-83.05, 42.33), 240),
        ("b", "SU", "America/Detroit", (-83.18, 42.32), 120),
        ("c", "WE", "America/New_York", (-83.55, 41.66), 60),  # Toledo, ~75 km
        ("d", "SA", "America/Detroit", (-85.67, 42.96), 240),  # Grand Rapids, ~220 km
        ("e", "SA", "America/Phoenix", (-112.07, 33.45), 60),
    ]
    return [
        {
            "id": sid,
            "route_id": "r1" if sid != "e" else "r2",
            "name": sid,
            "city": "",
            "state": "",
            "rrule": f"FREQ=WEEKLY;BYDAY={day}",
            "dtstart": "2025-01-01T09:00",
            "timezone": tz,
            "duration_minutes": minutes,
            "illustrative": sid != "c",
            "geometry": Point(*xy),
        }
        for sid, day, tz, xy, minutes in spec
    ]


def brute_force(stops, lon, lat, within_km, lo, hi):
    """Every day in the window, checked by weekday; independent of dateutil."""
    out = []
    for stop in stops:
        d = float(haversine_km(lon, lat, stop["geometry"].x, stop["geometry"].y))
        if d > within_km:
            continue
        tz = ZoneInfo(stop["timezone"])
        day = stop["rrule"].split("BYDAY=")[1]
        cur = lo.astimezone(tz).date() - timedelta(days=1)
        while cur <= hi.astimezone(tz).date():
            start = datetime(cur.year, cur.month, cur.day, 9, 0, tzinfo=tz)
            end = start + timedelta(minutes=stop["duration_minutes"])
            if (
                cur.weekday() == WEEKDAYS[day]
                and cur >= date(2025, 1, 1)
                and end > lo
                and start < hi
            ):
                out.append((start.astimezone(UTC), stop["id"]))
            cur += timedelta(days=1)
    return sorted(out)


@pytest.mark.parametrize("within_km", [20, 100, 300, 2000])
@pytest.mark.parametrize(
    "start", [datetime(2025, 3, 1, 14, 30, tzinfo=UTC), datetime(2025, 10, 29, tzinfo=UTC)]
)
def test_next_visits_match_brute_force(within_km, start):
    stops = make_stops()
    got = next_visits(
        stops, [], lon=-83.05, lat=42.33, radius_km=within_km, start=start, days=21, limit=None
    )
    expected = brute_force(stops, -83.05, 42.33, within_km, start, start + timedelta(days=21))
    assert [(v.start.astimezone(UTC), v.stop_id) for v in got] == expected
    assert all(v.start.hour == 9 for v in got)
    assert all(v.distance_km <= within_km for v in got)


def test_next_visits_fields_limit_and_routes():
    routes = [{"id": "r1", "unit_id": "u1", "name": "Route one", "illustrative": True}]
    got = next_visits(
        make_stops(),
        routes,
        lon=-83.05,
        lat=42.33,
        radius_km=100,
        start=datetime(2025, 3, 1, tzinfo=UTC),
        days=30,
        limit=3,
    )
    assert len(got) == 3
    assert got == sorted(got, key=lambda v: v.start)
    first = got[0].to_dict("en")
    assert first["route_name"] == "Route one" and first["unit_id"] == "u1"
    assert first["start"].startswith("2025-03-01T09:00:00-05:00")
    assert "ILLUSTRATIVE" in first["notice"] and "Sat 1 Mar 2025" in first["local_text"]
    assert "ILUSTRATIVO" in got[0].to_dict("es")["notice"]
    toledo = [
        v
        for v in next_visits(
            make_stops(),
            [],
            lon=-83.05,
            lat=42.33,
            radius_km=100,
            start=datetime(2025, 3, 1, tzinfo=UTC),
            days=8,
        )
        if v.stop_id == "c"
    ]
    assert toledo and not toledo[0].illustrative


def test_next_visits_naive_start_is_local_and_end_param():
    got = next_visits(
        make_stops(),
        [],
        lon=-83.05,
        lat=42.33,
        radius_km=30,
        start=date(2025, 3, 1),
        end=date(2025, 3, 3),
        limit=None,
    )
    assert [(v.stop_id, v.start.day) for v in got] == [("a", 1), ("b", 2)]


def test_bad_stop_is_skipped_not_fatal():
    stops = make_stops()
    stops[0]["timezone"] = "Nowhere/Land"
    got = next_visits(
        stops, [], lon=-83.05, lat=42.33, radius_km=30, start=date(2025, 3, 1), days=7
    )
    assert {v.stop_id for v in got} == {"b"}


@pytest.mark.parametrize(
    "kwargs",
    [
        {"radius_km": 0},
        {"radius_km": -1},
        {"radius_km": 1e6},
        {"days": 0},
        {"days": 5000},
        {"lat": 95.0},
        {"lon": float("nan")},
        {"start": date(1, 1, 1)},
        {"start": date(9999, 12, 31)},
        {"start": date(2025, 1, 1), "end": date(2200, 1, 1)},
    ],
)
def test_next_visits_bad_input(kwargs):
    args = {"lon": -83.0, "lat": 42.0, "radius_km": 50, "days": 7, **kwargs}
    with pytest.raises(InvalidInputError):
        next_visits(make_stops(), [], **args)


def dense_min_km(line, lon, lat, n=4000):
    geod = Geod(ellps="WGS84")
    pts = []
    coords = list(line.coords)
    for (x1, y1), (x2, y2) in itertools.pairwise(coords):
        pts += [(x1, y1), *geod.npts(x1, y1, x2, y2, n)]
    pts.append(coords[-1])
    arr = np.array(pts)
    return float(haversine_km(lon, lat, arr[:, 0], arr[:, 1]).min())


@pytest.mark.parametrize(
    ("line", "point"),
    [
        (LineString([(-83.05, 42.33), (-85.67, 42.96), (-86.11, 42.79)]), (-84.5, 43.5)),
        (LineString([(-74.0, 40.7), (-73.2, 41.2)]), (-73.5, 40.5)),
        (LineString([(-120, 60), (-60, 60)]), (-90, 62)),  # long segment: geodesic bulges north
        (LineString([(179.5, 10), (-179.5, 10)]), (180, 10.5)),  # antimeridian
        (LineString([(-83, 42), (-82, 42)]), (-82.5, 42)),  # on the line
    ],
)
def test_distance_to_route_matches_dense_haversine(line, point):
    got = distance_to_route(line, *point)
    expected = dense_min_km(line, *point)
    assert got == pytest.approx(expected, rel=0.006, abs=0.2)  # sphere vs ellipsoid


def test_distance_to_route_not_planar():
    line = LineString([(-120, 60), (-60, 60)])
    planar_deg = line.distance(Point(-90, 62))  # 2 degrees of latitude in planar
    assert distance_to_route(line, -90, 62) < planar_deg * 111.19 * 0.8


def test_distance_to_route_bad_geometry():
    with pytest.raises(InvalidInputError):
        distance_to_route(LineString(), 0, 0)


def test_unit_location():
    stops = make_stops()
    assert unit_location(stops, "r1", date(2025, 3, 2))["id"] == "b"
    assert unit_location(stops, "r1", date(2025, 3, 1))["id"] in {"a", "d"}
    assert unit_location(stops, "r1", date(2025, 3, 3)) is None
    assert unit_location(stops, "r2", date(2025, 3, 1))["id"] == "e"
    assert unit_location(stops, "nope", date(2025, 3, 1)) is None


@pytest.mark.parametrize(
    ("city", "state", "expected"),
    [
        ("Toledo", "OH", "Toledo, OH"),
        ("Toledo", "", "Toledo"),
        ("", "OH", "OH"),
        ("", "", "Iglesia San José"),
        (None, float("nan"), "Iglesia San José"),
    ],
)
def test_stop_place_falls_back_to_the_name(city, state, expected):
    stop = {"name": "Iglesia San José", "city": city, "state": state}
    assert stop_place(stop) == expected


@pytest.mark.parametrize(
    ("given", "expected"), [("", ""), (None, ""), ("city", "city"), ("address", "address")]
)
def test_visit_precision_is_not_assumed(given, expected):
    stops = make_stops()[:1]
    stops[0]["location_precision"] = given
    (visit,) = next_visits(
        stops, [], lon=-83.05, lat=42.33, radius_km=5, start=date(2025, 3, 1), days=3
    )
    assert visit.location_precision == expected
    assert visit.place == "a" and visit.to_dict()["place"] == "a"
    assert visit.to_dict()["city"] == ""


def test_within_km_is_a_deprecated_alias_of_radius_km():
    start = datetime(2025, 3, 1, tzinfo=UTC)
    new = next_visits(make_stops(), [], lon=-83.05, lat=42.33, radius_km=30, start=start)
    with pytest.warns(DeprecationWarning, match="radius_km"):
        old = next_visits(make_stops(), [], lon=-83.05, lat=42.33, within_km=30, start=start)
    assert new and [v.to_dict("en") for v in old] == [v.to_dict("en") for v in new]
    with pytest.warns(DeprecationWarning), pytest.raises(InvalidInputError):
        next_visits(make_stops(), [], lon=-83.05, lat=42.33, within_km=0)
