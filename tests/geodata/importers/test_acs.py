"""Tests of the ACS B05006 importer.

FIXTURE NUMBERS ARE MADE UP FOR TESTS ONLY: they are not Census figures. Layouts (header row,
label row, GEO_ID, variables.json) follow the real Census API and data.census.gov formats.
"""

import json

import pytest

from geodata.errors import ImportValidationError, InvalidInputError
from geodata.importers.acs import (
    ACS_COLUMNS,
    find_mexico_variable,
    parse_api_json,
    parse_census_csv,
    read_acs_b05006,
)

LABEL_2023 = "Estimate!!Total:!!Americas:!!Latin America:!!Central America:!!Mexico"
LABEL_2018 = "Estimate!!Total!!Americas!!Latin America!!Central America!!Mexico"


def variables_json(mexico_code: str, label: str = LABEL_2023) -> dict:
    """A Census API variables.json excerpt with decoys (made-up TEST fixture)."""
    return {
        "variables": {
            "B05006_001E": {"label": "Estimate!!Total:", "concept": "PLACE OF BIRTH"},
            "B05006_159E": {"label": LABEL_2023.removesuffix("!!Mexico")},
            mexico_code: {"label": label, "concept": "PLACE OF BIRTH"},
            mexico_code[:-1] + "M": {"label": label.replace("Estimate", "Margin of Error")},
            "B05007_050E": {
                "label": "Estimate!!Total:!!Latin America:!!Central America:!!Mexico:"
                "!!Entered before 1990:"
            },
            "NAME": {"label": "Geographic Area Name"},
        }
    }


def api_rows(code: str = "B05006_160E") -> list[list[str]]:
    """Census API JSON rows; numbers are MADE UP (test fixture only)."""
    return [
        ["NAME", "B05006_001E", code, code[:-1] + "M", "state", "county"],
        ["Cook County, Illinois", "1100000", "500000", "9000", "17", "031"],
        ["Whitfield County, Georgia", "20000", "12000", "1500", "13", "313"],
        ["Loving County, Texas", "0", "0", "12", "48", "301"],
    ]


CSV_TEXT = (
    '"GEO_ID","NAME","B05006_001E","B05006_001M","B05006_160E","B05006_160M",\n'
    '"Geography","Geographic Area Name","Estimate!!Total:","Margin of Error!!Total:",'
    f'"{LABEL_2023}","{LABEL_2023.replace("Estimate", "Margin of Error")}",\n'
    '"0500000US17031","Cook County, Illinois","1100000","5000","500000","9000",\n'
    '"0500000US13313","Whitfield County, Georgia","20000","900","12000","1500",\n'
)
"""data.census.gov export layout; numbers MADE UP (test fixture only)."""


def test_api_json_with_variables_picks_mexico_by_label():
    table = parse_api_json(api_rows(), variables=variables_json("B05006_160E"))
    assert list(table.columns) == list(ACS_COLUMNS)
    assert table["fips"].tolist() == ["13313", "17031", "48301"]
    assert table.set_index("fips").loc["17031", "mexico_born"] == 500000
    assert table.set_index("fips").loc["17031", "moe"] == 9000
    assert set(table["variable"]) == {"B05006_160E"}
    assert set(table["label"]) == {LABEL_2023}


@pytest.mark.parametrize(
    ("code", "label"), [("B05006_139E", LABEL_2018), ("B05006_160E", LABEL_2023)]
)
def test_variable_number_follows_the_label_not_a_constant(code, label):
    table = parse_api_json(api_rows(code), variables=variables_json(code, label))
    assert set(table["variable"]) == {code}


def test_api_json_without_labels_needs_variables_or_override():
    with pytest.raises(InvalidInputError) as err:
        parse_api_json(api_rows())
    assert "variables.json" in err.value.message("en")
    assert "variables.json" in err.value.message("es")
    table = parse_api_json(api_rows(), variable="B05006_160E")
    assert table["mexico_born"].sum() == 512000


def test_override_that_contradicts_variables_json_is_refused():
    rows = api_rows()
    with pytest.raises(InvalidInputError):
        parse_api_json(rows, variables=variables_json("B05006_160E"), variable="B05006_001E")


def test_override_must_be_a_column():
    with pytest.raises(InvalidInputError):
        parse_api_json(api_rows(), variable="B05006_139E")


def test_no_mexico_label_is_an_import_error():
    meta = {"variables": {"B05006_160E": {"label": "Estimate!!Total:!!Europe:"}}}
    with pytest.raises(ImportValidationError):
        parse_api_json(api_rows(), variables=meta)


