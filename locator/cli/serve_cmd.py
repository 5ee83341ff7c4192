"""``locator serve``: run the HTTP API (and the pages other modules mount) with uvicorn.

The CLI never imports the ``api`` package (layers go one way): it hands its settings to the
server through ``LOCATOR_*`` environment variables and names the app factory by its import
string, ``api.app:create_app_from_env``.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from locator.cli.common import handle_errors, open_cli_store, store_option
from locator.cli.web_cmd import describe_basemap, page_basemap_options, read_page_basemap
from locator.i18n import text, ui_lang

__all__ = ["APP_FACTORY", "commands", "serve", "server_env"]

APP_FACTORY = "api.app:create_app_from_env"
HTTP_PROTOCOLS = {
    "httptools": "api.protocols:ProblemHttpToolsProtocol",
    "h11": "api.protocols:ProblemH11Protocol",
}
"""uvicorn protocols whose own 400s are problem+json (by import string: no api import here)."""


def http_protocol() -> str:
    """The protocol ``serve`` runs: httptools when installed, else h11."""
    import importlib.util

    return HTTP_PROTOCOLS["httptools" if importlib.util.find_spec("httptools") else "h11"]


def server_env(
    *,
    store: str | None,
    lang: str | None,
    basemap: str | None = None,
    online_tiles: str | None = None,
    online_attribution: str | None = None,
) -> dict[str, str]:
    """The ``LOCATOR_*`` variables that carry CLI options to the app factory.

    >>> server_env(store="/data/x.gpkg", lang="en")
    {'LOCATOR_STORE': '/data/x.gpkg', 'LOCATOR_DEFAULT_LANG': 'en'}
    >>> server_env(store=None, lang=None, basemap="/data/calles.pmtiles")
    {'LOCATOR_BASEMAP': '/data/calles.pmtiles'}
    """
    env: dict[str, str] = {}
    for name, value in (
        ("STORE", store),
        ("DEFAULT_LANG", lang),
        ("BASEMAP", basemap),
        ("ONLINE_TILES", online_tiles),
        ("ONLINE_TILES_ATTRIBUTION", online_attribution),
    ):
        if value:
            env[f"LOCATOR_{name}"] = value
    return env


@click.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Interface to listen on (0.0.0.0: every interface).",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Worker processes; they share the store and pick up imports by themselves.",
)
@click.option(
    "--lang",
    type=click.Choice(["es", "en"]),
    default=None,
    help="Default language of messages (env LOCATOR_DEFAULT_LANG; default es).",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
)
@page_basemap_options
@store_option
@handle_errors
def serve(
    host: str,
    port: int,
    workers: int,
    lang: str | None,
    log_level: str,
    basemap: Path | None,
    online_tiles: str | None,
    online_attribution: str | None,
    store: str | None,
) -> None:
    """Abre la API HTTP / run the HTTP API (docs at /docs).

    Writes (POST /v1/imports) are off unless LOCATOR_API_KEY is set in the environment.

    \b
    Ejemplos / examples:
      locator serve
      locator serve --port 8080 --workers 2 --store ./locator.gpkg
      LOCATOR_API_KEY=... locator serve --host 0.0.0.0
      locator serve --basemap chicago-calles.mbtiles
    """
    import uvicorn

    if not os.environ.get("LOCATOR_DATABASE_URL"):
        open_cli_store(store).close()  # a bad store fails here with a clear message, once
    said = ui_lang(lang or os.environ.get("LOCATOR_DEFAULT_LANG"))  # the server's default
    user, online = read_page_basemap(basemap, online_tiles, online_attribution, said)
    if user is not None:
        click.echo(describe_basemap(user, said), err=True)
    if online is not None:
        click.echo(text("cli.online_tiles_on", said), err=True)
    os.environ.update(
        server_env(
            store=store,
            lang=lang,
            basemap=str(user.path) if user else None,
            online_tiles=online.url if online else None,
            online_attribution=online_attribution if online else None,
        )
    )
    click.echo(text("cli.serving", said).format(url=f"http://{host}:{port}/docs"), err=True)
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level=log_level,
        proxy_headers=False,
        http=http_protocol(),
    )


commands = [serve]
