"""Golden tests on the live fixture web: real consent libraries in real Chromium.

Each site under ``tests/fixtures/web/sites/<host>/`` has an ``expected.json`` written as
the specification of what a correct audit finds. This test loads the site's start page,
waits for the banner and network to settle, captures it with the shared collector and
checks the ``initial`` phase. (The ``after-reject`` phase needs consent interaction: the
crawler tests cover it.)
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import pytest_asyncio
from playwright.async_api import Browser, async_playwright

from companion.analyzer import analyze
from crawler.browser import launch_flags
from crawler.collect import RequestLog, collect

SITES = Path(__file__).resolve().parents[1] / "fixtures" / "web" / "sites"
CASES = sorted(p.parent.name for p in SITES.glob("*/expected.json"))
SETTLE_MS = 1500

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="module")]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def live_browser(fixture_web, chromium_path) -> AsyncIterator[Browser]:
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(
            executable_path=chromium_path, headless=True,
            args=launch_flags(fixture_web.chrome_flags),
        )
        try:
            yield browser
        finally:
            await browser.close()


async def _analyze_live(browser: Browser, url: str):
    context = await browser.new_context(viewport={"width": 1280, "height": 800}, ignore_https_errors=True)
    try:
        page = await context.new_page()
        log = RequestLog().attach(page)
        response = await page.goto(url, wait_until="load", timeout=30000)
        try:
            await page.wait_for_load_state("networkidle", timeout=5000)
        except Exception:  # noqa: BLE001 - a chatty page still gets analysed
            pass
        await page.wait_for_timeout(SETTLE_MS)
        snapshot = await collect(page, requests=log, response=response)
        return analyze(snapshot)
    finally:
        await context.close()


@pytest.mark.parametrize("host", CASES)
async def test_initial_phase_matches_expected(host, live_browser, fixture_web):
    expected = json.loads((SITES / host / "expected.json").read_text())
    initial = expected["phases"].get("initial")
    if initial is None:
        pytest.fail(f"{host}: expected.json has no initial phase")
    url = expected.get("url") or fixture_web.url(host, "/")
    result = await _analyze_live(live_browser, url)
    found = {f.rule for f in result.findings}
    detail = "; ".join(f"{f.rule}: {f.message}" for f in result.findings)
    missing = [r for r in initial.get("present", []) if r not in found]
    unexpected = [r for r in initial.get("absent", []) if r in found]
    assert not missing, f"{host}: missing {missing}; found: {detail}; errors: {result.errors}"
    assert not unexpected, f"{host}: must not report {unexpected}; found: {detail}"
