"""Data is never code: hostile text in every field stays text in every HTML output.

The payload store (``conftest.payload_store``) holds clinics and a mobile route whose every text
field carries a template, HTML, URL, phone or Unicode payload, imported through the CLI. Each
output locator makes from it is checked in the file (nothing evaluated, no raw markup, no
``javascript:`` link, no bogus ``tel:``) and, in ``test_browser_outputs``, in headless Chromium
(no script ran, the payload is shown as text).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from locator.cli.main import cli
from tests.security.conftest import ROUTE_ID, run_cli
from tests.security.payloads import assert_inert

CLI_MAPS = {
    "map-near": ["map", "--near", "60608", "--limit", "50", "--basemap", "none"],
    "map-office": ["map", "--office", "consulate-chicago", "--basemap", "none"],
    "map-all": ["map", "--all", "--basemap", "none"],
    "map-route": ["map", "--route", ROUTE_ID, "--basemap", "none"],
    "embed": ["embed", "consulate-chicago"],
    "embed-en": ["embed", "consulate-chicago", "--lang", "en"],
}
API_PAGES = {
    "page": "/",
    "embed": "/embed/consulate-chicago",
    "embed-en": "/embed/consulate-chicago?lang=en",
    "maps-nearest": "/v1/maps/nearest.html?q=60608&limit=50",
    "maps-network": "/v1/maps/network.html",
    "maps-office": "/v1/maps/office/consulate-chicago.html",
    "maps-route": f"/v1/maps/route/{ROUTE_ID}.html",
    "page-data-sites": "/data/sites.js",
    "page-config": "/data/config.js",
}


def cli_output(name: str, store: Path, folder: Path) -> Path:
    out = folder / f"{name}.html"
    run_cli(*CLI_MAPS[name], "-o", str(out), "--store", str(store))
    return out


@pytest.fixture(scope="module")
def api(payload_store):
    settings = Settings(
        store=str(payload_store),
        database_url=None,
        api_key=None,
        cors="*",
        default_lang="es",
        refresh_seconds=0,
        max_upload_mb=20.0,
    )
    with TestClient(create_app(settings)) as client:
        yield client


def shown_somewhere(page: str) -> bool:
    """True when the first template payload is in ``page`` as text (HTML- or JSON-escaped)."""
    core = [
        '"PWN" ~ "ED1"',
        "&quot;PWN&quot; ~ &quot;ED1&quot;",
        '\\"PWN\\" ~ \\"ED1\\"',
        "&#34;PWN&#34; ~ &#34;ED1&#34;",
    ]
    return any(c in page for c in core)


@pytest.mark.parametrize("name", sorted(CLI_MAPS))
def test_cli_map_outputs_are_inert(name, payload_store, tmp_path):
    page = cli_output(name, payload_store, tmp_path).read_text(encoding="utf-8")
    assert_inert(page, where=f"locator {name}")


@pytest.mark.parametrize("name", sorted(API_PAGES))
def test_api_pages_are_inert(name, api):
    response = api.get(API_PAGES[name])
    assert response.status_code == 200, response.text[:300]
    assert_inert(response.text, where=API_PAGES[name])


def test_list_beside_the_map_shows_payloads_as_text(payload_store, tmp_path):
    page = cli_output("map-near", payload_store, tmp_path).read_text(encoding="utf-8")
    assert "&#123;&#123; &quot;PWN&quot; ~ &quot;ED1&quot; }} ·name0" in page
    assert "A&#123;# &quot;PWN&quot; ~ &quot;ED3&quot; #}B" in page  # a comment, not removed
    assert "&lt;img src=x onerror=" in page


def test_export_site_is_inert(payload_store, tmp_path):
    out = tmp_path / "site"
    run_cli("export-site", str(out), "--no-tiles", "--store", str(payload_store))
    texts = {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8")
        for p in out.rglob("*")
        if p.suffix in (".html", ".js", ".json")
    }
    assert "index.html" in texts and any(shown_somewhere(t) for t in texts.values())
    for rel, text in texts.items():
        assert_inert(text, where=f"export-site {rel}")


def test_coverage_map_of_gaps_is_inert(payload_store, tmp_path):
    out = tmp_path / "gaps"
    run_cli("gaps", "--kind", "clinic", "-o", str(out), "--store", str(payload_store))
    pages = list(out.glob("*.html"))
    assert pages, "gaps wrote no HTML map"
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert_inert(text, where=f"gaps {page.name}")


def test_snippet_is_inert(api):
    response = api.get("/embed/consulate-chicago/snippet", headers={"host": "evil.example"})
    assert response.status_code == 200
    assert "evil.example" not in response.text  # the Host header is never trusted
    assert_inert(response.text, where="snippet")


def _template_calls_from_data(path: Path) -> list[str]:
    """Calls of Element/Template/Html/IFrame whose first argument is not a literal string."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        for kw in node.keywords:  # folium writes tooltip/popup text into JS source
            if kw.arg in {"tooltip", "popup"} and not isinstance(kw.value, ast.Constant):
                if not (
                    isinstance(kw.value, ast.Call)
                    and getattr(kw.value.func, "attr", "") == "GeoJsonTooltip"
                ):
                    found.append(f"{path.name}:{node.lineno}: {kw.arg}=")
        if name in {"Element", "Template", "Html", "IFrame"}:
            first = node.args[0]
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_no_template_source_is_built_from_data():
    """Template source is always a literal: data reaches templates only as context values."""
    root = Path(__file__).resolve().parents[2]
    offenders = [
        hit
        for folder in ("locator", "api")
        for path in sorted((root / folder).rglob("*.py"))
        for hit in _template_calls_from_data(path)
    ]
    assert offenders == []


