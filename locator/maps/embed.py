"""Embeddable pages: a consular office's map as a responsive full page, and an iframe snippet.

Examples
--------
>>> snippet = embed_snippet("/embed/consulate-chicago?lang=en", title="Consulate <Chicago>",
...                         lang="en")
>>> 'title="Consulate &lt;Chicago&gt;"' in snippet and 'loading="lazy"' in snippet
True
"""

from __future__ import annotations

import html
from typing import Any

import geopandas as gpd
from branca.element import Element

from geodata.errors import InvalidInputError
from locator.maps.builders import office_map
from locator.maps.i18n import check_lang
from locator.maps.offline import render_html

__all__ = ["EMBED_CSS", "EMBED_MIN_HEIGHT", "embed_page", "embed_snippet"]

EMBED_MIN_HEIGHT = 320
"""Least height (CSS px) of the embedded map, however small the frame."""

EMBED_CSS = (
    f"body.locator-page > .folium-map {{ min-height: {EMBED_MIN_HEIGHT}px; }}"
    "@media (max-width: 700px) { .locator-list { font-size: 13px; } }"
)
"""Extra styles of the embed page (the map keeps a usable height in a small frame)."""


def embed_page(office: Any, *, region: Any = None, sites: gpd.GeoDataFrame | None = None,
               lang: str = "es", kind: str | None = None, **basemap_options: Any) -> str:
    """A responsive full HTML page for an office: map + visible site list + ``<noscript>`` list.

    The map uses gesture handling (two fingers to pan on touch, ctrl+scroll to zoom) so the page
    it is embedded in keeps scrolling normally. ``kind`` keeps only sites of that kind.
    """
    m = office_map(office, region=region, sites=sites, lang=lang, kind=kind,
                   gesture_handling=True, **basemap_options)
    m.locator_listing.attach(m, noscript=True)
    m.get_root().header.add_child(Element(f"<style>{EMBED_CSS}</style>"), name="locator_embed")
    return render_html(m)


def embed_snippet(url: str, *, title: str, lang: str = "es", ratio: float = 0.75,
                  min_height: int = 480) -> str:
    """An ``<iframe>`` snippet (escaped, titled, lazy-loaded) in a responsive wrapper.

    The frame is as wide as its container, ``ratio`` (height / width) as tall, and never less
    than ``min_height`` px, so on a narrow phone it holds the map (at least
    :data:`EMBED_MIN_HEIGHT` px) and the start of the site list.
    """
    check_lang(lang)
    if not url or any(c in url for c in "\r\n") or url.strip().lower().startswith(
            ("javascript:", "data:", "vbscript:")):
        raise InvalidInputError(f"Invalid embed URL: {url!r}",
                                f"URL de inserción no válida: {url!r}")
    if not 0.1 <= ratio <= 3:
        raise InvalidInputError("ratio must be between 0.1 and 3", "ratio debe estar entre 0.1 y 3")
    if not 200 <= min_height <= 2000:
        raise InvalidInputError("min_height must be between 200 and 2000 px",
                                "min_height debe estar entre 200 y 2000 px")
    e = html.escape
    return (
        '<div class="locator-embed" style="width:100%;max-width:100%">'
        f'<iframe src="{e(url)}" title="{e(title)}" lang="{lang}" loading="lazy" '
        'referrerpolicy="no-referrer" style="display:block;width:100%;'
        f"aspect-ratio:{1 / ratio:.4g};min-height:{min_height}px;border:0\" "
        "allow=\"geolocation 'none'\"></iframe></div>"
    )
