"""Tests of ``locator gaps`` and ``locator suggest`` on the bundled data (no network)."""

import json

import numpy as np
import pytest
from click.testing import CliRunner

from locator.cli.main import cli


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return str(tmp_path_factory.mktemp("store") / "locator.gpkg")


def test_gaps_writes_outputs_and_prints_json(store, tmp_path):
    out = tmp_path / "gaps"
    result = CliRunner().invoke(
        cli,
        [
            "gaps",
            "--kind",
            "vds",
            "--within-km",
            "100",
            "-o",
            str(out),
            "--format",
            "json",
            "--store",
            store,
            "--lang",
            "en",
        ],
    )
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
    result = CliRunner().invoke(
        cli,
        [
            "gaps",
            "--kind",
            "vds",
            "--demand",
            "proxy",
            "--format",
            "json",
            "--store",
            store,
            "--lang",
            "en",
        ],
    )
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


@pytest.mark.parametrize(
    ("name", "vintage"),
    [
        ("ACSDT5Y2023.B05006-Data.csv", "ACS 5-year 2019-2023"),
        ("acsdt1y2022.b05006.csv", "ACS 1-year 2022"),
        ("b05006.json", ""),
    ],
)
def test_vintage_read_from_census_file_names(name, vintage):
    from locator.cli.planning_cmd import _vintage_from_name

    assert _vintage_from_name(name) == vintage


