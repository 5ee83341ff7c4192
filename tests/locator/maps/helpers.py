"""Shared checks for the maps tests."""

from __future__ import annotations

import re

import numpy as np
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from shapely.geometry import Point

from geodata.schema import coerce_sites

LOAD_PATTERNS = {
    "external script": r"<script[^>]*\bsrc\s*=",
    "stylesheet link": r"<link[^>]*\bhref\s*=",
    "media src": r"<(?:img|iframe|source|video|audio|embed|object)\b[^>]*\b(?:src|srcset|data)\s*="
    r"\s*[\"']?(?:https?:)?//",
    "css url()": r"url\(\s*[\"']?(?:https?:)?//",
    "css @import": r"@import",
    "tile URL template": r"[\"'](?:https?:)?//[^\"']*\{z\}",
}


def network_loads(page: str) -> list[str]:
    """Every construct in ``page`` that would make a browser load a network resource.

    ``<a href>`` navigation links (OpenStreetMap copyright, official pages) are not loads.
    """
    found = []
    for what, pattern in LOAD_PATTERNS.items():
        for m in re.finditer(pattern, page, re.IGNORECASE):
            found.append(f"{what}: {page[max(0, m.start() - 40) : m.end() + 60]!r}")
    return found


EVIL_IMG = "<img src=x onerror=alert(1)>"
EVIL_SCRIPT = '"><script>alert(1)</script>'


def make_sites(n: int, *, seed: int = 0, kinds=("consulate", "vds", "vds_mobile", "clinic")):
    """``n`` synthetic sites around the US (illustrative, never real)."""
    rng = np.random.default_rng(seed)
    lon = rng.uniform(-122, -72, n)
    lat = rng.uniform(26, 47, n)
    rows = [
        {
            "id": f"s{i}",
            "kind": kinds[i % len(kinds)],
            "name": f"Sitio {i}",
            "street_address": f"{100 + i} Main St",
            "city": f"City {i % 97}",
            "state": ["IL", "CA", "TX", "NY", "GA"][i % 5],
            "postal_code": f"{10000 + i % 89999:05d}",
            "phone": "+1 (312) 555-0100",
            "services": ["vaccines", "screening_hiv"],
            "hours": "L-V 9-17",
            "location_precision": ["address", "city", "postal_code"][i % 3],
            "source": "synthetic test data",
            "source_date": "2024-01-01",
            "illustrative": True,
            "geometry": Point(lon[i], lat[i]),
        }
        for i in range(n)
    ]
    return coerce_sites(rows)


STILL = """() => { const m = window[document.querySelector('.folium-map').id];
  return !m._animatingZoom && !(m._panAnim && m._panAnim._inProgress)
    && !m._container.classList.contains('leaflet-zoom-anim'); }"""


def open_popup(page, marker, popup: str = ".leaflet-popup-content", *, tries: int = 3):
    """Click ``marker`` once the map has no zoom or pan animation running; the popup, once shown.

    On a loaded machine a click during the opening animation can still land beside the
    marker, so the click is repeated (``tries`` times) until the popup shows.
    """
    shown = page.locator(popup)
    for attempt in range(tries):
        page.wait_for_function(STILL, timeout=30_000)
        marker.click()
        try:
            shown.first.wait_for(timeout=5_000)
            return shown
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise
    return shown


class Visit:
    """An offline page visit (headless Chromium) recording errors, attempted requests, dialogs."""

    def __init__(
        self, browser, path, *, width: int = 1100, height: int = 750, mobile: bool = False
    ):
        self.context = browser.new_context(
            offline=True,
            viewport={"width": width, "height": height},
            is_mobile=mobile,
            has_touch=mobile,
        )
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route(re.compile(r"^https?://"), self._block)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.goto(path.as_uri())
        self.page.wait_for_function(
            "() => window.LocatorMaps && LocatorMaps.readyAt", timeout=30_000
        )

    def _block(self, route):
        self.requests.append(route.request.url)
        route.abort()

    def map_eval(self, body: str):
        """Evaluate ``body`` (a JS function of the Leaflet map ``m``) in the page."""
        return self.page.evaluate(
            f"() => {{ const m = window[document.querySelector('.folium-map').id]; {body} }}"
        )

    def open_popup(self, marker, popup: str = ".leaflet-popup-content"):
        """Click ``marker`` once the map is still; the popup's locator, once visible."""
        return open_popup(self.page, marker, popup)

    def assert_clean(self):
        assert self.errors == []
        assert self.requests == []
        assert self.dialogs == []
        assert self.page.locator(".leaflet-tile-pane img").count() > 0
