"""POST /v1/imports: auth, size limit, all-or-nothing validation, live swap, multi-replica."""

from __future__ import annotations

import json
import time

import pytest

from api.schemas import ImportResult
from tests.api.conftest import API_KEY
from tests.run_async import run_async

# Two clinics in Nome, Alaska: far from every bundled site, so "nearest" shows them at once.
NOME = {"lat": 64.5011, "lon": -165.4064}
SOURCE = "Test fixture written for tests/api/test_imports.py"


def _geojson(*features: dict) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def _site(sid: str, lon: float, lat: float, **props) -> dict:
    base = {
        "id": sid,
        "kind": "clinic",
        "name": f"Clinic {sid}",
        "city": "Nome",
        "state": "AK",
        "location_precision": "city",
        "source": SOURCE,
    }
    base.update(props)
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": base,
    }


GOOD = _geojson(
    _site("clinic-test-nome-1", NOME["lon"], NOME["lat"]),
    _site("clinic-test-nome-2", NOME["lon"] + 0.01, NOME["lat"]),
)
BAD = _geojson(
    _site("clinic-test-ok", NOME["lon"], NOME["lat"]),
    _site("clinic-test-bad", 0.0, 0.0, kind="spaceship"),
)


def _post(
    client,
    body: bytes = GOOD,
    *,
    key: str | None = API_KEY,
    fmt: str = "geojson",
    bearer: bool = False,
    **params,
):
    headers = {}
    if key is not None:
        headers = {"Authorization": f"Bearer {key}"} if bearer else {"X-API-Key": key}
    return client.post(
        "/v1/imports",
        params={"format": fmt, **params},
        headers=headers,
        files={"file": ("sites.geojson", body, "application/geo+json")},
    )


def _nearest_ids(client) -> list[str]:
    r = client.get("/v1/nearest", params={**NOME, "limit": 2})
    return [f["id"] for f in r.json()["features"]]


def test_writes_disabled_without_key(make_client):
    client = make_client(api_key=None)
    r = _post(client)
    assert r.status_code == 403
    assert r.json()["code"] == "writes_disabled"


@pytest.mark.parametrize("key", [None, "", "wrong-key", API_KEY + "x", API_KEY[:-1]])
def test_wrong_or_missing_key_is_401(make_client, key):
    client = make_client(api_key=API_KEY)
    r = _post(client, key=key)
    assert r.status_code == 401
    assert r.headers["www-authenticate"].startswith("Bearer")
    assert "clinic-test-nome-1" not in _nearest_ids(client)


@pytest.mark.parametrize("bearer", [False, True])
def test_good_key_imports_and_nearest_sees_it(make_client, bearer):
    client = make_client(api_key=API_KEY)
    before = client.get("/health").json()
    r = _post(client, bearer=bearer)
    assert r.status_code == 200, r.text
    result = ImportResult.model_validate(r.json())
    assert (result.inserted, result.updated, result.rows_read) == (2, 0, 2)
    after = client.get("/health").json()
    assert after["dataset_version"] == result.dataset_version != before["dataset_version"]
    assert after["counts"]["sites"] == before["counts"]["sites"] + 2
    assert _nearest_ids(client) == ["clinic-test-nome-1", "clinic-test-nome-2"]
    again = _post(client)
    assert (again.json()["inserted"], again.json()["unchanged"]) == (0, 2)


def test_dry_run_changes_nothing(make_client):
    client = make_client(api_key=API_KEY)
    version = client.get("/health").json()["dataset_version"]
    r = _post(client, dry_run="true")
    assert r.status_code == 200
    assert r.json()["dry_run"] is True and r.json()["inserted"] == 2
    assert client.get("/health").json()["dataset_version"] == version
    assert "clinic-test-nome-1" not in _nearest_ids(client)


