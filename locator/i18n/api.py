"""Texts of the HTTP API (problem titles and details, the OGC HTML pages, the API's error
messages): namespaces ``api``, ``ogc`` and ``errors.api``. They live here, not in ``api``, so
the one catalog holds every text; nothing here knows about HTTP beyond status numbers.

Examples
--------
>>> API["title.404"].get("es"), OGC["home"].get("en")
('No encontrado', 'Home')
>>> invalid_param("limit", API_ERRORS["reason.at_least"].fill(low=1)).get("en")
"Invalid 'limit': must be at least 1"
"""

from __future__ import annotations

from geodata.i18n import T, register

__all__ = ["API", "API_ERRORS", "OGC", "OGC_COLLECTIONS", "OGC_QUERYABLES", "invalid_param"]

API = register(
    "api",
    T("title.400", es="Solicitud no válida", en="Bad request"),
    T("title.401", es="Falta la clave de la API o no es válida", en="Missing or invalid API key"),
    T("title.403", es="Prohibido", en="Forbidden"),
    T("title.404", es="No encontrado", en="Not found"),
    T("title.405", es="Método no permitido", en="Method not allowed"),
    T("title.406", es="No aceptable", en="Not acceptable"),
    T("title.409", es="Conflicto", en="Conflict"),
    T("title.413", es="Contenido demasiado grande", en="Payload too large"),
    T("title.415", es="Tipo de contenido no admitido", en="Unsupported media type"),
    T("title.422", es="Datos no válidos", en="Unprocessable content"),
    T("title.429", es="Demasiadas solicitudes", en="Too many requests"),
    T("title.500", es="Error interno", en="Internal server error"),
    T("title.503", es="Servicio no disponible", en="Service unavailable"),
    T("title.507", es="Espacio de almacenamiento insuficiente", en="Insufficient storage"),
    T("title.other", es="Error", en="Error"),
    T("detail.404", es="No existe ese recurso: {path}", en="No such resource: {path}"),
    T(
        "detail.405",
        es="Método {method} no permitido en {path}",
        en="Method {method} not allowed on {path}",
    ),
    T(
        "detail.validation",
        es="Parámetros de la solicitud no válidos: {fields}. Vea 'errors' para cada problema.",
        en="Invalid request parameters: {fields}. See 'errors' for each problem.",
    ),
    T(
        "detail.cors_refused",
        es=(
            "No se permiten solicitudes {method} desde otro origen ({reason}); otros sitios solo "
            "pueden usar {allowed}."
        ),
        en=(
            "Cross-origin {method} requests are not allowed here ({reason}); other sites may only "
            "use {allowed}."
        ),
    ),
    T(
        "detail.over_time_budget",
        es=(
            "La solicitud tardó más que su límite de {budget} s y se detuvo; intente de nuevo en "
            "un momento."
        ),
        en="The request took longer than its {budget} s budget and was stopped; try again shortly.",
    ),
    T(
        "detail.internal",
        es="Ocurrió un error inesperado; quedó registrado.",
        en="An unexpected error occurred; it has been logged.",
    ),
)
"""Problem-details titles (``title.<status>``) and details of the API's own errors."""

OGC = register(
    "ogc",
    T("breadcrumb", es="Ruta de navegación", en="Breadcrumb"),
    T("links", es="Enlaces", en="Links"),
    T("home", es="Inicio", en="Home"),
    T("collections", es="Colecciones", en="Collections"),
    T("items", es="Elementos", en="Items"),
    T("json", es="Esta página en JSON", en="This page as JSON"),
    T("geojson", es="Esta página en GeoJSON", en="This page as GeoJSON"),
    T("next", es="Página siguiente", en="Next page"),
    T("prev", es="Página anterior", en="Previous page"),
    T("queryables", es="Propiedades para filtrar", en="Properties to filter on"),
    T("api", es="Definición de la API (OpenAPI 3.0)", en="API definition (OpenAPI 3.0)"),
    T("conformance", es="Clases de conformidad", en="Conformance classes"),
    T("count", es="Número de elementos", en="Number of items"),
    T("extent", es="Extensión (CRS84)", en="Extent (CRS84)"),
    T("matched", es="Elementos encontrados", en="Items found"),
    T("shown", es="Elementos en esta página", en="Items on this page"),
    T("id", es="Identificador", en="Identifier"),
    T("name", es="Nombre", en="Name"),
    T("city", es="Ciudad", en="City"),
    T("state", es="Estado", en="State"),
    T("kind", es="Tipo", en="Kind"),
    T("precision", es="Precisión de la ubicación", en="Location precision"),
    T("collection", es="Colección", en="Collection"),
    T("title", es="Título", en="Title"),
    T("description", es="Descripción", en="Description"),
    T("coordinates", es="Coordenadas (lon, lat)", en="Coordinates (lon, lat)"),
    T("none", es="—", en="—"),
    T("yes", es="sí", en="yes"),
    T("no", es="no", en="no"),
    T(
        "landing",
        es="Consulados, Ventanillas de Salud y clínicas (OGC API - Features)",
        en="Consulates, health desks and clinics (OGC API - Features)",
    ),
    T(
        "landing_text",
        es=(
            "Sitios de atención a la comunidad mexicana en EE. UU. Cada sitio indica qué tan "
            "exacta es su ubicación."
        ),
        en=(
            "Sites serving the Mexican community in the US. Each site states how exact its "
            "location is."
        ),
    ),
)
"""Labels of the OGC API's HTML pages."""

