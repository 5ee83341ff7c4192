"""Great-circle distances for locator's queries (re-exported from :mod:`geodata.sphere`).

The one implementation lives in the data layer so the gazetteer and the stores use the same
radius and formula; see :mod:`geodata.sphere` for the details.

Examples
--------
>>> round(float(haversine_km(-87.6298, 41.8781, -118.2437, 34.0522)), 1)  # Chicago-Los Angeles
2804.0
"""

from __future__ import annotations

from geodata import sphere as _sphere
from geodata.sphere import *  # noqa: F403  (a re-export: the names are geodata.sphere's)

__all__ = list(_sphere.__all__)
