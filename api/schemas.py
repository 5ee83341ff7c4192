"""Response models: they document the API in OpenAPI (with examples) and are checked in tests.

Hot routes build plain dicts and return them with a fast JSON response class; these models
describe exactly those dicts (``tests/api`` validates real responses against them).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Literal, get_type_hints

from pydantic import BaseModel, ConfigDict, Field, create_model

from geodata.gazetteer import Place

__all__ = [
    "Geocode",
    "Health",
    "ImportResult",
    "Link",
    "NationalLine",
    "NearestCollection",
    "PlaceOut",
    "Point",
    "Problem",
    "QueryPoint",
    "RouteCollection",
    "RouteFeature",
    "ServingOffice",
    "SiteFeature",
    "SiteProperties",
    "SitesCollection",
]

_SITE_EXAMPLE: dict[str, Any] = {
    "id": "vds-chicago",
    "kind": "vds",
    "kind_label": "Ventanilla de Salud",
    "name": "Ventanilla de Salud en Chicago",
    "organization": "Secretaría de Relaciones Exteriores (SRE)",
    "street_address": None,
    "city": "Chicago",
    "state": "IL",
    "postal_code": "60607",
    "phone": None,
    "tel": None,
    "url": None,
    "hours": None,
    "parent_id": "consulate-chicago",
    "source": "La Nación, 2025-12-27, list of 51 VDS cities",
    "source_date": "2025-12-27",
    "notes": None,
    "services": [{"id": "vaccines", "label": "Aplicación de vacunas"}],
    "languages": ["es", "en"],
    "language_labels": ["español", "inglés"],
    "location_precision": "postal_code",
    "location_note": "ubicación aproximada: código postal",
    "verified": False,
    "illustrative": False,
    "illustrative_note": None,
    "mobile": False,
    "mobile_note": None,
    "address_evidence": None,
    "address_source": None,
    "address_source_date": None,
    "phone_evidence": None,
    "phone_source": None,
    "phone_source_date": None,
    "hours_evidence": None,
    "hours_source": None,
    "hours_source_date": None,
    "evidence": {"address": "", "phone": "", "hours": ""},
    "contact_fallback": True,
    "national_lines": [
        {
            "id": "mexitel",
            "name": "MEXITEL",
            "phone": "+1-877-639-4835",
            "tel": "+18776394835",
            "hours": None,
            "what": "Citas en los consulados de México en EE. UU.",
            "source": "https://masunonews.com/apertura-extraordinaria-de-consulados-en-america-del-norte/"
            " (2021-09, news quoting the SRE)",
            "source_date": "2021-09",
            "evidence": "candidate",
            "evidence_label": "teléfono sin verificar: una sola fuente de 2021",
            "is_national": True,
        }
    ],
    "distance_km": 3.412,
    "distance_mi": 2.12,
    "rank": 1,
}


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


def _open_model_of(cls: type, name: str) -> type[_Open]:
    """An open response model with the fields (order, types, defaults) of dataclass ``cls``.

    Parameters
    ----------
    cls
        A dataclass whose ``to_dict`` the API returns.
    name
        The model's name (its OpenAPI schema title).
    """
    hints = get_type_hints(cls)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            fields[f.name] = (hints[f.name], f.default)
        elif f.default_factory is not dataclasses.MISSING:
            fields[f.name] = (hints[f.name], Field(default_factory=f.default_factory))
        else:
            fields[f.name] = (hints[f.name], ...)
    return create_model(name, __base__=_Open, __module__=__name__, **fields)


class Point(BaseModel):
    """GeoJSON Point, [lon, lat] in WGS84 (RFC 7946)."""

    type: Literal["Point"] = "Point"
    coordinates: list[float] = Field(min_length=2, max_length=3, examples=[[-87.65, 41.85]])


class Service(BaseModel):
    id: str
    label: str


Evidence = Literal["confirmed", "candidate", "conflict", ""]


class NationalLine(BaseModel):
    """A national help line (CIAM, MEXITEL): not an office's own number."""

    id: str
    name: str
    phone: str = Field(description="As published, e.g. '+1-520-623-7874'.")
    tel: str = Field(description="E.164 number for tel: links.")
    hours: str | None = Field(description="null when no source gives the hours.")
    what: str
    source: str
    source_date: str
    evidence: Evidence
    evidence_label: str
    is_national: Literal[True] = True


