"""Hostile strings for every text field, and how to tell whether an output evaluated one.

Each template payload builds its marker from pieces (``"PWN" ~ "ED1"``), so the marker
``PWNED1`` appears in an output only if a template engine evaluated the payload. HTML payloads
set ``window.__pwned`` if a browser ever runs them.
"""

from __future__ import annotations

import re

TEMPLATE_PAYLOADS = [
    '{{ "PWN" ~ "ED1" }}',  # Jinja expression
    '{% set x = "PWN" ~ "ED2" %}{{ x }}',  # Jinja statement
    'A{# "PWN" ~ "ED3" #}B',  # Jinja comment: evaluated, it would vanish
    '${"PWN" + "ED4"}',  # JS template literal
    '<%= "PWN" + "ED5" %>',  # ERB / EJS
    "PID={{ cycler.__init__.__globals__.os.getpid() }}",  # the reported SSTI
]
EVALUATED_MARKERS = ["PWNED1", "PWNED2", "PWNED4", "PWNED5"]
"""Strings that appear in an output only if a payload was evaluated."""

HTML_PAYLOADS = [
    '<img src=x onerror="window.__pwned=(window.__pwned||0)+1">',
    '"><svg onload="window.__pwned=(window.__pwned||0)+1">',
    "</script><script>window.__pwned=(window.__pwned||0)+1</script>",
    "' onmouseover='window.__pwned=1' x='",
    "</textarea></noscript></style><b id=pwnb>bold?</b>",
]
RAW_HTML = ["<img src=x onerror", "<svg onload", "</script><script>window.__pwned", "<b id=pwnb>"]
"""Markup that must never appear raw in an output file (escaped or JSON-escaped is fine)."""

URL_PAYLOADS = [
    "javascript:window.__pwned=1",
    "data:text/html,<script>window.__pwned=1</script>",
    "JaVaScRiPt:window.__pwned=1",
    " java\tscript:window.__pwned=1",
]
PHONE_PAYLOADS = ["javascript:alert(5)", '312-555-0000" onclick="window.__pwned=1']
UNICODE_PAYLOADS = ["\u202eevil\u202c RTL", "zero\u200bwidth\u200djoin"]
JS_PAYLOADS = ["BT`+(window.__pwned=7)+`x", "C:\\users\\u0 back\\slash", "'-(window.__pwned=9)-'"]
"""For JavaScript string and template-literal contexts (a backtick, a bad \\u escape, a quote)."""
LONG_PAYLOAD = "L" * 10_000

TEXT_PAYLOADS = TEMPLATE_PAYLOADS + HTML_PAYLOADS + UNICODE_PAYLOADS + JS_PAYLOADS
"""Payloads for free-text fields (name, organization, street, city, hours, notes, source)."""


def text_payload(i: int) -> str:
    """The i-th payload, wrapped so a test can find it: ``«i:payload»``."""
    return TEXT_PAYLOADS[i % len(TEXT_PAYLOADS)]


def assert_inert(page: str, *, where: str) -> None:
    """Fail when ``page`` shows an evaluated payload or raw hostile markup."""
    for marker in EVALUATED_MARKERS:
        assert marker not in page, f"{where}: a template payload was evaluated ({marker})"
    assert not re.search(r"PID=\d", page), f"{where}: the SSTI payload printed a process id"
    for raw in RAW_HTML:
        assert raw not in page, f"{where}: raw markup {raw!r} in the output"
    lowered = page.lower()
    for bad in ('href="javascript:', "href='javascript:", 'href="data:', 'src="javascript:'):
        assert bad not in lowered, f"{where}: {bad} link"
    assert 'tel:5"' not in page and "tel:31255500009" not in page, f"{where}: bogus tel: link"
