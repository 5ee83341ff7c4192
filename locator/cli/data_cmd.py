"""Commands about the data itself: ``info`` and ``geocode``."""

from __future__ import annotations

import click

from locator.cli.common import emit_json, handle_errors, lang_option, open_cli_store, store_option

__all__ = ["commands", "dataset_info"]


def dataset_info(store) -> dict:
    """Counts per kind and per precision, sources and dataset version of ``store``."""
    sites = store.sites()
    by_kind = sites["kind"].value_counts().sort_index()
    precision = sites.groupby(["kind", "location_precision"]).size()
    return {
        "dataset_version": store.version(),
        "meta": store.meta(),
        "sites": len(sites),
        "by_kind": {k: int(v) for k, v in by_kind.items()},
        "by_precision": {
            kind: {p: int(n) for (k, p), n in precision.items() if k == kind}
            for kind in by_kind.index
        },
        "routes": len(store.routes()),
        "illustrative_routes": int(store.routes()["illustrative"].sum()),
        "stops": len(store.stops()),
        "sources": sorted(sites["source"].str.split(r"[:;(]").str[0].str.strip().unique()),
    }


@click.command("info")
@store_option
@lang_option
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@handle_errors
def info(store: str | None, lang: str, fmt: str) -> None:
    """Qué datos hay / what data is loaded: counts per kind and location precision.

    \b
    Ejemplos / examples:
      locator info
      locator info --format json
    """
    from geodata.vocab import KINDS, PRECISIONS

    data = dataset_info(open_cli_store(store))
    if fmt == "json":
        emit_json(data)
        return
    click.echo(f"dataset {data['dataset_version']}  ({data['sites']} sites)")
    for kind, count in data["by_kind"].items():
        label = KINDS[kind].label(lang) if kind in KINDS else kind
        parts = ", ".join(
            f"{PRECISIONS[p].label(lang) if p in PRECISIONS else p}: {n}"
            for p, n in data["by_precision"][kind].items()
        )
        click.echo(f"  {kind:<11} {count:>6}  {label}  [{parts}]")
    ill = "ilustrativas" if lang == "es" else "illustrative"
    click.echo(
        f"  routes {data['routes']} ({data['illustrative_routes']} {ill}), stops {data['stops']}"
    )
    click.echo(("fuentes" if lang == "es" else "sources") + ":")
    for source in data["sources"]:
        click.echo(f"  - {source}")


@click.command("geocode")
@click.argument("query")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 50))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@lang_option
@handle_errors
def geocode(query: str, limit: int, fmt: str, lang: str) -> None:
    """Dónde queda un lugar / where a place is, offline.

    QUERY is a ZIP ("60608"), a city ("Chicago", "Nueva York"), "City, ST" ("Dalton, GA"),
    a county ("Cook County, IL"), a state, or "lat,lon" ("41.85,-87.65").
    """
    from geodata.gazetteer import Gazetteer

    places = Gazetteer.default().geocode(query, limit=limit)
    if fmt == "json":
        emit_json([p.to_dict() for p in places])
        return
    for p in places:
        click.echo(f"{p.label:<40} {p.lat:>9.4f} {p.lon:>10.4f}  {p.precision}")


commands = [info, geocode]
