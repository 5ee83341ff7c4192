"""Issue 13: every malformed or hostile upload is a 4xx with a clear message, never a 500."""

from __future__ import annotations

import pytest

from tests.api.conftest import API_KEY
from tests.fixtures.hostile import corpus

CASES = corpus()


@pytest.fixture(scope="module")
def writer(base_store, tmp_path_factory):
    import shutil

    from fastapi.testclient import TestClient

    from api.app import create_app
    from tests.api.conftest import _settings

    path = tmp_path_factory.mktemp("hostile") / "locator.gpkg"
    shutil.copy(base_store, path)
    with TestClient(create_app(_settings(path, api_key=API_KEY))) as client:
        yield client


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_upload_is_a_clear_4xx(writer, case):
    fmt, body, words = CASES[case]
    before = writer.get("/health").json()["dataset_version"]
    r = writer.post(
        "/v1/imports",
        params={"format": fmt, "lang": "en"},
        content=body,
        headers={"X-API-Key": API_KEY, "Content-Type": "application/octet-stream"},
    )
    assert 400 <= r.status_code < 500, r.text[:500]
    assert r.headers["content-type"] == "application/problem+json"
    detail = r.json()["detail"] + " " + str(r.json().get("errors", ""))
    for word in words:
        assert word in detail, detail[:500]
    assert "Traceback" not in r.text
    assert writer.get("/health").json()["dataset_version"] == before  # nothing stored


def test_a_one_megabyte_name_is_cut_with_a_warning(writer):
    from tests.fixtures.hostile import feature, geojson

    body = geojson(feature({"id": "clinic-long-name", "name": "N" * 1_000_000}))
    r = writer.post(
        "/v1/imports",
        params={"format": "geojson", "dry_run": "true"},
        content=body,
        headers={"X-API-Key": API_KEY, "Content-Type": "application/octet-stream"},
    )
    assert r.status_code == 200, r.text[:300]
    warning = next(w for w in r.json()["warnings"] if w["field"] == "name")
    assert "1,000,000" in warning["message"] and "300" in warning["message"]
