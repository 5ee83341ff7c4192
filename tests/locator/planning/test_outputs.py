"""Tests of the gap outputs: offline HTML (nothing fetched), escaping, CSV, GeoJSON, PNG."""

import json
import re

import pandas as pd
import pytest

from locator.planning.coverage import CoverageModel
from locator.planning.outputs import (
    CLASS_BREAKS_KM,
    CLASS_COLOURS,
    distance_class,
    write_gap_outputs,
)

from .conftest import grid_counties, make_sites

EVIL = '<script>alert("x")</script>'
REMOTE = [
    re.compile(r"<script[^>]*\bsrc\s*=", re.I),
    re.compile(r"<link[^>]*\bhref\s*=\s*[\"']?(https?:)?//", re.I),
    re.compile(r"<(img|iframe|source|video|audio)[^>]*\bsrc\s*=\s*[\"']?(https?:)?//", re.I),
    re.compile(r"url\(\s*[\"']?(https?:)?//", re.I),
    re.compile(r"@import", re.I),
]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    counties = grid_counties(seed=3)
    counties.loc[0, "name"] = EVIL
    counties.loc[1, "population"] = 0
    sites = make_sites([(-99.5, 36.5), (-95.5, 39.5)], ["vds", "consulate"])
    model = CoverageModel.from_geodataframe(counties, sites, kinds="vds", gap_km=100).solve()
    out = tmp_path_factory.mktemp("gaps")
    return model, write_gap_outputs(model, out, lang="en")


