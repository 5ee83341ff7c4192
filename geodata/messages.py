"""The texts of geodata's errors (importers, stores, validation...): namespaces ``errors.*``.

Every error geodata raises says its words through an entry here, filled in at the raise site
(``raise InvalidInputError(IMPORT["bad_row"].fill(row=n), detail=...)``); the catalog core is
:mod:`geodata.i18n`, and :mod:`locator.i18n` loads these entries with every other area's.

The row errors and warnings of import reports (``{"row", "field", "message"}``) say theirs
through :data:`ROWS` (``errors.rows``): the report's ``"message"`` is ``entry.both()``,
``"English / Spanish"`` in one string (``errors.add(n, "name", ROWS["missing_name"])``).
"""

from __future__ import annotations

from geodata.i18n import T, register

__all__ = [
    "ACS",
    "EXPORT",
    "HSDS",
    "IMPORT",
    "PLACE",
    "ROWS",
    "SCHEDULE",
    "STORE",
    "VALIDATE",
    "ZIP",
]

EXPORT = register(
    "errors.export",
    T(
        "dbase_cut",
        es="dBase guarda 254 caracteres: valores más largos recortados, use {formats}",
        en="dBase holds 254 characters: longer values cut, use {formats}",
    ),
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
        es="CSV: {problem} columna de {what}; use exactamente una de: {names}.",
        en="CSV: {problem} {what} column; name exactly one of: {names}.",
    ),
    T("no_column", es="ninguna", en="no"),
    T("several_columns", es="más de una ({columns})", en="several ({columns})"),
    T("latitude", es="latitud", en="latitude"),
    T("longitude", es="longitud", en="longitude"),
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

