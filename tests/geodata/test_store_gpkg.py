"""GeoPackage-only behaviour; what every store must do is in test_store_contract.py."""

import sqlite3

import pyogrio
import pytest
from shapely.geometry import Point

from geodata.errors import StoreError
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
    assert counts == {"consulate": 53, "vds": 51, "vds_mobile": 2}
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
            raise OSError("disk full")
        return original(path, layer, frame, geometry_type)

    original = gpkg_module._write_layer
    monkeypatch.setattr(gpkg_module, "_write_layer", failing_write)
    with pytest.raises(OSError):
        store.apply(ChangeSet(sites=coerce_sites([_clinic()])))
    assert calls == ["sites", "routes"]
    assert store.path.read_bytes() == before
    assert not list(store.path.parent.glob(".tmp-*"))


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


def test_temp_files_left_by_a_killed_writer_are_cleaned_on_the_next_write(store):
    leftover = store.path.parent / ".tmp-killed.gpkg"
    leftover.write_bytes(b"half-written")
    store.apply(ChangeSet(sites=coerce_sites([_clinic()])))
    assert not leftover.exists()
