"""The dashboard in real headless Chromium: what a person sees, forgetting, and hostile text."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from aiohttp import web
from playwright.async_api import async_playwright

from companion import catalog
from companion.service import Settings, create_app
from companion.service.history import HistoryStore
from crawler.browser import launch_flags

pytestmark = pytest.mark.browser
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
XSS = '<img src=x onerror="window.__pwned=1">'
DAY = 86400


def _finding(rule: str, message: str) -> dict:
    return {"rule": rule, "severity": catalog.rule(rule).severity, "message": message,
            "evidence": {}}


def _tracker(host: str, org: str, category: str) -> dict:
    return {"host": host, "site": host.split(".", 1)[-1], "organization": org,
            "category": category}


GOOGLE = _tracker("www.google-analytics.com", "Google", "analytics")
META = _tracker("connect.facebook.net", "Meta", "advertising")
CRITEO = _tracker("static.criteo.net", "Criteo", "advertising")


def _seed(db: Path) -> None:
    store = HistoryStore(db)
    now = time.time()

    def visit(site, findings, trackers, days_ago):
        worst = next((s for s in ("high", "medium", "low") if any(
            f["severity"] == s for f in findings)), None)
        store.record({"site": site, "url": f"https://www.{site}/", "phase": "initial",
                      "source": "extension", "verdict": {"worst": worst,
                                                         "count": len(findings)},
                      "findings": findings, "trackers": trackers}, when=now - days_ago * DAY)

    visit("news-daily.example", [
        _finding("consent.no-reject-first-layer", "Accept all, but no way to refuse"),
        _finding("consent.asymmetric-choice", "Reject is a grey link"),
        _finding("consent.tracking-before-consent", "3 trackers before any choice")],
        [GOOGLE, META, CRITEO], 3)
    visit("news-daily.example", [
        _finding("consent.no-reject-first-layer", "Accept all, but no way to refuse")],
        [GOOGLE, META], 1)
    visit("shop.example", [_finding("pressure.scarcity", "Only 2 left in stock"),
                           _finding("pressure.countdown", "Offer ends in 09:59")],
          [GOOGLE, CRITEO], 2)
    visit("quiet-blog.example", [], [GOOGLE], 0)
    visit("xss.example", [_finding("consent.confirmshaming", XSS)],
          [_tracker("evil.example", '<script>window.__pwned=2</script>', XSS)], 0)
    store.close()


@pytest.fixture
async def dashboard(aiohttp_server, tmp_path: Path):
    db = tmp_path / "history.sqlite3"
    _seed(db)
    server = await aiohttp_server(
        create_app(Settings(db_path=db, port=0, executor="thread", workers=1)))
    return server, db


@pytest.fixture
async def page(chromium_path: str):
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=chromium_path, headless=True,
                                           args=launch_flags())
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        pg = await context.new_page()
        pg.errors = []  # type: ignore[attr-defined]
        pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))
        yield pg
        await browser.close()


# Waits use selectors, not wait_for_function: the dashboard's CSP forbids eval, as it should.
async def _open(page, server) -> None:
    await page.goto(f"http://127.0.0.1:{server.port}/")
    await page.wait_for_selector("body[data-loaded=true]")


async def test_dashboard_shows_sites_followers_timeline(dashboard, page) -> None:
    server, _ = dashboard
    ARTIFACTS.mkdir(exist_ok=True)
    await _open(page, server)
    await page.select_option("#range", "")  # everything
    await page.locator("article.site").nth(3).wait_for()

    sites = await page.locator("article.site").evaluate_all(
        "els => els.map(e => e.dataset.site)")
    assert sites[0] == "news-daily.example" and sites[-1] == "quiet-blog.example"
    first = page.locator("article.site").first
    assert (await first.locator(".badge").inner_text()).lower() == "high"
    assert "2 visits" in await first.locator(".site-meta").inner_text()

    google = page.locator("li.follower[data-org=Google]")
    assert "follows you on 3 sites" in await google.inner_text()
    orgs = await page.locator("li.follower").evaluate_all("els => els.map(e => e.dataset.org)")
    assert orgs[0] == "Google"
    assert await page.locator("#stat-orgs").inner_text() == "4"
    assert await page.locator("#stat-visits").inner_text() == "5"

    days = await page.locator("#timeline .day").count()
    assert days == 4  # today, 1, 2 and 3 days ago
    assert await page.locator("#timeline .seg.sev-high").count() >= 1

    # A finding opens into the catalog's explanation and its references.
    details = first.locator("details[data-rule='consent.no-reject-first-layer']")
    await details.locator("summary").click()
    why = catalog.rule("consent.no-reject-first-layer").why
    assert why in await details.inner_text()
    assert await details.locator(".refs a").count() == len(
        catalog.rule("consent.no-reject-first-layer").references)
    await page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    assert page.errors == []


async def test_hostile_page_text_stays_text(dashboard, page) -> None:
    server, _ = dashboard
    await _open(page, server)
    xss_site = page.locator("article.site[data-site='xss.example']")
    await xss_site.locator("summary").click()
    assert XSS in await xss_site.inner_text()
    assert "<script>window.__pwned=2</script>" in await page.locator("#followers").inner_text()
    assert await page.evaluate("window.__pwned") is None
    assert await page.locator("img").count() == 0
    assert page.errors == []


async def test_forget_buttons_delete_for_real(dashboard, page) -> None:
    server, db = dashboard
    await _open(page, server)
    await page.select_option("#range", "")
    await page.locator("article.site").nth(3).wait_for()
    page.on("dialog", lambda d: d.accept())
    await page.get_by_role("button", name="Forget shop.example").click()
    await page.locator("article[data-site='shop.example']").wait_for(state="detached")
    assert "Forgot shop.example" in await page.locator("#status").inner_text()
    raw = b"".join(p.read_bytes() for p in db.parent.glob(db.name + "*"))
    assert b"shop.example" not in raw and b"news-daily.example" in raw
    await page.screenshot(path=str(ARTIFACTS / "dashboard-after-forget.png"), full_page=True)

    await page.click("#forget-all")
    await page.wait_for_selector("#sites .empty")
    assert await page.locator("#stat-sites").inner_text() == "0"
    await page.screenshot(path=str(ARTIFACTS / "dashboard-empty.png"), full_page=True)
    assert page.errors == []


async def test_foreign_web_page_cannot_read_or_forget(dashboard, page, aiohttp_server) -> None:
    server, _ = dashboard
    companion = f"http://127.0.0.1:{server.port}"

    async def evil(request: web.Request) -> web.Response:
        return web.Response(content_type="text/html", text="<!doctype html><title>evil</title>")

    attacker = web.Application()
    attacker.router.add_get("/", evil)
    evil_server = await aiohttp_server(attacker)
    await page.goto(f"http://127.0.0.1:{evil_server.port}/")
    outcome = await page.evaluate(
        """async (base) => {
             const out = {};
             for (const [name, init] of [["delete", {method: "DELETE"}], ["read", {}]]) {
               try {
                 const r = await fetch(base + "/api/v1/history", init);
                 out[name] = r.status;
               } catch (e) { out[name] = "blocked"; }
             }
             try {
               const r = await fetch(base + "/api/v1/history", {method: "DELETE", mode: "no-cors"});
               out.nocors = r.type;
             } catch (e) { out.nocors = "blocked"; }
             return out;
           }""",
        companion,
    )
    assert outcome["delete"] == "blocked" and outcome["read"] == "blocked"
    await _open(page, server)
    await page.select_option("#range", "")
    await page.locator("article.site").nth(3).wait_for()
