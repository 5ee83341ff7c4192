"""Contact and directions (issue 15 item 5): call buttons only for sourced phones, the national
lines (CIAM, MEXITEL) otherwise, never "Tel. —"; directions in Google Maps, Apple Maps and
OpenStreetMap (walking, transit, car) marked as needing internet, plus geo:; the subtitle and
the filters promise only what the data holds."""

from __future__ import annotations

import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import serve
from shapely.geometry import Point
from test_map import evil_server, evil_store  # noqa: F401 (fixtures)
from test_page import RESULTS, result_ids, search

from geodata.schema import coerce_sites
from geodata.stores.base import ChangeSet
from geodata.stores.gpkg import GeoPackageStore
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
        "els => els.map(a => [a.dataset.mode, a.textContent, a.href])"
    )
    modes = {(m, name) for m, name, _ in links}
    assert {
        ("dir_walk", "Google Maps"),
        ("dir_walk", "Apple Maps"),
        ("dir_walk", "OpenStreetMap"),
        ("dir_transit", "Google Maps"),
        ("dir_transit", "Apple Maps"),
        ("dir_car", "Google Maps"),
        ("dir_car", "Apple Maps"),
        ("dir_car", "OpenStreetMap"),
    } == modes
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
        "Consulados de México, Ventanillas de Salud (VDS) y unidades móviles"
    )
    options = page.eval_on_selector_all("#kind option", "os => os.map(o => o.value)")
    assert set(options) == {""} | (kinds - {"vds_mobile"})
    services = set(
        page.evaluate("[].concat(...window.LocatorApp.state.sites.map(s => s.services))")
    )
    assert set(page.eval_on_selector_all("#service option", "os => os.map(o => o.value)")) == (
        {""} | services
    )
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


DISPUTED = ("555-0199", "5550199", "77 Disputed St", "L-V 3-4 disputed")
"""A phone, street address and hours whose sources disagree (never shown as facts)."""


@pytest.fixture(scope="module")
def disputed_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled data plus a clinic and a consulate whose phone, address and hours are
    each in conflict between sources."""
    path = tmp_path_factory.mktemp("disputed-store") / "locator.gpkg"
    common = {
        "source": "test 2026",
        "location_precision": "address",
        "city": "Chicago",
        "state": "IL",
        "postal_code": "60608",
        "phone": "(312) 555-0199",
        "street_address": "77 Disputed St",
        "hours": "L-V 3-4 disputed",
        **{
            f"{fact}_{part}": value
            for fact in ("phone", "address", "hours")
            for part, value in (("evidence", "conflict"), ("source", "a; b"))
        },
    }
    GeoPackageStore(path).apply(
        ChangeSet(
            sites=coerce_sites(
                [
                    {
                        "id": "clinic-disputed",
                        "kind": "clinic",
                        "name": "Disputed clinic",
                        "geometry": Point(-87.6651, 41.8500),
                        **common,
                    },
                    {
                        "id": "consulate-disputed",
                        "kind": "consulate",
                        "name": "Disputed consulate",
                        "geometry": Point(-87.6650, 41.8501),
                        **common,
                    },
                ]
            ),
            source="test",
            allow_official=True,
        )
    )
    with serve(Path(path), tmp_path_factory.mktemp("disputed-server") / "s.log") as base:
        yield base


@pytest.mark.parametrize(
    "kind,site_id", [("clinic", "clinic-disputed"), ("consulate", "consulate-disputed")]
)
def test_disputed_values_are_not_shown_as_facts(page, disputed_server, kind, site_id):
    """No disputed number, address or hours on the page, its links or its popup; the page
    says the sources disagree (as the API and the maps do) and shows no "null"."""
    page.goto(disputed_server)
    assert search(page, "60608", kind=kind)[0] == site_id
    item = page.locator(RESULTS).first
    text = item.inner_text()
    hrefs = " ".join(item.locator("a").evaluate_all("els => els.map(a => a.href)"))
    page.locator(".rank-marker").first.dispatch_event("click")  # opens the popup
    page.wait_for_selector(".leaflet-popup-content")
    popup = page.inner_text(".leaflet-popup-content")
    for shown in (text, urllib.parse.unquote(hrefs), popup):
        assert not any(value in shown for value in DISPUTED)
        assert "null" not in shown and "undefined" not in shown and "Tel. —" not in shown
    assert "Chicago, IL 60608" in text
    for label in (
        "dirección en conflicto entre fuentes",
        "teléfono en conflicto entre fuentes",
        "horario en conflicto entre fuentes",
    ):
        assert label in text
    calls = item.locator("a.call").evaluate_all("els => els.map(a => a.href)")
    if kind == "consulate":  # no phone of its own: the national lines
        assert calls == [f"tel:{line['tel']}" for line in national_lines("es")]
    else:
        assert calls == [] and "CIAM" not in text
    assert result_ids(page)[0] == site_id
