"""Suggest K new fixed sites or mobile-unit stops: maximal covering location (PySAL spopt MCLP).

Counties (at their population-weighted centres) are the demand; candidate places (GeoNames
places by default) are where a new site or stop could go; existing sites are kept fixed as
predefined facilities. A county is covered when a site lies within ``service_radius_km``
(great-circle). The model picks the K candidates that cover the most people.

Before solving, the problem is reduced without changing its optimum: counties an existing site
already covers are summed into one row that only the (predefined) existing sites cover;
counties with no population or no candidate in reach are dropped; a candidate whose covered
set is contained in another's is dropped; counties covered by the same candidates are merged.

Suggestions are **model output, not real sites**: every row says so.

Examples
--------
>>> import geopandas as gpd, pandas as pd
>>> from shapely.geometry import Point, box
>>> from geodata.schema import coerce_sites
>>> counties = gpd.GeoDataFrame({"fips": ["01", "02", "03"], "population": [100, 50, 70],
...     "center_lon": [0.0, 5.0, 10.0], "center_lat": [0.0, 0.0, 0.0]},
...     geometry=[box(-1, -1, 1, 1)] * 3, crs=4326)
>>> sites = coerce_sites([{"id": "s", "kind": "vds", "name": "S", "geometry": Point(0, 0)}])
>>> places = pd.DataFrame({"name": ["P", "Q"], "state": ["", ""], "lon": [5.1, 9.9],
...                        "lat": [0.0, 0.0], "population": [20000, 30000]})
>>> s = SiteSuggester.from_geodataframe(counties, sites, candidates=places, k=1,
...                                     service_radius_km=50).solve()
>>> s.suggestions["name"].tolist(), s.coverage_after["population_covered"]
(['Q'], 170.0)
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pulp
from scipy import sparse
from spopt.locate import MCLP

from geodata.errors import InvalidInputError
from geodata.vocab import parse_kinds
from locator.i18n.planning import PLANNING, PLANNING_ERRORS
from locator.planning.accessibility import cost_pairs
from locator.planning.costs import candidate_pairs, existing_pairs
from locator.planning.demand import DemandLayer, proxy_places

__all__ = ["SUGGESTION_NOTE", "SiteSuggester"]

SUGGESTION_NOTE = PLANNING["suggestion_note"].pair()
MODES = {
    mode: (PLANNING[f"mode.{mode}"].es, PLANNING[f"mode.{mode}"].en) for mode in ("fixed", "mobile")
}


def _coverage(covered: np.ndarray, pop: np.ndarray) -> dict[str, float]:
    total = float(pop.sum())
    got = float(pop[covered].sum())
    return {
        "population_total": total,
        "population_covered": got,
        "share_covered": got / total if total else 0.0,
        "counties_covered": int(covered.sum()),
    }


def _incidence(pairs: pd.DataFrame, n_rows: int, n_cols: int) -> sparse.csr_matrix:
    data = np.ones(len(pairs), dtype=np.int32)
    rows, cols = pairs["origin"].to_numpy(int), pairs["dest"].to_numpy(int)
    return sparse.csr_matrix((data, (rows, cols)), shape=(n_rows, n_cols))


def _undominated(a: sparse.csc_matrix) -> np.ndarray:
    """Columns of a 0/1 matrix whose covered set is not inside another column's (ties: first)."""
    inter = (a.T @ a).tocoo()
    size = np.asarray(a.sum(axis=0)).ravel()
    j, k, v = inter.row, inter.col, inter.data
    contained = (j != k) & (v == size[j]) & ((size[k] > size[j]) | (k < j))
    keep = np.ones(a.shape[1], dtype=bool)
    keep[np.unique(j[contained])] = False
    return np.flatnonzero(keep)


