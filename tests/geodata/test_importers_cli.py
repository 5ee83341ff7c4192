"""``locator import`` / ``locator export`` through click's CliRunner with a temporary store."""

import json

import pytest
from click.testing import CliRunner

from geodata.stores import open_store
from locator.cli.main import cli
from tests.fixtures.make_hrsa import make_rows, write_hrsa

X = "Geocoding Artifact Address Primary X Coordinate"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def store_path(tmp_path):
    path = tmp_path / "store.gpkg"
    open_store(path)
    return path


def run(runner, *args):
    return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)


def state(store_path):
    store = open_store(store_path)
    return store.version(), len(store.sites())


@pytest.mark.parametrize("good", [True, False], ids=["valid", "invalid"])
def test_dry_run_on_a_missing_store_leaves_no_file(runner, tmp_path, good):
    """--dry-run validates and counts only: a GeoPackage that does not exist yet is not
    created (opening one seeds it with the bundled data), whether the file is good or not."""
    path = write_hrsa(tmp_path / "h.csv", n=20) if good else tmp_path / "bad.csv"
    if not good:
        path.write_text("foo,bar\n1,2\n", encoding="utf-8")
    fmt = "hrsa" if good else "csv"
    missing = tmp_path / "new" / "locator.gpkg"
    result = runner.invoke(
        cli, ["import", fmt, str(path), "--store", str(missing), "--dry-run", "--lang", "en"]
    )
    assert result.exit_code == (0 if good else 2), result.output
    if good:
        assert "DRY RUN" in result.output and "inserted" in result.output
    assert not missing.exists() and not missing.parent.exists()


