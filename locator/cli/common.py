"""Shared pieces of the CLI: the store option, language option, error handling, output."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any

import click

from geodata.errors import LocatorError
from locator.i18n import text, ui_lang

__all__ = [
    "emit_json",
    "format_option",
    "handle_errors",
    "kind_option",
    "kinds_option",
    "lang_option",
    "languages_option",
    "open_cli_store",
    "report_error",
    "services_option",
    "store_option",
    "table_format_option",
    "thresholds_option",
]

store_option = click.option(
    "--store",
    "store",
    envvar="LOCATOR_STORE",
    default=None,
    metavar="PATH|URL",
    help="GeoPackage file or postgresql:// URL (env LOCATOR_STORE). "
    "Default: ~/.local/share/locator/locator.gpkg, created from the bundled data.",
)

lang_option = click.option(
    "--lang",
    type=click.Choice(["es", "en"]),
    envvar="LOCATOR_LANG",
    default="es",
    show_default=True,
    is_eager=True,  # read before the other options, so their errors speak it
    help="Language of messages and labels: es (español) or en (English).",
)


def format_option(*choices: str) -> Callable[..., Any]:
    """``--format`` (the ``fmt`` parameter), one of ``choices``; the first is the default."""
    return click.option(
        "--format", "fmt", type=click.Choice(list(choices)), default=choices[0], show_default=True
    )


table_format_option = format_option("table", "json")
"""``--format table|json`` (default ``table``) of the commands that print a table."""


def open_cli_store(location: str | None):
    """Open the store named on the command line (or the default one)."""
    from geodata.stores import open_store

    return open_store(location)


def _parsed(parse: Callable[[Any], Any]) -> Callable[[click.Context, click.Parameter, Any], Any]:
    """A click callback applying a :mod:`locator.query` parser; its error exits 2."""

    def callback(ctx: click.Context, param: click.Parameter, value: Any) -> Any:
        try:
            return parse(value)
        except LocatorError as exc:
            report_error(exc, ctx.params.get("lang") or ctx.find_root().params.get("lang"))
            sys.exit(2)  # as handle_errors: the console entry point returns it too

    return callback


_KINDS_HELP = "consulate, vds, vds_mobile, clinic (repeatable or comma-separated)."


def kinds_option(help: str = _KINDS_HELP, *, name: str = "kinds") -> Callable[..., Any]:
    """``--kind`` (repeatable or comma-separated): a tuple of known kinds or ``None``, parsed
    by :func:`locator.query.parse_kinds` as the API's ``kind`` parameter is."""
    from locator.query import parse_kinds

    return click.option(
        "--kind", name, multiple=True, callback=_parsed(parse_kinds), metavar="KIND", help=help
    )


def services_option(
    help: str = "Service id, e.g. vaccines (repeatable or comma-separated).",
) -> Callable[..., Any]:
    """``--service`` (repeatable or comma-separated): known service ids or ``None``
    (:func:`locator.query.parse_services`)."""
    from locator.query import parse_services

    return click.option(
        "--service",
        "services",
        multiple=True,
        callback=_parsed(parse_services),
        metavar="SERVICE",
        help=help,
    )


def languages_option(
    help: str = "Language code, e.g. es (repeatable or comma-separated).",
) -> Callable[..., Any]:
    """``--language`` (repeatable or comma-separated): lower-cased ISO 639 codes or ``None``
    (:func:`locator.query.parse_languages`)."""
    from locator.query import parse_languages

    return click.option(
        "--language",
        "languages",
        multiple=True,
        callback=_parsed(parse_languages),
        metavar="LANG",
        help=help,
    )


def thresholds_option(help: str) -> Callable[..., Any]:
    """``--thresholds 50,100,200``: sorted, 1 to 6 positive numbers
    (:func:`locator.query.parse_thresholds`, as the API's ``thresholds_km``; no 2000 km cap,
    since with ``--cost-matrix`` they are in the matrix's unit)."""
    from locator.query import parse_thresholds

    return click.option(
        "--thresholds",
        default="50,100,200",
        show_default=True,
        callback=_parsed(lambda v: parse_thresholds(v, name="--thresholds", km=False)),
        help=help,
    )


def kind_option(help: str, *, default: str | None = None) -> Callable[..., Any]:
    """``--kind`` naming at most one known kind (:func:`locator.query.one_kind`, as the API's
    office maps and embeds): ``--kind vds,consulate`` is refused, as ``--kind vds --kind
    consulate`` is."""
    from locator.query import one_kind

    return click.option(
        "--kind",
        "kind",
        multiple=True,
        callback=_parsed(lambda value: one_kind(value) or default),
        metavar="KIND",
        help=f"{help} (default: {default})" if default else help,
    )


def report_error(exc: LocatorError, lang: str | None) -> None:
    """Print a :class:`LocatorError` (and its suggestions or row errors) on stderr."""
    lang = ui_lang(lang)
    click.echo(f"error: {exc.message(lang)}", err=True)
    for key in ("suggestions", "errors"):
        for item in exc.detail.get(key, [])[:20]:
            click.echo(f"  - {_fmt(item, lang)}", err=True)


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Turn a :class:`LocatorError` into a clear message on stderr and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except LocatorError as exc:
            report_error(exc, _lang(kwargs))
            sys.exit(2)
        except OSError as exc:  # unwritable folder, a file where a folder should be, ...
            where = f" {exc.filename}" if exc.filename else ""
            said = text("cli.cannot_use_file", ui_lang(_lang(kwargs)))
            click.echo(f"error: {said.format(where=where, reason=exc.strerror or exc)}", err=True)
            sys.exit(2)

    return wrapper


def _lang(kwargs: dict[str, Any]) -> str | None:
    """The command's ``lang`` (its keyword, else the root command's), if it has one."""
    return kwargs.get("lang") or click.get_current_context().find_root().params.get("lang")


def _fmt(item: Any, lang: str) -> str:
    if isinstance(item, dict):
        where = f"{text('cli.row_n', lang).format(row=item['row'])}: " if "row" in item else ""
        field = f"{item['field']}: " if item.get("field") else ""
        return f"{where}{field}{item.get('message', item)}"
    return str(item)


def emit_json(data: Any) -> None:
    """Print ``data`` as indented UTF-8 JSON."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
