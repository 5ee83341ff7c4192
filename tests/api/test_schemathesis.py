"""Property-based API tests from the OpenAPI document (schemathesis), with every stateless check.

Every operation of ``/openapi.json`` gets valid (positive) and invalid (negative) requests, and
every response goes through all of schemathesis' stateless checks (listed in :data:`CHECKS`:
no 5xx, documented status codes, content types and headers, response bodies that match their
schemas, invalid data refused, valid data accepted, required headers, unsupported methods).

One check needs an oracle: ``positive_data_acceptance`` takes every request that matches the
schema for one the server must accept. A few documented rules cannot be written in an OpenAPI
3.1 parameter list (they relate two parameters, or depend on the data and the uploaded bytes);
:func:`documented_refusal` states each of them independently of the server's code, and for a
request that breaks one the test demands the documented refusal (a 400 or 422 problem+json)
instead. Every other check runs on every response.

Examples are bounded (``max_examples``) and derandomized, so the module is deterministic,
offline and takes about two minutes on a busy 2-core machine.
"""

from __future__ import annotations

import math
import re
import tempfile
from datetime import date, datetime
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS as CHECKS_REGISTRY
from schemathesis.checks import load_all_checks
from schemathesis.generation import GenerationMode

from api.app import create_app
from api.ogc_params import MAX_LIMIT
from api.ogc_queryables import ROUTE_QUERYABLES, SITE_QUERYABLES
from api.settings import Settings
from geodata.stores.gpkg import GeoPackageStore
from tests.api.conftest import API_KEY

_STORE = Path(tempfile.mkdtemp(prefix="locator-schemathesis-")) / "locator.gpkg"


def _app():
    GeoPackageStore(_STORE)
    # This module hunts wrong answers; the time budget (503 past it) has its own tests
    # (tests/api/test_middleware.py). A cold demand-layer build takes seconds on a busy machine.
    return create_app(
        Settings(
            store=str(_STORE),
            api_key=API_KEY,
            refresh_seconds=0,
            database_url=None,
            max_upload_mb=1.0,
            request_budget_seconds=120.0,
        )
    )


# Loaded at import: schemathesis' lazy fixture loader does not support this pytest version.
schema = schemathesis.openapi.from_asgi("/openapi.json", _app())
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])

STATELESS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "missing_required_header",
    "unsupported_method",
    "allow_header_conformance",
    "ignored_auth",
)
"""Every stateless check schemathesis has. Its other three (use_after_free,
ensure_resource_availability, object_level_authorization) follow links between operations
(stateful runs): this API declares no links and has no create/read/delete resources."""
load_all_checks()
CHECKS = CHECKS_REGISTRY.get_by_names(list(STATELESS))
_ACCEPTANCE = CHECKS_REGISTRY.get_one("positive_data_acceptance")
_REJECTION = CHECKS_REGISTRY.get_one("negative_data_rejection")

SLOW = "/v1/coverage/suggestions"  # solves an optimisation model (~1 s a call)
_HEALTH = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture]
_POINT_PATHS = (
    "/v1/nearest",
    "/v1/visits",
    "/v1/consulates/serving",
    "/v1/maps/nearest.html",
    "/v1/coverage/suggestions",
)
_STORE_KINDS = {"consulate", "vds", "vds_mobile"}  # the bundled data: no clinic until imported
_FIRST_DAY, _LAST_DAY = date(1991, 1, 1), date(2099, 12, 31)


def _values(query: dict, name: str) -> list:
    value = query.get(name)
    if value is None:
        return []
    return [str(v) for v in (value if isinstance(value, list) else [value])]


def _point_rule(query: dict) -> str | None:
    has_q, has_lat, has_lon = (bool(_values(query, n)) for n in ("q", "lat", "lon"))
    if has_q and (has_lat or has_lon):
        return "q together with lat/lon (documented: one or the other)"
    if has_lat != has_lon:
        return "lat without lon or lon without lat (documented: both)"
    if not (has_q or has_lat):
        return "neither q nor lat/lon (documented: one of them is needed)"
    return None


def _bbox_rule(parts: list[str]) -> str | None:
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        return "bbox is not numbers (documented: minx,miny,maxx,maxy)"
    if len(numbers) == 6:  # OGC 3D box: minx,miny,minz,maxx,maxy,maxz
        numbers = numbers[:2] + numbers[3:5]
    if len(numbers) != 4:
        return "bbox is not four numbers (documented: minx,miny,maxx,maxy)"
    if not all(math.isfinite(v) for v in numbers):
        return "bbox is not finite"
    minx, miny, maxx, maxy = numbers
    if not (abs(minx) <= 180 and abs(maxx) <= 180 and -90 <= miny <= maxy <= 90):
        return "bbox out of range, or miny > maxy (documented: degrees, south to north)"
    return None


_LAT_LON = re.compile(r"^\s*([-+]?\d{1,3}(?:\.\d+)?)\s*[,;\s]\s*([-+]?\d{1,3}(?:\.\d+)?)\s*$")


def _place_rule(q: str) -> str | None:
    if not any(c.isalnum() for c in q):
        return "q has no letter or digit (documented: a place name, ZIP or lat,lon)"
    if (m := _LAT_LON.match(q)) and not (abs(float(m[1])) <= 90 and abs(float(m[2])) <= 180):
        return "q is a lat,lon out of range (documented: -90..90, -180..180)"
    return None


def _instant_rule(text: str) -> str | None:
    ends = [e for e in text.split("/") if e not in ("", "..")]
    for end in ends:
        try:
            datetime.fromisoformat(end.replace("z", "Z").replace("t", "T").replace("Z", "+00:00"))
        except ValueError:
            return "datetime names a day or time that does not exist (e.g. 2024-02-30)"
    return None


