"""The collector on every hand-written site of the fixture web: valid, joined, resolvable."""

from __future__ import annotations

import pytest
from playwright.async_api import Playwright

from companion.page import Page as AnalysisPage
from companion.schema import decode_snapshot, encode_snapshot
from crawler.browser import launch_flags
from crawler.collect import RequestLog, collect

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]

CHECK_SELECTORS = """snap => snap.map(([sel, tag]) => {
  const el = __brightlineCollect.resolve(sel);
  return !!el && el.localName === tag;
})"""


async def test_every_fixture_site_home_page(
    playwright: Playwright, chromium_path: str, fixture_web
) -> None:
    from tests.fixtureweb.server import site_names

    browser = await playwright.chromium.launch(
        executable_path=chromium_path, args=launch_flags(fixture_web.chrome_flags), headless=True
    )
    seen_frames = 0
    try:
        for name in site_names():
            context = await browser.new_context(viewport={"width": 1280, "height": 800})
            page = await context.new_page()
            log = RequestLog().attach(page)
            response = await page.goto(fixture_web.url(name, "/"), wait_until="load")
            await page.wait_for_timeout(300)
            snap = await collect(page, requests=log, response=response)
            # Valid, and identical after a trip through JSON.
            assert decode_snapshot(encode_snapshot(snap)) == snap, name
            assert snap.status == (response.status if response else None)
            assert snap.requests and snap.requests[0].type == "document", name
            # Every recorded element is in the DOM under its number, with its tag ...
            analysis = AnalysisPage(snap)
            for el in snap.elements:
                node = analysis.node_for(el.idx)
                assert node is not None and node.tag == el.tag, (name, el.idx)
            # ... and its selector leads back to it in the live page.
            if snap.elements:
                ok = await page.evaluate(
                    CHECK_SELECTORS, [[e.selector, e.tag] for e in snap.elements]
                )
                bad = [e.selector for e, good in zip(snap.elements, ok, strict=True) if not good]
                assert not bad, (name, bad)
            for frame in snap.frames:
                seen_frames += 1
                assert frame.origin and frame.url, name
                if frame.selector:
                    ok = await page.evaluate(CHECK_SELECTORS, [[frame.selector, "iframe"]])
                    assert ok == [True], (name, frame.selector)
            await context.close()
    finally:
        await browser.close()
    assert seen_frames >= 1  # at least one site puts its banner in a frame
