"""The PostGIS store: sites, routes and stops in PostgreSQL, shared by many API replicas.

Tables live in one schema (default ``locator``): ``sites`` (``geography(Point, 4326)``, GiST
index, ``services``/``languages`` as ``text[]``), ``routes`` (``geography(LineString, 4326)``),
``stops`` and ``meta`` (``dataset_version``, ``content_hash``, ``revision``...). They are created
by the numbered SQL migrations in :mod:`geodata.stores.migrations` and seeded from the bundled
data on first use, when empty. The first migration runs ``CREATE EXTENSION IF NOT EXISTS
postgis``: connect with a role allowed to do that, or to a database where PostGIS exists.

Writes (:meth:`PostGISStore.apply`) happen in ONE transaction: the incoming rows are copied to
temporary tables, upserted by id (``INSERT ... ON CONFLICT (id) DO UPDATE``), the stops of
every affected route are replaced and the metadata bumped, then committed. A client killed
midway leaves nothing: PostgreSQL rolls the open transaction back.

An unreachable server raises :class:`~geodata.errors.DataUnavailableError` (the API answers
503 with ``Retry-After``) at once, without waiting; connections come from a small pool that
drops dead connections and connects afresh, so the first call after the server is back works.

Nothing waits on the database for long (issue 13): a connect timeout, server-side
``statement_timeout``, ``lock_timeout`` (a writer queued behind another one's lock) and
``idle_in_transaction_session_timeout``, plus a client-side deadline per checkout for a
*frozen* server, which accepts connections but never answers. The error carries
``retry_after_seconds`` from what was observed: the lock timeout when another write holds
the lock, else how long the database has been failing (1 s at first, at most 30 s). Messages
name neither the URL nor the host.

Examples
--------
>>> store = PostGISStore("postgresql://postgres@127.0.0.1:5432/test")  # doctest: +SKIP
>>> "consulate-chicago" in set(store.sites()["id"])  # doctest: +SKIP
True
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import TypeVar
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import geopandas as gpd
import psycopg
from psycopg import sql

from geodata.bundled import load_bundled
from geodata.errors import DataUnavailableError, InvalidInputError, StoreError
from geodata.i18n import T as Entry
from geodata.messages import STORE
from geodata.stores import _pg_sql as q
from geodata.stores._pg_pool import DeadlineExceeded, Pool, PoolBusy
from geodata.stores.base import ApplyReport, ChangeSet, SiteStore
from geodata.stores.migrations import migrate

__all__ = ["PostGISStore"]


_SCHEMA = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
T = TypeVar("T")

STATEMENT_TIMEOUT_S = 10.0
"""Server-side limit of one statement."""
LOCK_TIMEOUT_S = 3.0
"""How long a write waits for another write's lock before failing (503, retry)."""
IDLE_IN_TRANSACTION_S = 60.0
READ_DEADLINE_S = 12.0
"""Client-side limit of one read checkout (a frozen server answers nothing)."""
WRITE_DEADLINE_S = 45.0
"""Client-side limit of one write (staging, upsert, hash, metadata) in one transaction."""
MAX_RETRY_AFTER_S = 30


