import base64
import gzip
import json
import re

import pytest

from geodata.errors import InvalidInputError
from locator.maps import nearest_map, network_map, office_map, render_html, route_map
from locator.maps.tiles import default_basemap_path

from .helpers import EVIL_IMG, EVIL_SCRIPT, make_sites, network_loads


def payloads(page: str) -> list[dict]:
    """Decode every site payload embedded in a page (plain or gzip+base64)."""
    out = []
    for m in re.finditer(r"LocatorMaps\.addSites\(\"\w+\", (\{.*?\}),\n", page):
        data = json.loads(m.group(1))
        if "gz" in data:
            data = json.loads(gzip.decompress(base64.b64decode(data["gz"])))
        out.append(data)
    return out


def column(payload: dict, field: str) -> list:
    values = payload["c"][field]
    return [payload["t"][v] for v in values] if field in payload["i"] else values


@pytest.fixture
def nearest_page(nearest_results, query):
    return render_html(nearest_map(nearest_results, query=query, lang="es"))


def test_nearest_offline_escaped_numbered(nearest_page, nearest_results):
    page = nearest_page
    assert network_loads(page) == []
    for evil in (EVIL_IMG, EVIL_SCRIPT):
        assert evil not in page  # never raw
        assert "<img src=x" not in page and "<script>alert" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page  # the list shows it as text
    (data,) = payloads(page)
    assert column(data, "name") == list(nearest_results["name"])  # data keeps the exact text
    assert column(data, "rank") == [1, 2, 3]
    assert '<li value="1"><strong>&lt;img' in page
    assert "1.2 km (0.7 mi)" in page


def test_nearest_precision_legend_attribution(nearest_page):
    page = nearest_page
    assert "ubicación aproximada: ciudad" in page
    assert "ubicación aproximada: código postal" in page
    for label in (
        "Simbología",
        "Punto buscado",
        "Consulado de México",
        "Ventanilla de Salud",
        "Clínica comunitaria",
    ):
        assert label in page
    assert "colaboradores de OpenStreetMap" in page and "contributors" not in page
    assert "LocatorMaps.EmbeddedTiles" in page and "data:image/png;base64," in page
    assert '<html lang="es">' in page


def test_query_label_is_data_not_markup(nearest_results):
    query = {
        "label": "</script><script>alert(2)</script>",
        "lat": 41.8,
        "lon": -87.6,
        "precision": "city",
    }
    page = render_html(nearest_map(nearest_results, query=query, lang="en"))
    assert "<script>alert(2)" not in page
    assert "approximate location: city" in page


@pytest.mark.parametrize("bad", [{}, {"lat": "x", "lon": 1}, {"lat": 1}])
def test_nearest_bad_query(nearest_results, bad):
    with pytest.raises(InvalidInputError):
        nearest_map(nearest_results, query=bad, lang="es")


def test_office_map_needs_one_office_said_in_each_language(chicago_sites, region):
    # the record's name is said in each language (the Spanish used to say "office")
    with pytest.raises(InvalidInputError) as info:
        office_map(chicago_sites, region=region, sites=chicago_sites, lang="es")
    n = len(chicago_sites)
    assert info.value.message("en") == f"Expected one office, got {n}"
    assert info.value.message("es") == f"Se esperaba un(a) oficina, hay {n}"
    with pytest.raises(InvalidInputError) as info:
        office_map(42, region=region, sites=chicago_sites, lang="es")
    assert (info.value.message("en"), info.value.message("es")) == (
        "Invalid office",
        "oficina no válido(a)",
    )


def test_network_layers_per_kind_and_fallback_symbol(chicago_sites):
    page = render_html(network_map(chicago_sites, lang="en", basemap="none"))
    assert network_loads(page) == []
    assert page.count("L.markerClusterGroup(") == 4  # consulate, vds, clinic, shelter
    assert "LocatorMaps.EmbeddedTiles" not in page  # basemap="none"
    assert "State boundaries" in page  # outlines still drawn
    for label in (
        "Mexican consulate",
        "Health desk (Ventanilla de Salud)",
        "Community health clinic",
        "shelter",
    ):
        assert label in page
    assert "L.control.layers" in page
    names = [n for d in payloads(page) for n in column(d, "name")]
    assert "Albergue `${x}`" in names  # backticks survive as data (no template-literal breakout)


def test_network_large_is_compressed_and_listed_lazily():
    sites = make_sites(3000, kinds=("clinic",))
    page = render_html(network_map(sites, lang="es", basemap="none"))
    datas = payloads(page)
    assert sum(d["n"] for d in datas) == 3000
    assert 'data-lazy-layer="' in page  # list built in the browser, grouped by state
    assert '"gz":' in page


def test_office_region_and_sites_inside(chicago_sites, region):
    page = render_html(
        office_map(chicago_sites.iloc[0], region=region, sites=chicago_sites, lang="es")
    )
    assert "región aproximada" in page
    assert "no hay una lista oficial de jurisdicciones" in page
    names = [n for d in payloads(page) for n in column(d, "name")]
    assert "Consulado General en Chicago" in names
    assert EVIL_IMG in names and EVIL_SCRIPT in names
    assert "Albergue `${x}`" not in names  # Gary, IN is outside the region


