"""Tests for locator.distance: haversine, unit vectors and chord conversions."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geodata.sphere import (
    EARTH_RADIUS_KM,
    KM_PER_MI,
    chord_to_km,
    haversine_km,
    km_to_chord,
    to_unit_vectors,
)

lons = st.floats(-180, 180, allow_nan=False)
lats = st.floats(-90, 90, allow_nan=False)


def test_constants():
    assert EARTH_RADIUS_KM == 6371.0088
    assert KM_PER_MI == 1.609344


@pytest.mark.parametrize(
    ("a", "b", "expected_km"),
    [
        ((0, 0), (0, 0), 0.0),
        ((0, 0), (90, 0), math.pi / 2 * EARTH_RADIUS_KM),  # quarter of the equator
        ((0, 0), (180, 0), math.pi * EARTH_RADIUS_KM),  # antipode
        ((0, 90), (123, -90), math.pi * EARTH_RADIUS_KM),  # pole to pole
        ((179.5, 0), (-179.5, 0), math.radians(1) * EARTH_RADIUS_KM),  # across antimeridian
        ((-45, 89), (135, 89), math.radians(2) * EARTH_RADIUS_KM),  # over the pole
    ],
)
def test_haversine_known_values(a, b, expected_km):
    assert float(haversine_km(*a, *b)) == pytest.approx(expected_km, abs=1e-9)


def test_haversine_broadcasts():
    out = haversine_km(np.zeros((3, 1)), np.zeros((3, 1)), np.array([0, 1, 2, 3]), 0)
    assert out.shape == (3, 4)
    assert np.allclose(out[:, 1], math.radians(1) * EARTH_RADIUS_KM)


@settings(max_examples=200, deadline=None)
@given(lons, lats, lons, lats)
def test_haversine_symmetric_bounded_and_matches_chord(lon1, lat1, lon2, lat2):
    d = float(haversine_km(lon1, lat1, lon2, lat2))
    assert d == pytest.approx(float(haversine_km(lon2, lat2, lon1, lat1)), abs=1e-9)
    assert 0.0 <= d <= math.pi * EARTH_RADIUS_KM + 1e-9
    xyz = to_unit_vectors([lon1, lon2], [lat1, lat2])
    chord = float(np.linalg.norm(xyz[0] - xyz[1]))
    # Both formulas lose precision within a few km of the antipode (asin near 1).
    assert float(chord_to_km(chord)) == pytest.approx(d, abs=1e-9 if d < 19_000 else 1e-3)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(lons, lats), min_size=1, max_size=20))
def test_unit_vectors_have_norm_one(points):
    lon, lat = zip(*points, strict=True)
    xyz = to_unit_vectors(lon, lat)
    assert xyz.shape == (len(points), 3)
    assert np.allclose(np.linalg.norm(xyz, axis=1), 1.0)


@settings(max_examples=200, deadline=None)
@given(st.floats(0, math.pi * EARTH_RADIUS_KM))
def test_chord_roundtrip(km):
    tol = 1e-9 if km < 19_000 else 1e-3  # asin is ill-conditioned next to the antipode
    assert float(chord_to_km(km_to_chord(km))) == pytest.approx(km, abs=tol)


def test_chord_is_monotonic_in_distance():
    km = np.linspace(0, math.pi * EARTH_RADIUS_KM, 10_001)
    assert np.all(np.diff(km_to_chord(km)) > 0)
    assert float(km_to_chord(1e9)) == 2.0
