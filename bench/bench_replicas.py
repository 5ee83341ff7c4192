"""Load and fault benchmark of the API with 2 uvicorn workers, on PostGIS and on the GeoPackage.

For each store (``--stores postgis,gpkg``):

1. start ``uvicorn --factory api.app:create_app_from_env --workers 2`` on 127.0.0.1 (a fresh
   GeoPackage, or a fresh PostGIS schema ``bench_<random>`` created and seeded from the
   bundled data, dropped at the end);
2. drive ``/v1/nearest`` with ``wrk -t2 -c64 -d60s --latency`` (500 fixed random points over
   the contiguous US, limit 5);
3. report requests/s, p50/p99 latency, socket errors and non-2xx answers, and the RSS of the
   server (master + workers) before and after the load.

Then, on PostGIS, the **fault run**: the same load for ``--fault-duration`` seconds while
PostgreSQL is restarted (``pg_ctlcluster --skip-systemctl-redirect <ver> main restart``) after
a third of it. Reads are served from each worker's in-memory snapshot, so they should not fail;
a prober sends a dry-run import (``POST /v1/imports?dry_run=true``, which needs the database)
every 100 ms and counts 503 answers with ``Retry-After``. Afterwards a real import is made and
both workers must serve it: recovery without restarting the API.

Needs: wrk (Debian ``wrk``), a PostgreSQL with PostGIS (``--database-url``, default
``$LOCATOR_TEST_DATABASE_URL`` or ``postgresql://postgres@127.0.0.1:5432/test``), and root or
the cluster owner for the restart. Restarting PostgreSQL disturbs anything else using it.

Usage::

    .venv/bin/python bench/bench_replicas.py                      # 64 connections, 60 s each
    .venv/bin/python bench/bench_replicas.py --duration 10 --no-fault --stores gpkg
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

import psutil
import psycopg

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = os.environ.get(
    "LOCATOR_TEST_DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
API_KEY = "bench-key"

COUNT_STATUSES = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {}; retry_after = 0 end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 503 and (headers["retry-after"] or headers["Retry-After"]) then
    retry_after = retry_after + 1
  end
end
function done(summary, latency, requests)
  local total, ra = {}, 0
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
    ra = ra + t:get("retry_after")
  end
  for k, v in pairs(total) do io.write(string.format("STATUS %d %d\\n", k, v)) end
  io.write(string.format("RETRY_AFTER %d\\n", ra))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lua_script(path: Path, *, count: bool, n: int = 500, seed: int = 7) -> None:
    """A wrk script cycling through ``n`` fixed random US points (optionally counting statuses)."""
    rng = random.Random(seed)
    points = ", ".join(
        f"{{{rng.uniform(25.0, 49.0):.5f}, {rng.uniform(-124.0, -67.0):.5f}}}" for _ in range(n)
    )
    text = (
        f"local points = {{{points}}}\nlocal i = 0\n"
        "request = function()\n  i = i + 1\n  local p = points[(i % #points) + 1]\n"
        '  return wrk.format("GET", string.format('
        '"/v1/nearest?lat=%.5f&lon=%.5f&limit=5", p[1], p[2]))\nend\n'
    )
    path.write_text(text + (COUNT_STATUSES if count else ""))


class Server:
    """``uvicorn --workers 2`` serving the API factory over one store."""

    def __init__(self, env: dict[str, str], workers: int = 2) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        full_env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "LOCATOR_API_KEY": API_KEY,
            "LOCATOR_REFRESH_SECONDS": "2",
            **env,
        }
        cmd = [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            "api.app:create_app_from_env",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--workers",
            str(workers),
            "--log-level",
            "error",
            "--no-access-log",
        ]
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, start_new_session=True)
        self.workers = workers

    def wait_ready(self, timeout: float = 180.0) -> None:
        deadline, ok = time.monotonic() + timeout, 0
        while time.monotonic() < deadline and ok < 20:
            if self.proc.poll() is not None:
                raise SystemExit(f"server exited with status {self.proc.returncode}")
            try:
                with urllib.request.urlopen(f"{self.base}/health", timeout=2) as r:
                    ok = ok + 1 if r.status == 200 else 0
            except OSError:
                ok = 0
                time.sleep(0.3)
        if ok < 20:
            raise SystemExit("server not ready in time")
        time.sleep(2)  # let every worker finish its warm-up

    def rss_mb(self) -> dict[str, float]:
        master = psutil.Process(self.proc.pid)
        children = master.children(recursive=True)
        workers = [c.memory_info().rss / 2**20 for c in children]
        return {
            "master": round(master.memory_info().rss / 2**20, 1),
            "workers": [round(w, 1) for w in workers],
            "total": round(master.memory_info().rss / 2**20 + sum(workers), 1),
        }

    def versions(self, n: int = 20) -> set[str]:
        seen = set()
        for _ in range(n):
            with urllib.request.urlopen(f"{self.base}/health", timeout=5) as r:
                seen.add(json.loads(r.read())["dataset_version"])
        return seen

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def run_wrk(base: str, script: Path, *, duration: int, connections: int, threads: int) -> dict:
    cmd = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "--timeout",
        "10s",
        "-s",
        str(script),
        base,
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return parse_wrk(out) | {"command": " ".join([*cmd[:-2], script.name, base])}


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def parse_wrk(out: str) -> dict:
    """Requests/s, p50/p99 (ms), socket errors, non-2xx, status counts from wrk's output."""
    result: dict = {"raw": out}
    if m := re.search(r"Requests/sec:\s+([\d.]+)", out):
        result["rps"] = float(m.group(1))
    if m := re.search(r"(\d+) requests in", out):
        result["requests"] = int(m.group(1))
    for pct in ("50", "99"):
        if m := re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M):
            result[f"p{pct}_ms"] = round(_ms(m.group(1), m.group(2)), 2)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    result["socket_errors"] = sum(int(g) for g in errors.groups()) if errors else 0
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    result["non_2xx"] = int(m.group(1)) if m else 0
    result["statuses"] = {int(a): int(b) for a, b in re.findall(r"^STATUS (\d+) (\d+)$", out, re.M)}
    if m := re.search(r"^RETRY_AFTER (\d+)$", out, re.M):
        result["retry_after_503"] = int(m.group(1))
    return result


