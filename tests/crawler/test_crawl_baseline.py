"""``--baseline`` through the crawl: report.json is written compared with the earlier report."""

from __future__ import annotations

import json

import pytest
from crawl_site import LocalSite

from crawler.engine import Crawler, CrawlOptions

pytestmark = pytest.mark.browser


def options(site: LocalSite, out, **kw) -> CrawlOptions:
    return CrawlOptions(url=site.url("/"), out=out, interact="none", delay=0.0, concurrency=1, max_pages=1,
                        max_depth=1, timeout=15.0, sitemap=False, screenshots=False, **kw)


def tracker(host: str) -> dict:
    return {"rule": "tracker.third-party", "severity": "medium", "message": f"{host} before any choice",
            "phase": "initial", "evidence": {"host": host, "organization": "Example Ads", "category": "advertising"}}


async def test_crawl_writes_the_baseline_comparison(local_site, tmp_path, chromium_path) -> None:
    first = await Crawler(options(local_site, tmp_path / "first")).run()
    earlier = first.report
    assert [p["url"] for p in earlier["pages"]] == [local_site.url("/")]
    # The earlier release had a tracker on the home page and one on a page this run will not visit.
    earlier["pages"][0]["findings"].append(tracker("ads.example"))
    earlier["pages"].append({"url": local_site.url("/a"), "status": 200, "error": None,
                             "findings": [tracker("pixel.example")]})
    baseline = tmp_path / "baseline.json"
    baseline.write_text(json.dumps(earlier))

    second = await Crawler(options(local_site, tmp_path / "second", baseline=baseline)).run()
    on_disk = json.loads((tmp_path / "second" / "report.json").read_text())
    section = on_disk["baseline"]
    assert section["file"] == str(baseline)
    assert [(f["url"], f["rule"]) for f in section["fixed"]] == [(local_site.url("/"), "tracker.third-party")]
    assert [f["url"] for f in section["unverified"]] == [local_site.url("/a")]  # not visited: not fixed
    assert section["new"] == section["changed"] == 0
    assert all(f["baseline"] == "unchanged" for p in on_disk["pages"] for f in p["findings"])
    assert second.report["baseline"] == section
