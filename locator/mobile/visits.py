"""Where and when mobile units visit: next visits near a point, distance to a route, unit location.

Distances are great-circle (haversine, R = 6371.0088 km) to stops, and geodesic (WGS84) to a
route line: the line is densified along geodesics and measured in an azimuthal equidistant
projection centred on the point, where distances from the centre are exact.

Examples
--------
>>> from datetime import datetime, UTC
>>> from shapely.geometry import Point
>>> stops = [{"id": "s1", "route_id": "r1", "name": "Dearborn", "rrule": "FREQ=WEEKLY;BYDAY=SA",
...           "dtstart": "2025-01-04T10:00", "timezone": "America/Detroit",
...           "duration_minutes": 240, "illustrative": True, "geometry": Point(-83.18, 42.32)}]
>>> v = next_visits(stops, [], lon=-83.05, lat=42.33, radius_km=50,
...                 start=datetime(2025, 3, 1, tzinfo=UTC), days=10)
>>> [x.start.isoformat() for x in v]
['2025-03-01T10:00:00-05:00', '2025-03-08T10:00:00-05:00']
>>> round(v[0].distance_km, 1), v[0].illustrative
(10.7, True)
"""

from __future__ import annotations

import itertools
import logging
import math
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd
import shapely
from pyproj import CRS, Geod, Transformer
from shapely.geometry import LineString, Point
from shapely.geometry.base import BaseGeometry

from geodata.errors import InvalidInputError, LocatorError
from locator.distance import haversine_km
from locator.i18n import text as catalog_text
from locator.i18n import ui_lang
from locator.i18n.errors import MOBILE as ERRORS
from locator.mobile.schedule import MAX_YEAR, MIN_YEAR, occurrences

__all__ = [
    "Visit",
    "check_date_range",
    "distance_to_route",
    "next_visits",
    "stop_place",
    "unit_location",
    "when_text",
]

log = logging.getLogger(__name__)
_GEOD = Geod(ellps="WGS84")
MAX_DAYS = 366
MAX_RADIUS_KM = 2000.0


def when_text(start: datetime, end: datetime, lang: str = "es") -> str:
    """Local, human text of a visit, independent of the machine locale.

    >>> from zoneinfo import ZoneInfo
    >>> s = datetime(2025, 3, 1, 10, tzinfo=ZoneInfo("America/Detroit"))
    >>> when_text(s, s + timedelta(hours=4), "es")
    'sáb 1 mar 2025, 10:00–14:00 EST'
    >>> when_text(s, s + timedelta(hours=4), "en")
    'Sat 1 Mar 2025, 10:00–14:00 EST'
    """
    lang = ui_lang(lang)
    day = catalog_text(f"dates.day_short.{start.weekday()}", lang)
    month = catalog_text(f"dates.month_short.{start.month}", lang)
    return f"{day} {start.day} {month} {start.year}, {start:%H:%M}–{end:%H:%M} {start.tzname()}"


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def stop_place(stop: Mapping[str, Any]) -> str:
    """Where a stop is, for people: ``"City, ST"``, or the stop's name when neither is known.

    Imported stops often carry only a name; nothing is invented for them.

    >>> stop_place({"name": "Iglesia San José", "city": "Dearborn", "state": "MI"})
    'Dearborn, MI'
    >>> stop_place({"name": "Iglesia San José", "city": None, "state": float("nan")})
    'Iglesia San José'
    """
    place = ", ".join(p for p in (_text(stop.get("city")), _text(stop.get("state"))) if p)
    return place or _text(stop.get("name"))


@dataclass(frozen=True)
class Visit:
    """One visit of a mobile unit to a stop."""

    stop_id: str
    stop_name: str
    city: str
    state: str
    route_id: str
    route_name: str
    unit_id: str
    start: datetime
    end: datetime
    timezone: str
    lon: float
    lat: float
    distance_km: float
    illustrative: bool
    location_precision: str = ""
    """As the source gave it; empty when unknown (never assumed to be "city")."""

    @property
    def place(self) -> str:
        """``"City, ST"`` or, when neither is known, the stop's name (:func:`stop_place`)."""
        return stop_place({"city": self.city, "state": self.state, "name": self.stop_name})

    def to_dict(self, lang: str = "es") -> dict[str, Any]:
        """JSON-able dict: ISO times with offsets, local text in ``lang``, the flags."""
        out = {k: getattr(self, k) for k in self.__dataclass_fields__}
        out["place"] = self.place
        out["start"], out["end"] = self.start.isoformat(), self.end.isoformat()
        out["local_text"] = when_text(self.start, self.end, lang)
        out["distance_km"] = round(self.distance_km, 3)
        if self.illustrative:
            out["notice"] = catalog_text("common.illustrative", ui_lang(lang))
        return out


