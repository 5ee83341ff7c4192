"""Marker symbols: one shape AND one colour per site kind, drawn as inline SVG (no icon fonts).

Colours come from the Okabe-Ito colour-blind-safe palette; the shape alone also tells kinds
apart, so colour is never the only cue.

Examples
--------
>>> symbol_svg("clinic").startswith("<svg")
True
>>> style_for("shelter") == KIND_STYLE["_other"]
True
"""

from __future__ import annotations

from dataclasses import dataclass

from locator.maps.i18n import kind_label, text
from locator.maps.offline import escape

__all__ = [
    "KIND_STYLE",
    "QUERY_SVG",
    "SymbolStyle",
    "legend_html",
    "style_for",
    "symbol_svg",
    "symbols",
]


@dataclass(frozen=True)
class SymbolStyle:
    """A kind's marker: SVG shape path (24x24 view box), fill colour, shape name."""

    shape: str
    colour: str
    path: str


KIND_STYLE: dict[str, SymbolStyle] = {
    "consulate": SymbolStyle(
        "star",
        "#006D4C",
        "M12 1.5l3.1 6.6 7.2.9-5.3 5 1.4 7.1L12 17.6l-6.4 3.5 1.4-7.1-5.3-5 7.2-.9z",
    ),
    "vds": SymbolStyle("circle", "#0072B2", "M12 2.5a9.5 9.5 0 1 0 0 19a9.5 9.5 0 1 0 0-19z"),
    "vds_mobile": SymbolStyle("triangle", "#B35900", "M12 2L22.5 21H1.5z"),
    "clinic": SymbolStyle("cross", "#A3307A", "M8.5 2h7v6.5H22v7h-6.5V22h-7v-6.5H2v-7h6.5z"),
    "_other": SymbolStyle("diamond", "#555555", "M12 1.5L22.5 12 12 22.5 1.5 12z"),
}
"""Marker style per kind; ``"_other"`` is the fallback for kinds without a style."""

QUERY_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" '
    'focusable="false">'
    '<circle cx="12" cy="12" r="9" fill="#fff" stroke="#000" stroke-width="2.5"/>'
    '<circle cx="12" cy="12" r="3.5" fill="#000"/>'
    '<path d="M12 0v5M12 19v5M0 12h5M19 12h5" stroke="#000" stroke-width="2.5"/></svg>'
)
"""Symbol of the searched place (a crosshair)."""


def style_for(kind: str) -> SymbolStyle:
    """Style of ``kind``, or the fallback style."""
    return KIND_STYLE.get(kind, KIND_STYLE["_other"])


def symbol_svg(kind: str) -> str:
    """Inline SVG of the symbol for ``kind`` (decorative: the text label carries the meaning)."""
    style = style_for(kind)
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" '
        f'focusable="false"><path d="{style.path}" fill="{style.colour}" stroke="#fff" '
        'stroke-width="1.6" stroke-linejoin="round"/></svg>'
    )


def symbols() -> dict[str, str]:
    """SVG for every styled kind plus ``"_other"`` (what the browser runtime receives)."""
    return {kind: symbol_svg(kind) for kind in KIND_STYLE}


def legend_html(
    kinds: list[str],
    *,
    lang: str,
    query: bool = False,
    region: bool = False,
    route: bool = False,
    route_label: str | None = None,
    route_dashed: bool = False,
) -> str:
    """HTML of the legend: one entry per kind (symbol + label), and the extra map elements.

    ``route_label`` replaces the route line's label (e.g. "illustrative route"), and
    ``route_dashed`` draws its swatch dashed like the line.
    Its title is a button that folds the list away (maps smaller than a phone screen start
    folded, see :class:`locator.maps.layers.Legend`).
    """
    items = []
    if query:
        items.append(f"<li>{QUERY_SVG}<span>{escape(text('query', lang))}</span></li>")
    for kind in kinds:
        label = escape(kind_label(kind, lang))
        items.append(f"<li>{symbol_svg(kind)}<span>{label}</span></li>")
    if region:
        items.append(
            '<li><span class="locator-swatch"></span>'
            f"<span>{escape(text('region', lang))}</span></li>"
        )
    if route:
        dashed = " locator-dashed" if route_dashed else ""
        items.append(
            f'<li><span class="locator-swatch-route{dashed}"></span>'
            f"<span>{escape(route_label or text('route', lang))}</span></li>"
        )
    title = escape(text("legend", lang))
    return (
        f'<div class="locator-legend" role="region" aria-label="{title}">'
        '<h2><button type="button" class="locator-legend-toggle" aria-expanded="true">'
        f"{title}</button></h2><ul>{''.join(items)}</ul></div>"
    )
