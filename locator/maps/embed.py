"""Embeddable pages: a consular office's map as a responsive full page, and an iframe snippet.

Trust settings of an embed (see ``docs/embedding.md``):

* the snippet's ``<iframe>`` is sandboxed (:data:`SANDBOX`: scripts and new-tab links only, no
  same-origin, forms or top navigation), titled in its language, lazy-loaded, sends no referrer;
* every link inside the embed (official page, directions, map credits) opens a new tab with
  ``rel="noopener"``; only the language switch navigates the frame itself;
* the page carries its own ``<meta http-equiv="Content-Security-Policy">`` (:func:`embed_csp`),
  so a saved file stays as strict on any web server as the API's response header.

Examples
--------
>>> snippet = embed_snippet("/embed/consulate-chicago?lang=en", title="Consulate <Chicago>",
...                         lang="en")
>>> 'title="Map: Consulate &lt;Chicago&gt;"' in snippet and 'loading="lazy"' in snippet
True
>>> embed_csp(tiles_url="https://tile.example.org/{z}/{x}/{y}.png").split("; ")[3]
'img-src data: https://tile.example.org'
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlsplit

import geopandas as gpd

from geodata.errors import InvalidInputError
from locator.i18n.errors import MAPS as ERRORS
from locator.maps.builders import office_map
from locator.maps.i18n import check_lang, text
from locator.maps.layers import LanguageSwitch
from locator.maps.offline import HtmlBlock, LocatorFigure, ScriptElement, escape, render_html

__all__ = [
    "EMBED_CSS",
    "EMBED_MIN_HEIGHT",
    "SANDBOX",
    "embed_csp",
    "embed_page",
    "embed_snippet",
    "not_found_page",
]

EMBED_MIN_HEIGHT = 320
"""Least height (CSS px) of the embedded map, however small the frame."""

SANDBOX = "allow-scripts allow-popups allow-popups-to-escape-sandbox"
"""``sandbox`` of the snippet's iframe: the map runs, its links open (unsandboxed) new tabs."""

EMBED_CSS = (
    f"body.locator-page > .folium-map {{ min-height: {EMBED_MIN_HEIGHT}px; }}"
    "@media (max-width: 700px) { .locator-list { font-size: 13px; } }"
)
"""Extra styles of the embed page (the map keeps a usable height in a small frame)."""

_NEW_TABS = "LocatorMaps.linksInNewTab(document.body);"


def _origin(url: str | None) -> str:
    """``scheme://host[:port]`` of an absolute URL, ``'self'`` for a relative one, "" for none."""
    if not url:
        return ""
    parts = urlsplit(url.replace("{", "").replace("}", ""))
    if not parts.scheme:
        return "'self'"
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InvalidInputError(ERRORS["tile_url_http"].fill(url=url))
    return f"{parts.scheme}://{parts.netloc}"


