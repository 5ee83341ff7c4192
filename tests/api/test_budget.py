"""Issue 13: every request has a time budget; a stuck one is answered 503, never held open."""

from __future__ import annotations

import asyncio
import threading

import pytest
from fastapi.testclient import TestClient
from starlette.concurrency import run_in_threadpool
from starlette.responses import StreamingResponse

from api.app import create_app
from tests.api.conftest import _settings


@pytest.fixture
def budget_app(base_store):
    app = create_app(_settings(base_store, request_budget_seconds=0.3, write_budget_seconds=0.3))
    never = asyncio.Event()  # nothing ever sets it: the route would wait forever
    release = threading.Event()

    async def stuck_async():
        await never.wait()

    async def stuck_thread():
        await run_in_threadpool(release.wait, 30)

    async def slow_stream():
        async def body():
            for part in (b"a", b"b", b"c"):
                yield part
                await asyncio.sleep(0.2)  # the whole answer takes longer than the budget

        return StreamingResponse(body(), media_type="text/plain")

    app.add_api_route("/test/stuck", stuck_async, methods=["GET", "POST"])
    app.add_api_route("/test/stuck-thread", stuck_thread)
    app.add_api_route("/test/stream", slow_stream)
    app.state.release = release
    yield app
    release.set()


@pytest.mark.parametrize(
    ("method", "path"),
    [("GET", "/test/stuck"), ("POST", "/test/stuck"), ("GET", "/test/stuck-thread")],
)
def test_stuck_request_gets_503_with_retry_after(budget_app, method, path):
    with TestClient(budget_app) as client:
        r = client.request(method, path, headers={"Accept-Language": "en"})
        assert r.status_code == 503
        assert r.headers["content-type"] == "application/problem+json"
        assert int(r.headers["retry-after"]) > 0
        body = r.json()
        assert body["code"] == "over_time_budget" and body["budget_seconds"] == 0.3
        assert "budget" in body["detail"]
        assert r.headers["x-content-type-options"] == "nosniff"  # hygiene still applies
        assert client.get("/health").status_code == 200  # the server keeps answering


def test_spanish_message_by_default(budget_app):
    with TestClient(budget_app) as client:
        assert "límite" in client.get("/test/stuck").json()["detail"]


def test_answer_under_way_is_not_cut(budget_app):
    with TestClient(budget_app) as client:
        r = client.get("/test/stream")
        assert r.status_code == 200 and r.content == b"abc"


def test_zero_turns_the_budget_off(base_store):
    app = create_app(_settings(base_store, request_budget_seconds=0))
    assert app.state.settings.request_budget_seconds == 0
    with TestClient(app) as client:
        assert client.get("/health").status_code == 200
