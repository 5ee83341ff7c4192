"""Write a solved :class:`~locator.planning.coverage.CoverageModel`: map, CSV, GeoJSON and PNG.

``write_gap_outputs(model, out_dir, lang=...)`` writes

* ``coverage_map.html``: a self-contained choropleth (``locator.maps.OfflineMap``: every asset
  inlined, nothing loaded from the network) of the distance from each county's people to the
  nearest site, with the sites, a legend and the population label. Every file-supplied string
  is HTML-escaped.
* ``gaps.csv``: the ranked gaps; ``counties.csv``: every county's figures.
* ``coverage.geojson``: counties (simplified polygons) with their figures.
* ``coverage.png``: a static figure (a bare matplotlib ``Figure``; the backend is not changed).
* ``summary.json``: thresholds, totals, labels and caveats.

Examples
--------
>>> distance_class(30), distance_class(150), distance_class(float("inf"))
(0, 2, 3)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geodata.export import csv_safe
from geodata.geojson import rfc7946_json
from locator.i18n import ui_lang
from locator.i18n.planning import PLANNING
from locator.maps.i18n import check_lang
from locator.maps.layers import TextTooltip
from locator.maps.offline import HtmlBlock, OfflineMap, escape, figure_of, save_html
from locator.planning.caveats import CAVEATS
from locator.planning.citation import vintage_text
from locator.planning.coverage import CoverageModel
from locator.planning.demand import is_proxy

__all__ = [
    "CLASS_BREAKS_KM",
    "CLASS_COLOURS",
    "LOWER_48_BOUNDS",
    "distance_class",
    "parameters_line",
    "write_gap_outputs",
]

LOWER_48_BOUNDS = ((24.0, -125.0), (50.0, -66.0))
"""``((south, west), (north, east))`` of the 48 contiguous states: the PNG and the map's view."""
CLASS_BREAKS_KM = (50.0, 100.0, 200.0)
CLASS_COLOURS = ("#1a9850", "#a6d96a", "#fdae61", "#d73027")
"""Colour of each distance class (<=50, <=100, <=200, >200 km); classes also differ in label."""
_DEMAND = "#3b1f6e"


def _t(key: str, lang: str) -> Any:
    out = PLANNING[f"gap.{key}"].get(ui_lang(lang))
    return tuple(out.split("|")) if key == "classes" else out


def distance_class(km: float) -> int:
    """Index of the distance class of ``km`` in :data:`CLASS_BREAKS_KM` (last class: beyond)."""
    return int(np.searchsorted(CLASS_BREAKS_KM, km, side="left"))


def _simplified(counties: gpd.GeoDataFrame, tolerance: float = 0.01) -> gpd.GeoDataFrame:
    out = counties.copy()
    simple = out.geometry.simplify(tolerance, preserve_topology=True)
    out["geometry"] = shapely.set_precision(simple.to_numpy(), tolerance / 10)
    return out


def _population_word(model: CoverageModel, lang: str) -> str:
    return _t("population_proxy" if is_proxy(model.population_source) else "population_acs", lang)


def parameters_line(model: CoverageModel, lang: str) -> str:
    """One line naming the site kinds, the gap distance and what the population is.

    Shown under the title of the HTML map and the PNG (plain text; escape it for HTML).
    """
    kinds = (
        ", ".join(_kind_label(k, lang) for k in model.kinds)
        if model.kinds
        else _t("all_kinds", lang)
    )
    source = _t("source_proxy" if is_proxy(model.population_source) else "source_acs", lang)
    if model.population_vintage:
        source = f"{source} ({vintage_text(model.population_vintage, lang)}, B05006)"
    return _t("params", lang).format(kinds=kinds, gap=model.gap_km, source=source)


def _kind_label(kind: str, lang: str) -> str:
    """``vds`` -> "Ventanilla de Salud" / "Health desk (Ventanilla de Salud)"."""
    from locator.present import kind_label

    return kind_label(kind, lang)


def _fill(km: float) -> str:
    return CLASS_COLOURS[distance_class(km)]


def footer_lines(model: CoverageModel, lang: str) -> list[str]:
    """Demand source and vintage, unknown counties, great-circle and approximation notes."""
    label = model.population_label.get(lang, "") if model.population_label else ""
    unknown = model.counties["population"].isna().sum() if model.counties is not None else 0
    lines = [label]
    if unknown:
        lines.append(_t("unknown_note", lang).format(n=int(unknown)))
    lines += [model.distance_note["en" if lang == "en" else "es"], model.notes.get(lang, "")]
    return [line for line in lines if line]


