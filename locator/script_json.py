"""JSON for ``<script>``: the one escaper every output uses (maps, embeds, the page's data).

Examples
--------
>>> js_json({"name": "</script><b>"})
'{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
>>> js_json(["{{ 7*7 }}", {"a": {"b": "{%"}}])
'["\\\\u007b{ 7*7 }}",{"a":{"b":"\\\\u007b%"}}]'
>>> import json; json.loads(js_json({"x": "{# <&> \\u2028"})) == {"x": "{# <&> \\u2028"}
True
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["js_json"]

_JINJA_OPEN = re.compile(r"\{(?=[{%#])")
"""An opening brace that starts a Jinja delimiter: ``{{``, ``{%`` or ``{#``."""

_ESCAPES = (
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ("\u2028", "\\u2028"),
    ("\u2029", "\\u2029"),
)


def js_json(value: Any) -> str:
    """Compact UTF-8 JSON safe inside ``<script>`` *and* inside branca/folium output.

    ``<``, ``>``, ``&`` and line separators are escaped (no ``</script>``); so is every ``{``
    that would open a Jinja delimiter, since folium re-reads rendered macros as templates
    (compact JSON itself never has ``{{``, ``{%`` or ``{#``: only text inside strings can).
    The result is still JSON (``json.loads`` gives ``value`` back); NaN is refused.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for raw, esc in _ESCAPES:
        text = text.replace(raw, esc)
    return _JINJA_OPEN.sub(r"\\u007b", text)