class PostGISStore(SiteStore):
    """Sites, routes and stops in a PostGIS schema; created and seeded on first use.

    Parameters
    ----------
    url
        ``postgresql://user@host:port/dbname`` (``postgres://`` and ``postgresql+psycopg://``
        are accepted too).
    schema
        Schema holding the tables (lower-case letters, digits, ``_``). Default: the URL's
        ``schema`` query parameter (``...?schema=locator_staging``), else ``locator``.
    pool_size
        Most connections this store opens.
    timeout
        Seconds to wait for a connection before raising ``DataUnavailableError``.
    """

    def __init__(
        self,
        url: str,
        *,
        schema: str | None = None,
        pool_size: int = 8,
        timeout: float = 5.0,
    ) -> None:
        url, url_schema = _split_schema(url)
        schema = schema or url_schema or "locator"
        if not _SCHEMA.match(schema):
            raise InvalidInputError(
                STORE["bad_schema"].fill(schema=schema),
            )
        self.url = re.sub(r"^postgresql\+psycopg://", "postgresql://", url)
        self.schema = schema
        self.timeout = timeout
        self._cache: dict[str, tuple[str, gpd.GeoDataFrame]] = {}
        self._failing_since: float | None = None
        postgis_schema = self._setup()
        path = ",".join(dict.fromkeys([schema, postgis_schema, "public"]))
        self._pool = Pool(
            self.url,
            max_size=pool_size,
            timeout=timeout,
            deadline=READ_DEADLINE_S,
            options=f"-c search_path={path} {_server_timeouts()}",
            application_name=f"locator:{schema}",
        )

    def __repr__(self) -> str:
        return f"PostGISStore({_redact(self.url)!r}, schema={self.schema!r})"

    # -- connections ---------------------------------------------------------------------
    def _setup(self) -> str:
        """Migrate and seed (once, under an advisory lock); return PostGIS's schema."""
        try:
            with psycopg.connect(self.url, connect_timeout=max(2, round(self.timeout))) as conn:
                migrate(conn, self.schema)
                postgis_schema = q.fetch_one(conn, q.POSTGIS_SCHEMA)[0]
                conn.execute(
                    sql.SQL("SET LOCAL search_path TO {}, {}, public").format(
                        sql.Identifier(self.schema), sql.Identifier(postgis_schema)
                    )
                )
                if conn.execute(q.META_GET, ("dataset_version",)).fetchone() is None:
                    self._seed(conn)
        except psycopg.OperationalError as exc:
            raise self._unavailable(exc) from exc
        except psycopg.Error as exc:
            raise self._broken(exc) from exc
        return postgis_schema

    @contextlib.contextmanager
    def _connection(
        self, *, ping: bool = False, deadline: float | None = None
    ) -> Iterator[psycopg.Connection]:
        """A pooled connection inside one transaction (committed on success)."""
        try:
            with self._pool.connection(ping=ping, deadline=deadline) as conn:
                yield conn
            self._failing_since = None
        except psycopg.OperationalError as exc:
            raise self._unavailable(exc) from exc
        except psycopg.Error as exc:
            raise self._broken(exc) from exc

    def _read(self, func: Callable[[psycopg.Connection], T]) -> T:
        """Run a read; retry once on a dropped connection (the pool then opens a fresh one)."""
        for attempt in (1, 2):
            try:
                with self._connection() as conn:
                    return func(conn)
            except DataUnavailableError as exc:
                if attempt == 2 or isinstance(exc.__cause__, PoolBusy):
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def _unavailable(self, exc: Exception) -> DataUnavailableError:
        """A 503-class error with what happened, never the URL, and an observed Retry-After."""
        now = time.monotonic()
        if isinstance(exc, psycopg.errors.LockNotAvailable | PoolBusy):
            reason = STORE["write_in_progress"]
            retry = math.ceil(LOCK_TIMEOUT_S)
        else:
            if self._failing_since is None:
                self._failing_since = now
            reason = _reason(exc)
            retry = min(MAX_RETRY_AFTER_S, max(1, math.ceil(now - self._failing_since)))
        return DataUnavailableError(
            STORE["unavailable"].fill(reason=reason, retry=retry),
            detail={"retry_after_seconds": retry},
        )

    def _broken(self, exc: Exception) -> StoreError:
        return StoreError(
            STORE["unusable"].fill(schema=self.schema, error=_first_line(exc)),
        )

    def close(self) -> None:
        """Close every pooled connection."""
        self._pool.close()

    # -- reading -------------------------------------------------------------------------
    def version(self) -> str:
        """``<dataset_version>-<content_hash>``: one small query."""
        return self._read(lambda conn: q.fetch_one(conn, q.VERSION)[0])

    def meta(self) -> dict[str, str]:
        return self._read(lambda conn: dict(conn.execute(q.META_ALL).fetchall()))

    def _table(self, name: str) -> gpd.GeoDataFrame:
        """Read a whole table, cached per dataset version (read in the same snapshot)."""

        def load(conn: psycopg.Connection) -> tuple[str, gpd.GeoDataFrame]:
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            version = q.fetch_one(conn, q.VERSION)[0]
            cached = self._cache.get(name)
            if cached and cached[0] == version:
                return cached
            return version, q.read_table(conn, name)

        entry = self._read(load)
        self._cache[name] = entry
        return entry[1].copy()

    def sites(self) -> gpd.GeoDataFrame:
        return self._table("sites")

    def routes(self) -> gpd.GeoDataFrame:
        return self._table("routes")

    def stops(self) -> gpd.GeoDataFrame:
        return self._table("stops")

    # -- writing -------------------------------------------------------------------------
    def apply(self, changes: ChangeSet, *, dry_run: bool = False) -> ApplyReport:
        changes.validate()
        with self._connection(ping=True, deadline=WRITE_DEADLINE_S) as conn:
            conn.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"apply:{self.schema}",))
            ids = list(changes.sites["id"])
            rows = conn.execute("SELECT id, kind FROM sites WHERE id = ANY(%s)", (ids,)).fetchall()
            changes.check_kinds(dict(rows))
            official = changes.check_official(q.read_sites(conn, ids)) if rows else []
            report = q.stage_and_count(conn, changes)
            report.official_changed = official
            report.routes, report.stops = len(changes.routes), len(changes.stops)
            report.dry_run = dry_run
            if dry_run:
                report.version = q.fetch_one(conn, q.VERSION)[0]
                conn.rollback()
                return report
            q.upsert_staged(conn, changes)
            meta = dict(conn.execute(q.META_ALL).fetchall())
            _bump_meta(meta, changes.source, q.content_hash_sql(conn))
            q.write_meta(conn, meta)
            report.version = q.fetch_one(conn, q.VERSION)[0]
        return report

    def _seed(self, conn: psycopg.Connection) -> None:
        """Fill an empty store from the bundled dataset (inside the setup transaction)."""
        data = load_bundled()
        changes = ChangeSet(sites=data.sites, routes=data.routes, stops=data.stops)
        q.stage_and_count(conn, changes)
        q.upsert_staged(conn, changes)
        meta = {k: str(v) for k, v in data.meta.items()}
        meta["content_hash"] = q.content_hash_sql(conn)
        meta["revision"] = "0"
        q.write_meta(conn, meta)


