"""HTML pages of the OGC API - Features service (OGC 17-069r4 /conf/html), for a person with a
browser: landing page, collections, one collection, its items (a table with paging links) and
one feature.

One fixed Jinja template with autoescaping renders a :class:`Page` built in Python: every
value from the data is a context value, never template source, and is escaped. Data URLs are
shown as text, not links. The page is in one language (``es`` or ``en``); no map, no script,
no style (the API's CSP allows none): plain headings, lists and tables.

Examples
--------
>>> html = render(Page("es", "Título <b>", links=[("Colecciones", "/ogc/collections")]))
>>> "&lt;b&gt;" in html and '<html lang="es">' in html
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import jinja2

from locator.i18n import LANGS, table

__all__ = ["LABELS", "Page", "label", "render"]

_TEMPLATE = """<!doctype html>
<html lang="{{ page.lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ page.title }}</title>
</head>
<body>
<header>
<nav aria-label="{{ t.breadcrumb }}"><ol>
{% for text, href in page.crumbs %}<li><a href="{{ href }}">{{ text }}</a></li>
{% endfor %}</ol></nav>
</header>
<main>
<h1>{{ page.title }}</h1>
{% for para in page.paragraphs %}<p>{{ para }}</p>
{% endfor %}
{% if page.facts %}<dl>
{% for term, value in page.facts %}<dt>{{ term }}</dt><dd>{{ value }}</dd>
{% endfor %}</dl>{% endif %}
{% if page.table %}<table>
<caption>{{ page.table_caption }}</caption>
<thead><tr>{% for head in page.table[0] %}<th scope="col">{{ head }}</th>{% endfor %}</tr></thead>
<tbody>
{% for row in page.table[1:] %}<tr>{% for text, href in row %}<td>
{%- if href %}<a href="{{ href }}">{{ text }}</a>{% else %}{{ text }}{% endif -%}
</td>{% endfor %}</tr>
{% endfor %}</tbody>
</table>{% endif %}
{% if page.links %}<h2>{{ t.links }}</h2>
<ul>
{% for text, href in page.links %}<li><a href="{{ href }}">{{ text }}</a></li>
{% endfor %}</ul>{% endif %}
</main>
</body>
</html>
"""

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
_COMPILED = _ENV.from_string(_TEMPLATE)

LABELS: dict[str, dict[str, str]] = {lang: table("ogc", lang) for lang in LANGS}
"""The pages' labels by language and key (the catalog's ``ogc.*``)."""


def label(lang: str, key: str) -> str:
    """The UI text ``key`` in ``lang`` (``es`` unless ``en``)."""
    return LABELS["en" if lang == "en" else "es"][key]


@dataclass
class Page:
    """What one HTML page shows (all values are plain text or URLs built by the server)."""

    lang: str
    title: str
    paragraphs: list[str] = field(default_factory=list)
    facts: list[tuple[str, str]] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)
    crumbs: list[tuple[str, str]] = field(default_factory=list)
    table: list[Any] = field(default_factory=list)  # header row, then rows of (text, href)
    table_caption: str = ""


def render(page: Page) -> str:
    """The HTML document of ``page`` (every value escaped)."""
    lang = "en" if page.lang == "en" else "es"
    return _COMPILED.render(page=page, t=LABELS[lang])
