"""The backend-neutral parts of the store interface: record keys, content hash, merge."""

import pytest
from shapely.geometry import LineString, Point

from geodata.schema import coerce_routes, coerce_sites, coerce_stops
from geodata.stores.base import content_hash, merge_by_id, record_keys

EMPTY = (coerce_routes([]), coerce_stops([]))


def _site(**extra):
    row = {
        "id": "a",
        "kind": "clinic",
        "name": "A",
        "services": ["vaccines", "dental"],
        "languages": ["es"],
        "verified": True,
        "notes": "",
        "geometry": Point(-87.6, 41.8),
    }
    return {**row, **extra}


# the same record as different backends and files represent it
SAME = [
    {"services": "vaccines;dental", "languages": "es"},
    {"verified": "true", "notes": None},
    {"verified": 1, "notes": float("nan")},
    {"geometry": Point(-87.6000000001, 41.8000000001)},
]


@pytest.mark.parametrize("variant", SAME)
def test_representation_does_not_change_the_key_or_the_hash(variant):
    base, other = coerce_sites([_site()]), coerce_sites([_site(**variant)])
    assert record_keys(base) == record_keys(other)
    assert content_hash(base, *EMPTY) == content_hash(other, *EMPTY)
    _, report = merge_by_id(base, other)
    assert (report.unchanged, report.updated) == (1, 0)


CHANGED = [
    {"services": ["dental", "vaccines"]},  # list order is kept: it is data
    {"verified": False},
    {"notes": "nota"},
    {"name": "A "},  # stripped by the schema: the same ...
    {"geometry": Point(-87.6, 41.80001)},
]


@pytest.mark.parametrize("variant", CHANGED)
def test_a_changed_field_changes_the_hash(variant):
    base, other = coerce_sites([_site()]), coerce_sites([_site(**variant)])
    same = variant == {"name": "A "}
    assert (content_hash(base, *EMPTY) == content_hash(other, *EMPTY)) is same
    _, report = merge_by_id(base, other)
    assert report.updated == (0 if same else 1)


def test_hash_ignores_row_order_but_not_which_table():
    rows = [_site(), _site(id="b", name="B", geometry=Point(-95, 30))]
    assert content_hash(coerce_sites(rows), *EMPTY) == content_hash(
        coerce_sites(rows[::-1]), *EMPTY
    )
    route = coerce_routes([{"id": "r", "geometry": LineString([(0, 0), (1, 1)])}])
    stop = coerce_stops([{"id": "s", "route_id": "r", "sequence": 1, "geometry": Point(0, 0)}])
    assert content_hash(coerce_sites([]), route, EMPTY[1]) != content_hash(
        coerce_sites([]), EMPTY[0], EMPTY[1]
    )
    assert record_keys(stop) == record_keys(stop, "stops")
