"""Text shown about a site, for popups (built in the browser) and for the HTML site lists.

Everything returned as HTML here is assembled from parts escaped by
:func:`locator.maps.offline.escape` (no Jinja delimiter survives).

Examples
--------
>>> schedule_text("FREQ=MONTHLY;BYDAY=1SA", "en")
'Monthly: 1st Saturday'
>>> schedule_text("FREQ=WEEKLY;BYDAY=TU,TH", "es")
'Semanal: martes, jueves'
>>> precision_note("city", "es")
'ubicación aproximada: ciudad'
"""

from __future__ import annotations

import math
import numbers
from typing import Any

from locator.i18n import has, ui_lang
from locator.i18n import text as catalog_text
from locator.maps.contact import contact_html, links_html
from locator.maps.i18n import kind_label, text
from locator.maps.offline import escape
from locator.present import evidence_label, precision_note, site_properties

__all__ = ["list_item_html", "precision_note", "schedule_text"]


def _day(token: str, lang: str) -> str:
    lang = ui_lang(lang)
    code = token[-2:].upper()
    if not has(f"dates.day.{code}"):
        return token
    name = catalog_text(f"dates.day.{code}", lang)
    prefix = token[:-2]
    if not prefix:
        return name
    try:
        n = int(prefix)
    except ValueError:
        return token
    key = f"dates.ord.{n}" if has(f"dates.ord.{n}") else "dates.ord.n"
    return f"{catalog_text(key, lang).format(n=n)} {name}"


def schedule_text(rrule: str, lang: str) -> str:
    """A short human reading of simple RFC 5545 rules (FREQ + BYDAY); else the rule itself."""
    if not rrule:
        return ""
    parts = dict(p.split("=", 1) for p in rrule.upper().split(";") if "=" in p)
    freq = f"dates.freq.{parts.get('FREQ', '')}"
    simple = not set(parts) - {"FREQ", "BYDAY", "INTERVAL"} and parts.get("INTERVAL", "1") == "1"
    if not has(freq) or not simple:
        return rrule
    label = catalog_text(freq, ui_lang(lang))
    days = [_day(d, lang) for d in parts.get("BYDAY", "").split(",") if d]
    return f"{label}: {', '.join(days)}" if days else label


def _clean(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return str(value).strip()


def _address(row: dict[str, Any], lang: str) -> str:
    """The one-line address :func:`locator.present.site_properties` gives (a disputed street
    address is not shown)."""
    return str(site_properties(row, lang)["address"])


def list_item_html(
    row: dict[str, Any], *, lang: str, layer: str = "", index: int = -1, button: bool = True
) -> str:
    """One ``<li>`` of a site list: name, kind, distance, address (and its evidence),
    precision, schedule, phone or national lines, hours, official page and directions."""
    e = escape
    meta = [kind_label(_clean(row.get("kind")), lang)] if row.get("kind") else []
    km = row.get("distance_km")
    if km is not None and not (isinstance(km, float) and math.isnan(km)):
        meta.append(f"{float(km):.1f} km ({float(row.get('distance_mi', km / 1.609344)):.1f} mi)")
    address = _address(row, lang)
    if address:
        note = evidence_label(row, "address", lang)
        meta.append(f"{address} ({note})" if note else address)
    note = precision_note(_clean(row.get("location_precision")), lang)
    if note:
        meta.append(note)
    schedule = _clean(row.get("schedule"))
    if schedule:
        meta.append(f"{text('schedule', lang)}: {schedule}")
    if row.get("illustrative"):
        meta.append(text("illustrative", lang))
    rank = row.get("rank")
    value = (
        f' value="{int(float(rank))}"'
        if isinstance(rank, numbers.Real) and not math.isnan(float(rank))
        else ""
    )
    parts = [f"<li{value}><strong>{e(_clean(row.get('name')))}</strong>"]
    parts += [f'<span class="locator-meta">{e(m)}</span>' for m in meta]
    parts += [contact_html(row, lang=lang), links_html(row, lang=lang)]  # escaped parts
    if button and layer and index >= 0:
        parts.append(
            f'<button type="button" data-layer="{e(layer)}" data-idx="{index}">'
            f"{e(text('show_on_map', lang))}</button>"
        )
    return "".join(parts) + "</li>"
