"""GET /embed/{office_id} and /embed/{office_id}/snippet: frameable by other sites, /embed only."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routers.embed import EMBED_CSP
from tests.api.conftest import _settings
from tests.api.test_maps import ESCAPED_IMG, EVIL_OFFICE, evil_client  # noqa: F401
from tests.locator.maps.helpers import EVIL_IMG, EVIL_SCRIPT, network_loads


def noscript_of(page: str) -> str:
    start = page.index("<noscript><style>")
    return page[start:page.index("</noscript>", start)]


def test_embed_page_is_responsive_offline_and_escaped(evil_client):  # noqa: F811
    r = evil_client.get("/embed/consulate-chicago?lang=en")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    page = r.text
    assert network_loads(page) == []
    assert '<meta name="viewport" content="width=device-width, initial-scale=1.0">' in page
    assert '"gestureHandling": true' in page
    noscript = noscript_of(page)
    assert ESCAPED_IMG in noscript
    assert EVIL_IMG not in page and EVIL_SCRIPT not in page


def test_embed_may_be_framed_by_any_site_and_stays_strict(client):
    r = client.get("/embed/consulate-chicago")
    assert "x-frame-options" not in r.headers
    assert r.headers["content-security-policy"] == EMBED_CSP
    assert "frame-ancestors *" in EMBED_CSP and "default-src 'none'" in EMBED_CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize("path", ["/v1/maps/office/consulate-chicago.html", "/",
                                  "/v1/nearest?lat=41.8&lon=-87.6", "/tiles/basemap/0/0/0.png"])
def test_framing_is_refused_elsewhere(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors *" not in r.headers.get("content-security-policy", "")


def test_embed_kind_filter_and_languages(client):
    all_sites = client.get("/embed/consulate-chicago").text
    clinics = client.get("/embed/consulate-chicago?kind=clinic&lang=en").text
    assert 'lang="es"' in all_sites and 'lang="en"' in clinics
    assert noscript_of(clinics).count("<li") < noscript_of(all_sites).count("<li")


def test_embed_etag_304(client):
    first = client.get("/embed/consulate-chicago?lang=es")
    again = client.get("/embed/consulate-chicago?lang=es",
                       headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304
    assert "x-frame-options" not in again.headers


def test_snippet_is_text_with_the_page_url(evil_client):  # noqa: F811
    r = evil_client.get(f"/embed/{EVIL_OFFICE}/snippet?lang=en&kind=vds")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    src = re.search(r'<iframe src="([^"]+)"', r.text).group(1)
    assert html.unescape(src) == f"http://testserver/embed/{EVIL_OFFICE}?lang=en&kind=vds"
    assert f'title="{html.escape(EVIL_SCRIPT)}"' in r.text and EVIL_SCRIPT not in r.text


def test_snippet_uses_the_configured_public_url(base_store):
    app = create_app(_settings(base_store, public_url="https://locator.example.org/"))
    with TestClient(app) as c:
        text = c.get("/embed/consulate-chicago/snippet").text
    assert 'src="https://locator.example.org/embed/consulate-chicago?lang=es"' in text


@pytest.mark.parametrize(("url", "status"), [
    ("/embed/no-such-office", 404),
    ("/embed/no-such-office/snippet", 404),
    ("/embed/vds-evil", 404),
    ("/embed/consulate-chicago?kind=castle", 400),
    ("/embed/consulate-chicago/snippet?kind=vds,clinic", 400),
    ("/embed/consulate-chicago?lang=fr", 422),
])
def test_embed_problems(evil_client, url, status):  # noqa: F811
    r = evil_client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/problem+json"


CHROMIUM = "/usr/bin/chromium"


@pytest.mark.browser
@pytest.mark.parametrize("url", ["/embed/consulate-chicago?lang=en",
                                 "/v1/maps/route/route-vds-mobile-detroit.html"])
def test_pages_render_under_their_csp_in_a_browser(client, url):
    """Headless Chromium: the page draws markers and tiles, requests nothing, breaks no CSP."""
    from pathlib import Path

    if not Path(CHROMIUM).exists():
        pytest.skip("needs Debian's chromium at /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM,
                                     args=["--no-sandbox", "--disable-gpu"])
        try:
            good = _visit(browser, client, url)
            broken = _visit(browser, client, url, csp="script-src 'none'")  # control
        finally:
            browser.close()
    assert good["requests"] == [] and good["console"] == []
    assert good["markers"] > 0 and good["tiles"] > 0
    assert any("Content Security Policy" in m for m in broken["console"])


def _visit(browser, client, url: str, csp: str | None = None) -> dict:
    origin = "http://locator.test"
    context = browser.new_context(viewport={"width": 900, "height": 700})
    page = context.new_page()
    seen: dict = {"requests": [], "console": []}
    page.on("console", lambda m: seen["console"].append(m.text))
    page.on("pageerror", lambda e: seen["console"].append(str(e)))

    def handle(route):
        if route.request.url != origin + url:
            seen["requests"].append(route.request.url)
            route.abort()
            return
        r = client.get(url)
        headers = dict(r.headers)
        for name in ("content-encoding", "content-length"):
            headers.pop(name, None)
        if csp:
            headers["content-security-policy"] = csp
        route.fulfill(status=r.status_code, headers=headers, body=r.content)

    page.route("**/*", handle)
    page.goto(origin + url)
    page.wait_for_timeout(1000)
    seen["markers"] = page.evaluate(
        "document.querySelectorAll('.leaflet-marker-icon, .leaflet-interactive').length")
    seen["tiles"] = page.evaluate("document.querySelectorAll('.leaflet-tile, canvas').length")
    context.close()
    return seen


def test_embed_is_spanish_for_an_english_browser(client):
    english = {"Accept-Language": "en-US,en;q=0.9"}
    assert '<html lang="es">' in client.get("/embed/consulate-chicago", headers=english).text
    assert 'lang="es"' in client.get("/embed/consulate-chicago/snippet", headers=english).text
    assert '<html lang="en">' in client.get("/embed/consulate-chicago?lang=en").text
