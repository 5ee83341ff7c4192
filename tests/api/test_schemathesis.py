"""Property-based API tests from the OpenAPI document (schemathesis): never a 5xx.

Examples are bounded (hypothesis ``max_examples``) so the whole module runs well under two
minutes. Both valid (positive) and invalid (negative) requests are generated.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode

from api.app import create_app
from api.settings import Settings
from geodata.stores.gpkg import GeoPackageStore
from tests.api.conftest import API_KEY


def _app():
    path = Path(tempfile.mkdtemp(prefix="locator-schemathesis-")) / "locator.gpkg"
    GeoPackageStore(path)
    # This module hunts 5xx from bugs; the time budget (503 past it) has its own tests
    # (tests/api/test_middleware.py). A cold demand-layer build takes seconds on a busy machine.
    return create_app(Settings(store=str(path), api_key=API_KEY, refresh_seconds=0,
                               database_url=None, max_upload_mb=1.0,
                               request_budget_seconds=120.0))


# Loaded at import: schemathesis' lazy fixture loader does not support this pytest version.
schema = schemathesis.openapi.from_asgi("/openapi.json", _app())
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])


SLOW = "/v1/coverage/suggestions"  # solves an optimisation model (~1 s a call)
_HEALTH = [HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.function_scoped_fixture]


def _check(case):
    headers = {"X-API-Key": API_KEY} if case.method == "POST" else None
    case.call_and_validate(headers=headers, checks=[not_a_server_error])


@schema.exclude(path=SLOW).parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=_HEALTH)
def test_no_server_errors(case):
    _check(case)


@schema.include(path=SLOW).parametrize()
@settings(max_examples=6, deadline=None, suppress_health_check=_HEALTH)
def test_no_server_errors_slow_endpoints(case):
    _check(case)
