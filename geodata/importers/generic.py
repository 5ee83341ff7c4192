"""Import sites from GeoJSON (RFC 7946) or from CSV with latitude/longitude columns.

Properties (GeoJSON) or columns (CSV) are named like the site schema
(:data:`geodata.schema.SITE_COLUMNS`); unknown ones are ignored with a warning. List fields
(``services``, ``languages``) are JSON arrays or ``;``-joined text. Rules:

* ``id``: given, or derived stably as ``<kind>-<name-city-state>`` (re-import updates in place);
* ``location_precision``: given, or ``address`` when ``street_address`` is filled; else an error;
* ``source``: given per row, or the ``source=`` option (CLI ``--source``); else an error;
* coordinates must be a plausible US location (swapped lat/lon and (0, 0) are caught).

CSV coordinate columns: ``lat``/``latitude``/``y`` and ``lon``/``lng``/``long``/``longitude``/``x``
(any case).

Examples
--------
>>> csv_text = b"kind,name,city,state,lat,lon,location_precision,source\\n"
>>> csv_text += b"clinic,Clinica Uno,Dalton,GA,34.77,-84.97,city,Example list 2026\\n"
>>> parsed = read_csv(csv_text)
>>> parsed.changes.sites["id"].tolist()
['clinic-clinica-uno-dalton-ga']
"""

from __future__ import annotations

import json
import re
from typing import Any

from shapely.geometry import Point

from geodata.errors import InvalidInputError
from geodata.importers.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ROWS,
    ErrorLog,
    ParsedImport,
    Source,
    check_fields,
    collect_sites,
    decode_text,
    finish,
    load_json,
    read_bytes,
    read_csv_table,
)
from geodata.importers.sniff import decimal_point, sniff_csv
from geodata.importers.states import clean_state
from geodata.importers.values import check_point, clean_url, clean_zip, parse_float
from geodata.messages import IMPORT, ROWS
from geodata.schema import LIST_FIELDS, SITE_COLUMNS, split_list, stable_id
from geodata.vocab import KINDS

__all__ = ["LAT_NAMES", "LON_NAMES", "read_csv", "read_geojson"]

LAT_NAMES = ("lat", "latitude", "y")
LON_NAMES = ("lon", "lng", "long", "longitude", "x")


def read_geojson(
    source: Source,
    *,
    encoding: str = "utf-8",
    progress: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
    source_text: str = "",
    **_: Any,
) -> ParsedImport:
    """Read a FeatureCollection of Points; ``source_text`` cites rows that have no ``source``."""
    what = "GeoJSON"
    text = decode_text(read_bytes(source, max_bytes=max_bytes), encoding)
    doc = load_json(text, what=what)  # depth, huge numbers, syntax: clear errors
    features = _features(doc, max_rows)
    errors, warnings = ErrorLog(), _crs_warnings(doc, what)
    unknown: set[str] = set()

    def build(n: int, feature: Any) -> dict[str, Any] | None:
        lonlat = _feature_point(n, feature, errors)
        props = check_fields(
            n, _feature_properties(n, feature, errors), errors=errors, warnings=warnings
        )  # the shared type/size check (base)
        unknown.update(set(props) - set(SITE_COLUMNS))
        return _record(n, props, lonlat, errors, source_text, warnings)

    records, rows, _skipped = collect_sites(
        list(enumerate(features, 1)), build, progress=progress, desc=what
    )
    _unknown_warning(unknown, warnings)
    return finish(
        records,
        rows,
        errors,
        what=what,
        fmt="geojson",
        rows_read=len(features),
        warnings=warnings,
        source=source_text or what,
    )


def _features(doc: Any, max_rows: int) -> list[Any]:
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        kind = doc.get("type") if isinstance(doc, dict) else type(doc).__name__
        raise InvalidInputError(
            IMPORT["geojson_not_collection"].fill(got=kind),
        )
    features = doc.get("features")
    if not isinstance(features, list):
        raise InvalidInputError(IMPORT["geojson_features_array"])
    if len(features) > max_rows:
        raise InvalidInputError(
            IMPORT["geojson_too_many"].fill(max_rows=max_rows),
            detail={"max_rows": max_rows},
        )
    return features


