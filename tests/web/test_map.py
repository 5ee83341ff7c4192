"""The search page's map and result details in headless Chromium (review of issue 6).

Site names never become HTML (served page and file:// export), the basemap works offline,
state lines give context past the tiles' z6, co-located results share one marker, the phone
layout puts a compact map above the list, tel: links, location searches stay out of the URL.
"""

from __future__ import annotations

import urllib.parse
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import serve
from shapely.geometry import Point
from test_page import RESULTS, result_ids, search, show_site_dot, wait_answer

from geodata.schema import coerce_sites
from geodata.stores import ChangeSet
from geodata.stores.gpkg import GeoPackageStore
from locator.cli.main import cli

pytestmark = pytest.mark.browser

EVIL = "<img src=x onerror=alert(1)>"
TILES = ".leaflet-tile-pane img.leaflet-tile"


@pytest.fixture(scope="module")
def evil_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data plus a clinic in Chicago whose name is an HTML injection."""
    path = tmp_path_factory.mktemp("evil-store") / "locator.gpkg"
    store = GeoPackageStore(path)
    store.apply(
        ChangeSet(
            sites=coerce_sites(
                [
                    {
                        "id": "clinic-evil",
                        "kind": "clinic",
                        "name": EVIL,
                        "city": "Chicago",
                        "state": "IL",
                        "phone": "312-555-0100 ext. 2",
                        "location_precision": "city",
                        "illustrative": True,
                        "notes": "Solo con cita. / By appointment only.",
                        "source": "test fixture",
                        "geometry": Point(-87.6651, 41.8500),
                    }
                ]
            )
        )
    )
    return path


@pytest.fixture(scope="module")
def evil_server(evil_store: Path, tmp_path_factory: pytest.TempPathFactory):
    with serve(evil_store, tmp_path_factory.mktemp("evil-server") / "server.log") as base:
        yield base


def _no_html_from_names(page, dialogs: list[str]) -> None:
    """Hover the evil site's background dot and open its result popup: text only."""
    page.wait_for_selector("body[data-ready='true']")
    ids = search(page, "60608", kind="clinic")
    assert ids[0] == "clinic-evil"
    page.locator(".rank-marker").first.dispatch_event("click")  # opens the popup
    page.wait_for_selector(".leaflet-popup-content")
    assert EVIL in page.inner_text(".leaflet-popup-content")
    show_site_dot(page, 41.85, -87.6651)
    dots = page.locator(".leaflet-allSites-pane path.leaflet-interactive")
    for i in range(dots.count()):
        dots.nth(i).dispatch_event("mouseover")
    assert any(EVIL in text for text in page.locator(".leaflet-tooltip").all_inner_texts())
    assert EVIL in page.inner_text(RESULTS + ":first-child .pick")
    assert page.locator("img[src=x]").count() == 0
    assert page.locator("img[src='x']").count() == 0
    page.wait_for_timeout(200)
    assert dialogs == []


def test_site_names_are_text_on_served_page(page, evil_server):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(evil_server)
    _no_html_from_names(page, dialogs)


