"""Phone screenshots (390x844) of the search page for docs/img/ (issue 15).

Runs the API and page on a temporary copy of the bundled data, drives Debian's Chromium and
writes ``docs/img/page-*.png``. Usage: ``PYTHONPATH=. python scripts/page_screenshots.py``
(``... page_screenshots.py basemap``: only the two map-zoom shots, ``page-zoom-limit.png``, the
bundled map held at z6 with its note, and ``page-street-basemap.png``, the same search with a
street basemap given by ``LOCATOR_BASEMAP``: the synthetic street-grid MBTiles of the tests,
since no real street extract ships with the project).
"""

from __future__ import annotations

import sys
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "web"))
sys.path.insert(0, str(ROOT))

from conftest import serve  # noqa: E402
from tests.browser import CHROMIUM_ARGS  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from geodata.stores.gpkg import GeoPackageStore  # noqa: E402
from tests.fixtures.street_tiles import CHICAGO, street_tiles, write_mbtiles  # noqa: E402

OUT = ROOT / "docs" / "img"


def _wait(page, n: int) -> None:
    page.wait_for_selector(f"body[data-searches='{n}'][data-busy='false']", timeout=60_000)


def _settle(page, lat: float, lon: float, z: int) -> None:
    for _ in range(40):
        page.evaluate(f"window.LocatorApp.state.map.setView([{lat}, {lon}], {z}, "
                      "{animate: false})")
        page.wait_for_timeout(200)
        zoom, top, clat, clon = page.evaluate("""() => { const m = window.LocatorApp.state.map;
            return [m.getZoom(), m.getMaxZoom(), m.getCenter().lat, m.getCenter().lng]; }""")
        if zoom == min(z, top) and abs(clat - lat) < 0.05 and abs(clon - lon) < 0.05:
            break
    page.evaluate("document.getElementById('map').scrollIntoView({block: 'start'})")
    for _ in range(100):  # until every tile of the top layer has drawn
        pending = page.evaluate("""() => Array.from(document.querySelectorAll(
            '.leaflet-layer:last-of-type img.leaflet-tile')).filter(
            i => !(i.complete && i.naturalWidth > 0)).length""")
        if not pending:
            break
        page.wait_for_timeout(200)
    page.wait_for_timeout(1000)


def basemap_shots(tmp: Path) -> None:
    """The map at its limit (bundled z6, with the note) and with a street basemap (z13)."""
    streets = write_mbtiles(tmp / "calles.mbtiles", street_tiles(CHICAGO, range(7, 14)),
                            bounds=CHICAGO, attribution="Calles de prueba (sintéticas)")
    for name, env, zoom in (("page-zoom-limit.png", {}, 12),
                            ("page-street-basemap.png", {"LOCATOR_BASEMAP": str(streets)}, 13)):
        with serve(tmp / "s.gpkg", tmp / f"{name}.log", extra_env=env) as base, \
                sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 390, "height": 844}, locale="es-MX")
            page.goto(base + "?q=60608")
            _wait(page, 1)
            _settle(page, 41.85, -87.66, zoom)
            page.screenshot(path=OUT / name)
            browser.close()


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    GeoPackageStore(tmp / "s.gpkg")
    OUT.mkdir(parents=True, exist_ok=True)
    if sys.argv[1:] == ["basemap"]:
        basemap_shots(tmp)
        return
    with serve(tmp / "s.gpkg", tmp / "log") as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 390, "height": 844}, locale="es-MX")
        page.goto(base + "?q=" + urllib.parse.quote("Dearborn, MI"))
        _wait(page, 1)
        page.wait_for_timeout(1500)
        page.screenshot(path=OUT / "page-results.png")
        page.wait_for_selector("#visits:not([hidden])")
        page.locator("#visits-list > li").first.get_by_role("button").nth(1).click()
        page.wait_for_timeout(800)
        page.locator("#visits").scroll_into_view_if_needed()
        page.evaluate("document.getElementById('visits').scrollIntoView({block: 'start'})")
        page.wait_for_timeout(300)
        page.screenshot(path=OUT / "page-visits.png")
        page.evaluate("document.getElementById('map').scrollIntoView({block: 'start'})")
        page.wait_for_timeout(800)
        page.screenshot(path=OUT / "page-route.png")
        page.goto(base + "?q=Washington")
        _wait(page, 1)
        page.wait_for_selector("#choices:not([hidden])")
        page.screenshot(path=OUT / "page-choices.png")
        browser.close()
    basemap_shots(tmp)
    print("\n".join(str(p) for p in sorted(OUT.glob("page-*.png"))))


if __name__ == "__main__":
    main()
