"""GeoPackage files (store and export) as GIS clients read them: version 1.3, NULL for unknown
values, opened by GDAL with no warning (pyogrio here; GDAL 3.6's ogrinfo when installed)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import warnings

import pyogrio
import pytest

from geodata.export import export_sites
from geodata.ogr import GPKG_VERSION
from geodata.stores.gpkg import GeoPackageStore


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("gpkg")
    store = GeoPackageStore(folder / "store.gpkg")
    export_sites(store, folder / "export.gpkg", fmt="gpkg")
    return store, [folder / "store.gpkg", folder / "export.gpkg"]


def _user_version(path) -> int:
    with sqlite3.connect(path) as db:
        return db.execute("PRAGMA user_version").fetchone()[0]


def test_geopackage_version_is_1_3(files):
    major, minor = (int(x) for x in GPKG_VERSION.split("."))
    for path in files[1]:
        assert _user_version(path) == major * 10000 + minor * 100  # 1.3.0 -> 10300


def test_gdal_opens_every_layer_without_warning(files):
    for path in files[1]:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # pyogrio turns GDAL warnings into Python ones
            for layer, _ in pyogrio.list_layers(path):
                pyogrio.read_info(path, layer=layer)
                pyogrio.read_dataframe(path, layer=layer)


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL's ogrinfo not installed")
def test_ogrinfo_prints_no_warning(files):
    for path in files[1]:
        run = subprocess.run(
            ["ogrinfo", "-so", "-al", str(path)], capture_output=True, text=True, check=True
        )
        assert "Warning" not in run.stderr + run.stdout, run.stderr
        assert "partially supported" not in run.stderr


def test_unknown_values_are_null_not_empty_text(files):
    store, paths = files
    sites = store.sites()
    no_language = int((sites["languages"].map(len) == 0).sum())
    no_date = int((sites["hours_source_date"] == "").sum())  # every record has a source_date
    assert no_language > 0 and no_date > 0  # the bundled data has both
    for path in paths:
        with sqlite3.connect(path) as db:
            for column, expected in (("languages", no_language), ("hours_source_date", no_date)):
                nulls = db.execute(f"SELECT count(*) FROM sites WHERE {column} IS NULL")
                empty = db.execute(f"SELECT count(*) FROM sites WHERE {column} = ''")
                assert (nulls.fetchone()[0], empty.fetchone()[0]) == (expected, 0), column


def test_store_reads_nulls_back_as_empty(files):
    store, _ = files
    sites = store.sites()
    assert all(isinstance(v, list) for v in sites["languages"])
    assert all(isinstance(v, str) for v in sites["hours_source_date"])
