"""Tests for the offline gazetteer (geodata.gazetteer) and its name tables (geodata.aliases)."""

from __future__ import annotations

import dataclasses
import json

import pytest
from shapely.geometry import Point

from geodata.aliases import CITY_ALIASES, STATE_ALIASES, STATE_NAMES, normalize
from geodata.errors import InvalidInputError, NotFoundError
from geodata.gazetteer import Gazetteer, Place

STATES_DC_PR = {code for code in STATE_NAMES if code not in {"GU", "VI", "AS", "MP"}}


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.default()


def test_coverage_constant_is_50_states_dc_pr():
    assert len(STATES_DC_PR) == 52 and {"DC", "PR"} <= STATES_DC_PR


@pytest.mark.parametrize(
    ("query", "label", "precision"),
    [
        ("60608", "60608 Chicago, IL", "postal_code"),
        ("60608-1234", "60608 Chicago, IL", "postal_code"),
        (" 60608 ", "60608 Chicago, IL", "postal_code"),
        ("Chicago, IL 60608", "60608 Chicago, IL", "postal_code"),
        ("10001", "10001 New York, NY", "postal_code"),
        ("Dalton, GA", "Dalton, GA", "city"),
        ("dalton ga", "Dalton, GA", "city"),
        ("DALTON;  Georgia.", "Dalton, GA", "city"),
        ("Chicago", "Chicago, IL", "city"),
        ("Nueva York", "New York, NY", "city"),
        ("nueva york", "New York, NY", "city"),
        ("San Jose CA", "San Jose, CA", "city"),
        ("San José, CA", "San Jose, CA", "city"),
        ("san jose, california", "San Jose, CA", "city"),
        ("Nueva Orleans", "New Orleans, LA", "city"),
        ("Filadelfia", "Philadelphia, PA", "city"),
        ("San Luis", "St. Louis, MO", "city"),
        ("St. Louis", "St. Louis, MO", "city"),
        ("Saint Louis, MO", "St. Louis, MO", "city"),
        ("Kansas City", "Kansas City, MO", "city"),
        ("Kansas City, KS", "Kansas City, KS", "city"),
        ("Ciudad de Kansas", "Kansas City, MO", "city"),
        ("Houston, Tejas", "Houston, TX", "city"),
        ("San Juan, PR", "San Juan, PR", "city"),
        ("Bayamon PR", "Bayamón, PR", "city"),
        ("Texas", "Texas", "state"),
        ("TX", "Texas", "state"),
        ("tx", "Texas", "state"),
        ("Tejas", "Texas", "state"),
        ("Nuevo México", "New Mexico", "state"),
        ("Carolina del Norte", "North Carolina", "state"),
        ("Carolina del Sur", "South Carolina", "state"),
        ("Luisiana", "Louisiana", "state"),
        ("Pensilvania", "Pennsylvania", "state"),
        ("Misuri", "Missouri", "state"),
        ("Puerto Rico", "Puerto Rico", "state"),
        ("District of Columbia", "District of Columbia", "state"),
        ("Cook County, IL", "Cook County, IL", "county"),
        ("cook county illinois", "Cook County, IL", "county"),
        ("Condado de Cook, Illinois", "Cook County, IL", "county"),
        ("Los Angeles County, CA", "Los Angeles County, CA", "county"),
        ("Dona Ana County, NM", "Doña Ana County, NM", "county"),
    ],
)
def test_geocode_best_match(gz, query, label, precision):
    best = gz.geocode(query)[0]
    assert (best.label, best.precision) == (label, precision)
    assert best.state in STATE_NAMES
    assert -90 <= best.lat <= 90 and -180 <= best.lon <= 180


@pytest.mark.parametrize("query", ["San Jose CA", "San José, CA", "SAN JOSE, ca"])
def test_city_with_state_stays_in_that_state(gz, query):
    assert {p.state for p in gz.geocode(query)} == {"CA"}
    other_states = {p.state for p in gz.geocode("San Jose", limit=10)}
    assert len(other_states) > 1  # the state is what disambiguates


@pytest.mark.parametrize("query", ["Chicago", "Springfield", "Kansas City", "San Jose"])
def test_bare_city_ranked_by_population(gz, query):
    cities = [p for p in gz.geocode(query, limit=10) if p.precision == "city"]
    assert len(cities) >= 1
    known = [p.population for p in cities if p.name.casefold() == query.casefold() and p.population]
    assert cities[0].population == max(known)


@pytest.mark.parametrize("limit", [1, 2, 3])
def test_limit_and_scores(gz, limit):
    places = gz.geocode("Springfield", limit=limit)
    assert len(places) == limit
    scores = [p.score for p in places]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)


@pytest.mark.parametrize(
    ("query", "lat", "lon", "state"),
    [
        ("41.85,-87.65", 41.85, -87.65, "IL"),
        ("41.85, -87.65", 41.85, -87.65, "IL"),
        ("41.85 -87.65", 41.85, -87.65, "IL"),
        ("+18.4655; -66.1057", 18.4655, -66.1057, "PR"),
        ("0,0", 0.0, 0.0, ""),  # Gulf of Guinea: no US ZIP within 50 km
    ],
)
def test_coordinates(gz, query, lat, lon, state):
    (place,) = gz.geocode(query)
    assert place.precision == "coordinates"
    assert (place.lat, place.lon, place.state) == (lat, lon, state)


