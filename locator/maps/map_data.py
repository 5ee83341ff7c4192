"""What each map shows, gathered from the data: shared by ``locator map`` and the HTTP API.

* :func:`nearest_source`: the nearest sites to a resolved place, and the place itself.
* :func:`office_source`: a consulate, its approximate region (memoised, see
  :mod:`locator.regions`) and the sites the map may show.
* :func:`route_source`: a route and its stops, each stop with its next visits as text.

The results feed the builders of :mod:`locator.maps.builders` unchanged.

Examples
--------
>>> from shapely.geometry import Point
>>> from geodata.schema import coerce_sites
>>> from locator.index import SiteIndex
>>> index = SiteIndex.from_geodataframe(coerce_sites([
...     {"id": "consulate-x", "kind": "consulate", "name": "Consulado X",
...      "geometry": Point(-87.6, 41.9)},
...     {"id": "vds-x", "kind": "vds", "name": "VDS X", "geometry": Point(-87.7, 41.8)}]))
>>> data = nearest_source(index, {"label": "Chicago", "lat": 41.82, "lon": -87.68,
...                                "precision": "city"}, limit=1)
>>> data.results["id"].tolist(), data.query["label"]
(['vds-x'], 'Chicago')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, NamedTuple
from urllib.parse import quote, urlencode

import geopandas as gpd
import pandas as pd

from geodata.errors import LocatorError, NotFoundError
from locator.i18n.api import API_ERRORS
from locator.i18n.errors import LOOKUP
from locator.index import SiteIndex
from locator.regions import office_region

__all__ = [
    "NearestData",
    "OfficeData",
    "RouteData",
    "embed_url",
    "find_office",
    "nearest_source",
    "office_source",
    "route_source",
]

VISIT_DAYS = 90
"""How far ahead next visits are listed on a route map."""

VISITS_PER_STOP = 3


class NearestData(NamedTuple):
    """Nearest results (``distance_km``, ``distance_mi``, ``rank``) and the searched place."""

    results: gpd.GeoDataFrame
    query: dict[str, Any]


class OfficeData(NamedTuple):
    """A consulate's row, its approximate region (None when it has none), all sites."""

    office: pd.Series
    region: gpd.GeoDataFrame | None
    sites: gpd.GeoDataFrame


class RouteData(NamedTuple):
    """A route's row and its stops (with a ``next_visits`` list column)."""

    route: pd.Series
    stops: gpd.GeoDataFrame


def _field(place: Any, name: str) -> Any:
    return place[name] if isinstance(place, Mapping) else getattr(place, name)


def nearest_source(
    index: SiteIndex,
    place: Any,
    *,
    kinds: Sequence[str] | None = None,
    services: Sequence[str] | None = None,
    languages: Sequence[str] | None = None,
    limit: int = 5,
    max_km: float | None = None,
) -> NearestData:
    """The ``limit`` places nearest to ``place`` (anything with label, lat, lon, precision).

    Sites that move (VDS mobile units, HRSA vans: ``mobile``) are never ranked.
    """
    query = {name: _field(place, name) for name in ("label", "lat", "lon", "precision")}
    results = index.nearest(
        float(query["lon"]),
        float(query["lat"]),
        k=limit,
        kinds=kinds,
        services=services,
        languages=languages,
        max_km=max_km,
        mobile=False,
    )  # only walk-in places are numbered
    return NearestData(results, query)


def office_source(
    index: SiteIndex, office_id: str, *, counties: gpd.GeoDataFrame | None = None
) -> OfficeData:
    """A consulate of ``index``, its approximate region and every site of ``index``.

    ``counties`` defaults to the offline gazetteer's. Raises
    :class:`~geodata.errors.NotFoundError` when ``office_id`` is not a consulate.
    """
    if counties is None:
        from geodata.gazetteer import Gazetteer

        counties = Gazetteer.default().counties()
    office = find_office(index.sites, office_id)
    region = office_region(index, counties, office_id)
    return OfficeData(office, region if len(region) else None, index.sites)


def find_office(sites: gpd.GeoDataFrame, office_id: str) -> pd.Series:
    """The consulate ``office_id`` of ``sites``; :class:`~geodata.errors.NotFoundError` if none."""
    match = sites[(sites["id"] == office_id) & (sites["kind"] == "consulate")]
    if match.empty:
        raise NotFoundError(LOOKUP["no_consulate"].fill(id=office_id), detail={"id": office_id})
    return match.iloc[0]


def _visits(stop: Mapping[str, Any], now: datetime, lang: str) -> list[str]:
    from locator.mobile.schedule import occurrences
    from locator.mobile.visits import when_text

    try:
        starts = occurrences(stop, now, now + timedelta(days=VISIT_DAYS))[:VISITS_PER_STOP]
    except LocatorError:  # a stop without a usable schedule lists no visit
        return []
    minutes = timedelta(minutes=int(stop.get("duration_minutes") or 0))
    return [when_text(s, s + minutes, lang) for s in starts]


def route_source(
    routes: gpd.GeoDataFrame,
    stops: gpd.GeoDataFrame,
    route_id: str,
    *,
    lang: str = "es",
    now: datetime | None = None,
) -> RouteData:
    """A route and its stops; each stop lists its next visits after ``now`` (default: now).

    Raises :class:`~geodata.errors.NotFoundError` (with the known ids as suggestions) when
    there is no route ``route_id``.
    """
    match = routes[routes["id"] == route_id]
    if match.empty:
        raise NotFoundError(
            API_ERRORS["no_route"].fill(route_id=route_id),
            detail={"id": route_id, "suggestions": list(routes["id"])[:20]},
        )
    now = now or datetime.now(UTC)
    own = stops[stops["route_id"] == route_id].copy()
    own["next_visits"] = [_visits(stop, now, lang) for stop in own.to_dict("records")]
    return RouteData(match.iloc[0], own)


def embed_url(
    office_id: str, *, base_url: str = "", lang: str = "es", kind: str | None = None
) -> str:
    """Address of an office's embeddable page: ``BASE/embed/OFFICE?lang=..[&kind=..]``.

    ``base_url`` is the public address of the locator API (empty: a site-relative URL).

    >>> embed_url("consulate-chicago", base_url="https://locator.example.org/", lang="en")
    'https://locator.example.org/embed/consulate-chicago?lang=en'
    """
    params = {"lang": lang, **({"kind": kind} if kind else {})}
    return f"{base_url.rstrip('/')}/embed/{quote(office_id, safe='')}?{urlencode(params)}"
