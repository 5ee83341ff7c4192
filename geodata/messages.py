"""The texts of geodata's errors (importers, stores, validation...): namespaces ``errors.*``.

Every error geodata raises says its words through an entry here, filled in at the raise site
(``raise InvalidInputError(IMPORT["bad_row"].fill(row=n), detail=...)``); the catalog core is
:mod:`geodata.i18n`, and :mod:`locator.i18n` loads these entries with every other area's.
"""

from __future__ import annotations

from geodata.i18n import T, register

__all__ = ["ACS", "EXPORT", "HSDS", "IMPORT", "PLACE", "SCHEDULE", "STORE", "VALIDATE", "ZIP"]

EXPORT = register(
    "errors.export",
    T(
        "unknown_format",
        es="Formato de exportación desconocido {fmt!r}. Permitidos: {allowed}",
        en="Unknown export format {fmt!r}. Allowed: {allowed}",
    ),
    T(
        "path_is_folder",
        es="{path} es una carpeta; indique un nombre de archivo (p. ej. sitios.{fmt})",
        en="{path} is a folder; give a file name (e.g. sites.{fmt})",
    ),
    T(
        "folder_not_empty",
        es="{path} existe y no es una carpeta vacía: un paquete HSDS necesita una carpeta nueva",
        en="{path} exists and is not an empty folder: an HSDS package needs a new folder",
    ),
    T(
        "format_mismatch",
        es=(
            "--format {fmt} no coincide con el nombre de archivo {name!r} ({guessed}); "
            "cambie uno de los dos"
        ),
        en="--format {fmt} does not match the file name {name!r} ({guessed}); change one of them",
    ),
    T(
        "format_unknown",
        es=(
            "No se sabe el formato de {name!r}: indique --format, o un nombre de archivo "
            "terminado en {allowed}"
        ),
        en="Cannot tell the format of {name!r}: give --format, or a file name ending in {allowed}",
    ),
)

PLACE = register(
    "errors.place",
    T(
        "coords_range",
        es=(
            "Coordenadas fuera de rango: la latitud va de -90 a 90 y la longitud de -180 a "
            "180 (se recibió {lat}, {lon})."
        ),
        en=(
            "Coordinates out of range: latitude must be -90..90, longitude -180..180 (got "
            "{lat}, {lon})."
        ),
    ),
    T("not_zip", es="No es un código postal: {code!r}.", en="Not a ZIP code: {code!r}."),
    T("unknown_state", es="Estado desconocido: {state!r}.", en="Unknown state: {state!r}."),
    T("empty_query", es="La búsqueda de lugar está vacía.", en="Empty place query."),
    T(
        "query_too_long",
        es="La búsqueda tiene más de {max_chars} caracteres.",
        en="Place query longer than {max_chars} characters.",
    ),
    T(
        "query_no_letters",
        es="La búsqueda de lugar no tiene letras ni números.",
        en="The place query has no letters or digits.",
    ),
    T(
        "zip_not_found",
        es="No encontramos el código postal {code}.",
        en="ZIP code {code} not found.",
    ),
    T(
        "route_incomplete",
        es="Solo {n} lugares de la ruta ilustrativa {key} están en el nomenclátor",
        en="Only {n} places of the illustrative {key} route are in the gazetteer",
    ),
    T(
        "not_found",
        es="No encontramos el lugar {text!r}.{hint}",
        en="No place found for {text!r}.{hint}",
    ),
    T("did_you_mean", es=" ¿Quiso decir: {names}?", en=" Did you mean: {names}?"),
)

