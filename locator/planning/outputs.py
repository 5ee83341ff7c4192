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

from locator.maps.i18n import check_lang
from locator.maps.offline import OfflineMap, escape, save_html
from locator.planning.caveats import CAVEATS
from locator.planning.citation import GREAT_CIRCLE_NOTE, vintage_text
from locator.planning.coverage import CoverageModel
from locator.planning.demand import is_proxy

__all__ = ["CLASS_BREAKS_KM", "CLASS_COLOURS", "LOWER_48_BOUNDS", "distance_class",
           "parameters_line", "write_gap_outputs"]

LOWER_48_BOUNDS = ((24.0, -125.0), (50.0, -66.0))
"""``((south, west), (north, east))`` of the 48 contiguous states: the PNG and the map's view."""
CLASS_BREAKS_KM = (50.0, 100.0, 200.0)
CLASS_COLOURS = ("#1a9850", "#a6d96a", "#fdae61", "#d73027")
"""Colour of each distance class (<=50, <=100, <=200, >200 km); classes also differ in label."""
_NO_PEOPLE = "#d9d9d9"
_TEXT = {
    "title": ("Distancia al sitio más cercano", "Distance to the nearest site"),
    "classes": (("hasta 50 km", "51-100 km", "101-200 km", "más de 200 km"),
                ("up to 50 km", "51-100 km", "101-200 km", "over 200 km")),
    "no_people": ("sin población en el indicador", "no population in the proxy"),
    "population": ("Población", "Population"),
    "population_proxy": ("Población (indicador aproximado: lugares GeoNames)",
                         "Population (proxy indicator: GeoNames places)"),
    "population_acs": ("Nacidos en México (ACS B05006)", "Mexico-born (ACS B05006)"),
    "params": ("Sitios: {kinds}; hueco: a más de {gap:g} km; población: {source}",
               "Sites: {kinds}; gap: beyond {gap:g} km; population: {source}"),
    "all_kinds": ("todos", "all"),
    "source_proxy": ("indicador aproximado (GeoNames), no nacidos en México",
                     "proxy (GeoNames), not the Mexico-born"),
    "source_acs": ("ACS B05006, nacidos en México", "ACS B05006, Mexico-born"),
    "not_drawn": ("No se dibujan Alaska, Hawái, Puerto Rico ni los territorios (sí están en "
                  "gaps.csv y counties.csv).",
                  "Alaska, Hawaii, Puerto Rico and the territories are not drawn (they are in "
                  "gaps.csv and counties.csv)."),
    "nearest": ("Sitio más cercano", "Nearest site"),
    "unknown": ("sin cifra (desconocida, no cero)", "no figure (unknown, not zero)"),
    "beyond": ("Población a más de", "Population beyond"),
    "sites": ("Sitios", "Sites"),
}


def _t(key: str, lang: str) -> Any:
    es, en = _TEXT[key]
    return en if lang == "en" else es


def distance_class(km: float) -> int:
    """Index of the distance class of ``km`` in :data:`CLASS_BREAKS_KM` (last class: beyond)."""
    return int(np.searchsorted(CLASS_BREAKS_KM, km, side="left"))


def _simplified(counties: gpd.GeoDataFrame, tolerance: float = 0.01) -> gpd.GeoDataFrame:
    out = counties.copy()
    simple = out.geometry.simplify(tolerance, preserve_topology=True)
    out["geometry"] = shapely.set_precision(simple.to_numpy(), tolerance / 10)
    return out


def _population_word(model: CoverageModel, lang: str) -> str:
    return _t("population_proxy" if is_proxy(model.population_source) else "population_acs",
              lang)


def parameters_line(model: CoverageModel, lang: str) -> str:
    """One line naming the site kinds, the gap distance and what the population is.

    Shown under the title of the HTML map and the PNG (plain text; escape it for HTML).
    """
    kinds = ", ".join(model.kinds) if model.kinds else _t("all_kinds", lang)
    source = _t("source_proxy" if is_proxy(model.population_source) else "source_acs", lang)
    if model.population_vintage:
        source = f"{source}, {vintage_text(model.population_vintage, lang)}"
    return _t("params", lang).format(kinds=kinds, gap=model.gap_km, source=source)


