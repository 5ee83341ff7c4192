"""Texts of the search page, Spanish first, then English.

``UI`` holds the page's own strings; :func:`i18n_data` adds the vocabulary labels (kinds,
services, precision notes, the illustrative label) so the browser needs no other source.
``{name}``-style fields are filled in by the page with ``textContent`` (never as HTML).

Examples
--------
>>> i18n_data()["ui"]["en"]["search_button"]
'Search'
>>> i18n_data()["precision"]["city"]["es"]
'ubicación aproximada: ciudad'
"""

from __future__ import annotations

from typing import Any

from geodata.vocab import KINDS, LANGUAGES, PRECISIONS, SERVICES
from locator.present import illustrative_note, national_lines, precision_note

__all__ = ["CITY_NAMES_ES", "KIND_PLURALS", "STATE_NAMES_ES", "UI", "i18n_data"]

_PAIRS: dict[str, tuple[str, str]] = {
    "page_title": ("Encuentre su consulado o Ventanilla de Salud",
                   "Find your consulate or health desk"),
    "title": ("¿Dónde está mi consulado o Ventanilla de Salud?",
              "Where is my consulate or health desk?"),
    "subtitle": ("Consulados de México y Ventanillas de Salud (VDS) en EE. UU. Funciona sin "
                 "internet después de la primera visita.",
                 "Mexican consulates and health desks (Ventanillas de Salud) in the US. Works "
                 "offline after your first visit."),
    "subtitle_kinds": ("{kinds} en EE. UU. Funciona sin internet después de la primera visita.",
                       "{kinds} in the US. Works offline after your first visit."),
    "and": ("y", "and"),
    "language_label": ("Idioma de atención", "Language spoken"),
    "language_all": ("Cualquier idioma", "Any language"),
    "directions": ("Cómo llegar (necesita internet)", "Directions (needs internet)"),
    "dir_walk": ("A pie", "Walking"),
    "dir_transit": ("En transporte público", "By public transport"),
    "dir_car": ("En auto", "By car"),
    "geo_app": ("Abrir en la app de mapas del teléfono", "Open in the phone's maps app"),
    "no_phone": ("Este lugar no tiene un teléfono con fuente pública. Puede llamar a:",
                 "This place has no publicly sourced phone. You can call:"),
    "hours_dated": ("Horario: {hours} (según la fuente, {date})",
                    "Hours: {hours} (per the source, {date})"),
    "line_hours": ("Horario: {hours}", "Hours: {hours}"),
    "skip": ("Saltar a la búsqueda", "Skip to search"),
    "lang_toggle": ("English", "Español"),
    "lang_toggle_code": ("en", "es"),
    "lang_toggle_label": ("Cambiar el idioma a inglés", "Switch the language to Spanish"),
    "search_label": ("Código postal, ciudad o «Ciudad, estado»", "ZIP code, city or “City, ST”"),
    "search_hint": ("Ejemplos: 60608 · Dalton, GA · Nueva York",
                    "Examples: 60608 · Dalton, GA · New York"),
    "search_button": ("Buscar", "Search"),
    "locate_button": ("Usar mi ubicación", "Use my location"),
    "filters": ("Filtros (opcional)", "Filters (optional)"),
    "kind_label": ("Tipo de lugar", "Kind of place"),
    "kind_all": ("Todos los tipos", "All kinds"),
    "service_label": ("Servicio", "Service"),
    "service_all": ("Cualquier servicio", "Any service"),
    "results_heading": ("Resultados", "Results"),
    "map_heading": ("Mapa de resultados", "Map of results"),
    "map_label": ("Mapa de resultados (la lista tiene la misma información)",
                  "Map of results (the list has the same information)"),
    "status_results": ("{n} resultados cerca de {place}", "{n} results near {place}"),
    "status_one": ("1 resultado cerca de {place}", "1 result near {place}"),
    "status_none": ("No hay resultados cerca de {place} con estos filtros.",
                    "No results near {place} with these filters."),
    "status_searching": ("Buscando…", "Searching…"),
    "status_locating": ("Obteniendo su ubicación…", "Getting your location…"),
    "my_location": ("mi ubicación", "my location"),
    "near_you": ("su ubicación", "your location"),
    "phone": ("Tel.", "Phone"),
    "legend": ("Leyenda", "Legend"),
    "legend_place": ("Lugar buscado", "Searched place"),
    "legend_result": ("Resultado (mismo número que la lista)", "Result (same number as the list)"),
    "legend_other": ("Otros sitios", "Other sites"),
    "legend_states": ("Límites estatales (Censo de EE. UU.)", "State lines (US Census)"),
    "skip_map": ("Saltar el mapa e ir a la lista", "Skip the map, go to the list"),
    "err_empty": ("Escriba un código postal o una ciudad.", "Type a ZIP code or a city."),
    "err_too_long": ("La búsqueda es demasiado larga.", "The search is too long."),
    "err_not_found": ("No encontramos «{q}». Pruebe con un código postal de 5 dígitos o "
                      "«Ciudad, estado» (por ejemplo: Dalton, GA).",
                      "We could not find “{q}”. Try a 5-digit ZIP code or “City, ST” "
                      "(for example: Dalton, GA)."),
    "err_outside": ("«{q}» está fuera de EE. UU. Esta página busca consulados y Ventanillas de "
                    "Salud en EE. UU.: escriba un código postal o una ciudad de EE. UU.",
                    "“{q}” is outside the US. This page finds consulates and health desks in "
                    "the US: type a US ZIP code or city."),
    "outside_us": ("Este punto está fuera de EE. UU.: estos son los lugares más cercanos "
                   "dentro de EE. UU.", "This point is outside the US: these are the nearest "
                   "places in the US."),
    "choices_did_you_mean": ("¿Quiso decir…?", "Did you mean…?"),
    "choices_other_places": ("Hay otros lugares llamados «{q}». Mostramos {place}. ¿Buscaba "
                             "otro?", "Other places are called “{q}”. Showing {place}. Were "
                             "you looking for another?"),
    "state_choice": ("{name} (estado)", "{name} (state)"),
    "err_zip_not_found": ("No encontramos el código postal {zip}.",
                          "We could not find ZIP code {zip}."),
    "err_coords": ("Coordenadas fuera de rango.", "Coordinates out of range."),
    "err_geo": ("No se pudo obtener su ubicación. Escriba su código postal o ciudad.",
                "Your location is not available. Type your ZIP code or city."),
    "err_data": ("No se pudieron cargar los datos. Conéctese a internet una vez y vuelva a "
                 "intentarlo.", "The data could not be loaded. Connect to the internet once "
                 "and try again."),
    "distance": ("{km} km ({mi} mi) en línea recta", "{km} km ({mi} mi) in a straight line"),
    "hours": ("Horario", "Hours"),
    "services": ("Servicios ({n})", "Services ({n})"),
    "note": ("Aviso", "Note"),
    "verified": ("Datos verificados con la fuente oficial", "Checked against the official source"),
    "call": ("Llamar al {phone}", "Call {phone}"),
    "website": ("Página oficial", "Official page"),
    "share": ("Compartir", "Share"),
    "share_whatsapp": ("Compartir por WhatsApp", "Share on WhatsApp"),
    "share_sms": ("Compartir por mensaje (SMS)", "Share by text message (SMS)"),
    "share_text": ("{name}. {address}. Tel. {phone}. Mapa: {map}",
                   "{name}. {address}. Phone {phone}. Map: {map}"),
    "share_text_nophone": ("{name}. {address}. Mapa: {map}", "{name}. {address}. Map: {map}"),
    "permalink": ("Enlace a esta búsqueda", "Link to this search"),
    "show_on_map": ("Ver en el mapa", "Show on the map"),
    "approx_directions": ("La ubicación es aproximada: confirme la dirección antes de ir.",
                          "The location is approximate: confirm the address before you go."),
    "save_map": ("Guardar el mapa para usarlo sin internet ({n} imágenes, {mb} MB)",
                 "Save the map for offline use ({n} images, {mb} MB)"),
    "save_map_busy": ("Guardando el mapa…", "Saving the map…"),
    "save_map_done": ("Mapa guardado: {n} imágenes disponibles sin internet.",
                      "Map saved: {n} images available offline."),
    "offline_ready": ("Listo para usarse sin internet.", "Ready to use offline."),
    "api_slow": ("El servidor no respondió a tiempo: resultados calculados en su teléfono con "
                 "los datos guardados.", "The server did not answer in time: results computed "
                 "on your phone from the saved data."),
    "api_failed": ("El servidor no está disponible: resultados calculados en su teléfono con "
                   "los datos guardados.", "The server is not available: results computed on "
                   "your phone from the saved data."),
    "err_data_slow": ("Los datos tardan demasiado en llegar. Revise su conexión y vuelva a "
                      "intentarlo.", "The data are taking too long to arrive. Check your "
                      "connection and try again."),
    "offline_now": ("Sin conexión: resultados calculados en su teléfono con los datos guardados.",
                    "Offline: results computed on your phone from the saved data."),
    "footer_distance": ("Las distancias son en línea recta (gran círculo), no por carretera.",
                        "Distances are straight-line (great-circle), not driving distances."),
    "footer_data": ("Datos: versión {version}. Llame antes de ir; los horarios pueden cambiar.",
                    "Data version {version}. Call before you go; hours can change."),
    "footer_map": ("Mapa base: © colaboradores de OpenStreetMap.",
                   "Base map: © OpenStreetMap contributors."),
    "osm_attribution": ("© colaboradores de OpenStreetMap", "© OpenStreetMap contributors"),
    "zoom_in": ("Acercar", "Zoom in"),
    "zoom_out": ("Alejar", "Zoom out"),
    "close": ("Cerrar", "Close"),
    "county_label": ("Condado de {name}", "{name} County"),
    "visits_heading": ("¿Cuándo viene la unidad móvil?", "When does the mobile unit come?"),
    "visits_summary": ("Visitas de unidades móviles a menos de {km} km de {place} en los "
                       "próximos {days} días:", "Mobile-unit visits within {km} km of {place} "
                       "in the next {days} days:"),
    "visits_none": ("No hay visitas de unidades móviles a menos de {km} km de {place} en los "
                    "próximos {days} días.", "No mobile-unit visits within {km} km of {place} "
                    "in the next {days} days."),
    "visits_until": ("Los horarios guardados llegan hasta el {date}.",
                     "The saved schedules go up to {date}."),
    "visit_where": ("{place} · a {km} km ({mi} mi) en línea recta",
                    "{place} · {km} km ({mi} mi) in a straight line"),
    "ics_one": ("Agregar al calendario (.ics)", "Add to calendar (.ics)"),
    "ics_all": ("Agregar todas al calendario (.ics)", "Add all to calendar (.ics)"),
    "show_route": ("Ver la ruta en el mapa", "Show the route on the map"),
    "route_stops": ("Paradas de la ruta «{route}»", "Stops of the route “{route}”"),
    "route_stop": ("Parada {n}: {place}", "Stop {n}: {place}"),
    "legend_route": ("Ruta de la unidad móvil (línea discontinua: ilustrativa)",
                     "Mobile unit's route (dashed line: illustrative)"),
    "visit_illustrative": ("ILUSTRATIVO: ruta de ejemplo, no es un horario real",
                           "ILLUSTRATIVE: sample route, not a real schedule"),
    "ics_illustrative": ("ILUSTRATIVO: ruta de ejemplo, no es un horario real. Confirme con el "
                         "consulado antes de ir.", "ILLUSTRATIVE: sample route, not a real "
                         "schedule. Check with the consulate before you go."),
    "marker_title": ("{n}. {name}", "{n}. {name}"),
    "all_sites": ("Todos los sitios", "All sites"),
}

