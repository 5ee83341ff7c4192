"""HSDS 3.0 package importer (folder and zip)."""

import csv
import io
import json
import zipfile
from types import SimpleNamespace

import pytest

from geodata.errors import ImportValidationError, InvalidInputError
from geodata.importers import import_into, read_import
from geodata.importers.hsds import language_code, match_service, render_schedule
from geodata.stores import open_store

TABLES = {
    "organization": [
        {
            "id": "org-1",
            "name": "Clínica del Pueblo",
            "description": "x",
            "website": "https://pueblo.example.org",
        },
    ],
    "location": [
        {
            "id": "loc-1",
            "location_type": "physical",
            "organization_id": "org-1",
            "name": "Clínica del Pueblo - Centro",
            "latitude": "41.8515",
            "longitude": "-87.6694",
        },
        {
            "id": "loc-2",
            "location_type": "physical",
            "organization_id": "org-1",
            "name": "",
            "latitude": "",
            "longitude": "",
        },
        {
            "id": "loc-3",
            "location_type": "virtual",
            "organization_id": "org-1",
            "name": "Telehealth",
            "latitude": "",
            "longitude": "",
        },
    ],
    "address": [
        {
            "id": "a1",
            "location_id": "loc-1",
            "address_1": "1900 S Ashland Ave",
            "address_2": "",
            "city": "Chicago",
            "state_province": "IL",
            "postal_code": "60608",
            "country": "US",
            "address_type": "physical",
        },
        {
            "id": "a2",
            "location_id": "loc-2",
            "address_1": "PO Box 1",
            "address_2": "",
            "city": "Dalton",
            "state_province": "GA",
            "postal_code": "30720",
            "country": "US",
            "address_type": "physical",
        },
    ],
    "service": [
        {
            "id": "svc-1",
            "organization_id": "org-1",
            "name": "HIV/AIDS screening",
            "status": "active",
        },
        {
            "id": "vaccines",
            "organization_id": "org-1",
            "name": "Inmunizaciones",
            "status": "active",
        },
        {"id": "svc-3", "organization_id": "org-1", "name": "Dental care", "status": "active"},
        {
            "id": "svc-4",
            "organization_id": "org-1",
            "name": "Glucose screening",
            "status": "inactive",
        },
        {"id": "svc-5", "organization_id": "org-1", "name": "Chequeo", "status": "active"},
    ],
    "service_at_location": [
        {"id": f"sal-{i}", "service_id": s, "location_id": "loc-1"}
        for i, s in enumerate(["svc-1", "vaccines", "svc-3", "svc-4", "svc-5", "missing"])
    ],
    "attribute": [
        {"id": "at-1", "link_id": "svc-5", "link_entity": "service", "taxonomy_term_id": "t-1"},
    ],
    "taxonomy_term": [
        {"id": "t-1", "code": "screening_cholesterol", "name": "Cholesterol", "description": ""},
    ],
    "phone": [
        {"id": "p0", "location_id": "loc-1", "number": "312-555-0199", "type": "fax"},
        {"id": "p1", "location_id": "loc-1", "number": "312-555-0100", "type": "voice"},
    ],
    "language": [
        {"id": "l1", "location_id": "loc-1", "name": "Spanish", "code": "spa"},
        {"id": "l2", "service_id": "svc-1", "name": "English", "code": "en"},
        {"id": "l3", "location_id": "loc-1", "name": "Mixteco", "code": "mix"},
    ],
    "schedule": [
        {
            "id": "s1",
            "location_id": "loc-1",
            "freq": "WEEKLY",
            "byday": "MO,TU,WE,TH,FR",
            "opens_at": "09:00",
            "closes_at": "17:00",
            "description": "",
        },
        {
            "id": "s2",
            "service_at_location_id": "sal-0",
            "freq": "MONTHLY",
            "byday": "1SA",
            "opens_at": "10:00",
            "closes_at": "14:00",
            "description": "",
        },
        {"id": "s3", "location_id": "loc-2", "description": "Llame para cita / call for hours"},
    ],
}


# HSDS 3.0 file names (the spec's datapackage.json paths)
SPEC_FILES = {
    "organization": "organizations.csv",
    "location": "locations.csv",
    "service": "services.csv",
    "service_at_location": "service_at_location.csv",
    "address": "addresses.csv",
    "phone": "phones.csv",
    "schedule": "schedules.csv",
    "language": "languages.csv",
    "attribute": "attributes.csv",
    "taxonomy_term": "taxonomy_terms.csv",
}


