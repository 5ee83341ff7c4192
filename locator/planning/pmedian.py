"""The reduced p-median, made small before the solver sees it: a Lagrangian bound that
proves most candidates can never be part of an optimal answer.

Input (from :func:`locator.planning.models.solve_pmedian`): for each county ``i`` its weight
``w[i]`` and its cost to the nearest existing site ``e[i]`` (existing sites are always open),
and the (county, candidate, cost) pairs of the candidates closer than ``e[i]`` (the others can
never serve ``i``). With savings ``s_ij = w_i (e_i - c_ij) > 0`` the problem is

    minimise  sum_i w_i e_i - sum_ij s_ij x_ij
    s.t.      sum_j x_ij <= 1,   x_ij <= y_j,   sum_j y_j <= k,   y binary, x >= 0.

Written whole (``eliminate=False``) it has one variable and one constraint per pair:
141,370 of each for 2,825 counties x 3,000 candidates, and CBC needs tens of seconds.

Steps (``eliminate=True``, default):

1. **An upper bound** ``UB``: the greedy choice (most saving first) improved by swaps, and
   every set met in step 2, each costed exactly.
2. **A lower bound**: relaxing ``sum_j x_ij <= 1`` with multipliers ``lam_i >= 0`` gives
   ``L(lam) = sum_i w_i e_i - sum_i lam_i - (sum of the k largest rho_j)``, with
   ``rho_j = sum_i max(0, s_ij - lam_i)``; ``L(lam) <= optimum`` for every ``lam``
   (weak duality), maximised by subgradient steps.
3. **Elimination**: forcing candidate ``j`` open gives the bound
   ``L_j = sum_i w_i e_i - sum_i lam_i - rho_j - (the k-1 largest other rho)``, a lower bound of
   every answer that opens ``j``. If ``L_j > UB``, no answer with ``j`` beats the known one:
   ``j`` leaves the model (the known answer's candidates always stay, ``L_j <= UB`` for them).
4. The mixed-integer program on the candidates left (pulp / CBC) is **exact**: its optimum is
   the optimum of the whole problem. When the bounds already meet, ``UB`` is optimal and no
   solver runs.

Examples
--------
>>> import pandas as pd
>>> pairs = pd.DataFrame({"origin": [0, 0, 1], "dest": [0, 1, 1], "km": [10.0, 20.0, 5.0]})
>>> s = solve(np.array([1.0, 2.0]), np.array([100.0, 50.0]), pairs, k=1)
>>> s.chosen, s.objective, s.columns_left
([1], 30.0, 1)
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pulp

__all__ = ["ITERATIONS", "PMedianSolve", "solve"]

ITERATIONS = 600
"""Most subgradient steps of the lower bound."""
TOL = 1e-9
"""Relative tolerance: bounds closer than this meet; a candidate leaves only above it."""


@dataclass
class PMedianSolve:
    """The outcome of :func:`solve`.

    Attributes
    ----------
    chosen
        Positions of the chosen candidates.
    objective
        Their exact cost ``sum_i w_i min(e_i, c_ij over chosen j)``.
    bound
        The Lagrangian lower bound (``objective - bound`` is at most the solver's gap).
    shape
        Rows x columns of the model given to the solver (columns: candidates + the fixed
        existing sites); ``(0, 0)`` when the bounds met and no solver ran.
    columns_left, pairs
        Candidates left after elimination, and their (county, candidate) pairs.
    """

    chosen: list[int]
    objective: float
    bound: float
    shape: tuple[int, int]
    columns_left: int
    pairs: int


@dataclass
class _Pairs:
    o: np.ndarray  # county position
    d: np.ndarray  # candidate number 0..m-1
    s: np.ndarray  # saving w_i (e_i - c_ij) > 0
    n: int  # counties
    m: int  # candidates


def solve(
    w: np.ndarray,
    e: np.ndarray,
    pairs: pd.DataFrame,
    *,
    k: int,
    eliminate: bool = True,
    solver: pulp.LpSolver | None = None,
    iterations: int = ITERATIONS,
) -> PMedianSolve:
    """The p-median over ``pairs`` (``origin``, ``dest``, ``km``: positions and cost)."""
    o = pairs["origin"].to_numpy(int)
    km = pairs["km"].to_numpy(float)
    keep = (km < e[o]) & (w[o] > 0)
    constant = float((w * e).sum())
    if not keep.any():
        return PMedianSolve([], constant, constant, (0, 0), 0, 0)
    cols, d = np.unique(pairs["dest"].to_numpy(int)[keep], return_inverse=True)
    p = _Pairs(o[keep], d, w[o[keep]] * (e[o[keep]] - km[keep]), len(w), len(cols))
    k = min(int(k), p.m)
    left = np.arange(p.m)
    best, bound = _greedy_swap(p, k), -np.inf
    if eliminate:
        best, bound, left = _eliminate(p, k, best, constant, iterations)
    upper = constant - _saving(p, best)
    if eliminate and upper - bound <= TOL * max(1.0, abs(upper)):
        return PMedianSolve(sorted(int(cols[j]) for j in best), upper, bound, (0, 0), len(left), 0)
    on = np.isin(p.d, left)
    chosen = _milp(p.o[on], p.d[on], p.s[on], k, constant, solver)
    objective = constant - _saving(p, chosen)
    shape = (len(np.unique(p.o[on])), len(np.unique(p.d[on])) + 1)
    return PMedianSolve(
        sorted(int(cols[j]) for j in chosen),
        objective,
        bound if eliminate else objective,
        shape,
        len(left),
        int(on.sum()),
    )


def _saving(p: _Pairs, chosen) -> float:
    """Exact saving of a set: each county takes its best open candidate (or none)."""
    best = np.zeros(p.n)
    on = np.isin(p.d, np.asarray(list(chosen), dtype=int))
    np.maximum.at(best, p.o[on], p.s[on])
    return float(best.sum())


def _greedy_swap(p: _Pairs, k: int) -> list[int]:
    """Greedy (largest added saving first), then swaps: drop one, add the best, while it helps."""
    chosen: list[int] = []
    for _ in range(k):
        chosen.append(_best_addition(p, chosen))
    value, improved = _saving(p, chosen), True
    while improved:
        improved = False
        for pos in range(len(chosen)):
            rest = chosen[:pos] + chosen[pos + 1 :]
            trial = [*rest, _best_addition(p, rest)]
            trial_value = _saving(p, trial)
            if trial_value > value * (1 + TOL):
                chosen, value, improved = trial, trial_value, True
    return chosen


def _best_addition(p: _Pairs, chosen: list[int]) -> int:
    best = np.zeros(p.n)
    on = np.isin(p.d, chosen)
    np.maximum.at(best, p.o[on], p.s[on])
    gain = np.bincount(p.d, weights=np.maximum(0.0, p.s - best[p.o]), minlength=p.m)
    gain[chosen] = -1.0
    return int(np.argmax(gain))


def _eliminate(p: _Pairs, k: int, best: list[int], constant: float, iterations: int):
    """Subgradient ascent of the Lagrangian bound; candidates whose forced-open bound is
    above the best known cost leave. Returns (best set, bound, candidates left)."""
    upper = constant - _saving(p, best)
    lam = np.zeros(p.n)
    lam_best, bound, theta, stall = lam, -np.inf, 1.0, 0
    for _ in range(iterations):
        value, rho, top = _lagrangian(p, k, lam, constant)
        if value > bound + TOL * abs(bound if np.isfinite(bound) else 1.0):
            lam_best, bound, stall = lam.copy(), value, 0
        else:
            stall += 1
            if stall >= 20:
                theta, stall = theta / 2, 0
        trial = [int(j) for j in top]
        trial_upper = constant - _saving(p, trial)
        if trial_upper < upper:
            best, upper = trial, trial_upper
        if upper - bound <= TOL * max(1.0, abs(upper)) or theta < 1e-6:
            break
        picked = np.isin(p.d, top) & (p.s > lam[p.o])
        grad = np.bincount(p.o[picked], minlength=p.n) - 1.0
        grad[(lam <= 0) & (grad < 0)] = 0.0
        norm = float((grad * grad).sum())
        if norm == 0:
            break
        lam = np.maximum(0.0, lam + theta * (upper - value) / norm * grad)
    value, rho, top = _lagrangian(p, k, lam_best, constant)
    kth = np.sort(rho)[-k:]
    forced = np.where(np.isin(np.arange(p.m), top), value, value + kth[0] - rho)
    left = np.flatnonzero(forced <= upper + TOL * max(1.0, abs(upper)))
    return best, max(bound, value), np.union1d(left, best)


def _lagrangian(p: _Pairs, k: int, lam: np.ndarray, constant: float):
    rho = np.bincount(p.d, weights=np.maximum(0.0, p.s - lam[p.o]), minlength=p.m)
    top = np.argpartition(-rho, k - 1)[:k]
    return constant - float(lam.sum()) - float(rho[top].sum()), rho, top


def _milp(o, d, saving, k, constant, solver) -> list[int]:
    """max savings: x_ij <= y_j, sum_j x_ij <= 1, sum_j y_j <= k (pulp / CBC)."""
    cols = np.unique(d)
    with warnings.catch_warnings():  # pulp 3.3 warns per variable about its 4.0 API
        warnings.simplefilter("ignore", DeprecationWarning)
        prob = pulp.LpProblem("pmedian", pulp.LpMinimize)
        y = {int(j): pulp.LpVariable(f"y_{j}", cat="Binary") for j in cols}
        x = [pulp.LpVariable(f"x_{n}", lowBound=0) for n in range(len(o))]
        prob += pulp.LpAffineExpression(
            [(var, -float(s)) for var, s in zip(x, saving, strict=True)], constant=constant
        )
        order = np.argsort(o, kind="stable")
        starts = np.flatnonzero(np.r_[True, o[order][1:] != o[order][:-1]])
        for block in np.split(order, starts[1:]):
            prob += pulp.LpAffineExpression([(x[n], 1.0) for n in block]) <= 1
        for n, j in enumerate(d):
            prob += pulp.LpAffineExpression([(x[n], 1.0), (y[int(j)], -1.0)]) <= 0
        prob += pulp.LpAffineExpression([(var, 1.0) for var in y.values()]) <= k
        prob.solve(solver or pulp.PULP_CBC_CMD(msg=False))
    return [j for j, var in y.items() if (var.value() or 0) > 0.5]
