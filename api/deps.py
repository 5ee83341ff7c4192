"""Request dependencies that validate query parameters (annotated, reusable across routers).

The checks themselves live in :mod:`locator.query` (the query objects the CLI uses too); here
``lang_of`` and ``point_of`` are plain functions that the hot ``/v1/nearest`` calls inline
with the raw ``*Param`` query types (every FastAPI dependency costs tens of microseconds per
request), wrapped as ``Depends`` forms (``Lang``, ``Point``) for the other routes; the filters
are one :class:`~locator.query.SiteFilters` (``Filters``), or ``Kinds``/``Services`` alone.

Range checks that OpenAPI can express (latitude, limit...) are declared on the parameter and
answered ``422``; vocabulary checks (kind, service) go through :mod:`geodata.vocab` and are
answered ``400`` with the allowed values. Both are problem details (:mod:`api.errors`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Query, Request
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from api.i18n import negotiate_lang
from api.runtime import Runtime
from geodata.errors import InvalidInputError
from geodata.vocab import KINDS, SERVICES
from locator.i18n.api import API_ERRORS
from locator.query import SiteFilters, parse_kinds, parse_services

__all__ = [
    "Filters",
    "KindParam",
    "Kinds",
    "Lang",
    "LangParam",
    "LanguageParam",
    "Lat",
    "Limit",
    "Lon",
    "MaxKm",
    "NearestParams",
    "OneKindParam",
    "PlaceQuery",
    "Point",
    "PointParams",
    "ResolvedPoint",
    "RuntimeDep",
    "ServiceParam",
    "Services",
    "get_runtime",
    "lang_of",
    "point_of",
    "resolve_point",
]


async def get_runtime(request: Request) -> Runtime:
    """The app's :class:`~api.runtime.Runtime`."""
    return request.app.state.runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


LangParam = Annotated[
    Literal["es", "en"] | None,
    BeforeValidator(lambda v: v.strip().lower() if isinstance(v, str) else v),  # EN, Es
    Query(description="Idioma / language: es (default) or en, any case. Else Accept-Language."),
]
KindParam = Annotated[
    list[str] | None,
    Query(
        description=f"Site kinds, repeatable or comma-separated: {', '.join(KINDS)}.",
        examples=["vds,consulate"],
        max_length=20,
    ),
]
OneKindParam = Annotated[
    list[str] | None,
    Query(description=f"One site kind: {', '.join(KINDS)}.", examples=["vds"], max_length=1),
]
ServiceParam = Annotated[
    list[str] | None,
    Query(
        description="Service ids (geodata.vocab), repeatable or comma-separated; a site "
        f"matches when it offers ANY of them: {', '.join(SERVICES)}.",
        examples=["vaccines"],
        max_length=30,
    ),
]
LanguageParam = Annotated[
    list[str] | None,
    Query(
        description="ISO 639-1 codes of languages spoken at the site (ANY).",
        examples=["es"],
        max_length=10,
    ),
]


def lang_of(request: Request, lang: str | None) -> str:
    """Response language: ``lang`` parameter, then ``Accept-Language``, then the default."""
    default = request.app.state.runtime.settings.default_lang
    return negotiate_lang(lang, request.headers.get("accept-language"), default=default)


def _listed(values: tuple[str, ...] | None) -> list[str] | None:
    return list(values) if values else None


async def get_lang(request: Request, lang: LangParam = None) -> str:
    """Dependency form of :func:`lang_of`."""
    return lang_of(request, lang)


async def get_kinds(kind: KindParam = None) -> list[str] | None:
    """Validated kind ids (``None``: no filter; :func:`locator.query.parse_kinds`), for routes
    that filter by kind alone; the others take :data:`Filters`."""
    return _listed(parse_kinds(kind))


async def get_services(service: ServiceParam = None) -> list[str] | None:
    """Validated service ids (``None``: no filter; :func:`locator.query.parse_services`)."""
    return _listed(parse_services(service))


async def get_filters(
    kind: KindParam = None, service: ServiceParam = None, language: LanguageParam = None
) -> SiteFilters:
    """The three filters as one :class:`locator.query.SiteFilters` (parsed once)."""
    return SiteFilters.parse(kinds=kind, services=service, languages=language)


