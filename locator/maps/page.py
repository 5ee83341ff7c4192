"""The text list of sites shown beside every map (and a ``<noscript>`` copy for embeds).

Small layers are listed in HTML (readable without JavaScript); large ones get a list grouped by
state whose items the browser creates when a group is opened.

Examples
--------
>>> html_list = section_html("Sites", [("<ol>", ["<li>A</li>"], "</ol>")])
>>> html_list.startswith('<section class="locator-list"')
True
"""

from __future__ import annotations

import folium
import geopandas as gpd

from locator.maps.i18n import text
from locator.maps.offline import HtmlBlock, escape, figure_of
from locator.maps.popups import list_item_html

__all__ = ["LAZY_LIST_ABOVE", "SiteListBuilder", "section_html"]

LAZY_LIST_ABOVE = 200
"""Layers with more sites than this get a browser-built list grouped by state."""


def section_html(title: str, groups: list[tuple[str, list[str], str]], *, note: str = "") -> str:
    """``<section>`` with a heading and groups of (opening tag, items, closing tag)."""
    body = "".join(open_ + "".join(items) + close for open_, items, close in groups)
    note_html = f"<p>{escape(note)}</p>" if note else ""
    return (
        f'<section class="locator-list" aria-label="{escape(title)}">'
        f"<h2>{escape(title)}</h2>{note_html}{body}</section>"
    )


class SiteListBuilder:
    """Collects the sites of a map's layers and writes the list into the page."""

    def __init__(self, *, lang: str, title: str, numbered: bool = False) -> None:
        self.lang = lang
        self.title = title
        self.numbered = numbered
        self.groups: list[tuple[str, list[str], str]] = []
        self.plain: list[str] = []

    def add(self, sites: gpd.GeoDataFrame, *, layer: str, heading: str = "") -> None:
        """List ``sites`` (rows in the layer's order; ``layer`` is the SiteLayer's JS name)."""
        e = escape
        head = f"<h3>{e(heading)} ({len(sites)})</h3>" if heading else ""
        if len(sites) > LAZY_LIST_ABOVE:
            self.groups.append(
                (
                    f"{head}<p>{e(text('list_js', self.lang))}</p>"
                    f'<div data-lazy-layer="{e(layer)}">',
                    [],
                    "</div>",
                )
            )
            return
        rows = sites.drop(columns="geometry").to_dict("records")
        tag = "ol" if self.numbered else "ul"
        items = [
            list_item_html(r, lang=self.lang, layer=layer, index=i) for i, r in enumerate(rows)
        ]
        self.groups.append((f"{head}<{tag}>", items, f"</{tag}>"))
        self.plain += [list_item_html(r, lang=self.lang, button=False) for r in rows]

    def attach(self, m: folium.Map, *, noscript: bool = False) -> None:
        """Add the list to ``m``'s page (and a ``<noscript>`` copy when asked)."""
        if not self.groups:
            self.groups.append(("<p>", [escape(text("none_found", self.lang))], "</p>"))
        markup = section_html(self.title, self.groups)
        if noscript:
            tag = "ol" if self.numbered else "ul"
            markup += (
                "<noscript><style>.locator-list{display:none}</style>"
                f'<section class="locator-noscript"><p>{escape(text("noscript", self.lang))}'
                f"</p><{tag}>{''.join(self.plain)}</{tag}></section></noscript>"
            )
        figure_of(m).html.add_child(HtmlBlock(markup), name="locator_site_list")
