"""``locator nearest``: the nearest services to a place."""

from __future__ import annotations

import click

from locator.cli.common import (
    emit_json,
    format_option,
    handle_errors,
    kinds_option,
    lang_option,
    languages_option,
    open_cli_store,
    services_option,
    store_option,
)
from locator.i18n import text, ui_lang
from locator.query import mobile_units_max_km

__all__ = ["commands", "find_nearest"]


def find_nearest(
    store,
    query: str,
    *,
    kinds=None,
    services=None,
    languages=None,
    limit=5,
    max_km=None,
    with_mobile: bool = False,
):
    """Resolve ``query`` with the gazetteer, then return ``(place, results)`` from ``store``.

    ``results`` are places one can walk into: a site that moves (VDS mobile unit, HRSA van,
    ``mobile``) is never ranked. With ``with_mobile``, return ``(place, results, mobile)``:
    ``mobile`` are the sites that move, nearest first, under the same filters.
    """
    from geodata.gazetteer import Gazetteer
    from locator.index import SiteIndex

    place = Gazetteer.default().geocode(query, limit=1)[0]
    index = SiteIndex.from_geodataframe(store.sites())
    options = {
        "k": limit,
        "kinds": kinds,
        "services": services,
        "languages": languages,
        "max_km": max_km,
    }
    results = index.nearest(place.lon, place.lat, mobile=False, **options)
    if not with_mobile:
        return place, results
    near = {**options, "max_km": mobile_units_max_km(max_km)}
    mobile = index.nearest(place.lon, place.lat, mobile=True, **near)
    return place, results, mobile.drop(columns="rank")


def _print_mobile(mobile, lang: str) -> None:
    from locator.present import site_properties

    if mobile.empty:
        return
    click.echo(f"{text('common.mobile_heading', lang)}:")
    for row in mobile.to_dict("records"):
        p = site_properties(row, lang)
        click.echo(
            f"  -  {p['distance_km']:>7.1f}  {p['distance_mi']:>7.1f}  "
            f"{p['kind_label']}  {p['name']}  {p['address'] or '—'}  {p['phone'] or ''}"
        )
        click.echo(f"      ({p['mobile_note']})")


def _print_table(place, results, lang: str) -> None:
    from locator.evidence import national_lines_text
    from locator.present import precision_note, site_properties

    lang = ui_lang(lang)
    where = text("cli.near", lang)
    note = precision_note(place.precision, lang)
    click.echo(
        f"{where}: {place.label} ({place.lat:.4f}, {place.lon:.4f}){f' — {note}' if note else ''}"
    )
    if results.empty:
        click.echo(text("cli.no_results", lang))
        return
    click.echo("  ".join(text("cli.nearest_head", lang).split("|")))
    for row in results.to_dict("records"):
        p = site_properties(row, lang)
        click.echo(
            f"{p['rank']:>2}  {p['distance_km']:>7.1f}  {p['distance_mi']:>7.1f}  "
            f"{p['kind_label']}  "
            f"{p['name']}  {p['address'] or '—'}  {p['phone'] or ''}"
        )
        extra = [
            x for x in (p["location_note"], p["illustrative_note"], *p["evidence"].values()) if x
        ]
        if extra:
            click.echo(f"      ({'; '.join(extra)})")
        if p["hours"]:
            click.echo(f"      {text('common.hours', lang)}: {p['hours']}")
        if p["contact_fallback"]:
            click.echo(f"      {national_lines_text(lang)}")


@click.command("nearest")
@click.argument("query")
@kinds_option()
@services_option()
@languages_option()
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 50))
@click.option(
    "--max-km",
    type=click.FloatRange(min=0, min_open=True),
    default=None,
    help="Only sites within this great-circle distance.",
)
@format_option("table", "json", "geojson")
@store_option
@lang_option
@handle_errors
def nearest(query, kinds, services, languages, limit, max_km, fmt, store, lang) -> None:
    """Lo más cercano / the nearest services to QUERY, by great-circle distance.

    Solo se ordenan lugares a los que se puede ir sin cita; las unidades móviles se listan
    aparte / only walk-in places are ranked; mobile units are listed apart.

    QUERY is anything the gazetteer takes: a ZIP ("60608"), "Dalton, GA", "Nueva York",
    or "lat,lon" ("41.85,-87.65").

    \b
    Ejemplos / examples:
      locator nearest 60608
      locator nearest "Dalton, GA" --kind vds --limit 3
      locator nearest "41.85,-87.65" --service vaccines --format geojson
      locator nearest "San José, CA" --max-km 100 --lang en
    """
    from locator.present import feature_collection, site_feature, site_properties

    place, results, mobile = find_nearest(
        open_cli_store(store),
        query,
        kinds=list(kinds) if kinds else None,
        services=list(services) if services else None,
        languages=list(languages) if languages else None,
        limit=limit,
        max_km=max_km,
        with_mobile=True,
    )
    if fmt == "table":
        _print_table(place, results, lang)
        _print_mobile(mobile, ui_lang(lang))
    elif fmt == "json":
        emit_json(
            {
                "query": place.to_dict(),
                "results": [site_properties(r, lang) for r in results.to_dict("records")],
                "mobile_units": [site_properties(r, lang) for r in mobile.to_dict("records")],
            }
        )
    else:
        emit_json(
            feature_collection(
                results,
                lang,
                query=place.to_dict(),
                mobile_units=[site_feature(r, lang) for r in mobile.to_dict("records")],
            )
        )


commands = [nearest]
