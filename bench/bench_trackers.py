"""Tracker identification benchmark: cold list loads, per-URL matching, a 2,000-request page.

    .venv/bin/python bench/bench_trackers.py

Times are CPU time (time.process_time), so a busy machine does not inflate them. Cold
figures run in fresh interpreters (median of several), so imports and caches are
really cold. The filter cache goes to a temporary directory, never the user's.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNS = 5

_COLD = """
import time, sys
started = time.process_time()
from companion.tracking.{module} import {func}
imported = time.process_time()
{func}()
done = time.process_time()
print(f"{{(imported - started) * 1000:.1f}} {{(done - imported) * 1000:.1f}}")
"""


def cold(module: str, func: str, env: dict[str, str], fresh_cache: bool = False
         ) -> tuple[float, float]:
    """Median (import ms, load ms) over fresh processes; ``fresh_cache`` defeats the disk cache."""
    imports, loads = [], []
    for i in range(RUNS):
        run_env = dict(env)
        if fresh_cache:
            run_env["BRIGHTLINE_CACHE_DIR"] = os.path.join(env["BRIGHTLINE_CACHE_DIR"], f"r{i}")
        out = subprocess.run([sys.executable, "-c", _COLD.format(module=module, func=func)],
                             cwd=ROOT, env=run_env, capture_output=True, text=True, check=True)
        imp, load = (float(x) for x in out.stdout.split())
        imports.append(imp)
        loads.append(load)
    return statistics.median(imports), statistics.median(loads)


def main() -> None:
    from companion.models import Request, Snapshot
    from companion.page import Page
    from companion.tracking.classify import classify_page
    from companion.tracking.easyprivacy import easyprivacy

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, BRIGHTLINE_CACHE_DIR=tmp, PYTHONDONTWRITEBYTECODE="1")
        _, parsed = cold("easyprivacy", "easyprivacy", env, fresh_cache=True)
        print(f"EasyPrivacy cold parse (no cache):    {parsed:7.1f} ms")
        _, cached = cold("easyprivacy", "easyprivacy", env)
        print(f"EasyPrivacy cold load (disk cache):   {cached:7.1f} ms")
        _, cookies = cold("cookies", "cookie_database", env)
        print(f"Open Cookie Database cold load:       {cookies:7.1f} ms")
        _, entities = cold("entities", "entity_map", env)
        print(f"Entity map cold load:                 {entities:7.1f} ms")

    engine = easyprivacy()
    urls = [
        ("https://www.google-analytics.com/g/collect?v=2&tid=G-1&cid=1.2", "ping"),
        ("https://cdn.shop.example/static/js/main.4f3a2b1c.js", "script"),
        ("https://images.shop.example/products/1234/photo.jpg?w=640", "image"),
        ("https://metrics.partner.example/b/ss/acct/1/JS-2.0/s123?AQB=1", "image"),
        ("https://api.shop.example/v2/cart?session=abc", "xhr"),
        ("https://fonts.gstatic.com/s/inter/v12/abc.woff2", "font"),
        ("https://px.unknown.example/collect?uid=Zk3j9aQ2mX8pL4tR", "image"),
        ("https://www.shop.example/", "document"),
    ]
    for url, kind in urls:  # warm-up: lazy host rules parsed, regexes compiled
        engine.match(url, url.split("/")[2], kind, third_party=True, source_host="www.shop.example")
    n = 20000
    started = time.process_time()
    for i in range(n):
        url, kind = urls[i % len(urls)]
        engine.match(f"{url}&n={i}", url.split("/")[2], kind, third_party=True,
                     source_host="www.shop.example")
    per_url = (time.process_time() - started) / n * 1e6
    print(f"EasyPrivacy match per URL (warm):     {per_url:7.1f} µs")

    reqs = []
    for i in range(2000):
        url, kind = urls[i % len(urls)]
        host_variant = url.replace("shop.example", f"shop{i % 50}.example")
        reqs.append(Request(url=f"{host_variant}{'&' if '?' in url else '?'}n={i}", type=kind,
                            time_ms=float(i)))
    snap = Snapshot(url="https://www.shop.example/", requests=reqs)
    classify_page(Page(snap))
    timings = []
    for _ in range(RUNS):
        started = time.process_time()
        report = classify_page(Page(snap))
        timings.append((time.process_time() - started) * 1000)
    print(f"classify_page, 2,000 requests (warm): {statistics.median(timings):7.1f} ms "
          f"({len(report.trackers)} tracker hosts)")


if __name__ == "__main__":
    main()