def _records(frame: Any) -> list[dict[str, Any]]:
    if frame is None:
        return []
    if isinstance(frame, pd.DataFrame):
        return frame.to_dict("records")
    return [dict(r) for r in frame]


def _check_point(lon: float, lat: float) -> None:
    if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
        raise InvalidInputError(ERRORS["point_range"].fill(lon=lon, lat=lat))


def _window(
    start: date | datetime | None, days: float | None, end: date | datetime | None
) -> tuple[date | datetime, date | datetime]:
    lo = start if start is not None else datetime.now(UTC)
    check_date_range(lo)
    if end is None:
        span = 30 if days is None else days
        if not 0 < span <= MAX_DAYS:
            raise InvalidInputError(ERRORS["days_range"].fill(max=MAX_DAYS))
        hi = lo + timedelta(days=span)
    else:
        hi = end
    check_date_range(hi)
    return lo, hi


def check_date_range(moment: date | datetime) -> None:
    """Raise :class:`InvalidInputError` unless ``moment`` is within the supported years."""
    if not MIN_YEAR + 1 <= moment.year <= MAX_YEAR - 1:
        raise InvalidInputError(
            ERRORS["date_range"].fill(lo=MIN_YEAR + 1, hi=MAX_YEAR - 1, moment=moment.isoformat())
        )


def next_visits(
    stops: Any,
    routes: Any = None,
    *,
    lon: float,
    lat: float,
    radius_km: float = 50.0,
    start: date | datetime | None = None,
    days: float | None = 30,
    end: date | datetime | None = None,
    limit: int | None = 20,
    within_km: float | None = None,
) -> list[Visit]:
    """Visits to stops within ``radius_km`` of a point, between ``start`` and ``end``, by time.

    Parameters
    ----------
    stops, routes
        Stop and route rows (GeoDataFrames or lists of mappings with the schema fields).
    lon, lat
        The point, degrees.
    radius_km
        Great-circle radius around the point (0 < radius_km <= 2000).
    start
        Aware datetime (default: now). Naive datetimes and dates are each stop's local time.
    days, end
        Window length in days (default 30, at most 366), or an explicit ``end``.
    limit
        Maximum number of visits (``None``: all).
    within_km
        Deprecated old name of ``radius_km`` (a :class:`DeprecationWarning`; wins when given).

    Returns
    -------
    list of Visit
        Ordered by start time (then distance). Visits under way at ``start`` are included.
        Stops with an unreadable schedule are skipped and logged.
    """
    lon, lat = float(lon), float(lat)
    _check_point(lon, lat)
    if within_km is not None:
        warnings.warn(
            "next_visits(within_km=...) is deprecated: use radius_km",
            DeprecationWarning,
            stacklevel=2,
        )
        radius_km = within_km
    if not 0 < radius_km <= MAX_RADIUS_KM:
        raise InvalidInputError(ERRORS["radius_range"].fill(max=MAX_RADIUS_KM))
    lo, hi = _window(start, days, end)
    route_by_id = {r["id"]: r for r in _records(routes)}
    visits: list[Visit] = []
    for stop in _records(stops):
        geom = stop.get("geometry")
        if geom is None or geom.is_empty:
            continue
        dist = float(haversine_km(lon, lat, geom.x, geom.y))
        if dist > radius_km:
            continue
        try:
            starts = occurrences(stop, lo, hi)
        except LocatorError as exc:
            log.warning("skipping stop %s: %s", stop.get("id"), exc)
            continue
        route = route_by_id.get(stop.get("route_id"), {})
        visits.extend(_visit(stop, route, when, dist) for when in starts)
    visits.sort(key=lambda v: (v.start.astimezone(UTC), v.distance_km, v.stop_id))
    return visits if limit is None else visits[: max(int(limit), 0)]


