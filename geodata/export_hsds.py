"""Export the sites as a tabular Open Referral HSDS 3.0 package (``locator export --format hsds``).

Files, named as the HSDS 3.0 ``datapackage.json`` names them: ``organizations.csv``,
``services.csv``, ``locations.csv``, ``service_at_location.csv``, ``addresses.csv``,
``phones.csv``, ``schedules.csv``, ``languages.csv``, ``attributes.csv``, ``taxonomies.csv``,
``taxonomy_terms.csv`` and a ``datapackage.json`` describing them (fields, types, required
fields, enumerations, primary and foreign keys).

* Ids are UUIDs (HSDS requires them), derived stably from locator's ids (UUID 5), so a
  re-export gives the same ids; ``location.external_identifier`` keeps locator's site id.
* One organization per organization name (the site name when it has none); one service per
  (organization, locator service), named with its English label so it is read back as the
  same service.
* An address row only for a complete address (HSDS requires ``address_1``, ``city``,
  ``state_province``, ``postal_code``, ``country``): nothing is invented to fill one.
* ``hours`` becomes a ``schedules.csv`` row with the text as ``description``.
* How exact the location is (``location_precision``) is an attribute with a term of the
  ``locator-location-precision`` taxonomy, so the importer does not take a city centroid
  for an exact address.

Examples
--------
>>> stable_uuid("location", "vds-chicago") == stable_uuid("location", "vds-chicago")
True
"""

from __future__ import annotations

import csv
import json
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import geopandas as gpd

from geodata.vocab import LANGUAGES, PRECISIONS, SERVICES

__all__ = ["HSDS_FILES", "PRECISION_TAXONOMY", "stable_uuid", "write_hsds"]

_NAMESPACE = uuid.UUID("6f1c2a4e-3b7d-5e8f-9a0b-1c2d3e4f5a6b")
PRECISION_TAXONOMY = "locator-location-precision"
"""Name of the taxonomy whose terms (code = a locator precision) say how exact a location is."""

_S, _U, _N = "string", "uuid", "number"
# table -> (file, [(field, type, required, enum)], [(field, table)] foreign keys)
_SCHEMA: dict[
    str, tuple[str, list[tuple[str, str, bool, tuple[str, ...]]], list[tuple[str, str]]]
] = {
    "organization": (
        "organizations.csv",
        [
            ("id", _U, True, ()),
            ("name", _S, True, ()),
            ("description", _S, True, ()),
            ("website", "uri", False, ()),
        ],
        [],
    ),
    "service": (
        "services.csv",
        [
            ("id", _U, True, ()),
            ("organization_id", _U, True, ()),
            ("name", _S, True, ()),
            ("status", _S, True, ("active", "inactive", "defunct", "temporarily closed")),
        ],
        [("organization_id", "organization")],
    ),
    "location": (
        "locations.csv",
        [
            ("id", _U, True, ()),
            ("location_type", _S, True, ("physical", "postal", "virtual")),
            ("url", "uri", False, ()),
            ("organization_id", _U, False, ()),
            ("name", _S, False, ()),
            ("description", _S, False, ()),
            ("latitude", _N, False, ()),
            ("longitude", _N, False, ()),
            ("external_identifier", _S, False, ()),
            ("external_identifier_type", _S, False, ()),
        ],
        [("organization_id", "organization")],
    ),
    "service_at_location": (
        "service_at_location.csv",
        [("id", _U, True, ()), ("service_id", _U, True, ()), ("location_id", _U, True, ())],
        [("service_id", "service"), ("location_id", "location")],
    ),
    "address": (
        "addresses.csv",
        [
            ("id", _U, True, ()),
            ("location_id", _U, False, ()),
            ("address_1", _S, True, ()),
            ("city", _S, True, ()),
            ("state_province", _S, True, ()),
            ("postal_code", _S, True, ()),
            ("country", _S, True, ()),
            ("address_type", _S, True, ("physical", "postal", "virtual")),
        ],
        [("location_id", "location")],
    ),
    "phone": (
        "phones.csv",
        [
            ("id", _U, True, ()),
            ("location_id", _U, False, ()),
            ("number", _S, True, ()),
            ("type", _S, False, ()),
        ],
        [("location_id", "location")],
    ),
    "schedule": (
        "schedules.csv",
        [("id", _U, True, ()), ("location_id", _U, False, ()), ("description", _S, False, ())],
        [("location_id", "location")],
    ),
    "language": (
        "languages.csv",
        [
            ("id", _U, True, ()),
            ("location_id", _U, False, ()),
            ("name", _S, False, ()),
            ("code", _S, False, ()),
        ],
        [("location_id", "location")],
    ),
    "taxonomy": (
        "taxonomies.csv",
        [("id", _U, True, ()), ("name", _S, True, ()), ("description", _S, True, ())],
        [],
    ),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        [
            ("id", _U, True, ()),
            ("code", _S, False, ()),
            ("name", _S, True, ()),
            ("description", _S, True, ()),
            ("taxonomy_id", _U, False, ()),
        ],
        [("taxonomy_id", "taxonomy")],
    ),
    "attribute": (
        "attributes.csv",
        [
            ("id", _U, True, ()),
            ("link_id", _U, True, ()),
            ("taxonomy_term_id", _U, True, ()),
            ("link_entity", _S, True, ()),
        ],
        [("taxonomy_term_id", "taxonomy_term")],
    ),
}
HSDS_FILES = {table: spec[0] for table, spec in _SCHEMA.items()}
"""Table -> file name, as in HSDS 3.0's ``datapackage.json``."""


def stable_uuid(kind: str, key: str) -> str:
    """A UUID 5 for ``key`` of ``kind`` (the same on every export)."""
    return str(uuid.uuid5(_NAMESPACE, f"{kind}:{key}"))