def test_import_dry_run_then_import_then_reimport(runner, tmp_path, store_path):
    path = write_hrsa(tmp_path / "h.csv", n=60)
    before = state(store_path)
    result = run(runner, "import", "hrsa", path, "--store", store_path, "--dry-run", "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "DRY RUN" in result.output and "inserted" in result.output
    assert state(store_path) == before
    result = run(runner, "import", "hrsa", path, "--store", store_path, "--json")
    summary = json.loads(result.output)
    assert (summary["inserted"], summary["rows_skipped"], summary["rows_read"]) == (54, 6, 60)
    assert state(store_path)[1] == before[1] + 54
    result = run(runner, "import", "hrsa", path, "--store", store_path, "--quiet")
    assert result.exit_code == 0
    assert "sin cambios" in result.output and "54" in result.output
    assert state(store_path)[1] == before[1] + 54


def test_import_failure_prints_every_row_and_exits_2(runner, tmp_path, store_path):
    rows = make_rows(30, inactive_every=1000)
    for i in (2, 5, 11):
        rows[i][X] = "oops"
    path = write_hrsa(tmp_path / "h.csv", rows)
    before = state(store_path)
    result = run(runner, "import", "hrsa", path, "--store", store_path, "--lang", "en")
    assert result.exit_code == 2
    lines = [ln.split() for ln in result.output.splitlines() if X in ln]
    assert [int(parts[0]) for parts in lines] == [4, 7, 13]
    assert "nothing was imported" in result.output
    assert state(store_path) == before


def test_import_wrong_encoding_message_in_spanish(runner, tmp_path, store_path):
    path = write_hrsa(tmp_path / "h.csv", n=10, encoding="latin-1")
    result = run(runner, "import", "hrsa", path, "--store", store_path)
    assert result.exit_code == 2
    assert "no es utf-8 válido" in result.output and "(encoding) latin-1" in result.output
    result = run(runner, "import", "hrsa", path, "--store", store_path, "--encoding", "latin-1")
    assert result.exit_code == 0, result.output


def test_import_size_limit_option(runner, tmp_path, store_path):
    path = write_hrsa(tmp_path / "h.csv", n=200)
    result = run(
        runner, "import", "hrsa", path, "--store", store_path, "--max-mb", "0.01", "--lang", "en"
    )
    assert result.exit_code == 2 and "too large" in result.output


def test_import_csv_with_source_option(runner, tmp_path, store_path):
    path = tmp_path / "c.csv"
    path.write_text(
        "kind,name,city,state,lat,lon,location_precision\n"
        "clinic,Clínica Sur,Dalton,GA,34.76,-84.97,city\n",
        encoding="utf-8",
    )
    result = run(runner, "import", "csv", path, "--store", store_path)
    assert result.exit_code == 2 and "source" in result.output
    result = run(runner, "import", "csv", path, "--store", store_path, "--source", "Lista 2026")
    assert result.exit_code == 0, result.output
    site = open_store(store_path).sites().set_index("id").loc["clinic-clinica-sur-dalton-ga"]
    assert site["source"] == "Lista 2026"


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "csv", "parquet"])
def test_export_command(runner, tmp_path, store_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = run(
        runner,
        "export",
        "--format",
        fmt,
        "-o",
        out,
        "--store",
        store_path,
        "--kind",
        "vds,vds_mobile",
    )
    assert result.exit_code == 0, result.output
    assert out.exists() and out.stat().st_size > 0


def test_export_unknown_kind_exits_2(runner, tmp_path, store_path):
    result = run(
        runner,
        "export",
        "--format",
        "csv",
        "-o",
        tmp_path / "x.csv",
        "--store",
        store_path,
        "--kind",
        "hospital",
    )
    assert result.exit_code == 2 and "hospital" in result.output


@pytest.mark.parametrize("command", ["import", "export"])
def test_help_teaches_with_examples(runner, command):
    result = run(runner, command, "--help")
    assert result.exit_code == 0
    assert "Ejemplos / examples" in result.output
    assert f"locator {command}" in result.output


def _route_stops(path, unit_id="vds-mobile-nowhere", with_unit=True):
    feats = []
    for i, (name, lon, lat) in enumerate([("Dearborn", -83.18, 42.32), ("Pontiac", -83.29, 42.64)]):
        props = {
            "route_id": "r-test",
            "sequence": i + 1,
            "name": name,
            "id": f"s{i + 1}",
            "location_precision": "city",
            "source": "Test 2026",
        }
        if with_unit:
            props["unit_id"] = unit_id
        feats.append(
            {
                "type": "Feature",
                "properties": props,
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
            }
        )
    path.write_text(json.dumps({"type": "FeatureCollection", "features": feats}))
    return path


SCHEDULE = (
    "stop_id,rrule,dtstart,duration_minutes,timezone\n"
    "s1,FREQ=MONTHLY;BYDAY=1SA,2026-01-03T10:00,240,America/Detroit\n"
    "s2,FREQ=MONTHLY;BYDAY=2SA,2026-01-10T10:00,240,America/Detroit\n"
)


def test_import_routes_unknown_unit_stores_nothing(runner, tmp_path, store_path):
    stops = _route_stops(tmp_path / "stops.geojson")
    sched = tmp_path / "sched.csv"
    sched.write_text(SCHEDULE)
    store = open_store(store_path)
    before = (store.version(), len(store.routes()), len(store.stops()))
    result = run(runner, "import", "routes", stops, "--schedule", sched, "--store", store_path)
    assert result.exit_code == 2
    assert "vds-mobile-nowhere" in result.output and "no es una unidad móvil" in result.output
    store = open_store(store_path)
    assert (store.version(), len(store.routes()), len(store.stops())) == before


def test_import_routes_schedule_and_unit_id_options(runner, tmp_path, store_path):
    stops = _route_stops(tmp_path / "stops.geojson", with_unit=False)
    sched = tmp_path / "sched.csv"
    sched.write_text(SCHEDULE)
    store = open_store(store_path)
    unit = store.sites().query("kind == 'vds_mobile'")["id"].iloc[0]
    n_routes = len(store.routes())
    result = run(
        runner,
        "import",
        "routes",
        stops,
        "--schedule",
        sched,
        "--unit-id",
        unit,
        "--store",
        store_path,
        "--lang",
        "en",
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].split() == ["routes", "1"] and lines[2].split() == ["stops", "2"]
    routes = open_store(store_path).routes()
    assert len(routes) == n_routes + 1
    assert routes.set_index("id").loc["r-test", "unit_id"] == unit


def test_import_routes_reports_every_row_and_names_the_file(runner, tmp_path, store_path):
    stops = _route_stops(tmp_path / "stops.geojson", with_unit=False)
    sched = tmp_path / "sched.csv"
    sched.write_text(SCHEDULE.replace("240,America", "-1,America").replace("s2,", "ghost,"))
    result = run(
        runner,
        "import",
        "routes",
        stops,
        "--schedule",
        sched,
        "--store",
        store_path,
        "--lang",
        "en",
    )
    assert result.exit_code == 2
    out = result.output
    assert "schedule.duration_minutes" in out and "schedule.stop_id" in out
    assert "unit_id" in out and "row of the --schedule file" in out


def test_schedule_option_is_only_for_routes(runner, tmp_path, store_path):
    path = write_hrsa(tmp_path / "h.csv", n=3)
    result = run(runner, "import", "hrsa", path, "--unit-id", "x", "--store", store_path)
    assert result.exit_code == 2 and "--unit-id" in result.output


def test_import_help_lists_routes(runner):
    out = run(runner, "import", "--help").output
    assert "routes" in out and "--schedule" in out and "--unit-id" in out


def _exported_kinds(path):
    import pandas as pd

    return pd.read_csv(path)["kind"].value_counts().to_dict()


@pytest.mark.parametrize(
    "kind_args",
    [
        ["--kind", "vds", "--kind", "consulate"],
        ["--kind", "vds,consulate"],
        ["--kind", " consulate , vds ", "--kind", "vds"],
    ],
)
def test_export_kind_repeatable_and_comma_separated(runner, tmp_path, store_path, kind_args):
    sites = open_store(store_path).sites()
    expected = sites[sites["kind"].isin(["vds", "consulate"])]["kind"].value_counts().to_dict()
    assert set(expected) == {"vds", "consulate"}  # the bundled store has both
    out = tmp_path / "out.csv"
    result = run(runner, "export", "--format", "csv", "-o", out, "--store", store_path, *kind_args)
    assert result.exit_code == 0, result.output
    assert _exported_kinds(out) == expected


def test_export_without_kind_keeps_every_site(runner, tmp_path, store_path):
    out = tmp_path / "all.csv"
    assert run(runner, "export", "--format", "csv", "-o", out, "--store", store_path).exit_code == 0
    assert sum(_exported_kinds(out).values()) == len(open_store(store_path).sites())


def test_export_unknown_kind_among_repeated_exits_2(runner, tmp_path, store_path):
    result = run(
        runner,
        "export",
        "--format",
        "csv",
        "-o",
        tmp_path / "x.csv",
        "--store",
        store_path,
        "--kind",
        "vds",
        "--kind",
        "consulate,hospital",
    )
    assert result.exit_code == 2 and "hospital" in result.output


@pytest.mark.parametrize(
    "values, expected",
    [
        ((), []),
        (("vds",), ["vds"]),
        (("vds,consulate",), ["vds", "consulate"]),
        (("vds", "vds, clinic", ",", ""), ["vds", "clinic"]),
    ],
)
def test_split_values(values, expected):
    from locator.cli.import_cmd import split_values

    assert split_values(values) == expected


@pytest.mark.parametrize(
    "kind_args",
    [
        ["--kind", "vds,consulate"],
        ["--kind", "vds", "--kind", "consulate"],
    ],
)
def test_nearest_kind_comma_separated(runner, store_path, kind_args):
    """``locator nearest`` (locator/cli/nearest_cmd.py) takes the same --kind forms."""
    result = run(
        runner,
        "nearest",
        "60608",
        "--store",
        store_path,
        "--format",
        "json",
        "--limit",
        "10",
        *kind_args,
    )
    assert result.exit_code == 0, result.output
    kinds = {r["kind"] for r in json.loads(result.output)["results"]}
    assert kinds == {"vds", "consulate"}  # Chicago has both within the ten nearest
    only = run(
        runner,
        "nearest",
        "60608",
        "--store",
        store_path,
        "--format",
        "json",
        "--limit",
        "10",
        "--kind",
        "consulate",
    )
    assert {r["kind"] for r in json.loads(only.output)["results"]} == {"consulate"}
    bad = run(runner, "nearest", "60608", "--store", store_path, "--kind", "vds,shelter")
    assert bad.exit_code == 2 and "shelter" in bad.output


@pytest.mark.parametrize("case", ["bad rows", "not a package"])
def test_import_json_reports_failures_as_json(runner, tmp_path, store_path, case):
    if case == "bad rows":
        rows = make_rows(5, inactive_every=1000)
        rows[2][X] = "abc"
        path, fmt = write_hrsa(tmp_path / "h.csv", rows), "hrsa"
    else:
        path, fmt = tmp_path / "p.zip", "hsds"
        path.write_bytes(b"not a zip")
    before = state(store_path)
    result = runner.invoke(cli, ["import", fmt, str(path), "--store", str(store_path), "--json"])
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["ok"] is False and report["written"] is False
    assert report["message_es"] and report["message_en"]
    if case == "bad rows":
        assert report["errors"][0]["row"] == 4 and report["total_errors"] >= 1
    assert state(store_path) == before


def test_official_records_need_allow_update_official(runner, tmp_path, store_path):
    """Issue 13: a row with a bundled id is refused unless --allow-update-official."""
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [-84.97, 34.77]},
        "properties": {
            "id": "consulate-chicago",
            "kind": "consulate",
            "name": "X",
            "location_precision": "city",
            "source": "test",
        },
    }
    path = tmp_path / "dalton.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    before = state(store_path)
    refused = runner.invoke(cli, ["import", "geojson", str(path), "--store", str(store_path)])
    assert refused.exit_code == 2
    assert "--allow-update-official" in refused.output and "consulate-chicago" in refused.output
    assert state(store_path) == before
    done = run(
        runner,
        "import",
        "geojson",
        path,
        "--store",
        store_path,
        "--allow-update-official",
        "--lang",
        "en",
    )
    assert "official changed: consulate-chicago" in done.output
    sites = open_store(store_path).sites().set_index("id")
    assert sites.loc["consulate-chicago"].geometry.x == pytest.approx(-84.97)


