"""The Playwright driver: frames (cross-origin too), requests, cookies, status, failures."""

from __future__ import annotations

import logging

import pytest
from playwright.async_api import Browser, Page

from companion.models import Request
from companion.schema import encode_snapshot
from crawler import collect as collect_module
from crawler.collect import RequestLog, collect

pytestmark = pytest.mark.asyncio(loop_scope="session")

BANNER_FRAME = """<!doctype html><body style="margin:0">
  <div role="dialog" aria-modal="true"><p>This site uses cookies for advertising.</p>
  <button id="accept">Accept all</button><button id="reject">Reject all</button></div>
  <script>localStorage.setItem("cmp_consent_id", "abcdef0123456789");</script></body>"""


def top_page(site, frame_src: str) -> str:
    return f"""<!doctype html><body style="margin:0">
      <h1>Shop</h1>
      <iframe id="cmp" src="{frame_src}" style="position:absolute;left:50px;top:100px;
        width:400px;height:300px;border:0"></iframe>
      <iframe srcdoc="<button>Inline frame</button>" style="width:100px;height:50px"></iframe>
      </body>"""


@pytest.mark.browser
async def test_cross_origin_iframe_becomes_its_own_frame(page: Page, site) -> None:
    site.add("/frame.html", BANNER_FRAME)
    site.add("/", top_page(site, site.url("cmp.test", "/frame.html")))
    await page.goto(site.url("site.test", "/"))
    await page.wait_for_load_state("load")
    snap = await collect(page)

    assert snap.url == site.url("site.test", "/")
    cmp = next(f for f in snap.frames if "cmp.test" in f.url)
    assert cmp.origin == f"http://cmp.test:{site.port}"
    assert cmp.cross_origin is True
    assert "Accept all" in cmp.dom and "Accept all" not in snap.dom
    texts = {e.text for e in cmp.elements}
    assert {"Accept all", "Reject all"} <= texts
    dialog = next(e for e in cmp.elements if e.role == "dialog")
    assert dialog.visible
    assert cmp.selector == "#cmp"
    assert cmp.box is not None
    assert (cmp.box.x, cmp.box.y, cmp.box.width, cmp.box.height) == (50, 100, 400, 300)
    # The top document marks the <iframe> so markup and frame snapshots can be joined.
    assert 'id="cmp"' in snap.dom and "data-bl-frame=" in snap.dom
    # The srcdoc frame shares the top origin.
    inline = next(f for f in snap.frames if f.url == "about:srcdoc")
    assert inline.cross_origin is False
    assert inline.origin == f"http://site.test:{site.port}"
    assert any(e.text == "Inline frame" for e in inline.elements)
    # Storage keys of the third-party frame carry its origin; the value does not leave.
    key = next(k for k in snap.storage if k.key == "cmp_consent_id")
    assert key.origin == cmp.origin and key.value_length == 16
    assert b"abcdef0123456789" not in encode_snapshot(snap)


