"""PostGIS-only behaviour: migrations, the GiST index, faults and reconnection.

The SiteStore contract shared with the GeoPackage store is in ``test_store_contract.py``.
"""

import math
import socket
import threading

import psycopg
import pytest
from shapely.geometry import Point

from geodata.errors import DataUnavailableError, InvalidInputError
from geodata.schema import coerce_sites
from geodata.stores import ChangeSet, open_store
from geodata.stores.migrations import available
from geodata.stores.postgis import PostGISStore
from tests import postgis_fixtures

bundle = postgis_fixtures.bundle
database_url = postgis_fixtures.database_url
pg_schema = postgis_fixtures.pg_schema
db_proxy = postgis_fixtures.db_proxy

pytestmark = pytest.mark.postgis


@pytest.fixture
def store(bundle, database_url, pg_schema):
    with PostGISStore(database_url, schema=pg_schema) as opened:
        yield opened


def _query(url, text, params=()):
    with psycopg.connect(url, autocommit=True) as conn:
        return conn.execute(text, params).fetchall()


def test_migrations_are_recorded_and_applied_once(store, database_url):
    rows = _query(database_url, f"SELECT version, name FROM {store.schema}.schema_migrations")
    assert rows == [(m.version, m.name) for m in available()]
    with PostGISStore(database_url, schema=store.schema):  # re-open: nothing to do
        pass
    again = _query(database_url, f"SELECT count(*) FROM {store.schema}.schema_migrations")
    assert again == [(len(rows),)]


def test_concurrent_first_starts_create_and_seed_once(bundle, database_url, pg_schema):
    opened, errors = [], []

    def start():
        try:
            opened.append(PostGISStore(database_url, schema=pg_schema))
        except Exception as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    try:
        assert errors == []
        assert {s.version() for s in opened} == {opened[0].version()}
        assert len(opened[0].sites()) == len(bundle.sites)
    finally:
        for s in opened:
            s.close()


def test_tables_use_geography_with_a_gist_index(store, database_url):
    types = dict(
        _query(
            database_url,
            "SELECT table_name || '.' || column_name, udt_name FROM information_schema.columns"
            " WHERE table_schema = %s AND column_name IN ('geom', 'services', 'languages')",
            (store.schema,),
        )
    )
    assert types == {
        "sites.geom": "geography",
        "routes.geom": "geography",
        "stops.geom": "geography",
        "sites.services": "_text",
        "sites.languages": "_text",
    }
    indexes = {
        r[0]
        for r in _query(
            database_url, "SELECT indexdef FROM pg_indexes WHERE schemaname = %s", (store.schema,)
        )
    }
    assert any("sites_geom_gist" in i and "gist (geom)" in i for i in indexes)


def test_nearest_uses_the_gist_index_knn(store, database_url):
    with psycopg.connect(database_url) as conn:
        conn.execute(f"SET search_path TO {store.schema}, public")
        conn.execute("SET enable_seqscan TO off")  # tiny tables: make the plan visible
        plan = conn.execute(
            "EXPLAIN SELECT id FROM sites ORDER BY geom <-> "
            "ST_SetSRID(ST_MakePoint(-87.6, 41.9), 4326)::geography LIMIT 3"
        ).fetchall()
    assert "sites_geom_gist" in " ".join(r[0] for r in plan)


def test_schema_name_is_checked(database_url):
    with pytest.raises(InvalidInputError):
        PostGISStore(database_url, schema="x; DROP TABLE sites")


def test_open_store_takes_the_schema_from_the_url(bundle, database_url, pg_schema):
    sep = "&" if "?" in database_url else "?"
    with open_store(f"{database_url}{sep}schema={pg_schema}") as store:
        assert isinstance(store, PostGISStore) and store.schema == pg_schema
        assert "schema=" not in store.url
        assert len(store.sites()) == len(bundle.sites)


# -- faults ------------------------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_unreachable_server_is_data_unavailable(bundle):
    url = f"postgresql://postgres:secret@127.0.0.1:{_closed_port()}/test"
    with pytest.raises(DataUnavailableError) as info:
        PostGISStore(url)
    assert "no está disponible" in info.value.message("es")
    assert "unavailable" in info.value.message("en")
    assert "secret" not in info.value.message("en")


def test_link_lost_then_back_reconnects_without_a_restart(
    bundle, database_url, pg_schema, db_proxy
):
    store = PostGISStore(db_proxy.url(database_url), schema=pg_schema, timeout=1.0)
    try:
        version = store.version()
        db_proxy.stop()
        for call in (store.version, store.sites, store.meta, store.routes):
            with pytest.raises(DataUnavailableError):
                call()
        db_proxy.start()
        assert store.version() == version  # the very next call reconnects
        assert store.meta()["dataset_version"] and len(store.sites()) == len(bundle.sites)
    finally:
        db_proxy.stop()
        store.close()


