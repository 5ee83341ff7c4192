"""Self-contained folium maps: assets inlined per map instance, a page with ``lang`` and a title.

:class:`OfflineMap` is a :class:`folium.Map` whose page loads nothing from the network. When it
renders, every folium element's CDN links (``default_js``/``default_css``) are replaced, on that
instance only, by inlined copies from the xstatic packages; icon fonts and Bootstrap are dropped.
Folium's class-level lists are never modified.

Examples
--------
>>> m = OfflineMap(location=[41.88, -87.62], lang="en", title="Demo")
>>> page = render_html(m)
>>> '<html lang="en">' in page and "cdn.jsdelivr" not in page
True
"""

from __future__ import annotations

import html
from collections import OrderedDict
from pathlib import Path
from typing import Any

import folium
from branca.element import Element, Figure, MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from geodata.errors import InvalidInputError
from locator.i18n.errors import MAPS as ERRORS
from locator.maps.assets import (
    DROPPED_ASSETS,
    FOLIUM_ASSET_NAMES,
    asset_tag,
    icon_default_script,
    static_text,
)
from locator.maps.i18n import check_lang, text
from locator.script_json import js_json

__all__ = [
    "SHARED_ASSETS",
    "SHARED_ASSET_FILE",
    "HtmlBlock",
    "LiteralMacroElement",
    "LocatorFigure",
    "OfflineMap",
    "ScriptElement",
    "escape",
    "figure_of",
    "js_json",
    "render_html",
    "save_html",
]

_BASE_ASSETS = ("leaflet_css", "leaflet")
_ORDER = (
    "leaflet_css",
    "markercluster_css",
    "markercluster_default_css",
    "gesturehandling_css",
    "leaflet",
    "jquery",
    "markercluster",
    "gesturehandling",
)


class HtmlBlock(Element):
    """Ready markup placed in a page as a *context value* of a fixed template.

    ``branca.element.Element(text)`` compiles ``text`` as Jinja template source, so data inside
    it would be evaluated (``{{ 7*7 }}`` -> ``49``). This element's template is fixed; the markup
    (already escaped for HTML by its builder) is only ever a value, printed verbatim.

    >>> from branca.element import Figure
    >>> fig = Figure()
    >>> _ = fig.html.add_child(HtmlBlock("<p>{{ 7*7 }} {% raw %}</p>"))
    >>> "<p>{{ 7*7 }} {% raw %}</p>" in fig.render()
    True
    """

    _template = Template("{{ this.markup }}")

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "HtmlBlock"
        self.markup = markup


class LiteralMacroElement(MacroElement):
    """A MacroElement whose rendered macros are placed in the page verbatim.

    branca's ``MacroElement.render`` wraps each rendered macro in ``Element(text)``, which
    compiles ``text`` as a template *again*: data inside (a name ``{{ 7*7 }}``) would be
    evaluated. Every locator element derives from this class, so its output is rendered once
    and then only printed (:class:`HtmlBlock`). Data in folium's own elements is escaped by
    :func:`escape` / :func:`js_json`, which leave no Jinja delimiter.
    """

    # returns nothing, as branca's (unannotated) MacroElement.render; Element's says -> str
    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        figure = figure_of(self)
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            macro = macros.get(part)
            if macro is not None:
                getattr(figure, part).add_child(
                    HtmlBlock(macro(self, kwargs)), name=self.get_name()
                )
        for element in list(self._children.values()):
            element.render(**kwargs)


def figure_of(element: Element) -> Figure:
    """The page (branca :class:`Figure`) ``element`` renders into; TypeError outside one."""
    figure = element.get_root()
    if not isinstance(figure, Figure):
        raise TypeError("a map element renders only inside a Figure")
    return figure


