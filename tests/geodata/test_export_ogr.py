"""FlatGeobuf, Shapefile (zipped or beside -o x.shp) and KML exports, read back by GDAL; the
export format inferred from the file name (geodata.export.format_for)."""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import zipfile

import pyogrio
import pytest

from geodata.errors import InvalidInputError
from geodata.export import export_sites, format_for
from geodata.export_ogr import short_names
from geodata.schema import SITE_COLUMNS
from geodata.stores import open_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return open_store(tmp_path_factory.mktemp("ogr") / "store.gpkg")


def _same_sites(frame, store, id_column="id"):
    sites = store.sites()
    assert sorted(frame[id_column]) == sorted(sites["id"])
    back = frame.set_index(id_column)
    for sid, row in sites.set_index("id").iterrows():
        assert back.loc[sid].geometry.distance(row.geometry) < 1e-6


@pytest.mark.parametrize("name", ["sitios.fgb", "sitios.kml"])
def test_fgb_and_kml_read_back(store, tmp_path, name):
    path = export_sites(store, tmp_path / name, fmt=format_for(tmp_path / name))
    frame = pyogrio.read_dataframe(path)
    if name.endswith(".kml"):  # KML keeps the name as the placemark's Name
        assert set(frame["Name"]) == set(store.sites()["name"])
    _same_sites(frame, store)
    if name.endswith(".fgb"):
        assert set(SITE_COLUMNS) <= set(frame.columns)


def test_zipped_shapefile_with_field_map(store, tmp_path):
    path = export_sites(store, tmp_path / "sitios.zip", fmt="shp")
    names = zipfile.ZipFile(path).namelist()
    assert {"sites.shp", "sites.shx", "sites.dbf", "sites.prj", "sites.cpg", "fields.csv"} <= set(
        names
    )
    frame = pyogrio.read_dataframe(f"/vsizip/{path}/sites.shp")
    _same_sites(frame, store)
    mapping = list(
        csv.DictReader(io.StringIO(zipfile.ZipFile(path).read("fields.csv").decode("utf-8")))
    )
    assert {m["locator_field"] for m in mapping} == set(SITE_COLUMNS)
    assert all(len(m["shapefile_field"]) <= 10 for m in mapping)
    assert {m["shapefile_field"] for m in mapping} <= set(frame.columns)
    prec = next(m["shapefile_field"] for m in mapping if m["locator_field"] == "location_precision")
    assert set(frame[prec]) == set(store.sites()["location_precision"])


def test_shp_suffix_writes_the_files_beside_it(store, tmp_path):
    path = export_sites(store, tmp_path / "red.shp", fmt=format_for(tmp_path / "red.shp"))
    assert {p.name for p in tmp_path.iterdir()} >= {
        "red.shp",
        "red.dbf",
        "red.shx",
        "red.prj",
        "red.fields.csv",
    }
    _same_sites(pyogrio.read_dataframe(path), store)


@pytest.mark.skipif(shutil.which("ogrinfo") is None, reason="GDAL's ogrinfo not installed")
@pytest.mark.parametrize("name", ["s.fgb", "s.kml", "s.zip"])
def test_gdal_cli_opens_the_exports(store, tmp_path, name):
    path = export_sites(store, tmp_path / name, fmt=format_for(name))
    target = f"/vsizip/{path}" if name.endswith(".zip") else str(path)
    run = subprocess.run(
        ["ogrinfo", "-so", "-al", target], capture_output=True, text=True, check=True
    )
    assert f"Feature Count: {len(store.sites())}" in run.stdout
    assert "Warning" not in run.stderr


@pytest.mark.parametrize(
    ("name", "fmt", "expected"),
    [
        ("a.geojson", None, "geojson"),
        ("a.json", None, "geojson"),
        ("a.gpkg", None, "gpkg"),
        ("a.SHP", None, "shp"),
        ("a.zip", None, "shp"),
        ("a.fgb", None, "fgb"),
        ("a.kml", None, "kml"),
        ("a.parquet", None, "parquet"),
        ("dir", "hsds", "hsds"),
        ("a.json", "geojson", "geojson"),
        ("a.txt", "csv", "csv"),
    ],
)
def test_format_for(name, fmt, expected):
    assert format_for(name, fmt) == expected


@pytest.mark.parametrize(
    ("name", "fmt"), [("a.shp", "csv"), ("a.gpkg", "geojson"), ("a.xyz", None), ("carpeta", None)]
)
def test_format_mismatch_or_unknown_is_refused(name, fmt):
    with pytest.raises(InvalidInputError) as info:
        format_for(name, fmt)
    assert info.value.message("es") != info.value.message("en")


def test_short_names_are_unique_and_short():
    names = short_names(SITE_COLUMNS)
    assert len(set(names.values())) == len(SITE_COLUMNS)
    assert all(len(n) <= 10 for n in names.values())
