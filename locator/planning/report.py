"""Answer-shaped figures of a coverage model: summary rows, ranked gaps, county features, CSV.

Plain functions over a solved :class:`~locator.planning.coverage.CoverageModel` (no web
framework): the API (``GET /v1/coverage``) and any other caller get the same numbers.

* :func:`solve_coverage` -> :class:`CoverageResult` (what an answer needs, no geometries).
* :func:`summary_rows`: population within / beyond each threshold and their shares.
* :func:`gap_rows`: the ranked gaps (km rounded to 0.1, centre to 5 decimals).
* :func:`county_features`: every county as a GeoJSON feature (with given geometries).
* :func:`demand_info`: what the population is, and whether it is only a proxy.
* :func:`gaps_csv` / :func:`write_gaps_csv`: the ranked gaps as CSV.

Examples
--------
>>> import pandas as pd
>>> summary = pd.DataFrame({"threshold_km": [50.0, 100.0], "population_beyond": [300.0, 100.0],
...                         "share_beyond": [0.75, 0.25], "counties_beyond": [3, 1]})
>>> summary.attrs["population_total"] = 400.0
>>> [(r["threshold_km"], r["population_within"], r["share_within"]) for r in summary_rows(summary)]
[(50.0, 100.0, 0.25), (100.0, 300.0, 0.75)]
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

import pandas as pd

from geodata.export import csv_safe
from locator.planning.citation import GREAT_CIRCLE_NOTE

__all__ = [
    "COUNTY_COLUMNS",
    "GAPS_CSV_HEADER",
    "CoverageResult",
    "county_features",
    "demand_info",
    "gap_rows",
    "gaps_csv",
    "solve_coverage",
    "summary_rows",
    "table_rows",
    "write_gaps_csv",
]

COUNTY_COLUMNS = (
    "fips",
    "name",
    "state",
    "population",
    "nearest_km",
    "nearest_site_id",
    "nearest_site_name",
)
"""County columns kept in a :class:`CoverageResult` (no geometry)."""
GAPS_CSV_HEADER = (
    "rank",
    "fips",
    "name",
    "state",
    "population",
    "distance_km",
    "nearest_site_id",
    "nearest_site_name",
    "lon",
    "lat",
    "population_source",
    "population_label",
    "population_vintage",
    "distance_note",
    "caveat",
)


@dataclass(frozen=True)
class CoverageResult:
    """What a coverage answer needs, without the county geometries.

    Attributes
    ----------
    population_total
        Population of the demand layer (all counties).
    summary
        :func:`summary_rows` of the requested thresholds.
    gaps
        The model's ranked gaps (``CoverageModel.gaps``).
    counties
        Every county, :data:`COUNTY_COLUMNS`, in the demand layer's order.
    notes
        ``{"es": ..., "en": ...}``: the model's approximation note.
    by_state, by_office
        People beyond each threshold per state and per office (``CoverageModel.by_state``,
        ``by_office``), with the population-weighted mean and median km per office.
    share_covered
        :meth:`CoverageModel.share_covered` at ``gap_km``.
    caveats
        ``{lang: {caveat id: text}}`` of the data caveats that affect some row.
    """

    population_total: float
    summary: list[dict[str, Any]]
    gaps: pd.DataFrame
    counties: pd.DataFrame
    notes: dict[str, str]
    by_state: pd.DataFrame | None = None
    by_office: pd.DataFrame | None = None
    share_covered: dict[str, float] | None = None
    caveats: dict[str, dict[str, str]] | None = None


def summary_rows(
    summary: pd.DataFrame, thresholds: Iterable[float] | None = None
) -> list[dict[str, Any]]:
    """Population within / beyond each threshold of ``CoverageModel.summary``.

    ``population_within = total - population_beyond``; ``share_within`` is 0 when the total
    is 0. Only the ``thresholds`` given are kept (all when ``None``). Each row names its
    threshold ``threshold_km``; ``within_km`` is its old name (deprecated, the same value).
    """
    total = float(summary.attrs["population_total"])
    keep = None if thresholds is None else set(thresholds)
    return [
        {
            "threshold_km": float(r.threshold_km),
            "within_km": float(r.threshold_km),  # deprecated alias of threshold_km
            "population_within": total - float(r.population_beyond),
            "share_within": 1.0 - float(r.share_beyond) if total else 0.0,
            "population_beyond": float(r.population_beyond),
            "share_beyond": float(r.share_beyond),
            "counties_beyond": int(r.counties_beyond),
        }
        for r in summary.itertuples()
        if keep is None or r.threshold_km in keep
    ]


def solve_coverage(
    layer: Any,
    sites: Any,
    *,
    kinds: Sequence[str] | None,
    thresholds: Sequence[float],
    gap_km: float | None,
) -> CoverageResult:
    """Solve a :class:`~locator.planning.CoverageModel` and keep what an answer needs."""
    from locator.planning.coverage import CoverageModel

    model = CoverageModel.from_geodataframe(
        layer,
        sites,
        kinds=list(kinds) if kinds else None,
        thresholds_km=tuple(thresholds),
        gap_km=gap_km,
    ).solve()
    return CoverageResult(
        float(model.summary.attrs["population_total"]),
        summary_rows(model.summary, thresholds),
        model.gaps,
        pd.DataFrame(model.counties[list(COUNTY_COLUMNS)]),
        dict(model.notes),
        by_state=model.by_state,
        by_office=model.by_office,
        share_covered=model.share_covered(),
        caveats={lang: model.caveats(lang) for lang in ("es", "en")},
    )


def table_rows(frame: pd.DataFrame | None, top: int | None = None) -> list[dict[str, Any]]:
    """A figures table (``by_state``, ``by_office``) as plain dicts: km rounded to 0.1,
    shares to 4 decimals, NaN as ``None``."""
    if frame is None:
        return []
    head = frame if top is None else frame.head(top)
    rows = []
    for rec in head.to_dict("records"):
        row = {}
        for key, value in rec.items():
            if isinstance(value, float) and pd.isna(value):
                value = None
            elif isinstance(value, float):
                value = round(value, 4 if key.startswith("share") else 1)
            row[key] = value.item() if hasattr(value, "item") else value
        rows.append(row)
    return rows


def gap_rows(gaps: pd.DataFrame, top: int | None = None) -> list[dict[str, Any]]:
    """The first ``top`` ranked gaps (all when ``None``) as plain dicts.

    ``distance_km`` is rounded to 0.1 km and ``center`` (``[lon, lat]``, the county's
    population-weighted centre) to 5 decimals.
    """
    head = gaps if top is None else gaps.head(top)
    return [
        {
            "rank": int(r.rank),
            "fips": r.fips,
            "name": r.name,
            "state": r.state,
            "population": float(r.population),
            "distance_km": round(float(r.nearest_km), 1),
            "nearest_site_id": r.nearest_site_id,
            "nearest_site_name": r.nearest_site_name,
            "center": [round(float(r.center_lon), 5), round(float(r.center_lat), 5)],
            "caveat": getattr(r, "caveat", "") or "",
        }
        for r in head.itertuples()
    ]


def demand_info(layer: Any, lang: str) -> dict[str, Any]:
    """``source``, ``is_proxy`` (:attr:`DemandLayer.is_proxy`), ``vintage``, ``citation``,
    ``label``, ``notes``, ``unknown_counties`` (counties with no figure, per state) and the
    great-circle ``distance_note``, in ``lang``, of a :class:`~locator.planning.DemandLayer`."""
    unknown = layer.unknown_counties
    return {
        "source": layer.source,
        "is_proxy": layer.is_proxy,
        "vintage": layer.vintage,
        "citation": layer.citation(lang),
        "label": layer.label[lang],
        "notes": list(layer.notes[lang]),
        "unknown_counties": {
            str(k): int(v) for k, v in unknown["state"].value_counts().sort_index().items()
        },
        "distance_note": GREAT_CIRCLE_NOTE["en" if lang == "en" else "es"],
    }


def write_gaps_csv(rows: Iterable[dict[str, Any]], demand: dict[str, Any], out: TextIO) -> None:
    """Write :func:`gap_rows` to ``out`` as CSV (:data:`GAPS_CSV_HEADER`), each row naming
    the population source and label of ``demand`` (:func:`demand_info`)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(GAPS_CSV_HEADER)
    for g in rows:
        writer.writerow(
            [
                g["rank"],
                g["fips"],
                g["name"],
                g["state"],
                f"{g['population']:.0f}",
                g["distance_km"],
                csv_safe(g["nearest_site_id"]),
                csv_safe(g["nearest_site_name"]),
                *g["center"],
                demand["source"],
                demand["label"],
                demand.get("vintage", ""),
                demand.get("distance_note", ""),
                _caveat_text(g.get("caveat", "")),
            ]
        )


