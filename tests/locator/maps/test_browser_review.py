"""Real-browser checks of the issue-5 review: co-located sites, basemap coverage, popups on
phones, the embed layout. Headless Chromium, network disabled, pages opened from file://."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from shapely.geometry import Point, box

from geodata.schema import coerce_sites
from locator.maps import (
    embed_page,
    embed_snippet,
    nearest_map,
    network_map,
    office_map,
    route_map,
    save_html,
)

pytestmark = pytest.mark.browser

SPOT = Point(-87.6665, 41.8789)


@pytest.fixture
def shared_point_sites():
    """A consulate, its VDS and a clinic at one point, and one site elsewhere."""
    rows = [
        {"id": "c", "kind": "consulate", "name": "Consulado", "geometry": SPOT},
        {"id": "v", "kind": "vds", "name": "Ventanilla", "geometry": SPOT},
        {"id": "k", "kind": "clinic", "name": "Clínica", "geometry": SPOT},
        {"id": "o", "kind": "vds", "name": "Otra", "geometry": Point(-87.9, 42.1)},
    ]
    return coerce_sites([{**r, "location_precision": "address", "source": "test"} for r in rows])


def _click_each(v, names):
    """Every named marker is the topmost element at its centre, and a click opens its popup."""
    for name in names:
        v.map_eval("m.closePopup();")
        v.page.wait_for_timeout(400)  # a popup's auto-pan has ended
        marker = v.page.locator(f".leaflet-marker-icon[title^='{name}']")
        assert marker.count() == 1
        assert marker.is_visible()
        box_ = marker.bounding_box()
        top = v.page.evaluate(
            "([x, y, n]) => { const e = document.elementFromPoint(x, y);"
            " const icon = e && e.closest('.leaflet-marker-icon');"
            " return icon ? icon.title : null; }",
            [box_["x"] + box_["width"] / 2, box_["y"] + box_["height"] / 2, name],
        )
        assert top is not None and name in top
        v.open_popup(marker, f".leaflet-popup-content h3:has-text('{name}')")


def test_network_map_shared_point_zoomed_in(visit, shared_point_sites):
    v = visit(network_map(shared_point_sites, lang="es"))
    v.map_eval(f"m.setView([{SPOT.y}, {SPOT.x}], 12, {{animate: false}});")
    v.page.wait_for_timeout(300)
    _click_each(v, ["Consulado", "Ventanilla", "Clínica"])
    assert v.errors == [] and v.requests == []


def test_network_map_shared_point_clusters_spiderfy(visit, shared_point_sites):
    sites = coerce_sites(
        [
            {
                "id": f"v{i}",
                "kind": "vds",
                "name": f"VDS {i}",
                "geometry": SPOT,
                "location_precision": "city",
                "source": "t",
            }
            for i in range(12)
        ]
    )
    v = visit(network_map(sites, lang="es"))
    v.map_eval(f"m.setView([{SPOT.y}, {SPOT.x}], 8, {{animate: false}});")
    v.page.wait_for_timeout(300)
    v.page.locator(".locator-cluster").first.wait_for()
    v.map_eval(f"m.setView([{SPOT.y}, {SPOT.x}], 14, {{animate: false}});")
    v.page.wait_for_timeout(300)
    _click_each(v, ["VDS 0", "VDS 7", "VDS 11"])


def test_nearest_query_marker_beneath_result(visit, shared_point_sites):
    results = shared_point_sites.iloc[[0, 1, 3]].reset_index(drop=True)
    results["distance_km"], results["rank"] = [0.0, 0.0, 30.0], [1, 2, 3]
    results["distance_mi"] = results["distance_km"] / 1.609344
    query = {"label": "204 S Ashland", "lat": SPOT.y, "lon": SPOT.x, "precision": "address"}
    v = visit(nearest_map(results, query=query, lang="es"))
    _click_each(v, ["1. Consulado", "2. Ventanilla"])
    z = v.page.evaluate(
        "() => Array.from(document.querySelectorAll('.leaflet-marker-icon'))"
        ".map(e => [e.title, Number(e.style.zIndex)])"
    )
    query_z = [n for t, n in z if t.startswith("Punto buscado")]
    assert query_z and all(query_z[0] < n for t, n in z if not t.startswith("Punto buscado"))


def test_office_map_shows_colocated_vds(visit, shared_point_sites):
    m = office_map(
        shared_point_sites.iloc[0],
        region=box(-88.3, 41.4, -87.5, 42.2),
        sites=shared_point_sites,
        lang="es",
    )
    v = visit(m)
    _click_each(v, ["Consulado", "Ventanilla", "Clínica"])


def test_route_map_colocated_stops(visit, route_and_stops):
    route, stops = route_and_stops
    stops = stops.copy()
    stops.loc[stops["sequence"] == 2, "geometry"] = stops.loc[
        stops["sequence"] == 1, "geometry"
    ].iloc[0]
    v = visit(route_map(route, stops, lang="es"))
    _click_each(v, ["1. Dalton", "2. Gainesville"])


VISIBLE_TILES = """() => {
  const box = document.querySelector('.folium-map').getBoundingClientRect();
  return Array.from(document.querySelectorAll('.locator-basemap .leaflet-tile')).filter(t => {
    const r = t.getBoundingClientRect();
    return r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom
      && getComputedStyle(t.parentElement.parentElement).visibility !== 'hidden'
      && t.closest('.leaflet-tile-container').style.zIndex !== ''; })
    .map(t => t.getAttribute('data-dz')); }"""


@pytest.mark.parametrize("size", [(1100, 750), (1280, 800), (390, 844)])
def test_first_view_basemap_has_no_gaps_nor_mixed_zooms(
    visit, chicago_sites, route_and_stops, size
):
    wide = coerce_sites(
        [
            {
                "id": "m",
                "kind": "vds",
                "name": "Milwaukee",
                "source": "t",
                "location_precision": "city",
                "geometry": Point(-87.91, 43.04),
            }
        ]
    )
    results = pd.concat([chicago_sites.iloc[[0, 1]], wide], ignore_index=True)
    results["rank"] = [1, 2, 3]
    query = {"label": "60608", "lat": 41.85, "lon": -87.67, "precision": "postal_code"}
    route, stops = route_and_stops
    for m in (nearest_map(results, query=query, lang="es"), route_map(route, stops, lang="es")):
        v = visit(m, width=size[0], height=size[1], mobile=size[0] < 500)
        v.page.wait_for_timeout(300)
        dz = v.page.evaluate(VISIBLE_TILES)
        assert dz and None not in dz  # every visible tile drew an image
        assert set(dz) == {"0"}  # the view's own zoom (or maxNativeZoom), never a fill-in
        v.context.close()


def test_long_popup_fits_a_phone(visit, nearest_results, query):
    results = nearest_results.copy()
    results["source"] = "; ".join(f"citation {i} (SRE directory, scraped list)" for i in range(12))
    results["services"] = [["vaccines", "screening_hiv", "consular_documentation"] * 3] * 3
    results["notes"] = "Long note. " * 40
    v = visit(nearest_map(results, query=query, lang="es"), width=390, height=844, mobile=True)
    v.page.locator("button[data-layer]").nth(1).click()
    popup = v.page.locator(".leaflet-popup-content")
    popup.wait_for()
    box_, last = None, v.page.locator(".leaflet-popup").bounding_box()
    while box_ != last:  # auto-pan and scrolling have ended
        v.page.wait_for_timeout(400)
        box_, last = last, v.page.locator(".leaflet-popup").bounding_box()
    assert box_["y"] >= 0 and box_["y"] + box_["height"] <= 844  # top and bottom on screen
    assert v.page.locator(".leaflet-popup-close-button").is_visible()
    content = popup.evaluate("e => [e.scrollHeight, e.clientHeight, getComputedStyle(e).overflowY]")
    assert content[0] > content[1] and content[2] == "auto"  # scrolls inside
    source = popup.locator("details.locator-source")
    assert source.locator("summary").inner_text() == "Fuente"
    assert not source.locator("p").is_visible()
    source.locator("summary").click()
    assert "citation 11" in source.locator("p").inner_text()


def _embed_host(tmp_path, chicago_sites) -> Path:
    page = embed_page(
        chicago_sites.iloc[0], region=box(-88.3, 41.4, -87.5, 42.2), sites=chicago_sites, lang="es"
    )
    target = save_html(page, tmp_path / "embed.html")
    snippet = embed_snippet(target.as_uri(), title="Consulado", lang="es")
    host = tmp_path / "host.html"
    host.write_text(
        '<!DOCTYPE html><html><head><meta name="viewport" '
        'content="width=device-width, initial-scale=1"></head>'
        f'<body style="margin:0"><p>Antes</p>{snippet}<p>Después</p></body></html>',
        encoding="utf-8",
    )
    return host


@pytest.mark.parametrize("width,folded", [(390, True), (1280, False)])
def test_embed_snippet_layout(browser, tmp_path, chicago_sites, width, folded):
    context = browser.new_context(
        viewport={"width": width, "height": 844}, is_mobile=width < 500, has_touch=width < 500
    )
    try:
        page = context.new_page()
        page.goto(_embed_host(tmp_path, chicago_sites).as_uri())
        frame = page.frame_locator("iframe")
        inner = next(f for f in page.frames if f.url.endswith("embed.html"))
        inner.wait_for_function("() => window.LocatorMaps && LocatorMaps.readyAt")
        iframe_h = page.locator("iframe").bounding_box()["height"]
        assert iframe_h >= 480 and iframe_h >= width * 0.75 - 1
        map_h = frame.locator(".folium-map").bounding_box()["height"]
        assert map_h >= 300
        legend = frame.locator(".locator-legend")
        toggle = legend.locator(".locator-legend-toggle")
        assert legend.locator("ul").is_visible() is not folded
        assert toggle.get_attribute("aria-expanded") == str(not folded).lower()
        if folded:  # folded, the legend covers a small corner of the map only
            box_ = legend.bounding_box()
            assert box_["width"] * box_["height"] < 0.05 * width * map_h
        toggle.click()
        assert legend.locator("ul").is_visible() is folded
    finally:
        context.close()
