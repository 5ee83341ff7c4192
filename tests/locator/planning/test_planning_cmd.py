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
    assert "Mexico-born" in data["population_label"]["en"]
    assert "ACS 5-year 2013-2017" in data["population_label"]["en"]
    assert data["population_source"] == "acs_b05006"
    assert data["population_vintage"] == "ACS 5-year 2013-2017"
    assert "great-circle" in data["distance_note"]["en"]
    assert data["unknown_population_beyond_gap"].get("PR") == 78  # no VDS on the island
    assert {p.name for p in out.iterdir()} >= {"coverage_map.html", "gaps.csv", "coverage.png"}
    assert data["gaps"][0]["nearest_km"] > 100
    assert "PR" not in {g["state"] for g in data["gaps"]}  # unknown, so not ranked as 0


def test_gaps_proxy_only_on_request(store):
    result = CliRunner().invoke(cli, ["gaps", "--kind", "vds", "--demand", "proxy", "--format",
                                      "json", "--store", store, "--lang", "en"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["population_source"] == "geonames_places_proxy"
    assert "NOT the Mexico-born" in data["population_label"]["en"]


def test_gaps_text_cites_the_vintage_and_puerto_rico(store):
    result = CliRunner().invoke(cli, ["gaps", "--kind", "vds", "--store", store, "--top", "3"])
    assert result.exit_code == 0, result.output
    assert "ACS a 5 años 2013-2017" in result.output
    assert "Puerto Rico" not in result.output or "PR 78" in result.output
    assert "PR 78" in result.output and "desconocida, no cero" in result.output
    assert "línea recta" in result.output


@pytest.mark.parametrize(("name", "vintage"), [
    ("ACSDT5Y2023.B05006-Data.csv", "ACS 5-year 2019-2023"),
    ("acsdt1y2022.b05006.csv", "ACS 1-year 2022"),
    ("b05006.json", ""),
])
def test_vintage_read_from_census_file_names(name, vintage):
    from locator.cli.planning_cmd import _vintage_from_name

    assert _vintage_from_name(name) == vintage


def test_imported_acs_cites_its_vintage(store, tmp_path):
    path = tmp_path / "ACSDT5Y2023.B05006-Data.csv"
    label = "Estimate!!Total:!!Americas:!!Latin America:!!Central America:!!Mexico"
    path.write_text('GEO_ID,NAME,B05006_160E\n"Geography","Geographic Area Name",'
                    f'"{label}"\n0500000US06037,"Los Angeles County, California",1000\n',
                    encoding="utf-8")
    result = CliRunner().invoke(cli, ["gaps", "--kind", "vds", "--acs", str(path), "--format",
                                      "json", "--store", store, "--lang", "en"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["population_vintage"] == "ACS 5-year 2019-2023"
    assert data["population_total"] == 1000


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


def test_gap_km_and_radius_km_keep_within_km_as_old_name():
    from locator.cli.mobile_cmd import visits
    from locator.cli.planning_cmd import gaps

    for command, name, new in ((gaps, "gap_km", "--gap-km"), (visits, "radius_km", "--radius-km")):
        (opt,) = [p for p in command.params if p.name == name]
        assert opt.opts == [new, "--within-km"]
        args = ["Detroit"] if command is visits else []
        for flag in (new, "--within-km"):
            ctx = command.make_context(command.name, [*args, flag, "70"])
            assert ctx.params[name] == 70.0


@pytest.mark.parametrize("model", ["pmedian", "lscp"])
def test_suggest_other_models_json(store, model):
    result = CliRunner().invoke(cli, ["suggest", "--model", model, "-k", "2", "--kind", "vds",
                                      "--within-km", "300", "--format", "json", "--store", store,
                                      "--lang", "en"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["model"] == {"pmedian": "p-median", "lscp": "LSCP"}[model]
    assert all(s["illustrative"] for s in data["suggestions"])
    assert "great-circle" in data["distance_note"]
    if model == "pmedian":
        assert len(data["suggestions"]) == 2
        assert data["after"]["weighted_mean_cost"] < data["before"]["weighted_mean_cost"]
    else:
        assert data["after"]["uncovered_population"] <= data["before"]["uncovered_population"]


def test_suggest_write_inputs_then_cost_matrix(store, tmp_path):
    inputs = tmp_path / "inputs"
    result = CliRunner().invoke(cli, ["suggest", "--kind", "vds", "--write-inputs", str(inputs),
                                      "--store", store, "--lang", "en"])
    assert result.exit_code == 0, result.output
    import pandas as pd

    counties = pd.read_csv(inputs / "counties.csv", dtype={"origin": str})
    facilities = pd.read_csv(inputs / "facilities.csv")
    assert len(counties) > 3000 and {"lon", "lat"} <= set(facilities.columns)
    # a tiny "travel-time" matrix: LA county 5 minutes from the first candidate only
    cand = facilities[facilities["kind"] == "candidate"]["destination"].iat[0]
    matrix = tmp_path / "minutes.csv"
    matrix.write_text(f"origin,destination,cost\n06037,{cand},5\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["suggest", "-k", "1", "--kind", "vds", "--cost-matrix",
                                      str(matrix), "--within-km", "30", "--format", "json",
                                      "--store", store, "--lang", "en"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["coverage_before"]["population_covered"] == 0  # no VDS pair in the matrix
    assert data["coverage_after"]["population_covered"] == 1_332_255  # LA, ACS 2013-2017
    assert "matrix" in data["distance_note"]


@pytest.mark.parametrize("args", [
    ["--region-of", "no-such-unit"],
    ["--cost-matrix", "BAD"],
])
def test_suggest_bad_model_inputs(store, tmp_path, args):
    if "BAD" in args:
        bad = tmp_path / "bad.csv"
        bad.write_text("origin,destination,cost\n06037,x,-3\n", encoding="utf-8")
        args = [args[0], str(bad)]
    result = CliRunner().invoke(cli, ["suggest", *args, "--store", store, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
