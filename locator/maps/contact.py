"""How to reach a site, for the lists beside the maps and the popups: phone (a ``tel:`` link
only for a real number, else the national lines), evidence labels, official page, directions.

Every HTML fragment here is assembled from parts escaped by :func:`locator.maps.offline.escape`
(no Jinja delimiter survives); every link leaves the
page in a new tab (``target="_blank" rel="noopener noreferrer"``).

Examples
--------
>>> tel_uri("(312) 555-0100 ext. 4")
'tel:+13125550100'
>>> tel_uri("javascript:alert(5)"), tel_uri('312-555-0000" onclick=x')
('', '')
>>> 'href="tel:+15206237874"' in national_lines_html("es")
True
"""

from __future__ import annotations

import math
from typing import Any

import geopandas as gpd

from geodata.phones import tel_uri as phone_tel_uri
from locator.maps.i18n import text
from locator.maps.offline import escape
from locator.present import national_lines, site_properties

__all__ = [
    "NOTE_COLUMNS",
    "contact_html",
    "links_html",
    "national_lines_html",
    "presented_columns",
    "tel_uri",
]

NOTE_COLUMNS = ("tel", "address_note", "phone_note", "hours_note", "fallback")
"""Columns :func:`presented_columns` adds for the browser's popups."""

_SHOWN_COLUMNS = ("street_address", "phone", "hours", "url")
"""Columns :func:`presented_columns` replaces with their presented value."""

_NEW_TAB = 'target="_blank" rel="noopener noreferrer"'


def tel_uri(phone: Any) -> str:
    """:func:`geodata.phones.tel_uri` as text: the link target, or ``""`` when the phone is
    not a valid number (nothing that is not plainly a phone becomes a link)."""
    raw = "" if phone is None or (isinstance(phone, float) and math.isnan(phone)) else phone
    return phone_tel_uri(raw) or ""


def _meta(label: str, value_html: str, note: str = "") -> str:
    note_html = f' <span class="locator-evidence">({escape(note)})</span>' if note else ""
    return (
        f'<span class="locator-meta"><span class="locator-label">{escape(label)}:'
        f"</span> {value_html}{note_html}</span>"
    )


def national_lines_html(lang: str) -> str:
    """The national lines (CIAM, MEXITEL) as ``tel:`` links with their hours."""
    parts = []
    for line in national_lines(lang):
        hours = f" ({escape(line['hours'])})" if line.get("hours") else ""
        tel = tel_uri(line["tel"])
        number = escape(line["phone"])
        shown = f'<a href="{tel}">{number}</a>' if tel else number
        parts.append(f"{escape(line['name'])}: {shown}{hours}")
    return "; ".join(parts)


def contact_html(row: dict[str, Any], *, lang: str) -> str:
    """Phone (linked when real) with its evidence, or the national lines; hours with theirs.

    The phone, its ``tel:`` link and the hours are :func:`locator.present.site_properties`'
    (a value whose sources disagree is not shown, only its label: "sources disagree...").
    """
    props = site_properties(row, lang)
    out = []
    if props["phone"]:
        uri = props["tel"]
        shown = (
            f'<a href="{escape(uri)}">{escape(props["phone"])}</a>'
            if uri
            else escape(props["phone"])
        )
        out.append(_meta(text("phone", lang), shown, props["evidence"]["phone"]))
    else:
        out.append(_label_only(props["evidence"]["phone"]))
    if props["contact_fallback"]:
        out.append(_meta(text("national_lines", lang), national_lines_html(lang)))
    if props["hours"]:
        out.append(_meta(text("hours", lang), escape(props["hours"]), props["evidence"]["hours"]))
    else:
        out.append(_label_only(props["evidence"]["hours"]))
    return "".join(out)


def _label_only(note: str) -> str:
    """An evidence label with no value beside it (sources disagree: no value is shown), as
    the popups and the page show it; ``""`` when there is no label."""
    return f'<span class="locator-meta locator-evidence">{escape(note)}</span>' if note else ""


def _web_lon(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0


def links_html(row: dict[str, Any], *, lang: str) -> str:
    """Official page (http(s) only) and directions (maps app, web map), in new tabs."""
    e = escape
    links = []
    url = site_properties(row, lang)["url"]
    if url:
        links.append(f'<a href="{e(url)}" {_NEW_TAB}>{e(text("website", lang))}</a>')
    lat, lon = row.get("lat"), row.get("lon")
    if isinstance(lat, float | int) and isinstance(lon, float | int):
        lat, lon = round(float(lat), 5), round(_web_lon(float(lon)), 5)
        osm = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"
        links.append(
            f'<a href="geo:{lat},{lon}" {_NEW_TAB}>{e(text("directions", lang))}: '
            f"{e(text('open_app', lang))}</a>"
        )
        links.append(f'<a href="{e(osm)}" {_NEW_TAB}>{e(text("web_map", lang))}</a>')
    return f'<span class="locator-links">{" · ".join(links)}</span>' if links else ""


def presented_columns(frame: gpd.GeoDataFrame, *, lang: str) -> gpd.GeoDataFrame:
    """``frame`` with ``lat``/``lon`` and :data:`NOTE_COLUMNS` (``tel`` link target, the
    evidence labels, ``fallback`` "1" when the national lines stand in for a phone).

    The shown facts (``street_address``, ``phone``, ``hours``, ``url``) and the notes are
    those of :func:`locator.present.site_properties`, the page's and the API's: a value whose
    sources disagree is emptied (it is not shown as a fact) and so is its ``tel`` link.
    """
    frame = frame.copy()
    rows = frame.drop(columns="geometry").to_dict("records")
    props = [site_properties(r, lang) for r in rows]
    for column in _SHOWN_COLUMNS:
        if column in frame:
            frame[column] = [p[column] or "" for p in props]
    frame["lat"] = frame.geometry.y if len(frame) else []
    frame["lon"] = frame.geometry.x if len(frame) else []
    frame["tel"] = [p["tel"] or "" for p in props]
    for fact in ("address", "phone", "hours"):
        frame[f"{fact}_note"] = [p["evidence"][fact] for p in props]
    frame["fallback"] = ["1" if p["contact_fallback"] else "" for p in props]
    return frame