@pytest.mark.parametrize(
    "query", ["", "   ", "\t\n", "95,200", "41.85,-187", "-91, 10", "x" * 201, "!!!", "¿?"]
)
def test_invalid_input(gz, query):
    with pytest.raises(InvalidInputError) as err:
        gz.geocode(query)
    assert err.value.message("es") and err.value.message("en")
    assert err.value.message("es") != err.value.message("en")


def test_out_of_range_message_names_the_ranges(gz):
    with pytest.raises(InvalidInputError, match=r"-90\.\.90") as err:
        gz.geocode("95,200")
    assert "latitud" in err.value.message("es")


@pytest.mark.parametrize(
    ("query", "suggestion"),
    [
        ("Chicgo", "Chicago, IL"),
        ("Dalls, TX", "Dallas, TX"),
        ("Los Angelez", "Los Angeles, CA"),
        ("Filadelfya", "Philadelphia, PA"),
        ("Hustón, Texas", "Houston, TX"),
    ],
)
def test_not_found_suggests_close_matches(gz, query, suggestion):
    with pytest.raises(NotFoundError) as err:
        gz.geocode(query)
    assert suggestion in err.value.detail["suggestions"]
    assert suggestion in err.value.message("es") and "Quiso decir" in err.value.message("es")
    assert "Did you mean" in err.value.message("en")


@pytest.mark.parametrize("query", ["Xyzzyville", "Qwxzv, TX", "99999", "00000-1234"])
def test_not_found(gz, query):
    with pytest.raises(NotFoundError) as err:
        gz.geocode(query)
    assert isinstance(err.value.detail["suggestions"], list)
    assert err.value.message("es") != err.value.message("en")


@pytest.mark.parametrize(
    ("code", "city"),
    [
        ("60608", "Chicago"),
        ("60608-1234", "Chicago"),
        ("00901", "San Juan"),
        ("20001", "Washington"),
    ],
)
def test_zip(gz, code, city):
    place = gz.zip(code)
    assert place is not None and place.name == city and place.postal_code == code[:5]
    assert place.precision == "postal_code" and place.county_fips


@pytest.mark.parametrize("code", ["00000", "99999"])
def test_zip_unknown_is_none(gz, code):
    assert gz.zip(code) is None


@pytest.mark.parametrize("code", ["6060", "606081", "abcde", "", "60608-12"])
def test_zip_malformed(gz, code):
    with pytest.raises(InvalidInputError):
        gz.zip(code)


@pytest.mark.parametrize(
    ("name", "state", "label"),
    [
        ("Chicago", None, "Chicago, IL"),
        ("San José", "CA", "San Jose, CA"),
        ("san jose", "California", "San Jose, CA"),
        ("Filadelfia", None, "Philadelphia, PA"),
        ("Dalton", "GA", "Dalton, GA"),
    ],
)
def test_city(gz, name, state, label):
    place = gz.city(name, state)
    assert place is not None and place.label == label and place.precision == "city"


@pytest.mark.parametrize(("name", "state"), [("Xyzzyville", None), ("Chicago", "TX")])
def test_city_unknown_is_none(gz, name, state):
    assert gz.city(name, state) is None


def test_city_bad_state(gz):
    with pytest.raises(InvalidInputError):
        gz.city("Chicago", "ZZ")


def test_city_without_geonames_point_uses_zip_centroids(gz):
    zip_only = gz.places().query("source == 'zipcodes' and state == 'IL'").iloc[0]
    place = gz.city(zip_only["name"], "IL")
    zips = [z for z, v in gz._zips.items() if v[0] == zip_only["name"] and v[1] == "IL"]
    mean_lat = sum(gz._zips[z][2] for z in zips) / len(zips)
    assert place.population is None and place.lat == pytest.approx(mean_lat, abs=1e-4)


@pytest.mark.parametrize(
    "query", ["60608", "Chicago, IL", "Cook County, IL", "Texas", "San Juan, PR", "St. Louis, MO"]
)
def test_label_round_trips(gz, query):
    place = gz.geocode(query)[0]
    again = gz.geocode(place.label)[0]
    assert (again.label, again.precision, again.lat, again.lon) == (
        place.label,
        place.precision,
        place.lat,
        place.lon,
    )


def test_place_to_dict_is_json(gz):
    place = gz.geocode("Chicago")[0]
    data = json.loads(json.dumps(place.to_dict()))
    assert set(data) == {f.name for f in dataclasses.fields(Place)}
    assert data["population"] > 2_000_000 and data["county_fips"] == "17031"


def test_default_is_cached():
    assert Gazetteer.default() is Gazetteer.default()