class LocatorFigure(Figure):
    """A branca Figure rendering ``<html lang=..>``, an escaped ``<title>`` and a page layout."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang }}">\n<head>\n<meta charset="utf-8">\n'
        '{% if this.csp %}<meta http-equiv="Content-Security-Policy" '
        'content="{{ this.csp|e }}">\n{% endif %}'
        "<title>{{ this.title|e }}</title>\n"
        "{{ this.header.render(**kwargs) }}\n</head>\n"
        '<body class="locator-page">\n{{ this.html.render(**kwargs) }}\n'
        "<script>\n{{ this.script.render(**kwargs) }}\n</script>\n</body>\n</html>\n"
    )

    def __init__(self, *, lang: str = "es", title: str = "") -> None:
        super().__init__(title=title)
        self.lang = check_lang(lang)
        self.csp = ""  # a page's own Content-Security-Policy <meta> (embeds saved as files)
        self.shared_assets = False  # True: assets from the shared file of a folder of pages
        del self.header._children["meta_http"]  # replaced by <meta charset>


class OfflineMap(folium.Map, LiteralMacroElement):
    """A :class:`folium.Map` that renders to one self-contained HTML page.

    ``locator_listing`` is the page's site list (:class:`locator.maps.page.SiteListBuilder`)
    when a builder made one (``None`` otherwise).

    Parameters
    ----------
    lang
        ``"es"`` or ``"en"``: the page's ``lang`` and the map's labels.
    title
        Page title.
    gesture_handling
        Use Leaflet.GestureHandling (two-finger pan on touch, ctrl+scroll zoom) so an embedded
        map never hijacks page scrolling.
    **kwargs
        Passed to :class:`folium.Map`; ``tiles`` defaults to None (locator adds its own basemap).
    """

    _template = Template(
        """
{% macro header(this, kwargs) %}
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style>#{{ this.get_name() }} { position: {{this.position}};
 width: {{this.width[0]}}{{this.width[1]}};
 height: {{this.height[0]}}{{this.height[1]}}; left: {{this.left[0]}}{{this.left[1]}};
 top: {{this.top[0]}}{{this.top[1]}}; }
 .leaflet-container { font-size: {{this.font_size}}; }</style>
