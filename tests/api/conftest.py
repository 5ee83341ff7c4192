"""Fixtures for the HTTP API tests: a GeoPackage store in a temp folder and TestClients.

``client`` is shared by read-only tests (one store, one app, lifespan run once). Tests that
write get their own copy of the store through ``make_client``.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from geodata.stores.gpkg import GeoPackageStore

API_KEY = "test-key-0123456789"


@pytest.fixture(scope="session")
def base_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A GeoPackage created from the bundled dataset, once per session (do not write to it)."""
    path = tmp_path_factory.mktemp("store") / "locator.gpkg"
    GeoPackageStore(path)
    return path


def _settings(store: Path, **overrides) -> Settings:
    values = {
        "store": str(store),
        "database_url": None,
        "api_key": None,
        "cors": "*",
        "default_lang": "es",
        "refresh_seconds": 0,
        "max_upload_mb": 20.0,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture(scope="session")
def client(base_store: Path) -> Iterator[TestClient]:
    """Read-only client on the shared store (writes disabled)."""
    with TestClient(create_app(_settings(base_store))) as test_client:
        yield test_client


@pytest.fixture
def store_copy(base_store: Path, tmp_path: Path) -> Path:
    """A private copy of the store for a test that writes."""
    path = tmp_path / "locator.gpkg"
    shutil.copy(base_store, path)
    return path


@pytest.fixture
def make_client(store_copy: Path) -> Iterator[Callable[..., TestClient]]:
    """Build clients on the private store copy: ``make_client(api_key=..., max_upload_mb=...)``."""
    with ExitStack() as stack:

        def make(**overrides) -> TestClient:
            app = create_app(_settings(store_copy, **overrides))
            return stack.enter_context(TestClient(app))

        yield make
