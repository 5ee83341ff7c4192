"""Approximate consular regions: which Mexican consulate serves a place.

No official, machine-readable list of consular jurisdictions (circunscripciones) exists, so
these are **approximations**. Each US county (or equivalent, territories included) goes to
the office a sourced rule names (:mod:`geodata.jurisdiction_rules`: the 2022-06-01 SRE
redistricting, San Francisco serving Hawaii, Oklahoma City serving Oklahoma...; county rules
before state rules), else to the consulate nearest to it in great-circle distance
(R = 6371.0088 km). A place is served by the office of the county that holds it
(:func:`county_office`, the same assignment the office-region maps draw with
:func:`office_regions`), and the answer says which rule decided (``basis="rule"``, with its
source and date) or that it is the nearest-office approximation (``basis="nearest"``). A place
in no US county (London, Mexico City, open sea) has no serving office. Every result is
flagged ``approximation=True`` with a note in Spanish and English.

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

import threading
import weakref
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geodata.errors import NotFoundError
from geodata.jurisdiction_rules import JurisdictionRule, jurisdiction_rules
from locator.distance import KM_PER_MI, haversine_km
from locator.i18n.errors import LOOKUP
from locator.i18n.notes import JURISDICTION
from locator.index import SiteIndex
from locator.index_input import coords
from locator.jurisdiction import apply_rules, rule_notes

__all__ = [
    "MEMO_SIZE",
    "NEAREST_NOTE_EN",
    "NEAREST_NOTE_ES",
    "NOTE_EN",
    "NOTE_ES",
    "REGION_NOTE_ES",
    "county_office",
    "office_region",
    "office_regions",
    "serving_office",
]

CONSULATE = "consulate"

NOTE_ES = JURISDICTION["nearest_county"].es
NOTE_EN = JURISDICTION["nearest_county"].en
"""The note of a county no sourced rule names (catalog ``jurisdiction.nearest_county``)."""
REGION_NOTE_ES = JURISDICTION["region"].es
"""The Spanish note of an office's region (catalog ``jurisdiction.region``)."""
NEAREST_NOTE_ES = JURISDICTION["nearest"].es
NEAREST_NOTE_EN = JURISDICTION["nearest"].en
"""The note of the consulate nearest to a point (catalog ``jurisdiction.nearest``)."""

MEMO_SIZE = 4
"""County frames remembered per index (the gazetteer's is the usual one)."""

REGION_COLUMNS = ("office_id", "name", "counties", "approximation", "note_es", "note_en")


