"""Great-circle distances on a spherical Earth: the one implementation in the project.

All distances are great-circle (haversine) distances with the mean Earth radius
R = 6371.0088 km (IUGG mean radius R1). Never planar degrees.

For nearest-neighbour search, points are mapped to 3D unit vectors: the straight-line (chord)
distance between two unit vectors is a strictly increasing function of their great-circle
distance, ``chord = 2 sin(d / 2R)``, so a Euclidean k-d tree on unit vectors finds exactly the
great-circle nearest neighbours, with no trouble at the poles or across the antimeridian.

Examples
--------
>>> round(float(haversine_km(-87.6298, 41.8781, -118.2437, 34.0522)), 1)  # Chicago-Los Angeles
2804.0
>>> round(float(chord_to_km(km_to_chord(1234.5))), 6)
1234.5
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "EARTH_RADIUS_KM",
    "KM_PER_MI",
    "chord_to_km",
    "haversine_km",
    "km_to_chord",
    "to_unit_vectors",
]

EARTH_RADIUS_KM = 6371.0088
"""Mean Earth radius in km (IUGG R1) used for every great-circle distance."""

KM_PER_MI = 1.609344
"""Kilometres per international statute mile."""


def haversine_km(lon1: ArrayLike, lat1: ArrayLike, lon2: ArrayLike, lat2: ArrayLike) -> np.ndarray:
    """Great-circle (haversine) distance in km, R = 6371.0088 km; arguments broadcast like numpy.

    Parameters
    ----------
    lon1, lat1, lon2, lat2
        Degrees (scalars or arrays, broadcast together).

    Returns
    -------
    numpy.ndarray
        Distances in km, shape of the broadcast inputs (0-d for scalars).

    Examples
    --------
    >>> haversine_km([0, 0], 0, [90, 180], 0).round(3).tolist()
    [10007.557, 20015.114]
    """
    lam1, phi1, lam2, phi2 = (
        np.radians(np.asarray(v, dtype=float)) for v in (lon1, lat1, lon2, lat2)
    )
    a = np.sin((phi2 - phi1) / 2.0) ** 2
    a = a + np.cos(phi1) * np.cos(phi2) * np.sin((lam2 - lam1) / 2.0) ** 2
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))


def to_unit_vectors(lon: ArrayLike, lat: ArrayLike) -> np.ndarray:
    """Map lon/lat degrees to 3D unit vectors (Earth-centred), shape ``(n, 3)``.

    >>> to_unit_vectors([0, 90], [0, 0]).round(12).tolist()
    [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0]]
    """
    lam = np.radians(np.atleast_1d(np.asarray(lon, dtype=float)))
    phi = np.radians(np.atleast_1d(np.asarray(lat, dtype=float)))
    cos_phi = np.cos(phi)
    return np.column_stack((cos_phi * np.cos(lam), cos_phi * np.sin(lam), np.sin(phi)))


def chord_to_km(chord: ArrayLike) -> np.ndarray:
    """Great-circle distance in km for a unit-sphere chord length (``2R asin(c/2)``).

    >>> float(chord_to_km(2.0)) == np.pi * EARTH_RADIUS_KM
    True
    """
    c = np.clip(np.asarray(chord, dtype=float) / 2.0, 0.0, 1.0)
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(c)


def km_to_chord(km: ArrayLike) -> np.ndarray:
    """Unit-sphere chord length for a great-circle distance in km (``2 sin(d / 2R)``).

    Distances beyond half the circumference map to the maximum chord, 2.

    >>> float(km_to_chord(0.0))
    0.0
    """
    d = np.clip(np.asarray(km, dtype=float), 0.0, np.pi * EARTH_RADIUS_KM)
    return 2.0 * np.sin(d / (2.0 * EARTH_RADIUS_KM))
