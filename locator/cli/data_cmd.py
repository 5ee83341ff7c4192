"""Commands about the data itself: ``info``, ``geocode`` and ``serving``."""

from __future__ import annotations

import click

from locator.cli.common import (
    emit_json,
    format_option,
    handle_errors,
    lang_option,
    open_cli_store,
    store_option,
)
from locator.i18n import text, ui_lang

__all__ = ["commands", "dataset_info"]


def _evidence_counts(sites) -> dict[str, dict[str, int]]:
    """Per fact (address, phone, hours): how many sites hold it at each evidence level.

    ``none`` counts sites with no evidence level for the fact; ``undated`` those whose fact
    has a level but no source date (the sources themselves are undated).
    """
    from geodata.schema import EVIDENCE_FIELDS
    from geodata.vocab import EVIDENCE

    counts = {}
    for fact in EVIDENCE_FIELDS:
        levels = sites[f"{fact}_evidence"]
        row = {level: int((levels == level).sum()) for level in EVIDENCE}
        row["none"] = int((levels == "").sum())
        row["undated"] = int(((levels != "") & (sites[f"{fact}_source_date"] == "")).sum())
        counts[fact] = row
    return counts


def dataset_info(store) -> dict:
    """Counts per kind, precision and evidence level, sources and dataset version of ``store``.

    ``by_evidence`` counts the consulates' facts (each VDS repeats its consulate's address);
    ``by_evidence_all`` counts every site.
    """
    sites = store.sites()
    meta = store.meta()
    by_kind = sites["kind"].value_counts().sort_index()
    precision = sites.groupby(["kind", "location_precision"]).size()
    return {
        "dataset_version": store.version(),
        "meta": meta,
        "sites": len(sites),
        "by_kind": {k: int(v) for k, v in by_kind.items()},
        "by_precision": {
            kind: {p: int(n) for (k, p), n in precision.items() if k == kind}
            for kind in by_kind.index
        },
        "routes": len(store.routes()),
        "illustrative_routes": int(store.routes()["illustrative"].sum()),
        "stops": len(store.stops()),
        "by_evidence": _evidence_counts(sites[sites["kind"] == "consulate"]),
        "by_evidence_all": _evidence_counts(sites),
        "vds_count_note": {
            lang: meta[f"vds_count_note_{lang}"]
            for lang in ("es", "en")
            if f"vds_count_note_{lang}" in meta
        },
        "sources": sorted(sites["source"].str.split(r"[:;(]").str[0].str.strip().unique()),
    }


def _echo_evidence(data: dict, lang: str) -> None:
    from geodata.vocab import EVIDENCE

    lang = ui_lang(lang)
    click.echo(text("cli.evidence_head", lang))
    for fact, row in data["by_evidence"].items():
        parts = [f"{EVIDENCE[k].label(lang)} {n}" for k, n in row.items() if k in EVIDENCE]
        parts.append(f"{text('cli.no_fact', lang)} {row['none']}")
        if row["undated"]:
            parts.append(f"{text('cli.of_which_undated', lang)} {row['undated']}")
        label = text(f"common.fact.{fact}", lang)
        click.echo(f"  {label:<10} " + ", ".join(parts))
    note = data["vds_count_note"].get(lang)
    if note:
        click.echo("VDS: " + note)


@click.command("info")
@store_option
@lang_option
@format_option("text", "json")
@handle_errors
def info(store: str | None, lang: str, fmt: str) -> None:
    """Qué datos hay / what data is loaded: counts per kind, location precision and evidence.

    Evidence per fact (address, phone, hours): confirmada/confirmed (two independent sources
    agree), sin verificar/unverified (one or only old sources), en conflicto/in conflict
    (sources disagree: not shown as fact).

    \b
    Ejemplos / examples:
      locator info
      locator info --format json
    """
    from geodata.vocab import PRECISIONS
    from locator.present import kind_label

    data = dataset_info(open_cli_store(store))
    if fmt == "json":
        emit_json(data)
        return
    lang = ui_lang(lang)
    click.echo(text("cli.info_head", lang).format(version=data["dataset_version"], n=data["sites"]))
    for kind, count in data["by_kind"].items():
        label = kind_label(kind, lang)
        parts = ", ".join(
            f"{PRECISIONS[p].label(lang) if p in PRECISIONS else p}: {n}"
            for p, n in data["by_precision"][kind].items()
        )
        click.echo(f"  {kind:<11} {count:>6}  {label}  [{parts}]")
    _echo_evidence(data, lang)
    click.echo(
        text("cli.info_routes", lang).format(
            routes=data["routes"], illustrative=data["illustrative_routes"], stops=data["stops"]
        )
    )
    click.echo(text("cli.sources", lang))
    for source in data["sources"]:
        click.echo(f"  - {source}")


@click.command("geocode")
@click.argument("query")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 50))
@format_option("text", "json")
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


def serving_answer(store, query: str, lang: str) -> dict:
    """Which consulate serves ``query`` (a place or "lat,lon"), and what decided it."""
    from geodata.gazetteer import Gazetteer
    from locator.index import SiteIndex
    from locator.present import site_properties
    from locator.regions import county_office

    gazetteer = Gazetteer.default()
    place = gazetteer.geocode(query, limit=1)[0]
    index = SiteIndex.from_geodataframe(store.sites())
    office = county_office(index, gazetteer.counties(), place.lon, place.lat)
    rule = office["rule"]
    return {
        "query": place.to_dict(),
        "approximation": True,
        "basis": office["basis"],
        "rule": {**rule, "label": rule["label_en" if lang == "en" else "label_es"]}
        if rule
        else None,
        "note": office["note_en" if lang == "en" else "note_es"],
        "county": office.get("county", {}),
        "office": site_properties(
            {
                **office["site"],
                "distance_km": office["distance_km"],
                "distance_mi": office["distance_mi"],
            },
            lang,
        ),
    }


@click.command("serving")
@click.argument("query")
@store_option
@lang_option
@format_option("text", "json")
@handle_errors
def serving(query: str, store: str | None, lang: str, fmt: str) -> None:
    """Qué consulado me atiende / which consulate serves QUERY, and which rule decided it.

    The office of QUERY's county: the one a sourced rule names (e.g. the SRE redistricting
    of 2022-06-01: Lubbock, TX -> Albuquerque), else the nearest consulate. Always an
    approximation: no official machine-readable list exists.

    \b
    Ejemplos / examples:
      locator serving "Lubbock, TX"
      locator serving "Honolulu, HI" --lang en
      locator serving 60608 --format json
    """
    data = serving_answer(open_cli_store(store), query, lang)
    if fmt == "json":
        emit_json(data)
        return
    lang = ui_lang(lang)
    office, county = data["office"], data["county"]
    where = f"{county.get('name', '')}, {county.get('state', '')}".strip(", ")
    click.echo(f"{text('cli.place', lang)}: {data['query']['label']} ({where})")
    click.echo(
        f"{text('cli.office', lang)}: {office['name']}  {office['address']}  "
        f"{office['distance_km']:.1f} km"
    )
    if data["rule"]:
        rule = data["rule"]
        date = rule["source_date"] or text("evidence.undated", lang)
        click.echo(f"{text('cli.rule', lang)}: {rule['label']}")
        click.echo(f"  {text('cli.source', lang)}: {rule['source']} ({date})")
    else:
        click.echo(text("cli.nearest_office", lang))
    click.echo(data["note"])


commands = [info, geocode, serving]