class SiteSuggester:
    """Choose K new sites or mobile stops among candidate places (maximal covering location).

    Build with :meth:`from_geodataframe`, then :meth:`solve` (returns ``self``). Results:
    ``suggestions`` (GeoDataFrame, in greedy order of people newly covered),
    ``coverage_before`` and ``coverage_after`` (population and counties within reach),
    ``reduced_shape`` (rows x columns of the solved model).
    """

    def __init__(
        self,
        demand: pd.DataFrame,
        existing: gpd.GeoDataFrame,
        candidates: pd.DataFrame,
        *,
        k: int,
        radius: float,
        mode: str,
        reduce: bool,
        cost_matrix: pd.DataFrame | None = None,
    ) -> None:
        self.demand, self.existing, self.candidates = demand, existing, candidates
        self.cost_matrix = cost_matrix
        self.k, self.service_radius_km, self.mode, self.reduce = k, radius, mode, reduce
        # The results, set by solve() (None before it). Typed Any like a frame: "| None" would
        # ask every reader of a solved model to check again.
        self.suggestions: Any = None
        self.coverage_before: Any = None
        self.coverage_after: Any = None
        self.reduced_shape: tuple[int, int] | None = None
        self.objective: float | None = None
        self.notes: dict[str, list[str]] = {
            "es": [SUGGESTION_NOTE["es"]],
            "en": [SUGGESTION_NOTE["en"]],
        }

    @classmethod
    def from_geodataframe(
        cls,
        counties: gpd.GeoDataFrame | DemandLayer,
        sites: gpd.GeoDataFrame,
        *,
        candidates: pd.DataFrame,
        k: int = 5,
        service_radius_km: float = 100.0,
        kinds: str | Sequence[str] | None = None,
        mode: str = "fixed",
        base_site_ids: Sequence[str] | None = None,
        max_base_km: float | None = None,
        min_candidate_population: int = 15_000,
        reduce: bool = True,
        cost_matrix: pd.DataFrame | None = None,
        region_fips: Sequence[str] | None = None,
    ) -> SiteSuggester:
        """Set up the problem.

        Parameters
        ----------
        counties
            :class:`DemandLayer` or GeoDataFrame with ``fips, population, center_lon, center_lat``.
        sites
            Existing sites; those of ``kinds`` (all when None) are kept as fixed facilities.
        candidates
            Places with ``name, state, lon, lat, population`` (e.g. ``Gazetteer.places()``);
            places under ``min_candidate_population`` are skipped.
        k
            Number of new sites or stops to choose.
        service_radius_km
            A county is covered when a site is within this great-circle distance.
        mode
            ``"fixed"`` (new fixed sites) or ``"mobile"`` (stops of a mobile unit).
        base_site_ids, max_base_km
            Mobile planning: keep only candidates within ``max_base_km`` of these sites (the
            units' home offices).
        reduce
            Shrink the model before solving (same optimum). ``False`` solves it as given.
        cost_matrix
            ``origin, dest, cost`` (:func:`locator.planning.costs.read_cost_matrix`): costs
            instead of great-circle km; pairs it lacks are unreachable; the radius is in its unit.
        region_fips
            Only these counties are demand (e.g. a mobile unit's region).
        """
        if isinstance(counties, DemandLayer):
            counties = counties.counties
        if mode not in MODES:
            raise InvalidInputError(PLANNING_ERRORS["mode"].fill(modes=list(MODES), mode=mode))
        if not isinstance(k, int | np.integer) or k < 1:
            raise InvalidInputError(PLANNING_ERRORS["positive_k"].fill(k=k))
        if not (np.isfinite(service_radius_km) and service_radius_km > 0):
            raise InvalidInputError(PLANNING_ERRORS["service_radius"])
        wanted = parse_kinds(kinds)
        existing = sites[sites["kind"].isin(wanted)] if wanted else sites
        cands = proxy_places(candidates, min_population=min_candidate_population)
        cands = _near_bases(cands, sites, base_site_ids, max_base_km)
        if cands.empty:
            raise InvalidInputError(PLANNING_ERRORS["no_candidates"])
        if region_fips is not None:
            counties = counties[counties["fips"].isin(list(region_fips))]
            if counties.empty:
                raise InvalidInputError(PLANNING_ERRORS["empty_region"])
        demand = counties[["fips", "population", "center_lon", "center_lat"]].reset_index(drop=True)
        # an unknown population (no ACS figure, e.g. Puerto Rico) weighs nothing in the model
        demand["population"] = pd.to_numeric(demand["population"]).astype(float).fillna(0.0)
        return cls(
            demand,
            existing.reset_index(drop=True),
            cands.reset_index(drop=True),
            k=int(k),
            radius=float(service_radius_km),
            mode=mode,
            reduce=reduce,
            cost_matrix=cost_matrix,
        )

    # ------------------------------------------------------------------ solve
    def _matrices(self) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        d, cap, matrix = self.demand, self.service_radius_km, self.cost_matrix
        ex_pairs = existing_pairs(d, self.existing, max_cost=cap, matrix=matrix)
        ca_pairs = candidate_pairs(d, self.candidates, max_cost=cap, matrix=matrix)
        return (
            _incidence(ex_pairs, len(d), len(self.existing)),
            _incidence(ca_pairs, len(d), len(self.candidates)),
        )

    def solve(self, solver: pulp.LpSolver | None = None) -> SiteSuggester:
        """Solve the MCLP (CBC through pulp by default); fill the results; return ``self``."""
        pop = self.demand["population"].to_numpy(float)
        a_ex, a_ca = self._matrices()
        before = np.asarray(a_ex.sum(axis=1)).ravel() > 0
        self.coverage_before = _coverage(before, pop)
        cols, weights, cost, n_fixed = (
            self._reduced(a_ex, a_ca, pop, before) if self.reduce else self._full(a_ex, a_ca, pop)
        )
        chosen = np.zeros(0, dtype=int)
        k = min(self.k, len(cols))
        if k < self.k:
            self.notes["es"].append(
                f"Solo {k} candidatos agregan cobertura (se pidieron {self.k})."
            )
            self.notes["en"].append(f"Only {k} candidates add coverage ({self.k} requested).")
        if k:
            chosen = np.asarray(cols)[self._mclp(cost, weights, n_fixed, k, solver)]
        self.reduced_shape = (len(weights), n_fixed + len(cols))
        after = before | (np.asarray(a_ca[:, chosen].sum(axis=1)).ravel() > 0)
        self.coverage_after = _coverage(after, pop)
        self.suggestions = self._frame(chosen, a_ca, before, pop)
        return self

    def _mclp(self, cost, weights, n_fixed: int, k: int, solver) -> list[int]:
        """Solve the MCLP; existing sites are fixed; return picked column numbers.

        The full model goes to spopt's ``MCLP`` (dense: it builds a term for every row and
        column, minutes for the whole country); the reduced one is the same formulation
        written sparsely (a row lists only the columns that reach it), with the rows that the
        existing sites already cover as a constant. Tests check both against brute force.
        """
        if self.reduce:
            return self._mclp_sparse(np.isfinite(cost), weights, n_fixed, k, solver)
        predefined = np.r_[np.ones(n_fixed, dtype=int), np.zeros(cost.shape[1] - n_fixed, int)]
        with warnings.catch_warnings():  # spopt 0.7 / pulp 3.3 deprecations (pulp 4 API)
            warnings.simplefilter("ignore", DeprecationWarning)
            model = MCLP.from_cost_matrix(
                cost,
                weights,
                service_radius=self.service_radius_km,
                p_facilities=n_fixed + k,
                predefined_facilities_arr=predefined,
                name="suggest",
            )
            model.solve(solver or pulp.PULP_CBC_CMD(msg=False))
        self.objective = float(pulp.value(model.problem.objective))
        return [j for j, var in enumerate(model.fac_vars[n_fixed:]) if var.value() > 0.5]

    def _mclp_sparse(
        self, reach: np.ndarray, weights: np.ndarray, n_fixed: int, k: int, solver
    ) -> list[int]:
        """max sum w_r y_r, y_r <= sum of x_j reaching r, sum x_j = k (x binary, 0 <= y <= 1)."""
        fixed = reach[:, :n_fixed].any(axis=1)
        constant = float(weights[fixed].sum())
        with warnings.catch_warnings():  # pulp 3.3 warns per variable about its 4.0 API
            warnings.simplefilter("ignore", DeprecationWarning)
            prob = pulp.LpProblem("suggest", pulp.LpMaximize)
            x = [pulp.LpVariable(f"x_{j}", cat="Binary") for j in range(reach.shape[1] - n_fixed)]
            rows = np.flatnonzero(~fixed)
            y = {r: pulp.LpVariable(f"y_{r}", lowBound=0, upBound=1) for r in rows}
            prob += pulp.lpSum(float(weights[r]) * y[r] for r in rows) + constant
            for r in rows:
                prob += y[r] <= pulp.lpSum(x[j] for j in np.flatnonzero(reach[r, n_fixed:]))
            prob += pulp.lpSum(x) == k
            prob.solve(solver or pulp.PULP_CBC_CMD(msg=False))
        self.objective = float(pulp.value(prob.objective))
        return [j for j, var in enumerate(x) if var.value() > 0.5]

    def _full(self, a_ex, a_ca, pop):
        cost = np.where(sparse.hstack([a_ex, a_ca]).toarray() > 0, 0.0, np.inf)
        return np.arange(a_ca.shape[1]), pop, cost, a_ex.shape[1]

    def _reduced(self, a_ex, a_ca, pop, before):
        open_rows = np.flatnonzero(~before & (pop > 0) & (np.asarray(a_ca.sum(axis=1)).ravel() > 0))
        sub = a_ca[open_rows].tocsc()
        cols = np.flatnonzero(np.asarray(sub.sum(axis=0)).ravel() > 0)
        cols = cols[_undominated(sub[:, cols])]
        sub = sub[:, cols].tocsr()
        keys = [tuple(sub.indices[sub.indptr[i] : sub.indptr[i + 1]]) for i in range(sub.shape[0])]
        groups = pd.Series(pop[open_rows]).groupby(pd.Series(keys, dtype=object), sort=False).sum()
        n_fixed, extra = a_ex.shape[1], int(before.any())
        cost = np.full((len(groups) + extra, n_fixed + len(cols)), np.inf)
        for r, key in enumerate(groups.index):
            cost[r, n_fixed + np.asarray(key, dtype=int)] = 0.0
        weights = groups.to_numpy(float)
        if extra:  # one row for every county an existing site already covers
            cost[-1, :n_fixed] = np.where(a_ex[before].sum(axis=0).A1 > 0, 0.0, np.inf)
            weights = np.r_[weights, pop[before].sum()]
        return cols, weights, cost, n_fixed

    def _frame(self, chosen: np.ndarray, a_ca, before: np.ndarray, pop: np.ndarray):
        a_ca = a_ca.tocsc()
        covered, order, gains = before.copy(), [], []
        remaining = list(chosen)
        while remaining:  # greedy order: most people newly covered first
            new = [
                float(pop[(a_ca[:, j].toarray().ravel() > 0) & ~covered].sum()) for j in remaining
            ]
            best = int(np.argmax(new))
            j = remaining.pop(best)
            order.append(j)
            gains.append(new[best])
            covered |= a_ca[:, j].toarray().ravel() > 0
        c = self.candidates.iloc[order] if order else self.candidates.iloc[:0]
        es, en = MODES[self.mode]
        return gpd.GeoDataFrame(
            {
                "rank": np.arange(1, len(order) + 1),
                "name": c["name"].to_numpy(),
                "state": c["state"].to_numpy() if "state" in c else "",
                "lon": c["lon"].to_numpy(float),
                "lat": c["lat"].to_numpy(float),
                "place_population": c["population"].to_numpy(float),
                "newly_covered_population": gains,
                "mode": self.mode,
                "label": f"{es} / {en}",
                "note": f"{SUGGESTION_NOTE['es']} / {SUGGESTION_NOTE['en']}",
                "illustrative": True,
            },
            geometry=gpd.points_from_xy(c["lon"], c["lat"]),
            crs=4326,
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-able results (for an API)."""
        return {
            "k": self.k,
            "mode": self.mode,
            "service_radius_km": self.service_radius_km,
            "coverage_before": self.coverage_before,
            "coverage_after": self.coverage_after,
            "suggestions": pd.DataFrame(self.suggestions.drop(columns="geometry")).to_dict(
                "records"
            )
            if self.suggestions is not None
            else [],
            "notes": self.notes,
        }


def _near_bases(cands: pd.DataFrame, sites: gpd.GeoDataFrame, base_ids, max_km) -> pd.DataFrame:
    if not base_ids:
        return cands
    bases = sites[sites["id"].isin(list(base_ids))]
    unknown = sorted(set(base_ids) - set(bases["id"]))
    if unknown:
        raise InvalidInputError(
            PLANNING_ERRORS["unknown_bases"].fill(ids=", ".join(unknown)),
            detail={"unknown": unknown},
        )
    if max_km is None:
        raise InvalidInputError(PLANNING_ERRORS["bases_need_max"])
    pairs = cost_pairs(
        cands["lon"], cands["lat"], bases.geometry.x, bases.geometry.y, max_km=float(max_km)
    )
    return cands.iloc[np.unique(pairs["origin"].to_numpy(int))]
