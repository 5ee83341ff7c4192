"""Data files of the search page and a static copy of the page that works with no server.

The page reads its data from *script* files (``data/sites.js`` sets ``window.LOCATOR_SITES``)
because ``fetch()`` of ``file://`` fails in Chromium; the API serves the same files and the
JSON twins (``/data/sites.json``...). Every file is built here, so the served page and the
exported one read identical data.

* ``sites``: one row per site in the order of the dataset's :class:`~locator.index.SiteIndex`
  (ties in distance are broken by that order, as in the API), with the fields the list and
  popups show, the location precision and the illustrative flag.
* ``gazetteer``: :meth:`Gazetteer.compact` with coordinates at the precision of the sources
  (the API geocodes with those, so the browser finds the same point), a ZIP's city, state
  points and state aliases.
* ``i18n``: :func:`locator.web.i18n.i18n_data`.
* ``boundaries``: Census state outlines (simplified lines) drawn over the basemap, which
  has tiles only to z6, so closer zooms keep some context.

Examples
--------
>>> from geodata.schema import coerce_sites
>>> from shapely.geometry import Point
>>> sites = coerce_sites([{"id": "a", "kind": "vds", "name": "A <b>", "city": "Chicago",
...                        "geometry": Point(-87.6, 41.8), "location_precision": "city"}])
>>> data = sites_data(sites, version="v1")
>>> data["rows"][0][data["columns"].index("name")]
'A <b>'
>>> "<" in script_text("LOCATOR_SITES", data)
False
"""

from __future__ import annotations

import functools
import hashlib
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xstatic.pkg.leaflet as xs_leaflet
import xstatic.pkg.leaflet_markercluster as xs_cluster

from geodata.aliases import STATE_ALIASES, STATE_NAMES
from geodata.vocab import MOBILE_KINDS as GEODATA_MOBILE_KINDS
from locator.present import evidence_labels, site_properties, text_or_none
from locator.script_json import js_json
from locator.web.basemap import (
    BUNDLED_MAX_ZOOM,
    DEFAULT_EXPORT_MAX_MB,
    USER_TILES_DIR,
    OnlineTiles,
    UserBasemap,
    basemap_config,
    export_user_tiles,
)
from locator.web.csp import with_meta_csp
from locator.web.i18n import i18n_data

if TYPE_CHECKING:
    import geopandas as gpd

    from geodata.gazetteer import Gazetteer

__all__ = [
    "MOBILE_KINDS",
    "OUTSIDE_NAMES",
    "SHORT_NAMES",
    "SITE_FIELDS",
    "STATIC_DIR",
    "TILE_REGIONS",
    "ExportReport",
    "boundaries_data",
    "build_id",
    "config_data",
    "export_site",
    "gazetteer_data",
    "json_text",
    "render_sw",
    "script_text",
    "shell_files",
    "sites_data",
    "tile_bytes",
    "tile_keys",
    "tile_list",
    "visits_data",
]

STATIC_DIR = Path(__file__).with_name("static")
OSM_ATTRIBUTION = "© OpenStreetMap contributors"
TILE_MAX_ZOOM = BUNDLED_MAX_ZOOM
BOUNDARY_TOLERANCE = 0.01
"""Douglas-Peucker tolerance (degrees) of the state outlines: ~1 km, 340 KB of GeoJSON."""
US_BOUNDS = (-180.0, 15.0, -60.0, 72.0)
MOBILE_KINDS = GEODATA_MOBILE_KINDS
"""Kinds that are not places to walk into: the page lists their next stops, never ranks them.
Any other site that moves (an HRSA van: ``mobile`` in ``sites.json``) is never ranked either."""

