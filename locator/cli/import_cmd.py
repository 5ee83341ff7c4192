"""``locator import`` and ``locator export``: bring sites in from files, take them out.

Import is all-or-nothing: the file is validated completely first; if any row is wrong the
report lists every problem (row, field, message) and nothing is written (exit status 2).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import click

from geodata.errors import ImportValidationError, InvalidInputError, LocatorError
from locator.cli.common import (
    emit_json,
    handle_errors,
    kind_option,
    kinds_option,
    lang_option,
    open_cli_store,
    store_option,
)
from locator.i18n import text, ui_lang
from locator.i18n.cli import CLI_ERRORS

__all__ = ["commands", "export_cmd", "import_cmd", "split_values"]

IMPORT_HELP = """Importa sitios desde un archivo / import sites from a file.

\b
FORMAT:
  hrsa     CSV "Health Center Service Delivery and Look-Alike Sites" de HRSA (data.hrsa.gov):
           solo sitios activos / active sites only; id hrsa-<BPHC number>
  hsds     paquete Open Referral HSDS 3.0 (carpeta o .zip de CSV) / HSDS 3.0 package
  geojson  FeatureCollection de puntos con propiedades del esquema / Points, schema properties
  csv      CSV con columnas lat/lon y del esquema / CSV with lat/lon and schema columns
  routes   rutas de unidades móviles: GeoJSON de paradas (route_id, sequence, name...) más
           --schedule opcional (CSV de locator o schedule.csv de HSDS); cada unit_id debe ser
           un sitio vds_mobile del almacén / mobile-unit routes: stops GeoJSON plus optional
           --schedule; every unit_id must be a vds_mobile site in the store
  (La población ACS B05006 no se importa aquí: use `locator gaps --acs ARCHIVO`.
   ACS B05006 population is not imported here: use `locator gaps --acs FILE`.)

Primero se valida todo el archivo; si hay errores no se escribe nada y se listan (fila,
campo, mensaje). Volver a importar el mismo archivo no duplica: actualiza por id.
The whole file is validated first; on any error nothing is written and every problem is
listed. Re-importing the same file updates sites in place (no duplicates).

\b
Ejemplos / examples:
  locator import hrsa Health_Center_Service_Delivery_and_LookAlike_Sites.csv --dry-run
  locator import hrsa sites.csv --encoding latin-1
  locator import hsds directorio_hsds.zip --kind clinic
  locator import csv clinicas.csv --source "Lista del consulado, 2026-03"
  locator import geojson sites.geojson --store /tmp/prueba.gpkg --lang en
  locator import routes paradas.geojson --schedule horario.csv --unit-id vds-mobile-detroit
"""

EXPORT_HELP = """Exporta los sitios / export the sites.

\b
--format:
  geojson  RFC 7946, solo sitios / sites only (lon/lat, 7 decimales, listas como arreglos)
  gpkg     GeoPackage con capas sites, routes, stops (se abre en QGIS / opens in QGIS)
  csv      columnas lat, lon; listas unidas con ';' / lists joined with ';'
  parquet  GeoParquet (geopandas)
  fgb      FlatGeobuf
  shp      Shapefile: .zip (-o sitios.zip) o archivos junto a -o sitios.shp; nombres de campo
           cortos, con fields.csv / short field names, with fields.csv
  kml      KML (Google Earth)
  hsds     paquete Open Referral HSDS 3.0 en una carpeta nueva (-o CARPETA) / HSDS 3.0
           tabular package in a new folder; se vuelve a importar con `locator import hsds`

\b
Ejemplos / examples:
  locator export --format geojson -o sitios.geojson
  locator export --format csv -o clinicas.csv --kind clinic
  locator export --format gpkg -o locator.gpkg --kind vds,vds_mobile
  locator export --format csv -o red.csv --kind vds --kind consulate
  locator export --format hsds -o paquete_hsds --kind clinic
  locator export -o sitios.shp      (el formato sale del nombre / format from the file name)
