"""The feature collections of a dataset version: one per site kind, plus ``routes``.

The OGC API - Features serves them (``api.routers.ogc``).

:class:`Collections` is computed once per :class:`~locator.features.View` (dataset version): the
positions of each kind's sites, the route features, and each collection's spatial extent
computed from the data in CRS84. Extents may cross the antimeridian (``minx > maxx``), as
OGC 17-069r4 allows, so a dataset with sites in Alaska and Guam gets a tight box, not the world.

Examples
--------
>>> lon_interval([-170.0, 170.0, 175.0])
(170.0, -170.0)
>>> lon_interval([-90.0, -80.0])
(-90.0, -80.0)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from geodata.errors import NotFoundError
from geodata.vocab import KINDS
from locator.features import View, route_features
from locator.i18n.api import OGC_COLLECTIONS
from locator.i18n.errors import LOOKUP
from locator.query import BBox

__all__ = [
    "CRS84",
    "ROUTES",
    "Collection",
    "Collections",
    "in_bbox",
    "lon_interval",
]

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
ROUTES = "routes"

_PRECISION = OGC_COLLECTIONS["precision"]
_ROUTES_TITLE = OGC_COLLECTIONS["routes_title"]
_ROUTES_TEXT = OGC_COLLECTIONS["routes"]


def lon_interval(lons: Iterable[float]) -> tuple[float, float]:
    """Smallest longitude interval holding every value; ``(west, east)``, west > east when it
    crosses the antimeridian."""
    x = np.unique(np.asarray(list(lons), dtype=float))
    if len(x) == 1:
        return float(x[0]), float(x[0])
    gaps = np.diff(np.r_[x, x[0] + 360.0])
    widest = int(np.argmax(gaps))
    if widest == len(x) - 1:  # the widest empty stretch wraps around 180: no crossing
        return float(x[0]), float(x[-1])
    return float(x[widest + 1]), float(x[widest])


def _bbox(
    lons: Sequence[float] | np.ndarray,
    lats: Sequence[float] | np.ndarray,
) -> list[float] | None:
    if len(lons) == 0:
        return None
    west, east = lon_interval(lons)
    return [
        round(west, 6),
        round(float(np.min(lats)), 6),
        round(east, 6),
        round(float(np.max(lats)), 6),
    ]


def in_bbox(
    bounds: tuple[float, float, float, float], bbox: tuple[float, float, float, float]
) -> bool:
    """Whether a feature's ``bounds`` (minx, miny, maxx, maxy) intersect ``bbox`` (either may
    cross the antimeridian: minx > maxx).

    >>> in_bbox((178.0, 0.0, -178.0, 1.0), (-179.0, 0.0, -170.0, 5.0))
    True
    """
    return BBox.of(bounds).intersects(BBox.of(bbox))


@dataclass
class Collection:
    """One feature collection: metadata and what its items are made of."""

    id: str
    title: tuple[str, str]
    description: tuple[str, str]
    bbox: list[float] | None
    count: int
    positions: list[int] = field(default_factory=list)
    kind: str | None = None

    def metadata(self, lang: str) -> dict[str, Any]:
        """Title, description (both languages, ``lang`` first), extent, item type, CRS."""
        first, second = (1, 0) if lang == "en" else (0, 1)
        out: dict[str, Any] = {
            "id": self.id,
            "title": f"{self.title[first]} / {self.title[second]}",
            "description": f"{self.description[first]} / {self.description[second]}",
            "itemType": "feature",
            "crs": [CRS84],
            "numberOfItems": self.count,
        }
        if self.bbox is not None:
            out["extent"] = {"spatial": {"bbox": [self.bbox], "crs": CRS84}}
        return out


@dataclass
class Collections:
    """Every collection of one view, and the route features (es, en)."""

    view: View
    by_id: dict[str, Collection]
    routes: dict[str, list[dict[str, Any]]]
    route_bounds: list[tuple[float, float, float, float] | None]  # None: a route without a line

    @classmethod
    def build(cls, view: View) -> Collections:
        """Group the view's sites by kind; compute extents; precompute route features."""
        sites = view.snapshot.index.sites
        kinds = sites["kind"].astype(str).to_numpy()
        lon, lat = view.snapshot.index.lon, view.snapshot.index.lat
        by_id: dict[str, Collection] = {}
        for kind, term in KINDS.items():
            pos = np.flatnonzero(kinds == kind)
            text = OGC_COLLECTIONS.get(kind, term)
            about = (f"{text.es} {_PRECISION.es}", f"{text.en} {_PRECISION.en}")
            by_id[kind] = Collection(
                kind,
                (term.es, term.en),
                about,
                _bbox(lon[pos], lat[pos]),
                len(pos),
                pos.tolist(),
                kind,
            )
        routes = {lang: route_features(view, lang) for lang in ("es", "en")}
        bounds = [_line_bounds(f["geometry"]) for f in routes["es"]]
        coords = [c for f in routes["es"] if f["geometry"] for c in f["geometry"]["coordinates"]]
        by_id[ROUTES] = Collection(
            ROUTES,
            (_ROUTES_TITLE.es, _ROUTES_TITLE.en),
            (_ROUTES_TEXT.es, _ROUTES_TEXT.en),
            _bbox([c[0] for c in coords], [c[1] for c in coords]),
            len(routes["es"]),
        )
        return cls(view, by_id, routes, bounds)

    def get(self, collection_id: str) -> Collection:
        """The collection ``collection_id``; :class:`NotFoundError` (404) when unknown."""
        found = self.by_id.get(collection_id)
        if found is None:
            allowed = list(self.by_id)
            raise NotFoundError(
                LOOKUP["no_collection"].fill(id=collection_id[:100], ids=", ".join(allowed)),
                detail={"collectionId": collection_id[:200], "collections": allowed},
            )
        return found

    def route_items(self, bbox: tuple[float, float, float, float] | None) -> list[int]:
        """Positions of the routes whose line meets ``bbox`` (all when ``None``)."""
        return [
            i
            for i, b in enumerate(self.route_bounds)
            if bbox is None or (b is not None and in_bbox(b, bbox))
        ]


def _line_bounds(geometry: dict[str, Any] | None) -> tuple[float, float, float, float] | None:
    if not geometry or not geometry.get("coordinates"):
        return None
    xs = [c[0] for c in geometry["coordinates"]]
    ys = [c[1] for c in geometry["coordinates"]]
    west, east = lon_interval(xs)
    return west, min(ys), east, max(ys)