SITE_FIELDS = (
    "id",
    "kind",
    "name",
    "organization",
    "address",
    "city",
    "state",
    "phone",
    "tel",
    "url",
    "services",
    "languages",
    "hours",
    "precision",
    "verified",
    "illustrative",
    "notes",
    "source",
    "source_date",
    "lat",
    "lon",
    "hours_source_date",
    "evidence",
    "contact_fallback",
    "mobile",
    "hours_en",
)
"""Columns of ``sites.json`` rows (``address`` is the one-line address, see ``present``;
``tel`` the phone's ``tel:`` link, only for a valid number; ``url`` only a safe http(s) link;
``evidence``: ``{field: {"es": label, "en": label}}`` for the facts that have a level;
``contact_fallback``: no sourced phone of its own, the page shows the national lines;
``hours`` in Spanish words (:func:`locator.present.hours_text`), ``hours_en`` as the source
wrote them, for the English page)."""

TILE_REGIONS: dict[str, tuple[float, float, float, float]] = {
    "conus": (-125.0, 24.0, -66.5, 49.5),
    "alaska": (-180.0, 51.0, -129.5, 71.5),
    "hawaii": (-160.5, 18.5, -154.5, 22.5),
    "puerto_rico": (-67.5, 17.8, -64.5, 18.6),
}
"""Regions (west, south, east, north) whose basemap tiles the static export copies."""

_VENDOR = {
    "static/vendor/leaflet": Path(xs_leaflet.BASE_DIR),
    "static/vendor/markercluster": Path(xs_cluster.BASE_DIR),
}
_VENDOR_FILES = (
    "leaflet.js",
    "leaflet.css",
    "images/layers.png",
    "images/layers-2x.png",
    "images/marker-icon.png",
    "images/marker-icon-2x.png",
    "images/marker-shadow.png",
    "leaflet.markercluster.js",
    "MarkerCluster.css",
    "MarkerCluster.Default.css",
)
_ROOT_FILES = ("index.html", "sw.js", "manifest.webmanifest")


def sites_data(sites: gpd.GeoDataFrame, *, version: str) -> dict[str, Any]:
    """Sites as ``{"version", "columns", "rows"}`` (rows follow ``SITE_FIELDS``).

    Every value is what :func:`locator.present.site_properties` presents (one presentation
    for the page, the API and the CLI): text stripped, a value whose sources disagree left
    out (never shown as fact), ``tel``/``url`` only as safe links. Unknown values are empty
    strings in the rows (the page's format, never ``null``); coordinates are rounded to 6
    decimals as in the API.
    """
    rows = []
    geoms = sites.geometry.to_numpy()
    for rec, geom in zip(
        sites.drop(columns=sites.geometry.name).to_dict("records"), geoms, strict=True
    ):
        props = site_properties(rec, "es")
        values = _page_values(props, evidence_labels(rec, "en"))
        # the hours as the source wrote them (English words): shown by the English page
        values["hours_en"] = (props["hours"] and text_or_none(rec.get("hours"))) or ""
        values["lat"], values["lon"] = round(float(geom.y), 6), round(float(geom.x), 6)
        rows.append([values[k] for k in SITE_FIELDS])
    return {"version": version, "columns": list(SITE_FIELDS), "rows": rows}


_PAGE_TEXT = (
    "kind",
    "name",
    "organization",
    "address",
    "city",
    "state",
    "phone",
    "tel",
    "url",
    "hours",
    "notes",
    "source",
    "source_date",
    "hours_source_date",
)
"""Page columns that are :func:`~locator.present.site_properties` text of the same name."""


def _page_values(props: dict[str, Any], evidence_en: dict[str, str]) -> dict[str, Any]:
    """One page row (without ``lat``/``lon``) from a site's presented properties (es)."""
    return {
        **{k: props[k] or "" for k in _PAGE_TEXT},
        "id": str(props["id"] or ""),
        "services": [str(s["id"]) for s in props["services"]],
        "languages": [str(code) for code in props["languages"]],
        "precision": props["location_precision"] or "",
        "verified": props["verified"],
        "illustrative": props["illustrative"],
        "evidence": {
            field: {"es": label, "en": evidence_en[field]}
            for field, label in props["evidence"].items()
            if label
        },
        "contact_fallback": props["contact_fallback"],
        "mobile": props["mobile"],
    }


