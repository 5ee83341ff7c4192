"""Illustrative routes of the two mobile VDS units (Detroit and New York).

The December 2023 SRE letter says two mobile Ventanillas de Salud operate now, in Detroit and
New York, and names nothing else: **no public route or stop schedule exists**. These routes are
samples made by locator to show how routes work; every route and stop is marked
``illustrative=True`` and says so in its name, description and source.

Stops are real places located by the gazetteer at **city precision**; schedules are invented
RFC 5545 rules (the n-th Saturday or Sunday of each month, 10:00-14:00 local time), one stop per
day so that a unit is never in two places at once.

Examples
--------
>>> from geodata.gazetteer import Gazetteer
>>> routes, stops = build_illustrative_routes(Gazetteer.default())
>>> sorted(routes["id"])
['route-vds-mobile-detroit', 'route-vds-mobile-new-york']
>>> bool(stops["illustrative"].all()), set(stops["location_precision"])
(True, {'city'})
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

import geopandas as gpd
from dateutil.rrule import rrulestr
from shapely.geometry import LineString, Point

from geodata.errors import NotFoundError
from geodata.messages import PLACE
from geodata.schema import coerce_routes, coerce_stops, stable_id

__all__ = [
    "ILLUSTRATIVE_SOURCE",
    "ROUTE_PLANS",
    "build_illustrative_routes",
]

ILLUSTRATIVE_SOURCE = (
    "Illustrative sample by locator; no public route exists "
    "(SRE letter 2023-12 names the units only)"
)
SOURCE_DATE = "2023-12-06"  # date of the SRE letter that names the two units
ANCHOR = datetime(2025, 1, 1)  # schedules start with the first matching day of 2025
VISIT = (10, 0, 240)  # 10:00 local, 4 hours
MIN_STOPS = 4

# The n-th Saturday/Sunday of the month: 8 distinct days, so one unit never has two stops a day.
_SLOTS = ("1SA", "1SU", "2SA", "2SU", "3SA", "3SU", "4SA", "4SU")

ROUTE_PLANS: dict[str, dict[str, Any]] = {
    "detroit": {
        "city_es": "Detroit",
        "city_en": "Detroit",
        # Detroit area, then west across Michigan, and Toledo (OH) on the way back.
        "places": [
            ("Detroit", "MI"),
            ("Dearborn", "MI"),
            ("Pontiac", "MI"),
            ("Lansing", "MI"),
            ("Grand Rapids", "MI"),
            ("Holland", "MI"),
            ("Ann Arbor", "MI"),
            ("Toledo", "OH"),
        ],
    },
    "new-york": {
        "city_es": "Nueva York",
        "city_en": "New York",
        # New York City boroughs, Westchester, coastal Connecticut and the Hudson valley
        # (no New Jersey: it belongs to the consulate in New Brunswick).
        "places": [
            ("New York", "NY"),
            ("Brooklyn", "NY"),
            ("Queens", "NY"),
            ("The Bronx", "NY"),
            ("Yonkers", "NY"),
            ("Port Chester", "NY"),
            ("Bridgeport", "CT"),
            ("Newburgh", "NY"),
            ("Staten Island", "NY"),
        ],
    },
}
"""Ordered candidate places per unit; places the gazetteer lacks are skipped (8 kept at most)."""


class _Gazetteer(Protocol):
    def city(self, name: str, state: str | None = None) -> Any: ...


def _timezone(place: Any) -> str:
    tz = getattr(place, "timezone", "") or ""
    if tz:
        return tz
    from timezonefinder import TimezoneFinder

    return TimezoneFinder().timezone_at(lng=float(place.lon), lat=float(place.lat)) or ""


def _first_visit(rule: str) -> str:
    hour, minute, _ = VISIT
    start = ANCHOR.replace(hour=hour, minute=minute)
    first = rrulestr(rule, dtstart=start).after(start, inc=True)
    return first.strftime("%Y-%m-%dT%H:%M")


def _stops_for(key: str, plan: dict[str, Any], gazetteer: _Gazetteer) -> list[dict[str, Any]]:
    route_id = f"route-vds-mobile-{key}"
    rows: list[dict[str, Any]] = []
    for name, state in plan["places"]:
        place = gazetteer.city(name, state)
        if place is None or len(rows) == len(_SLOTS):
            continue
        seq = len(rows) + 1
        rule = f"FREQ=MONTHLY;BYDAY={_SLOTS[seq - 1]}"
        rows.append(
            {
                "id": stable_id(f"stop-vds-mobile-{key}", f"{seq:02d}", name),
                "route_id": route_id,
                "sequence": seq,
                "name": f"{name} (parada ilustrativa / illustrative stop)",
                "city": getattr(place, "name", name) or name,
                "state": getattr(place, "state", state) or state,
                "rrule": rule,
                "dtstart": _first_visit(rule),
                "duration_minutes": VISIT[2],
                "timezone": _timezone(place),
                "location_precision": "city",
                "illustrative": True,
                "source": ILLUSTRATIVE_SOURCE,
                "geometry": Point(float(place.lon), float(place.lat)),
            }
        )
    if len(rows) < MIN_STOPS:
        raise NotFoundError(
            PLACE["route_incomplete"].fill(n=len(rows), key=key),
        )
    return rows


def _route_row(key: str, plan: dict[str, Any], stops: list[dict[str, Any]]) -> dict[str, Any]:
    es, en = plan["city_es"], plan["city_en"]
    return {
        "id": f"route-vds-mobile-{key}",
        "unit_id": f"vds-mobile-{key}",
        "name": f"Ruta ilustrativa VDS Móvil {es} / Illustrative route: VDS mobile unit {en}",
        "description": (
            f"Ruta ilustrativa / Illustrative route. Ejemplo hecho por locator: la unidad móvil "
            f"de {es} existe (carta SRE, dic. 2023), pero no hay ruta ni horario públicos; "
            f"paradas y horarios NO son reales. / Sample made by locator: the {en} mobile unit "
            f"exists (SRE letter, Dec 2023) but no route or schedule is public; stops and "
            f"times are NOT real."
        ),
        "source": ILLUSTRATIVE_SOURCE,
        "source_date": SOURCE_DATE,
        "illustrative": True,
        "geometry": LineString([s["geometry"] for s in stops]),
    }


def build_illustrative_routes(
    gazetteer: _Gazetteer,
) -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Build the two illustrative routes and their stops.

    Parameters
    ----------
    gazetteer
        Any object with ``city(name, state) -> Place | None`` (a Place has ``lon``, ``lat``,
        ``name``, ``state`` and ``timezone``), normally ``Gazetteer.default()``.

    Returns
    -------
    (routes, stops)
        GeoDataFrames coerced to the route and stop schemas; a route's LineString passes
        through its stops in order.

    Raises
    ------
    NotFoundError
        If the gazetteer knows fewer than 4 places of a route.
    """
    routes, stops = [], []
    for key, plan in ROUTE_PLANS.items():
        rows = _stops_for(key, plan, gazetteer)
        stops.extend(rows)
        routes.append(_route_row(key, plan, rows))
    return coerce_routes(routes), coerce_stops(stops)
