"""``core.js`` (offline geocoding + nearest in the browser) gives the API's answers.

The page is loaded from the real server; ``window.LocatorCore`` then runs in Chromium on the
same data files the offline page uses, and its answers are compared with ``/v1/geocode`` and
``/v1/nearest``.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request

import numpy as np
import pytest

pytestmark = pytest.mark.browser

K = 10
QUERIES = [
    "60608",
    "60608-1234",
    "Dalton, GA",
    "dalton ga",
    "Nueva York",
    "Los Ángeles",
    "San José, CA",
    "Chicago",
    "Georgia",
    "Carolina del Norte",
    "Filadelfia",
    "41.85,-87.65",
    "St. Louis",
    "Fort Worth, Texas",
    "Houston TX 77002",
    "Brooklyn, NY",
    "san juan pr",
    "Anchorage",
    "Honolulu, Hawaii",
    "Washington DC",
]


def get_json(base: str, path: str, **params) -> dict:
    url = f"{base}{path}?{urllib.parse.urlencode(params, doseq=True)}"
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


@pytest.fixture(scope="module")
def core_page(browser, server):
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(server)
    page.wait_for_selector("body[data-ready='true']")
    page.evaluate("window.LocatorApp.loadGazetteer().then(() => true)")
    yield page
    ctx.close()


@pytest.mark.parametrize("query", QUERIES)
def test_geocode_matches_api(core_page, server, query):
    api = get_json(server, "v1/geocode", q=query, limit=1)["candidates"][0]
    js = core_page.evaluate("q => window.LocatorApp.state.gaz.geocode(q, 1)[0]", query)
    assert (js["label"], js["precision"]) == (api["label"], api["precision"])
    assert js["lat"] == pytest.approx(api["lat"], abs=1e-9)
    assert js["lon"] == pytest.approx(api["lon"], abs=1e-9)


ERRORS = [
    ("", "err_empty"),
    ("   ", "err_empty"),
    ("x" * 201, "err_too_long"),
    ("Xyzzyville, ZZ", "err_not_found"),
    ("00000", "err_zip_not_found"),
    ("95.0, 10.0", "err_coords"),
    ("!!!", "err_not_found"),
]


@pytest.mark.parametrize(("query", "code"), ERRORS)
def test_geocode_errors_have_codes(core_page, query, code):
    got = core_page.evaluate(
        "q => { try { window.LocatorApp.state.gaz.geocode(q, 1); return null; }"
        " catch (e) { return e.code; } }",
        query,
    )
    assert got == code


def _random_points(n: int, seed: int) -> list[tuple[float, float]]:
    rng = np.random.default_rng(seed)
    boxes = [(-125, 24, -66.5, 49.5)] * 8 + [
        (-170, 52, -130, 71),
        (-160, 18.9, -154.8, 22.3),
        (-67.3, 17.9, -65.2, 18.5),
    ]
    pts = []
    for i in range(n):
        w, s, e, north = boxes[i % len(boxes)]
        pts.append((float(rng.uniform(s, north)), float(rng.uniform(w, e))))
    return pts


FILTERS = [
    {},
    {"kind": "vds"},
    {"kind": "consulate"},
    {"kind": "vds_mobile"},
    {"service": "vaccines"},
    {"kind": "vds", "service": "screening_hiv"},
    {"kind": "consulate", "service": "vaccines"},
]


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: ",".join(f.values()) or "none")
def test_nearest_matches_api(core_page, server, flt):
    points = _random_points(40, seed=len(FILTERS) + len(flt.get("kind", "")))
    opts = {
        "kinds": [flt["kind"]] if "kind" in flt else [],
        "services": [flt["service"]] if "service" in flt else [],
        "k": K,
    }
    js_all = core_page.evaluate(
        """([pts, opts]) => {
             const sites = window.LocatorApp.state.sites;
             return pts.map(([lat, lon]) => window.LocatorCore.nearest(sites, lat, lon, opts)
               .map(r => [r.site.id, r.km]));
           }""",
        [points, opts],
    )
    for (lat, lon), js in zip(points, js_all, strict=True):
        api = get_json(server, "v1/nearest", lat=lat, lon=lon, limit=2 * K, **flt)["features"]
        api = api[:K]  # see test_page.api_ids: ties straddling the k-th place
        assert [r[0] for r in js] == [f["id"] for f in api], (lat, lon, flt)
        for (_, km), f in zip(js, api, strict=True):
            assert km == pytest.approx(f["properties"]["distance_km"], abs=6e-4)
