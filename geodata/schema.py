"""The site, route and stop schema (documented in ``docs/schema.md`` with its HSDS 3.0 mapping).

Sites, routes and stops are GeoDataFrames in EPSG:4326 (WGS84 lon/lat). List-valued fields
(``services``, ``languages``) are Python lists in memory and ``;``-joined text on disk.

Examples
--------
>>> from shapely.geometry import Point
>>> sites = coerce_sites([{"id": "x", "kind": "clinic", "name": "A", "geometry": Point(-87.6, 41.8),
...                        "location_precision": "city", "source": "test"}])
>>> list(sites.columns) == list(SITE_COLUMNS) + ["geometry"]
True
>>> validate_sites(sites)
[]
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import geopandas as gpd
import pandas as pd
from shapely.geometry.base import BaseGeometry

from geodata.i18n import T
from geodata.messages import ROWS, SCHEMA
from geodata.validate import split_values
from geodata.vocab import EVIDENCE, KINDS, MOBILE_KINDS, PRECISIONS, SERVICES

__all__ = [
    "CRS",
    "EVIDENCE_FIELDS",
    "LIST_FIELDS",
    "ROUTE_COLUMNS",
    "SITE_COLUMNS",
    "STOP_COLUMNS",
    "coerce_routes",
    "coerce_sites",
    "coerce_stops",
    "join_list",
    "split_list",
    "stable_id",
    "validate_sites",
]

CRS = "EPSG:4326"

SITE_COLUMNS: dict[str, str] = {
    "id": "Stable identifier, unique across sources (e.g. 'consulate-chicago').",
    "kind": "consulate | vds | vds_mobile | clinic (extensible).",
    "name": "Display name.",
    "organization": "Operating organization (HSDS organization.name).",
    "street_address": "Street line (HSDS address.address_1); empty when no source gives it.",
    "city": "City (HSDS address.city).",
    "state": "Two-letter USPS state or territory code (HSDS address.state_province).",
    "postal_code": "ZIP code (HSDS address.postal_code).",
    "phone": "Phone number as published (HSDS phone.number).",
    "url": "Official web page (HSDS location/organization url).",
    "services": "Service ids from geodata.vocab.SERVICES (HSDS service via service_at_location).",
    "languages": "ISO 639-1 codes (HSDS language.code).",
    "hours": "Opening hours as a source states them (HSDS schedule.description); empty if unknown.",
    "parent_id": "Site this one belongs to (a VDS's consulate; a mobile unit's home office).",
    "location_precision": "address | postal_code | city: what the point was derived from.",
    "source": "Citation of the source of this record.",
    "source_date": "ISO date the source was published or retrieved.",
    "address_evidence": "Evidence of the address: confirmed | candidate | conflict | '' (unknown).",
    "address_source": "Citations of the address, '; '-separated ('' when no source gives one).",
    "address_source_date": "ISO date of the newest source of the address ('' when unknown).",
    "phone_evidence": "Evidence of the phone: confirmed | candidate | conflict | ''.",
    "phone_source": "Citations of the phone, '; '-separated.",
    "phone_source_date": "ISO date of the newest source of the phone.",
    "hours_evidence": "Evidence of the hours: confirmed | candidate | conflict | ''.",
    "hours_source": "Citations of the hours, '; '-separated.",
    "hours_source_date": "ISO date of the newest source of the hours (hours can change).",
    "verified": "True only when the facts were checked against an official source.",
    "illustrative": "True for sample data that is not real (e.g. a sample route).",
    "notes": "Caveats users should see (e.g. unverified address).",
    "mobile": "True for a site that moves (a VDS mobile unit, an HRSA mobile van): never ranked "
    "as a place to walk into, listed apart. Always true for kind vds_mobile.",
}
"""Site fields and their meaning, in the order they are stored."""

EVIDENCE_FIELDS = ("address", "phone", "hours")
"""The facts that carry their own evidence, source and date (``<fact>_evidence`` ...)."""

LIST_FIELDS = ("services", "languages")
BOOL_FIELDS = ("verified", "illustrative", "mobile")

ROUTE_COLUMNS: dict[str, str] = {
    "id": "Stable route id.",
    "unit_id": "The vds_mobile site that drives this route.",
    "name": "Display name.",
    "description": "What the route is; says 'illustrative' when it is.",
    "source": "Citation.",
    "source_date": "ISO date.",
    "illustrative": "True when the route is a sample, not a real schedule.",
}

STOP_COLUMNS: dict[str, str] = {
    "id": "Stable stop id.",
    "route_id": "Route this stop belongs to.",
    "sequence": "1-based order along the route.",
    "name": "Stop name (place).",
    "city": "City.",
    "state": "State code.",
    "rrule": "RFC 5545 recurrence rule (e.g. 'FREQ=MONTHLY;BYDAY=1SA').",
    "dtstart": "First visit, local wall time ISO 'YYYY-MM-DDTHH:MM'.",
    "duration_minutes": "Length of a visit.",
    "timezone": "IANA timezone of the stop (e.g. 'America/Detroit').",
    "location_precision": "address | postal_code | city.",
    "illustrative": "True when the stop or its schedule is a sample.",
    "source": "Citation.",
}


def split_list(value: Any) -> list[str]:
    """A stored list field: ``"a;b"``, ``["a", "b"]`` or NaN -> a clean list of strings.

    On disk lists are ``;``-joined (a value may hold a comma), so this is
    :func:`geodata.validate.split_values` with ``;`` as the only separator.
    """
    return split_values(value, separators=";")


def join_list(values: Iterable[str]) -> str:
    """Inverse of :func:`split_list`."""
    return ";".join(split_list(list(values) if not isinstance(values, str) else values))


def stable_id(prefix: str, *parts: str) -> str:
    """A readable, stable id: ``prefix-slug`` or, for long keys, ``prefix-<sha1[:12]>``.

    >>> stable_id("consulate", "San José")
    'consulate-san-jose'
    """
    import unicodedata

    text = "-".join(p for p in parts if p)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if slug and len(slug) <= 60:
        return f"{prefix}-{slug}"
    return f"{prefix}-{hashlib.sha1(text.encode()).hexdigest()[:12]}"  # noqa: S324 - not security


def _frame(rows: Any, columns: Mapping[str, str]) -> gpd.GeoDataFrame:
    if isinstance(rows, gpd.GeoDataFrame):
        gdf = rows.copy()
    else:
        frame = pd.DataFrame(list(rows) if rows is not None else [])
        geometry = frame.pop("geometry") if "geometry" in frame else [None] * len(frame)
        gdf = gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(list(geometry), crs=CRS))
    if gdf.crs is None:
        gdf = gdf.set_crs(CRS, allow_override=True)
    elif gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(CRS)
    for col in columns:
        if col not in gdf:
            gdf[col] = None
    return gdf[[*columns, "geometry"]].reset_index(drop=True)


def _clean_text(series: pd.Series) -> pd.Series:
    return series.map(
        lambda v: "" if v is None or (isinstance(v, float) and math.isnan(v)) else str(v).strip()
    )


def coerce_sites(rows: Any) -> gpd.GeoDataFrame:
    """Return ``rows`` (records or a GeoDataFrame) as a sites GeoDataFrame with every schema field.

    Missing text becomes ``""``, list fields become lists, flags become bools; ``mobile`` is
    true for every site of a mobile kind (:data:`geodata.vocab.MOBILE_KINDS`).
    """
    gdf = _frame(rows, SITE_COLUMNS)
    for col in SITE_COLUMNS:
        if col in LIST_FIELDS:
            gdf[col] = gdf[col].map(split_list)
        elif col in BOOL_FIELDS:
            gdf[col] = gdf[col].map(_to_bool)
        else:
            gdf[col] = _clean_text(gdf[col])
    gdf["mobile"] = gdf["mobile"] | gdf["kind"].isin(MOBILE_KINDS)
    return gdf


def coerce_routes(rows: Any) -> gpd.GeoDataFrame:
    """Routes (LineString geometry) with every schema field."""
    gdf = _frame(rows, ROUTE_COLUMNS)
    for col in ROUTE_COLUMNS:
        gdf[col] = gdf[col].map(_to_bool) if col == "illustrative" else _clean_text(gdf[col])
    return gdf


def coerce_stops(rows: Any) -> gpd.GeoDataFrame:
    """Stops (Point geometry) with every schema field."""
    gdf = _frame(rows, STOP_COLUMNS)
    for col in STOP_COLUMNS:
        if col == "illustrative":
            gdf[col] = gdf[col].map(_to_bool)
        elif col in ("sequence", "duration_minutes"):
            gdf[col] = pd.to_numeric(gdf[col], errors="coerce").fillna(0).astype(int)
        else:
            gdf[col] = _clean_text(gdf[col])
    return gdf


def _to_bool(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in {"1", "true", "yes", "y", "t", "si", "sí"}
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return False
    return bool(value)


def _point_error(geom: BaseGeometry | None) -> T | None:
    if geom is None or geom.is_empty:
        return SCHEMA["missing_point"]
    if geom.geom_type != "Point":
        return SCHEMA["not_point"].fill(got=geom.geom_type)
    x, y = geom.x, geom.y
    if not (math.isfinite(x) and math.isfinite(y)):
        return SCHEMA["not_finite"]
    if not (-180 <= x <= 180 and -90 <= y <= 90):
        return SCHEMA["out_of_range"].fill(x=x, y=y)
    return None


def validate_sites(sites: gpd.GeoDataFrame) -> list[dict[str, Any]]:
    """Check every row against the schema.

    Returns ``[{"row", "id", "field", "message"}]``, empty when every row is valid.

    Row numbers are 1-based positions in ``sites``.
    """
    errors: list[dict[str, Any]] = []

    def err(i: int, field: str, message: T) -> None:
        said = message.both()
        errors.append({"row": i + 1, "id": sites["id"].iat[i], "field": field, "message": said})

    seen: dict[str, int] = {}
    for i, row in enumerate(sites.itertuples(index=False)):
        if not row.id:
            err(i, "id", SCHEMA["missing_id"])
        elif row.id in seen:
            err(i, "id", SCHEMA["duplicate_id"].fill(first=seen[row.id] + 1))
        else:
            seen[row.id] = i
        if row.kind not in KINDS:
            err(i, "kind", SCHEMA["unknown_kind"].fill(kind=row.kind))
        if not row.name:
            err(i, "name", ROWS["missing_name"])
        if row.location_precision not in PRECISIONS:
            err(i, "location_precision", SCHEMA["one_of"].fill(values=", ".join(PRECISIONS)))
        unknown = [s for s in row.services if s not in SERVICES]
        if unknown:
            err(i, "services", SCHEMA["unknown_services"].fill(values=", ".join(unknown)))
        if not row.source:
            err(i, "source", SCHEMA["missing_source"])
        for fact in EVIDENCE_FIELDS:
            level = getattr(row, f"{fact}_evidence")
            if level and level not in EVIDENCE:
                values = ", ".join(EVIDENCE)
                err(i, f"{fact}_evidence", SCHEMA["one_of_or_empty"].fill(values=values))
            elif level and not getattr(row, f"{fact}_source"):
                needs = SCHEMA["evidence_needs_source"].fill(fact=fact, level=level)
                err(i, f"{fact}_source", needs)
        problem = _point_error(row.geometry)
        if problem:
            err(i, "geometry", problem)
    return errors
