"""A small, predictable connection pool for the PostGIS store.

Why not ``psycopg_pool``: after an outage its background reconnection backs off (1 s, 2 s,
4 s...), so the first calls after the server is back can still time out. Here every call
that finds no healthy idle connection connects right away, in the caller's thread: while the
server is down each call fails fast (``connection refused``), and the first call after it is
back succeeds. When a connection turns out dead, every idle one is dropped too (a server
restart kills them all).

Examples
--------
>>> pool = Pool("postgresql://nowhere.invalid/db", max_size=2)
>>> pool.idle_count
0
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

__all__ = ["Pool", "PoolBusy"]


class PoolBusy(psycopg.OperationalError):
    """Every connection stayed in use for ``timeout`` seconds."""


class Pool:
    """At most ``max_size`` connections to ``url``; each checkout is one transaction.

    Parameters
    ----------
    url
        libpq connection string or URL.
    max_size
        Most connections open at once.
    timeout
        Seconds to wait for a free slot, and the connect timeout.
    connect_kwargs
        Extra :func:`psycopg.connect` arguments (``options``, ``application_name``...).
    """

    def __init__(
        self, url: str, *, max_size: int = 8, timeout: float = 5.0, **connect_kwargs: Any
    ) -> None:
        self.url = url
        self.timeout = timeout
        self._kwargs = {"connect_timeout": max(1, round(timeout)), **connect_kwargs}
        self._slots = threading.BoundedSemaphore(max_size)
        self._idle: list[psycopg.Connection] = []
        self._lock = threading.Lock()
        self._closed = False

    @property
    def idle_count(self) -> int:
        """Open connections waiting for work."""
        return len(self._idle)

    @contextlib.contextmanager
    def connection(self, *, ping: bool = False) -> Iterator[psycopg.Connection]:
        """A connection in a transaction: committed on success, rolled back on error.

        ``ping`` first checks a reused connection with ``SELECT 1`` (for writes, which are
        not retried).
        """
        if not self._slots.acquire(timeout=self.timeout):
            raise PoolBusy(f"no free database connection after {self.timeout:.1f} s")
        conn = None
        try:
            conn = self._checkout(ping=ping)
            yield conn
            conn.commit()
        except BaseException as exc:
            if conn is not None:
                with contextlib.suppress(psycopg.Error):
                    conn.rollback()
                if isinstance(exc, psycopg.OperationalError):
                    self.discard_idle()
            raise
        finally:
            if conn is not None:
                self._checkin(conn)
            self._slots.release()

    def _checkout(self, *, ping: bool) -> psycopg.Connection:
        while True:
            with self._lock:
                conn = self._idle.pop() if self._idle else None
            if conn is None:
                return psycopg.connect(self.url, **self._kwargs)
            if not ping:
                return conn
            try:
                conn.execute("SELECT 1")
                conn.rollback()
                return conn
            except psycopg.Error:
                conn.close()
                self.discard_idle()

    def _checkin(self, conn: psycopg.Connection) -> None:
        healthy = (
            not conn.closed
            and not conn.broken
            and conn.info.transaction_status == TransactionStatus.IDLE
        )
        with self._lock:
            if healthy and not self._closed:
                self._idle.append(conn)
                return
        conn.close()

    def discard_idle(self) -> None:
        """Close every idle connection (after one was found dead)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            conn.close()

    def close(self) -> None:
        """Close idle connections; connections in use close when returned."""
        self._closed = True
        self.discard_idle()
