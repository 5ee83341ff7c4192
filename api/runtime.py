"""The running service's shared objects: settings, catalog, gazetteer, per-version view.

One :class:`Runtime` lives in ``app.state.runtime``. Requests read :meth:`Runtime.view`, an
immutable :class:`~api.features.View` of the current snapshot; a refresh (background task or
import) swaps the catalog's snapshot and the next call builds a new view.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import threading
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool

from api.features import View
from api.settings import Settings
from locator.catalog import Catalog

if TYPE_CHECKING:
    from geodata.gazetteer import Gazetteer

__all__ = ["Runtime"]

log = logging.getLogger("locator.api")


class Runtime:
    """Settings + catalog + lazily loaded gazetteer + cached view of the current snapshot."""

    def __init__(self, settings: Settings, catalog: Catalog) -> None:
        self.settings = settings
        self.catalog = catalog
        self._view: View | None = None
        self._view_lock = threading.Lock()
        self._gazetteer: Gazetteer | None = None
        self.import_lock = asyncio.Lock()
        self._frozen = False

    @classmethod
    def open(cls, settings: Settings) -> Runtime:
        """Open the configured store and load its first snapshot."""
        from geodata.stores import open_store

        return cls(settings, Catalog(open_store(settings.store_location)))

    @property
    def version(self) -> str:
        """Current dataset version (cheap: one attribute read)."""
        return self.catalog.snapshot.version

    def view(self) -> View:
        """The view of the current snapshot, built on first use after each swap."""
        snapshot = self.catalog.snapshot
        view = self._view
        if view is not None and view.snapshot is snapshot:
            return view
        with self._view_lock:
            view = self._view
            if view is None or view.snapshot is not snapshot:
                view = View.build(snapshot)
                self._view = view
        return view

    def gazetteer(self) -> Gazetteer:
        """The offline gazetteer (loaded on first use; a few seconds)."""
        if self._gazetteer is None:
            from geodata.gazetteer import Gazetteer

            self._gazetteer = Gazetteer.default()
        return self._gazetteer

    def refresh(self) -> bool:
        """Reload the snapshot if the store changed (another process imported); warm the view."""
        changed = self.catalog.refresh()
        if changed:
            log.info("dataset refreshed to version %s", self.version)
            self.settle()
        return changed

    def settle(self) -> None:
        """After a snapshot swap: build the new view, free the old one, re-freeze the heap.

        Old snapshots may hold reference cycles (pandas), which frozen objects never lose;
        one full collection (tens of ms, in a worker thread) per swap releases them.
        """
        self.view()
        if self._frozen:
            gc.unfreeze()
            gc.collect()
            gc.freeze()

    async def refresh_forever(self) -> None:
        """Background task: look for a new dataset version every ``refresh_seconds``."""
        interval = self.settings.refresh_seconds
        if interval <= 0:
            return
        while True:
            await asyncio.sleep(interval)
            try:
                await run_in_threadpool(self.refresh)
            except Exception:  # keep serving the current snapshot; retry next time
                log.exception("dataset refresh failed")

    async def warm_up(self) -> None:
        """Build the first view, load the gazetteer, then freeze the heap for the GC.

        The gazetteer and the view are millions of long-lived objects; ``gc.freeze()`` moves
        them out of the collector's reach so full collections stay short (no latency spikes).
        """
        await run_in_threadpool(self.view)
        await run_in_threadpool(self.gazetteer)
        gc.collect()
        gc.freeze()
        self._frozen = True

    def info(self) -> dict[str, Any]:
        """Version and counts (for ``/health``)."""
        view = self.view()
        return {"dataset_version": view.version, "counts": view.counts}
