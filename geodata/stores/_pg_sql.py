"""SQL of the PostGIS store (:mod:`geodata.stores.postgis`): reads and staged upserts.

Every function takes an open connection whose ``search_path`` starts with the store schema,
and runs inside the caller's transaction.
"""

from __future__ import annotations

from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import psycopg
import shapely
from psycopg import sql

from geodata.schema import (
    CRS,
    ROUTE_COLUMNS,
    SITE_COLUMNS,
    STOP_COLUMNS,
    coerce_routes,
    coerce_sites,
    coerce_stops,
)
from geodata.stores.base import WKT_PRECISION, ApplyReport, ChangeSet, content_hash

__all__ = [
    "META_ALL",
    "META_GET",
    "POSTGIS_SCHEMA",
    "VERSION",
    "content_hash_sql",
    "read_sites",
    "read_table",
    "stage_and_count",
    "upsert_staged",
    "write_meta",
]


def fetch_one(conn: psycopg.Connection, query: Any, params: Any = None) -> tuple[Any, ...]:
    """The row of a query that always returns one (an aggregate, ``version()``, a setting)."""
    row = conn.execute(query, params).fetchone()
    if row is None:
        raise RuntimeError(f"the query returned no row: {query!r}"[:200])
    return row


def _types(columns: dict[str, str], **special: str) -> dict[str, str]:
    return {col: special.get(col, "text") for col in columns}


TYPES: dict[str, dict[str, str]] = {
    "sites": _types(
        SITE_COLUMNS,
        services="text[]",
        languages="text[]",
        verified="boolean",
        illustrative="boolean",
        mobile="boolean",
    ),
    "routes": _types(ROUTE_COLUMNS, illustrative="boolean"),
    "stops": _types(
        STOP_COLUMNS, sequence="integer", duration_minutes="integer", illustrative="boolean"
    ),
}
COERCE = {"sites": coerce_sites, "routes": coerce_routes, "stops": coerce_stops}
ORDER = {  # byte order (COLLATE "C"), like Python's sort: the same on every store
    "sites": 'id COLLATE "C"',
    "routes": 'id COLLATE "C"',
    "stops": 'route_id COLLATE "C", sequence, id COLLATE "C", pk',
}

VERSION = (
    "SELECT coalesce(max(value) FILTER (WHERE key = 'dataset_version'), '0') || '-' ||"
    " coalesce(max(value) FILTER (WHERE key = 'content_hash'), '')"
    " FROM meta WHERE key IN ('dataset_version', 'content_hash')"
)
META_ALL = "SELECT key, value FROM meta ORDER BY key"
META_GET = "SELECT value FROM meta WHERE key = %s"
POSTGIS_SCHEMA = (
    "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'postgis'"
)


def _cols(table: str, prefix: str = "") -> sql.Composable:
    return sql.SQL(", ").join(
        sql.SQL(prefix) + sql.Identifier(c) if prefix else sql.Identifier(c) for c in TYPES[table]
    )


def _frame(rows: list[tuple[Any, ...]], table: str) -> pd.DataFrame:
    names = [*TYPES[table], "wkb"]
    df = pd.DataFrame(rows, columns=names) if rows else pd.DataFrame(columns=names)
    wkb = np.asarray([bytes(b) if b is not None else None for b in df["wkb"]], dtype=object)
    geoms = shapely.from_wkb(wkb) if len(wkb) else np.asarray([], dtype=object)
    out = gpd.GeoDataFrame(df.drop(columns="wkb"), geometry=list(geoms), crs=CRS)
    return COERCE[table](out)


def read_table(conn: psycopg.Connection, table: str) -> gpd.GeoDataFrame:
    """Every row of ``table``: sites and routes by id, stops by route, sequence and id."""
    query = sql.SQL("SELECT {}, ST_AsBinary(geom) FROM {} ORDER BY {}").format(
        _cols(table), sql.Identifier(table), sql.SQL(ORDER[table])
    )
    frame = _frame(conn.execute(query).fetchall(), table)
    return frame.reset_index(drop=True)


def read_sites(conn: psycopg.Connection, ids: list[str]) -> gpd.GeoDataFrame:
    """The stored sites with these ids (in the caller's transaction)."""
    query = sql.SQL(
        "SELECT {}, ST_AsBinary(geom) FROM sites WHERE id = ANY(%s) ORDER BY id"
    ).format(_cols("sites"))
    return _frame(conn.execute(query, (ids,)).fetchall(), "sites").reset_index(drop=True)


