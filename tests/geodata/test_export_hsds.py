"""``export --format hsds`` against the HSDS 3.0 schema, and its round trip through the importer.

The rules below are transcribed from HSDS 3.0's ``datapackage.json`` (openreferral/
specification, version 3.0.0: resource names and paths, field names, required fields, formats,
enumerations, foreign keys), independently of geodata.export_hsds, so a drift is caught.
"""

from __future__ import annotations

import csv
import json
import re

import pytest
from shapely.geometry import Point

from geodata.export import export_sites
from geodata.importers import read_import
from geodata.schema import coerce_sites
from geodata.stores import open_store
from geodata.stores.base import ChangeSet

UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
STATUS = {"active", "inactive", "defunct", "temporarily closed"}
LOC_TYPES = {"physical", "postal", "virtual"}
# resource -> (path, fields of HSDS 3.0, required, {field: enum}, uuid fields, number fields,
#              {fk field: resource})
HSDS30 = {
    "organization": (
        "organizations.csv",
        [
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "website",
            "tax_status",
            "tax_id",
            "year_incorporated",
            "legal_status",
            "logo",
            "uri",
            "parent_organization_id",
        ],
        ["id", "name", "description"],
        {},
        ["id", "parent_organization_id"],
        ["year_incorporated"],
        {},
    ),
    "service": (
        "services.csv",
        [
            "id",
            "organization_id",
            "program_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "wait_time",
            "fees",
            "accreditations",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "licenses",
            "alert",
            "last_modified",
        ],
        ["id", "organization_id", "name", "status"],
        {"status": STATUS},
        ["id", "organization_id", "program_id"],
        ["minimum_age", "maximum_age"],
        {"organization_id": "organization"},
    ),
    "location": (
        "locations.csv",
        [
            "id",
            "location_type",
            "url",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "transportation",
            "latitude",
            "longitude",
            "external_identifier",
            "external_identifier_type",
        ],
        ["id", "location_type"],
        {"location_type": LOC_TYPES},
        ["id", "organization_id"],
        ["latitude", "longitude"],
        {"organization_id": "organization"},
    ),
    "service_at_location": (
        "service_at_location.csv",
        ["id", "service_id", "location_id", "description"],
        ["id", "service_id", "location_id"],
        {},
        ["id", "service_id", "location_id"],
        [],
        {"service_id": "service", "location_id": "location"},
    ),
    "address": (
        "addresses.csv",
        [
            "id",
            "location_id",
            "attention",
            "address_1",
            "address_2",
            "city",
            "region",
            "state_province",
            "postal_code",
            "country",
            "address_type",
        ],
        ["id", "address_1", "city", "state_province", "postal_code", "country", "address_type"],
        {"address_type": LOC_TYPES},
        ["id", "location_id"],
        [],
        {"location_id": "location"},
    ),
    "phone": (
        "phones.csv",
        [
            "id",
            "location_id",
            "service_id",
            "organization_id",
            "contact_id",
            "service_at_location_id",
            "number",
            "extension",
            "type",
            "description",
        ],
        ["id", "number"],
        {},
        ["id", "location_id", "service_id", "organization_id"],
        ["extension"],
        {"location_id": "location"},
    ),
    "schedule": (
        "schedules.csv",
        [
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "valid_from",
            "valid_to",
            "dtstart",
            "timezone",
            "until",
            "count",
            "wkst",
            "freq",
            "interval",
            "byday",
            "byweekno",
            "bymonthday",
            "byyearday",
            "description",
            "opens_at",
            "closes_at",
            "schedule_link",
            "attending_type",
            "notes",
        ],
        ["id"],
        {},
        ["id", "service_id", "location_id"],
        ["timezone", "interval"],
        {"location_id": "location"},
    ),
    "language": (
        "languages.csv",
        ["id", "service_id", "location_id", "phone_id", "name", "code", "note"],
        ["id"],
        {},
        ["id", "service_id", "location_id", "phone_id"],
        [],
        {"location_id": "location"},
    ),
    "attribute": (
        "attributes.csv",
        ["id", "link_id", "taxonomy_term_id", "link_type", "link_entity", "value", "label"],
        ["id", "link_id", "taxonomy_term_id", "link_entity"],
        {},
        ["id", "link_id", "taxonomy_term_id"],
        [],
        {"taxonomy_term_id": "taxonomy_term"},
    ),
    "taxonomy_term": (
        "taxonomy_terms.csv",
        [
            "id",
            "code",
            "name",
            "description",
            "parent_id",
            "taxonomy",
            "language",
            "taxonomy_id",
            "term_uri",
        ],
        ["id", "name", "description"],
        {},
        ["id", "parent_id", "taxonomy_id"],
        [],
        {"taxonomy_id": "taxonomy"},
    ),
    "taxonomy": (
        "taxonomies.csv",
        ["id", "name", "description", "uri", "version"],
        ["id", "name", "description"],
        {},
        ["id"],
        [],
        {},
    ),
}


