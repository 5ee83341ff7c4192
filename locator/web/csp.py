"""The search page's Content-Security-Policy: one definition for the served page and the export.

The API sends it as a header (with ``frame-ancestors 'none'``); ``locator export-site`` writes
it into ``index.html`` as a ``<meta>`` (a ``<meta>`` policy cannot carry ``frame-ancestors``,
so the exported folder relies on its own web server, if any, for that). Scripts, styles,
images, the service worker and the manifest come only from the page's own origin; there is no
inline code. ``tile_origins`` adds the origins of an explicitly opted-in online basemap.

Examples
--------
>>> page_csp().endswith("frame-ancestors 'none'")
True
>>> "frame-ancestors" in page_csp(meta=True)
False
>>> "img-src 'self' data: https://tile.example.org;" in page_csp(tile_origins=["https://tile.example.org"])
True
>>> meta_tag()[:47]
'<meta http-equiv="Content-Security-Policy" cont'
"""

from __future__ import annotations

import html
from collections.abc import Iterable

__all__ = ["meta_tag", "page_csp", "with_meta_csp"]


def page_csp(*, tile_origins: Iterable[str] = (), meta: bool = False) -> str:
    """The page's policy; ``meta=True`` leaves out what a ``<meta>`` policy cannot hold."""
    images = " ".join(["'self'", "data:", *tile_origins])
    parts = [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        f"img-src {images}",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
    ]
    if not meta:
        parts.append("frame-ancestors 'none'")
    return "; ".join(parts)


def meta_tag(*, tile_origins: Iterable[str] = ()) -> str:
    """The ``<meta http-equiv>`` element carrying :func:`page_csp` (attribute-escaped)."""
    policy = html.escape(page_csp(tile_origins=tile_origins, meta=True), quote=True)
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def with_meta_csp(page: bytes, *, tile_origins: Iterable[str] = ()) -> bytes:
    """``page`` (the shell's ``index.html``) with the policy right after ``<meta charset>``."""
    marker = b'<meta charset="utf-8">'
    if marker not in page:
        raise ValueError("index.html has no <meta charset> to put the policy after")
    tag = meta_tag(tile_origins=tile_origins).encode()
    return page.replace(marker, marker + b"\n" + tag, 1)