@pytest.mark.browser
async def test_a_frame_that_cannot_be_collected_is_skipped_and_noted(
    page: Page, site, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(collect_module, "FRAME_TIMEOUT_S", 1.0)
    site.add(
        "/busy.html",
        "<!doctype html><body><button>Stuck</button><script>"
        "setTimeout(() => { for (;;) {} }, 50);</script></body>",
    )
    site.add("/", top_page(site, site.url("cmp.test", "/busy.html")))
    await page.goto(site.url("site.test", "/"))
    await page.wait_for_timeout(300)
    with caplog.at_level(logging.WARNING, logger="crawler.collect"):
        snap = await collect(page)
    busy = next(f for f in snap.frames if "busy.html" in f.url)
    assert busy.dom == "" and busy.elements == []
    assert busy.origin == f"http://cmp.test:{site.port}" and busy.cross_origin
    assert any("busy.html" in r.getMessage() for r in caplog.records)
    assert "Shop" in snap.dom  # the page itself was still collected
    assert any(e.text == "Inline frame" for f in snap.frames for e in f.elements)


@pytest.mark.browser
async def test_request_log_records_type_status_frame_and_time(page: Page, site) -> None:
    site.add("/app.js", "window.appLoaded = true;", "text/javascript")
    site.add("/pixel.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif")
    site.add("/frame.html", BANNER_FRAME)
    site.add(
        "/",
        f"""<!doctype html><body><script src="/app.js"></script>
      <img src="{site.url("tracker.test", "/pixel.gif")}">
      <img src="/missing.png">
      <iframe src="{site.url("cmp.test", "/frame.html")}"></iframe></body>""",
    )
    log = RequestLog().attach(page)
    response = await page.goto(site.url("site.test", "/"))
    await page.wait_for_load_state("load")
    snap = await collect(page, requests=log, response=response)

    assert snap.status == 200
    by_url = {r.url: r for r in snap.requests}
    doc = by_url[site.url("site.test", "/")]
    assert doc.type == "document" and doc.status == 200 and doc.method == "GET"
    assert doc.time_ms is not None and doc.time_ms >= 0
    pixel = by_url[site.url("tracker.test", "/pixel.gif")]
    assert pixel.type == "image" and pixel.status == 200
    assert pixel.frame_url == site.url("site.test", "/")
    assert pixel.time_ms is not None and pixel.time_ms >= doc.time_ms
    assert by_url[site.url("site.test", "/app.js")].type == "script"
    assert by_url[site.url("site.test", "/missing.png")].status == 404
    framed = by_url[site.url("cmp.test", "/frame.html")]
    assert framed.type == "document" and framed.frame_url == site.url("site.test", "/")
    assert doc.frame_url is None

    log.clear()
    assert len(log) == 0
    await page.reload()
    assert any(r.url == site.url("tracker.test", "/pixel.gif") for r in log.requests)


@pytest.mark.browser
async def test_request_log_on_a_context_sees_every_page(browser: Browser, site) -> None:
    site.add("/", "<!doctype html><p>one</p>")
    context = await browser.new_context()
    try:
        log = RequestLog().attach(context)
        for _ in range(2):
            p = await context.new_page()
            await p.goto(site.url("site.test", "/"))
        docs = [r for r in log.requests if r.type == "document"]
        assert len(docs) == 2
        log.detach(context)
        p = await context.new_page()
        await p.goto(site.url("site.test", "/"))
        assert len([r for r in log.requests if r.type == "document"]) == 2
    finally:
        await context.close()


@pytest.mark.browser
async def test_requests_may_be_passed_as_a_list(page: Page, site) -> None:
    site.add("/", "<!doctype html><p>x</p>")
    await page.goto(site.url("site.test", "/"))
    given = [Request(url="https://t.example/p.gif", type="image", time_ms=12.5)]
    snap = await collect(page, requests=given, status=203, phase="after-accept")
    assert snap.requests == given and snap.status == 203 and snap.phase == "after-accept"


@pytest.mark.browser
async def test_a_closed_page_is_a_one_line_error(browser: Browser, site) -> None:
    from crawler.collect import CollectError

    site.add("/", "<!doctype html><p>x</p>")
    context = await browser.new_context()
    try:
        p = await context.new_page()
        await p.goto(site.url("site.test", "/"))
        await p.close()
        with pytest.raises(CollectError) as info:
            await collect(p)
        assert "could not capture" in str(info.value) and "\n" not in str(info.value)
    finally:
        await context.close()


@pytest.mark.browser
async def test_request_log_records_initiators(page: Page, site) -> None:
    pixel = site.url("tracker.test", "/pixel.gif")
    site.add("/pixel.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif")
    site.add("/tag.js", f"fetch('{pixel}?from=tag', {{mode: 'no-cors'}});", "text/javascript")
    site.add("/", f'<!doctype html><body><img src="{pixel}"><script src="/tag.js"></script>')
    log = await RequestLog().attach(page).watch_initiators(page)
    await page.goto(site.url("site.test", "/"))
    await page.wait_for_load_state("load")
    await page.wait_for_timeout(200)
    by_url = {r.url: r for r in log.requests}
    top = site.url("site.test", "/")
    assert by_url[pixel].initiator == top  # the parser, in the top document
    assert by_url[f"{pixel}?from=tag"].initiator == site.url("site.test", "/tag.js")
    assert by_url[site.url("site.test", "/tag.js")].initiator == top


@pytest.mark.browser
async def test_a_page_that_never_answers_is_a_one_line_error(
    browser: Browser, site, monkeypatch: pytest.MonkeyPatch
) -> None:
    from crawler.collect import CollectError

    monkeypatch.setattr(collect_module, "MAIN_TIMEOUT_S", 1.0)
    site.add("/", "<!doctype html><p>x</p><script>setTimeout(() => { for (;;) {} }, 100)</script>")
    context = await browser.new_context()
    try:
        p = await context.new_page()
        await p.goto(site.url("site.test", "/"))
        await p.wait_for_timeout(300)
        with pytest.raises(CollectError, match="no answer within 1s"):
            await collect(p)
    finally:
        await context.close()


@pytest.mark.browser
async def test_frames_have_their_own_caps_and_report_truncation(
    page: Page, site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(collect_module, "FRAME_CAPS", {"maxElements": 10})
    buttons = "".join(f"<button>b{i}</button>" for i in range(30))
    site.add("/many.html", f"<!doctype html><body>{buttons}</body>")
    site.add(
        "/", top_page(site, site.url("cmp.test", "/many.html")).replace("<h1>", buttons + "<h1>")
    )
    await page.goto(site.url("site.test", "/"))
    await page.wait_for_load_state("load")
    snap = await collect(page)
    framed = next(f for f in snap.frames if "many.html" in f.url)
    assert len(framed.elements) == 8  # 80% of the cap: the rest is kept for overlays
    assert len([e for e in snap.elements if e.tag == "button"]) == 30  # the page is not capped
    assert snap.collector is not None and snap.collector.truncated
