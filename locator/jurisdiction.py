"""Applying the sourced jurisdiction rules (:mod:`geodata.jurisdiction_rules`) to counties.

Used by :mod:`locator.regions`: a county a rule names goes to that rule's office (county
rules before state rules); the others keep the nearest-office approximation.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np

from geodata.i18n import T
from geodata.jurisdiction_rules import JurisdictionRule, county_key
from locator.i18n.notes import EVIDENCE_NOTES, JURISDICTION
from locator.index import SiteIndex

__all__ = ["apply_rules", "rule_notes"]


def rule_notes(rule: JurisdictionRule) -> tuple[str, str]:
    """The Spanish and English notes of an answer ``rule`` decided (source and date cited)."""
    note = JURISDICTION["rule"].fill(
        label=T("label", es=rule.label_es, en=rule.label_en),
        source=rule.source,
        date=rule.source_date or EVIDENCE_NOTES["undated"],
    )
    return note.es, note.en


def apply_rules(
    index: SiteIndex,
    counties: gpd.GeoDataFrame,
    rows: np.ndarray,
    position: np.ndarray,
    rules: tuple[JurisdictionRule, ...],
) -> np.ndarray:
    """Give each county a sourced rule names its office (in place on ``position``).

    Returns the index in ``rules`` of the deciding rule per county, ``-1`` where the nearest
    office stays. Needs ``state`` and ``name`` columns (else no rule applies); a rule whose
    office is not in ``index`` is skipped.
    """
    rule_of = np.full(len(rows), -1, dtype=int)
    if not len(rows) or not {"state", "name"} <= set(counties.columns):
        return rule_of
    sites = index.sites
    offices = {
        sid: pos
        for pos, (sid, kind) in enumerate(zip(sites["id"], sites["kind"], strict=True))
        if kind == "consulate"
    }
    states = counties["state"].astype(str).to_numpy()[rows]
    keys = np.array([county_key(n) for n in counties["name"].astype(str).to_numpy()[rows]])
    for number, rule in enumerate(rules):  # county rules come first: the first match decides
        if rule.office_id not in offices:
            continue
        hit = (rule_of < 0) & np.isin(states, rule.states)
        if rule.counties:
            hit &= np.isin(keys, rule.counties)
        rule_of[hit] = number
        position[hit] = offices[rule.office_id]
    return rule_of
