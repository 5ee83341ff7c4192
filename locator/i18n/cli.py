"""Texts of the command line: namespace ``cli``; its own errors: ``errors.cli``.

Examples
--------
>>> CLI["nearest_head"].get("en")
'#|km|mi|kind|name|address|phone'
"""

from __future__ import annotations

from geodata.i18n import T, register

__all__ = ["CLI", "CLI_ERRORS", "CLI_PLANNING"]

CLI = register(
    "cli",
    T(
        "nearest_head",
        es="#|km|mi|tipo|nombre|dirección|teléfono",
        en="#|km|mi|kind|name|address|phone",
    ),
    T("near", es="Cerca de", en="Near"),
    T("no_results", es="Sin resultados.", en="No results."),
    T("usage", es="Uso:", en="Usage:"),
    T("errors_head", es="fila|campo|mensaje", en="row|field|message"),
    T(
        "schedule_rows",
        es="schedule.*: fila del archivo --schedule; lo demás: fila/parada del GeoJSON",
        en="schedule.*: row of the --schedule file; others: stop number in the GeoJSON",
    ),
    T("path_written", es="{path} escrito", en="{path} written"),
    T("no_visits", es="No hay visitas en ese periodo.", en="No visits in that period."),
    T("stops", es="Paradas", en="Stops"),
    T("no_routes", es="No hay rutas.", en="No routes."),
    T("written", es="Escrito: {path} ({n} paradas)", en="Written: {path} ({n} stops)"),
    T("map_written", es="Mapa: {path}", en="Map: {path}"),
    T(
        "circuit",
        es=(
            "Actual: {current} km; propuesto: {proposed} km (línea recta); manejo estimado: "
            "{driving} km"
        ),
        en=(
            "Current: {current} km; proposed: {proposed} km (great-circle); driving estimate: "
            "{driving} km"
        ),
    ),
    T(
        "info_head",
        es="conjunto de datos {version}  ({n} sitios)",
        en="dataset {version}  ({n} sites)",
    ),
    T(
        "info_routes",
        es="  rutas {routes} ({illustrative} ilustrativas), paradas {stops}",
        en="  routes {routes} ({illustrative} illustrative), stops {stops}",
    ),
    T("sources", es="fuentes:", en="sources:"),
    T(
        "evidence_head",
        es="evidencia de los datos de los consulados:",
        en="evidence of the consulates' facts:",
    ),
    T("no_fact", es="sin dato", en="none"),
    T("of_which_undated", es="de ellos sin fecha", en="of which undated"),
    T("place", es="Lugar", en="Place"),
    T("office", es="Oficina", en="Office"),
    T("rule", es="regla", en="rule"),
    T("source", es="fuente", en="source"),
    T(
        "nearest_office",
        es="aproximación: oficina más cercana (ninguna regla citada nombra este condado)",
        en="approximation: nearest office (no sourced rule names this county)",
    ),
    T(
        "help_hint",
        es="Pruebe '{command} --help' para ver la ayuda.",
        en="Try '{command} --help' for help.",
    ),
    # said by every command
    T("aborted", es="Cancelado.", en="Aborted."),
    T(
        "cannot_use_file",
        es="no se puede usar el archivo{where}: {reason}",
        en="cannot use the file{where}: {reason}",
    ),
    T("row_n", es="fila {row}", en="row {row}"),
    # locator embed
    T(
        "bad_base_url",
        es="la dirección no es válida: {problem}",
        en="the address is invalid: {problem}",
    ),
    T(
        "relative_src",
        es=(
            "Aviso: el src del <iframe> es relativo ({url}) y solo funciona en páginas del mismo "
            "servidor del localizador. Indique --base-url https://su-servidor (o "
            "LOCATOR_PUBLIC_URL)."
        ),
        en=(
            "Warning: the <iframe> src is relative ({url}) and only works on pages of the "
            "locator's own server. Pass --base-url https://your-server (or set "
            "LOCATOR_PUBLIC_URL)."
        ),
    ),
    T(
        "relative_snippets",
        es=(
            "Aviso: fragmentos con src relativo (solo para páginas de esta carpeta); "
            "use --base-url."
        ),
        en=("Warning: snippets have a relative src (pages of this folder only); pass --base-url."),
    ),
    T("offices_progress", es="Oficinas", en="Offices"),
    # locator export-site, locator serve
    T("new_folder", es="indique una carpeta nueva", en="give a new folder"),
    T("only_with_online_tiles", es="solo con --online-tiles", en="only with --online-tiles"),
    T("street_basemap", es="mapa de calles", en="street basemap"),
    T("tiles_unit", es="mosaicos", en="tiles"),
    T(
        "basemap_capped",
        es=(
            "aviso: el mapa de calles pasa de {max_mb} MB; se copió hasta {deepest} (suba "
            "--basemap-max-mb para más detalle)"
        ),
        en=(
            "warning: the street basemap is over {max_mb} MB; copied up to {deepest} (raise "
            "--basemap-max-mb for more detail)"
        ),
    ),
    T(
        "online_tiles_on",
        es="mosaicos en línea activados: la página necesita internet para el mapa de calles",
        en="online tiles on: the page needs internet for its street map",
    ),
    T(
        "site_exported",
        es=(
            "{index}: {sites} sitios, {tiles} mosaicos, {user_tiles} de calles, {files} "
            "archivos, {mb} MB (datos {version})"
        ),
        en=(
            "{index}: {sites} sites, {tiles} tiles, {user_tiles} street, {files} files, "
            "{mb} MB (data {version})"
        ),
    ),
    T(
        "serving",
        es="API del localizador: {url}  (Ctrl+C para salir)",
        en="locator API: {url}  (Ctrl+C to quit)",
    ),
    # locator route-ics
    T("maps_unavailable", es="mapas no disponibles", en="maps unavailable"),
    # locator import
    T("more_not_shown", es="... {n} más sin mostrar", en="... {n} more not shown"),
    T("dry_run", es="SIMULACIÓN: no se escribió nada", en="DRY RUN: nothing written"),
    T("imported", es="importado", en="imported"),
    T("sum_routes", es="rutas", en="routes"),
    T("sum_stops", es="paradas", en="stops"),
    T("sum_rows_read", es="filas leídas", en="rows read"),
    T("sum_skipped", es="omitidas", en="skipped"),
    T("sum_inserted", es="insertados", en="inserted"),
    T("sum_updated", es="actualizados", en="updated"),
    T("sum_unchanged", es="sin cambios", en="unchanged"),
    T("sum_warnings", es="avisos", en="warnings"),
    T("n_more", es="{n} más", en="{n} more"),
    T(
        "routes_and_stops",
        es="rutas {routes}, paradas {stops}",
        en="routes {routes}, stops {stops}",
    ),
    T("official_changed", es="oficial cambiado", en="official changed"),
    T("dataset_version", es="versión {version}", en="version {version}"),
)
"""The CLI's own texts (the nearest table's header columns are ``|``-separated)."""

