"""Frames as GDAL/OGR writes them: GeoPackage 1.3, lists joined, unknown values NULL.

GDAL 3.7+ writes GeoPackage 1.4 by default, which GDAL 3.6 and QGIS 3.22 open with "may only be
partially supported": locator uses no 1.4 feature, so it writes 1.3 (:data:`GPKG_OPTIONS`).
An unknown text value is NULL, not ``''``, so a column has one type in every client (a
date column of dates and NULLs, not of dates and empty strings); reading back turns NULL into
``''`` again (:func:`geodata.schema.coerce_sites`).

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import Point
>>> frame = gpd.GeoDataFrame({"a": ["x", ""], "languages": [["es", "en"], []]},
...                          geometry=[Point(0, 0), Point(1, 1)], crs="EPSG:4326")
>>> out = for_ogr(frame)
>>> list(out["a"]), list(out["languages"])
(['x', None], ['es;en', None])
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyogrio

from geodata.schema import LIST_FIELDS, join_list

__all__ = ["GPKG_OPTIONS", "GPKG_VERSION", "for_ogr", "write_gpkg_layer"]

GPKG_VERSION = "1.3"
GPKG_OPTIONS = {"VERSION": GPKG_VERSION}
"""Dataset creation options of every GeoPackage locator writes (store and export)."""


def _none_if_empty(value: object) -> object:
    return None if isinstance(value, str) and value == "" else value


def for_ogr(frame: gpd.GeoDataFrame, *, join: bool = True) -> gpd.GeoDataFrame:
    """A copy of ``frame`` with list fields ``;``-joined (when ``join``) and empty text NULL."""
    out = frame.copy()
    for col in out.columns:
        if col == out.geometry.name:
            continue
        if join and col in LIST_FIELDS:
            out[col] = out[col].map(join_list)
        if pd.api.types.is_object_dtype(out[col]) or pd.api.types.is_string_dtype(out[col]):
            out[col] = pd.Series(
                [_none_if_empty(v) for v in out[col].astype(object)], index=out.index, dtype=object
            )
    return out


def write_gpkg_layer(path: Path, layer: str, frame: gpd.GeoDataFrame, geometry_type: str) -> None:
    """Write ``frame`` (:func:`for_ogr`) as ``layer`` of the GeoPackage ``path``, which is created
    as GeoPackage 1.3 (:data:`GPKG_OPTIONS`) by its first layer and appended to by the others."""
    append = path.exists()
    pyogrio.write_dataframe(
        for_ogr(frame),
        path,
        layer=layer,
        driver="GPKG",
        geometry_type=geometry_type,
        append=append,
        dataset_options=None if append else GPKG_OPTIONS,
    )
