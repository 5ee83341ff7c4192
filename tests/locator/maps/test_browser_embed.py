"""The embed of every bundled consulate, in headless Chromium (network off, file:// pages).

One browser, one context per screen size, one page reused for the 53 offices.
"""

from __future__ import annotations

import pytest

from geodata.bundled import load_bundled
from geodata.gazetteer import Gazetteer
from locator.index import SiteIndex
from locator.maps import embed_page, save_html
from locator.maps.sources import office_source

from .conftest import ARGS  # noqa: F401  (same launch flags as the browser fixture)

pytestmark = pytest.mark.browser

SIZES = [(1280, 800), (390, 844)]

MARKERS = """() => {
  const box = document.querySelector('.folium-map').getBoundingClientRect();
  return Array.from(document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon'))
    .map(e => { const r = e.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      const hit = document.elementFromPoint(x, y);
      return {title: e.title,
              inside: r.left >= box.left && r.right <= box.right && r.top >= box.top
                      && r.bottom <= box.bottom,
              topmost: !!hit && hit.closest('.leaflet-marker-icon') === e}; }); }"""


@pytest.fixture(scope="module")
def office_pages(tmp_path_factory):
    """(office id, number of sites it shows, file) for every bundled consulate's embed."""
    sites = load_bundled().sites
    index = SiteIndex.from_geodataframe(sites)
    counties = Gazetteer.default().counties()
    folder = tmp_path_factory.mktemp("embeds")
    pages = []
    for office_id in sites.loc[sites["kind"] == "consulate", "id"]:
        data = office_source(index, office_id, counties=counties)
        page = embed_page(data.office, region=data.region, sites=data.sites, lang="es")
        expected = 1
        if data.region is not None:
            others = data.sites[data.sites["id"] != office_id]
            expected += int(data.region.geometry.union_all().covers(others.geometry.values).sum())
        pages.append((office_id, expected, save_html(page, folder / f"{office_id}.html")))
    return pages


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_office_frames_all_its_markers(browser, office_pages, size):
    assert len(office_pages) == 53
    context = browser.new_context(offline=True, viewport={"width": size[0], "height": size[1]},
                                  is_mobile=size[0] < 500, has_touch=size[0] < 500)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        problems = []
        for office_id, expected, path in office_pages:
            page.goto(path.as_uri())
            page.wait_for_function("() => window.LocatorMaps && LocatorMaps.readyAt",
                                   timeout=30_000)
            markers = page.evaluate(MARKERS)
            if len(markers) != expected:
                problems.append((office_id, f"{len(markers)} markers, expected {expected}"))
            problems += [(office_id, m["title"], "outside the view" if not m["inside"]
                          else "covered") for m in markers if not (m["inside"] and m["topmost"])]
    finally:
        context.close()
    assert problems == []
    assert errors == []