def _visit(stop: Mapping[str, Any], route: Mapping[str, Any], when: datetime, dist: float) -> Visit:
    sched_minutes = int(stop.get("duration_minutes") or 0)
    geom = stop["geometry"]
    return Visit(
        stop_id=_text(stop.get("id")),
        stop_name=_text(stop.get("name")),
        city=_text(stop.get("city")),
        state=_text(stop.get("state")),
        route_id=str(stop.get("route_id", "")),
        route_name=str(route.get("name", "")),
        unit_id=str(route.get("unit_id", "")),
        start=when,
        end=(when + timedelta(minutes=sched_minutes)).astimezone(when.tzinfo),
        timezone=str(stop.get("timezone", "")),
        lon=float(geom.x),
        lat=float(geom.y),
        distance_km=dist,
        illustrative=bool(stop.get("illustrative")) or bool(route.get("illustrative")),
        location_precision=_text(stop.get("location_precision")),
    )


def _densify(line: LineString, step_km: float) -> LineString:
    coords = list(line.coords)
    out = [coords[0]]
    for (x1, y1), (x2, y2) in itertools.pairwise(coords):
        _, _, metres = _GEOD.inv(x1, y1, x2, y2)
        n = int(metres / 1000.0 // step_km)
        if n > 0:
            out.extend(_GEOD.npts(x1, y1, x2, y2, n))
        out.append((x2, y2))
    return LineString(out) if len(out) > 1 else LineString([out[0], out[0]])


def distance_to_route(
    route_geom: BaseGeometry, lon: float, lat: float, *, step_km: float = 2.0
) -> float:
    """Geodesic distance in km from a point to a route line (its nearest part).

    Segments are followed along geodesics (densified every ``step_km``) and measured in an
    azimuthal equidistant projection centred on the point: no planar degrees.

    >>> from shapely.geometry import LineString
    >>> round(distance_to_route(LineString([(-1, 0), (1, 0)]), 0, 1), 1)  # 1 degree north
    110.6
    """
    _check_point(float(lon), float(lat))
    if route_geom is None or route_geom.is_empty:
        raise InvalidInputError(ERRORS["route_no_geometry"])
    lines = getattr(route_geom, "geoms", [route_geom])
    aeqd = CRS.from_proj4(f"+proj=aeqd +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m")
    to_local = Transformer.from_crs("EPSG:4326", aeqd, always_xy=True).transform
    best = math.inf
    for line in lines:
        if line.geom_type == "Point":
            line = LineString([line.coords[0], line.coords[0]])
        local = shapely.transform(
            _densify(LineString(line.coords), step_km),
            lambda xy: np.column_stack(to_local(xy[:, 0], xy[:, 1])),
        )
        best = min(best, local.distance(Point(0, 0)) / 1000.0)
    return best


def unit_location(stops: Any, route_id: str, on: date) -> dict[str, Any] | None:
    """The stop of ``route_id`` visited on local date ``on``, or ``None`` (first by time).

    >>> from shapely.geometry import Point
    >>> stops = [{"id": "a", "route_id": "r", "rrule": "FREQ=MONTHLY;BYDAY=1SA",
    ...           "dtstart": "2025-01-04T10:00", "timezone": "America/New_York",
    ...           "duration_minutes": 60, "geometry": Point(-74, 40.7)}]
    >>> unit_location(stops, "r", date(2025, 2, 1))["id"]
    'a'
    >>> unit_location(stops, "r", date(2025, 2, 2)) is None
    True
    """
    best: tuple[datetime, dict[str, Any]] | None = None
    for stop in _records(stops):
        if stop.get("route_id") != route_id:
            continue
        try:
            hits = [t for t in occurrences(stop, on, on + timedelta(days=1)) if t.date() == on]
        except LocatorError as exc:
            log.warning("skipping stop %s: %s", stop.get("id"), exc)
            continue
        if hits and (best is None or hits[0] < best[0]):
            best = (hits[0], stop)
    return None if best is None else best[1]
