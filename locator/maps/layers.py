"""Folium elements of a locator map: site layers, the searched place, a region, legend, banner.

Every element writes its data as escaped JSON (:func:`locator.maps.offline.js_json`) and its
text with ``textContent`` in the browser, so names like ``<img onerror=...>`` stay text.

Examples
--------
>>> from locator.maps.offline import OfflineMap, render_html
>>> m = OfflineMap(location=[41.9, -87.6])
>>> SiteConfig(lang="en").add_to(m)  # doctest: +ELLIPSIS
<...SiteConfig object at ...>
>>> "Searched place" in render_html(m)
True
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
from folium.map import Layer
from folium.template import Template
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from locator.maps.i18n import js_config_text, text
from locator.maps.markers import QUERY_SVG, symbols
from locator.maps.offline import LiteralMacroElement, escape, js_json
from locator.maps.sitedata import encode_sites
from locator.present import national_lines

__all__ = [
    "Banner",
    "LanguageSwitch",
    "Legend",
    "QueryMarker",
    "RegionLayer",
    "SiteConfig",
    "SiteLayer",
    "TextTooltip",
]


class SiteConfig(LiteralMacroElement):
    """Labels and symbols of one map for the browser runtime (added once per map, first)."""

    _template = Template(
        """{% macro script(this, kwargs) %}
var locator_cfg_{{ this._parent.get_name() }} = {{ this.config_js }};
{% endmacro %}"""
    )

    def __init__(self, *, lang: str) -> None:
        super().__init__()
        self._name = "SiteConfig"
        config: dict[str, Any] = js_config_text(lang)
        config["symbols"] = symbols()
        config["lang"] = lang
        config["national"] = [
            {k: line[k] or "" for k in ("name", "phone", "tel", "hours")}
            for line in national_lines(lang)
        ]
        self.config_js = js_json(config)


class SiteLayer(Layer, LiteralMacroElement):
    """Sites as markers created in the browser from one compact payload.

    Parameters
    ----------
    sites
        Sites or stops (points). A ``rank`` column numbers the markers.
    name
        Layer name shown in the layer control.
    cluster
        Group markers with Leaflet.markercluster.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = {% if this.cluster %}L.markerClusterGroup({chunkedLoading: true,
  chunkInterval: 1000, chunkDelay: 1,
  disableClusteringAtZoom: 10,
  showCoverageOnHover: false, maxClusterRadius: 50, spiderfyOnMaxZoom: true,
  iconCreateFunction: LocatorMaps.clusterIcon(locator_cfg_{{ this._parent.get_name() }}),
  chunkProgress: LocatorMaps.progress({{ this.get_name()|tojson }})})
{%- else %}L.featureGroup(){% endif %};
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
LocatorMaps.pending += 1;
LocatorMaps.addSites({{ this.get_name()|tojson }}, {{ this.payload_js }},
  locator_cfg_{{ this._parent.get_name() }}, {{ this.get_name() }}, {{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(
        self,
        sites: gpd.GeoDataFrame,
        *,
        name: str,
        cluster: bool = False,
        show: bool = True,
        compress: bool | None = None,
    ) -> None:
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "SiteLayer"
        self.cluster = cluster
        self.offline_assets = (
            ("markercluster", "markercluster_css", "markercluster_default_css") if cluster else ()
        )
        self.payload_js = js_json(encode_sites(sites, compress=compress))


class QueryMarker(LiteralMacroElement):
    """The searched place: a crosshair symbol whose popup shows the query label (as text).

    It is drawn beneath the results (``zIndexOffset`` -1000); results at the same point are put
    on a ring around it (:mod:`locator.maps.spread`).
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () {
  var q = {{ this.data_js }};
  var wrap = document.createElement("div");
  wrap.className = "locator-symbol";
  wrap.innerHTML = q.svg;
  var box = document.createElement("div");
  var h = document.createElement("strong"); h.textContent = q.title; box.appendChild(h);
  var p = document.createElement("p"); p.textContent = q.label; box.appendChild(p);
  if (q.note) { var n = document.createElement("p"); n.className = "locator-precision";
    n.textContent = q.note; box.appendChild(n); }
  L.marker([q.lat, q.lon], {icon: L.divIcon({html: wrap, className: "locator-icon",
    iconSize: [26, 26], iconAnchor: [13, 13]}), title: q.title + ": " + q.label, keyboard: true,
    zIndexOffset: -1000}).bindPopup(box).addTo({{ this._parent.get_name() }});
})();
{% endmacro %}"""
    )

    def __init__(self, *, lat: float, lon: float, label: str, lang: str, note: str = "") -> None:
        super().__init__()
        self._name = "QueryMarker"
        self.data_js = js_json(
            {
                "lat": lat,
                "lon": lon,
                "label": label,
                "note": note,
                "title": text("query", lang),
                "svg": QUERY_SVG,
            }
        )


class RegionLayer(Layer, LiteralMacroElement):
    """An approximate region polygon, dashed, with a text tooltip."""

    _template = Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJSON({{ this.data_js }}, {style: {color: "#6a3d9a",
  weight: 2, dashArray: "6 4", fillColor: "#6a3d9a", fillOpacity: 0.08}});
(function () { var t = document.createElement("span"); t.textContent = {{ this.label_js }};
  {{ this.get_name() }}.bindTooltip(t, {sticky: true}); })();
{% if this.show %}{{ this.get_name() }}.addTo({{ this._parent.get_name() }});{% endif %}
{% endmacro %}"""
    )

    def __init__(self, geometry: BaseGeometry, *, name: str, label: str) -> None:
        super().__init__(name=name, overlay=True, control=True)
        self._name = "RegionLayer"
        self.data_js = js_json(mapping(geometry))
        self.label_js = js_json(label)


class TextTooltip(LiteralMacroElement):
    """A tooltip whose text is set with ``textContent`` (never HTML, never JS source).

    folium's ``Tooltip`` writes its text into a JavaScript template literal, where a backtick
    or a backslash in data would end the literal or break the script: data tooltips use this.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () { var t = document.createElement("span"); t.textContent = {{ this.text_js }};
  {{ this._parent.get_name() }}.bindTooltip(t, {sticky: true}); })();
{% endmacro %}"""
    )

    def __init__(self, label: str) -> None:
        super().__init__()
        self._name = "TextTooltip"
        self.text_js = js_json(label)


class _Control(LiteralMacroElement):
    """A Leaflet control holding trusted, pre-escaped HTML."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () { var c = L.control({position: {{ this.position|tojson }}});
  c.onAdd = function () { var d = L.DomUtil.create("div", "");
    d.innerHTML = {{ this.html_js }}; L.DomEvent.disableClickPropagation(d);
    L.DomEvent.disableScrollPropagation(d); return d; };
  c.addTo({{ this._parent.get_name() }}); })();
{% endmacro %}"""
    )

    def __init__(self, markup: str, *, position: str) -> None:
        super().__init__()
        self.position = position
        self.html_js = js_json(markup)  # markup is built from escape()d parts only


class Legend(_Control):
    """The legend control (see :func:`locator.maps.markers.legend_html`).

    On a small map (under 500 px wide or 420 px high: a phone, an embed) it starts folded into
    its title button, so it does not cover the map; the button unfolds it.
    """

    _template = Template(
        """{% macro script(this, kwargs) %}
