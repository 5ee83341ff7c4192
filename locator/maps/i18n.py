"""Spanish and English text of the maps (Spanish first).

Examples
--------
>>> text("approx", "en")
'approximate location'
>>> check_lang("fr")
Traceback (most recent call last):
...
geodata.errors.InvalidInputError: Unsupported language 'fr'; use 'es' or 'en'
"""

from __future__ import annotations

from geodata.errors import InvalidInputError
from geodata.vocab import KINDS, LANGUAGES, PRECISIONS, SERVICES

__all__ = ["TEXT", "check_lang", "js_config_text", "kind_label", "text"]

TEXT: dict[str, tuple[str, str]] = {
    "illustrative": ("ILUSTRATIVO: datos de ejemplo, no reales",
                     "ILLUSTRATIVE: sample data, not real"),
    "illustrative_banner": ("ILUSTRATIVO / ILLUSTRATIVE", "ILLUSTRATIVE / ILUSTRATIVO"),
    "organization": ("Organización", "Organization"),
    "distance": ("Distancia", "Distance"),
    "address": ("Dirección", "Address"),
    "approx": ("ubicación aproximada", "approximate location"),
    "phone": ("Teléfono", "Phone"),
    "website": ("Página oficial", "Official page"),
    "services": ("Servicios", "Services"),
    "languages": ("Idiomas", "Languages"),
    "hours": ("Horario", "Hours"),
    "first_visit": ("Primera visita", "First visit"),
    "schedule": ("Calendario", "Schedule"),
    "next_visits": ("Próximas visitas", "Next visits"),
    "notes": ("Notas", "Notes"),
    "source": ("Fuente", "Source"),
    "directions": ("Cómo llegar", "Directions"),
    "open_app": ("abrir en app de mapas", "open in maps app"),
    "web_map": ("mapa web (en línea)", "web map (online)"),
    "show_on_map": ("Ver en el mapa", "Show on map"),
    "legend": ("Simbología", "Legend"),
    "query": ("Punto buscado", "Searched place"),
    "region": ("región aproximada", "approximate region"),
    "region_note": (
        "Región aproximada: no hay una lista oficial de jurisdicciones legible por máquina.",
        "Approximate region: no official jurisdiction list is machine-readable.",
    ),
    "route": ("Ruta", "Route"),
    "route_illustrative": ("Ruta ilustrativa (datos de ejemplo, no reales)",
                           "Illustrative route (sample data, not real)"),
    "route_straight": ("orden de las paradas, en líneas rectas (no es el camino)",
                       "order of the stops, as straight lines (not the road)"),
    "stop": ("Parada", "Stop"),
    "states": ("Límites estatales", "State boundaries"),
    "counties": ("Límites de condados", "County boundaries"),
    "sites": ("Sitios", "Sites"),
    "results": ("Resultados más cercanos", "Nearest results"),
    "network": ("Red de sitios", "Site network"),
    "stops": ("Paradas de la ruta", "Route stops"),
    "none_found": ("No hay sitios para mostrar.", "No sites to show."),
    "noscript": (
        "El mapa necesita JavaScript. Esta es la lista de sitios.",
        "The map needs JavaScript. This is the list of sites.",
    ),
    "map_label": ("Mapa", "Map"),
    "census": ("Límites: U.S. Census (2016)", "Boundaries: U.S. Census (2016)"),
    "gesture_touch": ("Use dos dedos para mover el mapa", "Use two fingers to move the map"),
    "gesture_scroll": ("Use ctrl + rueda para acercar el mapa",
                       "Use ctrl + scroll to zoom the map"),
    "gesture_scroll_mac": ("Use \u2318 + rueda para acercar el mapa",
                           "Use \u2318 + scroll to zoom the map"),
    "list_js": (
        "Lista por estado (abra un estado para ver sus sitios).",
        "List by state (open a state to see its sites).",
    ),
    "duration": ("Duración", "Duration"),
    "zoom_in": ("Acercar", "Zoom in"),
    "zoom_out": ("Alejar", "Zoom out"),
    "layers": ("Capas", "Layers"),
    "close": ("Cerrar", "Close"),
    "leaflet_title": ("Biblioteca JavaScript para mapas interactivos",
                      "A JavaScript library for interactive maps"),
    "other_lang": ("English", "Español"),
    "national_lines": ("Sin teléfono propio con fuente; líneas nacionales",
                       "No sourced phone of its own; national lines"),
    "new_tab": ("se abre en una pestaña nueva", "opens in a new tab"),
    "minutes": ("min", "min"),
}


RUNTIME_KEYS = (
    "illustrative", "organization", "distance", "address", "approx", "phone", "website",
    "services", "languages", "hours", "first_visit", "schedule", "next_visits", "notes", "source",
    "directions", "open_app", "web_map", "show_on_map", "query", "zoom_in", "zoom_out", "layers",
    "close", "leaflet_title", "national_lines",
)
"""The UI strings the browser runtime uses (popups, lazy lists)."""


def check_lang(lang: str) -> str:
    """Return ``lang`` if it is ``"es"`` or ``"en"``; raise :class:`InvalidInputError` otherwise."""
    if lang not in ("es", "en"):
        raise InvalidInputError(
            f"Unsupported language {lang!r}; use 'es' or 'en'",
            f"Idioma no admitido {lang!r}; use 'es' o 'en'",
            detail={"lang": lang},
        )
    return lang


def text(key: str, lang: str) -> str:
    """Return UI string ``key`` in ``lang``."""
    es, en = TEXT[key]
    return en if lang == "en" else es


def kind_label(kind: str, lang: str) -> str:
    """Label of a site kind; unknown kinds show their id."""
    term = KINDS.get(kind)
    return term.label(lang) if term else kind


def js_config_text(lang: str) -> dict[str, dict[str, str]]:
    """The labels the browser runtime needs: UI text, kinds, services, precisions, languages."""
    return {
        "text": {key: text(key, lang) for key in RUNTIME_KEYS},
        "kinds": {k: t.label(lang) for k, t in KINDS.items()},
        "services": {k: t.label(lang) for k, t in SERVICES.items()},
        "precisions": {k: t.label(lang) for k, t in PRECISIONS.items()},
        "languages": {k: t.label(lang) for k, t in LANGUAGES.items()},
    }
