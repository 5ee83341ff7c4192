"""GET /embed/{office_id} and /embed/{office_id}/snippet: frameable by other sites, /embed only."""

from __future__ import annotations

import html
import re

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routers.embed import EMBED_CSP, RELATIVE_NOTE
from api.settings import Settings
from locator.maps.embed import SANDBOX
from tests.api.conftest import _settings
from tests.api.test_maps import ESCAPED_IMG, EVIL_OFFICE, evil_client  # noqa: F401
from tests.locator.maps.helpers import EVIL_IMG, EVIL_SCRIPT, network_loads


def noscript_of(page: str) -> str:
    start = page.index("<noscript><style>")
    return page[start : page.index("</noscript>", start)]


def test_embed_page_is_responsive_offline_and_escaped(evil_client):  # noqa: F811
    r = evil_client.get("/embed/consulate-chicago?lang=en")
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/html; charset=utf-8"
    page = r.text
    assert network_loads(page) == []
    assert '<meta name="viewport" content="width=device-width, initial-scale=1.0">' in page
    assert '"gestureHandling": true' in page
    noscript = noscript_of(page)
    assert ESCAPED_IMG in noscript
    assert EVIL_IMG not in page and EVIL_SCRIPT not in page


def test_embed_may_be_framed_by_any_site_and_stays_strict(client):
    r = client.get("/embed/consulate-chicago")
    assert "x-frame-options" not in r.headers
    assert r.headers["content-security-policy"] == EMBED_CSP
    assert "frame-ancestors *" in EMBED_CSP and "default-src 'none'" in EMBED_CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"


@pytest.mark.parametrize(
    "path",
    [
        "/v1/maps/office/consulate-chicago.html",
        "/",
        "/v1/nearest?lat=41.8&lon=-87.6",
        "/tiles/basemap/0/0/0.png",
    ],
)
def test_framing_is_refused_elsewhere(client, path):
    r = client.get(path)
    assert r.status_code == 200
    assert r.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors *" not in r.headers.get("content-security-policy", "")


def test_embed_kind_filter_and_languages(client):
    all_sites = client.get("/embed/consulate-chicago").text
    clinics = client.get("/embed/consulate-chicago?kind=clinic&lang=en").text
    assert 'lang="es"' in all_sites and 'lang="en"' in clinics
    assert noscript_of(clinics).count("<li") < noscript_of(all_sites).count("<li")


def test_embed_etag_304(client):
    first = client.get("/embed/consulate-chicago?lang=es")
    again = client.get(
        "/embed/consulate-chicago?lang=es", headers={"If-None-Match": first.headers["etag"]}
    )
    assert again.status_code == 304
    assert "x-frame-options" not in again.headers


def test_snippet_is_text_with_a_relative_url_and_says_so(evil_client):  # noqa: F811
    r = evil_client.get(f"/embed/{EVIL_OFFICE}/snippet?lang=en&kind=vds")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/plain")
    src = re.search(r'<iframe src="([^"]+)"', r.text).group(1)
    assert html.unescape(src) == f"/embed/{EVIL_OFFICE}?lang=en&kind=vds"
    assert r.text.startswith(RELATIVE_NOTE) and "LOCATOR_PUBLIC_URL" in r.text
    assert f'title="Map: {html.escape(EVIL_SCRIPT)}"' in r.text and EVIL_SCRIPT not in r.text


def test_snippet_never_trusts_the_host_header(client):
    r = client.get(
        "/embed/consulate-chicago/snippet",
        headers={"Host": "evil.example", "X-Forwarded-Host": "evil.example"},
    )
    assert r.status_code == 200 and "evil.example" not in r.text
    assert 'src="/embed/consulate-chicago?lang=es"' in r.text


@pytest.mark.parametrize("lang,title", [("es", "Mapa: "), ("en", "Map: ")])
def test_snippet_is_sandboxed_titled_lazy_without_referrer(client, lang, title):
    text = client.get(f"/embed/consulate-chicago/snippet?lang={lang}").text
    frame = re.search(r"<iframe[^>]*>", text).group(0)
    assert f'sandbox="{SANDBOX}"' in frame
    assert SANDBOX == "allow-scripts allow-popups allow-popups-to-escape-sandbox"
    assert f'title="{title}' in frame and f'lang="{lang}"' in frame
    assert 'loading="lazy"' in frame and 'referrerpolicy="no-referrer"' in frame


