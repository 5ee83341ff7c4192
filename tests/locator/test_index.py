"""Tests for locator.index.SiteIndex against brute-force haversine over random points.

Points are drawn across the US and its territories (CONUS, Alaska incl. the Aleutians west
of the antimeridian, Hawaii, Puerto Rico, Guam) plus boxes at the antimeridian and the poles.
"""

from __future__ import annotations

import threading

import geopandas as gpd
import numpy as np
import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box

from geodata.errors import InvalidInputError
from geodata.schema import coerce_sites
from locator.distance import EARTH_RADIUS_KM, KM_PER_MI, haversine_km
from locator.index import MAX_K, SiteIndex

REGIONS = {
    "conus": (-125.0, 24.0, -66.0, 49.5),
    "alaska": (-180.0, 51.0, -129.0, 71.5),
    "aleutians_east_of_180": (172.0, 51.0, 180.0, 53.5),
    "hawaii": (-160.5, 18.8, -154.7, 22.3),
    "puerto_rico": (-67.3, 17.9, -65.2, 18.6),
    "guam": (144.6, 13.2, 145.0, 13.7),
    "antimeridian_w": (175.0, -5.0, 180.0, 5.0),
    "antimeridian_e": (-180.0, -5.0, -175.0, 5.0),
    "north_pole": (-180.0, 85.0, 180.0, 90.0),
    "south_pole": (-180.0, -90.0, 180.0, -85.0),
}
KINDS = ["consulate", "vds", "vds_mobile", "clinic"]
SERVICES = ["vaccines", "screening_hiv", "primary_care", "insurance_info"]
LANGS = ["es", "en", "nah"]


def tol(d):
    """Distance tolerance: 1e-9 km except within ~1000 km of the antipode (asin ill-conditioned)."""
    return np.where(np.asarray(d) < 19_000.0, 1e-9, 1e-3)


@st.composite
def points(draw):
    minx, miny, maxx, maxy = draw(st.sampled_from(list(REGIONS.values())))
    lon = draw(st.floats(minx, maxx, allow_nan=False))
    lat = draw(st.floats(miny, maxy, allow_nan=False))
    return lon, lat


@st.composite
def site_rows(draw, max_size=40):
    pts = draw(st.lists(points(), max_size=max_size))
    if pts and draw(st.booleans()):  # duplicated coordinates
        pts += draw(st.lists(st.sampled_from(pts), max_size=5))
    rows = []
    for i, (lon, lat) in enumerate(pts):
        rows.append(
            {
                "id": f"s{i}",
                "kind": draw(st.sampled_from(KINDS)),
                "name": f"Site {i}",
                "services": draw(st.lists(st.sampled_from(SERVICES), unique=True, max_size=3)),
                "languages": draw(st.lists(st.sampled_from(LANGS), unique=True, max_size=2)),
                "geometry": Point(lon, lat),
            }
        )
    return rows


filters = st.fixed_dictionaries(
    {},
    optional={
        "kinds": st.lists(st.sampled_from(KINDS), unique=True, max_size=2),
        "services": st.lists(st.sampled_from(SERVICES), unique=True, max_size=2),
        "languages": st.lists(st.sampled_from([*LANGS, "ES"]), unique=True, max_size=2),
    },
)


def build(rows):
    return SiteIndex.from_geodataframe(coerce_sites(rows))


def matches(site, kinds=None, services=None, languages=None):
    """Reference filter semantics: ANY within a filter, AND across filters; empty = no filter."""
    if kinds and site["kind"] not in kinds:
        return False
    if services and not set(site["services"]) & set(services):
        return False
    langs = {x.lower() for x in languages or []}
    return not (langs and not {x.lower() for x in site["languages"]} & langs)


