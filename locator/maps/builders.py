"""The four locator maps: nearest results, the whole network, a consular office, a mobile route.

Each builder returns a :class:`folium.Map` (an :class:`~locator.maps.offline.OfflineMap`) whose
page is self-contained and works offline, with a legend and a text list of the sites beside
the map. Basemap options (``basemap``, ``tiles_url``, ``tiles_attribution``, ``mbtiles``,
``pmtiles``, ``tiles_base_url``, ``tile_budget``) are passed to
:func:`locator.maps.basemap.add_basemap`.

Examples
--------
>>> from shapely.geometry import Point
>>> from geodata.schema import coerce_sites
>>> sites = coerce_sites([{"id": "a", "kind": "vds", "name": "VDS Chicago",
...     "geometry": Point(-87.65, 41.85), "location_precision": "city", "source": "s"}])
>>> m = network_map(sites, lang="en", basemap="none")
>>> "VDS Chicago" in render_html(m)
True
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import LineString, Point, box
from shapely.geometry.base import BaseGeometry

from geodata.errors import InvalidInputError
from geodata.schema import CRS
from geodata.vocab import KINDS
from locator.i18n import T
from locator.i18n.errors import MAPS as ERRORS
from locator.maps.basemap import add_basemap
from locator.maps.boundaries import tolerance_for
from locator.maps.contact import presented_columns
from locator.maps.i18n import check_lang, kind_label, text
from locator.maps.layers import (
    Banner,
    Legend,
    QueryMarker,
    RegionLayer,
    SiteConfig,
    SiteLayer,
    TextTooltip,
)
from locator.maps.markers import legend_html
from locator.maps.offline import OfflineMap, ScriptElement, escape, render_html
from locator.maps.page import SiteListBuilder
from locator.maps.popups import precision_note, schedule_text
from locator.maps.spread import spread_offsets
from locator.maps.view import geometry_bounds, site_view, sphere_bounds, unwrap, views

__all__ = ["nearest_map", "network_map", "office_map", "render_html", "route_map"]

US_BOUNDS = (-125.0, 24.0, -66.0, 50.0)


def _bounds(geoms: list[BaseGeometry]) -> tuple[float, float, float, float]:
    geoms = [g for g in geoms if g is not None and not g.is_empty]
    if not geoms:
        return US_BOUNDS
    west, south, east, north = gpd.GeoSeries(geoms).total_bounds
    pad_x = max((east - west) * 0.15, 0.05)
    pad_y = max((north - south) * 0.15, 0.05)
    return (
        max(west - pad_x, -180.0),
        max(south - pad_y, -85.0),
        min(east + pad_x, 180.0),
        min(north + pad_y, 85.0),
    )


def _new_map(lang: str, title: str, bounds, *, gesture_handling: bool = False) -> OfflineMap:
    west, south, east, north = bounds
    m = OfflineMap(
        lang=check_lang(lang),
        title=title,
        gesture_handling=gesture_handling,
        location=[(south + north) / 2, (west + east) / 2],
        zoom_start=5,
    )
    SiteConfig(lang=lang).add_to(m)
    return m


def _points(frame: gpd.GeoDataFrame) -> tuple[np.ndarray, np.ndarray]:
    geoms = frame.geometry.values
    if not len(frame):
        return np.array([]), np.array([])
    return np.asarray(geoms.x), np.asarray(geoms.y)


def _spread(
    frame: gpd.GeoDataFrame,
    *,
    taken: tuple[float, float] | None = None,
) -> gpd.GeoDataFrame:
    """``frame`` with ``dx``/``dy`` icon offsets so co-located sites are all visible."""
    frame = frame.copy()
    frame["dx"], frame["dy"] = spread_offsets(*_points(frame), taken=taken)
    return frame


def _finish(m: OfflineMap, bounds, legend: str, *, collapsed: bool = True) -> None:
    Legend(legend).add_to(m)
    folium.LayerControl(collapsed=collapsed).add_to(m)
    name = m.get_name()  # a generated JS identifier, never data
    ScriptElement(f"LocatorMaps.localize({name}, locator_cfg_{name});").add_to(m)
    west, south, east, north = bounds
    m.fit_bounds([[south, west], [north, east]], max_zoom=13)


def _sites_frame(sites: Any) -> gpd.GeoDataFrame:
    if isinstance(sites, gpd.GeoDataFrame):
        frame = sites
    elif isinstance(sites, pd.Series | Mapping):
        frame = gpd.GeoDataFrame([dict(sites)], geometry="geometry", crs=CRS)
    else:
        raise InvalidInputError(ERRORS["sites_frame"])
    if frame.crs is not None and frame.crs.to_epsg() != 4326:
        frame = frame.to_crs(CRS)
    bad = frame.geometry.isna() | frame.geometry.is_empty | (frame.geom_type != "Point")
    if bad.any():
        raise InvalidInputError(ERRORS["sites_no_point"].fill(n=int(bad.sum())))
    return frame.reset_index(drop=True)


def _unwrapped(frame: gpd.GeoDataFrame, centre: float) -> gpd.GeoDataFrame:
    """``frame`` with its points moved by whole turns next to ``centre`` (see :func:`unwrap`)."""
    if not len(frame):
        return frame
    return frame.set_geometry([unwrap(g, centre) for g in frame.geometry], crs=frame.crs)


def _on_globe(bounds) -> tuple[float, float, float, float]:
    """``bounds`` cut to -180..180 (the basemap's and outlines' extent)."""
    west, south, east, north = bounds
    if east - west >= 360:
        return (-180.0, south, 180.0, north)
    if west < -180 or east > 180:
        return (
            (-180.0, south, 180.0, north)
            if east - west > 180
            else (max(west, -180.0), south, min(east, 180.0), north)
        )
    return bounds


def _kinds(frame: gpd.GeoDataFrame) -> list[str]:
    present = list(dict.fromkeys(frame["kind"])) if "kind" in frame else []
    return [k for k in KINDS if k in present] + sorted(k for k in present if k not in KINDS)


def nearest_map(
    results: gpd.GeoDataFrame,
    *,
    query: Mapping[str, Any],
    lang: str = "es",
    title: str | None = None,
    **basemap_options: Any,
) -> folium.Map:
    """Map of nearest-site results: the searched place and the numbered results.

    Parameters
    ----------
    results
        Sites with ``distance_km``, ``distance_mi`` and ``rank`` (1 = nearest).
    query
        ``{"label", "lat", "lon", "precision"}`` of the searched place.
    """
    try:
        lat, lon = float(query["lat"]), float(query["lon"])
        label = str(query.get("label", ""))
    except (KeyError, TypeError, ValueError) as exc:
        raise InvalidInputError(ERRORS["query_lonlat"]) from exc
    frame = _sites_frame(results)
    if "rank" in frame:
        frame = frame.sort_values("rank", kind="stable").reset_index(drop=True)
    frame = presented_columns(_spread(frame, taken=(lon, lat)), lang=lang)
    title = title or f"{text('results', lang)}: {label}"
    bounds = _bounds([*frame.geometry, Point(lon, lat)])
    m = _new_map(lang, title, bounds)
    add_basemap(m, bounds=bounds, lang=lang, points=_points(frame), **basemap_options)
    QueryMarker(
        lat=lat,
        lon=lon,
        label=label,
        lang=lang,
        note=precision_note(str(query.get("precision", "")), lang),
    ).add_to(m)
    layer = SiteLayer(frame, name=text("results", lang)).add_to(m)
    listing = SiteListBuilder(lang=lang, title=title, numbered=True)
    listing.add(frame, layer=layer.get_name())
    listing.attach(m)
    _finish(m, bounds, legend_html(_kinds(frame), lang=lang, query=True))
    return m


def network_map(
    sites: gpd.GeoDataFrame, *, lang: str = "es", title: str | None = None, **basemap_options: Any
) -> folium.Map:
    """Every site, one clustered layer per kind, with legend and layer control."""
    frame = presented_columns(_spread(_sites_frame(sites)), lang=lang)
    title = title or text("network", lang)
    bounds = _bounds([box(*frame.total_bounds)]) if len(frame) else US_BOUNDS
    m = _new_map(lang, title, bounds)
    add_basemap(m, bounds=bounds, lang=lang, points=_points(frame), **basemap_options)
    listing = SiteListBuilder(lang=lang, title=title)
    for kind in _kinds(frame):
        part = frame[frame["kind"] == kind].reset_index(drop=True)
        label = kind_label(kind, lang)
        layer = SiteLayer(part, name=label, cluster=True).add_to(m)
        listing.add(part, layer=layer.get_name(), heading=label)
    listing.attach(m)
    _finish(m, bounds, legend_html(_kinds(frame), lang=lang), collapsed=False)
    return m


def _one(record: Any, what: T) -> pd.Series:
    """The one row of ``record``; ``what`` (an ``errors.maps.record_*`` entry) names it."""
    if isinstance(record, gpd.GeoDataFrame | pd.DataFrame):
        if len(record) != 1:
            raise InvalidInputError(ERRORS["expected_one"].fill(what=what, n=len(record)))
        return record.iloc[0]
    if isinstance(record, Mapping):
        return pd.Series(dict(record))
    if isinstance(record, pd.Series):
        return record
    raise InvalidInputError(ERRORS["invalid_record"].fill(what=what))


def _region_geometry(region: Any) -> BaseGeometry | None:
    if region is None:
        return None
    if isinstance(region, gpd.GeoDataFrame | gpd.GeoSeries):
        series = region.geometry if isinstance(region, gpd.GeoDataFrame) else region
        if series.crs is not None and series.crs.to_epsg() != 4326:
            series = series.to_crs(CRS)
        return series.union_all() if len(series) else None
    if isinstance(region, BaseGeometry):
        return region
    raise InvalidInputError(ERRORS["region_type"])


def office_map(
    office: Any,
    *,
    region: Any = None,
    sites: gpd.GeoDataFrame | None = None,
    lang: str = "es",
    title: str | None = None,
    kind: str | None = None,
    gesture_handling: bool = False,
    **basemap_options: Any,
) -> OfflineMap:
    """A consular office, its approximate region and the sites inside it.

    ``region`` is labelled approximate: no official jurisdiction list is machine-readable.
    ``sites`` are kept when the region covers them (all of them without a region), the office
    itself excluded; ``kind`` keeps only sites of that kind.
    """
    row = _one(office, ERRORS["record_office"])
    office_frame = _sites_frame(gpd.GeoDataFrame([row.to_dict()], geometry="geometry", crs=CRS))
    area = _region_geometry(region)
    inside = _sites_frame(sites) if sites is not None and len(sites) else office_frame.iloc[:0]
    if len(inside) and "id" in inside and "id" in row:
        inside = inside[inside["id"] != row["id"]]
    if kind:
        inside = inside[inside["kind"] == kind]
    if area is not None and len(inside):
        inside = inside[area.covers(inside.geometry.values)]
    inside = inside.reset_index(drop=True)
    both = pd.concat([office_frame, inside], ignore_index=True)
    points = sphere_bounds([(g.x, g.y, g.x, g.y) for g in both.geometry])
    centre = (points[0] + points[2]) / 2
    bounds = site_view(points)
    both = _unwrapped(both, centre)
    zoom = min(z for z, _ in views(bounds))
    both["dx"], both["dy"] = spread_offsets(*_points(both), zoom=zoom)
    both = presented_columns(both, lang=lang)
    office_frame, inside = both.iloc[:1].copy(), both.iloc[1:].reset_index(drop=True)
    title = title or str(row.get("name", ""))
    m = _new_map(lang, title, bounds, gesture_handling=gesture_handling)
    add_basemap(m, bounds=_on_globe(bounds), lang=lang, points=_points(inside), **basemap_options)
    if area is not None:
        shown = shapely.simplify(
            area, tolerance_for(geometry_bounds([area]) or bounds), preserve_topology=True
        )
        shown = shapely.transform(unwrap(shown, centre), lambda xy: np.round(xy, 4))
        RegionLayer(
            shown, name=text("region", lang).capitalize(), label=f"{title}: {text('region', lang)}"
        ).add_to(m)
    listing = SiteListBuilder(lang=lang, title=title)
    inside_layer = None
    if len(inside):  # added first so that the office's marker is drawn on top
        inside_layer = SiteLayer(inside, name=text("sites", lang), cluster=len(inside) > 50)
        inside_layer.add_to(m)
    layer = SiteLayer(office_frame, name=kind_label(str(row.get("kind", "")), lang)).add_to(m)
    listing.add(office_frame, layer=layer.get_name())
    if inside_layer is not None:
        listing.add(inside, layer=inside_layer.get_name(), heading=text("sites", lang))
    m.locator_listing = listing  # embed_page adds its <noscript> copy
    if area is not None:
        listing.groups.insert(0, ("<p>", [escape(text("region_note", lang))], "</p>"))
    listing.attach(m)
    kinds = _kinds(pd.concat([office_frame[["kind"]], inside[["kind"]]]))
    _finish(m, bounds, legend_html(kinds, lang=lang, region=area is not None))
    return m


def _stops_frame(stops: gpd.GeoDataFrame, lang: str, illustrative: bool) -> gpd.GeoDataFrame:
    frame = _sites_frame(stops)
    if "sequence" in frame:
        frame = frame.sort_values("sequence", kind="stable").reset_index(drop=True)
        frame["rank"] = pd.to_numeric(frame["sequence"], errors="coerce")
    else:
        frame["rank"] = np.arange(1, len(frame) + 1)
    frame["kind"] = "vds_mobile"
    rules = frame["rrule"] if "rrule" in frame else pd.Series([""] * len(frame))
    minutes = frame["duration_minutes"] if "duration_minutes" in frame else [0] * len(frame)
    frame["schedule"] = [
        "; ".join(
            p
            for p in (
                schedule_text(str(r or ""), lang),
                f"{text('duration', lang)}: {int(d)} {text('minutes', lang)}"
                if d and not pd.isna(d) and int(d) > 0
                else "",
            )
            if p
        )
        for r, d in zip(rules, minutes, strict=True)
    ]
    flags = frame["illustrative"].astype(bool) if "illustrative" in frame else False
    frame["illustrative"] = flags | illustrative
    return frame


def _route_label(lang: str, *, illustrative: bool, straight: bool) -> str:
    """Label of the route line: says when it is illustrative, or only joins the stops."""
    label = text("route_illustrative" if illustrative else "route", lang)
    return f"{label}: {text('route_straight', lang)}" if straight else label


def route_map(
    route: Any,
    stops: gpd.GeoDataFrame,
    *,
    lang: str = "es",
    title: str | None = None,
    **basemap_options: Any,
) -> folium.Map:
    """A mobile unit's route: the line, numbered stops in order, schedules in popups.

    An ILUSTRATIVO / ILLUSTRATIVE banner is shown when the route (or a stop) is illustrative;
    the line's legend entry then says so too (and the line is dashed). A route without a
    geometry is drawn as straight lines between the stops, and labelled so.
    A ``next_visits`` list column of the stops, if present, is listed in the popups.
    """
    row = _one(route, ERRORS["record_route"])
    illustrative = bool(row.get("illustrative", False))
    frame = presented_columns(_spread(_stops_frame(stops, lang, illustrative)), lang=lang)
    line = row.get("geometry")
    straight = not isinstance(line, BaseGeometry) or line.is_empty
    if straight:
        line = (
            LineString(list(zip(frame.geometry.x, frame.geometry.y, strict=True)))
            if len(frame) > 1
            else None
        )
    line_label = _route_label(lang, illustrative=illustrative, straight=straight)
    title = title or f"{text('route', lang)}: {row.get('name', '')}"
    bounds = _bounds([line, *frame.geometry])
    m = _new_map(lang, title, bounds)
    add_basemap(m, bounds=bounds, lang=lang, points=_points(frame), **basemap_options)
    if line is not None:
        lines = getattr(line, "geoms", [line])
        locations = [[(y, x) for x, y, *_ in part.coords] for part in lines]
        route_line = folium.PolyLine(
            locations,
            color="#d55e00",
            weight=4,
            opacity=0.85,
            dash_array="10 7" if illustrative else None,
            name=line_label,
        ).add_to(m)
        TextTooltip(line_label).add_to(route_line)
    if illustrative or bool(frame["illustrative"].any()):
        banner = escape(text("illustrative_banner", lang))
        Banner(f'<div class="locator-banner" role="note">{banner}</div>').add_to(m)
    layer = SiteLayer(frame, name=text("stops", lang)).add_to(m)
    listing = SiteListBuilder(lang=lang, title=title, numbered=True)
    listing.add(frame, layer=layer.get_name(), heading=text("stops", lang))
    listing.attach(m)
    _finish(
        m,
        bounds,
        legend_html(
            ["vds_mobile"],
            lang=lang,
            route=line is not None,
            route_label=line_label,
            route_dashed=illustrative,
        ),
    )
    return m
