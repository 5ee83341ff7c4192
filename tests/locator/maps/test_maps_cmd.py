"""The ``locator map`` / ``locator embed`` commands (locator.cli.maps_cmd) on a temporary store."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from locator.cli.main import cli

from .helpers import network_loads


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("maps") / "locator.gpkg"
    from geodata.stores.gpkg import GeoPackageStore

    GeoPackageStore(path)
    return str(path)


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    "what",
    [["--near", "60608"], ["--all", "--kind", "vds"], ["--route", "route-vds-mobile-detroit"]],
)
def test_map_writes_offline_page(store, tmp_path, what):
    out = tmp_path / "m.html"
    result = run("map", *what, "-o", str(out), "--store", store, "--lang", "en")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert network_loads(page) == [] and '<html lang="en">' in page


def test_route_map_is_marked_illustrative(store, tmp_path):
    out = tmp_path / "r.html"
    run(
        "map",
        "--route",
        "route-vds-mobile-detroit",
        "-o",
        str(out),
        "--store",
        store,
        "--basemap",
        "none",
    )
    assert "ILUSTRATIVO / ILLUSTRATIVE" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("args", [["--near", "60608", "--all"], []])
def test_map_needs_exactly_one_subject(store, tmp_path, args):
    result = CliRunner().invoke(
        cli, ["map", *args, "-o", str(tmp_path / "x.html"), "--store", store]
    )
    assert result.exit_code == 2 and "exactamente una" in result.output


def test_unknown_ids(store, tmp_path):
    for args in (["map", "--office", "nope"], ["map", "--route", "nope"]):
        result = CliRunner().invoke(cli, [*args, "-o", str(tmp_path / "x.html"), "--store", store])
        assert result.exit_code == 2 and "nope" in result.output


def test_embed_page_and_snippet(store, tmp_path):
    out = tmp_path / "e.html"
    result = run("embed", "consulate-chicago", "-o", str(out), "--store", store, "--lang", "es")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<noscript>" in page and "gestureHandling" in page and network_loads(page) == []
    snippet = run(
        "embed",
        "consulate-chicago",
        "--snippet",
        "--store",
        store,
        "--base-url",
        "https://locator.example.org",
    ).stdout
    assert snippet.startswith('<div class="locator-embed"') and 'loading="lazy"' in snippet


@pytest.mark.parametrize(
    "extra,relative",
    [
        ([], True),
        (["--base-url", "https://locator.example.org"], False),
        (["--url", "https://example.org/chicago.html"], False),
        (["--url", "/chicago.html"], True),
    ],
)
def test_embed_snippet_warns_about_relative_src(store, monkeypatch, extra, relative):
    monkeypatch.delenv("LOCATOR_PUBLIC_URL", raising=False)
    result = run("embed", "consulate-chicago", "--snippet", "--store", store, *extra)
    assert result.exit_code == 0
    assert result.stdout.startswith('<div class="locator-embed"')  # the snippet alone on stdout
    assert ("--base-url" in result.stderr and "LOCATOR_PUBLIC_URL" in result.stderr) is relative
    src = 'src="/' if relative else 'src="https://'
    assert src in result.stdout


def test_embed_snippet_base_url_from_environment(store, monkeypatch):
    monkeypatch.setenv("LOCATOR_PUBLIC_URL", "https://env.example.org")
    result = run("embed", "consulate-chicago", "--snippet", "--store", store)
    assert 'src="https://env.example.org/embed/' in result.stdout and result.stderr == ""


@pytest.mark.parametrize(
    "bad",
    [
        "http://consulmex.example",
        "https://u@a.example",
        "javascript:alert(1)",
        "https://a.example/?q=1",
    ],
)
def test_embed_base_url_is_checked_as_the_api_checks_it(store, monkeypatch, bad):
    monkeypatch.delenv("LOCATOR_PUBLIC_URL", raising=False)
    result = run("embed", "consulate-chicago", "--snippet", "--store", store, "--base-url", bad)
    assert result.exit_code != 0 and "Traceback" not in result.output
    assert "la dirección no es válida" in result.output and "<iframe" not in result.stdout
    assert "the address is invalid" not in result.output  # --lang es, the default