def brute(rows, lon, lat, **flt):
    keep = [i for i, r in enumerate(rows) if matches(r, **flt)]
    xs = np.array([rows[i]["geometry"].x for i in keep])
    ys = np.array([rows[i]["geometry"].y for i in keep])
    d = haversine_km(lon, lat, xs, ys) if keep else np.zeros(0)
    return np.array(keep, dtype=int), d


def check_knn(rows, lon, lat, k, dist, pos, max_km=None, **flt):
    keep, d = brute(rows, lon, lat, **flt)
    if max_km is not None:
        keep, d = keep[d <= max_km], d[d <= max_km]
    expected = np.sort(d)[:k]
    got = pos[pos >= 0]
    assert len(got) == len(expected)
    assert np.all(pos[len(got) :] == -1) and np.all(np.isinf(dist[len(got) :]))
    assert np.allclose(dist[: len(got)], expected, rtol=0, atol=tol(expected))
    assert len(set(got.tolist())) == len(got)  # no site twice
    assert set(got.tolist()) <= set(keep.tolist())  # filters honoured
    truth = dict(zip(keep.tolist(), d, strict=True))
    for p, reported in zip(got, dist, strict=False):  # each distance is that site's distance
        assert reported == pytest.approx(truth[int(p)], abs=float(tol(reported)))
    assert np.all(np.diff(dist[: len(got)]) >= 0)


@settings(max_examples=150, deadline=None)
@given(site_rows(), points(), st.integers(1, 12), filters)
def test_nearest_is_exact(rows, q, k, flt):
    index = build(rows)
    dist, pos = index.nearest_many(q[0], q[1], k=k, **flt)
    assert dist.shape == pos.shape == (1, k)
    check_knn(rows, *q, k, dist[0], pos[0], **flt)


@settings(max_examples=80, deadline=None)
@given(site_rows(), st.lists(points(), min_size=1, max_size=8), st.integers(1, 6), filters)
def test_batch_equals_single_queries(rows, qs, k, flt):
    index = build(rows)
    lons, lats = (np.array(v) for v in zip(*qs, strict=True))
    dist, pos = index.nearest_many(lons, lats, k=k, **flt)
    assert dist.shape == pos.shape == (len(qs), k)
    for i, (lon, lat) in enumerate(qs):
        d1, p1 = index.nearest_many(lon, lat, k=k, **flt)
        assert np.array_equal(p1[0] >= 0, pos[i] >= 0)
        assert np.allclose(d1[0], dist[i], rtol=0, atol=1e-3, equal_nan=False)
        check_knn(rows, lon, lat, k, dist[i], pos[i], **flt)


@settings(max_examples=80, deadline=None)
@given(site_rows(), points(), st.floats(0, 3000), filters)
def test_max_km_and_radius(rows, q, radius, flt):
    index = build(rows)
    dist, pos = index.nearest_many(q[0], q[1], k=MAX_K, max_km=radius, **flt)
    check_knn(rows, *q, MAX_K, dist[0], pos[0], max_km=radius, **flt)
    found = index.within_radius(q[0], q[1], radius, **flt)
    keep, d = brute(rows, *q, **flt)
    assert sorted(found["id"]) == sorted(rows[i]["id"] for i in keep[d <= radius])
    assert found["distance_km"].is_monotonic_increasing
    assert list(found["rank"]) == list(range(1, len(found) + 1))


def bbox_brute(rows, minx, miny, maxx, maxy, **flt):
    def inside(p):
        in_x = minx <= p.x <= maxx if minx <= maxx else (p.x >= minx or p.x <= maxx)
        return in_x and miny <= p.y <= maxy

    return sorted(r["id"] for r in rows if inside(r["geometry"]) and matches(r, **flt))


@settings(max_examples=100, deadline=None)
@given(site_rows(), points(), points(), filters)
def test_bbox_matches_brute_force(rows, a, b, flt):
    minx, maxx = a[0], b[0]  # minx > maxx crosses the antimeridian
    miny, maxy = sorted((a[1], b[1]))
    found = build(rows).within_bbox(minx, miny, maxx, maxy, **flt)
    assert sorted(found["id"]) == bbox_brute(rows, minx, miny, maxx, maxy, **flt)


