"""Query objects: every request kind parsed and validated once, from strings, the same way for
the CLI (click types, :mod:`locator.cli.common`), the API (OpenAPI parameters and 4xx problem
details, :mod:`api.deps`), maps and the web export.

A bad value raises the project's bilingual :class:`~geodata.errors.InvalidInputError` (``400``
in the API, exit status 2 in the CLI). Multi-value parameters (kinds, services, languages,
thresholds) are split by the one splitter, :func:`geodata.validate.split_values`: repeated and
``,``/``;``-separated values mean the same.

Examples
--------
>>> parse_kinds(["vds,consulate"]) == parse_kinds(["vds", "consulate"]) == ("vds", "consulate")
True
>>> BBox.parse("170,-10,-170,10").boxes()
((170.0, -10.0, 180.0, 10.0), (-180.0, -10.0, -170.0, 10.0))
>>> AreaQuery.parse(bbox="-88,41.6,-87.5,42.1", kinds="vds").filters.kinds
('vds',)
>>> CoverageQuery.parse(kinds=None, thresholds=["200,50", "100"]).thresholds_km
(50.0, 100.0, 200.0)
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from geodata import vocab
from geodata.errors import InvalidInputError
from geodata.validate import split_values
from locator.i18n import T
from locator.i18n.api import invalid_param
from locator.i18n.errors import QUERY

__all__ = [
    "DEFAULT_THRESHOLDS",
    "MAX_THRESHOLDS",
    "MOBILE_UNITS_NEAR_KM",
    "WORLD",
    "AreaQuery",
    "BBox",
    "CoverageQuery",
    "NearestQuery",
    "SiteFilters",
    "mobile_units_max_km",
    "one_kind",
    "parse_kinds",
    "parse_languages",
    "parse_services",
    "parse_thresholds",
    "split_values",
]

Values = str | Iterable[str] | None
"""What a multi-value parameter arrives as: one string, the repeated values, or nothing."""

_LANG_CODE = re.compile(r"^[A-Za-z]{2,3}$")


# ---------------------------------------------------------------------- vocabularies
def parse_kinds(values: Values) -> tuple[str, ...] | None:
    """Known site kinds, in order (``None``: no filter); unknown ids are refused.

    >>> parse_kinds("vds;clinic"), parse_kinds([]) is None
    (('vds', 'clinic'), True)
    """
    items = split_values(values) if values else None
    return tuple(vocab.parse_kinds(items)) if items else None


def one_kind(values: Values) -> str | None:
    """At most one known kind (the ``kind`` filter of office maps and embeds).

    >>> one_kind(["vds"]), one_kind(None)
    ('vds', None)
    """
    kinds = parse_kinds(values)
    if kinds and len(kinds) > 1:
        raise InvalidInputError(QUERY["one_kind"], detail={"kind": list(kinds)})
    return kinds[0] if kinds else None


def parse_services(values: Values) -> tuple[str, ...] | None:
    """Known service ids, in order (``None``: no filter)."""
    items = split_values(values) if values else None
    return tuple(vocab.parse_services(items)) if items else None


def parse_languages(values: Values) -> tuple[str, ...] | None:
    """Lower-cased ISO 639 language codes (``None``: no filter).

    >>> parse_languages("ES, en")
    ('es', 'en')
    """
    items = split_values(values) if values else None
    if not items:
        return None
    bad = [i for i in items if not _LANG_CODE.match(i)]
    if bad:
        raise InvalidInputError(
            QUERY["language_codes"].fill(codes=", ".join(bad[:5])), detail={"unknown": bad[:20]}
        )
    return tuple(i.lower() for i in items)


def _listed(values: tuple[str, ...] | None) -> list[str] | None:
    return list(values) if values else None


@dataclass(frozen=True)
class SiteFilters:
    """Which sites count: ANY of ``kinds`` AND ANY of ``services`` AND ANY of ``languages``."""

    kinds: tuple[str, ...] | None = None
    services: tuple[str, ...] | None = None
    languages: tuple[str, ...] | None = None

    @classmethod
    def parse(
        cls, *, kinds: Values = None, services: Values = None, languages: Values = None
    ) -> SiteFilters:
        """Validate the three filters (each repeatable or ``,``/``;``-separated)."""
        if not (kinds or services or languages):
            return _NO_FILTERS  # the hot path of /v1/nearest without filters
        return cls(parse_kinds(kinds), parse_services(services), parse_languages(languages))

    def as_kwargs(self) -> dict[str, list[str] | None]:
        """``kinds=``, ``services=``, ``languages=`` as lists (``None`` when unfiltered)."""
        return {
            "kinds": _listed(self.kinds),
            "services": _listed(self.services),
            "languages": _listed(self.languages),
        }


_NO_FILTERS = SiteFilters()


# ---------------------------------------------------------------------- area
def _bad_bbox(why: T, text: str) -> InvalidInputError:
    """The error of a bad ``bbox`` text, saying ``why`` (an ``errors.query.bbox_*`` entry)."""
    return InvalidInputError(
        invalid_param("bbox", why),
        detail={"parameter": "bbox", "value": text[:200], "example": "-88.0,41.6,-87.5,42.1"},
    )


def _numbers(text: str, counts: tuple[int, ...]) -> list[float]:
    parts = text.split(",")
    if len(parts) not in counts:
        if len(counts) > 1:
            raise _bad_bbox(QUERY["bbox_count_heights"], text)
        raise _bad_bbox(QUERY["bbox_count"], text)
    try:
        values = [float(p) for p in parts]
    except ValueError:
        raise _bad_bbox(QUERY["bbox_not_numbers"], text) from None
    if not all(math.isfinite(v) for v in values):
        raise _bad_bbox(QUERY["bbox_not_finite"], text)
    return values if len(values) == 4 else [values[i] for i in (0, 1, 3, 4)]


@dataclass(frozen=True)
class BBox:
    """A lon/lat box in degrees (WGS84 / CRS84), edges inclusive. ``minx > maxx`` crosses the
    antimeridian (e.g. 170 to -170): :meth:`boxes` splits it there, the one implementation of
    that split (``/v1/sites``, ``/ogc/.../items``, :class:`~locator.index.SiteIndex`)."""

    minx: float
    miny: float
    maxx: float
    maxy: float

    @classmethod
    def parse(cls, text: str | None, *, heights: bool = False) -> BBox | None:
        """``"minx,miny,maxx,maxy"`` (or, with ``heights``, six numbers whose heights are
        ignored, as OGC CRS84h bboxes); ``None`` when absent.

        >>> BBox.parse("-88,41.6,0,-87.5,42.1,100", heights=True)
        BBox(minx=-88.0, miny=41.6, maxx=-87.5, maxy=42.1)
        """
        if text is None:
            return None
        minx, miny, maxx, maxy = _numbers(text, (4, 6) if heights else (4,))
        if not (
            -180 <= minx <= 180 and -180 <= maxx <= 180 and -90 <= miny <= 90 and -90 <= maxy <= 90
        ):
            raise _bad_bbox(QUERY["bbox_range"], text)
        if miny > maxy:
            raise _bad_bbox(QUERY["bbox_lat_order"], text)
        return cls(minx, miny, maxx, maxy)

    @classmethod
    def of(cls, bounds: Sequence[float]) -> BBox:
        """A box from ``(minx, miny, maxx, maxy)`` already known to be valid."""
        minx, miny, maxx, maxy = (float(v) for v in bounds)
        return cls(minx, miny, maxx, maxy)

    def as_tuple(self) -> tuple[float, float, float, float]:
        """``(minx, miny, maxx, maxy)``."""
        return self.minx, self.miny, self.maxx, self.maxy

    @property
    def crosses_antimeridian(self) -> bool:
        """Whether the box goes east across 180° (``minx > maxx``)."""
        return self.minx > self.maxx

    def boxes(self) -> tuple[tuple[float, float, float, float], ...]:
        """One box, or two split at the antimeridian, none of them crossing it."""
        if not self.crosses_antimeridian:
            return (self.as_tuple(),)
        return ((self.minx, self.miny, 180.0, self.maxy), (-180.0, self.miny, self.maxx, self.maxy))

    def contains(self, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
        """Boolean mask of the points inside (edges inclusive)."""
        mask = np.zeros(np.shape(lon), dtype=bool)
        for x0, y0, x1, y1 in self.boxes():
            mask |= (lon >= x0) & (lon <= x1) & (lat >= y0) & (lat <= y1)
        return mask

    def intersects(self, other: BBox) -> bool:
        """Whether two boxes (either may cross the antimeridian) share a point.

        >>> BBox(178.0, 0.0, -178.0, 1.0).intersects(BBox(-179.0, 0.0, -170.0, 5.0))
        True
        """
        return any(
            bx0 <= x1 and x0 <= bx1 and by0 <= y1 and y0 <= by1
            for bx0, by0, bx1, by1 in self.boxes()
            for x0, y0, x1, y1 in other.boxes()
        )


WORLD = BBox(-180.0, -90.0, 180.0, 90.0)


@dataclass(frozen=True)
class AreaQuery:
    """Sites inside a box (default: the world) matching the filters: ``/v1/sites``,
    ``/ogc/collections/{id}/items``."""

    bbox: BBox = WORLD
    filters: SiteFilters = field(default_factory=SiteFilters)

    @classmethod
    def parse(
        cls,
        *,
        bbox: str | None = None,
        heights: bool = False,
        kinds: Values = None,
        services: Values = None,
        languages: Values = None,
    ) -> AreaQuery:
        """Validate the filters, then the box text."""
        filters = SiteFilters.parse(kinds=kinds, services=services, languages=languages)
        return cls(BBox.parse(bbox, heights=heights) or WORLD, filters)


# ---------------------------------------------------------------------- nearest
MAX_LIMIT = 50
MAX_KM = 20100.0  # half the Earth's circumference, rounded up


MOBILE_UNITS_NEAR_KM = 300.0
"""How far (km) a mobile unit's base may be to be listed "nearby" beside the ranked places: a
unit that tours a region 2,000 km away is not near (its visits say where it really stops)."""


def mobile_units_max_km(max_km: float | None) -> float:
    """How far mobile units listed "nearby" may be: :data:`MOBILE_UNITS_NEAR_KM` or ``max_km``.

    Examples
    --------
    >>> mobile_units_max_km(None), mobile_units_max_km(50.0), mobile_units_max_km(900.0)
    (300.0, 50.0, 300.0)
    """
    return MOBILE_UNITS_NEAR_KM if max_km is None else min(max_km, MOBILE_UNITS_NEAR_KM)


@dataclass(frozen=True)
class NearestQuery:
    """The ``limit`` sites nearest to a point, within ``max_km`` (``None``: any distance)."""

    filters: SiteFilters = field(default_factory=SiteFilters)
    limit: int = 5
    max_km: float | None = None

    def __post_init__(self) -> None:
        if isinstance(self.limit, bool) or not 1 <= self.limit <= MAX_LIMIT:
            raise InvalidInputError(
                QUERY["limit_range"].fill(max=MAX_LIMIT), detail={"limit": self.limit}
            )
        if self.max_km is not None and not (
            math.isfinite(self.max_km) and 0 < self.max_km <= MAX_KM
        ):
            raise InvalidInputError(
                QUERY["max_km_range"].fill(max=MAX_KM), detail={"max_km": self.max_km}
            )

    @classmethod
    def parse(
        cls,
        *,
        kinds: Values = None,
        services: Values = None,
        languages: Values = None,
        limit: int = 5,
        max_km: float | None = None,
    ) -> NearestQuery:
        """Validate the filters, ``limit`` (1-50) and ``max_km``."""
        return cls(
            SiteFilters.parse(kinds=kinds, services=services, languages=languages), limit, max_km
        )

    def index_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of :meth:`~locator.index.SiteIndex.nearest` and ``nearest_many``."""
        return {"k": self.limit, "max_km": self.max_km, **self.filters.as_kwargs()}

    def mobile_kwargs(self) -> dict[str, Any]:
        """The same for the mobile units listed apart: only those within
        :data:`MOBILE_UNITS_NEAR_KM` (or ``max_km``, when smaller) are "nearby"."""
        return {**self.index_kwargs(), "max_km": mobile_units_max_km(self.max_km)}


