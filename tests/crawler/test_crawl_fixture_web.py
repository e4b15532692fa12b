"""End-to-end crawls of the fixture web (real consent libraries from npm, tracker stand-ins).

Each site's ``expected.json`` is the specification: for every page and phase, rules that
must be present and rules that must be absent. The crawler's job is to reach each phase the
way a person would (reject in the first layer or behind settings, reload) so the analyzer
sees it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.engine import Crawler, CrawlOptions
from crawler.frontier import CALENDAR_CAP

pytestmark = pytest.mark.browser

SITES = Path(__file__).resolve().parent.parent / "fixtures" / "web" / "sites"
ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"


def _cases() -> list[tuple[str, str, dict]]:
    cases = []
    for expected in sorted(SITES.glob("*/expected.json")):
        spec = json.loads(expected.read_text(encoding="utf-8"))
        host = expected.parent.name
        cases.append((host, "/", spec["phases"]))
        for path, page in (spec.get("pages") or {}).items():
            cases.append((host, path, page["phases"]))
    return cases


CASES = _cases()


def _crawl_one(fixture_web, tmp_path: Path, url: str, interact: str = "reject", **kw) -> dict:
    import asyncio

    opts = CrawlOptions(
        url=url,
        out=tmp_path,
        max_pages=kw.pop("max_pages", 1),
        delay=0.0,
        interact=interact,
        chrome_flags=fixture_web.chrome_flags_arg,
        timeout=45.0,
        sitemap=kw.pop("sitemap", False),
        **kw,
    )
    return asyncio.run(Crawler(opts).run()).report


def _rules(page: dict, phase: str) -> set[str]:
    if phase == "initial":  # what a person meets before choosing, settings layer included
        return {f["rule"] for f in page["findings"] if f["phase"] in ("initial", "initial-settings")}
    phases = page["phases"]
    assert phase in phases, (
        f"the crawler did not reach phase {phase} on {page['url']}: interaction {json.dumps(page['interaction'])}"
    )
    return set(phases[phase]["findings"])


@pytest.mark.skipif(not CASES, reason="the fixture web has no sites yet")
@pytest.mark.parametrize(("host", "path", "phases"), CASES, ids=[f"{h}{p}" for h, p, _ in CASES])
def test_site_findings_per_phase(fixture_web, tmp_path, chromium_path, host, path, phases) -> None:
    report = _crawl_one(fixture_web, tmp_path, fixture_web.url(host, path))
    page = report["pages"][0]
    assert page["error"] is None, page["error"]
    for phase, spec in phases.items():
        found = _rules(page, phase)
        missing = set(spec.get("present", [])) - found
        wrong = set(spec.get("absent", [])) & found
        assert not missing and not wrong, (
            f"{host}{path} {phase}: missing {sorted(missing)}, unexpected {sorted(wrong)}; "
            f"interaction {json.dumps(page['interaction'])}"
        )
    if page["banner"]:
        assert page["banner"]["screenshot"], "every detected banner gets a screenshot"
        assert (tmp_path / page["banner"]["screenshot"]).stat().st_size > 1000


def test_calendar_and_session_id_traps(fixture_web, tmp_path, chromium_path) -> None:
    report = _crawl_one(
        fixture_web,
        tmp_path,
        fixture_web.url("www.crumbsandcrust.com", "/"),
        interact="none",
        max_pages=40,
        max_depth=8,
    )
    urls = [p["url"] for p in report["pages"]]
    months = [u for u in urls if "/archive/calendar?" in u]  # the calendar's own page aside
    assert 1 <= len(months) <= CALENDAR_CAP
    assert not any("sessionid" in u for u in urls)
    printed = [u for u in urls if "/print" in u]
    assert len(printed) == len(set(printed))
    assert report["summary"]["pages"] < 40, "the traps must not fill the page budget"


def test_reject_then_accept_inventory_and_html_report(fixture_web, tmp_path, chromium_path) -> None:
    """--interact both on the site that ignores a reject: findings, inventory, and the report."""
    report = _crawl_one(
        fixture_web,
        tmp_path,
        fixture_web.url("www.megadeals-outlet.com", "/"),
        interact="both",
        har=True,
    )
    page = report["pages"][0]
    assert set(page["phases"]) >= {"initial", "after-reject", "after-accept"}
    assert [i["outcome"] for i in page["interaction"]] == ["rejected", "accepted"]
    rules = {f["rule"] for f in page["findings"]}
    assert "consent.choice-not-respected" in rules
    assert not any(f["phase"] == "after-accept" for f in page["findings"])
    assert report["trackers"] and all(t["phases"]["initial"] >= 1 for t in report["trackers"])
    assert any(f.get("screenshot") for f in page["findings"])
    har = json.loads((tmp_path / page["har"]).read_text())
    entries = har["log"]["entries"]
    assert entries and all(
        c["value"].startswith("<redacted")
        for e in entries
        for side in ("request", "response")
        for c in e[side].get("cookies", [])
    )
    assert any(e["response"].get("cookies") for e in entries)  # the trackers did set cookies
    _render_report(tmp_path / "report.html", "crawl-report.png")


def _render_report(html: Path, name: str) -> None:
    import asyncio

    from playwright.async_api import async_playwright

    from crawler.browser import find_browser, launch_flags

    async def shoot() -> dict:
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=find_browser().path, args=launch_flags())
            page = await browser.new_page(viewport={"width": 1200, "height": 900})
            requests: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            await page.goto(html.as_uri())
            ARTIFACTS.mkdir(exist_ok=True)
            await page.screenshot(path=str(ARTIFACTS / name), full_page=True)
            facts = await page.evaluate(
                "() => ({h1: document.querySelector('h1')?.textContent,"
                " imgs: [...document.images].filter(i => i.complete && i.naturalWidth > 0).length,"
                " rules: document.querySelectorAll('.rule').length})"
            )
            await browser.close()
            facts["external"] = [u for u in requests if not u.startswith(("file:", "data:"))]
            return facts

    facts = asyncio.run(shoot())
    assert facts["h1"] == "Consent and tracking audit"
    assert facts["imgs"] >= 1  # the banner and flagged elements render
    assert facts["rules"] >= 10  # every rule explained with its references
    assert facts["external"] == []  # self-contained: nothing fetched from anywhere
