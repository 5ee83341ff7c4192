"""Fault runs (issue 13): SIGKILL, outage, freeze, full disk, two stores, hostile tiles.

Prints, for each run, what survived. Nothing here touches the machine's shared PostgreSQL
beyond one throw-away schema: the outage and the cluster freeze go through a TCP proxy in
front of it (``tests.postgis_fixtures.TcpProxy``: ``stop()`` = outage, ``freeze()`` = a server
that accepts connections but never answers, like ``SIGSTOP``); the backend freeze stops, for
a few seconds, only the backend of a connection this script opened itself (and always sends
``SIGCONT``). The full disk is a small tmpfs mounted here (root) and unmounted at the end.

Usage::

    PYTHONPATH=. python bench/bench_faults.py                 # everything (about 3 minutes)
    PYTHONPATH=. python bench/bench_faults.py --only two_stores,sigkill_gpkg --runs 10

Figures go to docs/performance.md ("Fallos / faults").
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB = os.environ.get("LOCATOR_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test")
KEY = "bench-faults-key"
WRITER = """
import sys
from shapely.geometry import Point
from geodata.schema import coerce_sites
from geodata.stores import ChangeSet, open_store
store = open_store(sys.argv[1])
tag, rounds, size = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
for r in range(rounds):
    rows = [{"id": f"clinic-{tag}-{r}-{i}", "kind": "clinic", "name": f"{tag} {r} {i}",
             "source": "bench", "location_precision": "city",
             "geometry": Point(-120 + (i % 500) * 0.1, 30 + r * 0.01)} for i in range(size)]
    store.apply(ChangeSet(sites=coerce_sites(rows)))
    print("ROUND", r, flush=True)
"""


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), **extra}


def _writer(location: str, tag: str, rounds: int, size: int) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, location, tag, str(rounds), str(size)],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _intact(location: str) -> tuple[bool, int]:
    """The store opens, its content matches its recorded hash; and its site count."""
    from geodata.stores import open_store
    from geodata.stores.base import content_hash

    store = open_store(location)
    try:
        ok = (
            content_hash(store.sites(), store.routes(), store.stops())
            == store.meta()["content_hash"]
        )
        return ok, len(store.sites())
    finally:
        store.close()


def _print(name: str, **figures: object) -> None:
    print(f"{name:<16} " + "  ".join(f"{k}={v}" for k, v in figures.items()), flush=True)


# ----------------------------------------------------------------------------- runs
def two_stores(args: argparse.Namespace) -> None:
    """Two stores in one folder written at the same time (store A used to kill B's import)."""
    from geodata.stores.gpkg import GeoPackageStore

    folder = Path(tempfile.mkdtemp(prefix="faults-two-"))
    for name in ("a", "b"):
        GeoPackageStore(folder / f"{name}.gpkg")
    procs = {n: _writer(str(folder / f"{n}.gpkg"), n, args.rounds, 200) for n in ("a", "b")}
    codes = {n: p.wait(timeout=600) for n, p in procs.items()}
    counts = {n: _intact(str(folder / f"{n}.gpkg")) for n in ("a", "b")}
    leftovers = len(list(folder.glob(".*.tmp-*")))
    _print(
        "two_stores",
        exit_codes=codes,
        intact={n: c[0] for n, c in counts.items()},
        sites={n: c[1] for n, c in counts.items()},
        leftover_temp_files=leftovers,
    )


def _sigkill_runs(location: str, runs: int, label: str) -> None:
    survived, states = 0, set()
    base = _intact(location)[1]
    for run in range(runs):
        proc = _writer(location, f"k{run}", 3, 2000)
        time.sleep(random.uniform(0.3, 3.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        ok, count = _intact(location)
        survived += ok
        states.add((count - base) % 2000 == 0)  # whole imports only, never a part of one
    _print(label, runs=runs, intact=f"{survived}/{runs}", only_whole_imports=states == {True})


def sigkill_gpkg(args: argparse.Namespace) -> None:
    from geodata.stores.gpkg import GeoPackageStore

    path = Path(tempfile.mkdtemp(prefix="faults-kill-")) / "locator.gpkg"
    GeoPackageStore(path)
    _sigkill_runs(str(path), args.runs, "sigkill_gpkg")
    GeoPackageStore(path).apply(_one_site("after-kill"))  # the next write cleans leftovers
    _print("  leftovers", after_next_write=len(list(path.parent.glob(".*.tmp-*"))))


def _schema_url(schema: str) -> str:
    return f"{DB}{'&' if '?' in DB else '?'}schema={schema}"


def _drop(schema: str) -> None:
    import psycopg

    with psycopg.connect(DB, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def sigkill_postgis(args: argparse.Namespace) -> None:
    schema = f"faults_kill_{os.getpid()}"
    try:
        _intact(_schema_url(schema))
        _sigkill_runs(_schema_url(schema), max(2, args.runs - 2), "sigkill_postgis")
    finally:
        _drop(schema)


def _one_site(sid: str):
    from shapely.geometry import Point

    from geodata.schema import coerce_sites
    from geodata.stores import ChangeSet

    return ChangeSet(
        sites=coerce_sites(
            [
                {
                    "id": sid,
                    "kind": "clinic",
                    "name": sid,
                    "source": "bench",
                    "location_precision": "city",
                    "geometry": Point(-100, 40),
                }
            ]
        )
    )


class Api:
    """One ``uvicorn`` process of the API (its own port)."""

    def __init__(self, **env: str) -> None:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tempfile.NamedTemporaryFile(prefix="faults-api-", suffix=".log", delete=False)
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "api.app:create_app_from_env",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=_env(LOCATOR_API_KEY=KEY, LOCATOR_REFRESH_SECONDS="1", **env),
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if httpx.get(self.base + "/health", timeout=2).status_code == 200:
                    return
            time.sleep(0.5)
        raise RuntimeError(Path(self.log.name).read_text()[-2000:])

    def post(self, sid: str, timeout: float = 60) -> tuple[int, str, float]:
        body = json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [-100.5, 40.5]},
                        "properties": {
                            "id": sid,
                            "kind": "clinic",
                            "name": sid,
                            "source": "bench",
                            "location_precision": "city",
                        },
                    }
                ],
            }
        )
        started = time.monotonic()
        r = httpx.post(
            self.base + "/v1/imports",
            params={"format": "geojson"},
            content=body,
            headers={"X-API-Key": KEY},
            timeout=timeout,
        )
        return r.status_code, r.headers.get("retry-after", ""), time.monotonic() - started

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def _reads_during(api: Api, seconds: float, action) -> dict[str, object]:
    """Run ``action()`` (imports) while reading /v1/nearest; count what failed."""
    import threading

    stop, reads = threading.Event(), {"ok": 0, "failed": 0}

    def read() -> None:
        while not stop.is_set():
            try:
                ok = (
                    httpx.get(api.base + "/v1/nearest?lat=41.8&lon=-87.6", timeout=10).status_code
                    == 200
                )
            except httpx.HTTPError:
                ok = False
            reads["ok" if ok else "failed"] += 1
            time.sleep(0.05)

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    result = action()
    time.sleep(max(0.0, seconds))
    stop.set()
    thread.join()
    return {"reads_ok": reads["ok"], "reads_failed": reads["failed"], **result}


