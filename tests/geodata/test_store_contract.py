"""The SiteStore contract, run against both stores: the embedded GeoPackage and PostGIS.

Both are created from the same seed (the bundled data when present, else a small synthetic
one: see ``tests/postgis_fixtures.py``). PostGIS tests get a fresh schema each and are skipped
only when no server is reachable.
"""

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import geopandas as gpd
import pandas as pd
import psycopg
import pytest
from shapely.geometry import LineString, Point

from geodata.errors import ImportValidationError
from geodata.schema import coerce_routes, coerce_sites, coerce_stops
from geodata.stores import ChangeSet
from geodata.stores.gpkg import GeoPackageStore
from tests import postgis_fixtures
from tests.postgis_fixtures import require_server

bundle = postgis_fixtures.bundle
database_url = postgis_fixtures.database_url
pg_schema = postgis_fixtures.pg_schema

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(params=["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def kind(request):
    return request.param


@pytest.fixture
def opener(kind, bundle, tmp_path, request):
    """``opener()`` opens the test's store (the same one each call); all closed after."""
    opened = []
    if kind == "gpkg":
        location = tmp_path / "sub" / "locator.gpkg"

        def open_one():
            opened.append(GeoPackageStore(location))
            return opened[-1]
    else:
        from geodata.stores.postgis import PostGISStore

        url = require_server()
        schema = request.getfixturevalue("pg_schema")

        def open_one():
            opened.append(PostGISStore(url, schema=schema))
            return opened[-1]

    yield open_one
    for store in opened:
        store.close()


@pytest.fixture
def store(opener):
    return opener()


def _clinic(sid="clinic-1", name="Clínica Uno", lon=-87.65, lat=41.85, **extra):
    return {
        "id": sid,
        "kind": "clinic",
        "name": name,
        "location_precision": "address",
        "source": "test fixture",
        "services": ["primary_care"],
        "languages": ["es", "en"],
        "geometry": Point(lon, lat),
        **extra,
    }


def _sorted(frame, by=("id",)):
    return frame.sort_values(list(by), kind="stable").reset_index(drop=True)


def test_created_from_the_seed(store, bundle):
    sites = store.sites()
    assert sites["kind"].value_counts().to_dict() == bundle.sites["kind"].value_counts().to_dict()
    assert list(sites.columns) == [*store.site_columns, "geometry"]
    assert sites.crs.to_epsg() == 4326
    pd.testing.assert_frame_equal(
        pd.DataFrame(_sorted(sites)), pd.DataFrame(_sorted(bundle.sites)), check_dtype=False
    )
    assert len(store.routes()) == len(bundle.routes)
    assert len(store.stops()) == len(bundle.stops)
    assert store.meta()["dataset_version"] == bundle.meta["dataset_version"]
    assert store.version().startswith(bundle.meta["dataset_version"] + "-")


def test_apply_inserts_then_updates_in_place(store):
    before = store.version()
    report = store.apply(ChangeSet(sites=coerce_sites([_clinic()])))
    assert (report.inserted, report.updated, report.unchanged) == (1, 0, 0)
    assert store.version() != before and report.version == store.version()
    report = store.apply(ChangeSet(sites=coerce_sites([_clinic()])))
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, 1)
    report = store.apply(ChangeSet(sites=coerce_sites([_clinic(name="Clínica Uno (nueva)")])))
    assert (report.inserted, report.updated) == (0, 1)
    sites = store.sites()
    assert (sites["id"] == "clinic-1").sum() == 1
    row = sites.set_index("id").loc["clinic-1"]
    assert row["name"] == "Clínica Uno (nueva)"
    assert row["services"] == ["primary_care"] and row["languages"] == ["es", "en"]


@pytest.mark.parametrize("field", ["geometry", "services", "verified", "notes"])
def test_a_change_in_any_field_counts_as_an_update(store, field):
    store.apply(ChangeSet(sites=coerce_sites([_clinic()])))
    changed = _clinic()
    changed[field] = {
        "geometry": Point(-87.65, 41.86),
        "services": ["vaccines"],
        "verified": True,
        "notes": "nota",
    }[field]
    report = store.apply(ChangeSet(sites=coerce_sites([changed])))
    assert (report.updated, report.unchanged) == (1, 0)


def test_unchanged_import_keeps_the_version(store):
    store.apply(ChangeSet(sites=coerce_sites([_clinic()])))
    version = store.version()
    store.apply(ChangeSet(sites=coerce_sites([_clinic()])))
    assert store.version() == version
    assert int(store.meta()["revision"]) == 2


def test_dry_run_writes_nothing(store):
    before = store.version()
    report = store.apply(ChangeSet(sites=coerce_sites([_clinic()])), dry_run=True)
    assert report.inserted == 1 and report.dry_run
    assert store.version() == before == report.version
    assert "clinic-1" not in set(store.sites()["id"])


def test_invalid_changes_leave_the_store_unchanged(store):
    before = store.version()
    bad = coerce_sites([_clinic(), _clinic(sid="clinic-2", lat=200)])
    with pytest.raises(ImportValidationError) as info:
        store.apply(ChangeSet(sites=bad))
    assert info.value.detail["errors"][0]["row"] == 2
    assert store.version() == before
    assert "clinic-1" not in set(store.sites()["id"])


def test_second_instance_sees_the_change(opener):
    first, second = opener(), opener()
    assert second.version() == first.version()
    first.apply(ChangeSet(sites=coerce_sites([_clinic()])))
    assert second.version() == first.version()
    assert "clinic-1" in set(second.sites()["id"])


def test_route_stops_are_replaced(store):
    route = {
        "id": "route-x",
        "unit_id": "u",
        "name": "X",
        "illustrative": True,
        "geometry": LineString([(-90, 40), (-91, 41)]),
    }
    stops = [
        {"id": f"x{n}", "route_id": "route-x", "sequence": n, "geometry": Point(-90, 40)}
        for n in (2, 1, 3)
    ]
    store.apply(ChangeSet(routes=coerce_routes([route]), stops=coerce_stops(stops)))
    got = store.stops()
    assert got[got["route_id"] == "route-x"]["sequence"].tolist() == [1, 2, 3]
    store.apply(ChangeSet(routes=coerce_routes([route]), stops=coerce_stops(stops[:1])))
    got = store.stops()
    assert got[got["route_id"] == "route-x"]["id"].tolist() == ["x2"]
    assert store.routes().set_index("id").loc["route-x", "geometry"].equals(route["geometry"])


IMPORTS = [
    [_clinic(), _clinic("clinic-2", "Dos", -95.4, 29.7)],
    [_clinic(name="Uno bis", notes="cambio"), _clinic("clinic-3", "Tres", -118.2, 34.0)],
    [_clinic("clinic-2", "Dos", -95.41, 29.71, services=["vaccines", "screening_hiv"])],
]


@pytest.mark.postgis
def test_both_stores_hold_the_same_data_after_the_same_imports(bundle, tmp_path, request):
    from geodata.stores.postgis import PostGISStore

    url = require_server()
    schema = request.getfixturevalue("pg_schema")
    gpkg = GeoPackageStore(tmp_path / "same.gpkg")
    with PostGISStore(url, schema=schema) as pg:
        reports = []
        for rows in IMPORTS:
            changes = ChangeSet(sites=coerce_sites(rows), source="test")
            reports.append((gpkg.apply(changes).to_dict(), pg.apply(changes).to_dict()))
        for a, b in reports:
            assert {k: v for k, v in a.items() if k != "version"} == {
                k: v for k, v in b.items() if k != "version"
            }
        for name in ("sites", "routes"):
            left, right = _sorted(getattr(gpkg, name)()), _sorted(getattr(pg, name)())
            pd.testing.assert_frame_equal(pd.DataFrame(left), pd.DataFrame(right))
        by = ("route_id", "sequence", "id")
        pd.testing.assert_frame_equal(
            pd.DataFrame(_sorted(gpkg.stops(), by)), pd.DataFrame(_sorted(pg.stops(), by))
        )
        assert gpkg.meta()["revision"] == pg.meta()["revision"] == str(len(IMPORTS))


# -- a writer killed with SIGKILL midway leaves nothing -------------------------------------

KILLED_WRITER = textwrap.dedent(
    """
    import sys, time
    import geopandas as gpd
    import numpy as np
    from shapely import points
    from geodata.schema import coerce_sites
    from geodata.stores import ChangeSet
    kind, location, schema, n = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    rng = np.random.default_rng(1)
    sites = coerce_sites(gpd.GeoDataFrame({"id": [f"bulk-{i}" for i in range(n)],
        "kind": "clinic", "name": "Bulk", "location_precision": "city", "source": "bulk test"},
        geometry=points(rng.uniform(-120, -70, n), rng.uniform(26, 48, n)), crs=4326))

    def pause_after(module, name, when=lambda *a: True):
        original = getattr(module, name)
        def wrapped(*args, **kwargs):
            result = original(*args, **kwargs)
            if when(*args):
                print("WROTE", flush=True)
                time.sleep(120)
            return result
        setattr(module, name, wrapped)

    if kind == "gpkg":
        from geodata.stores import gpkg
        pause_after(gpkg, "_write_layer", lambda path, layer, *a: layer == "sites")
        store = gpkg.GeoPackageStore(location)
    else:
        from geodata.stores import _pg_sql, postgis
        pause_after(_pg_sql, "upsert_staged")
        store = postgis.PostGISStore(location, schema=schema)
    store.apply(ChangeSet(sites=sites))
    print("DONE", flush=True)
    """
)


def _rows_written_not_committed(store) -> int:
    """Rows the writer wrote: in the temporary GeoPackage, or in its open transaction."""
    if isinstance(store, GeoPackageStore):
        temps = list(store.path.parent.glob(f".{store.path.name}.tmp-*"))
        return sum(len(gpd.read_file(p, layer="sites")) for p in temps)
    with psycopg.connect(require_server(), autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s"
            " AND state = 'idle in transaction' AND backend_xid IS NOT NULL",
            (f"locator:{store.schema}",),
        ).fetchone()
    return row[0]


@pytest.mark.slow
def test_a_writer_killed_midway_leaves_no_partial_data(kind, store, opener):
    """The writer pauses right after writing the sites (uncommitted) and is SIGKILLed there."""
    location = str(store.path) if kind == "gpkg" else store.url
    schema = getattr(store, "schema", "")
    before = (store.version(), len(store.sites()), store.meta()["revision"])
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-c", KILLED_WRITER, kind, location, schema, "10000"]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.readline().strip() == "WROTE"
        assert _rows_written_not_committed(store) > 0
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    fresh = opener()
    assert (fresh.version(), len(fresh.sites()), fresh.meta()["revision"]) == before
    assert not fresh.sites()["id"].str.startswith("bulk-").any()


CLI = [sys.executable, "-c", "from locator.cli.main import main; main()"]


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("bad", ["corrupt.gpkg", "unreachable-postgis"])
def test_cli_reports_a_bad_store_without_a_traceback(bad, tmp_path):
    if bad == "corrupt.gpkg":
        location = tmp_path / bad
        location.write_bytes(b"this is not a geopackage" * 100)
        expected = ("dañado", "corrupt")
    else:
        location = f"postgresql://postgres@127.0.0.1:{_closed_port()}/test"
        expected = ("no está disponible", "unavailable")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [*CLI, "info", "--store", str(location)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: ") and expected[0] in done.stderr
    english = subprocess.run(
        [*CLI, "info", "--lang", "en", "--store", str(location)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert english.returncode != 0 and expected[1] in english.stderr


# -- the same data: the same version and the same order on every store ---------------------


@pytest.mark.postgis
def test_the_same_data_has_the_same_version_on_both_stores(bundle, tmp_path, request):
    from geodata.stores.postgis import PostGISStore

    url = require_server()
    schema = request.getfixturevalue("pg_schema")
    gpkg = GeoPackageStore(tmp_path / "same.gpkg")
    with PostGISStore(url, schema=schema) as pg:
        assert gpkg.version() == pg.version()
        for rows in IMPORTS:
            changes = ChangeSet(sites=coerce_sites(rows), source="test")
            assert gpkg.apply(changes).version == pg.apply(changes).version
            assert gpkg.version() == pg.version()
        before = pg.version()
        changed = ChangeSet(
            sites=coerce_sites([_clinic("clinic-3", "Tres", -118.2, 34.0, hours="L-V 9-17")])
        )
        gpkg.apply(changed), pg.apply(changed)
        assert gpkg.version() == pg.version() != before


def test_records_are_ordered_by_id(store):
    store.apply(ChangeSet(sites=coerce_sites([_clinic("aaa-first"), _clinic("zzz-last")])))
    route = {
        "id": "a-route",
        "unit_id": "u",
        "name": "A",
        "illustrative": True,
        "geometry": LineString([(-90, 40), (-91, 41)]),
    }
    stops = [
        {"id": f"s{n}", "route_id": "a-route", "sequence": n, "geometry": Point(-90, 40)}
        for n in (3, 1, 2)
    ]
    store.apply(ChangeSet(routes=coerce_routes([route]), stops=coerce_stops(stops)))
    ids = store.sites()["id"].tolist()
    assert ids == sorted(ids) and ids[0] == "aaa-first"
    assert store.routes()["id"].tolist() == sorted(store.routes()["id"])
    keys = list(zip(store.stops()["route_id"], store.stops()["sequence"], strict=True))
    assert keys == sorted(keys)


@pytest.mark.postgis
def test_both_stores_give_the_same_order(bundle, tmp_path, request):
    from geodata.stores.postgis import PostGISStore

    url = require_server()
    schema = request.getfixturevalue("pg_schema")
    gpkg = GeoPackageStore(tmp_path / "order.gpkg")
    # ids whose order depends on the collation ("-" vs letters, upper vs lower case)
    rows = [_clinic(sid) for sid in ("clinic-b", "clinicA", "clinic-a-2", "Clinic-z", "clinic_c")]
    with PostGISStore(url, schema=schema) as pg:
        for one in (gpkg, pg):
            one.apply(ChangeSet(sites=coerce_sites(rows)))
        for name in ("sites", "routes", "stops"):
            assert getattr(gpkg, name)()["id"].tolist() == getattr(pg, name)()["id"].tolist()


def test_an_import_cannot_turn_a_consulate_into_a_clinic(store):
    """An id collision must not silently overwrite a bundled record with another kind."""
    before = store.version()
    hijack = coerce_sites([_clinic(sid="consulate-chicago", name="Overwrite consulate")])
    with pytest.raises(ImportValidationError) as info:
        store.apply(ChangeSet(sites=hijack))
    assert info.value.detail["errors"][0]["field"] == "kind"
    assert store.version() == before
    chicago = store.sites().set_index("id").loc["consulate-chicago"]
    assert chicago["kind"] == "consulate" and chicago["name"] == "Consulado de México en Chicago"


def test_official_records_are_protected_on_every_store(store):
    """Issue 13: a bundled record changes only with ``allow_official`` (both backends)."""
    from geodata.errors import ImportValidationError
    from geodata.stores.base import bundled_ids

    sites = store.sites()
    official = sites[sites["id"].isin(bundled_ids())]
    if not len(official):
        pytest.skip("this store was seeded without bundled records")
    row = official.iloc[[0]].copy()
    row["name"] = row["name"] + " (moved)"
    before = store.version()
    with pytest.raises(ImportValidationError) as info:
        store.apply(ChangeSet(sites=row))
    assert info.value.detail["official_changed"][0]["fields"] == ["name"]
    assert store.version() == before
    report = store.apply(ChangeSet(sites=row, allow_official=True))
    assert report.updated == 1 and report.official_changed[0]["id"] == row["id"].iloc[0]