STATE_NAMES_ES: dict[str, str] = {
    "DC": "Distrito de Columbia", "HI": "Hawái", "LA": "Luisiana",
    "MI": "Míchigan", "MS": "Misisipi", "MO": "Misuri",
    "NC": "Carolina del Norte", "SC": "Carolina del Sur", "ND": "Dakota del Norte",
    "SD": "Dakota del Sur", "NH": "Nuevo Hampshire", "NJ": "Nueva Jersey", "NM": "Nuevo México",
    "NY": "Nueva York", "OR": "Oregón", "PA": "Pensilvania", "WV": "Virginia Occidental",
    "VI": "Islas Vírgenes de EE. UU.", "AS": "Samoa Americana", "MP": "Islas Marianas del Norte",
}
"""Spanish names of the states whose English name is not also their Spanish one (the same
exonyms :mod:`geodata.aliases` accepts as search text)."""

CITY_NAMES_ES: dict[str, str] = {
    "New York": "Nueva York", "Los Angeles": "Los Ángeles", "Philadelphia": "Filadelfia",
    "New Orleans": "Nueva Orleans", "San Jose": "San José", "St. Louis": "San Luis",
    "The Bronx": "El Bronx",
}
"""Spanish names of cities people know by one (as in the page's search aliases): used in place
labels and in the city part of site names on the Spanish page."""

