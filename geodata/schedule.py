"""Stop schedules: parse and validate RFC 5545 recurrence rules in the stop's IANA timezone.

The rules every stored stop schedule obeys, shared by the route importer (which must refuse a
bad schedule before anything is stored) and by :mod:`locator.mobile.schedule` (which evaluates
visits). A schedule is an ``rrule`` (``"FREQ=MONTHLY;BYDAY=1SA"``, optionally with ``EXDATE``
lines), a ``dtstart`` (local wall time ``"YYYY-MM-DDTHH:MM"``), a ``duration_minutes`` and a
``timezone`` (``"America/Detroit"``).

Times that do not exist or occur twice follow RFC 5545 (section 3.3.5): a wall time in the hour
skipped by a spring-forward change is read with the offset before the gap, so it **moves
forward** (02:30 EST = 03:30 EDT); a wall time in the repeated hour of a fall-back change means
its **first** occurrence (01:30 EDT).

Malformed schedules raise :class:`~geodata.errors.InvalidInputError` (Spanish and English):
unparsable rule or start, unknown timezone, sub-daily frequencies (``SECONDLY``, ``MINUTELY``,
``HOURLY``) or several times of day (floods), absurd ``COUNT``/``UNTIL``/``INTERVAL``, rules that
produce no visit within ten years. An impossible rule (``BYMONTH=2;BYMONTHDAY=30``) costs
dateutil up to ~3 s to rule out; this happens at import time only.

Examples
--------
>>> s = parse_schedule("FREQ=MONTHLY;BYDAY=1SA", "2025-01-04T10:00", timezone="America/Detroit")
>>> s.dtstart.isoformat(), s.duration.seconds
('2025-01-04T10:00:00-05:00', 3600)
>>> try:
...     parse_schedule("FREQ=SECONDLY", "2025-01-04T10:00", timezone="UTC")
... except InvalidInputError as exc:
...     print(exc.detail["field"], exc.message("es")[:30])
rrule Horario no válido: FREQ debe s
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rrule, rruleset, rrulestr

from geodata.errors import InvalidInputError
from geodata.i18n import T
from geodata.messages import SCHEDULE

__all__ = [
    "ALLOWED_FREQ",
    "MAX_COUNT",
    "MAX_YEAR",
    "MIN_YEAR",
    "Schedule",
    "normalize_local",
    "parse_schedule",
    "schedule_of",
    "to_zone",
]

ALLOWED_FREQ = ("DAILY", "WEEKLY", "MONTHLY", "YEARLY")
"""A stop is visited at most once a day: sub-daily frequencies are rejected."""

MAX_COUNT = 5000
"""Largest accepted ``COUNT`` (13 years of daily visits)."""

MAX_INTERVAL = 400
MIN_YEAR, MAX_YEAR = 1990, 2100
MAX_DURATION_MINUTES = 24 * 60
_HORIZON = timedelta(days=366 * 10)
_PART = re.compile(r"^[A-Z]+=[A-Z0-9,+\-]+$")
_UNTIL_FORMATS = ("%Y%m%dT%H%M%SZ", "%Y%m%dT%H%M%S", "%Y%m%d")


def _bad(problem: T, **detail: Any) -> InvalidInputError:
    """``Invalid schedule: <problem>``, under the problem's own key."""
    return InvalidInputError(
        SCHEDULE["invalid"].fill(problem=problem).under(problem.key), detail=detail
    )


@dataclass(frozen=True)
class Schedule:
    """A validated stop schedule.

    Attributes
    ----------
    rule
        The recurrence set (aware datetimes in ``tz``, wall time kept).
    dtstart
        First visit as an aware datetime in ``tz``.
    duration
        Length of one visit.
    tz
        The stop's timezone.
    rrule_text
        The ``RRULE`` value (``FREQ=...``) without the ``RRULE:`` prefix.
    exdates
        Local wall-clock datetimes excluded by ``EXDATE`` lines or arguments.
    """

    rule: rruleset
    dtstart: datetime
    duration: timedelta
    tz: ZoneInfo
    rrule_text: str
    exdates: tuple[datetime, ...] = ()
    holidays: frozenset[date] = frozenset()


def to_zone(name: str) -> ZoneInfo:
    """The :class:`zoneinfo.ZoneInfo` called ``name``, or :class:`InvalidInputError`.

    >>> to_zone("America/Phoenix").key
    'America/Phoenix'
    """
    text = str(name or "").strip()
    try:
        if not text or text.startswith(("/", ".")) or ".." in text:
            raise ValueError(text)
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:
        raise _bad(
            SCHEDULE["unknown_timezone"].fill(text=text),
            field="timezone",
            value=text,
        ) from exc


