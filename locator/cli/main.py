"""Entry point of the ``locator`` command.

Each command lives in its own module; :data:`COMMAND_MODULES` lists them. Add a module name
there to register a new command (the module exposes ``commands``: a list of click commands).
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from locator.cli.usage import cli_lang, usage_message
from locator.i18n import text

__all__ = ["cli", "main", "run"]

COMMAND_MODULES = [
    "locator.cli.import_cmd",
    "locator.cli.data_cmd",
    "locator.cli.nearest_cmd",
    "locator.cli.serve_cmd",
    "locator.cli.web_cmd",
    "locator.cli.mobile_cmd",
    "locator.cli.planning_cmd",
    "locator.cli.maps_cmd",
]

HELP = """locator: encuentra el consulado, la Ventanilla de Salud (VDS) o la clínica más cercana,
sin internet. Finds the nearest Mexican consulate, health desk (VDS) or community clinic,
offline.

\b
Primeros pasos / First steps:
  locator info                      qué datos hay / what data is loaded
  locator geocode "Dalton, GA"      dónde queda un lugar / where a place is
  locator nearest 60608             lo más cercano / what is nearest
  locator serve                     abre la página y la API / web page and API

Commands that read or write sites take --store PATH (or LOCATOR_STORE).
Use `locator COMMAND --help`.
"""


@click.group(help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="locator")
def cli() -> None:
    """Root command group."""


def _register() -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(name)
        for command in module.commands:
            cli.add_command(command)


_register()


def run(args: list[str] | None = None) -> int:
    """Run the CLI on ``args`` (default ``sys.argv[1:]``); the exit status. click's own usage
    errors are printed in the CLI's language (:mod:`locator.cli.usage`)."""
    argv = sys.argv[1:] if args is None else list(args)
    lang = cli_lang(argv, os.environ.get("LOCATOR_LANG"))
    try:
        cli.main(args=argv, prog_name="locator", standalone_mode=False)
    except click.UsageError as exc:
        click.echo(usage_message(exc, lang), err=True)
        return exc.exit_code
    except click.exceptions.Exit as exc:
        return exc.exit_code
    except click.Abort:
        click.echo(text("cli.aborted", lang), err=True)
        return 1
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    return 0


def main() -> None:
    """Run the CLI (console-script entry point)."""
    sys.exit(run())
