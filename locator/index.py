"""Exact spatial queries over sites: k-nearest, radius, bounding box and polygon.

:class:`SiteIndex` wraps a sites GeoDataFrame (EPSG:4326, see ``geodata.schema``):

* **k-nearest / radius**: a :class:`scipy.spatial.cKDTree` over 3D unit vectors. Chord length
  is strictly increasing with great-circle distance, so the answers are exact great-circle
  neighbours (poles and the antimeridian need no special case). Reported distances are
  haversine distances with R = 6371.0088 km.
* **bbox / polygon**: an ``rtree`` index over lon/lat points, built on first use and cached;
  polygons are then tested exactly with shapely.

Filters (all optional, combined with AND): ``kinds`` keeps sites whose kind is ANY of the
given kinds; ``services`` keeps sites offering ANY of the given services; ``languages`` keeps
sites serving ANY of the given languages. ``None`` or an empty list means "no filter".
``mobile=False`` keeps only places one can walk into (no VDS mobile unit, no HRSA van: the
``mobile`` flag of ``geodata.schema``); the nearest rankings of the API, the CLI, the maps and
the page use it, ``mobile=True`` lists the units apart.
Filtered k-NN stays exact: the matching sites get their own k-d tree, built on first use and
cached per filter combination (LRU, :data:`SUBSET_CACHE_SIZE` entries).
Arguments are checked, and filters parsed, by :mod:`locator.index_input`.

Examples
--------
>>> from geodata.schema import coerce_sites
>>> from shapely.geometry import Point
>>> sites = coerce_sites([
...     {"id": "a", "kind": "consulate", "name": "Chicago", "geometry": Point(-87.63, 41.88)},
...     {"id": "b", "kind": "clinic", "name": "Denver", "geometry": Point(-104.99, 39.74)},
... ])
>>> index = SiteIndex.from_geodataframe(sites)
>>> index.nearest(-90.2, 38.6, k=1)[["id", "rank"]].values.tolist()
[['a', 1]]
>>> dist, pos = index.nearest_many([-105.0], [39.7], k=2, kinds=["clinic"])
>>> pos.tolist()
[[1, -1]]
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from numpy.typing import ArrayLike
from rtree import index as rtree_index
from scipy.spatial import cKDTree
from shapely.geometry.base import BaseGeometry

from geodata.errors import InvalidInputError
from geodata.vocab import MOBILE_KINDS
from locator.distance import EARTH_RADIUS_KM, KM_PER_MI, haversine_km, km_to_chord, to_unit_vectors
from locator.i18n.errors import INDEX
from locator.index_input import (
    MAX_K,
    Filter,
    FilterKey,
    as_polygon,
    check_k,
    check_km,
    check_points,
    coords,
    filter_key,
    list_mask,
    scalar_point,
)
from locator.query import BBox

__all__ = ["MAX_K", "SUBSET_CACHE_SIZE", "SiteIndex"]

SUBSET_CACHE_SIZE = 32
"""How many filtered sub-indexes are kept (least recently used are dropped)."""

_SLACK = 1e-9  # relative slack on chord bounds; exact haversine test follows
_NO_POINTS = np.zeros(0)  # query arrays of the single-point path (which never reads them)
_NO_POINTS.flags.writeable = False


@dataclass(frozen=True)
class _Subset:
    """Sites matching one filter combination: positions, their k-d tree and a boolean mask."""

    positions: np.ndarray
    mask: np.ndarray
    tree: cKDTree | None


def _haversine1(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Scalar haversine (km), same formula as :func:`locator.distance.haversine_km`."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2.0) ** 2
    dlam = math.radians(lon2) - math.radians(lon1)
    a += math.cos(p1) * math.cos(p2) * math.sin(dlam / 2.0) ** 2
    return 2.0 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(max(a, 0.0), 1.0)))


class SiteIndex:
    """Exact nearest / radius / bbox / polygon queries over a sites GeoDataFrame.

    Build with :meth:`from_geodataframe`. The index never changes after it is built (lazy
    caches are filled under a lock), so it can be shared between threads.
    """

    def __init__(self, sites: gpd.GeoDataFrame, lon: np.ndarray, lat: np.ndarray) -> None:
        self._sites = sites
        self._lon, self._lat = lon, lat
        self._xyz = to_unit_vectors(lon, lat) if len(lon) else np.zeros((0, 3))
        everything = np.ones(len(lon), dtype=bool)
        tree = cKDTree(self._xyz) if len(lon) else None
        self._all = _Subset(np.arange(len(lon)), everything, tree)
        self._subsets: OrderedDict[tuple[FilterKey, bool | None], _Subset] = OrderedDict()
        self._rtree: rtree_index.Index | None = None
        self._lock = threading.Lock()
        for arr in (self._lon, self._lat, self._xyz, everything, self._all.positions):
            arr.flags.writeable = False

    @classmethod
    def from_geodataframe(cls, sites: gpd.GeoDataFrame) -> SiteIndex:
        """Index ``sites`` (Point geometries; reprojected to EPSG:4326 if needed).

        The kept frame, :attr:`sites`, has a positional index ``0..n-1``; every position
        returned by the queries refers to it.
        """
        if sites.crs is not None and sites.crs.to_epsg() != 4326:
            sites = sites.to_crs(4326)
        frame = sites.reset_index(drop=True)
        geoms = frame.geometry.to_numpy()
        bad = np.flatnonzero(shapely.is_empty(geoms) | (shapely.get_type_id(geoms) != 0))
        if bad.size:
            raise InvalidInputError(
                INDEX["point_geometry"].fill(rows=(bad[:10] + 1).tolist()),
                detail={"rows": (bad + 1).tolist()},
            )
        lon = shapely.get_x(geoms).astype(float)
        lat = shapely.get_y(geoms).astype(float)
        check_points(lon, lat)
        return cls(frame, lon, lat)

    def __len__(self) -> int:
        return len(self._lon)

    @property
    def sites(self) -> gpd.GeoDataFrame:
        """The indexed sites (positional index ``0..n-1``). Treat as read-only."""
        return self._sites

    @property
    def lon(self) -> np.ndarray:
        """Site longitudes (read-only array, by position)."""
        return self._lon

    @property
    def lat(self) -> np.ndarray:
        """Site latitudes (read-only array, by position)."""
        return self._lat

    # ------------------------------------------------------------------ filters
    def _subset(
        self, kinds: Filter, services: Filter, languages: Filter, mobile: bool | None = None
    ) -> _Subset:
        if kinds is None and services is None and languages is None and mobile is None:
            return self._all
        key = (filter_key(kinds, services, languages), mobile)
        if key == ((None, None, None), None):
            return self._all
        with self._lock:
            found = self._subsets.get(key)
            if found is not None:
                self._subsets.move_to_end(key)
                return found
            found = self._build_subset(*key)
            self._subsets[key] = found
            if len(self._subsets) > SUBSET_CACHE_SIZE:
                self._subsets.popitem(last=False)
            return found

    def _build_subset(self, key: FilterKey, mobile: bool | None) -> _Subset:
        kinds, services, languages = key
        mask = np.ones(len(self), dtype=bool)
        if kinds is not None:
            mask &= self._column("kind").isin(kinds).to_numpy(dtype=bool)
        if services is not None:
            mask &= list_mask(self._column("services"), services)
        if languages is not None:
            mask &= list_mask(self._column("languages"), languages, lower=True)
        if mobile is not None:
            mask &= self._mobile_mask() == mobile
        positions = np.flatnonzero(mask)
        tree = cKDTree(self._xyz[positions]) if positions.size else None
        return _Subset(positions, mask, tree)

    def _mobile_mask(self) -> np.ndarray:
        """Sites that move: the ``mobile`` flag, or a mobile kind (frames without the flag)."""
        moving = np.array(self._column("kind").isin(MOBILE_KINDS), dtype=bool)
        if "mobile" in self._sites:
            moving = moving | np.array(self._sites["mobile"].fillna(False), dtype=bool)
        return moving

    def _column(self, name: str) -> pd.Series:
        if name in self._sites:
            return self._sites[name]
        fill: list[Any] = [""] * len(self) if name == "kind" else [[] for _ in range(len(self))]
        return pd.Series(fill, dtype=object)

    # ------------------------------------------------------------------ k-nearest
    def nearest_many(
        self,
        lons: ArrayLike,
        lats: ArrayLike,
        *,
        k: int = 1,
        kinds: Filter = None,
        services: Filter = None,
        languages: Filter = None,
        max_km: float | None = None,
        workers: int = 1,
        mobile: bool | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Exact k nearest sites for many points at once (the fast array API).

        Returns
        -------
        distances_km, positions
            Arrays of shape ``(n, k)`` sorted by distance per row; where fewer than ``k``
            sites match (or lie within ``max_km``), distances are ``inf`` and positions ``-1``.
            Positions index :attr:`sites`. ``workers`` is passed to cKDTree (-1: all cores).
            ``mobile``: ``False`` keeps only places one can walk into (never a mobile unit or
            van, see ``geodata.schema``), ``True`` only the sites that move, ``None`` all.
        """
        k = check_k(k)
        limit = check_km(max_km, "max_km", allow_none=True)
        scalar = scalar_point(lons, lats)
        qlon, qlat = (_NO_POINTS, _NO_POINTS) if scalar else coords(lons, lats)
        sub = self._subset(kinds, services, languages, mobile)
        n = 1 if scalar else qlon.size
        dist = np.full((n, k), np.inf)
        pos = np.full((n, k), -1, dtype=np.int64)
        m, tree = sub.positions.size, sub.tree
        if m == 0 or n == 0 or tree is None:  # (no tree exactly when no sites)
            return dist, pos
        kq = min(k, m)
        bound = float(km_to_chord(limit)) * (1 + _SLACK) + _SLACK if np.isfinite(limit) else np.inf
        if scalar:
            self._nearest_one(scalar, sub, kq, bound, limit, dist[0], pos[0])
            return dist, pos
        # two spare candidates so sites tied at the k-th place (a VDS inside its consulate,
        # a mobile unit based there) are ordered by dataset position, as in the single path
        kc = min(kq + 2, m)
        _, idx = tree.query(
            to_unit_vectors(qlon, qlat), k=kc, distance_upper_bound=bound, workers=workers
        )
        idx = idx.reshape(n, kc)
        found = idx < m
        p = sub.positions[np.where(found, idx, 0)]
        d = haversine_km(qlon[:, None], qlat[:, None], self._lon[p], self._lat[p])
        d = np.where(found & (d <= limit), d, np.inf)
        tied = np.round(d, 9)  # chord and haversine round differently; settle on haversine
        order = np.lexsort((np.where(np.isfinite(d), p, np.iinfo(np.int64).max), tied), axis=1)
        d, p = np.take_along_axis(d, order, 1)[:, :kq], np.take_along_axis(p, order, 1)[:, :kq]
        d = np.maximum.accumulate(d, axis=1)  # sites tied to 1e-9 km share one distance
        dist[:, :kq] = d
        pos[:, :kq] = np.where(np.isfinite(d), p, -1)
        return dist, pos

    def _nearest_one(
        self,
        point: tuple[float, float],
        sub: _Subset,
        kq: int,
        bound: float,
        limit: float,
        dist: np.ndarray,
        pos: np.ndarray,
    ) -> None:
        """Lean single-point path (plain floats, no small-array numpy overhead); fills rows."""
        x, y = point
        lam, phi = math.radians(x), math.radians(y)
        cos_phi = math.cos(phi)
        q = (cos_phi * math.cos(lam), cos_phi * math.sin(lam), math.sin(phi))
        m, tree = sub.positions.size, sub.tree
        if tree is None:  # no sites: the rows stay empty
            return
        _, idx = tree.query(q, k=min(kq + 1, m), distance_upper_bound=bound)
        found = [int(i) for i in np.atleast_1d(idx) if i < m]
        lon, lat = self._lon, self._lat
        pairs = sorted((_haversine1(x, y, lon[p], lat[p]), p) for p in sub.positions[found])
        if len(pairs) > kq and pairs[kq][0] - pairs[kq - 1][0] <= 1e-9:
            # a tie at the k-th place: take every tied site, then break ties by position
            radius = km_to_chord(pairs[kq - 1][0] + 1e-9) * (1 + 1e-12) + 1e-15
            found = tree.query_ball_point(q, radius)
            pairs = sorted((_haversine1(x, y, lon[p], lat[p]), p) for p in sub.positions[found])
        j = 0
        for d, p in pairs[:kq]:
            if d <= limit:
                dist[j], pos[j] = d, p
                j += 1

    def nearest(
        self,
        lon: float,
        lat: float,
        *,
        k: int = 5,
        kinds: Filter = None,
        services: Filter = None,
        languages: Filter = None,
        max_km: float | None = None,
        mobile: bool | None = None,
    ) -> gpd.GeoDataFrame:
        """The ``k`` nearest sites to one point, nearest first.

        Returns the matching rows of :attr:`sites` (index = position) plus ``distance_km``,
        ``distance_mi`` and 1-based ``rank``; fewer than ``k`` rows when fewer sites match.
        ``mobile=False`` ranks only places one can walk into (see :meth:`nearest_many`).
        """
        if scalar_point(lon, lat) is None:
            raise InvalidInputError(INDEX["lonlat_numbers"])
        dist, pos = self.nearest_many(
            lon,
            lat,
            k=k,
            kinds=kinds,
            services=services,
            languages=languages,
            max_km=max_km,
            mobile=mobile,
        )
        keep = pos[0] >= 0
        return self._frame(pos[0][keep], dist[0][keep])

    def within_radius(
        self,
        lon: float,
        lat: float,
        radius_km: float,
        *,
        kinds: Filter = None,
        services: Filter = None,
        languages: Filter = None,
    ) -> gpd.GeoDataFrame:
        """Every site within ``radius_km`` (great-circle, inclusive) of a point, nearest first.

        Same columns as :meth:`nearest`.
        """
        qlon, qlat = coords([lon], [lat])
        radius = check_km(radius_km, "radius_km", allow_none=False)
        sub = self._subset(kinds, services, languages)
        if sub.tree is None:
            return self._frame(np.zeros(0, dtype=np.int64), np.zeros(0))
        if radius >= np.pi * EARTH_RADIUS_KM:
            cand = sub.positions
        else:
            bound = km_to_chord(radius) * (1 + _SLACK) + _SLACK
            hits = sub.tree.query_ball_point(to_unit_vectors(qlon, qlat)[0], r=bound)
            cand = sub.positions[np.asarray(hits, dtype=np.int64)]
        d = haversine_km(qlon[0], qlat[0], self._lon[cand], self._lat[cand])
        keep = d <= radius
        cand, d = cand[keep], d[keep]
        order = np.lexsort((cand, d))
        return self._frame(cand[order], d[order])

    # ------------------------------------------------------------------ bbox / polygon
    def _rtree_index(self) -> rtree_index.Index | None:
        if self._rtree is None and len(self):
            with self._lock:
                if self._rtree is None:
                    pts = np.column_stack((self._lon, self._lat))
                    ids = np.arange(len(self), dtype=np.int64)
                    self._rtree = rtree_index.Index((ids, pts, pts))
        return self._rtree

    def _in_boxes(self, boxes: list[tuple[float, float, float, float]], sub: _Subset) -> np.ndarray:
        tree = self._rtree_index()
        if tree is None or sub.positions.size == 0:
            return np.zeros(0, dtype=np.int64)
        arr = np.asarray(boxes, dtype=float)
        ids, _ = tree.intersection_v(arr[:, :2].copy(), arr[:, 2:].copy())
        ids = np.unique(np.asarray(ids, dtype=np.int64))
        return ids[sub.mask[ids]]

    def within_bbox(
        self,
        minx: float,
        miny: float,
        maxx: float,
        maxy: float,
        *,
        kinds: Filter = None,
        services: Filter = None,
        languages: Filter = None,
    ) -> gpd.GeoDataFrame:
        """Sites inside a lon/lat box (edges inclusive), in :attr:`sites` order.

        ``minx > maxx`` means the box crosses the antimeridian (e.g. 170 to -170).
        """
        x, y = coords([minx, maxx], [miny, maxy])
        if y[0] > y[1]:
            raise InvalidInputError(INDEX["lat_order"])
        boxes = list(BBox.of((x[0], y[0], x[1], y[1])).boxes())
        ids = self._in_boxes(boxes, self._subset(kinds, services, languages))
        return self._sites.iloc[ids].copy()

    def within_polygon(
        self,
        polygon: BaseGeometry | dict[str, Any],
        *,
        kinds: Filter = None,
        services: Filter = None,
        languages: Filter = None,
    ) -> gpd.GeoDataFrame:
        """Sites inside (or on the boundary of) a lon/lat Polygon or MultiPolygon.

        ``polygon`` is a shapely geometry or a GeoJSON geometry mapping, in EPSG:4326; edges
        are straight lines in lon/lat as in GeoJSON (split shapes at the antimeridian into a
        MultiPolygon). Rows come in :attr:`sites` order.
        """
        geom = as_polygon(polygon)
        sub = self._subset(kinds, services, languages)
        ids = self._in_boxes([geom.bounds], sub)
        if ids.size:
            shapely.prepare(geom)
            ids = ids[shapely.intersects_xy(geom, self._lon[ids], self._lat[ids])]
        return self._sites.iloc[ids].copy()

    # ------------------------------------------------------------------ frames
    def _frame(self, positions: np.ndarray, distances_km: np.ndarray) -> gpd.GeoDataFrame:
        out = self._sites.iloc[positions].copy()
        out["distance_km"] = distances_km
        out["distance_mi"] = distances_km / KM_PER_MI
        out["rank"] = np.arange(1, len(out) + 1)
        return out
