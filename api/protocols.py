"""uvicorn HTTP protocols whose own ``400`` answers are problem details (issue 13).

A request uvicorn cannot parse (a bad request line, an invalid header, a bad method token)
never reaches the application; uvicorn answers it itself with a plain-text ``400``. These
subclasses answer the same ``400`` as ``application/problem+json`` in both languages (the
request's language cannot be read from a request that could not be parsed). ``locator serve``
uses them (``http="api.protocols:ProblemHttpToolsProtocol"``, or the h11 one when httptools
is missing).

Examples
--------
>>> body = problem_body("Invalid HTTP request received.")
>>> body["status"], body["code"]
(400, 'bad_http_request')
"""

from __future__ import annotations

import json
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["ProblemH11Protocol", "problem_body", "protocol_name"]


def problem_body(msg: str) -> dict[str, Any]:
    """The problem-details document of uvicorn's ``400`` with message ``msg``."""
    return {
        "type": "urn:locator:problem:bad_http_request",
        "title": "Solicitud no válida / Bad request",
        "status": 400,
        "detail": f"Solicitud HTTP mal formada / malformed HTTP request: {msg}",
        "code": "bad_http_request",
    }


def _encoded(msg: str) -> bytes:
    return json.dumps(problem_body(msg), ensure_ascii=True).encode("ascii")


class ProblemH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, with a problem-details ``400``."""

    def send_400_response(self, msg: str) -> None:
        import h11

        body = _encoded(msg)
        headers = [
            (b"content-type", b"application/problem+json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
            (b"x-content-type-options", b"nosniff"),
            (b"cache-control", b"no-store"),
        ]
        for event in (
            h11.Response(status_code=400, headers=headers, reason=b"Bad Request"),
            h11.Data(data=body),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event))
        self.transport.close()


try:
    from uvicorn.protocols.http.httptools_impl import STATUS_LINE, HttpToolsProtocol
except ImportError:  # httptools not installed: uvicorn uses h11
    _HAVE_HTTPTOOLS = False
else:
    _HAVE_HTTPTOOLS = True

    class ProblemHttpToolsProtocol(HttpToolsProtocol):
        """uvicorn's httptools protocol, with a problem-details ``400``."""

        def send_400_response(self, msg: str) -> None:
            body = _encoded(msg)
            content = [STATUS_LINE[400]]
            for name, value in self.server_state.default_headers:
                content.extend([name, b": ", value, b"\r\n"])
            content.extend(
                [
                    b"content-type: application/problem+json\r\n",
                    b"content-length: " + str(len(body)).encode() + b"\r\n",
                    b"x-content-type-options: nosniff\r\ncache-control: no-store\r\n",
                    b"connection: close\r\n\r\n",
                    body,
                ]
            )
            self.transport.write(b"".join(content))
            self.transport.close()

    __all__ += ["ProblemHttpToolsProtocol"]


def protocol_name() -> str:
    """Import string of the protocol ``locator serve`` should use."""
    if _HAVE_HTTPTOOLS:
        return "api.protocols:ProblemHttpToolsProtocol"
    return "api.protocols:ProblemH11Protocol"
