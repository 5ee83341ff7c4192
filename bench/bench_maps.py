"""Benchmark the network map: page size and load time in headless Chromium (offline).

Synthetic sites (illustrative, random points over the contiguous US) are mapped with
``locator.maps.network_map``; each page is opened from file:// with the network disabled. Two
times are reported: ``first`` (navigation start -> first site layer drawn, markers visible)
and ``ready`` (-> every marker clustered, ``LocatorMaps.readyAt``). Median of ``--repeat`` runs.

Usage: ``.venv/bin/python bench/bench_maps.py [--sizes 1000 5000 20000] [--repeat 3]``
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from shapely.geometry import Point

from geodata.schema import coerce_sites
from locator.maps import network_map, render_html

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
KINDS = ("consulate", "vds", "vds_mobile", "clinic")
STREETS = ("Main", "Oak", "Elm")


def synthetic_sites(n: int, seed: int = 0):
    """``n`` illustrative sites with realistic-length text fields."""
    rng = np.random.default_rng(seed)
    lon, lat = rng.uniform(-122, -72, n), rng.uniform(26, 47, n)
    states = ["CA", "TX", "IL", "NY", "GA", "AZ", "FL", "WA", "NC", "CO"]
    return coerce_sites(
        [
            {
                "id": f"s{i}",
                "kind": KINDS[i % 4],
                "name": f"Community Health Center {i} Clinic Site",
                "street_address": f"{100 + i % 9000} {STREETS[i % 3]} Street Suite {i % 50}",
                "city": f"City {i % 3000}",
                "state": states[i % 10],
                "postal_code": f"{10000 + i % 89999}",
                "phone": f"(555) 01{i % 100:02d}-{i % 10000:04d}",
                "services": ["primary_care"],
                "location_precision": "address",
                "source": "synthetic benchmark data",
                "source_date": "2024-01-01",
                "illustrative": True,
                "geometry": Point(lon[i], lat[i]),
            }
            for i in range(n)
        ]
    )


def load_times(path: Path, repeat: int) -> tuple[float, float]:
    from playwright.sync_api import sync_playwright

    firsts, readys = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(repeat):
            context = browser.new_context(offline=True, viewport={"width": 1280, "height": 800})
            context.route(re.compile(r"^https?://"), lambda route: route.abort())
            page = context.new_page()
            page.goto(path.as_uri())
            page.wait_for_function(
                "() => window.LocatorMaps && LocatorMaps.readyAt", timeout=120_000
            )
            first, ready = page.evaluate(
                "() => [Math.min(...LocatorMaps.timings.map(t => t.at)), LocatorMaps.readyAt]"
            )
            firsts.append(first / 1000)
            readys.append(ready / 1000)
            context.close()
        browser.close()
    return statistics.median(firsts), statistics.median(readys)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    browser = Path(CHROMIUM).exists()
    print(f"{'sites':>7} {'build s':>8} {'size MB':>8} {'first s':>8} {'ready s':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            sites = synthetic_sites(n)
            start = time.perf_counter()
            page = render_html(network_map(sites, lang="es"))
            build = time.perf_counter() - start
            path = Path(tmp) / f"network_{n}.html"
            path.write_text(page, encoding="utf-8")
            size = path.stat().st_size / 1e6
            first, ready = load_times(path, args.repeat) if browser else (float("nan"),) * 2
            print(f"{n:>7} {build:>8.2f} {size:>8.2f} {first:>8.2f} {ready:>8.2f}", flush=True)
    if not browser:
        print("(no /usr/bin/chromium: load times not measured)")


if __name__ == "__main__":
    main()