def _km_rule(text: str) -> str | None:
    try:
        distances = [float(p) for p in text.split(",")]
    except ValueError:
        return "thresholds_km is not numbers (documented: 1 to 6 distances, e.g. 50,100,200)"
    if not 1 <= len(distances) <= 6 or not all(1 <= d <= 2000 for d in distances):
        return "thresholds_km needs 1 to 6 distances of 1-2000 km (documented)"
    return None


def _day_rule(text: str) -> str | None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None  # not a date at all: the schema's own format, checked as usual
    if not _FIRST_DAY <= day <= _LAST_DAY:
        return "date outside 1991-2099 (documented range of the schedules)"
    return None


def documented_refusal(case) -> str | None:
    """Why a request that matches the schema must still be refused, or ``None``.

    Each rule is written in the operation's description; OpenAPI 3.1 has no way to state it
    in a parameter list, so schemathesis' positive generator cannot know it.
    """
    path, query = case.path, case.query or {}
    if path in _POINT_PATHS and (why := _point_rule(query)):
        return why
    bbox = query.get("bbox")
    if bbox is not None and (
        why := _bbox_rule(
            [str(v) for v in bbox] if isinstance(bbox, list) else str(bbox).split(",")
        )
    ):
        return why
    for text in _values(query, "datetime"):
        if why := _instant_rule(text):
            return why
    if path == "/v1/coverage":  # thresholds_km, or its old name within_km when it is absent
        for text in _values(query, "thresholds_km") or _values(query, "within_km"):
            if why := _km_rule(text):
                return why
    for name in ("on", "from"):
        for text in _values(query, name):
            if why := _day_rule(text):
                return why
    for q in _values(query, "q"):
        if why := _place_rule(q):
            return why
    if path.startswith("/v1/coverage"):
        kinds = {k for v in _values(query, "kind") for k in v.split(",") if k}
        if kinds and not kinds & _STORE_KINDS:
            return "kind matches no site in this store (documented: no sites to cover with)"
    if path == "/tiles/{name}/{z}/{x}/{y}.png":
        p = case.path_parameters or {}
        if max(int(p["x"]), int(p["y"])) > 2 ** int(p["z"]) - 1:
            return "x or y beyond 2**z - 1 (documented: the tile grid of zoom z)"
    if path == "/v1/imports":
        return "the generated body is random bytes, never a valid file of the declared format"
    if path == "/ogc/collections/{collectionId}/items" and (why := _sortby_rule(case)):
        return why
    return None


def _sortby_rule(case) -> str | None:
    """A ``sortby`` property sortable in another collection but not in this one."""
    cid = (case.path_parameters or {}).get("collectionId")
    known = ROUTE_QUERYABLES if cid == "routes" else SITE_QUERYABLES
    sortable = {n for n, q in known.items() if q.sortable}
    for text in _values(case.query or {}, "sortby"):
        for part in text.split(","):
            if part.strip().lstrip("+").lstrip("-") not in sortable:
                return "sortby names a property this collection cannot sort by (its queryables)"
    return None


def _negated(case) -> set[str]:
    data = case.meta.phase.data
    names = {m.parameter for m in getattr(data, "mutations", ()) if m.parameter}
    return names or ({data.parameter} if getattr(data, "parameter", None) else set())


def documented_acceptance(case) -> str | None:
    """Why a request outside the schema must still be served, or ``None``.

    One case only: an OGC ``limit`` above the maximum. 17-069r4 requires the parameter to be
    declared with a ``maximum`` (/req/core/fc-limit-definition) and says a larger value is
    served up to that maximum (7.15.4: "if you ask for 50000, you might get up to 10000"), so
    ``negative_data_rejection`` contradicts the standard here. The cap itself is checked.
    """
    limit = str((case.query or {}).get("limit", ""))
    if (
        case.path.startswith("/ogc/")
        and _negated(case) == {"limit"}
        and limit.isdigit()
        and int(limit) > MAX_LIMIT
    ):
        return "OGC limit above the maximum is served as the maximum (17-069r4 7.15.4)"
    return None


def _check(case) -> None:
    headers = {"X-API-Key": API_KEY} if case.method == "POST" else None
    response = case.call(headers=headers)
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if not positive and case.meta is not None and (why := documented_acceptance(case)):
        case.validate_response(
            response, headers=headers, checks=[c for c in CHECKS if c is not _REJECTION]
        )
        if response.status_code == 200:
            assert response.json()["numberReturned"] <= MAX_LIMIT, why
        return
    why = documented_refusal(case) if positive else None
    if why is None:
        case.validate_response(response, headers=headers, checks=CHECKS)
        return
    # every other check still runs; acceptance is replaced by the documented refusal
    case.validate_response(
        response, headers=headers, checks=[c for c in CHECKS if c is not _ACCEPTANCE]
    )
    if response.status_code < 400:
        return  # a rule the server relaxes (e.g. a file that happens to parse) is not a failure
    # 400/422 for the rule itself; another documented 4xx (a 404 for an unknown id) may come first
    assert response.status_code in (400, 404, 422), (why, response.status_code, response.text[:300])
    assert response.headers["content-type"][0].startswith("application/problem+json"), why


@schema.exclude(path=SLOW).parametrize()
@settings(
    max_examples=25, deadline=None, derandomize=True, database=None, suppress_health_check=_HEALTH
)
def test_all_stateless_checks(case):
    _check(case)


@schema.include(path=SLOW).parametrize()
@settings(
    max_examples=6, deadline=None, derandomize=True, database=None, suppress_health_check=_HEALTH
)
def test_all_stateless_checks_slow_endpoints(case):
    _check(case)
