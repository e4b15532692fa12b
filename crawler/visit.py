"""Visiting one page: load, settle, capture, analyze, interact, keep evidence.

Each visit gets a fresh browser context. Whatever goes wrong on a page (DNS, TLS, 4xx/5xx,
redirect loops, downloads, dialogs, crashes, hangs) ends up in the page's ``error`` or
``notes``; it never stops the crawl. The per-page timeout is enforced by the caller
(``engine``) around ``visit``.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import BrowserContext, Page, Response
from playwright.async_api import Error as PlaywrightError

from companion.analyzer import Analysis, analyze
from companion.models import Snapshot
from crawler import interact
from crawler.analysis import AnalyzerPool
from crawler.evidence import Evidence, redact_har
from crawler.late_banner import LATE_BANNER_S, wait_for_banner
from crawler.leftovers import mark_left_over
from crawler.pool import BrowserPool
from crawler.steps import first_line

log = logging.getLogger("brightline.crawler.visit")

Collect = Callable[..., Awaitable[Snapshot]]

MAX_LINKS = 2000
LARGE_DOM_BYTES = 5_000_000
CLOSE_TIMEOUT_S = 5.0
_LINKS_JS = "els => els.map(e => e.href).filter(h => typeof h === 'string')"
# A banner fading or sliding in is captured once it is there, as a person sees it (the
# extension waits the same way): running animations with an end, at most this long.
MAX_ANIMATION_WAIT_S = 2.5
_ANIMATIONS_SETTLED_JS = """(limitMs) => {
  const running = document.getAnimations().filter((a) => a.playState === "running"
    && a.effect && Number.isFinite(a.effect.getComputedTiming().endTime));
  if (!running.length) return true;
  const finished = Promise.allSettled(running.map((a) => a.finished));
  return Promise.race([finished, new Promise((done) => setTimeout(done, limitMs))]).then(() => true);
}"""


# One analysis thread for the whole crawl: analysis is CPU-bound Python (the GIL gives more
# threads nothing), and every extra thread costs its own malloc arena, which shows as
# resident memory growth over long crawls.
_ANALYZER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="brightline-analyze")


class PageFailed(Exception):
    """The page could not be visited; the message is the report's ``error``."""


class BrowserCrashed(PageFailed):
    pass


@dataclass
class VisitOptions:
    out_dir: Path
    interact: str = "reject"
    timeout: float = 30.0  # the whole visit; enforced by the engine
    settle: float = 6.0  # at most this long waiting for load + a quiet network
    quiet_ms: int = 500  # "network idle": no request in flight for this long
    banner_wait: float = LATE_BANNER_S  # at most this long for a banner shown late
    # Hosts whose pages showed no banner even after the wait: later pages do not wait again.
    no_late_banner: set[str] = field(default_factory=set)
    har: bool = False
    screenshots: bool = True
    save_snapshots: bool = True
    # Screenshots shared across the crawl: the same banner on 500 pages is shot once.
    shot_cache: dict[str, str] = field(default_factory=dict)
    analyzer: AnalyzerPool | None = None  # else analysis runs on a thread of this process


@dataclass
class PhaseResult:
    name: str  # initial | initial-settings | after-reject | after-accept
    phase: str  # the snapshot's phase
    snapshot: Snapshot
    analysis: Analysis
    snapshot_path: str | None = None
    banner_shot: str | None = None
    shots: dict[int, str] = field(default_factory=dict)


@dataclass
class VisitResult:
    url: str
    depth: int = 0
    final_url: str | None = None
    status: int | None = None
    error: str | None = None
    phases: list[PhaseResult] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    interactions: list[interact.Interaction] = field(default_factory=list)
    har: str | None = None
    duration_ms: float = 0.0

    @property
    def failed(self) -> bool:
        return self.error is not None


def default_collect() -> Collect:
    from crawler.collect import collect

    return collect


def _request_log(page: Page) -> Any:
    from crawler.request_log import RequestLog

    return RequestLog().attach(page)


