"""One presentation of a site: the page data, the map popups and the API say the same.

Every output takes its shown values from :func:`locator.present.site_properties`: the
search page's rows (:func:`locator.web.bundle.sites_data`), the map payload and site lists
(:func:`locator.maps.contact.presented_columns`, :func:`locator.maps.popups.list_item_html`)
and the API's features. A value whose sources disagree (evidence ``conflict``) is shown as
fact by none of them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from shapely.geometry import Point

from api.app import create_app
from api.settings import Settings
from geodata.schema import coerce_sites
from geodata.stores.base import ChangeSet
from geodata.stores.gpkg import GeoPackageStore
from locator.catalog import Catalog
from locator.maps.contact import presented_columns
from locator.maps.popups import list_item_html
from locator.maps.sitedata import encode_sites
from locator.present import site_properties
from locator.web.bundle import SITE_FIELDS, export_site, sites_data

PAGE_AS_PROPS = {
    "address": "address",
    "phone": "phone",
    "tel": "tel",
    "url": "url",
    "hours": "hours",
    "hours_source_date": "hours_source_date",
    "illustrative": "illustrative",
    "precision": "location_precision",
    "contact_fallback": "contact_fallback",
    "mobile": "mobile",
    "name": "name",
    "notes": "notes",
}
"""Page column -> the site_properties key it presents."""

DISPUTED_PHONE = "(312) 555-0199"
DISPUTED_DIGITS = ("555-0199", "5550199")
DISPUTED_STREET = "77 Disputed St"
DISPUTED_HOURS = "L-V 3-4 disputed"


@pytest.fixture(scope="module")
def bundled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("present") / "locator.gpkg"
    GeoPackageStore(path)
    return path


def _page_rows(sites: Any) -> list[dict[str, Any]]:
    data = sites_data(sites, version="v")
    return [dict(zip(data["columns"], row, strict=True)) for row in data["rows"]]


def test_every_bundled_page_row_presents_what_site_properties_does(bundled_store):
    sites = Catalog(GeoPackageStore(bundled_store, create=False)).snapshot.index.sites
    records = sites.drop(columns=sites.geometry.name).to_dict("records")
    rows = _page_rows(sites)
    assert len(rows) == len(records) > 100
    compared = 0
    for rec, row in zip(records, rows, strict=True):
        es, en = site_properties(rec, "es"), site_properties(rec, "en")
        assert row["id"] == es["id"]
        for column, key in PAGE_AS_PROPS.items():
            expected = es[key]
            # the page's rows write unknown text as "" (never null)
            assert row[column] == ("" if expected is None else expected), (rec["id"], column)
            compared += bool(expected)
        assert row["evidence"] == {
            field: {"es": label, "en": en["evidence"][field]}
            for field, label in es["evidence"].items()
            if label
        }
        assert row["services"] == [s["id"] for s in es["services"]]
        assert row["languages"] == es["languages"]
    assert compared > 500  # real values were compared, not only empty ones


def test_bundled_map_popups_present_what_site_properties_does(bundled_store):
    sites = Catalog(GeoPackageStore(bundled_store, create=False)).snapshot.index.sites
    frame = presented_columns(sites, lang="en")
    for rec in frame.drop(columns="geometry").to_dict("records"):
        props = site_properties(rec, "en")
        assert rec["tel"] == (props["tel"] or "")
        assert [rec[c] for c in ("street_address", "phone", "hours")] == [
            props[c] or "" for c in ("street_address", "phone", "hours")
        ]
        assert [rec[f"{f}_note"] for f in ("address", "phone", "hours")] == [
            props["evidence"][f] for f in ("address", "phone", "hours")
        ]
        assert rec["fallback"] == ("1" if props["contact_fallback"] else "")


def _disputed_sites() -> Any:
    common = {
        "source": "test 2026",
        "location_precision": "address",
        "phone": DISPUTED_PHONE,
        "phone_evidence": "conflict",
        "phone_source": "a; b",
        "street_address": DISPUTED_STREET,
        "address_evidence": "conflict",
        "address_source": "a; b",
        "hours_source": "a; b",
        "hours": DISPUTED_HOURS,
        "hours_evidence": "conflict",
        "city": "Chicago",
        "state": "IL",
        "postal_code": "60608",
    }
    return coerce_sites(
        [
            {
                "id": "clinic-disputed",
                "kind": "clinic",
                "name": "Disputed clinic",
                "geometry": Point(-87.66, 41.85),
                **common,
            },
            {
                "id": "consulate-disputed",
                "kind": "consulate",
                "name": "Disputed consulate",
                "geometry": Point(-87.65, 41.86),
                **common,
            },
        ]
    )


@pytest.fixture(scope="module")
def disputed_store(bundled_store, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("disputed") / "locator.gpkg"
    shutil.copy(bundled_store, path)
    GeoPackageStore(path, create=False).apply(
        ChangeSet(sites=_disputed_sites(), source="test", allow_official=True)
    )
    return path


@pytest.fixture(scope="module")
def disputed_client(disputed_store) -> Iterator[TestClient]:
    path = disputed_store
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
        yield client


def _assert_not_shown(text: str) -> None:
    for disputed in (*DISPUTED_DIGITS, DISPUTED_STREET, DISPUTED_HOURS):
        assert disputed not in text


def test_a_disputed_phone_address_and_hours_are_shown_by_no_output(disputed_client):
    page = disputed_client.get("/data/sites.json")
    assert page.status_code == 200
    data = page.json()
    rows = {r[0]: dict(zip(SITE_FIELDS, r, strict=True)) for r in data["rows"]}
    assert set(rows) >= {"clinic-disputed", "consulate-disputed"}
    for site_id in ("clinic-disputed", "consulate-disputed"):
        row = rows[site_id]
        assert (row["phone"], row["tel"], row["hours"]) == ("", "", "")
        assert row["address"] == "Chicago, IL 60608"
        assert row["evidence"]["phone"]["en"] == "sources disagree on the phone"
        _assert_not_shown(json.dumps(row))
    assert rows["consulate-disputed"]["contact_fallback"] is True  # the national lines
    assert rows["clinic-disputed"]["contact_fallback"] is False
    _assert_not_shown(disputed_client.get("/data/sites.js").text)

    api = disputed_client.get("/v1/sites", params={"kind": "clinic,consulate", "limit": 500})
    assert api.status_code == 200, api.text[:300]
    features = {f["id"]: f["properties"] for f in api.json()["features"]}
    assert {"clinic-disputed", "consulate-disputed"} <= set(features)
    for site_id in ("clinic-disputed", "consulate-disputed"):
        assert features[site_id]["phone"] is None and features[site_id]["tel"] is None
        _assert_not_shown(json.dumps(features[site_id]))
        one = disputed_client.get(f"/v1/sites/{site_id}")
        assert one.status_code == 200
        _assert_not_shown(one.text)
    for kind in ("clinic", "consulate"):
        for path, params in (
            (f"/ogc/collections/{kind}/items", {"limit": 1000}),
            ("/v1/nearest", {"q": "60608", "kind": kind, "limit": 5}),
        ):
            for lang in ("es", "en"):
                r = disputed_client.get(path, params={**params, "lang": lang})
                assert r.status_code == 200, (path, r.text[:300])
                assert f"{kind}-disputed" in r.text
                _assert_not_shown(r.text)
        html = disputed_client.get(
            f"/ogc/collections/{kind}/items/{kind}-disputed", params={"f": "html"}
        )
        assert html.status_code == 200 and "Disputed" in html.text
        _assert_not_shown(html.text)


def test_the_static_export_shows_no_disputed_value(disputed_store, tmp_path):
    report = export_site(tmp_path / "site", store=str(disputed_store), tiles=False)
    text = (tmp_path / "site" / "data" / "sites.js").read_text(encoding="utf-8")
    assert report.sites > 100 and "clinic-disputed" in text
    _assert_not_shown(text)


@pytest.mark.parametrize("lang", ["es", "en"])
def test_a_disputed_phone_is_in_no_map_popup_or_list(lang):
    frame = presented_columns(_disputed_sites(), lang=lang)
    payload = json.dumps(encode_sites(frame, compress=False), ensure_ascii=False)
    _assert_not_shown(payload)
    assert "tel:" not in payload
    for row in frame.drop(columns="geometry").to_dict("records"):
        _assert_not_shown(list_item_html(row, lang=lang, layer="l", index=0))
    for row in _disputed_sites().drop(columns="geometry").to_dict("records"):
        item = list_item_html(row, lang=lang)  # a row that was not presented first
        _assert_not_shown(item)
        assert "Chicago, IL 60608" in item
        # the list says the sources disagree, as the popups, the page and the API do
        for fact in ("address", "phone", "hours"):
            assert site_properties(row, lang)["evidence"][fact] in item
