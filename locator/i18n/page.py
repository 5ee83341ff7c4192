"""Texts of the search page (``locator/web``): namespace ``page``.

``{name}``-style fields are filled in by the page with ``textContent`` (never as HTML).

Examples
--------
>>> PAGE["search_button"].get("en")
'Search'
"""

from __future__ import annotations

from geodata.i18n import T, register
from locator.i18n.common import COMMON, ILLUSTRATIVE, SHARED

__all__ = ["KIND_PLURALS", "PAGE"]

_ICS_ILLUSTRATIVE = T(
    "ics_illustrative",
    es=f"{ILLUSTRATIVE.es}. Confirme con el consulado antes de ir.",
    en=f"{ILLUSTRATIVE.en}. Check with the consulate before you go.",
)

PAGE = register(
    "page",
    *(e for e in SHARED if e.key not in ("approx", "other_lang")),
    COMMON["other_lang"].under("lang_toggle"),
    ILLUSTRATIVE.under("visit_illustrative"),
    _ICS_ILLUSTRATIVE,
    T(
        "page_title",
        es="Encuentre su consulado o Ventanilla de Salud",
        en="Find your consulate or health desk",
    ),
    T(
        "title",
        es="¿Dónde está mi consulado o Ventanilla de Salud?",
        en="Where is my consulate or health desk?",
    ),
    T(
        "subtitle",
        es=(
            "Consulados de México y Ventanillas de Salud (VDS) en EE. UU. Funciona sin internet "
            "después de la primera visita."
        ),
        en=(
            "Mexican consulates and health desks (Ventanillas de Salud) in the US. Works offline "
            "after your first visit."
        ),
    ),
    T(
        "subtitle_kinds",
        es="{kinds} en EE. UU. Funciona sin internet después de la primera visita.",
        en="{kinds} in the US. Works offline after your first visit.",
    ),
    T("and", es="y", en="and"),
    T("language_label", es="Idioma de atención", en="Language spoken"),
    T("language_all", es="Cualquier idioma", en="Any language"),
    T("directions", es="Cómo llegar (necesita internet)", en="Directions (needs internet)"),
    T("dir_walk", es="A pie", en="Walking"),
    T("dir_transit", es="En transporte público", en="By public transport"),
    T("dir_car", es="En auto", en="By car"),
    T("geo_app", es="Abrir en la app de mapas del teléfono", en="Open in the phone's maps app"),
    T(
        "no_phone",
        es="Este lugar no tiene un teléfono con fuente pública. Puede llamar a:",
        en="This place has no publicly sourced phone. You can call:",
    ),
    T(
        "hours_dated",
        es="Horario: {hours} (según la fuente, {date})",
        en="Hours: {hours} (per the source, {date})",
    ),
    T("line_hours", es="Horario: {hours}", en="Hours: {hours}"),
    T("skip", es="Saltar a la búsqueda", en="Skip to search"),
    T("lang_toggle_code", es="en", en="es"),
    T("lang_toggle_label", es="Cambiar el idioma a inglés", en="Switch the language to Spanish"),
    T(
        "search_label",
        es="Código postal, ciudad o «Ciudad, estado»",
        en="ZIP code, city or “City, ST”",
    ),
    T(
        "search_hint",
        es="Ejemplos: 60608 · Dalton, GA · Nueva York",
        en="Examples: 60608 · Dalton, GA · New York",
    ),
    T("search_button", es="Buscar", en="Search"),
    T("locate_button", es="Usar mi ubicación", en="Use my location"),
    T("filters", es="Filtros (opcional)", en="Filters (optional)"),
    T("kind_label", es="Tipo de lugar", en="Kind of place"),
    T("kind_all", es="Todos los tipos", en="All kinds"),
    T("service_label", es="Servicio", en="Service"),
    T("service_all", es="Cualquier servicio", en="Any service"),
    T("results_heading", es="Resultados", en="Results"),
    T("map_heading", es="Mapa de resultados", en="Map of results"),
    T(
        "map_label",
        es="Mapa de resultados (la lista tiene la misma información)",
        en="Map of results (the list has the same information)",
    ),
    T("status_results", es="{n} resultados cerca de {place}", en="{n} results near {place}"),
    T("status_one", es="1 resultado cerca de {place}", en="1 result near {place}"),
    T(
        "status_none",
        es="No hay resultados cerca de {place} con estos filtros.",
        en="No results near {place} with these filters.",
    ),
    T("status_searching", es="Buscando…", en="Searching…"),
    T("status_locating", es="Obteniendo su ubicación…", en="Getting your location…"),
    T("my_location", es="mi ubicación", en="my location"),
    T("near_you", es="su ubicación", en="your location"),
    T("phone", es="Tel.", en="Phone"),
    T("legend", es="Leyenda", en="Legend"),
    T("legend_place", es="Lugar buscado", en="Searched place"),
    T(
        "legend_result",
        es="Resultado (mismo número que la lista)",
        en="Result (same number as the list)",
    ),
    T("legend_other", es="Otros sitios", en="Other sites"),
    T("legend_states", es="Límites estatales (Censo de EE. UU.)", en="State lines (US Census)"),
    T("skip_map", es="Saltar el mapa e ir a la lista", en="Skip the map, go to the list"),
    T("err_empty", es="Escriba un código postal o una ciudad.", en="Type a ZIP code or a city."),
    T("err_too_long", es="La búsqueda es demasiado larga.", en="The search is too long."),
    T(
        "err_not_found",
        es=(
            "No encontramos «{q}». Pruebe con un código postal de 5 dígitos o «Ciudad, estado» "
            "(por ejemplo: Dalton, GA)."
        ),
        en=(
            "We could not find “{q}”. Try a 5-digit ZIP code or “City, ST” "
            "(for example: Dalton, GA)."
        ),
    ),
    T(
        "err_outside",
        es=(
            "«{q}» está fuera de EE. UU. Esta página busca consulados y Ventanillas de Salud en "
            "EE. UU.: escriba un código postal o una ciudad de EE. UU."
        ),
        en=(
            "“{q}” is outside the US. This page finds consulates and health desks in the US: type "
            "a US ZIP code or city."
        ),
    ),
    T(
        "outside_us",
        es="Este punto está fuera de EE. UU.: estos son los lugares más cercanos dentro de EE. UU.",
        en="This point is outside the US: these are the nearest places in the US.",
    ),
    T("choices_did_you_mean", es="¿Quiso decir…?", en="Did you mean…?"),
    T(
        "choices_other_places",
        es="Hay otros lugares llamados «{q}». Mostramos {place}. ¿Buscaba otro?",
        en="Other places are called “{q}”. Showing {place}. Were you looking for another?",
    ),
    T("state_choice", es="{name} (estado)", en="{name} (state)"),
    T(
        "err_zip_not_found",
        es="No encontramos el código postal {zip}.",
        en="We could not find ZIP code {zip}.",
    ),
    T("err_coords", es="Coordenadas fuera de rango.", en="Coordinates out of range."),
    T(
        "err_geo",
        es="No se pudo obtener su ubicación. Escriba su código postal o ciudad.",
        en="Your location is not available. Type your ZIP code or city.",
    ),
    T(
        "err_data",
        es="No se pudieron cargar los datos. Conéctese a internet una vez y vuelva a intentarlo.",
        en="The data could not be loaded. Connect to the internet once and try again.",
    ),
    T("distance", es="{km} km ({mi} mi) en línea recta", en="{km} km ({mi} mi) in a straight line"),
    T("services", es="Servicios ({n})", en="Services ({n})"),
    T("note", es="Aviso", en="Note"),
    T(
        "verified",
        es="Datos verificados con la fuente oficial",
        en="Checked against the official source",
    ),
    T("call", es="Llamar al {phone}", en="Call {phone}"),
    T("share", es="Compartir", en="Share"),
    T("share_whatsapp", es="Compartir por WhatsApp", en="Share on WhatsApp"),
    T("share_sms", es="Compartir por mensaje (SMS)", en="Share by text message (SMS)"),
    T(
        "share_text",
        es="{name}. {address}. Tel. {phone}. Mapa: {map}",
        en="{name}. {address}. Phone {phone}. Map: {map}",
    ),
    T(
        "share_text_nophone",
        es="{name}. {address}. Mapa: {map}",
        en="{name}. {address}. Map: {map}",
    ),
    T("permalink", es="Enlace a esta búsqueda", en="Link to this search"),
    T(
        "approx_directions",
        es="La ubicación es aproximada: confirme la dirección antes de ir.",
        en="The location is approximate: confirm the address before you go.",
    ),
    T(
        "save_map",
        es="Guardar el mapa para usarlo sin internet ({n} imágenes, {mb} MB)",
        en="Save the map for offline use ({n} images, {mb} MB)",
    ),
    T("save_map_busy", es="Guardando el mapa…", en="Saving the map…"),
    T(
        "save_map_done",
        es="Mapa guardado: {n} imágenes disponibles sin internet.",
        en="Map saved: {n} images available offline.",
    ),
    T("offline_ready", es="Listo para usarse sin internet.", en="Ready to use offline."),
    T(
        "api_slow",
        es=(
            "El servidor no respondió a tiempo: resultados calculados en su teléfono con los "
            "datos guardados."
        ),
        en="The server did not answer in time: results computed on your phone from the saved data.",
    ),
    T(
        "api_failed",
        es=(
            "El servidor no está disponible: resultados calculados en su teléfono con los datos "
            "guardados."
        ),
        en="The server is not available: results computed on your phone from the saved data.",
    ),
    T(
        "err_data_slow",
        es="Los datos tardan demasiado en llegar. Revise su conexión y vuelva a intentarlo.",
        en="The data are taking too long to arrive. Check your connection and try again.",
    ),
    T(
        "offline_now",
        es="Sin conexión: resultados calculados en su teléfono con los datos guardados.",
        en="Offline: results computed on your phone from the saved data.",
    ),
    T(
        "footer_distance",
        es="Las distancias son en línea recta (gran círculo), no por carretera.",
        en="Distances are straight-line (great-circle), not driving distances.",
    ),
    T(
        "footer_data",
        es="Datos: versión {version}. Llame antes de ir; los horarios pueden cambiar.",
        en="Data version {version}. Call before you go; hours can change.",
    ),
    T(
        "footer_map",
        es="Mapa base: © colaboradores de OpenStreetMap.",
        en="Base map: © OpenStreetMap contributors.",
    ),
    T("osm_attribution", es="© colaboradores de OpenStreetMap", en="© OpenStreetMap contributors"),
    T(
        "zoom_note",
        es=(
            "Para ver calles, use «Cómo llegar» en un resultado (necesita internet). Este mapa "
            "sin conexión no se acerca más porque se vería borroso; quien administra esta página "
            "puede agregarle un mapa de calles propio o mapas en línea."
        ),
        en=(
            "For street detail, use “Directions” on a result (needs internet). This offline map "
            "zooms no closer because it would look blurry; whoever runs this page can add their "
            "own street map or online maps."
        ),
    ),
    T(
        "zoom_note_outside",
        es=(
            "Para ver calles aquí, use «Cómo llegar» (necesita internet): el mapa de calles de "
            "esta página cubre otra zona y el mapa sin conexión no se acerca más porque se vería "
            "borroso."
        ),
        en=(
            "For street detail here, use “Directions” (needs internet): this page's street map "
            "covers another area and the offline map zooms no closer because it would look "
            "blurry."
        ),
    ),
    T(
        "zoom_note_online",
        es="Mapa de calles en línea: necesita internet (sin conexión solo se ve el mapa básico).",
        en="Online street map: needs internet (offline only the basic map shows).",
    ),
    T(
        "zoom_note_online_failed",
        es=(
            "Sin internet no carga el mapa de calles en línea: el mapa sin conexión no se acerca "
            "más porque se vería borroso."
        ),
        en=(
            "The online street map does not load without internet: the offline map zooms no "
            "closer because it would look blurry."
        ),
    ),
    T("county_label", es="Condado de {name}", en="{name} County"),
    T("visits_heading", es="¿Cuándo viene la unidad móvil?", en="When does the mobile unit come?"),
    T(
        "visits_summary",
        es="Visitas de unidades móviles a menos de {km} km de {place} en los próximos {days} días:",
        en="Mobile-unit visits within {km} km of {place} in the next {days} days:",
    ),
    T(
        "visits_none",
        es=(
            "No hay visitas de unidades móviles a menos de {km} km de {place} en los próximos "
            "{days} días."
        ),
        en="No mobile-unit visits within {km} km of {place} in the next {days} days.",
    ),
    T(
        "visits_until",
        es="Los horarios guardados llegan hasta el {date}.",
        en="The saved schedules go up to {date}.",
    ),
    T(
        "visit_where",
        es="{place} · a {km} km ({mi} mi) en línea recta",
        en="{place} · {km} km ({mi} mi) in a straight line",
    ),
    T("ics_one", es="Agregar al calendario (.ics)", en="Add to calendar (.ics)"),
    T("ics_all", es="Agregar todas al calendario (.ics)", en="Add all to calendar (.ics)"),
    T("show_route", es="Ver la ruta en el mapa", en="Show the route on the map"),
    T("route_stops", es="Paradas de la ruta «{route}»", en="Stops of the route “{route}”"),
    T("route_stop", es="Parada {n}: {place}", en="Stop {n}: {place}"),
    T(
        "legend_route",
        es="Ruta de la unidad móvil (línea discontinua: ilustrativa)",
        en="Mobile unit's route (dashed line: illustrative)",
    ),
    T("marker_title", es="{n}. {name}", en="{n}. {name}"),
    T("all_sites", es="Todos los sitios", en="All sites"),
)
"""The page's texts by key (the page's script reads them as ``ui[lang][key]``)."""

KIND_PLURALS = register(
    "page_kinds",
    T("consulate", es="consulados de México", en="Mexican consulates"),
    T("vds", es="Ventanillas de Salud (VDS)", en="health desks (Ventanillas de Salud)"),
    T(
        "vds_mobile",
        es="unidades móviles de las Ventanillas de Salud",
        en="mobile health-desk units",
    ),
    T("clinic", es="clínicas comunitarias", en="community clinics"),
)
"""What the page's subtitle promises, per kind: only the kinds the data holds are named."""
