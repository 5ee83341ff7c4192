"""Texts of the command line: namespace ``cli``; its own errors: ``errors.cli``.

Examples
--------
>>> CLI["nearest_head"].get("en")
'#|km|mi|kind|name|address|phone'
"""

from __future__ import annotations

from geodata.i18n import T, register

__all__ = ["CLI", "CLI_ERRORS"]

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
    T("undated", es="sin fecha", en="undated"),
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
