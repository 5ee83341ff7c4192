"""Memory of ``locator serve`` as it runs: master, each worker, the resource tracker.

Starts ``python -m locator serve --workers W`` on a fresh GeoPackage (created from the bundled
data by the first run, then reused, as a real deployment does), waits for ``/health``, then
measures the RSS of every process (psutil) at three points:

1. ``idle``: right after start-up;
2. ``search``: after 40 rounds of the page, ``/v1/nearest``, ``/v1/sites`` and ``/v1/geocode``
   (what the public search page uses);
3. ``everything``: after maps, OGC items, ``/v1/coverage``, embeds and visits too (each of
   them loads more: folium, the demand layer, the routes).

The figures go to ``docs/deploy.md`` (sizing). Run by hand; it needs a free port.

Usage::

    .venv/bin/python bench/bench_serve_memory.py               # 2 workers
    .venv/bin/python bench/bench_serve_memory.py --workers 4 --json
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

import psutil

__all__ = ["main", "measure"]

SEARCH = ("/", "/v1/nearest?q=60608", "/v1/sites?limit=100", "/v1/geocode?q=Dalton,%20GA")
EVERYTHING = (
    "/v1/maps/nearest.html?q=60608",
    "/ogc/collections/vds/items",
    "/v1/coverage?kind=vds",
    "/embed/consulate-chicago",
    "/v1/maps/office/consulate-chicago.html",
    "/v1/visits?q=48104",
)


def _get(base: str, path: str) -> int:
    with urllib.request.urlopen(base + path, timeout=120) as response:
        response.read()
        return int(response.status)


def _rss(master: psutil.Process) -> dict[str, float]:
    mb = 2**20
    out: dict[str, float] = {"master": round(master.memory_info().rss / mb, 1)}
    workers = []
    for child in master.children():
        cmd = " ".join(child.cmdline())
        if "resource_tracker" in cmd:
            out["resource_tracker"] = round(child.memory_info().rss / mb, 1)
        else:
            workers.append(round(child.memory_info().rss / mb, 1))
    out["workers"] = sorted(workers)  # type: ignore[assignment]
    out["total"] = round(out["master"] + sum(workers) + out.get("resource_tracker", 0.0), 1)
    return out


def measure(*, workers: int = 2, port: int = 18640, store: Path | None = None) -> dict[str, object]:
    """Start ``locator serve``, warm it up in two steps, return the RSS at each step (MB)."""
    store = store or Path(tempfile.mkdtemp(prefix="locator-mem-")) / "locator.gpkg"
    subprocess.run(
        [sys.executable, "-m", "locator", "info", "--store", str(store)],
        check=True,
        capture_output=True,
    )  # create the store before the timed run
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "locator",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--store",
            str(store),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=os.environ,
    )
    try:
        for _ in range(240):
            try:
                _get(base, "/health")
                break
            except OSError:
                time.sleep(0.5)
        master = psutil.Process(proc.pid)
        time.sleep(2)
        report: dict[str, object] = {"workers": workers, "idle": _rss(master)}
        for _ in range(40):
            for path in SEARCH:
                _get(base, path)
        report["search"] = _rss(master)
        for _ in range(4):
            for path in EVERYTHING:
                _get(base, path)
        report["everything"] = _rss(master)
        return report
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=18640)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    report = measure(workers=args.workers, port=args.port)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        for step in ("idle", "search", "everything"):
            r: Any = report[step]
            print(
                f"{step:>10}: master {r['master']} MB, workers {r['workers']} MB, "
                f"tracker {r.get('resource_tracker', '-')} MB, total {r['total']} MB"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