def _crs_warnings(doc: dict[str, Any], what: str) -> list[dict[str, Any]]:
    """RFC 7946 removed ``crs``: accept only WGS84 names, and warn."""
    crs = doc.get("crs")
    if crs is None:
        return []
    name = json.dumps(crs)
    if not any(k in name for k in ("CRS84", "EPSG:4326", "EPSG::4326")):
        raise InvalidInputError(
            IMPORT["crs_not_wgs84"].fill(what=what, name=name),
        )
    return [
        {
            "row": None,
            "field": "crs",
            "message": ROWS["crs_ignored"].both(),
        }
    ]


def _feature_properties(n: int, feature: Any, errors: ErrorLog) -> dict[str, Any]:
    """The feature's properties (a copy), with the feature's ``id`` when they have none."""
    props = feature.get("properties") if isinstance(feature, dict) else None
    if props is not None and not isinstance(props, dict):
        errors.add(n, "properties", ROWS["properties_object"])
        props = None
    props = dict(props or {})
    if isinstance(feature, dict) and "id" in feature and not props.get("id"):
        props["id"] = feature["id"]
    return props


def _feature_point(n: int, feature: Any, errors: ErrorLog) -> tuple[float, float] | None:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        errors.add(n, "type", ROWS["not_feature"])
        return None
    geom = feature.get("geometry")
    if not isinstance(geom, dict) or geom.get("type") != "Point":
        got = geom.get("type") if isinstance(geom, dict) else geom
        errors.add(n, "geometry", ROWS["not_point"].fill(got=got))
        return None
    coords = geom.get("coordinates")
    if (
        not isinstance(coords, list)
        or len(coords) not in (2, 3)
        or any(isinstance(c, bool) or not isinstance(c, (int, float)) for c in coords)
    ):
        errors.add(n, "geometry", ROWS["coords_lonlat"].fill(coords=coords))
        return None
    lon, lat = float(coords[0]), float(coords[1])
    problem = check_point(lat, lon)
    if problem:
        errors.add(n, "geometry", problem)
        return None
    return lon, lat


def read_csv(
    source: Source,
    *,
    encoding: str = "utf-8",
    progress: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
    source_text: str = "",
    **_: Any,
) -> ParsedImport:
    """Read a CSV of sites with latitude/longitude columns (header = row 1)."""
    what = "CSV"
    errors = ErrorLog()
    data = read_bytes(source, max_bytes=max_bytes)
    try:  # Excel in a Spanish locale: ';', decimal comma, cp1252 or a BOM
        sniffed = sniff_csv(data, encoding)
    except (UnicodeDecodeError, LookupError):
        decode_text(data, encoding)  # raises the clear message
        raise
    header, table = read_csv_table(
        sniffed.text, what=what, max_rows=max_rows, errors=errors, delimiter=sniffed.delimiter
    )
    lat_col, lon_col = _coordinate_columns(header)
    warnings: list[dict[str, Any]] = list(sniffed.notes)
    _unknown_warning(set(header) - set(SITE_COLUMNS) - {lat_col, lon_col}, warnings)
    fix = decimal_point if sniffed.decimal_comma else str

    def build(n: int, rec: dict[str, str]) -> dict[str, Any] | None:
        lonlat = _csv_point(n, fix(rec[lat_col]), fix(rec[lon_col]), (lat_col, lon_col), errors)
        props = {k: v for k, v in rec.items() if k in SITE_COLUMNS}
        return _record(n, props, lonlat, errors, source_text, warnings)

    records, rows, _skipped = collect_sites(table, build, progress=progress, desc=what)
    return finish(
        records,
        rows,
        errors,
        what=what,
        fmt="csv",
        rows_read=len(table),
        warnings=warnings,
        source=source_text or what,
    )


def _coordinate_columns(header: list[str]) -> tuple[str, str]:
    found = []
    for names, what in ((LAT_NAMES, "latitude"), (LON_NAMES, "longitude")):
        cols = [h for h in header if h.lower() in names]
        if len(cols) != 1:
            how_many = (
                IMPORT["no_column"]
                if not cols
                else IMPORT["several_columns"].fill(columns=", ".join(cols))
            )
            raise InvalidInputError(
                IMPORT["coordinate_column"].fill(
                    problem=how_many, what=IMPORT[what], names=", ".join(names)
                ),
                code="import_bad_header",
                detail={
                    "errors": [
                        {
                            "row": 1,
                            "field": what,
                            "message": ROWS["column_count"].fill(problem=how_many).both(),
                        }
                    ]
                },
            )
        found.append(cols[0])
    return found[0], found[1]


