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

from geodata.i18n import T, ui_lang
from geodata.national_lines import national_line_records
from geodata.schema import EVIDENCE_FIELDS, split_list
from locator.i18n.notes import EVIDENCE_NOTES, FACTS

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

_PARTICIPLE = {
    "address": EVIDENCE_NOTES["confirmed_f"],
    "phone": EVIDENCE_NOTES["confirmed_m"],
    "hours": EVIDENCE_NOTES["confirmed_m"],
}
"""Field -> "confirmed" agreeing in Spanish with the fact's noun (dirección confirmada)."""


def _text(site: Mapping[str, Any], key: str) -> str:
    value = site.get(key)
    return "" if value is None or isinstance(value, float) else str(value).strip()


def _confirmed(field: str, count: int) -> T:
    many = "confirmed_one" if count == 1 else "confirmed_many"
    return EVIDENCE_NOTES[many].fill(fact=FACTS[field], confirmed=_PARTICIPLE[field], count=count)


def _candidate(field: str, count: int, year: str) -> T:
    when = EVIDENCE_NOTES["from_year"].fill(year=year) if year else EVIDENCE_NOTES["undated"]
    if count <= 1:
        return EVIDENCE_NOTES["candidate_one"].fill(fact=FACTS[field], when=when)
    return EVIDENCE_NOTES["candidate_many"].fill(fact=FACTS[field], count=count, when=when)


def evidence_label(site: Mapping[str, Any], field: str, lang: str = "es") -> str:
    """How well ``site``'s ``field`` (address, phone, hours) is sourced, in ``lang``.

    ``confirmed``: "dirección confirmada por 2 fuentes públicas"; ``candidate``: "... sin
    verificar: una sola fuente de 2017"; ``conflict``: "dirección en conflicto entre fuentes"
    (the value is then not shown as fact). ``""`` when the fact has no evidence level. The
    number of sources is that of the ``;``-separated citations in ``<field>_source``; the
    year is that of ``<field>_source_date``.
    """
    if field not in FACTS:
        raise ValueError(f"field must be one of {', '.join(EVIDENCE_FIELDS)}")
    level = _text(site, f"{field}_evidence")
    count = len(split_list(_text(site, f"{field}_source")))
    year = _text(site, f"{field}_source_date")[:4]
    if level == "confirmed":
        return _confirmed(field, count).get(ui_lang(lang))
    if level == "candidate":
        return _candidate(field, count, year).get(ui_lang(lang))
    if level == "conflict":
        return EVIDENCE_NOTES["conflict_note"].fill(fact=FACTS[field]).get(ui_lang(lang))
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
    head = EVIDENCE_NOTES["national_lines"].get(ui_lang(lang))
    parts = []
    for line in national_lines(lang):
        short = line["id"].upper()
        parts.append(f"{short} {line['phone']}" + (f" ({line['hours']})" if line["hours"] else ""))
    return f"{head}: " + "; ".join(parts)
