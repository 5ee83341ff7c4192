"""Tests of geodata.importers.routes: good and bad route files, all-or-nothing storing."""

from __future__ import annotations

import copy
import json

import pytest

from geodata.errors import ImportValidationError, InvalidInputError
from geodata.importers import read_import
from geodata.importers.routes import hsds_rule, import_routes, read_routes

PLACES = [("Dearborn", -83.18, 42.32), ("Pontiac", -83.29, 42.64), ("Toledo", -83.55, 41.66)]


def doc(schedules=True):
    feats = []
    for i, (name, lon, lat) in enumerate(PLACES):
        props = {
            "route_id": "route-test",
            "sequence": i + 1,
            "name": name,
            "city": name,
            "state": "OH" if name == "Toledo" else "MI",
            "location_precision": "city",
            "unit_id": "vds-mobile-detroit",
            "route_name": "Ruta de prueba",
        }
        if schedules:
            props |= {
                "rrule": f"FREQ=MONTHLY;BYDAY={i + 1}SA",
                "dtstart": "2025-01-04T10:00",
                "duration_minutes": 120,
                "timezone": "America/Detroit",
            }
        feats.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": props,
            }
        )
    return {"type": "FeatureCollection", "features": feats}


def data(d):
    return json.dumps(d).encode()


def test_good_inline_schedules():
    d = doc()
    d["features"].reverse()  # order comes from `sequence`, not file order
    parsed = read_routes(data(d), source_text="Test list 2026")
    routes, stops = parsed.changes.routes, parsed.changes.stops
    assert routes["id"].tolist() == ["route-test"]
    assert routes["name"].tolist() == ["Ruta de prueba"]
    assert [tuple(c) for c in routes.geometry[0].coords] == [(x, y) for _, x, y in PLACES]
    assert sorted(stops["sequence"]) == [1, 2, 3]
    assert (stops["source"] == "Test list 2026").all()
    assert not stops["illustrative"].any() and not routes["illustrative"].any()
    assert stops["id"].tolist()[0].startswith("stop-route-test-03")
    assert parsed.summary()["stops"] == 3 and parsed.fmt == "routes"


def test_timezone_from_coordinates_with_warning():
    d = doc()
    for f in d["features"]:
        del f["properties"]["timezone"]
    parsed = read_routes(data(d), source_text="x")
    assert parsed.changes.stops["timezone"].tolist() == [
        "America/Detroit",
        "America/Detroit",
        "America/New_York",
    ]
    assert len(parsed.warnings) == 3


def test_schedule_csv_locator_columns():
    d = doc(schedules=False)
    for i, f in enumerate(d["features"]):
        f["properties"]["id"] = f"s{i + 1}"
    csv_text = (
        "stop_id,rrule,dtstart,duration_minutes,timezone\n"
        "s1,FREQ=WEEKLY;BYDAY=SA,2025-01-04T10:00,60,America/Detroit\n"
        "s2,FREQ=WEEKLY;BYDAY=SU,2025-01-05T10:00,60,America/Detroit\n"
        "s3,FREQ=WEEKLY;BYDAY=MO,2025-01-06T09:00,90,America/New_York\n"
    )
    parsed = read_routes(data(d), schedule=csv_text.encode(), source_text="x")
    stops = parsed.changes.stops.set_index("id")
    assert stops.loc["s3", "rrule"] == "FREQ=WEEKLY;BYDAY=MO"
    assert stops.loc["s3", "duration_minutes"] == 90


def test_schedule_csv_hsds():
    d = doc(schedules=False)
    for i, f in enumerate(d["features"]):
        f["properties"]["id"] = f"loc-{i + 1}"
    csv_text = (
        "id,location_id,freq,interval,byday,dtstart,until,opens_at,closes_at,timezone\n"
        "a,loc-1,MONTHLY,1,1SA,2025-01-04,2025-12-31,10:00-05:00,14:00-05:00,-5\n"
        "b,loc-2,WEEKLY,2,SU,2025-01-05,,09:30,12:00,-5\n"
        "c,loc-3,MONTHLY,,-1FR,2025-01-31,,16:00,18:00,-5\n"
    )
    parsed = read_routes(data(d), schedule=csv_text.encode(), source_text="x")
    stops = parsed.changes.stops.set_index("id")
    assert stops.loc["loc-1", "rrule"] == "FREQ=MONTHLY;INTERVAL=1;BYDAY=1SA;UNTIL=20251231"
    assert stops.loc["loc-1", "dtstart"] == "2025-01-04T10:00"
    assert stops.loc["loc-1", "duration_minutes"] == 240
    assert stops.loc["loc-2", "duration_minutes"] == 150
    assert stops.loc["loc-3", "timezone"] == "America/New_York"  # from the point, not "-5"


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ({"freq": "weekly", "byday": "MO, WE"}, ("FREQ=WEEKLY;BYDAY=MO,WE", "", None)),
        (
            {"freq": "MONTHLY", "valid_from": "2025-02-01", "opens_at": "08:00"},
            ("FREQ=MONTHLY", "2025-02-01T08:00", None),
        ),
        (
            {
                "freq": "WEEKLY",
                "dtstart": "2025-01-01",
                "opens_at": "10:00Z",
                "closes_at": "13:00Z",
            },
            ("FREQ=WEEKLY", "2025-01-01T10:00", 180),
        ),
        (
            {"freq": "WEEKLY", "dtstart": "2025-01-01", "opens_at": "22:00", "closes_at": "01:00"},
            ("FREQ=WEEKLY", "2025-01-01T22:00", None),
        ),
    ],
)
def test_hsds_rule(row, expected):
    assert hsds_rule(row) == expected