def _bump_meta(meta: dict[str, str], source: str, digest: str) -> None:
    meta["content_hash"] = digest
    meta["revision"] = str(int(meta.get("revision", "0")) + 1)
    meta["updated"] = datetime.now(UTC).isoformat(timespec="seconds")
    if source:
        imports = json.loads(meta.get("imports", "[]"))
        imports.append({"source": source, "at": meta["updated"]})
        meta["imports"] = json.dumps(imports[-50:])


def _split_schema(url: str) -> tuple[str, str | None]:
    """Remove the ``schema`` query parameter (not a libpq one) from ``url``; return both."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    schema = next((v for k, v in pairs if k == "schema"), None)
    query = urlencode([(k, v) for k, v in pairs if k != "schema"])
    return urlunsplit(parts._replace(query=query)), schema


def _redact(url: str) -> str:
    """``host:port/dbname`` of a URL, never its password."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or "localhost"
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        return "postgresql://?"
    return f"postgresql://{host}{port}{parts.path}"


def _server_timeouts() -> str:
    """libpq ``options`` setting the server-side timeouts of every pooled session."""
    ms = {
        "statement_timeout": STATEMENT_TIMEOUT_S,
        "lock_timeout": LOCK_TIMEOUT_S,
        "idle_in_transaction_session_timeout": IDLE_IN_TRANSACTION_S,
    }
    return " ".join(f"-c {name}={round(value * 1000)}" for name, value in ms.items())


def _reason(exc: Exception) -> Entry:
    """What went wrong, in words that name no host."""
    if isinstance(exc, DeadlineExceeded):
        return STORE["no_answer"]
    if isinstance(exc, psycopg.errors.QueryCanceled):
        return STORE["query_too_long"]
    text = str(exc).lower()
    if "timeout" in text or "timed out" in text:
        return STORE["connect_timeout"]
    if "refused" in text:
        return STORE["connection_refused"]
    return STORE["connection_lost"]


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__
