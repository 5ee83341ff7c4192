"""Tests of locator.mobile.schedule: DST, exclusions, malformed rules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from geodata.errors import InvalidInputError
from locator.mobile.schedule import normalize_local, occurrences, parse_schedule


def stop(
    rrule="FREQ=WEEKLY;BYDAY=SU", dtstart="2024-01-07T10:00", tz="America/New_York", minutes=60
):
    return {"rrule": rrule, "dtstart": dtstart, "timezone": tz, "duration_minutes": minutes}


# 2024 US changes: spring forward Sun 10 Mar, fall back Sun 3 Nov.
@pytest.mark.parametrize(
    ("tz", "before", "after"),
    [
        ("America/New_York", -5, -4),
        ("America/Detroit", -5, -4),
        ("America/Chicago", -6, -5),
        ("America/Los_Angeles", -8, -7),
        ("America/Phoenix", -7, -7),  # no DST
    ],
)
def test_spring_forward_keeps_wall_time(tz, before, after):
    got = occurrences(stop(tz=tz), date(2024, 3, 3), date(2024, 3, 18))
    assert [d.date() for d in got] == [date(2024, 3, 3), date(2024, 3, 10), date(2024, 3, 17)]
    assert all((d.hour, d.minute) == (10, 0) for d in got)
    offsets = [d.utcoffset() / timedelta(hours=1) for d in got]
    assert offsets == [before, after, after]
    assert [d.astimezone(UTC).hour for d in got] == [10 - before, 10 - after, 10 - after]


@pytest.mark.parametrize(
    ("tz", "before", "after"),
    [("America/New_York", -4, -5), ("America/Denver", -6, -7), ("America/Phoenix", -7, -7)],
)
def test_fall_back_keeps_wall_time(tz, before, after):
    got = occurrences(stop(tz=tz), date(2024, 10, 27), date(2024, 11, 4))
    assert [d.day for d in got] == [27, 3]
    assert all(d.hour == 10 for d in got)
    assert [d.utcoffset() / timedelta(hours=1) for d in got] == [before, after]


def test_skipped_time_moves_forward():
    got = occurrences(stop("FREQ=DAILY", "2024-03-09T02:30"), date(2024, 3, 9), date(2024, 3, 12))
    assert [d.strftime("%m-%d %H:%M") for d in got] == ["03-09 02:30", "03-10 03:30", "03-11 02:30"]
    assert got[1].astimezone(UTC) == datetime(2024, 3, 10, 7, 30, tzinfo=UTC)


def test_repeated_time_is_first_occurrence():
    got = occurrences(stop("FREQ=DAILY", "2024-11-02T01:30"), date(2024, 11, 3), date(2024, 11, 4))
    assert len(got) == 1
    assert got[0].astimezone(UTC) == datetime(2024, 11, 3, 5, 30, tzinfo=UTC)  # EDT, not EST


def test_normalize_local_is_identity_for_normal_times():
    tz = ZoneInfo("America/Chicago")
    naive = datetime(2024, 7, 1, 9, 15)
    assert normalize_local(naive, tz).replace(tzinfo=None) == naive


def test_monthly_first_saturday_matches_calendar():
    s = stop("FREQ=MONTHLY;BYDAY=1SA", "2025-01-04T10:00", "America/Detroit", 240)
    got = occurrences(s, date(2025, 1, 1), date(2026, 1, 1))
    expected = [
        date(2025, m, d)
        for m in range(1, 13)
        for d in range(1, 8)
        if date(2025, m, d).weekday() == 5
    ]
    assert [d.date() for d in got] == expected


def test_window_includes_visit_under_way():
    s = stop(minutes=120)
    tz = ZoneInfo("America/New_York")
    got = occurrences(s, datetime(2024, 1, 14, 11, 0, tzinfo=tz), datetime(2024, 1, 15, tzinfo=tz))
    assert [d.day for d in got] == [14]
    assert occurrences(s, datetime(2024, 1, 14, 12, 0, tzinfo=tz), date(2024, 1, 15)) == []


def test_aware_window_in_other_zone():
    s = stop(tz="America/Phoenix")
    # 17:00 UTC = 10:00 MST on Sunday 2024-01-07
    got = occurrences(
        s, datetime(2024, 1, 7, 16, 59, tzinfo=UTC), datetime(2024, 1, 7, 17, 1, tzinfo=UTC)
    )
    assert len(got) == 1 and got[0].tzinfo.key == "America/Phoenix"


@pytest.mark.parametrize(
    "how",
    [
        {"rrule": "FREQ=WEEKLY;BYDAY=SU\nEXDATE:20240114T100000"},
        {"exdates": ["2024-01-14T10:00"]},
        {"exdates": [date(2024, 1, 14)]},
        {"holidays": [date(2024, 1, 14)]},
        {"exdates": [datetime(2024, 1, 14, 15, 0, tzinfo=UTC)]},
    ],
)
def test_exclusions(how):
    s = stop(how.get("rrule", "FREQ=WEEKLY;BYDAY=SU"))
    got = occurrences(
        s,
        date(2024, 1, 7),
        date(2024, 1, 22),
        exdates=how.get("exdates", ()),
        holidays=how.get("holidays", ()),
    )
    assert [d.day for d in got] == [7, 21]


def test_until_and_count_limit():
    assert len(occurrences(stop("FREQ=WEEKLY;COUNT=3"), date(2024, 1, 1), date(2025, 1, 1))) == 3
    until_local = occurrences(
        stop("FREQ=WEEKLY;UNTIL=20240121"), date(2024, 1, 1), date(2025, 1, 1)
    )
    assert [d.day for d in until_local] == [7, 14, 21]
    until_utc = occurrences(
        stop("FREQ=WEEKLY;UNTIL=20240121T150000Z"), date(2024, 1, 1), date(2025, 1, 1)
    )
    assert [d.day for d in until_utc] == [7, 14, 21]


BAD = [
    ("rrule", "FREQ=FOO"),
    ("rrule", "hello"),
    ("rrule", ""),
    ("rrule", "FREQ=SECONDLY"),
    ("rrule", "FREQ=MINUTELY;INTERVAL=1"),
    ("rrule", "FREQ=HOURLY"),
    ("rrule", "FREQ=DAILY;BYHOUR=1,2,3"),
    ("rrule", "FREQ=DAILY;BYMINUTE=0,30"),
    ("rrule", "FREQ=DAILY;COUNT=0"),
    ("rrule", "FREQ=DAILY;COUNT=1000000"),
    ("rrule", "FREQ=DAILY;INTERVAL=0"),
    ("rrule", "FREQ=DAILY;UNTIL=19990101"),
    ("rrule", "FREQ=DAILY;UNTIL=29991231"),
    ("rrule", "FREQ=DAILY;UNTIL=notadate"),
    ("rrule", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"),
    ("rrule", "FREQ=WEEKLY;BYDAY=XX"),
    ("rrule", "FREQ=WEEKLY\nRRULE:FREQ=DAILY"),
    ("rrule", "DTSTART:20240101T100000\nRRULE:FREQ=DAILY"),
    ("rrule", "FREQ=WEEKLY;FREQ=DAILY"),
    ("timezone", "Mars/Olympus_Mons"),
    ("timezone", ""),
    ("timezone", "../../etc/passwd"),
    ("timezone", "EST5EDT,M3.2.0"),
    ("dtstart", "yesterday"),
    ("dtstart", "2025-13-01T10:00"),
    ("dtstart", "2025-01-04T10:00+02:00"),
    ("dtstart", "1800-01-01T10:00"),
    ("duration_minutes", 0),
    ("duration_minutes", -30),
    ("duration_minutes", "abc"),
    ("duration_minutes", 100000),
]


@pytest.mark.parametrize(("field", "value"), BAD)
def test_malformed_schedules_raise_bilingual(field, value):
    s = stop("FREQ=WEEKLY;BYDAY=SU")
    s[{"timezone": "timezone"}.get(field, field)] = value
    with pytest.raises(InvalidInputError) as info:
        occurrences(s, date(2024, 1, 1), date(2024, 2, 1))
    err = info.value
    assert err.message("es") != err.message("en")
    assert "Horario no válido" in err.message("es") and "Invalid schedule" in err.message("en")


def test_bad_exdate_and_holiday():
    with pytest.raises(InvalidInputError):
        parse_schedule("FREQ=DAILY", "2024-01-01T10:00", timezone="UTC", exdates=["someday"])
    with pytest.raises(InvalidInputError):
        parse_schedule(
            "FREQ=DAILY", "2024-01-01T10:00", timezone="UTC", holidays=[datetime(2024, 1, 2, 10)]
        )


def test_rrule_prefix_and_case_accepted():
    a = parse_schedule("RRULE:freq=monthly;byday=1sa", "2025-01-04T10:00", timezone="UTC")
    assert a.rrule_text == "FREQ=MONTHLY;BYDAY=1SA"