def test_states_table(gz):
    states = gz.states()
    assert list(states.columns) == ["fips", "state", "name", "geometry"]
    assert states.crs.to_epsg() == 4326
    assert STATES_DC_PR <= set(states["state"])
    assert states["fips"].is_unique and states["fips"].str.fullmatch(r"\d{2}").all()
    assert gz.states() is states


def test_counties_table(gz):
    counties = gz.counties()
    assert list(counties.columns) == ["fips", "name", "state", "state_fips", "geometry"]
    assert counties.crs.to_epsg() == 4326
    assert STATES_DC_PR <= set(counties["state"])
    assert counties["fips"].is_unique and counties["fips"].str.fullmatch(r"\d{5}").all()
    assert (counties["fips"].str[:2] == counties["state_fips"]).all()
    cook = counties.set_index("fips").loc["17031"]
    assert (cook["name"], cook["state"]) == ("Cook County", "IL")
    chicago = gz.city("Chicago", "IL")
    assert cook.geometry.contains(Point(chicago.lon, chicago.lat))
    assert gz.counties() is counties


@pytest.mark.parametrize("state", ["TX", "AK", "HI", "PR", "MI", "FL", "DC", "MD"])
def test_state_point_is_inside_state(gz, state):
    place = gz.geocode(STATE_NAMES[state])[0]
    assert place.precision == "state" and place.state == state
    shape = gz.states().set_index("state").loc[state].geometry
    assert shape.contains(Point(place.lon, place.lat))


def test_places_table(gz):
    places = gz.places()
    for column in ("name", "state", "lat", "lon", "population", "county_fips"):
        assert column in places.columns
    assert STATES_DC_PR <= set(places["state"])
    chicago = places[(places["name"] == "Chicago") & (places["state"] == "IL")].iloc[0]
    assert chicago["population"] > 2_000_000 and chicago["county_fips"] == "17031"
    assert places["county_fips"].str.fullmatch(r"\d{5}|").all()


def test_compact(gz):
    compact = gz.compact()
    text = json.dumps(compact, separators=(",", ":"))
    assert len(text) < 2_000_000  # size budget guard (aim: ~1.5 MB)
    assert compact["zips"]["60608"] == pytest.approx([41.85, -87.67], abs=0.01)
    assert compact["cities"]["Chicago|IL"][2] == gz.city("Chicago", "IL").population
    assert compact["aliases"]["nueva york"] == "New York|NY"
    assert compact["aliases"]["carolina del norte"] == "NC"
    city_targets = [v for v in compact["aliases"].values() if "|" in v]
    assert city_targets and all(v in compact["cities"] for v in city_targets)


@pytest.mark.parametrize(("alias", "target"), sorted(CITY_ALIASES.items()))
def test_every_city_alias_points_to_a_real_place(gz, alias, target):
    place = gz.city(*target)
    assert place is not None and place.name == target[0] and place.state == target[1]
    assert gz.geocode(alias)[0].label == place.label


@pytest.mark.parametrize(("alias", "code"), sorted(STATE_ALIASES.items()))
def test_every_state_alias_resolves(gz, alias, code):
    assert code in STATE_NAMES
    assert code in {p.state for p in gz.geocode(alias) if p.precision == "state"}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("San José, CA", "san jose ca"),
        ("  ST. LOUIS ", "saint louis"),
        ("Ft. Worth", "fort worth"),
        ("Mt. Vernon", "mount vernon"),
        ("Doña Ana", "dona ana"),
        ("a--b__c", "a b c"),
        ("", ""),
    ],
)
def test_normalize(text, key):
    assert normalize(text) == key


def test_disk_cache_round_trip(tmp_path, monkeypatch):
    stale = tmp_path / "gazetteer-5000-0000000000000000.json"
    stale.write_text("{}", encoding="utf-8")
    first = Gazetteer(cache_dir=tmp_path)
    (cache_file,) = tmp_path.glob("gazetteer-*.json")  # the stale version was removed
    assert cache_file != stale

    def no_build(self, min_population):
        raise AssertionError("should have loaded the cache")

    monkeypatch.setattr(Gazetteer, "_build_tables", no_build)
    second = Gazetteer(cache_dir=tmp_path)
    assert second.geocode("Dalton, GA") == first.geocode("Dalton, GA")
    assert second.zip("60608") == first.zip("60608")
    cache_file.write_text("{not json", encoding="utf-8")
    with pytest.raises(AssertionError, match="cache"):
        Gazetteer(cache_dir=tmp_path)  # a corrupt cache is ignored and rebuilt


def test_unwritable_cache_dir_is_ignored(tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("", encoding="utf-8")
    assert Gazetteer(cache_dir=blocker).zip("60608").name == "Chicago"


@pytest.mark.parametrize(
    ("query", "state"),
    [
        ("Billings, MT", "MT"),
        ("Helena MT", "MT"),
        ("Great Falls, MT", "MT"),
        ("Mt. Vernon, WA", "WA"),
    ],
)
def test_montana_code_is_not_read_as_mount(query, state):
    from geodata.gazetteer import Gazetteer

    best = Gazetteer.default().geocode(query)[0]
    assert best.state == state and best.precision == "city"