def _tooltip(row: pd.Series, lang: str, population: str) -> str:
    label = f"{row.get('name', '')}, {row.get('state', '')}"
    pop = row["population"]
    shown = _t("unknown", lang) if pd.isna(pop) else f"{int(pop):,}"
    return (f"<b>{escape(label)}</b><br>{escape(population)}: "
            f"{escape(shown)}<br>{escape(_t('nearest', lang))}: "
            f"{escape(row['nearest_site_name'])} ({row['nearest_km']:.0f} km)")


def _legend(model: CoverageModel, lang: str) -> str:
    items = "".join(
        f'<li><span style="background:{c};display:inline-block;width:1em;height:1em"></span> '
        f"{escape(name)}</li>" for c, name in zip(CLASS_COLOURS, _t("classes", lang), strict=True))
    items += (f'<li><span style="background:{_NO_PEOPLE};display:inline-block;width:1em;'
              f'height:1em"></span> {escape(_t("no_people", lang))}</li>')
    rows = "".join(
        f"<li>{escape(_t('beyond', lang))} {r.threshold_km:g} km: {r.population_beyond:,.0f} "
        f"({r.share_beyond:.1%})</li>" for r in model.summary.itertuples())
    label = escape(model.population_label.get(lang, "")) if model.population_label else ""
    note = escape(model.notes.get(lang, ""))
    return (
        '<div class="locator-legend" role="region" style="position:absolute;bottom:12px;left:12px;'
        'z-index:1000;background:#fff;padding:8px;max-width:360px;font:13px sans-serif">'
        f"<h2 style='font-size:15px;margin:0 0 4px'>{escape(_t('title', lang))}</h2>"
        f"<p style='margin:0 0 4px'>{escape(parameters_line(model, lang))}</p>"
        f"<ul style='list-style:none;padding:0;margin:0'>{items}</ul>"
        f"<ul style='padding-left:1.2em;margin:6px 0'>{rows}</ul>"
        f"<p style='margin:4px 0'>{label}</p><p style='margin:4px 0'>{note}</p></div>"
    )


def _map(model: CoverageModel, counties: gpd.GeoDataFrame, lang: str) -> OfflineMap:
    m = OfflineMap(lang=lang, title=_t("title", lang), location=[39.5, -98.35], zoom_start=4)
    m.fit_bounds(LOWER_48_BOUNDS)
    word = _population_word(model, lang)
    shown = counties[["geometry"]].copy()
    shown["tip"] = [_tooltip(r, lang, word) for _, r in counties.iterrows()]
    shown["fill"] = [CLASS_COLOURS[distance_class(km)] if pop > 0 else _NO_PEOPLE
                     for km, pop in zip(counties["nearest_km"], counties["population"],
                                        strict=True)]
    folium.GeoJson(
        json.loads(shown.to_json(drop_id=True)),
        name=_t("title", lang),
        style_function=lambda f: {"fillColor": f["properties"]["fill"], "color": "#555",
                                  "weight": 0.3, "fillOpacity": 0.75},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
    ).add_to(m)
    sites = model.catchments
    geo = model.sites.set_index("id").geometry
    for row in sites.itertuples():
        point = geo.get(row.site_id)
        if point is None:
            continue
        folium.CircleMarker([point.y, point.x], radius=4, color="#000", weight=1, fill=True,
                            fill_color="#fff", fill_opacity=1,
                            tooltip=escape(f"{row.name} ({row.kind})")).add_to(m)
    m.get_root().html.add_child(folium.Element(_legend(model, lang)))
    return m


def _chosen_sites(model: CoverageModel) -> gpd.GeoDataFrame:
    return model.sites[model.sites["id"].isin(model.catchments["site_id"])]


