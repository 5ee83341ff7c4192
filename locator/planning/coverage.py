"""Coverage of the demand layer by sites: distances, population beyond thresholds, catchments, gaps.

For each county, the great-circle distance from its population-weighted centre to the nearest
site of the chosen kinds (exact, via :class:`locator.index.SiteIndex`); population farther than
each threshold; per-site catchments (each county assigned to its nearest site: an
**approximation**, not the official consular jurisdictions); 2SFCA / E2SFCA accessibility; and a
ranked list of gaps (counties beyond ``gap_km``, most population first).

Examples
--------
>>> import geopandas as gpd
>>> from shapely.geometry import Point, box
>>> from geodata.schema import coerce_sites
>>> counties = gpd.GeoDataFrame({"fips": ["01001", "01003"], "name": ["A", "B"],
...     "state": ["AL", "AL"], "population": [1000, 500], "center_lon": [0.0, 3.0],
...     "center_lat": [0.0, 0.0]}, geometry=[box(-1, -1, 1, 1), box(2, -1, 4, 1)], crs=4326)
>>> sites = coerce_sites([{"id": "s", "kind": "vds", "name": "S", "geometry": Point(0.2, 0)}])
>>> model = CoverageModel.from_geodataframe(counties, sites, thresholds_km=(100, 300)).solve()
>>> model.summary[["threshold_km", "population_beyond"]].values.tolist()
[[100.0, 500.0], [300.0, 500.0]]
>>> model.gaps["fips"].tolist()
['01003']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.errors import InvalidInputError
from geodata.vocab import parse_kinds, parse_services
from locator.i18n.planning import PLANNING, PLANNING_ERRORS, PLANNING_SOURCES
from locator.index import SiteIndex
from locator.planning.accessibility import fca_scores
from locator.planning.caveats import CAVEATS, county_caveats
from locator.planning.citation import GREAT_CIRCLE_NOTE, distance_note
from locator.planning.demand import DemandLayer
from locator.planning.figures import beyond_table, catchment_figures, share_within

__all__ = ["APPROXIMATION_NOTE", "DEFAULT_THRESHOLDS_KM", "TERRITORIES", "CoverageModel"]

DEFAULT_THRESHOLDS_KM = (50.0, 100.0, 200.0)
TERRITORIES = ("PR", "GU", "MP", "VI", "AS")
"""US territories: kept in the ranking, named in the summary, not drawn on lower-48 figures."""

APPROXIMATION_NOTE = (
    PLANNING["approximation_note"].fill(area=PLANNING_SOURCES["area.county"]).pair()
)


MATRIX_NOTE = PLANNING_SOURCES["matrix_note"].fill(area=PLANNING_SOURCES["area.county"]).pair()


def _check_km_list(values: Sequence[float], name: str) -> tuple[float, ...]:
    try:
        out = tuple(sorted({float(v) for v in values}))
    except (TypeError, ValueError):
        out = ()
    if not out or any(not np.isfinite(v) or v <= 0 for v in out):
        raise InvalidInputError(PLANNING_ERRORS["km_list"].fill(name=name, values=values))
    return out


class CoverageModel:
    """How far each county's people are from the nearest site, and where the gaps are.

    Build with :meth:`from_geodataframe`, then :meth:`solve` (returns ``self``). Results:

    ``counties``
        The demand counties plus ``nearest_site_id``, ``nearest_site_name``,
        ``nearest_site_kind``, ``nearest_km``, ``beyond_<t>km`` flags, ``access_2sfca``,
        ``access_e2sfca`` (sites per 100,000 people within ``fca_max_km``).
    ``summary``
        One row per threshold: ``threshold_km``, ``population_beyond``, ``share_beyond``,
        ``counties_beyond``.
    ``gaps``
        Counties beyond ``gap_km``, ranked by population (``rank`` 1 = most people).
    ``catchments``
        One row per site: counties and population assigned to it, mean and max distance.
    """

    def __init__(
        self,
        counties: gpd.GeoDataFrame,
        sites: gpd.GeoDataFrame,
        *,
        kinds: list[str] | None,
        services: list[str] | None,
        thresholds_km: tuple[float, ...],
        gap_km: float,
        fca_max_km: float,
        population_label: dict[str, str] | None = None,
        population_source: str = "",
        layer: DemandLayer | None = None,
        accessibility: bool = True,
        cost_matrix: pd.DataFrame | None = None,
        cost_source: str = "",
    ) -> None:
        self.demand = counties
        self.sites = sites
        self.kinds, self.services = kinds, services
        self.thresholds_km, self.gap_km, self.fca_max_km = thresholds_km, gap_km, fca_max_km
        self.population_label = population_label or {}
        self.population_source = population_source
        self.layer = layer
        self.accessibility = accessibility and cost_matrix is None
        self.cost_matrix = cost_matrix
        self.cost_source = cost_source if cost_matrix is not None else ""
        self.population_vintage = layer.vintage if layer is not None else ""
        zip_level = layer is not None and layer.source == "user_zip_population"
        note = (
            PLANNING["approximation_note"]
            if cost_matrix is None
            else PLANNING_SOURCES["matrix_note"]
        )
        area = PLANNING_SOURCES["area.zip" if zip_level else "area.county"]
        self.notes = note.fill(area=area).pair()
        self.distance_note = (
            dict(GREAT_CIRCLE_NOTE)
            if cost_matrix is None
            else {lang: distance_note(lang, cost_source or "matrix") for lang in ("es", "en")}
        )
        # The results, set by solve() (None before it; _require() says so). Typed Any: a frame
        # is Any anyway (pandas has no type stubs here) and "| None" would ask every reader
        # of a solved model to check again.
        self.counties: Any = None
        self.summary: Any = None
        self.gaps: Any = None
        self.catchments: Any = None
        self.by_state: pd.DataFrame | None = None  # None also when the demand has no states
        self.by_office: Any = None

    @classmethod
    def from_geodataframe(
        cls,
        counties: gpd.GeoDataFrame | DemandLayer,
        sites: gpd.GeoDataFrame,
        *,
        kinds: str | Sequence[str] | None = None,
        services: str | Sequence[str] | None = None,
        thresholds_km: Sequence[float] = DEFAULT_THRESHOLDS_KM,
        gap_km: float | None = None,
        fca_max_km: float = 200.0,
        accessibility: bool = True,
        cost_matrix: pd.DataFrame | None = None,
        cost_source: str = "",
    ) -> CoverageModel:
        """Set up the model.

        Parameters
        ----------
        counties
            A :class:`DemandLayer` or a GeoDataFrame with ``fips``, ``population``,
            ``center_lon``, ``center_lat``.
        sites
            Sites GeoDataFrame (``geodata.schema``).
        kinds, services
            Keep sites of ANY of these kinds / offering ANY of these services.
        thresholds_km
            Distances for "population beyond" (default 50, 100, 200 km).
        gap_km
            Distance that defines a gap (default: the middle threshold); added to thresholds.
        fca_max_km
            Catchment radius of the 2SFCA / E2SFCA scores.
        accessibility
            ``False`` skips the 2SFCA / E2SFCA scores (NaN): the slow part with many sites
            and many demand points (e.g. ZIP level with 20,000 sites).
        cost_matrix, cost_source
            ``origin, dest, cost`` (:func:`locator.planning.costs.read_cost_matrix`) and its
            name: the nearest site and its cost come from the matrix (thresholds in its unit;
            a county with no pair to any chosen site is unreachable: beyond every threshold).
            No 2SFCA scores then (they are defined on great-circle km).
        """
        label, source, layer = None, "", None
        if isinstance(counties, DemandLayer):
            layer = counties
            label, source, counties = counties.label, counties.source, counties.counties
        need = {"fips", "population", "center_lon", "center_lat"} - set(counties.columns)
        if need:
            raise InvalidInputError(PLANNING_ERRORS["county_columns"].fill(columns=sorted(need)))
        thresholds = _check_km_list(thresholds_km, "thresholds_km")
        gap = _check_km_list(
            [gap_km if gap_km is not None else thresholds[len(thresholds) // 2]], "gap_km"
        )[0]
        fca = _check_km_list([fca_max_km], "fca_max_km")[0]
        return cls(
            counties.reset_index(drop=True),
            sites,
            kinds=parse_kinds(kinds) or None,
            services=parse_services(services) or None,
            thresholds_km=_check_km_list([*thresholds, gap], "thresholds_km"),
            gap_km=gap,
            fca_max_km=fca,
            population_label=label,
            population_source=source,
            layer=layer,
            accessibility=accessibility,
            cost_matrix=cost_matrix,
            cost_source=cost_source,
        )

    def _chosen_sites(self) -> tuple[SiteIndex, np.ndarray]:
        index = SiteIndex.from_geodataframe(self.sites)
        mask = np.ones(len(index), dtype=bool)
        if self.kinds:
            mask &= index.sites["kind"].isin(self.kinds).to_numpy()
        if self.services:
            wanted = set(self.services)
            mask &= index.sites["services"].map(lambda s: bool(wanted & set(s))).to_numpy(bool)
        if not mask.any():
            raise InvalidInputError(
                PLANNING_ERRORS["no_site_matches"].fill(kinds=self.kinds, services=self.services)
            )
        return index, np.flatnonzero(mask)

    def solve(self) -> CoverageModel:
        """Compute distances, summary, gaps, catchments and accessibility; return ``self``."""
        index, chosen = self._chosen_sites()
        c = self.demand.copy()
        dist, pos = index.nearest_many(
            c["center_lon"].to_numpy(float),
            c["center_lat"].to_numpy(float),
            k=1,
            kinds=self.kinds,
            services=self.services,
        )
        pos, dist = pos[:, 0], dist[:, 0]
        if self.cost_matrix is not None:
            pos, dist = self._matrix_nearest(index, chosen)
        site = index.sites.iloc[np.maximum(pos, 0)]
        c["nearest_site_id"] = np.where(pos >= 0, site["id"].to_numpy(), None)
        c["nearest_site_name"] = np.where(pos >= 0, site["name"].to_numpy(), None)
        c["nearest_site_kind"] = np.where(pos >= 0, site["kind"].to_numpy(), None)
        c["nearest_km"] = dist
        for t in self.thresholds_km:
            c[f"beyond_{t:g}km"] = dist > t
        supply = pd.DataFrame(
            {
                "id": index.sites["id"].to_numpy()[chosen],
                "lon": index.lon[chosen],
                "lat": index.lat[chosen],
            }
        )
        if self.accessibility:
            # unknown populations (no ACS figure) weigh nothing in the catchments' demand
            scores = fca_scores(
                c.assign(population=c["population"].fillna(0.0)), supply, max_km=self.fca_max_km
            )
            c["access_2sfca"] = scores["access_2sfca"].to_numpy()
            c["access_e2sfca"] = scores["access_e2sfca"].to_numpy()
        else:
            c["access_2sfca"] = c["access_e2sfca"] = np.nan
        c["caveat"] = county_caveats(c, index.sites, kinds=self.kinds).to_numpy()
        self.counties = c
        self.summary = self._summary(c)
        self.gaps = self._gaps(c)
        self.catchments = self._catchments(c, index.sites.iloc[chosen])
        self.by_state = beyond_table(c, self.thresholds_km, by="state") if "state" in c else None
        self.by_office = self._by_office(c)
        return self

    def _matrix_nearest(
        self, index: SiteIndex, chosen: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per county: position (in ``index.sites``) and cost of its cheapest chosen site in
        the matrix; ``-1`` and ``inf`` when the matrix has no pair for it."""
        from locator.planning.costs import pair_costs

        sites = index.sites.iloc[chosen]
        pairs = pair_costs(
            self.demand,
            index.lon[chosen],
            index.lat[chosen],
            max_cost=np.inf,
            ids=sites["id"].to_numpy(),
            matrix=self.cost_matrix,
        )
        pos = np.full(len(self.demand), -1)
        dist = np.full(len(self.demand), np.inf)
        if len(pairs):
            best = pairs.sort_values(["origin", "km"], kind="stable").drop_duplicates("origin")
            rows = best["origin"].to_numpy(int)
            pos[rows] = chosen[best["dest"].to_numpy(int)]
            dist[rows] = best["km"].to_numpy(float)
        return pos, dist

    def unreachable(self) -> int:
        """With a cost matrix: counties with people and no pair to any chosen site."""
        self._require()
        c = self.counties
        return int((np.isinf(c["nearest_km"]) & (c["population"].fillna(0) > 0)).sum())

    def _by_office(self, c: pd.DataFrame) -> pd.DataFrame:
        out = beyond_table(c, self.thresholds_km, by="nearest_site_id")
        names = self.catchments.set_index("site_id")
        out.insert(1, "name", out["nearest_site_id"].map(names["name"]))
        keep = ["weighted_mean_km", "weighted_median_km", "caveat"]
        out = out.join(names[keep], on="nearest_site_id")
        return out.rename(columns={"nearest_site_id": "site_id"})

    def _summary(self, c: pd.DataFrame) -> pd.DataFrame:
        pop = c["population"].astype(float)
        total = float(pop.sum())
        rows = []
        for t in self.thresholds_km:
            beyond = c[f"beyond_{t:g}km"].to_numpy(bool)
            rows.append(
                {
                    "threshold_km": t,
                    "population_beyond": float(pop[beyond].sum()),
                    "share_beyond": float(pop[beyond].sum()) / total if total else 0.0,
                    "counties_beyond": int(beyond.sum()),
                }
            )
        out = pd.DataFrame(rows)
        out.attrs["population_total"] = total
        return out

    def _gaps(self, c: pd.DataFrame) -> pd.DataFrame:
        cols = [
            "fips",
            "name",
            "state",
            "population",
            "population_source",
            "population_label",
            "nearest_km",
            "nearest_site_id",
            "nearest_site_name",
            "center_lon",
            "center_lat",
            "caveat",
        ]
        cols = [col for col in cols if col in c]
        g = c.loc[(c["nearest_km"] > self.gap_km) & (c["population"] > 0), cols]
        g = g.sort_values(["population", "nearest_km"], ascending=[False, False], kind="stable")
        g.insert(0, "rank", np.arange(1, len(g) + 1))
        return g.reset_index(drop=True)

    def _catchments(self, c: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
        grouped = c.groupby("nearest_site_id")
        agg = pd.DataFrame(
            {
                "counties": grouped.size(),
                "population": grouped["population"].sum().astype(float),
                "mean_km": grouped["nearest_km"].mean(),
                "max_km": grouped["nearest_km"].max(),
            }
        ).join(catchment_figures(c))
        agg["caveat"] = grouped["caveat"].agg(lambda v: next((x for x in v if x), ""))
        base = pd.DataFrame(
            {k: chosen[k].to_numpy() for k in ("id", "kind", "name", "state") if k in chosen}
        ).set_index("id")
        out = base.join(agg, how="left")
        out[["counties", "population"]] = out[["counties", "population"]].fillna(0)
        out["counties"] = out["counties"].astype(int)
        out["counties_no_figure"] = out["counties_no_figure"].fillna(0).astype(int)
        out["caveat"] = out["caveat"].fillna("")
        out.index.name = "site_id"
        return out.sort_values("population", ascending=False).reset_index()

    def gaps_outside_states(self) -> dict[str, int]:
        """Ranked gaps in territories (PR, GU, MP, VI, AS): ``{state: count}``.

        They stay in the ranking (people live there) but are not on the lower-48 figure.
        """
        self._require()
        if "state" not in self.gaps:
            return {}
        counts = self.gaps.loc[self.gaps["state"].isin(TERRITORIES), "state"].value_counts()
        return {str(k): int(v) for k, v in counts.items()}

    def unknown_population_beyond(self, km: float | None = None) -> dict[str, int]:
        """Counties with no population figure farther than ``km`` (default ``gap_km``), per
        state (e.g. ``{"PR": 78}``): not ranked (their population is unknown, not zero)."""
        self._require()
        km = self.gap_km if km is None else km
        c = self.counties
        far = c.loc[c["population"].isna() & (c["nearest_km"] > km)]
        if "state" not in far:
            return {"": len(far)} if len(far) else {}
        return {str(k): int(v) for k, v in far["state"].value_counts().sort_index().items()}

    def share_covered(self, km: float | None = None) -> dict[str, float]:
        """Share of the population within ``km`` (default ``gap_km``) of a chosen site."""
        self._require()
        return share_within(self.counties, self.gap_km if km is None else km)

    def caveats(self, lang: str) -> dict[str, str]:
        """``{caveat id: text}`` of the caveats that apply to at least one ranked gap or
        catchment row (see :mod:`locator.planning.caveats`)."""
        self._require()
        used = set(self.gaps.get("caveat", [])) | set(self.catchments.get("caveat", []))
        return {k: v["en" if lang == "en" else "es"] for k, v in CAVEATS.items() if k in used}

    def citation(self, lang: str) -> str:
        """The demand's source and vintage in ``lang`` ("" for a bare GeoDataFrame)."""
        return self.layer.citation(lang) if self.layer is not None else ""

    def population_beyond(self, km: float) -> float:
        """Population whose nearest site is farther than ``km`` (after :meth:`solve`)."""
        self._require()
        return float(self.counties.loc[self.counties["nearest_km"] > km, "population"].sum())

    def _require(self) -> None:
        if self.counties is None:
            raise InvalidInputError(PLANNING_ERRORS["solve_first"])

    def to_dict(self) -> dict[str, Any]:
        """JSON-able summary (for an API): thresholds, totals, top gaps, notes."""
        self._require()
        return {
            "kinds": self.kinds,
            "services": self.services,
            "gap_km": self.gap_km,
            "population_total": self.summary.attrs["population_total"],
            "population_label": self.population_label,
            "population_source": self.population_source,
            "population_vintage": self.population_vintage,
            "population_citation": {lang: self.citation(lang) for lang in ("es", "en")},
            "distance_note": self.distance_note,
            "distance_source": "cost_matrix" if self.cost_matrix is not None else "great_circle_km",
            "cost_source": self.cost_source,
            "unreachable_counties": self.unreachable(),
            "gaps_outside_states": self.gaps_outside_states(),
            "unknown_population_beyond_gap": self.unknown_population_beyond(),
            "share_covered": self.share_covered(),
            "summary": self.summary.to_dict("records"),
            "gaps": _records(self.gaps.head(50)),
            "catchments": _records(self.catchments),
            "by_state": _records(self.by_state) if self.by_state is not None else [],
            "by_office": _records(self.by_office),
            "caveats": {lang: self.caveats(lang) for lang in ("es", "en")},
            "notes": self.notes,
        }


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts, NaN as ``None`` (JSON has no NaN)."""
    clean = frame.replace([np.inf, -np.inf], np.nan).astype(object)
    clean = clean.where(clean.notna(), None)
    return clean.to_dict("records")