def test_office_kind_filter(chicago_sites, region):
    page = render_html(
        office_map(
            chicago_sites.iloc[0], region=region, sites=chicago_sites, lang="en", kind="clinic"
        )
    )
    names = [n for d in payloads(page) for n in column(d, "name")]
    assert sorted(names) == sorted(["Consulado General en Chicago", EVIL_SCRIPT])


def test_route_banner_order_and_schedule(route_and_stops):
    route, stops = route_and_stops
    page = render_html(route_map(route, stops, lang="en"))
    assert network_loads(page) == []
    assert "ILLUSTRATIVE / ILUSTRATIVO" in page
    (data,) = payloads(page)
    assert column(data, "name") == ["Dalton", "Gainesville", "Athens"]
    assert column(data, "rank") == [1, 2, 3]
    assert "Monthly: 1st Saturday" in column(data, "schedule")[0]
    assert column(data, "next_visits")[0] == "2024-06-01 10:00;2024-07-06 10:00"
    assert "L.polyline" in page


def test_route_not_illustrative_has_no_banner(route_and_stops):
    route, stops = route_and_stops
    route = route.copy()
    route["illustrative"] = False
    stops = stops.assign(illustrative=False)
    page = render_html(route_map(route, stops, lang="es"))
    assert "ILUSTRATIVO / ILLUSTRATIVE" not in page


def test_tiles_url_needs_attribution(chicago_sites):
    with pytest.raises(InvalidInputError, match="attribution"):
        network_map(chicago_sites, lang="es", tiles_url="https://tiles.example/{z}/{x}/{y}.png")
    page = render_html(
        network_map(
            chicago_sites,
            lang="es",
            tiles_url="https://tiles.example/{z}/{x}/{y}.png",
            tiles_attribution="<b>Example</b>",
        )
    )
    assert network_loads(page)  # explicit opt-in to an online server
    assert "<b>Example</b>" not in page


@pytest.mark.parametrize("basemap", ["online", "", None])
def test_bad_basemap(chicago_sites, basemap):
    with pytest.raises(InvalidInputError):
        network_map(chicago_sites, lang="es", basemap=basemap)


def test_user_mbtiles_embedded_or_served(chicago_sites):
    small = render_html(
        network_map(chicago_sites, lang="es", mbtiles=default_basemap_path(), tile_budget=2_000_000)
    )
    assert "LocatorMaps.EmbeddedTiles" in small
    served = render_html(
        network_map(
            chicago_sites,
            lang="es",
            mbtiles=default_basemap_path(),
            tile_budget=20_000,
            tiles_base_url="/tiles/basemap",
        )
    )
    assert "/tiles/basemap/{z}/{x}/{y}.png" in served
    assert "LocatorMaps.EmbeddedTiles" not in served
    assert network_loads(served) == []  # a same-origin route, not an http(s) load


def test_empty_network_map():
    page = render_html(network_map(make_sites(0), lang="en", basemap="none"))
    assert "No sites to show." in page


def test_sites_without_points_are_refused(chicago_sites):
    bad = chicago_sites.copy()
    bad.loc[0, "geometry"] = None
    with pytest.raises(InvalidInputError):
        network_map(bad, lang="es")


def test_region_accepts_geodataframe(chicago_sites, region):
    import geopandas as gpd

    gdf = gpd.GeoDataFrame(geometry=[region], crs=4326).to_crs(3857)
    page = render_html(
        office_map(
            chicago_sites.iloc[[0]], region=gdf, sites=chicago_sites, lang="en", basemap="none"
        )
    )
    assert "approximate region" in page


def test_no_region_keeps_all_sites(chicago_sites):
    page = render_html(
        office_map(chicago_sites.iloc[0], sites=chicago_sites, lang="en", basemap="none")
    )
    assert sum(d["n"] for d in payloads(page)) == 4
    assert "approximate region" not in page


@pytest.mark.parametrize(
    "illustrative,has_line,lang,label",
    [
        (True, True, "es", "Ruta ilustrativa (datos de ejemplo, no reales)"),
        (
            True,
            False,
            "en",
            "Illustrative route (sample data, not real): order of the stops, as "
            "straight lines (not the road)",
        ),
        (False, True, "en", "Route"),
        (False, False, "es", "Ruta: orden de las paradas, en líneas rectas (no es el camino)"),
    ],
)
def test_route_legend_says_what_the_line_is(route_and_stops, illustrative, has_line, lang, label):
    route, stops = route_and_stops
    route = route.copy()
    route["illustrative"] = illustrative
    stops = stops.assign(illustrative=False)
    if not has_line:
        route["geometry"] = None
    page = render_html(route_map(route, stops, lang=lang, basemap="none"))
    legend = page[page.index("locator-swatch-route", page.index('class=\\"locator-legend')) :]
    legend = legend[: legend.index("\\u003c/li")]
    assert label in legend
    assert ("locator-dashed" in legend) is illustrative
    assert ('"dashArray": "10 7"' in page) is illustrative