def _imports_for(api: Api, seconds: float, tag: str) -> dict[str, object]:
    answers, end = [], time.monotonic() + seconds
    while time.monotonic() < end:
        answers.append(api.post(f"clinic-{tag}-{len(answers)}"))
        time.sleep(0.5)
    codes = sorted({a[0] for a in answers})
    return {
        "imports": len(answers),
        "statuses": codes,
        "retry_after_s": sorted({int(a[1]) for a in answers if a[0] >= 500 and a[1]}),
        "slowest_import_s": round(max(a[2] for a in answers), 1),
    }


def outage_and_freeze(args: argparse.Namespace) -> None:
    from tests.postgis_fixtures import TcpProxy

    schema = f"faults_api_{os.getpid()}"
    proxy = TcpProxy("127.0.0.1", 5432).start()
    url = proxy.url(DB)
    api = None
    try:
        api = Api(LOCATOR_DATABASE_URL=_schema_url(schema).replace(DB, url))
        for name, cut, restore in (
            ("outage", proxy.stop, proxy.start),
            ("freeze_cluster", proxy.freeze, proxy.thaw),
        ):
            cut()
            try:
                figures = _reads_during(api, 0, lambda n=name: _imports_for(api, args.seconds, n))
            finally:
                restore()
            started = time.monotonic()
            while api.post(f"clinic-{name}-after")[0] != 200:
                time.sleep(0.2)
            _print(
                name,
                seconds=args.seconds,
                **figures,
                first_import_after_s=round(time.monotonic() - started, 1),
            )
        _freeze_backend(api, schema, args)
        ok, count = _intact(_schema_url(schema))
        _print("  store", intact=ok, sites=count)
    finally:
        if api is not None:
            api.stop()
        proxy.thaw()
        proxy.stop()
        _drop(schema)