@pytest.mark.parametrize("kind", ["consulate", "vds", "vds_mobile"])
def test_a_new_official_kind_record_needs_allow_update_official(runner, tmp_path, store_path, kind):
    """A plain import cannot add a consulate or VDS nobody verified beside the real ones."""
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [-84.97, 34.77]},
        "properties": {
            "id": f"{kind}-dalton",
            "kind": kind,
            "name": "Consulado falso",
            "phone": "+1 706 555 0100",
            "location_precision": "city",
            "source": "test",
        },
    }
    path = tmp_path / "fake.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    before = state(store_path)
    refused = runner.invoke(cli, ["import", "geojson", str(path), "--store", str(store_path)])
    assert refused.exit_code == 2 and "Traceback" not in refused.output
    assert "--allow-update-official" in refused.output and f"{kind}-dalton" in refused.output
    assert state(store_path) == before
    done = run(
        runner,
        "import",
        "geojson",
        path,
        "--store",
        store_path,
        "--allow-update-official",
        "--lang",
        "en",
    )
    assert f"official changed: {kind}-dalton" in done.output
    assert f"{kind}-dalton" in set(open_store(store_path).sites()["id"])


def test_a_new_clinic_needs_no_flag(runner, tmp_path, store_path):
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [-84.97, 34.77]},
        "properties": {
            "id": "clinic-dalton",
            "kind": "clinic",
            "name": "Clínica",
            "location_precision": "city",
            "source": "test",
        },
    }
    path = tmp_path / "clinic.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    run(runner, "import", "geojson", path, "--store", store_path)
    assert "clinic-dalton" in set(open_store(store_path).sites()["id"])