def test_bbox_across_antimeridian_example():
    rows = [
        {"id": "adak", "kind": "vds", "name": "A", "geometry": Point(-176.6, 51.9)},
        {"id": "attu", "kind": "vds", "name": "B", "geometry": Point(173.2, 52.9)},
        {"id": "anchorage", "kind": "vds", "name": "C", "geometry": Point(-149.9, 61.2)},
    ]
    index = build(rows)
    assert sorted(index.within_bbox(170, 50, -170, 55)["id"]) == ["adak", "attu"]
    assert sorted(index.within_bbox(-170, 50, 170, 62)["id"]) == ["anchorage"]


@settings(max_examples=80, deadline=None)
@given(site_rows(), st.lists(points(), min_size=3, max_size=8), filters)
def test_polygon_matches_brute_force(rows, corners, flt):
    poly = shapely.convex_hull(shapely.MultiPoint(corners))
    if poly.geom_type != "Polygon" or poly.area == 0:
        return
    found = build(rows).within_polygon(poly, **flt)
    expected = sorted(r["id"] for r in rows if poly.intersects(r["geometry"]) and matches(r, **flt))
    assert sorted(found["id"]) == expected


def test_polygon_concave_multipolygon_and_geojson():
    rows = [
        {"id": f"p{x}_{y}", "kind": "clinic", "name": "x", "geometry": Point(x, y)}
        for x in range(-100, -89)
        for y in range(30, 41)
    ]
    index = build(rows)
    ell = Polygon([(-100, 30), (-95, 30), (-95, 35), (-90, 35), (-90, 40), (-100, 40)])
    got = set(index.within_polygon(ell)["id"])
    assert "p-90_40" in got and "p-95_30" in got  # boundary counts
    assert "p-93_32" not in got  # in the notch
    assert len(got) == sum(ell.intersects(r["geometry"]) for r in rows)
    multi = MultiPolygon([box(-100, 30, -99, 31), box(-91, 39, -90, 40)])
    assert len(index.within_polygon(multi)) == 8
    assert len(index.within_polygon(shapely.geometry.mapping(multi))) == 8


def test_nearest_frame_columns_and_order():
    rows = [
        {"id": f"s{i}", "kind": "vds", "name": "x", "geometry": Point(-90 + i, 40)}
        for i in range(6)
    ]
    out = build(rows).nearest(-87.1, 40, k=3)
    assert list(out["id"]) == ["s3", "s2", "s4"]
    assert list(out["rank"]) == [1, 2, 3]
    assert np.allclose(out["distance_mi"], out["distance_km"] / KM_PER_MI)
    assert isinstance(out, gpd.GeoDataFrame) and list(out.index) == [3, 2, 4]


@pytest.mark.parametrize("k", [1, 5, 50, MAX_K])
def test_k_larger_than_n(k):
    rows = [
        {"id": f"s{i}", "kind": "vds", "name": "x", "geometry": Point(-90 + i, 40)}
        for i in range(3)
    ]
    _, pos = build(rows).nearest_many([-90, 0], [40, 0], k=k)
    assert (pos >= 0).sum(axis=1).tolist() == [min(k, 3)] * 2
    assert len(build(rows).nearest(-90, 40, k=k)) == min(k, 3)


@pytest.mark.parametrize(
    "call",
    [
        lambda ix: ix.nearest(-90, 40),
        lambda ix: ix.within_radius(-90, 40, 1e6),
        lambda ix: ix.within_bbox(-180, -90, 180, 90),
        lambda ix: ix.within_polygon(box(-180, -90, 180, 90)),
    ],
)
@pytest.mark.parametrize("case", ["empty_index", "empty_filter_result"])
def test_empty_results(call, case):
    rows = (
        []
        if case == "empty_index"
        else [
            {"id": "a", "kind": "vds", "name": "x", "geometry": Point(-90, 40), "languages": ["en"]}
        ]
    )
    index = build(rows)
    out = call(index if case == "empty_index" else _Filtered(index))
    assert len(out) == 0 and isinstance(out, gpd.GeoDataFrame)
    dist, pos = index.nearest_many([1.0, 2.0], [3.0, 4.0], k=2, kinds=["clinic"])
    assert np.all(pos == -1) and np.all(np.isinf(dist))