def test_site_names_are_text_in_file_export(browser, evil_store, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(
        cli, ["export-site", str(out), "--store", str(evil_store), "--no-tiles"]
    )
    assert result.exit_code == 0, result.output
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = ctx.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto((out / "index.html").as_uri())
        _no_html_from_names(page, dialogs)
    finally:
        ctx.close()


def test_result_details_tel_notes_popup(browser, evil_server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = ctx.new_page()
        page.goto(evil_server)
        search(page, "60608", kind="clinic")
        first = page.locator(RESULTS).first
        hrefs = first.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
        assert "tel:+13125550100" in hrefs  # E.164; the extension is not dialled as digits
        assert "Aviso: Solo con cita." in first.inner_text()
        page.locator(".rank-marker").first.dispatch_event("click")
        popup = page.inner_text(".leaflet-popup-content")
        assert "312-555-0100 ext. 2" in popup
        assert "ubicación aproximada" in popup.lower()
        assert "ILUSTRATIVO" in popup.upper()
        page.click("#lang-toggle")
        text = page.locator(RESULTS).first.inner_text()
        assert "Note: By appointment only." in text and "Solo con cita" not in text
    finally:
        ctx.close()


@pytest.mark.parametrize(
    ("text", "es", "en"),
    [
        ("Solo con cita. / By appointment only.", "Solo con cita.", "By appointment only."),
        ("Uno. / One. Dos. / Two.", "Uno. Dos.", "One. Two."),
        ("Sin traducción", "Sin traducción", "Sin traducción"),
        ("a / b / c", "a / b / c", "a / b / c"),
    ],
)
def test_lang_part(page, server, text, es, en):
    page.goto(server)
    page.wait_for_selector("body[data-ready='true']")
    got = [
        page.evaluate("([t, l]) => window.LocatorCore.langPart(t, l)", [text, lang])
        for lang in ("es", "en")
    ]
    assert got == [es, en]


def test_co_located_results_share_a_marker(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        page = ctx.new_page()
        page.goto(server)
        ids = search(page, "60608")
        assert set(ids[:2]) == {"consulate-chicago", "vds-chicago"}
        points = page.evaluate("""() => window.LocatorApp.state.results.map(
            r => r.site.lat.toFixed(6) + ',' + r.site.lon.toFixed(6))""")
        assert page.locator(".rank-marker").count() == len(set(points)) < len(points)
        labels = page.locator(".rank-marker .marker-rank").all_inner_texts()
        assert labels[0] == "1–2"
        assert page.locator(f"{RESULTS} .rank").all_inner_texts()[:2] == ["1", "2"]
        page.locator(".rank-marker").first.dispatch_event("click")
        popup = page.inner_text(".leaflet-popup-content")
        assert "1. " in popup and "2. " in popup
        page.locator(f"{RESULTS} .pick").nth(1).click()
        assert page.inner_text(".rank-marker.is-selected .marker-rank") == "1–2"
        # every badge fits in its pill ("10" included)
        overflow = page.eval_on_selector_all(
            ".marker-rank", "els => els.filter(e => e.scrollWidth > e.clientWidth + 1).length"
        )
        assert overflow == 0
        assert page.locator(".place-marker").count() == 1
        legend = page.inner_text(".map-legend")
        assert "Lugar buscado" in legend and "Otros sitios" in legend
    finally:
        ctx.close()


def test_zoom_is_capped_and_state_lines_drawn(page, server):
    page.goto(server)
    search(page, "Dalton, GA")
    page.wait_for_selector("path.state-line", state="attached", timeout=30_000)
    assert page.locator("path.state-line").count() > 0
    assert page.evaluate("window.LocatorApp.state.map.getMaxZoom()") == 6  # the tiles' deepest
    assert "OpenStreetMap" in page.inner_text(".leaflet-control-attribution")
    zooms: set[int] = set()
    for _ in range(100):  # a fitBounds animation may still run: ask again until at z6
        if page.evaluate("window.LocatorApp.state.map.getZoom()") != 6:
            page.evaluate("window.LocatorApp.state.map.setZoom(12, {animate: false})")
        srcs = page.eval_on_selector_all(TILES, "els => els.map(e => e.getAttribute('src'))")
        zooms |= {int(s.split("/")[2]) for s in srcs}
        if 6 in zooms:
            break
        page.wait_for_timeout(100)
    assert page.evaluate("window.LocatorApp.state.map.getZoom()") == 6  # asked 12, got 6
    assert 6 in zooms and max(zooms) == 6, zooms  # z6 tiles, never scaled up


def test_phone_layout_map_above_list_and_focus(page, server):
    page.goto(server)
    page.wait_for_selector("body[data-ready='true']")
    search(page, "60608")
    assert page.evaluate("document.activeElement.id") == "results-heading"
    map_box = page.locator("#map").bounding_box()
    list_box = page.locator(RESULTS).first.bounding_box()
    assert map_box["y"] < list_box["y"]
    assert map_box["height"] <= 0.5 * 844
    status_top = page.evaluate("document.getElementById('status').getBoundingClientRect().top")
    assert -2 <= status_top < 200  # the summary is at the top of the screen
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "skip-map"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "pick-1"


def test_location_search_keeps_coordinates_out_of_url(browser, server):
    ctx = browser.new_context(
        geolocation={"latitude": 33.749, "longitude": -84.388},
        permissions=["geolocation"],
        locale="es-MX",
    )
    try:
        page = ctx.new_page()
        page.goto(server + "?q=60608")
        wait_answer(page, 0)
        page.click("#locate")
        wait_answer(page, 1)
        assert result_ids(page)[0] in ("consulate-atlanta", "vds-atlanta")
        assert "q=" not in page.url and "33.7" not in page.url
        assert "cerca de su ubicación" in page.inner_text("#status")
        assert "33.7" not in page.inner_text("body")
        page.select_option("#kind", "vds")
        wait_answer(page, 2)
        assert result_ids(page)[0] == "vds-atlanta" and "33.7" not in page.url
        search(page, "zzqx 99999 !!")
        assert page.is_visible("#error")
        assert page.locator(".rank-marker").count() == 0
        assert page.locator(".place-marker").count() == 0
        assert "q=" not in page.url
    finally:
        ctx.close()


def test_failed_search_clears_map_and_url(page, server):
    page.goto(server + "?q=" + urllib.parse.quote("Dalton, GA"))
    wait_answer(page, 0)
    assert page.locator(".rank-marker").count() > 0
    search(page, "zzqx 99999 !!")
    assert page.locator(".rank-marker").count() == 0 and page.locator(RESULTS).count() == 0
    assert "q=" not in page.url


def test_offline_basemap_tiles_precached(page, context, server):
    page.goto(server)
    page.wait_for_selector("body[data-ready='true']")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_selector("#save-map-row:not([hidden])")
    page.wait_for_timeout(1000)
    tiles = page.evaluate("""() => caches.open('locator-tiles-v1').then(c => c.keys())
        .then(k => k.length)""")
    assert tiles < 60, "only the tiles viewed: the whole basemap waits for the person to ask"
    assert "Guardar el mapa para usarlo sin internet" in page.inner_text("#save-map")
    page.click("#save-map")
    page.wait_for_selector("body[data-precached]", state="attached", timeout=120_000)
    count = int(page.get_attribute("body", "data-precached"))
    assert count >= 250
    context.set_offline(True)
    try:
        assert page.evaluate("fetch('v1/health').then(() => false, () => true)")
        page.goto(server)
        search(page, "Dalton, GA")  # a place never viewed online
        page.wait_for_timeout(1500)
        loaded = page.eval_on_selector_all(
            TILES, "els => els.filter(e => e.complete && e.naturalWidth > 0).length"
        )
        total = page.locator(TILES).count()
        assert total > 0 and loaded == total
    finally:
        context.set_offline(False)