def test_every_locator_map_element_renders_its_macros_once():
    """Each MacroElement class of locator renders through LiteralMacroElement (no 2nd pass)."""
    import inspect

    from branca.element import MacroElement

    import locator.maps.basemap
    import locator.maps.layers
    import locator.maps.offline
    import locator.planning.outputs
    from locator.maps.offline import LiteralMacroElement

    classes = [
        c
        for module in (
            locator.maps.basemap,
            locator.maps.layers,
            locator.maps.offline,
            locator.planning.outputs,
        )
        for _, c in inspect.getmembers(module, inspect.isclass)
        if issubclass(c, MacroElement) and c.__module__ == module.__name__
    ]
    assert len(classes) >= 9
    assert [c.__name__ for c in classes if not issubclass(c, LiteralMacroElement)] == []


def test_route_ics_map_is_inert(payload_store, tmp_path):
    page = tmp_path / "route.html"
    run_cli(
        "route-ics",
        ROUTE_ID,
        "-o",
        str(tmp_path / "route.ics"),
        "--map",
        str(page),
        "--store",
        str(payload_store),
    )
    assert_inert(page.read_text(encoding="utf-8"), where="route-ics --map")


def test_embed_all_folder_is_inert(payload_store, tmp_path):
    out = tmp_path / "embeds"
    run_cli("embed", "--all", str(out), "--basemap", "none", "--store", str(payload_store))
    pages = {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.html")
    }
    assert "index.html" in pages and "consulate-chicago.es.html" in pages
    assert shown_somewhere(pages["consulate-chicago.es.html"])
    for rel, text in pages.items():
        assert_inert(text, where=f"embed --all {rel}")


def test_tile_url_templates_cannot_carry_template_code(payload_store, tmp_path):
    result = CliRunner().invoke(
        cli,
        [
            "map",
            "--near",
            "60608",
            "-o",
            str(tmp_path / "m.html"),
            "--store",
            str(payload_store),
            "--tiles",
            "https://t.example/{z}/{x}/{y}.png?a={{7*191}}",
            "--tiles-attribution",
            "x",
        ],
    )
    assert result.exit_code != 0 and "{z}, {x}, {y}" in result.output
    assert not (tmp_path / "m.html").exists()


def test_planning_csvs_neutralise_spreadsheet_formulas(tmp_path):
    """A site named like a formula comes out of every gaps CSV as text ('=...)."""
    from geodata.stores.gpkg import GeoPackageStore

    store = tmp_path / "locator.gpkg"
    GeoPackageStore(store)
    src = tmp_path / "f.csv"
    src.write_text(
        "kind,name,city,state,lat,lon,location_precision,source\n"
        'clinic,"=HYPERLINK(""http://evil.example"",""x"")",Havre,MT,48.55,-109.68,'
        "city,test 2026\n",
        encoding="utf-8",
    )
    run_cli("import", "csv", str(src), "--store", str(store))
    out = tmp_path / "gaps"
    run_cli("gaps", "--kind", "clinic", "-o", str(out), "--store", str(store))
    texts = {p.name: p.read_text(encoding="utf-8") for p in out.glob("*.csv")}
    assert any("HYPERLINK" in t for t in texts.values())
    for name, text in texts.items():
        assert ",=HYPERLINK" not in text and '"=HYPERLINK' not in text, name


@pytest.mark.parametrize(
    "path",
    ["/ogc?f=html", "/ogc/collections?f=html", "/ogc/collections/clinic/items?f=html&limit=50"],
)
def test_ogc_html_pages_get_a_strict_csp(api, path):
    response = api.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert_inert(response.text, where=path)