def write_package(folder, tables=TABLES, plural=False):
    folder.mkdir(parents=True, exist_ok=True)
    for name, rows in tables.items():
        columns = list(dict.fromkeys(k for r in rows for k in r))
        filename = SPEC_FILES[name] if plural else f"{name}.csv"
        with (folder / filename).open("w", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=columns)
            writer.writeheader()
            writer.writerows(rows)
    return folder


def zip_package(folder):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in folder.glob("*.csv"):
            archive.write(path, f"package/{path.name}")
    return buf.getvalue()


def fake_zip(code):
    return {"30720": SimpleNamespace(lat=34.77, lon=-84.97)}.get(code)


@pytest.fixture
def package(tmp_path):
    return write_package(tmp_path / "pkg")


def test_folder_package_maps_every_table(package):
    parsed = read_import("hsds", package, zip_lookup=fake_zip)
    sites = parsed.changes.sites.set_index("id")
    assert list(sites.index) == ["hsds-loc-1", "hsds-loc-2"]
    assert parsed.skipped == [{"row": 4, "reason": "virtual location / ubicación virtual"}]
    one = sites.loc["hsds-loc-1"]
    assert one["name"] == "Clínica del Pueblo - Centro"
    assert one["organization"] == "Clínica del Pueblo"
    assert (one["street_address"], one["city"], one["state"], one["postal_code"]) == (
        "1900 S Ashland Ave",
        "Chicago",
        "IL",
        "60608",
    )
    assert one["phone"] == "312-555-0100"  # fax skipped
    assert one["url"] == "https://pueblo.example.org"
    assert one["services"] == ["screening_hiv", "vaccines", "screening_cholesterol"]
    assert one["notes"] == "Otros servicios / Other services: Dental care"
    assert one["languages"] == ["es", "mix", "en"]
    assert one["hours"] == (
        "lun–vie 09:00–17:00; mensual: 1er sáb 10:00–14:00 "
        "(Mon–Fri 09:00–17:00; monthly: 1st Sat 10:00–14:00)"
    )
    assert one["location_precision"] == "address"
    two = sites.loc["hsds-loc-2"]
    assert two["name"] == "Clínica del Pueblo"  # organization name when location has none
    assert two["location_precision"] == "postal_code"
    assert (two.geometry.y, two.geometry.x) == (34.77, -84.97)
    assert two["hours"] == "Llame para cita / call for hours"
    assert two["services"] == [] and two["languages"] == []


@pytest.mark.parametrize("as_zip", [False, True])
def test_plural_file_names_and_zip(tmp_path, as_zip):
    folder = write_package(tmp_path / "plural", plural=True)
    source = zip_package(folder) if as_zip else folder
    sites = read_import("hsds", source, zip_lookup=fake_zip).changes.sites
    assert list(sites["id"]) == ["hsds-loc-1", "hsds-loc-2"]


def test_bad_location_rows_are_all_reported(tmp_path):
    tables = dict(TABLES)
    tables["location"] = [
        {**TABLES["location"][0], "latitude": "-87.6694", "longitude": "41.8515"},
        TABLES["location"][1],
        {**TABLES["location"][0], "id": "loc-9", "latitude": "abc"},
    ]
    with pytest.raises(ImportValidationError) as info:
        read_import("hsds", write_package(tmp_path / "bad", tables), zip_lookup=lambda z: None)
    got = [(e["row"], e["field"].split("/")[0]) for e in info.value.detail["errors"]]
    assert got == [(2, "location.latitude"), (3, "location.latitude"), (4, "location.latitude")]


def test_missing_location_table_and_not_a_zip(tmp_path):
    tables = {k: v for k, v in TABLES.items() if k != "location"}
    with pytest.raises(InvalidInputError, match=r"location\.csv"):
        read_import("hsds", write_package(tmp_path / "noloc", tables))
    with pytest.raises(InvalidInputError, match="zip"):
        read_import("hsds", b"not a zip file")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_not_a_zip_names_a_folder_only_for_paths(tmp_path, lang):
    """Bytes (an HTTP upload) cannot be a folder: the message asks for a .zip file only."""
    with pytest.raises(InvalidInputError) as info:
        read_import("hsds", b"not a zip file")
    message = info.value.message(lang)
    assert ".zip" in message and "folder" not in message and "carpeta" not in message
    path = tmp_path / "package.txt"
    path.write_bytes(b"not a zip file")
    with pytest.raises(InvalidInputError) as info:
        read_import("hsds", path)
    assert {"en": "folder", "es": "carpeta"}[lang] in info.value.message(lang)