ROWS = register(
    "errors.rows",
    # ------------------------------------------------------------ every importer (base, values)
    T(
        "field_count",
        es="número de campos distinto del encabezado ({fields} campos, el encabezado tiene "
        "{header})",
        en="has {fields} fields, the header has {header}",
    ),
    T(
        "type_object",
        es="debe ser texto o número, no un objeto",
        en="must be text or a number, not an object",
    ),
    T(
        "type_list",
        es="debe ser texto o número, no una lista",
        en="must be text or a number, not a list",
    ),
    T("text_list", es="debe ser una lista de textos", en="must be a list of text"),
    T(
        "number_too_long",
        es="número de más de {digits} dígitos",
        en="number longer than {digits} digits",
    ),
    T(
        "control_chars",
        es="contiene caracteres de control (NUL)",
        en="contains NUL or control characters",
    ),
    T("too_long", es="más de {limit:,} caracteres", en="longer than {limit:,} characters"),
    T(
        "text_cut",
        es="{chars:,} caracteres, recortado a {limit:,}",
        en="{chars:,} characters, cut to {limit:,}",
    ),
    T("no_rows", es="no hay filas para importar", en="no rows to import"),
    T(
        "bad_phone",
        es=(
            "no es un número de teléfono válido: se muestra como texto, sin enlace para "
            "llamar: {value!r}"
        ),
        en="not a valid phone number, shown as text without a call link: {value!r}",
    ),
    T("missing_column", es="falta la columna", en="missing column"),
    T("column_count", es="{problem} columna", en="{problem} column"),
    T(
        "swapped",
        es="latitud y longitud parecen invertidas (lat={lat}, lon={lon})",
        en="latitude and longitude look swapped (lat={lat}, lon={lon})",
    ),
    T(
        "out_of_range",
        es="coordenadas fuera de rango (lat={lat}, lon={lon})",
        en="coordinates out of range (lat={lat}, lon={lon})",
    ),
    T(
        "null_island",
        es="coordenadas (0, 0): valor de relleno",
        en="coordinates are (0, 0), a placeholder",
    ),
    T(
        "wrong_sign",
        es="la longitud tiene el signo equivocado (lon={lon}; en EE. UU. es negativa)",
        en="longitude has the wrong sign (lon={lon}; US longitudes are negative)",
    ),
    T(
        "outside_us",
        es="punto fuera de EE. UU. (lat={lat}, lon={lon})",
        en="point outside the US (lat={lat}, lon={lon})",
    ),
    T(
        "unsafe_scheme",
        es="esquema de dirección no permitido {scheme!r}, se quitó el enlace",
        en="unsafe address scheme {scheme!r}, link dropped",
    ),
    T(
        "bad_url",
        es="dirección web no válida, se deja vacía: {value!r}",
        en="not a plausible web address, left empty: {value!r}",
    ),
    T(
        "bad_zip",
        es="no es un código postal de 5 dígitos: {value!r}",
        en="not a 5-digit ZIP code: {value!r}",
    ),
    T(
        "bad_state",
        es="no es un código ni un nombre de estado de EE. UU.: {value!r}",
        en="not a US state code or name: {value!r}",
    ),
    T("not_number", es="no es un número: {value!r}", en="not a number: {value!r}"),
    T(
        "cannot_place",
        es="sin coordenadas y {why}: no se puede ubicar",
        en="no coordinates and {why}: cannot place the site",
    ),
    T("no_zip", es="sin código postal", en="no ZIP code"),
    T(
        "zip_unknown",
        es="código postal {zip5} desconocido",
        en="ZIP {zip5} not in the gazetteer",
    ),
    T(
        "zip_centroid",
        es="sin coordenadas: ubicado en el centro del código postal {zip5}",
        en="no coordinates: placed at the centroid of ZIP {zip5}",
    ),
    T(
        "duplicate_id",
        es="id repetido {sid!r}: también en la fila {first}",
        en="duplicate id {sid!r}: also file row {first}",
    ),
    # ------------------------------------------------------------ CSV and GeoJSON (generic)
    T(
        "crs_ignored",
        es="'crs' ignorado",
        en="RFC 7946 has no 'crs' member; ignored (WGS84 assumed)",
    ),
    T("properties_object", es="debe ser un objeto", en="must be an object or null"),
    T("not_feature", es="no es un Feature de GeoJSON", en="not a GeoJSON Feature"),
    T("not_point", es="debe ser un Point, se recibió {got!r}", en="must be a Point, got {got!r}"),
    T(
        "coords_lonlat",
        es="coordenadas deben ser [lon, lat], se recibió {coords!r}",
        en="coordinates must be [lon, lat] numbers, got {coords!r}",
    ),
    T(
        "missing_number",
        es="falta o no es un número: {value!r}",
        en="missing or not a number: {value!r}",
    ),
    T(
        "list_text",
        es="debe ser una lista",
        en="must be a list of text or ';'-joined text",
    ),
    T("not_iso639", es="no es un código ISO 639: {code!r}", en="not an ISO 639 code: {code!r}"),
    T(
        "precision_required",
        es="obligatorio si no hay street_address",
        en="required when street_address is empty (address, postal_code or city)",
    ),
    T("not_bool", es="no es verdadero/falso: {value!r}", en="not true/false: {value!r}"),
    T(
        "verified_import",
        es="una importación no puede marcar sitios verificados",
        en="imports cannot mark sites verified; set to false",
    ),
    T("date_format", es="use AAAA-MM-DD", en="use YYYY-MM-DD"),
    T(
        "not_site_field",
        es="no es un campo del esquema, se ignora",
        en="not a site field, ignored",
    ),
    # ------------------------------------------------------------ CSV sniffing (sniff)
    T("excel_csv", es="CSV guardado por Excel: {found}", en="CSV as saved by Excel: {found}"),
    T("cp1252", es="codificación cp1252 (no UTF-8)", en="encoding cp1252 (not UTF-8)"),
    T("bom", es="UTF-8 con BOM", en="UTF-8 with BOM"),
    T("delimiter", es="separador {name}", en="delimiter {name}"),
    T("tab", es="tabulador", en="tab"),
    T(
        "decimal_comma",
        es="coma decimal (41,85 = 41.85)",
        en="decimal comma (41,85 read as 41.85)",
    ),
    # ------------------------------------------------------------ HRSA
    T(
        "no_stable_id",
        es="sin {bphc} ni {location_id}: sin identificador",
        en="no {bphc} nor {location_id}: no stable id",
    ),
    T(
        "mobile_van",
        es=("unidad móvil: se marca como móvil (nunca se ordena como lugar de atención sin cita)"),
        en="mobile van: kept, flagged mobile (never ranked as a walk-in place)",
    ),
    T(
        "bad_hours",
        es="horas por semana no válidas (0-168): {value!r}, se deja vacío",
        en="not a number of hours per week (0-168): {value!r}, left empty",
    ),
    # ------------------------------------------------------------ HSDS
    T(
        "unknown_language",
        es="idioma desconocido {label!r}, se ignora",
        en="unknown language {label!r}, ignored",
    ),
    T("files_read", es="archivos leídos (tabla, filas)", en="HSDS files read (table, rows)"),
    T("files_ignored", es="archivos ignorados", en="HSDS files ignored"),
    T("not_used", es="locator no lo usa", en="not used by locator"),
    T("not_hsds_table", es="no es una tabla HSDS", en="not an HSDS table"),
    # ------------------------------------------------------------ mobile routes (routes)
    T("missing_stop_id", es="falta el id de la parada", en="missing stop id"),
    T(
        "second_schedule",
        es="segundo horario de la parada {stop_id!r} (también en la fila {first}); un solo "
        "horario por parada",
        en="second schedule for stop {stop_id!r} (also row {first}); one per stop",
    ),
    T(
        "closes_before_opens",
        es="la hora de cierre (closes_at {closes}) no es posterior a la de apertura "
        "(opens_at {opens})",
        en="closes_at {closes} is not after opens_at {opens}",
    ),
    T("not_point_feature", es="no es un punto", en="not a Point feature with properties"),
    T("coords_not_numbers", es="coordenadas no numéricas", en="coordinates are not numbers"),
    T("missing_route_id", es="falta route_id", en="missing route_id"),
    T("missing_name", es="falta el nombre", en="missing name"),
    T("missing_source", es="falta la fuente", en="missing source citation (or --source)"),
    T(
        "precision_allowed",
        es="precisión de ubicación no válida (valores: {allowed})",
        en="must be one of {allowed}",
    ),
    T("sequence_whole", es="debe ser un entero >= 1", en="must be a whole number >= 1"),
    T(
        "no_schedule",
        es="sin horario (rrule y dtstart)",
        en="no schedule (rrule and dtstart) for this stop",
    ),
    T("missing_dtstart", es="falta la fecha de inicio", en="missing first visit date (dtstart)"),
    T("missing_duration", es="falta la duración", en="missing visit length"),
    T("stop_problem", es="parada {stop_id!r}: {problem}", en="stop {stop_id!r}: {problem}"),
    T(
        "timezone_from_coords",
        es="zona horaria {tz} según las coordenadas",
        en="timezone {tz} from the coordinates",
    ),
    T(
        "stop_schedule",
        es="parada {stop_id!r} (fila {n} de paradas): {problem}",
        en="stop {stop_id!r} (stops row {n}): {problem}",
    ),
    T(
        "unit_count",
        es="la ruta {route_id!r} necesita un solo unit_id (se recibió {units})",
        en="route {route_id!r} needs exactly one unit_id (got {units})",
    ),
    T(
        "unknown_unit",
        es=(
            "ruta {route_id!r}: {unit!r} no es una unidad móvil (sitio vds_mobile) del "
            "almacén; importe primero la unidad o corrija unit_id"
        ),
        en=(
            "route {route_id!r}: {unit!r} is not a mobile unit (a vds_mobile site) in the "
            "store; import the unit first or fix unit_id"
        ),
    ),
    T(
        "one_stop",
        es="la ruta {route_id!r} necesita 2 paradas o más",
        en="route {route_id!r} has one stop; 2 or more needed",
    ),
    T(
        "repeated_sequence",
        es="la ruta {route_id!r} repite un número de secuencia",
        en="route {route_id!r} repeats a sequence number",
    ),
    T(
        "duplicate_stop",
        es="id repetido (también en la fila {first})",
        en="duplicate stop id (also row {first})",
    ),
    T(
        "no_stop_with_id",
        es="no hay parada con el id {stop_id!r}",
        en="no stop with id {stop_id!r}",
    ),
    T("no_stops", es="el archivo no tiene paradas", en="no stops in the file"),
    # ------------------------------------------------------------ ACS (county population)
    T(
        "acs_row_length",
        es="la fila tiene {values} valores, el encabezado tiene {header}",
        en="row has {values} values, header has {header}",
    ),
    T(
        "acs_bad_fips",
        es="FIPS de estado/condado no válido {st!r}/{co!r}",
        en="invalid state/county FIPS {st!r}/{co!r}",
    ),
    T(
        "acs_not_count",
        es="no es un conteo no negativo: {value!r}",
        en="not a non-negative count: {value!r}",
    ),
    T(
        "acs_not_geo_id",
        es="no es un GEO_ID de condado: {value!r}",
        en="not a county GEO_ID: {value!r}",
    ),
    T(
        "acs_duplicate_county",
        es="condado repetido {fips} (también en la fila {first})",
        en="duplicate county {fips} (also row {first})",
    ),
    # ------------------------------------------------------------ stores (base)
    T(
        "kind_change",
        es="cambiaría {sid!r} de {old} a {new}",
        en="would change {sid!r} from {old} to {new}",
    ),
    T(
        "official_change",
        es="{sid}: registro oficial, cambiaría",
        en="{sid}: official record, would change",
    ),
)
"""The row errors and warnings of import reports, said with ``entry.fill(...).both()``."""

