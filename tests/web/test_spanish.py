"""Spanish everywhere on the Spanish page (issue 15 item 4): a walk over every text node and
every name-giving attribute of the Spanish DOM finds no English word, after a search, an open
popup, a tooltip and open details; the same walk on the English page finds them (the check can
fail). Place labels ("Nueva York", "Nuevo México", "Carolina del Norte"), site names, Leaflet's
controls and the attribution are Spanish."""

from __future__ import annotations

import urllib.parse

import pytest
from test_page import RESULTS, search, show_site_dot

from tests.spanish_words import ENGLISH

pytestmark = pytest.mark.browser

WALK = """() => {
  const out = [];
  const other = el => { const l = el.closest('[lang]');  // a part marked as English
    return l && l !== document.documentElement && l.lang.startsWith('en'); };
  const skip = el => other(el) || el.closest('[translate="no"], script, style, noscript');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n.parentElement && !skip(n.parentElement) && n.textContent.trim()) {
      out.push(n.textContent.trim());
    }
  }
  for (const el of document.body.querySelectorAll('[title], [aria-label], [alt], [placeholder]')) {
    if (skip(el)) continue;
    for (const a of ['title', 'aria-label', 'alt', 'placeholder']) {
      if (el.getAttribute(a)) out.push(el.getAttribute(a));
    }
  }
  out.push(document.title);
  return out;
}"""


def english_words(page) -> list[tuple[str, str]]:
    return [(m.group(0), text) for text in page.evaluate(WALK) for m in ENGLISH.finditer(text)]


def _exercise(page) -> None:
    """Open what a visitor opens: a result's details, a marker popup, a background tooltip."""
    page.locator(f"{RESULTS} details summary").first.click()
    lat, lon = page.evaluate("""() => { const s = window.LocatorApp.state.results[0].site;
        return [s.lat, s.lon]; }""")
    show_site_dot(page, lat, lon)
    page.locator(".leaflet-allSites-pane path.leaflet-interactive").first.dispatch_event(
        "mouseover"
    )
    page.wait_for_selector(".leaflet-tooltip")
    page.locator(".rank-marker").first.dispatch_event("click")
    page.wait_for_selector(".leaflet-popup-content")


def test_spanish_dom_has_no_english(page, server):
    page.goto(server + "?q=" + urllib.parse.quote("Nueva York"))
    page.wait_for_selector("body[data-searches='1']", timeout=60_000)
    assert page.get_attribute("html", "lang") == "es"
    assert "cerca de Nueva York, NY" in page.inner_text("#status")
    assert "Consulado de México en Nueva York" in page.inner_text(RESULTS + ":first-child")
    _exercise(page)
    assert page.get_attribute(".leaflet-control-zoom-in", "title") == "Acercar"
    assert page.get_attribute(".leaflet-control-zoom-out", "title") == "Alejar"
    assert page.get_attribute(".leaflet-popup-close-button", "aria-label") == "Cerrar"
    assert "© colaboradores de OpenStreetMap" in page.inner_text(".leaflet-control-attribution")
    assert english_words(page) == [], english_words(page)
    search(page, "Nuevo México")
    assert "cerca de Nuevo México" in page.inner_text("#status")
    search(page, "NC")
    assert "cerca de Carolina del Norte" in page.inner_text("#status")
    search(page, "Chicaco")  # error and choices
    assert english_words(page) == [], english_words(page)


def test_english_page_is_english_and_the_walk_can_fail(page, server):
    page.goto(server + "?q=" + urllib.parse.quote("Nueva York"))
    page.wait_for_selector("body[data-searches='1']", timeout=60_000)
    page.click("#lang-toggle")
    assert page.get_attribute("html", "lang") == "en"
    _exercise(page)
    found = {w.lower() for w, _ in english_words(page)}
    assert {"zoom", "contributors", "near", "new york", "close"} <= found
    assert "near New York, NY" in page.inner_text("#status")
    assert page.get_attribute(".leaflet-popup-close-button", "aria-label") == "Close"
    page.click("#lang-toggle")  # back: the same walk is clean again
    page.wait_for_selector(".leaflet-popup", state="detached")  # closed (200 ms fade)
    assert english_words(page) == [], english_words(page)


def test_hours_are_said_in_the_page_language(page, server):
    """Sources write hours in English ("Mon-Fri 8:00-17:00 (appointment)"): the Spanish page
    says the days and words in Spanish, the English page shows them as the source wrote them."""
    page.goto(server + "?q=60608&kind=consulate")
    page.wait_for_selector("body[data-searches='1']", timeout=60_000)
    page.locator(f"{RESULTS} details summary").first.click()
    first = page.locator(RESULTS + ":first-child .hours")
    assert "lun-vie 8:00-17:00 (con cita)" in first.inner_text()
    assert english_words(page) == [], english_words(page)
    page.click("#lang-toggle")
    assert "Mon-Fri 8:00-17:00 (appointment)" in first.inner_text()