class _Filtered:
    """Proxy adding a filter that matches nothing (clinics) to every query."""

    def __init__(self, index):
        self.index = index

    def __getattr__(self, name):
        method = getattr(self.index, name)
        return lambda *a, **kw: method(*a, kinds=["clinic"], **kw)


def test_duplicate_points_are_all_returned():
    rows = [
        {"id": f"d{i}", "kind": "vds", "name": "x", "geometry": Point(-90, 40)} for i in range(4)
    ]
    out = build(rows).nearest(-90, 40, k=10)
    assert sorted(out["id"]) == ["d0", "d1", "d2", "d3"]
    assert np.allclose(out["distance_km"], 0.0)


def test_filter_semantics_any_within_and_across():
    rows = [
        {
            "id": "a",
            "kind": "vds",
            "name": "a",
            "services": ["vaccines"],
            "languages": ["es"],
            "geometry": Point(0, 0),
        },
        {
            "id": "b",
            "kind": "clinic",
            "name": "b",
            "services": ["primary_care"],
            "languages": ["en"],
            "geometry": Point(0, 1),
        },
        {
            "id": "c",
            "kind": "vds",
            "name": "c",
            "services": ["vaccines", "primary_care"],
            "languages": ["EN"],
            "geometry": Point(0, 2),
        },
    ]
    index = build(rows)

    def ids(**f):
        return sorted(index.nearest(0, 0, k=10, **f)["id"])

    assert ids(services=["vaccines", "primary_care"]) == ["a", "b", "c"]
    assert ids(services="vaccines; insurance_info") == ["a", "c"]
    assert ids(kinds=["vds"], languages=["en"]) == ["c"]
    assert ids(kinds="vds,clinic", services=[]) == ["a", "b", "c"]
    assert ids(languages=["fr"]) == []


@pytest.mark.parametrize(
    "call",
    [
        lambda ix: ix.nearest(-90, 91),
        lambda ix: ix.nearest(-181, 40),
        lambda ix: ix.nearest(float("nan"), 40),
        lambda ix: ix.nearest_many([0, 1], [0, float("inf")]),
        lambda ix: ix.nearest_many([0, 1], [0]),
        lambda ix: ix.nearest_many(["a"], [0]),
        lambda ix: ix.nearest(-90, 40, k=0),
        lambda ix: ix.nearest(-90, 40, k=MAX_K + 1),
        lambda ix: ix.nearest(-90, 40, k=2.5),
        lambda ix: ix.nearest(-90, 40, max_km=-1),
        lambda ix: ix.nearest(-90, 40, kinds=["embassy"]),
        lambda ix: ix.nearest(-90, 40, services=["massage"]),
        lambda ix: ix.within_radius(-90, 40, float("nan")),
        lambda ix: ix.within_bbox(-100, 40, -90, 30),
        lambda ix: ix.within_bbox(-100, 30, -90, 95),
        lambda ix: ix.within_polygon(LineString([(0, 0), (1, 1)])),
        lambda ix: ix.within_polygon(Polygon([(0, 0), (1, 1), (1, 0), (0, 1)])),  # bow-tie
        lambda ix: ix.within_polygon("POLYGON"),
    ],
)
def test_invalid_input_is_bilingual(call):
    index = build([{"id": "a", "kind": "vds", "name": "x", "geometry": Point(-90, 40)}])
    with pytest.raises(InvalidInputError) as info:
        call(index)
    assert info.value.message("es") and info.value.message("en")
    assert info.value.message("es") != info.value.message("en")