class EvidenceLabels(BaseModel):
    """What people are told about each fact's sources ("" when the fact has no evidence)."""

    address: str
    phone: str
    hours: str


class SiteProperties(_Open):
    """Properties of a site feature; ``null`` means unknown (never invented)."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [_SITE_EXAMPLE]})

    id: str
    kind: str
    kind_label: str
    name: str | None
    organization: str | None = None
    street_address: str | None = None
    city: str | None = None
    state: str | None = None
    postal_code: str | None = None
    phone: str | None = None
    tel: str | None = Field(
        None,
        description="tel: link (E.164), only when the phone is a valid "
        "NANP or international number; else None",
    )
    url: str | None = None
    hours: str | None = None
    parent_id: str | None = None
    source: str | None = None
    source_date: str | None = None
    notes: str | None = None
    services: list[Service] = []
    languages: list[str] = []
    language_labels: list[str] = []
    location_precision: str | None = Field(description="address | postal_code | city")
    location_note: str = Field(description="Human note, e.g. 'ubicación aproximada: ciudad'.")
    verified: bool
    illustrative: bool
    illustrative_note: str | None = None
    mobile: bool = Field(
        False,
        description="A site that moves (VDS mobile unit, mobile van): "
        "never ranked as a place to walk into; /v1/nearest lists it apart.",
    )
    mobile_note: str | None = None
    address_evidence: Evidence | None = Field(
        default=None, description="confirmed | candidate | conflict (null: unknown)."
    )
    address_source: str | None = None
    address_source_date: str | None = None
    phone_evidence: Evidence | None = None
    phone_source: str | None = None
    phone_source_date: str | None = None
    hours_evidence: Evidence | None = None
    hours_source: str | None = None
    hours_source_date: str | None = None
    evidence: EvidenceLabels
    contact_fallback: bool = Field(
        description="True when the office has no sourced phone: show national_lines."
    )
    national_lines: list[NationalLine] = []
    distance_km: float | None = Field(default=None, description="Great-circle distance (km).")
    distance_mi: float | None = None
    rank: int | None = None


class SiteFeature(BaseModel):
    type: Literal["Feature"] = "Feature"
    id: str
    geometry: Point | None
    properties: SiteProperties


class QueryPoint(BaseModel):
    """The point the answer is about, as resolved from ``q`` or ``lat``/``lon``."""

    label: str = Field(examples=["60608 Chicago, IL"])
    lat: float
    lon: float
    precision: str = Field(description="postal_code | city | county | state | coordinates ...")


class NearestCollection(BaseModel):
    """Nearest sites, ordered by great-circle distance."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "FeatureCollection",
                    "query": {
                        "label": "60608 Chicago, IL",
                        "lat": 41.8515,
                        "lon": -87.6694,
                        "precision": "postal_code",
                    },
                    "dataset_version": "2026.11.1-69212ca228e2",
                    "lang": "es",
                    "numberReturned": 1,
                    "features": [
                        {
                            "type": "Feature",
                            "id": "vds-chicago",
                            "geometry": {"type": "Point", "coordinates": [-87.65, 41.87]},
                            "properties": _SITE_EXAMPLE,
                        }
                    ],
                }
            ]
        }
    )

    type: Literal["FeatureCollection"] = "FeatureCollection"
    query: QueryPoint
    dataset_version: str
    lang: str
    numberReturned: int
    features: list[SiteFeature] = Field(
        description="Places to walk into, nearest first (ranked); never a mobile unit or van."
    )
    mobile_units: list[SiteFeature] = Field(
        default=[],
        description="Sites that move (VDS mobile units, mobile vans) within the "
        "same filters and distance, nearest first, at most `limit`; not ranked: their "
        "location changes (`mobile_note`).",
    )


class Link(BaseModel):
    href: str
    rel: str
    type: str = "application/geo+json"
    title: str | None = None


class SitesCollection(BaseModel):
    """A page of sites (OGC API - Features style paging)."""

    type: Literal["FeatureCollection"] = "FeatureCollection"
    dataset_version: str
    numberMatched: int
    numberReturned: int
    links: list[Link]
    features: list[SiteFeature]


if TYPE_CHECKING:  # a model built at run time is no type to mypy; its base is
    PlaceOut = _Open
else:
    PlaceOut = _open_model_of(Place, "PlaceOut")
