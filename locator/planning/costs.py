"""Costs between counties and facilities: great-circle km, or the user's travel-cost matrix.

By default a cost is the great-circle distance (km) from a county's population-weighted
centre to a site or candidate. A user with a travel-time matrix (from OSRM, Valhalla, a
routing service...) gives it as a CSV with the header ``origin,destination,cost``:

* ``origin``: the county's 5-digit FIPS code (``06037``);
* ``destination``: an existing site's ``id`` (``vds-chicago``) or a candidate's id
  (``STATE:name`` of the place, e.g. ``WA:Yakima``: ``locator suggest --write-inputs``
  writes both lists with their coordinates, to feed a router);
* ``cost``: a non-negative number in one unit (minutes, say), the same for every row.

With a matrix, **only its pairs exist**: a (county, facility) pair missing from the file is
unreachable, and radii (``--radius-km``) are read in the matrix's unit. Reading is
all-or-nothing: every bad row is listed and nothing is used.

Examples
--------
>>> import io
>>> m = read_cost_matrix(io.StringIO("origin,destination,cost\\n06037,vds-la,12.5\\n"))
>>> m.to_dict("records")
[{'origin': '06037', 'dest': 'vds-la', 'cost': 12.5}]
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import IO

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from geodata.errors import ImportValidationError, InvalidInputError
from locator.distance import haversine_km, km_to_chord, to_unit_vectors
from locator.i18n.planning import PLANNING_ERRORS
from locator.planning.accessibility import cost_pairs

__all__ = [
    "COST_COLUMNS",
    "MAX_ERRORS",
    "candidate_ids",
    "candidate_pairs",
    "check_matrix_ids",
    "existing_pairs",
    "pair_costs",
    "read_cost_matrix",
    "unreachable",
]

COST_COLUMNS = ("origin", "destination", "cost")
MAX_ERRORS = 50
"""At most this many bad rows are listed in the error."""


def read_cost_matrix(source: str | Path | IO[str]) -> pd.DataFrame:
    """Read a cost matrix CSV (see module docstring) -> ``origin, dest, cost``.

    Raises
    ------
    InvalidInputError
        Missing columns or an unreadable file.
    ImportValidationError
        Bad rows (empty ids, non-numeric / negative / infinite cost, duplicate pairs).
    """
    try:
        frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InvalidInputError(PLANNING_ERRORS["cost_unreadable"].fill(reason=exc)) from exc
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in COST_COLUMNS if c not in frame.columns]
    if missing:
        raise InvalidInputError(PLANNING_ERRORS["cost_columns"].fill(missing=missing))
    origin = frame["origin"].str.strip()
    dest = frame["destination"].str.strip()
    cost = pd.to_numeric(frame["cost"].str.strip(), errors="coerce")
    errors = _row_errors(origin, dest, cost)
    if errors:
        raise ImportValidationError(
            PLANNING_ERRORS["cost_bad_rows"].fill(n=len(errors)),
            detail={"errors": errors[:MAX_ERRORS]},
        )
    return pd.DataFrame(
        {"origin": origin.to_numpy(), "dest": dest.to_numpy(), "cost": cost.to_numpy(float)}
    )


def _row_errors(origin: pd.Series, dest: pd.Series, cost: pd.Series) -> list[dict]:
    errors = []
    bad_cost = cost.isna() | ~np.isfinite(cost.fillna(0)) | (cost < 0)
    dup = pd.DataFrame({"o": origin, "d": dest}).duplicated(keep="first")
    for i in np.flatnonzero((origin == "") | (dest == "") | bad_cost | dup):
        why = (
            "row_empty_pair"
            if origin.iat[i] == "" or dest.iat[i] == ""
            else "row_duplicate_pair"
            if dup.iat[i]
            else "row_cost"
        )
        errors.append({"row": int(i) + 2, "message": PLANNING_ERRORS[why].both()})
    return errors


def check_matrix_ids(
    matrix: pd.DataFrame, *, origins: Sequence[str], destinations: Sequence[str]
) -> None:
    """Every ``origin`` must be a known demand id (county FIPS, or ZIP at ZIP level) and every
    ``destination`` a known site or candidate id; else nothing is used and the unknown ids
    are listed (a typo, or a matrix built for other data).

    Raises
    ------
    ImportValidationError
        With ``detail["errors"]``: the first :data:`MAX_ERRORS` rows with an unknown id.
    """
    bad_o = ~matrix["origin"].isin(pd.Index(list(origins)))
    bad_d = ~matrix["dest"].isin(pd.Index(list(destinations)))
    rows = np.flatnonzero(bad_o.to_numpy() | bad_d.to_numpy())
    if not len(rows):
        return
    errors = [
        {
            "row": int(i) + 2,
            "message": (
                PLANNING_ERRORS["row_unknown_origin"].fill(id=matrix["origin"].iat[i])
                if bad_o.iat[i]
                else PLANNING_ERRORS["row_unknown_dest"].fill(id=matrix["dest"].iat[i])
            ).both(),
        }
        for i in rows[:MAX_ERRORS]
    ]
    raise ImportValidationError(
        PLANNING_ERRORS["cost_unknown_ids"].fill(n=len(rows)),
        detail={"errors": errors},
    )


def unreachable(demand: pd.DataFrame, pairs: pd.DataFrame) -> np.ndarray:
    """Positions of the demand rows with people and no pair at all (with a matrix: no row
    for them and any facility considered; they count as beyond every distance)."""
    has = np.zeros(len(demand), dtype=bool)
    has[pairs["origin"].to_numpy(int)] = True
    pop = pd.to_numeric(demand["population"], errors="coerce").fillna(0).to_numpy(float)
    return np.flatnonzero(~has & (pop > 0))


def candidate_ids(candidates: pd.DataFrame) -> np.ndarray:
    """The id of each candidate place: ``"STATE:name"`` (no comma, so CSV-safe unquoted)."""
    return (candidates["state"].astype(str) + ":" + candidates["name"].astype(str)).to_numpy()


def existing_pairs(
    demand: pd.DataFrame,
    existing: pd.DataFrame,
    *,
    max_cost: float | np.ndarray,
    matrix: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`pair_costs` from ``demand`` to the existing sites (point geometry, ``id``)."""
    return pair_costs(
        demand,
        existing.geometry.x,
        existing.geometry.y,
        max_cost=max_cost,
        ids=existing["id"].to_numpy(),
        matrix=matrix,
    )


