"""Real-browser tests: headless Chromium, network disabled, pages opened from file://."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from locator.maps import embed_page, nearest_map, network_map, route_map

from .helpers import EVIL_IMG, EVIL_SCRIPT, make_sites

pytestmark = pytest.mark.browser


def test_nearest_markers_popup_and_escaping(visit, nearest_results, query):
    v = visit(nearest_map(nearest_results, query=query, lang="es"))
    v.assert_clean()
    page = v.page
    assert page.locator(".leaflet-marker-pane .leaflet-marker-icon").count() == 4  # 3 + query
    badges = page.locator(".locator-badge").all_inner_texts()
    assert sorted(badges) == ["1", "2", "3"]
    marker = page.locator(".leaflet-marker-icon", has=page.locator(".locator-badge", has_text="1"))
    popup = v.open_popup(marker)
    assert popup.locator("h3").inner_text() == f"1. {EVIL_IMG}"
    assert "ubicación aproximada: ciudad" in popup.inner_text()
    assert page.locator("img[src='x']").count() == 0
    assert page.locator("script:has-text('alert(1)')").count() == 0
    assert popup.locator("a[href^='geo:']").count() == 1
    osm = popup.locator("a[href^='https://www.openstreetmap.org/?mlat=']")
    assert osm.get_attribute("target") == "_blank"
    assert v.requests == [] and v.dialogs == []


def test_keyboard_opens_popup(visit, nearest_results, query):
    v = visit(nearest_map(nearest_results, query=query, lang="en"))
    marker = v.page.locator(
        ".leaflet-marker-icon", has=v.page.locator(".locator-badge", has_text="3")
    )
    assert marker.get_attribute("tabindex") == "0"
    assert EVIL_SCRIPT in marker.get_attribute("title")
    marker.focus()
    v.page.keyboard.press("Enter")
    v.page.locator(".leaflet-popup-content h3").wait_for()
    assert v.page.locator(".leaflet-popup-content h3").inner_text() == f"3. {EVIL_SCRIPT}"
    assert v.dialogs == []


def test_list_button_shows_site_on_map(visit, chicago_sites):
    v = visit(network_map(chicago_sites, lang="en"))
    v.assert_clean()
    v.page.locator("button[data-layer]").first.click()
    v.page.locator(".leaflet-popup-content h3").wait_for()
    title = v.page.locator(".leaflet-popup-content h3").inner_text()
    assert title == "Consulado General en Chicago"


def test_large_network_compressed_clusters_and_lazy_list(visit):
    v = visit(network_map(make_sites(3000, kinds=("clinic",)), lang="es"))
    v.assert_clean()
    assert v.page.evaluate("() => Object.values(LocatorMaps.layers)[0].data.n") == 3000
    assert v.page.locator(".marker-cluster, .locator-cluster").count() > 0
    group = v.page.locator("[data-lazy-layer] details").first
    group.locator("summary").click()
    group.locator("li").first.wait_for()  # items are created when the group opens
    assert group.locator("li").count() > 0
    assert group.locator("li button").first.inner_text() == "Ver en el mapa"


def test_route_banner_and_schedule_popup(visit, route_and_stops):
    route, stops = route_and_stops
    v = visit(route_map(route, stops, lang="en"))
    v.assert_clean()
    assert v.page.locator(".locator-banner").inner_text() == "ILLUSTRATIVE / ILUSTRATIVO"
    assert v.page.locator("path.leaflet-interactive").count() >= 1  # the route line
    badge = v.page.locator(".locator-badge", has_text="1")
    popup = v.open_popup(v.page.locator(".leaflet-marker-icon", has=badge))
    text = popup.inner_text()
    assert "1. Dalton" in text and "Monthly: 1st Saturday" in text and "2024-07-06 10:00" in text


def test_embed_page_gestures_list_lang(visit, chicago_sites):
    page = embed_page(
        chicago_sites.iloc[0], region=box(-88.3, 41.4, -87.5, 42.2), sites=chicago_sites, lang="en"
    )
    v = visit(page, "embed.html")
    v.assert_clean()
    assert v.page.locator("html").get_attribute("lang") == "en"
    enabled = v.page.evaluate(
        "() => window[document.querySelector('.folium-map').id].gestureHandling.enabled()"
    )
    assert enabled is True
    hint = v.page.locator(".folium-map").get_attribute("data-gesture-handling-scroll-content")
    assert hint == "Use ctrl + scroll to zoom the map"
    # a plain wheel over the map does not zoom it (no scroll hijack; Leaflet alone would zoom)
    zoom = "() => window[document.querySelector('.folium-map').id].getZoom()"
    before = v.page.evaluate(zoom)
    v.page.mouse.move(300, 300)
    v.page.mouse.wheel(0, 300)
    v.page.wait_for_timeout(300)
    assert v.page.evaluate(zoom) == before
    items = v.page.locator("section.locator-list li")
    assert items.count() == 3
    assert EVIL_IMG in v.page.locator("section.locator-list").inner_text()
    assert v.page.locator("img[src='x']").count() == 0
