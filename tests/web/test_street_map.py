"""The page's map never zooms past what its basemap draws sharply, and says why (issue 15.8).

Phone viewport (390x844), Debian's Chromium. The bundled tiles stop at z6: so does the map,
with a note on how to see streets. A street basemap the operator gives (MBTiles served by
the API, PMTiles copied by ``export-site`` and opened from ``file://``) lets the map zoom to
its own deepest level inside its bounds and draws its tiles there; online tiles only when
opted in (answered here by Playwright, never by the network).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import serve
from test_page import search

from locator.cli.main import cli
from locator.maps.tiles import tile_xy
from tests.fixtures.street_tiles import (
    CHICAGO,
    street_png,
    street_tiles,
    write_mbtiles,
    write_pmtiles,
)

pytestmark = pytest.mark.browser

ZOOMS = range(7, 14)
ONLINE = "https://{s}.tiles.example.test/{z}/{x}/{y}.png"
PHONE = {"width": 390, "height": 844}
LOADED = """sel => Array.from(document.querySelectorAll(sel)).filter(
    e => e.complete && e.naturalWidth > 0).map(e => e.getAttribute('src'))"""


@pytest.fixture(scope="module")
def street_files(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("street-map")
    tiles = street_tiles(CHICAGO, ZOOMS)
    return {
        "mbtiles": write_mbtiles(folder / "calles.mbtiles", tiles, bounds=CHICAGO),
        "pmtiles": write_pmtiles(folder / "calles.pmtiles", tiles, bounds=CHICAGO),
    }


def zoom_to(page, z: int) -> int:
    """Ask the map for zoom ``z`` (no animation); return the zoom it settled on."""
    for _ in range(50):  # a fitBounds animation may still run: ask until it stands still
        page.evaluate(f"window.LocatorApp.state.map.setZoom({z}, {{animate: false}})")
        page.wait_for_timeout(100)
        got = page.evaluate("window.LocatorApp.state.map.getZoom()")
        if got == page.evaluate("window.LocatorApp.state.map.getMaxZoom()") or got == z:
            return got
    raise AssertionError("the map never settled")


def view(page, lat: float, lon: float, z: int) -> int:
    """Centre the map on (lat, lon) at zoom ``z`` or as close as it allows; return the zoom.

    Asked again until it holds: a search's fitBounds animation may still be running, and the
    zoom allowed at the new centre is only known once the map has moved there.
    """
    for _ in range(50):
        page.evaluate(
            f"window.LocatorApp.state.map.setView([{lat}, {lon}], {z}, {{animate: false}})"
        )
        page.wait_for_timeout(150)
        got = page.evaluate("""() => { const m = window.LocatorApp.state.map, c = m.getCenter();
            return [m.getZoom(), m.getMaxZoom(), c.lat, c.lng]; }""")
        if abs(got[2] - lat) < 1e-3 and abs(got[3] - lon) < 1e-3 and got[0] == min(z, got[1]):
            return got[0]
    raise AssertionError(f"the map never settled at {lat}, {lon}: {got}")


def press_zoom_in(page, times: int) -> None:
    """Tap "Acercar" ``times`` times, as a person would (a disabled button does nothing)."""
    for _ in range(times):
        page.click(".leaflet-control-zoom-in", force=True)
        page.wait_for_timeout(350)


def tile_zoom(src: str) -> int:
    return int(src.split("/")[-3])


def loaded_tiles(page, layer: str, zoom: int, *, timeout_ms: int = 15_000) -> list[str]:
    """Drawn tiles of ``layer`` once some of zoom ``zoom`` are there (older levels too)."""
    srcs: list[str] = []
    for _ in range(timeout_ms // 100):
        srcs = page.evaluate(LOADED, f".{layer} img.leaflet-tile")
        if any(tile_zoom(s) == zoom for s in srcs):
            return srcs
        page.wait_for_timeout(100)
    raise AssertionError(f"no z{zoom} tiles drawn in .{layer}: {srcs}")


def axe_violations(page) -> list:
    from axe_playwright_python.sync_playwright import Axe

    options = {
        "runOnly": {
            "type": "tag",
            "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
        }
    }
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3])
        for v in Axe().run(page, options=options).response["violations"]
    ]


def _local(urls: list[str], base: str) -> list[str]:
    return [
        u
        for u in urls
        if not (u.startswith(base) or u.startswith("data:") or u.startswith("file://"))
    ]


def test_bundled_map_stops_at_z6_and_says_why(browser, server):
    ctx = browser.new_context(viewport=PHONE, locale="es-MX")
    try:
        page = ctx.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(server)
        search(page, "60608")
        assert page.evaluate("window.LocatorApp.state.map.getMaxZoom()") == 6
        assert not page.is_visible("#zoom-note") or zoom_to(page, 6) == 6
        press_zoom_in(page, 12)
        assert page.evaluate("window.LocatorApp.state.map.getZoom()") == 6
        assert zoom_to(page, 12) == 6
        assert "leaflet-disabled" in page.get_attribute(".leaflet-control-zoom-in", "class")
        assert page.is_visible("#zoom-note")
        note = page.inner_text("#zoom-note")
        assert note.startswith("Para ver calles") and "borroso" in note
        srcs = loaded_tiles(page, "bundled-basemap", 6)
        assert max(tile_zoom(s) for s in srcs) == 6
        assert axe_violations(page) == []  # the note over the map: contrast, names
        assert page.locator(".user-basemap, .online-basemap").count() == 0
        page.click("#lang-toggle")
        assert page.inner_text("#zoom-note").startswith("For street detail")
        zoom_to(page, 4)
        assert not page.is_visible("#zoom-note")  # only at the limit
        assert _local(requests, server) == []  # no network URL by default
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def street_server(web_store, street_files, tmp_path_factory):
    log = tmp_path_factory.mktemp("street-server") / "server.log"
    with serve(web_store, log, extra_env={"LOCATOR_BASEMAP": str(street_files["mbtiles"])}) as b:
        yield b


def _street_checks(page) -> None:
    """At 60608, the map zooms to z13 and draws the street tiles; elsewhere it stops at z6."""
    search(page, "60608")
    assert view(page, 41.85, -87.66, 10) == 10
    assert page.evaluate("window.LocatorApp.state.map.getMaxZoom()") == 13
    press_zoom_in(page, 5)
    assert page.evaluate("window.LocatorApp.state.map.getZoom()") == 13
    assert zoom_to(page, 16) == 13
    srcs = loaded_tiles(page, "user-basemap", 13)
    assert all("tiles/user/" in s for s in srcs) and max(map(tile_zoom, srcs)) == 13
    x, y = tile_xy(-87.66, 41.85, 13)
    assert any(s.endswith(f"13/{x}/{y}.png") for s in srcs)
    assert not page.is_visible("#zoom-note")
    credit = page.inner_text(".leaflet-control-attribution")
    assert "Calles de prueba © test 1 < 2" in credit
    assert (
        page.locator(".leaflet-control-attribution img, .leaflet-control-attribution b").count()
        == 0
    )
    assert view(page, 33.75, -84.39, 12) == 6  # Atlanta: no street tiles there
    assert page.evaluate("window.LocatorApp.state.map.getMaxZoom()") == 6
    assert zoom_to(page, 12) == 6
    assert page.is_visible("#zoom-note")
    assert "cubre otra zona" in page.inner_text("#zoom-note")


def test_user_basemap_served_zooms_further(browser, street_server):
    ctx = browser.new_context(viewport=PHONE, locale="es-MX")
    try:
        page = ctx.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(street_server)
        _street_checks(page)
        assert dialogs == []
    finally:
        ctx.close()


def test_user_basemap_in_export_from_file_url(browser, web_store, street_files, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(
        cli,
        [
            "export-site",
            str(out),
            "--store",
            str(web_store),
            "--basemap",
            str(street_files["pmtiles"]),
        ],
    )
    assert result.exit_code == 0, result.output
    ctx = browser.new_context(viewport=PHONE, locale="es-MX")
    try:
        page = ctx.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto((out / "index.html").as_uri())
        _street_checks(page)
        assert _local(requests, "file://") == []
    finally:
        ctx.close()


@pytest.fixture(scope="module")
def online_server(web_store, tmp_path_factory):
    log = tmp_path_factory.mktemp("online-server") / "server.log"
    env = {
        "LOCATOR_ONLINE_TILES": ONLINE,
        "LOCATOR_ONLINE_TILES_ATTRIBUTION": "© Ejemplo <i>tiles</i>",
    }
    with serve(web_store, log, extra_env=env) as base:
        yield base


def test_online_tiles_opt_in_says_it_needs_internet(browser, online_server):
    ctx = browser.new_context(viewport=PHONE, locale="es-MX")
    asked: list[str] = []

    def answer(route) -> None:
        asked.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=street_png(14, 0, 0))

    try:
        ctx.route("https://*.tiles.example.test/**", answer)
        page = ctx.new_page()
        page.goto(online_server)
        search(page, "60608")
        assert page.evaluate("window.LocatorApp.state.map.getMaxZoom()") == 19
        assert zoom_to(page, 15) == 15
        assert page.is_visible("#zoom-note")
        assert "necesita internet" in page.inner_text("#zoom-note")
        assert loaded_tiles(page, "online-basemap", 15)  # the page's CSP lets them in
        assert asked and all("/15/" in u for u in asked[-4:])
        assert "© Ejemplo tiles" in page.inner_text(".leaflet-control-attribution")
        ctx.unroute("https://*.tiles.example.test/**")
        ctx.route("https://*.tiles.example.test/**", lambda r: r.abort())
        page.evaluate("window.LocatorApp.state.map.panBy([600, 0], {animate: false})")
        for _ in range(50):
            if page.evaluate("window.LocatorApp.state.map.getMaxZoom()") == 6:
                break
            page.wait_for_timeout(100)
        assert page.evaluate("window.LocatorApp.state.map.getZoom()") == 6
        assert "Sin internet" in page.inner_text("#zoom-note")
    finally:
        ctx.close()