CLI_ERRORS = register(
    "errors.cli",
    T(
        "options_for",
        es="{first} y {second} son para `locator import {fmt}`",
        en="{first} and {second} are for `locator import {fmt}`",
    ),
    T(
        "output_is_store",
        es="{output} es el propio almacén; elija otro archivo de salida",
        en="{output} is the store itself; choose another output file",
    ),
    T(
        "one_of",
        es="Elija exactamente una opción: {options}",
        en="Choose exactly one of {options}",
    ),
    T(
        "embed_all_alone",
        es="--all DIR no admite OFICINA, --snippet ni -o",
        en="--all DIR takes no OFFICE, --snippet or -o",
    ),
    T(
        "embed_needs_office",
        es="Indique el id de una OFICINA (o --all DIR)",
        en="Give an OFFICE id (or --all DIR)",
    ),
    T(
        "route_not_found",
        es="No se encontró la ruta {route_id!r}. Rutas conocidas: {known}",
        en="Route not found: {route_id!r}. Known routes: {known}",
    ),
    T(
        "acs_or_proxy",
        es="--acs y --demand proxy se excluyen.",
        en="--acs and --demand proxy exclude each other.",
    ),
    T(
        "demand_file_is_zip",
        es="--demand-file es un archivo de población por ZIP: úselo con --level zip.",
        en="--demand-file is a ZIP population file: use it with --level zip.",
    ),
    T(
        "zip_needs_file",
        es="--level zip necesita --demand-file (CSV zip,population).",
        en="--level zip needs --demand-file (CSV zip,population).",
    ),
    T(
        "zip_file_only",
        es="--level zip toma su demanda solo de --demand-file.",
        en="--level zip takes its demand from --demand-file only.",
    ),
)
"""The CLI's own errors (option combinations); option names are fields, not words."""

