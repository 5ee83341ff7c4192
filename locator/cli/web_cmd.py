"""``locator export-site``: the search page as a static folder that works with no server."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from locator.cli.common import handle_errors, open_cli_store, store_option
from locator.i18n import text, ui_lang

__all__ = ["commands", "export_site_cmd", "page_basemap_options", "read_page_basemap"]


def page_basemap_options(command):
    """``--basemap FILE`` and the ``--online-tiles`` opt-in of ``serve`` and ``export-site``."""
    options = [
        click.option(
            "--basemap",
            "basemap",
            metavar="FILE",
            default=None,
            type=click.Path(dir_okay=False, path_type=Path),
            help="Your street basemap: a raster PMTiles or MBTiles file (e.g. a "
            "regional extract). The map zooms as deep as its tiles inside its bounds; "
            "without it the map stops at zoom 6, where the bundled tiles end.",
        ),
        click.option(
            "--online-tiles",
            "online_tiles",
            metavar="URL",
            default=None,
            help="Opt-in, off by default: an online tile URL template "
            "(https://.../{z}/{x}/{y}.png). The page then says it needs internet. "
            "Needs --online-tiles-attribution.",
        ),
        click.option(
            "--online-tiles-attribution",
            "online_attribution",
            metavar="TEXT",
            default=None,
            help="The online tile provider's required credit.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def read_page_basemap(
    basemap: Path | None,
    online_tiles: str | None,
    online_attribution: str | None,
    lang: str | None = "es",
):
    """Check ``--basemap`` and ``--online-tiles``; return (UserBasemap | None, OnlineTiles | None).

    ``lang``: the language of the command's own messages (a bad option combination).

    Bad files and URLs raise :class:`~geodata.errors.InvalidInputError` /
    :class:`~geodata.errors.StoreError` (a clear message and exit status 2).
    """
    from locator.web.basemap import online_tiles as check_online
    from locator.web.basemap import open_user_basemap

    user = open_user_basemap(basemap) if basemap is not None else None
    online = (
        check_online(online_tiles, attribution=online_attribution)
        if online_tiles is not None
        else None
    )
    if online is None and online_attribution:
        raise click.BadParameter(
            text("cli.only_with_online_tiles", ui_lang(lang)),
            param_hint="--online-tiles-attribution",
        )
    return user, online


def describe_basemap(user, lang: str | None = "es") -> str:
    """One line about a user basemap for the terminal, in ``lang``."""
    west, south, east, north = user.bounds
    return (
        f"{text('cli.street_basemap', ui_lang(lang))}: {user.path} ({user.kind}, "
        f"{user.tile_format}, z{user.min_zoom}-{user.max_zoom}, "
        f"{west:.3f},{south:.3f},{east:.3f},{north:.3f})"
    )


@click.command("export-site")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--lang",
    type=click.Choice(["es", "en"]),
    default="es",
    show_default=True,
    help="Default language of the page (a visitor's choice wins).",
)
@click.option(
    "--no-tiles",
    is_flag=True,
    default=False,
    help="Do not copy the OpenStreetMap basemap tiles (the map then has no background).",
)
@page_basemap_options
@click.option(
    "--basemap-max-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=300,
    show_default=True,
    help="Cap on the --basemap tiles copied: whole zoom levels, coarse first; the "
    "map then stops at the last level copied.",
)
@store_option
@handle_errors
def export_site_cmd(
    out_dir: Path,
    lang: str,
    no_tiles: bool,
    basemap: Path | None,
    online_tiles: str | None,
    online_attribution: str | None,
    basemap_max_mb: float,
    store: str | None,
) -> None:
    """Escribe la página de búsqueda en DIR; funciona sin servidor / write the search page.

    Abra DIR/index.html en el navegador (también sin internet), o copie la carpeta a una
    memoria USB o a cualquier servidor de archivos estáticos.
    Open DIR/index.html in a browser (offline too), or copy the folder anywhere.

    \b
    Ejemplos / examples:
      locator export-site ./sitio
      locator export-site ./site --lang en --store ./locator.gpkg
      locator export-site ./sitio --basemap chicago-calles.pmtiles
    """
    from tqdm import tqdm

    from locator.web.bundle import export_site

    if not str(out_dir).strip() or str(out_dir) == ".":
        raise click.BadParameter(text("cli.new_folder", lang), param_hint="DIR")
    user, online = read_page_basemap(basemap, online_tiles, online_attribution, lang)
    opened = open_cli_store(store)
    if user is not None:
        click.echo(describe_basemap(user, lang), err=True)
    with tqdm(
        total=user.tiles if user else None,
        unit=f" {text('cli.tiles_unit', lang)}",
        disable=user is None,
        file=sys.stderr,
        desc=text("cli.street_basemap", lang),
    ) as bar:
        report = export_site(
            out_dir,
            store=opened,
            lang=lang,
            tiles=not no_tiles,
            basemap=user,
            online=online,
            basemap_max_mb=basemap_max_mb,
            progress=bar.update,
        )
    if report.user_capped:
        deepest = "-" if report.user_max_zoom is None else f"z{report.user_max_zoom}"
        capped = text("cli.basemap_capped", lang)
        click.echo(capped.format(max_mb=f"{basemap_max_mb:g}", deepest=deepest), err=True)
    if online is not None:
        click.echo(text("cli.online_tiles_on", lang), err=True)
    click.echo(
        text("cli.site_exported", lang).format(
            index=report.out_dir / "index.html",
            sites=report.sites,
            tiles=report.tiles,
            user_tiles=report.user_tiles,
            files=report.files,
            mb=f"{report.bytes / 1e6:.1f}",
            version=report.version,
        )
    )


commands = [export_site_cmd]
