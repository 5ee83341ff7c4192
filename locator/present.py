"""Turn sites into what people read: labels, address lines, precision notes, GeoJSON features.

Shared by the CLI, the API and the maps so a site reads the same everywhere.

Examples
--------
>>> precision_note("city", "es")
'ubicación aproximada: ciudad'
>>> precision_note("address", "en")
''
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import geopandas as gpd

from geodata.schema import SITE_COLUMNS
from geodata.vocab import KINDS, LANGUAGES, PLACE_PRECISIONS, SERVICES

__all__ = [
    "address_line",
    "feature_collection",
    "illustrative_note",
    "precision_note",
    "site_feature",
    "site_properties",
]

_APPROX = {"es": "ubicación aproximada", "en": "approximate location"}
_ILLUSTRATIVE = {
    "es": "ILUSTRATIVO: ejemplo, no es un horario ni una ruta real",
    "en": "ILLUSTRATIVE: a sample, not a real schedule or route",
}


def precision_note(precision: str, lang: str = "es") -> str:
    """A note telling users how exactly a site is placed; empty at address precision."""
    if precision in ("", "address", "coordinates"):
        return ""
    term = PLACE_PRECISIONS.get(precision)
    label = term.label(lang) if term else precision
    return f"{_APPROX.get(lang, _APPROX['es'])}: {label}"


def illustrative_note(lang: str = "es") -> str:
    """The label shown wherever illustrative data appears."""
    return _ILLUSTRATIVE.get(lang, _ILLUSTRATIVE["es"])


def address_line(site: Mapping[str, Any]) -> str:
    """``"204 S Ashland Ave, Chicago, IL 60607"``, or as much of it as is known."""
    state_zip = " ".join(p for p in (site.get("state", ""), site.get("postal_code", "")) if p)
    parts = [site.get("street_address", ""), site.get("city", ""), state_zip]
    return ", ".join(p for p in parts if p)


def _label(vocab, key: str, lang: str) -> str:
    term = vocab.get(key)
    return term.label(lang) if term else key


def _number(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else round(value, 3)


def site_properties(site: Mapping[str, Any], lang: str = "es") -> dict[str, Any]:
    """Every schema field of ``site`` plus labels and notes in ``lang``.

    Adds ``kind_label``, ``service_labels``, ``language_labels``, ``address``,
    ``precision_note``, ``illustrative_note`` and, when present, ``distance_km``,
    ``distance_mi`` and ``rank``.
    """
    props: dict[str, Any] = {key: site.get(key) for key in SITE_COLUMNS}
    props["services"] = list(props["services"] or [])
    props["languages"] = list(props["languages"] or [])
    props["verified"] = bool(props["verified"])
    props["illustrative"] = bool(props["illustrative"])
    props["kind_label"] = _label(KINDS, props["kind"], lang)
    props["service_labels"] = [_label(SERVICES, s, lang) for s in props["services"]]
    props["language_labels"] = [_label(LANGUAGES, s, lang) for s in props["languages"]]
    props["address"] = address_line(props)
    props["precision_note"] = precision_note(props["location_precision"], lang)
    props["illustrative_note"] = illustrative_note(lang) if props["illustrative"] else ""
    for key in ("distance_km", "distance_mi"):
        if key in site:
            props[key] = _number(site[key])
    if "rank" in site:
        props["rank"] = int(site["rank"])
    return props


def site_feature(site: Mapping[str, Any], lang: str = "es") -> dict[str, Any]:
    """One site as an RFC 7946 GeoJSON Feature (lon, lat rounded to 6 decimals)."""
    geom = site["geometry"]
    return {
        "type": "Feature",
        "id": site["id"],
        "geometry": {"type": "Point", "coordinates": [round(geom.x, 6), round(geom.y, 6)]},
        "properties": site_properties(site, lang),
    }


def feature_collection(sites: gpd.GeoDataFrame, lang: str = "es", **members: Any) -> dict[str, Any]:
    """Sites as a FeatureCollection; extra top-level ``members`` (e.g. ``query``) are added."""
    features = [site_feature(row, lang) for row in sites.to_dict("records")]
    return {"type": "FeatureCollection", "features": features, **members}