OGC_COLLECTIONS = register(
    "ogc_collection",
    T(
        "consulate",
        es="Consulados de México en Estados Unidos.",
        en="Mexican consulates in the US.",
    ),
    T(
        "vds",
        es="Ventanillas de Salud (VDS) en los consulados de México.",
        en="Health desks (Ventanillas de Salud, VDS) at Mexican consulates.",
    ),
    T(
        "vds_mobile",
        es="Unidades móviles de Ventanilla de Salud.",
        en="Mobile health-desk (VDS) units.",
    ),
    T("clinic", es="Clínicas comunitarias (centros de salud).", en="Community health clinics."),
    T(
        "precision",
        es="Cada sitio indica qué tan exacta es su ubicación (location_precision).",
        en="Each site states how exact its location is (location_precision).",
    ),
    T("routes_title", es="Rutas de unidades móviles", en="Mobile-unit routes"),
    T(
        "routes",
        es=(
            "Rutas de las unidades móviles (LineString) con sus paradas; las rutas ilustrativas "
            "lo indican."
        ),
        en="Routes of the mobile units (LineString) with their stops; illustrative routes say so.",
    ),
)
"""Descriptions of the OGC API's feature collections (one per kind, plus ``routes``)."""

OGC_QUERYABLES = register(
    "ogc_queryable",
    OGC["id"],
    OGC["name"],
    OGC["city"],
    OGC["precision"].under("location_precision"),
    T("kind", es="Tipo de sitio", en="Kind of site"),
    T("state", es="Estado (código USPS o nombre)", en="State (USPS code or name)"),
    T("postal_code", es="Código postal", en="ZIP code"),
    T("parent_id", es="Sitio principal", en="Parent site"),
    T("verified", es="Verificado", en="Verified"),
    T("illustrative", es="Ilustrativo", en="Illustrative"),
    T("mobile", es="Móvil (no es lugar de atención sin cita)", en="Mobile (not a walk-in place)"),
    T("services", es="Servicios", en="Services"),
    T("languages", es="Idiomas", en="Languages"),
    T("unit_id", es="Unidad móvil", en="Mobile unit"),
)
"""Titles of the OGC API's queryable properties (the shared ones are the pages' labels)."""