<script>L_NO_TOUCH = {{ this.global_switches.no_touch|tojson }};
L_DISABLE_3D = {{ this.global_switches.disable_3d|tojson }};</script>
{% endmacro %}
{% macro html(this, kwargs) %}
<div class="folium-map" id={{ this.get_name()|tojson }} role="region"
 aria-label="{{ this.aria_label|e }}"></div>
{% endmacro %}
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.map({{ this.get_name()|tojson }},
  {center: {{ this.location|tojson }}, crs: L.CRS.{{ this.crs }},
   ...{{ this.options|tojavascript }}});
{%- if this.control_scale %}
L.control.scale().addTo({{ this.get_name() }});
{%- endif %}
{%- if this.zoom_control_position %}
L.control.zoom({position: {{ this.zoom_control|tojson }}}).addTo({{ this.get_name() }});
{%- endif %}
{% if this.objects_to_stay_in_front %}
function objects_in_front() {
{%- for obj in this.objects_to_stay_in_front %}
  {{ obj.get_name() }}.bringToFront();
{%- endfor %}
};
{{ this.get_name() }}.on("overlayadd", objects_in_front);
$(document).ready(objects_in_front);
{%- endif %}
{% endmacro %}
"""
    )

    def __init__(
        self,
        *,
        lang: str = "es",
        title: str = "",
        gesture_handling: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("tiles", None)
        kwargs.setdefault("maxZoom", 18)
        kwargs.setdefault("minZoom", 2)
        if gesture_handling:
            kwargs["gestureHandling"] = True
            kwargs["gestureHandlingOptions"] = {
                "text": {
                    "touch": text("gesture_touch", lang),
                    "scroll": text("gesture_scroll", lang),
                    "scrollMac": text("gesture_scroll_mac", lang),
                }
            }
        super().__init__(**kwargs)
        self.default_js = []  # instance attributes: folium's class lists stay untouched
        self.default_css = []
        self.lang = check_lang(lang)
        self.aria_label = title or "map"
        self.gesture_handling = gesture_handling
        self.locator_listing: Any = None
        LocatorFigure(lang=lang, title=title).add_child(self)

    # returns nothing, as branca's (unannotated) MacroElement.render; Element's says -> str
    def render(self, **kwargs: Any) -> None:  # type: ignore[override]
        """Inline the assets every element needs, then render as folium does."""
        figure = self.get_root()
        if isinstance(figure, Figure):
            _install_assets(figure, _needed_assets(self))
        super().render(**kwargs)


def _descendants(element: Element):
    for child in list(element._children.values()):
        yield child
        yield from _descendants(child)


def _needed_assets(m: OfflineMap) -> list[str]:
    needed = set(_BASE_ASSETS)
    if m.gesture_handling:
        needed |= {"gesturehandling", "gesturehandling_css"}
    if m.objects_to_stay_in_front:
        needed.add("jquery")
    for element in _descendants(m):
        needed |= set(getattr(element, "offline_assets", ()))
        if isinstance(element, folium.Popup):
            needed.add("jquery")
        if isinstance(element, JSCSSMixin):
            for name, url in [*element.default_js, *element.default_css]:
                needed |= _replacement(name, url)
            element.default_js = []
            element.default_css = []
    return [name for name in _ORDER if name in needed]


def _replacement(name: str, url: str) -> set[str]:
    if name in DROPPED_ASSETS:
        return set()
    if name in FOLIUM_ASSET_NAMES:
        return {FOLIUM_ASSET_NAMES[name]}
    raise InvalidInputError(
        ERRORS["online_asset"].fill(name=name, url=url),
        detail={"asset": name, "url": url},
    )


SHARED_ASSETS = (
    "leaflet_css",
    "markercluster_css",
    "markercluster_default_css",
    "gesturehandling_css",
    "leaflet",
    "markercluster",
    "gesturehandling",
)
"""Assets a shared asset file holds (with locator-maps.js/.css and the default icon)."""

SHARED_ASSET_FILE = "locator-embed-assets.js"
"""Name of the shared asset file of a folder of embeds (``locator embed --all``)."""


def _install_assets(figure: Figure, names: list[str]) -> None:
    if getattr(figure, "shared_assets", False):  # one shared file, loaded once for a site
        parts = [f'<script src="{SHARED_ASSET_FILE}"></script>']
        parts += [asset_tag(name) for name in names if name not in SHARED_ASSETS]
    else:
        parts = [asset_tag(name) for name in names]
        parts.append(icon_default_script())
        parts.append(f"<style>{static_text('locator-maps.css')}</style>")
        parts.append(f"<script>{static_text('locator-maps.js')}</script>")
    header = figure.header._children
    rest = [(k, v) for k, v in header.items() if k != "locator_assets"]
    figure.header._children = OrderedDict([("locator_assets", HtmlBlock("\n".join(parts))), *rest])


class ScriptElement(LiteralMacroElement):
    """A MacroElement whose script is given as text (already safe JS) and optional assets."""

    _template = Template("{% macro script(this, kwargs) %}{{ this.code }}{% endmacro %}")

    def __init__(self, code: str, *, assets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self._name = "LocatorScript"
        self.code = code
        self.offline_assets = assets


def render_html(m: folium.Map | Figure) -> str:
    """Render a map (or its figure) to one HTML string."""
    root = m.get_root() if isinstance(m, folium.Map) else m
    return root.render()


def save_html(map_or_page: folium.Map | Figure | str, path: str | Path) -> Path:
    """Write a map, a figure or an already rendered page to ``path`` (UTF-8); return the path."""
    path = Path(path)
    page = map_or_page if isinstance(map_or_page, str) else render_html(map_or_page)
    path.write_text(page, encoding="utf-8")
    return path


def escape(value: object) -> str:
    """HTML-escape any value (None -> empty) for markup that folium may read as a template.

    Besides ``&<>"'``, every ``{`` becomes ``&#123;``: the browser shows ``{`` and no Jinja
    delimiter survives.

    >>> escape('<b a="1">{{ 7*7 }}</b>')
    '&lt;b a=&quot;1&quot;&gt;&#123;&#123; 7*7 }}&lt;/b&gt;'
    """
    return "" if value is None else html.escape(str(value), quote=True).replace("{", "&#123;")