class PageVisit:
    """The live page of one visit: one context, its network activity, capture and evidence."""

    def __init__(
        self,
        context: BrowserContext,
        page: Page,
        result: VisitResult,
        options: VisitOptions,
        evidence: Evidence,
        collect: Collect,
        request_log: Callable[[Page], Any],
    ) -> None:
        self.context = context
        self.page = page
        self.result = result
        self.options = options
        self.evidence = evidence
        self._collect = collect
        self._new_log = request_log
        self.requests: Any = None
        self._inflight = 0
        self._last_activity = time.monotonic()
        self.crashed = False
        self.confirm_dialogs = False  # set by interact while it clicks consent controls
        self.main_response: Response | None = None
        page.on("request", self._on_request_start)
        page.on("requestfinished", self._on_request_end)
        page.on("requestfailed", self._on_request_end)
        page.on("crash", self._on_crash)
        page.on("dialog", self._on_dialog)

    # -- page events --------------------------------------------------------------------
    def _on_request_start(self, _request: Any) -> None:
        self._inflight += 1
        self._last_activity = time.monotonic()

    def _on_request_end(self, _request: Any) -> None:
        self._inflight = max(0, self._inflight - 1)
        self._last_activity = time.monotonic()

    def _on_crash(self, _page: Any) -> None:
        self.crashed = True
        self.result.notes.append("the page's renderer crashed")

    def _on_dialog(self, dialog: Any) -> None:
        message = " ".join(str(dialog.message).split())[:200]
        # "Are you sure you want to refuse?" after a consent click: the person said yes.
        agree = dialog.type == "beforeunload" or (dialog.type == "confirm" and self.confirm_dialogs)
        self.result.notes.append(
            f"JavaScript {dialog.type} dialog {'accepted' if agree else 'dismissed'}: {message!r}")
        handler = dialog.accept if agree else dialog.dismiss
        asyncio.ensure_future(_quietly(handler()))

    # -- navigation ---------------------------------------------------------------------
    async def load(self, url: str) -> None:
        self.requests = self._new_log(self.page)
        try:
            self.main_response = await self.page.goto(
                url, wait_until="domcontentloaded", timeout=self.options.timeout * 1000
            )
        except PlaywrightError as err:
            raise PageFailed(describe_navigation_error(err)) from err
        self._remember_response()
        await self.settle()

    async def reload(self) -> None:
        timeout = self.options.timeout * 1000
        await self._load_again(
            lambda: self.page.reload(wait_until="domcontentloaded", timeout=timeout), "reload failed"
        )

    async def open_again(self, url: str) -> None:
        """Load ``url`` once more in this page, as a reload does (a settings link led elsewhere)."""
        timeout = self.options.timeout * 1000
        await self._load_again(
            lambda: self.page.goto(url, wait_until="domcontentloaded", timeout=timeout),
            "going back to the page failed",
        )

    async def _load_again(self, navigate: Callable[[], Awaitable[Response | None]], failure: str) -> None:
        if hasattr(self.requests, "clear"):
            self.requests.clear()  # the after-phase sees only what the reloaded page loads
        else:
            self.requests = self._new_log(self.page)
        try:
            self.main_response = await navigate()
        except PlaywrightError as err:
            raise PageFailed(f"{failure}: {describe_navigation_error(err)}") from err
        await self.settle()

    def _remember_response(self) -> None:
        response = self.main_response
        self.result.final_url = self.page.url
        if response is not None:
            self.result.status = response.status
            size = response.headers.get("content-length")
            if size and size.isdigit() and int(size) > LARGE_DOM_BYTES:
                self.result.notes.append(f"large page: {int(size) // 1_000_000} MB of HTML")

    async def settle(self) -> None:
        """Wait (bounded) for the load event and a quiet network: banners come late."""
        deadline = time.monotonic() + self.options.settle
        try:
            await self.page.wait_for_load_state("load", timeout=self.options.settle * 1000)
        except PlaywrightError:
            self.result.notes.append(f"load event did not fire within {self.options.settle:g} s")
        await self.quiet(deadline - time.monotonic())

    async def quiet(self, limit: float, quiet_s: float | None = None) -> None:
        """Wait, at most ``limit`` seconds, until no request has been in flight for ``quiet_s``."""
        quiet = self.options.quiet_ms / 1000 if quiet_s is None else quiet_s
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            idle_for = time.monotonic() - self._last_activity
            if self._inflight == 0 and idle_for >= quiet:
                return
            await asyncio.sleep(0.05 if self._inflight else max(0.02, quiet - idle_for))

    # -- capture ------------------------------------------------------------------------
    async def _animations_settle(self) -> None:
        try:
            await asyncio.wait_for(
                self.page.evaluate(_ANIMATIONS_SETTLED_JS, MAX_ANIMATION_WAIT_S * 1000),
                MAX_ANIMATION_WAIT_S + 1.0,
            )
        except (PlaywrightError, TimeoutError):
            pass  # a page that cannot tell is captured as it is

    async def capture(self, name: str, phase: str) -> PhaseResult:
        if self.crashed:
            raise PageFailed("the page's renderer crashed")
        status = self.main_response.status if self.main_response is not None else None
        kwargs: dict[str, Any] = {"phase": phase, "source": "crawler", "requests": self.requests}
        if status is not None:
            kwargs["status"] = status
        await self._animations_settle()
        try:
            snapshot = await self._collect(self.page, **kwargs)
        except PlaywrightError as err:
            if self.crashed:
                raise PageFailed("the page's renderer crashed") from err
            raise PageFailed(f"could not capture the page: {first_line(err)}") from err
        if phase == "after-reject":
            chosen_from = [p.snapshot for p in self.result.phases if p.phase == "initial"]
            if chosen_from:
                mark_left_over(snapshot, chosen_from[-1])
        if self.options.analyzer is not None:
            analysis = await self.options.analyzer.analyze(snapshot)
        else:
            loop = asyncio.get_running_loop()
            analysis = await loop.run_in_executor(_ANALYZER, analyze, snapshot)
        result = PhaseResult(name, phase, snapshot, analysis)
        if snapshot.collector is not None and snapshot.collector.truncated:
            self.result.notes.append(f"large page: the {name} snapshot was truncated by the collector")
        elif len(snapshot.dom) > LARGE_DOM_BYTES:
            self.result.notes.append(f"large page: {len(snapshot.dom) // 1_000_000} MB of DOM")
        if self.options.save_snapshots:
            result.snapshot_path = self.evidence.save_snapshot(name, snapshot)
        banner = analysis.banner
        result.banner_shot = await self.evidence.banner_shot(self.page, name, banner)
        result.shots = await self.evidence.finding_shots(self.page, name, analysis.findings, banner)
        self.result.phases.append(result)
        return result

    async def links(self) -> list[str]:
        try:
            found = await self.page.eval_on_selector_all("a[href], area[href]", _LINKS_JS)
        except PlaywrightError:
            return []
        return [str(h) for h in found[:MAX_LINKS]]


