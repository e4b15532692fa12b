"""Crawler benchmark: throughput against a bare Playwright loop, and memory over 500 pages.

    .venv/bin/python bench/bench_crawl.py [--pages 100] [--memory-pages 500] [--concurrency 4]

1. Throughput. The fixture web's generated shop (www.outdoor-gear-depot.com, a real
   vanilla-cookieconsent banner on every page) is crawled with ``--interact none`` and
   ``--concurrency 4`` (politeness delay 0: the loop has none either). In the same run, a bare
   Playwright loop loads the same URLs with the same browser, flags and concurrency, one
   fresh context per page like the crawler, in two variants: ``goto(wait_until="load")`` and
   ``goto(wait_until="networkidle")``. The crawler's own notion of "loaded" is load plus a
   quiet network (no request for 500 ms), i.e. the networkidle variant; both ratios are printed.
2. Memory. A 700-page shop-like site (same page template and banner, served by this script)
   is crawled to 500 pages; the resident memory of the crawler process and of its whole
   process tree (Playwright driver and Chromium) is sampled after 100 and after 500 pages.

Targets (issue 5): throughput ≥ 0.6× the bare loop; RSS at 500 pages within 25% of RSS at 100.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil
from aiohttp import web

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.browser import find_browser, launch_flags  # noqa: E402
from crawler.engine import Crawler, CrawlOptions  # noqa: E402
from tests.fixtureweb import generated  # noqa: E402
from tests.fixtureweb.server import FixtureWeb  # noqa: E402

SHOP = generated.SHOP_HOST
BIG_HOST = "www.bench-outdoor.test"
SHOP_ASSETS = REPO / "tests" / "fixtures" / "web" / "sites" / SHOP / "assets"


# -- the big site for the memory run -------------------------------------------------------
def _big_page(n: int, total: int) -> str:
    # A tree (children 8n+1 … 8n+8) plus the next pages: every page is a few clicks deep.
    kids = [m for m in range(8 * n + 1, 8 * n + 9) if m < total]
    nxt = [m for m in range(n + 1, n + 4) if m < total]
    links = "".join(f'<li><a href="/p/{m}">Item {m}</a></li>' for m in kids + nxt)
    body = (
        f"<h1>Trail item {n}</h1><p class='price'>${19 + n % 80}.99</p>"
        f"<p>Tested on the West Highland Way.</p><ul>{links}</ul>"
    )
    return generated._shop_page(f"Trail item {n}", body)


def start_big_site(total: int) -> tuple[int, threading.Event]:
    async def handle(request: web.Request) -> web.StreamResponse:
        path = request.path
        if path.startswith("/assets/"):
            name = path.removeprefix("/assets/")
            file = SHOP_ASSETS / name
            if re.fullmatch(r"[\w.-]+", name) and file.is_file():
                return web.FileResponse(file)
            if name == "consent.js":
                return web.Response(text=generated.SHOP_CONSENT_JS, content_type="application/javascript")
            if name == "shop.css":
                return web.Response(text=generated.SHOP_CSS, content_type="text/css")
            raise web.HTTPNotFound()
        if path == "/":
            return web.Response(text=_big_page(0, total), content_type="text/html")
        found = re.fullmatch(r"/p/(\d+)", path)
        if found and int(found[1]) < total:
            return web.Response(text=_big_page(int(found[1]), total), content_type="text/html")
        raise web.HTTPNotFound()

    ready = threading.Event()
    port: list[int] = []

    def run() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", handle)
        runner = web.AppRunner(app, access_log=None)
        loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        loop.run_until_complete(site.start())
        port.append(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
        ready.set()
        loop.run_forever()

    threading.Thread(target=run, daemon=True).start()
    ready.wait(10)
    return port[0], ready


# -- measuring -----------------------------------------------------------------------------
def tree_rss_mb() -> tuple[float, float]:
    """(this process, this process + all descendants) resident memory in MB."""
    me = psutil.Process(os.getpid())
    own = me.memory_info().rss
    total = own
    for child in me.children(recursive=True):
        try:
            total += child.memory_info().rss
        except psutil.Error:
            pass
    return own / 1e6, total / 1e6


class Sampler:
    """A progress sink that samples memory when the crawl passes given page counts."""

    def __init__(self, marks: list[int]) -> None:
        self.marks = sorted(marks)
        self.samples: dict[int, tuple[float, float]] = {}

    def start(self) -> None: ...

    def stop(self) -> None: ...

    def update(self, *, done: int, failed: int, queued: int, current: str | None = None) -> None:
        for mark in self.marks:
            if done >= mark and mark not in self.samples:
                self.samples[mark] = tree_rss_mb()


async def bare_loop(browser_path: str, urls: list[str], flags: list[str], concurrency: int, wait_until: str) -> float:
    from playwright.async_api import async_playwright

    queue: asyncio.Queue[str] = asyncio.Queue()
    for url in urls:
        queue.put_nowait(url)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=browser_path, args=flags)
        started = time.perf_counter()

        async def worker() -> None:
            while not queue.empty():
                url = queue.get_nowait()
                context = await browser.new_context(viewport={"width": 1280, "height": 800})
                page = await context.new_page()
                try:
                    await page.goto(url, wait_until=wait_until, timeout=30_000)  # type: ignore[arg-type]
                except Exception as err:  # noqa: BLE001
                    print(f"  bare loop: {url}: {str(err).splitlines()[0]}", file=sys.stderr)
                await context.close()

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
        await browser.close()
    return elapsed


async def crawl(
    url: str, out: Path, flags: str, pages: int, concurrency: int, progress: Sampler | None = None
) -> tuple[float, dict]:
    opts = CrawlOptions(
        url=url,
        out=out,
        max_pages=pages,
        max_depth=50,
        concurrency=concurrency,
        interact="none",
        chrome_flags=flags,
        delay=0.0,
        timeout=30.0,
    )
    started = time.perf_counter()
    result = await Crawler(opts, progress=progress).run()
    return time.perf_counter() - started, result.report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--memory-pages", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument("--skip-throughput", action="store_true", help="only the memory run")
    parser.add_argument("--skip-memory", action="store_true", help="only the throughput run")
    args = parser.parse_args(argv)

    big_port, _ = start_big_site(args.memory_pages + 200)
    with FixtureWeb.background() as fw, tempfile.TemporaryDirectory() as tmp:
        rules = f"MAP {BIG_HOST} 127.0.0.1:{big_port}, MAP * 127.0.0.1:{fw.port}, EXCLUDE localhost"
        flag_str = f"--host-resolver-rules='{rules}' --ignore-certificate-errors"
        flags = launch_flags(flag_str)
        browser_path = find_browser().path
        print(f"browser: {find_browser().path}; cores: {os.cpu_count()}; concurrency {args.concurrency}")

        if not args.skip_throughput:
            throughput(args, flag_str, flags, browser_path, Path(tmp))
        if not args.skip_memory:
            memory(args, flag_str, Path(tmp))
    return 0


def _failures(report: dict) -> str:
    reasons: dict[str, int] = {}
    for page in report["pages"]:
        if page["error"]:
            key = page["error"].split(":")[0]
            reasons[key] = reasons.get(key, 0) + 1
    return ", ".join(f"{k}: {v}" for k, v in reasons.items()) or "none"


def throughput(args: argparse.Namespace, flag_str: str, flags: list[str], browser_path: str, tmp: Path) -> None:
    """Crawl, then the bare loop twice per variant, then crawl again (best crawl is used)."""
    crawl_s, report = asyncio.run(crawl(f"https://{SHOP}/", tmp / "t", flag_str, args.pages, args.concurrency))
    urls = [p["url"] for p in report["pages"]]
    failed = report["summary"]["failed"]
    bare: dict[str, list[float]] = {"load": [], "networkidle": []}
    for _ in range(2):
        for mode in bare:
            bare[mode].append(asyncio.run(bare_loop(browser_path, urls, flags, args.concurrency, mode)))
    crawl2_s, _ = asyncio.run(crawl(f"https://{SHOP}/", tmp / "t2", flag_str, args.pages, args.concurrency))
    crawl_best = min(crawl_s, crawl2_s)
    n = len(urls)
    print(f"\nthroughput over {n} pages ({failed} failed), --interact none, banner on every page:")
    print(
        "  crawler (collect + analyze + screenshots + report): "
        f"{crawl_s:.1f} s, {crawl2_s:.1f} s "
        f"-> {n / crawl_best:.2f} pages/s"
    )
    for mode, times in bare.items():
        mean = sum(times) / len(times)
        print(
            f"  bare Playwright loop, wait_until={mode}: "
            f"{', '.join(f'{t:.1f}' for t in times)} s "
            f"-> {n / mean:.2f} pages/s; crawler/bare = {mean / crawl_best:.2f}x"
        )

    print(f"  failures: {_failures(report)}")


def memory(args: argparse.Namespace, flag_str: str, tmp: Path) -> None:
    sampler = Sampler(list(range(100, args.memory_pages + 1, 100)))
    mem_s, mem_report = asyncio.run(
        crawl(
            f"http://{BIG_HOST}/",
            tmp / "m",
            flag_str,
            args.memory_pages,
            args.concurrency,
            sampler,
        )
    )
    print(
        f"\nmemory over {mem_report['summary']['pages']} pages ({mem_s:.0f} s, "
        f"{mem_report['summary']['failed']} failed):"
    )
    for mark, (own, total) in sorted(sampler.samples.items()):
        print(f"  after {mark:>4} pages: crawler process {own:7.1f} MB, with browser {total:7.1f} MB")
    if len(sampler.samples) >= 2 and args.memory_pages in sampler.samples:
        marks = sorted(sampler.samples)
        (o1, t1), (o2, t2) = sampler.samples[marks[0]], sampler.samples[marks[-1]]
        print(
            f"  growth 100 -> {args.memory_pages}: "
            f"crawler process {100 * (o2 / o1 - 1):+.1f}%, "
            f"with browser {100 * (t2 / t1 - 1):+.1f}% (target within 25%)"
        )
    print(f"  failures: {_failures(mem_report)}")


if __name__ == "__main__":
    raise SystemExit(main())
