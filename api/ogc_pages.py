"""The HTML pages of the OGC API (:mod:`api.ogc_html`) built from the same documents as the
JSON responses, so both say the same thing. Texts are in the page's language only.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from api.ogc_html import Page, label
from locator.feature_collections import Collection

__all__ = [
    "collection_page",
    "collections_page",
    "item_page",
    "items_page",
    "landing_page",
    "queryables_page",
]


def _i(lang: str) -> int:
    return 1 if lang == "en" else 0


def _href(links: list[dict[str, str]], rel: str, type_: str | None = None) -> str | None:
    for link in links:
        if link["rel"] == rel and (type_ is None or link.get("type") == type_):
            return link["href"]
    return None


def _crumbs(base: str, lang: str, *more: tuple[str, str]) -> list[tuple[str, str]]:
    return [(label(lang, "home"), f"{base}?f=html"), *more]


def _text(value: Any, lang: str) -> str:
    if value is None or value == "" or value == []:
        return label(lang, "none")
    if isinstance(value, bool):
        return label(lang, "yes" if value else "no")
    if isinstance(value, list):
        return ", ".join(
            str(v.get("label") or v.get("id")) if isinstance(v, dict) else str(v) for v in value
        )
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_text(v, lang)}" for k, v in value.items())
    return str(value)


def landing_page(doc: Mapping[str, Any], base: str, lang: str) -> Page:
    """Landing page: what the service is, links to collections, conformance, API definition."""
    links = doc["links"]
    return Page(
        lang,
        label(lang, "landing"),
        paragraphs=[label(lang, "landing_text")],
        crumbs=_crumbs(base, lang),
        links=[
            (label(lang, "collections"), f"{base}/collections?f=html"),
            (label(lang, "conformance"), f"{base}/conformance"),
            (label(lang, "api"), _href(links, "service-desc") or f"{base}/api"),
            (label(lang, "json"), f"{base}?f=json"),
        ],
    )


def collections_page(cols: list[Collection], base: str, lang: str) -> Page:
    """The list of collections: title, description, number of items."""
    head = [label(lang, "collection"), label(lang, "description"), label(lang, "count")]
    rows = [
        [
            (c.title[_i(lang)], f"{base}/collections/{c.id}?f=html"),
            (c.description[_i(lang)], None),
            (str(c.count), None),
        ]
        for c in cols
    ]
    return Page(
        lang,
        label(lang, "collections"),
        table=[head, *rows],
        table_caption=label(lang, "collections"),
        crumbs=_crumbs(base, lang, (label(lang, "collections"), f"{base}/collections?f=html")),
        links=[(label(lang, "json"), f"{base}/collections?f=json")],
    )


def collection_page(col: Collection, base: str, lang: str) -> Page:
    """One collection: description, size, extent; links to its items and queryables."""
    href = f"{base}/collections/{col.id}"
    facts = [(label(lang, "id"), col.id), (label(lang, "count"), str(col.count))]
    if col.bbox is not None:
        facts.append((label(lang, "extent"), ", ".join(str(v) for v in col.bbox)))
    return Page(
        lang,
        col.title[_i(lang)],
        paragraphs=[col.description[_i(lang)]],
        facts=facts,
        crumbs=_crumbs(
            base,
            lang,
            (label(lang, "collections"), f"{base}/collections?f=html"),
            (col.title[_i(lang)], f"{href}?f=html"),
        ),
        links=[
            (label(lang, "items"), f"{href}/items?f=html"),
            (label(lang, "queryables"), f"{href}/queryables?f=html"),
            (label(lang, "json"), f"{href}?f=json"),
        ],
    )


def _row(feature: dict[str, Any], href: str, lang: str) -> list[tuple[str, str | None]]:
    p = feature.get("properties") or {}
    fid = str(feature.get("id"))
    return [
        (fid, f"{href}/items/{quote(fid, safe='')}?f=html"),
        (_text(p.get("name"), lang), None),
        (_text(p.get("city"), lang), None),
        (_text(p.get("state"), lang), None),
        (_text(p.get("location_note") or p.get("location_precision"), lang), None),
    ]


def items_page(doc: Mapping[str, Any], col: Collection, base: str, lang: str) -> Page:
    """A page of items: a table (id, name, city, state, precision) and paging links."""
    href = f"{base}/collections/{col.id}"
    head = [label(lang, k) for k in ("id", "name", "city", "state", "precision")]
    rows = [_row(f, href, lang) for f in doc["features"]]
    links = [
        (label(lang, rel), h)
        for rel in ("prev", "next")
        if (h := _href(doc["links"], rel, "text/html"))
    ]
    links.append(
        (
            label(lang, "geojson"),
            _href(doc["links"], "alternate", "application/geo+json") or f"{href}/items",
        )
    )
    title = f"{col.title[_i(lang)]}: {label(lang, 'items').lower()}"
    return Page(
        lang,
        title,
        table=[head, *rows],
        table_caption=title,
        facts=[
            (label(lang, "matched"), str(doc["numberMatched"])),
            (label(lang, "shown"), str(doc["numberReturned"])),
        ],
        crumbs=_crumbs(
            base,
            lang,
            (col.title[_i(lang)], f"{href}?f=html"),
            (label(lang, "items"), f"{href}/items?f=html"),
        ),
        links=links,
    )


def item_page(feature: Mapping[str, Any], col: Collection, base: str, lang: str) -> Page:
    """One feature: its properties as a definition list, its coordinates."""
    href = f"{base}/collections/{col.id}"
    props = feature.get("properties") or {}
    facts = [(k, _text(v, lang)) for k, v in props.items() if k != "stops"]
    geom = feature.get("geometry") or {}
    if geom.get("type") == "Point":
        facts.append((label(lang, "coordinates"), ", ".join(map(str, geom["coordinates"]))))
    name = _text(props.get("name"), lang)
    return Page(
        lang,
        name,
        facts=facts,
        crumbs=_crumbs(
            base,
            lang,
            (col.title[_i(lang)], f"{href}?f=html"),
            (label(lang, "items"), f"{href}/items?f=html"),
        ),
        links=[
            (
                label(lang, "geojson"),
                f"{href}/items/{quote(str(feature.get('id')), safe='')}?f=json",
            )
        ],
    )


def queryables_page(doc: Mapping[str, Any], col: Collection, base: str, lang: str) -> Page:
    """The queryables as a table (name, title, type)."""
    href = f"{base}/collections/{col.id}"
    rows = [
        [(name, None), (spec.get("title", ""), None), (spec.get("type", ""), None)]
        for name, spec in doc["properties"].items()
    ]
    title = f"{col.title[_i(lang)]}: {label(lang, 'queryables').lower()}"
    head = [label(lang, "id"), label(lang, "title"), label(lang, "kind")]
    return Page(
        lang,
        title,
        table=[head, *rows],
        table_caption=title,
        crumbs=_crumbs(base, lang, (col.title[_i(lang)], f"{href}?f=html")),
        links=[(label(lang, "json"), f"{href}/queryables?f=json")],
    )
