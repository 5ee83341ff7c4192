"""The row errors and warnings of import reports say their words through catalog entries
(``errors.rows`` in geodata.messages; issue 18): each ``"message"`` is ``entry.both()``,
"English / Spanish". The ones that were English only (the ACS rows, the note on a CSV saved by
Excel, "no rows to import") now carry their Spanish too."""

from __future__ import annotations

import re

import pytest

from geodata.errors import ImportValidationError
from geodata.importers import read_import
from geodata.importers.acs import parse_api_json, parse_census_csv
from geodata.messages import ROWS
from tests.geodata.importers.test_acs import CSV_TEXT, api_rows


def _pattern(text: str) -> str:
    """An entry's words as a regular expression, each ``{field}`` matching any value."""
    return ".*".join(re.escape(part) for part in re.split(r"\{[^{}]*\}", text))


SAID = [re.compile(f"{_pattern(e.en)} / {_pattern(e.es)}", re.S) for e in ROWS.values()]


def said_by_an_entry(message: str) -> bool:
    return any(p.fullmatch(message) for p in SAID)


def _errors(fmt: str, data: bytes) -> list[dict]:
    with pytest.raises(ImportValidationError) as err:
        read_import(fmt, data)
    return err.value.detail["errors"]


BAD_CSV = (
    "id,kind,name,lat,lon,state,postal_code,source_date,languages,illustrative,source,"
    "street_address\n"
    "a,clinic,A,41.85,-87.65,XX,123,2020/01/01,english,maybe,src,1 Main\n"
    "b,clinic,B,abc,-87.65,TX,60601,,,,src,1 Main\n"
    "c,clinic,C,0,0,TX,60601,,,,src,1 Main\n"
    "d,clinic,D,41.85,87.65,TX,60601,,,,src,1 Main\n"
    "e,clinic,E,-87.65,41.85,TX,60601,,,,src,1 Main\n"
    "f,clinic,F,1,2\n"
    "g,clinic,G,41.85,-87.65,TX,60601,,,,src,\n"
)

BAD_STOPS = b"""{"type": "FeatureCollection", "features": [
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": ["x", 1]},
  "properties": {"id": "s1", "sequence": 0}},
 {"type": "Feature", "geometry": {"type": "Point", "coordinates": [-87.65, 41.85]},
  "properties": {"id": "s1", "route_id": "r", "name": "A", "source": "s", "sequence": 1,
   "location_precision": "address", "unit_id": "u", "rrule": "FREQ=WEEKLY"}},
 {"type": "Feature", "geometry": null, "properties": {"id": "s3"}}
]}"""


def test_every_row_error_of_a_bad_import_is_said_by_an_entry():
    errors = _errors("csv", BAD_CSV.encode()) + _errors("routes", BAD_STOPS)
    assert len(errors) >= 15
    assert [e["message"] for e in errors if not said_by_an_entry(e["message"])] == []
    assert all(" / " in e["message"] for e in errors)


def test_row_warnings_are_said_by_entries():
    csv = (
        "name;lat;lon;kind;source;street_address;url;verified;phone;other\n"
        "A;41,85;-87,65;clinic;s;1 Main;javascript:x;yes;12;z\n"
    ).encode("cp1252")
    warnings = read_import("csv", csv).warnings
    assert len(warnings) == 5
    assert [w["message"] for w in warnings if not said_by_an_entry(w["message"])] == []


def test_the_excel_note_carries_its_spanish():
    parsed = read_import("csv", b"name;lat;lon;kind;source;street_address\nA;41;-87;clinic;s;x\n")
    (note,) = [w["message"] for w in parsed.warnings if w["field"] == "file"]
    assert note == "CSV as saved by Excel: delimiter ';' / CSV guardado por Excel: separador ';'"


def test_no_rows_to_import_carries_its_spanish():
    (error,) = _errors("csv", b"name,lat,lon\n")
    assert error["message"] == "no rows to import / no hay filas para importar"


def test_acs_rows_carry_their_spanish():
    rows = api_rows()
    rows[1][2] = "many"  # not a count
    rows[2][4] = "XX"  # not a state FIPS
    rows.append(rows[3][:2])  # short row
    rows.append(list(api_rows()[3]))  # the same county again
    with pytest.raises(ImportValidationError) as err:
        parse_api_json(rows, variable="B05006_160E")
    messages = [e["message"] for e in err.value.detail["errors"]]
    assert "not a non-negative count: 'many' / no es un conteo no negativo: 'many'" in messages
    assert "invalid state/county FIPS 'XX'/'313' / FIPS de estado/condado no válido 'XX'/'313'" in (
        messages
    )
    assert "row has 2 values, header has 6 / la fila tiene 2 valores, el encabezado tiene 6" in (
        messages
    )
    assert (
        "duplicate county 48301 (also row 4) / condado repetido 48301 (también en la fila 4)"
        in (messages)
    )
    assert all(said_by_an_entry(m) for m in messages)
    with pytest.raises(ImportValidationError) as err:
        parse_census_csv(CSV_TEXT.replace("0500000US17031", "bad"))
    (bad,) = err.value.detail["errors"]
    assert bad["message"] == "not a county GEO_ID: 'bad' / no es un GEO_ID de condado: 'bad'"
