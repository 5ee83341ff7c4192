"""``locator export-site``: the search page as a static folder that works with no server."""

from __future__ import annotations

from pathlib import Path

import click

from locator.cli.common import handle_errors, open_cli_store, store_option

__all__ = ["commands", "export_site_cmd"]


@click.command("export-site")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--lang", type=click.Choice(["es", "en"]), default="es", show_default=True,
              help="Default language of the page (a visitor's choice wins).")
@click.option("--no-tiles", is_flag=True, default=False,
              help="Do not copy the OpenStreetMap basemap tiles (the map then has no background).")
@store_option
@handle_errors
def export_site_cmd(out_dir: Path, lang: str, no_tiles: bool, store: str | None) -> None:
    """Escribe la página de búsqueda en DIR; funciona sin servidor / write the search page.

    Abra DIR/index.html en el navegador (también sin internet), o copie la carpeta a una
    memoria USB o a cualquier servidor de archivos estáticos.
    Open DIR/index.html in a browser (offline too), or copy the folder anywhere.

    \b
    Ejemplos / examples:
      locator export-site ./sitio
      locator export-site ./site --lang en --store ./locator.gpkg
    """
    from locator.web.bundle import export_site

    if not str(out_dir).strip() or str(out_dir) == ".":
        raise click.BadParameter("give a new folder / indique una carpeta nueva", param_hint="DIR")
    report = export_site(out_dir, store=open_cli_store(store), lang=lang, tiles=not no_tiles)
    click.echo(
        f"{report.out_dir / 'index.html'}: {report.sites} sitios/sites, {report.tiles} mosaicos/"
        f"tiles, {report.files} archivos/files, {report.bytes / 1e6:.1f} MB "
        f"(datos/data {report.version})"
    )


commands = [export_site_cmd]
