"""Controlled vocabularies: site kinds, location precision, services, languages.

Services for consulates and Ventanillas de Salud are taken from the SRE letter of December 2023
(``geodata/sources/sre-letter-2023-12-vds-pti.txt``); each entry cites the passage it comes from.
Labels are Spanish first, then English.

Examples
--------
>>> SERVICES["screening_hiv"].label("en")
'HIV/AIDS screening'
>>> KINDS["vds"].label("es")
'Ventanilla de Salud'
>>> parse_services("vaccines; screening_glucose")
['vaccines', 'screening_glucose']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from geodata.errors import InvalidInputError
from geodata.i18n import T
from geodata.messages import VALIDATE
from geodata.validate import split_values

__all__ = [
    "EVIDENCE",
    "KINDS",
    "LANGUAGES",
    "MOBILE_KINDS",
    "PLACE_PRECISIONS",
    "PRECISIONS",
    "SERVICES",
    "SYNONYMS",
    "Term",
    "parse_kinds",
    "parse_services",
]


@dataclass(frozen=True)
class Term:
    """One entry of a controlled vocabulary."""

    id: str
    es: str
    en: str
    group: str = ""
    source: str = ""

    def label(self, lang: str = "es") -> str:
        """Label in ``lang`` (``"es"`` default, ``"en"``)."""
        return self.en if lang == "en" else self.es


def _vocab(*terms: Term) -> dict[str, Term]:
    return {t.id: t for t in terms}


KINDS: dict[str, Term] = _vocab(
    Term("consulate", "Consulado de México", "Mexican consulate"),
    Term("vds", "Ventanilla de Salud", "Health desk (Ventanilla de Salud)"),
    Term("vds_mobile", "Ventanilla de Salud Móvil", "Mobile health desk (VDS mobile unit)"),
    Term("clinic", "Clínica comunitaria", "Community health clinic"),
)
"""Site kinds."""

MOBILE_KINDS: tuple[str, ...] = ("vds_mobile",)
"""Kinds whose every site moves (``mobile`` is always true for them, see ``geodata.schema``)."""

PRECISIONS: dict[str, Term] = _vocab(
    Term("address", "dirección", "street address"),
    Term("postal_code", "código postal", "ZIP code"),
    Term("city", "ciudad", "city"),
)
"""How exactly a site's point is known (what the coordinate was derived from)."""

EVIDENCE: dict[str, Term] = _vocab(
    Term(
        "confirmed",
        "confirmado",
        "confirmed",
        source="an official page says it, or two independent sources agree and none newer "
        "contradicts",
    ),
    Term(
        "candidate", "sin verificar", "unverified", source="one source, or only old or partial ones"
    ),
    Term(
        "conflict",
        "en conflicto",
        "in conflict",
        source="sources disagree: neither value is shown as fact",
    ),
)
"""How well a single fact (address, phone, hours) is supported by its sources."""

PLACE_PRECISIONS: dict[str, Term] = {
    **_vocab(Term("coordinates", "coordenadas", "coordinates")),
    **PRECISIONS,
    **_vocab(Term("county", "condado", "county"), Term("state", "estado", "state")),
}
"""Precision of a geocoded query place: the site precisions plus coordinates, county, state."""

_SEED = "SRE letter DEP-2536-23, 2023-12-01"
_VDS = f"{_SEED}, section 2 (Estrategia Ventanillas de Salud)"
_COUNSEL = f"{_VDS}: Orientación/Consejería en temas de salud"
_SCREEN = f"{_VDS}: Detección oportuna"

