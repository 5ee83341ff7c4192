"""Fixtures for the search-page tests: a real uvicorn server on a temp store, headless Chromium.

The server runs in its own process (``LOCATOR_STORE`` points at a GeoPackage made from the
bundled data in a temp folder) on a free port of 127.0.0.1. Browser tests use the session's
one Chromium (the ``browser`` fixture of ``tests/conftest.py``), skipped with a message when
it is not installed.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from geodata.stores.gpkg import GeoPackageStore

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_up(url: str, proc: subprocess.Popen, log: Path, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not start in {timeout}s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A GeoPackage created from the bundled dataset (read-only for these tests)."""
    path = tmp_path_factory.mktemp("web-store") / "locator.gpkg"
    GeoPackageStore(path)
    return path


@contextlib.contextmanager
def serve(store: Path, log: Path, *, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Run the API and page on ``store`` in a uvicorn process; yield its base URL.

    ``extra_env``: more ``LOCATOR_*`` settings (e.g. ``LOCATOR_BASEMAP``).
    """
    port = _free_port()
    env = {
        k: v for k, v in os.environ.items() if k not in ("LOCATOR_DATABASE_URL", "LOCATOR_API_KEY")
    }  # the temp store, read-only
    env = {k: v for k, v in env.items() if k not in ("LOCATOR_BASEMAP", "LOCATOR_ONLINE_TILES")}
    env |= {"LOCATOR_STORE": str(store), "LOCATOR_REFRESH_SECONDS": "0", **(extra_env or {})}
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "api.app:create_app_from_env",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
    ]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}/"
    try:
        _wait_up(base + "health", proc, log)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def server(web_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL (``http://127.0.0.1:PORT/``) of a uvicorn server running the API and page."""
    with serve(web_store, tmp_path_factory.mktemp("web-server") / "server.log") as base:
        yield base


@pytest.fixture
def context(browser) -> Iterator[object]:
    """A fresh browser context (own storage and service workers), phone-sized."""
    ctx = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="es-MX", service_workers="allow"
    )
    try:
        yield ctx
    finally:
        ctx.close()


@pytest.fixture
def page(context) -> object:
    """A page in :func:`context`."""
    return context.new_page()
