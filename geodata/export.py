"""Export sites (and routes/stops) to GeoJSON, GeoPackage, CSV or GeoParquet.

* ``geojson``: RFC 7946 FeatureCollection of the **sites only** (routes and stops are in the
  ``gpkg`` export), longitude/latitude order, no ``crs`` member, at most 7 decimals
  (about 1 cm), every schema field in ``properties``, lists as JSON arrays, flags as booleans.
* ``gpkg``: GeoPackage 1.3, layers ``sites``, ``routes`` and ``stops`` (opens in QGIS);
  lists ``;``-joined; unknown values NULL (:mod:`geodata.ogr`).
* ``csv``: one row per site with ``lat`` and ``lon`` columns; lists ``;``-joined; UTF-8.
* ``parquet``: GeoParquet (geopandas ``to_parquet``) of the sites; lists stay lists.
* ``fgb``, ``shp`` (zipped, or beside ``-o x.shp``), ``kml``: through GDAL
  (:mod:`geodata.export_ogr`).
* ``hsds``: an Open Referral HSDS 3.0 tabular package in a folder (:mod:`geodata.export_hsds`).

Files are written to a temporary name and renamed, so a failed export leaves no half file.

Examples
--------
>>> import tempfile, pathlib
>>> from shapely.geometry import Point
>>> from geodata.schema import coerce_sites
>>> sites = coerce_sites([{"id": "a", "kind": "clinic", "name": "A", "services": ["vaccines"],
...                        "location_precision": "city", "source": "t",
...                        "geometry": Point(-87.123456789, 41.5)}])
>>> out = export_sites(sites, pathlib.Path(tempfile.mkdtemp()) / "s.geojson", fmt="geojson")
>>> import json; json.loads(out.read_text())["features"][0]["geometry"]["coordinates"]
[-87.1234568, 41.5]
"""

from __future__ import annotations

import csv
import json
import math
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import geopandas as gpd

from geodata.errors import InvalidInputError
from geodata.export_hsds import write_hsds
from geodata.export_ogr import write_fgb, write_kml, write_shp
from geodata.messages import EXPORT
from geodata.ogr import write_gpkg_layer
from geodata.schema import (
    BOOL_FIELDS,
    LIST_FIELDS,
    SITE_COLUMNS,
    coerce_routes,
    coerce_sites,
    coerce_stops,
    join_list,
)
from geodata.stores.base import SiteStore
from geodata.vocab import parse_kinds

__all__ = ["COORD_DECIMALS", "EXPORT_FORMATS", "SUFFIXES", "export_sites", "format_for"]

COORD_DECIMALS = 7
"""Decimals kept in exported coordinates (1e-7 degrees is about 1 cm)."""

Frames = tuple[gpd.GeoDataFrame, gpd.GeoDataFrame, gpd.GeoDataFrame]