IMPORT = register(
    "errors.import",
    T(
        "unknown_format",
        es="Formato de importación desconocido {fmt!r}. Permitidos: {allowed}",
        en="Unknown import format {fmt!r}. Allowed: {allowed}",
    ),
    T(
        "nested_too_deep",
        es="{fmt}: el archivo está anidado en exceso para leerlo.",
        en="{fmt}: the file is nested too deeply to read.",
    ),
    T("cannot_read", es="No se puede leer {path}: {reason}", en="Cannot read {path}: {reason}"),
    T(
        "file_too_large",
        es=(
            "Archivo demasiado grande: {size:,} bytes, el límite es {max_bytes:,} ({mb:g} "
            "MB). Divida el archivo o suba el límite de tamaño."
        ),
        en=(
            "File too large: {size:,} bytes, the limit is {max_bytes:,} ({mb:g} MB). Split "
            "the file or raise the size limit."
        ),
    ),
    T(
        "csv_unreadable",
        es="{what}: no es un archivo CSV legible (fila {row}: {exc}).",
        en="{what}: not a readable CSV file (row {row}: {exc}).",
    ),
    T(
        "row_problems",
        es=(
            "{what}: {count} problemas en {rows} filas; no se importó nada. Corrija las "
            "filas indicadas y vuelva a ejecutar."
        ),
        en=(
            "{what}: {count} problems in {rows} rows; nothing was imported. Fix the rows "
            "listed and run again."
        ),
    ),
    T("empty_file", es="El archivo está vacío.", en="The file is empty."),
    T(
        "json_too_deep",
        es="{what}: listas/objetos anidados {depth:,} niveles; como máximo {max_depth}.",
        en="{what}: arrays/objects nested {depth:,} levels deep; at most {max_depth}.",
    ),
    T(
        "no_sites",
        es="{what}: no hay sitios para importar (filas leídas: {rows_read}, omitidas: {skipped}).",
        en="{what}: no site to import (rows read: {rows_read}, skipped: {skipped}).",
    ),
    T(
        "empty_header",
        es="{what}: la primera fila (encabezado) está vacía.",
        en="{what}: the first row (header) is empty.",
    ),
    T(
        "missing_columns",
        es="{what}: encabezado incorrecto, faltan columnas: {missing}.",
        en="{what}: wrong header, missing columns: {missing}.",
    ),
    T(
        "path_is_folder",
        es="{path} es una carpeta, no un archivo",
        en="{path} is a folder, not a file",
    ),
    T("file_not_found", es="No se encontró el archivo: {path}", en="File not found: {path}"),
    T(
        "unknown_encoding",
        es="Codificación desconocida {encoding!r}.",
        en="Unknown encoding {encoding!r}.",
    ),
    T(
        "bad_encoding",
        es=(
            "El archivo no es {encoding} válido: byte 0x{bad} en la posición {start} (línea "
            "{line}). Si lo guardó Excel o un sistema antiguo, pruebe la codificación "
            "(encoding) latin-1 (o cp1252)."
        ),
        en=(
            "The file is not valid {encoding}: byte 0x{bad} at position {start} (line "
            "{line}). If it was saved by Excel or an older system, try encoding latin-1 (or "
            "cp1252)."
        ),
    ),
    T(
        "number_too_long",
        es="{what}: un número con {digits:,} dígitos; como máximo {max_digits}.",
        en="{what}: a number with {digits:,} digits; at most {max_digits}.",
    ),
    T(
        "json_invalid",
        es="{what}: no es JSON válido (línea {lineno}, columna {colno}: {msg}).",
        en="{what}: not valid JSON (line {lineno}, column {colno}: {msg}).",
    ),
    T("json_nested", es="{what}: anidado en exceso.", en="{what}: nested too deeply."),
    T(
        "binary_mode",
        es="Abra el archivo en modo binario ('rb').",
        en="Open the file in binary mode ('rb').",
    ),
    T(
        "too_many_rows",
        es=(
            "{what}: más de {max_rows:,} filas de datos; divida el archivo o suba el límite "
            "de filas."
        ),
        en="{what}: more than {max_rows:,} data rows; split the file or raise the row limit.",
    ),
    T(
        "geojson_not_collection",
        es="GeoJSON: se esperaba una FeatureCollection, se recibió {got!r}.",
        en="GeoJSON: expected a FeatureCollection, got {got!r}.",
    ),
    T(
        "geojson_features_array",
        es="GeoJSON: 'features' debe ser una lista.",
        en="GeoJSON: 'features' must be an array.",
    ),
    T(
        "geojson_too_many",
        es="GeoJSON: más de {max_rows:,} elementos; divida el archivo o suba el límite.",
        en="GeoJSON: more than {max_rows:,} features; split the file or raise the limit.",
    ),
    T(
        "crs_not_wgs84",
        es="{what}: las coordenadas deben ser longitud/latitud WGS84 (RFC 7946); crs es {name}.",
        en="{what}: coordinates must be WGS84 longitude/latitude (RFC 7946); crs is {name}.",
    ),
    T(
        "stops_not_collection",
        es="{what}: se esperaba una FeatureCollection GeoJSON de paradas",
        en="{what}: expected a GeoJSON FeatureCollection of stops",
    ),
    T(
        "too_many_stops",
        es="{what}: más de {max_rows:,} paradas",
        en="{what}: more than {max_rows:,} stops",
    ),
    T(
        "schedule_columns",
        es="{what}: el horario necesita columnas stop_id y rrule, o location_id y freq (HSDS)",
        en="{what}: the schedule needs stop_id and rrule columns, or HSDS location_id and freq",
    ),
    T(
        "coordinate_column",
        es="CSV: {problem} columna(s) de {what}; use exactamente una de: {names}.",
        en="CSV: {problem} {what} column; name exactly one of: {names}.",
    ),
    T("no_column", es="ninguna", en="no"),
    T("several_columns", es="varias ({columns})", en="several ({columns})"),
)

