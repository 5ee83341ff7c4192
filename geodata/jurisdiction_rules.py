"""Sourced consular-jurisdiction rules: which office serves a state or named counties.

No official machine-readable list of Mexican consular jurisdictions exists. The rules in
``geodata/sources/jurisdiction_rules.csv`` are every county- or state-level statement of
``geodata/sources/jurisdictions.md`` (the 2022-06-01 SRE redistricting, San Francisco serving
Hawaii, Oklahoma City serving Oklahoma, ...), each with its source and date. Statements that
name no counties (Houston's "37 counties", New Brunswick's "13 counties") or that sources
contradict (Montana, Virginia) are not rules. County rules win over state rules; everywhere
else the nearest-office approximation stays (:mod:`locator.regions`).

Examples
--------
>>> rules = jurisdiction_rules()
>>> lubbock = [r for r in rules if r.matches("TX", "Lubbock County")]
>>> [r.office_id for r in lubbock], lubbock[0].source_date
(['consulate-albuquerque'], '2022-06-01')
>>> [r.id for r in rules if r.matches("HI", "Honolulu County")]
['sf-hawaii']
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geodata.schema import stable_id

__all__ = ["RULES_FILE", "JurisdictionRule", "county_key", "jurisdiction_rules"]

RULES_FILE = Path(__file__).parent / "sources" / "jurisdiction_rules.csv"
_SUFFIX = re.compile(r"\s+(county|parish|borough|census area|municipality|municipio)$")


def county_key(name: str) -> str:
    """``"DeSoto County"`` -> ``"desoto"``: accents, case, spaces and the suffix dropped."""
    ascii_text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode()
    text = _SUFFIX.sub("", ascii_text.lower().strip())
    return re.sub(r"[^a-z0-9]+", "", text)


@dataclass(frozen=True)
class JurisdictionRule:
    """One sourced statement: ``office_id`` serves ``counties`` of ``states`` (all if empty)."""

    id: str
    office_id: str
    states: tuple[str, ...]
    counties: tuple[str, ...]  # county_key()s; empty = the whole state(s)
    label_es: str
    label_en: str
    source: str
    source_date: str

    @property
    def specificity(self) -> int:
        """0 for county rules (they win), 1 for state rules."""
        return 0 if self.counties else 1

    def matches(self, state: str, county: str) -> bool:
        """True when the county ``county`` of ``state`` falls under this rule."""
        if state not in self.states:
            return False
        return not self.counties or county_key(county) in self.counties

    def label(self, lang: str = "es") -> str:
        """The rule in ``lang``."""
        return self.label_en if lang == "en" else self.label_es

    def to_dict(self, lang: str = "es") -> dict[str, str]:
        """``id``, ``label`` (in ``lang``), ``label_es``, ``label_en``, ``source``, date."""
        return {
            "id": self.id,
            "label": self.label(lang),
            "label_es": self.label_es,
            "label_en": self.label_en,
            "source": self.source,
            "source_date": self.source_date,
        }


@cache
def _load() -> tuple[JurisdictionRule, ...]:
    with open(RULES_FILE, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rules = tuple(
        JurisdictionRule(
            id=row["id"],
            office_id=stable_id("consulate", row["office_city"]),
            states=tuple(row["state"].split("|")),
            counties=tuple(county_key(c) for c in row["counties"].split("|") if c),
            label_es=row["label_es"],
            label_en=row["label_en"],
            source=row["source"],
            source_date=row["source_date"],
        )
        for row in rows
    )
    return tuple(sorted(rules, key=lambda r: r.specificity))


def jurisdiction_rules() -> list[JurisdictionRule]:
    """Every rule, county rules first (the first matching rule decides)."""
    return list(_load())