def mutate(index, **props):
    d = doc()
    for key, value in props.items():
        if value is None:
            d["features"][index]["properties"].pop(key, None)
        else:
            d["features"][index]["properties"][key] = value
    return d


BAD = [
    (mutate(0, route_id=None), "route_id"),
    (mutate(1, sequence="two"), "sequence"),
    (mutate(1, sequence=0), "sequence"),
    (mutate(1, sequence=1), "sequence"),  # repeated in the route
    (mutate(0, name=""), "name"),
    (mutate(0, location_precision="exact"), "location_precision"),
    (mutate(2, unit_id="other-unit"), "unit_id"),  # two units on one route
    (mutate(0, rrule="FREQ=SECONDLY"), "rrule"),
    (mutate(0, rrule="FREQ=DAILY;COUNT=999999"), "rrule"),
    (mutate(0, rrule=None), "rrule"),
    (mutate(0, timezone="Mars/Base"), "timezone"),
    (mutate(0, dtstart="tomorrow"), "dtstart"),
    (mutate(0, duration_minutes=None), "duration_minutes"),
    (mutate(0, duration_minutes=-5), "duration_minutes"),
    (mutate(0, route_id="lonely"), "route_id"),  # a route with one stop
    (mutate(0, id="dup"), None),
]


@pytest.mark.parametrize(("d", "field"), BAD)
def test_bad_rows_rejected_with_row_numbers(d, field):
    if field is None:  # duplicate ids
        d["features"][1]["properties"]["id"] = "dup"
        field = "id"
    with pytest.raises(ImportValidationError) as info:
        read_routes(data(d), source_text="x")
    errors = info.value.detail["errors"]
    assert any(e["field"] == field for e in errors), errors
    assert all(e["row"] in {1, 2, 3} for e in errors)
    assert "no se importó nada" in info.value.message("es")


@pytest.mark.parametrize(
    ("coords", "why"),
    [
        ([42.32, -83.18], "swapped"),
        ([0, 0], "(0, 0)"),
        ([2.35, 48.85], "outside"),
        (["a", "b"], "not numbers"),
    ],
)
def test_bad_points(coords, why):
    d = doc()
    d["features"][0]["geometry"]["coordinates"] = coords
    with pytest.raises(ImportValidationError) as info:
        read_routes(data(d), source_text="x")
    assert why in info.value.detail["errors"][0]["message"]


def test_missing_source_and_unit():
    d = doc()
    for f in d["features"]:
        del f["properties"]["unit_id"]
    with pytest.raises(ImportValidationError) as info:
        read_routes(data(d))
    fields = {e["field"] for e in info.value.detail["errors"]}
    assert {"source", "unit_id"} <= fields
    parsed = read_routes(data(d), unit_id="vds-mobile-detroit", source_text="x")
    assert parsed.changes.routes["unit_id"].tolist() == ["vds-mobile-detroit"]


def test_known_units_checked():
    with pytest.raises(ImportValidationError):
        read_routes(data(doc()), source_text="x", known_units=["vds-mobile-new-york"])
    read_routes(data(doc()), source_text="x", known_units=["vds-mobile-detroit"])


def test_schedule_file_errors():
    d = doc(schedules=False)
    d["features"][0]["properties"]["id"] = "s1"
    twice = (
        b"stop_id,rrule,dtstart,duration_minutes,timezone\n"
        b"s1,FREQ=DAILY,2025-01-01T10:00,60,UTC\ns1,FREQ=DAILY,2025-01-01T10:00,60,UTC\n"
        b"ghost,FREQ=DAILY,2025-01-01T10:00,60,UTC\n"
    )
    with pytest.raises(ImportValidationError) as info:
        read_routes(data(d), schedule=twice, source_text="x")
    fields = {(e["row"], e["field"]) for e in info.value.detail["errors"]}
    assert (3, "schedule.stop_id") in fields and (4, "schedule.stop_id") in fields
    with pytest.raises(InvalidInputError):
        read_routes(data(d), schedule=b"a,b\n1,2\n", source_text="x")


