"""Benchmark of outreach planning on the bundled data (no network).

Run: ``.venv/bin/python bench/bench_planning.py [--repeat 3] [--full]``

Measures: demand layer build; nearest-site distances for all counties; the whole coverage model
(distances, thresholds, catchments, 2SFCA/E2SFCA); the gap outputs; MCLP with K=5 over every
GeoNames place of 15,000+ as candidates, on (a) the GeoNames proxy demand and (b) every county
weighted 1 (the largest model: every county is a client). ``--full`` also solves (b) without
the model reduction (slow: minutes).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from geodata.bundled import load_bundled
from geodata.gazetteer import Gazetteer
from locator.index import SiteIndex
from locator.planning import CoverageModel, DemandLayer
from locator.planning.demand import proxy_places
from locator.planning.outputs import write_gap_outputs
from locator.planning.suggest import SiteSuggester


def timed(label: str, func: Callable[[], object], repeat: int) -> object:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    print(f"{label:<58} median {statistics.median(times):8.3f} s  "
          f"(min {min(times):.3f}, n={repeat})")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="also solve MCLP without reduction")
    args = parser.parse_args()
    r = args.repeat

    start = time.perf_counter()
    gz = Gazetteer.default()
    counties, places = gz.counties(), gz.places()
    print(f"{'gazetteer load (once)':<58} {time.perf_counter() - start:8.3f} s")
    sites = load_bundled().sites
    cands = proxy_places(places)
    print(f"counties {len(counties)}, sites {len(sites)}, candidate places {len(cands)}")

    layer = timed("demand layer (GeoNames proxy, point-in-polygon)",
                  lambda: DemandLayer.from_places(counties, places), r)
    c = layer.counties
    index = SiteIndex.from_geodataframe(sites)
    timed(f"nearest site for all {len(c)} counties (k=1)",
          lambda: index.nearest_many(c["center_lon"], c["center_lat"], k=1), r)
    model = timed("CoverageModel.solve, all kinds (incl. 2SFCA/E2SFCA 200 km)",
                  lambda: CoverageModel.from_geodataframe(layer, sites).solve(), r)
    timed("CoverageModel.solve, kinds=vds",
          lambda: CoverageModel.from_geodataframe(layer, sites, kinds="vds").solve(), r)
    with tempfile.TemporaryDirectory() as tmp:
        timed("write_gap_outputs (HTML, CSV, GeoJSON, PNG)",
              lambda: write_gap_outputs(model, tmp, lang="es"), max(1, r - 1))
        sizes = {p.name: p.stat().st_size for p in Path(tmp).iterdir()}
    print("  output sizes: " + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(sizes.items())))

    def suggest(demand, **kw):
        return SiteSuggester.from_geodataframe(demand, sites, candidates=places, k=5,
                                               service_radius_km=100, kinds="vds", **kw).solve()

    s = timed("MCLP K=5, 100 km, proxy demand, existing VDS fixed", lambda: suggest(layer), r)
    print(f"  model {s.reduced_shape[0]} rows x {s.reduced_shape[1]} columns; covered "
          f"{s.coverage_before['share_covered']:.1%} -> {s.coverage_after['share_covered']:.1%}")
    ones = c.assign(population=1)
    s = timed("MCLP K=5, 100 km, every county weighted 1", lambda: suggest(ones), r)
    print(f"  model {s.reduced_shape[0]} rows x {s.reduced_shape[1]} columns; counties covered "
          f"{s.coverage_before['counties_covered']} -> {s.coverage_after['counties_covered']}")
    if args.full:
        s = timed("MCLP K=5, every county weighted 1, NO reduction",
                  lambda: suggest(ones, reduce=False), 1)
        print(f"  model {s.reduced_shape[0]} rows x {s.reduced_shape[1]} columns; counties "
              f"covered {s.coverage_after['counties_covered']}")


if __name__ == "__main__":
    main()
