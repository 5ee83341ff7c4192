"""The vocabulary labels (:mod:`geodata.vocab` terms) as catalog entries.

The terms stay the source (each cites where it comes from); here they join the catalog as
``kind.<id>``, ``service.<id>``, ``language.<id>``, ``precision.<id>``, ``place_precision.<id>``
and ``evidence.<id>`` so the one lookup and the one completeness test cover them.

Examples
--------
>>> VOCAB["service"]["vaccines"].get("en")
'Vaccines'
"""

from __future__ import annotations

from geodata.i18n import T, register
from geodata.vocab import EVIDENCE, KINDS, LANGUAGES, PLACE_PRECISIONS, PRECISIONS, SERVICES

__all__ = ["VOCAB"]

VOCAB = {
    name: register(name, *(T(term.id, es=term.es, en=term.en) for term in vocab.values()))
    for name, vocab in (
        ("kind", KINDS),
        ("service", SERVICES),
        ("language", LANGUAGES),
        ("precision", PRECISIONS),
        ("place_precision", PLACE_PRECISIONS),
        ("evidence", EVIDENCE),
    )
}
"""Namespace -> the labels of that vocabulary by term id."""
