"""Tests for locator.index_input: argument checks and filter parsing of SiteIndex."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, Polygon, box, mapping

from geodata.errors import InvalidInputError
from locator import index_input as ii


@pytest.mark.parametrize("k", [1, 7, ii.MAX_K, np.int64(3)])
def test_check_k_accepts(k):
    assert ii.check_k(k) == int(k) and type(ii.check_k(k)) is int


@pytest.mark.parametrize("k", [0, -1, ii.MAX_K + 1, True, 2.0, "3", None])
def test_check_k_rejects(k):
    with pytest.raises(InvalidInputError) as err:
        ii.check_k(k)
    assert str(ii.MAX_K) in str(err.value)


@pytest.mark.parametrize(("value", "expected"), [(0, 0.0), (2.5, 2.5), ("10", 10.0)])
def test_check_km_accepts(value, expected):
    assert ii.check_km(value, "max_km", allow_none=False) == expected


def test_check_km_none():
    assert ii.check_km(None, "max_km", allow_none=True) == math.inf
    with pytest.raises(InvalidInputError):
        ii.check_km(None, "radius_km", allow_none=False)


@pytest.mark.parametrize("value", [-1, float("nan"), "far", []])
def test_check_km_rejects(value):
    with pytest.raises(InvalidInputError, match="radius_km"):
        ii.check_km(value, "radius_km", allow_none=False)


@pytest.mark.parametrize(
    ("lon", "lat"),
    [
        ([0, 1], [0]),
        ([float("nan")], [0]),
        ([0], [90.5]),
        ([-180.1], [0]),
        (["x"], [0]),
    ],
)
def test_coords_rejects(lon, lat):
    with pytest.raises(InvalidInputError):
        ii.coords(lon, lat)


def test_coords_flattens():
    x, y = ii.coords([[1, 2]], (3, 4))
    assert x.tolist() == [1.0, 2.0] and y.tolist() == [3.0, 4.0]


@pytest.mark.parametrize(
    ("lon", "lat", "expected"),
    [
        (1, 2, (1.0, 2.0)),
        (np.float32(1.5), 2, (1.5, 2.0)),
        ([1], [2], None),
        ("1", 2, None),
    ],
)
def test_scalar_point(lon, lat, expected):
    assert ii.scalar_point(lon, lat) == expected


@pytest.mark.parametrize(("lon", "lat"), [(181, 0), (0, -91), (float("inf"), 0)])
def test_scalar_point_rejects(lon, lat):
    with pytest.raises(InvalidInputError):
        ii.scalar_point(lon, lat)


def test_filter_key_parses_and_normalises():
    assert ii.filter_key(None, None, None) == (None, None, None)
    assert ii.filter_key([], "", " ; ") == (None, None, None)
    key = ii.filter_key("consulate,clinic", None, ["ES", " en "])
    assert key[0] == frozenset({"consulate", "clinic"})
    assert key[2] == frozenset({"es", "en"})


def test_filter_key_rejects_unknown_kind():
    with pytest.raises(InvalidInputError):
        ii.filter_key("not-a-kind", None, None)


def test_list_mask_any_value():
    column = pd.Series([["es", "en"], [], ["EN"], None, ["nah"]])
    assert ii.list_mask(column, frozenset({"en"})).tolist() == [True, False, False, False, False]
    lowered = ii.list_mask(column, frozenset({"en"}), lower=True)
    assert lowered.tolist() == [True, False, True, False, False]


@pytest.mark.parametrize("polygon", [box(0, 0, 1, 1), mapping(box(0, 0, 1, 1))])
def test_as_polygon_accepts(polygon):
    assert ii.as_polygon(polygon).equals(box(0, 0, 1, 1))


@pytest.mark.parametrize(
    "polygon",
    [
        Point(0, 0),
        Polygon(),
        {"type": "Polygon"},
        "box",
        None,
        Polygon([(0, 0), (1, 1), (1, 0), (0, 1)]),  # self-intersecting bow tie
    ],
)
def test_as_polygon_rejects(polygon):
    with pytest.raises(InvalidInputError):
        ii.as_polygon(polygon)
