"""GET /health."""

from __future__ import annotations

import pytest

from api.app import create_app
from api.schemas import Health
from api.settings import Settings
from geodata.errors import StoreError
from geodata.stores.gpkg import GeoPackageStore


def test_health_reports_version_and_counts(client, base_store):
    r = client.get("/health")
    assert r.status_code == 200
    body = Health.model_validate(r.json())
    store = GeoPackageStore(base_store, create=False)
    sites = store.sites()
    assert body.dataset_version == store.version()
    assert body.counts["sites"] == len(sites)
    assert body.counts["by_kind"] == sites["kind"].value_counts().to_dict()
    assert body.counts["routes"] == len(store.routes())
    assert body.counts["stops"] == len(store.stops())


def test_health_is_revalidated_not_cached(client):
    r = client.get("/health")
    assert r.headers["cache-control"] == "no-cache"
    assert r.headers["etag"].startswith('W/"')


def test_corrupt_store_fails_at_startup_with_store_error(tmp_path):
    bad = tmp_path / "bad.gpkg"
    bad.write_bytes(b"not a geopackage")
    with pytest.raises(StoreError):
        create_app(Settings(store=str(bad), refresh_seconds=0))