def geojson_upload(sid: str, lon: float, lat: float) -> tuple[bytes, str]:
    feature = {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {
            "id": sid,
            "kind": "clinic",
            "name": "Clínica de prueba (bench)",
            "location_precision": "city",
            "source": "bench_replicas.py",
        },
    }
    body = json.dumps({"type": "FeatureCollection", "features": [feature]}).encode()
    return body, "application/octet-stream"


def post_import(base: str, *, dry_run: bool, sid: str = "clinic-bench") -> tuple[int, dict]:
    body, ctype = geojson_upload(sid, -97.74, 30.27)
    url = f"{base}/v1/imports?format=geojson&dry_run={'true' if dry_run else 'false'}"
    req = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": ctype, "X-API-Key": API_KEY}
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers)
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers)
    except OSError:
        return 0, {}


class Prober(threading.Thread):
    """Dry-run imports every ``interval`` s; records (t, status, has Retry-After)."""

    def __init__(self, base: str, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.base, self.interval = base, interval
        self.events: list[tuple[float, int, bool]] = []
        self.stop_flag = threading.Event()

    def run(self) -> None:
        while not self.stop_flag.is_set():
            status, headers = post_import(self.base, dry_run=True)
            has_retry = any(k.lower() == "retry-after" for k in headers)
            self.events.append((time.monotonic(), status, has_retry))
            time.sleep(self.interval)


def pg_version() -> str:
    out = subprocess.run(["pg_lsclusters", "-h"], capture_output=True, text=True, check=True)
    return out.stdout.split()[0]


def fault_run(server: Server, args: argparse.Namespace, script: Path) -> dict:
    prober = Prober(server.base)
    wrk_result: dict = {}
    wrk_thread = threading.Thread(
        target=lambda: wrk_result.update(
            run_wrk(
                server.base,
                script,
                duration=args.fault_duration,
                connections=args.connections,
                threads=args.threads,
            )
        )
    )
    wrk_thread.start()
    prober.start()
    time.sleep(args.fault_duration / 3)
    cmd = ["pg_ctlcluster", "--skip-systemctl-redirect", pg_version(), "main", "restart"]
    t0 = time.monotonic()
    subprocess.run(cmd, check=True)
    t1 = time.monotonic()
    wrk_thread.join()
    prober.stop_flag.set()
    prober.join()
    after = [(t - t0, s, r) for t, s, r in prober.events if t >= t0]
    bad = [e for e in after if e[1] != 200]
    first_ok = next((t for t, s, _ in after if s == 200), None)
    status, _ = post_import(server.base, dry_run=False, sid=f"clinic-bench-{uuid.uuid4().hex[:6]}")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(server.versions()) > 1:
        time.sleep(0.5)
    return {
        "restart_command": " ".join(cmd),
        "restart_seconds": round(t1 - t0, 2),
        "wrk": {k: v for k, v in wrk_result.items() if k != "raw"},
        "probe_statuses": dict(Counter(s for _, s, _ in prober.events)),
        "probe_503_with_retry_after": sum(1 for _, s, r in prober.events if s == 503 and r),
        "probe_503_without_retry_after": sum(1 for _, s, r in prober.events if s == 503 and not r),
        "probe_failures_window_s": [round(bad[0][0], 2), round(bad[-1][0], 2)] if bad else None,
        "first_probe_ok_after_restart_s": round(first_ok, 2) if first_ok is not None else None,
        "import_after_restart_status": status,
        "workers_agree_after_import": len(server.versions()) == 1,
    }


def bench_store(name: str, args: argparse.Namespace, tmp: Path) -> dict:
    script, counting = tmp / "nearest.lua", tmp / "nearest_count.lua"
    lua_script(script, count=False)
    lua_script(counting, count=True)
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    if name == "postgis":
        env = {"LOCATOR_DATABASE_URL": f"{args.database_url}?schema={schema}"}
    else:
        env = {"LOCATOR_STORE": str(tmp / f"{name}.gpkg")}
    server = Server(env)
    try:
        server.wait_ready()
        rss_before = server.rss_mb()
        result = run_wrk(
            server.base,
            script,
            duration=args.duration,
            connections=args.connections,
            threads=args.threads,
        )
        report = {
            "store": name,
            "rss_before_mb": rss_before,
            "rss_after_mb": server.rss_mb(),
            **{k: v for k, v in result.items() if k != "raw"},
        }
        if name == "postgis" and args.fault:
            report["fault"] = fault_run(server, args, counting)
            report["rss_after_fault_mb"] = server.rss_mb()
        return report
    finally:
        server.stop()
        if name == "postgis":
            with psycopg.connect(args.database_url, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stores", default="postgis,gpkg")
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--fault-duration", type=int, default=30)
    parser.add_argument("--no-fault", dest="fault", action="store_false")
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    with tempfile.TemporaryDirectory() as tmp:
        results = [bench_store(s.strip(), args, Path(tmp)) for s in args.stores.split(",")]
    text = json.dumps(results, indent=1, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    failed = [r["store"] for r in results if r.get("socket_errors") or r.get("non_2xx")]
    if failed:
        raise SystemExit(f"errors under load on: {', '.join(failed)}")


if __name__ == "__main__":
    main()
