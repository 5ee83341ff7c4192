"""Texts said the same way by several outputs (maps, page, CLI, calendars, API).

One wording of "illustrative" lives here; every output that labels sample data uses it.

Examples
--------
>>> ILLUSTRATIVE.get("en")
'ILLUSTRATIVE: sample route, not a real schedule'
"""

from __future__ import annotations

from geodata.i18n import T, register

__all__ = [
    "COMMON",
    "FACTS",
    "ILLUSTRATIVE",
    "ILLUSTRATIVE_FULL",
    "ILLUSTRATIVE_TAG",
    "ILLUSTRATIVE_WHY",
    "MOBILE",
    "MOBILE_HEADING",
    "SHARED",
]

ILLUSTRATIVE = T(
    "illustrative",
    es="ILUSTRATIVO: ruta de ejemplo, no es un horario real",
    en="ILLUSTRATIVE: sample route, not a real schedule",
)
"""The one label of illustrative (sample) data: sites, stops, routes, visits, calendars."""

ILLUSTRATIVE_WHY = T(
    "illustrative_why", es="(no hay horario público)", en="(no public schedule exists)"
)
"""Why the data are a sample: said after :data:`ILLUSTRATIVE` where there is room."""

ILLUSTRATIVE_FULL = T(
    "illustrative_full",
    es=f"{ILLUSTRATIVE.es} {ILLUSTRATIVE_WHY.es}.",
    en=f"{ILLUSTRATIVE.en} {ILLUSTRATIVE_WHY.en}.",
)
""":data:`ILLUSTRATIVE` and why, as one sentence (CLI notices, calendar descriptions)."""

ILLUSTRATIVE_TAG = T(
    "illustrative_tag", es="ILUSTRATIVO / ILLUSTRATIVE", en="ILLUSTRATIVE / ILUSTRATIVO"
)
"""The bilingual banner/tag, the reader's language first."""

MOBILE = T(
    "mobile",
    es="Unidad móvil: su ubicación cambia; no es un lugar de atención sin cita. Llame antes.",
    en="Mobile unit: its location changes; not a walk-in place. Call first.",
)
"""The label of a site that moves (VDS mobile unit, HRSA van): never ranked as walk-in."""

MOBILE_HEADING = T(
    "mobile_heading",
    es="Unidades móviles cerca (no son lugares de atención sin cita)",
    en="Mobile units nearby (not walk-in places)",
)
"""Heading of the separate list of mobile units beside the nearest walk-in places."""

SHARED = (
    T("zoom_in", es="Acercar", en="Zoom in"),
    T("zoom_out", es="Alejar", en="Zoom out"),
    T("close", es="Cerrar", en="Close"),
    T("website", es="Página oficial", en="Official page"),
    T("hours", es="Horario", en="Hours"),
    T("show_on_map", es="Ver en el mapa", en="Show on the map"),
    T("other_lang", es="English", en="Español"),
    T("approx", es="ubicación aproximada", en="approximate location"),
)
"""Entries both the maps and the page show (registered under each of their namespaces too)."""

FACTS = (
    T("fact.address", es="dirección", en="address"),
    T("fact.phone", es="teléfono", en="phone"),
    T("fact.hours", es="horario", en="hours"),
)
"""The three facts whose sources are graded (evidence labels, ``locator data`` output)."""

COMMON = register(
    "common",
    ILLUSTRATIVE,
    ILLUSTRATIVE_WHY,
    ILLUSTRATIVE_FULL,
    ILLUSTRATIVE_TAG,
    MOBILE,
    MOBILE_HEADING,
    *SHARED,
    *FACTS,
)