"""One geocoder candidate: the fields of :class:`geodata.gazetteer.Place`."""


class Geocode(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "q": "Dalton, GA",
                    "candidates": [
                        {
                            "label": "Dalton, GA",
                            "name": "Dalton",
                            "state": "GA",
                            "lat": 34.7698,
                            "lon": -84.9702,
                            "precision": "city",
                            "postal_code": "",
                            "county_fips": "13313",
                            "population": 33128,
                            "timezone": "America/New_York",
                            "score": 1.0,
                        }
                    ],
                }
            ]
        }
    )

    q: str
    candidates: list[PlaceOut]


class County(BaseModel):
    fips: str
    name: str
    state: str


class JurisdictionRule(BaseModel):
    """The sourced rule that decided which office serves the point."""

    id: str = Field(examples=["sre-2022-texas-panhandle"])
    label: str = Field(description="The rule in the response language.")
    label_es: str
    label_en: str
    source: str
    source_date: str = Field(description="ISO date of the source ('' when it is undated).")


class ServingOffice(BaseModel):
    """The consulate whose *approximate* region holds the point, and what decided it."""

    query: QueryPoint
    dataset_version: str
    approximation: Literal[True] = True
    basis: Literal["rule", "nearest"] = Field(
        description="'rule': a sourced county/state rule decided; 'nearest': the nearest-office "
        "approximation."
    )
    rule: JurisdictionRule | None = Field(
        default=None, description="The deciding rule with its source and date (basis 'rule')."
    )
    note: str = Field(description="Why this is an approximation (in the response language).")
    note_es: str
    note_en: str
    county: County | None = Field(
        default=None, description="The US county holding the point (its office assignment)."
    )
    office: SiteFeature


class Stop(_Open):
    id: str | None
    sequence: int
    name: str | None
    city: str | None
    state: str | None
    rrule: str | None
    dtstart: str | None
    duration_minutes: int
    timezone: str | None
    lat: float | None
    lon: float | None
    location_precision: str | None
    location_note: str
    illustrative: bool


class RouteProperties(_Open):
    id: str | None
    name: str | None
    description: str | None
    unit_id: str | None
    unit: dict[str, Any] | None
    source: str | None
    source_date: str | None
    illustrative: bool
    illustrative_note: str | None
    stops: list[Stop]


class RouteFeature(BaseModel):
    type: Literal["Feature"] = "Feature"
    id: str | None
    geometry: dict[str, Any] | None
    properties: RouteProperties


class RouteCollection(BaseModel):
    type: Literal["FeatureCollection"] = "FeatureCollection"
    dataset_version: str
    numberReturned: int
    features: list[RouteFeature]


class ImportResult(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "format": "geojson",
                    "dry_run": False,
                    "rows_read": 3,
                    "rows_skipped": 0,
                    "warnings": [],
                    "inserted": 2,
                    "updated": 1,
                    "unchanged": 0,
                    "routes": 0,
                    "stops": 0,
                    "dataset_version": "2026.11.1-1a2b3c4d5e6f",
                }
            ]
        }
    )

    format: str
    dry_run: bool
    rows_read: int
    rows_skipped: int
    warnings: list[Any]
    inserted: int
    updated: int
    unchanged: int
    routes: int
    stops: int
    official_changed: list[Any] = Field(
        default_factory=list,
        description="Official records (bundled or verified) changed, "
        "with allow_update_official=true: [{id, kind, fields}].",
    )
    dataset_version: str


class Health(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "ok",
                    "dataset_version": "2026.11.1-69212ca228e2",
                    "counts": {
                        "sites": 107,
                        "by_kind": {"consulate": 53, "vds": 52, "vds_mobile": 2},
                        "routes": 2,
                        "stops": 8,
                    },
                }
            ]
        }
    )

    status: Literal["ok"]
    dataset_version: str
    counts: dict[str, Any]


class Problem(_Open):
    """RFC 9457 problem details (``application/problem+json``)."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "type": "urn:locator:problem:not_found",
                    "title": "No encontrado",
                    "status": 404,
                    "detail": "No se encontró el lugar 'Daltn'.",
                    "instance": "/v1/nearest",
                    "code": "not_found",
                    "suggestions": ["Dalton, GA"],
                }
            ]
        },
    )

    type: str
    title: str
    status: int
    detail: str
    instance: str
    code: str
