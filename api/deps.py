"""Request dependencies that validate query parameters (annotated, reusable across routers).

Range checks that OpenAPI can express (latitude, limit...) are declared on the parameter and
answered ``422``; vocabulary checks (kind, service) go through :mod:`geodata.vocab` and are
answered ``400`` with the allowed values. Both are problem details (:mod:`api.errors`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from starlette.concurrency import run_in_threadpool

from api.i18n import negotiate_lang
from api.runtime import Runtime
from geodata.errors import InvalidInputError
from geodata.vocab import KINDS, SERVICES, parse_kinds, parse_services

__all__ = [
    "Kinds",
    "Lang",
    "Languages",
    "Limit",
    "MaxKm",
    "PlaceQuery",
    "ResolvedPoint",
    "RuntimeDep",
    "Services",
    "get_runtime",
    "resolve_point",
]

_LANG_CODE = re.compile(r"^[A-Za-z]{2,3}$")


async def get_runtime(request: Request) -> Runtime:
    """The app's :class:`~api.runtime.Runtime`."""
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_lang(
    request: Request,
    lang: Annotated[
        Literal["es", "en"] | None,
        Query(description="Idioma / language: es (default) or en. Else Accept-Language."),
    ] = None,
) -> str:
    """Response language: ``lang`` parameter, then ``Accept-Language``, then the default."""
    default = request.app.state.runtime.settings.default_lang
    return negotiate_lang(lang, request.headers.get("accept-language"), default=default)


Lang = Annotated[str, Depends(get_lang)]


def _flatten(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    items = [p.strip() for v in values for p in v.split(",") if p.strip()]
    return items or None


async def get_kinds(
    kind: Annotated[
        list[str] | None,
        Query(description=f"Site kinds, repeatable or comma-separated: {', '.join(KINDS)}.",
              examples=["vds,consulate"], max_length=20),
    ] = None,
) -> list[str] | None:
    """Validated kind ids (``None``: no filter)."""
    items = _flatten(kind)
    return parse_kinds(items) if items else None


async def get_services(
    service: Annotated[
        list[str] | None,
        Query(description="Service ids (geodata.vocab), repeatable or comma-separated; a site "
              f"matches when it offers ANY of them: {', '.join(SERVICES)}.",
              examples=["vaccines"], max_length=30),
    ] = None,
) -> list[str] | None:
    """Validated service ids (``None``: no filter)."""
    items = _flatten(service)
    return parse_services(items) if items else None


async def get_languages(
    language: Annotated[
        list[str] | None,
        Query(description="ISO 639-1 codes of languages spoken at the site (ANY).",
              examples=["es"], max_length=10),
    ] = None,
) -> list[str] | None:
    """Validated language codes (``None``: no filter)."""
    items = _flatten(language)
    if not items:
        return None
    bad = [i for i in items if not _LANG_CODE.match(i)]
    if bad:
        raise InvalidInputError(
            f"Language codes must be ISO 639 codes like 'es' or 'en': {', '.join(bad[:5])}",
            f"Los idiomas deben ser códigos ISO 639 como 'es' o 'en': {', '.join(bad[:5])}",
            detail={"unknown": bad[:20]},
        )
    return [i.lower() for i in items]


Kinds = Annotated[list[str] | None, Depends(get_kinds)]
Services = Annotated[list[str] | None, Depends(get_services)]
Languages = Annotated[list[str] | None, Depends(get_languages)]
Limit = Annotated[int, Query(ge=1, le=50, description="How many results (1-50).")]
MaxKm = Annotated[
    float | None,
    Query(gt=0, le=20100, allow_inf_nan=False,
          description="Only sites within this great-circle distance (km)."),
]
PlaceQuery = Annotated[
    str | None,
    Query(min_length=1, max_length=200,
          description="Place: ZIP, 'City, ST', county, state, Spanish name or 'lat,lon'.",
          examples=["60608"]),
]
Lat = Annotated[
    float | None,
    Query(ge=-90, le=90, allow_inf_nan=False, description="Latitude (WGS84).", examples=[41.85]),
]
Lon = Annotated[
    float | None,
    Query(ge=-180, le=180, allow_inf_nan=False, description="Longitude (WGS84).",
          examples=[-87.65]),
]


@dataclass(frozen=True)
class ResolvedPoint:
    """The point a query is about, as resolved (shown back in the ``query`` member)."""

    label: str
    lat: float
    lon: float
    precision: str

    def to_dict(self) -> dict[str, object]:
        return {"label": self.label, "lat": self.lat, "lon": self.lon,
                "precision": self.precision}


def _need_point() -> InvalidInputError:
    return InvalidInputError(
        "Give either q (a place) or both lat and lon.",
        "Indique q (un lugar) o bien lat y lon.",
    )


async def resolve_point(runtime: RuntimeDep, q: PlaceQuery = None, lat: Lat = None,
                        lon: Lon = None) -> ResolvedPoint:
    """Resolve ``q`` with the gazetteer, or take ``lat``/``lon`` as given."""
    if q is not None and (lat is not None or lon is not None):
        raise InvalidInputError(
            "Give q or lat/lon, not both.", "Indique q o lat/lon, no ambos.",
        )
    if q is not None:
        places = await run_in_threadpool(lambda: runtime.gazetteer().geocode(q, limit=1))
        if not places:
            raise _need_point()
        p = places[0]
        return ResolvedPoint(p.label, float(p.lat), float(p.lon), p.precision)
    if lat is None or lon is None:
        raise _need_point()
    return ResolvedPoint(f"{lat:.6f},{lon:.6f}", float(lat), float(lon), "coordinates")


Point = Annotated[ResolvedPoint, Depends(resolve_point)]
