"""The running service's shared objects: settings, catalog, gazetteer, per-version view.

One :class:`Runtime` lives in ``app.state.runtime``. Requests read :meth:`Runtime.view`, an
immutable :class:`~locator.features.View` of the current snapshot; a refresh (background task or
import) swaps the catalog's snapshot and the next call builds a new view.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import threading
from typing import TYPE_CHECKING, Any

from starlette.concurrency import run_in_threadpool

from api.settings import Settings
from locator.catalog import Catalog
from locator.features import View

if TYPE_CHECKING:
    from geodata.gazetteer import Gazetteer

__all__ = ["ImportTimer", "Runtime"]

log = logging.getLogger("locator.api")


def _one_line(exc: BaseException) -> str:
    """``Type: message`` of ``exc`` and its cause, on one line (no traceback)."""
    parts: list[str] = []
    current: BaseException | None = exc
    while current is not None and len(parts) < 3:
        text = " ".join(str(current).split())[:300]
        parts.append(f"{type(current).__name__}: {text}" if text else type(current).__name__)
        current = current.__cause__
    return " <- ".join(parts)


class ImportTimer:
    """How long imports take, to tell a client when the running one should be done.

    Examples
    --------
    >>> timer = ImportTimer()
    >>> timer.retry_after(now=0.0)  # nothing running
    1
    >>> timer.started(now=0.0); timer.finished(now=8.0)
    >>> timer.started(now=10.0)
    >>> timer.retry_after(now=12.0)  # a typical import takes 8 s; 2 s gone
    6
    """

    def __init__(self) -> None:
        self.durations: list[float] = []
        self.since: float | None = None

    def started(self, *, now: float) -> None:
        self.since = now

    def finished(self, *, now: float) -> None:
        if self.since is not None:
            self.durations = [*self.durations[-9:], now - self.since]
        self.since = None

    def retry_after(self, *, now: float) -> int:
        """Seconds until the running import should be over (1..60)."""
        if self.since is None:
            return 1
        typical = sorted(self.durations)[len(self.durations) // 2] if self.durations else 5.0
        return int(min(60, max(1, round(typical - (now - self.since)))))


class Runtime:
    """Settings + catalog + lazily loaded gazetteer + cached view of the current snapshot."""

    def __init__(self, settings: Settings, catalog: Catalog) -> None:
        self.settings = settings
        self.catalog = catalog
        self._view: View | None = None
        self._view_lock = threading.Lock()
        self._gazetteer: Gazetteer | None = None
        self.import_lock = asyncio.Lock()
        self.import_timer = ImportTimer()
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
            except Exception as exc:  # keep serving the current snapshot; retry next time
                log.warning(
                    "dataset refresh failed, still serving %s: %s", self.version, _one_line(exc)
                )

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
