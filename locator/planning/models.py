"""p-median and LSCP beside MCLP: where K new sites cut the population-weighted distance most,
and how many new sites put everyone within reach. Existing sites are kept fixed.

* :func:`solve_pmedian`: minimise the population-weighted cost to the nearest open site
  (existing sites always open). Reduced exactly before solving: a county keeps only the
  candidates closer than its nearest existing site (it will never use the others); counties
  no candidate improves are constants and leave the model; all existing sites become one
  fixed column (each county's nearest). The reduced model is a sparse mixed-integer program
  (pulp / CBC) on the candidates a Lagrangian bound cannot rule out (an exact elimination,
  :mod:`locator.planning.pmedian`); ``reduce=False`` solves the full problem with spopt's
  ``PMedian`` instead.
* :func:`solve_lscp`: the fewest candidates so that every county with people is within
  ``radius`` of a site (spopt ``LSCP``). Reduced like MCLP: counties the existing sites
  already cover leave, dominated candidates and identical counties merge. Counties that no
  candidate can reach are listed, not silently dropped.

Costs are great-circle km (:func:`locator.planning.costs.pair_costs`) or the user's
cost matrix. Results are **model output, not real sites or approved plans**.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pulp
from scipy import sparse
from spopt.locate import LSCP, PMedian

from geodata.errors import InvalidInputError
from locator.i18n.planning import PLANNING, PLANNING_ERRORS
from locator.planning.costs import candidate_ids, candidate_pairs, existing_pairs
from locator.planning.pmedian import solve as solve_reduced

__all__ = ["ModelResult", "result_frame", "solve_lscp", "solve_pmedian", "summary", "unit_region"]

MODEL_NOTE = PLANNING["model_note"].pair()


@dataclass
class ModelResult:
    """What a p-median or LSCP solve returns.

    Attributes
    ----------
    model
        ``"p-median"`` or ``"LSCP"``.
    chosen
        Positions (in ``candidates``) of the chosen candidates.
    before, after
        Figures before / after: p-median ``weighted_mean_cost``; LSCP ``uncovered_population``.
    shape
        Rows x columns of the solved model.
    uncoverable
        LSCP: positions of counties with people that no candidate reaches.
    bound
        p-median (reduced): the Lagrangian lower bound of the optimum.
    """

    model: str
    chosen: list[int]
    before: dict[str, float]
    after: dict[str, float]
    shape: tuple[int, int]
    objective: float
    uncoverable: list[int] = field(default_factory=list)
    bound: float = float("nan")

    def notes(self, lang: str) -> str:
        """The model-output note in ``lang``."""
        return MODEL_NOTE["en" if lang == "en" else "es"].format(model=self.model)


def _positions(
    demand: pd.DataFrame,
    existing: pd.DataFrame,
    candidates: pd.DataFrame,
    *,
    max_cost: float,
    matrix: pd.DataFrame | None,
):
    ex = existing_pairs(demand, existing, max_cost=max_cost, matrix=matrix)
    return ex, candidate_pairs(demand, candidates, max_cost=max_cost, matrix=matrix)


def _nearest_existing(ex: pd.DataFrame, n: int, cap: float) -> np.ndarray:
    best = np.full(n, cap, dtype=float)
    if len(ex):
        m = ex.groupby("origin")["km"].min()
        best[m.index.to_numpy(int)] = np.minimum(m.to_numpy(float), cap)
    return best


def solve_pmedian(
    demand: pd.DataFrame,
    existing: pd.DataFrame,
    candidates: pd.DataFrame,
    *,
    k: int,
    max_cost: float = 1000.0,
    matrix: pd.DataFrame | None = None,
    reduce: bool = True,
    eliminate: bool = True,
    solver: pulp.LpSolver | None = None,
) -> ModelResult:
    """p-median with existing sites fixed; costs capped at ``max_cost`` (beyond it, a county
    counts at ``max_cost``: no site, existing or new, is farther than that in the model).

    ``demand``: ``fips, population, center_lon, center_lat``; ``existing``: sites with ``id``
    and point geometry; ``candidates``: ``name, state, lon, lat``. Before the reduced model
    is solved, a Lagrangian bound removes the candidates that cannot be in an optimal answer
    (:mod:`locator.planning.pmedian`); ``eliminate=False`` gives the solver every pair.
    """
    _check_k(k, len(candidates))
    w = pd.to_numeric(demand["population"]).astype(float).fillna(0.0).to_numpy()
    ex = existing_pairs(demand, existing, max_cost=max_cost, matrix=matrix)
    e = _nearest_existing(ex, len(demand), max_cost)
    # the reduced model needs only candidates nearer than each county's nearest existing site
    ca = candidate_pairs(demand, candidates, max_cost=e if reduce else max_cost, matrix=matrix)
    total = w.sum()
    before = {"weighted_mean_cost": float((w * e).sum() / total) if total else 0.0}
    bound = float("nan")
    if not reduce:
        chosen, objective, shape = _pmedian_full(w, e, ca, len(candidates), k, max_cost, solver)
    else:
        s = solve_reduced(w, e, ca, k=k, eliminate=eliminate, solver=solver)
        chosen, objective, shape, bound = s.chosen, s.objective, s.shape, s.bound
    after_cost = e.copy()
    picked = ca[ca["dest"].isin(chosen)]
    if len(picked):
        best = picked.groupby("origin")["km"].min()
        idx = best.index.to_numpy(int)
        after_cost[idx] = np.minimum(after_cost[idx], best.to_numpy(float))
    after = {"weighted_mean_cost": float((w * after_cost).sum() / total) if total else 0.0}
    return ModelResult(
        "p-median", sorted(int(j) for j in chosen), before, after, shape, objective, bound=bound
    )


def _check_k(k: int, n: int) -> None:
    if not isinstance(k, int | np.integer) or k < 1:
        raise InvalidInputError(PLANNING_ERRORS["positive_k"].fill(k=k))
    if n < 1:
        raise InvalidInputError(PLANNING_ERRORS["no_candidates"])


def _pmedian_full(
    w, e, ca, n_cand, k, max_cost, solver
) -> tuple[list[int], float, tuple[int, int]]:
    """The unreduced problem with spopt's PMedian (dense: small cases only). Column 0 is
    every existing site at once (each county's nearest, fixed open)."""
    cost = np.full((len(w), n_cand + 1), float(max_cost))
    cost[:, 0] = e
    cost[ca["origin"].to_numpy(int), ca["dest"].to_numpy(int) + 1] = ca["km"].to_numpy(float)
    predefined = np.r_[1, np.zeros(n_cand, dtype=int)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        model = PMedian.from_cost_matrix(
            cost,
            w,
            p_facilities=min(k, n_cand) + 1,
            predefined_facilities_arr=predefined,
            name="pmedian",
        )
        model.solve(solver or pulp.PULP_CBC_CMD(msg=False))
    chosen = [j - 1 for j, var in enumerate(model.fac_vars) if j and var.value() > 0.5]
    return chosen, float(pulp.value(model.problem.objective)), cost.shape


def solve_lscp(
    demand: pd.DataFrame,
    existing: pd.DataFrame,
    candidates: pd.DataFrame,
    *,
    radius: float,
    matrix: pd.DataFrame | None = None,
    reduce: bool = True,
    solver: pulp.LpSolver | None = None,
) -> ModelResult:
    """Fewest candidates that bring every county with people within ``radius`` of a site."""
    w = pd.to_numeric(demand["population"]).astype(float).fillna(0.0).to_numpy()
    ex, ca = _positions(demand, existing, candidates, max_cost=radius, matrix=matrix)
    covered = np.zeros(len(demand), dtype=bool)
    covered[ex["origin"].to_numpy(int)] = True
    reach = np.zeros(len(demand), dtype=bool)
    reach[ca["origin"].to_numpy(int)] = True
    need = (w > 0) & ~covered
    uncoverable = np.flatnonzero(need & ~reach)
    rows = np.flatnonzero(need & reach)
    before = {"uncovered_population": float(w[need].sum()), "uncovered_counties": int(need.sum())}
    a = sparse.csr_matrix(
        (np.ones(len(ca)), (ca["origin"].to_numpy(int), ca["dest"].to_numpy(int))),
        shape=(len(demand), len(candidates)),
    )[rows]
    chosen, shape = _lscp(a, reduce, solver) if len(rows) else ([], (0, 0))
    after_cov = (
        np.asarray(a[:, chosen].sum(axis=1)).ravel() > 0 if chosen else np.zeros(len(rows), bool)
    )
    left = w[uncoverable].sum() + w[rows][~after_cov].sum()
    after = {
        "uncovered_population": float(left),
        "uncovered_counties": int(len(uncoverable) + (~after_cov).sum()),
    }
    return ModelResult(
        "LSCP",
        sorted(chosen),
        before,
        after,
        shape,
        float(len(chosen)),
        uncoverable=[int(i) for i in uncoverable],
    )


def _lscp(a: sparse.csr_matrix, reduce: bool, solver) -> tuple[list[int], tuple[int, int]]:
    cols = np.arange(a.shape[1])
    if reduce:
        from locator.planning.suggest import _undominated

        a = a.tocsc()
        cols = np.flatnonzero(np.asarray(a.sum(axis=0)).ravel() > 0)
        cols = cols[_undominated(a[:, cols])]
        sub = a[:, cols].tocsr()
        keys = sorted(
            {tuple(sub.indices[sub.indptr[i] : sub.indptr[i + 1]]) for i in range(sub.shape[0])}
        )
        r = np.repeat(np.arange(len(keys)), [len(key) for key in keys])
        c = np.fromiter((j for key in keys for j in key), dtype=np.int64, count=len(r))
        a = sparse.csr_matrix((np.ones(len(r)), (r, c)), shape=(len(keys), len(cols)))
    cost = np.where(a.toarray() > 0, 0.0, 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        model = LSCP.from_cost_matrix(cost, service_radius=0.5, name="lscp")
        model.solve(solver or pulp.PULP_CBC_CMD(msg=False))
    picked = [int(cols[j]) for j, var in enumerate(model.fac_vars) if var.value() > 0.5]
    return picked, cost.shape


def result_frame(result: ModelResult, candidates: pd.DataFrame) -> pd.DataFrame:
    """The chosen candidates as rows (name, state, lon, lat), labelled model output."""
    c = candidates.iloc[result.chosen]
    return pd.DataFrame(
        {
            "rank": np.arange(1, len(c) + 1),
            "id": candidate_ids(c),
            "name": c["name"].to_numpy(),
            "state": c["state"].to_numpy(),
            "lon": c["lon"].to_numpy(float),
            "lat": c["lat"].to_numpy(float),
            "model": result.model,
            "illustrative": True,
            "note": f"{result.notes('es')} / {result.notes('en')}",
        }
    )


def summary(result: ModelResult) -> dict[str, Any]:
    """JSON-able figures of a result."""
    return {
        "model": result.model,
        "k": len(result.chosen),
        "before": result.before,
        "after": result.after,
        "model_shape": list(result.shape),
        "uncoverable_counties": len(result.uncoverable),
    }


def unit_region(counties: pd.DataFrame, sites: pd.DataFrame, unit_id: str) -> list[str]:
    """FIPS of the counties whose nearest consulate (great-circle) is the home office of the
    mobile unit ``unit_id``: its region, an **approximation** of the consular jurisdiction."""
    from locator.index import SiteIndex

    unit = sites[sites["id"] == unit_id]
    if unit.empty:
        raise InvalidInputError(PLANNING_ERRORS["unknown_unit"].fill(unit_id=unit_id))
    home = str(unit["parent_id"].iat[0] or "")
    consulates = sites[sites["kind"] == "consulate"]
    if home not in set(consulates["id"]):
        raise InvalidInputError(PLANNING_ERRORS["no_home"].fill(unit_id=unit_id))
    index = SiteIndex.from_geodataframe(consulates)
    _, pos = index.nearest_many(
        counties["center_lon"].to_numpy(float), counties["center_lat"].to_numpy(float), k=1
    )
    nearest = index.sites["id"].to_numpy()[pos[:, 0]]
    return counties["fips"].to_numpy()[nearest == home].tolist()
