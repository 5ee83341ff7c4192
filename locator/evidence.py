"""What people are told about how well each fact is sourced, and the national help lines.

Re-exported by :mod:`locator.present` (use it from there).

Examples
--------
>>> site = {"address_evidence": "candidate", "address_source": "https://a.example (2017)",
...         "address_source_date": "2017-05-01"}
>>> evidence_label(site, "address", "es")
'dirección sin verificar: una sola fuente de 2017'
>>> evidence_label({"phone_evidence": "confirmed", "phone_source": "a; b"}, "phone", "en")
'phone confirmed by 2 public sources'
>>> evidence_label({}, "hours", "es")
''
>>> [line["name"] for line in national_lines("en")][1]
'MEXITEL'
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from geodata.national_lines import national_line_records
from geodata.schema import EVIDENCE_FIELDS, split_list
from locator.i18n.common import COMMON

__all__ = [
    "FALLBACK_KINDS",
    "contact_fallback",
    "evidence_label",
    "evidence_labels",
    "national_lines",
    "national_lines_text",
]

FALLBACK_KINDS = ("consulate", "vds", "vds_mobile")
"""Kinds whose people are served by the national lines when the office has no phone."""

_ENDING = {"address": "a", "phone": "o", "hours": "o"}
"""Spanish gender ending of the participle after each fact's noun (confirmad-a/-o)."""
_FACT = {
    field: (COMMON[f"fact.{field}"].es, ending, COMMON[f"fact.{field}"].en)
    for field, ending in _ENDING.items()
}
"""Field -> (Spanish noun, ending, English noun), nouns from the catalog's ``common.fact.*``."""


def _text(site: Mapping[str, Any], key: str) -> str:
    value = site.get(key)
    return "" if value is None or isinstance(value, float) else str(value).strip()


def _confirmed(noun: str, ending: str, en: str, count: int, lang: str) -> str:
    if lang == "en":
        return f"{en} confirmed by {count} public source{'s' if count != 1 else ''}"
    plural = "s" if count != 1 else ""
    return f"{noun} confirmad{ending} por {count} fuente{plural} pública{plural}"


def _candidate(noun: str, en: str, count: int, year: str, lang: str) -> str:
    if lang == "en":
        when = f"from {year}" if year else "undated"
        if count <= 1:
            return f"{en} unverified: a single source {when}"
        return f"{en} unverified: {count} sources, old or partial (newest {when})"
    when = f"de {year}" if year else "sin fecha"
    if count <= 1:
        return f"{noun} sin verificar: una sola fuente {when}"
    return f"{noun} sin verificar: {count} fuentes antiguas o parciales (la más reciente {when})"


def evidence_label(site: Mapping[str, Any], field: str, lang: str = "es") -> str:
    """How well ``site``'s ``field`` (address, phone, hours) is sourced, in ``lang``.

    ``confirmed``: "dirección confirmada por 2 fuentes públicas"; ``candidate``: "... sin
    verificar: una sola fuente de 2017"; ``conflict``: "dirección en conflicto entre fuentes"
    (the value is then not shown as fact). ``""`` when the fact has no evidence level. The
    number of sources is that of the ``;``-separated citations in ``<field>_source``; the
    year is that of ``<field>_source_date``.
    """
    if field not in _FACT:
        raise ValueError(f"field must be one of {', '.join(EVIDENCE_FIELDS)}")
    level = _text(site, f"{field}_evidence")
    noun, ending, en = _FACT[field]
    count = len(split_list(_text(site, f"{field}_source")))
    year = _text(site, f"{field}_source_date")[:4]
    if level == "confirmed":
        return _confirmed(noun, ending, en, count, lang)
    if level == "candidate":
        return _candidate(noun, en, count, year, lang)
    if level == "conflict":
        return (
            f"sources disagree on the {en}"
            if lang == "en"
            else f"{noun} en conflicto entre fuentes"
        )
    return ""


def evidence_labels(site: Mapping[str, Any], lang: str = "es") -> dict[str, str]:
    """``{"address": label, "phone": label, "hours": label}`` ("" where there is none)."""
    return {field: evidence_label(site, field, lang) for field in EVIDENCE_FIELDS}


def contact_fallback(site: Mapping[str, Any]) -> bool:
    """True when a consulate, VDS or mobile unit has no sourced phone of its own.

    Its people are then shown :func:`national_lines` (never "Tel. —"). A phone whose sources
    disagree (``phone_evidence == "conflict"``) counts as none. Other kinds (clinics) are
    never given the consular national lines.
    """
    if _text(site, "kind") not in FALLBACK_KINDS:
        return False
    return not _text(site, "phone") or _text(site, "phone_evidence") == "conflict"


def national_lines(lang: str = "es") -> list[dict[str, Any]]:
    """CIAM (24/7) and MEXITEL, in ``lang``: the lines a person can always call.

    Each: ``id``, ``name``, ``phone`` (as published), ``tel`` (E.164, for ``tel:`` links),
    ``hours`` (``None`` when no source gives them), ``what``, ``source``, ``source_date``,
    ``evidence``, ``evidence_label`` and ``is_national`` (True: not an office's own number).
    """
    suffix = "en" if lang == "en" else "es"
    lines = []
    for row in national_line_records():
        line = {
            "id": row["id"],
            "name": row[f"name_{suffix}"],
            "phone": row["phone"],
            "tel": row["tel"],
            "hours": row[f"hours_{suffix}"] or None,
            "what": row[f"what_{suffix}"],
            "source": row["source"],
            "source_date": row["source_date"],
            "evidence": row["evidence"],
            "is_national": True,
        }
        line["evidence_label"] = evidence_label(
            {
                "phone_evidence": row["evidence"],
                "phone_source": row["source"],
                "phone_source_date": row["source_date"],
            },
            "phone",
            lang,
        )
        lines.append(line)
    return lines


def national_lines_text(lang: str = "es") -> str:
    """One plain line naming the national lines, for text output (CLI).

    >>> print(national_lines_text("en"))
    National lines (not this office's own): CIAM +1-520-623-7874 (24/7); MEXITEL +1-877-639-4835
    """
    head = (
        "National lines (not this office's own)"
        if lang == "en"
        else "Líneas nacionales (no son de esta oficina)"
    )
    parts = []
    for line in national_lines(lang):
        short = line["id"].upper()
        parts.append(f"{short} {line['phone']}" + (f" ({line['hours']})" if line["hours"] else ""))
    return f"{head}: " + "; ".join(parts)