def test_bad_file_is_422_with_rows_and_changes_nothing(make_client):
    client = make_client(api_key=API_KEY)
    version = client.get("/health").json()["dataset_version"]
    r = _post(client, BAD)
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["code"] == "import_invalid"
    assert any(e.get("row") == 2 for e in body["errors"])
    assert client.get("/health").json()["dataset_version"] == version
    assert "clinic-test-ok" not in _nearest_ids(client)


@pytest.mark.parametrize("body", [b"", b"not json at all", b'{"type": "Feature"}'])
def test_garbage_files_are_4xx(make_client, body):
    client = make_client(api_key=API_KEY)
    r = _post(client, body)
    assert 400 <= r.status_code < 500, r.text
    assert r.headers["content-type"].startswith("application/problem+json")


def test_oversize_upload_is_413(make_client):
    client = make_client(api_key=API_KEY, max_upload_mb=0.01)  # ~10 KB
    big = _geojson(*[_site(f"clinic-big-{i}", NOME["lon"], NOME["lat"]) for i in range(200)])
    assert len(big) > 20 * 1024
    r = _post(client, big)
    assert r.status_code == 413
    assert r.json()["max_bytes"] == 10485
    version = client.get("/health").json()["dataset_version"]
    r = client.post(
        "/v1/imports?format=geojson",
        content=big,
        headers={"X-API-Key": API_KEY, "Content-Type": "application/geo+json"},
    )
    assert r.status_code == 413
    assert client.get("/health").json()["dataset_version"] == version


def test_size_limit_enforced_while_streaming(make_client):
    """No Content-Length: the body is counted as it arrives."""
    client = make_client(api_key=API_KEY, max_upload_mb=0.01)

    def body():
        for _ in range(100):
            yield b"x" * 4096

    r = client.post(
        "/v1/imports?format=geojson",
        content=body(),
        headers={"X-API-Key": API_KEY, "Content-Type": "application/octet-stream"},
    )
    assert r.status_code == 413


def test_stream_reading_stops_at_the_limit():
    """The receiver is not drained: reading stops at the first chunk past the limit."""

    from starlette.requests import Request

    from api.errors import PayloadTooLarge
    from api.routers.imports import _limited

    received = []

    async def receive():
        received.append(1)
        return {"type": "http.request", "body": b"x" * 1000, "more_body": len(received) < 1000}

    request = Request({"type": "http", "method": "POST", "headers": []}, receive)

    async def consume():
        async for _ in _limited(request, 5000):
            pass

    with pytest.raises(PayloadTooLarge):
        run_async(consume())
    assert len(received) == 6