def test_all_files_are_written(written):
    _, paths = written
    assert set(paths) == {
        "map",
        "gaps_csv",
        "counties_csv",
        "geojson",
        "png",
        "summary",
        "catchments_csv",
        "by_state_csv",
        "by_office_csv",
    }
    for path in paths.values():
        assert path.exists() and path.stat().st_size > 0
    assert paths["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_map_loads_nothing_from_the_network(written):
    page = written[1]["map"].read_text(encoding="utf-8")
    for pattern in REMOTE:
        assert not pattern.search(page), pattern.pattern
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page
    assert '<html lang="en">' in page


def test_map_escapes_file_supplied_text(written):
    page = written[1]["map"].read_text(encoding="utf-8")
    # folium writes GeoJSON with <, > and & as \u escapes: undo that, then look for HTML escapes
    decoded = page.replace("\\u003c", "<").replace("\\u003e", ">").replace("\\u0026", "&")
    assert EVIL not in decoded
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in decoded
    # site markers' tooltips are set as text (textContent) from escaped JSON, never as HTML
    assert '"Site \\u003c0\\u003e (' in page and "<span>Site <0>" not in decoded


def test_map_shows_labels_and_caveats(written):
    _, paths = written
    page = paths["map"].read_text(encoding="utf-8")
    assert "not the official consular jurisdiction" in page
    assert "great-circle" in page and "Health desk (Ventanilla de Salud)" in page
    # every county is coloured by its distance class, even the one without people
    fills = set(re.findall(r'"fill": "(#[0-9a-f]{6})"', page))
    model = written[0]
    want = {CLASS_COLOURS[distance_class(km)] for km in model.counties["nearest_km"]}
    assert fills == want
    assert len(re.findall(r'"fill": "#', page)) == len(model.counties)


def test_map_has_a_switchable_demand_layer(written):
    model, paths = written
    page = paths["map"].read_text(encoding="utf-8")
    assert "L.control.layers" in page
    assert "Demand: Mexico-born" in page or "Demand: Population" in page
    with_people = int((model.counties["population"].fillna(0) > 0).sum())
    assert page.count('"r": ') == with_people  # one proportional circle per county with people


def test_csv_and_geojson_carry_the_figures(written):
    model, paths = written
    gaps = pd.read_csv(paths["gaps_csv"], dtype={"fips": str})
    assert gaps["fips"].tolist() == model.gaps["fips"].tolist()
    counties = pd.read_csv(paths["counties_csv"], dtype={"fips": str})
    assert len(counties) == len(model.counties)
    gj = json.loads(paths["geojson"].read_text(encoding="utf-8"))
    assert len(gj["features"]) == len(model.counties)
    props = gj["features"][0]["properties"]
    assert {"fips", "population", "nearest_km", "nearest_site_id", "access_2sfca"} <= set(props)
    summary = json.loads(paths["summary"].read_text(encoding="utf-8"))
    assert summary["gap_km"] == 100.0 and len(summary["summary"]) == 3
    offices = pd.read_csv(paths["by_office_csv"])
    assert offices["site_id"].tolist() == model.by_office["site_id"].tolist()
    assert offices["distance_note"].str.contains("great-circle").all()
    assert {"weighted_mean_km", "weighted_median_km", "beyond_100km"} <= set(offices.columns)
    states = pd.read_csv(paths["by_state_csv"])
    assert states["beyond_200km"].sum() == pytest.approx(model.population_beyond(200))


@pytest.mark.parametrize(
    ("km", "cls"),
    [(0, 0), (50, 0), (50.01, 1), (100, 1), (199, 2), (200, 2), (201, 3), (float("inf"), 3)],
)
def test_distance_classes(km, cls):
    assert distance_class(km) == cls
    assert len(CLASS_BREAKS_KM) == 3


def test_spanish_output(tmp_path):
    counties = grid_counties(seed=1)
    model = CoverageModel.from_geodataframe(counties, make_sites([(-98.0, 37.0)])).solve()
    page = write_gap_outputs(model, tmp_path, lang="es")["map"].read_text(encoding="utf-8")
    assert '<html lang="es">' in page and "Distancia al sitio más cercano" in page


@pytest.fixture(scope="module", params=["proxy", "acs"])
def labelled(request, tmp_path_factory):
    from locator.planning.demand import (
        ACS_LABEL,
        ACS_SOURCE,
        PROXY_LABEL,
        PROXY_SOURCE,
        DemandLayer,
    )

    counties = grid_counties(seed=5)
    counties.loc[[0, 1], "state"] = ["GU", "MP"]
    counties.loc[[0, 1], "population"] = [50_000, 40_000]
    source, label = (
        (PROXY_SOURCE, PROXY_LABEL) if request.param == "proxy" else (ACS_SOURCE, ACS_LABEL)
    )
    counties["population_source"] = source
    counties["population_label"] = f"{label['es']} / {label['en']}"
    layer = DemandLayer(counties, source, label)
    sites = make_sites([(-95.5, 39.5)], ["vds"])
    model = CoverageModel.from_geodataframe(layer, sites, kinds="vds", gap_km=100).solve()
    out = tmp_path_factory.mktemp(f"labelled-{request.param}")
    return request.param, model, write_gap_outputs(model, out, lang="es")


def test_gaps_csv_names_the_population_source(labelled):
    kind, model, paths = labelled
    gaps = pd.read_csv(paths["gaps_csv"])
    assert {"population_source", "population_label"} <= set(gaps.columns)
    assert gaps["population_source"].eq(model.population_source).all() and len(gaps)
    assert ("NO es la población nacida en México" in gaps["population_label"][0]) is (
        kind == "proxy"
    )


def test_map_title_parameters_view_and_proxy_tooltip(labelled):
    kind, _, paths = labelled
    html = paths["map"].read_text(encoding="utf-8")
    assert "Sitios: Ventanilla de Salud; hueco: a más de 100 km" in html
    assert "fitBounds" in html and "[24.0, -125.0]" in html

    def tooltip_has(word):  # tooltips sit in JSON: non-ASCII is \u-escaped
        return json.dumps(f"{word}: ")[1:-1] in html

    assert tooltip_has("Población (indicador aproximado: lugares GeoNames)") is (kind == "proxy")
    assert tooltip_has("Nacidos en México (ACS B05006)") is (kind == "acs")
    assert not tooltip_has("Población")


def test_territory_gaps_kept_and_named(labelled):
    _, model, _ = labelled
    assert set(model.gaps["state"]) >= {"GU", "MP"}
    assert model.gaps_outside_states() == {"GU": 1, "MP": 1}
    assert model.to_dict()["gaps_outside_states"] == {"GU": 1, "MP": 1}


def test_png_title_note_and_legend_place(labelled, monkeypatch):
    import matplotlib.figure

    seen = {}
    original = matplotlib.figure.Figure.savefig

    def spy(fig, *args, **kwargs):
        ax = fig.axes[0]
        seen["title"] = ax.get_title()
        seen["texts"] = " ".join(t.get_text() for t in fig.texts)
        fig.draw_without_rendering()
        right = ax.get_window_extent().x1
        seen["legends_left"] = [lg.get_window_extent().x0 for lg in fig.legends]
        seen["map_right"] = right
        seen["insets"] = sorted(a.get_title() for a in ax.child_axes)
        return original(fig, *args, **kwargs)

    monkeypatch.setattr(matplotlib.figure.Figure, "savefig", spy)
    from locator.planning.outputs import _figure

    kind, model, paths = labelled
    _figure(model, model.counties, paths["png"], "en")
    assert "Sites: Health desk (Ventanilla de Salud)" in seen["title"]
    assert "beyond 100 km" in seen["title"]
    assert "great-circle" in seen["texts"]
    assert ("NOT the Mexico-born" in seen["texts"]) is (kind == "proxy")
    assert seen["insets"] == ["AK", "HI", "PR"]
    assert len(seen["legends_left"]) == 2  # distance classes and demand symbols
    assert all(x0 >= seen["map_right"] for x0 in seen["legends_left"])  # beside the map


def test_png_insets_cover_no_lower_48_county():
    """The AK/HI/PR insets sit on the lower-left of the lower-48 view: no county under them."""
    from shapely.geometry import box

    from geodata.gazetteer import Gazetteer
    from locator.planning.figure_png import INSETS

    counties = Gazetteer.default().counties()
    lower48 = counties[~counties["state"].isin(["AK", "HI", "PR", "GU", "MP", "VI", "AS"])]
    west, east, south, north = -125.0, -66.0, 24.0, 50.0
    for name, (_, (left, bottom, width, height)) in INSETS.items():
        area = box(
            west + left * (east - west),
            south + bottom * (north - south),
            west + (left + width) * (east - west),
            south + (bottom + height) * (north - south),
        )
        assert not lower48.intersects(area).any(), name


def test_writing_outputs_keeps_the_matplotlib_backend(written, tmp_path):
    import matplotlib

    before = matplotlib.get_backend()
    model, _ = written
    write_gap_outputs(model, tmp_path, lang="es")
    assert matplotlib.get_backend() == before
