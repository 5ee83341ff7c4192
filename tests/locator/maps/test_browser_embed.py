"""The embed of every bundled consulate, in headless Chromium (network off, file:// pages).

One browser, one context per screen size, one page reused for the 53 offices.
"""

from __future__ import annotations

import pytest

from geodata.bundled import load_bundled
from geodata.gazetteer import Gazetteer
from locator.index import SiteIndex
from locator.maps import embed_page, save_html
from locator.maps.map_data import office_source

from .helpers import open_popup

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
    context = browser.new_context(
        offline=True,
        viewport={"width": size[0], "height": size[1]},
        is_mobile=size[0] < 500,
        has_touch=size[0] < 500,
    )
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda e: errors.append(str(e)))
        problems = []
        for office_id, expected, path in office_pages:
            page.goto(path.as_uri())
            page.wait_for_function(
                "() => window.LocatorMaps && LocatorMaps.readyAt", timeout=30_000
            )
            markers = page.evaluate(MARKERS)
            if len(markers) != expected:
                problems.append((office_id, f"{len(markers)} markers, expected {expected}"))
            problems += [
                (office_id, m["title"], "outside the view" if not m["inside"] else "covered")
                for m in markers
                if not (m["inside"] and m["topmost"])
            ]
    finally:
        context.close()
    assert problems == []
    assert errors == []


LINKS = """() => Array.from(document.querySelectorAll('a[href]'))
  .filter(a => a.getAttribute('role') !== 'button' && !a.getAttribute('href').startsWith('#'))
  .map(a => ({href: a.getAttribute('href'), target: a.target, rel: a.rel,
              frame: a.hasAttribute('data-locator-frame')}))"""


@pytest.mark.parametrize(
    "lang,zoom_in,close", [("es", "Acercar", "Cerrar"), ("en", "Zoom in", "Close")]
)
def test_embed_links_open_new_tabs_and_controls_speak_its_language(
    visit, chicago_sites, lang, zoom_in, close
):
    page = embed_page(
        chicago_sites.iloc[0], sites=chicago_sites, lang=lang, other_lang_url="other.html"
    )
    v = visit(page, width=1280, height=800)
    v.open_popup(
        v.page.locator(".leaflet-marker-icon[title^='Consulado General']"),
        ".leaflet-popup-content h3",
    )
    links = v.page.evaluate(LINKS)
    hrefs = [link["href"] for link in links]
    assert any(h.startswith("https://www.openstreetmap.org/copyright") for h in hrefs)
    assert any(h.startswith("https://consulmex.sre.gob.mx/") for h in hrefs)  # official page
    assert any(h.startswith("geo:") for h in hrefs)  # directions
    for link in links:
        if link["frame"]:
            assert link["href"] == "other.html" and link["target"] == ""
        else:
            assert link["target"] == "_blank" and "noopener" in link["rel"].split(), link
    assert v.page.locator(".leaflet-control-zoom-in").get_attribute("title") == zoom_in
    assert v.page.locator(".leaflet-popup-close-button").get_attribute("aria-label") == close
    switch = v.page.locator("a.locator-lang")
    assert switch.inner_text() == ("English" if lang == "es" else "Español")
    assert v.errors == [] and v.requests == []


@pytest.fixture(scope="module")
def chicago_embeds(tmp_path_factory):
    """The bundled Chicago consulate's embed in both languages, as files."""
    sites = load_bundled().sites
    data = office_source(
        SiteIndex.from_geodataframe(sites),
        "consulate-chicago",
        counties=Gazetteer.default().counties(),
    )
    folder = tmp_path_factory.mktemp("chicago")
    return {
        lang: save_html(
            embed_page(
                data.office,
                region=data.region,
                sites=data.sites,
                lang=lang,
                other_lang_url="x.html",
            ),
            folder / f"chicago.{lang}.html",
        )
        for lang in ("es", "en")
    }


def _open(browser, path, width, height):
    context = browser.new_context(
        offline=True,
        viewport={"width": width, "height": height},
        is_mobile=width < 500,
        has_touch=width < 500,
    )
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_function("() => window.LocatorMaps && LocatorMaps.readyAt", timeout=30_000)
    page.wait_for_timeout(300)
    return context, page


def _rect(page, selector):
    return page.evaluate(f"""() => {{ const r = document.querySelector({selector!r})
        .getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }}""")


def _overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_phone_frame_layout(browser, chicago_embeds, lang):
    """A 342x480 frame: popups inside the map and clear of the controls, one-line credits,
    the list scrolls to its last button."""
    context, page = _open(browser, chicago_embeds[lang], 342, 480)
    try:
        credits = page.locator(".leaflet-control-attribution")
        assert credits.bounding_box()["height"] <= 16  # one line
        assert credits.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
        for marker in page.locator(".leaflet-marker-pane .leaflet-marker-icon").all():
            page.evaluate("() => window[document.querySelector('.folium-map').id].closePopup()")
            marker.tap()
            page.locator(".leaflet-popup").wait_for()
            page.wait_for_timeout(600)  # auto-pan has ended
            popup, box = _rect(page, ".leaflet-popup"), _rect(page, ".folium-map")
            assert box[0] <= popup[0] and popup[2] <= box[2]
            assert box[1] <= popup[1] and popup[3] <= box[3]
            for control in (
                ".leaflet-control-zoom",
                ".leaflet-control-layers",
                ".locator-legend-box",
            ):
                assert not _overlap(popup, _rect(page, control)), control
        last = page.locator(".locator-list button").last
        last.scroll_into_view_if_needed()
        b = last.bounding_box()
        assert b["y"] >= 0 and b["y"] + b["height"] <= 480
    finally:
        context.close()


@pytest.mark.parametrize(
    "size", [(1280, 800), (390, 844), (342, 480)], ids=lambda s: f"{s[0]}x{s[1]}"
)
@pytest.mark.parametrize("lang", ["es", "en"])
def test_axe_no_serious_violations(browser, chicago_embeds, size, lang):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    context, page = _open(browser, chicago_embeds[lang], *size)
    run = axe.Axe().run
    every = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
    try:
        found = run(page, options=every).response["violations"]
        open_popup(page, page.locator(".leaflet-marker-pane .leaflet-marker-icon").last)
        page.wait_for_function(  # Leaflet fades popups in: measure contrast once it is opaque
            "() => getComputedStyle(document.querySelector('.leaflet-popup')).opacity === '1'"
        )
        found += [
            v
            for v in run(page).response["violations"]  # an open popup covers markers
            if v["id"] != "target-size"
        ]
        bad = [
            (v["id"], [n["target"] for n in v["nodes"]][:3])
            for v in found
            if v["impact"] in ("serious", "critical") or v["id"] == "target-size"
        ]
    finally:
        context.close()
    assert bad == []
