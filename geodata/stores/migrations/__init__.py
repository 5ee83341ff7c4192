"""A tiny migration runner for the PostGIS store.

Migrations are the numbered SQL files in this folder (``0001_init.sql``, ``0002_...sql``),
applied in order, each once, inside the caller's transaction. The applied ones are recorded
in the table ``schema_migrations (version, name, applied_at)`` of the store's schema. A
transaction-level advisory lock serialises concurrent start-ups (two API replicas starting
together): the second waits, then finds nothing left to do.

SQL files use unqualified names: the runner sets ``search_path`` to the store schema first
(then ``public``, where ``CREATE EXTENSION postgis`` puts PostGIS by default).

Examples
--------
>>> [m.version for m in available()][:1]
[1]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

__all__ = ["LOCK_KEY", "Migration", "available", "migrate"]

FOLDER = Path(__file__).parent
LOCK_KEY = 4_015_172_009
"""Advisory lock id held while migrating (one for all schemas: CREATE EXTENSION is global)."""

_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    """One numbered SQL file."""

    version: int
    name: str
    path: Path

    def sql(self) -> str:
        """The file's SQL text."""
        return self.path.read_text(encoding="utf-8")


def available(folder: Path = FOLDER) -> list[Migration]:
    """Every migration file in ``folder``, by version."""
    found = []
    for path in folder.glob("*.sql"):
        match = _NAME.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), path))
    return sorted(found, key=lambda m: m.version)


def migrate(conn: psycopg.Connection, schema: str, *, folder: Path = FOLDER) -> list[int]:
    """Bring ``schema`` up to date inside the current transaction; return versions applied.

    The caller commits (or rolls back: then nothing was applied). ``search_path`` is left set
    to ``schema, public`` for the rest of the transaction.
    """
    conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
    ident = sql.Identifier(schema)
    conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(ident))
    conn.execute(sql.SQL("SET LOCAL search_path TO {}, public").format(ident))
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version integer PRIMARY KEY, name text NOT NULL,"
        " applied_at timestamptz NOT NULL DEFAULT now())"
    )
    done = {row[0] for row in conn.execute("SELECT version FROM schema_migrations")}
    applied = []
    for migration in available(folder):
        if migration.version in done:
            continue
        conn.execute(migration.sql().encode())
        conn.execute(
            "INSERT INTO schema_migrations (version, name) VALUES (%s, %s)",
            (migration.version, migration.name),
        )
        applied.append(migration.version)
    return applied
