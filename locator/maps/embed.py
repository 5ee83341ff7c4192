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

from geodata.errors import InvalidInputError
from locator.maps.builders import office_map
from locator.maps.i18n import check_lang
from locator.maps.offline import render_html

__all__ = ["embed_page", "embed_snippet"]


def embed_page(office: Any, *, region: Any = None, sites: gpd.GeoDataFrame | None = None,
               lang: str = "es", kind: str | None = None, **basemap_options: Any) -> str:
    """A responsive full HTML page for an office: map + visible site list + ``<noscript>`` list.

    The map uses gesture handling (two fingers to pan on touch, ctrl+scroll to zoom) so the page
    it is embedded in keeps scrolling normally. ``kind`` keeps only sites of that kind.
    """
    m = office_map(office, region=region, sites=sites, lang=lang, kind=kind,
                   gesture_handling=True, **basemap_options)
    m.locator_listing.attach(m, noscript=True)
    return render_html(m)


def embed_snippet(url: str, *, title: str, lang: str = "es", ratio: float = 0.75) -> str:
    """An ``<iframe>`` snippet (escaped, titled, lazy-loaded) in a responsive wrapper.

    ``ratio`` is height / width of the frame.
    """
    check_lang(lang)
    if not url or any(c in url for c in "\r\n") or url.strip().lower().startswith(
            ("javascript:", "data:", "vbscript:")):
        raise InvalidInputError(f"Invalid embed URL: {url!r}",
                                f"URL de inserción no válida: {url!r}")
    if not 0.1 <= ratio <= 3:
        raise InvalidInputError("ratio must be between 0.1 and 3", "ratio debe estar entre 0.1 y 3")
    e = html.escape
    return (
        '<div class="locator-embed" style="position:relative;width:100%;max-width:100%;'
        f'padding-top:{ratio * 100:g}%;overflow:hidden">'
        f'<iframe src="{e(url)}" title="{e(title)}" lang="{lang}" loading="lazy" '
        'referrerpolicy="no-referrer" style="position:absolute;inset:0;width:100%;height:100%;'
        "border:0\" allow=\"geolocation 'none'\"></iframe></div>"
    )