def test_raw_body_upload(make_client):
    client = make_client(api_key=API_KEY)
    r = client.post(
        "/v1/imports?format=geojson",
        content=GOOD,
        headers={"X-API-Key": API_KEY, "Content-Type": "application/geo+json"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["inserted"] == 2


@pytest.mark.parametrize(
    ("params", "status"),
    [({"format": "xls"}, 422), ({}, 422), ({"format": "geojson", "encoding": "ebcdic"}, 422)],
)
def test_bad_parameters(make_client, params, status):
    client = make_client(api_key=API_KEY)
    r = client.post(
        "/v1/imports",
        params=params,
        headers={"X-API-Key": API_KEY},
        files={"file": ("a.geojson", GOOD)},
    )
    assert r.status_code == status


def test_form_without_file_field(make_client):
    client = make_client(api_key=API_KEY)
    r = client.post(
        "/v1/imports?format=geojson",
        headers={"X-API-Key": API_KEY},
        data={"other": "x"},
        files={"notfile": ("a.geojson", GOOD)},
    )
    assert r.status_code == 400


def test_other_replica_sees_import_after_refresh(make_client):
    writer = make_client(api_key=API_KEY)
    reader = make_client(refresh_seconds=0.1)
    assert "clinic-test-nome-1" not in _nearest_ids(reader)
    assert _post(writer).status_code == 200
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "clinic-test-nome-1" not in _nearest_ids(reader):
        time.sleep(0.1)
    assert _nearest_ids(reader)[0] == "clinic-test-nome-1"


def test_hrsa_csv_import(make_client, tmp_path):
    from tests.fixtures.make_hrsa import write_hrsa

    path = tmp_path / "hrsa.csv"
    write_hrsa(path, n=40)
    client = make_client(api_key=API_KEY)
    before = client.get("/health").json()["counts"]["by_kind"].get("clinic", 0)
    r = client.post(
        "/v1/imports",
        params={"format": "hrsa"},
        headers={"X-API-Key": API_KEY},
        files={"file": ("hrsa.csv", path.read_bytes(), "text/csv")},
    )
    assert r.status_code == 200, r.text
    result = r.json()
    assert result["inserted"] > 0
    assert result["rows_read"] == 40
    after = client.get("/health").json()["counts"]["by_kind"]["clinic"]
    assert after == before + result["inserted"]
    clinics = client.get("/v1/nearest", params={"q": "60608", "kind": "clinic", "limit": 1})
    assert clinics.json()["features"][0]["properties"]["kind"] == "clinic"


@pytest.mark.parametrize(
    ("api_key", "key", "status"),
    [
        (None, None, 403),
        (None, API_KEY, 403),
        (API_KEY, None, 401),
        (API_KEY, "wrong", 401),
        (API_KEY, API_KEY, 422),
    ],
)
@pytest.mark.parametrize("params", [{}, {"format": "xls"}, {"format": "csv", "encoding": "x"}])
def test_the_key_is_checked_before_the_parameters(make_client, api_key, key, status, params):
    client = make_client(api_key=api_key)
    headers = {"X-API-Key": key} if key is not None else {}
    r = client.post(
        "/v1/imports", params=params, headers=headers, files={"file": ("a.geojson", GOOD)}
    )
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded",  # what curl --data-binary sends by default
        "text/plain",
        "application/octet-stream",
        None,
    ],
)
def test_any_non_multipart_body_is_the_raw_file(make_client, content_type):
    client = make_client(api_key=API_KEY)
    headers = {"X-API-Key": API_KEY}
    if content_type:
        headers["Content-Type"] = content_type
    r = client.post("/v1/imports?format=geojson", content=GOOD, headers=headers)
    assert r.status_code == 200, r.text
    assert r.json()["inserted"] == 2


def _chunks(data: bytes, size: int = 4096):
    for start in range(0, len(data), size):
        yield data[start : start + size]


@pytest.mark.parametrize("how", ["multipart", "raw", "raw chunked", "huge multipart"])
def test_413_states_the_configured_limit(make_client, how):
    client = make_client(api_key=API_KEY, max_upload_mb=0.01)  # 10485 bytes
    n = 2000 if how == "huge multipart" else 200  # past the multipart slack too
    big = _geojson(*[_site(f"clinic-big-{i}", NOME["lon"], NOME["lat"]) for i in range(n)])
    headers = {"X-API-Key": API_KEY, "Accept-Language": "en"}
    if how.endswith("multipart"):
        r = client.post(
            "/v1/imports?format=geojson", headers=headers, files={"file": ("a.geojson", big)}
        )
    else:
        body = _chunks(big) if how == "raw chunked" else big
        r = client.post("/v1/imports?format=geojson", content=body, headers=headers)
    assert r.status_code == 413
    assert r.json()["max_bytes"] == 10485
    assert "0.01 MB" in r.json()["detail"]


def test_import_errors_name_http_parameters_not_cli_flags(make_client):
    client = make_client(api_key=API_KEY)
    csv = (
        "kind,name,city,state,lat,lon,location_precision,source\n"
        "clinic,Clínica Sur,Dalton,GA,34.76,-84.97,city,Lista\n"
    ).encode("latin-1")
    csv = csv.replace(b"\xed", b"\x81")  # not UTF-8 nor cp1252 (cp1252 files import: issue 19)
    for lang in ("es", "en"):
        r = client.post(
            f"/v1/imports?format=csv&lang={lang}", content=csv, headers={"X-API-Key": API_KEY}
        )
        assert r.status_code in (400, 422), r.text
        detail = r.json()["detail"]
        assert "latin-1" in detail and "encoding" in detail and "--" not in detail
    r = client.post(
        "/v1/imports?format=csv&encoding=latin-1", content=csv, headers={"X-API-Key": API_KEY}
    )
    assert r.status_code == 200, r.text
    r = client.post(
        "/v1/imports?format=hsds&lang=en", content=b"not a zip", headers={"X-API-Key": API_KEY}
    )
    assert r.status_code in (400, 422)
    assert ".zip file" in r.json()["detail"] and "folder" not in r.json()["detail"]


