"""Per-dataset-version, precomputed GeoJSON pieces for fast responses (API, exports).

A :class:`View` is built once per snapshot (dataset version) and holds, for every site
position of ``snapshot.index.sites``, its GeoJSON geometry and its properties in Spanish and
English. The nearest endpoint copies those dicts by position and adds the distances: no
pandas work per request.

Examples
--------
>>> precision_note("city", "es"), precision_note("address", "en")
('ubicación aproximada: ciudad', '')
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from locator.catalog import Snapshot
from locator.present import illustrative_note, precision_note, site_properties, text_or_none
from locator.query import BBox

__all__ = [
    "ILLUSTRATIVE_NOTE",
    "View",
    "precision_note",
    "route_feature",
    "route_features",
    "site_properties",
]

ILLUSTRATIVE_NOTE = {lang: illustrative_note(lang) for lang in ("es", "en")}


def _point(geom: Any) -> dict[str, Any] | None:
    if geom is None or geom.is_empty:
        return None
    return {"type": "Point", "coordinates": [round(geom.x, 6), round(geom.y, 6)]}


@dataclass
class View:
    """Everything a response needs from one snapshot, precomputed."""

    snapshot: Snapshot
    ids: list[str] = field(default_factory=list)
    geometry: list[dict[str, Any] | None] = field(default_factory=list)
    props: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    position: dict[str, int] = field(default_factory=dict)
    counts: dict[str, Any] = field(default_factory=dict)
    kinds: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=object))
    services: list[frozenset[str]] = field(default_factory=list)
    languages: list[frozenset[str]] = field(default_factory=list)

    @property
    def version(self) -> str:
        """The dataset version of the snapshot."""
        return self.snapshot.version

    @classmethod
    def build(cls, snapshot: Snapshot) -> View:
        """Precompute geometries, properties (es, en) and counts of ``snapshot``."""
        sites = snapshot.index.sites
        geoms = sites.geometry.to_numpy()
        records = sites.drop(columns=sites.geometry.name).to_dict("records")
        view = cls(snapshot)
        view.ids = [str(r.get("id")) for r in records]
        view.geometry = [_point(g) for g in geoms]
        view.props = {lang: [site_properties(r, lang) for r in records] for lang in ("es", "en")}
        view.position = {sid: i for i, sid in enumerate(view.ids)}
        view.kinds = np.array([str(r.get("kind")) for r in records], dtype=object)
        view.services = [frozenset(r.get("services") or ()) for r in records]
        view.languages = [
            frozenset(str(x).lower() for x in r.get("languages") or ()) for r in records
        ]
        kinds = Counter(str(r.get("kind")) for r in records)
        view.counts = {
            "sites": len(records),
            "by_kind": dict(sorted(kinds.items())),
            "routes": len(snapshot.routes),
            "stops": len(snapshot.stops),
        }
        return view

    def select(
        self,
        bbox: BBox | tuple[float, float, float, float],
        *,
        kinds: list[str] | None = None,
        services: list[str] | None = None,
        languages: list[str] | None = None,
    ) -> list[int]:
        """Positions of sites inside ``bbox`` (edges inclusive; ``minx > maxx`` crosses 180°)
        matching ANY of ``kinds`` AND ANY of ``services`` AND ANY of ``languages``.

        Same semantics as ``SiteIndex.within_bbox``, without copying a GeoDataFrame.
        """
        box = bbox if isinstance(bbox, BBox) else BBox.of(bbox)
        mask = box.contains(self.snapshot.index.lon, self.snapshot.index.lat)
        if kinds:
            mask &= np.isin(self.kinds, kinds)
        positions = np.flatnonzero(mask).tolist()
        if services:
            wanted = frozenset(services)
            positions = [p for p in positions if self.services[p] & wanted]
        if languages:
            wanted = frozenset(x.lower() for x in languages)
            positions = [p for p in positions if self.languages[p] & wanted]
        return positions

    def feature(self, pos: int, lang: str, **extra: Any) -> dict[str, Any]:
        """The GeoJSON Feature of the site at ``pos`` (``extra`` added to its properties)."""
        props = dict(self.props[lang][pos])
        props.update(extra)
        return {
            "type": "Feature",
            "id": self.ids[pos],
            "geometry": self.geometry[pos],
            "properties": props,
        }


def _stop(row: dict[str, Any], geom: Any, lang: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        k: text_or_none(row.get(k))
        for k in ("id", "name", "city", "state", "rrule", "dtstart", "timezone", "source")
    }
    out["sequence"] = int(row.get("sequence") or 0)
    out["duration_minutes"] = int(row.get("duration_minutes") or 0)
    precision = str(row.get("location_precision") or "")
    out["location_precision"] = precision or None
    out["location_note"] = precision_note(precision, lang)
    out["illustrative"] = bool(row.get("illustrative"))
    point = _point(geom)
    out["lon"], out["lat"] = point["coordinates"] if point else (None, None)
    return out


def route_feature(
    route: dict[str, Any], geom: Any, stops: list[dict[str, Any]], view: View, lang: str
) -> dict[str, Any]:
    """GeoJSON Feature of a mobile-unit route with its ordered stops and unit summary."""
    illustrative = bool(route.get("illustrative"))
    unit_id = text_or_none(route.get("unit_id"))
    unit_pos = view.position.get(unit_id or "")
    unit = None
    if unit_pos is not None:
        p = view.props[lang][unit_pos]
        unit = {
            k: p[k] for k in ("id", "name", "kind", "kind_label", "city", "state", "phone", "url")
        }
    props = {
        "id": text_or_none(route.get("id")),
        "name": text_or_none(route.get("name")),
        "description": text_or_none(route.get("description")),
        "unit_id": unit_id,
        "unit": unit,
        "source": text_or_none(route.get("source")),
        "source_date": text_or_none(route.get("source_date")),
        "illustrative": illustrative,
        "illustrative_note": ILLUSTRATIVE_NOTE[lang] if illustrative else None,
        "stops": stops,
    }
    geometry = None
    if geom is not None and not geom.is_empty:
        coords = [[round(x, 6), round(y, 6)] for x, y, *_ in geom.coords]
        geometry = {"type": "LineString", "coordinates": coords}
    return {"type": "Feature", "id": props["id"], "geometry": geometry, "properties": props}


def route_features(view: View, lang: str, *, only: str | None = None) -> list[dict[str, Any]]:
    """Features of every route (or of route ``only``), stops ordered by sequence."""
    snap = view.snapshot
    routes, stops = snap.routes, snap.stops
    if only is not None:
        routes = routes[routes["id"] == only]
    stop_geoms = stops.geometry.to_numpy() if len(stops) else []
    stop_rows = stops.drop(columns=stops.geometry.name).to_dict("records") if len(stops) else []
    by_route: dict[str, list[dict[str, Any]]] = {}
    for row, geom in zip(stop_rows, stop_geoms, strict=True):
        by_route.setdefault(str(row.get("route_id")), []).append(_stop(row, geom, lang))
    out = []
    route_geoms = routes.geometry.to_numpy()
    for route, geom in zip(
        routes.drop(columns=routes.geometry.name).to_dict("records"), route_geoms, strict=True
    ):
        ordered = sorted(by_route.get(str(route.get("id")), []), key=lambda s: s["sequence"])
        out.append(route_feature(route, geom, ordered, view, lang))
    return out
