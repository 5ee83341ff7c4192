"""Queryables, property filters and ``sortby`` of the OGC API - Features collections.

OGC 17-069r4 (Part 1) permits filtering on feature properties with one query parameter per
property (/rec/core/fc-filters: ``?state=TX&kind=vds``); OGC 19-079r2 (Part 3) lists those
properties at ``/collections/{collectionId}/queryables`` as a JSON Schema
(``application/schema+json``). Filters are equality tests (text ignores case; ``state`` also
takes a state name, English or Spanish: ``Texas``, ``Tejas``), list properties (``services``,
``languages``) match when the list holds the value, several filters all apply (AND).

``sortby`` (OGC API - Features Part 8 syntax): ``state,-name``; the sort is stable, empty values
last, so paging through a sorted collection sees each feature once.

Examples
--------
>>> parse_sortby("state,-name", SITE_QUERYABLES)
[('state', False), ('name', True)]
>>> state_code("Tejas"), state_code("tx"), state_code("MyState") is None
('TX', 'TX', True)
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from geodata.errors import InvalidInputError
from geodata.i18n import T
from geodata.importers.states import state_code
from geodata.vocab import KINDS, PRECISIONS, SERVICES
from locator.i18n.api import API_ERRORS, OGC_QUERYABLES, invalid_param

__all__ = [
    "ROUTE_QUERYABLES",
    "SITE_QUERYABLES",
    "Queryable",
    "apply_filters",
    "apply_sort",
    "parse_filters",
    "parse_sortby",
    "queryables_schema",
    "state_code",
]


@dataclass(frozen=True)
class Queryable:
    """One filterable (and maybe sortable) property."""

    name: str
    type: str  # "string", "boolean" or "array" (of strings)
    title: tuple[str, str]
    enum: tuple[str, ...] = ()
    sortable: bool = True

    def schema(self, lang: str) -> dict[str, Any]:
        """The JSON Schema of the property (title in ``lang``)."""
        out: dict[str, Any] = {"title": self.title[1 if lang == "en" else 0]}
        if self.type == "array":
            items: dict[str, Any] = {"type": "string"}
            if self.enum:
                items["enum"] = list(self.enum)
            out.update(type="array", items=items)
        else:
            out["type"] = self.type
            if self.enum:
                out["enum"] = list(self.enum)
        return out


def _q(name: str, type_: str, enum: tuple[str, ...] = (), *, sortable: bool = True) -> Queryable:
    title = OGC_QUERYABLES[name]
    return Queryable(name, type_, (title.es, title.en), enum, sortable)


SITE_QUERYABLES: dict[str, Queryable] = {
    q.name: q
    for q in (
        _q("id", "string"),
        _q("kind", "string", tuple(sorted(KINDS))),
        _q("name", "string"),
        _q("city", "string"),
        _q("state", "string"),
        _q("postal_code", "string"),
        _q("parent_id", "string"),
        _q("location_precision", "string", tuple(sorted(PRECISIONS))),
        _q("verified", "boolean"),
        _q("illustrative", "boolean"),
        _q("mobile", "boolean"),
        _q("services", "array", tuple(sorted(SERVICES)), sortable=False),
        _q("languages", "array", sortable=False),
    )
}
"""Queryables of the site collections (consulate, vds, vds_mobile, clinic); titles from the
catalog's ``ogc_queryable.*``."""

ROUTE_QUERYABLES: dict[str, Queryable] = {
    q.name: q
    for q in (
        _q("id", "string"),
        _q("name", "string"),
        _q("unit_id", "string"),
        _q("illustrative", "boolean"),
    )
}
"""Queryables of the ``routes`` collection."""


def _bad(name: str, value: str, reason: T, **detail: Any) -> InvalidInputError:
    """``Invalid '<name>': <reason>`` (400), with the parameter and its value in ``detail``."""
    return InvalidInputError(
        invalid_param(name, reason),
        detail={"parameter": name, "value": value[:100], **detail},
    )


def _parse_one(q: Queryable, text: str) -> Any:
    if q.type == "boolean":
        if text.lower() not in ("true", "false"):
            raise _bad(q.name, text, API_ERRORS["reason.boolean"])
        return text.lower() == "true"
    if q.name == "state":
        code = state_code(text)
        if not code:
            raise _bad("state", text, API_ERRORS["reason.state"], example="TX")
        return code
    if q.enum and text not in q.enum:
        raise _bad(
            q.name,
            text,
            API_ERRORS["reason.allowed"].fill(values=", ".join(q.enum)),
            allowed=list(q.enum),
        )
    return text if q.enum else text.casefold()


def parse_filters(params: Mapping[str, str], queryables: Mapping[str, Queryable]) -> dict[str, Any]:
    """The property filters among ``params`` (name -> parsed value); bad values are 400."""
    return {name: _parse_one(q, params[name]) for name, q in queryables.items() if name in params}


def _matches(value: Any, wanted: Any) -> bool:
    if isinstance(value, list):
        ids = {str(v.get("id") if isinstance(v, dict) else v).casefold() for v in value}
        return str(wanted).casefold() in ids
    if isinstance(wanted, bool):
        return bool(value) is wanted
    return value is not None and str(value).casefold() == str(wanted).casefold()


def apply_filters(
    positions: list[int], filters: Mapping[str, Any], props: Callable[[int], Mapping[str, Any]]
) -> list[int]:
    """The ``positions`` whose properties (``props(pos)``) pass every filter."""
    if not filters:
        return positions
    return [
        p
        for p in positions
        if all(_matches(props(p).get(name), wanted) for name, wanted in filters.items())
    ]


def parse_sortby(text: str | None, queryables: Mapping[str, Queryable]) -> list[tuple[str, bool]]:
    """``sortby`` as ``[(property, descending), ...]``; unknown properties are 400."""
    if text is None:
        return []
    sortable = [n for n, q in queryables.items() if q.sortable]
    keys = []
    for part in text.split(","):
        name = part.strip().lstrip("+")
        descending = name.startswith("-")
        name = name.lstrip("-")
        if name not in sortable:
            raise _bad(
                "sortby",
                text,
                API_ERRORS["reason.sortable"].fill(names=", ".join(sortable)),
                allowed=sortable,
            )
        keys.append((name, descending))
    return keys


def _key(value: Any) -> tuple[int, Any]:
    if value is None or value == "":
        return (1, "")
    return (0, value.casefold() if isinstance(value, str) else value)


def apply_sort(
    positions: list[int], keys: list[tuple[str, bool]], props: Callable[[int], Mapping[str, Any]]
) -> list[int]:
    """``positions`` ordered by ``keys`` (stable; empty values last in both directions)."""
    out = list(positions)
    for name, descending in reversed(keys):
        present = [p for p in out if _key(props(p).get(name))[0] == 0]
        empty = [p for p in out if _key(props(p).get(name))[0] == 1]
        present.sort(key=lambda p: _key(props(p).get(name)), reverse=descending)
        out = present + empty
    return out


def queryables_schema(
    href: str, title: str, queryables: Mapping[str, Queryable], lang: str
) -> dict[str, Any]:
    """The ``/queryables`` document (JSON Schema 2020-12, OGC 19-079r2 /req/queryables)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": href,
        "type": "object",
        "title": title,
        "properties": {name: q.schema(lang) for name, q in queryables.items()},
        "additionalProperties": False,
    }
