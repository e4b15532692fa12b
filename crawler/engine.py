"""The crawl: frontier → visits (bounded concurrency) → page records → reports.

The start URL is visited first and alone: if it cannot be loaded the crawl stops (a gate
never passes on a site it could not see). Then ``concurrency`` workers take pages from the
frontier. Every page's record goes to the SQLite state as soon as it is done, so an
interrupted crawl (Ctrl-C, crash) still writes a report and ``--resume`` continues it.
"""

from __future__ import annotations

import asyncio
import ctypes
import gc
import logging
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playwright.async_api import Error as PlaywrightError

from companion.baseline import compare, load_report
from companion.errors import BrightlineError
from companion.policy import Policy, apply_policy, clock
from companion.sites import site_of
from crawler import urls
from crawler.analysis import AnalyzerPool
from crawler.browser import find_browser, launch_flags
from crawler.frontier import Frontier, QueueItem, Scope
from crawler.interact import MODES
from crawler.pool import BrowserPool
from crawler.progress import NullProgress, Progress
from crawler.record import page_record
from crawler.reports import write_all
from crawler.reports.model import build_report, data_versions
from crawler.robots import Robots, load_robots, sitemap_urls
from crawler.state import DONE, FAILED, STATE_FILE, CrawlState
from crawler.visit import Collect, VisitOptions, VisitResult, visit

log = logging.getLogger("brightline.crawler")

FETCH_TIMEOUT_S = 15.0
TRIM_EVERY = 25  # pages between returning freed heap memory to the system


class CrawlError(BrightlineError):
    pass


@dataclass
class CrawlOptions:
    url: str
    out: Path = Path("brightline-report")
    max_pages: int = 50
    max_depth: int = 3
    concurrency: int = 2
    interact: str = "reject"
    chrome_flags: str = ""
    browser: str | None = None
    timeout: float = 30.0
    resume: bool = False
    ignore_robots: bool = False
    allow: list[str] = field(default_factory=list)
    deny: list[str] = field(default_factory=list)
    har: bool = False
    delay: float = 0.25
    sitemap: bool = True
    screenshots: bool = True
    formats: list[str] | None = None
    baseline: Path | None = None  # an earlier report.json: findings are marked new/changed/unchanged
    policy: Policy | None = None  # brightline.toml: applied to the report before it is written
    fail_on: str | None = None  # the resolved gate, recorded in report["run"] for the CI writers (junit.xml)

    def check(self) -> None:
        if self.interact not in MODES:
            raise CrawlError(f"--interact must be one of {', '.join(MODES)}")
        for name in ("max_pages", "concurrency"):
            if getattr(self, name) < 1:
                raise CrawlError(f"--{name.replace('_', '-')} must be at least 1")
        if self.max_depth < 0:
            raise CrawlError("--max-depth must be 0 or more")
        if self.timeout <= 0:
            raise CrawlError("--timeout must be a positive number of seconds")


@dataclass
class CrawlResult:
    report: dict[str, Any]
    written: dict[str, Path]
    interrupted: bool = False
    start_error: str | None = None