SHORT_NAMES: dict[str, str] = {
    "nyc": "New York|NY",
    "ny city": "New York|NY",
    "la": "Los Angeles|CA",
    "dc": "Washington|DC",
    "sf": "San Francisco|CA",
    "el bronx": "The Bronx|NY",
    "slc": "Salt Lake City|UT",
    "okc": "Oklahoma City|OK",
}
"""Abbreviations and Spanish forms people type (folded text) -> gazetteer "City|ST" (the
browser only: the API does not know them; a state code such as LA stays the state first)."""

OUTSIDE_NAMES: tuple[str, ...] = (
    "mexico",
    "ciudad de mexico",
    "cdmx",
    "mexico df",
    "df",
    "distrito federal",
    "guadalajara",
    "monterrey",
    "puebla",
    "tijuana",
    "ciudad juarez",
    "juarez",
    "mexicali",
    "oaxaca",
    "morelia",
    "toluca",
    "acapulco",
    "cancun",
    "chihuahua",
    "hermosillo",
    "culiacan",
    "veracruz",
    "merida",
    "queretaro",
    "aguascalientes",
    "zacatecas",
    "durango",
    "san luis potosi",
    "guanajuato",
    "nuevo laredo",
    "matamoros",
    "reynosa",
    "tapachula",
    "ciudad obregon",
    "tepic",
    "colima",
    "villahermosa",
    "tuxtla gutierrez",
    "guatemala",
    "ciudad de guatemala",
    "san salvador",
    "tegucigalpa",
    "honduras",
    "el salvador",
)
"""Folded names of places outside the US (cities of Mexico and Central America, by name
only, no coordinates): when the gazetteer finds nothing the page says the place is outside
the US instead of "not found"."""


VISIT_DAYS = 180
"""Days of mobile-unit visits the page carries (from the day the data file is made)."""


def _text(value: Any) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


def visits_data(
    routes: Any, stops: Any, *, version: str, today: date | None = None, days: int = VISIT_DAYS
) -> dict[str, Any]:
    """Mobile-unit stops, routes and their visits for ``days`` from ``today`` (the page).

    Visits are computed here with :func:`locator.mobile.schedule.occurrences` (the stop's
    local wall time across daylight-saving changes, as the API) so the browser needs no
    recurrence engine; ``until`` says how far they go. Each visit is ``[stop index, start,
    end, local text es, local text en]`` (ISO 8601 with the UTC offset of that day).
    Stops with an unreadable schedule carry no visits.
    """
    from geodata.errors import LocatorError
    from locator.mobile.schedule import occurrences
    from locator.mobile.visits import stop_place, when_text

    start = today or datetime.now(UTC).date()
    end = start + timedelta(days=days)
    route_rows = [] if routes is None else routes.to_dict("records")
    illustrative_routes = {_text(r.get("id")) for r in route_rows if r.get("illustrative")}
    out_routes = []
    for r in route_rows:
        geom = r.get("geometry")
        line = (
            []
            if geom is None or geom.is_empty
            else [
                [round(y, 6), round(x, 6)]
                for part in getattr(geom, "geoms", [geom])
                for x, y, *_ in part.coords
            ]
        )
        out_routes.append(
            {
                "id": _text(r.get("id")),
                "name": _text(r.get("name")),
                "unit_id": _text(r.get("unit_id")),
                "illustrative": bool(r.get("illustrative")),
                "line": line,
            }
        )
    out_stops: list[dict[str, Any]] = []
    visits: list[list[Any]] = []
    for stop in [] if stops is None else stops.to_dict("records"):
        geom = stop.get("geometry")
        if geom is None or geom.is_empty:
            continue
        index = len(out_stops)
        out_stops.append(
            {
                "id": _text(stop.get("id")),
                "route_id": _text(stop.get("route_id")),
                "sequence": int(stop.get("sequence") or 0),
                "name": _text(stop.get("name")),
                "place": stop_place(stop),
                "precision": _text(stop.get("location_precision")),
                "illustrative": bool(stop.get("illustrative"))
                or _text(stop.get("route_id")) in illustrative_routes,
                "lat": round(float(geom.y), 6),
                "lon": round(float(geom.x), 6),
            }
        )
        minutes = int(stop.get("duration_minutes") or 0)
        try:
            starts = occurrences(stop, start, end)
        except LocatorError:
            continue
        for when in starts:
            stop_end = (when + timedelta(minutes=minutes)).astimezone(when.tzinfo)
            visits.append(
                [
                    index,
                    when.isoformat(),
                    stop_end.isoformat(),
                    when_text(when, stop_end, "es"),
                    when_text(when, stop_end, "en"),
                ]
            )
    visits.sort(key=lambda v: (datetime.fromisoformat(v[1]), v[0]))
    return {
        "version": version,
        "from": start.isoformat(),
        "until": end.isoformat(),
        "routes": out_routes,
        "stops": out_stops,
        "visits": visits,
    }


