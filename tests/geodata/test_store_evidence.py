"""Both stores keep the per-fact evidence columns (address/phone/hours evidence, source, date)."""

import pytest
from shapely.geometry import Point

from geodata.schema import SITE_COLUMNS, coerce_sites
from geodata.stores import ChangeSet
from geodata.stores.gpkg import GeoPackageStore
from tests import postgis_fixtures
from tests.postgis_fixtures import require_server

bundle = postgis_fixtures.bundle
database_url = postgis_fixtures.database_url
pg_schema = postgis_fixtures.pg_schema

FACTS = {
    "address_evidence": "conflict",
    "address_source": "a (2024-01); b (2025-02)",
    "address_source_date": "2025-02",
    "phone_evidence": "candidate",
    "phone_source": "app data (undated)",
    "phone_source_date": "",
    "hours_evidence": "confirmed",
    "hours_source": "x; y",
    "hours_source_date": "2021-06-01",
}


@pytest.fixture(params=["gpkg", pytest.param("postgis", marks=pytest.mark.postgis)])
def store(request, bundle, tmp_path):
    if request.param == "gpkg":
        opened = GeoPackageStore(tmp_path / "locator.gpkg")
    else:
        from geodata.stores.postgis import PostGISStore

        opened = PostGISStore(require_server(), schema=request.getfixturevalue("pg_schema"))
    yield opened
    opened.close()


def _clinic(**facts):
    return {
        "id": "clinic-e",
        "kind": "clinic",
        "name": "Clínica E",
        "phone": "555-0100",
        "location_precision": "address",
        "source": "test",
        "geometry": Point(-87.6, 41.8),
        **facts,
    }


def test_evidence_columns_round_trip(store):
    assert set(FACTS) <= set(store.site_columns) == set(SITE_COLUMNS)
    store.apply(ChangeSet(sites=coerce_sites([_clinic(**FACTS)])))
    row = store.sites().set_index("id").loc["clinic-e"]
    assert {k: row[k] for k in FACTS} == FACTS


@pytest.mark.parametrize("column", sorted(FACTS))
def test_a_change_in_an_evidence_column_is_an_update(store, column):
    store.apply(ChangeSet(sites=coerce_sites([_clinic(**FACTS)])))
    other = "candidate" if FACTS[column] == "confirmed" else "confirmed"
    changed = {**FACTS, column: other if column.endswith("evidence") else "changed"}
    report = store.apply(ChangeSet(sites=coerce_sites([_clinic(**changed)])))
    assert (report.updated, report.unchanged) == (1, 0)