class Crawler:
    def __init__(
        self,
        options: CrawlOptions,
        *,
        progress: Progress | None = None,
        collect: Collect | None = None,
        request_log: Any = None,
    ) -> None:
        options.check()
        self.options = options
        self.progress = progress or NullProgress()
        self._collect = collect
        self._request_log = request_log
        self._stop = asyncio.Event()
        self._changed = asyncio.Event()
        self._busy = 0
        self._pool: BrowserPool | None = None
        self._shot_cache: dict[str, str] = {}
        self._no_late_banner: set[str] = set()
        self._visited = 0
        self._analyzer: AnalyzerPool | None = None
        self._baseline = load_report(options.baseline, "--baseline") if options.baseline else None

    def stop(self) -> None:
        """Finish with the pages done so far (Ctrl-C). Pages in flight go back to the queue."""
        self._stop.set()
        self._changed.set()

    @property
    def pool(self) -> BrowserPool | None:
        return self._pool

    async def run(self) -> CrawlResult:
        opts = self.options
        start = urls.normalise(opts.url)
        if start is None:
            raise CrawlError(f"{opts.url!r} is not an http(s) URL")
        started_at = _now()
        # find_browser may start sync Playwright, which refuses to run inside an event loop
        choice = await asyncio.to_thread(find_browser, opts.browser)
        opts.out.mkdir(parents=True, exist_ok=True)
        state = CrawlState.open(opts.out / STATE_FILE, target=start, resume=opts.resume)
        pool = BrowserPool(choice, launch_flags(opts.chrome_flags))
        self._pool = pool
        start_error: str | None = None
        frontier: Frontier | None = None
        self.progress.start()
        self._analyzer = AnalyzerPool()
        try:
            await pool.start()
            robots = await self._robots(pool, start)
            frontier = Frontier(
                state,
                Scope.for_url(start, opts.allow, opts.deny),
                robots=robots,
                max_pages=opts.max_pages,
                max_depth=opts.max_depth,
                delay=opts.delay,
            )
            if not state.resumed:
                frontier.offer([start], depth=0, force=True)
                first = frontier.pop()
                if first is not None:
                    result = await self._process(pool, frontier, first)
                    if result is not None and result.error:
                        start_error = result.error
                    elif result is not None and result.final_url:
                        self._follow_redirected_start(frontier, start, result.final_url)
                if start_error is None and opts.sitemap and not self._stop.is_set():
                    await self._seed_sitemaps(pool, frontier, start, robots)
            if start_error is None and not self._stop.is_set():
                workers = [asyncio.create_task(self._worker(pool, frontier)) for _ in range(opts.concurrency)]
                await asyncio.gather(*workers)
        finally:
            self.progress.stop()
            report = self._report(state, start, started_at, pool)
            written = write_all(report, opts.out, opts.formats)
            state.close()
            self._analyzer.close()
            await pool.close()
        return CrawlResult(report, written, interrupted=self._stop.is_set(), start_error=start_error)

    # -- stages -------------------------------------------------------------------------
    def _follow_redirected_start(self, frontier: Frontier, start: str, final: str) -> None:
        """A start URL that redirects to another site (shop.com -> shop.de) moves the scope."""
        moved = site_of(final)
        if moved and moved != frontier.scope.site:
            log.warning("the start URL redirected to %s: crawling %s", final, moved)
            frontier.scope.site = moved

    async def _robots(self, pool: BrowserPool, start: str) -> Robots:
        origin = urls.origin(start)
        return await load_robots(origin, _browser_fetcher(pool), ignored=self.options.ignore_robots)

    async def _seed_sitemaps(self, pool: BrowserPool, frontier: Frontier, start: str, robots: Robots) -> None:
        seeds = robots.sitemaps or [f"{urls.origin(start)}/sitemap.xml"]
        found = await sitemap_urls(seeds, _browser_fetcher(pool))
        added = frontier.offer(found, depth=1, parent="sitemap.xml")
        log.info("sitemap: %d URLs, %d new in scope", len(found), added)
        self._changed.set()

    async def _worker(self, pool: BrowserPool, frontier: Frontier) -> None:
        while not self._stop.is_set():
            item = frontier.pop()
            if item is None:
                if self._busy == 0:
                    self._changed.set()  # wake the others so they can finish too
                    return
                self._changed.clear()
                try:
                    await asyncio.wait_for(self._changed.wait(), 1.0)
                except TimeoutError:
                    pass
                continue
            await self._process(pool, frontier, item)

    async def _process(self, pool: BrowserPool, frontier: Frontier, item: QueueItem) -> VisitResult | None:
        opts = self.options
        self._busy += 1
        result = VisitResult(url=item.url, depth=item.depth)
        self._update(frontier, current=item.url)
        try:
            await frontier.polite(item.url)
            began = time.perf_counter()
            visiting = asyncio.ensure_future(
                visit(
                    pool,
                    item.url,
                    self._visit_options(),
                    depth=item.depth,
                    collect=self._collect,
                    request_log=self._request_log,
                    result=result,
                )
            )
            stop_waiter = asyncio.ensure_future(self._stop.wait())
            done, _ = await asyncio.wait(
                {visiting, stop_waiter}, timeout=opts.timeout, return_when=asyncio.FIRST_COMPLETED
            )
            stop_waiter.cancel()
            if visiting not in done:
                visiting.cancel()
                await asyncio.gather(visiting, return_exceptions=True)
                if self._stop.is_set():
                    frontier.give_back(item)  # --resume visits it again
                    return None
                result.error = f"timeout: the page took longer than {opts.timeout:g} s"
                result.duration_ms = (time.perf_counter() - began) * 1000
                result.phases = [p for p in result.phases if p.name == "initial"]
            else:
                exc = visiting.exception()
                if exc is not None:
                    if isinstance(exc, BrightlineError):
                        raise exc
                    result.error = f"crawler error: {type(exc).__name__}: {exc}"
                    log.error("visit of %s failed", item.url, exc_info=exc)
            record = page_record(result)
            frontier.state.record(item.url, record, failed=bool(result.error))
            self._visited += 1
            if self._visited % TRIM_EVERY == 0:
                release_free_memory()
            if not result.error and result.links:
                base = result.final_url or item.url
                if frontier.scope.reason_out(base) is None:
                    frontier.offer(result.links, depth=item.depth + 1, base=base, parent=item.url)
            return result
        finally:
            self._busy -= 1
            self._changed.set()
            self._update(frontier)

    def _visit_options(self) -> VisitOptions:
        opts = self.options
        return VisitOptions(
            out_dir=opts.out,
            interact=opts.interact,
            timeout=opts.timeout,
            settle=min(6.0, opts.timeout / 3),
            har=opts.har,
            screenshots=opts.screenshots,
            shot_cache=self._shot_cache,
            no_late_banner=self._no_late_banner,
            analyzer=self._analyzer,
        )

    def _update(self, frontier: Frontier, current: str | None = None) -> None:
        state = frontier.state
        self.progress.update(
            done=state.count(DONE) + state.count(FAILED),
            failed=state.count(FAILED),
            queued=frontier.queued(),
            current=current,
        )

    def _report(self, state: CrawlState, start: str, started_at: str, pool: BrowserPool) -> dict[str, Any]:
        pages = list(state.results())
        options = {
            k: (str(v) if isinstance(v, Path) else v)
            for k, v in asdict(self.options).items()
            if k not in ("url", "formats", "policy")
        }
        run = {
            "started": started_at,
            "fail_on": self.options.fail_on,
            "finished": _now(),
            "interrupted": self._stop.is_set(),
            "resumed": self.options.resume,
            "options": options,
            "browser": asdict(pool.info),
            "data": data_versions(pages),
        }
        report = build_report(start, pages, run=run, skipped=state.skipped())
        if self.options.policy is not None:
            report = apply_policy(report, self.options.policy, clock.today())
        if self._baseline is not None:
            compare(report, self._baseline, self.options.baseline)
        return report


def _browser_fetcher(pool: BrowserPool):
    """Fetch robots.txt and sitemaps through the browser, so --chrome-flags apply to them too."""

    async def fetch(url: str) -> tuple[int, str] | None:
        context = await pool.new_context()
        try:
            page = await context.new_page()
            response = await page.goto(url, wait_until="domcontentloaded", timeout=FETCH_TIMEOUT_S * 1000)
            if response is None:
                return None
            return response.status, await response.text()
        except (PlaywrightError, UnicodeDecodeError) as err:
            log.info("could not fetch %s: %s", url, str(err).splitlines()[0] if str(err) else err)
            return None
        finally:
            try:
                await asyncio.wait_for(context.close(), 5)
            except (TimeoutError, PlaywrightError):
                pass

    return fetch


def release_free_memory() -> None:
    """Give freed heap pages back to the OS (glibc only).

    Snapshots are large, short-lived strings; without this, glibc keeps the freed memory
    and a long crawl's resident size creeps up although nothing is leaking.
    """
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
