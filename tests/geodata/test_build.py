"""The bundled dataset: counts, precision, provenance, reproducibility."""

import json

import pytest

from geodata import build
from geodata.bundled import DATA_DIR, load_bundled


@pytest.fixture(scope="module")
def data():
    return load_bundled()


def test_counts(data):
    assert data.sites["kind"].value_counts().to_dict() == {
        "consulate": 53,
        "vds": 51,
        "vds_mobile": 2,
    }


def test_vds_are_all_consulates_but_houston_and_san_juan(data):
    sites = data.sites.set_index("id")
    consulates = set(sites[sites.kind == "consulate"].index)
    vds_parents = set(sites[sites.kind == "vds"].parent_id)
    assert consulates - vds_parents == {"consulate-houston", "consulate-san-juan"}
    assert "VDS" in sites.loc["consulate-houston", "notes"]


def test_vds_sit_at_their_consulate(data):
    sites = data.sites.set_index("id")
    for sid, row in sites[sites.kind == "vds"].iterrows():
        parent = sites.loc[row.parent_id]
        assert row.geometry.equals(parent.geometry), sid
        assert row.street_address == parent.street_address


def test_precision_follows_the_source_address(data):
    consulates = data.sites[data.sites.kind == "consulate"]
    with_zip = consulates[consulates.postal_code != ""]
    assert len(with_zip) == 12
    assert set(with_zip.location_precision) == {"postal_code"}
    assert set(consulates[consulates.postal_code == ""].location_precision) == {"city"}


def test_nothing_is_invented(data):
    sources = json.loads  # noqa: F841 - readability
    consulates = data.sites[data.sites.kind == "consulate"]
    # phones only where the reference lists them (10 offices), none for Houston and Miami
    assert (consulates.phone != "").sum() == 10
    assert not data.sites["hours"].str.len().any()
    assert not data.sites["verified"].any()
    assert data.sites["source"].str.len().min() > 20
    assert (data.sites[data.sites.kind == "vds"].phone == "").all()  # no source gives one
    assert all(langs == [] for langs in data.sites["languages"])  # no source states them
    mobile = data.sites[data.sites.kind == "vds_mobile"]
    assert set(mobile["id"]) == {"vds-mobile-detroit", "vds-mobile-new-york"}
    assert all(services == [] for services in mobile["services"])


def test_routes_are_illustrative_everywhere(data):
    assert len(data.routes) == 2
    assert data.routes["illustrative"].all()
    assert data.stops["illustrative"].all()
    assert set(data.routes["unit_id"]) == {"vds-mobile-detroit", "vds-mobile-new-york"}


def test_mobile_units_sit_at_their_city_centre_not_a_zip(data):
    sites = data.sites.set_index("id")
    ny_unit, ny_office = sites.loc["vds-mobile-new-york"], sites.loc["consulate-new-york"]
    assert ny_unit.location_precision == "city" and ny_office.location_precision == "postal_code"
    assert not ny_unit.geometry.equals(ny_office.geometry)


def test_points_are_in_the_us(data):
    xs, ys = data.sites.geometry.x, data.sites.geometry.y
    assert xs.between(-170, -60).all() and ys.between(15, 65).all()


def test_committed_files_match_a_fresh_build(tmp_path):
    build.build(tmp_path)
    for path in sorted(tmp_path.iterdir()):
        assert path.read_bytes() == (DATA_DIR / path.name).read_bytes(), path.name