async def _await_late_banner(page: Page, options: VisitOptions) -> None:
    host = urlsplit(page.url).hostname or ""
    if host in options.no_late_banner:
        return
    if not await wait_for_banner(page, options.banner_wait):
        options.no_late_banner.add(host)


async def visit(
    pool: BrowserPool,
    url: str,
    options: VisitOptions,
    *,
    depth: int = 0,
    collect: Collect | None = None,
    request_log: Callable[[Page], Any] | None = None,
    result: VisitResult | None = None,
) -> VisitResult:
    """Visit ``url``: initial phase, then consent interaction per ``options.interact``.

    ``result`` may be passed in so the caller keeps whatever was gathered if it cancels the
    visit (per-page timeout).
    """
    started = time.perf_counter()
    result = result or VisitResult(url=url, depth=depth)
    collect = collect or default_collect()
    request_log = request_log or _request_log
    evidence = Evidence(options.out_dir, url, screenshots=options.screenshots, cache=options.shot_cache)
    generation = pool.generation
    mode = options.interact
    try:
        first_mode = "reject" if mode == "both" else mode
        initial = await _session(
            pool, url, options, evidence, collect, request_log, result, first=True, mode=first_mode
        )
        if mode == "both" and initial is not None and initial.analysis.banner:
            # accepting needs the unconsented state again: a fresh context
            await _session(
                pool,
                url,
                options,
                evidence,
                collect,
                request_log,
                result,
                first=False,
                mode="accept",
                initial=initial,
            )
    except PageFailed as err:
        if not result.error:
            result.error = str(err)
    except PlaywrightError as err:
        if not pool.connected:
            result.error = "the browser crashed during the visit"
        else:
            result.error = f"browser error: {first_line(err)}"
    if result.error and "closed" in result.error and pool.connected:
        await asyncio.sleep(0.2)  # the disconnect event may trail the failed call
    if not pool.connected:
        result.error = "the browser crashed during the visit"
        await pool.restart(generation)
    result.duration_ms = (time.perf_counter() - started) * 1000
    return result


