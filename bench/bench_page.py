"""The search page on a prepaid phone: Chromium throttled, cold cache (issue 15 item 7).

Starts the API and page (uvicorn, a fresh GeoPackage of the bundled data), opens Debian's
Chromium at 390x844 with the network throttled through the DevTools protocol (1.6 Mbps down,
750 kbps up, 150 ms round trip) and the CPU slowed 4x, and loads ``/?q=60608`` in a fresh
context (cold HTTP cache, no service worker). Prints, per run and as the median:

* first result: ``performance.now()`` when the page first listed results (ms);
* bytes before the first result: bytes on the wire (``encodedDataLength``, gzip) of the
  page's requests finished by then;
* offline cache: what the service worker keeps once installed (entries; bytes as stored, and
  as downloaded with gzip), tiles excluded (those wait for "guardar mapa sin conexión"), and
  the tiles the view itself loaded.

Goals: first result <= 3 s, bytes before it <= 400 KB, offline cache <= 1.5 MB.

Usage::

    .venv/bin/python bench/bench_page.py              # 3 runs
    .venv/bin/python bench/bench_page.py --runs 1 --query "Dalton, GA"
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "web"))

GOALS = {"first_ms": 3000, "before_kb": 400, "cache_kb": 1500}
NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 750e3 / 8,
}

CACHE_JS = """async () => {
  const out = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const req of await cache.keys()) {
      const res = await cache.match(req);
      out.push([name, req.url, (await res.clone().arrayBuffer()).byteLength]);
    }
  }
  return out;
}"""


def _gzip_size(url: str) -> int:
    req = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req, timeout=60) as response:
        body = response.read()
        if response.headers.get("content-encoding") == "gzip":
            return len(body)
        return len(body) if url.endswith(".png") else len(gzip.compress(body, 6))


def run_once(browser, base: str, query: str) -> dict[str, float]:
    """One cold load of ``/?q=query`` under throttling; the figures of that run."""
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="es-MX", service_workers="allow"
    )
    try:
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        wire: dict[str, float] = {}
        urls: dict[str, str] = {}
        cdp.on(
            "Network.responseReceived",
            lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]),
        )
        cdp.on(
            "Network.loadingFinished",
            lambda e: wire.__setitem__(e["requestId"], e["encodedDataLength"]),
        )
        page.goto(base + "?q=" + urllib.parse.quote(query), wait_until="commit")
        deadline = time.monotonic() + 120
        before = None
        while time.monotonic() < deadline:
            if page.get_attribute("body", "data-searches") and page.evaluate(
                "window.LocatorApp && window.LocatorApp.state.firstResultAt != null"
            ):
                before = sum(wire.values())
                break
            page.wait_for_timeout(20)
        if before is None:
            raise RuntimeError("no first result within 120 s")
        first = page.evaluate("window.LocatorApp.state.firstResultAt")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.wait_for_timeout(3000)
        for _ in range(120):  # until the install has stored the whole shell
            entries = page.evaluate(CACHE_JS)
            if any(u.endswith("data/gazetteer.js") for _, u, _ in entries):
                break
            page.wait_for_timeout(500)
        shell = [(u, n) for c, u, n in entries if not c.startswith("locator-tiles")]
        tiles = [(u, n) for c, u, n in entries if c.startswith("locator-tiles")]
        gz = sum(_gzip_size(u) for u, _ in shell)
        return {
            "first_ms": first,
            "before_kb": before / 1000,
            "cache_entries": len(shell),
            "cache_kb": gz / 1000,
            "cache_stored_kb": sum(n for _, n in shell) / 1000,
            "view_tiles": len(tiles),
            "view_tiles_kb": sum(n for _, n in tiles) / 1000,
            "source": page.evaluate("window.LocatorApp.state.source"),
        }
    finally:
        ctx.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query", default="60608")
    args = parser.parse_args()
    from conftest import CHROMIUM_ARGS, serve
    from playwright.sync_api import sync_playwright

    from geodata.stores.gpkg import GeoPackageStore

    tmp = Path(tempfile.mkdtemp())
    GeoPackageStore(tmp / "s.gpkg")
    with serve(tmp / "s.gpkg", tmp / "server.log") as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        runs = [run_once(browser, base, args.query) for _ in range(args.runs)]
        browser.close()
    keys = [
        "first_ms",
        "before_kb",
        "cache_entries",
        "cache_kb",
        "cache_stored_kb",
        "view_tiles",
        "view_tiles_kb",
    ]
    print(f"query {args.query!r}, 1.6 Mbps / 150 ms RTT, CPU 4x, cold cache, {args.runs} runs")
    print("| run | " + " | ".join(keys) + " | answered by |")
    print("|---|" + "---:|" * len(keys) + "---|")
    for i, r in enumerate(runs, 1):
        print(f"| {i} | " + " | ".join(f"{r[k]:,.0f}" for k in keys) + f" | {r['source']} |")
    med = {k: statistics.median(r[k] for r in runs) for k in keys}
    print("| median | " + " | ".join(f"{med[k]:,.0f}" for k in keys) + " | |")
    for key, goal in GOALS.items():
        verdict = "ok" if med[key] <= goal else "OVER"
        print(f"{key}: median {med[key]:,.0f} (goal <= {goal:,}) {verdict}")


if __name__ == "__main__":
    main()