def normalize_local(naive: datetime, tz: ZoneInfo) -> datetime:
    """Attach ``tz`` to a wall-clock time, following RFC 5545 for gaps and folds.

    >>> ny = ZoneInfo("America/New_York")
    >>> normalize_local(datetime(2024, 3, 10, 2, 30), ny).isoformat()  # skipped: moves forward
    '2024-03-10T03:30:00-04:00'
    >>> normalize_local(datetime(2024, 11, 3, 1, 30), ny).isoformat()  # repeated: first one
    '2024-11-03T01:30:00-04:00'
    """
    aware = naive.replace(tzinfo=tz, fold=0)
    return aware.astimezone(UTC).astimezone(tz)


def _parse_dtstart(value: Any) -> datetime:
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    text = str(value or "").strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError as exc:
        raise _bad(
            SCHEDULE["start_not_local"].fill(text=text),
            field="dtstart",
            value=text,
        ) from exc
    if parsed.tzinfo is not None:
        raise _bad(
            SCHEDULE["start_has_offset"].fill(text=text),
            field="dtstart",
            value=text,
        )
    if not MIN_YEAR <= parsed.year <= MAX_YEAR:
        raise _bad(
            SCHEDULE["start_year_range"].fill(
                year=parsed.year, min_year=MIN_YEAR, max_year=MAX_YEAR
            ),
            field="dtstart",
            value=text,
        )
    return parsed


def _split_lines(text: str) -> tuple[str, list[str]]:
    rule = ""
    exdate_values: list[str] = []
    for raw in re.split(r"[\r\n]+", text.strip()):
        line = raw.strip()
        if not line:
            continue
        upper = line.upper()
        if upper.startswith("EXDATE"):
            exdate_values.extend(v for v in line.split(":", 1)[-1].split(",") if v.strip())
        elif upper.startswith("RRULE:") or "=" in line.split(":", 1)[0]:
            if rule:
                raise _bad(SCHEDULE["one_rrule"], field="rrule")
            rule = line.split(":", 1)[1] if upper.startswith("RRULE:") else line
        else:
            raise _bad(SCHEDULE["unexpected_line"].fill(text=line[:60]), field="rrule")
    if not rule:
        raise _bad(SCHEDULE["missing_rrule"], field="rrule")
    return rule.strip().upper(), exdate_values


def _check_parts(rule: str, dtstart: datetime, tz: ZoneInfo) -> str:
    """Check the RRULE parts; return the rule with UNTIL as UTC (RFC 5545 for TZID starts)."""
    parts: dict[str, str] = {}
    for part in rule.strip(";").split(";"):
        if not _PART.match(part):
            raise _bad(
                SCHEDULE["malformed_part"].fill(part=part[:40]),
                field="rrule",
                value=rule,
            )
        key, value = part.split("=", 1)
        if key in parts:
            raise _bad(SCHEDULE["part_twice"].fill(key=key), field="rrule")
        parts[key] = value
    freq = parts.get("FREQ")
    if freq not in ALLOWED_FREQ:
        raise _bad(
            SCHEDULE["freq_allowed"].fill(allowed=", ".join(ALLOWED_FREQ), freq=freq),
            field="rrule",
            value=rule,
        )
    for key in ("BYHOUR", "BYMINUTE", "BYSECOND"):
        if "," in parts.get(key, ""):
            raise _bad(
                SCHEDULE["several_times"].fill(key=key),
                field="rrule",
                value=rule,
            )
    _check_number(parts, "COUNT", 1, MAX_COUNT)
    _check_number(parts, "INTERVAL", 1, MAX_INTERVAL)
    if "UNTIL" in parts:
        parts["UNTIL"] = _until_utc(parts["UNTIL"], dtstart, tz)
    return ";".join(f"{k}={v}" for k, v in parts.items())


def _check_number(parts: dict[str, str], key: str, low: int, high: int) -> None:
    if key in parts and not (parts[key].isdigit() and low <= int(parts[key]) <= high):
        raise _bad(
            SCHEDULE["part_range"].fill(key=key, value=parts[key], low=low, high=high),
            field="rrule",
        )


def _until_utc(value: str, dtstart: datetime, tz: ZoneInfo) -> str:
    for fmt in _UNTIL_FORMATS:
        try:
            parsed = datetime.strptime(value, fmt)
        except ValueError:
            continue
        if fmt.endswith("Z"):
            until = parsed.replace(tzinfo=UTC)
        elif fmt == "%Y%m%d":  # a date: the whole local day counts
            until = normalize_local(datetime.combine(parsed.date(), time(23, 59, 59)), tz)
        else:
            until = normalize_local(parsed, tz)
        if until < normalize_local(dtstart, tz) or until.year > MAX_YEAR:
            raise _bad(
                SCHEDULE["until_range"].fill(value=value, max_year=MAX_YEAR),
                field="rrule",
            )
        return until.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    raise _bad(SCHEDULE["until_not_date"].fill(value=value), field="rrule")


