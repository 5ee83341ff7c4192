"""One reading of a US state for every importer (CSV, GeoJSON, HRSA, HSDS) and the API.

A USPS code (``TX``, any case; the 50 states, DC and the territories) or a state name in
English or Spanish (``Texas``, ``Tejas``, ``Carolina del Norte``) becomes the USPS code;
anything else (``MyState``) is a row error naming the value, in both languages.

Examples
--------
>>> clean_state("Texas"), clean_state(" tx "), clean_state("Nuevo México")
(('TX', None), ('TX', None), ('NM', None))
>>> clean_state("")
('', None)
>>> en, es = clean_state("MyState")[1].split(" / ")
>>> en
"not a US state code or name: 'MyState'"
>>> es
"no es un código ni un nombre de estado de EE. UU.: 'MyState'"
"""

from __future__ import annotations

from geodata.aliases import STATE_ALIASES, STATE_NAMES, normalize
from geodata.messages import ROWS

__all__ = ["clean_state", "state_code"]


def state_code(text: str | None) -> str | None:
    """USPS code of a state code or name; ``""`` for empty text, ``None`` when unknown."""
    text = (text or "").strip()
    if not text:
        return ""
    code = text.upper()
    return code if code in STATE_NAMES else STATE_ALIASES.get(normalize(text))


def clean_state(text: str | None) -> tuple[str, str | None]:
    """``(code, problem)``: the USPS code (``""`` if empty) and a bilingual message if unknown."""
    code = state_code(text)
    if code is None:
        value = (text or "").strip()[:40]
        return value, ROWS["bad_state"].fill(value=value).both()
    return code, None