@pytest.mark.parametrize(
    "setting,expected",
    [
        (None, "frame-ancestors *"),
        ("https://consulmex.example, 'self'", "frame-ancestors https://consulmex.example 'self'"),
        ("'none'", "frame-ancestors 'none'"),
    ],
)
def test_frame_ancestors_setting(base_store, setting, expected):
    extra = {} if setting is None else {"frame_ancestors": setting}
    with TestClient(create_app(_settings(base_store, **extra))) as c:
        csp = c.get("/embed/consulate-chicago").headers["content-security-policy"]
        missing = c.get("/embed/no-such-office").headers["content-security-policy"]
    assert csp.endswith(expected) or f"{expected};" in csp
    assert expected in missing


@pytest.mark.parametrize(
    "value",
    [
        "https://a.example; script-src *",
        "javascript:x",
        "'none' https://a.example",
        "",
        "https://a.example/path",
        "https://*.com",
        "https://*",
        "http://consulmex.example",
        "https://a..example",
        "https://-a.example",
        "https://a.example:99999",
        "https://u@a.example",
    ],
)
def test_frame_ancestors_setting_rejects_bad_sources(value):
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Settings(frame_ancestors=value)


@pytest.mark.parametrize(
    "value",
    [
        "https://*.consulmex.example, http://localhost:8000",
        "http://127.0.0.1:9000 'self'",
        "https://[::1]:8443",
    ],
)
def test_frame_ancestors_setting_accepts_sites_and_the_local_machine(value):
    expected = " ".join(value.replace(",", " ").split())
    assert Settings(frame_ancestors=value).frame_ancestors == expected


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "https://a.example/?q=1",
        "evil.example",
        "http://locator.example.org",
        "https://u:p@a.example",
        "https://a..example",
        "https://*.example.org",
        "https://a.example:0",
        "https://a.example/x y",
    ],
)
def test_public_url_setting_is_checked(value):
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        Settings(public_url=value)


def test_mistyped_office_gets_a_small_page(client):
    r = client.get("/embed/consulate-chicgo?lang=en")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")
    assert "No consulate has the id" in r.text
    assert r.text.count("<li>") == 53
    assert 'href="consulate-chicago?lang=en"' in r.text
    assert "frame-ancestors *" in r.headers["content-security-policy"]
    assert "x-frame-options" not in r.headers and r.headers["cache-control"] == "no-store"


@pytest.mark.parametrize(
    ("lang", "words", "other"),
    [
        (
            "en",
            ("<title>Office not found</title>", "No consulate has the id", "Valid ids:"),
            "No hay",
        ),
        (
            "es",
            ("<title>Oficina no encontrada</title>", "No hay un consulado con id", "Ids válidos:"),
            "No consulate",
        ),
    ],
)
def test_mistyped_office_page_speaks_the_request_language(client, lang, words, other):
    """The 404 page used to say <html lang="es"> and a Spanish heading even for ?lang=en."""
    r = client.get(f"/embed/nope?lang={lang}")
    assert r.status_code == 404
    assert f'<html lang="{lang}">' in r.text
    assert all(w in r.text for w in words), r.text
    assert other not in r.text and "<code>nope</code>" in r.text
    assert 'href="consulate-chicago?lang=' + lang + '"' in r.text


def test_embed_has_a_language_switch(client):
    page = client.get("/embed/consulate-chicago?kind=vds").text
    assert "href=\\u0022?lang=en\\u0026kind=vds\\u0022" in page or "?lang=en" in page
    assert "English" in page


def test_snippet_uses_the_configured_public_url(base_store):
    app = create_app(_settings(base_store, public_url="https://locator.example.org/"))
    with TestClient(app) as c:
        text = c.get("/embed/consulate-chicago/snippet").text
    assert 'src="https://locator.example.org/embed/consulate-chicago?lang=es"' in text


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/embed/no-such-office/snippet", 404),
        ("/embed/vds-evil/snippet", 404),
        ("/embed/consulate-chicago?kind=castle", 400),
        ("/embed/consulate-chicago/snippet?kind=vds,clinic", 400),
        ("/embed/consulate-chicago?lang=fr", 422),
    ],
)
def test_embed_problems(evil_client, url, status):  # noqa: F811
    r = evil_client.get(url)
    assert r.status_code == status
    assert r.headers["content-type"] == "application/problem+json"


