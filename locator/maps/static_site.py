"""A folder of embeds for static hosting (``locator embed --all DIR``).

The folder holds, for every consulate, its embed in Spanish and English
(``OFFICE.es.html``, ``OFFICE.en.html``, each switching to the other), one shared asset file
(:data:`~locator.maps.offline.SHARED_ASSET_FILE`: Leaflet, MarkerCluster, GestureHandling,
the locator runtime, styles and icons) that every page loads, so a site showing several embeds
downloads it once, the basemap tiles as shared files (``tiles/z/x/y.png``), a snippet per
office and language (``snippets/OFFICE.LANG.html``) and ``index.html`` listing them all.
Every HTML file carries its own Content-Security-Policy ``<meta>``. Nothing is loaded from
outside the folder: it works from any web server.

Examples
--------
>>> script = shared_asset_script()
>>> "L.Icon.Default.mergeOptions" in script and "LocatorMaps" in script
True
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import geopandas as gpd

from locator.i18n import text as catalog_text
from locator.maps.assets import asset_text, icon_default_script, static_text
from locator.maps.embed import embed_csp, embed_page, embed_snippet
from locator.maps.i18n import text
from locator.maps.offline import SHARED_ASSET_FILE, SHARED_ASSETS

__all__ = ["SiteFiles", "shared_asset_script", "write_embed_site"]

LANGS = ("es", "en")

SiteFiles = dict[str, list[Path]]


def shared_asset_script() -> str:
    """The shared asset file: styles (injected as one ``<style>``), libraries, icons, runtime."""
    css = "\n".join(
        [
            *(asset_text(n) for n in SHARED_ASSETS if n.endswith("_css")),
            static_text("locator-maps.css"),
        ]
    )
    icon = icon_default_script().removeprefix("<script>").removesuffix("</script>")
    parts = [
        "(function () { var s = document.createElement('style');"
        f" s.textContent = {json.dumps(css)}; document.head.appendChild(s); }})();",
        *(asset_text(n) for n in SHARED_ASSETS if not n.endswith("_css")),
        icon,
        static_text("locator-maps.js"),
    ]
    return "\n;\n".join(parts) + "\n"


def _both(key: str, **markup: str) -> str:
    """The entry ``maps.<key>`` escaped, Spanish first and the English marked ``lang="en"``;
    ``markup`` (already escaped HTML) fills its ``{fields}``."""
    es, en = (html.escape(text(key, lang)).format(**markup) for lang in LANGS)
    return f'{es} <span lang="en">{en}</span>'


def _index(rows: list[dict[str, str]], *, base_url: str) -> str:
    e = html.escape
    # each language's name in its own language (the language switch's words)
    spanish, english = (e(catalog_text("common.other_lang", other)) for other in ("en", "es"))
    snippet_es, snippet_en = (e(text("snippet", lang)) for lang in LANGS)
    items = "".join(
        f"<li><h2>{e(r['name'])}</h2><p><code>{e(r['id'])}</code>: "
        f'<a href="{e(r["id"])}.es.html" lang="es">{spanish}</a> · '
        f'<a href="{e(r["id"])}.en.html" lang="en">{english}</a></p>'
        f'<details><summary>{snippet_es} / <span lang="en">{snippet_en}</span></summary>'
        f"<pre><code>{e(r['snippet'])}</code></pre></details></li>"
        for r in rows
    )
    where = (
        _both("snippets_base", url=f"<code>{e(base_url)}</code>")
        if base_url
        else _both("snippets_relative", option="<code>--base-url</code>")
    )
    title_es, title_en = (e(text("embeds_title", lang)) for lang in LANGS)
    return (
        '<!DOCTYPE html>\n<html lang="es"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta http-equiv="Content-Security-Policy" content="{e(embed_csp())}">'
        f"<title>{title_es} / {title_en}</title><style>"
        "body{font:15px/1.45 system-ui,sans-serif;margin:1rem auto;max-width:60rem;padding:0 1rem}"
        "li{margin:0 0 1rem}h2{font-size:1.05rem;margin:0}pre{white-space:pre-wrap;"
        "overflow-wrap:anywhere;background:#f4f4f4;padding:.5rem}a{display:inline-block;"
        "min-height:24px}</style></head><body>"
        f'<h1>{title_es} <span lang="en">/ {title_en}</span></h1>'
        f"<p>{where}</p><ul>{items}</ul></body></html>\n"
    )


def write_embed_site(
    folder: str | Path,
    offices: list[Any],
    *,
    region_of: Callable[[str], Any],
    sites: gpd.GeoDataFrame,
    base_url: str = "",
    progress: Callable[[str], None] | None = None,
    **basemap_options: Any,
) -> SiteFiles:
    """Write the embeds of ``offices`` (rows with ``id`` and ``name``) into ``folder``.

    ``region_of(office_id)`` gives an office's approximate region (or None). ``base_url`` is
    where the folder will be served (the snippets' ``src``; empty: relative). The bundled
    basemap's tiles are written once to ``folder/tiles``; other basemap options (``mbtiles``,
    ``pmtiles``, ``tiles_url`` + ``tiles_attribution``) work as in ``locator map``. Returns the
    files written, by kind (``pages``, ``snippets``, ``assets``, ``index``).
    """
    folder = Path(folder)
    (folder / "snippets").mkdir(parents=True, exist_ok=True)
    own_tiles = not any(basemap_options.get(k) for k in ("mbtiles", "pmtiles", "tiles_url"))
    if own_tiles and basemap_options.get("basemap", "offline") == "offline":
        basemap_options = {**basemap_options, "tile_folder": folder / "tiles"}
    written: SiteFiles = {"pages": [], "snippets": [], "assets": [], "index": []}
    asset = folder / SHARED_ASSET_FILE
    asset.write_text(shared_asset_script(), encoding="utf-8")
    written["assets"].append(asset)
    rows = []
    base = base_url.rstrip("/") + "/" if base_url else ""
    for office in offices:
        office_id, name = str(office["id"]), str(office["name"])
        region = region_of(office_id)
        for lang in LANGS:
            other = "en" if lang == "es" else "es"
            page = embed_page(
                office,
                region=region,
                sites=sites,
                lang=lang,
                other_lang_url=f"{office_id}.{other}.html",
                shared_assets=True,
                **basemap_options,
            )
            path = folder / f"{office_id}.{lang}.html"
            path.write_text(page, encoding="utf-8")
            written["pages"].append(path)
            snippet = embed_snippet(f"{base}{office_id}.{lang}.html", title=name, lang=lang)
            snip = folder / "snippets" / f"{office_id}.{lang}.html"
            snip.write_text(snippet + "\n", encoding="utf-8")
            written["snippets"].append(snip)
            if lang == "es":
                rows.append({"id": office_id, "name": name, "snippet": snippet})
        if progress:
            progress(office_id)
    index = folder / "index.html"
    index.write_text(_index(rows, base_url=base_url), encoding="utf-8")
    written["index"].append(index)
    return written