def test_size_limit_counts_uncompressed_size(tmp_path):
    tables = dict(TABLES)
    tables["organization"] = [{**TABLES["organization"][0], "description": "texto " * 5000}]
    data = zip_package(write_package(tmp_path / "big", tables))
    with pytest.raises(InvalidInputError, match="limit"):
        read_import("hsds", data, max_bytes=len(data) + 10)  # archive fits, contents do not


def test_reimport_is_idempotent(tmp_path, package):
    store = open_store(tmp_path / "s.gpkg")
    parsed = read_import("hsds", package, zip_lookup=fake_zip)
    assert import_into(store, parsed).inserted == 2
    report = import_into(store, read_import("hsds", package, zip_lookup=fake_zip))
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, 2)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("screening_hiv", "screening_hiv"),
        ("Detección de VIH y sida", "screening_hiv"),
        ("VACCINES", "vaccines"),
        ("Massage", None),
        ("", None),
        # accents, case, punctuation, Spanish/English labels and synonyms
        ("Vacunas", "vaccines"),
        ("vacunación", "vaccines"),
        ("VACUNACION", "vaccines"),
        ("Immunization", "vaccines"),
        ("aplicacion de vacunas", "vaccines"),
        ("VIH", "screening_hiv"),
        ("HIV testing", "screening_hiv"),
        ("deteccion de vih y SIDA", "screening_hiv"),
        ("Salud mental", "counselling_mental_health"),
        ("Mental Health", "counselling_mental_health"),
        ("Counseling: mental health", "counselling_mental_health"),
        ("consejería - salud mental", "counselling_mental_health"),
        ("Seguro médico", "insurance_info"),
        ("insurance", "insurance_info"),
        ("glucosa", "screening_glucose"),
        ("Atención médica primaria", "primary_care"),
        # never guessed from part of a name
        ("Vacunas para mascotas", None),
        ("Dental care", None),
        ("salud", None),
        ("HIV treatment", None),
        ("counseling", None),
    ],
)
def test_match_service(text, expected):
    assert match_service(text) == expected


def test_synonyms_are_data_for_known_services_without_clashes():
    from geodata.importers.hsds import _service_key
    from geodata.vocab import SERVICES, SYNONYMS

    assert set(SYNONYMS) <= set(SERVICES)
    owner = {}
    for sid, term in SERVICES.items():
        for name in (sid, term.es, term.en, *SYNONYMS.get(sid, ())):
            key = _service_key(name)
            assert owner.setdefault(key, sid) == sid, f"{name!r} means two services"
    for sid, names in SYNONYMS.items():
        assert all(match_service(n) == sid for n in names)


def test_service_synonyms_in_a_package(tmp_path):
    tables = {k: v for k, v in TABLES.items() if k not in ("attribute", "taxonomy_term")}
    tables["service"] = [
        {"id": "svc-1", "organization_id": "org-1", "name": "Vacunas", "status": "active"},
        {
            "id": "vaccines",
            "organization_id": "org-1",
            "name": "vacunación",
            "status": "active",
        },  # same service twice: listed once
        {"id": "svc-3", "organization_id": "org-1", "name": "Prueba de VIH", "status": "active"},
        {"id": "svc-4", "organization_id": "org-1", "name": "Salud Mental", "status": "active"},
        {"id": "svc-5", "organization_id": "org-1", "name": "Clases de inglés", "status": "active"},
    ]
    parsed = read_import("hsds", write_package(tmp_path / "pkg", tables), zip_lookup=fake_zip)
    one = parsed.changes.sites.set_index("id").loc["hsds-loc-1"]
    assert one["services"] == ["vaccines", "screening_hiv", "counselling_mental_health"]
    assert one["notes"] == "Otros servicios / Other services: Clases de inglés"


@pytest.mark.parametrize(
    ("code", "name", "expected"),
    [
        ("es", "", "es"),
        ("SPA", "", "es"),
        ("", "Español", "es"),
        ("", "English", "en"),
        ("zap", "Zapoteco", "zap"),
        ("", "Klingon", None),
    ],
)
def test_language_code(code, name, expected):
    assert language_code(code, name) == expected


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        (
            {"byday": "MO,WE", "opens_at": "8:30:00", "closes_at": "12:00"},
            ("lun, mié 08:30–12:00", "Mon, Wed 08:30–12:00"),
        ),
        (
            {"byday": "SA,SU,MO", "freq": "WEEKLY", "interval": "2"},
            ("cada 2 semanas: lun, sáb, dom", "every 2 weeks: Mon, Sat, Sun"),
        ),
        ({"byday": "-1FR", "freq": "MONTHLY"}, ("mensual: último vie", "monthly: last Fri")),
        ({}, ("", "")),
    ],
)
def test_render_schedule(row, expected):
    assert render_schedule(row) == expected


