"""Texts of the search page, from the one catalog (:mod:`locator.i18n`, namespace ``page``).

``UI`` holds the page's own strings; :func:`i18n_data` adds the vocabulary labels (kinds,
services, precision notes, the illustrative label) so the browser needs no other source.
``{name}``-style fields are filled in by the page with ``textContent`` (never as HTML).

Examples
--------
>>> i18n_data()["ui"]["en"]["search_button"]
'Search'
>>> i18n_data()["precision"]["city"]["es"]
'ubicación aproximada: ciudad'
"""

from __future__ import annotations

from typing import Any

from geodata.aliases import STATE_NAMES
from geodata.vocab import KINDS, LANGUAGES, PRECISIONS, SERVICES
from locator.i18n import LANGS, table
from locator.i18n.page import KIND_PLURALS as _KIND_PLURALS
from locator.present import illustrative_note, national_lines, precision_note

__all__ = ["CITY_NAMES_ES", "KIND_PLURALS", "STATE_NAMES_ES", "UI", "i18n_data"]

STATE_NAMES_ES: dict[str, str] = {
    "DC": "Distrito de Columbia",
    "HI": "Hawái",
    "LA": "Luisiana",
    "MI": "Míchigan",
    "MS": "Misisipi",
    "MO": "Misuri",
    "NC": "Carolina del Norte",
    "SC": "Carolina del Sur",
    "ND": "Dakota del Norte",
    "SD": "Dakota del Sur",
    "NH": "Nuevo Hampshire",
    "NJ": "Nueva Jersey",
    "NM": "Nuevo México",
    "NY": "Nueva York",
    "OR": "Oregón",
    "PA": "Pensilvania",
    "WV": "Virginia Occidental",
    "VI": "Islas Vírgenes de EE. UU.",
    "AS": "Samoa Americana",
    "MP": "Islas Marianas del Norte",
}
"""Spanish names of the states whose English name is not also their Spanish one (the same
exonyms :mod:`geodata.aliases` accepts as search text)."""

CITY_NAMES_ES: dict[str, str] = {
    "New York": "Nueva York",
    "Los Angeles": "Los Ángeles",
    "Philadelphia": "Filadelfia",
    "New Orleans": "Nueva Orleans",
    "San Jose": "San José",
    "St. Louis": "San Luis",
    "The Bronx": "El Bronx",
}
"""Spanish names of cities people know by one (as in the page's search aliases): used in place
labels and in the city part of site names on the Spanish page."""

KIND_PLURALS: dict[str, dict[str, str]] = {k: e.pair() for k, e in _KIND_PLURALS.items()}
"""What the page's subtitle promises, per kind: only the kinds the data holds are named."""

UI: dict[str, dict[str, str]] = {lang: table("page", lang) for lang in LANGS}
"""Page strings by language (``"es"``, ``"en"``) and key (the catalog's ``page.*``)."""


def _terms(vocab: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {key: {"es": t.label("es"), "en": t.label("en")} for key, t in vocab.items()}


def i18n_data() -> dict[str, Any]:
    """Everything the page prints, in Spanish and English (a JSON-able dict)."""
    return {
        "version": 1,
        "langs": ["es", "en"],
        "ui": UI,
        "kinds": _terms(KINDS),
        "services": _terms(SERVICES),
        "languages": _terms(LANGUAGES),
        "precision": {
            p: {"es": precision_note(p, "es"), "en": precision_note(p, "en")} for p in PRECISIONS
        },
        "illustrative": {"es": illustrative_note("es"), "en": illustrative_note("en")},
        "national_lines": {"es": national_lines("es"), "en": national_lines("en")},
        "kind_plural": KIND_PLURALS,
        "states_es": STATE_NAMES_ES,
        # English name -> code, for labels that come without a code (the API's "New Mexico")
        "state_codes": {STATE_NAMES[c]: c for c in STATE_NAMES_ES if c in STATE_NAMES},
        "cities_es": CITY_NAMES_ES,
    }
