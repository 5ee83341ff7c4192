"""Shared query-argument checks (geodata.validate), used by SiteIndex and the PostGIS store."""

import math

import numpy as np
import pytest

from geodata import validate as v
from geodata.errors import InvalidInputError


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, []),
        ("", []),
        ("es", ["es"]),
        ("es, en;;pt ", ["es", "en", "pt"]),
        (["es", " en ", ""], ["es", "en"]),
        (("a",), ["a"]),
    ],
)
def test_split_values(value, expected):
    assert v.split_values(value) == expected


@pytest.mark.parametrize("k", [1, 5, v.MAX_K, np.int64(7)])
def test_check_k_accepts(k):
    assert v.check_k(k) == int(k) and type(v.check_k(k)) is int


@pytest.mark.parametrize("k", [0, v.MAX_K + 1, True, 2.0, "3", None])
def test_check_k_rejects_in_both_languages(k):
    with pytest.raises(InvalidInputError) as err:
        v.check_k(k)
    assert "k must be" in str(err.value.message_en) and "k debe" in str(err.value.message_es)


@pytest.mark.parametrize(
    ("value", "allow_none", "expected"),
    [
        (None, True, math.inf),
        (0, False, 0.0),
        ("2.5", False, 2.5),
        (math.inf, False, math.inf),
    ],
)
def test_check_km_accepts(value, allow_none, expected):
    assert v.check_km(value, "max_km", allow_none=allow_none) == expected


@pytest.mark.parametrize("value", [None, -1, math.nan, "far", [1]])
def test_check_km_rejects_and_names_the_argument(value):
    with pytest.raises(InvalidInputError) as err:
        v.check_km(value, "radius_km", allow_none=False)
    assert "radius_km" in str(err.value)
