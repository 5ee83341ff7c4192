"""The bundled dataset: counts, precision, provenance, reproducibility."""

import re

import pytest

from geodata import build, research
from geodata.bundled import DATA_DIR, load_bundled
from geodata.gazetteer import Gazetteer
from geodata.schema import stable_id


@pytest.fixture(scope="module")
def data():
    return load_bundled()


RESEARCH = research.research_rows()
LEVELS = re.compile(r"^\[address=(\w+); phone=(\w+); hours=(\w+)\]")


def _levels(city):
    return dict(
        zip(
            ("address", "phone", "hours"),
            LEVELS.match(RESEARCH[city]["notes"]).groups(),
            strict=True,
        )
    )


def _by_office(data):
    out = {}
    for row in data.sites[data.sites.kind == "consulate"].to_dict("records"):
        city = next(c for c in RESEARCH if row["id"] == stable_id("consulate", c))
        out[city] = row
    return out


def test_counts(data):
    # 52 VDS: the 51 of the 2025-12 list plus Houston's, which 2026 news shows operating
    assert data.sites["kind"].value_counts().to_dict() == {
        "consulate": 53,
        "vds": 52,
        "vds_mobile": 2,
    }
    assert "52" in data.meta["vds_count_note_en"] and "Houston" in data.meta["vds_count_note_es"]


def test_vds_are_all_consulates_but_san_juan_and_houston_is_sourced(data):
    sites = data.sites.set_index("id")
    consulates = set(sites[sites.kind == "consulate"].index)
    vds_parents = set(sites[sites.kind == "vds"].parent_id)
    assert consulates - vds_parents == {"consulate-san-juan"}
    houston = sites.loc["vds-houston"]
    assert "La Nación 2026-01-10" in houston.source and houston.source_date == "2026-02-27"
    assert "51" in houston.notes and "influenza" in houston.notes


def test_vds_sit_at_their_consulate(data):
    sites = data.sites.set_index("id")
    for sid, row in sites[sites.kind == "vds"].iterrows():
        parent = sites.loc[row.parent_id]
        assert row.geometry.equals(parent.geometry), sid
        assert row.street_address == parent.street_address
        assert row.address_evidence == parent.address_evidence
        assert row.phone == "" and row.phone_evidence == ""  # no source gives a VDS phone


def test_vds_facts_carry_their_dates(data):
    sites = data.sites.set_index("id")
    laredo = sites.loc["vds-laredo"]
    assert "8:00-12:00" in laredo.hours and laredo.hours_evidence == "candidate"
    assert laredo.hours_source_date == "2021-03" and "elmanana" in laredo.hours_source
    assert "Gateway" in laredo.notes
    phoenix = sites.loc["vds-phoenix"]
    assert "2024-10" in phoenix.notes and "kjzz" in phoenix.source


@pytest.mark.parametrize("fact", ["address", "phone", "hours"])
def test_evidence_levels_are_the_research_files(data, fact):
    offices = _by_office(data)
    assert len(offices) == 53
    for city, row in offices.items():
        level = _levels(city)[fact]
        assert row[f"{fact}_evidence"] == ("" if level == "none" else level), (city, fact)
        if level != "none":
            assert row[f"{fact}_source"], (city, fact)


def test_evidence_counts_match_the_research_readme(data):
    consulates = data.sites[data.sites.kind == "consulate"]
    assert consulates["address_evidence"].value_counts().to_dict() == {
        "": 31,
        "candidate": 12,
        "confirmed": 9,
        "conflict": 1,
    }
    assert consulates["phone_evidence"].value_counts().to_dict() == {
        "": 34,
        "candidate": 14,
        "confirmed": 5,
    }


def test_values_are_the_research_values_and_conflicts_are_not_shown(data):
    for city, row in _by_office(data).items():
        source, levels = RESEARCH[city], _levels(city)
        for fact, column in (("phone", "phone"), ("hours", "hours")):
            shown = levels[fact] in ("confirmed", "candidate")
            assert row[column] == (source[fact] if shown else ""), (city, fact)
        if levels["address"] in ("confirmed", "candidate"):
            spec = next(s for s in research.fact_specs()[city] if s["fact"] == "address")
            street = spec["street_address"] or source["address"]
            assert row["street_address"] == street, city
            assert street in source["address"] or street in spec["notes_en"], city
        else:
            assert row["street_address"] == "" and row["postal_code"] == "", city