def serving_office(index: SiteIndex, lon: float, lat: float) -> dict[str, Any]:
    """The consulate nearest to ``(lon, lat)``, anywhere on Earth (see :func:`county_office`).

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
        raise NotFoundError(LOOKUP["no_consulates"])
    return _office(
        index,
        found.iloc[0],
        float(found.iloc[0]["distance_km"]),
        (NEAREST_NOTE_ES, NEAREST_NOTE_EN),
    )


def _office(index: SiteIndex, row: pd.Series, km: float, notes: tuple[str, str]) -> dict[str, Any]:
    site = {c: row[c] for c in index.sites.columns if c != index.sites.geometry.name}
    return {
        "office_id": row["id"],
        "name": row["name"],
        "lon": float(row.geometry.x),
        "lat": float(row.geometry.y),
        "distance_km": km,
        "distance_mi": km / KM_PER_MI,
        "approximation": True,
        "basis": "nearest",
        "rule": None,
        "note_es": notes[0],
        "note_en": notes[1],
        "site": site,
    }


def county_office(
    index: SiteIndex, counties: gpd.GeoDataFrame, lon: float, lat: float
) -> dict[str, Any]:
    """The office whose approximate region holds ``(lon, lat)``: that of the point's county.

    The county is found with an STR-tree of ``counties``; its office is the one
    :func:`office_regions` assigns it (the consulate nearest to the county's inside point),
    so this answer always agrees with the office-region maps. On a county line the county
    listed first wins.

    Returns
    -------
    dict
        Like :func:`serving_office` (``distance_km`` from the point to the office), with
        ``county``: ``{"fips", "name", "state"}`` when ``counties`` has those columns, and
        ``basis``: ``"rule"`` (then ``rule`` = ``{"id", "label", "label_es", "label_en",
        "source", "source_date"}`` and the notes cite it) or ``"nearest"`` (``rule`` None).

    Raises
    ------
    InvalidInputError
        Bad coordinates.
    NotFoundError
        The point is in no county (outside the US and its territories), or no consulate.

    Examples
    --------
    >>> from shapely.geometry import Point, box
    >>> from geodata.schema import coerce_sites
    >>> index = SiteIndex.from_geodataframe(coerce_sites([{"id": "consulate-chicago",
    ...     "kind": "consulate", "name": "Consulado", "geometry": Point(-87.63, 41.88)}]))
    >>> counties = gpd.GeoDataFrame({"fips": ["29510"]}, geometry=[box(-91, 38, -90, 39)],
    ...                             crs="EPSG:4326")
    >>> office = county_office(index, counties, -90.2, 38.6)
    >>> office["office_id"], office["county"]["fips"]
    ('consulate-chicago', '29510')
    >>> county_office(index, counties, -0.13, 51.51)
    Traceback (most recent call last):
    ...
    geodata.errors.NotFoundError: The point (lat 51.51, lon -0.13) is not in a US county
    """
    xs, ys = coords(lon, lat)
    x, y = float(xs[0]), float(ys[0])
    entry = _assignment(index, counties)
    hits = entry.tree().query(shapely.Point(x, y), predicate="intersects")
    if not len(hits):
        raise NotFoundError(LOOKUP["not_in_county"].fill(lat=y, lon=x), detail={"lat": y, "lon": x})
    hit = int(np.min(hits))
    position = int(entry.position[hit])
    row = index.sites.iloc[position]
    km = float(haversine_km(x, y, float(row.geometry.x), float(row.geometry.y)))
    rule = entry.rules[int(entry.rule_of[hit])] if entry.rule_of[hit] >= 0 else None
    office = _office(index, row, km, rule_notes(rule) if rule else (NOTE_ES, NOTE_EN))
    if rule:
        office["basis"] = "rule"
        office["rule"] = rule.to_dict()
    county = entry.counties.iloc[int(entry.rows[hit])]
    office["county"] = {k: str(county[k]) for k in ("fips", "name", "state") if k in county}
    return office


def _usable_counties(counties: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Non-empty county geometries in EPSG:4326 and their row positions in ``counties``."""
    if counties.crs is not None and counties.crs.to_epsg() != 4326:
        counties = counties.to_crs(4326)
    geoms = counties.geometry
    usable = (geoms.notna() & ~geoms.is_empty).to_numpy()
    return geoms.to_numpy()[usable], np.flatnonzero(usable)


@dataclass
class _Assignment:
    """Counties of one ``counties`` frame assigned to the consulates of one index."""

    counties: gpd.GeoDataFrame  # kept so that ``is`` identifies the frame
    geoms: np.ndarray
    rows: np.ndarray  # row position in ``counties`` of each geometry
    position: np.ndarray  # index position of each county's office (rule, else nearest)
    rule_of: np.ndarray  # index in ``rules`` of the rule that decided, -1 for the nearest
    rules: tuple[JurisdictionRule, ...] = ()
    unions: dict[int, BaseGeometry] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _tree: shapely.STRtree | None = None

    def tree(self) -> shapely.STRtree:
        """An STR-tree of the county geometries (built once)."""
        with self.lock:
            if self._tree is None:
                self._tree = shapely.STRtree(self.geoms)
            return self._tree


_memo: weakref.WeakKeyDictionary[SiteIndex, list[_Assignment]] = weakref.WeakKeyDictionary()
_memo_lock = threading.Lock()


def _assignment(index: SiteIndex, counties: gpd.GeoDataFrame) -> _Assignment:
    """The county -> nearest consulate assignment, computed once per (index, counties)."""
    if "kind" not in index.sites or not (index.sites["kind"] == CONSULATE).any():
        raise NotFoundError(LOOKUP["no_consulates"])
    with _memo_lock:
        for entry in _memo.get(index, ()):
            if entry.counties is counties:
                return entry
    geoms, rows = _usable_counties(counties)
    if len(geoms):
        points = shapely.point_on_surface(geoms)  # = GeoSeries.representative_point()
        _, pos = index.nearest_many(
            shapely.get_x(points), shapely.get_y(points), k=1, kinds=[CONSULATE]
        )
        position = pos[:, 0]
    else:
        position = np.zeros(0, dtype=int)
    rules = tuple(jurisdiction_rules())
    rule_of = apply_rules(index, counties, rows, position, rules)
    entry = _Assignment(counties, geoms, rows, position, rule_of, rules)
    with _memo_lock:
        entries = _memo.setdefault(index, [])
        entries[:] = [*entries[-(MEMO_SIZE - 1) :], entry]
    return entry


def _union(entry: _Assignment, position: int) -> BaseGeometry:
    """Union of the counties assigned to the consulate at ``position`` (memoised)."""
    with entry.lock:  # one thread computes; the others wait for its result
        if position not in entry.unions:
            entry.unions[position] = shapely.union_all(entry.geoms[entry.position == position])
        return entry.unions[position]


def _frame(index: SiteIndex, entry: _Assignment, positions: np.ndarray) -> gpd.GeoDataFrame:
    offices = index.sites.iloc[positions]
    counts = [int((entry.position == p).sum()) for p in positions]
    return gpd.GeoDataFrame(
        {
            "office_id": offices["id"].to_numpy(),
            "name": offices["name"].to_numpy(),
            "counties": np.asarray(counts, dtype=int),
            "approximation": True,
            "note_es": REGION_NOTE_ES,
            "note_en": JURISDICTION["region"].en,
        },
        geometry=[_union(entry, int(p)) for p in positions],
        crs="EPSG:4326",
    )[[*REGION_COLUMNS, "geometry"]]


def office_regions(index: SiteIndex, counties: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Assign each county to its nearest consulate and dissolve into one shape per office.

    Each county goes to the consulate nearest to its representative point (a point inside
    the county, in lon/lat). Counties without geometry are skipped. The assignment and the
    shapes are memoised per (``index``, ``counties``) object pair, so later calls (and
    :func:`office_region`) are fast; both objects are never modified.

    Parameters
    ----------
    index
        The site index (only ``kind == "consulate"`` sites are used).
    counties
        Polygons with at least a geometry column (e.g. ``Gazetteer.default().counties()``).

    Returns
    -------
    geopandas.GeoDataFrame
        One row per office that received a county, ordered by index position, in EPSG:4326:
        ``office_id``, ``name``, ``counties`` (how many), ``approximation`` (True),
        ``note_es``, ``note_en``, ``geometry``.
    """
    entry = _assignment(index, counties)
    if not len(entry.geoms):
        return gpd.GeoDataFrame(
            {c: pd.Series(dtype=object) for c in REGION_COLUMNS}, geometry=[], crs="EPSG:4326"
        )
    return _frame(index, entry, np.unique(entry.position))


def office_region(index: SiteIndex, counties: gpd.GeoDataFrame, office_id: str) -> gpd.GeoDataFrame:
    """The approximate region of one consulate: the matching row of :func:`office_regions`.

    Only this office's counties are merged, so the first call is much faster than
    :func:`office_regions`. Empty (same columns) when no county is nearest to the office.

    Raises
    ------
    NotFoundError
        ``office_id`` is not a consulate of ``index``.

    Examples
    --------
    >>> from shapely.geometry import Point, box
    >>> from geodata.schema import coerce_sites
    >>> index = SiteIndex.from_geodataframe(coerce_sites([{"id": "consulate-chicago",
    ...     "kind": "consulate", "name": "Consulado", "geometry": Point(-87.63, 41.88)}]))
    >>> counties = gpd.GeoDataFrame(geometry=[box(-91, 38, -90, 39)], crs="EPSG:4326")
    >>> one = office_region(index, counties, "consulate-chicago")
    >>> one["counties"].tolist(), bool(one["approximation"].iloc[0])
    ([1], True)
    """
    sites = index.sites
    match = np.flatnonzero(((sites["id"] == office_id) & (sites["kind"] == CONSULATE)).to_numpy())
    if not match.size:
        raise NotFoundError(LOOKUP["no_consulate"].fill(id=office_id), detail={"id": office_id})
    entry = _assignment(index, counties)
    positions = np.intersect1d(match[:1], entry.position)
    return _frame(index, entry, positions)