def test_ambiguous_labels_are_refused():
    with pytest.raises(ImportValidationError) as err:
        find_mexico_variable({"B05006_139E": LABEL_2018, "B05006_160E": LABEL_2023})
    assert err.value.detail["candidates"] == ["B05006_139E", "B05006_160E"]


def test_margin_of_error_label_is_not_the_estimate():
    with pytest.raises(ImportValidationError):
        find_mexico_variable({"B05006_160M": LABEL_2023.replace("Estimate", "Margin of Error")})


@pytest.mark.parametrize(
    ("state", "county", "value", "field"),
    [
        ("17", "31", "5", "fips"),
        ("1", "031", "5", "fips"),
        ("00", "031", "5", "fips"),
        ("IL", "031", "5", "fips"),
        ("17", "031", "-666666666", "B05006_160E"),
        ("17", "031", "N", "B05006_160E"),
        ("17", "031", None, "B05006_160E"),
        ("17", "031", "12.5", "B05006_160E"),
    ],
)
def test_bad_rows_reject_the_whole_file(state, county, value, field):
    rows = api_rows()
    rows.append(["Bad County", "1", value, "1", state, county])
    with pytest.raises(ImportValidationError) as err:
        parse_api_json(rows, variable="B05006_160E")
    errors = err.value.detail["errors"]
    assert [e["row"] for e in errors] == [5]
    assert errors[0]["field"] == field


def test_duplicate_county_is_an_error():
    rows = api_rows()
    rows.append(rows[1])
    with pytest.raises(ImportValidationError) as err:
        parse_api_json(rows, variable="B05006_160E")
    assert "duplicate" in err.value.detail["errors"][0]["message"]


def test_state_level_response_is_refused():
    rows = [["NAME", "B05006_160E", "state"], ["Illinois", "5", "17"]]
    with pytest.raises(ImportValidationError):
        parse_api_json(rows, variable="B05006_160E")


def test_census_csv_by_label():
    table = parse_census_csv(CSV_TEXT)
    assert table["fips"].tolist() == ["13313", "17031"]
    assert table["mexico_born"].tolist() == [12000, 500000]
    assert table["moe"].tolist() == [1500, 9000]
    assert set(table["label"]) == {LABEL_2023}


def test_census_csv_with_bom_and_bad_geo_id():
    text = "\ufeff" + CSV_TEXT + '"0400000US17","Illinois","1","1","1","1",\n'
    with pytest.raises(ImportValidationError) as err:
        parse_census_csv(text)
    assert err.value.detail["errors"][0]["field"] == "GEO_ID"


def test_csv_without_label_row_is_refused():
    with pytest.raises(ImportValidationError):
        parse_census_csv("a,b\n1,2\n")


def test_read_from_files(tmp_path):
    data = tmp_path / "b05006.json"
    meta = tmp_path / "variables.json"
    data.write_text(json.dumps(api_rows()))
    meta.write_text(json.dumps(variables_json("B05006_160E")))
    assert len(read_acs_b05006(data, variables=meta)) == 3
    csv_path = tmp_path / "b05006.csv"
    csv_path.write_text(CSV_TEXT, encoding="utf-8")
    assert len(read_acs_b05006(csv_path)) == 2


def test_read_errors_are_locator_errors(tmp_path):
    with pytest.raises(InvalidInputError):
        read_acs_b05006(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("[[1, 2")
    with pytest.raises(ImportValidationError):
        read_acs_b05006(bad, variable="B05006_160E")


@pytest.mark.parametrize(
    ("variable", "force", "ok"),
    [
        ("B05006_160E", False, True),  # labelled Mexico in the file
        ("B05006_001E", False, False),  # labelled Total: refused
        ("B05006_001E", True, True),  # unless forced
    ],
)
def test_census_csv_explicit_variable_checked_against_label_row(variable, force, ok):
    if ok:
        table = parse_census_csv(CSV_TEXT, variable=variable, force_variable=force)
        assert set(table["variable"]) == {variable}
        return
    with pytest.raises(InvalidInputError) as err:
        parse_census_csv(CSV_TEXT, variable=variable)
    assert "Estimate!!Total:" in err.value.message("en")
    assert "--force-variable" in err.value.message("en")
    assert "--force-variable" in err.value.message("es")


def test_no_labels_error_names_the_real_option():
    with pytest.raises(InvalidInputError) as err:
        parse_api_json(api_rows())
    for lang in ("en", "es"):
        assert "--acs-variables" in err.value.message(lang)


def test_forced_variable_overrides_variables_json():
    rows = api_rows()
    table = parse_api_json(
        rows, variables=variables_json("B05006_160E"), variable="B05006_001E", force_variable=True
    )
    assert set(table["variable"]) == {"B05006_001E"}