SCHEMA = register(
    "errors.schema",
    T("missing_id", es="falta el id", en="missing id"),
    T(
        "duplicate_id",
        es="id repetido (también en la fila {first})",
        en="duplicate id (also row {first})",
    ),
    T("unknown_kind", es="tipo desconocido {kind!r}", en="unknown kind {kind!r}"),
    T("one_of", es="debe ser uno de {values}", en="must be one of {values}"),
    T(
        "one_of_or_empty",
        es="debe ser uno de {values} o estar vacío",
        en="must be one of {values} or empty",
    ),
    T("unknown_services", es="servicios desconocidos: {values}", en="unknown services: {values}"),
    T("missing_source", es="falta la cita de la fuente", en="missing source citation"),
    T(
        "evidence_needs_source",
        es="la evidencia {level!r} de {fact} necesita la cita de su fuente",
        en="{fact} evidence {level!r} needs its source citation",
    ),
    T("missing_point", es="falta el punto", en="missing point"),
    T(
        "not_point",
        es="la geometría debe ser un punto, no {got}",
        en="geometry must be a Point, got {got}",
    ),
    T(
        "not_finite",
        es="las coordenadas no son números finitos",
        en="coordinates are not finite numbers",
    ),
    T(
        "out_of_range",
        es="coordenadas fuera de rango (lon={x}, lat={y})",
        en="coordinates out of range (lon={x}, lat={y})",
    ),
)
"""The schema check of every row (:func:`geodata.schema.validate_sites`); rows say
``entry.both()`` ("English / Spanish"), as every import report row."""

SKIPS = register(
    "errors.skip",
    T("status", es="estado del sitio {status!r}", en="site status {status!r}"),
    T("blank", es="(vacío)", en="(blank)"),
    T(
        "administrative",
        es="solo administrativo",
        en="administrative site only (no patient services)",
    ),
    T("virtual", es="ubicación virtual", en="virtual location"),
    T("invalid_row", es="fila no válida", en="invalid row"),
)
"""Why an importer passes a row over (``skipped[].reason``), said ``entry.both()``."""