def _figure(model: CoverageModel, counties: gpd.GeoDataFrame, path: Path, lang: str) -> None:
    # a bare Figure (no pyplot): renders headless without switching anyone's backend, so a
    # notebook calling this keeps its inline figures
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    fig = Figure(figsize=(11, 6.5), dpi=110)
    ax = fig.subplots()
    colours = [CLASS_COLOURS[distance_class(km)] if pop > 0 else _NO_PEOPLE
               for km, pop in zip(counties["nearest_km"], counties["population"], strict=True)]
    counties.plot(ax=ax, color=colours, edgecolor="#777", linewidth=0.1)
    pts = _chosen_sites(model).geometry
    ax.scatter(pts.x, pts.y, s=8, c="#000", zorder=3, label=_t("sites", lang))
    (south, west), (north, east) = LOWER_48_BOUNDS
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_axis_off()
    ax.set_title(f"{_t('title', lang)}\n{parameters_line(model, lang)}", fontsize=10)
    handles = [Patch(color=c, label=n) for c, n in zip(CLASS_COLOURS, _t("classes", lang),
                                                       strict=True)]
    handles.append(Patch(color=_NO_PEOPLE, label=_t("no_people", lang)))
    # lower left is the Pacific and Mexico: the legend covers no county (not Florida)
    ax.legend(handles=handles, loc="lower left", fontsize=8, title=_t("title", lang))
    label = model.population_label.get(lang, "") if model.population_label else ""
    lines = [label, model.notes.get(lang, ""), _t("not_drawn", lang)]
    fig.text(0.01, 0.01, "\n".join(filter(None, lines)), fontsize=6, wrap=True)
    fig.savefig(path, bbox_inches="tight")


def write_gap_outputs(model: CoverageModel, out_dir: str | Path, *, lang: str = "es",
                      simplify_deg: float = 0.01) -> dict[str, Path]:
    """Write map, CSVs, GeoJSON, PNG and summary of a solved model into ``out_dir``.

    Returns ``{"map": ..., "gaps_csv": ..., "counties_csv": ..., "geojson": ..., "png": ...,
    "summary": ..., "catchments_csv": ..., "by_state_csv": ..., "by_office_csv": ...}``.
    The PNG shows the 48 contiguous states; the other files cover all.
    """
    lang = check_lang(lang)
    model._require()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    counties = _simplified(model.counties, simplify_deg)
    paths = {
        "map": out / "coverage_map.html", "gaps_csv": out / "gaps.csv",
        "counties_csv": out / "counties.csv", "geojson": out / "coverage.geojson",
        "png": out / "coverage.png", "summary": out / "summary.json",
    }
    _with_caveat_text(model.gaps).to_csv(paths["gaps_csv"], index=False)
    for name in ("catchments", "by_state", "by_office"):
        frame = getattr(model, name)
        if frame is not None:
            paths[f"{name}_csv"] = out / f"{name}.csv"
            _with_caveat_text(frame).to_csv(paths[f"{name}_csv"], index=False)
    pd.DataFrame(model.counties.drop(columns="geometry")).to_csv(paths["counties_csv"], index=False)
    gj = counties.copy()
    gj["nearest_km"] = gj["nearest_km"].replace(np.inf, np.nan).round(3)
    paths["geojson"].write_text(gj.to_json(drop_id=True, na="null"), encoding="utf-8")
    save_html(_map(model, counties, lang), paths["map"])
    _figure(model, counties, paths["png"], lang)
    paths["summary"].write_text(json.dumps(model.to_dict(), ensure_ascii=False, indent=1,
                                           default=_json_default, allow_nan=False),
                                encoding="utf-8")
    return paths


def _with_caveat_text(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with a ``caveat_text`` column (Spanish / English) beside the caveat id, and
    the great-circle note, so a CSV read alone still says what its km are."""
    out = frame.copy()
    if "caveat" in out:
        out["caveat_text"] = out["caveat"].map(
            lambda c: f"{CAVEATS[c]['es']} / {CAVEATS[c]['en']}" if c in CAVEATS else "")
    out["distance_note"] = f"{GREAT_CIRCLE_NOTE['es']} / {GREAT_CIRCLE_NOTE['en']}"
    return out


def _json_default(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return str(value)
