"""Absolute links in responses, from the configured public address, never from ``Host``.

OGC API and ``/v1/sites`` documents carry absolute ``href`` values. Built from the request,
they would echo whatever ``Host`` header a client sent, and a shared cache (responses are
``public, max-age``) would hand the poisoned links to everyone. With ``public_url`` set
(``LOCATOR_PUBLIC_URL``), every link starts with it; without it (a local or development
server) links follow the address the server was reached at, as before.

Examples
--------
>>> from starlette.datastructures import URL
>>> str(rebase(URL("http://evil.example/ogc/collections?f=json"), "https://api.example.org"))
'https://api.example.org/ogc/collections?f=json'
>>> str(rebase(URL("http://evil.example/ogc"), "https://example.org/locator/"))
'https://example.org/locator/ogc'
>>> str(rebase(URL("http://127.0.0.1:8000/ogc"), None))
'http://127.0.0.1:8000/ogc'
"""

from __future__ import annotations

from urllib.parse import urlsplit

from starlette.datastructures import URL
from starlette.requests import Request

__all__ = ["page_hrefs", "public_base", "public_request_url", "rebase"]


def rebase(url: URL, public_url: str | None) -> URL:
    """``url`` moved onto ``public_url`` (scheme, host, port and path prefix)."""
    if not public_url:
        return url
    public = urlsplit(public_url)
    prefix = public.path.rstrip("/")
    return url.replace(scheme=public.scheme, netloc=public.netloc, path=prefix + url.path)


def _public_url(request: Request) -> str | None:
    settings = getattr(request.app.state, "settings", None)
    return getattr(settings, "public_url", None)


def public_request_url(request: Request) -> URL:
    """The URL of ``request`` as the public sees it."""
    return rebase(request.url, _public_url(request))


def page_hrefs(request: Request, *, offset: int, limit: int, matched: int) -> dict[str, str]:
    """The public URLs of the ``next`` and ``prev`` pages (in that order), where there are any.

    Past the end, ``prev`` is the last page. The request's other query parameters are kept.

    Parameters
    ----------
    request
        The request for the page at ``offset``.
    offset, limit
        Start and size of that page.
    matched
        How many items there are in all.
    """
    url = public_request_url(request)
    starts = {}
    if offset + limit < matched:
        starts["next"] = offset + limit
    if offset > 0:
        starts["prev"] = max(0, min(offset, matched) - limit)
    return {
        rel: str(url.include_query_params(offset=start, limit=limit))
        for rel, start in starts.items()
    }


def public_base(request: Request, route_name: str | None = None) -> str:
    """The public root of the API (or of the named route), without a trailing slash."""
    url = URL(str(request.url_for(route_name))) if route_name else request.base_url
    return str(rebase(url, _public_url(request))).rstrip("/")
