"""Two real API processes (uvicorn) over one PostGIS schema: an import through one is served by
the other after its refresh interval, with no restart. Also: a 503 with Retry-After when the
database link is cut, and recovery once it is back.
"""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests import postgis_fixtures

database_url = postgis_fixtures.database_url
pg_schema = postgis_fixtures.pg_schema
db_proxy = postgis_fixtures.db_proxy

pytestmark = [pytest.mark.postgis, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
API_KEY = "replica-test-key"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _with_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}schema={schema}"


class Api:
    """One uvicorn process serving ``api.app:create_app_from_env``."""

    def __init__(self, url: str, log: Path) -> None:
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "LOCATOR_DATABASE_URL": url,
            "LOCATOR_REFRESH_SECONDS": "0.5",
            "LOCATOR_API_KEY": API_KEY,
        }
        env.pop("LOCATOR_STORE", None)
        self.log = log
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "api.app:create_app_from_env",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, timeout: float = 90.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, self.log.read_text()[-3000:]
            try:
                if httpx.get(f"{self.base}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"API on {self.base} not ready: {self.log.read_text()[-3000:]}")

    def version(self) -> str:
        return httpx.get(f"{self.base}/health", timeout=5).json()["dataset_version"]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _feature(sid: str, name: str, lon: float, lat: float) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "id": sid,
            "kind": "clinic",
            "name": name,
            "location_precision": "city",
            "source": "replica test",
        },
    }


def _import(api: Api, features: list[dict]) -> httpx.Response:
    body = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    return httpx.post(
        f"{api.base}/v1/imports",
        params={"format": "geojson"},
        headers={"X-API-Key": API_KEY},
        files={"file": ("sites.geojson", body, "application/geo+json")},
        timeout=60,
    )


def _wait_for(predicate, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def _nearest_id(api: Api, lon: float, lat: float) -> str:
    body = httpx.get(
        f"{api.base}/v1/nearest",
        params={"lon": lon, "lat": lat, "limit": 1, "kind": "clinic"},
        timeout=5,
    )
    features = body.json().get("features", []) if body.status_code == 200 else []
    return features[0]["id"] if features else ""


@pytest.fixture
def two_apis(database_url, pg_schema, tmp_path):
    url = _with_schema(database_url, pg_schema)
    first = Api(url, tmp_path / "a.log")
    first.wait_ready()  # the first one creates and seeds the schema
    second = Api(url, tmp_path / "b.log")
    second.wait_ready()
    yield first, second
    for api in (first, second):
        api.stop()


def test_an_import_through_one_replica_is_served_by_the_other(two_apis):
    first, second = two_apis
    assert first.version() == second.version()
    response = _import(first, [_feature("clinic-replica-1", "Clínica Réplica", -87.71, 41.91)])
    assert response.status_code == 200, response.text
    new_version = response.json()["dataset_version"]
    _wait_for(lambda: second.version() == new_version)
    assert _nearest_id(second, -87.71, 41.91) == "clinic-replica-1"
    # and the other way round, updating the same id in place
    response = _import(second, [_feature("clinic-replica-1", "Clínica Réplica 2", -87.0, 41.0)])
    assert response.status_code == 200 and response.json()["updated"] == 1
    _wait_for(lambda: first.version() == response.json()["dataset_version"])
    assert _nearest_id(first, -87.0, 41.0) == "clinic-replica-1"


def test_a_lost_database_gives_503_with_retry_after_then_recovers(
    database_url, pg_schema, db_proxy, tmp_path
):
    url = _with_schema(db_proxy.url(database_url), pg_schema)
    api = Api(url, tmp_path / "c.log")
    try:
        api.wait_ready()
        db_proxy.stop()
        response = _import(api, [_feature("clinic-down", "Caída", -90.0, 40.0)])
        assert response.status_code == 503, response.text
        assert int(response.headers["Retry-After"]) > 0
        assert response.headers["content-type"].startswith("application/problem+json")
        assert "no está disponible" in response.json()["detail"]
        # reads keep being served from the last snapshot meanwhile
        assert httpx.get(f"{api.base}/health", timeout=5).status_code == 200
        db_proxy.start()
        response = _import(api, [_feature("clinic-back", "De vuelta", -90.0, 40.0)])
        assert response.status_code == 200, response.text
        assert _nearest_id(api, -90.0, 40.0) == "clinic-back"
    finally:
        api.stop()
