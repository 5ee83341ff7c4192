"""``locator visits``, ``routes``, ``route-ics``, ``plan-route``: mobile VDS units on the CLI.

Every answer about an illustrative route says ILUSTRATIVO / ILLUSTRATIVE: no public route or
schedule of the mobile units exists.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click

from geodata.errors import NotFoundError
from locator.cli.common import (
    emit_json,
    format_option,
    handle_errors,
    lang_option,
    open_cli_store,
    store_option,
    table_format_option,
)
from locator.i18n import text, ui_lang
from locator.i18n.cli import CLI_ERRORS

__all__ = ["commands"]


def _illustrative(lang: str) -> str:
    return text("common.illustrative_full", ui_lang(lang))


def _tag(lang: str) -> str:
    """The bilingual ILUSTRATIVO / ILLUSTRATIVE tag, the reader's language first."""
    return text("common.illustrative_tag", ui_lang(lang))


def _t(lang: str, key: str) -> str:
    return text(f"cli.{key}", ui_lang(lang))


def _route(store, route_id: str):
    routes = store.routes()
    match = routes[routes["id"] == route_id]
    if match.empty:
        known = ", ".join(routes["id"]) or "—"
        raise NotFoundError(
            CLI_ERRORS["route_not_found"].fill(route_id=route_id, known=known),
            detail={"suggestions": list(routes["id"])},
        )
    stops = store.stops()
    return match.iloc[0].to_dict(), stops[stops["route_id"] == route_id]


@click.command("visits")
@click.argument("query")
@click.option(
    "--radius-km",
    "--within-km",
    "radius_km",
    type=click.FloatRange(0, 2000, min_open=True),
    default=50.0,
    show_default=True,
    help="Great-circle radius around the place (--within-km: old name, deprecated).",
)
@click.option(
    "--from",
    "start",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="First day (each stop's local date). Default: now.",
)
@click.option("--days", type=click.IntRange(1, 366), default=30, show_default=True)
@click.option("--limit", type=click.IntRange(1, 500), default=20, show_default=True)
@table_format_option
@store_option
@lang_option
@handle_errors
def visits(query, radius_km, start, days, limit, fmt, store, lang) -> None:
    """Próximas visitas de unidades móviles / next mobile-unit visits near QUERY.

    \b
    Ejemplos / examples:
      locator visits "Dearborn, MI"
      locator visits 10001 --radius-km 30 --from 2025-03-01 --days 60 --lang en
    """
    from geodata.gazetteer import Gazetteer
    from locator.mobile.visits import next_visits

    place = Gazetteer.default().geocode(query, limit=1)[0]
    db = open_cli_store(store)
    found = next_visits(
        db.stops(),
        db.routes(),
        lon=place.lon,
        lat=place.lat,
        radius_km=radius_km,
        start=start.date() if start else datetime.now(UTC),
        days=days,
        limit=limit,
    )
    if fmt == "json":
        emit_json(
            {
                "query": place.to_dict(),
                "radius_km": radius_km,
                "within_km": radius_km,  # deprecated alias of radius_km
                "visits": [v.to_dict(lang) for v in found],
            }
        )
        return
    click.echo(
        f"{_t(lang, 'near')}: {place.label} ({place.lat:.4f}, {place.lon:.4f}), {radius_km:g} km"
    )
    if not found:
        click.echo(_t(lang, "no_visits"))
        return
    if any(v.illustrative for v in found):
        click.echo(f"** {_illustrative(lang)} **")
    from locator.present import precision_note

    notes = sorted({precision_note(v.location_precision, lang) for v in found} - {""})
    if notes:
        click.echo(f"{_t(lang, 'stops')}: {'; '.join(notes)}")
    for v in found:
        flag = f" [{_tag(lang)}]" if v.illustrative else ""
        click.echo(
            f"{v.to_dict(lang)['local_text']}  {v.distance_km:6.1f} km  "
            f"{v.place}{'' if v.place == v.stop_name else '  ' + v.stop_name}{flag}"
        )


@click.command("routes")
@format_option("table", "json", "geojson")
@store_option
@lang_option
@handle_errors
def routes(fmt, store, lang) -> None:
    """Rutas de las unidades móviles / mobile-unit routes and their stops."""
    from locator.mobile.ics import routes_geojson
    from locator.mobile.visits import stop_place

    db = open_cli_store(store)
    frame, stops = db.routes(), db.stops()
    if fmt == "geojson":
        emit_json(routes_geojson(frame))
        return
    rows = []
    for r in frame.to_dict("records"):
        own = stops[stops["route_id"] == r["id"]].sort_values("sequence")
        rows.append(
            {
                "id": r["id"],
                "unit_id": r["unit_id"],
                "name": r["name"],
                "illustrative": bool(r["illustrative"]),
                "source": r["source"],
                "stops": [stop_place(s) for s in own.to_dict("records")],
            }
        )
    if fmt == "json":
        emit_json({"routes": rows})
        return
    if not rows:
        click.echo(_t(lang, "no_routes"))
    for r in rows:
        flag = f" [{_tag(lang)}]" if r["illustrative"] else ""
        click.echo(f"{r['id']}  ({r['unit_id']}){flag}\n  {r['name']}")
        click.echo(f"  {_t(lang, 'stops')}: {' → '.join(r['stops'])}")
        if r["illustrative"]:
            click.echo(f"  {_illustrative(lang)}")


