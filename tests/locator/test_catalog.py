"""Tests for locator.catalog: snapshots are consistent and swapped atomically."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from shapely.geometry import Point

from geodata.schema import coerce_routes, coerce_sites, coerce_stops
from locator.catalog import Catalog, Snapshot
from locator.index import SiteIndex


class FakeStore:
    """In-memory store: version ``n`` holds ``n + 1`` sites, all named ``"v<n>"``.

    ``delay`` slows ``sites()`` so a refresh takes long enough to overlap with readers.
    """

    def __init__(self, delay: float = 0.0) -> None:
        self.n = 0
        self.delay = delay
        self.applied: list[object] = []
        self.reads = 0

    def version(self) -> str:
        return f"v{self.n}"

    def sites(self):
        n = self.n
        self.reads += 1
        rows = [
            {"id": f"s{i}", "kind": "vds", "name": f"v{n}", "geometry": Point(-100 + i, 40)}
            for i in range(n + 1)
        ]
        frame = coerce_sites(rows)
        time.sleep(self.delay)
        return frame

    def routes(self):
        return coerce_routes([])

    def stops(self):
        return coerce_stops([])

    def apply(self, changeset, *, dry_run=False):
        self.applied.append((changeset, dry_run))
        if not dry_run:
            self.n += 1
        return {"inserted": 0 if dry_run else 1, "dry_run": dry_run}


def test_initial_snapshot_and_refresh_only_on_change():
    store = FakeStore()
    catalog = Catalog(store)
    snap = catalog.snapshot
    assert isinstance(snap, Snapshot) and snap.version == "v0"
    assert isinstance(snap.index, SiteIndex) and snap.sites is snap.index.sites
    assert catalog.refresh() is False and catalog.snapshot is snap
    assert catalog.refresh(force=True) is True and catalog.snapshot is not snap
    store.n = 3
    assert catalog.refresh() is True
    assert catalog.snapshot.version == "v3" and len(catalog.snapshot.index) == 4


def test_snapshot_is_frozen():
    catalog = Catalog(FakeStore())
    with pytest.raises(AttributeError):
        catalog.snapshot.version = "x"


def test_apply_delegates_and_refreshes():
    store = FakeStore()
    catalog = Catalog(store)
    report = catalog.apply("changes")
    assert report == {"inserted": 1, "dry_run": False}
    assert store.applied == [("changes", False)]
    assert catalog.snapshot.version == "v1" and len(catalog.snapshot.sites) == 2
    before = catalog.snapshot
    catalog.apply("more", dry_run=True)
    assert catalog.snapshot is before


def _consistent(snap: Snapshot) -> bool:
    """All data in a snapshot belongs to its version, and its index answers from that data."""
    n = int(snap.version[1:])
    if len(snap.sites) != n + 1 or len(snap.index) != n + 1:
        return False
    if set(snap.sites["name"]) != {snap.version}:
        return False
    dist, pos = snap.index.nearest_many(np.array([-100.0 + n]), np.array([40.0]), k=1)
    return pos[0, 0] == n and dist[0, 0] < 1e-6 and snap.index.sites is snap.sites


def test_readers_keep_a_consistent_snapshot_during_refresh():
    store = FakeStore(delay=0.005)
    catalog = Catalog(store)
    stop = threading.Event()
    problems: list[str] = []
    seen: set[str] = set()

    def reader():
        while not stop.is_set():
            snap = catalog.snapshot  # taken once, used throughout
            seen.add(snap.version)
            for _ in range(3):
                if not _consistent(snap):
                    problems.append(snap.version)

    readers = [threading.Thread(target=reader) for _ in range(3)]
    for t in readers:
        t.start()
    try:
        for _ in range(15):
            catalog.apply("change")
    finally:
        stop.set()
        for t in readers:
            t.join()
    assert problems == []
    assert catalog.snapshot.version == "v15" and _consistent(catalog.snapshot)
    assert len(seen) > 1  # readers really overlapped with refreshes


def test_concurrent_refreshes_load_once_per_version():
    store = FakeStore(delay=0.02)
    catalog = Catalog(store)
    store.n = 1
    reads_before = store.reads
    results: list[bool] = []
    threads = [threading.Thread(target=lambda: results.append(catalog.refresh())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 1
    assert store.reads - reads_before == 1
    assert _consistent(catalog.snapshot)