Lang = Annotated[str, Depends(get_lang)]
Filters = Annotated[SiteFilters, Depends(get_filters)]
Kinds = Annotated[list[str] | None, Depends(get_kinds)]
Services = Annotated[list[str] | None, Depends(get_services)]
Limit = Annotated[int, Query(ge=1, le=50, description="How many results (1-50).")]
MaxKm = Annotated[
    float | None,
    Query(
        gt=0,
        le=20100,
        allow_inf_nan=False,
        description="Only sites within this great-circle distance (km).",
    ),
]
PlaceQuery = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=200,
        description="Place: ZIP, 'City, ST', county, state, Spanish name or 'lat,lon'.",
        examples=["60608"],
    ),
]
Lat = Annotated[
    float | None,
    Query(ge=-90, le=90, allow_inf_nan=False, description="Latitude (WGS84).", examples=[41.85]),
]
Lon = Annotated[
    float | None,
    Query(
        ge=-180, le=180, allow_inf_nan=False, description="Longitude (WGS84).", examples=[-87.65]
    ),
]


@dataclass(frozen=True)
class ResolvedPoint:
    """The point a query is about, as resolved (shown back in the ``query`` member)."""

    label: str
    lat: float
    lon: float
    precision: str

    def to_dict(self) -> dict[str, object]:
        return {"label": self.label, "lat": self.lat, "lon": self.lon, "precision": self.precision}


def _need_point() -> InvalidInputError:
    return InvalidInputError(API_ERRORS["need_point"])


async def point_of(
    runtime: Runtime, q: str | None, lat: float | None, lon: float | None
) -> ResolvedPoint:
    """Resolve ``q`` with the gazetteer (in a worker thread), or take ``lat``/``lon``."""
    if q is not None and (lat is not None or lon is not None):
        raise InvalidInputError(API_ERRORS["point_twice"])
    if q is not None:
        places = await run_in_threadpool(lambda: runtime.gazetteer().geocode(q, limit=1))
        if not places:
            raise _need_point()
        p = places[0]
        return ResolvedPoint(p.label, float(p.lat), float(p.lon), p.precision)
    if lat is None or lon is None:
        raise _need_point()
    return ResolvedPoint(f"{lat:.6f},{lon:.6f}", float(lat), float(lon), "coordinates")


async def resolve_point(
    runtime: RuntimeDep, q: PlaceQuery = None, lat: Lat = None, lon: Lon = None
) -> ResolvedPoint:
    """Dependency form of :func:`point_of`."""
    return await point_of(runtime, q, lat, lon)


Point = Annotated[ResolvedPoint, Depends(resolve_point)]


class PointParams(BaseModel):
    """Query parameters locating a point: ``q`` or ``lat``/``lon`` (+ ``lang``)."""

    model_config = ConfigDict(extra="ignore")

    q: str | None = Field(
        None,
        min_length=1,
        max_length=200,
        examples=["60608"],
        description="Place: ZIP, 'City, ST', county, state, Spanish name or 'lat,lon'.",
    )
    lat: float | None = Field(
        None, ge=-90, le=90, allow_inf_nan=False, examples=[41.85], description="Latitude (WGS84)."
    )
    lon: float | None = Field(
        None,
        ge=-180,
        le=180,
        allow_inf_nan=False,
        examples=[-87.65],
        description="Longitude (WGS84).",
    )
    lang: Literal["es", "en"] | None = Field(
        None, description="Idioma / language: es (default) or en. Else Accept-Language."
    )


class NearestParams(PointParams):
    """Query parameters of ``/v1/nearest``."""

    kind: list[str] | None = Field(
        None,
        max_length=20,
        examples=[["vds"]],
        description=f"Site kinds, repeatable or comma-separated: {', '.join(KINDS)}.",
    )
    service: list[str] | None = Field(
        None,
        max_length=30,
        examples=[["vaccines"]],
        description="Service ids (geodata.vocab), repeatable or comma-separated; a site "
        "matches when it offers ANY of them.",
    )
    language: list[str] | None = Field(
        None,
        max_length=10,
        examples=[["es"]],
        description="ISO 639-1 codes of languages spoken at the site (ANY).",
    )
    limit: int = Field(5, ge=1, le=50, description="How many results (1-50).")
    max_km: float | None = Field(
        None,
        gt=0,
        le=20100,
        allow_inf_nan=False,
        description="Only sites within this great-circle distance (km).",
    )