def _text(value: Any) -> str:
    return "" if value is None else str(value)


class _Tables:
    def __init__(self) -> None:
        self.rows: dict[str, list[dict[str, str]]] = {t: [] for t in _SCHEMA}
        self.seen: set[tuple[str, str]] = set()

    def add(self, table: str, row: dict[str, Any]) -> None:
        if (table, row["id"]) not in self.seen:
            self.seen.add((table, row["id"]))
            self.rows[table].append({k: _text(v) for k, v in row.items()})


def _precision_terms(tables: _Tables) -> dict[str, str]:
    tax = stable_uuid("taxonomy", PRECISION_TAXONOMY)
    tables.add(
        "taxonomy",
        {
            "id": tax,
            "name": PRECISION_TAXONOMY,
            "description": "Qué tan exacta es la ubicación / how exact the location is "
            "(locator location_precision)",
        },
    )
    out = {}
    for code, term in PRECISIONS.items():
        out[code] = stable_uuid("taxonomy_term", f"{PRECISION_TAXONOMY}:{code}")
        tables.add(
            "taxonomy_term",
            {
                "id": out[code],
                "code": f"{PRECISION_TAXONOMY}:{code}",
                "name": term.en,
                "description": f"{term.es} / {term.en}",
                "taxonomy_id": tax,
            },
        )
    return out


def _site_rows(tables: _Tables, site: Any, terms: dict[str, str]) -> None:
    org_name = site.organization or site.name
    org = stable_uuid("organization", org_name)
    tables.add(
        "organization",
        {
            "id": org,
            "name": org_name,
            "website": "",
            "description": f"{org_name} (exportado por locator / exported by locator)",
        },
    )
    loc = stable_uuid("location", site.id)
    geom = site.geometry
    tables.add(
        "location",
        {
            "id": loc,
            "location_type": "physical",
            "url": site.url,
            "organization_id": org,
            "name": site.name,
            "description": site.notes,
            "latitude": "" if geom is None else round(geom.y, 7),
            "longitude": "" if geom is None else round(geom.x, 7),
            "external_identifier": site.id,
            "external_identifier_type": "locator",
        },
    )
    if all((site.street_address, site.city, site.state, site.postal_code)):
        tables.add(
            "address",
            {
                "id": stable_uuid("address", site.id),
                "location_id": loc,
                "address_1": site.street_address,
                "city": site.city,
                "state_province": site.state,
                "postal_code": site.postal_code,
                "country": "US",
                "address_type": "physical",
            },
        )
    if site.phone:
        tables.add(
            "phone",
            {
                "id": stable_uuid("phone", site.id),
                "location_id": loc,
                "number": site.phone,
                "type": "voice",
            },
        )
    if site.hours:
        tables.add(
            "schedule",
            {"id": stable_uuid("schedule", site.id), "location_id": loc, "description": site.hours},
        )
    for code in site.languages:
        term = LANGUAGES.get(code)
        tables.add(
            "language",
            {
                "id": stable_uuid("language", f"{site.id}:{code}"),
                "location_id": loc,
                "name": term.en if term else "",
                "code": code,
            },
        )
    for sid in site.services:
        svc = stable_uuid("service", f"{org_name}:{sid}")
        tables.add(
            "service",
            {
                "id": svc,
                "organization_id": org,
                "status": "active",
                "name": SERVICES[sid].en if sid in SERVICES else sid,
            },
        )
        tables.add(
            "service_at_location",
            {"id": stable_uuid("sal", f"{site.id}:{sid}"), "service_id": svc, "location_id": loc},
        )
    if site.location_precision in terms:
        tables.add(
            "attribute",
            {
                "id": stable_uuid("attribute", site.id),
                "link_id": loc,
                "taxonomy_term_id": terms[site.location_precision],
                "link_entity": "location",
            },
        )


def _datapackage() -> dict[str, Any]:
    resources = []
    for table, (path, fields, fks) in _SCHEMA.items():
        schema_fields = []
        for name, type_, required, enum in fields:
            field: dict[str, Any] = {"name": name, "type": "number" if type_ == _N else "string"}
            if type_ in (_U, "uri"):
                field["format"] = type_
            constraints: dict[str, Any] = {"required": required}
            if enum:
                constraints["enum"] = list(enum)
            if name == "id":
                constraints["unique"] = True
            field["constraints"] = constraints
            schema_fields.append(field)
        resources.append(
            {
                "name": table,
                "path": path,
                "profile": "tabular-data-resource",
                "schema": {
                    "fields": schema_fields,
                    "primaryKey": "id",
                    "foreignKeys": [
                        {"fields": f, "reference": {"resource": t, "fields": "id"}} for f, t in fks
                    ],
                },
            }
        )
    return {
        "name": "locator_hsds_export",
        "profile": "tabular-data-package",
        "version": "3.0.0",
        "title": "locator: sites as HSDS 3.0 / sitios en HSDS 3.0",
        "resources": resources,
    }


def write_hsds(sites: gpd.GeoDataFrame, folder: str | Path) -> dict[str, int]:
    """Write ``sites`` to ``folder`` as an HSDS 3.0 package; ``{file: rows}`` written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    tables = _Tables()
    terms = _precision_terms(tables)
    for site in sites.itertuples(index=False):
        _site_rows(tables, site, terms)
    counts = {}
    for table, (path, fields, _) in _SCHEMA.items():
        _write_csv(folder / path, [f[0] for f in fields], tables.rows[table])
        counts[path] = len(tables.rows[table])
    (folder / "datapackage.json").write_text(
        json.dumps(_datapackage(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return counts


def _write_csv(path: Path, columns: list[str], rows: Iterable[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
