"""The bundled dataset shipped with locator (built by ``python -m geodata.build``).

Files in ``geodata/data/``: ``sites.geojson``, ``routes.geojson``, ``stops.geojson`` and
``meta.json``. They are read without any network and are the seed of every new store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import geopandas as gpd
from shapely.geometry import mapping, shape

from geodata.schema import CRS, coerce_routes, coerce_sites, coerce_stops

__all__ = ["DATA_DIR", "Bundled", "load_bundled", "read_geojson", "write_geojson"]

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Bundled:
    """The bundled sites, routes, stops and dataset metadata."""

    sites: gpd.GeoDataFrame
    routes: gpd.GeoDataFrame
    stops: gpd.GeoDataFrame
    meta: dict[str, str]


def read_geojson(path: Path) -> gpd.GeoDataFrame:
    """Read a GeoJSON FeatureCollection keeping list-valued properties as lists."""
    data = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for feature in data.get("features", []):
        row = dict(feature.get("properties") or {})
        if "id" in feature and "id" not in row:
            row["id"] = feature["id"]
        row["geometry"] = shape(feature["geometry"]) if feature.get("geometry") else None
        rows.append(row)
    return (
        gpd.GeoDataFrame(rows, geometry="geometry", crs=CRS)
        if rows
        else gpd.GeoDataFrame({"geometry": []}, geometry="geometry", crs=CRS)
    )


def _round(coords: Any, ndigits: int) -> Any:
    if isinstance(coords, (list, tuple)):
        return [_round(c, ndigits) for c in coords]
    return round(float(coords), ndigits)


def write_geojson(frame: gpd.GeoDataFrame, path: Path, *, ndigits: int = 6) -> None:
    """Write ``frame`` as RFC 7946 GeoJSON (lon/lat, no ``crs`` member), stably formatted."""
    features = []
    for row in frame.to_dict("records"):
        geom = row.pop("geometry")
        geometry = mapping(geom) if geom is not None else None
        if geometry is not None:
            geometry = {
                "type": geometry["type"],
                "coordinates": _round(geometry["coordinates"], ndigits),
            }
        features.append(
            {"type": "Feature", "id": row.get("id"), "geometry": geometry, "properties": row}
        )
    text = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        indent=1,
        sort_keys=False,
    )
    path.write_text(text + "\n", encoding="utf-8")


def load_bundled(data_dir: Path = DATA_DIR) -> Bundled:
    """Load the bundled dataset.

    Examples
    --------
    >>> data = load_bundled()
    >>> sorted(data.sites["kind"].unique())
    ['consulate', 'vds', 'vds_mobile']
    """
    meta = json.loads((data_dir / "meta.json").read_text(encoding="utf-8"))
    return Bundled(
        sites=coerce_sites(read_geojson(data_dir / "sites.geojson")),
        routes=coerce_routes(read_geojson(data_dir / "routes.geojson")),
        stops=coerce_stops(read_geojson(data_dir / "stops.geojson")),
        meta={k: str(v) for k, v in meta.items()},
    )
