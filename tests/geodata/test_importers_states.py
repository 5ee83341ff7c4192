"""State names are read the same way by every importer (geodata.importers.states)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from geodata.errors import ImportValidationError
from geodata.importers import read_import
from geodata.importers.states import clean_state, state_code
from tests.fixtures.make_hrsa import make_rows, write_hrsa
from tests.geodata.test_importers_hsds import TABLES, fake_zip, write_package


def _csv(state):
    row = {
        "kind": "clinic",
        "name": "Clínica 1",
        "street_address": "1 Main St",
        "city": "Dalton",
        "state": state,
        "postal_code": "30720",
        "latitude": "34.77",
        "longitude": "-84.97",
        "source": "Test list 2026",
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerow(row)
    return out.getvalue().encode()


def _geojson(state):
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [-84.97, 34.77]},
        "properties": {
            "kind": "clinic",
            "name": "Clínica 1",
            "city": "Dalton",
            "state": state,
            "location_precision": "city",
            "source": "Test list 2026",
        },
    }
    return json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()


def _hrsa(tmp_path, state):
    rows = make_rows(3, inactive_every=1000)
    for r in rows:
        r["Site State Abbreviation"] = state
    return write_hrsa(tmp_path / "h.csv", rows)


def _hsds(tmp_path, state):
    tables = {
        **TABLES,
        "address": [{**TABLES["address"][0], "state_province": state}, TABLES["address"][1]],
    }
    return write_package(tmp_path / "pkg", tables)


READERS = {
    "csv": lambda tmp, s: _csv(s),
    "geojson": lambda tmp, s: _geojson(s),
    "hrsa": _hrsa,
    "hsds": _hsds,
}


@pytest.mark.parametrize("fmt", list(READERS))
@pytest.mark.parametrize(
    ("text", "code"), [("GA", "GA"), ("ga", "GA"), ("Georgia", "GA"), (" georgia ", "GA")]
)
def test_state_names_become_codes_in_every_importer(tmp_path, fmt, text, code):
    parsed = read_import(fmt, READERS[fmt](tmp_path, text), zip_lookup=fake_zip)
    first = parsed.changes.sites.iloc[0]
    assert first["state"] == code


@pytest.mark.parametrize("fmt", list(READERS))
def test_unknown_state_is_the_same_error_in_every_importer(tmp_path, fmt):
    with pytest.raises(ImportValidationError) as info:
        read_import(fmt, READERS[fmt](tmp_path, "MyState"), zip_lookup=fake_zip)
    messages = [e["message"] for e in info.value.detail["errors"]]
    assert clean_state("MyState")[1] in messages


def test_state_code_spanish_and_territories():
    assert state_code("Tejas") == "TX" and state_code("Puerto Rico") == "PR"
    assert state_code("") == "" and state_code("Narnia") is None
