"""Exports of routes and stops: iCalendar (RFC 5545) and GeoJSON.

Each stop becomes one recurring ``VEVENT`` (``DTSTART;TZID=...`` in the stop's timezone, an
``RRULE``, any ``EXDATE``), and the calendar carries the ``VTIMEZONE`` components it needs, so
calendar programs keep 10:00 at 10:00 across daylight-saving changes. UIDs are derived from the
stop id, so exporting twice gives the same events. Illustrative stops say **ILUSTRATIVO /
ILLUSTRATIVE** in their summary, location and description.

Reproducible files: the same data gives byte-identical ``.ics`` from the CLI and the API.
``VTIMEZONE`` components come first, sorted by ``TZID``. ``DTSTAMP`` is the route's
``source_date`` (midnight UTC; the Unix epoch when unknown), **not** the time the file was
made, which RFC 5545 suggests: calendar programs only use DTSTAMP to order revisions of an
event sharing a UID, and a new source date (a new schedule) still gives a newer stamp.

Examples
--------
>>> from shapely.geometry import Point
>>> route = {"id": "r", "name": "Ruta", "illustrative": True, "source_date": "2023-12-06"}
>>> stop = {"id": "s1", "route_id": "r", "name": "Dearborn", "city": "Dearborn", "state": "MI",
...         "rrule": "FREQ=MONTHLY;BYDAY=1SA", "dtstart": "2025-01-04T10:00",
...         "timezone": "America/Detroit", "duration_minutes": 240, "illustrative": True,
...         "location_precision": "city", "geometry": Point(-83.18, 42.32)}
>>> data = to_ics(route_calendar(route, [stop]))
>>> b"TZID=America/Detroit" in data and b"ILUSTRATIVO" in data
True
>>> [str(e["UID"]) for e in parse_ics(data).walk("VEVENT")]
['s1@locator.mobile']
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, date, datetime
from typing import Any

import icalendar
import pandas as pd

from geodata.errors import InvalidInputError
from locator.i18n import LANGS, text
from locator.i18n.errors import MOBILE as ERRORS
from locator.mobile.schedule import schedule_of
from locator.present import precision_note

__all__ = [
    "parse_ics",
    "route_calendar",
    "routes_geojson",
    "stop_calendar",
    "stop_event",
    "stops_geojson",
    "to_ics",
]


def _both(key: str) -> str:
    """``"Spanish / English"``: the catalog entry ``key`` in both languages, Spanish first."""
    return " / ".join(text(key, lang) for lang in LANGS)


PRODID = f"-//locator//{_both('maps.ics_units')}//ES"
UID_DOMAIN = "locator.mobile"
_TAG = text("common.illustrative_tag", "es")


def _precision(precision: str) -> str:
    """``"ubicación aproximada: ciudad / approximate location: city"``; ``""`` if unknown."""
    if precision == "address":
        return _both("precision.address")
    if precision not in ("city", "postal_code"):
        return ""
    return " / ".join(precision_note(precision, lang) for lang in LANGS)


def _get(row: Any, key: str, default: Any = "") -> Any:
    value = row.get(key, default) if hasattr(row, "get") else getattr(row, key, default)
    return default if value is None or (isinstance(value, float) and pd.isna(value)) else value


def _stamp(route: Mapping[str, Any] | None) -> datetime:
    """A deterministic DTSTAMP: the route's source date (else the Unix epoch)."""
    text = str(_get(route or {}, "source_date", ""))
    try:
        day = date.fromisoformat(text[:10])
    except ValueError:
        day = date(1970, 1, 1)
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def stop_event(stop: Mapping[str, Any], route: Mapping[str, Any] | None = None) -> icalendar.Event:
    """One recurring VEVENT for ``stop`` (schedule validated first).

    Raises
    ------
    InvalidInputError
        If the stop's schedule is malformed.
    """
    sched = schedule_of(stop)
    first = sched.rule.after(sched.dtstart.replace(tzinfo=sched.tz), inc=True)
    illustrative = bool(_get(stop, "illustrative", False)) or bool(
        _get(route or {}, "illustrative", False)
    )
    tag = f" ({_TAG})" if illustrative else ""
    name = str(_get(stop, "name")) or str(_get(stop, "city"))
    place = ", ".join(p for p in (str(_get(stop, "city")), str(_get(stop, "state"))) if p)
    precision = _precision(str(_get(stop, "location_precision", "city")))
    event = icalendar.Event()
    event.add("uid", f"{_get(stop, 'id')}@{UID_DOMAIN}")
    event.add("dtstamp", _stamp(route))
    # RFC 5545: DTSTART must be the first instance; use the rule's first visit.
    event.add("dtstart", first.replace(tzinfo=sched.tz))
    event.add("duration", sched.duration)
    event.add("rrule", icalendar.vRecur.from_ical(sched.rrule_text))
    for moment in sched.exdates:
        event.add("exdate", moment.replace(tzinfo=sched.tz))
    route_name = str(_get(route or {}, "name", ""))
    event.add("summary", f"{_both('maps.ics_unit')}: {name}{tag}")
    event.add("location", f"{place} ({precision}){tag}" if precision else f"{place}{tag}")
    geom = _get(stop, "geometry", None)
    if geom is not None and not geom.is_empty:
        event.add("geo", (float(geom.y), float(geom.x)))
    event.add("description", _description(stop, route_name, illustrative))
    event.add("categories", ["VDS", text("kind.vds", "es")])
    return event


