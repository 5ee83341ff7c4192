"""Export round trips: GeoJSON (RFC 7946 rules checked here), GeoPackage, CSV, GeoParquet."""

import csv
import json
import math

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import Point

from geodata import export as export_module
from geodata.errors import ImportValidationError, InvalidInputError
from geodata.export import COORD_DECIMALS, export_sites
from geodata.schema import SITE_COLUMNS, coerce_sites, join_list
from geodata.stores import ChangeSet, open_store


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("export") / "store.gpkg")
    clinics = coerce_sites(
        [
            {
                "id": "clinic-a",
                "kind": "clinic",
                "name": 'Clínica "A", Inc.',
                "city": "Dalton",
                "state": "GA",
                "services": ["vaccines", "screening_hiv"],
                "languages": ["es", "en"],
                "location_precision": "address",
                "source": "test",
                "verified": True,
                "geometry": Point(-84.970123456789, 34.770987654321),
            },
            {
                "id": "clinic-b",
                "kind": "clinic",
                "name": "Clinic B; line\nbreak",
                "source": "test",
                "location_precision": "city",
                "geometry": Point(144.75, 13.47),
            },
        ]
    )
    store.apply(ChangeSet(sites=clinics))
    return store


def decimals(value: float) -> int:
    text = repr(value)
    return len(text.split(".")[1]) if "." in text and "e" not in text else 0


