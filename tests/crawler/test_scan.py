"""``scan(page)`` and ``scan_sync(page)`` on pages of the fixture web, driven as a test suite would.

Each site's ``expected.json`` says which rules must and must not be found; ``scan`` must agree
whether it reads the requests from the browser's Resource Timing buffer or from a log
recorded with ``watch``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio
from playwright.async_api import Browser, Page, async_playwright

from companion.errors import BrightlineError
from companion.models import Finding, Request
from crawler import Findings, ScanFailed, scan, scan_sync, watch
from crawler.browser import launch_flags
from crawler.page_scan import current_page_requests
from crawler.resource_timing import requests_from_timing, resource_type

REPO = Path(__file__).resolve().parents[2]
SITES = REPO / "tests" / "fixtures" / "web" / "sites"
TRACKERS_SITE = "www.quizmaster-daily.com"  # trackers before any choice, no reject
COMPLIANT_SITE = "www.alpenpfad-wandern.de"  # equal buttons, trackers only after accept
FRAMED_SITE = "www.dailychronicle-news.co.uk"  # the banner sits in a cross-origin frame
IGNORED_SITE = "www.megadeals-outlet.com"  # trackers load even after "Reject all"
SCANNED_SITES = (TRACKERS_SITE, COMPLIANT_SITE, FRAMED_SITE, IGNORED_SITE)


def expected(host: str, phase: str) -> dict[str, list[str]]:
    spec = json.loads((SITES / host / "expected.json").read_text(encoding="utf-8"))
    return spec["phases"][phase]


def assert_meets_spec(findings: Findings, host: str, phase: str) -> None:
    spec = expected(host, phase)
    found = set(findings.rules)
    assert set(spec["present"]) <= found, (host, phase, str(findings))
    assert not set(spec["absent"]) & found, (host, phase, str(findings))


def tracker_hosts(findings: Findings) -> set[str]:
    return {f.evidence["host"] for f in findings if f.rule == "tracker.third-party"}


# -- without a browser ----------------------------------------------------------------------
def test_resource_timing_becomes_requests_in_start_order() -> None:
    top = {
        "url": "https://site.test/",
        "timeOrigin": 1000.0,
        "status": 200,
        "entries": [
            ["https://cdn.test/a.js", "script", 50.0, 200],
            ["https://cmp.test/frame.html", "iframe", 20.0, 0],
        ],
    }
    child = {
        "url": "https://cmp.test/frame.html",
        "timeOrigin": 1030.0,
        "entries": [["https://t.test/p.gif", "img", 5.0, 0]],
    }
    got = requests_from_timing(top, [child])
    assert [(r.url, r.type, r.frame_url, r.time_ms, r.status) for r in got] == [
        ("https://site.test/", "document", None, 0.0, 200),
        ("https://cmp.test/frame.html", "document", "https://site.test/", 20.0, None),
        ("https://t.test/p.gif", "image", "https://cmp.test/frame.html", 35.0, None),
        ("https://cdn.test/a.js", "script", "https://site.test/", 50.0, 200),
    ]


@pytest.mark.parametrize(
    ("initiator", "url", "kind"),
    [
        ("css", "https://f.test/x.woff2?v=1", "font"),
        ("css", "https://f.test/bg.png", "image"),
        ("beacon", "https://t.test/collect", "ping"),
        ("xmlhttprequest", "https://t.test/api", "xhr"),
        ("something-new", "https://t.test/", "other"),
    ],
)
def test_resource_types(initiator: str, url: str, kind: str) -> None:
    assert resource_type(initiator, url) == kind


def test_a_log_keeps_the_requests_of_the_last_document() -> None:
    first = [Request(url="https://a.test/", type="document"), Request(url="https://t.test/1.js", type="script")]
    second = [
        Request(url="https://a.test/next", type="document"),
        Request(url="https://cmp.test/f", type="document", frame_url="https://a.test/next"),
        Request(url="https://t.test/2.js", type="script"),
    ]
    assert current_page_requests(first + second) == second
    assert current_page_requests(first[1:]) == first[1:]  # no document: all of it


def test_findings_filter_and_text() -> None:
    findings = Findings(
        [
            Finding(
                rule="consent.no-reject-first-layer",
                severity="high",
                message="No reject.",
                evidence={"selector": "#b", "frame": "https://cmp.test"},
            ),
            Finding(rule="tracker.third-party", severity="medium", message="A tracker.", evidence={"host": "t.test"}),
            Finding(rule="consent.banner", severity="info", message="A banner."),
        ],
        url="https://site.test/",
    )
    assert findings.at_or_above("medium").rules == ["consent.no-reject-first-layer", "tracker.third-party"]
    assert findings.at_or_above("high").url == "https://site.test/"
    assert findings.without(["tracker.third-party"]).rules == ["consent.banner", "consent.no-reject-first-layer"]
    with pytest.raises(BrightlineError, match="unknown rule"):
        findings.without(["tracker.third-partyy"])
    with pytest.raises(BrightlineError, match="severity"):
        findings.at_or_above("severe")
    text = str(findings)
    assert text.startswith("https://site.test/ (initial): 3 findings")
    assert "[high] consent.no-reject-first-layer — No reject." in text
    assert "selector: #b (in frame https://cmp.test)" in text
    assert "host: t.test" in text
    assert text.count("why it matters: ") == 3


def test_import_crawler_stays_light() -> None:
    code = (
        "import sys, crawler, crawler.pytest_plugin\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('playwright', 'lxml', 'aiohttp', 'companion'))\n"
        "assert not heavy, heavy\n"
        "from crawler import scan\n"
        "assert callable(scan) and scan.__name__ == 'scan', scan\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


# -- the async API ----------------------------------------------------------------------------


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def browser(chromium_path: str, fixture_web: Any) -> AsyncIterator[Browser]:
    async with async_playwright() as pw:
        launched = await pw.chromium.launch(
            executable_path=chromium_path, args=launch_flags(fixture_web.chrome_flags), headless=True
        )
        yield launched
        await launched.close()


@pytest_asyncio.fixture(loop_scope="module")
async def page(browser: Browser) -> AsyncIterator[Page]:
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        yield await context.new_page()
    finally:
        await context.close()


async def open_site(page: Page, fixture_web: Any, host: str) -> None:
    await page.goto(fixture_web.url(host, "/"), wait_until="load")
    await page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("host", SCANNED_SITES)
@pytest.mark.browser
@pytest.mark.asyncio(loop_scope="module")
async def test_scan_without_a_log_meets_the_spec(page: Page, fixture_web: Any, host: str) -> None:
    await open_site(page, fixture_web, host)
    findings = await scan(page)
    assert findings.url == page.url
    assert_meets_spec(findings, host, "initial")
    assert findings.banner is not None  # every one of these sites shows a banner


@pytest.mark.parametrize("host", [TRACKERS_SITE, IGNORED_SITE])
@pytest.mark.browser
@pytest.mark.asyncio(loop_scope="module")
async def test_a_recorded_log_and_resource_timing_find_the_same_trackers(
    page: Page, fixture_web: Any, host: str
) -> None:
    log = watch(page)
    await open_site(page, fixture_web, host)
    recorded = await scan(page, requests=log)
    read_back = await scan(page)
    assert_meets_spec(recorded, host, "initial")
    assert tracker_hosts(recorded)  # the spec says trackers: the comparison below means something
    assert tracker_hosts(read_back) == tracker_hosts(recorded)
    assert {t["host"] for t in read_back.trackers} == {t["host"] for t in recorded.trackers}


@pytest.mark.browser
@pytest.mark.asyncio(loop_scope="module")
async def test_a_recorded_log_is_what_trackers_are_found_in(page: Page, fixture_web: Any) -> None:
    await open_site(page, fixture_web, TRACKERS_SITE)
    findings = await scan(page, requests=[])  # an empty log: only cookies can tell
    assert not tracker_hosts(findings)


@pytest.mark.parametrize(("host", "reject"), [(COMPLIANT_SITE, "Alle ablehnen"), (IGNORED_SITE, "Reject all")])
@pytest.mark.browser
@pytest.mark.asyncio(loop_scope="module")
async def test_scan_after_reject(page: Page, fixture_web: Any, host: str, reject: str) -> None:
    log = watch(page)
    await open_site(page, fixture_web, host)
    log.clear()
    await page.get_by_role("button", name=reject, exact=True).first.click()
    await page.wait_for_load_state("networkidle")
    await page.wait_for_timeout(300)
    findings = await scan(page, phase="after-reject", requests=log)
    assert findings.phase == "after-reject"
    assert_meets_spec(findings, host, "after-reject")


@pytest.mark.browser
@pytest.mark.asyncio(loop_scope="module")
async def test_fail_on_raises_with_a_readable_message(page: Page, fixture_web: Any) -> None:
    await open_site(page, fixture_web, FRAMED_SITE)
    with pytest.raises(ScanFailed) as failed:
        await scan(page, fail_on="high")
    message = str(failed.value)
    assert message.startswith(f"Brightline: 1 finding at or above high on {page.url}")
    assert "[high] consent.no-reject-first-layer" in message
    assert "(in frame https://cmp.consentframe.net)" in message
    assert failed.value.findings.rules == ["consent.no-reject-first-layer"]


@pytest.mark.browser
@pytest.mark.asyncio(loop_scope="module")
async def test_bad_arguments_are_user_errors(page: Page, fixture_web: Any) -> None:
    await page.set_content("<p>hello</p>")
    with pytest.raises(BrightlineError, match="fail_on='severe'"):
        await scan(page, fail_on="severe")
    with pytest.raises(BrightlineError, match="phase='after-click'"):
        await scan(page, phase="after-click")  # type: ignore[arg-type]
    with pytest.raises(BrightlineError, match="sync-API"):
        scan_sync(page)  # type: ignore[arg-type]


# -- the sync API (pytest-playwright's page), on its own thread: no event loop may run there --
def in_thread(fn: Callable[[], Any]) -> Any:
    out: list[Any] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            out.append(fn())
        except BaseException as err:  # noqa: BLE001 - re-raised in the test
            errors.append(err)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(300)
    if errors:
        raise errors[0]
    return out[0]


@pytest.mark.browser
def test_scan_sync_with_and_without_a_log(chromium_path: str, fixture_web: Any) -> None:
    from playwright.sync_api import sync_playwright

    def scan_sites() -> dict[str, tuple[Findings, Findings]]:
        results = {}
        with sync_playwright() as pw:
            launched = pw.chromium.launch(
                executable_path=chromium_path, args=launch_flags(fixture_web.chrome_flags), headless=True
            )
            for host in (TRACKERS_SITE, COMPLIANT_SITE, FRAMED_SITE):
                context = launched.new_context(viewport={"width": 1280, "height": 800})
                page = context.new_page()
                log = watch(page)
                page.goto(fixture_web.url(host, "/"), wait_until="load")
                page.wait_for_load_state("networkidle")
                results[host] = (scan_sync(page), scan_sync(page, requests=log))
                context.close()
            launched.close()
        return results

    results = in_thread(scan_sites)
    for host, (read_back, recorded) in results.items():
        assert read_back.url == fixture_web.url(host, "/")
        assert_meets_spec(read_back, host, "initial")
        assert_meets_spec(recorded, host, "initial")
        assert tracker_hosts(read_back) == tracker_hosts(recorded), host
    assert tracker_hosts(results[TRACKERS_SITE][0])
