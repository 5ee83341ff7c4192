"""Issue 13: faults below the API (full disk, database timeouts) are clear 5xx answers."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time

import pytest

from geodata.stores import gpkg as gpkg_module
from tests import postgis_fixtures
from tests.api.conftest import API_KEY
from tests.api.test_imports import GOOD, _nearest_ids, _post
from tests.run_async import run_async

bundle = postgis_fixtures.bundle
database_url = postgis_fixtures.database_url
pg_schema = postgis_fixtures.pg_schema
db_proxy = postgis_fixtures.db_proxy


def _disk_full(*args, **kwargs):
    raise sqlite3.OperationalError("database or disk is full")


def test_full_disk_is_507_and_changes_nothing(make_client, monkeypatch):
    client = make_client(api_key=API_KEY)
    before = client.get("/health").json()
    monkeypatch.setattr(gpkg_module, "_write_layer", _disk_full)
    r = _post(client, GOOD)
    assert r.status_code == 507
    body = r.json()
    assert r.headers["content-type"] == "application/problem+json"
    assert body["code"] == "storage_full" and "lleno" in body["detail"]
    assert "Traceback" not in r.text
    assert client.get("/health").json()["dataset_version"] == before["dataset_version"]
    assert "clinic-test-nome-1" not in _nearest_ids(client)
    monkeypatch.undo()
    assert _post(client, GOOD).status_code == 200  # space back: the same upload goes in


def test_503_retry_after_comes_from_the_error(client):
    from starlette.requests import Request

    from api.errors import _locator_error
    from geodata.errors import DataUnavailableError, StoreError

    request = Request(
        {
            "type": "http",
            "method": "POST",
            "path": "/v1/imports",
            "headers": [],
            "query_string": b"",
            "app": client.app,
        }
    )
    observed = DataUnavailableError("down", detail={"retry_after_seconds": 7})
    response = run_async(_locator_error(request, observed))
    assert response.status_code == 503 and response.headers["retry-after"] == "7"
    fallback = run_async(_locator_error(request, StoreError("broken")))
    assert int(fallback.headers["retry-after"]) > 0


def test_concurrent_import_409_says_when_to_retry(make_client):
    client = make_client(api_key=API_KEY)
    runtime = client.app.state.runtime
    runtime.import_timer.durations = [20.0]

    async def hold_and_post():
        async with runtime.import_lock:
            runtime.import_timer.started(now=time.monotonic())
            return await asyncio.to_thread(_post, client, GOOD)

    r = client.portal.call(hold_and_post)
    assert r.status_code == 409
    assert 1 <= int(r.headers["retry-after"]) <= 20
    assert r.json()["retry_after_seconds"] == int(r.headers["retry-after"])


def test_a_failed_refresh_logs_one_line_without_traceback(base_store, caplog):
    from api.app import create_app
    from geodata.errors import DataUnavailableError
    from tests.api.conftest import _settings

    app = create_app(_settings(base_store, refresh_seconds=0.01))
    runtime = app.state.runtime
    calls = []

    def failing_refresh():
        calls.append(1)
        cause = OSError("connection to server at 10.0.0.9 failed")
        raise DataUnavailableError("The database is unavailable") from cause

    runtime.catalog.refresh = failing_refresh

    async def run_a_few():
        task = asyncio.ensure_future(runtime.refresh_forever())
        while len(calls) < 3:
            await asyncio.sleep(0.01)
        task.cancel()

    with caplog.at_level(logging.WARNING, logger="locator.api"):
        run_async(run_a_few())
    records = [r for r in caplog.records if "refresh failed" in r.getMessage()]
    assert len(records) >= 3
    for record in records:
        assert record.exc_info is None and "\n" not in record.getMessage()
        assert "DataUnavailableError" in record.getMessage()


@pytest.mark.postgis
def test_import_on_a_frozen_database_is_503_with_retry_after(
    bundle, database_url, pg_schema, db_proxy
):
    from fastapi.testclient import TestClient

    from api.app import create_app
    from api.settings import Settings

    url = db_proxy.url(database_url)
    settings = Settings(
        database_url=f"{url}?schema={pg_schema}", api_key=API_KEY, refresh_seconds=0
    )
    with TestClient(create_app(settings)) as client:
        version = client.get("/health").json()["dataset_version"]
        db_proxy.freeze()
        try:
            r = _post(client, GOOD)
        finally:
            db_proxy.thaw()
        assert r.status_code == 503, r.text
        assert int(r.headers["retry-after"]) == r.json()["retry_after_seconds"] >= 1
        for leak in ("postgresql://", "127.0.0.1", f":{db_proxy.port}", pg_schema + "?"):
            assert leak not in r.text
        assert client.get("/health").json()["dataset_version"] == version
        assert _post(client, GOOD).status_code == 200  # thawed: the same import goes in