def _tooltip(row: pd.Series, lang: str, population: str) -> str:
    label = f"{row.get('name', '')}, {row.get('state', '')}"
    pop = row["population"]
    shown = _t("unknown", lang) if pd.isna(pop) else f"{int(pop):,}"
    return (
        f"<b>{escape(label)}</b><br>{escape(population)}: "
        f"{escape(shown)}<br>{escape(_t('nearest', lang))}: "
        f"{escape(row['nearest_site_name'])} ({row['nearest_km']:.0f} km)"
    )


def _legend(model: CoverageModel, lang: str) -> str:
    items = "".join(
        f'<li><span style="background:{c};display:inline-block;width:1em;height:1em"></span> '
        f"{escape(name)}</li>"
        for c, name in zip(CLASS_COLOURS, _t("classes", lang), strict=True)
    )
    items += (
        f'<li><span style="border:1.5px solid {_DEMAND};border-radius:50%;'
        f'display:inline-block;width:0.9em;height:0.9em"></span> '
        f"{escape(_t('demand_layer', lang).format(word=_population_word(model, lang)))}"
        "</li>"
    )
    rows = "".join(
        f"<li>{escape(_t('beyond', lang))} {r.threshold_km:g} km: {r.population_beyond:,.0f} "
        f"({r.share_beyond:.1%})</li>"
        for r in model.summary.itertuples()
    )
    label = "</p><p style='margin:4px 0'>".join(escape(x) for x in footer_lines(model, lang)[:-1])
    note = escape(model.notes.get(lang, ""))
    return (
        '<div class="locator-legend" role="region" style="position:absolute;bottom:12px;left:12px;'
        'z-index:1000;background:#fff;padding:8px;max-width:360px;font:13px sans-serif">'
        f"<h2 style='font-size:15px;margin:0 0 4px'>{escape(_t('title', lang))}</h2>"
        f"<p style='margin:0 0 4px'>{escape(parameters_line(model, lang))}</p>"
        f"<ul style='list-style:none;padding:0;margin:0'>{items}</ul>"
        f"<ul style='padding-left:1.2em;margin:6px 0'>{rows}</ul>"
        f"<details><summary>{escape(_t('sources', lang))}</summary>"
        f"<p style='margin:4px 0'>{label}</p><p style='margin:4px 0'>{note}</p></details></div>"
    )


def _map(model: CoverageModel, counties: gpd.GeoDataFrame, lang: str) -> OfflineMap:
    m = OfflineMap(lang=lang, title=_t("title", lang), location=[39.5, -98.35], zoom_start=4)
    m.fit_bounds(LOWER_48_BOUNDS)
    word = _population_word(model, lang)
    shown = counties[["geometry"]].copy()
    shown["tip"] = [_tooltip(r, lang, word) for _, r in counties.iterrows()]
    shown["fill"] = [_fill(km) for km in counties["nearest_km"]]
    folium.GeoJson(
        json.loads(shown.to_json(drop_id=True)),
        name=_t("classes_title", lang),
        style_function=lambda f: {
            "fillColor": f["properties"]["fill"],
            "color": "#555",
            "weight": 0.3,
            "fillOpacity": 0.75,
        },
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
    ).add_to(m)
    _demand_layer(counties, lang, word).add_to(m)
    sites = folium.FeatureGroup(name=_t("sites", lang))
    geo = model.sites.set_index("id").geometry
    for row in model.catchments.itertuples():
        point = geo.get(row.site_id)
        if point is None:
            continue
        marker = folium.CircleMarker(
            [point.y, point.x],
            radius=4,
            color="#000",
            weight=1,
            fill=True,
            fill_color="#fff",
            fill_opacity=1,
        ).add_to(sites)
        TextTooltip(f"{row.name} ({_kind_label(row.kind, lang)})").add_to(marker)
    sites.add_to(m)
    folium.LayerControl(collapsed=False).add_to(m)
    figure_of(m).html.add_child(HtmlBlock(_legend(model, lang)))
    return m


def _safe_csv(frame: pd.DataFrame, path: Path) -> None:
    """Write ``frame`` as CSV with spreadsheet formulas neutralised (site names are data)."""
    frame = frame.copy()
    for column in frame.select_dtypes(include=["object", "string"]).columns:
        frame[column] = frame[column].map(csv_safe)
    frame.to_csv(path, index=False)


