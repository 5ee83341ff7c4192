import html
import re

import pytest
from shapely.geometry import box

from geodata.errors import InvalidInputError
from locator.maps import embed_page, embed_snippet
from locator.maps.embed import embed_csp, not_found_page

from .helpers import EVIL_IMG, network_loads


def test_embed_page(chicago_sites):
    page = embed_page(
        chicago_sites.iloc[0], region=box(-88.3, 41.4, -87.5, 42.2), sites=chicago_sites, lang="es"
    )
    assert network_loads(page) == []
    assert '<html lang="es">' in page and "<title>Consulado General en Chicago</title>" in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1.0">' in page
    assert "gestureHandling" in page
    start = page.index("<noscript><style>")
    noscript = page[start : page.index("</noscript>", start)]
    assert "El mapa necesita JavaScript" in noscript
    assert "&lt;img src=x onerror=alert(1)&gt;" in noscript and EVIL_IMG not in page
    assert noscript.count("<li") == 3
    assert '<section class="locator-list"' in page


def test_embed_page_kind(chicago_sites):
    page = embed_page(
        chicago_sites.iloc[0], sites=chicago_sites, lang="en", kind="vds", basemap="none"
    )
    assert "&lt;img src=x" in page and "&quot;&gt;&lt;script&gt;" not in page


def test_snippet_escapes_and_is_lazy():
    s = embed_snippet('/embed/x?a=1&b="2"', title='<Consulado> "x"', lang="en")
    assert 'src="/embed/x?a=1&amp;b=&quot;2&quot;"' in s
    assert 'title="Map: &lt;Consulado&gt; &quot;x&quot;"' in s
    assert 'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"' in s
    assert 'loading="lazy"' in s and "aspect-ratio:1.333" in s and "min-height:480px" in s


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", " JavaScript:x", "data:text/html,x", "", "/a\nb"]
)
def test_snippet_rejects_bad_urls(url):
    with pytest.raises(InvalidInputError):
        embed_snippet(url, title="t", lang="es")


@pytest.mark.parametrize("ratio,min_height", [(0.05, 480), (4, 480), (0.75, 50), (0.75, 5000)])
def test_snippet_rejects_bad_sizes(ratio, min_height):
    with pytest.raises(InvalidInputError):
        embed_snippet("/embed/x", title="t", ratio=ratio, min_height=min_height)


def test_embed_page_carries_its_own_csp(chicago_sites):
    page = embed_page(chicago_sites.iloc[0], sites=chicago_sites, lang="es", basemap="none")
    head = page[: page.index("</head>")]
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', head)
    assert meta and head.index(meta.group(0)) < head.index("<script")  # before any script
    policy = html.unescape(meta.group(1))
    assert "default-src 'none'" in policy and "img-src data:;" in policy
    assert "frame-ancestors" not in policy  # ignored (and warned about) in a <meta>


def test_embed_csp_allows_only_the_chosen_tile_server():
    policy = embed_csp(tiles_url="https://tiles.example.org/{z}/{x}/{y}.png")
    assert "img-src data: https://tiles.example.org;" in policy
    assert "'self'" in embed_csp(tiles_base_url="/tiles/city")
    with pytest.raises(InvalidInputError):
        embed_csp(tiles_url="javascript:alert(1)//{z}")


def test_not_found_page_escapes():
    page = not_found_page("x<b>", [("consulate-a", "<img src=x onerror=alert(1)>")], lang="es")
    assert "<img" not in page and "&lt;img src=x" in page and "x&lt;b&gt;" in page


def test_not_found_page_escapes_braces_and_speaks_its_language():
    page = not_found_page("{id}<i>", [], lang="en")
    assert '<html lang="en">' in page and "<code>&#123;id}&lt;i&gt;</code>" in page
    assert "No consulate has the id" in page and "consulado" not in page
    with pytest.raises(InvalidInputError):
        not_found_page("x", [], lang="fr")
