"""Tests of ``locator gaps`` and ``locator suggest`` on the bundled data (no network)."""

import json

import pytest
from click.testing import CliRunner

from locator.cli.main import cli


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return str(tmp_path_factory.mktemp("store") / "locator.gpkg")


def test_gaps_writes_outputs_and_prints_json(store, tmp_path):
    out = tmp_path / "gaps"
    result = CliRunner().invoke(cli, ["gaps", "--kind", "vds", "--within-km", "100", "-o", str(out),
                                      "--format", "json", "--store", store, "--lang", "en"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["kinds"] == ["vds"] and data["gap_km"] == 100.0
    assert "NOT the Mexico-born" in data["population_label"]["en"]
    assert {p.name for p in out.iterdir()} >= {"coverage_map.html", "gaps.csv", "coverage.png"}
    assert data["gaps"][0]["nearest_km"] > 100


def test_suggest_table_in_spanish(store):
    result = CliRunner().invoke(cli, ["suggest", "-k", "2", "--kind", "vds", "--store", store])
    assert result.exit_code == 0, result.output
    assert "Cubiertos:" in result.output
    assert "no es un sitio real" in result.output


@pytest.mark.parametrize("args", [
    ["gaps", "--kind", "shelter"],
    ["gaps", "--thresholds", "10,abc"],
    ["suggest", "--mode", "mobile", "--base", "no-such-site", "--max-base-km", "100"],
])
def test_bad_input_is_a_clear_error(store, args):
    result = CliRunner().invoke(cli, [*args, "--store", store, "--lang", "en"])
    assert result.exit_code == 2
    assert result.output.startswith("error:") or "error:" in result.stderr
    assert "Traceback" not in result.output


def test_help_teaches_with_examples():
    for name in ("gaps", "suggest"):
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "examples" in result.output


def test_suggest_within_km_with_radius_km_alias():
    from locator.cli.planning_cmd import gaps, suggest

    (opt,) = [p for p in suggest.params if p.name == "radius_km"]
    assert opt.opts == ["--within-km", "--radius-km"]
    ctx = suggest.make_context("suggest", ["--radius-km", "70"])
    assert ctx.params["radius_km"] == 70.0
    ctx = suggest.make_context("suggest", ["--within-km", "80"])
    assert ctx.params["radius_km"] == 80.0
    for command in (gaps, suggest):
        assert "force_variable" in {p.name for p in command.params}
