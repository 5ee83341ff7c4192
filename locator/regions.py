"""Approximate consular regions: which Mexican consulate is nearest to a place.

No official, machine-readable list of consular jurisdictions (circunscripciones) exists, so
these are **approximations**: a place is assigned to the consulate nearest to it in
great-circle distance (R = 6371.0088 km). Real jurisdictions follow county and state lines
set by the SRE and can differ. Every result says so: ``approximation=True`` plus a note in
Spanish and English.

Examples
--------
>>> from geodata.schema import coerce_sites
>>> from shapely.geometry import Point
>>> from locator.index import SiteIndex
>>> index = SiteIndex.from_geodataframe(coerce_sites([
...     {"id": "consulate-chicago", "kind": "consulate", "name": "Consulado en Chicago",
...      "geometry": Point(-87.63, 41.88)},
...     {"id": "clinic-x", "kind": "clinic", "name": "Clinic", "geometry": Point(-90.2, 38.6)},
... ]))
>>> office = serving_office(index, -90.2, 38.6)
>>> office["office_id"], office["approximation"]
('consulate-chicago', True)
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.errors import NotFoundError
from locator.distance import KM_PER_MI
from locator.index import SiteIndex

__all__ = ["NOTE_EN", "NOTE_ES", "office_regions", "serving_office"]

CONSULATE = "consulate"

NOTE_ES = (
    "Aproximación: no existe una lista oficial legible por máquina de las circunscripciones "
    "consulares; se indica el consulado más cercano en distancia de gran círculo. La "
    "circunscripción real puede ser otra: confírmela con el consulado."
)
NOTE_EN = (
    "Approximation: no official machine-readable list of consular jurisdictions exists; this "
    "is the nearest consulate by great-circle distance. The actual jurisdiction may differ: "
    "confirm with the consulate."
)

REGION_COLUMNS = ("office_id", "name", "counties", "approximation", "note_es", "note_en")


def _no_consulates() -> NotFoundError:
    return NotFoundError(
        "No consulate is loaded, so no consular region can be estimated",
        "No hay consulados cargados; no se puede estimar la circunscripción consular",
    )


def serving_office(index: SiteIndex, lon: float, lat: float) -> dict[str, Any]:
    """The consulate nearest to ``(lon, lat)``: an approximation of the serving office.

    Returns
    -------
    dict
        ``office_id``, ``name``, ``lon``, ``lat``, ``distance_km``, ``distance_mi``,
        ``approximation`` (always True), ``note_es``, ``note_en`` and ``site`` (every site
        field of the consulate except geometry).

    Raises
    ------
    InvalidInputError
        Bad coordinates.
    NotFoundError
        The index holds no consulate.
    """
    found = index.nearest(lon, lat, k=1, kinds=[CONSULATE])
    if found.empty:
        raise _no_consulates()
    row = found.iloc[0]
    site = {c: row[c] for c in index.sites.columns if c != index.sites.geometry.name}
    return {
        "office_id": row["id"],
        "name": row["name"],
        "lon": float(row.geometry.x),
        "lat": float(row.geometry.y),
        "distance_km": float(row["distance_km"]),
        "distance_mi": float(row["distance_km"]) / KM_PER_MI,
        "approximation": True,
        "note_es": NOTE_ES,
        "note_en": NOTE_EN,
        "site": site,
    }


def office_regions(index: SiteIndex, counties: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Assign each county to its nearest consulate and dissolve into one shape per office.

    Each county goes to the consulate nearest to its representative point (a point inside
    the county, in lon/lat). Counties without geometry are skipped.

    Parameters
    ----------
    index
        The site index (only ``kind == "consulate"`` sites are used).
    counties
        Polygons with at least a geometry column (e.g. ``Gazetteer.default().counties()``).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per office that received a county, in EPSG:4326: ``office_id``, ``name``,
        ``counties`` (how many), ``approximation`` (True), ``note_es``, ``note_en``,
        ``geometry``.
    """
    if counties.crs is not None and counties.crs.to_epsg() != 4326:
        counties = counties.to_crs(4326)
    geoms = counties.geometry
    geoms = geoms[geoms.notna() & ~geoms.is_empty]
    if "kind" not in index.sites or not (index.sites["kind"] == CONSULATE).any():
        raise _no_consulates()
    if geoms.empty:
        return gpd.GeoDataFrame(
            {c: pd.Series(dtype=object) for c in REGION_COLUMNS}, geometry=[], crs="EPSG:4326"
        )
    points = geoms.representative_point()
    _, pos = index.nearest_many(points.x.to_numpy(), points.y.to_numpy(), k=1, kinds=[CONSULATE])
    frame = gpd.GeoDataFrame(
        {"position": pos[:, 0], "counties": np.ones(len(geoms), dtype=int)},
        geometry=geoms.to_numpy(),
        crs="EPSG:4326",
    )
    merged = frame.dissolve(by="position", aggfunc={"counties": "sum"}).reset_index()
    offices = index.sites.iloc[merged["position"].to_numpy()]
    merged["office_id"] = offices["id"].to_numpy()
    merged["name"] = offices["name"].to_numpy()
    merged["approximation"] = True
    merged["note_es"] = NOTE_ES
    merged["note_en"] = NOTE_EN
    return merged[[*REGION_COLUMNS, "geometry"]]
