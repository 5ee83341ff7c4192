"""Data files and static export of the search page (``locator.web.bundle``)."""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser

import pytest
from shapely.geometry import Point

from geodata.gazetteer import Gazetteer
from geodata.schema import coerce_sites
from geodata.stores.gpkg import GeoPackageStore
from locator.catalog import Catalog
from locator.maps.tiles import tile_xy
from locator.web import bundle
from locator.web.csp import page_csp
from locator.web.i18n import UI, i18n_data

NASTY = [
    "</script><img src=x onerror=alert(1)>",
    "a\u2028b\u2029c",
    'O\'Brien & "Sons"',
    "<!-- -->",
    "${x}`",
    "\\u003c",
]


def parse_script(text: str, name: str) -> object:
    prefix = f"window.{name} = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix) : -2])


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory):
    return Catalog(GeoPackageStore(tmp_path_factory.mktemp("b") / "s.gpkg")).snapshot


def test_sites_data_has_every_site_in_index_order(snapshot):
    data = bundle.sites_data(snapshot.index.sites, version=snapshot.version)
    ids = [row[data["columns"].index("id")] for row in data["rows"]]
    assert ids == list(snapshot.index.sites["id"])
    assert data["version"] == snapshot.version
    assert data["columns"] == list(bundle.SITE_FIELDS)
    row = dict(zip(data["columns"], data["rows"][ids.index("vds-chicago")], strict=True))
    assert row["kind"] == "vds" and row["precision"] == "postal_code"
    assert row["address"] == "204 S Ashland Ave, Chicago, IL 60607"
    assert row["hours"] == ""  # unknown stays empty
    assert isinstance(row["illustrative"], bool) and isinstance(row["services"], list)


@pytest.mark.parametrize("text", NASTY)
def test_script_files_are_json_safe(text):
    sites = coerce_sites(
        [
            {
                "id": "x",
                "kind": "clinic",
                "name": text,
                "notes": text,
                "geometry": Point(-87.6, 41.8),
                "location_precision": "city",
                "source": "t",
            }
        ]
    )
    data = bundle.sites_data(sites, version="v")
    script = bundle.script_text("LOCATOR_SITES", data)
    assert "<" not in script and ">" not in script and "\u2028" not in script
    assert parse_script(script, "LOCATOR_SITES") == json.loads(json.dumps(data))
    assert json.loads(bundle.json_text(data))["rows"][0][2] == text


def test_script_text_rejects_bad_names():
    with pytest.raises(ValueError):
        bundle.script_text("x; alert(1)", {})


def test_gazetteer_data_keeps_every_place_at_source_precision():
    gz = Gazetteer.default()
    compact = gz.compact()
    data = bundle.gazetteer_data(gz)
    assert set(data["zips"]) == set(compact["zips"])
    assert set(data["cities"]) == set(compact["cities"])
    for code in ("60608", "30720", "00901", "99501", "96813"):
        lat, lon, city = data["zips"][code]
        place = gz.zip(code)
        assert (lat, lon) == (place.lat, place.lon)
        assert data["zip_cities"][city] == f"{place.name}|{place.state}"
    dalton = gz.geocode("Dalton, GA", limit=1)[0]
    assert data["cities"]["Dalton|GA"][:2] == [dalton.lat, dalton.lon]
    assert set(data["state_points"]) == set(data["states"])
    georgia = gz.geocode("Georgia", limit=1)[0]
    assert data["state_points"]["GA"] == [georgia.lat, georgia.lon]
    assert data["state_aliases"]["carolina del norte"] == "NC"


def test_i18n_has_both_languages_for_every_key():
    assert set(UI["es"]) == set(UI["en"])
    data = i18n_data()
    for vocab in ("kinds", "services", "precision"):
        for entry in data[vocab].values():
            assert set(entry) == {"es", "en"}
    assert data["precision"]["address"] == {"es": "", "en": ""}


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("src", "href"):
                self.refs.append((tag, name, value or ""))
            if name.startswith("on"):
                self.handlers.append(f"{tag}[{name}]")


NAVIGATION_HOSTS = (
    "https://www.openstreetmap.org/",
    "https://wa.me/",
    "https://leafletjs.com",
    "http://www.w3.org/",
    "https://www.google.com/maps/",
    "https://maps.apple.com/",
)
"""Links a person follows (directions, sharing), never loaded by the page."""


def test_shell_loads_nothing_from_the_network():
    files = bundle.shell_files()
    refs = _Refs()
    refs.feed(files["index.html"].read_text(encoding="utf-8"))
    assert refs.refs and refs.handlers == []
    for _tag, _attr, value in refs.refs:
        assert not re.match(r"^(https?:)?//", value), value
        data = value.startswith("data/") and value.endswith(".js")
        assert value in ("./", "#search-input", "#results") or value in files or data, value
    for rel, path in files.items():
        if rel.endswith(".css"):
            assert not re.search(r"url\(\s*['\"]?(https?:)?//", path.read_text()), rel
            assert "@import" not in path.read_text(), rel
        if rel.endswith(".js"):
            for url in re.findall(r"https?://[^\s\"'`)]+", path.read_text()):
                assert url.startswith(NAVIGATION_HOSTS), (rel, url)
    manifest = json.loads(files["manifest.webmanifest"].read_text())
    assert {i["sizes"] for i in manifest["icons"]} >= {"192x192", "512x512"}
    for icon in manifest["icons"]:
        assert icon["src"] in files


