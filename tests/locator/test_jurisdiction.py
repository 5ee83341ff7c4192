"""Sourced jurisdiction rules on the real counties and the bundled consulates: one test per rule."""

from __future__ import annotations

import pytest

from geodata.bundled import load_bundled
from geodata.gazetteer import Gazetteer
from geodata.jurisdiction_rules import county_key, jurisdiction_rules
from locator.index import SiteIndex
from locator.regions import NOTE_ES, _assignment, county_office


@pytest.fixture(scope="module")
def index():
    return SiteIndex.from_geodataframe(load_bundled().sites)


@pytest.fixture(scope="module")
def counties():
    return Gazetteer.default().counties()


# (rule id, a point inside a county it names, the office) — one per rule
CASES = [
    ("sre-2022-connecticut", (-72.6851, 41.7658), "consulate-boston"),  # Hartford, CT
    ("sre-2022-elko", (-115.7631, 40.8324), "consulate-las-vegas"),  # Elko, NV
    ("sre-2022-florida", (-82.5307, 27.3364), "consulate-miami"),  # Sarasota, FL
    ("sre-2022-texas-panhandle", (-101.8552, 33.5779), "consulate-albuquerque"),  # Lubbock
    ("sf-hawaii", (-157.8583, 21.3069), "consulate-san-francisco"),  # Honolulu
    ("sf-california", (-124.1637, 40.8021), "consulate-san-francisco"),  # Eureka (Humboldt)
    ("okc-oklahoma", (-95.9928, 36.1540), "consulate-oklahoma-city"),  # Tulsa
    ("lasvegas-nevada", (-119.8138, 39.5296), "consulate-las-vegas"),  # Reno
    ("atlanta-states", (-86.7816, 36.1627), "consulate-atlanta"),  # Nashville, TN
    ("boise-idaho", (-116.7805, 47.6777), "consulate-boise"),  # Coeur d'Alene, ID
    ("denver-states", (-104.8202, 41.1400), "consulate-denver"),  # Cheyenne, WY
    ("elpaso-texas", (-105.3713, 31.1000), "consulate-el-paso"),  # Hudspeth County, TX
    ("la-county", (-118.1445, 34.6868), "consulate-los-angeles"),  # Lancaster (LA County)
    ("nogales-santa-cruz", (-110.9381, 31.3404), "consulate-nogales"),  # Nogales, AZ
    ("raleigh-carolinas", (-79.9311, 32.7765), "consulate-raleigh"),  # Charleston, SC
    ("sandiego-county", (-117.0842, 32.6401), "consulate-san-diego"),  # Chula Vista
    ("sanjose-counties", (-121.8947, 36.6002), "consulate-san-jose"),  # Monterey, CA
    ("yuma-counties", (-114.2719, 33.6672), "consulate-yuma"),  # La Paz County, AZ
]


def test_every_rule_is_tested_and_cited():
    rules = jurisdiction_rules()
    assert {r.id for r in rules} == {case[0] for case in CASES}
    for rule in rules:
        assert rule.source and rule.label_es and rule.label_en
        assert rule.source_date or "undated" in rule.source, rule.id
    assert [r.specificity for r in rules] == sorted(r.specificity for r in rules)


@pytest.mark.parametrize(("rule_id", "point", "office"), CASES, ids=[c[0] for c in CASES])
def test_each_rule_decides_its_counties(index, counties, rule_id, point, office):
    found = county_office(index, counties, *point)
    assert found["office_id"] == office
    assert found["basis"] == "rule" and found["rule"]["id"] == rule_id
    assert found["approximation"] is True
    assert found["rule"]["source"] in found["note_es"] and "Regla:" in found["note_es"]


def test_lubbock_goes_to_albuquerque_not_the_nearest_office(index, counties):
    found = county_office(index, counties, -101.8552, 33.5779)
    nearest = index.nearest(-101.8552, 33.5779, k=1, kinds=["consulate"]).iloc[0]["id"]
    assert found["office_id"] == "consulate-albuquerque" != nearest
    assert "2022-06-01" in found["note_es"] and "reasignación SRE" in found["rule"]["label_es"]


def test_rule_counts_match_the_named_counties(index, counties):
    entry = _assignment(index, counties)
    decided = {}
    for number in entry.rule_of[entry.rule_of >= 0]:
        decided[entry.rules[number].id] = decided.get(entry.rules[number].id, 0) + 1
    for rule in entry.rules:
        if rule.counties:  # every named county exists in the gazetteer and is decided by it
            named = counties[counties["state"].isin(rule.states)]
            keys = {county_key(n) for n in named["name"]}
            assert set(rule.counties) <= keys, rule.id
            assert decided[rule.id] == len(rule.counties), rule.id
    assert decided["sre-2022-connecticut"] == int((counties["state"] == "CT").sum())


def test_counties_no_rule_names_keep_the_nearest_office(index, counties):
    found = county_office(index, counties, -87.6298, 41.8781)  # Chicago: no rule
    assert found["basis"] == "nearest" and found["rule"] is None
    assert found["note_es"] == NOTE_ES


def test_a_rule_whose_office_is_missing_is_skipped(counties):
    sites = load_bundled().sites
    index = SiteIndex.from_geodataframe(sites[sites["id"] != "consulate-albuquerque"])
    found = county_office(index, counties, -101.8552, 33.5779)
    assert found["basis"] == "nearest" and found["office_id"] != "consulate-albuquerque"
