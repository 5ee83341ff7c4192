"""Texts of the sourcing notes: how well each fact is sourced (namespace ``evidence``, beside
the evidence levels' own labels of :mod:`locator.i18n.vocab`).

Examples
--------
>>> EVIDENCE_NOTES["confirmed_many"].fill(
...     fact=FACTS["address"], confirmed=EVIDENCE_NOTES["confirmed_f"], count=2
... ).es
'dirección confirmada por 2 fuentes públicas'
"""

from __future__ import annotations

from geodata.i18n import T, register
from locator.i18n.common import COMMON

__all__ = ["EVIDENCE_NOTES", "FACTS"]

FACTS = {field: COMMON[f"fact.{field}"] for field in ("address", "phone", "hours")}
"""The facts' nouns (``common.fact.*``), said in each note's language."""

EVIDENCE_NOTES = register(
    "evidence",
    # {confirmed} is the participle agreeing with the fact's noun in Spanish (confirmad-a/-o)
    T("confirmed_f", es="confirmada", en="confirmed"),
    T("confirmed_m", es="confirmado", en="confirmed"),
    T(
        "confirmed_one",
        es="{fact} {confirmed} por {count} fuente pública",
        en="{fact} {confirmed} by {count} public source",
    ),
    T(
        "confirmed_many",
        es="{fact} {confirmed} por {count} fuentes públicas",
        en="{fact} {confirmed} by {count} public sources",
    ),
    T("from_year", es="de {year}", en="from {year}"),
    T("undated", es="sin fecha", en="undated"),
    T(
        "candidate_one",
        es="{fact} sin verificar: una sola fuente {when}",
        en="{fact} unverified: a single source {when}",
    ),
    T(
        "candidate_many",
        es="{fact} sin verificar: {count} fuentes antiguas o parciales (la más reciente {when})",
        en="{fact} unverified: {count} sources, old or partial (newest {when})",
    ),
    T("conflict_note", es="{fact} en conflicto entre fuentes", en="sources disagree on the {fact}"),
    T(
        "national_lines",
        es="Líneas nacionales (no son de esta oficina)",
        en="National lines (not this office's own)",
    ),
)
"""How well a fact is sourced (:func:`locator.evidence.evidence_label`), by own key."""