def test_washington_is_the_embassy_consular_section_with_its_address_in_conflict(data):
    dc = data.sites.set_index("id").loc["consulate-washington"]
    assert dc["name"] == "Sección Consular de la Embajada de México en Washington"
    assert dc.address_evidence == "conflict" and dc.street_address == ""
    assert dc.location_precision == "city" and "MacVeagh" in dc.notes


def test_precision_follows_the_sourced_address(data):
    gazetteer = Gazetteer.default()
    for city, row in _by_office(data).items():
        specs = {s["fact"]: s for s in research.fact_specs().get(city, [])}
        partial = specs.get("address", {}).get("partial") == "partial"
        full = (
            _levels(city)["address"] in ("confirmed", "candidate")
            and RESEARCH[city]["zip"]
            and not partial
        )
        assert row["location_precision"] == ("postal_code" if full else "city"), city
        if full:
            place = gazetteer.zip(RESEARCH[city]["zip"])
            assert abs(row["geometry"].x - place.lon) < 1e-6, city
            assert abs(row["geometry"].y - place.lat) < 1e-6, city


@pytest.mark.parametrize("city", ["El Paso", "Yuma"])
def test_partial_addresses_are_text_but_never_place_the_point(data, city):
    row = _by_office(data)[city]
    assert row["street_address"] and row["postal_code"] == ""
    assert row["location_precision"] == "city"


def test_nothing_is_invented(data):
    assert not data.sites["verified"].any()  # no official page could be read
    assert data.sites["source"].str.len().min() > 20
    assert all(langs == [] for langs in data.sites["languages"])  # no source states them
    for column in ("phone", "hours", "street_address"):
        fact = "address" if column == "street_address" else column
        has_value = data.sites[column] != ""
        assert (data.sites.loc[has_value, f"{fact}_evidence"] != "").all(), column
    mobile = data.sites[data.sites.kind == "vds_mobile"]
    assert set(mobile["id"]) == {"vds-mobile-detroit", "vds-mobile-new-york"}
    assert all(services == [] for services in mobile["services"])
    assert (mobile[["street_address", "phone", "hours", "address_evidence"]] == "").all().all()


def test_routes_are_illustrative_everywhere(data):
    assert len(data.routes) == 2
    assert data.routes["illustrative"].all()
    assert data.stops["illustrative"].all()
    assert set(data.routes["unit_id"]) == {"vds-mobile-detroit", "vds-mobile-new-york"}


def test_mobile_units_sit_at_their_city_centre_not_a_zip(data):
    sites = data.sites.set_index("id")
    ny_unit, ny_office = sites.loc["vds-mobile-new-york"], sites.loc["consulate-new-york"]
    assert ny_unit.location_precision == "city" and ny_office.location_precision == "postal_code"
    assert ny_office.postal_code == RESEARCH["New York"]["zip"]
    assert not ny_unit.geometry.equals(ny_office.geometry)


def test_points_are_in_the_us(data):
    xs, ys = data.sites.geometry.x, data.sites.geometry.y
    assert xs.between(-170, -60).all() and ys.between(15, 65).all()


def test_committed_files_match_a_fresh_build(tmp_path):
    build.build(tmp_path)
    for path in sorted(tmp_path.iterdir()):
        assert path.read_bytes() == (DATA_DIR / path.name).read_bytes(), path.name


def test_each_fact_cites_exactly_the_sources_the_research_names(data):
    from geodata.schema import split_list

    for city, row in _by_office(data).items():
        for spec in research.fact_specs().get(city, []):
            cited = split_list(row[f"{spec['fact']}_source"])
            assert len(cited) == len(spec["items"].split("|")), (city, spec["fact"])
