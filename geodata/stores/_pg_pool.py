"""A small, predictable connection pool for the PostGIS store.

Why not ``psycopg_pool``: after an outage its background reconnection backs off (1 s, 2 s,
4 s...), so the first calls after the server is back can still time out. Here every call
that finds no healthy idle connection connects right away, in the caller's thread: while the
server is down each call fails fast (``connection refused``), and the first call after it is
back succeeds. When a connection turns out dead, every idle one is dropped too (a server
restart kills them all).

A frozen server (``SIGSTOP``, a hung host) still accepts TCP connections but never answers,
and server-side timeouts cannot fire there: each checkout therefore has a client-side
``deadline`` (and a reused connection's ping a short one). When it passes, a watchdog shuts
the socket down, the blocked call fails at once with :class:`DeadlineExceeded` and the
connection is dropped.

Examples
--------
>>> pool = Pool("postgresql://nowhere.invalid/db", max_size=2)
>>> pool.idle_count
0
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
from collections.abc import Iterator
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus

__all__ = ["DeadlineExceeded", "Pool", "PoolBusy", "Watchdog"]

PING_DEADLINE = 2.0
"""Seconds a reused connection gets to answer ``SELECT 1`` before it is dropped."""


class PoolBusy(psycopg.OperationalError):
    """Every connection stayed in use for ``timeout`` seconds."""


class DeadlineExceeded(psycopg.OperationalError):
    """The server did not answer within the client-side deadline (frozen or hung)."""


class Watchdog:
    """Shut ``conn``'s socket down if the block has not finished after ``seconds``.

    Examples
    --------
    >>> with Watchdog(None, 0) as dog:  # no connection, no deadline: does nothing
    ...     pass
    >>> dog.fired
    False
    """

    def __init__(self, conn: psycopg.Connection | None, seconds: float) -> None:
        self.conn = conn
        self.seconds = seconds
        self.fired = False
        self._timer: threading.Timer | None = None

    def __enter__(self) -> Watchdog:
        if self.conn is not None and self.seconds > 0:
            self._timer = threading.Timer(self.seconds, self._cut)
            self._timer.daemon = True
            self._timer.start()
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self.fired and exc_type is not None and issubclass(exc_type, psycopg.Error):
            raise DeadlineExceeded(
                f"the database did not answer within {self.seconds:g} s"
            ) from exc

    def _cut(self) -> None:
        self.fired = True
        if self.conn is None:  # never armed without a connection
            return
        try:
            fd = self.conn.pgconn.socket
        except (psycopg.Error, AttributeError):
            return
        with contextlib.suppress(OSError):
            sock = socket.socket(fileno=os.dup(fd))
            try:
                sock.shutdown(socket.SHUT_RDWR)
            finally:
                sock.close()


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
    deadline
        Default client-side deadline of one checkout (seconds, ``0``: none).
    connect_kwargs
        Extra :func:`psycopg.connect` arguments (``options``, ``application_name``...).
    """

    def __init__(
        self,
        url: str,
        *,
        max_size: int = 8,
        timeout: float = 5.0,
        deadline: float = 20.0,
        **connect_kwargs: Any,
    ) -> None:
        self.url = url
        self.timeout = timeout
        self.deadline = deadline
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
    def connection(
        self, *, ping: bool = False, deadline: float | None = None
    ) -> Iterator[psycopg.Connection]:
        """A connection in a transaction: committed on success, rolled back on error.

        ``ping`` first checks a reused connection with ``SELECT 1`` (for writes, which are
        not retried). ``deadline`` (default: the pool's) bounds the whole checkout.
        """
        if not self._slots.acquire(timeout=self.timeout):
            raise PoolBusy(f"no free database connection after {self.timeout:.1f} s")
        conn = None
        try:
            conn = self._checkout(ping=ping)
            with Watchdog(conn, self.deadline if deadline is None else deadline):
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
                with Watchdog(conn, PING_DEADLINE):
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
