"""RFC 7946 GeoJSON: writing it (:func:`rfc7946_json`) and checking it strictly
(:func:`rfc7946_problems`), for every GeoJSON file or response the project makes.

RFC 7946 asks: WGS 84 longitude/latitude positions of 2 or 3 numbers (3.1.1), no ``crs``
member (4), closed linear rings of 4 or more positions (3.1.6) whose exterior is
counterclockwise and holes clockwise (the right-hand rule, 3.1.6), ``bbox`` of 2*n numbers
(5), a Feature's ``geometry`` and ``properties`` members present (``null`` allowed, 3.2),
``id`` a string or number (3.2), and JSON without NaN or Infinity.

Examples
--------
>>> square_cw = {"type": "Polygon", "coordinates": [[[0, 0], [0, 1], [1, 1], [1, 0], [0, 0]]]}
>>> rfc7946_problems({"type": "Feature", "geometry": square_cw, "properties": {}})
['Feature geometry: exterior ring 0 is clockwise (RFC 7946 3.1.6: counterclockwise)']
"""

from __future__ import annotations

import itertools
import json
import math
from typing import Any

import geopandas as gpd
import shapely

__all__ = ["oriented", "rfc7946_json", "rfc7946_problems"]

_GEOMETRIES = {
    "Point",
    "MultiPoint",
    "LineString",
    "MultiLineString",
    "Polygon",
    "MultiPolygon",
    "GeometryCollection",
}


def oriented(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """A copy in EPSG:4326 whose polygons follow the right-hand rule (exterior CCW)."""
    out = (
        frame.to_crs(4326)
        if frame.crs is not None and frame.crs.to_epsg() != 4326
        else frame.copy()
    )
    out[out.geometry.name] = shapely.orient_polygons(out.geometry.values, exterior_cw=False)
    return out


def rfc7946_json(frame: gpd.GeoDataFrame, **to_json: Any) -> str:
    """``frame.to_json(...)`` after :func:`oriented` (CRS84 positions, right-hand rule)."""
    return oriented(frame).to_json(**to_json)


def _signed_area(ring: list[list[float]]) -> float:
    pairs = itertools.pairwise(ring)
    return sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in pairs) / 2


def _position(pos: Any, where: str, out: list[str]) -> None:
    if (
        not isinstance(pos, list)
        or len(pos) not in (2, 3)
        or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)
            for v in pos
        )
    ):
        out.append(f"{where}: position {pos!r} is not 2 or 3 finite numbers")
    elif not (-180 <= pos[0] <= 180 and -90 <= pos[1] <= 90):
        out.append(f"{where}: position {pos!r} is not longitude, latitude")


def _rings(rings: Any, where: str, out: list[str]) -> None:
    if not isinstance(rings, list):
        out.append(f"{where}: polygon coordinates are not a list of rings")
        return
    for i, ring in enumerate(rings):
        if not isinstance(ring, list) or len(ring) < 4:
            out.append(f"{where}: ring {i} has fewer than 4 positions")
            continue
        for pos in ring:
            _position(pos, where, out)
        if ring[0] != ring[-1]:
            out.append(f"{where}: ring {i} is not closed")
            continue
        area = _signed_area(ring)
        if i == 0 and area < 0:
            out.append(
                f"{where}: exterior ring {i} is clockwise (RFC 7946 3.1.6: counterclockwise)"
            )
        elif i > 0 and area > 0:
            out.append(f"{where}: hole {i} is counterclockwise (RFC 7946 3.1.6: clockwise)")


def _geometry(geom: Any, where: str, out: list[str]) -> None:
    if geom is None:
        return
    kind = geom.get("type") if isinstance(geom, dict) else None
    if kind not in _GEOMETRIES:
        out.append(f"{where}: unknown geometry type {kind!r}")
        return
    if kind == "GeometryCollection":
        for g in geom.get("geometries", []):
            _geometry(g, where, out)
        return
    coords = geom.get("coordinates")
    if kind == "Point":
        _position(coords, where, out)
    elif kind in ("MultiPoint", "LineString"):
        for pos in coords or []:
            _position(pos, where, out)
        if kind == "LineString" and len(coords or []) < 2:
            out.append(f"{where}: a LineString needs 2 or more positions")
    elif kind == "MultiLineString":
        for line in coords or []:
            for pos in line:
                _position(pos, where, out)
    elif kind == "Polygon":
        _rings(coords, where, out)
    else:
        for poly in coords or []:
            _rings(poly, where, out)


def _common(obj: dict[str, Any], where: str, out: list[str]) -> None:
    if "crs" in obj:
        out.append(f"{where}: has a 'crs' member (RFC 7946 4: removed)")
    bbox = obj.get("bbox")
    if bbox is not None and (not isinstance(bbox, list) or len(bbox) not in (4, 6)):
        out.append(f"{where}: bbox is not 4 or 6 numbers")


def _feature(feat: Any, where: str, out: list[str]) -> None:
    if not isinstance(feat, dict) or feat.get("type") != "Feature":
        out.append(f"{where}: not a Feature")
        return
    _common(feat, where, out)
    for member in ("geometry", "properties"):
        if member not in feat:
            out.append(f"{where}: no '{member}' member (RFC 7946 3.2)")
    if feat.get("properties") is not None and not isinstance(feat["properties"], dict):
        out.append(f"{where}: properties is not an object or null")
    if "id" in feat and not isinstance(feat["id"], (str, int, float)):
        out.append(f"{where}: id is not a string or number")
    _geometry(feat.get("geometry"), f"{where} geometry", out)


def rfc7946_problems(doc: Any) -> list[str]:
    """Every way ``doc`` (parsed JSON or a JSON string) breaks RFC 7946; ``[]`` when valid."""
    if isinstance(doc, (str, bytes)):
        try:
            doc = json.loads(
                doc, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(f"{c} is not JSON"))
            )
        except ValueError as exc:
            return [f"not JSON: {exc}"]
    out: list[str] = []
    if not isinstance(doc, dict):
        return ["not a JSON object"]
    kind = doc.get("type")
    if kind == "FeatureCollection":
        _common(doc, "FeatureCollection", out)
        if not isinstance(doc.get("features"), list):
            return [*out, "FeatureCollection: no 'features' list"]
        for i, feat in enumerate(doc["features"]):
            _feature(feat, f"features[{i}]", out)
    elif kind == "Feature":
        _feature(doc, "Feature", out)
    elif kind in _GEOMETRIES:
        _common(doc, kind, out)
        _geometry(doc, "geometry", out)
    else:
        out.append(f"unknown GeoJSON type {kind!r}")
    return out
