"""ETag/304, Cache-Control, gzip, CORS (GET only) and security headers."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from starlette.responses import HTMLResponse

from api.middleware import API_CSP, HttpHygieneMiddleware, etag_for

URL = "/v1/nearest?lat=41.88&lon=-87.63&limit=3"


def test_etag_then_304(client):
    first = client.get(URL)
    etag = first.headers["etag"]
    assert first.headers["cache-control"].startswith("public, max-age=")
    again = client.get(URL, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == etag


def test_etag_depends_on_url_language_and_version(client):
    a = client.get(URL).headers["etag"]
    assert client.get(URL + "&kind=vds").headers["etag"] != a
    assert client.get(URL, headers={"Accept-Language": "en"}).headers["etag"] != a
    assert etag_for("v1", "/x", b"", b"") != etag_for("v2", "/x", b"", b"")
    stale = client.get(URL, headers={"If-None-Match": 'W/"not-the-tag"'})
    assert stale.status_code == 200


def test_errors_are_not_cached(client):
    r = client.get("/v1/nearest?lat=100&lon=0")
    assert r.headers["cache-control"] == "no-store"
    assert "etag" not in r.headers


def test_gzip_for_large_bodies(client):
    r = client.get("/v1/sites?limit=100", headers={"Accept-Encoding": "gzip"})
    assert r.headers.get("content-encoding") == "gzip"
    assert r.json()["numberReturned"] > 0  # httpx decompresses


@pytest.mark.parametrize("path", [URL, "/health", "/v1/sites/no-such", "/nowhere"])
def test_security_headers(client, path):
    r = client.get(path)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["content-security-policy"] == API_CSP


def test_docs_are_local_and_have_their_own_csp(client):
    r = client.get("/docs")
    assert r.status_code == 200
    assert "cdn" not in r.text.lower()
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert client.get("/docs/static/swagger-ui-bundle.js").status_code == 200


def _probe_app() -> TestClient:
    """The hygiene middleware alone around a tiny app with an embed-like and a plain page."""
    from starlette.applications import Starlette
    from starlette.routing import Route

    async def page(request):
        return HTMLResponse("<p>ok</p>")

    app = Starlette(routes=[Route("/embed/probe", page), Route("/page", page)])
    app.add_middleware(HttpHygieneMiddleware, version=lambda: "v1")
    return TestClient(app)


def test_embed_prefix_may_be_framed():
    with _probe_app() as c:
        framed, plain = c.get("/embed/probe"), c.get("/page")
    assert framed.status_code == 200
    assert "x-frame-options" not in framed.headers
    assert "frame-ancestors" not in framed.headers.get("content-security-policy", "")
    assert framed.headers["x-content-type-options"] == "nosniff"
    assert framed.headers["etag"]  # embeds are cacheable per dataset version
    assert plain.headers["x-frame-options"] == "DENY"


def test_cors_preflight_get_allowed(client):
    r = client.options(
        "/v1/nearest",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": "GET"},
    )
    assert r.status_code == 200
    assert r.headers["access-control-allow-origin"] == "*"
    assert "GET" in r.headers["access-control-allow-methods"]
    assert "POST" not in r.headers["access-control-allow-methods"]


@pytest.mark.parametrize(("lang", "words"), [("es", "No se permiten"), ("en", "not allowed")])
@pytest.mark.parametrize("method", ["POST", "DELETE", "PUT"])
def test_cors_preflight_for_a_write_is_a_problem(client, method, lang, words):
    r = client.options(
        f"/v1/imports?lang={lang}",
        headers={"Origin": "https://example.org", "Access-Control-Request-Method": method},
    )
    assert r.status_code == 403
    assert r.headers["content-type"].startswith("application/problem+json")
    body = r.json()
    assert body["status"] == 403 and body["code"] == "cors_refused"
    assert words in body["detail"] and method in body["detail"]
    assert "method" in body["refused"]
    assert "POST" not in r.headers.get("access-control-allow-methods", "")


def test_cors_preflight_with_a_header_not_allowed_is_a_problem(client):
    r = client.options(
        "/v1/nearest",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "GET",
            "Access-Control-Request-Headers": "X-API-Key",
        },
    )
    assert r.status_code == 403
    assert r.json()["refused"] == ["headers"]


def test_cors_writes_carry_no_allow_origin(client):
    r = client.post("/v1/imports", headers={"Origin": "https://example.org"})
    assert r.status_code >= 400
    assert not any(k.startswith("access-control") for k in r.headers)
    for method in (client.put, client.delete):
        r = method("/v1/sites", headers={"Origin": "https://example.org"})
        assert "access-control-allow-origin" not in r.headers


def test_cors_simple_get_has_allow_origin(client):
    r = client.get("/health", headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"


@pytest.mark.parametrize("path", ["/health", URL])
def test_head_is_get_without_body(client, path):
    identity = {"Accept-Encoding": "identity"}
    get = client.get(path, headers=identity)
    head = client.head(path, headers=identity)
    assert head.status_code == 200
    assert head.content == b""
    assert head.headers["etag"] == get.headers["etag"]
    assert head.headers["content-length"] == get.headers["content-length"]
