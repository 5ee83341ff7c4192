"""Texts of the offline maps (popups, legends, lists, controls): namespace ``maps``.

Examples
--------
>>> MAPS["approx"].get("en")
'approximate location'
"""

from __future__ import annotations

from geodata.i18n import T, register
from locator.i18n.common import ILLUSTRATIVE, ILLUSTRATIVE_TAG, SHARED

__all__ = ["MAPS", "RUNTIME_KEYS"]

MAPS = register(
    "maps",
    ILLUSTRATIVE,
    ILLUSTRATIVE_TAG.under("illustrative_banner"),
    *SHARED,
    T("organization", es="Organización", en="Organization"),
    T("distance", es="Distancia", en="Distance"),
    T("address", es="Dirección", en="Address"),
    T("phone", es="Teléfono", en="Phone"),
    T("services", es="Servicios", en="Services"),
    T("languages", es="Idiomas", en="Languages"),
    T("first_visit", es="Primera visita", en="First visit"),
    T("schedule", es="Calendario", en="Schedule"),
    T("next_visits", es="Próximas visitas", en="Next visits"),
    T("notes", es="Notas", en="Notes"),
    T("source", es="Fuente", en="Source"),
    T("directions", es="Cómo llegar", en="Directions"),
    T("open_app", es="abrir en app de mapas", en="open in maps app"),
    T("web_map", es="mapa web (en línea)", en="web map (online)"),
    T("legend", es="Simbología", en="Legend"),
    T("query", es="Punto buscado", en="Searched place"),
    T("region", es="región aproximada", en="approximate region"),
    T(
        "region_note",
        es="Región aproximada: no hay una lista oficial de jurisdicciones legible por máquina.",
        en="Approximate region: no official jurisdiction list is machine-readable.",
    ),
    T("route", es="Ruta", en="Route"),
    T(
        "route_illustrative",
        es="Ruta ilustrativa (datos de ejemplo, no reales)",
        en="Illustrative route (sample data, not real)",
    ),
    T(
        "route_straight",
        es="orden de las paradas, en líneas rectas (no es el camino)",
        en="order of the stops, as straight lines (not the road)",
    ),
    T("stop", es="Parada", en="Stop"),
    T("states", es="Límites estatales", en="State boundaries"),
    T("counties", es="Límites de condados", en="County boundaries"),
    T("sites", es="Sitios", en="Sites"),
    T("results", es="Resultados más cercanos", en="Nearest results"),
    T("network", es="Red de sitios", en="Site network"),
    T("stops", es="Paradas de la ruta", en="Route stops"),
    T("none_found", es="No hay sitios para mostrar.", en="No sites to show."),
    T(
        "noscript",
        es="El mapa necesita JavaScript. Esta es la lista de sitios.",
        en="The map needs JavaScript. This is the list of sites.",
    ),
    T("map_label", es="Mapa", en="Map"),
    T("census", es="Límites: U.S. Census (2016)", en="Boundaries: U.S. Census (2016)"),
    T("gesture_touch", es="Use dos dedos para mover el mapa", en="Use two fingers to move the map"),
    T(
        "gesture_scroll",
        es="Use ctrl + rueda para acercar el mapa",
        en="Use ctrl + scroll to zoom the map",
    ),
    T(
        "gesture_scroll_mac",
        es="Use ⌘ + rueda para acercar el mapa",
        en="Use ⌘ + scroll to zoom the map",
    ),
    T(
        "list_js",
        es="Lista por estado (abra un estado para ver sus sitios).",
        en="List by state (open a state to see its sites).",
    ),
    T("duration", es="Duración", en="Duration"),
    T("layers", es="Capas", en="Layers"),
    T(
        "leaflet_title",
        es="Biblioteca JavaScript para mapas interactivos",
        en="A JavaScript library for interactive maps",
    ),
    T(
        "national_lines",
        es="Sin teléfono propio con fuente; líneas nacionales",
        en="No sourced phone of its own; national lines",
    ),
    T("new_tab", es="se abre en una pestaña nueva", en="opens in a new tab"),
    T("minutes", es="min", en="min"),
    # the embed's page for an unknown office id (in the request's language)
    T("not_found_title", es="Oficina no encontrada", en="Office not found"),
    T("not_found_heading", es="No hay un consulado con id {id}", en="No consulate has the id {id}"),
    T("valid_ids", es="Ids válidos", en="Valid ids"),
    # the index page of a static embeds folder (bilingual, Spanish first)
    T("embeds_title", es="Mapas para insertar", en="Embeddable maps"),
    T("snippet", es="Código para pegar", en="snippet"),
    T("snippets_base", es="Los fragmentos apuntan a {url}.", en="Snippets point to {url}."),
    T(
        "snippets_relative",
        es="Los fragmentos usan direcciones relativas: funcionan en páginas de esta misma "
        "carpeta; indique {option} para usarlos en otro sitio.",
        en="Snippets use relative addresses (pages of this folder only); "
        "pass {option} to use them elsewhere.",
    ),
    # iCalendar exports of mobile units (bilingual, Spanish first)
    T("ics_units", es="Unidades móviles VDS", en="VDS mobile units"),
    T("ics_unit", es="VDS Móvil", en="VDS mobile unit"),
)
"""The maps' texts by key."""

RUNTIME_KEYS = (
    "illustrative",
    "organization",
    "distance",
    "address",
    "approx",
    "phone",
    "website",
    "services",
    "languages",
    "hours",
    "first_visit",
    "schedule",
    "next_visits",
    "notes",
    "source",
    "directions",
    "open_app",
    "web_map",
    "show_on_map",
    "query",
    "zoom_in",
    "zoom_out",
    "layers",
    "close",
    "leaflet_title",
    "national_lines",
)
"""The texts the browser runtime uses (popups, lazy lists)."""