def _clinic(**over):
    base = {
        "id": "clinic-full",
        "kind": "clinic",
        "name": "Clínica Ejemplo (ilustrativa)",
        "organization": "Organización Ejemplo",
        "street_address": "1 Main St",
        "city": "Dalton",
        "state": "GA",
        "postal_code": "30720",
        "phone": "706-555-0100",
        "url": "https://example.org/clinica",
        "services": ["vaccines", "screening_hiv"],
        "languages": ["es", "en"],
        "hours": "lun–vie 09:00–17:00",
        "location_precision": "address",
        "source": "test",
        "notes": "Nota de prueba",
        "illustrative": True,
        "geometry": Point(-84.9701235, 34.7709877),
    }
    return {**base, **over}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("hsds") / "store.gpkg")  # bundled data
    extra = coerce_sites(
        [
            _clinic(),
            _clinic(
                id="clinic-city",
                street_address="",
                postal_code="",
                location_precision="city",
                phone="",
                hours="",
                services=[],
                languages=[],
            ),
        ]
    )
    store.apply(ChangeSet(sites=extra, source="test"))
    return store


@pytest.fixture(scope="module")
def package(store, tmp_path_factory):
    return export_sites(store, tmp_path_factory.mktemp("out") / "paquete", fmt="hsds")


def _rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        return reader.fieldnames, list(reader)


def test_package_meets_the_hsds_30_schema(package):
    tables = {}
    for name, (path, fields, required, enums, uuids, numbers, _) in HSDS30.items():
        columns, rows = _rows(package / path)
        assert set(columns) <= set(fields), (path, set(columns) - set(fields))
        assert set(required) <= set(columns), path
        ids = [r["id"] for r in rows]
        assert len(ids) == len(set(ids)), f"{path}: duplicate ids"
        for r in rows:
            for f in required:
                assert r[f].strip(), (path, f, r["id"])
            for f in uuids:
                assert not r.get(f) or UUID.match(r[f]), (path, f, r[f])
            for f in numbers:
                if r.get(f):
                    float(r[f])
            for f, allowed in enums.items():
                assert r[f] in allowed, (path, f, r[f])
            for f in ("url", "website"):
                assert not r.get(f) or r[f].startswith(("http://", "https://")), (path, r[f])
        tables[name] = rows
    for name, (_, _, _, _, _, _, fks) in HSDS30.items():
        for field, target in fks.items():
            known = {r["id"] for r in tables[target]}
            dangling = [r[field] for r in tables[name] if r.get(field) and r[field] not in known]
            assert not dangling, (name, field, dangling[:3])
    for r in tables["location"]:
        assert -90 <= float(r["latitude"]) <= 90 and -180 <= float(r["longitude"]) <= 180


def test_datapackage_json_names_the_files_as_hsds_30(package):
    doc = json.loads((package / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in doc["resources"]}
    assert {n: r["path"] for n, r in resources.items()} == {n: v[0] for n, v in HSDS30.items()}
    for name, res in resources.items():
        fields = {f["name"]: f for f in res["schema"]["fields"]}
        for req in HSDS30[name][2]:
            assert fields[req]["constraints"]["required"] is True, (name, req)
        refs = {fk["fields"]: fk["reference"]["resource"] for fk in res["schema"]["foreignKeys"]}
        assert refs == HSDS30[name][6], name


FIELDS = [
    "name",
    "organization",
    "phone",
    "url",
    "services",
    "languages",
    "hours",
    "location_precision",
    "notes",
]
ADDRESS = ["street_address", "city", "state", "postal_code"]


@pytest.mark.parametrize("kind", ["consulate", "vds", "vds_mobile", "clinic"])
def test_round_trip_through_the_importer(store, tmp_path, kind):
    out = export_sites(store, tmp_path / "pkg", fmt="hsds", kinds=kind)
    back = read_import("hsds", out, kind=kind).changes.sites
    _, locations = _rows(out / "locations.csv")
    site_of = {f"hsds-{r['id']}": r["external_identifier"] for r in locations}
    back = back.assign(id=back["id"].map(site_of)).set_index("id")
    original = store.sites().set_index("id")
    original = original[original["kind"] == kind]
    assert sorted(back.index) == sorted(original.index) and len(back) > 0
    for sid, row in original.iterrows():
        got = back.loc[sid]
        for field in FIELDS:
            assert got[field] == row[field], (sid, field, got[field], row[field])
        complete = all(row[f] for f in ADDRESS)
        for field in ADDRESS:  # HSDS has no address row without address_1 and postal_code
            assert got[field] == (row[field] if complete else ""), (sid, field)
        assert got.geometry.distance(row.geometry) < 1e-7


def test_reexport_gives_the_same_ids(store, tmp_path):
    one = export_sites(store, tmp_path / "a", fmt="hsds")
    two = export_sites(store, tmp_path / "b", fmt="hsds")
    for path in HSDS30.values():
        assert (one / path[0]).read_bytes() == (two / path[0]).read_bytes()


def test_refuses_a_folder_with_files(store, tmp_path):
    from geodata.errors import InvalidInputError

    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x.txt").write_text("x")
    with pytest.raises(InvalidInputError, match="empty folder"):
        export_sites(store, tmp_path / "full", fmt="hsds")
