"""The one headless Chromium of the browser tests: where it is and how it is launched.

The ``browser`` fixture (``tests/conftest.py``) launches it once per test session; every
browser test (marker ``browser``) takes that fixture and opens its own context.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["CHROMIUM", "CHROMIUM_ARGS"]

CHROMIUM = Path("/usr/bin/chromium")
"""Debian's Chromium (``apt-get install chromium``), driven by Playwright."""

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
"""Launch flags: no sandbox (containers), no GPU, no background network traffic."""
