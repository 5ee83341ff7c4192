"""Texts of the HTTP API (problem titles and details, the OGC HTML pages): namespaces ``api``
and ``ogc``. They live here, not in ``api``, so the one catalog holds every text; nothing here
knows about HTTP beyond status numbers.

Examples
--------
>>> API["title.404"].get("es"), OGC["home"].get("en")
('No encontrado', 'Home')
"""

from __future__ import annotations

from geodata.i18n import T, register

__all__ = ["API", "OGC", "OGC_COLLECTIONS", "OGC_QUERYABLES"]

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
