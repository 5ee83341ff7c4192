"""``locator map`` and ``locator embed``: offline HTML maps and embeddable pages."""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from urllib.parse import urlsplit

import click

from locator.cli.common import (
    handle_errors,
    kind_option,
    kinds_option,
    lang_option,
    open_cli_store,
    store_option,
)
from locator.i18n import text, ui_lang
from locator.origins import public_url_problem

__all__ = ["commands"]


def basemap_options(command):
    """The basemap options ``locator map`` and ``locator embed`` share (one definition).

    The command receives them as one ``options`` dict of keyword arguments for the map builders.
    """
    options = [
        click.option(
            "--basemap",
            type=click.Choice(["offline", "none"]),
            default="offline",
            show_default=True,
            help="Embedded OpenStreetMap tiles, or none.",
        ),
        click.option(
            "--tiles",
            "--online-tiles",
            "tiles",
            metavar="URL",
            default=None,
            help="Online tile URL template (opt-in; needs --tiles-attribution).",
        ),
        click.option("--tiles-attribution", default=None, help="Credit required by --tiles."),
        click.option(
            "--mbtiles",
            type=click.Path(exists=True, dir_okay=False),
            default=None,
            help="Your own MBTiles raster extract.",
        ),
        click.option(
            "--pmtiles",
            type=click.Path(exists=True, dir_okay=False),
            default=None,
            help="Your own PMTiles raster extract.",
        ),
    ]

    @functools.wraps(command)
    def with_options(*args, basemap, tiles, tiles_attribution, mbtiles, pmtiles, **kwargs):
        values = {
            "basemap": basemap,
            "tiles_url": tiles,
            "tiles_attribution": tiles_attribution,
            "mbtiles": mbtiles,
            "pmtiles": pmtiles,
        }
        return command(*args, options=values, **kwargs)

    for option in reversed(options):
        with_options = option(with_options)
    return with_options


def _office(store, office_id: str):
    from locator.index import SiteIndex
    from locator.maps.map_data import office_source

    return office_source(SiteIndex.from_geodataframe(store.sites()), office_id)


def _route(store, route_id: str, lang: str):
    from locator.maps.map_data import route_source

    return route_source(store.routes(), store.stops(), route_id, lang=lang)


@click.command("map")
@click.option("--near", "near", metavar="QUERY", help='Nearest sites to a place ("60608").')
@click.option("--all", "all_sites", is_flag=True, help="Every site, clustered by kind.")
@click.option("--office", "office", metavar="ID", help="A consulate and its approximate region.")
@click.option("--route", "route", metavar="ID", help="A mobile unit's route and stops.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="HTML file to write.",
)
@kinds_option(
    "Only these kinds of site (repeatable or comma-separated; at most one with "
    "--office, as the API's office map)."
)
@click.option(
    "--limit", default=5, show_default=True, type=click.IntRange(1, 50), help="Results for --near."
)
@basemap_options
@store_option
@lang_option
@handle_errors
def map_command(
    near,
    all_sites,
    office,
    route,
    output,
    kinds,
    limit,
    options,
    store,
    lang,
) -> None:
    """Mapa HTML sin internet / a self-contained offline HTML map.

    \b
    Ejemplos / examples:
      locator map --near 60608 -o cerca.html
      locator map --all --lang en -o network.html
      locator map --office consulate-chicago -o chicago.html
      locator map --route route-vds-mobile-detroit -o ruta.html
    """
    from geodata.errors import InvalidInputError
    from locator.i18n.cli import CLI_ERRORS
    from locator.maps import nearest_map, network_map, office_map, route_map, save_html
    from locator.query import one_kind

    if sum(bool(x) for x in (near, all_sites, office, route)) != 1:
        raise InvalidInputError(
            CLI_ERRORS["one_of"].fill(options="--near, --all, --office, --route")
        )
    db = open_cli_store(store)
    if near:
        from locator.cli.nearest_cmd import find_nearest

        place, results = find_nearest(db, near, kinds=list(kinds) if kinds else None, limit=limit)
        query = {
            "label": place.label,
            "lat": place.lat,
            "lon": place.lon,
            "precision": place.precision,
        }
        m = nearest_map(results, query=query, lang=lang, **options)
    elif all_sites:
        sites = db.sites()
        m = network_map(sites[sites["kind"].isin(kinds)] if kinds else sites, lang=lang, **options)
    elif office:
        row, region, sites = _office(db, office)
        m = office_map(row, region=region, sites=sites, lang=lang, kind=one_kind(kinds), **options)
    else:
        row, stops = _route(db, route, lang)
        m = route_map(row, stops, lang=lang, **options)
    save_html(m, output)
    click.echo(str(output))


