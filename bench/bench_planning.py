"""Benchmark of outreach planning on the bundled data (no network).

Run: ``.venv/bin/python bench/bench_planning.py [--repeat 3] [--full] [--only-scale]
[--only-pmedian]``

Measures: demand layer build (bundled ACS 2013-2017, and the GeoNames proxy); nearest-site
distances for all counties; the whole coverage model (distances, thresholds, catchments,
2SFCA/E2SFCA, per-state and per-office figures); the gap outputs; MCLP with K=5 over every
GeoNames place of 15,000+ as candidates, on (a) the ACS demand and (b) every county weighted 1
(the largest model: every county is a client). ``--full`` also solves (b) without the model
reduction (slow: minutes).

At scale (``--scale``, default on): gap analysis with 20,000 imported sites (SYNTHETIC
benchmark clinics scattered around GeoNames places, never shipped as data) at county level and
at ZIP level (every gazetteer ZIP centroid, weighted by a population file written the way a
user would supply it: here each county's ACS count split evenly over its ZIPs); p-median K=10
over the 3,000 largest places as candidates, existing VDS fixed, run twice side by side: the
baseline (every useful pair given to CBC, as before 2026-12-02) and the default (a Lagrangian
bound removes the candidates that cannot be optimal first), with the ratio and a check that
both find the same places.
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
from geodata.schema import coerce_sites
from locator.index import SiteIndex
from locator.planning import CoverageModel, DemandLayer, default_demand
from locator.planning.demand import proxy_places, zip_demand
from locator.planning.models import solve_pmedian
from locator.planning.outputs import write_gap_outputs
from locator.planning.suggest import SiteSuggester


def timed(label: str, func: Callable[[], object], repeat: int) -> object:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    print(
        f"{label:<58} median {statistics.median(times):8.3f} s  (min {min(times):.3f}, n={repeat})"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="also solve MCLP without reduction")
    parser.add_argument(
        "--no-scale",
        dest="scale",
        action="store_false",
        help="skip the 20,000-site, ZIP-level and p-median runs",
    )
    parser.add_argument(
        "--only-scale",
        action="store_true",
        help="only the 20,000-site, ZIP-level and p-median runs",
    )
    parser.add_argument(
        "--only-pmedian",
        action="store_true",
        help="only p-median K=10 over 3,000 candidates, baseline vs default",
    )
    args = parser.parse_args()
    r = args.repeat

    start = time.perf_counter()
    gz = Gazetteer.default()
    counties, places = gz.counties(), gz.places()
    print(f"{'gazetteer load (once)':<58} {time.perf_counter() - start:8.3f} s")
    sites = load_bundled().sites
    cands = proxy_places(places)
    print(f"counties {len(counties)}, sites {len(sites)}, candidate places {len(cands)}")
    if args.only_pmedian:
        pmedian_side_by_side(default_demand(gz), sites, cands)
        return
    if args.only_scale:
        at_scale(gz, default_demand(gz), sites, cands)
        return

    timed(
        "demand layer (GeoNames proxy, point-in-polygon)",
        lambda: DemandLayer.from_places(counties, places),
        r,
    )
    layer = timed(
        "demand layer (bundled ACS 2013-2017, weighted centres)", lambda: default_demand(gz), r
    )
    c = layer.counties
    index = SiteIndex.from_geodataframe(sites)
    timed(
        f"nearest site for all {len(c)} counties (k=1)",
        lambda: index.nearest_many(c["center_lon"], c["center_lat"], k=1),
        r,
    )
    model = timed(
        "CoverageModel.solve, all kinds (incl. 2SFCA/E2SFCA 200 km)",
        lambda: CoverageModel.from_geodataframe(layer, sites).solve(),
        r,
    )
    timed(
        "CoverageModel.solve, kinds=vds",
        lambda: CoverageModel.from_geodataframe(layer, sites, kinds="vds").solve(),
        r,
    )
    with tempfile.TemporaryDirectory() as tmp:
        timed(
            "write_gap_outputs (HTML, CSV, GeoJSON, PNG)",
            lambda: write_gap_outputs(model, tmp, lang="es"),
            max(1, r - 1),
        )
        sizes = {p.name: p.stat().st_size for p in Path(tmp).iterdir()}
    print("  output sizes: " + ", ".join(f"{k} {v / 1e6:.2f} MB" for k, v in sorted(sizes.items())))

    def suggest(demand, **kw):
        return SiteSuggester.from_geodataframe(
            demand, sites, candidates=places, k=5, service_radius_km=100, kinds="vds", **kw
        ).solve()

    s = timed("MCLP K=5, 100 km, ACS demand, existing VDS fixed", lambda: suggest(layer), r)
    print(
        f"  model {s.reduced_shape[0]} rows x {s.reduced_shape[1]} columns; covered "
        f"{s.coverage_before['share_covered']:.1%} -> {s.coverage_after['share_covered']:.1%}"
    )
    ones = c.assign(population=1)
    s = timed("MCLP K=5, 100 km, every county weighted 1", lambda: suggest(ones), r)
    print(
        f"  model {s.reduced_shape[0]} rows x {s.reduced_shape[1]} columns; counties covered "
        f"{s.coverage_before['counties_covered']} -> {s.coverage_after['counties_covered']}"
    )
    if args.scale:
        at_scale(gz, layer, sites, cands)
    if args.full:
        s = timed(
            "MCLP K=5, every county weighted 1, NO reduction",
            lambda: suggest(ones, reduce=False),
            1,
        )
        print(
            f"  model {s.reduced_shape[0]} rows x {s.reduced_shape[1]} columns; counties "
            f"covered {s.coverage_after['counties_covered']}"
        )


def synthetic_sites(places, n: int, seed: int = 7):
    """``n`` SYNTHETIC clinics near GeoNames places (chosen by population, ~10 km scatter)."""
    import numpy as np
    from shapely.geometry import Point

    rng = np.random.default_rng(seed)
    p = places["population"].to_numpy(float)
    pick = rng.choice(len(places), size=n, p=p / p.sum())
    lon = places["lon"].to_numpy(float)[pick] + rng.normal(0, 0.1, n)
    lat = places["lat"].to_numpy(float)[pick] + rng.normal(0, 0.1, n)
    return coerce_sites(
        [
            {
                "id": f"bench-{i}",
                "kind": "clinic",
                "name": f"Synthetic {i}",
                "geometry": Point(x, y),
                "source": "benchmark (synthetic)",
                "illustrative": True,
            }
            for i, (x, y) in enumerate(zip(lon, lat, strict=True))
        ]
    )


def at_scale(gz, layer, sites, cands) -> None:
    """20,000 imported sites at county and ZIP level; p-median K=10 over 3,000 candidates."""
    gaps_at_scale(gz, layer, cands)
    pmedian_side_by_side(layer, sites, cands)


def gaps_at_scale(gz, layer, cands) -> None:
    """Gap analysis with 20,000 SYNTHETIC clinics, county level and ZIP level (the path of
    ``locator gaps --level zip --demand-file``: read and check the file, ZIP layer, no 2SFCA)."""
    import pandas as pd

    from locator.planning.demand import read_zip_population

    start = time.perf_counter()
    many = synthetic_sites(cands, 20_000)
    print(f"{'20,000 synthetic sites built (once)':<58} {time.perf_counter() - start:8.3f} s")
    model = timed(
        "gaps, county level, 20,000 sites (incl. 2SFCA 200 km)",
        lambda: CoverageModel.from_geodataframe(layer, many, kinds="clinic").solve(),
        1,
    )
    print(f"  counties {len(model.counties)}, beyond 100 km {model.population_beyond(100):,.0f}")
    timed(
        "gaps, county level, 20,000 sites, no 2SFCA",
        lambda: CoverageModel.from_geodataframe(
            layer, many, kinds="clinic", accessibility=False
        ).solve(),
        1,
    )
    zips = gz.zip_centroids()
    acs = layer.counties.set_index("fips")["population"]
    share = zips.groupby("county_fips")["zip"].transform("size")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "zip_population.csv"
        pd.DataFrame(
            {"zip": zips["zip"], "population": (zips["county_fips"].map(acs) / share).round()}
        ).dropna().to_csv(path, index=False)
        zl = timed(
            "ZIP demand layer from a user population file",
            lambda: zip_demand(
                gz, read_zip_population(path), source_label="bench: ACS split by ZIP"
            ),
            1,
        )
    model = timed(
        f"gaps, ZIP level ({len(zl.counties):,} ZIPs), 20,000 sites, no 2SFCA",
        lambda: CoverageModel.from_geodataframe(
            zl, many, kinds="clinic", accessibility=False
        ).solve(),
        1,
    )
    print(f"  ZIPs {len(model.counties)}, beyond 100 km {model.population_beyond(100):,.0f}")


def pmedian_side_by_side(layer, sites, cands) -> None:
    """p-median K=10 over the 3,000 largest places, VDS fixed: the baseline (every useful
    (county, candidate) pair given to CBC) and the default (Lagrangian elimination first),
    run one after the other on the same input; same optimum checked, ratio printed."""
    from locator.planning.costs import pair_costs

    top = cands.nlargest(3000, "population").reset_index(drop=True)
    vds = sites[sites["kind"] == "vds"]
    demand = layer.counties
    timed(
        "  candidate pairs within 1,000 km (before: all kept)",
        lambda: pair_costs(demand, top["lon"], top["lat"], max_cost=1000.0),
        1,
    )
    runs = {}
    for label, kwargs in (
        ("baseline: all pairs to CBC", {"eliminate": False}),
        ("default: Lagrangian elimination, then CBC", {}),
    ):
        start = time.perf_counter()
        res = solve_pmedian(demand, vds, top, k=10, **kwargs)
        runs[label] = (time.perf_counter() - start, res)
        print(f"p-median K=10, 3,000 cand., {label:<42} {runs[label][0]:8.3f} s")
        print(
            f"  model given to CBC {res.shape[0]} rows x {res.shape[1]} columns; weighted "
            f"mean km {res.before['weighted_mean_cost']:.1f} -> "
            f"{res.after['weighted_mean_cost']:.1f}; objective {res.objective:,.0f}"
        )
    (t0, base), (t1, new) = runs.values()
    same = base.chosen == new.chosen and abs(base.objective - new.objective) <= 1e-6 * abs(
        base.objective
    )
    print(
        f"  ratio baseline / default: {t0 / t1:.1f}x; same places and objective: {same}; "
        f"lower bound {new.bound:,.0f} (gap {(new.objective - new.bound) / new.objective:.4%})"
    )


if __name__ == "__main__":
    main()
