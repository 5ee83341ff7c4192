"""Great-circle cost pairs and floating-catchment accessibility (2SFCA / E2SFCA, PySAL ``access``).

Costs are great-circle distances in km (haversine, R = 6371.0088 km), kept only for pairs
within ``max_km``: a k-d tree on 3D unit vectors finds the candidate pairs, then the exact
haversine distance decides. Scores are computed by :class:`access.Access`; every site
counts as one unit of supply (no capacity data exists), and the score is reported as
**sites per 100,000 people** of the demand layer.

Examples
--------
>>> pairs = cost_pairs([0.0, 10.0], [0.0, 0.0], [0.5], [0.0], max_km=100,
...                    origin_ids=["a", "b"], dest_ids=["s"])
>>> pairs[["origin", "dest"]].values.tolist(), round(float(pairs["km"].iat[0]), 1)
([['a', 's']], 55.6)
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable, Sequence

import numpy as np
import pandas as pd
from access import Access, weights
from numpy.typing import ArrayLike
from scipy.spatial import cKDTree

from geodata.errors import InvalidInputError
from locator.distance import haversine_km, km_to_chord, to_unit_vectors
from locator.i18n.planning import PLANNING_ERRORS

__all__ = ["PER", "cost_pairs", "e2sfca_weight", "fca_scores"]

PER = 100_000
"""Scores are sites per ``PER`` people."""

logging.getLogger("access").setLevel(logging.WARNING)  # access logs every call at INFO


def cost_pairs(
    origin_lon: ArrayLike,
    origin_lat: ArrayLike,
    dest_lon: ArrayLike,
    dest_lat: ArrayLike,
    *,
    max_km: float,
    origin_ids: Sequence | None = None,
    dest_ids: Sequence | None = None,
) -> pd.DataFrame:
    """Every (origin, destination) pair within ``max_km`` great-circle km.

    Returns a DataFrame ``origin, dest, km`` (ids, or positions when ids are not given),
    sorted by origin then distance.
    """
    if not (isinstance(max_km, int | float) and np.isfinite(max_km) and max_km > 0):
        raise InvalidInputError(PLANNING_ERRORS["max_km"].fill(max_km=max_km))
    olon, olat = np.asarray(origin_lon, float), np.asarray(origin_lat, float)
    dlon, dlat = np.asarray(dest_lon, float), np.asarray(dest_lat, float)
    if not len(olon) or not len(dlon):
        return pd.DataFrame({"origin": [], "dest": [], "km": []})
    bound = float(km_to_chord(max_km)) * (1 + 1e-9) + 1e-12
    hits = cKDTree(to_unit_vectors(olon, olat)).query_ball_tree(
        cKDTree(to_unit_vectors(dlon, dlat)), r=bound
    )
    oi = np.repeat(np.arange(len(olon)), [len(h) for h in hits])
    di = np.fromiter((j for h in hits for j in h), dtype=np.int64, count=len(oi))
    km = haversine_km(olon[oi], olat[oi], dlon[di], dlat[di])
    keep = km <= max_km
    oi, di, km = oi[keep], di[keep], km[keep]
    order = np.lexsort((km, oi))
    oi, di, km = oi[order], di[order], km[order]
    origin = np.asarray(origin_ids, dtype=object)[oi] if origin_ids is not None else oi
    dest = np.asarray(dest_ids, dtype=object)[di] if dest_ids is not None else di
    return pd.DataFrame({"origin": origin, "dest": dest, "km": km})


def e2sfca_weight(max_km: float) -> Callable[[float], float]:
    """Luo & Qi (2009) step weights 1 / 0.68 / 0.22 over thirds of ``max_km``.

    >>> fn = e2sfca_weight(90)
    >>> [fn(d) for d in (10, 45, 80, 95)]
    [1, 0.68, 0.22, 0]
    """
    return weights.step_fn({max_km / 3: 1, 2 * max_km / 3: 0.68, max_km: 0.22})


def fca_scores(
    demand: pd.DataFrame,
    supply: pd.DataFrame,
    *,
    max_km: float = 200.0,
    demand_id: str = "fips",
    supply_id: str = "id",
) -> pd.DataFrame:
    """2SFCA and E2SFCA scores per demand unit, in sites per 100,000 people.

    Parameters
    ----------
    demand
        Rows with ``demand_id``, ``population``, ``center_lon``, ``center_lat``.
    supply
        Rows with ``supply_id``, ``lon``, ``lat`` (each site is one unit of supply).
    max_km
        Catchment radius (great-circle km); E2SFCA weighs thirds of it 1 / 0.68 / 0.22.

    Returns
    -------
    pandas.DataFrame
        Indexed by ``demand_id`` with ``access_2sfca`` and ``access_e2sfca``. A unit farther
        than ``max_km`` from every site scores 0; a score is NaN only when every person that
        could use a nearby site is zero (no demand to divide by).
    """
    pairs = cost_pairs(
        demand["center_lon"],
        demand["center_lat"],
        supply["lon"],
        supply["lat"],
        max_km=max_km,
        origin_ids=demand[demand_id].to_numpy(),
        dest_ids=supply[supply_id].to_numpy(),
    )
    out = pd.DataFrame(index=pd.Index(demand[demand_id].to_numpy(), name=demand_id))
    out["access_2sfca"] = 0.0
    out["access_e2sfca"] = 0.0
    if pairs.empty:
        return out
    with warnings.catch_warnings():  # access 1.1 uses pandas APIs deprecated in pandas 3
        warnings.simplefilter("ignore", category=FutureWarning)
        warnings.simplefilter("ignore", category=DeprecationWarning)
        return _scores(out, demand, supply, pairs, max_km, demand_id, supply_id)


def _scores(out, demand, supply, pairs, max_km, demand_id, supply_id) -> pd.DataFrame:
    model = Access(
        demand_df=pd.DataFrame(
            {"did": demand[demand_id].to_numpy(), "pop": demand["population"].to_numpy(float)}
        ),
        demand_index="did",
        demand_value="pop",
        supply_df=pd.DataFrame({"sid": supply[supply_id].to_numpy(), "sites": 1.0}),
        supply_index="sid",
        supply_value="sites",
        cost_df=pairs.rename(columns={"origin": "o", "dest": "d"}),
        cost_origin="o",
        cost_dest="d",
        cost_name="km",
    )
    two = model.two_stage_fca(name="fca", max_cost=max_km)["fca_sites"]
    enhanced = model.enhanced_two_stage_fca(
        name="efca", max_cost=max_km, weight_fn=e2sfca_weight(max_km)
    )["efca_sites"]
    for col, series in (("access_2sfca", two), ("access_e2sfca", enhanced)):
        values = series.reindex(out.index).fillna(0.0).to_numpy(float) * PER
        out[col] = np.where(np.isinf(values), np.nan, values)
    return out
