"""The texts of locator's errors (queries, maps, mobile units, the web export): ``errors.*``.

Every error these modules raise says its words through an entry here, filled in at the raise
site (``raise InvalidInputError(QUERY["one_kind"], detail=...)``). A reason said inside a
message (what the thresholds must be, what kind of record was expected, why a tile file cannot
be read) is an entry too: ``T.fill`` says it in each language.

Examples
--------
>>> QUERY["limit_range"].fill(max=50).en
'limit must be 1 to 50'
>>> QUERY["thresholds"].fill(name="thresholds_km", max=6, what=QUERY["thresholds_km"]).es
'thresholds_km debe ser de 1 a 6 distancias entre 1 y 2000 km, p. ej. 50,100,200'
"""

from __future__ import annotations

from geodata.i18n import T, register

__all__ = ["INDEX", "LOOKUP", "MAPS", "MOBILE", "QUERY", "WEB"]


QUERY = register(
    "errors.query",
    T("one_kind", es="Indique a lo sumo un tipo", en="Give at most one kind"),
    T(
        "language_codes",
        es="Los idiomas deben ser códigos ISO 639 como 'es' o 'en': {codes}",
        en="Language codes must be ISO 639 codes like 'es' or 'en': {codes}",
    ),
    T(
        "bbox_count",
        es="se necesitan cuatro números separados por comas",
        en="four comma-separated numbers are needed",
    ),
    T(
        "bbox_count_heights",
        es="se necesitan cuatro (o seis) números separados por comas",
        en="four (or six) comma-separated numbers are needed",
    ),
    T("bbox_not_numbers", es="no son números", en="not numbers"),
    T("bbox_not_finite", es="los números deben ser finitos", en="numbers must be finite"),
    T(
        "bbox_range",
        es="las longitudes deben estar entre -180 y 180 y las latitudes entre -90 y 90",
        en="longitudes must be within -180..180 and latitudes within -90..90",
    ),
    T(
        "bbox_lat_order",
        es="la latitud inferior es mayor que la superior",
        en="the lower latitude is above the upper one",
    ),
    T("limit_range", es="limit debe ser de 1 a {max}", en="limit must be 1 to {max}"),
    T(
        "max_km_range",
        es="max_km debe ser mayor que 0 y a lo sumo {max:g}",
        en="max_km must be more than 0 and at most {max:g}",
    ),
    T(
        "thresholds",
        es="{name} debe ser de 1 a {max} {what}, p. ej. 50,100,200",
        en="{name} must be 1 to {max} {what}, e.g. 50,100,200",
    ),
    T("thresholds_km", es="distancias entre 1 y 2000 km", en="distances between 1 and 2000 km"),
    T("thresholds_positive", es="números positivos", en="positive numbers"),
)
"""Parsing of query parameters (:mod:`locator.query`): kinds, languages, bbox, limits. A bad
``bbox`` says ``errors.api.invalid_param`` (the same words as every invalid parameter) with
one of the ``bbox_*`` reasons."""

INDEX = register(
    "errors.index",
    T(
        "point_geometry",
        es="Cada sitio necesita una geometría de punto (filas: {rows})",
        en="Every site needs a Point geometry (bad rows: {rows})",
    ),
    T("lonlat_numbers", es="lon y lat deben ser números", en="lon and lat must be numbers"),
    T(
        "lonlat_length",
        es="lon y lat deben tener la misma longitud ({lon} != {lat})",
        en="lon and lat must have the same length ({lon} != {lat})",
    ),
    T("lat_order", es="miny no puede ser mayor que maxy", en="miny must not exceed maxy"),
    T(
        "coords_finite",
        es="Las coordenadas deben ser finitas",
        en="Coordinates must be finite numbers",
    ),
    T("coords_numbers", es="Las coordenadas deben ser números", en="Coordinates must be numbers"),
    T("lat_range", es="La latitud debe estar entre -90 y 90", en="Latitude must be in [-90, 90]"),
    T(
        "lon_range",
        es="La longitud debe ir de -180 a 180",
        en="Longitude must be in [-180, 180]",
    ),
    T(
        "polygon_needed",
        es="Se requiere un polígono (Polygon o MultiPolygon) no vacío",
        en="A non-empty Polygon or MultiPolygon is required",
    ),
    T(
        "polygon_invalid",
        es="El polígono no es válido: {reason}",
        en="The polygon is not valid: {reason}",
    ),
)
"""Arguments of the in-memory site index (:mod:`locator.index`, :mod:`locator.index_input`)."""

