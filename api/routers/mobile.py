"""Mobile VDS units: ``GET /v1/visits``, ``GET /v1/routes/{id}.ics``, ``.../location``.

No public route or schedule of the mobile units exists: the bundled routes are illustrative
and every answer says so (``illustrative`` + ``illustrative_note`` / ILUSTRATIVO in calendars).

Caching: ``/v1/visits`` without ``from`` depends on the current time, so it is sent with
``Cache-Control: no-store`` (the dataset-version ETag alone would keep stale answers).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from api.deps import Lang, Point, RuntimeDep
from api.responses import JSONBytesResponse
from api.routers import no_route, problems
from api.schemas import QueryPoint
from locator.features import ILLUSTRATIVE_NOTE, precision_note
from locator.mobile.ics import route_calendar, to_ics
from locator.mobile.visits import check_date_range, next_visits, stop_place, unit_location

__all__ = ["router"]

router = APIRouter(prefix="/v1", tags=["mobile units"])

RouteId = Annotated[str, Path(min_length=1, max_length=200, pattern=r"^[A-Za-z0-9._:-]+$")]


class VisitOut(BaseModel):
    """One visit of a mobile unit to a stop."""

    stop_id: str
    stop_name: str
    city: str
    state: str
    place: str = Field(
        description="City, state; the stop's name when neither is known.", examples=["Dearborn, MI"]
    )
    route_id: str
    route_name: str
    unit_id: str
    start: str = Field(
        description="ISO 8601 with the stop's UTC offset.", examples=["2025-03-01T10:00:00-05:00"]
    )
    end: str
    timezone: str = Field(examples=["America/Detroit"])
    local_text: str = Field(examples=["sáb 1 mar 2025, 10:00–14:00 EST"])
    lon: float
    lat: float
    distance_km: float = Field(description="Great-circle distance from the query point (km).")
    location_precision: str
    location_note: str
    illustrative: bool
    illustrative_note: str | None = None


class VisitsOut(BaseModel):
    """Next visits near a place, ordered by time."""

    query: QueryPoint
    radius_km: float = Field(description="Great-circle radius of the search (km).")
    within_km: float = Field(
        deprecated=True,
        description="Deprecated: the old name of radius_km, with the same value; use radius_km.",
    )
    start: str
    end: str
    dataset_version: str
    lang: str
    numberReturned: int
    visits: list[VisitOut]


class UnitLocationOut(BaseModel):
    """Where a route's unit is on a date (``stop`` is null when no stop is scheduled)."""

    route_id: str
    date: str
    dataset_version: str
    illustrative: bool
    illustrative_note: str | None = None
    stop: dict | None


def _route(runtime, route_id: str):
    snap = runtime.view().snapshot
    match = snap.routes[snap.routes["id"] == route_id]
    if match.empty:
        raise no_route(route_id)
    return match.iloc[0].to_dict(), snap.stops[snap.stops["route_id"] == route_id]


@router.get(
    "/visits",
    response_model=VisitsOut,
    response_class=JSONBytesResponse,
    responses=problems(400, 404, 422),
    summary="Próximas visitas de unidades móviles / next mobile-unit visits",
)
async def visits(
    runtime: RuntimeDep,
    point: Point,
    lang: Lang,
    radius_km: Annotated[
        float | None,
        Query(gt=0, le=2000, allow_inf_nan=False, description="Great-circle radius (km; 50)."),
    ] = None,
    start: Annotated[
        date | None,
        Query(
            alias="from",
            description="First day (YYYY-MM-DD, each stop's local date). Default: now.",
        ),
    ] = None,
    days: Annotated[int, Query(ge=1, le=366, description="Days to look ahead.")] = 30,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
    within_km: Annotated[
        float | None,
        Query(
            gt=0,
            le=2000,
            allow_inf_nan=False,
            deprecated=True,
            description="Old name of radius_km.",
        ),
    ] = None,
) -> JSONBytesResponse:
    """Visits of mobile units to stops within ``radius_km`` of ``q`` or ``lat``/``lon``.

    Times keep each stop's local wall time across daylight-saving changes (ISO 8601 with the
    UTC offset of that day). Illustrative stops say so (``illustrative_note``).

    The answer's ``radius_km`` is the radius searched; ``within_km`` (deprecated) is its old
    name, with the same value, kept for existing clients.
    """
    view = runtime.view()
    snap = view.snapshot
    begin = start if start is not None else datetime.now(UTC)
    radius = next((km for km in (radius_km, within_km) if km is not None), 50.0)
    found = await run_in_threadpool(
        next_visits,
        snap.stops,
        snap.routes,
        lon=point.lon,
        lat=point.lat,
        radius_km=radius,
        start=begin,
        days=days,
        limit=limit,
    )
    items = []
    for v in found:
        item = v.to_dict(lang)
        item.pop("notice", None)
        item["location_note"] = precision_note(v.location_precision, lang)
        item["illustrative_note"] = ILLUSTRATIVE_NOTE[lang] if v.illustrative else None
        items.append(item)
    body = {
        "query": point.to_dict(),
        "radius_km": radius,
        "within_km": radius,  # deprecated alias of radius_km
        "start": begin.isoformat(),
        "end": (begin + timedelta(days=days)).isoformat(),
        "dataset_version": view.version,
        "lang": lang,
        "numberReturned": len(items),
        "visits": items,
    }
    headers = {"Cache-Control": "no-store"} if start is None else None
    return JSONBytesResponse(body, headers=headers)


@router.get(
    "/routes/{route_id}.ics",
    response_class=Response,
    responses={
        200: {
            "content": {"text/calendar": {}},
            "description": "iCalendar (RFC 5545), one recurring event per stop",
        },
        **problems(404, 422),
    },
    summary="Calendario de una ruta / a route's calendar (.ics)",
)
async def route_ics(runtime: RuntimeDep, route_id: RouteId) -> Response:
    """The route's stops as recurring iCalendar events (with VTIMEZONE); ILUSTRATIVO if so."""
    route, stops = _route(runtime, route_id)
    data = await run_in_threadpool(lambda: to_ics(route_calendar(route, stops)))
    return Response(
        data,
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{route_id}.ics"'},
    )


@router.get(
    "/routes/{route_id}/location",
    response_model=UnitLocationOut,
    response_class=JSONBytesResponse,
    responses=problems(400, 404, 422),
    summary="Dónde está la unidad en una fecha / where the unit is on a date",
)
async def route_location(
    runtime: RuntimeDep,
    lang: Lang,
    route_id: RouteId,
    on: Annotated[date, Query(description="Local date (YYYY-MM-DD).")],
) -> JSONBytesResponse:
    """The stop the route's unit visits on ``on`` (local date), or ``null``."""
    check_date_range(on)
    route, stops = _route(runtime, route_id)
    stop = await run_in_threadpool(unit_location, stops, route_id, on)
    illustrative = bool(route.get("illustrative"))
    out = None
    if stop is not None:
        geom = stop.pop("geometry", None)
        out = {k: (v.item() if hasattr(v, "item") else v) for k, v in stop.items()}
        out["lon"], out["lat"] = (
            (float(geom.x), float(geom.y)) if geom is not None else (None, None)
        )
        out["place"] = stop_place(stop)
        out["location_note"] = precision_note(str(stop.get("location_precision", "")), lang)
    return JSONBytesResponse(
        {
            "route_id": route_id,
            "date": on.isoformat(),
            "dataset_version": runtime.view().version,
            "illustrative": illustrative,
            "illustrative_note": ILLUSTRATIVE_NOTE[lang] if illustrative else None,
            "stop": out,
        }
    )
