"""The current dataset as one immutable snapshot, swapped atomically on refresh.

A :class:`Catalog` wraps a store (``geodata.stores.base.SiteStore``: ``sites()``, ``routes()``,
``stops()``, ``version()``, ``apply(changeset)``). Readers take ``catalog.snapshot`` once per
request and use only that object: its sites, routes, stops and :class:`~locator.index.SiteIndex`
always belong together. :meth:`Catalog.refresh` reads the store and builds a complete new
index *before* replacing the single ``_snapshot`` reference, so a reader never sees a
half-built index, and a reader still holding the old snapshot keeps a consistent view.

Examples
--------
>>> from geodata.schema import coerce_routes, coerce_sites, coerce_stops
>>> from shapely.geometry import Point
>>> class Store:
...     def version(self): return "v1"
...     def sites(self): return coerce_sites([{"id": "a", "kind": "vds", "name": "A",
...                                            "geometry": Point(-87.6, 41.9)}])
...     def routes(self): return coerce_routes([])
...     def stops(self): return coerce_stops([])
>>> catalog = Catalog(Store())
>>> catalog.snapshot.version, len(catalog.snapshot.index)
('v1', 1)
>>> catalog.refresh()
False
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any, Protocol

import geopandas as gpd

from locator.index import SiteIndex

__all__ = ["Catalog", "Snapshot", "StoreLike"]


class StoreLike(Protocol):
    """The part of ``geodata.stores.base.SiteStore`` the catalog uses."""

    def sites(self) -> gpd.GeoDataFrame: ...

    def routes(self) -> gpd.GeoDataFrame: ...

    def stops(self) -> gpd.GeoDataFrame: ...

    def version(self) -> str: ...

    def apply(self, changes: Any, *, dry_run: bool = False) -> Any: ...


@dataclass(frozen=True)
class Snapshot:
    """One consistent view of the data: never modified after it is built.

    ``sites`` is ``index.sites`` (positional index ``0..n-1``), so positions returned by the
    index refer to it.
    """

    version: str
    sites: gpd.GeoDataFrame
    routes: gpd.GeoDataFrame
    stops: gpd.GeoDataFrame
    index: SiteIndex

    @classmethod
    def load(cls, store: StoreLike, version: str) -> Snapshot:
        """Read everything from ``store`` and build the index (``version`` read beforehand)."""
        index = SiteIndex.from_geodataframe(store.sites())
        return cls(version, index.sites, store.routes(), store.stops(), index)


class Catalog:
    """Holds the current :class:`Snapshot` of a store as one atomically swapped reference.

    Parameters
    ----------
    store
        A ``SiteStore`` (or anything with the same ``sites/routes/stops/version/apply``).
        The first snapshot is loaded immediately.
    """

    def __init__(self, store: StoreLike) -> None:
        self._store = store
        self._refresh_lock = threading.Lock()
        version = store.version()
        self._snapshot: Snapshot = Snapshot.load(store, version)

    @property
    def store(self) -> StoreLike:
        """The wrapped store."""
        return self._store

    @property
    def snapshot(self) -> Snapshot:
        """The current snapshot. Take it once per request and use only that object."""
        return self._snapshot

    def refresh(self, force: bool = False) -> bool:
        """Reload from the store if its version changed (or ``force``); return True if swapped.

        The version is read before the data: if the store changes while we read, the new
        snapshot carries the older version and the next refresh loads again. Concurrent
        refreshes are serialised; readers are never blocked.
        """
        if not force and self._store.version() == self._snapshot.version:
            return False
        with self._refresh_lock:
            version = self._store.version()
            if not force and version == self._snapshot.version:
                return False  # another thread refreshed while we waited
            fresh = Snapshot.load(self._store, version)  # fully built before the swap
            self._snapshot = fresh  # one reference assignment: atomic for readers
            return True

    def apply(self, changeset: Any, **kwargs: Any) -> Any:
        """Store ``changeset`` via ``store.apply`` then reload; return the store's report.

        Extra keyword arguments (e.g. ``dry_run=True``) are passed to the store; a dry run
        does not reload.
        """
        report = self._store.apply(changeset, **kwargs)
        if not kwargs.get("dry_run"):
            self.refresh(force=True)
        return report
