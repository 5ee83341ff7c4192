import folium
import pytest
from folium.plugins import MarkerCluster

from geodata.errors import InvalidInputError
from locator.maps.offline import OfflineMap, js_json, render_html, save_html

from .helpers import network_loads


def test_detector_catches_folium_default_cdn_links():
    # the checker itself must fail on a stock folium page
    assert network_loads(folium.Map().get_root().render())


def test_offline_map_loads_nothing_and_leaves_folium_classes_alone():
    before_js, before_css = list(folium.Map.default_js), list(folium.Map.default_css)
    cluster_js = list(MarkerCluster.default_js)
    m = OfflineMap(location=[41.9, -87.6], lang="en", title="T")
    MarkerCluster().add_to(m)
    page = render_html(m)
    assert network_loads(page) == []
    assert "L.markerClusterGroup" in page and "MarkerCluster" in page
    assert folium.Map.default_js == before_js and folium.Map.default_css == before_css
    assert MarkerCluster.default_js == cluster_js
    # a second, plain folium map still gets its CDN links: nothing global changed
    assert "cdn.jsdelivr.net" in folium.Map().get_root().render()


def test_jquery_inlined_only_when_a_folium_popup_needs_it():
    m = OfflineMap(location=[0, 0])
    assert "jQuery" not in render_html(m)
    folium.Marker([0, 0], popup=folium.Popup("x")).add_to(m)
    page = render_html(m)
    assert "jQuery" in page and network_loads(page) == []


def test_unknown_online_asset_is_refused():
    class Plugin(folium.elements.JSCSSMixin):
        default_js = (("thing", "https://example.org/thing.js"),)

    m = OfflineMap(location=[0, 0])
    m.add_child(Plugin())
    with pytest.raises(InvalidInputError, match="online resource"):
        render_html(m)


def test_page_lang_title_escaped_and_zoomable(tmp_path):
    m = OfflineMap(location=[0, 0], lang="es", title="<b>Mapa</b>")
    path = save_html(m, tmp_path / "m.html")
    page = path.read_text(encoding="utf-8")
    assert '<html lang="es">' in page
    assert "<title>&lt;b&gt;Mapa&lt;/b&gt;</title>" in page
    assert "user-scalable=no" not in page  # users can zoom the page
    assert "maxZoom" in page  # tiles=None maps need a map-level maxZoom for clustering


def test_leaflet_images_are_data_uris():
    page = render_html(OfflineMap(location=[0, 0]))
    assert "images/layers.png" not in page and "url(data:image/png;base64," in page
    assert "L.Icon.Default.mergeOptions" in page


@pytest.mark.parametrize("lang", ["fr", "", "ES"])
def test_bad_lang(lang):
    with pytest.raises(InvalidInputError):
        OfflineMap(location=[0, 0], lang=lang)


@pytest.mark.parametrize("raw", ["</script><script>alert(1)</script>", "a&b", "x\u2028y", "<!--"])
def test_js_json_cannot_break_out_of_script(raw):
    out = js_json({"v": raw})
    assert "<" not in out and ">" not in out and "&" not in out and "\u2028" not in out
