"""Inline copies of the JavaScript and CSS a map needs, read from the ``xstatic-*`` packages.

Folium declares CDN links for Leaflet, jQuery, Bootstrap, awesome-markers and MarkerCluster.
A locator map replaces them, per map instance, by the files shipped in the xstatic packages,
inlined in the page header. Images referenced by ``leaflet.css`` become data URIs and source-map
comments are removed, so the page loads nothing from the network.

Examples
--------
>>> "leafletjs.com" in asset_text("leaflet")
True
>>> "images/" in asset_text("leaflet_css")
False
"""

from __future__ import annotations

import base64
import re
from functools import cache
from pathlib import Path

import xstatic.pkg.jquery as xs_jquery
import xstatic.pkg.leaflet as xs_leaflet
import xstatic.pkg.leaflet_gesturehandling as xs_gesture
import xstatic.pkg.leaflet_markercluster as xs_cluster

__all__ = [
    "ASSETS",
    "DROPPED_ASSETS",
    "FOLIUM_ASSET_NAMES",
    "asset_tag",
    "asset_text",
    "data_uri",
    "icon_default_script",
    "static_text",
]

_STATIC = Path(__file__).with_name("static")

ASSETS: dict[str, tuple[str, Path]] = {
    "leaflet": ("js", Path(xs_leaflet.BASE_DIR) / "leaflet.js"),
    "leaflet_css": ("css", Path(xs_leaflet.BASE_DIR) / "leaflet.css"),
    "jquery": ("js", Path(xs_jquery.BASE_DIR) / "jquery.min.js"),
    "markercluster": ("js", Path(xs_cluster.BASE_DIR) / "leaflet.markercluster.js"),
    "markercluster_css": ("css", Path(xs_cluster.BASE_DIR) / "MarkerCluster.css"),
    "markercluster_default_css": ("css", Path(xs_cluster.BASE_DIR) / "MarkerCluster.Default.css"),
    "gesturehandling": ("js", Path(xs_gesture.BASE_DIR) / "leaflet-gesture-handling.min.js"),
    "gesturehandling_css": ("css", Path(xs_gesture.BASE_DIR) / "leaflet-gesture-handling.min.css"),
}
"""Offline assets by name: (``"js"`` or ``"css"``, file path)."""

FOLIUM_ASSET_NAMES: dict[str, str] = {
    "leaflet": "leaflet",
    "leaflet_css": "leaflet_css",
    "jquery": "jquery",
    "markerclusterjs": "markercluster",
    "markerclustercss": "markercluster_css",
    "markerclusterdefaultcss": "markercluster_default_css",
}
"""Folium's names for its CDN assets -> the offline asset that replaces them."""

DROPPED_ASSETS = frozenset(
    {
        "bootstrap",
        "bootstrap_css",
        "awesome_markers",
        "awesome_markers_css",
        "awesome_markers_font_css",
        "awesome_rotate_css",
        "glyphicons_css",
    }
)
"""Folium assets a locator map does not need (icon fonts and Bootstrap styling)."""

_SOURCE_MAP = re.compile(r"^\s*//[#@] sourceMappingURL=.*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[^)'\"]+)\1\)")


def data_uri(payload: bytes, mime: str) -> str:
    """Return ``payload`` as a base64 ``data:`` URI.

    >>> data_uri(b"hi", "text/plain")
    'data:text/plain;base64,aGk='
    """
    return f"data:{mime};base64,{base64.b64encode(payload).decode('ascii')}"


def _leaflet_image(name: str) -> str:
    return data_uri((Path(xs_leaflet.BASE_DIR) / "images" / name).read_bytes(), "image/png")


@cache
def asset_text(name: str) -> str:
    """Return the text of offline asset ``name``, ready to inline (no external references)."""
    kind, path = ASSETS[name]
    text = path.read_text(encoding="utf-8")
    text = _SOURCE_MAP.sub("", text)
    if kind == "css":
        text = _CSS_URL.sub(lambda m: f"url({_leaflet_image(Path(m.group(2)).name)})", text)
    return text


@cache
def static_text(name: str) -> str:
    """Return a file of ``locator/maps/static`` (this package's own JS/CSS)."""
    return (_STATIC / name).read_text(encoding="utf-8")


def _safe_in_tag(text: str, tag: str) -> str:
    # A literal closing tag inside inlined code would end the element early.
    return re.sub(rf"</({tag})", r"<\\/\1", text, flags=re.IGNORECASE)


def asset_tag(name: str) -> str:
    """Return ``<script>`` or ``<style>`` inlining offline asset ``name``."""
    kind, _ = ASSETS[name]
    if kind == "js":
        return f"<script>{_safe_in_tag(asset_text(name), 'script')}</script>"
    return f"<style>{_safe_in_tag(asset_text(name), 'style')}</style>"


@cache
def icon_default_script() -> str:
    """Script pointing Leaflet's default marker icon at inlined data URIs."""
    return (
        "<script>L.Icon.Default.mergeOptions({"
        f"iconUrl:'{_leaflet_image('marker-icon.png')}',"
        f"iconRetinaUrl:'{_leaflet_image('marker-icon-2x.png')}',"
        f"shadowUrl:'{_leaflet_image('marker-shadow.png')}'"
        "});</script>"
    )
