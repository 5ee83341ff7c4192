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

import functools
import math
import re
from collections.abc import Mapping
from typing import Any

import geopandas as gpd

from geodata.importers.values import web_url
from geodata.phones import tel_uri
from geodata.schema import EVIDENCE_FIELDS
from geodata.vocab import KINDS, LANGUAGES, MOBILE_KINDS, PLACE_PRECISIONS, SERVICES
from locator.evidence import contact_fallback, evidence_label, evidence_labels, national_lines
from locator.i18n import text as catalog_text
from locator.i18n import ui_lang

__all__ = [
    "ADDRESS_FIELDS",
    "EVIDENCE_COLUMNS",
    "address_line",
    "contact_fallback",
    "evidence_label",
    "feature_collection",
    "hours_text",
    "illustrative_note",
    "is_mobile",
    "kind_label",
    "mobile_note",
    "national_lines",
    "precision_note",
    "site_feature",
    "site_properties",
    "text_or_none",
]


def precision_note(precision: str, lang: str = "es") -> str:
    """A note telling users how exactly a site is placed; empty at address precision."""
    if precision in ("", "address", "coordinates"):
        return ""
    term = PLACE_PRECISIONS.get(precision)
    label = term.label(lang) if term else precision
    return f"{catalog_text('common.approx', ui_lang(lang))}: {label}"


def mobile_note(lang: str = "es") -> str:
    """The label of a site that moves (never ranked as a place to walk into)."""
    return catalog_text("common.mobile", ui_lang(lang))


def is_mobile(site: Mapping[str, Any]) -> bool:
    """Whether ``site`` moves: its ``mobile`` flag, or a mobile kind (``vds_mobile``)."""
    return bool(site.get("mobile")) or str(site.get("kind") or "") in MOBILE_KINDS


def illustrative_note(lang: str = "es") -> str:
    """The label shown wherever illustrative data appears."""
    return catalog_text("common.illustrative", ui_lang(lang))


ADDRESS_FIELDS = ("street_address", "city", "state", "postal_code")
"""The fields :func:`address_line` reads."""


def address_line(site: Mapping[str, Any]) -> str:
    """``"204 S Ashland Ave, Chicago, IL 60607"``, or as much of it as is known."""
    state_zip = " ".join(p for p in (site.get("state", ""), site.get("postal_code", "")) if p)
    parts = [site.get("street_address", ""), site.get("city", ""), state_zip]
    return ", ".join(p for p in parts if p)


def _label(vocab, key: str, lang: str) -> str:
    term = vocab.get(key)
    return term.label(lang) if term else key


def kind_label(kind: str, lang: str = "es") -> str:
    """The label of a site kind in ``lang``; an unknown kind shows its id.

    >>> kind_label("vds", "en"), kind_label("shelter", "es")
    ('Health desk (Ventanilla de Salud)', 'shelter')
    """
    return _label(KINDS, kind, lang)


