"""GeoPackage-only behaviour; what every store must do is in test_store_contract.py."""

import errno
import sqlite3
import subprocess
from pathlib import Path

import pyogrio
import pytest
from shapely.geometry import Point

from geodata.errors import StorageFullError, StoreError
from geodata.schema import coerce_sites
from geodata.stores import ChangeSet, open_store
from geodata.stores import gpkg as gpkg_module
from geodata.stores.gpkg import GeoPackageStore


@pytest.fixture
def store(tmp_path):
    return GeoPackageStore(tmp_path / "sub" / "locator.gpkg")


def _clinic(sid="clinic-1", name="Clínica Uno", lon=-87.65, lat=41.85):
    return {
        "id": sid,
        "kind": "clinic",
        "name": name,
        "location_precision": "address",
        "source": "test fixture",
        "services": ["primary_care"],
        "geometry": Point(lon, lat),
    }


def test_created_from_bundled_data_as_a_real_geopackage(store):
    counts = store.sites()["kind"].value_counts().to_dict()
    assert counts == {"consulate": 53, "vds": 52, "vds_mobile": 2}  # 51 listed + Houston
    layers = dict(pyogrio.list_layers(store.path))
    assert {"sites", "routes", "stops", "meta"} <= set(layers)
    # list fields survive the round trip
    vds = store.sites().set_index("id").loc["vds-chicago"]
    assert "screening_hiv" in vds["services"]


def test_a_crash_midway_through_a_write_keeps_the_old_file(store, monkeypatch):
    before = store.path.read_bytes()
    calls = []

    def failing_write(path, layer, frame, geometry_type):
        calls.append(layer)
        if layer == "routes":
            raise OSError(errno.EIO, "Input/output error")
        return original(path, layer, frame, geometry_type)

    original = gpkg_module._write_layer
    monkeypatch.setattr(gpkg_module, "_write_layer", failing_write)
    with pytest.raises(OSError):
        store.apply(ChangeSet(sites=coerce_sites([_clinic()])))
    assert calls == ["sites", "routes"]
    assert store.path.read_bytes() == before
    assert not list(store.path.parent.glob(".*.tmp-*"))


def test_corrupt_file_is_a_clear_store_error(tmp_path):
    path = tmp_path / "broken.gpkg"
    path.write_bytes(b"this is not a geopackage" * 100)
    with pytest.raises(StoreError) as info:
        GeoPackageStore(path)
    assert "corrupt" in info.value.message("en")
    assert "dañado" in info.value.message("es")


def test_foreign_geopackage_is_rejected(tmp_path):
    path = tmp_path / "other.gpkg"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE x (a)")
    with pytest.raises(StoreError):
        GeoPackageStore(path)


def test_missing_store_without_create(tmp_path):
    with pytest.raises(StoreError):
        GeoPackageStore(tmp_path / "nope.gpkg", create=False)


def test_open_store_picks_the_backend(tmp_path):
    store = open_store(tmp_path / "x.gpkg")
    assert isinstance(store, GeoPackageStore)


# -- issue 13: temp files belong to their store, folder fsync, full disk -----------------------


@pytest.fixture
def live_pid():
    """The pid of a running process that is not this one."""
    proc = subprocess.Popen(["sleep", "60"])
    yield proc.pid
    proc.kill()
    proc.wait()


@pytest.fixture
def dead_pid():
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def _temp(folder, store_name, pid):
    path = folder / f".{store_name}.tmp-{pid}-x1y2z3.gpkg"
    path.write_bytes(b"being written")
    return path


def test_writing_one_store_never_touches_another_stores_temp_files(tmp_path, live_pid, dead_pid):
    a = GeoPackageStore(tmp_path / "a.gpkg")
    GeoPackageStore(tmp_path / "b.gpkg")
    b_live = _temp(tmp_path, "b.gpkg", live_pid)  # store B, mid-write in another process
    b_dead = _temp(tmp_path, "b.gpkg", dead_pid)  # B's leftovers are B's to clean
    legacy = tmp_path / ".tmp-abc.gpkg"  # unknown owner
    legacy.write_bytes(b"?")
    a.apply(ChangeSet(sites=coerce_sites([_clinic()])))
    assert b_live.read_bytes() == b"being written"
    assert b_dead.exists() and legacy.exists()