def test_non_point_geometry_and_projected_input():
    bad = gpd.GeoDataFrame({"kind": ["vds"]}, geometry=[box(0, 0, 1, 1)], crs=4326)
    with pytest.raises(InvalidInputError):
        SiteIndex.from_geodataframe(bad)
    projected = coerce_sites([{"id": "a", "name": "x", "geometry": Point(-90, 40)}]).to_crs(5070)
    index = SiteIndex.from_geodataframe(projected)
    assert index.lon[0] == pytest.approx(-90) and index.lat[0] == pytest.approx(40)


def test_concurrent_filtered_queries_agree():
    rng = np.random.default_rng(7)
    rows = [
        {
            "id": f"s{i}",
            "kind": KINDS[i % 4],
            "name": "x",
            "services": [SERVICES[i % 3]],
            "geometry": Point(rng.uniform(-125, -66), rng.uniform(24, 49)),
        }
        for i in range(2000)
    ]
    index = build(rows)
    q = rng.uniform(-125, -66, 200), rng.uniform(24, 49, 200)
    flts = [{"kinds": [k]} for k in KINDS] + [{"services": [s]} for s in SERVICES]
    expected = [build(rows).nearest_many(*q, k=3, **f)[1] for f in flts]
    errors = []

    def worker(offset):
        for j in range(len(flts)):
            i = (j + offset) % len(flts)
            if not np.array_equal(index.nearest_many(*q, k=3, **flts[i])[1], expected[i]):
                errors.append(i)

    threads = [threading.Thread(target=worker, args=(t,)) for t in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_far_side_of_the_world_radius_returns_everything():
    rows = [
        {"id": f"s{i}", "kind": "vds", "name": "x", "geometry": Point(p)}
        for i, p in enumerate([(-90, 40), (144.8, 13.5), (90, -40)])
    ]
    out = build(rows).within_radius(-90, 40, np.pi * EARTH_RADIUS_KM)
    assert list(out["id"]) == ["s0", "s1", "s2"]


@pytest.mark.parametrize("k", [1, 2, 3])
def test_ties_at_the_kth_place_are_broken_by_dataset_position(k):
    # sites 0..3 share one point (like a VDS inside its consulate); site 4 is further away
    from shapely.geometry import Point as _Point

    from geodata.schema import coerce_sites

    rows = [
        {
            "id": f"s{i}",
            "kind": "vds",
            "name": f"S{i}",
            "location_precision": "city",
            "source": "t",
            "geometry": _Point(-100.0, 40.0),
        }
        for i in range(4)
    ] + [
        {
            "id": "far",
            "kind": "vds",
            "name": "F",
            "location_precision": "city",
            "source": "t",
            "geometry": _Point(-101.0, 40.0),
        }
    ]
    # shuffle positions so the tree's internal order differs from dataset order
    sites = coerce_sites(rows[::-1])
    index = SiteIndex.from_geodataframe(sites)
    result = index.nearest(-100.2, 40.1, k=k)
    tied = [p for p, sid in enumerate(sites["id"]) if sid != "far"]
    assert list(result.index) == tied[:k]


@pytest.mark.parametrize("k", [1, 2, 3, 4])
def test_batch_and_single_order_ties_identically(k):
    """A consulate, its VDS and a mobile unit share points in the bundled data."""
    from geodata.bundled import load_bundled

    index = SiteIndex.from_geodataframe(load_bundled().sites)
    rng = np.random.default_rng(7)
    lons, lats = rng.uniform(-124, -67, 400), rng.uniform(25, 49, 400)
    _, batch = index.nearest_many(lons, lats, k=k)
    for i in range(len(lons)):
        _, single = index.nearest_many(float(lons[i]), float(lats[i]), k=k)
        assert list(single[0]) == list(batch[i])