def _description(stop: Mapping[str, Any], route_name: str, illustrative: bool) -> str:
    lines = []
    if illustrative:
        lines.append(_both("common.illustrative_full"))
    if route_name:
        lines.append(f"{_both('maps.route')}: {route_name}")
    lines.append(f"{_both('maps.stop')}: {_get(stop, 'id')} (#{_get(stop, 'sequence', '')})")
    source = str(_get(stop, "source", ""))
    if source:
        lines.append(f"{_both('maps.source')}: {source}")
    return "\n".join(lines)


def _calendar(name: str, events: Iterable[icalendar.Event]) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    starts = []
    for event in events:
        cal.add_component(event)
        starts.append(event.decoded("dtstart").date())
    if starts:
        first = min(starts)
        cal.add_missing_timezones(
            first_date=date(first.year - 1, 1, 1), last_date=date(first.year + 15, 1, 1)
        )
        _sort_timezones(cal)
    return cal


def _sort_timezones(cal: icalendar.Calendar) -> None:
    """VTIMEZONEs first, sorted by TZID (icalendar adds them in set order, which varies
    between processes); the events keep their order."""
    zones = sorted(
        (c for c in cal.subcomponents if c.name == "VTIMEZONE"),
        key=lambda c: str(c.get("TZID", "")),
    )
    cal.subcomponents[:] = zones + [c for c in cal.subcomponents if c.name != "VTIMEZONE"]


def route_calendar(route: Mapping[str, Any], stops: Any) -> icalendar.Calendar:
    """A calendar with one recurring event per stop of ``route`` (in sequence order)."""
    rows = stops.to_dict("records") if isinstance(stops, pd.DataFrame) else list(stops)
    own = [s for s in rows if _get(s, "route_id") == _get(route, "id")]
    own.sort(key=lambda s: int(_get(s, "sequence", 0) or 0))
    if not own:
        raise InvalidInputError(ERRORS["route_no_stops"].fill(id=_get(route, "id")))
    tag = f" ({_TAG})" if _get(route, "illustrative", False) else ""
    name = f"{_get(route, 'name') or _get(route, 'id')}{tag}"
    return _calendar(name, (stop_event(s, route) for s in own))


def stop_calendar(
    stop: Mapping[str, Any], route: Mapping[str, Any] | None = None
) -> icalendar.Calendar:
    """A calendar with the single recurring event of ``stop``."""
    event = stop_event(stop, route)
    return _calendar(str(event["summary"]), [event])


def to_ics(calendar: icalendar.Calendar) -> bytes:
    """Serialize a calendar (CRLF lines, folded at 75 octets, UTF-8)."""
    return calendar.to_ical()


def parse_ics(data: bytes | str) -> icalendar.Calendar:
    """Parse iCalendar text back (used to validate exports).

    Raises
    ------
    InvalidInputError
        If ``data`` is not iCalendar.
    """
    try:
        cal = icalendar.Calendar.from_ical(data)
    except (ValueError, KeyError, IndexError) as exc:
        raise InvalidInputError(ERRORS["not_ics"].fill(error=exc)) from exc
    return cal


def _geojson(frame: Any, fields: Iterable[str]) -> dict[str, Any]:
    rows = frame.to_dict("records") if isinstance(frame, pd.DataFrame) else list(frame)
    features = []
    for row in rows:
        geom = row.get("geometry")
        props = {k: _json_value(row.get(k)) for k in fields if k != "geometry"}
        props["illustrative"] = bool(row.get("illustrative", False))
        features.append(
            {
                "type": "Feature",
                "id": row.get("id"),
                "geometry": None if geom is None or geom.is_empty else geom.__geo_interface__,
                "properties": props,
            }
        )
    return json.loads(json.dumps({"type": "FeatureCollection", "features": features}))


def _json_value(value: Any) -> Any:
    if hasattr(value, "item"):
        return value.item()
    return value


def stops_geojson(stops: Any) -> dict[str, Any]:
    """Stops as a GeoJSON FeatureCollection (every stop field, ``illustrative`` included)."""
    from geodata.schema import STOP_COLUMNS

    return _geojson(stops, STOP_COLUMNS)


def routes_geojson(routes: Any) -> dict[str, Any]:
    """Routes as a GeoJSON FeatureCollection (every route field, ``illustrative`` included)."""
    from geodata.schema import ROUTE_COLUMNS

    return _geojson(routes, ROUTE_COLUMNS)
