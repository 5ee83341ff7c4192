"""Build the bundled dataset from the cited facts in ``geodata/sources/``.

Run ``python -m geodata.build`` (or ``--check`` to verify the committed files are what the
sources produce). Every fact comes from a source file, each address, phone and hours value
with its evidence, citations and date (:mod:`geodata.research`); coordinates come from the
offline gazetteer: the ZIP centroid where a sourced full street address has a ZIP (precision
``postal_code``), else the city (precision ``city``): partial addresses and addresses in
conflict never place a point. Nothing is invented: unknown fields stay empty.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import unicodedata
from pathlib import Path

import geopandas as gpd
from shapely.geometry import Point

from geodata.bundled import DATA_DIR, write_geojson
from geodata.research import OfficeFacts, fact_specs, office_facts, research_rows, vds_facts
from geodata.schema import EVIDENCE_FIELDS, coerce_routes, coerce_sites, coerce_stops, stable_id
from geodata.vocab import CONSULATE_SERVICES, VDS_SERVICES

__all__ = ["DATASET_VERSION", "build", "build_sites"]

DATASET_VERSION = "2026.12.1"
RESEARCH_DATE = "2026-12"
SOURCES_DIR = Path(__file__).parent / "sources"

SRE_DIRECTORY = (
    "SRE consular directory (portales.sre.gob.mx/directorio), city list as copied in a public "
    "scraper seed list; official page per office"
)
VDS_LIST = "La Nación, 2025-12-27, list of 51 VDS cities citing ventanillasdesaludums.org"
SRE_LETTER = "SRE letter DEP-2536-23 (2023-12-01), forwarded as SG/UE/230/2832/23"
RESEARCH = (
    "research file consulates_research_2026-12.csv (public sources, per-fact evidence; "
    "geodata/sources/SOURCES.md)"
)
WASHINGTON_NAME = "Sección Consular de la Embajada de México en Washington"
_EMPTY_FACTS = {
    f"{fact}_{part}": ""
    for fact in EVIDENCE_FIELDS
    for part in ("evidence", "source", "source_date")
}


def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).strip()


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(SOURCES_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _locate(gazetteer, row: dict[str, str], facts: OfficeFacts):
    """The ZIP centroid for a sourced full street address + ZIP, else the city centre.

    No offline street geocoder exists here, so no point is ever at ``address`` precision.
    A partial address (street only, cross streets) or one in conflict never places the point.
    """
    if facts.full_address:
        place = gazetteer.zip(facts.values["postal_code"])
        if place is not None:
            return Point(place.lon, place.lat), "postal_code"
    place = gazetteer.city(row["office_city"], row["state"])
    if place is None:
        raise RuntimeError(f"gazetteer has no city {row['office_city']}, {row['state']}")
    return Point(place.lon, place.lat), "city"


def _notes(facts: OfficeFacts, precision: str) -> str:
    es, en = [], []
    if facts.values.get("address_evidence") == "conflict":
        es.append(
            "Ubicación aproximada: centro de la ciudad (las fuentes no coinciden en la dirección)."
        )
        en.append("Approximate location: city centre (the sources disagree on the address).")
    elif not facts.values.get("street_address"):
        es.append(
            "Ubicación aproximada: centro de la ciudad (ninguna fuente pública da la dirección)."
        )
        en.append("Approximate location: city centre (no public source gives the address).")
    elif precision == "postal_code":
        es.append("El punto está en el centro del código postal, no en la puerta.")
        en.append("The point is at the ZIP code's centre, not at the door.")
    if facts.values.get("address_evidence") == "candidate":
        es.append("Dirección sin verificar: confirme antes de ir.")
        en.append("Address unverified: confirm before you go.")
    es += facts.notes_es
    en += facts.notes_en
    return " ".join(es) + " / " + " ".join(en)


def _consulate(
    row: dict[str, str], research: dict[str, str], specs, gazetteer
) -> dict[str, object]:
    city = row["office_city"]
    facts = office_facts(research, specs.get(city, []))
    point, precision = _locate(gazetteer, row, facts)
    return {
        "id": stable_id("consulate", city),
        "kind": "consulate",
        "name": WASHINGTON_NAME if city == "Washington" else f"Consulado de México en {city}",
        "organization": "Secretaría de Relaciones Exteriores (SRE)",
        "street_address": "",
        "city": city,
        "state": row["state"],
        "postal_code": "",
        "phone": "",
        "hours": "",
        **_EMPTY_FACTS,
        **facts.values,
        "url": row["official_page"].strip(),
        "services": list(CONSULATE_SERVICES),
        "languages": [],  # no source states the languages served
        "location_precision": precision,
        "verified": False,  # the official pages could not be read offline
        "illustrative": False,
        "geometry": point,
        "source": f"{SRE_DIRECTORY}: {row['official_page']}; address, phone, hours: {RESEARCH}",
        "source_date": RESEARCH_DATE,
        "notes": _notes(facts, precision),
    }


def _match_vds(vds_rows: list[dict[str, str]], offices: list[dict[str, str]]) -> dict[str, str]:
    """Map each published VDS city to a consular office city (the VDS sit at consulates)."""
    by_name: dict[str, str] = {}
    for office in offices:
        by_name[_fold(office["office_city"])] = office["office_city"]
        by_name[_fold(office["office_city_as_listed"])] = office["office_city"]
    matched: dict[str, str] = {}
    for row in vds_rows:
        key = _fold(row["city_as_published"].replace("D. C.", ""))
        city = by_name.get(key) or next(
            (v for k, v in by_name.items() if k.startswith(key + " ")), None
        )
        if city is None:
            raise RuntimeError(f"VDS city {row['city_as_published']!r} matches no consular office")
        matched[city] = row["city_as_published"]
    return matched


def _vds(
    consulate: dict[str, object], city: str, listed: str, facts: dict[str, str] | None
) -> dict[str, object]:
    """The VDS inside ``consulate``: its address facts; no phone (no source gives one)."""
    record = {
        **consulate,
        "id": stable_id("vds", city),
        "kind": "vds",
        "name": f"Ventanilla de Salud — {consulate['name']}",
        "organization": "Secretaría de Salud y SRE / IME (Ventanillas de Salud)",
        "services": list(VDS_SERVICES),
        "phone": "",
        "phone_evidence": "",
        "phone_source": "",
        "phone_source_date": "",
        "hours": "",
        "hours_evidence": "",
        "hours_source": "",
        "hours_source_date": "",
        "parent_id": consulate["id"],
        "source": f"{listed}; services: {SRE_LETTER}; location: inside the consulate "
        f"({consulate['source']})",
        "source_date": "2025-12-27",
    }
    if facts:
        record.update(
            {k: facts[k] for k in ("hours", "hours_evidence", "hours_source", "hours_source_date")}
        )
        record["source"] = f"{record['source']}; VDS facts: {facts['source']}"
        record["source_date"] = max(str(record["source_date"]), facts["source_date"])
        es, en = str(consulate["notes"]).split(" / ", 1)
        record["notes"] = f"{facts['notes_es']} {es} / {facts['notes_en']} {en}"
    return record


def _mobile(consulate: dict[str, object], city: str, gazetteer) -> dict[str, object]:
    place = gazetteer.city(city, str(consulate["state"]))
    return {
        **consulate,
        "id": stable_id("vds-mobile", city),
        "kind": "vds_mobile",
        "name": f"Ventanilla de Salud Móvil — {city}",
        "organization": "Secretaría de Salud y SRE / IME (Ventanillas de Salud)",
        "street_address": "",
        "postal_code": "",
        "phone": "",
        "hours": "",
        **_EMPTY_FACTS,
        "services": [],
        "parent_id": consulate["id"],
        "location_precision": "city",
        "geometry": Point(place.lon, place.lat),  # the base city, not the consulate's ZIP
        "source": f"{SRE_LETTER}: 'operan 51 VDS y 2 VDS Móviles (Detroit y Nueva York)'",
        "source_date": "2023-12-01",
        "notes": "Unidad móvil: su base es el consulado; el recorrido incluido es ILUSTRATIVO. / "
        "Mobile unit: based at the consulate; the bundled route is ILLUSTRATIVE.",
    }


VDS_COUNT_NOTE = {
    "es": "52 registros de VDS aunque la carta de la SRE (2023-12) y la lista de 2025-12 "
    "cuentan 51: la lista de 51 ciudades (La Nación 2025-12-27) omite Houston, pero "
    "noticias de 2026 (La Nación 2026-01-10, 2026-02-23, 2026-02-27) muestran su VDS en "
    "funcionamiento. "
    'El "51" tampoco es una VDS por ciudad: en 2021 y 2024 se decía 51 VDS en 49 '
    "consulados (algunas fuera de consulados o en Canadá). Fuente: vds_and_mobile_units.md.",
    "en": "52 VDS records although the SRE letter (2023-12) and the 2025-12 list count 51: the "
    "51-city list (La Nación 2025-12-27) omits Houston, but 2026 news (La Nación 2026-01-10, "
    '2026-02-23, 2026-02-27) shows its VDS operating. Nor is "51" one VDS per city: '
    "2021 and 2024 statements say 51 VDS in 49 consulates (some outside consulates or in "
    "Canada). Source: vds_and_mobile_units.md.",
}
HOUSTON_VDS_LIST = (
    "La Nación 2026-01-10, 2026-02-23, 2026-02-27 news on the Houston VDS (absent from the "
    "2025-12 list of 51 VDS cities: see vds_count_note in meta.json)"
)


def build_sites(gazetteer) -> gpd.GeoDataFrame:
    """Consulates, VDS and mobile units from the source files, located with ``gazetteer``."""
    offices = _read_csv("consular_offices_us.csv")
    research, specs, extra = research_rows(), fact_specs(), vds_facts()
    consulates = {
        row["office_city"]: _consulate(row, research[row["office_city"]], specs, gazetteer)
        for row in offices
    }
    listed = {
        city: f"{VDS_LIST} (listed as {published!r})"
        for city, published in _match_vds(_read_csv("vds_sites_us.csv"), offices).items()
    }
    if "Houston" in listed:
        raise RuntimeError("the VDS list now includes Houston: drop the Houston special case")
    listed["Houston"] = HOUSTON_VDS_LIST
    vds = [_vds(consulates[city], city, text, extra.get(city)) for city, text in listed.items()]
    mobile = [_mobile(consulates[c], c, gazetteer) for c in ("Detroit", "New York")]
    return coerce_sites([*consulates.values(), *vds, *mobile])


def build(out_dir: Path = DATA_DIR) -> dict[str, str]:
    """Build every bundled file into ``out_dir``; return the metadata written."""
    from geodata.gazetteer import Gazetteer
    from geodata.illustrative_routes import build_illustrative_routes

    gazetteer = Gazetteer.default()
    sites = build_sites(gazetteer)
    routes, stops = build_illustrative_routes(gazetteer)
    out_dir.mkdir(parents=True, exist_ok=True)
    write_geojson(sites, out_dir / "sites.geojson")
    write_geojson(coerce_routes(routes), out_dir / "routes.geojson")
    write_geojson(coerce_stops(stops), out_dir / "stops.geojson")
    meta = {
        "dataset_version": DATASET_VERSION,
        "sources": "geodata/sources/SOURCES.md",
        "builder": "python -m geodata.build",
        "vds_count_note_es": VDS_COUNT_NOTE["es"],
        "vds_count_note_en": VDS_COUNT_NOTE["en"],
    }
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    return meta


def _check() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp))
        stale = [
            p.name
            for p in sorted(Path(tmp).iterdir())
            if p.read_bytes() != (DATA_DIR / p.name).read_bytes()
        ]
    if stale:
        print(
            f"bundled data is stale: {', '.join(stale)}; run python -m geodata.build",
            file=sys.stderr,
        )
        return 1
    print("bundled data matches its sources")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="verify the committed files")
    args = parser.parse_args(argv)
    if args.check:
        return _check()
    meta = build()
    print(f"built dataset {meta['dataset_version']} in {DATA_DIR}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
