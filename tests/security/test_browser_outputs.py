"""In headless Chromium: hostile text is shown as text and never runs, in every HTML output.

Each page is opened with the network cut; every "show on the map" button of the list is
pressed (popups are built then), and the page must show a template payload literally, run no
payload script (``window.__pwned`` stays unset), open no dialog and log no script error.
"""

from __future__ import annotations

import pytest

from tests.locator.maps.helpers import Visit
from tests.security.conftest import run_cli
from tests.security.test_html_outputs import CLI_MAPS
from tests.web.conftest import serve
from tests.web.test_page import search

pytestmark = pytest.mark.browser

SHOWN = '{{ "PWN" ~ "ED1" }} ·name0'
COMMENT = 'A{# "PWN" ~ "ED3" #}B'


def _open_page(browser, *, width: int, height: int, offline: bool = False):
    """``(context, page, dialogs, errors)``: a fresh page recording dialogs and script errors."""
    context = browser.new_context(viewport={"width": width, "height": height}, offline=offline)
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(str(e)))
    return context, page, dialogs, errors


def _press_every_list_button(page) -> int:
    buttons = page.locator("button[data-layer]")
    count = buttons.count()
    for i in range(count):
        buttons.nth(i).click()
        page.wait_for_timeout(30)
    return count


def _assert_payloads_inert(page, dialogs: list[str], errors: list[str]) -> None:
    assert page.evaluate("() => window.__pwned === undefined"), "a payload script ran"
    assert page.locator("#pwnb").count() == 0, "payload markup became an element"
    assert dialogs == []
    assert [e for e in errors if "Content Security Policy" not in e] == []


@pytest.mark.parametrize("name", ["map-near", "map-office", "embed", "map-route"])
def test_map_pages_show_payloads_as_text(name, browser, payload_store, tmp_path):
    out = tmp_path / f"{name}.html"
    run_cli(*CLI_MAPS[name], "-o", str(out), "--store", str(payload_store))
    visit = Visit(browser, out, width=1100, height=750)
    try:
        pressed = _press_every_list_button(visit.page)
        body = visit.page.inner_text("body")
        if name == "map-route":
            assert '{{ "PWN" ~ "ED1" }} ·stop0' in body
        else:
            assert pressed > 10 and SHOWN in body and COMMENT in body
            item = visit.page.locator("li", has_text="·name0").first
            item.locator("button[data-layer]").click()
            popup = visit.page.locator(".leaflet-popup-content", has_text="·name0")
            popup.wait_for(timeout=10_000)
            assert SHOWN in popup.inner_text()  # the popup, built in the browser, shows text
        _assert_payloads_inert(visit.page, visit.dialogs, visit.errors)
        assert visit.requests == []
    finally:
        visit.context.close()


def test_search_page_shows_payloads_as_text(browser, payload_store, tmp_path):
    with serve(payload_store, tmp_path / "server.log") as base:
        context, page, dialogs, errors = _open_page(browser, width=390, height=844)
        try:
            page.goto(base)
            ids = search(page, "60608", kind="clinic")
            assert len(ids) >= 5
            text = page.inner_text("#results")
            assert "·name" in text and ("PWN" in text or "<img src=x" in text)
            links = page.eval_on_selector_all("#results a[href]", "as => as.map(a => a.href)")
            assert not [h for h in links if h.lower().startswith(("javascript:", "data:"))]
            assert not [h for h in links if h in ("tel:5", "tel:31255500009")]
            _assert_payloads_inert(page, dialogs, errors)
        finally:
            context.close()


def test_exported_site_from_file_url_shows_payloads_as_text(browser, payload_store, tmp_path):
    out = tmp_path / "site"
    run_cli("export-site", str(out), "--no-tiles", "--store", str(payload_store))
    context, page, dialogs, errors = _open_page(browser, width=390, height=844, offline=True)
    try:
        page.goto((out / "index.html").as_uri())
        assert len(search(page, "60608", kind="clinic")) >= 5
        assert "·name" in page.inner_text("#results")
        _assert_payloads_inert(page, dialogs, errors)
    finally:
        context.close()


def test_coverage_map_shows_payloads_as_text(browser, payload_store, tmp_path):
    out = tmp_path / "gaps"
    run_cli("gaps", "--kind", "clinic", "-o", str(out), "--store", str(payload_store))
    context, page, dialogs, errors = _open_page(browser, width=1100, height=750, offline=True)
    try:
        page.goto((out / "coverage_map.html").as_uri())
        page.wait_for_selector(".leaflet-interactive", timeout=30_000)
        tips = page.evaluate("""() => { const out = [];
            document.querySelectorAll('.leaflet-interactive').forEach(() => {});
            for (const k of Object.keys(window)) { const m = window[k];
              if (m && m._layers) { Object.values(m._layers).forEach(l => {
                if (l.getTooltip && l.getTooltip()) { const t = l.getTooltip();
                  const c = t._content;
                  out.push(typeof c === 'string' ? c : (c && c.textContent) || ''); } }); } }
            return out; }""")
        assert any(SHOWN.split(" ·")[0] in t for t in tips), "no site tooltip shows the payload"
        _assert_payloads_inert(page, dialogs, errors)
    finally:
        context.close()