def _freeze_backend(api: Api, schema: str, args: argparse.Namespace) -> None:
    """A writer's backend frozen (SIGSTOP) while it holds the write lock: others fail fast."""
    import psycopg

    with psycopg.connect(DB, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(hashtext(%s))", (f"apply:{schema}",))
        pid = holder.info.backend_pid
        os.kill(pid, signal.SIGSTOP)  # only this script's own backend
        try:
            figures = _imports_for(api, min(args.seconds, 10), "frozen-backend")
        finally:
            os.kill(pid, signal.SIGCONT)
        holder.execute("SELECT pg_advisory_unlock_all()")
    _print("freeze_backend", **figures, after=api.post("clinic-backend-after")[0])


def full_disk(args: argparse.Namespace) -> None:
    """A store on a full tmpfs: CLI message + exit 2, HTTP 507, store intact, then recovery."""
    from geodata.stores.gpkg import GeoPackageStore

    mount = Path(tempfile.mkdtemp(prefix="faults-disk-"))
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", str(mount)], check=True)
    api = None
    try:
        store = mount / "locator.gpkg"
        GeoPackageStore(store)
        filler = mount / "filler"
        free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
        filler.write_bytes(b"\0" * max(0, free - store.stat().st_size // 2))
        big = Path(tempfile.mkdtemp()) / "big.geojson"
        big.write_text(
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "geometry": {"type": "Point", "coordinates": [-100, 40]},
                            "properties": {
                                "id": f"clinic-disk-{i}",
                                "kind": "clinic",
                                "name": "x" * 200,
                                "source": "bench",
                                "location_precision": "city",
                            },
                        }
                        for i in range(3000)
                    ],
                }
            )
        )
        cli = subprocess.run(
            [
                sys.executable,
                "-m",
                "locator",
                "import",
                "geojson",
                str(big),
                "--store",
                str(store),
                "-q",
            ],
            env=_env(HOME=str(mount.parent)),
            capture_output=True,
            text=True,
        )
        message = (cli.stderr.strip().splitlines() or [""])[-1][:120]
        api = Api(LOCATOR_STORE=str(store))
        status = api.post("clinic-disk-http")[0]
        intact_full = _intact(str(store))
        filler.unlink()
        after = api.post("clinic-disk-after")[0]
        _print(
            "full_disk",
            cli_exit=cli.returncode,
            traceback="Traceback" in cli.stderr,
            http=status,
            intact=intact_full[0],
            after_freeing=after,
        )
        print(f"  cli message: {message}")
    finally:
        if api is not None:
            api.stop()
        subprocess.run(["umount", str(mount)], check=False)


HOSTILE_TILES = [
    "/tiles/basemap/999999999999999999999999999999/0/0.png",
    "/tiles/basemap/1000000000/0/0.png",
    "/tiles/basemap/4000000000/0/0.png",
    "/tiles/basemap/64/0/0.png",
    "/tiles/basemap/1000/0/0.png",
    "/tiles/basemap/24/99999999/0.png",
]


def hostile_tiles(args: argparse.Namespace) -> None:
    """The tile URLs that hung a worker: answered at once; /health keeps answering."""
    from geodata.stores.gpkg import GeoPackageStore

    path = Path(tempfile.mkdtemp(prefix="faults-tiles-")) / "locator.gpkg"
    GeoPackageStore(path)
    api = Api(LOCATOR_STORE=str(path))
    try:
        rounds = max(1, args.runs)
        worst, statuses = 0.0, set()
        for _ in range(rounds):
            for tile in HOSTILE_TILES:
                started = time.monotonic()
                statuses.add(httpx.get(api.base + tile, timeout=60).status_code)
                worst = max(worst, time.monotonic() - started)
        health = httpx.get(api.base + "/health", timeout=5).status_code
        rss = _rss_mb(api.proc.pid)
        _print(
            "hostile_tiles",
            requests=rounds * len(HOSTILE_TILES),
            statuses=sorted(statuses),
            slowest_ms=round(worst * 1000, 1),
            health=health,
            worker_rss_mb=rss,
        )
    finally:
        api.stop()


def _rss_mb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) // 1024
    return -1


RUNS = {
    "two_stores": two_stores,
    "sigkill_gpkg": sigkill_gpkg,
    "sigkill_postgis": sigkill_postgis,
    "outage_and_freeze": outage_and_freeze,
    "full_disk": full_disk,
    "hostile_tiles": hostile_tiles,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default=",".join(RUNS), help="comma-separated runs")
    parser.add_argument("--runs", type=int, default=10, help="SIGKILL runs per store")
    parser.add_argument("--rounds", type=int, default=4, help="writes per store (two_stores)")
    parser.add_argument("--seconds", type=float, default=20, help="outage / freeze length")
    args = parser.parse_args()
    for name in args.only.split(","):
        try:
            RUNS[name.strip()](args)
        except Exception as exc:  # report and go on with the other runs
            _print(name, error=f"{type(exc).__name__}: {exc}"[:300])


if __name__ == "__main__":
    main()