# ------------------------------------------------ HSDS 3.0 as published (datapackage.json)
def _datapackage(folder, resources, **extra):
    doc = {
        "profile": "tabular-data-package",
        "version": "3.0.0",
        **extra,
        "resources": [{"name": n, "path": p} for n, p in resources.items()],
    }
    (folder / "datapackage.json").write_text(json.dumps(doc))


def test_spec_file_names_keep_every_address(tmp_path):
    """The spec's addresses.csv (not address.csv) must not be dropped."""
    folder = write_package(tmp_path / "spec", plural=True)
    (folder / "contacts.csv").write_text("id,name\nc1,A. Persona\n")
    (folder / "notes.csv").write_text("a\n1\n")
    parsed = read_import("hsds", folder, zip_lookup=fake_zip)
    one = parsed.changes.sites.set_index("id").loc["hsds-loc-1"]
    assert (one["street_address"], one["city"], one["state"]) == (
        "1900 S Ashland Ave",
        "Chicago",
        "IL",
    )
    files = " ".join(w["message"] for w in parsed.warnings if w["field"] == "files")
    for name in SPEC_FILES.values():
        assert name in files
    assert "addresses.csv (address, 2)" in files
    assert "contacts.csv" in files and "notes.csv" in files  # ignored, and said so


def test_datapackage_json_maps_resources_to_paths(tmp_path):
    folder = write_package(tmp_path / "dp", plural=True)
    (folder / "addresses.csv").rename(folder / "direcciones.csv")
    (folder / "locations.csv").rename(folder / "sitios.csv")
    paths = {
        **SPEC_FILES,
        "address": "direcciones.csv",
        "location": "data/sitios.csv",
        "contact": "contacts.csv",
    }
    _datapackage(folder, paths)
    parsed = read_import("hsds", folder, zip_lookup=fake_zip)
    one = parsed.changes.sites.set_index("id").loc["hsds-loc-1"]
    assert one["postal_code"] == "60608"
    files = " ".join(w["message"] for w in parsed.warnings if w["field"] == "files")
    assert "sitios.csv (location, 3)" in files and "direcciones.csv (address, 2)" in files


def test_messages_name_the_real_file(tmp_path):
    tables = dict(TABLES)
    tables["location"] = [{**TABLES["location"][0], "latitude": "abc"}]
    folder = write_package(tmp_path / "bad", tables, plural=True)
    with pytest.raises(ImportValidationError) as info:
        read_import("hsds", folder, zip_lookup=lambda z: None)
    assert "locations.csv" in info.value.message("en")
    assert "location.csv" not in info.value.message("en").replace("locations.csv", "")


@pytest.mark.parametrize("layout", ["files", "datapackage"])
def test_hsds_1x_gets_a_clear_message(tmp_path, layout):
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "locations.csv").write_text("id,name,latitude,longitude\nl1,A,41.8,-87.6\n")
    if layout == "files":
        (folder / "physical_address.csv").write_text("id,location_id,address_1\na,l1,1 Main\n")
    else:
        _datapackage(folder, {"location": "locations.csv"}, version="1.1")
    with pytest.raises(InvalidInputError) as info:
        read_import("hsds", folder)
    assert "HSDS 1.x" in info.value.message("en") and "HSDS 1.x" in info.value.message("es")
    assert "3.0" in info.value.message("en")


def test_bad_datapackage_json_is_named(tmp_path):
    folder = write_package(tmp_path / "dpbad", plural=True)
    (folder / "datapackage.json").write_text("{not json")
    with pytest.raises(InvalidInputError, match=r"datapackage\.json"):
        read_import("hsds", folder)


def test_zip_with_datapackage_in_a_subfolder(tmp_path):
    folder = write_package(tmp_path / "z", plural=True)
    _datapackage(folder, SPEC_FILES)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as archive:
        for path in folder.iterdir():
            archive.write(path, f"hsds/{path.name}")
    parsed = read_import("hsds", buf.getvalue(), zip_lookup=fake_zip)
    assert parsed.changes.sites.set_index("id").loc["hsds-loc-1"]["city"] == "Chicago"