CLI_PLANNING = register(
    "cli.planning",
    T("step.demand", es="demanda", en="demand"),
    T("step.model", es="modelo", en="model"),
    T("step.outputs", es="archivos", en="files"),
    T("step_unit", es="paso", en="step"),
    T("matrix_unit", es=" (unidad de la matriz)", en=" (matrix unit)"),
    T("unit.county", es="condados", en="counties"),
    T("unit.zip", es="ZIP", en="ZIP"),
    T(
        "beyond",
        es="Población a más de {km:g}{unit}: {people:,.0f} ({share:.1%}), {n} {places}",
        en="Population beyond {km:g}{unit}: {people:,.0f} ({share:.1%}), {n} {places}",
    ),
    T(
        "unreachable",
        es="Sin par en la matriz (inalcanzables, más allá de todo umbral): {n} {places}",
        en="No pair in the matrix (unreachable, beyond every threshold): {n} {places}",
    ),
    T("people.county", es="Nacidos en México", en="Mexico-born"),
    T("people.zip", es="Población del archivo", en="Population of the file"),
    T(
        "covered_within",
        es="{people} a {km:g}{unit} o menos de un sitio: {n:,.0f} ({share:.1%})",
        en="{people} within {km:g}{unit} of a site: {n:,.0f} ({share:.1%})",
    ),
    T(
        "offices_head",
        es="Por oficina (más cercana): personas, media y mediana ponderadas ({scale}), "
        "a más de {km:g}{unit}",
        en="Per (nearest) office: people, weighted mean and median ({scale}), beyond {km:g}{unit}",
    ),
    T(
        "territories",
        es="Huecos en territorios (en la lista, no en el PNG): {listed}",
        en="Gaps in territories (ranked, not on the PNG): {listed}",
    ),
    T("no_pair", es="sin par en la matriz", en="no pair in the matrix"),
    T(
        "unknown_beyond",
        es="Sin cifra de población a más de {km:g}{unit} (no se ordenan): {listed}",
        en="No population figure beyond {km:g}{unit} (not ranked): {listed}",
    ),
    T("covered", es="Cubiertos", en="Covered"),
    T(
        "build_matrix",
        es="Construya {columns} con su enrutador y úselo con {option}.",
        en="Build {columns} with your router and pass it as {option}.",
    ),
    T("pmedian_cost", es="Costo medio ponderado por persona", en="Population-weighted mean cost"),
    T(
        "lscp_needed",
        es="Sitios nuevos necesarios: {n}; sin cubrir: ",
        en="New sites needed: {n}; left uncovered: ",
    ),
)
"""What ``locator gaps`` and ``locator suggest`` print (``{unit}``: " km" or the matrix's)."""

CLI_USAGE = register(
    "cli.usage",
    T("not_one_of", es="{value} no es uno de {choices}.", en="{value} is not one of {choices}."),
    T("not_int", es="{value} no es un número entero.", en="{value} is not a valid integer."),
    T("not_float", es="{value} no es un número.", en="{value} is not a valid float."),
    T(
        "not_in_range",
        es="{value} no está en el rango {range}.",
        en="{value} is not in the range {range}.",
    ),
    T("no_such_path", es="{path} no existe.", en="File {path} does not exist."),
    T("is_directory", es="{path} es una carpeta.", en="File {path} is a directory."),
    T("not_bool", es="{value} no es sí/no (true/false).", en="{value} is not a valid boolean."),
    T("no_such_option", es="No existe la opción {option}.", en="No such option: {option}"),
    T("did_you_mean", es=" ¿Quiso decir {options}?", en=" Did you mean {options}?"),
    T("missing_argument", es="Falta el argumento {hint}.", en="Missing argument {hint}."),
    T("missing_option", es="Falta la opción {hint}.", en="Missing option {hint}."),
    T(
        "bad_value",
        es="Valor no válido para {hint}: {reason}",
        en="Invalid value for {hint}: {reason}",
    ),
    T(
        "needs_value",
        es="La opción {option} necesita un valor.",
        en="Option {option} requires an argument.",
    ),
    T("no_such_command", es="No existe el comando {command}.", en="No such command {command}."),
    T("extra_args", es="Sobran argumentos: {args}.", en="Got unexpected extra arguments ({args})"),
    T("other", es="Uso incorrecto (mensaje de click): {message}", en="{message}"),
)
"""click's usage errors as the CLI says them (``locator.cli.usage``): ``en`` is click's own
wording (the English output is click's text itself), ``es`` its translation, built from the
exception's fields (``other``: click's text of the rest, under a Spanish heading)."""