def test_imported_acs_cites_its_vintage(store, tmp_path):
    path = tmp_path / "ACSDT5Y2023.B05006-Data.csv"
    label = "Estimate!!Total:!!Americas:!!Latin America:!!Central America:!!Mexico"
    path.write_text(
        'GEO_ID,NAME,B05006_160E\n"Geography","Geographic Area Name",'
        f'"{label}"\n0500000US06037,"Los Angeles County, California",1000\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        cli,
        [
            "gaps",
            "--kind",
            "vds",
            "--acs",
            str(path),
            "--format",
            "json",
            "--store",
            store,
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["population_vintage"] == "ACS 5-year 2019-2023"
    assert data["population_total"] == 1000


def test_suggest_table_in_spanish(store):
    result = CliRunner().invoke(cli, ["suggest", "-k", "2", "--kind", "vds", "--store", store])
    assert result.exit_code == 0, result.output
    assert "Cubiertos:" in result.output
    assert "no es un sitio real" in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["gaps", "--kind", "shelter"],
        ["gaps", "--thresholds", "10,abc"],
        ["suggest", "--mode", "mobile", "--base", "no-such-site", "--max-base-km", "100"],
    ],
)
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
    assert opt.opts == ["--radius-km", "--within-km"]  # the new name first in --help
    for name in ("gaps", "suggest"):
        shown = CliRunner().invoke(cli, [name, "--help"]).output
        assert "--within-km" in shown and "--within-km," not in shown  # listed after the new
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
    result = CliRunner().invoke(
        cli,
        [
            "suggest",
            "--model",
            model,
            "-k",
            "2",
            "--kind",
            "vds",
            "--within-km",
            "300",
            "--format",
            "json",
            "--store",
            store,
            "--lang",
            "en",
        ],
    )
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
    result = CliRunner().invoke(
        cli,
        [
            "suggest",
            "--kind",
            "vds",
            "--write-inputs",
            str(inputs),
            "--store",
            store,
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    import pandas as pd

    counties = pd.read_csv(inputs / "counties.csv", dtype={"origin": str})
    facilities = pd.read_csv(inputs / "facilities.csv")
    assert len(counties) > 3000 and {"lon", "lat"} <= set(facilities.columns)
    # a tiny "travel-time" matrix: LA county 5 minutes from the first candidate only
    cand = facilities[facilities["kind"] == "candidate"]["destination"].iat[0]
    matrix = tmp_path / "minutes.csv"
    matrix.write_text(f"origin,destination,cost\n06037,{cand},5\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        [
            "suggest",
            "-k",
            "1",
            "--kind",
            "vds",
            "--cost-matrix",
            str(matrix),
            "--within-km",
            "30",
            "--format",
            "json",
            "--store",
            store,
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["coverage_before"]["population_covered"] == 0  # no VDS pair in the matrix
    assert data["coverage_after"]["population_covered"] == 1_332_255  # LA, ACS 2013-2017
    assert "matrix" in data["distance_note"]


@pytest.mark.parametrize(
    "args",
    [
        ["--region-of", "no-such-unit"],
        ["--cost-matrix", "BAD"],
    ],
)
def test_suggest_bad_model_inputs(store, tmp_path, args):
    if "BAD" in args:
        bad = tmp_path / "bad.csv"
        bad.write_text("origin,destination,cost\n06037,x,-3\n", encoding="utf-8")
        args = [args[0], str(bad)]
    result = CliRunner().invoke(cli, ["suggest", *args, "--store", store, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


# ------------------------------------------- travel-cost matrix and ZIP level in gaps
def _acs(fips):
    from locator.planning.citation import bundled_acs

    table = bundled_acs().set_index("fips")["mexico_born"]
    return float(table.sum()) if fips is None else float(table[fips])


def _gaps_json(store, *args):
    result = CliRunner().invoke(
        cli, ["gaps", *args, "--format", "json", "--store", store, "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_gaps_with_a_cost_matrix_uses_only_its_pairs(store, tmp_path):
    matrix = tmp_path / "minutes.csv"  # made-up minutes (not real travel times)
    matrix.write_text(
        "origin,destination,cost\n06037,vds-los-angeles,10\n"
        "06037,vds-santa-ana,40\n17031,vds-chicago,20\n"
        "48201,consulate-houston,5\n",
        encoding="utf-8",
    )
    data = _gaps_json(
        store,
        "--kind",
        "vds",
        "--cost-matrix",
        str(matrix),
        "--gap-km",
        "30",
        "--thresholds",
        "15,30",
    )
    assert data["distance_source"] == "cost_matrix" and data["cost_source"] == "minutes.csv"
    assert "minutes.csv" in data["distance_note"]["en"]
    assert "unreachable" in data["distance_note"]["en"]
    total, la, cook = _acs(None), _acs("06037"), _acs("17031")
    beyond = {r["threshold_km"]: r["population_beyond"] for r in data["summary"]}
    assert beyond == {15.0: total - la, 30.0: total - la - cook}  # Harris: consulate only
    from locator.planning.citation import bundled_acs

    with_people = int((bundled_acs()["mexico_born"] > 0).sum())  # LA and Cook are reached
    assert data["unreachable_counties"] == with_people - 2
    harris = next(g for g in data["gaps"] if g["fips"] == "48201")
    assert harris["nearest_km"] is None and harris["nearest_site_id"] is None
    assert {"06037", "17031"}.isdisjoint(g["fips"] for g in data["gaps"])
    office = {o["site_id"]: o for o in data["by_office"]}
    assert office["vds-los-angeles"]["population"] == la
    assert office["vds-chicago"]["weighted_mean_km"] == 20


def test_gaps_cost_matrix_text_and_files_say_so(store, tmp_path):
    matrix = tmp_path / "m.csv"
    matrix.write_text("origin,destination,cost\n06037,vds-los-angeles,10\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli,
        [
            "gaps",
            "--kind",
            "vds",
            "--cost-matrix",
            str(matrix),
            "-o",
            str(out),
            "--top",
            "2",
            "--store",
            store,
        ],
    )
    assert result.exit_code == 0, result.output
    assert "matriz del usuario (m.csv)" in result.output and "sin par en la matriz" in result.output
    names = {p.name for p in out.iterdir()}
    assert "gaps.csv" in names and "coverage.png" not in names  # km classes: not drawn
    assert "m.csv" in (out / "gaps.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("origin,destination,cost\n99999,vds-chicago,5\n", "unknown origin '99999'"),
        ("origin,destination,cost\n17031,vds-nowhere,5\n", "unknown destination 'vds-nowhere'"),
        ("origin,destination,cost\n17031,vds-chicago,-5\n", "cost must be a number >= 0"),
    ],
)
def test_gaps_bad_cost_matrix_is_a_clear_error(store, tmp_path, body, message):
    path = tmp_path / "m.csv"
    path.write_text(body, encoding="utf-8")
    for cmd in (["gaps"], ["suggest", "-k", "1"]):
        result = CliRunner().invoke(
            cli,
            [*cmd, "--kind", "vds", "--cost-matrix", str(path), "--store", store, "--lang", "en"],
        )
        assert result.exit_code == 2, result.output
        assert message in result.output and "row 2" in result.output
        assert "Traceback" not in result.output


def test_gaps_at_zip_level_from_a_population_file(store, tmp_path):
    from geodata.bundled import load_bundled
    from geodata.gazetteer import Gazetteer
    from locator.distance import haversine_km

    pop = tmp_path / "zip_population.csv"  # made-up numbers; 2108 is 02108 without its zero
    pop.write_text("zip,population\n59101,1000\n90012,500\n60601,200\n2108,50\n", encoding="utf-8")
    data = _gaps_json(
        store,
        "--level",
        "zip",
        "--demand-file",
        str(pop),
        "--kind",
        "vds",
        "--thresholds",
        "25,100",
        "--gap-km",
        "100",
    )
    zips = Gazetteer.default().zip_centroids().set_index("zip")
    vds = load_bundled().sites.query("kind == 'vds'")
    near = {
        z: float(
            haversine_km(zips.at[z, "lon"], zips.at[z, "lat"], vds.geometry.x, vds.geometry.y).min()
        )
        for z in ("59101", "90012", "60601", "02108")
    }
    people = {"59101": 1000, "90012": 500, "60601": 200, "02108": 50}
    for row in data["summary"]:
        want = sum(p for z, p in people.items() if near[z] > row["threshold_km"])
        assert row["population_beyond"] == want
    assert data["population_total"] == 1750
    assert [g["fips"] for g in data["gaps"]] == [z for z in people if near[z] > 100]
    assert "zip_population.csv" in data["population_label"]["en"]
    assert data["notes"]["en"].startswith("Each ZIP is assigned")
    assert data["notes"]["es"].startswith("Cada ZIP se asigna")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--level", "zip"], "--demand-file"),
        (["--demand-file", "POP"], "--level zip"),
        (["--level", "zip", "--demand-file", "POP", "--demand", "proxy"], "--demand-file only"),
        (["--level", "zip", "--demand-file", "BAD"], "row 3: duplicate ZIP"),
    ],
)
def test_gaps_zip_level_bad_input(store, tmp_path, args, message):
    pop, bad = tmp_path / "pop.csv", tmp_path / "bad.csv"
    pop.write_text("zip,population\n59101,10\n", encoding="utf-8")
    bad.write_text("zip,population\n59101,10\n59101,3\nABCDE,1\n60601,-2\n", encoding="utf-8")
    args = [{"POP": str(pop), "BAD": str(bad)}.get(a, a) for a in args]
    result = CliRunner().invoke(cli, ["gaps", *args, "--store", store, "--lang", "en"])
    assert result.exit_code == 2, result.output
    assert message in result.output and "Traceback" not in result.output
    if "BAD" in str(args) or str(bad) in args:
        assert "row 4: ZIP must be 1-5 digits" in result.output
        assert "row 5: population must be a number >= 0" in result.output


def test_gaps_and_suggest_run_on_the_users_store_with_imported_clinics(store, tmp_path):
    """--store: the figures count the clinics imported into it (made-up clinic, Billings MT)."""
    import shutil

    from shapely.geometry import Point

    from geodata.schema import coerce_sites
    from geodata.stores.base import ChangeSet
    from geodata.stores.gpkg import GeoPackageStore
    from locator.distance import haversine_km
    from locator.planning import default_demand

    CliRunner().invoke(cli, ["gaps", "--kind", "vds", "--top", "1", "--store", store])  # create
    mine = tmp_path / "mine.gpkg"
    shutil.copy(store, mine)
    clinic = coerce_sites(
        [
            {
                "id": "test-clinic-billings",
                "kind": "clinic",
                "name": "Test clinic",
                "state": "MT",
                "geometry": Point(-108.50, 45.78),
                "location_precision": "city",
                "source": "test",
            }
        ]
    )
    GeoPackageStore(mine, create=False).apply(ChangeSet(sites=clinic, source="test"))
    data = _gaps_json(str(mine), "--kind", "clinic", "--thresholds", "100")
    offices = {o["site_id"] for o in data["by_office"]}
    assert offices == {"test-clinic-billings"}  # the one clinic is every county's nearest
    c = default_demand().counties
    km = haversine_km(c["center_lon"], c["center_lat"], -108.50, 45.78)
    pop = c["population"].fillna(0).to_numpy(float)
    assert data["summary"][0]["population_beyond"] == pytest.approx(pop[km > 100].sum())
    result = CliRunner().invoke(
        cli,
        [
            "suggest",
            "--model",
            "pmedian",
            "-k",
            "1",
            "--kind",
            "clinic",
            "--format",
            "json",
            "--store",
            str(mine),
            "--lang",
            "en",
        ],
    )
    assert result.exit_code == 0, result.output
    before = json.loads(result.stdout)["before"]["weighted_mean_cost"]
    assert before == pytest.approx(float((pop * np.minimum(km, 1000)).sum() / pop.sum()))
