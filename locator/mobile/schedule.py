"""Stop schedules: RFC 5545 recurrence rules evaluated in the stop's own IANA timezone.

A stop's schedule is its ``rrule`` (``"FREQ=MONTHLY;BYDAY=1SA"``, optionally with ``EXDATE``
lines), its ``dtstart`` (local wall time ``"YYYY-MM-DDTHH:MM"``), its ``duration_minutes`` and
its ``timezone`` (``"America/Detroit"``). Recurrences keep the **local wall time**: a 10:00 visit
is at 10:00 on both sides of a daylight-saving change (UTC offset -05:00 one week, -04:00 the
next).

Times that do not exist or occur twice follow RFC 5545 (section 3.3.5):

* a wall time in the hour skipped by a spring-forward change (02:30 on the second Sunday of
  March in the US) is read with the offset *before* the gap, so it **moves forward** by the
  length of the gap: 02:30 EST is 03:30 EDT;
* a wall time in the hour repeated by a fall-back change (01:30 on the first Sunday of
  November) means its **first** occurrence (01:30 EDT, UTC-4).

Exclusions: ``EXDATE`` lines in the rule text, an ``exdates`` argument and a ``holidays``
argument (dates). None are invented: the project ships no holiday list.

Malformed schedules raise :class:`~geodata.errors.InvalidInputError` (Spanish and English):
unparsable rule or start, unknown timezone, sub-daily frequencies (``SECONDLY``, ``MINUTELY``,
``HOURLY``) or several times of day (floods), absurd ``COUNT``/``UNTIL``/``INTERVAL``, rules that
never produce a visit. Parsing and validation live in :mod:`geodata.schedule` (re-exported
here) so that the route importer, in the lower ``geodata`` layer, applies the same rules.

Examples
--------
>>> from datetime import datetime
>>> stop = {"rrule": "FREQ=WEEKLY;BYDAY=SA", "dtstart": "2024-03-02T10:00",
...         "timezone": "America/New_York", "duration_minutes": 120}
>>> [d.isoformat() for d in occurrences(stop, datetime(2024, 3, 2), datetime(2024, 3, 10))]
['2024-03-02T10:00:00-05:00', '2024-03-09T10:00:00-05:00']
>>> occurrences(stop, datetime(2024, 3, 16), datetime(2024, 3, 17))[0].isoformat()
'2024-03-16T10:00:00-04:00'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from geodata import schedule as _schedule
from geodata.schedule import *  # noqa: F403  (a re-export: the names are geodata.schedule's)
from geodata.schedule import Schedule, normalize_local, schedule_of

__all__ = [*_schedule.__all__, "occurrences"]


def _as_aware(moment: date | datetime, tz: ZoneInfo) -> datetime:
    """Aware datetimes pass; naive ones and dates are local wall time in ``tz``."""
    if isinstance(moment, datetime):
        return moment if moment.tzinfo else normalize_local(moment, tz)
    return normalize_local(datetime.combine(moment, time()), tz)


def occurrences(
    stop: Mapping[str, Any] | Schedule | Any,
    start: date | datetime,
    end: date | datetime,
    *,
    exdates: Iterable[Any] = (),
    holidays: Iterable[Any] = (),
) -> list[datetime]:
    """Visit start times overlapping ``[start, end)``, aware, in the stop's timezone.

    A visit is included when it is under way at ``start`` or begins before ``end``. Naive
    ``start``/``end`` (and dates, meaning midnight) are wall time in the stop's timezone.

    Examples
    --------
    >>> stop = {"rrule": "FREQ=DAILY", "dtstart": "2024-03-09T02:30",
    ...         "timezone": "America/New_York", "duration_minutes": 30}
    >>> [d.strftime("%d %H:%M %Z") for d in occurrences(stop, date(2024, 3, 9), date(2024, 3, 12))]
    ['09 02:30 EST', '10 03:30 EDT', '11 02:30 EDT']
    """
    sched = (
        stop
        if isinstance(stop, Schedule)
        else schedule_of(stop, exdates=exdates, holidays=holidays)
    )
    tz = sched.tz
    lo, hi = _as_aware(start, tz), _as_aware(end, tz)
    if hi <= lo:
        return []
    # The rule compares aware values in UTC; widen by the visit length and a gap's hour.
    raw = sched.rule.between(
        lo - sched.duration - timedelta(hours=3), hi + timedelta(hours=3), inc=True
    )
    out = []
    for moment in raw:
        local = normalize_local(moment.replace(tzinfo=None), tz)
        if local.date() in sched.holidays:
            continue
        if local + sched.duration > lo and local < hi:
            out.append(local)
    return sorted(set(out))