ACS = register(
    "errors.acs",
    T(
        "several_mexico_columns",
        es="Varias columnas tienen la etiqueta del estimado de nacidos en México: {columns}.",
        en="Several columns are labelled as the Mexico-born estimate: {columns}.",
    ),
    T(
        "no_mexico_column",
        es=(
            "Ninguna columna tiene la etiqueta del estimado de nacidos en México "
            "('Estimate!!...!!Central America:!!Mexico'). ¿Es la tabla B05006?"
        ),
        en=(
            "No column is labelled as the Mexico-born estimate ('Estimate!!...!!Central "
            "America:!!Mexico'). Is this table B05006?"
        ),
    ),
    T(
        "variables_format",
        es=(
            "variables.json no tiene el formato de la API del Censo ({{'variables': "
            "{{código: {{'label': ...}}}}}})."
        ),
        en=(
            "variables.json is not in the Census API format ({{'variables': {{code: "
            "{{'label': ...}}}}}})."
        ),
    ),
    T(
        "problems",
        es="El archivo ACS tiene {n} problema(s); no se importó nada.",
        en="The ACS file has {n} problem(s); nothing was imported.",
    ),
    T(
        "no_county_rows",
        es="El archivo ACS no tiene filas de condados.",
        en="The ACS file has no county rows.",
    ),
    T(
        "api_not_rows",
        es="El JSON de la API del Censo debe ser una lista de filas con el encabezado primero.",
        en="Census API JSON must be a list of rows with the header first.",
    ),
    T(
        "api_missing_column",
        es="La respuesta de la API no tiene la columna {columns}: pida {query}.",
        en="The API response has no {columns} column: request {query}.",
    ),
    T(
        "api_no_labels",
        es=(
            "El JSON de la API del Censo no trae etiquetas: dé su variables.json "
            "(--acs-variables) o nombre la variable de México (--variable B05006_160E en "
            "2023; el número cambia cada año)."
        ),
        en=(
            "Census API JSON has no labels: give its variables.json (--acs-variables) or "
            "name the Mexico variable (--variable B05006_160E for 2023; the number changes "
            "by year)."
        ),
    ),
    T(
        "not_census_csv",
        es=(
            "No es un CSV de data.census.gov: la primera fila debe tener los códigos "
            "(GEO_ID, NAME, B05006_...) y la segunda sus etiquetas."
        ),
        en=(
            "Not a data.census.gov CSV: the first row must hold codes (GEO_ID, NAME, "
            "B05006_...) and the second row their labels."
        ),
    ),
    T(
        "variable_not_column",
        es="La variable {variable} no es una columna del archivo (columnas: {cols}).",
        en="Variable {variable} is not a column of the file (columns: {cols}).",
    ),
    T(
        "invalid_json",
        es="{name} no es JSON válido (línea {lineno}): {msg}",
        en="{name} is not valid JSON (line {lineno}): {msg}",
    ),
    T("label_row", es="la fila de etiquetas del archivo", en="the file's label row"),
    T(
        "not_mexico_variable",
        es=(
            "{where} da a {variable} la etiqueta {label!r}, que no es el estimado de "
            "nacidos en México (…!!{leaf}). Quite --variable para buscarla "
            "por su etiqueta, o añada --force-variable si está seguro."
        ),
        en=(
            "{where} labels {variable} as {label!r}, not the Mexico-born estimate "
            "(…!!{leaf}). Leave out --variable to find it by label, or add "
            "--force-variable if you are sure."
        ),
    ),
)

