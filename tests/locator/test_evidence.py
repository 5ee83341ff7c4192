import re

import pytest
from shapely.geometry import Point

from geodata.national_lines import national_line_records
from geodata.schema import coerce_sites
from locator.present import (
    EVIDENCE_COLUMNS,
    contact_fallback,
    evidence_label,
    national_lines,
    site_properties,
)


def _site(**facts):
    return {"id": "consulate-x", "kind": "consulate", "name": "X", **facts}


@pytest.mark.parametrize(
    ("facts", "field", "lang", "expected"),
    [
        (
            {
                "address_evidence": "confirmed",
                "address_source": "a (2024); b (2025)",
                "address_source_date": "2025-03-17",
            },
            "address",
            "es",
            "dirección confirmada por 2 fuentes públicas",
        ),
        (
            {"address_evidence": "confirmed", "address_source": "a; b; c"},
            "address",
            "en",
            "address confirmed by 3 public sources",
        ),
        (
            {"phone_evidence": "confirmed", "phone_source": "a; b"},
            "phone",
            "es",
            "teléfono confirmado por 2 fuentes públicas",
        ),
        (
            {
                "phone_evidence": "candidate",
                "phone_source": "only one",
                "phone_source_date": "2017-04-01",
            },
            "phone",
            "es",
            "teléfono sin verificar: una sola fuente de 2017",
        ),
        (
            {"hours_evidence": "candidate", "hours_source": "one", "hours_source_date": "2021"},
            "hours",
            "en",
            "hours unverified: a single source from 2021",
        ),
        (
            {
                "address_evidence": "candidate",
                "address_source": "old; older",
                "address_source_date": "2018-04-04",
            },
            "address",
            "es",
            "dirección sin verificar: 2 fuentes antiguas o parciales (la más reciente de 2018)",
        ),
        (
            {"address_evidence": "candidate", "address_source": "x"},
            "address",
            "en",
            "address unverified: a single source undated",
        ),
        (
            {"address_evidence": "conflict", "address_source": "a; b"},
            "address",
            "es",
            "dirección en conflicto entre fuentes",
        ),
        ({"address_evidence": "conflict"}, "address", "en", "sources disagree on the address"),
        ({"street_address": "1 Main St"}, "address", "es", ""),
        ({}, "hours", "en", ""),
    ],
)
def test_evidence_label(facts, field, lang, expected):
    assert evidence_label(_site(**facts), field, lang) == expected


def test_evidence_label_rejects_unknown_field():
    with pytest.raises(ValueError, match="address"):
        evidence_label(_site(), "email")


@pytest.mark.parametrize("lang", ["es", "en"])
def test_national_lines_are_national_sourced_and_dialable(lang):
    lines = national_lines(lang)
    assert [line["id"] for line in lines] == ["ciam", "mexitel"]
    for line in lines:
        assert line["is_national"] is True
        assert re.fullmatch(r"\+1\d{10}", line["tel"])
        assert re.sub(r"\D", "", line["phone"]) == line["tel"][1:]
        assert line["source"].startswith("https://") and re.fullmatch(
            r"\d{4}(-\d\d){0,2}", line["source_date"]
        )
        assert line["evidence"] in ("confirmed", "candidate") and line["evidence_label"]
        assert line["what"] and line["name"]
    ciam = lines[0]
    assert ciam["hours"] == ("24/7" if lang == "en" else "24 horas, todos los días")
    assert lines[1]["hours"] is None  # no source gives MEXITEL's hours


def test_national_lines_match_the_reference_numbers():
    rows = {r["id"]: r for r in national_line_records()}
    assert rows["ciam"]["phone"] == "+1-520-623-7874"
    assert rows["mexitel"]["phone"] == "+1-877-639-4835"


@pytest.mark.parametrize(
    ("site", "expected"),
    [
        ({"kind": "consulate", "phone": ""}, True),
        ({"kind": "vds", "phone": None}, True),
        ({"kind": "vds_mobile"}, True),
        ({"kind": "consulate", "phone": "505-247-2147", "phone_evidence": "candidate"}, False),
        ({"kind": "consulate", "phone": "505-247-2147", "phone_evidence": "conflict"}, True),
        ({"kind": "clinic", "phone": ""}, False),
    ],
)
def test_contact_fallback(site, expected):
    assert contact_fallback(site) is expected


def _frame(**over):
    row = {
        "id": "consulate-x",
        "kind": "consulate",
        "name": "X",
        "source": "t",
        "location_precision": "city",
        "geometry": Point(-100, 40),
        **over,
    }
    return coerce_sites([row]).iloc[0].to_dict()


def test_site_properties_carry_evidence_columns_and_labels():
    site = _frame(
        street_address="1610 4th St NW",
        address_evidence="candidate",
        address_source="app data (undated); news (2025-09)",
        address_source_date="2025-09",
        phone="505-247-2147",
        phone_evidence="candidate",
        phone_source="app data",
        phone_source_date="",
    )
    props = site_properties(site, "es")
    for column in EVIDENCE_COLUMNS:
        assert column in props
    assert len(EVIDENCE_COLUMNS) == 9
    assert props["address_evidence"] == "candidate" and props["hours_evidence"] is None
    assert props["evidence"]["address"].startswith("dirección sin verificar: 2 fuentes")
    assert props["evidence"]["phone"] == "teléfono sin verificar: una sola fuente sin fecha"
    assert props["evidence"]["hours"] == ""
    assert props["contact_fallback"] is False and props["national_lines"] == []


def test_site_without_phone_gets_national_lines_in_its_language():
    props = site_properties(_frame(), "en")
    assert props["contact_fallback"] is True
    assert [line["name"] for line in props["national_lines"]][1] == "MEXITEL"
    assert props["national_lines"] == national_lines("en")


def test_conflicting_values_are_not_shown_as_facts():
    props = site_properties(
        _frame(
            street_address="A St", address_evidence="conflict", phone="1", phone_evidence="conflict"
        ),
        "es",
    )
    assert props["street_address"] is None and props["phone"] is None
    assert "A St" not in props["address"]
    assert props["evidence"]["address"] == "dirección en conflicto entre fuentes"
    assert props["contact_fallback"] is True
