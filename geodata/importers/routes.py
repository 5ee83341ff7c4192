"""Import mobile-unit routes: GeoJSON stops plus an optional schedule table.

Input
-----
* **Stops**: a GeoJSON FeatureCollection of Point features, one per stop, with properties
  ``route_id``, ``sequence`` (1, 2, ...), ``name``, and optionally ``id``/``stop_id``, ``city``,
  ``state``, ``unit_id``, ``route_name``, ``route_description``, ``location_precision``,
  ``source``, ``illustrative`` and the schedule fields ``rrule``, ``dtstart``,
  ``duration_minutes``, ``timezone``.
* **Schedule** (``schedule=``, optional when the stops carry their schedules), a CSV in either
  shape, detected by its header:

  - locator's: ``stop_id, rrule, dtstart, duration_minutes, timezone``;
  - Open Referral HSDS 3.0 ``schedule.csv``: ``location_id`` (= stop id), ``freq``,
    ``interval``, ``byday``, ``bymonthday``, ``byyearday``, ``byweekno``, ``wkst``, ``count``,
    ``until``, ``dtstart``/``valid_from`` (date), ``opens_at``, ``closes_at``. HSDS gives the
    timezone only as a UTC offset, so the IANA zone comes from the stop's coordinates.

Rules: every route needs a ``unit_id`` (the ``vds_mobile`` site driving it; given per stop or
with ``unit_id=``; checked against ``known_units`` when given) and at least 2 stops with distinct
sequence numbers; every stop needs a schedule valid under :mod:`geodata.schedule`, a location
precision and a source citation. A missing timezone is looked up from the coordinates (with a
warning). Nothing is invented: a missing duration is an error. Import is all-or-nothing: any
problem raises :class:`~geodata.errors.ImportValidationError` listing every row.

Examples
--------
>>> import json
>>> feats = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": c},
...           "properties": {"route_id": "r1", "sequence": i + 1, "name": n,
...                          "location_precision": "city", "rrule": "FREQ=MONTHLY;BYDAY=1SA",
...                          "dtstart": "2025-01-04T10:00", "duration_minutes": 240}}
...          for i, (n, c) in enumerate([("Dearborn", [-83.18, 42.32]),
...                                      ("Pontiac", [-83.29, 42.64])])]
>>> data = json.dumps({"type": "FeatureCollection", "features": feats}).encode()
>>> parsed = read_routes(data, unit_id="vds-mobile-detroit", source_text="Example 2026")
>>> parsed.changes.routes["unit_id"].tolist(), parsed.changes.stops["timezone"].tolist()
(['vds-mobile-detroit'], ['America/Detroit', 'America/Detroit'])
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from shapely.geometry import LineString, Point

from geodata.errors import InvalidInputError, LocatorError
from geodata.i18n import T
from geodata.importers.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ROWS,
    ErrorLog,
    ParsedImport,
    Source,
    check_fields,
    check_point,
    decode_text,
    load_json,
    parse_float,
    read_bytes,
    read_csv_source,
    source_name,
)
from geodata.messages import IMPORT, ROWS
from geodata.schedule import parse_schedule
from geodata.schema import STOP_COLUMNS, stable_id
from geodata.stores.base import ChangeSet, SiteStore
from geodata.vocab import PRECISIONS

__all__ = ["HSDS_RULE_FIELDS", "hsds_rule", "import_routes", "mobile_unit_ids", "read_routes"]

WHAT = "Routes / Rutas"
HSDS_RULE_FIELDS = (
    "freq",
    "interval",
    "byday",
    "bymonthday",
    "byyearday",
    "byweekno",
    "wkst",
    "count",
    "until",
)
"""HSDS 3.0 schedule columns turned into RRULE parts (upper-cased names)."""
_SCHEDULE_FIELDS = ("rrule", "dtstart", "duration_minutes", "timezone")
_TRUE = {"1", "true", "yes", "y", "t", "si", "sí"}
_BAD = "invalid"
"""Marks a schedule value already reported as an error (not reported twice)."""


def hsds_rule(row: dict[str, str]) -> tuple[str, str, int | None]:
    """``(rrule, dtstart, duration_minutes)`` from one HSDS schedule row.

    ``dtstart`` is the HSDS ``dtstart`` (or ``valid_from``) date at ``opens_at``; the duration
    is ``closes_at - opens_at`` (``None`` when either is missing or ``closes_at`` is not after
    ``opens_at``: the importer reports that row). UTC offsets on the times are dropped: the
    stop's IANA timezone is authoritative.

    >>> hsds_rule({"freq": "MONTHLY", "byday": "1SA", "dtstart": "2025-01-04",
    ...            "opens_at": "10:00-05:00", "closes_at": "14:30"})
    ('FREQ=MONTHLY;BYDAY=1SA', '2025-01-04T10:00', 270)
    """
    parts = []
    for key in HSDS_RULE_FIELDS:
        value = str(row.get(key, "") or "").strip().replace(" ", "")
        if key == "until" and value:
            value = value.replace("-", "").replace(":", "")
        if value:
            parts.append(f"{key.upper()}={value.upper()}")
    day = (row.get("dtstart") or row.get("valid_from") or "").strip()[:10]
    opens, closes = (_hhmm(row.get(k, "")) for k in ("opens_at", "closes_at"))
    dtstart = f"{day}T{opens}" if day and opens else day
    duration = None
    if opens and closes and _minutes(closes) > _minutes(opens):
        duration = _minutes(closes) - _minutes(opens)
    return ";".join(parts), dtstart, duration


def _hhmm(text: Any) -> str:
    value = str(text or "").strip().upper().removesuffix("Z")
    for sign in ("+", "-"):
        if sign in value:
            value = value.split(sign, 1)[0]
    return value[:5] if len(value) >= 4 and ":" in value else ""


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")[:2]
    return int(hours) * 60 + int(minutes)


def _features(data: bytes, encoding: str, max_rows: int) -> list[dict[str, Any]]:
    doc = load_json(decode_text(data, encoding), what=WHAT)  # depth, huge numbers, syntax
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise InvalidInputError(
            IMPORT["stops_not_collection"].fill(what=WHAT),
        )
    features = doc.get("features") or []
    if len(features) > max_rows:
        raise InvalidInputError(IMPORT["too_many_stops"].fill(what=WHAT, max_rows=max_rows))
    return features


def _read_schedule(
    source: Source, *, encoding: str, max_bytes: int, max_rows: int, errors: ErrorLog
) -> dict[str, tuple[int, dict[str, Any]]]:
    """Schedule rows by stop id: ``{stop_id: (csv_row, {rrule, dtstart, ...})}``."""
    header, rows = read_csv_source(
        source,
        encoding=encoding,
        what=f"{WHAT} (schedule)",
        max_bytes=max_bytes,
        max_rows=max_rows,
        errors=errors,
    )
    hsds = "freq" in header
    key = "location_id" if hsds else "stop_id"
    if key not in header or not (hsds or "rrule" in header):
        raise InvalidInputError(
            IMPORT["schedule_columns"].fill(what=WHAT),
        )
    out: dict[str, tuple[int, dict[str, Any]]] = {}
    for number, row in rows:
        stop_id = row.get(key, "")
        if not stop_id:
            errors.add(number, f"schedule.{key}", ROWS["missing_stop_id"])
            continue
        if stop_id in out:
            errors.add(
                number,
                f"schedule.{key}",
                ROWS["second_schedule"].fill(stop_id=stop_id, first=out[stop_id][0]),
            )
            continue
        if hsds:
            rule, dtstart, duration = hsds_rule(row)
            values = {
                "rrule": rule,
                "dtstart": dtstart,
                "duration_minutes": duration,
                "timezone": "",
            }
            opens, closes = (_hhmm(row.get(k, "")) for k in ("opens_at", "closes_at"))
            if opens and closes and duration is None:
                errors.add(
                    number,
                    "schedule.closes_at",
                    ROWS["closes_before_opens"].fill(closes=closes, opens=opens),
                )
                values["duration_minutes"] = _BAD
        else:
            values = {k: row.get(k, "") for k in _SCHEDULE_FIELDS}
        out[stop_id] = (number, values)
    return out


def _blank(value: Any) -> bool:
    return value is None or str(value).strip() == ""


def _timezone_at(lon: float, lat: float) -> str:
    from timezonefinder import TimezoneFinder

    return TimezoneFinder().timezone_at(lng=lon, lat=lat) or ""


def _point(n: int, props: Any, geom: Any, errors: ErrorLog) -> Point | None:
    if not isinstance(props, dict) or not isinstance(geom, dict) or geom.get("type") != "Point":
        errors.add(n, "geometry", ROWS["not_point_feature"])
        return None
    coords = geom.get("coordinates")
    coords = coords if isinstance(coords, list) else []
    lon, lat = (parse_float(c) for c in [*coords, None, None][:2])
    if lon is None or lat is None:
        errors.add(n, "geometry", ROWS["coords_not_numbers"])
        return None
    problem = check_point(lat, lon)
    if problem:
        errors.add(n, "geometry", problem)
        return None
    return Point(lon, lat)


def _stop_row(
    n: int, feature: Any, opts: dict[str, Any], errors: ErrorLog
) -> dict[str, Any] | None:
    """One stop from feature ``n``, every problem of the row recorded (``geometry`` is ``None``
    when the point is bad); ``None`` when the feature has no properties at all."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    if isinstance(props, dict):  # the shared type/size check (base)
        props = check_fields(n, props, errors=errors, warnings=None)
    point = _point(n, props, feature.get("geometry") if isinstance(feature, dict) else None, errors)
    if not isinstance(props, dict):
        return None
    row = {k: props.get(k) for k in STOP_COLUMNS if k in props}
    row["id"] = str(props.get("id") or props.get("stop_id") or feature.get("id") or "").strip()
    row["route_id"] = str(props.get("route_id") or "").strip()
    row["unit_id"] = str(props.get("unit_id") or opts["unit_id"] or "").strip()
    row["route_name"] = str(props.get("route_name") or "").strip()
    row["route_description"] = str(props.get("route_description") or "").strip()
    row["source"] = str(props.get("source") or opts["source_text"] or "").strip()
    row["location_precision"] = str(props.get("location_precision") or opts["precision"] or "")
    row["illustrative"] = str(props.get("illustrative", opts["illustrative"])).lower() in _TRUE
    row["geometry"] = point
    for field, message in (
        ("route_id", ROWS["missing_route_id"]),
        ("name", ROWS["missing_name"]),
        ("source", ROWS["missing_source"]),
    ):
        if _blank(row.get(field)):
            errors.add(n, field, message)
    if row["location_precision"] not in PRECISIONS:
        errors.add(
            n,
            "location_precision",
            ROWS["precision_allowed"].fill(allowed=", ".join(PRECISIONS)),
        )
    seq = parse_float(row.get("sequence"))
    if seq is None or seq < 1 or seq != int(seq):
        errors.add(n, "sequence", ROWS["sequence_whole"])
    else:
        row["sequence"] = int(seq)
    if not row["id"] and row.get("route_id") and isinstance(row.get("sequence"), int):
        row["id"] = stable_id(
            "stop", str(row["route_id"]), f"{row['sequence']:02d}", str(row["name"])
        )
    return row


