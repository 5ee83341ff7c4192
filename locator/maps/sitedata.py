"""Compact site data for the browser: one columnar JSON payload per layer, built once.

Columns that repeat (kind, city, state, source...) are interned in a string table; empty columns
are left out; coordinates are rounded to 5 decimals (about 1 m). Payloads over
:data:`COMPRESS_ABOVE` bytes are gzip-compressed and base64-encoded; the browser inflates them
with ``DecompressionStream``. Markers and popups are then created in JavaScript, popups only when
opened, so a 20,000-site map stays small and fast.

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import Point
>>> from geodata.schema import coerce_sites
>>> sites = coerce_sites([{"id": "a", "kind": "vds", "name": "X", "geometry": Point(-87.6, 41.8),
...                        "location_precision": "city", "source": "s"}])
>>> payload = encode_sites(sites)
>>> payload["n"], payload["c"]["name"]
(1, ['X'])
"""

from __future__ import annotations

import base64
import gzip
import json
import math
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.importers.values import web_url
from geodata.phones import tel_uri

__all__ = ["COMPRESS_ABOVE", "TEXT_FIELDS", "encode_sites"]

TEXT_FIELDS = (
    "kind",
    "name",
    "organization",
    "street_address",
    "city",
    "state",
    "postal_code",
    "phone",
    "url",
    "services",
    "languages",
    "hours",
    "location_precision",
    "source",
    "source_date",
    "notes",
    "dtstart",
    "timezone",
    "schedule",
    "next_visits",
    "tel",
    "address_note",
    "phone_note",
    "hours_note",
    "fallback",
)
"""Text fields a popup can show (lists are joined with ``;``). ``tel`` is the ``tel:`` link
of ``phone`` (only for a valid number) and ``url`` only a safe http(s) link."""

NUMBER_FIELDS = {"distance_km": 2, "distance_mi": 2, "rank": 0, "dx": 0, "dy": 0}
"""Numeric fields and their decimals; ``dx``/``dy`` are icon offsets in pixels
(:mod:`locator.maps.spread`), left out when all zero."""

COMPRESS_ABOVE = 50_000
"""Payloads larger than this (JSON bytes) are sent gzip-compressed."""


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, list | tuple | np.ndarray):
        return ";".join(str(v).strip() for v in value if str(v).strip())
    return str(value).strip()


def _field_values(sites: gpd.GeoDataFrame, field: str) -> list[str] | None:
    """The text of ``field`` per site; ``tel`` is derived from ``phone``, ``url`` made safe."""
    if field == "tel" and "tel" not in sites:
        if "phone" not in sites:
            return None
        return [tel_uri(_text(v)) or "" for v in sites["phone"]]
    if field not in sites:
        return None
    if field == "url":
        return [web_url(_text(v)) or "" for v in sites[field]]
    return [_text(v) for v in sites[field]]


def _column(values: list[str]) -> tuple[list, list[str] | None]:
    """Return (column, table) — table is None when the column is stored as plain strings."""
    uniques = list(dict.fromkeys(values))
    if len(uniques) * 2 > len(values):
        return values, None
    return values, uniques


def encode_sites(sites: gpd.GeoDataFrame, *, compress: bool | None = None) -> dict[str, Any]:
    """Columnar payload of ``sites`` (points in EPSG:4326) for ``LocatorMaps.addSites``.

    Parameters
    ----------
    sites
        Sites (or stops) with any of :data:`TEXT_FIELDS`, ``distance_km``, ``distance_mi``,
        ``rank``, ``dx``/``dy`` (icon offsets) and a boolean ``illustrative``.
    compress
        Force (True) or prevent (False) gzip; default: compress above :data:`COMPRESS_ABOVE`.
    """
    n = len(sites)
    geoms = sites.geometry.values
    cols: dict[str, list] = {
        "lat": np.round(geoms.y, 5).tolist() if n else [],
        "lon": np.round(geoms.x, 5).tolist() if n else [],
    }
    table: list[str] = []
    interned: list[str] = []
    for field in TEXT_FIELDS:
        values = _field_values(sites, field)
        if not values or not any(values):
            continue
        values, uniques = _column(values)
        if uniques is not None:
            offset = len(table)
            index = {u: offset + i for i, u in enumerate(uniques)}
            table.extend(uniques)
            cols[field] = [index[v] for v in values]
            interned.append(field)
        else:
            cols[field] = values
    for field, digits in NUMBER_FIELDS.items():
        if field in sites:
            numbers = pd.to_numeric(sites[field], errors="coerce").round(digits)
            if field in ("dx", "dy") and not numbers.fillna(0).any():
                continue
            cols[field] = [
                None if pd.isna(v) else (int(v) if digits == 0 else float(v)) for v in numbers
            ]
    if "illustrative" in sites and sites["illustrative"].astype(bool).any():
        cols["illustrative"] = [1 if bool(v) else 0 for v in sites["illustrative"]]
    payload = {"n": n, "c": cols, "i": interned, "t": table}
    raw = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    if compress or (compress is None and len(raw) > COMPRESS_ABOVE):
        packed = gzip.compress(raw.encode("utf-8"), compresslevel=9, mtime=0)
        return {"gz": base64.b64encode(packed).decode("ascii")}
    return payload
