"""Small synthetic inputs for the planning tests (made-up numbers, not real data)."""

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geodata.schema import coerce_sites


def grid_counties(nx: int = 6, ny: int = 4, *, seed: int = 1) -> gpd.GeoDataFrame:
    """An nx x ny grid of 1-degree square 'counties' in Kansas-like latitudes."""
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(nx):
        for j in range(ny):
            x0, y0 = -100.0 + i, 36.0 + j
            rows.append(
                {
                    "fips": f"{20000 + i * ny + j:05d}",
                    "name": f"County {i}-{j}",
                    "state": "KS",
                    "geometry": box(x0, y0, x0 + 1, y0 + 1),
                }
            )
    gdf = gpd.GeoDataFrame(rows, crs=4326)
    gdf["population"] = rng.integers(0, 100_000, len(gdf))
    b = gdf.geometry.bounds
    gdf["center_lon"], gdf["center_lat"] = (b.minx + b.maxx) / 2, (b.miny + b.maxy) / 2
    return gdf


def grid_places(counties: gpd.GeoDataFrame, *, seed: int = 2) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = []
    for n, geom in enumerate(counties.geometry):
        for m in range(2):
            x0, y0, x1, y1 = geom.bounds
            rows.append(
                {
                    "name": f"Place {n}-{m}",
                    "state": "KS",
                    "lon": rng.uniform(x0 + 0.05, x1 - 0.05),
                    "lat": rng.uniform(y0 + 0.05, y1 - 0.05),
                    "population": int(rng.integers(15_000, 90_000)),
                }
            )
    return pd.DataFrame(rows)


def make_sites(points, kinds=None) -> gpd.GeoDataFrame:
    kinds = kinds or ["vds"] * len(points)
    return coerce_sites(
        [
            {
                "id": f"site-{n}",
                "kind": kind,
                "name": f"Site <{n}>",
                "state": "KS",
                "geometry": Point(lon, lat),
                "location_precision": "city",
                "source": "test",
            }
            for n, ((lon, lat), kind) in enumerate(zip(points, kinds, strict=True))
        ]
    )


@pytest.fixture
def counties():
    return grid_counties()


@pytest.fixture
def sites():
    return make_sites([(-99.5, 36.5), (-95.5, 39.5), (-97.2, 38.1)], ["vds", "consulate", "vds"])
