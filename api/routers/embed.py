"""``GET /embed/{office_id}``: a consulate's map that other sites may put in an ``<iframe>``.

* ``/embed/{office_id}?lang=es|en&kind=``: Spanish unless ``lang=en`` (``Accept-Language`` is
  ignored: the page embedded on a site is the one the site asked for); the responsive page of
  :func:`locator.maps.embed_page` (map with gesture handling, visible site list and a
  ``<noscript>`` copy). Framing is allowed from any site (``frame-ancestors *``, no
  ``X-Frame-Options``); everything else stays strict: nosniff, no referrer, and a CSP that
  forbids every network load.
* ``/embed/{office_id}/snippet?lang=&kind=``: the ``<iframe>`` HTML to paste, as text. Its URL
  starts with the ``public_url`` setting (``LOCATOR_PUBLIC_URL``), else this request's address.

Only ``/embed`` may be framed (:data:`api.middleware.FRAMEABLE_PREFIXES`).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, PlainTextResponse

from api.deps import KindParam, RuntimeDep
from api.routers import problems
from api.routers.maps import HTML_RESPONSES, MAP_CSP, MapLang, OfficeId, html_page, one_kind
from locator.maps import embed_page, embed_snippet
from locator.maps.sources import embed_url, find_office, office_source

__all__ = ["EMBED_CSP", "router"]

router = APIRouter(prefix="/embed", tags=["maps"])

EMBED_CSP = MAP_CSP.replace("frame-ancestors 'none'", "frame-ancestors *")


@router.get("/{office_id}", response_class=HTMLResponse,
            responses={**HTML_RESPONSES, **problems(400, 404, 422)},
            summary="Mapa para insertar de un consulado / embeddable consulate map")
async def embed(request: Request, runtime: RuntimeDep, lang: MapLang, office_id: OfficeId,
                kind: KindParam = None) -> HTMLResponse:
    """A consulate, its **approximate** region and its sites, for an ``<iframe>``."""
    only = one_kind(kind)
    view = runtime.view()
    key = ("embed", view.version, office_id, only, lang)

    def build() -> str:
        data = office_source(view.snapshot.index, office_id,
                             counties=runtime.gazetteer().counties())
        return embed_page(data.office, region=data.region, sites=data.sites, lang=lang,
                          kind=only)

    return await html_page(request, key, build, headers={"content-security-policy": EMBED_CSP})


@router.get("/{office_id}/snippet", response_class=PlainTextResponse,
            responses={200: {"content": {"text/plain": {}},
                             "description": "Fragmento <iframe> / <iframe> snippet"},
                       **problems(400, 404, 422)},
            summary="Código <iframe> para insertar / <iframe> snippet to embed")
async def snippet(request: Request, runtime: RuntimeDep, lang: MapLang, office_id: OfficeId,
                  kind: KindParam = None) -> PlainTextResponse:
    """The ``<iframe>`` HTML (escaped, titled, lazy-loaded, responsive) for this office."""
    only = one_kind(kind)
    office = find_office(runtime.view().snapshot.sites, office_id)
    base = runtime.settings.public_url or str(request.base_url)
    url = embed_url(office_id, base_url=base, lang=lang, kind=only)
    return PlainTextResponse(embed_snippet(url, title=str(office["name"]), lang=lang))
