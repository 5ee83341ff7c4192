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

from geodata.importers.values import web_url
from geodata.phones import tel_uri as phone_tel_uri
from locator.maps.i18n import text
from locator.maps.offline import escape
from locator.present import contact_fallback, evidence_label, national_lines

__all__ = ["NOTE_COLUMNS", "contact_html", "links_html", "national_lines_html",
           "presented_columns", "tel_uri"]

NOTE_COLUMNS = ("tel", "address_note", "phone_note", "hours_note", "fallback")
"""Columns :func:`presented_columns` adds for the browser's popups."""

_NEW_TAB = 'target="_blank" rel="noopener noreferrer"'


def tel_uri(phone: Any) -> str:
    """:func:`geodata.phones.tel_uri` as text: the link target, or ``""`` when the phone is
    not a valid number (nothing that is not plainly a phone becomes a link)."""
    raw = "" if phone is None or (isinstance(phone, float) and math.isnan(phone)) else phone
    return phone_tel_uri(raw) or ""


def _clean(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _meta(label: str, value_html: str, note: str = "") -> str:
    note_html = f' <span class="locator-evidence">({escape(note)})</span>' if note else ""
    return (f'<span class="locator-meta"><span class="locator-label">{escape(label)}:'
            f"</span> {value_html}{note_html}</span>")


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
    """Phone (linked when real) with its evidence, or the national lines; hours with theirs."""
    out = []
    phone = _clean(row.get("phone"))
    if row.get("phone_evidence") == "conflict":
        phone = ""
    if phone:
        uri = tel_uri(phone)
        shown = f'<a href="{escape(uri)}">{escape(phone)}</a>' if uri \
            else escape(phone)
        out.append(_meta(text("phone", lang), shown, evidence_label(row, "phone", lang)))
    if contact_fallback(row):
        out.append(_meta(text("national_lines", lang), national_lines_html(lang)))
    hours = _clean(row.get("hours"))
    if hours and row.get("hours_evidence") != "conflict":
        out.append(_meta(text("hours", lang), escape(hours),
                         evidence_label(row, "hours", lang)))
    return "".join(out)


def _web_lon(lon: float) -> float:
    return (lon + 180.0) % 360.0 - 180.0


def links_html(row: dict[str, Any], *, lang: str) -> str:
    """Official page (http(s) only) and directions (maps app, web map), in new tabs."""
    e = escape
    links = []
    url = web_url(row.get("url"))
    if url:
        links.append(f'<a href="{e(url)}" {_NEW_TAB}>{e(text("website", lang))}</a>')
    lat, lon = row.get("lat"), row.get("lon")
    if isinstance(lat, float | int) and isinstance(lon, float | int):
        lat, lon = round(float(lat), 5), round(_web_lon(float(lon)), 5)
        osm = f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=16/{lat}/{lon}"
        links.append(f'<a href="geo:{lat},{lon}" {_NEW_TAB}>{e(text("directions", lang))}: '
                     f'{e(text("open_app", lang))}</a>')
        links.append(f'<a href="{e(osm)}" {_NEW_TAB}>{e(text("web_map", lang))}</a>')
    return f'<span class="locator-links">{" · ".join(links)}</span>' if links else ""


def presented_columns(frame: gpd.GeoDataFrame, *, lang: str) -> gpd.GeoDataFrame:
    """``frame`` with ``lat``/``lon`` and :data:`NOTE_COLUMNS` (``tel`` link target, the
    evidence labels, ``fallback`` "1" when the national lines stand in for a phone); a value
    whose sources disagree is emptied (it is not shown as a fact)."""
    frame = frame.copy()
    rows = frame.drop(columns="geometry").to_dict("records")
    for fact, column in (("address", "street_address"), ("phone", "phone"), ("hours", "hours")):
        if f"{fact}_evidence" in frame and column in frame:
            frame.loc[frame[f"{fact}_evidence"] == "conflict", column] = ""
    frame["lat"] = frame.geometry.y if len(frame) else []
    frame["lon"] = frame.geometry.x if len(frame) else []
    frame["tel"] = [tel_uri(r.get("phone")) for r in rows]
    for fact in ("address", "phone", "hours"):
        frame[f"{fact}_note"] = [evidence_label(r, fact, lang) for r in rows]
    frame["fallback"] = ["1" if contact_fallback(r) else "" for r in rows]
    return frame
