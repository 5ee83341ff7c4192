"""The search page in headless Chromium against a real server: search, language, offline,
static export from file://, accessibility (axe) and keyboard use."""

from __future__ import annotations

import json
import re
import time
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from locator.cli.main import cli

pytestmark = pytest.mark.browser

RESULTS = "#results > li"
WALK_IN = "consulate,vds,clinic"


def api_ids(base: str, q: str, *, k: int = 10, **params: str) -> list[str]:
    """The first ``k`` site ids in the order ``GET /v1/nearest`` gives them.

    Asks for 2k: the API's k-d tree picks an arbitrary member of a group of equidistant
    sites (co-located consulate and VDS) that straddles the k-th place, while within its
    answer it orders ties by dataset position, as the page does. Without ``kind``: the
    kinds people walk into (the page never ranks mobile units, see test_mobile.py).
    """
    params.setdefault("kind", WALK_IN)
    query = urllib.parse.urlencode({"q": q, "limit": 2 * k, **params})
    with urllib.request.urlopen(f"{base}v1/nearest?{query}", timeout=30) as response:
        return [f["id"] for f in json.load(response)["features"]][:k]


def result_ids(page) -> list[str]:
    return page.eval_on_selector_all(RESULTS, "els => els.map(e => e.dataset.siteId)")


def search(page, q: str, *, kind: str = "", service: str = "") -> list[str]:
    """Type ``q``, choose filters, submit, wait for the page to answer; return result ids."""
    page.wait_for_selector("body[data-ready='true']")
    before = int(page.get_attribute("body", "data-searches") or 0)
    page.select_option("#kind", kind)
    page.select_option("#service", service)
    page.fill("#search-input", q)
    page.click("#search-form button[type=submit]")
    wait_answer(page, before)
    return result_ids(page)


SPIDERFY = """([lat, lon]) => { const st = window.LocatorApp.state;
    const dot = st.allSites.getLayers().find(
        l => l.getLatLng().lat === lat && l.getLatLng().lng === lon);
    const parent = st.allSites.getVisibleParent(dot);
    if (parent && parent !== dot) { parent.spiderfy(); }
    return !!dot; }"""


def show_site_dot(page, lat: float, lon: float) -> None:
    """Show the background dot of the site at (lat, lon): the map held at its deepest zoom
    (z6), the dot's cluster spread out as a tap on it at that zoom does."""
    for _ in range(60):
        page.evaluate(f"window.LocatorApp.state.map.setView([{lat}, {lon}], 6, {{animate: false}})")
        page.wait_for_timeout(150)
        still = page.evaluate("""() => { const m = window.LocatorApp.state.map;
            return m.getZoom() === 6 && !m._animatingZoom; }""")
        if still:
            break
    assert page.evaluate(SPIDERFY, [lat, lon])
    page.wait_for_timeout(700)