def _stage(conn: psycopg.Connection, table: str, frame: gpd.GeoDataFrame) -> None:
    """Copy ``frame`` into a temporary table ``incoming_<table>`` (dropped at commit)."""
    staging = sql.Identifier(f"incoming_{table}")
    columns = sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.Identifier(c), sql.SQL(t)) for c, t in TYPES[table].items()
    )
    conn.execute(
        sql.SQL("CREATE TEMP TABLE {} ({}, wkb bytea) ON COMMIT DROP").format(staging, columns)
    )
    geoms = np.asarray(frame.geometry.values, dtype=object)
    wkb = shapely.to_wkb(geoms) if len(geoms) else []
    data = [frame[c].tolist() for c in TYPES[table]]
    copy_sql = sql.SQL("COPY {} ({}, wkb) FROM STDIN (FORMAT BINARY)").format(staging, _cols(table))
    with conn.cursor() as cur, cur.copy(copy_sql) as copy:
        copy.set_types([*TYPES[table].values(), "bytea"])
        for i, blob in enumerate(wkb):
            copy.write_row([column[i] for column in data] + [blob])


def stage_and_count(conn: psycopg.Connection, changes: ChangeSet) -> ApplyReport:
    """Stage the change set and count site inserts / updates / unchanged rows."""
    routes = changes.routes.drop_duplicates("id", keep="last")
    for table, frame in (("sites", changes.sites), ("routes", routes), ("stops", changes.stops)):
        _stage(conn, table, frame)
    same = sql.SQL(  # coordinates compared to WKT_PRECISION decimals, like record_keys
        "({}, ST_AsText(ST_GeogFromWKB(i.wkb), {p}))"
        " IS NOT DISTINCT FROM ({}, ST_AsText(s.geom, {p}))"
    ).format(_cols("sites", "i."), _cols("sites", "s."), p=sql.Literal(WKT_PRECISION))
    query = sql.SQL(
        "SELECT count(*) FILTER (WHERE s.id IS NULL),"
        " count(*) FILTER (WHERE s.id IS NOT NULL AND NOT ({same})),"
        " count(*) FILTER (WHERE s.id IS NOT NULL AND ({same}))"
        " FROM incoming_sites i LEFT JOIN sites s ON s.id = i.id"
    ).format(same=same)
    inserted, updated, unchanged = fetch_one(conn, query)
    return ApplyReport(inserted=inserted, updated=updated, unchanged=unchanged)


def _upsert(conn: psycopg.Connection, table: str) -> None:
    updates = sql.SQL(", ").join(
        sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(c))
        for c in (*TYPES[table], "geom")
        if c != "id"
    )
    conn.execute(
        sql.SQL(
            "INSERT INTO {table} ({cols}, geom) SELECT {cols}, ST_GeogFromWKB(wkb) FROM {staging}"
            " ON CONFLICT (id) DO UPDATE SET {updates}"
        ).format(
            table=sql.Identifier(table),
            cols=_cols(table),
            staging=sql.Identifier(f"incoming_{table}"),
            updates=updates,
        )
    )


def upsert_staged(conn: psycopg.Connection, changes: ChangeSet) -> None:
    """Upsert staged sites and routes by id; replace the stops of every affected route."""
    _upsert(conn, "sites")
    _upsert(conn, "routes")
    replaced = sorted(set(changes.routes["id"]) | set(changes.stops["route_id"]))
    if replaced:
        conn.execute("DELETE FROM stops WHERE route_id = ANY(%s)", (replaced,))
        conn.execute(
            sql.SQL(
                "INSERT INTO stops ({cols}, geom) SELECT {cols}, ST_GeogFromWKB(wkb)"
                " FROM incoming_stops"
            ).format(cols=_cols("stops"))
        )


def content_hash_sql(conn: psycopg.Connection) -> str:
    """The dataset digest of the tables as this transaction sees them.

    The rows are read back and hashed with :func:`geodata.stores.base.content_hash`, the
    function the GeoPackage store uses, so the same data has the same version on both.
    """
    return content_hash(*(read_table(conn, table) for table in ("sites", "routes", "stops")))


def write_meta(conn: psycopg.Connection, meta: dict[str, str]) -> None:
    """Replace the metadata rows with ``meta``."""
    conn.execute("DELETE FROM meta")
    with conn.cursor() as cur:
        cur.executemany(
            "INSERT INTO meta (key, value) VALUES (%s, %s)",
            [(str(k), str(v)) for k, v in sorted(meta.items())],
        )
