"""Load benchmark for the companion service.

    .venv/bin/python bench/bench_service.py [--requests 10000] [--executor process|thread]

Starts ``brightline serve`` as its own process on a free loopback port with a fresh history,
then measures, on one realistic snapshot (a shop page with a consent banner, a few hundred
recorded elements, a few hundred requests):

1. overhead: the median HTTP round trip of ``POST /api/v1/analyze`` against the median
   in-process ``decode_snapshot`` + ``analyze`` of the same bytes, interleaved in the same
   run (target: at most 1.2x). The client is aiohttp on uvloop (``--client-loop asyncio``
   for asyncio's own loop, which adds its own cost to every round trip);
2. load: requests at concurrency 50 on loopback (the first 2,000 are the acceptance
   batch; target: zero errors);
3. memory: resident memory of the server and its analysis workers after 1,000 and after
   10,000 requests (target: within 20%).

Prints the figures and writes them to ``bench/out/service.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import aiohttp
import psutil

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from companion.analyzer import analyze  # noqa: E402
from companion.schema import decode_snapshot  # noqa: E402
from tests.service.snapshots import encode, realistic_snapshot  # noqa: E402

CONCURRENCY = 50
BATCH = 2_000
RSS_FIRST = 1_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(proc: psutil.Process) -> tuple[float, float]:
    """Resident memory of the server alone and of the server plus its workers, in MB."""
    own = proc.memory_info().rss
    total = own + sum(c.memory_info().rss for c in proc.children(recursive=True))
    return own / 2**20, total / 2**20


def start_server(
    port: int, db: Path, executor: str, workers: int | None, log: Path
) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "companion", "serve", "--port", str(port), "--db", str(db),
           "--executor", executor]
    if workers:
        cmd += ["--workers", str(workers)]
    # The server's log goes to a file: an unread pipe would fill up and stall the server.
    with log.open("wb") as sink:
        proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=sink)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"server failed: {log.read_text()[-2000:]}") from None
            time.sleep(0.1)
    raise SystemExit("server did not start")


def bodies(n_sites: int = 200) -> list[bytes]:
    """The same page on many sites, so the history looks like real browsing."""
    template = encode(realistic_snapshot("https://www.site-XXXX.example/products?ref=mail"))
    return [template.replace(b"site-XXXX", f"site-{i:04d}".encode()) for i in range(n_sites)]


async def overhead(session: aiohttp.ClientSession, url: str, body: bytes, rounds: int) -> dict:
    http, local, local_analyze, served = [], [], [], []
    for _ in range(rounds):
        started = time.perf_counter()
        async with session.post(url, data=body, headers={"Content-Type": "application/json"}) as r:
            reply = json.loads(await r.read())
            assert r.status == 200, r.status
        http.append(time.perf_counter() - started)
        served.append(reply["duration_ms"] / 1000)
        started = time.perf_counter()
        snap = decode_snapshot(body)
        mid = time.perf_counter()
        analyze(snap)
        end = time.perf_counter()
        local.append(end - started)
        local_analyze.append(end - mid)
    med_http, med_local = statistics.median(http), statistics.median(local)
    return {
        "rounds": rounds,
        "http_median_ms": round(med_http * 1000, 2),
        "in_process_median_ms": round(med_local * 1000, 2),
        "in_process_analyze_only_median_ms": round(statistics.median(local_analyze) * 1000, 2),
        # analyze() as timed inside the server's worker: separates hand-off cost from
        # the analysis itself running slower or faster over there.
        "server_analyze_only_median_ms": round(statistics.median(served) * 1000, 2),
        "ratio": round(med_http / med_local, 3),
        "ratio_vs_analyze_only": round(med_http / statistics.median(local_analyze), 3),
    }


async def load(session: aiohttp.ClientSession, url: str, payloads: list[bytes], total: int,
               proc: psutil.Process) -> dict:
    done = 0
    errors: list[str] = []
    latencies: list[float] = []
    rss: dict[int, tuple[float, float]] = {}
    batch_errors = None
    batch_seconds = None
    started = time.perf_counter()
    lock = asyncio.Lock()

    async def one(i: int) -> None:
        nonlocal done, batch_errors, batch_seconds
        t0 = time.perf_counter()
        try:
            async with session.post(url, data=payloads[i % len(payloads)],
                                    headers={"Content-Type": "application/json"}) as r:
                await r.read()
                if r.status != 200:
                    errors.append(f"HTTP {r.status}")
        except (TimeoutError, aiohttp.ClientError) as err:
            errors.append(f"{type(err).__name__}: {err}")
        latencies.append(time.perf_counter() - t0)
        async with lock:
            done += 1
            if done == BATCH:
                batch_errors, batch_seconds = len(errors), time.perf_counter() - started
            if done in (RSS_FIRST, total):
                rss[done] = rss_mb(proc)
            if done % 1000 == 0:
                own, total_mb = rss_mb(proc)
                print(f"  {done} requests, {len(errors)} errors, RSS server {own:.0f} MB,"
                      f" with workers {total_mb:.0f} MB", flush=True)

    counter = iter(range(total))

    async def worker() -> None:
        for i in counter:
            await one(i)

    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    out = {
        "requests": total,
        "concurrency": CONCURRENCY,
        "errors": len(errors),
        "error_samples": errors[:5],
        "seconds": round(elapsed, 1),
        "requests_per_s": round(total / elapsed, 1),
        "latency_p50_ms": round(latencies[len(latencies) // 2] * 1000, 1),
        "latency_p95_ms": round(latencies[int(len(latencies) * 0.95)] * 1000, 1),
        "batch_2000": {"errors": batch_errors,
                       "seconds": round(batch_seconds, 1) if batch_seconds else None},
    }
    if RSS_FIRST in rss and total in rss:
        first, last = rss[RSS_FIRST], rss[total]
        out["rss_mb"] = {
            f"server_after_{RSS_FIRST}": round(first[0], 1),
            f"server_after_{total}": round(last[0], 1),
            f"with_workers_after_{RSS_FIRST}": round(first[1], 1),
            f"with_workers_after_{total}": round(last[1], 1),
            "growth_server": round(last[0] / first[0] - 1, 3),
            "growth_with_workers": round(last[1] / first[1] - 1, 3),
        }
    return out


async def main_async(args: argparse.Namespace) -> dict:
    payloads = bodies()
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        log = REPO / "bench" / "out" / f"server-{args.executor}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        proc = start_server(port, Path(tmp) / "history.sqlite3", args.executor, args.workers, log)
        try:
            server = psutil.Process(proc.pid)
            url = f"http://127.0.0.1:{port}/api/v1/analyze"
            timeout = aiohttp.ClientTimeout(total=120)
            connector = aiohttp.TCPConnector(limit=CONCURRENCY)
            async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
                for body in payloads[:20]:  # warm up workers, caches and the history
                    async with session.post(url, data=body,
                                            headers={"Content-Type": "application/json"}) as r:
                        await r.read()
                for body in payloads[:5]:
                    analyze(decode_snapshot(body))
                print(f"snapshot: {len(payloads[0]) // 1024} KB, "
                      f"{len(decode_snapshot(payloads[0]).elements)} elements, "
                      f"{len(decode_snapshot(payloads[0]).requests)} requests", flush=True)
                over = await overhead(session, url, payloads[0], args.rounds)
                print(f"overhead: HTTP median {over['http_median_ms']} ms vs in-process "
                      f"{over['in_process_median_ms']} ms -> {over['ratio']}x", flush=True)
                result = await load(session, url, payloads, args.requests, server)
            return {"executor": args.executor, "cpus": os.cpu_count(),
                    "snapshot_kb": len(payloads[0]) // 1024, "overhead": over, "load": result}
        finally:
            proc.terminate()
            proc.wait(30)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=400, help="sequential overhead rounds")
    parser.add_argument("--executor", choices=("process", "thread"), default="process")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument(
        "--client-loop", choices=("uvloop", "asyncio"), default="uvloop",
        help="the benchmark client's event loop (default uvloop, as the service uses: the "
             "figure is then the service's overhead more than the Python client's; the "
             "extension's client is Chrome's network stack)")
    args = parser.parse_args()
    if args.client_loop == "uvloop":
        import uvloop

        figures = uvloop.run(main_async(args))
    else:
        figures = asyncio.run(main_async(args))
    figures["client_loop"] = args.client_loop
    print(json.dumps(figures, indent=2))
    out = REPO / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"service-{args.executor}.json").write_text(json.dumps(figures, indent=2))
    load_ = figures["load"]
    ok = (load_["batch_2000"]["errors"] == 0 and load_["errors"] == 0
          and figures["overhead"]["ratio"] <= 1.2
          and load_.get("rss_mb", {}).get("growth_with_workers", 0) <= 0.2)
    print("PASS" if ok else "FAIL: see the figures above")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