API_ERRORS = register(
    "errors.api",
    T(
        "invalid_param",
        es="'{name}' no válido: {reason}",
        en="Invalid '{name}': {reason}",
    ),
    T("reason.allowed", es="valores permitidos: {values}", en="allowed values: {values}"),
    T("reason.whole_number", es="debe ser un número entero", en="must be a whole number"),
    T("reason.at_least", es="debe ser al menos {low}", en="must be at least {low}"),
    T("reason.at_most", es="debe ser como máximo {high}", en="must be at most {high}"),
    T(
        "reason.datetime",
        es="se esperaba una fecha-hora RFC 3339 o un intervalo como 2024-01-01T00:00:00Z/..",
        en="expected an RFC 3339 date-time or interval such as 2024-01-01T00:00:00Z/..",
    ),
    T("reason.boolean", es="se esperaba true o false", en="expected true or false"),
    T(
        "reason.state",
        es="no es un código ni un nombre de estado de EE. UU.",
        en="not a US state code or name",
    ),
    T("reason.sortable", es="propiedades ordenables: {names}", en="sortable properties: {names}"),
    T(
        "unknown_params",
        es="Parámetro(s) desconocido(s): {unknown}. Permitidos: {allowed}",
        en="Unknown query parameter(s): {unknown}. Allowed: {allowed}",
    ),
    T(
        "repeated_params",
        es="Indique cada parámetro una sola vez: {repeated}",
        en="Give each parameter once: {repeated}",
    ),
    T(
        "need_point",
        es="Indique q (un lugar) o bien lat y lon.",
        en="Give either q (a place) or both lat and lon.",
    ),
    T("point_twice", es="Indique q o lat/lon, no ambos.", en="Give q or lat/lon, not both."),
    T("no_route", es="No hay una ruta con id {route_id!r}", en="No route with id {route_id!r}"),
    T("no_site", es="No hay un sitio con id {site_id!r}", en="No site with id {site_id!r}"),
    T(
        "no_feature",
        es="No hay un elemento {feature!r} en la colección {collection!r}",
        en="No feature {feature!r} in collection {collection!r}",
    ),
    T("no_tile_set", es="No hay mosaicos llamados {name!r}", en="No tile set named {name!r}"),
    T(
        "tile_set_unavailable",
        es="Los mosaicos {name!r} no están disponibles",
        en="Tile set {name!r} is not available",
    ),
    T("no_tile", es="No hay mosaico {z}/{x}/{y} en {name!r}", en="No tile {z}/{x}/{y} in {name!r}"),
    T("no_file", es="No existe el archivo: {path}", en="No such file: {path}"),
    T(
        "writes_disabled",
        es="Las escrituras están desactivadas en este servidor (no hay LOCATOR_API_KEY).",
        en="Writes are disabled on this server (no LOCATOR_API_KEY is set).",
    ),
    T(
        "wrong_key",
        es="Falta la clave de la API o no es correcta: envíe X-API-Key o Authorization: Bearer.",
        en="Missing or wrong API key: send X-API-Key or Authorization: Bearer.",
    ),
    T(
        "too_many_wrong_keys",
        es=(
            "Demasiadas claves de la API erróneas desde este cliente; intente de nuevo en {wait} s."
        ),
        en="Too many wrong API keys from this client; try again in {wait} s.",
    ),
    T(
        "too_large",
        es="El archivo supera el límite de {mb:g} MB ({limit:,} bytes).",
        en="The upload exceeds the limit of {mb:g} MB ({limit:,} bytes).",
    ),
    T(
        "bad_multipart",
        es="Formulario multipart mal formado: {reason}",
        en="Malformed multipart upload: {reason}",
    ),
    T(
        "no_file_field",
        es="El formulario necesita un campo 'file' con el archivo.",
        en="The form needs a 'file' field with the file.",
    ),
    T("empty_upload", es="El archivo subido está vacío.", en="The uploaded file is empty."),
    T(
        "import_running",
        es="Hay otra importación en curso; intente de nuevo en {retry} s.",
        en="Another import is running; try again in {retry} s.",
    ),
)
"""The API's error messages (``invalid_param`` says which parameter, a ``reason.*`` why)."""


def invalid_param(name: str, reason: T) -> T:
    """``errors.api.invalid_param`` for the parameter ``name``, ``reason`` in each language.

    >>> invalid_param("f", API_ERRORS["reason.allowed"].fill(values="json, html")).get("es")
    "'f' no válido: valores permitidos: json, html"
    """
    return API_ERRORS["invalid_param"].fill(name=name, reason=reason)


API_VALIDATION = register(
    "api.validation",
    T("missing", es="falta este parámetro", en="Field required"),
    T(
        "greater_than_equal",
        es="debe ser mayor o igual que {ge}",
        en="Input should be greater than or equal to {ge}",
    ),
    T(
        "less_than_equal",
        es="debe ser menor o igual que {le}",
        en="Input should be less than or equal to {le}",
    ),
    T("greater_than", es="debe ser mayor que {gt}", en="Input should be greater than {gt}"),
    T("less_than", es="debe ser menor que {lt}", en="Input should be less than {lt}"),
    T(
        "int_parsing",
        es="debe ser un número entero",
        en="Input should be a valid integer, unable to parse string as an integer",
    ),
    T(
        "float_parsing",
        es="debe ser un número",
        en="Input should be a valid number, unable to parse string as a number",
    ),
    T("finite_number", es="debe ser un número finito", en="Input should be a finite number"),
    T(
        "bool_parsing",
        es="debe ser true o false",
        en="Input should be a valid boolean, unable to interpret input",
    ),
    T("literal_error", es="debe ser uno de: {expected}", en="Input should be {expected}"),
    T("enum", es="debe ser uno de: {expected}", en="Input should be {expected}"),
    T("string_too_short", es="es demasiado corto", en="String is too short"),
    T(
        "string_too_long",
        es="es demasiado largo (máximo {max_length} caracteres)",
        en="String should have at most {max_length} characters",
    ),
    T(
        "string_pattern_mismatch",
        es="no tiene el formato esperado",
        en="String does not match the expected pattern",
    ),
    T("invalid", es="valor no válido", en="invalid value"),
)
"""pydantic's validation messages of a request (by pydantic's error ``type``; ``invalid``: any
other). The English response is pydantic's own ``msg``; ``en`` here is its wording, without the
fields the Spanish does not say (``min_length``, ``pattern``, a plural's ``s``)."""