@click.command("route-ics")
@click.argument("route_id")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    required=True,
    help="Calendar file to write (.ics); '-' for standard output.",
)
@click.option(
    "--map",
    "map_path",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Also write an offline HTML map of the route.",
)
@store_option
@lang_option
@handle_errors
def route_ics(route_id, output, map_path, store, lang) -> None:
    """Calendario iCalendar de una ruta / a route's calendar (.ics), one event per stop."""
    from locator.mobile.ics import route_calendar, to_ics

    route, stops = _route(open_cli_store(store), route_id)
    data = to_ics(route_calendar(route, stops))
    if output == "-":
        sys.stdout.buffer.write(data)  # (click.get_binary_stream is deprecated in click 8.5)
    else:
        Path(output).write_bytes(data)
        click.echo(_t(lang, "written").format(path=output, n=len(stops)), err=True)
    if route.get("illustrative"):
        click.echo(_illustrative(lang), err=True)
    if map_path:
        _write_map(route, stops, map_path, lang)


def _write_map(route, stops, path: str, lang: str) -> None:
    try:
        from locator.maps import route_map, save_html
    except ImportError:  # pragma: no cover - maps are part of the package
        raise click.ClickException(_t(lang, "maps_unavailable")) from None
    from locator.mobile.schedule import occurrences
    from locator.mobile.visits import when_text

    frame = stops.copy()
    now = datetime.now(UTC)
    frame["next_visits"] = [
        [
            when_text(t, t + timedelta(minutes=int(s["duration_minutes"])), lang)
            for t in occurrences(s, now, now + timedelta(days=90))[:3]
        ]
        for s in frame.to_dict("records")
    ]
    save_html(route_map(route, frame, lang=lang), path)
    click.echo(_t(lang, "map_written").format(path=path), err=True)


@click.command("plan-route")
@click.argument("route_id")
@click.option("--open", "open_path", is_flag=True, help="End anywhere (default: back to start).")
@click.option(
    "--detour",
    type=click.FloatRange(1.0, 3.0),
    default=1.3,
    show_default=True,
    help="Road / great-circle factor for the driving estimate (an assumption).",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(0, 60),
    default=0.0,
    show_default=True,
    help="Seconds of guided local search (0: fast local optimum).",
)
@table_format_option
@store_option
@lang_option
@handle_errors
def plan_route(route_id, open_path, detour, time_limit, fmt, store, lang) -> None:
    """Ordena las paradas en un circuito corto / order a route's stops into a short circuit.

    Distances are great-circle; the driving distance is an ESTIMATE (x detour factor). No road
    network is used.
    """
    from locator.mobile.circuit import distance_matrix_m, plan_circuit, tour_km
    from locator.mobile.visits import stop_place

    route, stops = _route(open_cli_store(store), route_id)
    stops = stops.sort_values("sequence").reset_index(drop=True)
    plan = plan_circuit(stops, closed=not open_path, detour_factor=detour, time_limit_s=time_limit)
    current = tour_km(distance_matrix_m(stops), list(range(len(stops))), closed=not open_path)
    names = [stop_place(stops.loc[i]) for i in plan.order]
    out = {
        "route_id": route_id,
        "illustrative": bool(route.get("illustrative")),
        "order": [str(stops.at[i, "id"]) for i in plan.order],
        "places": names,
        "current_great_circle_km": round(current, 3),
        "great_circle_km": plan.great_circle_km,
        "driving_estimate_km": plan.driving_estimate_km,
        "detour_factor": detour,
        "note": plan.note(lang),
    }
    if fmt == "json":
        emit_json(out)
        return
    click.echo(" → ".join(names))
    click.echo(
        _t(lang, "circuit").format(
            current=f"{current:.1f}",
            proposed=f"{plan.great_circle_km:.1f}",
            driving=f"{plan.driving_estimate_km:.0f}",
        )
    )
    click.echo(plan.note(lang))
    if out["illustrative"]:
        click.echo(_illustrative(lang))


commands = [visits, routes, route_ics, plan_route]