def _state_points(gz: Gazetteer) -> dict[str, list[float]]:
    """State code -> the point the gazetteer gives for the state (as the API geocodes it)."""
    out: dict[str, list[float]] = {}
    for code, name in STATE_NAMES.items():
        for place in gz.geocode(name, limit=20):
            if place.precision == "state" and place.state == code:
                out[code] = [place.lat, place.lon]
                break
    return out


def gazetteer_data(gazetteer: Gazetteer | None = None) -> dict[str, Any]:
    """The browser gazetteer: :meth:`Gazetteer.compact` with source-precision coordinates.

    ``zips``: ZIP -> [lat, lon, index into ``zip_cities``]; ``cities``: "City|ST" ->
    [lat, lon] or [lat, lon, population]; ``aliases`` (as in ``compact``), ``state_aliases``
    (normalised state name -> code), ``states`` (code -> name), ``state_points``.
    """
    from geodata.gazetteer import Gazetteer

    gz = gazetteer or Gazetteer.default()
    compact = gz.compact()
    places = gz.places()
    exact = {
        f"{n}|{s}": (float(la), float(lo))
        for n, s, la, lo in zip(
            places["name"], places["state"], places["lat"], places["lon"], strict=True
        )
    }
    cities = {
        key: [*exact.get(key, value[:2]), *value[2:]] for key, value in compact["cities"].items()
    }
    zip_cities: dict[str, int] = {}
    zips: dict[str, list[Any]] = {}
    for code in compact["zips"]:
        place = gz.zip(code)
        if place is None:  # (every ZIP of the compact table is a known one)
            continue
        label = f"{place.name}|{place.state}"
        zips[code] = [place.lat, place.lon, zip_cities.setdefault(label, len(zip_cities))]
    return {
        "version": compact["version"],
        "zips": zips,
        "zip_cities": list(zip_cities),
        "cities": cities,
        "aliases": compact["aliases"],
        "state_aliases": dict(STATE_ALIASES),
        "states": compact["states"],
        "state_points": _state_points(gz),
        "short_names": {k: v for k, v in SHORT_NAMES.items() if v in cities},
        "outside_names": list(OUTSIDE_NAMES),
    }


json_text = js_json
"""Compact UTF-8 JSON, safe to embed in a script (:func:`locator.script_json.js_json`)."""


def script_text(name: str, data: Any) -> str:
    """A script file that sets ``window.<name>`` to ``data`` (loads from file:// too)."""
    if not name.isidentifier():
        raise ValueError(f"not a JavaScript identifier: {name!r}")
    return f"window.{name} = {json_text(data)};\n"