def test_service_worker_precaches_existing_files():
    build = bundle.build_id()
    sw = bundle.render_sw(build)
    assert f'"{build}"' in sw and "__BUILD_ID__" not in sw
    files = bundle.shell_files()
    data = {
        f"data/{n}.js" for n in ("config", "i18n", "sites", "gazetteer", "visits", "boundaries")
    }
    for path in re.findall(r'^\s+"([^"]+)",?$', sw, flags=re.MULTILINE):
        assert path == "./" or path in files or path in data, path


@pytest.mark.parametrize(
    ("lon", "lat"),
    [
        (-87.65, 41.85),
        (-149.9, 61.2),
        (-157.86, 21.31),
        (-66.1, 18.47),
        (-70.0, 44.0),
        (-117.16, 32.72),
    ],
)
def test_tile_ranges_cover_us_places(lon, lat):
    for z in range(bundle.TILE_MAX_ZOOM + 1):
        x, y = tile_xy(lon, lat, z)
        assert any(
            kz == z and x0 <= x <= x1 and y0 <= y <= y1 for kz, x0, x1, y0, y1 in bundle.tile_keys()
        ), (z, x, y)


def test_export_site_writes_a_complete_folder(tmp_path, snapshot):
    store = GeoPackageStore(tmp_path / "s.gpkg")
    report = bundle.export_site(tmp_path / "out", store=store, lang="en", tiles=False)
    out = tmp_path / "out"
    assert report.sites == len(snapshot.index.sites) and report.tiles == 0
    for rel in bundle.shell_files():
        assert (out / rel).is_file(), rel
    sites = parse_script((out / "data/sites.js").read_text(encoding="utf-8"), "LOCATOR_SITES")
    assert sites == bundle.sites_data(snapshot.index.sites, version=snapshot.version)
    assert len(sites["rows"]) == report.sites
    assert not list(out.glob("data/*.json")), "the page reads data/*.js only: no .json twins"
    assert (out / "data/visits.js").is_file()
    config = parse_script((out / "data/config.js").read_text(encoding="utf-8"), "LOCATOR_CONFIG")
    assert config["mode"] == "static" and config["api"] is None
    assert config["defaultLang"] == "en" and config["tiles"] == "tiles/{z}/{x}/{y}.png"
    assert "__BUILD_ID__" not in (out / "sw.js").read_text()
    page = (out / "index.html").read_text(encoding="utf-8")
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    assert meta, "the exported page carries its own policy (no server sends the header)"
    assert html.unescape(meta.group(1)) == page_csp(meta=True)
    assert "unsafe-inline" not in meta.group(1)


def test_export_site_copies_basemap_tiles(tmp_path):
    bundle.export_site(tmp_path / "out", store=tmp_path / "s.gpkg", tiles=True)
    tiles = tmp_path / "out" / "tiles"
    assert (tiles / "0" / "0" / "0.png").read_bytes()[:4] == b"\x89PNG"
    x, y = tile_xy(-87.65, 41.85, 6)
    assert (tiles / "6" / str(x) / f"{y}.png").is_file()
    x, y = tile_xy(2.35, 48.85, 6)  # Paris: not copied beyond the world overview
    assert not (tiles / "6" / str(x) / f"{y}.png").exists()


def test_visits_data_lists_the_illustrative_routes(web_store):
    from datetime import date

    from locator.mobile.visits import next_visits

    snap = Catalog(GeoPackageStore(web_store)).snapshot
    data = bundle.visits_data(
        snap.routes, snap.stops, version="v", today=date(2026, 12, 1), days=30
    )
    assert (data["from"], data["until"]) == ("2026-12-01", "2026-12-31")
    assert len(data["stops"]) == len(snap.stops) and all(s["illustrative"] for s in data["stops"])
    stop = data["stops"][0]
    expected = next_visits(
        snap.stops[snap.stops["id"] == stop["id"]],
        snap.routes,
        lon=stop["lon"],
        lat=stop["lat"],
        radius_km=1,
        start=date(2026, 12, 1),
        days=30,
        limit=None,
    )
    mine = [v for v in data["visits"] if v[0] == 0]
    assert [v[1] for v in mine] == [x.start.isoformat() for x in expected]
    assert [v[3] for v in mine] == [x.to_dict("es")["local_text"] for x in expected]
    assert all(len(r["line"]) > 1 for r in data["routes"])


def test_state_labels_without_a_code_can_be_said_in_spanish():
    """The API labels a state query "New Mexico" with no code: the page finds the code."""
    data = i18n_data()
    assert data["state_codes"]["New Mexico"] == "NM"
    assert data["states_es"][data["state_codes"]["North Carolina"]] == "Carolina del Norte"


def test_page_rows_carry_hours_in_spanish_words_and_as_the_source_wrote_them(snapshot):
    rows = bundle.sites_data(snapshot.index.sites, version="v")
    cols = rows["columns"]
    chicago = dict(zip(cols, next(r for r in rows["rows"] if r[0] == "consulate-chicago")))
    assert chicago["hours"] == "lun-vie 8:00-17:00 (con cita)"
    assert chicago["hours_en"] == "Mon-Fri 8:00-17:00 (appointment)"
