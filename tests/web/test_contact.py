"""Contact and directions (issue 15 item 5): call buttons only for sourced phones, the national
lines (CIAM, MEXITEL) otherwise, never "Tel. —"; directions in Google Maps, Apple Maps and
OpenStreetMap (walking, transit, car) marked as needing internet, plus geo:; the subtitle and
the filters promise only what the data holds."""

from __future__ import annotations

import urllib.parse

import pytest
from test_map import evil_server, evil_store  # noqa: F401 (fixtures)
from test_page import RESULTS, search

from locator.present import national_lines

pytestmark = pytest.mark.browser


def _sites(page) -> list[dict]:
    return page.evaluate("""() => window.LocatorApp.state.results.map(r => ({
        id: r.site.id, phone: r.site.phone, fallback: r.site.contact_fallback}))""")


def test_call_buttons_and_national_lines(page, server):
    page.goto(server)
    search(page, "Atlanta, GA")
    sites = _sites(page)
    assert any(s["fallback"] for s in sites) and any(not s["fallback"] for s in sites)
    lines = national_lines("es")
    for i, site in enumerate(sites):
        item = page.locator(RESULTS).nth(i)
        hrefs = item.locator("a.call").evaluate_all("els => els.map(a => a.href)")
        text = item.inner_text()
        assert "Tel. —" not in text
        if site["fallback"]:
            assert "no tiene un teléfono con fuente pública" in text
            assert hrefs == [f"tel:{line['tel']}" for line in lines]
            assert all(line["name"] in text for line in lines)
        else:
            assert len(hrefs) == 1 and hrefs[0].startswith("tel:")
            assert hrefs[0].endswith("".join(c for c in site["phone"] if c.isdigit())[-7:])
            assert "Puede llamar a" not in text
    share = page.locator(RESULTS).first.locator("a[href^='sms:']").get_attribute("href")
    assert "Tel. —" not in urllib.parse.unquote(share) and "—%20" not in share


def test_directions_need_internet_and_geo(page, server):
    page.goto(server)
    search(page, "60608")
    item = page.locator(RESULTS).first
    summary = item.locator("details.directions summary")
    assert summary.inner_text() == "Cómo llegar (necesita internet)"
    summary.click()
    links = item.locator("a.dir-link").evaluate_all(
        "els => els.map(a => [a.dataset.mode, a.textContent, a.href])")
    modes = {(m, name) for m, name, _ in links}
    assert {("dir_walk", "Google Maps"), ("dir_walk", "Apple Maps"),
            ("dir_walk", "OpenStreetMap"), ("dir_transit", "Google Maps"),
            ("dir_transit", "Apple Maps"), ("dir_car", "Google Maps"), ("dir_car", "Apple Maps"),
            ("dir_car", "OpenStreetMap")} == modes
    site = page.evaluate("window.LocatorApp.state.results[0].site")
    for _, _, href in links:
        assert f"{site['lat']}" in urllib.parse.unquote(href)
    assert any("travelmode=transit" in h for *_, h in links)
    assert any("dirflg=w" in h for *_, h in links)
    assert any("engine=fossgis_osrm_foot" in h for *_, h in links)
    geo = item.locator("a[href^='geo:']")
    assert geo.count() == 1 and geo.inner_text() == "Abrir en la app de mapas del teléfono"


def test_page_promises_only_what_the_data_holds(page, server):
    page.goto(server)
    page.wait_for_selector("body[data-ready='true']")
    subtitle = page.inner_text(".subtitle")
    kinds = set(page.evaluate("window.LocatorApp.state.sites.map(s => s.kind)"))
    assert "clinic" not in kinds and "clínicas" not in subtitle
    assert subtitle.startswith(
        "Consulados de México, Ventanillas de Salud (VDS) y unidades móviles")
    options = page.eval_on_selector_all("#kind option", "os => os.map(o => o.value)")
    assert set(options) == {""} | (kinds - {"vds_mobile"})
    services = set(page.evaluate(
        "[].concat(...window.LocatorApp.state.sites.map(s => s.services))"))
    assert set(page.eval_on_selector_all("#service option", "os => os.map(o => o.value)")) == (
        {""} | services)
    assert page.is_hidden("#language-filter")  # no site lists its languages


def test_clinics_named_when_imported(page, evil_server):  # noqa: F811 (the fixture)
    page.goto(evil_server)
    page.wait_for_selector("body[data-ready='true']")
    assert "clínicas comunitarias" in page.inner_text(".subtitle")
    assert "clinic" in page.eval_on_selector_all("#kind option", "os => os.map(o => o.value)")


def test_santa_ana_shows_the_national_lines(page, server):
    """Santa Ana's consulate has no sourced phone: the page offers CIAM and MEXITEL instead."""
    page.goto(server)
    search(page, "Santa Ana, CA", kind="consulate")
    first = page.locator(RESULTS).first
    assert _sites(page)[0]["id"] == "consulate-santa-ana"
    text = first.inner_text()
    assert "CIAM" in text and "MEXITEL" in text and "Tel. —" not in text
    hrefs = first.locator("a.call").evaluate_all("els => els.map(a => a.href)")
    assert hrefs == [f"tel:{line['tel']}" for line in national_lines("es")]