"""


def _formats() -> list[str]:
    from geodata.importers import formats

    return formats()


def _print_errors(exc: ImportValidationError, lang: str) -> None:
    lang = ui_lang(lang)
    click.echo(f"error: {exc.message(lang)}", err=True)
    errors = exc.detail.get("errors", [])
    if errors:
        head = text("cli.errors_head", lang).split("|")
        click.echo(f"  {head[0]:>7}  {head[1]:<32} {head[2]}", err=True)
    if any(str(e.get("field", "")).startswith("schedule.") for e in errors):
        click.echo(f"  ({text('cli.schedule_rows', lang)})", err=True)
    for e in errors:
        row = "" if e.get("row") is None else e["row"]
        click.echo(f"  {row!s:>7}  {e.get('field', '')!s:<32} {e.get('message', '')}", err=True)
    total = exc.detail.get("total_errors", len(errors))
    if total > len(errors):
        more = total - len(errors)
        click.echo(f"  {text('cli.more_not_shown', lang).format(n=more)}", err=True)


_SUMMARY_LABELS = ("rows_read", "skipped", "inserted", "updated", "unchanged", "warnings")
"""The counted lines of an import summary (entries ``cli.sum_<name>``), in order."""


def _summary(parsed, report, seconds: float, lang: str) -> None:
    lang = ui_lang(lang)

    def t(key: str) -> str:
        return text(f"cli.{key}", lang)

    mode = t("dry_run") if report.dry_run else t("imported")
    click.echo(f"{parsed.fmt}: {mode}  ({seconds:.1f} s)")
    if parsed.fmt == "routes":
        words = (t("sum_routes"), t("sum_stops"))
        click.echo(f"  {words[0]:<14} {report.routes:>8}\n  {words[1]:<14} {report.stops:>8}")
    labels = [t(f"sum_{name}") for name in _SUMMARY_LABELS]
    values = (
        parsed.rows_read,
        parsed.rows_skipped,
        report.inserted,
        report.updated,
        report.unchanged,
        len(parsed.warnings),
    )
    for label, value in zip(labels, values, strict=True):
        click.echo(f"  {label:<14} {value:>8}")
    for reason, count in parsed.skip_reasons().items():
        click.echo(f"    - {reason}: {count}")
    for w in parsed.warnings[:10]:
        where = "" if w.get("row") is None else f"{t('row_n').format(row=w['row'])}: "
        click.echo(f"    ! {where}{w.get('field', '')}: {w['message']}")
    if len(parsed.warnings) > 10:
        click.echo(f"    ! ... {t('n_more').format(n=len(parsed.warnings) - 10)}")
    if parsed.fmt != "routes" and (report.routes or report.stops):
        click.echo(f"  {t('routes_and_stops').format(routes=report.routes, stops=report.stops)}")
    for change in report.official_changed[:20]:
        click.echo(f"    * {t('official_changed')}: {change['id']} ({', '.join(change['fields'])})")
    click.echo(f"  {t('dataset_version').format(version=report.version)}")


def _failure(exc: LocatorError, *, fmt: str, path: str) -> dict:
    """The ``--json`` report of a failed import: nothing was written, and why."""
    return {
        "ok": False,
        "format": fmt,
        "path": path,
        "written": False,
        "code": exc.code,
        "message_es": exc.message("es"),
        "message_en": exc.message("en"),
        "errors": exc.detail.get("errors", [])[:500],
        "total_errors": exc.detail.get("total_errors", len(exc.detail.get("errors", []))),
        "detail": {k: v for k, v in exc.detail.items() if k not in ("errors",)},
    }


@click.command("import", help=IMPORT_HELP)
@click.argument("fmt", metavar="FORMAT", type=click.Choice(_formats()))
@click.argument("path", type=click.Path(exists=True, dir_okay=True, readable=True))
@click.option("--dry-run", is_flag=True, help="Solo validar y contar / validate and count only.")
@click.option(
    "--encoding",
    default="utf-8",
    show_default=True,
    help="Codificación del archivo / file encoding (e.g. latin-1, cp1252).",
)
@click.option("--quiet", "-q", is_flag=True, help="Sin barra de progreso / no progress bar.")
@click.option(
    "--source",
    "source_text",
    default="",
    help="Cita para filas sin 'source' (csv, geojson, hsds) / citation for rows without one.",
)
@kind_option("Tipo de sitio para HSDS / site kind given to HSDS locations", default="clinic")
@click.option(
    "--max-mb",
    type=click.FloatRange(min=0.001),
    default=100,
    show_default=True,
    help="Tamaño máximo del archivo / largest file accepted (MB).",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=500_000,
    show_default=True,
    help="Máximo de filas / most data rows accepted.",
)
@click.option(
    "--schedule",
    "schedule",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="routes: CSV de horarios (stop_id, rrule, dtstart, "
    "duration_minutes, timezone) o schedule.csv de HSDS / schedule CSV or HSDS "
    "schedule.csv.",
)
@click.option(
    "--unit-id",
    "unit_id",
    default="",
    help="routes: unidad móvil (sitio vds_mobile) de las paradas sin unit_id / "
    "mobile unit for stops without a unit_id.",
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="hrsa: importar las filas buenas y dejar fuera las malas (escritas en "
    "--rejected) / import the good rows, leave out and list the bad ones.",
)
@click.option(
    "--rejected",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="hrsa --skip-invalid: CSV de filas rechazadas (por omisión ARCHIVO.rejected"
    ".csv) / CSV of rejected rows (default FILE.rejected.csv).",
)
@click.option("--json", "as_json", is_flag=True, help="Resumen en JSON / JSON summary.")
@click.option(
    "--allow-update-official",
    "allow_official",
    is_flag=True,
    help="Permitir cambiar registros oficiales (incluidos o verificados) o agregar "
    "consulados o VDS nuevos; sin esto la importación se rechaza y los lista / "
    "allow changing official (bundled or verified) records or adding new "
    "consulates or VDS; without it the import is refused and lists them.",
)
@store_option
@lang_option
@handle_errors
def import_cmd(
    fmt: str,
    path: str,
    dry_run: bool,
    encoding: str,
    quiet: bool,
    source_text: str,
    kind: str,
    max_mb: float,
    max_rows: int,
    schedule: str | None,
    unit_id: str,
    skip_invalid: bool,
    rejected: str | None,
    as_json: bool,
    allow_official: bool,
    store: str | None,
    lang: str,
) -> None:
    """Import sites from a file (see IMPORT_HELP)."""
    from geodata.importers import import_into, read_import

    started = time.perf_counter()
    options: dict[str, Any] = {"max_bytes": int(max_mb * 1024 * 1024), "max_rows": max_rows}
    if source_text:
        options["source_text"] = source_text
    if fmt == "hsds":
        options["kind"] = kind
    if fmt != "routes" and (schedule or unit_id):
        raise InvalidInputError(
            CLI_ERRORS["options_for"].fill(first="--schedule", second="--unit-id", fmt="routes")
        )
    if fmt == "routes":
        options.update(schedule=schedule, unit_id=unit_id)
    if (skip_invalid or rejected) and fmt != "hrsa":
        raise InvalidInputError(
            CLI_ERRORS["options_for"].fill(first="--skip-invalid", second="--rejected", fmt="hrsa")
        )
    if skip_invalid:
        options.update(
            skip_invalid=True, rejected=rejected or str(Path(path).with_suffix(".rejected.csv"))
        )
    scratch = _dry_run_scratch(store) if dry_run else None
    target = None
    try:
        target = open_cli_store(str(scratch / "dry-run.gpkg") if scratch else store)
        parsed = read_import(
            fmt,
            path,
            progress=not quiet and not as_json,
            encoding=encoding,
            store=target,
            **options,
        )
        parsed.changes.allow_official = allow_official
        report = import_into(target, parsed, dry_run=dry_run)
    except LocatorError as exc:
        if as_json:  # a script asked for JSON: it gets JSON on failure too
            emit_json(_failure(exc, fmt=fmt, path=path))
            sys.exit(2)
        if not isinstance(exc, ImportValidationError):
            raise
        _print_errors(exc, lang)
        sys.exit(2)
    finally:
        if scratch is not None:
            if target is not None:
                target.close()
            shutil.rmtree(scratch, ignore_errors=True)
    seconds = time.perf_counter() - started
    if as_json:
        emit_json(
            {
                "ok": True,
                **parsed.summary(),
                **report.to_dict(),
                "seconds": round(seconds, 2),
                "warnings_list": parsed.warnings[:200],
            }
        )
    else:
        _summary(parsed, report, seconds, lang)


def _dry_run_scratch(store: str | None) -> Path | None:
    """A scratch folder for a dry run on a GeoPackage that does not exist yet, else ``None``.

    Opening a missing GeoPackage creates it (seeded with the bundled data); a dry run must
    leave no file behind, so it runs on a throw-away copy of what the store would start as.
    """
    from geodata.stores import gpkg_path

    path = gpkg_path(store)
    if path is None or path.exists():
        return None
    return Path(tempfile.mkdtemp(prefix="locator-dry-run-"))


@click.command("export", help=EXPORT_HELP)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["geojson", "gpkg", "csv", "parquet", "fgb", "shp", "kml", "hsds"]),
    default=None,
    help="Formato de salida (si falta, sale de la extensión de -o) / "
    "output format (default: from the -o suffix).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(writable=True),
    required=True,
    help="Archivo de salida / output file.",
)
@kinds_option(
    "Solo estos tipos, repetible o separados por comas / only these kinds, "
    "repeatable or comma-separated: consulate, vds, vds_mobile, clinic."
)
@store_option
@lang_option
@handle_errors
def export_cmd(
    fmt: str | None, output: str, kinds: tuple[str, ...] | None, store: str | None, lang: str
) -> None:
    """Export the sites (see EXPORT_HELP)."""
    from geodata.export import export_sites, format_for

    fmt = format_for(output, fmt)
    target = open_cli_store(store)
    _refuse_store_as_output(target, output)
    path = export_sites(target, output, fmt=fmt, kinds=list(kinds) if kinds else None)
    click.echo(text("cli.path_written", ui_lang(lang)).format(path=path))


def _refuse_store_as_output(store, output: str) -> None:
    """Never let an export overwrite the store it reads (all imported data would be lost)."""
    from geodata.errors import InvalidInputError

    store_path = getattr(store, "path", None)
    out = Path(output)
    if store_path is not None and out.exists() and out.resolve() == Path(store_path).resolve():
        raise InvalidInputError(CLI_ERRORS["output_is_store"].fill(output=output))


def split_values(values: tuple[str, ...] | list[str]) -> list[str]:
    """Values of a repeatable option, each possibly comma-separated, in order, without blanks
    or repeats (:func:`geodata.validate.split_values` with ``unique=True``).

    >>> split_values(("vds, consulate", "vds", ""))
    ['vds', 'consulate']
    """
    from geodata.validate import split_values as split

    return split(values, unique=True)


commands = [import_cmd, export_cmd]
