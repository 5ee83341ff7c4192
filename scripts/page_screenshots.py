"""Phone screenshots (390x844) of the search page for docs/img/ (issue 15).

Runs the API and page on a temporary copy of the bundled data, drives Debian's Chromium and
writes ``docs/img/page-*.png``. Usage: ``PYTHONPATH=. python scripts/page_screenshots.py``.
"""

from __future__ import annotations

import sys
import tempfile
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "web"))

from conftest import CHROMIUM_ARGS, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from geodata.stores.gpkg import GeoPackageStore  # noqa: E402

OUT = ROOT / "docs" / "img"


def _wait(page, n: int) -> None:
    page.wait_for_selector(f"body[data-searches='{n}'][data-busy='false']", timeout=60_000)


def main() -> None:
    tmp = Path(tempfile.mkdtemp())
    GeoPackageStore(tmp / "s.gpkg")
    OUT.mkdir(parents=True, exist_ok=True)
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
    print("\n".join(str(p) for p in sorted(OUT.glob("page-*.png"))))


if __name__ == "__main__":
    main()