@pytest.mark.browser
@pytest.mark.parametrize(
    "url", ["/embed/consulate-chicago?lang=en", "/v1/maps/route/route-vds-mobile-detroit.html"]
)
def test_pages_render_under_their_csp_in_a_browser(browser, client, url):
    """Headless Chromium: the page draws markers and tiles, requests nothing, breaks no CSP."""
    good = _visit(browser, client, url)
    broken = _visit(browser, client, url, csp="script-src 'none'")  # control
    assert good["requests"] == [] and good["console"] == []
    assert good["markers"] > 0 and good["tiles"] > 0
    assert any("Content Security Policy" in m for m in broken["console"])


def _visit(browser, client, url: str, csp: str | None = None) -> dict:
    origin = "http://locator.test"
    context = browser.new_context(viewport={"width": 900, "height": 700})
    page = context.new_page()
    seen: dict = {"requests": [], "console": []}
    page.on("console", lambda m: seen["console"].append(m.text))
    page.on("pageerror", lambda e: seen["console"].append(str(e)))

    def handle(route):
        if route.request.url != origin + url:
            seen["requests"].append(route.request.url)
            route.abort()
            return
        r = client.get(url)
        headers = dict(r.headers)
        for name in ("content-encoding", "content-length"):
            headers.pop(name, None)
        if csp:
            headers["content-security-policy"] = csp
        route.fulfill(status=r.status_code, headers=headers, body=r.content)

    page.route("**/*", handle)
    page.goto(origin + url)
    page.wait_for_timeout(1000)
    seen["markers"] = page.evaluate(
        "document.querySelectorAll('.leaflet-marker-icon, .leaflet-interactive').length"
    )
    seen["tiles"] = page.evaluate("document.querySelectorAll('.leaflet-tile, canvas').length")
    context.close()
    return seen


def test_embed_is_spanish_for_an_english_browser(client):
    english = {"Accept-Language": "en-US,en;q=0.9"}
    assert '<html lang="es">' in client.get("/embed/consulate-chicago", headers=english).text
    assert 'lang="es"' in client.get("/embed/consulate-chicago/snippet", headers=english).text
    assert '<html lang="en">' in client.get("/embed/consulate-chicago?lang=en").text


class _Serve:
    """A local HTTP server (127.0.0.1, free port) answering ``pages[path] = (headers, body)``."""

    def __init__(self):
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        pages = self.pages = {}

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                headers, body = pages.get(self.path.split("?")[0], ({}, b""))
                self.send_response(200 if body else 404)
                for k, v in headers.items():
                    self.send_header(k, v)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.origin = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("allowed", [True, False])
def test_snippet_works_in_a_host_page_of_another_origin(browser, base_store, allowed):
    """Two local ports: the host page pastes the API's snippet; the embed comes from the other
    port with the API's own headers. A frame_ancestors setting naming another site blocks it."""
    host, embed = _Serve(), _Serve()
    ancestors = host.origin if allowed else "https://consulmex.example"
    settings = _settings(base_store, public_url=embed.origin, frame_ancestors=ancestors)
    with TestClient(create_app(settings)) as c:
        r = c.get("/embed/consulate-chicago?lang=es")
        snippet = c.get("/embed/consulate-chicago/snippet?lang=es").text
    keep = ("content-type", "content-security-policy", "x-content-type-options", "referrer-policy")
    embed.pages["/embed/consulate-chicago"] = ({k: r.headers[k] for k in keep}, r.content)
    host.pages["/"] = (
        {"content-type": "text/html; charset=utf-8"},
        (
            "<!DOCTYPE html><html lang='es'><head><meta charset='utf-8'><title>Host</title>"
            f"</head><body><h1>Consulado</h1>{snippet}</body></html>"
        ).encode(),
    )
    outside: list[str] = []

    def only_local(route):
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    try:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        try:
            context.route("**/*", only_local)
            page = context.new_page()
            page.goto(host.origin + "/")
            page.wait_for_timeout(2500)
            inner = [f for f in page.frames if "/embed/" in f.url]
            drawn = bool(inner) and inner[0].evaluate(
                "() => !!(window.LocatorMaps && LocatorMaps.readyAt)"
                " && document.querySelectorAll('.leaflet-marker-icon').length > 0"
            )
            sandbox = page.locator("iframe").get_attribute("sandbox")
        finally:
            context.close()
    finally:
        host.close()
        embed.close()
    assert drawn is allowed
    assert sandbox == SANDBOX and outside == []
