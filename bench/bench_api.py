"""Load benchmark of the HTTP API: ``/v1/nearest`` against ``/health`` on one real server.

Starts ``locator serve`` (uvicorn, 1 worker, 127.0.0.1, access log off) on a fresh GeoPackage
made from the bundled data, then drives it with ``wrk`` (Debian package ``wrk``):

* ``/health``: the cheapest route, the baseline of the framework + server overhead;
* ``/v1/nearest?lat=..&lon=..&limit=5``: points vary per request (a wrk Lua script cycling
  through 500 fixed random points over the contiguous US).

Each route gets ``--duration`` seconds in total, run in ``--rounds`` alternating slices so
that noise from other processes on the machine hits both routes alike. Prints requests/s,
median p50, worst p99 (and p99 per round), errors, and the nearest/health throughput ratio.
Goals: ratio >= 0.35, nearest p99 < 25 ms at 32 connections, zero errors.

Usage::

    .venv/bin/python bench/bench_api.py                 # 32 connections, 15 s per route
    .venv/bin/python bench/bench_api.py --duration 5 --connections 16
    .venv/bin/python bench/bench_api.py --asgi 20000     # in-process latency, no wrk
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL_RATIO, GOAL_P99_MS = 0.35, 25.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def lua_script(path: Path, n: int = 500, seed: int = 7) -> None:
    """A wrk script cycling through ``n`` fixed random points of the contiguous US."""
    points = ", ".join(f"{{{lat:.5f}, {lon:.5f}}}" for lat, lon in _points(n, seed))
    path.write_text(
        f"local points = {{{points}}}\n"
        "local i = 0\n"
        "request = function()\n"
        "  i = i + 1\n"
        "  local p = points[(i % #points) + 1]\n"
        '  return wrk.format("GET", string.format('
        '"/v1/nearest?lat=%.5f&lon=%.5f&limit=5", p[1], p[2]))\n'
        "end\n"
    )


def start_server(store: Path, port: int, nice: int = 0) -> subprocess.Popen:
    env = dict(os.environ, LOCATOR_STORE=str(store), LOCATOR_REFRESH_SECONDS="5")
    env.pop("LOCATOR_API_KEY", None)
    cmd = [
        sys.executable,
        "-c",
        "from locator.cli.main import main; main()",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        "1",
        "--log-level",
        "warning",
    ]
    if nice:
        cmd = ["nice", "-n", str(nice), *cmd]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited early with status {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit("server did not become ready in 120 s")


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[unit]


def parse_wrk(text: str) -> dict[str, float]:
    """Requests/s, p50/p99 (ms), request count and errors from ``wrk --latency`` output."""
    out: dict[str, float] = {}
    out["rps"] = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    for pct in ("50", "99"):
        m = re.search(rf"^\s+{pct}(?:\.000)?%\s+([\d.]+)(us|ms|s)\s*$", text, re.M)
        out[f"p{pct}_ms"] = _ms(m.group(1), m.group(2))
    out["requests"] = float(re.search(r"(\d+) requests in", text).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    sock = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    out["errors"] = float(non2xx.group(1) if non2xx else 0) + (
        sum(int(g) for g in sock.groups()) if sock else 0
    )
    return out


def combine(runs: list[dict[str, float]]) -> dict[str, float]:
    """Merge rounds: total req/s, median p50, worst p99, summed requests and errors."""
    seconds = [r["requests"] / r["rps"] for r in runs if r["rps"]]
    p50 = sorted(r["p50_ms"] for r in runs)[len(runs) // 2]
    return {
        "rps": sum(r["requests"] for r in runs) / sum(seconds),
        "p50_ms": p50,
        "p99_ms": max(r["p99_ms"] for r in runs),
        "p99_rounds": [r["p99_ms"] for r in runs],
        "requests": sum(r["requests"] for r in runs),
        "errors": sum(r["errors"] for r in runs),
    }


def run_wrk(
    url: str,
    *,
    connections: int,
    threads: int,
    duration: int,
    script: Path | None = None,
    nice: int = 0,
) -> dict[str, float]:
    cmd = ["nice", "-n", str(nice)] if nice else []
    cmd += ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    if script is not None:
        cmd += ["-s", str(script)]
    result = subprocess.run([*cmd, url], capture_output=True, text=True, check=True)
    return parse_wrk(result.stdout)


def _points(n: int = 500, seed: int = 7) -> list[tuple[float, float]]:
    rng = random.Random(seed)
    return [(rng.uniform(25.0, 49.0), rng.uniform(-124.0, -67.0)) for _ in range(n)]


def asgi_latency(store: Path, n: int) -> None:
    """Per-request latency inside the process (ASGI calls, no network, no other clients)."""
    import asyncio
    import gc

    from api.app import create_app
    from api.settings import Settings

    app = create_app(Settings(store=str(store), refresh_seconds=0, database_url=None))
    asyncio.run(app.state.runtime.warm_up())
    passes = []
    gc.callbacks.append(
        lambda phase, info: passes.append(info["generation"]) if phase == "stop" else None
    )

    async def call(path: str, query: bytes) -> None:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": query,
            "root_path": "",
            "headers": [(b"host", b"bench")],
            "client": ("127.0.0.1", 1),
            "server": ("127.0.0.1", 80),
            "state": {},
        }

        async def receive() -> dict:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict) -> None:
            if message["type"] == "http.response.start" and message["status"] != 200:
                raise RuntimeError(f"{path}?{query.decode()}: {message['status']}")

        await app(scope, receive, send)

    async def run() -> None:
        points = _points()
        for name, path, query in (
            ("health", "/health", lambda i: b""),
            (
                "nearest",
                "/v1/nearest",
                lambda i: "lat={:.5f}&lon={:.5f}&limit=5".format(*points[i % 500]).encode(),
            ),
        ):
            times = []
            for i in range(n):
                t0 = time.perf_counter()
                await call(path, query(i))
                times.append((time.perf_counter() - t0) * 1e3)
            times.sort()
            p50, p99, p999 = (times[n * q // 1000] for q in (500, 990, 999))
            print(
                f"{name:<8} in-process ms: p50 {p50:.3f}  p99 {p99:.3f}  p99.9 {p999:.3f}"
                f"  max {times[-1]:.1f}"
            )

    asyncio.run(run())
    print(
        f"GC passes during {2 * n} calls, by generation: "
        f"{ {g: passes.count(g) for g in sorted(set(passes))} }"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=15, help="seconds per route")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--threads", type=int, default=1, help="wrk threads")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per route")
    parser.add_argument(
        "--nice",
        type=int,
        default=0,
        help="niceness of server and wrk (e.g. -10 as root on a shared machine)",
    )
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="alternate the routes in this many slices of duration/rounds",
    )
    parser.add_argument(
        "--asgi",
        type=int,
        default=0,
        metavar="N",
        help="instead of wrk: N in-process ASGI calls per route, latency only",
    )
    args = parser.parse_args(argv)
    if args.asgi:
        sys.path.insert(0, str(ROOT))
        from geodata.stores.gpkg import GeoPackageStore

        with tempfile.TemporaryDirectory(prefix="locator-bench-") as tmp:
            GeoPackageStore(Path(tmp) / "locator.gpkg")
            asgi_latency(Path(tmp) / "locator.gpkg", args.asgi)
        return 0
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    sys.path.insert(0, str(ROOT))
    from geodata.stores.gpkg import GeoPackageStore

    with tempfile.TemporaryDirectory(prefix="locator-bench-") as tmp:
        store = Path(tmp) / "locator.gpkg"
        GeoPackageStore(store)
        script = Path(tmp) / "nearest.lua"
        lua_script(script)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        proc = start_server(store, port, args.nice)
        try:
            opts = {"connections": args.connections, "threads": args.threads, "nice": args.nice}
            routes = (("health", f"{base}/health", None), ("nearest", f"{base}/", script))
            for _, url, lua in routes:
                run_wrk(url, duration=args.warmup, script=lua, **opts)
            rounds: dict[str, list[dict[str, float]]] = {name: [] for name, _, _ in routes}
            slice_s = max(1, round(args.duration / args.rounds))
            for _ in range(args.rounds):  # alternate, so machine noise hits both routes alike
                for name, url, lua in routes:
                    rounds[name].append(run_wrk(url, duration=slice_s, script=lua, **opts))
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=30)
    results = {name: combine(runs) for name, runs in rounds.items()}
    report(results, args)
    return 0


def report(results: dict[str, dict[str, float]], args: argparse.Namespace) -> None:
    print(
        f"wrk -t{args.threads} -c{args.connections} --latency, {args.duration}s per route in "
        f"{args.rounds} alternating rounds; 1 uvicorn worker; nice {args.nice}; "
        f"{os.cpu_count()} CPUs; "
        f"load average {os.getloadavg()[0]:.1f}"
    )
    print(f"{'route':<10}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}{'requests':>10}{'errors':>8}")
    for name, r in results.items():
        print(
            f"{name:<10}{r['rps']:>10.0f}{r['p50_ms']:>10.2f}{r['p99_ms']:>10.2f}"
            f"{r['requests']:>10.0f}{r['errors']:>8.0f}   p99 per round: "
            + ", ".join(f"{p:.1f}" for p in r["p99_rounds"])
        )
    ratio = results["nearest"]["rps"] / results["health"]["rps"]
    ok = (
        ratio >= GOAL_RATIO
        and results["nearest"]["p99_ms"] < GOAL_P99_MS
        and all(r["errors"] == 0 for r in results.values())
    )
    print(
        f"nearest/health throughput ratio: {ratio:.2f} (goal >= {GOAL_RATIO}); "
        f"nearest p99 goal < {GOAL_P99_MS:.0f} ms; goals met: {'yes' if ok else 'NO'}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
