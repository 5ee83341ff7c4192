"""Phones and web addresses: validated at import, linked the same way in every output."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from api.app import create_app
from api.settings import Settings
from geodata.stores.gpkg import GeoPackageStore
from locator.cli.main import cli
from locator.maps.sitedata import encode_sites

CSV = (
    "kind,name,city,state,lat,lon,location_precision,source,phone,url\n"
    "clinic,Alivio Good,Chicago,IL,41.85,-87.66,address,test 2026,(312) 491-4500 ext. 2,"
    "www.alivio.org\n"
    "clinic,Alivio Bad,Chicago,IL,41.86,-87.66,address,test 2026,javascript:alert(5),"
    "javascript:alert(1)\n"
    'clinic,Alivio Attr,Chicago,IL,41.87,-87.66,address,test 2026,"312-555-0000"" onclick=x",'
    "alivio.org/es?x=1\n"
)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("links")
    path = folder / "locator.gpkg"
    GeoPackageStore(path)
    src = folder / "clinics.csv"
    src.write_text(CSV, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", "csv", str(src), "--store", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return path, result.output


def _by_name(sites):
    return {r["name"]: r for r in sites.to_dict("records")}


def test_import_normalises_urls_and_warns_about_phones(store):
    path, report = store
    sites = _by_name(GeoPackageStore(path).sites())
    assert sites["Alivio Good"]["url"] == "https://www.alivio.org"
    assert sites["Alivio Attr"]["url"] == "https://alivio.org/es?x=1"
    assert sites["Alivio Bad"]["url"] == ""
    assert sites["Alivio Bad"]["phone"] == "javascript:alert(5)"  # kept as text, as published
    assert report.count("not a valid phone number") == 2


def test_api_links_only_real_numbers(store):
    path, _ = store
    settings = Settings(
        store=str(path),
        database_url=None,
        api_key=None,
        cors="*",
        default_lang="es",
        refresh_seconds=0,
        max_upload_mb=20.0,
    )
    with TestClient(create_app(settings)) as client:
        fc = client.get("/v1/nearest", params={"q": "60608", "kind": "clinic", "limit": 3}).json()
    props = {f["properties"]["name"]: f["properties"] for f in fc["features"]}
    assert props["Alivio Good"]["tel"] == "tel:+13124914500"
    assert props["Alivio Good"]["url"] == "https://www.alivio.org"
    assert props["Alivio Bad"]["tel"] is None and props["Alivio Attr"]["tel"] is None


def test_map_payload_and_page_data_carry_the_same_links(store):
    path, _ = store
    from locator.web.bundle import SITE_FIELDS, sites_data

    sites = GeoPackageStore(path).sites()
    clinics = sites[sites["kind"] == "clinic"].sort_values("name")
    payload = encode_sites(clinics, compress=False)
    tel = payload["c"]["tel"]
    tels = [payload["t"][v] if "tel" in payload["i"] else v for v in tel]
    assert tels == ["", "", "tel:+13124914500"]  # Attr, Bad, Good (sorted by name)
    rows = sites_data(clinics, version="x")["rows"]
    page = [dict(zip(SITE_FIELDS, r, strict=True)) for r in rows]
    assert [(p["tel"], p["url"]) for p in page] == [
        ("", "https://alivio.org/es?x=1"),
        ("", ""),
        ("tel:+13124914500", "https://www.alivio.org"),
    ]


def test_geojson_export_has_the_normalised_url(store, tmp_path):
    path, _ = store
    out = tmp_path / "sites.geojson"
    result = CliRunner().invoke(
        cli,
        ["export", "--format", "geojson", "-o", str(out), "--kind", "clinic", "--store", str(path)],
    )
    assert result.exit_code == 0, result.output
    urls = {
        f["properties"]["name"]: f["properties"]["url"]
        for f in json.loads(out.read_text())["features"]
    }
    assert urls["Alivio Good"] == "https://www.alivio.org"
