"""Build the bundled dataset from the cited facts in ``geodata/sources/``.

Run ``python -m geodata.build`` (or ``--check`` to verify the committed files are what the
sources produce). Every fact comes from a source file; coordinates come from the offline
gazetteer: the ZIP centroid where the source address has a ZIP (precision ``postal_code``),
else the city (precision ``city``). Nothing is invented: unknown fields stay empty.
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
from geodata.schema import coerce_routes, coerce_sites, coerce_stops, stable_id
from geodata.vocab import CONSULATE_SERVICES, VDS_SERVICES

__all__ = ["DATASET_VERSION", "build", "build_sites"]

DATASET_VERSION = "2026.11.2"
SOURCES_DIR = Path(__file__).parent / "sources"

SRE_DIRECTORY = (
    "SRE consular directory (portales.sre.gob.mx/directorio), city list as copied in a public "
    "scraper seed list; official page per office"
)
VDS_LIST = "La Nación, 2025-12-27, list of 51 VDS cities citing ventanillasdesaludums.org"
SRE_LETTER = "SRE letter DEP-2536-23 (2023-12-01), forwarded as SG/UE/230/2832/23"
_NEWS_DATES = {"lanacion.com.ar": "2026-01-19", "larepublica.pe": "2025-03-17"}
_ADDRESS = re.compile(
    r"^(?P<street>.+?),\s*(?P<city>[^,]+),\s*(?P<state>[A-Z]{2})\s+(?P<zip>\d{5})$"
)


def _fold(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).strip()


def _read_csv(name: str) -> list[dict[str, str]]:
    with open(SOURCES_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _locate(gazetteer, row: dict[str, str], parsed: dict[str, str] | None):
    if parsed:
        place = gazetteer.zip(parsed["zip"])
        if place is not None:
            return Point(place.lon, place.lat), "postal_code"
    place = gazetteer.city(row["office_city"], row["state"])
    if place is None:
        raise RuntimeError(f"gazetteer has no city {row['office_city']}, {row['state']}")
    return Point(place.lon, place.lat), "city"


def _address_facts(row: dict[str, str]) -> tuple[dict[str, str], dict[str, str] | None]:
    match = _ADDRESS.match(row["address"].strip()) if row["address"].strip() else None
    if not match:
        return {"city": row["office_city"], "state": row["state"]}, None
    parsed = match.groupdict()
    facts = {
        "street_address": parsed["street"],
        "city": parsed["city"],
        "state": parsed["state"],
        "postal_code": parsed["zip"],
    }
    return facts, parsed


def _provenance(row: dict[str, str]) -> dict[str, object]:
    address_source = row["address_source"].strip()
    source = f"{SRE_DIRECTORY}: {row['official_page']}"
    notes_es, notes_en, date = [], [], ""
    if address_source.startswith("third-party"):
        source += "; address and phone: third-party app data (unverified)"
        notes_es.append("Dirección y teléfono sin verificar (datos de una aplicación de terceros).")
        notes_en.append("Address and phone unverified (third-party app data).")
    elif address_source.startswith("news article"):
        url = address_source.split(":", 1)[1].strip()
        source += f"; address: news article {url}"
        date = next((d for host, d in _NEWS_DATES.items() if host in url), "")
        notes_es.append("Dirección tomada de un artículo de prensa; confirme antes de ir.")
        notes_en.append("Address taken from a news article; confirm before you go.")
    else:
        notes_es.append(
            "Ubicación aproximada: centro de la ciudad (no hay dirección en la fuente)."
        )
        notes_en.append("Approximate location: city centre (the source gives no address).")
    return {
        "source": source,
        "source_date": date,
        "notes": " ".join(notes_es) + " / " + " ".join(notes_en),
    }


def _consulate(row: dict[str, str], gazetteer) -> dict[str, object]:
    facts, parsed = _address_facts(row)
    point, precision = _locate(gazetteer, row, parsed)
    return {
        "id": stable_id("consulate", row["office_city"]),
        "kind": "consulate",
        "name": f"Consulado de México en {row['office_city']}",
        "organization": "Secretaría de Relaciones Exteriores (SRE)",
        **facts,
        "phone": row["phone"].strip(),
        "url": row["official_page"].strip(),
        "services": list(CONSULATE_SERVICES),
        "languages": [],  # no source states the languages served
        "location_precision": precision,
        "verified": False,
        "illustrative": False,
        "geometry": point,
        **_provenance(row),
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


def _vds(consulate: dict[str, object], published_as: str) -> dict[str, object]:
    city = str(consulate["name"]).removeprefix("Consulado de México en ")
    return {
        **consulate,
        "id": stable_id("vds", city),
        "kind": "vds",
        "name": f"Ventanilla de Salud — Consulado de México en {city}",
        "organization": "Secretaría de Salud y SRE / IME (Ventanillas de Salud)",
        "services": list(VDS_SERVICES),
        "phone": "",  # no source gives a VDS phone; the consulate's is on its parent record
        "parent_id": consulate["id"],
        "source": f"{VDS_LIST} (listed as {published_as!r}); services: {SRE_LETTER}; "
        f"location: at the consulate ({consulate['source']})",
        "source_date": "2025-12-27",
    }


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
        "services": [],
        "parent_id": consulate["id"],
        "location_precision": "city",
        "geometry": Point(place.lon, place.lat),  # the base city, not the consulate's ZIP
        "source": f"{SRE_LETTER}: 'operan 51 VDS y 2 VDS Móviles (Detroit y Nueva York)'",
        "source_date": "2023-12-01",
        "notes": "Unidad móvil: su base es el consulado; el recorrido incluido es ILUSTRATIVO. / "
        "Mobile unit: based at the consulate; the bundled route is ILLUSTRATIVE.",
    }


HOUSTON_NOTE = (
    " Un artículo de 2026-02 dice que este consulado aplica vacunas contra la influenza con su VDS,"
    " pero la lista de VDS de 2025-12 no incluye Houston. / A 2026-02 article says this consulate"
    " runs flu vaccinations through its VDS, but the 2025-12 VDS list omits Houston."
)


def build_sites(gazetteer) -> gpd.GeoDataFrame:
    """Consulates, VDS and mobile units from the source files, located with ``gazetteer``."""
    offices = _read_csv("consular_offices_us.csv")
    consulates = {row["office_city"]: _consulate(row, gazetteer) for row in offices}
    consulates["Houston"]["notes"] = str(consulates["Houston"]["notes"]) + HOUSTON_NOTE
    vds_cities = _match_vds(_read_csv("vds_sites_us.csv"), offices)
    vds = [_vds(consulates[city], published) for city, published in vds_cities.items()]
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
