import math

import pytest
from shapely.geometry import LineString, Point

from geodata.schema import (
    SITE_COLUMNS,
    coerce_sites,
    join_list,
    split_list,
    stable_id,
    validate_sites,
)


def _site(**over):
    row = {
        "id": "s1",
        "kind": "clinic",
        "name": "Clínica",
        "location_precision": "city",
        "source": "test",
        "geometry": Point(-87.6, 41.8),
    }
    row.update(over)
    return row


def test_coerce_fills_every_column_with_types():
    sites = coerce_sites([_site(services="vaccines; screening_hiv", verified="yes")])
    assert list(sites.columns) == [*SITE_COLUMNS, "geometry"]
    assert sites.loc[0, "services"] == ["vaccines", "screening_hiv"]
    assert sites.loc[0, "languages"] == []
    assert sites.loc[0, "verified"] is True or sites.loc[0, "verified"] == True  # noqa: E712
    assert sites.loc[0, "phone"] == ""
    assert sites.crs.to_epsg() == 4326


def test_valid_site_has_no_errors():
    assert validate_sites(coerce_sites([_site()])) == []


def test_fact_evidence_columns_are_in_the_schema_and_validate():
    facts = {
        f"{f}_{p}"
        for f in ("address", "phone", "hours")
        for p in ("evidence", "source", "source_date")
    }
    assert facts <= set(SITE_COLUMNS)
    site = _site(
        phone="505-247-2147",
        phone_evidence="candidate",
        phone_source="app (2026)",
        phone_source_date="2026-01-01",
        address_evidence="conflict",
        address_source="a; b",
    )
    sites = coerce_sites([site])
    assert validate_sites(sites) == []
    assert sites.loc[0, "hours_evidence"] == "" and sites.loc[0, "phone_evidence"] == "candidate"


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"id": ""}, "id"),
        ({"kind": "spaceport"}, "kind"),
        ({"name": ""}, "name"),
        ({"location_precision": "rooftop"}, "location_precision"),
        ({"services": ["teleportation"]}, "services"),
        ({"source": ""}, "source"),
        ({"geometry": None}, "geometry"),
        ({"geometry": Point(200, 10)}, "geometry"),
        ({"geometry": Point(10, -95)}, "geometry"),
        ({"geometry": Point(math.nan, 10)}, "geometry"),
        ({"geometry": LineString([(0, 0), (1, 1)])}, "geometry"),
        ({"phone_evidence": "rumour", "phone_source": "x"}, "phone_evidence"),
        ({"address_evidence": "confirmed"}, "address_source"),
        ({"hours_evidence": "candidate", "hours_source": ""}, "hours_source"),
    ],
)
def test_each_schema_violation_is_reported(override, field):
    errors = validate_sites(coerce_sites([_site(**override)]))
    assert [e["field"] for e in errors] == [field]
    assert errors[0]["row"] == 1


def test_duplicate_ids_are_reported_with_both_rows():
    errors = validate_sites(coerce_sites([_site(), _site()]))
    said = "duplicate id (also row 1) / id repetido (también en la fila 1)"
    assert errors == [{"row": 2, "id": "s1", "field": "id", "message": said}]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("a;b", ["a", "b"]), (" a ; ;b ", ["a", "b"]), (None, []), (math.nan, []), (["x", ""], ["x"])],
)
def test_split_list(value, expected):
    assert split_list(value) == expected


def test_join_list_round_trips():
    assert split_list(join_list(["a", "b"])) == ["a", "b"]


@pytest.mark.parametrize(
    ("parts", "expected"),
    [(("San José",), "consulate-san-jose"), (("New York",), "consulate-new-york")],
)
def test_stable_id_is_readable_and_stable(parts, expected):
    assert stable_id("consulate", *parts) == expected


def test_stable_id_hashes_long_keys():
    long_id = stable_id("hsds", "x" * 100)
    assert long_id.startswith("hsds-") and len(long_id) == len("hsds-") + 12
    assert long_id == stable_id("hsds", "x" * 100)