def _apply_schedule(
    n: int,
    row: dict[str, Any],
    sched: tuple[int, dict[str, Any]] | None,
    errors: ErrorLog,
    warnings: list[dict[str, Any]],
) -> None:
    """Fill ``row``'s schedule from its schedule-file row (if any) and check it.

    Problems with values that came from the schedule file are reported at that file's row
    (fields ``schedule.*``); the others at the stop's row in the stops file.
    """
    sched_row, values = sched or (n, {})
    given = {k: v for k, v in values.items() if not _blank(v)}
    row.update(given)

    def where(field: str) -> tuple[int, str]:
        return (sched_row, f"schedule.{field}") if field in given else (n, field)

    if _BAD in (row.get("duration_minutes"), row.get("rrule")):
        return
    missing = [
        (f, m)
        for f, m in (
            ("rrule", ROWS["no_schedule"]),
            ("dtstart", ROWS["missing_dtstart"]),
            ("duration_minutes", ROWS["missing_duration"]),
        )
        if _blank(row.get(f))
    ]
    if missing and missing[0][0] == "dtstart" and _blank(row.get("rrule")):
        missing = missing[1:]
    for field, message in missing:
        errors.add(*where(field), ROWS["stop_problem"].fill(stop_id=row["id"], problem=message))
    if missing or row["geometry"] is None:
        return
    if _blank(row.get("timezone")):
        row["timezone"] = _timezone_at(row["geometry"].x, row["geometry"].y)
        warnings.append(
            {
                "row": n,
                "field": "timezone",
                "message": ROWS["timezone_from_coords"].fill(tz=row["timezone"]).both(),
            }
        )
    try:
        parse_schedule(
            row["rrule"],
            row["dtstart"],
            timezone=row["timezone"],
            duration_minutes=row["duration_minutes"],
        )
    except LocatorError as exc:
        row_n, field = where(str(exc.detail.get("field", "rrule")))
        said = T("schedule", es=exc.message("es"), en=exc.message("en"))
        errors.add(row_n, field, ROWS["stop_schedule"].fill(stop_id=row["id"], n=n, problem=said))