def wait_answer(page, before: int, timeout: float = 60.0) -> None:
    """Wait until the page has answered a search started after ``before`` answers.

    Polls attributes from Python: ``wait_for_function`` would evaluate a string, which the
    page's Content-Security-Policy (no 'unsafe-eval') rightly refuses.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = int(page.get_attribute("body", "data-searches") or 0)
        if done > before and page.get_attribute("body", "data-busy") == "false":
            return
        page.wait_for_timeout(50)
    raise AssertionError(f"no answer within {timeout}s")


def test_zip_search_lists_chicago_vds_first(page, server):
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(server)
    ids = search(page, "60608", kind="vds")
    assert ids[0] == "vds-chicago"
    first_source = page.evaluate("window.LocatorApp.state.source")  # api or local
    assert (
        page.locator(f"{RESULTS} .pick")
        .first.inner_text()
        .endswith("Ventanilla de Salud — Consulado de México en Chicago")
    )
    assert all(i.startswith("vds-") for i in ids)
    ids = search(page, "60608")
    assert set(ids[:2]) == {"consulate-chicago", "vds-chicago"}
    assert ids == api_ids(server, "60608")
    page.evaluate("window.LocatorApp.loadGazetteer().then(() => true)")
    assert search(page, "60608", kind="vds")[0] == "vds-chicago"
    assert page.evaluate("window.LocatorApp.state.source") == "local"
    assert first_source in ("api", "local")
    status = page.locator("#status").inner_text()
    assert status.startswith(f"{len(ids)} resultados cerca de 60608 Chicago, IL")
    assert problems == []  # no script errors, no CSP violations


def test_result_shows_distance_precision_and_actions(page, server):
    page.goto(server + "?q=60608&kind=vds")
    page.wait_for_selector("body[data-searches='1']", timeout=60_000)
    first = page.locator(RESULTS).first
    text = first.inner_text()
    assert " km (" in text and " mi)" in text
    assert "ubicación aproximada: código postal" in text
    hrefs = first.locator("a").evaluate_all("els => els.map(a => a.getAttribute('href'))")
    schemes = {h.split(":", 1)[0] for h in hrefs}
    phone = page.evaluate("window.LocatorApp.state.results[0].site.phone")
    assert {"geo", "sms", "https"} | ({"tel"} if phone else set()) <= schemes
    assert any(h.startswith("https://wa.me/?text=") for h in hrefs)
    assert any(h.startswith("https://www.openstreetmap.org/directions?") for h in hrefs)
    points = page.evaluate(
        "window.LocatorApp.state.results.map(r => r.site.lat + ',' + r.site.lon)"
    )
    assert page.locator(".leaflet-marker-icon.rank-marker").count() == len(set(points))
    assert "OpenStreetMap" in page.locator(".leaflet-control-attribution").inner_text()
    page.locator(f"{RESULTS} .pick").nth(1).click()
    assert "is-selected" in (page.locator(RESULTS).nth(1).get_attribute("class") or "")
    selected = page.locator(".rank-marker.is-selected .marker-rank")
    assert "2" in selected.inner_text()  # "2", or "1–2" when 1 and 2 share a point
    page.locator(".rank-marker").last.dispatch_event("click")
    last = page.locator(".rank-marker").last.inner_text()
    first_rank = int(last.replace("–", ",").split(",")[0])
    item = page.locator(RESULTS).nth(first_rank - 1)
    assert "is-selected" in (item.get_attribute("class") or "")
    link = page.get_attribute("#permalink-link", "href")
    assert urllib.parse.parse_qs(link.lstrip("?")) == {"q": ["60608"], "kind": ["vds"]}


def test_language_toggle_and_memory(page, server):
    page.goto(server + "?q=60608")
    page.wait_for_selector("body[data-searches='1']", timeout=60_000)
    assert page.get_attribute("html", "lang") == "es"
    assert page.inner_text("#search-form button[type=submit]") == "Buscar"
    page.click("#lang-toggle")
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("#search-form button[type=submit]") == "Search"
    assert page.inner_text("#locate") == "Use my location"
    assert "results near 60608 Chicago, IL" in page.inner_text("#status")
    assert "Mexican consulate" in page.locator(RESULTS).first.inner_text()
    page.reload()
    page.wait_for_selector("body[data-ready='true']")
    assert page.get_attribute("html", "lang") == "en"  # remembered in localStorage
    page.click("#lang-toggle")
    assert page.get_attribute("html", "lang") == "es"
    assert page.inner_text("label[for=search-input]").startswith("Código postal")


def test_offline_after_first_visit(page, context, server):
    expected = api_ids(server, "Dalton, GA")
    page.goto(server)
    page.wait_for_selector("body[data-ready='true']")
    assert page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_selector("body[data-ready='true']")
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    page.wait_for_selector(".leaflet-tile-loaded")
    viewed = page.get_attribute(".leaflet-tile-loaded", "src")  # a tile seen online
    context.set_offline(True)
    try:
        failed = page.evaluate("fetch('v1/health').then(() => false, () => true)")
        assert failed, "the network must be unreachable in this test"
        page.goto(server + "?q=" + urllib.parse.quote("Dalton, GA"))  # page from the SW cache
        wait_answer(page, 0)
        assert result_ids(page) == expected
        assert page.evaluate("window.LocatorApp.state.source") == "local"
        assert "Sin conexión" in page.inner_text("#status")
        ms = page.evaluate("window.LocatorApp.state.firstResultAt")
        print(f"offline cold load + search 'Dalton, GA': first result at {ms:.0f} ms")
        assert search(page, "60608", kind="vds")[0] == "vds-chicago"
        cached = page.evaluate(
            "u => fetch(u).then(r => r.ok && r.headers.get('content-type'))", viewed
        )
        assert cached == "image/png", "map tiles viewed online are cached for offline use"
    finally:
        context.set_offline(False)


def test_static_export_works_from_file_url(browser, web_store, tmp_path):
    out = tmp_path / "site"
    result = CliRunner().invoke(cli, ["export-site", str(out), "--store", str(web_store)])
    assert result.exit_code == 0, result.output
    ctx = browser.new_context(viewport={"width": 390, "height": 844}, offline=True)
    blocked: list[str] = []

    def block(route) -> None:
        blocked.append(route.request.url)
        route.abort()

    ctx.route("http://*/**", block)
    ctx.route("https://*/**", block)
    try:
        page = ctx.new_page()
        page.goto((out / "index.html").as_uri() + "?q=60608")
        page.wait_for_selector("body[data-searches='1']", timeout=60_000)
        ids = result_ids(page)
        assert set(ids[:2]) == {"consulate-chicago", "vds-chicago"}
        assert search(page, "Nueva York", kind="consulate")[0] == "consulate-new-york"
        assert blocked == []
        page.wait_for_selector(".leaflet-tile-loaded")  # basemap tiles copied into the folder
        assert page.get_attribute(".leaflet-tile-loaded", "src").startswith("tiles/")
        # the folder's own <meta> policy is enforced: injected inline script never runs
        ran = page.evaluate("""() => new Promise(done => {
            document.addEventListener('securitypolicyviolation', () => done('blocked'));
            const s = document.createElement('script');
            s.textContent = 'window.__inline = 1';
            document.head.appendChild(s);
            setTimeout(() => done(window.__inline ? 'ran' : 'blocked'), 500);
        })""")
        assert ran == "blocked"
    finally:
        ctx.close()


def test_axe_no_serious_violations(page, server):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server + "?q=60608")
    page.wait_for_selector("body[data-searches='1']", timeout=60_000)
    page.locator(f"{RESULTS} details").first.locator("summary").click()
    for lang in ("es", "en"):
        results = Axe().run(page)
        bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
        assert bad == [], f"{lang}: " + json.dumps(
            [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in bad], indent=1
        )
        page.click("#lang-toggle")


def test_keyboard_only(page, server):
    page.goto(server)
    page.wait_for_selector("body[data-ready='true']")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    focused = []
    for _ in range(4):
        page.keyboard.press("Tab")
        focused.append(page.evaluate("document.activeElement.id"))
    assert focused[:2] == ["lang-toggle", "search-input"]
    page.focus("#search-input")
    page.keyboard.type("60608")
    page.keyboard.press("Enter")
    page.wait_for_selector("body[data-searches='1']", timeout=60_000)
    assert page.evaluate("document.activeElement.id") == "results-heading"  # the summary
    page.keyboard.press("Tab")  # phone layout: the map comes first, with a skip link
    assert page.evaluate("document.activeElement.id") == "skip-map"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "pick-1"
    page.keyboard.press("Enter")
    assert "is-selected" in (page.locator(RESULTS).first.get_attribute("class") or "")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus must be visible"


def test_served_page_has_strict_csp(server):
    with urllib.request.urlopen(server, timeout=30) as response:
        csp = response.headers["content-security-policy"]
        html = response.read().decode()
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert not re.search(r"<[^>]+\son\w+\s*=", html), "no inline event handlers"
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "no inline scripts"
    assert not re.search(r"\sstyle\s*=", html), "no inline styles"


def test_use_my_location(browser, server):
    ctx = browser.new_context(
        geolocation={"latitude": 33.749, "longitude": -84.388}, permissions=["geolocation"]
    )
    try:
        page = ctx.new_page()
        page.goto(server)
        page.wait_for_selector("body[data-ready='true']")
        page.click("#locate")
        wait_answer(page, 0)
        assert page.input_value("#search-input") == ""  # no coordinates on screen or in URL
        assert "33.7" not in page.url and "q=" not in page.url
        assert result_ids(page) == api_ids(server, "33.749, -84.388")  # rounded: ~100 m
        assert result_ids(page)[0] in ("consulate-atlanta", "vds-atlanta")
    finally:
        ctx.close()
