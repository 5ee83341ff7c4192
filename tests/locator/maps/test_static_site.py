"""``locator embed --all DIR``: a folder of embeds for any web server (locator.maps.static_site)."""

from __future__ import annotations

import html
import re
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from geodata.bundled import load_bundled
from geodata.gazetteer import Gazetteer
from locator.cli.main import cli
from locator.index import SiteIndex
from locator.maps.offline import SHARED_ASSET_FILE
from locator.maps.static_site import write_embed_site
from locator.regions import office_region

from .helpers import network_loads

OFFICES = ("consulate-chicago", "consulate-seattle", "consulate-new-york")


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    sites = load_bundled().sites
    index = SiteIndex.from_geodataframe(sites)
    counties = Gazetteer.default().counties()
    offices = [r for _, r in sites[sites["id"].isin(OFFICES)].iterrows()]
    out = tmp_path_factory.mktemp("site")

    def region_of(office_id):
        region = office_region(index, counties, office_id)
        return region if len(region) else None

    write_embed_site(out, offices, region_of=region_of, sites=sites)
    return out


def test_folder_layout(folder):
    names = {p.name for p in folder.iterdir()}
    assert {SHARED_ASSET_FILE, "index.html", "snippets", "tiles"} <= names
    assert {f"{o}.{lang}.html" for o in OFFICES for lang in ("es", "en")} <= names
    assert any((folder / "tiles").rglob("*.png"))
    for office in OFFICES:
        for lang, other in (("es", "en"), ("en", "es")):
            page = (folder / f"{office}.{lang}.html").read_text(encoding="utf-8")
            assert f'<html lang="{lang}">' in page
            assert re.findall(r'<script src="([^"]+)"', page) == [SHARED_ASSET_FILE]
            assert "leafletjs.com" not in page.split("</head>")[0].replace(
                "https://leafletjs.com", ""
            )  # Leaflet itself is in the shared file
            assert "data:image/png;base64" not in page  # tiles are shared files
            meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', page)
            policy = html.unescape(meta.group(1))
            assert "script-src 'unsafe-inline' 'self'" in policy
            assert "img-src data: 'self'" in policy and "default-src 'none'" in policy
            assert f"{office}.{other}.html" in page  # the language switch
            loads = [x for x in network_loads(page) if "external script" not in x]
            assert loads == []
            snippet = (folder / "snippets" / f"{office}.{lang}.html").read_text()
            assert f'src="{office}.{lang}.html"' in snippet and "sandbox=" in snippet
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert index.count("<li>") == len(OFFICES) and "&lt;iframe" in index
    assert "Content-Security-Policy" in index


def test_index_says_its_texts_in_both_languages():
    from locator.maps.static_site import _index

    rows = [{"id": "consulate-a", "name": "A <b>", "snippet": "<iframe x>"}]
    relative = _index(rows, base_url="")
    assert "<title>Mapas para insertar / Embeddable maps</title>" in relative
    assert 'Código para pegar / <span lang="en">snippet</span>' in relative
    assert "indique <code>--base-url</code>" in relative and "&lt;b&gt;" in relative
    # the note on --base-url was Spanish only: it now has its English too
    based = _index(rows, base_url="https://x.example/<p>")
    assert "Los fragmentos apuntan a <code>https://x.example/&lt;p&gt;</code>." in based
    assert '<span lang="en">Snippets point to <code>https://x.example/&lt;p&gt;</code>.' in based


def test_cli_all_and_its_errors(tmp_path):
    from geodata.stores.gpkg import GeoPackageStore

    store = tmp_path / "s.gpkg"
    GeoPackageStore(store)
    bad = CliRunner().invoke(
        cli, ["embed", "consulate-chicago", "--all", str(tmp_path / "d"), "--store", str(store)]
    )
    assert bad.exit_code != 0 and "--all" in bad.output
    none = CliRunner().invoke(cli, ["embed", "--store", str(store)])
    assert none.exit_code != 0 and "OFICINA" in none.output


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(directory: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


@pytest.mark.browser
def test_three_embeds_from_the_folder_in_a_host_page_of_another_origin(browser, folder, tmp_path):
    """The folder on one local port, a host page pasting three snippets on another."""
    site, origin = _serve(folder)
    snippets = "".join(
        (folder / "snippets" / f"{o}.es.html").read_text().replace('src="', f'src="{origin}/')
        for o in OFFICES
    )
    (tmp_path / "index.html").write_text(
        "<!DOCTYPE html><html lang='es'><head><meta charset='utf-8'><title>Host</title></head>"
        f"<body>{snippets}</body></html>",
        encoding="utf-8",
    )
    host, host_origin = _serve(tmp_path)
    try:
        context = browser.new_context(viewport={"width": 1280, "height": 3000})
        try:
            outside, errors = [], []
            context.route(
                "**/*",
                lambda route: (
                    route.continue_()
                    if route.request.url.startswith("http://127.0.0.1:")
                    else (outside.append(route.request.url), route.abort())
                ),
            )
            page = context.new_page()
            page.on(
                "console",
                lambda m: (
                    errors.append(m.text)
                    if m.type == "error" and "favicon" not in (m.location or {}).get("url", "")
                    else None
                ),
            )
            page.goto(host_origin + "/")
            drawn: list = []
            for _ in range(120):  # until each frame has drawn markers and basemap tiles
                frames = [f for f in page.frames if f.url.startswith(origin)]
                if len(frames) == 3 and all(
                    f.evaluate("() => !!(window.LocatorMaps && LocatorMaps.readyAt)")
                    for f in frames
                ):
                    drawn = [
                        f.evaluate(
                            "() => [document.querySelectorAll('.leaflet-marker-icon').length,"
                            " Array.from(document.querySelectorAll('.locator-basemap img'))"
                            ".filter(i => i.complete && i.naturalWidth).length]"
                        )
                        for f in frames
                    ]
                    if all(markers > 0 and tiles > 0 for markers, tiles in drawn):
                        break
                page.wait_for_timeout(250)
        finally:
            context.close()
    finally:
        site.shutdown()
        host.shutdown()
    assert len(drawn) == 3 and all(markers > 0 and tiles > 0 for markers, tiles in drawn)
    assert outside == [] and errors == []