def test_export_hsds_folder_then_import_it(runner, tmp_path, store_path):
    out = tmp_path / "paquete"
    result = run(
        runner, "export", "--format", "hsds", "-o", out, "--kind", "vds", "--store", store_path
    )
    assert result.exit_code == 0, result.output
    assert (out / "datapackage.json").exists() and (out / "addresses.csv").exists()
    refused = runner.invoke(
        cli,
        [
            "import",
            "hsds",
            str(out),
            "--kind",
            "vds",
            "--store",
            str(store_path),
            "--dry-run",
            "--json",
        ],
    )
    assert refused.exit_code == 2  # new VDS records are official: they need the flag
    assert json.loads(refused.output)["code"] == "official_record"
    result = run(
        runner,
        "import",
        "hsds",
        out,
        "--kind",
        "vds",
        "--store",
        store_path,
        "--dry-run",
        "--json",
        "--allow-update-official",
    )
    summary = json.loads(result.output)
    assert summary["ok"] and summary["rows_read"] == summary["inserted"] > 0
    again = runner.invoke(
        cli, ["export", "--format", "csv", "-o", str(out), "--store", str(store_path)]
    )
    assert again.exit_code == 2 and "folder" in again.output + (again.stderr or "")


def test_import_hrsa_skip_invalid_writes_rejected_csv(runner, tmp_path, store_path):
    rows = make_rows(12, inactive_every=1000)
    rows[3][X] = "abc"
    path = write_hrsa(tmp_path / "h.csv", rows)
    result = run(runner, "import", "hrsa", path, "--store", store_path, "--skip-invalid", "--json")
    summary = json.loads(result.output)
    assert result.exit_code == 0 and summary["inserted"] == 11
    assert (tmp_path / "h.rejected.csv").read_text(encoding="utf-8").count("\n") == 2
    bad = runner.invoke(
        cli, ["import", "csv", str(path), "--store", str(store_path), "--skip-invalid"]
    )
    assert bad.exit_code == 2