def _csv_point(
    n: int, lat_text: str, lon_text: str, cols: tuple[str, str], errors: ErrorLog
) -> tuple[float, float] | None:
    lat, lon = parse_float(lat_text), parse_float(lon_text)
    if lat is None or lon is None:
        col, value = (cols[0], lat_text) if lat is None else (cols[1], lon_text)
        errors.add(n, col, ROWS["missing_number"].fill(value=value[:40]))
        return None
    problem = check_point(lat, lon)
    if problem:
        errors.add(n, f"{cols[0]}/{cols[1]}", problem)
        return None
    return lon, lat


def _record(
    n: int,
    props: dict[str, Any],
    lonlat: tuple[float, float] | None,
    errors: ErrorLog,
    source_text: str,
    warnings: list[dict[str, Any]],
) -> dict[str, Any] | None:
    """A site record from schema-named ``props``; the schema itself is checked later."""
    rec: dict[str, Any] = {
        k: _text(v) for k, v in props.items() if k in SITE_COLUMNS and k not in LIST_FIELDS
    }
    _check_fields(n, rec, errors, warnings)
    for key in LIST_FIELDS:
        value = props.get(key)
        if (
            value is None
            or isinstance(value, str)
            or (isinstance(value, list) and all(isinstance(v, str) for v in value))
        ):
            rec[key] = value
        else:
            errors.add(n, key, ROWS["list_text"])
    for code in split_list(rec.get("languages")):
        if not _LANG.match(code.lower()):
            errors.add(n, "languages", ROWS["not_iso639"].fill(code=code[:20]))
    if not rec.get("location_precision"):
        if rec.get("street_address"):
            rec["location_precision"] = "address"
        else:
            errors.add(
                n,
                "location_precision",
                ROWS["precision_required"],
            )
            return None
    if not rec.get("source"):
        rec["source"] = source_text
    if not rec.get("id") and rec.get("name"):
        prefix = str(rec["kind"]) if rec.get("kind") in KINDS else "site"
        rec["id"] = stable_id(prefix, rec["name"], rec.get("city", ""), rec.get("state", ""))
    if lonlat is None:
        return None
    rec["geometry"] = Point(*lonlat)
    return rec


_BOOL_TEXT = {"", "0", "1", "true", "false", "yes", "no", "y", "n", "t", "f", "si", "sí"}
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_LANG = re.compile(r"^[a-z]{2,3}$")


def _check_fields(
    n: int, rec: dict[str, Any], errors: ErrorLog, warnings: list[dict[str, Any]]
) -> None:
    """Field checks beyond the schema: codes, dates, flags, URLs (in place)."""
    for flag in ("verified", "illustrative"):
        if rec.get(flag, "").lower() not in _BOOL_TEXT:
            errors.add(n, flag, ROWS["not_bool"].fill(value=rec[flag][:40]))
    if rec.get("verified", "").lower() not in ("", "0", "false", "no", "n", "f"):
        warnings.append(
            {
                "row": n,
                "field": "verified",
                "message": ROWS["verified_import"].both(),
            }
        )
    rec["verified"] = ""
    rec["state"], problem = clean_state(rec.get("state", ""))
    if problem:
        errors.add(n, "state", problem)
    rec["postal_code"], problem = clean_zip(rec.get("postal_code"))
    if problem:
        errors.add(n, "postal_code", problem)
    rec["url"], problem = clean_url(rec.get("url"))
    if problem:
        warnings.append({"row": n, "field": "url", "message": problem})
    if rec.get("source_date") and not _DATE.match(rec["source_date"]):
        errors.add(n, "source_date", ROWS["date_format"])


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _unknown_warning(names: set[str], warnings: list[dict[str, Any]]) -> None:
    names = {n for n in names if n}
    if names:
        warnings.append(
            {
                "row": None,
                "field": ", ".join(sorted(names)),
                "message": ROWS["not_site_field"].both(),
            }
        )
