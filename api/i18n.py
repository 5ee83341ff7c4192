"""Response language: ``lang`` query parameter first, then ``Accept-Language``, then the default.

Examples
--------
>>> negotiate_lang(None, "en-US,en;q=0.9,es;q=0.8")
'en'
>>> negotiate_lang(None, "fr, es-MX;q=0.5, en;q=0.4")
'es'
>>> negotiate_lang("en", "es")
'en'
>>> negotiate_lang(None, "de", default="en")
'en'
"""

from __future__ import annotations

from starlette.requests import HTTPConnection

__all__ = ["LANGS", "negotiate_lang", "request_lang"]

LANGS = ("es", "en")


def _accept_language(header: str | None) -> str | None:
    if not header:
        return None
    best: tuple[float, int, str] | None = None
    for order, part in enumerate(header.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGS:
            continue
        q = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                q = float(params[2:])
            except ValueError:
                q = 0.0
        if q > 0 and (best is None or (q, -order) > (best[0], best[1])):
            best = (q, -order, primary)
    return best[2] if best else None


def negotiate_lang(
    query_lang: str | None, accept_language: str | None, *, default: str = "es"
) -> str:
    """Pick ``"es"`` or ``"en"`` from the query value, the header, or ``default``."""
    if query_lang and query_lang.lower() in LANGS:
        return query_lang.lower()
    return _accept_language(accept_language) or (default if default in LANGS else "es")


def request_lang(conn: HTTPConnection) -> str:
    """The language of a request (uses ``app.state.settings.default_lang``)."""
    settings = getattr(conn.app.state, "settings", None)
    default = settings.default_lang if settings is not None else "es"
    return negotiate_lang(
        conn.query_params.get("lang"), conn.headers.get("accept-language"), default=default
    )
