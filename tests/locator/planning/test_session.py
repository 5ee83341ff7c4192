"""locator.planning.session: the demand layer built once, LRU per dataset version."""

import threading

import pytest
from shapely.geometry import Point, box

from locator.planning.demand import DemandLayer
from locator.planning.session import PlanningSession, simplified_geometries

from .conftest import grid_counties


class _Gazetteer:
    def places(self):
        return []


def _session(calls, **kw):
    counties = grid_counties(3, 2)

    def build(gz):
        calls.append(gz)
        return DemandLayer(counties, "test", {"es": "prueba", "en": "test"})

    return PlanningSession(_Gazetteer, demand=build, **kw)


def test_layer_built_once_even_with_threads():
    calls = []
    session = _session(calls)
    threads = [threading.Thread(target=session.layer) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1 and session.layer() is session.layer()


def test_lru_evicts_oldest():
    session = PlanningSession(lambda: None, cache_size=2)
    calls = []
    for key in ["a", "b", "a", "c", "a", "b"]:
        session.cached(key, lambda key=key: calls.append(key) or key)
    assert calls == ["a", "b", "c", "b"]  # "a" kept (recently used), "b" evicted by "c"


def test_coverage_cached_per_version(sites):
    session = _session([])
    first = session.coverage("v1", sites, kinds=["vds"], thresholds=(50.0,), gap_km=50.0)
    assert session.coverage("v1", sites, kinds=["vds"], thresholds=(50.0,), gap_km=50.0) is first
    other = session.coverage("v2", sites, kinds=["vds"], thresholds=(50.0,), gap_km=50.0)
    assert other is not first and other.summary == first.summary
    wider = session.coverage(
        "v1", sites, kinds=["vds", "consulate"], thresholds=(50.0,), gap_km=50.0
    )
    assert wider is not first


def test_shapes_in_layer_order():
    session = _session([])
    shapes = session.shapes()
    assert len(shapes) == 6 and shapes is session.shapes()
    assert all(s["type"] == "Polygon" for s in shapes)
    assert shapes[0]["coordinates"][0][0] in (
        [-100.0, 36.0],
        [-99.0, 36.0],
        [-100.0, 37.0],
        [-99.0, 37.0],
    )


@pytest.mark.parametrize("geom, kind", [(box(0, 0, 1, 1), "Polygon"), (Point(0.12345, 1), "Point")])
def test_simplified_geometries(geom, kind):
    (out,) = simplified_geometries([geom])
    assert out["type"] == kind
    assert simplified_geometries([None]) == [None]