async def _session(
    pool: BrowserPool,
    url: str,
    options: VisitOptions,
    evidence: Evidence,
    collect: Collect,
    request_log: Callable[[Page], Any],
    result: VisitResult,
    *,
    first: bool,
    mode: str,
    initial: PhaseResult | None = None,
) -> PhaseResult | None:
    """One fresh context: load the page; capture ``initial`` (first) and run one interaction."""
    har_path = evidence.har_path if options.har and first else None
    context = await pool.new_context(har_path=har_path)
    try:
        page = await context.new_page()
        session = PageVisit(context, page, result, options, evidence, collect, request_log)
        await session.load(url)
        if first:
            if result.status is not None and result.status >= 400:
                raise PageFailed(f"HTTP {result.status}")
            await _await_late_banner(page, options)
            initial = await session.capture("initial", "initial")
            result.links = await session.links()
        if mode == "none" or initial is None:
            return initial
        record = interact.Interaction(mode=mode)
        result.interactions.append(record)
        try:
            if mode == "reject":
                await interact.reject(session, initial, record)
            else:
                await interact.accept(session, initial, record)
        except (PageFailed, PlaywrightError) as err:
            if not pool.connected or session.crashed:
                raise
            # The page itself was audited; only the interaction broke down.
            record.outcome = "error"
            result.notes.append(f"{mode} interaction failed: {first_line(err)}")
        return initial
    finally:
        await _close(context)
        if har_path is not None and har_path.is_file():
            redact_har(har_path)
            result.har = str(evidence.rel / har_path.name)


async def _close(context: BrowserContext) -> None:
    try:
        await asyncio.wait_for(context.close(), CLOSE_TIMEOUT_S)
    except (TimeoutError, PlaywrightError):
        pass


async def _quietly(aw: Awaitable[Any]) -> None:
    try:
        await aw
    except PlaywrightError:
        pass


_NET_ERRORS = {
    "ERR_NAME_NOT_RESOLVED": "DNS: the host name does not resolve",
    "ERR_NAME_RESOLUTION_FAILED": "DNS: the host name does not resolve",
    "ERR_CONNECTION_REFUSED": "connection refused",
    "ERR_CONNECTION_RESET": "connection reset",
    "ERR_CONNECTION_CLOSED": "connection closed by the server",
    "ERR_EMPTY_RESPONSE": "the server sent an empty response",
    "ERR_ADDRESS_UNREACHABLE": "address unreachable",
    "ERR_TIMED_OUT": "connection timed out",
    "ERR_CONNECTION_TIMED_OUT": "connection timed out",
    "ERR_TOO_MANY_REDIRECTS": "redirect loop (too many redirects)",
    "ERR_SSL_PROTOCOL_ERROR": "TLS: protocol error",
    "ERR_ABORTED": "navigation aborted (the URL may serve a download)",
    "ERR_INVALID_RESPONSE": "invalid response",
    "ERR_INTERNET_DISCONNECTED": "no network",
    "ERR_UNSAFE_PORT": "the browser refuses to connect to this port",
}


def describe_navigation_error(err: BaseException) -> str:
    """A one-line reason for a failed navigation (DNS, TLS, connection, redirects, timeout…)."""
    text = str(err)
    if "Download is starting" in text:
        return "download: the URL serves a file, not a page"
    if "Timeout" in text and "exceeded" in text:
        return "timeout: the page did not load in time"
    for code, meaning in _NET_ERRORS.items():
        if f"net::{code}" in text:
            return f"{meaning} (net::{code})"
    if "net::ERR_CERT" in text or "ERR_SSL" in text:
        code = text.split("net::", 1)[1].split()[0]
        return f"TLS: certificate error (net::{code})"
    if "net::" in text:
        return f"network error (net::{text.split('net::', 1)[1].split()[0]})"
    return first_line(err)