LOOKUP = register(
    "errors.lookup",
    T("no_consulate", es="No hay un consulado con id {id!r}", en="No consulate with id {id!r}"),
    T(
        "no_consulates",
        es="No hay consulados cargados; no se puede estimar la circunscripción consular",
        en="No consulate is loaded, so no consular region can be estimated",
    ),
    T(
        "not_in_county",
        es="El punto (lat {lat:g}, lon {lon:g}) no está en un condado de EE. UU.",
        en="The point (lat {lat:g}, lon {lon:g}) is not in a US county",
    ),
    T(
        "no_collection",
        es="No existe la colección {id!r}. Colecciones: {ids}",
        en="No collection {id!r}. Collections: {ids}",
    ),
)
"""Things looked up and not found (offices, collections, a point's county): 404s. An unknown
route says ``errors.api.no_route`` (the same words for the API and the maps)."""

MAPS = register(
    "errors.maps",
    T(
        "basemap_choice",
        es="basemap debe ser {offline} o {none}, no {basemap!r}",
        en="basemap must be {offline} or {none}, not {basemap!r}",
    ),
    T(
        "one_tile_source",
        es="Indique solo uno de tiles_url, mbtiles, pmtiles",
        en="Give only one of tiles_url, mbtiles, pmtiles",
    ),
    T(
        "tiles_url_placeholders",
        es="tiles_url solo admite los marcadores {{z}}, {{x}}, {{y}} (y {{s}}), "
        "no {{{{, {{% ni {{#",
        en="tiles_url may hold only {{z}}, {{x}}, {{y}} (and {{s}}) placeholders, "
        "not {{{{, {{% or {{#",
    ),
    T(
        "tiles_url_attribution",
        es="tiles_url necesita tiles_attribution (el crédito que exige el proveedor de mosaicos)",
        en="tiles_url needs tiles_attribution (the tile provider's required credit)",
    ),
    T("sites_frame", es="Los sitios deben ser un GeoDataFrame", en="Sites must be a GeoDataFrame"),
    T(
        "sites_no_point",
        es="{n} sitio(s) no tienen un punto como geometría",
        en="{n} site(s) have no point geometry",
    ),
    T(
        "query_lonlat",
        es="la consulta necesita lat y lon numéricas",
        en="query needs numeric lat and lon",
    ),
    T("expected_one", es="Se esperaba un(a) {what}, hay {n}", en="Expected one {what}, got {n}"),
    T("invalid_record", es="{what} no válido(a)", en="Invalid {what}"),
    T("record_office", es="oficina", en="office"),
    T("record_route", es="ruta", en="route"),
    T(
        "region_type",
        es="region debe ser una geometría shapely o un GeoDataFrame",
        en="region must be a shapely geometry or a GeoDataFrame",
    ),
    T(
        "tile_url_http",
        es="La URL de mosaicos debe ser http(s): {url!r}",
        en="Tile URL must be http(s): {url!r}",
    ),
    T("embed_url", es="URL de inserción no válida: {url!r}", en="Invalid embed URL: {url!r}"),
    T("ratio_range", es="ratio debe estar entre 0.1 y 3", en="ratio must be between 0.1 and 3"),
    T(
        "min_height_range",
        es="min_height debe estar entre 200 y 2000 px",
        en="min_height must be between 200 and 2000 px",
    ),
    T(
        "online_asset",
        es="Un elemento del mapa necesita un recurso en línea ({name}: {url}); no hay copia local",
        en="Map element needs an online resource ({name}: {url}); it has no offline copy",
    ),
    T(
        "tile_file_missing",
        es="No se encontró el archivo de mosaicos: {path}",
        en="Tile file not found: {path}",
    ),
    T(
        "tiles_unreadable",
        es="No se pueden leer mosaicos de {path}: {why}",
        en="Cannot read tiles from {path}: {why}",
    ),
    T("not_tiles", es="no es un archivo MBTiles ni PMTiles", en="not an MBTiles or PMTiles file"),
    T(
        "zoom_not_numbers",
        es="minzoom/maxzoom no son números: {error}",
        en="minzoom/maxzoom are not numbers: {error}",
    ),
)
"""The offline maps (:mod:`locator.maps`): basemap options, records, embeds, tile files."""