ZIP = register(
    "errors.zip",
    T(
        "too_many_entries",
        es="{what}: el zip tiene {n:,} entradas; como máximo {MAX_MEMBERS:,}.",
        en="{what}: the zip lists {n:,} entries; at most {MAX_MEMBERS:,}.",
    ),
    T(
        "unsafe_paths",
        es=(
            "{what}: el zip tiene entradas fuera del paquete (rutas absolutas o '..'); no "
            "se leyó nada: {names}"
        ),
        en=(
            "{what}: the zip has entries outside the package (absolute paths or '..'); "
            "nothing was read: {names}"
        ),
    ),
    T(
        "encrypted",
        es="{what}: {name} está cifrado; envíe el paquete sin contraseña.",
        en="{what}: {name} is encrypted; send the package without a password.",
    ),
    T(
        "compression",
        es="{what}: {name} usa el método de compresión {method}, que no se admite ({allowed}).",
        en="{what}: {name} uses compression method {method}, which is not supported ({allowed}).",
    ),
    T(
        "size_mismatch",
        es="{what}: {name} contiene {size:,} bytes pero declara {file_size:,}.",
        en="{what}: {name} holds {size:,} bytes but declares {file_size:,}.",
    ),
    T(
        "too_large",
        es=(
            "{what}: los archivos del zip suman al menos {size:,} bytes sin comprimir; el "
            "límite es {max_bytes:,}."
        ),
        en=(
            "{what}: the files in the zip total at least {size:,} bytes uncompressed; the "
            "limit is {max_bytes:,}."
        ),
    ),
    T(
        "not_zip",
        es="{what}: no es un archivo .zip legible ({exc}).",
        en="{what}: not a readable .zip file ({exc}).",
    ),
    T(
        "damaged",
        es="{what}: {name} está dañado ({exc}); no se leyó nada.",
        en="{what}: {name} is damaged ({exc}); nothing was read.",
    ),
)