def _check_base_url(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """``--base-url`` follows the API's LOCATOR_PUBLIC_URL rules (locator.origins); its error
    speaks the command's ``--lang`` (an eager option, so read before this one)."""
    if value and (problem := public_url_problem(value.strip())):
        lang = ui_lang(ctx.params.get("lang") or ctx.find_root().params.get("lang"))
        raise click.BadParameter(text("cli.bad_base_url", lang).format(problem=problem))
    return value.strip() if value else value


@click.command("embed")
@click.argument("office", required=False)
@click.option(
    "--all",
    "all_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="DIR",
    help="Write every office's embed (es + en), one shared asset "
    "file, shared tiles, a snippet per office and index.html into DIR.",
)
@click.option("--snippet", is_flag=True, help="Print an <iframe> snippet instead of the page.")
@click.option(
    "--url",
    default=None,
    metavar="URL",
    help="Page URL for --snippet (default: BASE_URL/embed/OFFICE?lang=LANG).",
)
@click.option(
    "--base-url",
    default="",
    envvar="LOCATOR_PUBLIC_URL",
    metavar="URL",
    callback=_check_base_url,
    help="Public address of the locator API for --snippet (or of DIR for --all), "
    "e.g. https://locator.example.org (env LOCATOR_PUBLIC_URL).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File to write (default: standard output).",
)
@kind_option("Only this kind of site (at most one, as the API's embeds)")
@basemap_options
@store_option
@lang_option
@handle_errors
def embed_command(
    office,
    all_dir,
    snippet,
    url,
    base_url,
    output,
    kind,
    options,
    store,
    lang,
) -> None:
    """Página para insertar de un consulado / an embeddable page for a consulate.

    \b
    Ejemplos / examples:
      locator embed consulate-chicago -o chicago.html
      locator embed consulate-chicago --snippet --base-url https://locator.example.org
      locator embed --all sitio/ --base-url https://consulmex.example/mapas
    \b
    Sin --base-url (ni LOCATOR_PUBLIC_URL) el src es relativo: se avisa en stderr.
    Without --base-url (or LOCATOR_PUBLIC_URL) the src is relative: a warning goes to stderr.
    Seguridad / security: docs/embedding.md (sandbox, frame-ancestors, CSP).
    """
    from geodata.errors import InvalidInputError
    from locator.i18n.cli import CLI_ERRORS
    from locator.maps import embed_page, embed_snippet
    from locator.maps.map_data import embed_url

    if all_dir is not None:
        if office or snippet or output:
            raise InvalidInputError(CLI_ERRORS["embed_all_alone"])
        _embed_all(open_cli_store(store), all_dir, base_url=base_url, options=options, lang=lang)
        return
    if not office:
        raise InvalidInputError(CLI_ERRORS["embed_needs_office"])
    row, region, sites = _office(open_cli_store(store), office)
    if snippet:
        target = url or embed_url(office, base_url=base_url, lang=lang, kind=kind)
        if not urlsplit(target).scheme:
            click.echo(text("cli.relative_src", lang).format(url=target), err=True)
        page = embed_snippet(target, title=str(row["name"]), lang=lang)
    else:
        page = embed_page(row, region=region, sites=sites, lang=lang, kind=kind, **options)
    if output:
        output.write_text(page, encoding="utf-8")
        click.echo(str(output))
    else:
        click.echo(page)


def _embed_all(db, folder: Path, *, base_url: str, options: dict, lang: str) -> None:
    from geodata.gazetteer import Gazetteer
    from locator.index import SiteIndex
    from locator.maps.static_site import write_embed_site
    from locator.regions import office_region

    sites = db.sites()
    index = SiteIndex.from_geodataframe(sites)
    counties = Gazetteer.default().counties()
    offices = [row for _, row in sites[sites["kind"] == "consulate"].sort_values("id").iterrows()]

    def region_of(office_id: str):
        region = office_region(index, counties, office_id)
        return region if len(region) else None

    label = text("cli.offices_progress", lang)
    with click.progressbar(length=len(offices), label=label, file=sys.stderr) as bar:
        written = write_embed_site(
            folder,
            offices,
            region_of=region_of,
            sites=sites,
            base_url=base_url,
            progress=lambda _: bar.update(1),
            **options,
        )
    if not base_url:
        click.echo(text("cli.relative_snippets", lang), err=True)
    click.echo(str(written["index"][0]))


commands = [map_command, embed_command]
