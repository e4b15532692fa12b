"""``scan(page)``: Brightline inside an existing Playwright test, like ``@axe-core/playwright``.

The test drives the page (opens it, clicks "Reject all" ...); ``scan`` then runs the one
collector and the one analyzer on it and returns the page's :class:`Findings`::

    findings = await scan(page)                      # playwright.async_api
    findings = scan_sync(page)                       # playwright.sync_api, pytest-playwright
    assert not findings.at_or_above("medium"), str(findings)

Trackers are found from the requests the page made. Without a recorded log, they are read
back from the browser's Resource Timing buffer; ``log = watch(page)`` before the first
``goto`` records them as they happen (with statuses, failed requests and methods), and
``scan(page, requests=log)`` uses that log. ``policy`` (a team's ``brightline.toml``, see
``companion.policy.discover_policy``) changes severities and drops accepted findings, as it
does for ``crawl`` and ``check``.
"""

from __future__ import annotations

import inspect
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, get_args

from playwright.async_api import Error as PlaywrightError

from companion.analyzer import Analysis, analyze
from companion.errors import BrightlineError
from companion.models import Finding, Phase, Request
from crawler.collect import RequestLog, capture_error, collect
from crawler.resource_timing import TIMING_SCRIPT, requests_from_timing
from crawler.scan_findings import Findings, ScanFailed, check_severity

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext as AsyncContext
    from playwright.async_api import Page as AsyncPage
    from playwright.sync_api import BrowserContext as SyncContext
    from playwright.sync_api import Page as SyncPage

    from companion.policy import Policy

__all__ = ["Findings", "RequestLog", "ScanFailed", "scan", "scan_sync", "watch"]

log = logging.getLogger("brightline.scan")

Requests = RequestLog | Iterable[Request] | None


def watch(target: AsyncPage | AsyncContext | SyncPage | SyncContext) -> RequestLog:
    """Start recording requests on a page or a whole context (async or sync API); pass the
    log to ``scan(page, requests=log)``. Attach it before the first ``goto``."""
    return RequestLog().attach(target)  # type: ignore[arg-type]


async def scan(
    page: AsyncPage,
    *,
    phase: Phase = "initial",
    requests: Requests = None,
    fail_on: str | None = None,
    policy: Policy | None = None,
) -> Findings:
    """Collect and analyze a page of Playwright's async API, as the test left it.

    ``phase`` says where the page is in the consent flow: ``"initial"`` (no choice made yet),
    ``"after-reject"`` or ``"after-accept"``; it decides which rules apply. For the later
    phases pass a ``watch`` log cleared before the click: without one, the requests come from
    the Resource Timing buffer, which also holds what loaded before the click. ``fail_on``
    (``high|medium|low|info``) raises :class:`ScanFailed` when a finding is that bad or worse.
    """
    _check_arguments(phase, fail_on)
    if inspect.iscoroutinefunction(getattr(page, "evaluate", None)) is False:
        raise BrightlineError("scan(page) takes an async-API page; use scan_sync(page) for playwright.sync_api")
    if requests is None:
        try:
            top = await page.main_frame.evaluate(TIMING_SCRIPT)
        except PlaywrightError as err:
            raise capture_error(page.url, err) from err
        children = []
        for frame in _timed_children(page):
            try:
                children.append(await frame.evaluate(TIMING_SCRIPT))
            except PlaywrightError as err:  # detached meanwhile: its requests are lost, the page is not
                log.debug("no resource timing from %s: %s", frame.url, err)
        requests = requests_from_timing(top, children)
    request_list = current_page_requests(requests)
    snapshot = await collect(page, phase=phase, requests=request_list, status=_document_status(request_list))
    return _judge(analyze(snapshot), fail_on, policy)


def scan_sync(
    page: SyncPage,
    *,
    phase: Phase = "initial",
    requests: Requests = None,
    fail_on: str | None = None,
    policy: Policy | None = None,
) -> Findings:
    """:func:`scan` for a page of Playwright's sync API (pytest-playwright's ``page`` fixture)."""
    from crawler.collect_sync import collect_sync  # the sync API only when a sync page is scanned

    _check_arguments(phase, fail_on)
    if inspect.iscoroutinefunction(getattr(page, "evaluate", None)):
        raise BrightlineError("scan_sync(page) takes a sync-API page; use `await scan(page)` for playwright.async_api")
    if requests is None:
        try:
            top = page.main_frame.evaluate(TIMING_SCRIPT)
        except PlaywrightError as err:
            raise capture_error(page.url, err) from err
        children = []
        for frame in _timed_children(page):
            try:
                children.append(frame.evaluate(TIMING_SCRIPT))
            except PlaywrightError as err:
                log.debug("no resource timing from %s: %s", frame.url, err)
        requests = requests_from_timing(top, children)
    request_list = current_page_requests(requests)
    snapshot = collect_sync(page, phase=phase, requests=request_list, status=_document_status(request_list))
    return _judge(analyze(snapshot), fail_on, policy)


def _check_arguments(phase: str, fail_on: str | None) -> None:
    phases = get_args(Phase)
    if phase not in phases:
        raise BrightlineError(f"phase={phase!r}: use one of {', '.join(phases)}")
    if fail_on is not None:
        check_severity(fail_on)


def _timed_children(page: Any) -> list[Any]:
    """Child frames whose buffers to read. A frame that has no document yet has nothing to give."""
    return [
        f
        for f in page.frames
        if f is not page.main_frame and not f.is_detached() and f.url.startswith(("http:", "https:"))
    ]


def current_page_requests(requests: RequestLog | Iterable[Request]) -> list[Request]:
    """The requests of the document the page shows now: a log that lived through several
    navigations keeps only what came from the last top-level document request onward."""
    entries = requests.requests if isinstance(requests, RequestLog) else list(requests)
    starts = [i for i, r in enumerate(entries) if r.type == "document" and r.frame_url is None]
    return entries[starts[-1]:] if starts else entries


def _document_status(requests: list[Request]) -> int | None:
    first = requests[0] if requests else None
    return first.status if first and first.type == "document" and first.frame_url is None else None


def _judge(analysis: Analysis, fail_on: str | None, policy: Policy | None = None) -> Findings:
    if analysis.errors:
        log.warning("detectors failed on %s: %s", analysis.url, analysis.errors)
    findings = Findings(
        analysis.findings if policy is None else _with_policy(analysis, policy),
        url=analysis.url,
        phase=analysis.phase,
        banner=analysis.banner,
        trackers=analysis.trackers,
        errors=analysis.errors,
    )
    if fail_on is not None:
        failing = findings.at_or_above(fail_on)
        if failing:
            raise ScanFailed(failing, fail_on)
    return findings


def _with_policy(analysis: Analysis, policy: Policy) -> list[Finding]:
    """The page's findings after the policy, the same way ``check`` and ``crawl`` apply it."""
    import msgspec

    from companion.policy import apply_policy, clock, print_expiry_warnings
    from companion.report import build_report, page_entry

    report = build_report(analysis.url, [page_entry(analysis.url, analysis)])
    report = apply_policy(report, policy, clock.today())
    print_expiry_warnings(report)
    from companion.models import SEVERITIES

    findings = [msgspec.convert(f, Finding) for f in report["pages"][0]["findings"]]
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), f.rule))
