"""Run a coroutine to completion from a test, whatever event loop the main thread holds.

The session's one ``browser`` fixture (Playwright's sync API) keeps an event loop running in
the main thread once a browser test has started, so ``asyncio.run`` there fails with "cannot
be called from a running event loop". This runs it in a thread of its own instead.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

__all__ = ["run_async"]

R = TypeVar("R")


def run_async(coro: Coroutine[Any, Any, R]) -> R:
    """``asyncio.run(coro)`` in a fresh thread; its result or its exception."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()
