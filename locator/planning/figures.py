"""Figures a planner can quote, from a solved coverage model's counties.

Every figure is weighted by the demand layer's ``population`` (the Mexico-born count by
default); counties with no figure (NaN, e.g. Puerto Rico) weigh nothing and are counted apart
in ``counties_no_figure``. Distances are the great-circle km in ``nearest_km``.

* :func:`weighted_median`: the lower weighted median (half the people are at most this far).
* :func:`catchment_figures`: per site, population-weighted mean and median distance.
* :func:`beyond_table`: people beyond each threshold, per state or per office.
* :func:`share_within`: share of the population within ``km`` of a site.

Examples
--------
>>> weighted_median([10.0, 50.0, 400.0], [5, 1, 3])
10.0
>>> weighted_median([10.0, 50.0, 400.0], [1, 1, 3])
400.0
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike

__all__ = ["beyond_table", "catchment_figures", "share_within", "weighted_median"]


def weighted_median(values: ArrayLike, weights: ArrayLike) -> float:
    """Smallest value ``v`` such that the weights of values ``<= v`` reach half the total.

    NaN weights count as 0; returns NaN when no weight is positive.
    """
    v = np.asarray(values, dtype=float)
    w = np.nan_to_num(np.asarray(weights, dtype=float), nan=0.0)
    keep = w > 0
    if not keep.any():
        return float("nan")
    v, w = v[keep], w[keep]
    order = np.argsort(v, kind="stable")
    cum = np.cumsum(w[order])
    return float(v[order][np.searchsorted(cum, cum[-1] / 2.0, side="left")])


def _weighted_mean(values: np.ndarray, weights: np.ndarray) -> float:
    w = np.nan_to_num(weights, nan=0.0)
    total = w.sum()
    return float((values * w).sum() / total) if total > 0 else float("nan")


def catchment_figures(counties: pd.DataFrame, key: str = "nearest_site_id") -> pd.DataFrame:
    """Per ``key``: ``population``, ``weighted_mean_km``, ``weighted_median_km``,
    ``counties_no_figure`` (indexed by ``key``)."""
    rows = {}
    for site, group in counties.groupby(key, sort=False):
        km = group["nearest_km"].to_numpy(float)
        pop = group["population"].to_numpy(float)
        rows[site] = {
            "weighted_mean_km": _weighted_mean(km, pop),
            "weighted_median_km": weighted_median(km, pop),
            "counties_no_figure": int(np.isnan(pop).sum()),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def beyond_table(counties: pd.DataFrame, thresholds: Sequence[float], *, by: str) -> pd.DataFrame:
    """People beyond each threshold, grouped ``by`` a column (``state`` or ``nearest_site_id``).

    Columns: ``by``, ``population``, then ``beyond_<t>km`` and ``share_beyond_<t>km`` for each
    threshold, ``counties``, ``counties_no_figure``; sorted by the people beyond the largest
    threshold, most first.
    """
    pop = counties["population"].astype(float)
    frame = pd.DataFrame(
        {
            by: counties[by].to_numpy(),
            "population": pop.fillna(0.0).to_numpy(),
            "no_figure": pop.isna().to_numpy(),
        }
    )
    for t in thresholds:
        frame[f"beyond_{t:g}km"] = np.where(
            counties["nearest_km"].to_numpy(float) > t, frame["population"], 0.0
        )
    grouped = frame.groupby(by, sort=False)
    out = grouped[["population", *(f"beyond_{t:g}km" for t in thresholds)]].sum()
    for t in thresholds:
        share = out[f"beyond_{t:g}km"] / out["population"].where(out["population"] > 0)
        out[f"share_beyond_{t:g}km"] = share
    out["counties"] = grouped.size()
    out["counties_no_figure"] = grouped["no_figure"].sum().astype(int)
    last = f"beyond_{max(thresholds):g}km"
    out = out.sort_values([last, "population"], ascending=False, kind="stable")
    return out.reset_index()


def share_within(counties: pd.DataFrame, km: float) -> dict[str, float]:
    """``population_total``, ``population_within`` and ``share_within`` of ``km``.

    ``threshold_km`` is ``km``; ``within_km`` is its old name (deprecated, the same value).
    """
    pop = counties["population"].astype(float).fillna(0.0)
    total = float(pop.sum())
    within = float(pop[counties["nearest_km"].to_numpy(float) <= km].sum())
    return {
        "threshold_km": float(km),
        "within_km": float(km),  # deprecated alias of threshold_km
        "population_total": total,
        "population_within": within,
        "share_within": within / total if total else 0.0,
    }