SERVICES: dict[str, Term] = _vocab(
    Term(
        "referral_medical_home",
        "Referencia a clínicas comunitarias (hogar médico)",
        "Referral to community clinics (medical home)",
        "vds",
        _VDS,
    ),
    Term(
        "counselling_nutrition",
        "Consejería: alimentación correcta",
        "Counselling: healthy eating",
        "counselling",
        _COUNSEL,
    ),
    Term(
        "counselling_physical_activity",
        "Consejería: actividad física",
        "Counselling: physical activity",
        "counselling",
        _COUNSEL,
    ),
    Term(
        "counselling_obesity",
        "Consejería: obesidad",
        "Counselling: obesity",
        "counselling",
        _COUNSEL,
    ),
    Term(
        "counselling_diabetes",
        "Consejería: diabetes",
        "Counselling: diabetes",
        "counselling",
        _COUNSEL,
    ),
    Term(
        "counselling_womens_health",
        "Consejería: salud de la mujer",
        "Counselling: women's health",
        "counselling",
        _COUNSEL,
    ),
    Term(
        "counselling_child_health",
        "Consejería: salud infantil",
        "Counselling: child health",
        "counselling",
        _COUNSEL,
    ),
    Term(
        "counselling_mental_health",
        "Consejería: salud mental",
        "Counselling: mental health",
        "counselling",
        _COUNSEL,
    ),
    Term(
        "counselling_addiction_prevention",
        "Consejería: prevención de adicciones",
        "Counselling: addiction prevention",
        "counselling",
        _COUNSEL,
    ),
    Term(
        "counselling_sexual_health",
        "Consejería: salud sexual",
        "Counselling: sexual health",
        "counselling",
        _COUNSEL,
    ),
    Term("screening_hiv", "Detección de VIH y sida", "HIV/AIDS screening", "screening", _SCREEN),
    Term(
        "screening_bmi",
        "Índice de masa corporal",
        "Body-mass index (BMI) check",
        "screening",
        _SCREEN,
    ),
    Term(
        "screening_cholesterol",
        "Detección de colesterol",
        "Cholesterol screening",
        "screening",
        _SCREEN,
    ),
    Term("screening_glucose", "Detección de glucosa", "Glucose screening", "screening", _SCREEN),
    Term(
        "vaccines",
        "Aplicación de vacunas",
        "Vaccines",
        "vds",
        f"{_VDS}: Aplicación de algunas vacunas",
    ),
    Term(
        "insurance_info",
        "Información sobre opciones de seguro médico",
        "Information on health-insurance options",
        "vds",
        f"{_VDS}: Información sobre alternativas de aseguramiento médico",
    ),
    Term(
        "imss_pti_enrolment",
        "Inscripción al IMSS como Persona Trabajadora Independiente (PTI)",
        "Enrolment in IMSS voluntary insurance for independent workers (PTI)",
        "consular",
        f"{_SEED}, section 1: las oficinas consulares ... auxilien ... a incorporarse ... PTI",
    ),
    Term(
        "consular_documentation",
        "Ventanilla de documentación consular",
        "Consular documentation window",
        "consular",
        f"{_SEED}, section 1: a través de las ventanillas de documentación",
    ),
    Term(
        "vaf_financial_advice",
        "Ventanilla de Asesoría Financiera (VAF)",
        "Financial-advice window (VAF)",
        "consular",
        f"{_SEED}, section 1: Ventanillas de Asesoría Financiera (VAF)",
    ),
    Term(
        "primary_care",
        "Atención médica primaria",
        "Primary health care",
        "clinic",
        "HRSA health center service delivery site",
    ),
)
"""Services, in a controlled vocabulary with Spanish and English labels and their source."""

VDS_SERVICES: tuple[str, ...] = tuple(
    t.id for t in SERVICES.values() if t.group in {"vds", "counselling", "screening"}
)
"""Every service the SRE letter lists for all Ventanillas de Salud."""

CONSULATE_SERVICES: tuple[str, ...] = ("consular_documentation", "imss_pti_enrolment")
"""Services the SRE letter says every consular office offers (VAF is not stated per office)."""

SYNONYMS: dict[str, tuple[str, ...]] = {
    "vaccines": (
        "vacuna",
        "vacunas",
        "vacunación",
        "vacunaciones",
        "inmunización",
        "inmunizaciones",
        "vaccine",
        "vaccination",
        "vaccinations",
        "immunization",
        "immunizations",
        "immunisation",
        "immunisations",
    ),
    "screening_hiv": (
        "VIH",
        "prueba de VIH",
        "pruebas de VIH",
        "detección de VIH",
        "HIV",
        "HIV test",
        "HIV testing",
        "HIV screening",
    ),
    "screening_glucose": ("glucosa", "prueba de glucosa", "glucose test", "blood sugar test"),
    "screening_cholesterol": ("colesterol", "prueba de colesterol", "cholesterol test"),
    "screening_bmi": ("IMC", "BMI"),
    "counselling_mental_health": ("salud mental", "mental health"),
    "counselling_nutrition": ("nutrición", "nutrition", "nutrition counselling"),
    "counselling_diabetes": ("educación sobre diabetes", "diabetes education"),
    "counselling_sexual_health": ("salud sexual", "sexual health"),
    "counselling_addiction_prevention": ("prevención de adicciones", "addiction prevention"),
    "insurance_info": (
        "seguro",
        "seguro médico",
        "seguros médicos",
        "insurance",
        "health insurance",
        "información sobre seguro médico",
        "health insurance information",
    ),
    "primary_care": ("atención primaria", "primary care"),
}
"""Other names of a service (any language; case, accents and punctuation are ignored by
importers such as :func:`geodata.importers.hsds.match_service`). Each name means exactly that
service: a name that could mean several services stays out."""

LANGUAGES: dict[str, Term] = _vocab(
    Term("es", "español", "Spanish"),
    Term("en", "inglés", "English"),
)
"""Languages as ISO 639-1 codes; importers may add others (labels fall back to the code)."""


def _parse(value, vocab: dict[str, Term], what: T) -> list[str]:
    items = split_values(value)
    unknown = [i for i in items if i not in vocab]
    if unknown:
        allowed = ", ".join(sorted(vocab))
        raise InvalidInputError(
            VALIDATE["unknown_values"].fill(what=what, unknown=", ".join(unknown), allowed=allowed),
            detail={"unknown": unknown, "allowed": sorted(vocab)},
        )
    return items


def parse_services(value: str | Sequence[str] | None) -> list[str]:
    """Split ``"a; b"`` or a list (each item may be ``"a,b"``) into known service ids; raise
    on unknown ids."""
    return _parse(value, SERVICES, VALIDATE["what_service"])


def parse_kinds(value: str | Sequence[str] | None) -> list[str]:
    """Split ``"a,b"`` or a list (each item may be ``"a,b"``) into known kind ids; raise on
    unknown ids.

    >>> parse_kinds(["vds,consulate"])
    ['vds', 'consulate']
    """
    return _parse(value, KINDS, VALIDATE["what_kind"])