# ---------------------------------------------------------------------- coverage
DEFAULT_THRESHOLDS = (50.0, 100.0, 200.0)
MAX_THRESHOLDS = 6


def parse_thresholds(
    values: Values, *, name: str = "thresholds_km", km: bool = True
) -> tuple[float, ...]:
    """``["50,100", "200"]`` -> ``(50.0, 100.0, 200.0)``: sorted, at most 6, each 1..2000 km;
    nothing -> the default ``(50, 100, 200)``. With ``km=False`` (costs from a travel-cost
    matrix, in its own unit) each is any positive number.

    >>> parse_thresholds(["200,50", "100"])
    (50.0, 100.0, 200.0)
    >>> parse_thresholds("0.5,3600", km=False)
    (0.5, 3600.0)
    """
    if not values:
        return DEFAULT_THRESHOLDS
    parts = split_values(values)
    try:
        found = sorted({float(p) for p in parts})
    except ValueError:
        found = []
    low, high = (1.0, 2000.0) if km else (0.0, math.inf)
    if (
        not found
        or len(found) > MAX_THRESHOLDS
        or not all(math.isfinite(v) and (low <= v <= high if km else v > 0) for v in found)
    ):
        what = QUERY["thresholds_km" if km else "thresholds_positive"]
        raise InvalidInputError(
            QUERY["thresholds"].fill(name=name, max=MAX_THRESHOLDS, what=what),
            detail={"value": ",".join(parts)[:200], "example": "50,100,200"},
        )
    return tuple(found)


DEFAULT_COVERAGE_KINDS = ("vds",)


@dataclass(frozen=True)
class CoverageQuery:
    """Coverage of the population by sites of ``kinds`` (sorted, default ``vds``): people
    beyond each of ``thresholds_km``; a county is a gap beyond ``gap_km`` (default: the middle
    threshold)."""

    kinds: tuple[str, ...] = DEFAULT_COVERAGE_KINDS
    thresholds_km: tuple[float, ...] = DEFAULT_THRESHOLDS
    gap_km: float = 100.0

    @classmethod
    def parse(
        cls, *, kinds: Values, thresholds: Values = None, gap_km: float | None = None
    ) -> CoverageQuery:
        """Validate kinds and thresholds; ``gap_km`` defaults to the middle threshold."""
        km = parse_thresholds(thresholds)
        return cls(
            tuple(sorted(set(parse_kinds(kinds) or DEFAULT_COVERAGE_KINDS))),
            km,
            km[len(km) // 2] if gap_km is None else float(gap_km),
        )