def embed_csp(
    *, tiles_url: str | None = None, tiles_base_url: str | None = None, assets: bool = False
) -> str:
    """The Content-Security-Policy of an embed page (for its ``<meta>``; no frame-ancestors,
    which only an HTTP header can carry).

    Inline code and ``data:`` images only; plus the tile server of ``tiles_url`` /
    ``tiles_base_url`` when the page loads tiles, and ``'self'`` scripts and styles when it
    uses a shared asset file (``assets``).
    """
    own = "'self'" if assets else ""  # the folder's shared tiles
    img = " ".join(
        dict.fromkeys(p for p in ("data:", own, _origin(tiles_url), _origin(tiles_base_url)) if p)
    )
    shared = " 'self'" if assets else ""
    return (
        f"default-src 'none'; script-src 'unsafe-inline'{shared}; "
        f"style-src 'unsafe-inline'{shared}; img-src {img}; font-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


def embed_page(
    office: Any,
    *,
    region: Any = None,
    sites: gpd.GeoDataFrame | None = None,
    lang: str = "es",
    kind: str | None = None,
    other_lang_url: str | None = None,
    shared_assets: bool = False,
    **basemap_options: Any,
) -> str:
    """A responsive full HTML page for an office: map + visible site list + ``<noscript>`` list.

    The map uses gesture handling (two fingers to pan on touch, ctrl+scroll to zoom) so the page
    it is embedded in keeps scrolling normally. ``kind`` keeps only sites of that kind.
    ``other_lang_url`` (relative, e.g. ``?lang=en``) adds a language switch to the other
    language's page. The page carries its own CSP ``<meta>`` (:func:`embed_csp`).
    ``shared_assets`` loads Leaflet, styles and icons from the shared asset file next to the
    page (:mod:`locator.maps.static_site`) instead of inlining them.
    """
    m = office_map(
        office,
        region=region,
        sites=sites,
        lang=lang,
        kind=kind,
        gesture_handling=True,
        **basemap_options,
    )
    if other_lang_url:
        LanguageSwitch(other_lang_url, lang=lang).add_to(m)
    m.locator_listing.attach(m, noscript=True)
    root = m.get_root()
    if not isinstance(root, LocatorFigure):
        raise TypeError("an office map renders into its own LocatorFigure")
    root.header.add_child(HtmlBlock(f"<style>{EMBED_CSS}</style>"), name="locator_embed")
    root.shared_assets = shared_assets
    root.csp = embed_csp(
        tiles_url=basemap_options.get("tiles_url"),
        tiles_base_url=basemap_options.get("tiles_base_url"),
        assets=shared_assets,
    )
    ScriptElement(_NEW_TABS).add_to(m)
    return render_html(m)


def _check_url(url: str) -> None:
    if (
        not url
        or any(c in url for c in "\r\n")
        or url.strip().lower().startswith(("javascript:", "data:", "vbscript:"))
    ):
        raise InvalidInputError(ERRORS["embed_url"].fill(url=url))


def embed_snippet(
    url: str, *, title: str, lang: str = "es", ratio: float = 0.75, min_height: int = 480
) -> str:
    """An ``<iframe>`` snippet (escaped, sandboxed, titled, lazy-loaded) in a responsive wrapper.

    ``title`` (the office's name) is prefixed with "Mapa" / "Map" in ``lang``. The frame is as
    wide as its container, ``ratio`` (height / width) as tall, and never less than
    ``min_height`` px, so on a narrow phone it holds the map (at least
    :data:`EMBED_MIN_HEIGHT` px) and the start of the site list.
    """
    check_lang(lang)
    _check_url(url)
    if not 0.1 <= ratio <= 3:
        raise InvalidInputError(ERRORS["ratio_range"])
    if not 200 <= min_height <= 2000:
        raise InvalidInputError(ERRORS["min_height_range"])
    e = escape
    label = f"{text('map_label', lang)}: {title}"
    return (
        f'<div class="locator-embed" lang="{lang}" style="width:100%;max-width:100%">'
        f'<iframe src="{e(url)}" title="{e(label)}" lang="{lang}" loading="lazy" '
        f'sandbox="{SANDBOX}" referrerpolicy="no-referrer" style="display:block;width:100%;'
        f'aspect-ratio:{1 / ratio:.4g};min-height:{min_height}px;border:0" '
        "allow=\"geolocation 'none'\"></iframe></div>"
    )


def not_found_page(office_id: str, offices: list[tuple[str, str]], *, lang: str = "es") -> str:
    """A small page in ``lang`` for a mistyped office id: the valid ids, each a link to its
    embed (``ID?lang=LANG``, relative to ``/embed/``). Everything is escaped."""
    check_lang(lang)
    e = escape
    items = "".join(
        f'<li><a href="{e(oid)}?lang={lang}"><code>{e(oid)}</code></a> {e(name)}</li>'
        for oid, name in offices
    )
    # the catalog's words are escaped too (its own {fields} kept); the escaped id goes in after
    heading = html.escape(text("not_found_heading", lang)).format(id=f"<code>{e(office_id)}</code>")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{e(embed_csp())}">'
        f"<title>{e(text('not_found_title', lang))}</title>"
        "<style>body{font:14px/1.4 system-ui,sans-serif;margin:1rem}h1{font-size:1.1rem}"
        "ul{padding-left:1.2rem}li{margin:.3rem 0}a{display:inline-block;min-height:24px}</style>"
        f"</head><body><h1>{heading}</h1>"
        f"<p>{e(text('valid_ids', lang))}:</p>"
        f"<ul>{items}</ul></body></html>\n"
    )