(function () { var map = {{ this._parent.get_name() }};
  var c = L.control({position: "bottomright"});
  c.onAdd = function () { var d = L.DomUtil.create("div", "locator-legend-box");
    d.innerHTML = {{ this.html_js }}; L.DomEvent.disableClickPropagation(d);
    L.DomEvent.disableScrollPropagation(d);
    var b = d.querySelector(".locator-legend-toggle");
    var fold = function (folded) { d.classList.toggle("locator-folded", folded);
      b.setAttribute("aria-expanded", String(!folded)); };
    var size = map.getSize();
    fold(size.x < 500 || size.y < 420);
    b.addEventListener("click", function () {
      fold(!d.classList.contains("locator-folded")); });
    return d; };
  c.addTo(map); })();
{% endmacro %}"""
    )

    def __init__(self, markup: str) -> None:
        super().__init__(markup, position="bottomright")
        self._name = "Legend"


class Banner(_Control):
    """A banner at the top of the map (e.g. ILUSTRATIVO / ILLUSTRATIVE)."""

    def __init__(self, markup: str) -> None:
        super().__init__(markup, position="topright")
        self._name = "Banner"


class LanguageSwitch(_Control):
    """A link to the same page in the other language (it navigates the frame itself)."""

    def __init__(self, url: str, *, lang: str) -> None:
        other = "en" if lang == "es" else "es"
        e = escape
        markup = (
            f'<a class="locator-lang" href="{e(url)}" lang="{other}" hreflang="{other}" '
            f'data-locator-frame="">{e(text("other_lang", lang))}</a>'
        )
        super().__init__(markup, position="topright")  # beside the layer control (CSS)
        self._name = "LanguageSwitch"