@pytest.mark.parametrize("payload", [b"{not json", b'{"type": "Feature"}', b"[]"])
def test_not_a_feature_collection(payload):
    with pytest.raises(InvalidInputError):
        read_routes(payload)


def test_registered_format():
    parsed = read_import("routes", data(doc()), source_text="x")
    assert len(parsed.changes.stops) == 3


@pytest.fixture
def store(tmp_path):
    gpkg = pytest.importorskip("geodata.stores.gpkg")
    return gpkg.GeoPackageStore(tmp_path / "t.gpkg")


def test_store_all_or_nothing(store):
    before_version, before_stops = store.version(), store.stops()
    bad = mutate(2, rrule="FREQ=MINUTELY")
    with pytest.raises(ImportValidationError):
        import_routes(store, data(bad), source_text="x")
    assert store.version() == before_version
    assert len(store.stops()) == len(before_stops)
    wrong_unit = copy.deepcopy(doc())
    for f in wrong_unit["features"]:
        f["properties"]["unit_id"] = "vds-mobile-nowhere"
    with pytest.raises(ImportValidationError):
        import_routes(store, data(wrong_unit), source_text="x")
    assert store.version() == before_version
    report = import_routes(store, data(doc()), source_text="x")
    assert report.routes == 1 and report.stops == 3
    assert store.version() != before_version
    assert set(store.stops()["route_id"]) >= {"route-test", "route-vds-mobile-detroit"}


@pytest.mark.parametrize(("opens", "closes"), [("14:00", "10:00"), ("10:00", "10:00")])
def test_hsds_closes_before_opens_is_a_schedule_row_error(opens, closes):
    d = doc(schedules=False)
    for i, f in enumerate(d["features"]):
        f["properties"]["id"] = f"loc-{i + 1}"
    text = (
        "location_id,freq,byday,dtstart,opens_at,closes_at\n"
        "loc-1,WEEKLY,SA,2025-01-04,10:00,12:00\n"
        f"loc-2,WEEKLY,SA,2025-01-04,{opens},{closes}\n"
        "loc-3,WEEKLY,SA,2025-01-04,10:00,12:00\n"
    )
    with pytest.raises(ImportValidationError) as info:
        read_routes(data(d), schedule=text.encode(), source_text="x")
    errors = info.value.detail["errors"]
    assert [(e["row"], e["field"]) for e in errors] == [(3, "schedule.closes_at")]
    assert "opens_at" in errors[0]["message"] and "apertura" in errors[0]["message"]


def test_every_error_of_a_row_is_reported():
    d = mutate(
        0, name="", sequence="x", rrule=None, duration_minutes=None, location_precision="exact"
    )
    d["features"][0]["geometry"]["coordinates"] = [0, 0]
    with pytest.raises(ImportValidationError) as info:
        read_routes(data(d), source_text="x")
    fields = {e["field"] for e in info.value.detail["errors"] if e["row"] == 1}
    assert {
        "geometry",
        "name",
        "sequence",
        "location_precision",
        "rrule",
        "duration_minutes",
    } <= fields


def test_schedule_value_errors_point_at_the_schedule_file_row():
    d = doc(schedules=False)
    for i, f in enumerate(d["features"]):
        f["properties"]["id"] = f"s{i + 1}"
    text = (
        "stop_id,rrule,dtstart,duration_minutes,timezone\n"
        "s3,FREQ=WEEKLY;BYDAY=MO,2025-01-06T09:00,90,America/New_York\n"
        "s1,FREQ=SECONDLY,2025-01-04T10:00,60,America/Detroit\n"
        "s2,FREQ=WEEKLY,2025-01-05T10:00,60,Mars/Base\n"
    )
    with pytest.raises(ImportValidationError) as info:
        read_routes(data(d), schedule=text.encode(), source_text="x")
    got = {(e["row"], e["field"]) for e in info.value.detail["errors"]}
    assert got == {(3, "schedule.rrule"), (4, "schedule.timezone")}
    assert all("stops row" in e["message"] for e in info.value.detail["errors"])


class _Sites:
    def __init__(self, kinds):
        import pandas as pd

        self.table = pd.DataFrame({"id": list(kinds), "kind": list(kinds.values())})

    def sites(self):
        return self.table


@pytest.mark.parametrize(
    ("kinds", "ok"),
    [
        ({"vds-mobile-detroit": "vds_mobile"}, True),
        ({"vds-mobile-detroit": "vds"}, False),  # right id, not a mobile unit
        ({}, False),
    ],
)
def test_read_import_checks_units_against_the_store(kinds, ok):
    if ok:
        read_import("routes", data(doc()), source_text="x", store=_Sites(kinds))
        return
    with pytest.raises(ImportValidationError) as info:
        read_import("routes", data(doc()), source_text="x", store=_Sites(kinds))
    (error,) = info.value.detail["errors"]
    assert error["field"] == "unit_id" and "vds_mobile" in error["message"]
    assert "no es una unidad móvil" in error["message"]