def _demand_layer(counties: gpd.GeoDataFrame, lang: str, word: str) -> folium.GeoJson:
    """Proportional circles (area ~ people) at each county's centre, a switchable layer."""
    pop = counties["population"].to_numpy(float)
    keep = np.nan_to_num(pop) > 0
    largest = float(np.nanmax(pop, initial=0.0)) or 1.0
    pts = gpd.GeoDataFrame(
        {
            "r": np.sqrt(pop[keep] / largest) * 28 + 1.5,
            "tip": [
                f"{escape(n)}, {escape(s)}: {int(p):,}"
                for n, s, p in zip(
                    counties["name"].to_numpy()[keep],
                    counties["state"].to_numpy()[keep],
                    pop[keep],
                    strict=True,
                )
            ],
        },
        geometry=gpd.points_from_xy(
            counties["center_lon"].to_numpy(float)[keep],
            counties["center_lat"].to_numpy(float)[keep],
        ),
        crs=4326,
    )
    return folium.GeoJson(
        json.loads(pts.to_json(drop_id=True)),
        name=_t("demand_layer", lang).format(word=word),
        marker=folium.CircleMarker(radius=3, color=_DEMAND, weight=1, fill=False),
        style_function=lambda f: {
            "radius": f["properties"]["r"],
            "color": _DEMAND,
            "weight": 1,
            "fill": False,
        },
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
    )


def _chosen_sites(model: CoverageModel) -> gpd.GeoDataFrame:
    return model.sites[model.sites["id"].isin(model.catchments["site_id"])]


def _figure(model: CoverageModel, counties: gpd.GeoDataFrame, path: Path, lang: str) -> None:
    from locator.planning.figure_png import draw_figure

    names = _t("classes", lang)
    draw_figure(
        counties,
        _chosen_sites(model).geometry,
        path,
        colour=_fill,
        classes=list(zip(CLASS_COLOURS, names, strict=True)),
        text={
            "title": f"{_t('title', lang)}\n{parameters_line(model, lang)}",
            "sites": _t("sites", lang),
            "classes_title": _t("classes_title", lang),
            "demand": _t("demand_layer", lang).format(word=_population_word(model, lang)),
            "footer": "\n".join([*footer_lines(model, lang), _t("not_drawn", lang)]),
        },
    )


def write_gap_outputs(
    model: CoverageModel, out_dir: str | Path, *, lang: str = "es", simplify_deg: float = 0.01
) -> dict[str, Path]:
    """Write map, CSVs, GeoJSON, PNG and summary of a solved model into ``out_dir``.

    Returns ``{"map": ..., "gaps_csv": ..., "counties_csv": ..., "geojson": ..., "png": ...,
    "summary": ..., "catchments_csv": ..., "by_state_csv": ..., "by_office_csv": ...}``.
    The PNG shows the 48 contiguous states; the other files cover all. With a cost matrix
    (``model.cost_matrix``) the map and PNG are not drawn (their classes are km), and
    points without outlines (ZIP level) get no map either; the CSVs, GeoJSON and summary are.
    """
    lang = check_lang(lang)
    model._require()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counties = _simplified(model.counties, simplify_deg)
    paths = {
        "map": out / "coverage_map.html",
        "gaps_csv": out / "gaps.csv",
        "counties_csv": out / "counties.csv",
        "geojson": out / "coverage.geojson",
        "png": out / "coverage.png",
        "summary": out / "summary.json",
    }
    note = f"{model.distance_note['es']} / {model.distance_note['en']}"
    _safe_csv(_with_caveat_text(model.gaps, note), paths["gaps_csv"])
    for name in ("catchments", "by_state", "by_office"):
        frame = getattr(model, name)
        if frame is not None:
            paths[f"{name}_csv"] = out / f"{name}.csv"
            _safe_csv(_with_caveat_text(frame, note), paths[f"{name}_csv"])
    _safe_csv(pd.DataFrame(model.counties.drop(columns="geometry")), paths["counties_csv"])
    gj = counties.copy()
    gj["nearest_km"] = gj["nearest_km"].replace(np.inf, np.nan).round(3)
    paths["geojson"].write_text(
        rfc7946_json(gj, drop_id=True, na="null"),  # right-hand rule
        encoding="utf-8",
    )
    polygons = counties.geom_type.isin(["Polygon", "MultiPolygon"]).all()
    if model.cost_matrix is None and polygons:
        save_html(_map(model, counties, lang), paths["map"])
        _figure(model, counties, paths["png"], lang)
    else:
        del paths["map"], paths["png"]
    paths["summary"].write_text(
        json.dumps(
            model.to_dict(), ensure_ascii=False, indent=1, default=_json_default, allow_nan=False
        ),
        encoding="utf-8",
    )
    return paths


def _with_caveat_text(frame: pd.DataFrame, note: str) -> pd.DataFrame:
    """``frame`` with a ``caveat_text`` column (Spanish / English) beside the caveat id, and
    the great-circle note, so a CSV read alone still says what its km are."""
    out = frame.copy()
    if "caveat" in out:
        out["caveat_text"] = out["caveat"].map(
            lambda c: f"{CAVEATS[c]['es']} / {CAVEATS[c]['en']}" if c in CAVEATS else ""
        )
    out["distance_note"] = note
    return out


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return str(value)