# -- issue 13: official records are protected ---------------------------------------------------

DALTON = _geojson(
    {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [-84.97, 34.77]},
        "properties": {
            "id": "consulate-chicago",
            "kind": "consulate",
            "name": "Consulado",
            "location_precision": "city",
            "source": SOURCE,
        },
    }
)


def _chicago(client):
    return client.get("/v1/sites/consulate-chicago").json()["geometry"]["coordinates"]


def test_an_import_cannot_move_an_official_record(make_client):
    client = make_client(api_key=API_KEY)
    where = _chicago(client)
    for dry_run in ("true", "false"):
        r = _post(client, DALTON, dry_run=dry_run, lang="en")
        assert r.status_code == 422, r.text
        body = r.json()
        assert body["code"] == "official_record" and "allow_update_official" in body["detail"]
        changed = body["official_changed"]
        assert [c["id"] for c in changed] == ["consulate-chicago"]
        assert "geometry" in changed[0]["fields"] and changed[0]["kind"] == "consulate"
    assert _chicago(client) == where


def test_the_caller_may_update_an_official_record_explicitly(make_client):
    client = make_client(api_key=API_KEY)
    r = _post(client, DALTON, allow_update_official="true")
    assert r.status_code == 200, r.text
    assert r.json()["updated"] == 1
    assert r.json()["official_changed"][0]["id"] == "consulate-chicago"
    assert _chicago(client) == pytest.approx([-84.97, 34.77])


def test_an_import_cannot_add_a_consulate_nobody_verified(make_client):
    client = make_client(api_key=API_KEY)
    fake = _geojson(
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [-84.97, 34.77]},
            "properties": {
                "id": "consulate-dalton",
                "kind": "consulate",
                "name": "Consulado",
                "location_precision": "city",
                "source": SOURCE,
            },
        }
    )
    r = _post(client, fake, lang="en")
    assert r.status_code == 422 and r.json()["code"] == "official_record", r.text
    assert r.json()["official_changed"] == [
        {"id": "consulate-dalton", "kind": "consulate", "fields": ["(new)"]}
    ]
    assert client.get("/v1/sites/consulate-dalton").status_code == 404
    r = _post(client, fake, allow_update_official="true")
    assert r.status_code == 200 and r.json()["inserted"] == 1, r.text
    assert client.get("/v1/sites/consulate-dalton").status_code == 200


# -- issue 13: wrong keys are rate-limited per client -------------------------------------------


def test_wrong_keys_are_rate_limited_per_client(make_client):
    client = make_client(api_key=API_KEY, key_failures_per_minute=5)
    statuses = [_post(client, key=f"guess-{i}").status_code for i in range(8)]
    assert statuses[:5] == [401] * 5 and set(statuses[5:]) == {429}
    limited = _post(client, key=API_KEY)  # even the right key: nothing is confirmed now
    assert limited.status_code == 429
    assert limited.headers["content-type"] == "application/problem+json"
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    assert limited.json()["code"] == "too_many_requests"
    from fastapi.testclient import TestClient

    other = TestClient(client.app, client=("203.0.113.9", 50000))  # another client address
    assert _post(other, key=API_KEY).status_code == 200


def test_no_key_limit_when_zero(make_client):
    client = make_client(api_key=API_KEY, key_failures_per_minute=0)
    assert {_post(client, key="nope").status_code for _ in range(15)} == {401}
