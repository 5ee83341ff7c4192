import pytest

from geodata.errors import InvalidInputError
from geodata.vocab import (
    CONSULATE_SERVICES,
    KINDS,
    SERVICES,
    VDS_SERVICES,
    parse_kinds,
    parse_services,
)


def test_every_term_has_spanish_and_english_labels():
    for vocab in (KINDS, SERVICES):
        for term in vocab.values():
            assert term.label("es") and term.label("en")


def test_every_service_cites_a_source():
    assert all(t.source for t in SERVICES.values())


@pytest.mark.parametrize(
    "service",
    [
        "screening_hiv",
        "screening_bmi",
        "screening_cholesterol",
        "screening_glucose",
        "vaccines",
        "insurance_info",
        "referral_medical_home",
        "counselling_mental_health",
    ],
)
def test_vds_services_from_the_sre_letter(service):
    assert service in VDS_SERVICES


def test_consulates_offer_pti_enrolment_and_vaf_is_known_but_not_assumed():
    assert "imss_pti_enrolment" in CONSULATE_SERVICES
    assert "vaf_financial_advice" in SERVICES
    assert "vaf_financial_advice" not in CONSULATE_SERVICES


@pytest.mark.parametrize(
    ("value", "expected"), [("vds,clinic", ["vds", "clinic"]), (None, []), ([], [])]
)
def test_parse_kinds(value, expected):
    assert parse_kinds(value) == expected


def test_unknown_service_is_a_bilingual_error():
    with pytest.raises(InvalidInputError) as info:
        parse_services("vaccines;teleportation")
    assert "teleportation" in info.value.message("en")
    assert "desconocido" in info.value.message("es")
    assert info.value.detail["unknown"] == ["teleportation"]
