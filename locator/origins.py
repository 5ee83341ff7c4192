"""Checks of the addresses an operator configures: the public URL and the framing sites.

Both end up in security-relevant places (absolute links and snippets; the embed's CSP
``frame-ancestors``), so they are parsed strictly rather than matched loosely:

* a host is a DNS name of letters, digits and inner hyphens, or an IPv4 address;
* ``http://`` is accepted only for the local machine (``localhost``, ``127.x``, ``[::1]``):
  anywhere else a page framed or linked over plain HTTP can be rewritten in transit;
* a wildcard frame source names a site's sub-domains (``https://*.example.org``), never a
  whole top-level domain (``https://*.com``).

Examples
--------
>>> frame_source_problem("https://*.consulmex.example")
>>> frame_source_problem("https://*.com")
'a wildcard must name a site (https://*.example.org), not a top-level domain'
>>> frame_source_problem("http://consulmex.example")
'plain http is only accepted for the local machine; use https'
>>> public_url_problem("https://locator.example.org/api")
>>> public_url_problem("https://user@locator.example.org")
'must be http(s)://host[:port][/path], without user, query or fragment'
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import urlsplit

__all__ = ["frame_source_problem", "public_url_problem"]

_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_PATH = re.compile(r"(/[A-Za-z0-9._~%-]+)*/?")
_KEYWORDS = {"*", "'self'", "'none'"}
_LOCAL_NAMES = {"localhost"}


def _is_local(host: str) -> bool:
    if host.lower() in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _valid_host(host: str) -> bool:
    if host.startswith("["):
        try:
            return isinstance(ipaddress.ip_address(host.strip("[]")), ipaddress.IPv6Address)
        except ValueError:
            return False
    labels = host.split(".")
    return len(host) <= 253 and all(_LABEL.fullmatch(label) for label in labels)


def _origin_problem(text: str, *, allow_path: bool) -> str | None:
    """Why ``text`` is not an acceptable ``scheme://host[:port][/path]`` (None: it is)."""
    shape = (
        "must be http(s)://host[:port][/path], without user, query or fragment"
        if allow_path
        else "must be http(s)://host[:port], without a path"
    )
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return shape
    netloc_host = parts.netloc.rsplit(":", 1)[0] if port is not None else parts.netloc
    if (
        parts.scheme not in {"http", "https"}
        or not parts.netloc
        or "@" in parts.netloc
        or parts.query
        or parts.fragment
        or "?" in text
        or "#" in text
        or (parts.path and (not allow_path or not _PATH.fullmatch(parts.path)))
        or (port is not None and not 0 < port < 65536)
    ):
        return shape
    host = netloc_host.removeprefix("*.")
    if not _valid_host(host):
        return shape
    if netloc_host.startswith("*.") and "." not in host:
        return "a wildcard must name a site (https://*.example.org), not a top-level domain"
    if parts.scheme == "http" and not _is_local(host):
        return "plain http is only accepted for the local machine; use https"
    return None


def frame_source_problem(source: str) -> str | None:
    """Why ``source`` is not a safe ``frame-ancestors`` source (None: it is)."""
    if source in _KEYWORDS:
        return None
    return _origin_problem(source, allow_path=False)


def public_url_problem(url: str) -> str | None:
    """Why ``url`` is not a usable public address of the API (None: it is)."""
    if "*" in url:
        return "must be http(s)://host[:port][/path], without a wildcard"
    return _origin_problem(url, allow_path=True)
