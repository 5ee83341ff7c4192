"""Per-client limit on wrong API keys (issue 13): guessing keys gets ``429``, not endless 401s.

:class:`KeyGuard` counts each client's failed key checks in a sliding window. Past
``max_failures`` in ``window`` seconds the client is refused with ``429 Too Many Requests``
and a ``Retry-After`` saying when its oldest failure leaves the window; while refused its key
is not even compared, so a correct guess cannot be confirmed. Clients are the connection's
address (run uvicorn with ``--proxy-headers`` behind a proxy). At most ``max_clients`` are
tracked (the stalest are forgotten first), so memory stays bounded.

Examples
--------
>>> guard = KeyGuard(max_failures=2, window=60)
>>> guard.failed("10.0.0.1", now=0.0); guard.failed("10.0.0.1", now=1.0)
>>> guard.retry_after("10.0.0.1", now=2.0)  # blocked until the first failure is 60 s old
58
>>> guard.retry_after("10.0.0.2", now=2.0) is None  # other clients are not affected
True
>>> guard.retry_after("10.0.0.1", now=61.0) is None
True
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict, deque

__all__ = ["KeyGuard"]


class KeyGuard:
    """Sliding-window count of wrong keys per client (thread-safe)."""

    def __init__(
        self, *, max_failures: int = 10, window: float = 60.0, max_clients: int = 10_000
    ) -> None:
        self.max_failures = max_failures
        self.window = window
        self.max_clients = max_clients
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float] | None:
        times = self._failures.get(client)
        if times is None:
            return None
        while times and times[0] <= now - self.window:
            times.popleft()
        if not times:
            del self._failures[client]
            return None
        return times

    def retry_after(self, client: str, *, now: float) -> int | None:
        """Seconds ``client`` must wait, or ``None`` when it may try a key."""
        if self.max_failures <= 0:
            return None
        with self._lock:
            times = self._recent(client, now)
            if times is None or len(times) < self.max_failures:
                return None
            return max(1, math.ceil(times[0] + self.window - now))

    def failed(self, client: str, *, now: float) -> None:
        """Record one wrong or missing key from ``client``."""
        with self._lock:
            times = self._recent(client, now)
            if times is None:
                times = self._failures[client] = deque(maxlen=max(1, self.max_failures))
            times.append(now)
            self._failures.move_to_end(client)
            while len(self._failures) > self.max_clients:
                self._failures.popitem(last=False)
