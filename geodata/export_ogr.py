"""Sites as FlatGeobuf, Shapefile (zipped) and KML, written by GDAL through pyogrio.

* ``fgb``: FlatGeobuf, layer ``sites``, lists ``;``-joined, unknown values NULL.
* ``shp``: an ESRI Shapefile (UTF-8 ``.cpg``, WGS 84 ``.prj``) whose field names fit the format's
  10 characters (:func:`short_names`, e.g. ``location_precision`` -> ``loc_prec``), with
  ``fields.csv`` mapping each short name to the full one; in a ``.zip`` (``-o sites.zip``) or,
  for ``-o sites.shp``, as the usual set of files beside it.
* ``kml``: KML (Google Earth), placemark name = site name, every field as extended data.

Examples
--------
>>> short_names(["id", "location_precision", "address_source", "address_source_date"])
... # doctest: +NORMALIZE_WHITESPACE
{'id': 'id', 'location_precision': 'loc_prec', 'address_source': 'addr_src',
 'address_source_date': 'addr_src_d'}
"""

from __future__ import annotations

import csv
import tempfile
import warnings
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd
import pyogrio

from geodata.i18n import T
from geodata.messages import EXPORT
from geodata.ogr import for_ogr

__all__ = ["short_names", "write_fgb", "write_kml", "write_shp"]

_WORDS = {
    "location": "loc",
    "precision": "prec",
    "address": "addr",
    "source": "src",
    "date": "d",
    "evidence": "ev",
    "organization": "org",
    "street": "street",
    "postal": "zip",
    "code": "",
    "illustrative": "illustr",
    "languages": "languages",
    "services": "services",
    "parent": "parent",
    "verified": "verified",
    "phone": "phone",
    "hours": "hours",
}


def short_names(columns: Iterable[str]) -> dict[str, str]:
    """Unique field names of at most 10 characters for ``columns`` (Shapefile/dBase)."""
    out: dict[str, str] = {}
    for col in columns:
        if len(col) <= 10:
            name = col
        else:
            parts = [_WORDS.get(w, w[:4]) for w in col.split("_")]
            name = "_".join(p for p in parts if p)[:10].rstrip("_")
        base, n = name, 1
        while name in out.values():
            n += 1
            name = f"{base[: 9 - len(str(n))]}_{n}"
        out[col] = name
    return out


_CUT = EXPORT["dbase_cut"].fill(formats=T("formats", es="gpkg o geojson", en="gpkg or geojson"))
_CUT_NOTE = f"{_CUT.es} / {_CUT.en}"
"""The fields table's note of a cut column, Spanish first as the table's other texts."""


def _sites(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return for_ogr(sites)


def write_fgb(path: Path, sites: gpd.GeoDataFrame, *_: Any) -> None:
    """FlatGeobuf of the sites."""
    pyogrio.write_dataframe(
        _sites(sites), path, layer="sites", driver="FlatGeobuf", geometry_type="Point"
    )


def write_kml(path: Path, sites: gpd.GeoDataFrame, *_: Any) -> None:
    """KML of the sites: placemark id = site id, name = site name (GDAL's LIBKML driver, else
    its KML driver)."""
    if "LIBKML" in pyogrio.list_drivers(write=True):
        pyogrio.write_dataframe(_sites(sites), path, layer="sites", driver="LIBKML")
    else:
        pyogrio.write_dataframe(
            _sites(sites), path, layer="sites", driver="KML", dataset_options={"NameField": "name"}
        )


def write_shp(path: Path, sites: gpd.GeoDataFrame, *_: Any) -> None:
    """A Shapefile of the sites: zipped when ``path`` ends in ``.zip``, else beside ``path``."""
    names = short_names([c for c in sites.columns if c != sites.geometry.name])
    frame = _sites(sites).rename(columns=names)
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        folder = Path(tmp)
        stem = "sites" if path.suffix.lower() == ".zip" else path.stem
        with warnings.catch_warnings(record=True) as caught:  # dBase: 254 characters a value
            warnings.simplefilter("always")
            pyogrio.write_dataframe(
                frame,
                folder / f"{stem}.shp",
                driver="ESRI Shapefile",
                geometry_type="Point",
                layer_options={"ENCODING": "UTF-8"},
            )
        cut = sorted(
            {
                full
                for full, short in names.items()
                if any(f"field {short} has been truncated" in str(w.message) for w in caught)
            }
        )
        with (folder / "fields.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["shapefile_field", "locator_field", "note"])
            writer.writerows(
                (short, full, _CUT_NOTE if full in cut else "") for full, short in names.items()
            )
        files = sorted(folder.iterdir())
        if path.suffix.lower() == ".zip":
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                for f in files:
                    archive.write(f, f.name)
        else:
            for f in files:
                target = path.parent / (
                    f"{path.stem}.fields.csv"
                    if f.name == "fields.csv"
                    else f"{path.stem}{f.suffix}"
                )
                target.write_bytes(f.read_bytes())