KIND_PLURALS: dict[str, dict[str, str]] = {
    "consulate": {"es": "consulados de México", "en": "Mexican consulates"},
    "vds": {"es": "Ventanillas de Salud (VDS)", "en": "health desks (Ventanillas de Salud)"},
    "vds_mobile": {"es": "unidades móviles de las Ventanillas de Salud",
                   "en": "mobile health-desk units"},
    "clinic": {"es": "clínicas comunitarias", "en": "community clinics"},
}
"""What the page's subtitle promises, per kind: only the kinds the data holds are named."""

UI: dict[str, dict[str, str]] = {
    "es": {k: v[0] for k, v in _PAIRS.items()},
    "en": {k: v[1] for k, v in _PAIRS.items()},
}
"""Page strings by language (``"es"``, ``"en"``) and key."""


def _terms(vocab: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {key: {"es": t.label("es"), "en": t.label("en")} for key, t in vocab.items()}


def i18n_data() -> dict[str, Any]:
    """Everything the page prints, in Spanish and English (a JSON-able dict)."""
    return {
        "version": 1,
        "langs": ["es", "en"],
        "ui": UI,
        "kinds": _terms(KINDS),
        "services": _terms(SERVICES),
        "languages": _terms(LANGUAGES),
        "precision": {p: {"es": precision_note(p, "es"), "en": precision_note(p, "en")}
                      for p in PRECISIONS},
        "illustrative": {"es": illustrative_note("es"), "en": illustrative_note("en")},
        "national_lines": {"es": national_lines("es"), "en": national_lines("en")},
        "kind_plural": KIND_PLURALS,
        "states_es": STATE_NAMES_ES,
        "cities_es": CITY_NAMES_ES,
    }
