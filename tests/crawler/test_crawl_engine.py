"""The crawl end to end on a tiny local site: discovery, robots, limits, failures, resume."""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import pytest
from crawl_site import LocalSite, kill_our_browser

from companion.analyzer import analyze
from companion.schema import decode_snapshot
from crawler.collect import collect
from crawler.engine import Crawler, CrawlOptions

pytestmark = pytest.mark.browser


def options(site: LocalSite, out: Path, **kw) -> CrawlOptions:
    base = dict(
        url=site.url("/"),
        out=out,
        interact="none",
        delay=0.0,
        concurrency=2,
        max_pages=20,
        max_depth=2,
        timeout=15.0,
    )
    base.update(kw)
    return CrawlOptions(**base)


def pages_by_path(report: dict, site: LocalSite) -> dict[str, dict]:
    prefix = site.url("")
    return {p["url"].removeprefix(prefix): p for p in report["pages"]}


async def test_crawl_finds_links_and_sitemap_and_respects_robots(local_site, tmp_path, chromium_path) -> None:
    result = await Crawler(options(local_site, tmp_path)).run()
    report = result.report
    pages = pages_by_path(report, local_site)
    assert set(pages) == {"/", "/a", "/b", "/a/deep", "/orphan"}  # /orphan: only in sitemap.xml
    assert all(p["status"] == 200 and p["error"] is None for p in pages.values())
    assert local_site.hits["/private/secret"] == 0
    assert local_site.hits["/b"] == 1  # ?utm_source=x and #section collapse
    skipped = {s["url"].removeprefix(local_site.url("")): s["reason"] for s in report["skipped"]}
    assert skipped["/private/secret"] == "disallowed by robots.txt"
    assert skipped["/a/deep/deeper"].startswith("deeper than --max-depth")
    assert skipped["/img/logo.png"] == "not a page"
    assert report["summary"]["pages"] == 5 and report["summary"]["failed"] == 0
    assert report["schema"] == "brightline.report/1" and report["target"] == local_site.url("/")
    assert (tmp_path / "report.json").is_file() and (tmp_path / "report.html").is_file()
    on_disk = json.loads((tmp_path / "report.json").read_text())
    assert on_disk["summary"] == report["summary"]
    # The saved snapshot reproduces the page's findings offline.
    home = pages["/"]
    snap = decode_snapshot((tmp_path / home["phases"]["initial"]["snapshot"]).read_bytes())
    assert snap.source == "crawler" and snap.phase == "initial"
    assert sorted(f.rule for f in analyze(snap).findings) == sorted(home["phases"]["initial"]["findings"])


async def test_brightline_check_reproduces_a_crawled_page(fixture_web, tmp_path, capsys, chromium_path) -> None:
    """`brightline check pages/…/initial.json` gives the crawl's findings, offline."""
    from companion.cli import main

    opts = CrawlOptions(
        url=fixture_web.url("www.quizmaster-daily.com", "/"),
        out=tmp_path,
        interact="none",
        delay=0.0,
        max_pages=1,
        sitemap=False,
        chrome_flags=fixture_web.chrome_flags_arg,
    )
    page = (await Crawler(opts).run()).report["pages"][0]
    assert page["findings"], "this fixture site has findings"
    capsys.readouterr()
    main(["check", str(tmp_path / page["phases"]["initial"]["snapshot"]), "--fail-on", "none"])
    offline = json.loads(capsys.readouterr().out)["pages"][0]
    assert sorted((f["rule"], f["message"]) for f in offline["findings"]) == sorted(
        (f["rule"], f["message"]) for f in page["findings"]
    )


async def test_limits_and_ignore_robots(local_site, tmp_path, chromium_path) -> None:
    limited = await Crawler(options(local_site, tmp_path / "a", max_pages=2)).run()
    assert limited.report["summary"]["pages"] == 2
    owner = await Crawler(options(local_site, tmp_path / "b", ignore_robots=True, max_depth=1, sitemap=False)).run()
    assert "/private/secret" in pages_by_path(owner.report, local_site)
    assert "/orphan" not in pages_by_path(owner.report, local_site)


async def test_trouble_is_recorded_not_fatal(local_site, tmp_path, chromium_path) -> None:
    """Hang, redirect loop, 5xx, download, dialog, browser crash: recorded; the crawl goes on."""

    async def crashing_collect(page, **kw):
        if page.url.endswith("/boom"):
            kill_our_browser()
            await asyncio.sleep(0.5)
        return await collect(page, **kw)

    opts = options(
        local_site,
        tmp_path,
        url=local_site.url("/trouble"),
        max_depth=1,
        concurrency=1,
        timeout=10.0,
        sitemap=False,
    )
    started = time.monotonic()
    crawler = Crawler(opts, collect=crashing_collect)
    result = await crawler.run()
    elapsed = time.monotonic() - started
    pages = pages_by_path(result.report, local_site)
    assert pages["/hang"]["error"].startswith("timeout")
    assert pages["/hang"]["duration_ms"] < (10.0 + 6.0) * 1000  # the timeout plus closing the context
    assert "redirect" in pages["/loop"]["error"]
    assert pages["/broken"]["error"] == "HTTP 500" and pages["/broken"]["status"] == 500
    assert pages["/file"]["error"].startswith("download")
    assert pages["/dialog"]["error"] is None
    assert any("alert dialog" in n and "newsletter" in n for n in pages["/dialog"]["notes"])
    assert "crashed" in pages["/boom"]["error"]
    assert pages["/a"]["error"] is None and pages["/a"]["status"] == 200  # after the restart
    assert result.report["run"]["browser"]["restarts"] == 1
    assert result.report["summary"]["failed"] == 5
    assert elapsed < 55  # the hanging page cost about its timeout, not the server's 60 s


async def test_huge_page_is_recorded(local_site, tmp_path, chromium_path) -> None:
    opts = options(local_site, tmp_path, url=local_site.url("/huge"), max_pages=1, timeout=90.0, sitemap=False)
    page = (await Crawler(opts).run()).report["pages"][0]
    assert page["error"] is None
    assert any(n.startswith("large page") for n in page["notes"])


async def test_interrupt_then_resume(local_site, tmp_path, chromium_path) -> None:
    class StopAfterTwo:
        crawler: Crawler | None = None

        def start(self) -> None: ...

        def stop(self) -> None: ...

        def update(self, *, done: int, failed: int, queued: int, current: str | None = None) -> None:
            if done >= 2 and self.crawler is not None:
                self.crawler.stop()

    hook = StopAfterTwo()
    first = Crawler(options(local_site, tmp_path, concurrency=1), progress=hook)
    hook.crawler = first
    interrupted = await first.run()
    assert interrupted.interrupted and interrupted.report["run"]["interrupted"]
    assert interrupted.report["summary"]["pages"] == 2
    assert json.loads((tmp_path / "report.json").read_text())["summary"]["pages"] == 2

    visited_before = dict(local_site.hits)
    resumed = await Crawler(options(local_site, tmp_path, resume=True)).run()
    assert not resumed.interrupted
    urls = [p["url"] for p in resumed.report["pages"]]
    assert len(urls) == len(set(urls)) == 5
    for path in pages_by_path(interrupted.report, local_site):
        assert local_site.hits[path] == visited_before[path]  # not visited again
