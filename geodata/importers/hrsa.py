"""Import HRSA's "Health Center Service Delivery and Look-Alike Sites" CSV (data.hrsa.gov).

One site per **active** row (``Site Status Description`` = ``Active``), kind ``clinic``, id
``hrsa-<BPHC Assigned Number>`` (or ``hrsa-<Health Center Location Identification Number>``
when the first is blank), so a re-import updates sites in place. The point comes from the
file's geocoding columns (X = longitude, Y = latitude; precision ``address``); a row without
them is placed at its ZIP centroid from the offline gazetteer (precision ``postal_code``,
with a warning). The file has no services or languages: they stay empty.

Examples
--------
>>> header = ",".join(REQUIRED_COLUMNS)
>>> row = {c: "" for c in REQUIRED_COLUMNS}
>>> row.update({"BPHC Assigned Number": "BPS-H80-000001", "Site Name": "Example Clinic",
...             "Site City": "Chicago", "Site State Abbreviation": "IL",
...             "Site Postal Code": "60608", "Site Status Description": "Active",
...             "Health Center Name": "Example Health",
...             "Geocoding Artifact Address Primary X Coordinate": "-87.65",
...             "Geocoding Artifact Address Primary Y Coordinate": "41.85"})
>>> data = (header + "\\n" + ",".join(row[c] for c in REQUIRED_COLUMNS)).encode()
>>> parsed = read_hrsa(data)
>>> parsed.changes.sites[["id", "kind", "location_precision"]].values.tolist()
[['hrsa-BPS-H80-000001', 'clinic', 'address']]
"""

from __future__ import annotations

import os
import re
from typing import Any

from dateutil import parser as dateparser
from shapely.geometry import Point

from geodata.importers.base import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_ROWS,
    ErrorLog,
    ParsedImport,
    Source,
    collect_sites,
    file_date,
    finish,
    missing_columns,
    read_csv_source,
)
from geodata.importers.rows import drop_duplicate_ids, write_rejected
from geodata.importers.states import clean_state
from geodata.importers.values import (
    ZipLookup,
    clean_url,
    clean_zip,
    default_zip_lookup,
    parse_float,
    resolve_point,
)
from geodata.messages import ROWS, SKIPS

__all__ = [
    "HRSA_SOURCE",
    "MOBILE_NOTE",
    "REQUIRED_COLUMNS",
    "is_administrative",
    "is_mobile",
    "read_hrsa",
]

HRSA_SOURCE = "HRSA Health Center Service Delivery and Look-Alike Sites (data.hrsa.gov)"
"""Citation stored in every imported site's ``source``."""

X, Y = (
    "Geocoding Artifact Address Primary X Coordinate",
    "Geocoding Artifact Address Primary Y Coordinate",
)
STATUS = "Site Status Description"
BPHC, LOCATION_ID = "BPHC Assigned Number", "Health Center Location Identification Number"
CREATED = "Data Warehouse Record Create Date"
TYPE = "Health Center Type Description"
LOCATION_TYPE = "Health Center Location Type Description"
MOBILE_NOTE = (
    "Unidad móvil (camioneta): su ubicación cambia; no es un lugar de atención sin "
    "cita. Llame antes. / Mobile van: its location changes; not a walk-in place. "
    "Call first."
)

REQUIRED_COLUMNS: tuple[str, ...] = (
    BPHC,
    "Site Name",
    "Site Address",
    "Site City",
    "Site State Abbreviation",
    "Site Postal Code",
    "Site Telephone Number",
    "Site Web Address",
    "Operating Hours per Week",
    STATUS,
    LOCATION_ID,
    "Health Center Name",
    X,
    Y,
    CREATED,
)
"""Columns of the HRSA header this importer reads (the file has more; they are ignored)."""

_WHAT = "HRSA"
_ID_CHARS = re.compile(r"[^A-Za-z0-9._-]+")


def read_hrsa(
    source: Source,
    *,
    encoding: str = "utf-8",
    progress: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_rows: int = DEFAULT_MAX_ROWS,
    zip_lookup: ZipLookup | None = None,
    skip_invalid: bool = False,
    rejected: str | os.PathLike[str] | None = None,
    **_: Any,
) -> ParsedImport:
    """Read and validate an HRSA sites CSV; raise on any bad row, write nothing.

    Administrative-only sites (``Health Center Type Description`` administrative, no service
    delivery) are skipped and counted; mobile vans (``Health Center Location Type
    Description``) are kept with ``mobile`` true (never ranked as walk-in places), a note and
    a warning. With ``skip_invalid``, bad rows are left out instead (each listed in
    ``skipped``, and written with its problems to the CSV ``rejected`` when given); the good
    ones are imported together, in one transaction.

    Parameters
    ----------
    source
        Path, bytes or binary file object of the CSV.
    encoding
        Text encoding of the file (``"utf-8"``; try ``"latin-1"`` for older downloads).
    progress
        Show a progress bar on stderr (only when it is a terminal).
    max_bytes, max_rows
        Refuse larger files (:class:`~geodata.errors.InvalidInputError`).
    zip_lookup
        ``code -> Place | None`` used when a row has no coordinates (default: the gazetteer).
    """
    errors = ErrorLog()
    header, rows = read_csv_source(
        source, encoding=encoding, what=_WHAT, max_bytes=max_bytes, max_rows=max_rows, errors=errors
    )
    missing_columns(header, REQUIRED_COLUMNS, what=_WHAT)
    lookup = zip_lookup or default_zip_lookup()
    day = file_date(source)
    warnings: list[dict[str, Any]] = []

    bad: list[tuple[int, dict[str, str], list[dict[str, Any]]]] = []

    def build(number: int, rec: dict[str, str]) -> dict[str, Any] | None:
        log = ErrorLog() if skip_invalid else errors
        site = _site(number, rec, errors=log, warnings=warnings, lookup=lookup, file_date=day)
        if skip_invalid and log:
            bad.append((number, rec, log.errors))
            return None
        return site

    records, numbers, skipped = collect_sites(
        rows, build, skip=_skip, progress=progress, desc="HRSA"
    )
    records, numbers = drop_duplicate_ids(
        records,
        numbers,
        errors,
        field=BPHC,
        rejected=bad if skip_invalid else None,
        originals=dict(rows) if skip_invalid else None,
    )
    skipped += [{"row": n, "reason": SKIPS["invalid_row"].both()} for n, _, _ in bad]
    skipped.sort(key=lambda s: s["row"])
    if bad and rejected is not None:
        write_rejected(rejected, header, bad)
    return finish(
        records,
        numbers,
        errors,
        what=_WHAT,
        fmt="hrsa",
        rows_read=len(rows),
        skipped=skipped,
        warnings=warnings,
        source=HRSA_SOURCE,
    )