def candidate_pairs(
    demand: pd.DataFrame,
    candidates: pd.DataFrame,
    *,
    max_cost: float | np.ndarray,
    matrix: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """:func:`pair_costs` from ``demand`` to the candidate places (``lon``, ``lat``; ids of
    :func:`candidate_ids`)."""
    return pair_costs(
        demand,
        candidates["lon"],
        candidates["lat"],
        max_cost=max_cost,
        ids=candidate_ids(candidates),
        matrix=matrix,
    )


def pair_costs(
    demand: pd.DataFrame,
    lon: Sequence[float],
    lat: Sequence[float],
    *,
    max_cost: float | np.ndarray,
    ids: Sequence[str] | np.ndarray | None = None,
    matrix: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """(county position, facility position, cost) for every pair with cost <= ``max_cost``.

    Great-circle km from ``demand``'s centres to (``lon``, ``lat``) unless ``matrix`` is
    given; then the matrix's pairs, matched by the county ``fips`` and the facility ``ids``.
    Columns ``origin``, ``dest`` (positions) and ``km`` (the cost, whatever its unit).
    ``max_cost`` is one number or one per county (an array as long as ``demand``).
    """
    if np.ndim(max_cost):
        caps = np.asarray(max_cost, dtype=float)
        if matrix is None:
            return _pairs_within(demand, lon, lat, caps)
        out = pair_costs(
            demand, lon, lat, max_cost=float(caps.max(initial=0.0)), ids=ids, matrix=matrix
        )
        return out[out["km"].to_numpy(float) <= caps[out["origin"].to_numpy(int)]]
    if matrix is None:
        return cost_pairs(
            demand["center_lon"], demand["center_lat"], lon, lat, max_km=float(max_cost)
        )
    ids = [] if ids is None else ids
    rows = pd.Series(np.arange(len(demand)), index=demand["fips"].astype(str).to_numpy())
    cols = pd.Series(np.arange(len(ids)), index=pd.Index(list(ids)))
    cols = cols[~cols.index.duplicated()]
    rows = rows[~rows.index.duplicated()]
    m = matrix[
        matrix["origin"].isin(rows.index)
        & matrix["dest"].isin(cols.index)
        & (matrix["cost"] <= max_cost)
    ]
    return pd.DataFrame(
        {
            "origin": rows[m["origin"]].to_numpy(int),
            "dest": cols[m["dest"]].to_numpy(int),
            "km": m["cost"].to_numpy(float),
        }
    )


def _pairs_within(
    demand: pd.DataFrame, lon: Sequence[float], lat: Sequence[float], caps: np.ndarray
) -> pd.DataFrame:
    """Great-circle pairs within each county's own radius ``caps[i]`` (km)."""
    olon = demand["center_lon"].to_numpy(float)
    olat = demand["center_lat"].to_numpy(float)
    dlon, dlat = np.asarray(lon, float), np.asarray(lat, float)
    if not len(olon) or not len(dlon):
        return pd.DataFrame({"origin": [], "dest": [], "km": []})
    radius = km_to_chord(np.maximum(caps, 0.0)) * (1 + 1e-9) + 1e-12
    hits = cKDTree(to_unit_vectors(dlon, dlat)).query_ball_point(
        to_unit_vectors(olon, olat), r=radius
    )
    oi = np.repeat(np.arange(len(olon)), [len(h) for h in hits])
    di = np.fromiter((j for h in hits for j in h), dtype=np.int64, count=len(oi))
    km = haversine_km(olon[oi], olat[oi], dlon[di], dlat[di])
    keep = km <= caps[oi]
    return pd.DataFrame({"origin": oi[keep], "dest": di[keep], "km": km[keep]})
