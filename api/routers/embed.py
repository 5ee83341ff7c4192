"""``GET /embed/{office_id}``: a consulate's map that other sites may put in an ``<iframe>``.

* ``/embed/{office_id}?lang=es|en&kind=``: Spanish unless ``lang=en`` (``Accept-Language`` is
  ignored: the page embedded on a site is the one the site asked for); the responsive page of
  :func:`locator.maps.embed_page` (map with gesture handling, visible site list and a
  ``<noscript>`` copy) with a switch to the other language. Framing is allowed from the
  ``frame_ancestors`` setting (``LOCATOR_FRAME_ANCESTORS``, default ``*``; no
  ``X-Frame-Options``); everything else stays strict: nosniff, no referrer, and a CSP that
  forbids every network load. A mistyped office id gets a small HTML page in the request's language
  (inside the frame) listing the valid ids, with status 404.
* ``/embed/{office_id}/snippet?lang=&kind=``: the ``<iframe>`` HTML to paste, as text. Its URL
  starts with the ``public_url`` setting (``LOCATOR_PUBLIC_URL``); without it the URL is
  relative and the snippet says so in a comment. The request's ``Host`` header is never used,
  so a cached snippet cannot be poisoned.

Only ``/embed`` may be framed (:data:`api.middleware.FRAMEABLE_PREFIXES`).
"""

from __future__ import annotations

from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from api.deps import OneKindParam, RuntimeDep
from api.routers import problems
from api.routers.maps import HTML_RESPONSES, MAP_CSP, MapLang, OfficeId, html_page, one_kind
from geodata.errors import NotFoundError
from locator.maps import embed_page, embed_snippet
from locator.maps.embed import not_found_page
from locator.maps.map_data import embed_url, find_office, office_source

__all__ = ["EMBED_CSP", "RELATIVE_NOTE", "embed_csp", "router"]

router = APIRouter(prefix="/embed", tags=["maps"])

RELATIVE_NOTE = (
    "<!-- src relativo: defina LOCATOR_PUBLIC_URL en el servidor del localizador para un "
    "src absoluto / relative src: set LOCATOR_PUBLIC_URL on the locator server for an "
    "absolute src -->\n"
)


def embed_csp(frame_ancestors: str) -> str:
    """The embed's CSP header for a ``frame_ancestors`` setting (validated by Settings)."""
    return MAP_CSP.replace("frame-ancestors 'none'", f"frame-ancestors {frame_ancestors}")


EMBED_CSP = embed_csp("*")
"""The embed's CSP with the default ``frame_ancestors`` setting."""


def _switch_url(lang: str, kind: str | None) -> str:
    other = "en" if lang == "es" else "es"
    return "?" + urlencode({"lang": other, **({"kind": kind} if kind else {})})


@router.get(
    "/{office_id}",
    response_class=HTMLResponse,
    responses={
        **HTML_RESPONSES,
        **problems(400, 422),
        404: {
            "description": "Oficina no encontrada: página HTML con los ids válidos / "
            "office not found: an HTML page listing the valid ids",
            "x-content": {"text/html": {"schema": {"type": "string"}}},
        },
    },
    summary="Mapa para insertar de un consulado / embeddable consulate map",
)
async def embed(
    request: Request,
    runtime: RuntimeDep,
    lang: MapLang,
    office_id: OfficeId,
    kind: OneKindParam = None,
) -> HTMLResponse:
    """A consulate, its **approximate** region and its sites, for an ``<iframe>``."""
    only = one_kind(kind)
    view = runtime.view()
    key = ("embed", view.version, office_id, only, lang)
    csp = embed_csp(runtime.settings.frame_ancestors)

    sites = view.snapshot.sites
    try:
        find_office(sites, office_id)
    except NotFoundError:
        offices = sites[sites["kind"] == "consulate"].sort_values("id")
        page = not_found_page(
            office_id, list(zip(offices["id"], offices["name"], strict=True)), lang=lang
        )
        return HTMLResponse(
            page,
            status_code=404,
            headers={
                "content-security-policy": csp,
                "cache-control": "no-store",
            },
        )

    def build() -> str:
        data = office_source(
            view.snapshot.index, office_id, counties=runtime.gazetteer().counties()
        )
        return embed_page(
            data.office,
            region=data.region,
            sites=data.sites,
            lang=lang,
            kind=only,
            other_lang_url=_switch_url(lang, only),
        )

    return await html_page(request, key, build, headers={"content-security-policy": csp})


@router.get(
    "/{office_id}/snippet",
    response_class=PlainTextResponse,
    responses={
        200: {
            "content": {"text/plain": {}},
            "description": "Fragmento <iframe> / <iframe> snippet",
        },
        **problems(400, 404, 422),
    },
    summary="Código <iframe> para insertar / <iframe> snippet to embed",
)
async def snippet(
    request: Request,
    runtime: RuntimeDep,
    lang: MapLang,
    office_id: OfficeId,
    kind: OneKindParam = None,
) -> PlainTextResponse:
    """The ``<iframe>`` HTML (escaped, titled, lazy-loaded, responsive) for this office."""
    only = one_kind(kind)
    office = find_office(runtime.view().snapshot.sites, office_id)
    base = runtime.settings.public_url or ""  # never the request's Host header
    url = embed_url(office_id, base_url=base, lang=lang, kind=only)
    note = "" if base else RELATIVE_NOTE
    return PlainTextResponse(note + embed_snippet(url, title=str(office["name"]), lang=lang))
