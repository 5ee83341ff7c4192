"""Query arguments of :class:`locator.index.SiteIndex`: checked values and site filters.

Validators turn user-supplied coordinates, ``k``, distances and polygons into checked values
or raise :class:`~geodata.errors.InvalidInputError` with a message of the text catalog
(``errors.index.*``; ``k`` and distances are checked by :mod:`geodata.validate`).
Filter helpers turn ``kinds`` / ``services`` / ``languages`` arguments into a hashable cache
key (:func:`filter_key`) and list columns into boolean masks (:func:`list_mask`).

Examples
--------
>>> check_k(3)
3
>>> filter_key("consulate", None, "ES; en")[2] == frozenset({"es", "en"})
True
>>> scalar_point(-87.6, 41.9)
(-87.6, 41.9)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import shapely
from numpy.typing import ArrayLike
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from geodata.errors import InvalidInputError
from geodata.validate import MAX_K, check_k, check_km, split_values
from geodata.vocab import parse_kinds, parse_services
from locator.i18n.errors import INDEX

__all__ = [
    "MAX_K",
    "Filter",
    "FilterKey",
    "as_polygon",
    "check_k",
    "check_km",
    "check_points",
    "coords",
    "filter_key",
    "list_mask",
    "scalar_point",
]

FilterKey = tuple[frozenset[str] | None, frozenset[str] | None, frozenset[str] | None]
"""Normalised ``(kinds, services, languages)``; ``None`` means no filter on that field."""

Filter = str | Sequence[str] | None
"""A filter argument: ``"a;b"`` / ``"a,b"``, a sequence of values, or ``None``."""


def filter_key(kinds: Filter, services: Filter, languages: Filter) -> FilterKey:
    """Parse the three filters (kinds and services via :mod:`geodata.vocab`) into a key."""
    k = parse_kinds(kinds) if kinds is not None else []
    s = parse_services(services) if services is not None else []
    lang = [x.lower() for x in split_values(languages)]
    return (frozenset(k) or None, frozenset(s) or None, frozenset(lang) or None)


def list_mask(column: pd.Series, wanted: frozenset[str], *, lower: bool = False) -> np.ndarray:
    """True where the list in ``column`` shares ANY value with ``wanted``."""
    exploded = column.explode()
    if lower:
        exploded = exploded.astype("string").str.lower()
    hits = exploded.isin(wanted).to_numpy(dtype=bool)
    mask = np.zeros(len(column), dtype=bool)
    mask[exploded.index.to_numpy()[hits]] = True
    return mask


def check_points(lon: np.ndarray, lat: np.ndarray) -> None:
    """Raise unless ``lon``/``lat`` have one shape and hold finite, in-range degrees."""
    if lon.shape != lat.shape:
        raise InvalidInputError(INDEX["lonlat_length"].fill(lon=lon.size, lat=lat.size))
    if not (np.isfinite(lon).all() and np.isfinite(lat).all()):
        raise InvalidInputError(INDEX["coords_finite"])
    if lat.size and (lat.min() < -90.0 or lat.max() > 90.0):
        raise InvalidInputError(INDEX["lat_range"])
    if lon.size and (lon.min() < -180.0 or lon.max() > 180.0):
        raise InvalidInputError(INDEX["lon_range"])


def coords(lon: ArrayLike, lat: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """Checked flat float arrays of longitudes and latitudes."""
    try:
        x = np.asarray(lon, dtype=float).ravel()
        y = np.asarray(lat, dtype=float).ravel()
    except (TypeError, ValueError) as exc:
        raise InvalidInputError(INDEX["coords_numbers"], detail={"value": str(exc)}) from None
    check_points(x, y)
    return x, y


def scalar_point(lon: Any, lat: Any) -> tuple[float, float] | None:
    """``(lon, lat)`` as checked floats when both are plain numbers, else ``None``."""
    if not (isinstance(lon, float | int | np.number) and isinstance(lat, float | int | np.number)):
        return None
    x, y = float(lon), float(lat)
    if not (math.isfinite(x) and math.isfinite(y)):
        check_points(np.array([x]), np.array([y]))  # raises the bilingual error
    if not (-180.0 <= x <= 180.0 and -90.0 <= y <= 90.0):
        check_points(np.array([x]), np.array([y]))
    return x, y


def as_polygon(polygon: Any) -> BaseGeometry:
    """A valid, non-empty shapely (Multi)Polygon from a geometry or a GeoJSON mapping."""
    try:
        geom = shape(polygon) if isinstance(polygon, dict) else polygon
        kind = geom.geom_type
    except (AttributeError, TypeError, ValueError, KeyError, shapely.errors.GEOSException):
        kind = None
    if kind not in ("Polygon", "MultiPolygon") or geom.is_empty:
        raise InvalidInputError(INDEX["polygon_needed"], detail={"geom_type": kind})
    if not geom.is_valid:
        raise InvalidInputError(INDEX["polygon_invalid"].fill(reason=shapely.is_valid_reason(geom)))
    return geom