def check_rfc7946(doc: dict) -> None:
    """The RFC 7946 rules this project relies on."""
    assert doc["type"] == "FeatureCollection" and isinstance(doc["features"], list)
    assert "crs" not in doc  # section 4: no crs member
    for feature in doc["features"]:
        assert feature["type"] == "Feature"
        assert set(feature) <= {"type", "id", "geometry", "properties", "bbox"}
        assert isinstance(feature["id"], (str, int))
        geom = feature["geometry"]
        assert geom["type"] == "Point" and len(geom["coordinates"]) == 2
        lon, lat = geom["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90  # section 3.1.1: lon, lat order
        assert decimals(lon) <= COORD_DECIMALS and decimals(lat) <= COORD_DECIMALS
        assert isinstance(feature["properties"], dict)


def test_geojson_follows_rfc7946_and_keeps_every_field(store, tmp_path):
    path = export_sites(store, tmp_path / "sites.geojson", fmt="geojson")
    doc = json.loads(path.read_text(encoding="utf-8"))
    check_rfc7946(doc)
    sites = store.sites().set_index("id")
    assert [f["id"] for f in doc["features"]] == list(sites.index)
    for feature in doc["features"]:
        props = feature["properties"]
        assert list(props) == list(SITE_COLUMNS)
        site = sites.loc[feature["id"]]
        lon, lat = feature["geometry"]["coordinates"]
        assert lon == pytest.approx(site.geometry.x, abs=1e-7)
        assert lat == pytest.approx(site.geometry.y, abs=1e-7)
        assert props["services"] == list(site["services"])
        assert isinstance(props["verified"], bool) and isinstance(props["illustrative"], bool)
    a = next(f for f in doc["features"] if f["id"] == "clinic-a")
    assert a["geometry"]["coordinates"] == [-84.9701235, 34.7709877]
    assert a["properties"]["languages"] == ["es", "en"] and a["properties"]["verified"] is True
    back = gpd.read_file(path)
    assert len(back) == len(sites) and back.crs.to_epsg() == 4326


def test_gpkg_has_sites_routes_and_stops(store, tmp_path):
    path = export_sites(store, tmp_path / "out.gpkg", fmt="gpkg")
    layers = dict(pyogrio.list_layers(path))
    assert {"sites", "routes", "stops"} <= set(layers)
    sites = pyogrio.read_dataframe(path, layer="sites").set_index("id")
    assert len(sites) == len(store.sites())
    assert len(pyogrio.read_dataframe(path, layer="routes")) == len(store.routes())
    assert len(pyogrio.read_dataframe(path, layer="stops")) == len(store.stops())
    assert sites.loc["clinic-a", "services"] == "vaccines;screening_hiv"


def test_csv_has_lat_lon_and_joined_lists(store, tmp_path):
    path = export_sites(store, tmp_path / "out.csv", fmt="csv")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = {r["id"]: r for r in csv.DictReader(handle)}
    sites = store.sites().set_index("id")
    assert list(rows) == list(sites.index)
    for sid, row in rows.items():
        assert float(row["lat"]) == pytest.approx(sites.loc[sid].geometry.y, abs=1e-7)
        assert float(row["lon"]) == pytest.approx(sites.loc[sid].geometry.x, abs=1e-7)
        assert row["services"] == join_list(sites.loc[sid, "services"])
    assert rows["clinic-b"]["name"] == "Clinic B; line\nbreak"


def test_csv_export_reimports_unchanged(store, tmp_path):
    from geodata.importers import import_into, read_import

    # bundled coordinates have 6 decimals, so the 7-decimal export is lossless for them
    path = export_sites(store, tmp_path / "offices.csv", fmt="csv", kinds="consulate,vds")
    n = store.sites()["kind"].isin(["consulate", "vds"]).sum()
    report = import_into(store, read_import("csv", path), dry_run=True)
    assert (report.inserted, report.updated, report.unchanged) == (0, 0, n)
    # clinic-a had 12 decimals: rounding to 7 is a (sub-centimetre) update; clinic-a is
    # verified (an official record), so the update needs allow_official
    path = export_sites(store, tmp_path / "clinics.csv", fmt="csv", kinds="clinic")
    with pytest.raises(ImportValidationError, match="clinic-a"):
        import_into(store, read_import("csv", path), dry_run=True)
    parsed = read_import("csv", path)
    parsed.changes.allow_official = True
    report = import_into(store, parsed, dry_run=True)
    assert (report.inserted, report.updated, report.unchanged) == (0, 1, 1)


def test_parquet_is_geoparquet_with_lists(store, tmp_path):
    path = export_sites(store, tmp_path / "out.parquet", fmt="parquet")
    back = gpd.read_parquet(path).set_index("id")
    assert back.crs.to_epsg() == 4326 and len(back) == len(store.sites())
    assert list(back.loc["clinic-a", "services"]) == ["vaccines", "screening_hiv"]
    assert math.isclose(back.loc["clinic-a"].geometry.x, -84.9701235, abs_tol=1e-7)


@pytest.mark.parametrize("fmt", ["geojson", "csv", "parquet", "gpkg"])
def test_kind_filter(store, tmp_path, fmt):
    path = export_sites(store, tmp_path / f"out.{fmt}", fmt=fmt, kinds=["clinic"])
    back = (
        pyogrio.read_dataframe(path, layer="sites")
        if fmt == "gpkg"
        else gpd.read_parquet(path)
        if fmt == "parquet"
        else gpd.read_file(path)
        if fmt == "geojson"
        else list(csv.DictReader(path.open(encoding="utf-8")))
    )
    ids = [r["id"] for r in back] if fmt == "csv" else list(back["id"])
    assert sorted(ids) == ["clinic-a", "clinic-b"]


def test_mobile_units_keep_their_routes(store, tmp_path):
    path = export_sites(store, tmp_path / "mobile.gpkg", fmt="gpkg", kinds="vds_mobile")
    units = set(pyogrio.read_dataframe(path, layer="sites")["id"])
    routes = pyogrio.read_dataframe(path, layer="routes")
    assert set(routes["unit_id"]) <= units
    assert len(routes) == store.routes()["unit_id"].isin(units).sum()


def test_bad_format_and_kind(store, tmp_path):
    with pytest.raises(InvalidInputError, match="Allowed"):
        export_sites(store, tmp_path / "x.dxf", fmt="dxf")
    with pytest.raises(InvalidInputError):
        export_sites(store, tmp_path / "x.csv", fmt="csv", kinds="hospital")


def test_failed_export_leaves_no_file(store, tmp_path, monkeypatch):
    def broken(path, *args):
        path.write_text("half")
        raise OSError("disk full")

    monkeypatch.setitem(export_module.EXPORT_FORMATS, "csv", broken)
    with pytest.raises(OSError):
        export_sites(store, tmp_path / "x.csv", fmt="csv")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("-x", "'-x"),
        ("+1 (312) 555-0100", "+1 (312) 555-0100"),
        ("Clínica", "Clínica"),
        ("", ""),
    ],
)
def test_csv_cells_never_start_a_formula(value, expected):
    from geodata.export import csv_safe

    assert csv_safe(value) == expected