HSDS = register(
    "errors.hsds",
    T("unknown_kind", es="Tipo desconocido {given!r}.", en="Unknown kind {given!r}."),
    T(
        "no_locations",
        es=(
            "HSDS: el paquete no tiene locations.csv (ni {file}, ni un recurso {resource} en "
            "datapackage.json)."
        ),
        en=(
            "HSDS: the package has no locations.csv (nor {file}, nor a {resource} resource in "
            "datapackage.json)."
        ),
    ),
    T(
        "not_zip",
        es="HSDS: los datos no son un archivo .zip; envíe los CSV del paquete en un archivo .zip.",
        en="HSDS: the data is not a .zip file; send the package's CSV files as one .zip file.",
    ),
    T(
        "too_large",
        es="HSDS: los CSV del paquete suman {total:,} bytes, el límite es {max_bytes:,}.",
        en="HSDS: the package's CSV files total {total:,} bytes, the limit is {max_bytes:,}.",
    ),
    T(
        "no_resources",
        es="HSDS: {name} no tiene una lista de recursos (resources).",
        en="HSDS: {name} has no list of resources.",
    ),
    T(
        "folder_or_zip",
        es="HSDS: indique una carpeta o un .zip con los CSV del paquete.",
        en="HSDS: give a folder or a .zip of the package's CSV files.",
    ),
    T(
        "invalid_json",
        es="HSDS: {name} no es JSON válido: {error}",
        en="HSDS: {name} is not valid JSON: {error}",
    ),
    T(
        "hsds_1x",
        es=(
            "Paquete HSDS 1.x ({found}): locator lee HSDS 3.0 (addresses.csv, schedules.csv...). "
            "Conviértalo a HSDS 3.0 ({renames}) e impórtelo de nuevo."
        ),
        en=(
            "HSDS 1.x package ({found}): locator reads HSDS 3.0 (addresses.csv, schedules.csv...). "
            "Convert it to HSDS 3.0 ({renames}) and import again."
        ),
    ),
    T(
        "package_version",
        es="versión {version} en datapackage.json",
        en="datapackage.json version {version}",
    ),
)

SCHEDULE = register(
    "errors.schedule",
    T("until_not_date", es="UNTIL={value} no es una fecha", en="UNTIL={value} is not a date"),
    T(
        "start_has_offset",
        es="el inicio {text!r} debe ser hora local, sin desfase UTC",
        en="start {text!r} must be local wall time, without a UTC offset",
    ),
    T(
        "start_year_range",
        es="año de inicio {year} fuera de {min_year}-{max_year}",
        en="start year {year} out of range {min_year}-{max_year}",
    ),
    T("missing_rrule", es="falta la RRULE", en="missing RRULE"),
    T(
        "freq_allowed",
        es="FREQ debe ser {allowed} (se recibió {freq!r})",
        en="FREQ must be one of {allowed} (got {freq!r})",
    ),
    T(
        "part_range",
        es="{key}={value} debe ser un entero de {low} a {high}",
        en="{key}={value} must be a whole number from {low} to {high}",
    ),
    T(
        "duration_range",
        es="la duración {duration_minutes!r} debe ser de 1 a {max_minutes} min",
        en="duration {duration_minutes!r} must be 1-{max_minutes} minutes",
    ),
    T("holidays_dates", es="los días feriados deben ser fechas", en="holidays must be dates"),
    T(
        "no_visit",
        es="la regla no produce ninguna visita en los diez años siguientes a su inicio",
        en="the rule produces no visit within ten years of its start",
    ),
    T(
        "unknown_timezone",
        es="zona horaria IANA desconocida {text!r}",
        en="unknown IANA timezone {text!r}",
    ),
    T(
        "start_not_local",
        es="el inicio {text!r} no es una hora local 'AAAA-MM-DDTHH:MM'",
        en="start {text!r} is not a local time 'YYYY-MM-DDTHH:MM'",
    ),
    T("malformed_part", es="parte mal formada {part!r}", en="malformed part {part!r}"),
    T("part_twice", es="{key} aparece dos veces", en="{key} given twice"),
    T(
        "several_times",
        es="{key} indica varias horas al día; a lo sumo una visita diaria",
        en="{key} lists several times a day; one visit a day at most",
    ),
    T(
        "until_range",
        es="UNTIL={value} es anterior al inicio o posterior a {max_year}",
        en="UNTIL={value} is before the start or after {max_year}",
    ),
    T(
        "exdate_not_date",
        es="fecha excluida {text!r} no válida",
        en="exclusion date {text!r} is not a date",
    ),
    T(
        "unreadable_rule",
        es="no se puede leer la regla {rule_part!r} ({exc})",
        en="cannot read rule {rule_part!r} ({exc})",
    ),
    T("unexpected_line", es="línea inesperada {text!r}", en="unexpected line {text!r}"),
    T("one_rrule", es="solo se permite una RRULE", en="only one RRULE is allowed"),
    T("invalid", es="Horario no válido: {problem}", en="Invalid schedule: {problem}"),
)