def test_server_side_termination_is_survived(store, database_url):
    version = store.version()
    killed = _query(
        database_url,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
        (f"locator:{store.schema}",),
    )
    assert killed and all(r[0] for r in killed)
    assert store.version() == version
    _query(
        database_url,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
        (f"locator:{store.schema}",),
    )
    site = {
        "id": "after-kill",
        "kind": "clinic",
        "name": "A",
        "location_precision": "city",
        "source": "test",
        "geometry": Point(-90, 40),
    }
    assert store.apply(ChangeSet(sites=coerce_sites([site]))).inserted == 1


def test_writes_while_down_are_data_unavailable(bundle, database_url, pg_schema, db_proxy):
    store = PostGISStore(db_proxy.url(database_url), schema=pg_schema, timeout=1.0)
    site = {
        "id": "w",
        "kind": "clinic",
        "name": "W",
        "location_precision": "city",
        "source": "test",
        "geometry": Point(-90, 40),
    }
    try:
        before = store.version()
        db_proxy.stop()
        with pytest.raises(DataUnavailableError):
            store.apply(ChangeSet(sites=coerce_sites([site])))
        db_proxy.start()
        assert store.version() == before
    finally:
        db_proxy.stop()
        store.close()


def test_many_threads_share_the_pool(store):
    from concurrent.futures import ThreadPoolExecutor

    version = store.version()
    with ThreadPoolExecutor(16) as pool:
        results = list(pool.map(lambda i: (store.version(), len(store.sites())), range(64)))
    assert set(results) == {(version, len(store.sites()))}
    assert store._pool.idle_count <= 8


# -- issue 13: nothing waits on a hung database; 503 material names no URL ---------------------

_SITE = {
    "id": "timeout-1",
    "kind": "clinic",
    "name": "T",
    "location_precision": "city",
    "source": "test",
    "geometry": Point(-90, 40),
}


def _bounded(call, seconds=90.0):
    """Run ``call`` in a thread; return (finished, result or exception). A bound, not a timer."""
    out = {}

    def run():
        try:
            out["value"] = call()
        except Exception as exc:  # returned to the test
            out["value"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    return not thread.is_alive(), out.get("value")


def _no_address(error, url):
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    for lang in ("en", "es"):
        text = error.message(lang)
        assert "postgresql://" not in text and "postgres@" not in text
        assert f":{parts.port}" not in text and (parts.hostname or "") not in text


def test_frozen_server_fails_writes_and_reads_instead_of_hanging(
    bundle, database_url, pg_schema, db_proxy
):
    store = PostGISStore(db_proxy.url(database_url), schema=pg_schema, timeout=2.0)
    try:
        before = store.version()  # a pooled connection now exists: it will hang when frozen
        db_proxy.freeze()
        for call in (lambda: store.apply(ChangeSet(sites=coerce_sites([_SITE]))), store.version):
            finished, result = _bounded(call)
            assert finished, "a call on a frozen database never returned"
            assert isinstance(result, DataUnavailableError), result
            assert result.detail["retry_after_seconds"] >= 1
            _no_address(result, db_proxy.url(database_url))
        db_proxy.thaw()
        assert store.version() == before  # nothing was written; the next call works
        assert store.apply(ChangeSet(sites=coerce_sites([_SITE]))).inserted == 1
    finally:
        db_proxy.thaw()
        db_proxy.stop()
        store.close()


def test_write_queued_behind_a_held_lock_fails_with_lock_retry(store, database_url):
    from geodata.stores import postgis as postgis_module

    with psycopg.connect(database_url, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(hashtext(%s))", (f"apply:{store.schema}",))
        finished, result = _bounded(lambda: store.apply(ChangeSet(sites=coerce_sites([_SITE]))))
        holder.execute("SELECT pg_advisory_unlock_all()")
    assert finished and isinstance(result, DataUnavailableError), result
    assert result.detail["retry_after_seconds"] == math.ceil(postgis_module.LOCK_TIMEOUT_S)
    assert "otra escritura" in result.message("es") and "another write" in result.message("en")
    _no_address(result, database_url)
    assert store.apply(ChangeSet(sites=coerce_sites([_SITE]))).inserted == 1


def test_sessions_carry_server_side_timeouts(store):
    with store._connection() as conn:
        values = {
            name: conn.execute(f"SHOW {name}").fetchone()[0]
            for name in ("statement_timeout", "lock_timeout", "idle_in_transaction_session_timeout")
        }
    assert all(v not in ("0", "0ms") for v in values.values()), values


def test_retry_after_grows_with_an_outage(bundle):
    url = f"postgresql://postgres:secret@127.0.0.1:{_closed_port()}/test"
    store = PostGISStore.__new__(PostGISStore)
    store.url, store.schema, store._failing_since = url, "x", None
    first = store._unavailable(psycopg.OperationalError("connection refused"))
    store._failing_since -= 12  # the database has been failing for 12 s
    later = store._unavailable(psycopg.OperationalError("connection refused"))
    assert first.detail["retry_after_seconds"] == 1
    assert 12 <= later.detail["retry_after_seconds"] <= 30
    assert "secret" not in later.message("en") and "127.0.0.1" not in later.message("en")