def config_data(
    *,
    mode: str,
    lang: str = "es",
    tiles: str,
    api: str | None,
    build: str,
    basemap: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Runtime settings of the page: ``mode`` ("server" or "static"), tile URL template...

    ``basemap`` is :func:`locator.web.basemap.basemap_config` (default: the bundled tiles
    only, so the map stops at their zoom 6).
    """
    return {
        "mode": mode,
        "defaultLang": lang if lang in ("es", "en") else "es",
        "tiles": tiles,
        **(basemap or basemap_config()),
        "tileList": tile_list(),
        "tileBytes": tile_bytes(),
        "attribution": OSM_ATTRIBUTION,
        "api": api,
        "mobileKinds": list(MOBILE_KINDS),
        "build": build,
    }


def boundaries_data() -> dict[str, Any]:
    """State outlines (GeoJSON lines) of the US and territories, simplified and rounded."""
    from locator.maps.boundaries import states_geojson

    return states_geojson(US_BOUNDS, tolerance=BOUNDARY_TOLERANCE)


def shell_files() -> dict[str, Path]:
    """URL path (relative to the site root) -> file, for the page shell and vendor assets."""
    files = {name: STATIC_DIR / name for name in _ROOT_FILES}
    for path in sorted(STATIC_DIR.rglob("*")):
        rel = path.relative_to(STATIC_DIR).as_posix()
        if path.is_file() and rel not in _ROOT_FILES:
            files[f"static/{rel}"] = path
    for prefix, base in _VENDOR.items():
        for name in _VENDOR_FILES:
            if (base / name).is_file():
                files[f"{prefix}/{name}"] = base / name
    return files


def build_id() -> str:
    """Digest of the shell files: names the service worker's cache, changes with any file."""
    digest = hashlib.sha256()
    for rel, path in sorted(shell_files().items()):
        digest.update(rel.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def render_sw(build: str) -> str:
    """The service worker script with its cache name set to ``build``."""
    return (STATIC_DIR / "sw.js").read_text(encoding="utf-8").replace("__BUILD_ID__", build)


def tile_keys(*, max_zoom: int = TILE_MAX_ZOOM) -> list[tuple[int, int, int, int, int]]:
    """``(z, x0, x1, y0, y1)`` ranges: the world at z0-2, then :data:`TILE_REGIONS`."""
    from locator.maps.tiles import tile_xy

    out = []
    for z in range(max_zoom + 1):
        if z <= 2:
            out.append((z, 0, 2**z - 1, 0, 2**z - 1))
            continue
        for west, south, east, north in TILE_REGIONS.values():
            (x0, y1), (x1, y0) = tile_xy(west, south, z), tile_xy(east, north, z)
            out.append((z, x0, x1, y0, y1))
    return out


@dataclass
class ExportReport:
    """What :func:`export_site` wrote."""

    out_dir: Path
    files: int
    bytes: int
    sites: int
    tiles: int
    version: str
    user_tiles: int = 0
    user_max_zoom: int | None = None
    user_capped: bool = False


def _write(path: Path, payload: str | bytes) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    path.write_bytes(data)
    return len(data)


def _iter_tiles(max_zoom: int = TILE_MAX_ZOOM) -> Iterator[tuple[int, int, int, bytes]]:
    """Present basemap tiles of :func:`tile_keys`, each once: ``(z, x, y, png)``."""
    from locator.maps.tiles import default_basemap_path, open_tiles

    seen: set[tuple[int, int, int]] = set()
    with open_tiles(default_basemap_path()) as tiles:
        for z, x0, x1, y0, y1 in tile_keys(max_zoom=min(max_zoom, tiles.max_zoom)):
            for x, y, png in tiles.iter_range(z, x0, x1, y0, y1):
                if (z, x, y) not in seen:
                    seen.add((z, x, y))
                    yield z, x, y, png


@functools.cache
def _tile_index() -> tuple[tuple[str, ...], int]:
    keys, size = [], 0
    for z, x, y, png in _iter_tiles():
        keys.append(f"{z}/{x}/{y}")
        size += len(png)
    return tuple(keys), size


def tile_list() -> tuple[str, ...]:
    """``"z/x/y"`` of every tile the export ships (saved offline on "guardar mapa")."""
    return _tile_index()[0]


def tile_bytes() -> int:
    """Bytes of the tiles of :func:`tile_list` (what "guardar mapa sin conexión" downloads)."""
    return _tile_index()[1]


def _copy_tiles(out: Path, *, max_zoom: int) -> tuple[int, int]:
    count = size = 0
    for z, x, y, png in _iter_tiles(max_zoom):
        count += 1
        size += _write(out / "tiles" / str(z) / str(x) / f"{y}.png", png)
    return count, size


def export_site(
    out_dir: str | Path,
    *,
    store: Any = None,
    lang: str = "es",
    tiles: bool = True,
    gazetteer: Gazetteer | None = None,
    basemap: UserBasemap | None = None,
    online: OnlineTiles | None = None,
    basemap_max_mb: float = DEFAULT_EXPORT_MAX_MB,
    progress: Callable[[int], None] | None = None,
) -> ExportReport:
    """Write the search page as a static folder that works from ``file://`` with no server.

    Data go in ``data/*.js`` only (the page reads no ``.json``: ``fetch()`` of ``file://``
    fails); the served page also offers the ``.json`` twins for other clients.

    Parameters
    ----------
    out_dir
        Folder to write (created; files of an earlier export are overwritten).
    store
        A store object, a GeoPackage path / ``postgresql://`` URL, or None (default store).
    lang
        Default language of the page (``"es"`` or ``"en"``); a visitor's choice wins.
    tiles
        Copy the OpenStreetMap basemap tiles (z0-6) over the US, Alaska, Hawaii and Puerto Rico.
    basemap
        A street basemap the user gives (:func:`locator.web.basemap.open_user_basemap`): its
        tiles within its own bounds and zooms go to ``tiles/user/z/x/y.ext``, whole zoom
        levels up to ``basemap_max_mb`` (``progress(n)`` per tile); the map zooms as deep as
        the levels written, inside the file's bounds.
    online
        Online tiles, an explicit opt-in (the page then says it needs internet).
    """
    from geodata.stores import open_store
    from locator.catalog import Catalog

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    opened = store if hasattr(store, "sites") else open_store(store)
    snapshot = Catalog(opened).snapshot
    sites = sites_data(snapshot.index.sites, version=snapshot.version)
    build = build_id()
    size, files = 0, 0
    n_tiles = 0
    if tiles:
        shutil.rmtree(out / "tiles", ignore_errors=True)
        n_tiles, tile_bytes = _copy_tiles(out, max_zoom=TILE_MAX_ZOOM)
        size += tile_bytes
        files += n_tiles
    user = None
    if basemap is not None:
        user = export_user_tiles(
            basemap, out / USER_TILES_DIR, max_bytes=int(basemap_max_mb * 1e6), progress=progress
        )
        size += user.bytes
        files += user.tiles
    else:
        shutil.rmtree(out / USER_TILES_DIR, ignore_errors=True)  # an older export's
    written = user is not None and user.max_zoom is not None
    config = config_data(
        mode="static",
        lang=lang,
        tiles="tiles/{z}/{x}/{y}.png",
        api=None,
        build=build,
        basemap=basemap_config(
            user=basemap if written else None,
            user_url=f"{USER_TILES_DIR}/{{z}}/{{x}}/{{y}}."
            f"{basemap.tile_format if basemap else 'png'}",
            user_max_zoom=user.max_zoom if user else None,
            online=online,
        ),
    )
    for rel, path in shell_files().items():
        payload = render_sw(build).encode() if rel == "sw.js" else path.read_bytes()
        if rel == "index.html":
            payload = with_meta_csp(payload, tile_origins=[online.csp_source] if online else [])
            # (no server sends the header from file://)
        size += _write(out / rel, payload)
        files += 1
    datasets = {
        "sites": ("LOCATOR_SITES", sites),
        "gazetteer": ("LOCATOR_GAZETTEER", gazetteer_data(gazetteer)),
        "i18n": ("LOCATOR_I18N", i18n_data()),
        "boundaries": ("LOCATOR_BOUNDARIES", boundaries_data()),
        "visits": (
            "LOCATOR_VISITS",
            visits_data(snapshot.routes, snapshot.stops, version=snapshot.version),
        ),
        "config": ("LOCATOR_CONFIG", config),
    }
    for name, (var, data) in datasets.items():
        size += _write(out / "data" / f"{name}.js", script_text(var, data))
        (out / "data" / f"{name}.json").unlink(missing_ok=True)  # an older export's twin
        files += 1
    return ExportReport(
        out,
        files,
        size,
        len(sites["rows"]),
        n_tiles,
        snapshot.version,
        user_tiles=user.tiles if user else 0,
        user_max_zoom=user.max_zoom if user else None,
        user_capped=bool(user and user.capped),
    )
