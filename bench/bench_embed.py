"""Embeds: bytes and time to first marker, one embed cold and warm, and a host page with three.

Two ways to host an office's embed are compared:

* ``inline``: one self-contained page per embed (what ``/embed/OFFICE`` and
  ``locator embed OFFICE -o`` give): Leaflet, styles and basemap tiles inlined.
* ``folder``: the files of ``locator embed --all DIR``: small pages loading one shared asset
  file and shared tile files.

Every file is served from a local HTTP server (gzip when asked, ``Cache-Control: max-age=3600``)
that counts the bytes it sends; headless Chromium opens the pages. "Time to first marker" is
the wall-clock time from navigation start until the first marker element exists in the frame.
Cold: a new browser context (empty cache); warm: the same page opened again in that context.

Run: ``PYTHONPATH=. python bench/bench_embed.py [--repeat 3]``; prints a Markdown table.
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import statistics
import tempfile
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

OFFICES = ("consulate-chicago", "consulate-los-angeles", "consulate-houston")
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

FIRST_MARKER = """
(() => { const t0 = Date.now();
  const seen = () => { if (!window.__firstMarker && document.querySelector('.leaflet-marker-icon'))
    window.__firstMarker = Date.now(); };
  new MutationObserver(seen).observe(document, {childList: true, subtree: true}); })();
"""


class Counter:
    """Bytes sent by the server since the last reset."""

    def __init__(self) -> None:
        self.sent = 0
        self.requests = 0
        self.assets = 0
        self.lock = threading.Lock()

    def add(self, n: int, path: str) -> None:
        with self.lock:
            self.sent += n
            self.requests += 1
            self.assets += path.endswith("-assets.js")

    def reset(self) -> None:
        with self.lock:
            self.sent = self.requests = self.assets = 0


class Handler(SimpleHTTPRequestHandler):
    counter: Counter

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path.split("?")[0]))
        if not path.is_file():
            self.send_error(404)
            return
        body = path.read_bytes()
        zipped = "gzip" in self.headers.get("Accept-Encoding", "")
        if zipped:
            body = gzip.compress(body, 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Cache-Control", "max-age=3600")
        if zipped:
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.counter.add(len(body), str(path))


def serve(folder: Path, counter: Counter):
    handler = type("H", (Handler,), {"counter": counter})
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def build(folder: Path) -> None:
    """``inline/OFFICE.html`` (self-contained) and ``site/`` (``--all`` layout) for OFFICES."""
    from geodata.bundled import load_bundled
    from geodata.gazetteer import Gazetteer
    from locator.index import SiteIndex
    from locator.maps import embed_page, embed_snippet
    from locator.maps.static_site import write_embed_site
    from locator.regions import office_region

    sites = load_bundled().sites
    index = SiteIndex.from_geodataframe(sites)
    counties = Gazetteer.default().counties()

    def region_of(office_id):
        region = office_region(index, counties, office_id)
        return region if len(region) else None

    offices = [r for _, r in sites[sites["id"].isin(OFFICES)].iterrows()]
    (folder / "inline").mkdir(parents=True)
    for office in offices:
        page = embed_page(office, region=region_of(office["id"]), sites=sites, lang="es")
        (folder / "inline" / f"{office['id']}.html").write_text(page, encoding="utf-8")
    write_embed_site(folder / "site", offices, region_of=region_of, sites=sites)
    for layout, name in (("inline", "{}.html"), ("site", "{}.es.html")):
        snippets = "".join(embed_snippet(name.format(o), title=o, lang="es") for o in OFFICES)
        snippets = snippets.replace('loading="lazy" ', "")  # all three load at once
        host = (
            "<!DOCTYPE html><html lang='es'><head><meta charset='utf-8'><title>Host"
            f"</title></head><body>{snippets}</body></html>"
        )
        (folder / layout / "host.html").write_text(host, encoding="utf-8")


def first_markers(page, frames: int, start: float, timeout: float = 60.0) -> float:
    """Seconds from ``start`` until the last of ``frames`` frames shows its first marker."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        stamps = []
        for frame in page.frames:
            try:
                stamp = frame.evaluate("() => window.__firstMarker || 0")
            except Exception:  # a frame still navigating
                stamp = 0
            if stamp:
                stamps.append(stamp)
        if len(stamps) >= frames:
            return max(sorted(stamps)[:frames]) / 1000 - start
        page.wait_for_timeout(20)
    raise TimeoutError("markers never appeared")


def measure(browser, origin: str, counter: Counter, path: str, frames: int) -> dict:
    context = browser.new_context(viewport={"width": 1280, "height": 2400})
    context.add_init_script(FIRST_MARKER)
    try:
        page = context.new_page()
        out = {}
        for run in ("cold", "warm"):
            counter.reset()
            start = time.time()
            page.goto(origin + path)
            seconds = first_markers(page, frames, start)
            page.wait_for_timeout(300)
            out[run] = (counter.sent, counter.requests, seconds, counter.assets)
            if run == "cold":
                page.goto("about:blank")
        return out
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="bench_embed_"))
    t = time.perf_counter()
    build(tmp)
    print(f"built in {time.perf_counter() - t:.1f} s")
    counter = Counter()
    server, origin = serve(tmp, counter)
    cases = [
        ("one embed, inline (today)", "/inline/consulate-chicago.html", 1),
        ("one embed, --all folder", "/site/consulate-chicago.es.html", 1),
        ("host page, 3 inline embeds", "/inline/host.html", 3),
        ("host page, 3 --all embeds", "/site/host.html", 3),
    ]
    rows = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            try:
                for label, path, frames in cases:
                    runs = [
                        measure(browser, origin, counter, path, frames) for _ in range(args.repeat)
                    ]
                    row = {"label": label}
                    for key in ("cold", "warm"):
                        row[key + "_kb"] = statistics.median(r[key][0] for r in runs) / 1000
                        row[key + "_req"] = statistics.median(r[key][1] for r in runs)
                        row[key + "_s"] = statistics.median(r[key][2] for r in runs)
                        row[key + "_assets"] = max(r[key][3] for r in runs)
                    rows.append(row)
            finally:
                browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)
    base = rows[0]
    print(
        "\n| case | cold: KB gzip (requests) | cold: first marker | warm: KB (requests) "
        "| warm: first marker | shared asset file sent (cold/warm) | cold KB vs one inline |"
    )
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        print(
            f"| {r['label']} | {r['cold_kb']:.0f} ({r['cold_req']:.0f}) | "
            f"{r['cold_s']:.2f} s | {r['warm_kb']:.0f} ({r['warm_req']:.0f}) | "
            f"{r['warm_s']:.2f} s | {r['cold_assets']}/{r['warm_assets']} | "
            f"{r['cold_kb'] / base['cold_kb']:.2f}x |"
        )
    print(f"\nmedian of {args.repeat} runs; 1280x2400 viewport; local HTTP server, gzip level 6")


if __name__ == "__main__":
    main()
