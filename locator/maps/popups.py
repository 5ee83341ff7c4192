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

from locator.maps.contact import contact_html, links_html
from locator.maps.i18n import kind_label, text
from locator.maps.offline import escape
from locator.present import evidence_label, precision_note

__all__ = ["list_item_html", "precision_note", "schedule_text"]

_DAYS = {
    "MO": ("lunes", "Monday"), "TU": ("martes", "Tuesday"), "WE": ("miércoles", "Wednesday"),
    "TH": ("jueves", "Thursday"), "FR": ("viernes", "Friday"), "SA": ("sábado", "Saturday"),
    "SU": ("domingo", "Sunday"),
}
_FREQ = {"DAILY": ("Diario", "Daily"), "WEEKLY": ("Semanal", "Weekly"),
         "MONTHLY": ("Mensual", "Monthly"), "YEARLY": ("Anual", "Yearly")}
_ORD_EN = {1: "1st", 2: "2nd", 3: "3rd", -1: "last"}
_ORD_ES = {1: "1er", 2: "2º", 3: "3er", 4: "4º", -1: "último"}


def _day(token: str, lang: str) -> str:
    code = token[-2:].upper()
    names = _DAYS.get(code)
    if not names:
        return token
    name = names[1] if lang == "en" else names[0]
    prefix = token[:-2]
    if not prefix:
        return name
    try:
        n = int(prefix)
    except ValueError:
        return token
    ordinal = (_ORD_EN.get(n, f"{n}th") if lang == "en" else _ORD_ES.get(n, f"{n}º"))
    return f"{ordinal} {name}"


def schedule_text(rrule: str, lang: str) -> str:
    """A short human reading of simple RFC 5545 rules (FREQ + BYDAY); else the rule itself."""
    if not rrule:
        return ""
    parts = dict(p.split("=", 1) for p in rrule.upper().split(";") if "=" in p)
    freq = _FREQ.get(parts.get("FREQ", ""))
    if not freq or set(parts) - {"FREQ", "BYDAY", "INTERVAL"} or parts.get("INTERVAL", "1") != "1":
        return rrule
    label = freq[1] if lang == "en" else freq[0]
    days = [_day(d, lang) for d in parts.get("BYDAY", "").split(",") if d]
    return f"{label}: {', '.join(days)}" if days else label


def _clean(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    return str(value).strip()


def _address(row: dict[str, Any]) -> str:
    state_zip = " ".join(p for p in (_clean(row.get("state")), _clean(row.get("postal_code"))) if p)
    city_line = ", ".join(p for p in (_clean(row.get("city")), state_zip) if p)
    return ", ".join(p for p in (_clean(row.get("street_address")), city_line) if p)


def list_item_html(row: dict[str, Any], *, lang: str, layer: str = "", index: int = -1,
                   button: bool = True) -> str:
    """One ``<li>`` of a site list: name, kind, distance, address (and its evidence),
    precision, schedule, phone or national lines, hours, official page and directions."""
    e = escape
    meta = [kind_label(_clean(row.get("kind")), lang)] if row.get("kind") else []
    km = row.get("distance_km")
    if km is not None and not (isinstance(km, float) and math.isnan(km)):
        meta.append(f"{float(km):.1f} km ({float(row.get('distance_mi', km / 1.609344)):.1f} mi)")
    address = _address(row)
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
    numbered = isinstance(rank, numbers.Real) and not math.isnan(float(rank))
    value = f' value="{int(rank)}"' if numbered else ""
    parts = [f"<li{value}><strong>{e(_clean(row.get('name')))}</strong>"]
    parts += [f'<span class="locator-meta">{e(m)}</span>' for m in meta]
    parts += [contact_html(row, lang=lang), links_html(row, lang=lang)]  # escaped parts
    if button and layer and index >= 0:
        parts.append(f'<button type="button" data-layer="{e(layer)}" data-idx="{index}">'
                     f"{e(text('show_on_map', lang))}</button>")
    return "".join(parts) + "</li>"
