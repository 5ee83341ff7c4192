"""Text normalisation and Spanish/alternate names for US places.

The gazetteer matches user text after :func:`normalize` (case and accents ignored, punctuation
tolerant, ``St.``/``Ft.``/``Mt.`` expanded). Aliases map a name people use (often the Spanish
exonym used by Mexican communities) to the *real* place name; they never carry coordinates of
their own: coordinates always come from the gazetteer's source data.

Examples
--------
>>> normalize("  San José,  CA ")
'san jose ca'
>>> normalize("St. Louis")
'saint louis'
>>> CITY_ALIASES[normalize("Nueva York")]
('New York', 'NY')
>>> STATE_ALIASES[normalize("Carolina del Norte")]
'NC'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "CITY_ALIASES",
    "COUNTY_PREFIXES",
    "COUNTY_WORDS",
    "NAME_OVERRIDES",
    "STATE_ALIASES",
    "STATE_NAMES",
    "county_keys",
    "normalize",
    "strip_county_words",
]

_ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_NON_WORD = re.compile(r"[^\w]+|_")


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """Fold ``text`` to a matching key: no accents, lower case, single spaces, no punctuation.

    Parameters
    ----------
    text
        Any user or data text.

    Returns
    -------
    str
        The key; ``""`` for blank text.

    Examples
    --------
    >>> normalize("Mt. Pleasant")
    'mount pleasant'
    >>> normalize("Billings, MT")
    'billings mt'
    >>> normalize("Doña Ana County")
    'dona ana county'
    """
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = _NON_WORD.sub(" ", text.casefold()).split()
    # the last word stays as typed: "Billings MT" is Montana, not "mount"
    last = len(words) - 1
    return " ".join(w if i == last else _ABBREVIATIONS.get(w, w) for i, w in enumerate(words))


STATE_NAMES: dict[str, str] = {
    "AL": "Alabama",
    "AK": "Alaska",
    "AZ": "Arizona",
    "AR": "Arkansas",
    "CA": "California",
    "CO": "Colorado",
    "CT": "Connecticut",
    "DE": "Delaware",
    "DC": "District of Columbia",
    "FL": "Florida",
    "GA": "Georgia",
    "HI": "Hawaii",
    "ID": "Idaho",
    "IL": "Illinois",
    "IN": "Indiana",
    "IA": "Iowa",
    "KS": "Kansas",
    "KY": "Kentucky",
    "LA": "Louisiana",
    "ME": "Maine",
    "MD": "Maryland",
    "MA": "Massachusetts",
    "MI": "Michigan",
    "MN": "Minnesota",
    "MS": "Mississippi",
    "MO": "Missouri",
    "MT": "Montana",
    "NE": "Nebraska",
    "NV": "Nevada",
    "NH": "New Hampshire",
    "NJ": "New Jersey",
    "NM": "New Mexico",
    "NY": "New York",
    "NC": "North Carolina",
    "ND": "North Dakota",
    "OH": "Ohio",
    "OK": "Oklahoma",
    "OR": "Oregon",
    "PA": "Pennsylvania",
    "RI": "Rhode Island",
    "SC": "South Carolina",
    "SD": "South Dakota",
    "TN": "Tennessee",
    "TX": "Texas",
    "UT": "Utah",
    "VT": "Vermont",
    "VA": "Virginia",
    "WA": "Washington",
    "WV": "West Virginia",
    "WI": "Wisconsin",
    "WY": "Wyoming",
    "PR": "Puerto Rico",
    "GU": "Guam",
    "VI": "U.S. Virgin Islands",
    "AS": "American Samoa",
    "MP": "Northern Mariana Islands",
}
"""USPS code -> English name, for the 50 states, DC, Puerto Rico and the other territories."""

_STATE_ALIAS_TEXT: dict[str, tuple[str, ...]] = {
    "AZ": ("Arizona",),
    "CT": ("Conecticut",),
    "DC": ("Distrito de Columbia", "Washington DC", "Washington D.C.", "D.C."),
    "HI": ("Hawái",),
    "LA": ("Luisiana",),
    "MI": ("Míchigan",),
    "MN": ("Minesota",),
    "MS": ("Misisipi", "Misisipí"),
    "MO": ("Misuri",),
    "NC": ("Carolina del Norte",),
    "SC": ("Carolina del Sur",),
    "ND": ("Dakota del Norte",),
    "SD": ("Dakota del Sur",),
    "NH": ("Nuevo Hampshire",),
    "NJ": ("Nueva Jersey",),
    "NM": ("Nuevo México",),
    "NY": ("Nueva York", "Estado de Nueva York"),
    "OR": ("Oregón",),
    "PA": ("Pensilvania",),
    "TN": ("Tenesí",),
    "TX": ("Tejas",),
    "WV": ("Virginia Occidental",),
    "VI": ("Islas Vírgenes", "US Virgin Islands", "Virgin Islands"),
    "AS": ("Samoa Americana",),
    "MP": ("Islas Marianas del Norte",),
}

STATE_ALIASES: dict[str, str] = {normalize(n): c for c, n in STATE_NAMES.items()} | {
    normalize(t): code for code, texts in _STATE_ALIAS_TEXT.items() for t in texts
}
"""Normalised state name (English or Spanish) -> USPS code. Codes themselves are not included."""

CITY_ALIASES: dict[str, tuple[str, str]] = {
    normalize(alias): target
    for alias, target in {
        "Nueva York": ("New York", "NY"),
        "Ciudad de Nueva York": ("New York", "NY"),
        "Nueva Orleans": ("New Orleans", "LA"),
        "Nueva Orleáns": ("New Orleans", "LA"),
        "Filadelfia": ("Philadelphia", "PA"),
        "San Luis": ("St. Louis", "MO"),
        "San Luis Misuri": ("St. Louis", "MO"),
        "Ciudad de Kansas": ("Kansas City", "MO"),
        "Ciudad de Oklahoma": ("Oklahoma City", "OK"),
        "Ciudad del Lago Salado": ("Salt Lake City", "UT"),
        "Ciudad Atlántica": ("Atlantic City", "NJ"),
        "Washington DC": ("Washington", "DC"),
        "Washington D.C.": ("Washington", "DC"),
        "Fénix": ("Phoenix", "AZ"),
        "Pittsburgo": ("Pittsburgh", "PA"),
        "Búfalo": ("Buffalo", "NY"),
        "Menfis": ("Memphis", "TN"),
        "Mineápolis": ("Minneapolis", "MN"),
        "San Agustín": ("Saint Augustine", "FL"),
        "Cayo Hueso": ("Key West", "FL"),
        "Nueva Brunswick": ("New Brunswick", "NJ"),
        "Nuevo Brunswick": ("New Brunswick", "NJ"),
        "Los Ángeles": ("Los Angeles", "CA"),
        "Filadelfia Pensilvania": ("Philadelphia", "PA"),
    }.items()
}
"""Normalised alias (mostly Spanish) -> (real place name, USPS code) in the gazetteer."""

NAME_OVERRIDES: dict[tuple[str, str], str] = {("New York City", "NY"): "New York"}
"""Source name -> display name where GeoNames differs from the USPS/common name."""

COUNTY_WORDS: tuple[str, ...] = (
    "county",
    "parish",
    "borough",
    "census area",
    "municipio",
    "municipality",
    "city and borough",
)
"""Words that end a county name (``Cook County``), after :func:`normalize`."""

COUNTY_PREFIXES: tuple[str, ...] = ("condado de", "parroquia de", "municipio de", "condado")
"""Spanish words that start a county name (``Condado de Cook``), after :func:`normalize`."""


def county_keys(full_name: str) -> tuple[str, str]:
    """Normalised full county name and the base name without its county word.

    Examples
    --------
    >>> county_keys("Cook County")
    ('cook county', 'cook')
    >>> county_keys("City and Borough of Juneau")
    ('city and borough of juneau', 'juneau')
    """
    full = normalize(full_name)
    for word in sorted(COUNTY_WORDS, key=len, reverse=True):
        if full.endswith(" " + word):
            return full, full[: -len(word) - 1]
        if full.startswith(word + " of "):
            return full, full[len(word) + 4 :]
    return full, full


def strip_county_words(text: str) -> str | None:
    """The base name if normalised ``text`` is phrased as a county, else ``None``.

    Examples
    --------
    >>> strip_county_words("condado de cook")
    'cook'
    >>> strip_county_words("chicago") is None
    True
    """
    for word in COUNTY_WORDS:
        if text.endswith(" " + word):
            return text[: -len(word) - 1]
    for prefix in COUNTY_PREFIXES:
        if text.startswith(prefix + " "):
            return text[len(prefix) + 1 :]
    return None