def _routes(
    stops: list[tuple[int, dict[str, Any]]], opts: dict[str, Any], errors: ErrorLog
) -> list[dict[str, Any]]:
    by_route: dict[str, list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for n, row in stops:
        by_route[row["route_id"]].append((n, row))
    known = set(opts["known_units"]) if opts["known_units"] is not None else None
    routes = []
    for route_id, members in by_route.items():
        first = members[0][0]
        units = {r["unit_id"] for _, r in members}
        if len(units) != 1 or "" in units:
            errors.add(
                first,
                "unit_id",
                ROWS["unit_count"].fill(route_id=route_id, units=sorted(units)),
            )
        elif known is not None and not units <= known:
            unit = sorted(units)[0]
            errors.add(
                first,
                "unit_id",
                ROWS["unknown_unit"].fill(route_id=route_id, unit=unit),
            )
        seqs = [r.get("sequence") for _, r in members]  # missing: already a row error
        if len(members) < 2:
            errors.add(
                first,
                "route_id",
                ROWS["one_stop"].fill(route_id=route_id),
            )
        if len(set(seqs)) != len(seqs):
            errors.add(
                first,
                "sequence",
                ROWS["repeated_sequence"].fill(route_id=route_id),
            )
        if errors:
            continue
        members.sort(key=lambda m: m[1]["sequence"])
        rows = [r for _, r in members]
        routes.append(
            {
                "id": route_id,
                "unit_id": rows[0]["unit_id"],
                "name": next((r["route_name"] for r in rows if r["route_name"]), route_id),
                "description": next(
                    (r["route_description"] for r in rows if r["route_description"]), ""
                ),
                "source": rows[0]["source"],
                "source_date": opts["source_date"],
                "illustrative": any(r["illustrative"] for r in rows),
                "geometry": LineString([r["geometry"] for r in rows]),
            }
        )
    return routes


def read_routes(
    source: Source,
    *,
    schedule: Source | None = None,
    unit_id: str = "",
    known_units: Iterable[str] | None = None,
    source_text: str = "",
    source_date: str = "",
    precision: str = "",
    illustrative: bool = False,
    encoding: str = "utf-8",
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
    **_: Any,
) -> ParsedImport:
    """Read and validate route stops (and their schedule table); nothing is stored.

    Parameters
    ----------
    source
        The stops GeoJSON (path, bytes or binary file).
    schedule
        Optional schedule CSV (locator's columns or HSDS ``schedule.csv``).
    unit_id
        The ``vds_mobile`` site for stops that do not name one.
    known_units
        Ids of existing ``vds_mobile`` sites; when given, every route's unit must be one.
    source_text, source_date, precision, illustrative
        Defaults for stops that lack ``source``/``location_precision``/``illustrative``.

    Raises
    ------
    ImportValidationError
        Listing every bad row (``schedule.*`` fields point at the schedule file's rows).
    """
    errors = ErrorLog()
    warnings: list[dict[str, Any]] = []
    features = _features(read_bytes(source, max_bytes=max_bytes), encoding, max_rows)
    sched = (
        _read_schedule(
            schedule, encoding=encoding, max_bytes=max_bytes, max_rows=max_rows, errors=errors
        )
        if schedule is not None
        else {}
    )
    opts = {
        "unit_id": unit_id,
        "source_text": source_text,
        "precision": precision,
        "illustrative": illustrative,
        "known_units": known_units,
        "source_date": source_date,
    }
    stops: list[tuple[int, dict[str, Any]]] = []
    seen: dict[str, int] = {}
    for n, feature in enumerate(features, 1):
        row = _stop_row(n, feature, opts, errors)
        if row is None:
            continue
        if row["id"] in seen:
            errors.add(n, "id", ROWS["duplicate_stop"].fill(first=seen[row["id"]]))
        seen.setdefault(row["id"], n)
        _apply_schedule(n, row, sched.get(row["id"]), errors, warnings)
        stops.append((n, row))
    unused = set(sched) - set(seen)
    for stop_id in sorted(unused):
        errors.add(
            sched[stop_id][0],
            "schedule.stop_id",
            ROWS["no_stop_with_id"].fill(stop_id=stop_id),
        )
    routes = _routes(stops, opts, errors) if stops else []
    if not stops:
        errors.add(None, "", ROWS["no_stops"])
    errors.raise_if_any(WHAT)
    changes = ChangeSet(
        routes=routes, stops=[r for _, r in stops], source=source_text or source_name(source)
    )
    return ParsedImport(changes, len(features), [], warnings, "routes")


def mobile_unit_ids(store: Any) -> list[str]:
    """Ids of the ``vds_mobile`` sites in ``store`` (anything with a ``sites()`` table)."""
    sites = store.sites()
    return sites.loc[sites["kind"] == "vds_mobile", "id"].astype(str).tolist()


def import_routes(
    store: SiteStore, source: Source, *, dry_run: bool = False, **options: Any
) -> Any:
    """Read ``source`` checking units against the store's ``vds_mobile`` sites, then store it.

    Returns the store's :class:`~geodata.stores.base.ApplyReport`; nothing is written if any
    row is invalid.
    """
    parsed = read_routes(source, known_units=mobile_unit_ids(store), **options)
    return store.apply(parsed.changes, dry_run=dry_run)