STORE = register(
    "errors.store",
    T(
        "invalid_rows",
        es="{n} filas no válidas; no se importó nada",
        en="{n} invalid rows; nothing was imported",
    ),
    T(
        "kind_changes",
        es="{n} filas cambiarían el tipo de un sitio existente; no se importó nada",
        en="{n} rows would change the kind of an existing site; nothing was imported",
    ),
    T(
        "official_changes",
        es=(
            "{n} filas cambiarían o agregarían registros oficiales (incluidos, verificados "
            "o un consulado/VDS nuevo): {ids}{more}. No se importó nada; para cambiarlos a "
            "propósito, importe de nuevo con {flag} (HTTP: "
            "allow_update_official=true)."
        ),
        en=(
            "{n} rows would change or add official records (bundled, verified, or a new "
            "consulate/VDS): {ids}{more}. Nothing was imported; to change them on purpose, "
            "import again with {flag} (HTTP: allow_update_official=true)."
        ),
    ),
    T(
        "corrupt",
        es=(
            "No se puede leer el almacén {path}: está dañado o no es un GeoPackage ({exc}). "
            "Muévalo y vuelva a ejecutar para recrearlo con los datos incluidos."
        ),
        en=(
            "Cannot read the store {path}: it is corrupt or not a GeoPackage ({exc}). Move "
            "it away and run again to recreate it from the bundled data."
        ),
    ),
    T(
        "gpkg_is_folder",
        es="{path} es una carpeta: indique un archivo .gpkg, p. ej. {path}/locator.gpkg",
        en="{path} is a folder: give a .gpkg file, e.g. {path}/locator.gpkg",
    ),
    T(
        "not_locator_gpkg",
        es="{path} no es un GeoPackage de locator (faltan capas: {missing})",
        en="{path} is not a locator GeoPackage (missing layers: {missing})",
    ),
    T("not_found", es="No se encontró el almacén: {path}", en="Store not found: {path}"),
    T(
        "unusable",
        es="No se puede usar el almacén PostGIS (esquema {schema}): {error}",
        en="Cannot use the PostGIS store (schema {schema}): {error}",
    ),
    T(
        "bad_schema",
        es="Nombre de esquema no válido {schema!r} (use a-z, 0-9, _)",
        en="Invalid schema name {schema!r} (use a-z, 0-9, _)",
    ),
    T(
        "unavailable",
        es="La base de datos no está disponible ({reason}); vuelva a intentarlo en {retry} s.",
        en="The database is unavailable ({reason}); try again in {retry} s.",
    ),
    T("write_in_progress", es="hay otra escritura en curso", en="another write is in progress"),
    T("no_answer", es="no respondió a tiempo", en="it did not answer in time"),
    T("query_too_long", es="una consulta tardó demasiado", en="a query took too long"),
    T("connect_timeout", es="se agotó el tiempo de conexión", en="the connection timed out"),
    T("connection_refused", es="conexión rechazada", en="connection refused"),
    T("connection_lost", es="se perdió la conexión", en="connection lost"),
    T(
        "disk_full",
        es=(
            "El disco de {where} está lleno: no se escribió nada. Libere espacio e intente "
            "de nuevo."
        ),
        en="The disk holding {where} is full: nothing was written. Free some space and retry.",
    ),
)

VALIDATE = register(
    "errors.validate",
    T(
        "k_range",
        es="k debe ser un entero entre 1 y {max_k}; se recibió {k!r}",
        en="k must be an integer between 1 and {max_k}, got {k!r}",
    ),
    T(
        "km_negative",
        es="{name} debe ser un número de km no negativo; se recibió {value!r}",
        en="{name} must be a non-negative number of km, got {value!r}",
    ),
    T(
        "unknown_values",
        es="{what} desconocido: {unknown}. Valores permitidos: {allowed}",
        en="Unknown {what}: {unknown}. Allowed: {allowed}",
    ),
    T("what_service", es="Servicio", en="service"),
    T("what_kind", es="Tipo", en="kind"),
)
