"""Keyboard and screen readers (issue 15 item 6): few Tab stops before the first result
(markers are out of the tab order, the list holds every result), a name on every focusable
element, the legend folded on phones, and axe with every WCAG 2.2 AA rule (target-size too):
0 violations on the page with results, visits and a route, in both languages."""

from __future__ import annotations

import json
import urllib.parse

import pytest
from test_page import search

pytestmark = pytest.mark.browser

NAMES = """() => [...document.querySelectorAll(
  'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])')]
  .filter(e => e.offsetParent !== null || e.getClientRects().length)
  .filter(e => !(e.textContent.trim() || e.getAttribute('aria-label') || e.title ||
                 e.labels && e.labels.length || e.getAttribute('aria-labelledby')))
  .map(e => e.outerHTML.slice(0, 120))"""


def test_few_tab_stops_before_the_first_result(page, server):
    page.goto(server + "?q=60608")
    page.wait_for_selector("body[data-searches='1']", timeout=60_000)
    page.wait_for_timeout(1000)
    page.evaluate("document.activeElement.blur()")
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        stops.append(page.evaluate("document.activeElement.id || document.activeElement.className"))
        if stops[-1] == "pick-1":
            break
    assert stops[-1] == "pick-1", stops
    assert len(stops) <= 15, stops  # was 20 and more (every marker and cluster was a stop)
    assert not any("marker" in s for s in stops), stops
    assert page.evaluate(NAMES) == []


def test_legend_folds_on_phones(page, browser, server):
    page.goto(server + "?q=60608")
    page.wait_for_selector("body[data-searches='1']", timeout=60_000)
    assert page.get_attribute(".map-legend details", "open") is None
    assert page.inner_text(".map-legend summary") == "Leyenda"
    wide = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        other = wide.new_page()
        other.goto(server + "?q=60608")
        other.wait_for_selector("body[data-searches='1']", timeout=60_000)
        assert other.get_attribute(".map-legend details", "open") is not None
    finally:
        wide.close()


def test_axe_wcag22_no_violations(page, server):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(server + "?q=" + urllib.parse.quote("Dearborn, MI"))
    page.wait_for_selector("body[data-searches='1']", timeout=60_000)
    page.wait_for_selector("#visits:not([hidden])")
    page.locator("#visits-list > li").first.get_by_role("button").nth(1).click()
    page.wait_for_selector("path.route-line")
    page.locator("details.directions summary").first.click()
    options = {
        "runOnly": {
            "type": "tag",
            "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
        }
    }
    for lang in ("es", "en"):
        page.wait_for_timeout(500)
        violations = Axe().run(page, options=options).response["violations"]
        assert violations == [], f"{lang}: " + json.dumps(
            [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations], indent=1
        )
        page.click("#lang-toggle")
    search(page, "Washington")  # the choices box too
    page.wait_for_selector("#choices:not([hidden])")
    assert Axe().run(page, options=options).response["violations"] == []