def _caveat_text(caveat: str) -> str:
    from locator.planning.caveats import CAVEATS

    return f"{CAVEATS[caveat]['es']} / {CAVEATS[caveat]['en']}" if caveat in CAVEATS else ""


def gaps_csv(
    rows: Iterable[dict[str, Any]], demand: dict[str, Any], path: str | Path | None = None
) -> str:
    """:func:`write_gaps_csv` into a string (returned) and, when given, into ``path`` (UTF-8)."""
    out = io.StringIO()
    write_gaps_csv(rows, demand, out)
    text = out.getvalue()
    if path is not None:
        Path(path).write_text(text, encoding="utf-8", newline="")
    return text


def county_features(
    result: CoverageResult, geometries: Sequence[dict[str, Any] | None], thresholds: Sequence[float]
) -> list[dict[str, Any]]:
    """Every county as a GeoJSON feature (``geometries`` in the counties' order).

    ``threshold_km``: the smallest threshold the county is within (``None``: beyond all;
    ``within_km`` is its old name, deprecated, with the same value);
    ``gap``: a ranked gap (beyond ``gap_km`` with people in the demand layer).
    """
    ranks = dict(zip(result.gaps["fips"], result.gaps["rank"], strict=True))
    features = []
    for r, geometry in zip(result.counties.itertuples(), geometries, strict=True):
        km = float(r.nearest_km)
        within = next((t for t in thresholds if km <= t), None)
        features.append(
            {
                "type": "Feature",
                "id": r.fips,
                "geometry": geometry,
                "properties": {
                    "fips": r.fips,
                    "name": r.name,
                    "state": r.state,
                    "population": None if pd.isna(r.population) else float(r.population),
                    "distance_km": round(km, 1),
                    "threshold_km": within,
                    "within_km": within,  # deprecated alias of threshold_km
                    "gap": r.fips in ranks,
                    "gap_rank": int(ranks[r.fips]) if r.fips in ranks else None,
                    "nearest_site_id": r.nearest_site_id,
                    "nearest_site_name": r.nearest_site_name,
                },
            }
        )
    return features