def text_or_none(value: Any) -> str | None:
    """Clean text, or ``None`` for empty/missing values."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    return text or None


def _number(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) or math.isinf(value) else round(value, 3)


EVIDENCE_COLUMNS = tuple(
    f"{fact}_{part}" for fact in EVIDENCE_FIELDS for part in ("evidence", "source", "source_date")
)
"""The 9 per-fact columns: ``address_evidence``, ``address_source``, ... ``hours_source_date``."""

_FACT_COLUMNS = {"address": "street_address", "phone": "phone", "hours": "hours"}

TEXT_FIELDS = (
    "name",
    "organization",
    "street_address",
    "city",
    "state",
    "postal_code",
    "phone",
    "url",
    "hours",
    "parent_id",
    "source",
    "source_date",
    "notes",
    *EVIDENCE_COLUMNS,
)


_HOURS_WORDS = ("appointment", "free", "as_of", "closed")


@functools.cache
def _hours_words(lang: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """The English words of opening hours and their ``lang`` wording (days and ``hours.*``)."""
    words = {
        catalog_text(f"dates.day_short.{i}", "en"): catalog_text(f"dates.day_short.{i}", lang)
        for i in range(7)
    }
    words |= {
        catalog_text(f"dates.hours.{w}", "en"): catalog_text(f"dates.hours.{w}", lang)
        for w in _HOURS_WORDS
    }
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, sorted(words, key=len)[::-1])) + r")\b")
    return pattern, words


def hours_text(hours: str | None, lang: str = "es") -> str | None:
    """Opening hours as sources write them (``Mon-Fri 8:00-17:00 (appointment)``), in ``lang``.

    Day abbreviations and the few words sources use are said in the page's language; times,
    dates and anything else stay as written (a fact is never rewritten beyond its words).

    Examples
    --------
    >>> hours_text("Mon-Fri 8:00-17:00 (appointment)", "es")
    'lun-vie 8:00-17:00 (con cita)'
    >>> hours_text("Mon-Thu 8:00-12:00, free (as of 2021-03)", "es")
    'lun-jue 8:00-12:00, gratis (datos de 2021-03)'
    >>> hours_text("Mon-Fri 8:00-17:00 (appointment)", "en")
    'Mon-Fri 8:00-17:00 (appointment)'
    >>> hours_text(None) is None
    True
    """
    if not hours or ui_lang(lang) == "en":
        return hours
    pattern, words = _hours_words(ui_lang(lang))
    return pattern.sub(lambda m: words[m.group(1)], hours)


def site_properties(site: Mapping[str, Any], lang: str = "es") -> dict[str, Any]:
    """The public properties of one site in ``lang``: the API's, the CLI's and the page's.

    Unknown text is ``None`` (never invented). Adds ``kind_label``, ``services`` as
    ``{"id", "label"}`` pairs, ``language_labels``, ``address`` (one line),
    ``location_note`` (empty when the point is exact), ``illustrative_note``, ``mobile`` and
    ``mobile_note`` (a site that moves: never ranked as walk-in), ``tel`` (a
    ``tel:`` link, only for a valid number: :func:`geodata.phones.tel_uri`), ``url`` as a safe
    https link (or None), the 9
    per-fact evidence columns, ``evidence`` (``{"address"|"phone"|"hours": label}``, "" where
    the fact has no evidence level), ``contact_fallback`` (True when the office has no sourced
    phone: show ``national_lines``, never "Tel. —"), ``national_lines`` (those lines when
    ``contact_fallback``, else ``[]``) and, when the record has them, ``distance_km``,
    ``distance_mi`` and ``rank``.

    Examples
    --------
    >>> site = {"id": "x", "kind": "vds", "services": ["vaccines"], "city": "Boise",
    ...         "state": "ID", "location_precision": "city"}
    >>> props = site_properties(site, "en")
    >>> props["services"], props["address"], props["location_note"]
    ([{'id': 'vaccines', 'label': 'Vaccines'}], 'Boise, ID', 'approximate location: city')
    """
    kind = str(site.get("kind") or "")
    precision = str(site.get("location_precision") or "")
    props: dict[str, Any] = {
        "id": site.get("id"),
        "kind": kind,
        "kind_label": kind_label(kind, lang),
    }
    for name in TEXT_FIELDS:
        props[name] = text_or_none(site.get(name))
    for fact, column in _FACT_COLUMNS.items():  # sources disagree: neither value is a fact
        if props[f"{fact}_evidence"] == "conflict":
            props[column] = None
    props["address"] = address_line({k: props[k] or "" for k in TEXT_FIELDS})
    props["hours"] = hours_text(props["hours"], lang)
    props["url"] = web_url(props["url"])
    props["tel"] = tel_uri(props["phone"])
    props["services"] = [
        {"id": s, "label": _label(SERVICES, s, lang)} for s in (site.get("services") or [])
    ]
    props["languages"] = list(site.get("languages") or [])
    props["language_labels"] = [_label(LANGUAGES, c, lang) for c in props["languages"]]
    props["location_precision"] = precision or None
    props["location_note"] = precision_note(precision, lang)
    props["verified"] = bool(site.get("verified"))
    props["illustrative"] = bool(site.get("illustrative"))
    props["illustrative_note"] = illustrative_note(lang) if props["illustrative"] else None
    props["mobile"] = is_mobile(site)
    props["mobile_note"] = mobile_note(lang) if props["mobile"] else None
    props["evidence"] = evidence_labels(site, lang)
    props["contact_fallback"] = contact_fallback(site)
    props["national_lines"] = national_lines(lang) if props["contact_fallback"] else []
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
