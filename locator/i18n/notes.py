"""Texts of the sourcing notes: how well each fact is sourced (namespace ``evidence``, beside
the evidence levels' own labels of :mod:`locator.i18n.vocab`) and the approximation notes of
the consular regions (namespace ``jurisdiction``).

Examples
--------
>>> EVIDENCE_NOTES["confirmed_many"].fill(
...     fact=FACTS["address"], confirmed=EVIDENCE_NOTES["confirmed_f"], count=2
... ).es
'dirección confirmada por 2 fuentes públicas'
>>> JURISDICTION["rule"].fill(label="X", source="S", date=EVIDENCE_NOTES["undated"]).en[:36]
'Rule: X. Source: S (undated). Still '
"""

from __future__ import annotations

from geodata.i18n import T, register
from locator.i18n.common import COMMON

__all__ = ["EVIDENCE_NOTES", "FACTS", "JURISDICTION"]

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

JURISDICTION = register(
    "jurisdiction",
    T(
        "nearest_county",
        es="Aproximación: no existe una lista oficial legible por máquina de las "
        "circunscripciones consulares y ninguna regla citada nombra este condado, así que se "
        "asigna al consulado más cercano en distancia de gran círculo. La circunscripción real "
        "puede ser otra: confírmela con el consulado.",
        en="Approximation: no official machine-readable list of consular jurisdictions exists "
        "and no sourced rule names this county, so it is assigned to the nearest consulate by "
        "great-circle distance. The actual jurisdiction may differ: confirm with the consulate.",
    ),
    T(
        "region",
        es="Aproximación: cada condado va a la oficina que nombra una regla citada (p. ej. la "
        "reasignación SRE del 2022-06-01) o, si ninguna lo nombra, al consulado más cercano en "
        "distancia de gran círculo; no existe una lista oficial legible por máquina.",
        en="Approximation: each county goes to the office a sourced rule names (e.g. the SRE "
        "redistricting of 2022-06-01) or, where none does, to the nearest consulate by "
        "great-circle distance; no official machine-readable list exists.",
    ),
    T(
        "nearest",
        es="Aproximación: no existe una lista oficial legible por máquina de las "
        "circunscripciones consulares; se indica el consulado más cercano en distancia de gran "
        "círculo. La circunscripción real puede ser otra: confírmela con el consulado.",
        en="Approximation: no official machine-readable list of consular jurisdictions exists; "
        "this is the nearest consulate by great-circle distance. The actual jurisdiction may "
        "differ: confirm with the consulate.",
    ),
    T(
        "rule",
        es="Regla: {label}. Fuente: {source} ({date}). Sigue siendo una aproximación: no existe "
        "una lista oficial legible por máquina de las circunscripciones consulares; confírmela "
        "con el consulado.",
        en="Rule: {label}. Source: {source} ({date}). Still an approximation: no official "
        "machine-readable list of consular jurisdictions exists; confirm with the consulate.",
    ),
)
"""The approximation notes of the consular regions (:mod:`locator.regions`), by own key:
``nearest_county`` (a county no rule names), ``region`` (an office's region), ``nearest`` (the
nearest consulate to a point) and ``rule`` (a county a sourced rule names)."""
