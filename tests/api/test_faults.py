"""Issue 13: faults below the API (full disk, database timeouts) are clear 5xx answers."""

from __future__ import annotations

import sqlite3

from geodata.stores import gpkg as gpkg_module
from tests.api.conftest import API_KEY
from tests.api.test_imports import GOOD, _nearest_ids, _post


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