MOBILE = register(
    "errors.mobile",
    T("coords_range", es="Coordenadas fuera de rango", en="Coordinates out of range"),
    T(
        "point_range",
        es="Coordenadas fuera de rango: lon={lon}, lat={lat}",
        en="Coordinates out of range: lon={lon}, lat={lat}",
    ),
    T(
        "points_count",
        es="Indique de 1 a {max} puntos (se recibieron {n})",
        en="Give 1 to {max} points (got {n})",
    ),
    T(
        "start_index",
        es="start debe ser un índice menor que {n}",
        en="start must be an index below {n}",
    ),
    T(
        "detour_range",
        es="el factor de desvío debe estar entre 1.0 y 3.0",
        en="detour factor must be between 1.0 and 3.0",
    ),
    T(
        "population_column",
        es="los candidatos necesitan una columna {column!r}",
        en="candidates need a {column!r} column",
    ),
    T(
        "radius_n_range",
        es="radius_km debe estar en (0, 1000] y n >= 1",
        en="radius_km must be in (0, 1000] and n >= 1",
    ),
    T("route_no_stops", es="La ruta {id!r} no tiene paradas", en="Route {id!r} has no stops"),
    T("not_ics", es="No es un archivo iCalendar: {error}", en="Not an iCalendar file: {error}"),
    T("days_range", es="days debe estar entre 1 y {max}", en="days must be between 1 and {max}"),
    T(
        "date_range",
        es="Las fechas deben estar entre {lo} y {hi} (se recibió {moment})",
        en="Dates must be between {lo} and {hi} (got {moment})",
    ),
    T(
        "radius_range",
        es="radius_km debe estar en (0, {max:g}]",
        en="radius_km must be in (0, {max:g}]",
    ),
    T("route_no_geometry", es="La ruta no tiene geometría", en="The route has no geometry"),
)
"""Mobile units (:mod:`locator.mobile`): circuits, calendars, visits."""

WEB = register(
    "errors.web",
    T(
        "vector_tiles",
        es="{path}: tiene mosaicos vectoriales (MVT); solo se admiten mapas base ráster (mosaicos "
        "PNG, JPEG o WebP). Use un extracto ráster o convierta antes los vectores en imágenes.",
        en="{path}: holds vector tiles (MVT); only raster basemaps (PNG, JPEG or WebP tiles) "
        "are supported. Use a raster extract or render the vector tiles to images first.",
    ),
    T(
        "zoom_levels",
        es="{path}: los niveles de acercamiento {lo}-{hi} no son 0-24",
        en="{path}: zoom levels {lo}-{hi} are not 0-24",
    ),
    T(
        "no_tiles",
        es="{path}: no tiene mosaicos dentro de sus límites y niveles de acercamiento",
        en="{path}: has no tiles within its own bounds and zoom levels",
    ),
    T(
        "not_images",
        es="{path}: sus mosaicos no son imágenes PNG, JPEG o WebP (no se admiten "
        "mosaicos vectoriales o comprimidos)",
        en="{path}: its tiles are not PNG, JPEG or WebP images (vector or "
        "compressed tiles are not supported)",
    ),
    T(
        "online_template",
        es="los mosaicos en línea deben ser una plantilla http(s) con {{z}}, {{x}} y {{y}} "
        "(y opcionalmente {{s}}. al inicio del servidor), no {url!r}",
        en="online tiles must be an http(s) URL template with {{z}}, {{x}} and {{y}} (and "
        "optionally {{s}}. at the start of the host), not {url!r}",
    ),
    T(
        "online_attribution",
        es="los mosaicos en línea necesitan su atribución (el crédito que exige el proveedor)",
        en="online tiles need their attribution (the tile provider's required credit)",
    ),
    T(
        "online_max_zoom",
        es="el acercamiento máximo de los mosaicos en línea debe ser 1-24, no {n}",
        en="online tiles max zoom must be 1-24, not {n}",
    ),
)
"""The web export's basemaps (:mod:`locator.web.basemap`): user tile files, online tiles."""
