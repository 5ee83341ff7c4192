"""HRSA mobile vans are kept, flagged ``mobile`` and never ranked as places to walk into.

One HRSA file: a mobile van parked at the query point and a fixed clinic 1.9 km away. The van
is nearer, yet the fixed clinic ranks first everywhere (index, API, CLI, maps, the page's
data); the van is listed apart (API, CLI) with its bilingual note; the flag survives the
GeoPackage and PostGIS stores.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from geodata.importers import import_into, read_import
from geodata.stores import open_store
from geodata.stores.postgis import PostGISStore
from locator.cli.main import cli
from locator.index import SiteIndex
from locator.maps.map_data import nearest_source
from locator.web.bundle import sites_data
from tests import postgis_fixtures
from tests.fixtures.make_hrsa import make_rows, write_hrsa

database_url = postgis_fixtures.database_url
pg_schema = postgis_fixtures.pg_schema

LAT, LON = 41.8515, -87.6694
POINT = f"{LAT},{LON}"
TYPE = "Health Center Location Type Description"


def _rows() -> list[dict[str, str]]:
    rows = make_rows(2, inactive_every=1000)
    van, fixed = rows
    van.update(
        {"BPHC Assigned Number": "BPS-VAN-1", "Site Name": "Clinic on Wheels", TYPE: "Mobile Van"}
    )
    fixed.update(
        {"BPHC Assigned Number": "BPS-FIX-1", "Site Name": "Pilsen Fixed Clinic", TYPE: "Permanent"}
    )
    for row, (lat, lon) in ((van, (LAT, LON)), (fixed, (LAT + 0.017, LON))):  # 1.9 km north
        row["Geocoding Artifact Address Primary Y Coordinate"] = str(lat)
        row["Geocoding Artifact Address Primary X Coordinate"] = str(lon)
        row["Site City"], row["Site State Abbreviation"], row["Site Postal Code"] = (
            "Chicago",
            "IL",
            "60608",
        )
    return rows


VAN, FIXED = "hrsa-BPS-VAN-1", "hrsa-BPS-FIX-1"


@pytest.fixture(scope="module")
def hrsa_file(tmp_path_factory):
    return write_hrsa(tmp_path_factory.mktemp("hrsa") / "vans.csv", _rows())


@pytest.fixture(scope="module")
def gpkg(tmp_path_factory, hrsa_file):
    path = tmp_path_factory.mktemp("store") / "locator.gpkg"
    store = open_store(path)
    import_into(store, read_import("hrsa", hrsa_file))
    store.close()
    return path


def _flags(sites) -> dict[str, bool]:
    rows = sites[sites["id"].isin([VAN, FIXED])]
    return dict(zip(rows["id"], rows["mobile"].map(bool), strict=True))


def test_the_importer_flags_the_van(hrsa_file):
    sites = read_import("hrsa", hrsa_file).changes.sites
    assert _flags(sites) == {VAN: True, FIXED: False}


def test_geopackage_keeps_the_flag(gpkg):
    store = open_store(gpkg)
    try:
        assert _flags(store.sites()) == {VAN: True, FIXED: False}
        bundled = store.sites().set_index("id")
        assert bundled.loc["vds-mobile-detroit", "mobile"]  # a VDS mobile unit moves too
        assert not bundled.loc["consulate-chicago", "mobile"]
    finally:
        store.close()


@pytest.mark.postgis
def test_postgis_keeps_the_flag(hrsa_file, database_url, pg_schema):
    with PostGISStore(database_url, schema=pg_schema) as store:
        import_into(store, read_import("hrsa", hrsa_file))
    with PostGISStore(database_url, schema=pg_schema) as again:  # a fresh read
        sites = again.sites()
        assert _flags(sites) == {VAN: True, FIXED: False}
        assert sites.set_index("id").loc["vds-mobile-detroit", "mobile"]


def test_index_ranks_the_fixed_clinic_first(gpkg):
    store = open_store(gpkg)
    try:
        index = SiteIndex.from_geodataframe(store.sites())
    finally:
        store.close()
    anything = index.nearest(LON, LAT, k=2, kinds=["clinic"])
    assert list(anything["id"]) == [VAN, FIXED]  # the van really is nearer
    walk_in = index.nearest(LON, LAT, k=5, mobile=False)
    assert walk_in["id"].iloc[0] == FIXED
    assert not walk_in["mobile"].any() and VAN not in set(walk_in["id"])
    assert list(index.nearest(LON, LAT, k=1, mobile=True)["id"]) == [VAN]
    _, pos = index.nearest_many([LON, LON], [LAT, LAT], k=1, kinds=["clinic"], mobile=False)
    assert index.sites["id"].iloc[pos[:, 0]].tolist() == [FIXED, FIXED]


def test_api_ranks_walk_in_places_and_lists_the_van_apart(gpkg):
    app = create_app(
        Settings(store=str(gpkg), api_key="k" * 32, refresh_seconds=0, database_url=None)
    )
    with TestClient(app) as client:
        for lang, label in (("es", "Unidad móvil"), ("en", "Mobile unit")):
            body = client.get(
                "/v1/nearest", params={"lat": LAT, "lon": LON, "kind": "clinic", "lang": lang}
            ).json()
            assert [f["id"] for f in body["features"]] == [FIXED]
            assert body["features"][0]["properties"]["rank"] == 1
            assert [f["id"] for f in body["mobile_units"]] == [VAN]
            van = body["mobile_units"][0]["properties"]
            assert van["mobile"] is True and van["mobile_note"].startswith(label)
            assert van.get("rank") is None and van["distance_km"] == 0.0
        every = client.get("/v1/nearest", params={"lat": LAT, "lon": LON, "limit": 10}).json()
        assert every["features"][0]["id"] == FIXED
        assert not any(f["properties"]["mobile"] for f in every["features"])
        # only units based near are listed (300 km): the van here, not Detroit's unit
        assert {f["id"] for f in every["mobile_units"]} == {VAN}


def test_cli_ranks_walk_in_places_and_lists_the_van_apart(gpkg):
    runner = CliRunner()
    out = runner.invoke(
        cli, ["nearest", POINT, "--kind", "clinic", "--format", "json", "--store", str(gpkg)]
    )
    assert out.exit_code == 0, out.output
    body = json.loads(out.output)
    assert [r["id"] for r in body["results"]] == [FIXED]
    assert [r["id"] for r in body["mobile_units"]] == [VAN]
    table = runner.invoke(cli, ["nearest", POINT, "--store", str(gpkg)])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    first = next(line for line in lines if line.strip().startswith("1 "))
    assert "Pilsen Fixed Clinic" in first
    heading = lines.index("Unidades móviles cerca (no son lugares de atención sin cita):")
    assert any("Clinic on Wheels" in line for line in lines[heading:])
    assert not any("Clinic on Wheels" in line for line in lines[:heading])
    english = runner.invoke(cli, ["nearest", POINT, "--lang", "en", "--store", str(gpkg)])
    assert "Mobile units nearby (not walk-in places):" in english.output


def test_maps_and_page_data_never_rank_the_van(gpkg):
    store = open_store(gpkg)
    try:
        sites = store.sites()
    finally:
        store.close()
    data = nearest_source(
        SiteIndex.from_geodataframe(sites),
        {"label": POINT, "lat": LAT, "lon": LON, "precision": "address"},
        kinds=["clinic"],
        limit=5,
    )
    assert list(data.results["id"]) == [FIXED]
    page = sites_data(sites, version="test")
    column = page["columns"].index("mobile")
    flags = {row[0]: row[column] for row in page["rows"]}
    assert flags[VAN] is True and flags[FIXED] is False
    assert flags["vds-mobile-new-york"] is True


def test_ogc_items_filter_on_mobile(gpkg):
    app = create_app(
        Settings(store=str(gpkg), api_key="k" * 32, refresh_seconds=0, database_url=None)
    )
    with TestClient(app) as client:
        doc = client.get("/ogc/collections/clinic/queryables?f=json").json()
        assert doc["properties"]["mobile"]["type"] == "boolean"
        moving = client.get("/ogc/collections/clinic/items?mobile=true&f=json").json()
        fixed = client.get("/ogc/collections/clinic/items?mobile=false&f=json").json()
    assert [f["id"] for f in moving["features"]] == [VAN]
    assert [f["id"] for f in fixed["features"]] == [FIXED]
    assert moving["features"][0]["properties"]["mobile"] is True