def test_a_dead_writers_leftovers_are_removed_a_live_ones_kept(store, live_pid, dead_pid):
    folder, name = store.path.parent, store.path.name
    dead = _temp(folder, name, dead_pid)
    Path(f"{dead}-journal").write_bytes(b"j")
    alive = _temp(folder, name, live_pid)
    assert gpkg_module.stale_temp_files(store.path) == [dead]
    store.apply(ChangeSet(sites=coerce_sites([_clinic()])))
    assert not dead.exists() and not Path(f"{dead}-journal").exists()
    assert alive.exists()
    assert "clinic-1" in set(store.sites()["id"])


def test_folder_is_fsynced_after_the_rename(store, monkeypatch):
    seen = []

    def record(folder):
        seen.append((folder, "clinic-1" in set(GeoPackageStore(store.path).sites()["id"])))

    monkeypatch.setattr(gpkg_module, "_fsync_folder", record)
    store.apply(ChangeSet(sites=coerce_sites([_clinic()])))
    assert seen == [(store.path.parent, True)]  # once, after the new file is in place


@pytest.mark.parametrize(
    "failure",
    [
        sqlite3.OperationalError("database or disk is full"),
        OSError(errno.ENOSPC, "No space left on device"),
        pyogrio.errors.DataSourceError("sqlite3_step() failed: database or disk is full"),
    ],
)
def test_full_disk_is_a_clear_error_and_keeps_the_store(store, monkeypatch, failure):
    before = store.path.read_bytes()

    def full(*args, **kwargs):
        raise failure

    monkeypatch.setattr(gpkg_module, "_write_layer", full)
    with pytest.raises(StorageFullError) as info:
        store.apply(ChangeSet(sites=coerce_sites([_clinic()])))
    assert "full" in info.value.message("en") and "lleno" in info.value.message("es")
    assert store.path.read_bytes() == before
    assert not list(store.path.parent.glob(".*.tmp-*"))


_WRITER = """
import sys
from shapely.geometry import Point
from geodata.schema import coerce_sites
from geodata.stores import ChangeSet
from geodata.stores.gpkg import GeoPackageStore
store = GeoPackageStore(sys.argv[1])
for i in range(int(sys.argv[2])):
    row = {"id": f"clinic-b-{i}", "kind": "clinic", "name": f"B {i}", "source": "test",
           "location_precision": "city", "geometry": Point(-100 + i, 40)}
    store.apply(ChangeSet(sites=coerce_sites([row])))
"""


def test_two_stores_in_one_folder_written_at_once_both_survive(tmp_path):
    """The issue-13 reproduction: B's import used to die (SIGABRT) while A was written."""
    import os
    import sys

    a = GeoPackageStore(tmp_path / "a.gpkg")
    GeoPackageStore(tmp_path / "b.gpkg")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(tmp_path / "b.gpkg"), "4"],
        env=env,
        stderr=subprocess.PIPE,
    )
    for i in range(4):
        a.apply(ChangeSet(sites=coerce_sites([_clinic(f"clinic-a-{i}", lon=-90 + i)])))
    _, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err.decode()[-2000:]
    b_ids = set(GeoPackageStore(tmp_path / "b.gpkg").sites()["id"])
    assert {f"clinic-b-{i}" for i in range(4)} <= b_ids
    assert {f"clinic-a-{i}" for i in range(4)} <= set(a.sites()["id"])
    assert not list(tmp_path.glob(".*.tmp-*"))


@pytest.fixture
def small_disk(tmp_path):
    """A 16 MB tmpfs (needs root; skipped elsewhere)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)], capture_output=True
        ).returncode
        != 0
    ):
        pytest.skip("cannot mount a tmpfs here (not root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_really_full_disk_is_storage_full_and_the_store_survives(small_disk):
    import os

    store = GeoPackageStore(small_disk / "locator.gpkg")
    before = store.path.read_bytes()
    stat = os.statvfs(small_disk)
    (small_disk / "filler").write_bytes(b"\0" * (stat.f_bavail * stat.f_frsize - 200_000))
    rows = [_clinic(f"clinic-full-{i}", name="n" * 250, lon=-100 + i * 0.001) for i in range(3000)]
    with pytest.raises(StorageFullError):
        store.apply(ChangeSet(sites=coerce_sites(rows)))
    assert store.path.read_bytes() == before
    assert not list(small_disk.glob(".*.tmp-*"))
    (small_disk / "filler").unlink()
    assert store.apply(ChangeSet(sites=coerce_sites(rows[:10]))).inserted == 10
