"""Issue 13: uvicorn's own 400s (unparseable requests) are problem+json; OPTIONS lists HEAD."""

from __future__ import annotations

import json
import socket
import threading
import time

import pytest
import uvicorn

from locator.cli.serve_cmd import HTTP_PROTOCOLS, http_protocol


async def _app(scope, receive, send):  # never reached by an unparseable request
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


def _raw(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        out = b""
        while chunk := sock.recv(65536):
            out += chunk
    return out


@pytest.fixture(params=sorted(HTTP_PROTOCOLS))
def server_port(request):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(
        _app,
        host="127.0.0.1",
        port=port,
        http=HTTP_PROTOCOLS[request.param],
        log_level="error",
        lifespan="off",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):
        if server.started:
            break
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(10)


@pytest.mark.parametrize(
    "request_bytes",
    [
        b"GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n",
        b"G@T / HTTP/1.1\r\nHost: x\r\n\r\n",
        b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03" + b"\x00" * 40,  # TLS to a plain port
    ],
)
def test_unparseable_request_gets_problem_json(server_port, request_bytes):
    answer = _raw(server_port, request_bytes)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    assert b"content-type: application/problem+json" in head.lower()
    problem = json.loads(body)
    assert problem["status"] == 400 and problem["code"] == "bad_http_request"
    assert "mal formada" in problem["detail"] and "malformed" in problem["detail"]


def test_serve_uses_a_problem_protocol():
    assert http_protocol() in HTTP_PROTOCOLS.values()


@pytest.mark.parametrize("path", ["/v1/nearest", "/health", "/v1/sites"])
def test_options_lists_head(client, path):
    r = client.options(path)
    assert r.status_code == 204 and r.content == b""
    assert [m.strip() for m in r.headers["allow"].split(",")] == ["GET", "HEAD", "OPTIONS"]


def test_405_allow_lists_head(client):
    r = client.delete("/v1/nearest")
    assert r.status_code == 405
    assert r.headers["content-type"] == "application/problem+json"
    assert "HEAD" in r.headers["allow"]
    assert client.options("/nowhere").status_code == 404