def _skip(rec: dict[str, str]) -> str | None:
    """Why a row is skipped (not ``Active``; an administrative office only), or ``None``."""
    status = rec[STATUS]
    if status.lower() != "active":
        return SKIPS["status"].fill(status=status or SKIPS["blank"]).both()
    if is_administrative(rec.get(TYPE, "")):
        return SKIPS["administrative"].both()
    return None


def is_administrative(text: str) -> bool:
    """Whether a ``Health Center Type Description`` names an administrative-only site.

    >>> is_administrative("Administrative"), is_administrative("Service Delivery Site")
    (True, False)
    >>> is_administrative("Administrative/Service Delivery Site")
    False
    """
    low = text.lower()
    return "administrative" in low and "service delivery" not in low


def is_mobile(text: str) -> bool:
    """Whether a ``Health Center Location Type Description`` names a mobile van.

    >>> is_mobile("Mobile Van"), is_mobile("Permanent")
    (True, False)
    """
    return "mobile" in text.lower()


def _site(
    number: int,
    rec: dict[str, str],
    *,
    errors: ErrorLog,
    warnings: list[dict[str, Any]],
    lookup: ZipLookup,
    file_date: str,
) -> dict[str, Any] | None:
    key = rec[BPHC] or rec[LOCATION_ID]
    if not key:
        errors.add(number, BPHC, ROWS["no_stable_id"].fill(bphc=BPHC, location_id=LOCATION_ID))
    zip5, zip_error = clean_zip(rec["Site Postal Code"])
    if zip_error:
        errors.add(number, "Site Postal Code", zip_error)
    state, problem = clean_state(rec["Site State Abbreviation"])
    if problem:
        errors.add(number, "Site State Abbreviation", problem)
    url, url_warning = clean_url(rec["Site Web Address"])
    if url_warning:
        warnings.append({"row": number, "field": "Site Web Address", "message": url_warning})
    point = resolve_point(
        rec[Y],
        rec[X],
        zip5,
        row=number,
        fields=(Y, X),
        errors=errors,
        warnings=warnings,
        zip_lookup=lookup,
    )
    if point is None or not key:
        return None
    (lon, lat), precision = point
    mobile = is_mobile(rec.get(LOCATION_TYPE, ""))
    if mobile:
        warnings.append(
            {
                "row": number,
                "field": LOCATION_TYPE,
                "message": ROWS["mobile_van"].both(),
            }
        )
    return {
        "id": "hrsa-" + _ID_CHARS.sub("-", key).strip("-"),
        "kind": "clinic",
        "name": rec["Site Name"],
        "organization": rec["Health Center Name"],
        "street_address": rec["Site Address"],
        "city": rec["Site City"],
        "state": state,
        "postal_code": zip5,
        "phone": rec["Site Telephone Number"],
        "url": url,
        "services": [],
        "languages": [],
        "hours": _hours(rec["Operating Hours per Week"], number, warnings),
        "location_precision": precision,
        "notes": MOBILE_NOTE if mobile else "",
        "mobile": mobile,
        "source": HRSA_SOURCE,
        "source_date": _iso_date(rec[CREATED]) or file_date,
        "verified": False,
        "illustrative": False,
        "geometry": Point(lon, lat),
    }


def _hours(text: str, number: int, warnings: list[dict[str, Any]]) -> str:
    """``"40"`` -> ``"40 h/semana (40 h/week)"``; blank, zero or impossible values -> ``""``."""
    if not text:
        return ""
    value = parse_float(text)
    if value is None or not 0 < value <= 168:
        warnings.append(
            {
                "row": number,
                "field": "Operating Hours per Week",
                "message": ROWS["bad_hours"].fill(value=text).both(),
            }
        )
        return ""
    shown = f"{value:g}"
    return f"{shown} h/semana ({shown} h/week)"


_DATE_CACHE: dict[str, str] = {}


def _iso_date(text: str) -> str:
    """An ISO date from the file's record date (``"2024-05-01"``, ``"5/1/2024 0:00"``...)."""
    if not text:
        return ""
    if text not in _DATE_CACHE:
        try:
            _DATE_CACHE[text] = dateparser.parse(text).date().isoformat()
        except (ValueError, OverflowError):
            _DATE_CACHE[text] = ""
    return _DATE_CACHE[text]