def export_sites(
    store_or_frames: SiteStore | gpd.GeoDataFrame | Sequence[gpd.GeoDataFrame],
    path: str | os.PathLike[str],
    *,
    fmt: str,
    kinds: str | Sequence[str] | None = None,
) -> Path:
    """Write the sites (and, for ``gpkg``, routes and stops) to ``path`` in ``fmt``.

    Parameters
    ----------
    store_or_frames
        A store, a sites GeoDataFrame, or a ``(sites, routes, stops)`` sequence.
    path
        Output file; its folder is created if needed.
    fmt
        ``"geojson"``, ``"gpkg"``, ``"csv"``, ``"parquet"`` or ``"hsds"`` (an HSDS 3.0
        package in the new or empty folder ``path``: :mod:`geodata.export_hsds`).
    kinds
        Only these site kinds (e.g. ``"clinic"`` or ``["vds", "vds_mobile"]``).

    Returns
    -------
    Path
        ``path``.
    """
    if fmt not in EXPORT_FORMATS and fmt != "hsds":
        allowed = ", ".join([*EXPORT_FORMATS, "hsds"])
        raise InvalidInputError(
            EXPORT["unknown_format"].fill(fmt=fmt, allowed=allowed),
        )
    sites, routes, stops = _frames(store_or_frames)
    if kinds:
        wanted = parse_kinds(kinds)
        sites = sites[sites["kind"].isin(wanted)].reset_index(drop=True)
        units = set(sites["id"])
        routes = routes[routes["unit_id"].isin(units)].reset_index(drop=True)
        stops = stops[stops["route_id"].isin(set(routes["id"]))].reset_index(drop=True)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "hsds":
        return _export_folder(path, sites)
    if fmt == "shp" and path.suffix.lower() == ".shp":  # a set of files beside path
        write_shp(path, sites)
        return path
    if path.is_dir():
        raise InvalidInputError(
            EXPORT["path_is_folder"].fill(path=path, fmt=fmt),
        )
    fd, tmp_name = tempfile.mkstemp(prefix=".tmp-export-", suffix=path.suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        EXPORT_FORMATS[fmt](tmp, sites, routes, stops)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _export_folder(path: Path, sites: gpd.GeoDataFrame) -> Path:
    """Write an HSDS package into a new (or empty) folder, all at once (temp folder + rename)."""
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise InvalidInputError(
            EXPORT["folder_not_empty"].fill(path=path),
        )
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-export-", dir=path.parent))
    try:
        write_hsds(sites, tmp)
        os.replace(tmp, path)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return path


def _frames(source: Any) -> Frames:
    if isinstance(source, SiteStore):
        return source.sites(), source.routes(), source.stops()
    if isinstance(source, gpd.GeoDataFrame):
        return coerce_sites(source), coerce_routes([]), coerce_stops([])
    sites, routes, stops = source
    return coerce_sites(sites), coerce_routes(routes), coerce_stops(stops)


def _round(value: float) -> float:
    return round(float(value), COORD_DECIMALS)


def _json_value(column: str, value: Any) -> Any:
    if column in LIST_FIELDS:
        return list(value)
    if column in BOOL_FIELDS:
        return bool(value)
    return value


def _write_geojson(path: Path, sites: gpd.GeoDataFrame, *_: Any) -> None:
    features = []
    for row in sites.itertuples(index=False):
        geom = row.geometry
        props = {col: _json_value(col, getattr(row, col)) for col in SITE_COLUMNS}
        features.append(
            {
                "type": "Feature",
                "id": row.id,
                "geometry": {"type": "Point", "coordinates": [_round(geom.x), _round(geom.y)]}
                if geom is not None and not geom.is_empty
                else None,
                "properties": props,
            }
        )
    with path.open("w", encoding="utf-8") as handle:
        json.dump(
            {"type": "FeatureCollection", "features": features},
            handle,
            ensure_ascii=False,
            allow_nan=False,
        )
        handle.write("\n")


def _write_gpkg(
    path: Path, sites: gpd.GeoDataFrame, routes: gpd.GeoDataFrame, stops: gpd.GeoDataFrame
) -> None:
    for layer, frame, geometry_type in (
        ("sites", sites, "Point"),
        ("routes", routes, "LineString"),
        ("stops", stops, "Point"),
    ):
        write_gpkg_layer(path, layer, frame, geometry_type)


_PHONE_LIKE = re.compile(r"^[+-][\d\s().-]*$")


def csv_safe(value: Any) -> Any:
    """Neutralise spreadsheet formulas: text starting with ``= @ + -`` gets a leading ``'``.

    Phone-like values such as ``+1 312 555 0100`` are kept as they are.

    >>> csv_safe("=1+1"), csv_safe("+1 312 555 0100"), csv_safe(4.5)
    ("'=1+1", '+1 312 555 0100', 4.5)
    """
    if not isinstance(value, str) or not value or value[0] not in "=@+-\t\r":
        return value
    if value[0] in "+-" and _PHONE_LIKE.match(value):
        return value
    return "'" + value


def _write_csv(path: Path, sites: gpd.GeoDataFrame, *_: Any) -> None:
    columns = [*SITE_COLUMNS, "lat", "lon"]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for row in sites.itertuples(index=False):
            geom = row.geometry
            has_point = geom is not None and not geom.is_empty and math.isfinite(geom.x)
            values = [
                join_list(getattr(row, c)) if c in LIST_FIELDS else getattr(row, c)
                for c in SITE_COLUMNS
            ]
            values += [_round(geom.y), _round(geom.x)] if has_point else ["", ""]
            writer.writerow([csv_safe(v) for v in values])


def _write_parquet(path: Path, sites: gpd.GeoDataFrame, *_: Any) -> None:
    out = sites.copy()
    out["geometry"] = out.geometry.set_precision(10**-COORD_DECIMALS)
    out.to_parquet(path, index=False)


EXPORT_FORMATS: dict[str, Callable[..., None]] = {
    "geojson": _write_geojson,
    "gpkg": _write_gpkg,
    "csv": _write_csv,
    "parquet": _write_parquet,
    "fgb": write_fgb,
    "shp": write_shp,
    "kml": write_kml,
}
"""Format name -> writer ``(path, sites, routes, stops)``."""

SUFFIXES: dict[str, str] = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".gpkg": "gpkg",
    ".csv": "csv",
    ".parquet": "parquet",
    ".geoparquet": "parquet",
    ".fgb": "fgb",
    ".shp": "shp",
    ".zip": "shp",
    ".kml": "kml",
}
"""File suffix -> export format (``-o sites.shp`` needs no ``--format``)."""


def format_for(path: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The export format of ``path``: ``fmt`` when given (a known suffix must agree), else
    from the suffix; a folder (no suffix) is an HSDS package only when asked for.

    >>> format_for("sitios.shp"), format_for("x.zip"), format_for("out", "hsds")
    ('shp', 'shp', 'hsds')
    """
    suffix = Path(path).suffix.lower()
    guessed = SUFFIXES.get(suffix)
    if fmt is None:
        if guessed is None:
            allowed = ", ".join(sorted(SUFFIXES))
            raise InvalidInputError(
                EXPORT["format_unknown"].fill(name=Path(path).name, allowed=allowed),
            )
        return guessed
    if guessed is not None and guessed != fmt and not (fmt == "geojson" and suffix == ".json"):
        raise InvalidInputError(
            EXPORT["format_mismatch"].fill(fmt=fmt, name=Path(path).name, guessed=guessed),
        )
    return fmt