def _exdate(value: Any, tz: ZoneInfo) -> datetime | date:
    if isinstance(value, datetime):
        return value.astimezone(tz).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%Y%m%dT%H%M%SZ", "%Y%m%dT%H%M%S", "%Y%m%d"):
        try:
            parsed = datetime.strptime(text, fmt)
        except ValueError:
            continue
        if fmt.endswith("Z"):
            return parsed.replace(tzinfo=UTC).astimezone(tz).replace(tzinfo=None)
        return parsed.date() if fmt == "%Y%m%d" else parsed
    try:
        if "T" in text:
            return _exdate(datetime.fromisoformat(text), tz)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise _bad(
            SCHEDULE["exdate_not_date"].fill(text=text),
            field="exdate",
            value=text,
        ) from exc


def parse_schedule(
    rrule_text: str,
    dtstart: Any,
    *,
    timezone: str,
    duration_minutes: Any = 60,
    exdates: Iterable[Any] = (),
    holidays: Iterable[Any] = (),
) -> Schedule:
    """Validate a schedule and return it as a :class:`Schedule`.

    Parameters
    ----------
    rrule_text
        ``"FREQ=..."`` or ``"RRULE:FREQ=..."``, optionally followed by ``EXDATE:`` lines.
    dtstart
        First visit, local wall time (``"2025-01-04T10:00"`` or a naive datetime).
    timezone
        IANA timezone name.
    duration_minutes
        Length of a visit, 1 to 1440 minutes.
    exdates, holidays
        Excluded local datetimes (exact visit) or dates (any visit that day).

    Raises
    ------
    InvalidInputError
        For any malformed part; ``detail["field"]`` names it.

    Examples
    --------
    >>> s = parse_schedule("FREQ=MONTHLY;BYDAY=1SA", "2025-01-04T10:00", timezone="America/Detroit")
    >>> s.dtstart.isoformat(), s.duration.seconds
    ('2025-01-04T10:00:00-05:00', 3600)
    """
    tz = to_zone(timezone)
    start = _parse_dtstart(dtstart)
    try:
        minutes = int(float(duration_minutes))
    except (TypeError, ValueError):
        minutes = -1
    if not 1 <= minutes <= MAX_DURATION_MINUTES:
        raise _bad(
            SCHEDULE["duration_range"].fill(
                duration_minutes=duration_minutes, max_minutes=MAX_DURATION_MINUTES
            ),
            field="duration_minutes",
            value=str(duration_minutes),
        )
    rule_part, line_exdates = _split_lines(str(rrule_text or ""))
    rule_part = _check_parts(rule_part, start, tz)
    aware_start = start.replace(tzinfo=tz, fold=0)
    try:
        base = rrulestr(rule_part, dtstart=aware_start)
    except (ValueError, TypeError, KeyError, IndexError) as exc:
        raise _bad(
            SCHEDULE["unreadable_rule"].fill(rule_part=rule_part, exc=exc),
            field="rrule",
        ) from exc
    assert isinstance(base, rrule)
    excluded = [_exdate(v, tz) for v in [*line_exdates, *exdates]]
    days = frozenset(
        {_exdate(v, tz) for v in holidays} | {d for d in excluded if not isinstance(d, datetime)}
    )
    if any(isinstance(d, datetime) for d in days):
        raise _bad(SCHEDULE["holidays_dates"], field="holidays")
    exact = tuple(d for d in excluded if isinstance(d, datetime))
    rules = rruleset()
    rules.rrule(base)
    for moment in exact:
        rules.exdate(moment.replace(tzinfo=tz, fold=0))
    first = base.after(aware_start, inc=True)
    if first is None or first - aware_start > _HORIZON:
        raise _bad(
            SCHEDULE["no_visit"],
            field="rrule",
            value=rule_part,
        )
    return Schedule(
        rules, normalize_local(start, tz), timedelta(minutes=minutes), tz, rule_part, exact, days
    )


def schedule_of(stop: Mapping[str, Any] | Any, **kwargs: Any) -> Schedule:
    """The :class:`Schedule` of a stop row (a mapping, a pandas row or a namedtuple)."""
    get = stop.get if hasattr(stop, "get") else lambda k, d=None: getattr(stop, k, d)
    return parse_schedule(
        get("rrule", ""),
        get("dtstart", ""),
        timezone=get("timezone", ""),
        duration_minutes=get("duration_minutes", 60),
        **kwargs,
    )
