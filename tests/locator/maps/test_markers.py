import re

import pytest

from geodata.vocab import KINDS
from locator.maps.markers import KIND_STYLE, legend_html, style_for, symbol_svg


def test_every_kind_has_distinct_shape_and_colour():
    styles = [style_for(k) for k in [*KINDS, "_other"]]
    assert len({s.shape for s in styles}) == len(styles)
    assert len({s.colour for s in styles}) == len(styles)
    assert style_for("unknown-kind") == KIND_STYLE["_other"]


@pytest.mark.parametrize("kind", [*KINDS, "shelter"])
def test_symbol_is_inline_svg_without_fonts(kind):
    svg = symbol_svg(kind)
    assert svg.startswith("<svg") and "aria-hidden" in svg
    assert not re.search(r"(?:src|href)=", svg)


@pytest.mark.parametrize(
    "lang,label", [("es", "Ventanilla de Salud"), ("en", "Community health clinic")]
)
def test_legend_labels(lang, label):
    html = legend_html(["vds", "clinic", "<x>"], lang=lang, query=True, region=True)
    assert label in html and "&lt;x&gt;" in html and "<x>" not in html
    assert html.count("<li>") == 5
