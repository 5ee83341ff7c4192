"""Fixtures for tests against a PostGIS server and for store tests that need a known seed.

Import what you use in a test module::

    from tests.postgis_fixtures import bundle, database_url, pg_schema  # noqa: F401

PostGIS tests are skipped ONLY when no server answers at ``LOCATOR_TEST_DATABASE_URL``
(default ``postgresql://postgres@127.0.0.1:5432/test``); with ``CI`` or
``LOCATOR_REQUIRE_POSTGIS`` set, an unreachable server is a failure instead of a skip.
Each test gets its own schema with a random name, dropped afterwards.
"""

from __future__ import annotations

import contextlib
import functools
import os
import socket
import threading
import uuid
from urllib.parse import urlsplit

import psycopg
import pytest
from shapely.geometry import LineString, Point

from geodata.bundled import Bundled, load_bundled
from geodata.schema import coerce_routes, coerce_sites, coerce_stops
from geodata.vocab import SERVICES

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
SERVER_URL = os.environ.get("LOCATOR_TEST_DATABASE_URL", DEFAULT_URL)


@functools.cache
def server_problem(url: str = SERVER_URL) -> str | None:
    """``None`` when a PostgreSQL server answers at ``url``, else why not."""
    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return None


def require_server() -> str:
    """The server URL, or skip (fail under CI) when no server is reachable."""
    problem = server_problem()
    if problem is not None:
        message = (
            f"no PostgreSQL server reachable at {SERVER_URL} "
            f"(set LOCATOR_TEST_DATABASE_URL): {problem}"
        )
        if os.environ.get("CI") or os.environ.get("LOCATOR_REQUIRE_POSTGIS"):
            pytest.fail(message)
        pytest.skip(message)
    return SERVER_URL


@pytest.fixture
def database_url() -> str:
    """URL of the test server (skips when none is reachable)."""
    return require_server()


def drop_schema(url: str, schema: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


@pytest.fixture
def pg_schema(database_url):
    """A fresh schema name; the schema is dropped after the test."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    yield schema
    drop_schema(database_url, schema)


def small_bundle() -> Bundled:
    """A small synthetic seed: 40 sites over the US, one illustrative route with 3 stops."""
    kinds = ["consulate", "vds", "vds_mobile", "clinic"]
    services = list(SERVICES)
    langs = [["es", "en"], ["es"], ["EN"], []]
    sites = []
    for i in range(40):
        lon = -122.0 + (i * 7.31) % 50.0
        lat = 26.0 + (i * 3.17) % 22.0
        sites.append(
            {
                "id": f"seed-{i:02d}",
                "kind": kinds[i % 4],
                "name": f"Sitio {i}",
                "city": f"Ciudad {i}",
                "state": "TX",
                "location_precision": "city",
                "source": "synthetic test seed",
                "services": services[i % 7 : i % 7 + 1 + i % 3],
                "languages": langs[i % 4],
                "verified": i % 5 == 0,
                "illustrative": True,
                "geometry": Point(lon, lat),
            }
        )
    route = {
        "id": "route-1",
        "unit_id": "seed-02",
        "name": "Ruta 1",
        "description": "illustrative",
        "source": "test",
        "illustrative": True,
        "geometry": LineString([(-87.6, 41.8), (-88.0, 42.0), (-88.3, 42.3)]),
    }
    stops = [
        {
            "id": f"stop-{n}",
            "route_id": "route-1",
            "sequence": n,
            "name": f"Parada {n}",
            "duration_minutes": 60 * n,
            "timezone": "America/Chicago",
            "illustrative": True,
            "location_precision": "city",
            "geometry": Point(-87.6 - n * 0.3, 41.8 + n * 0.2),
        }
        for n in (1, 2, 3)
    ]
    return Bundled(
        coerce_sites(sites),
        coerce_routes([route]),
        coerce_stops(stops),
        {"dataset_version": "test-1", "built": "2024-01-01"},
    )


@pytest.fixture
def bundle(monkeypatch) -> Bundled:
    """The seed every new store is created from: the real bundled data when present."""
    try:
        data = load_bundled()
    except (FileNotFoundError, OSError):
        data = small_bundle()
    import geodata.stores.gpkg as gpkg_module
    import geodata.stores.postgis as postgis_module

    monkeypatch.setattr(gpkg_module, "load_bundled", lambda *a, **k: data)
    monkeypatch.setattr(postgis_module, "load_bundled", lambda *a, **k: data)
    return data


class TcpProxy:
    """A tiny TCP forwarder to the test server, to cut and restore the database link.

    ``stop()`` closes the listener and every open connection (like a server going away);
    ``start()`` listens again on the same port. ``freeze()`` keeps every connection open and
    accepts new ones but forwards nothing (like a server stopped with SIGSTOP) until ``thaw()``.
    """

    def __init__(self, upstream_host: str, upstream_port: int) -> None:
        self.upstream = (upstream_host, upstream_port)
        self.port = 0
        self._listener = None
        self._conns: set = set()
        self._lock = threading.Lock()
        self._flowing = threading.Event()
        self._flowing.set()

    def freeze(self) -> None:
        """Hold every byte in both directions (the server looks alive but never answers)."""
        self._flowing.clear()

    def thaw(self) -> None:
        """Forward again (held bytes go through)."""
        self._flowing.set()

    def start(self) -> TcpProxy:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()
        return self

    def stop(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(OSError):
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            conns, self._conns = self._conns, set()
        for sock in conns:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def url(self, base: str) -> str:
        parts = urlsplit(base)
        user = f"{parts.username}@" if parts.username else ""
        return f"postgresql://{user}127.0.0.1:{self.port}{parts.path}"

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                server = socket.create_connection(self.upstream, timeout=5)
            except OSError:
                client.close()
                continue
            server.settimeout(None)
            with self._lock:
                self._conns.update((client, server))
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                self._flowing.wait()
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def db_proxy(database_url):
    """A :class:`TcpProxy` in front of the test server (stopped after the test)."""
    parts = urlsplit(database_url)
    proxy = TcpProxy(parts.hostname or "127.0.0.1", parts.port or 5432).start()
    yield proxy
    proxy.stop()
