"""How the crawler refuses on banners that make refusing take more than one click.

cookieBAR asks "are you sure?" with ``confirm()`` after its reject: the person who clicked
says yes, so the refusal is stored and the banner is gone after the reload. (The other
multi-step refusals, a first-layer refusal covered by the opened settings layer and
switches in a modal apart from the bar, are exercised by the fixture-web crawl test: the
``after-reject`` phase of www.theatre-des-lilas.fr and www.tuincentrum-delinde.nl.)
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from crawler.engine import Crawler, CrawlOptions

pytestmark = pytest.mark.browser


def _page(fixture_web, tmp_path: Path, host: str) -> dict:
    opts = CrawlOptions(url=fixture_web.url(host, "/"), out=tmp_path, max_pages=1, delay=0.0,
                        interact="reject", chrome_flags=fixture_web.chrome_flags_arg, timeout=45.0,
                        sitemap=False)
    return asyncio.run(Crawler(opts).run()).report["pages"][0]


def test_confirm_after_reject_is_answered_yes(fixture_web, tmp_path, chromium_path) -> None:
    page = _page(fixture_web, tmp_path, "www.libreria-lacolmena.es")
    assert page["interaction"][0]["outcome"] == "rejected"
    assert any("confirm dialog accepted" in n for n in page["notes"])
    # The refusal was stored: the banner does not come back after the reload.
    assert not page["phases"]["after-reject"]["banner"]


def test_a_banner_that_fades_in_after_a_delay_is_captured_once_it_is_there(fixture_web, tmp_path: Path) -> None:
    # Transparent for its first 1.2 s, then a 1.2 s fade: the network is quiet long before.
    opts = CrawlOptions(url=fixture_web.url("www.lemagazine-deco.fr", "/fondu"), out=tmp_path, max_pages=1,
                        delay=0.0, interact="none", chrome_flags=fixture_web.chrome_flags_arg, timeout=45.0,
                        sitemap=False)
    page = asyncio.run(Crawler(opts).run()).report["pages"][0]
    rules = {f["rule"] for f in page["findings"]}
    assert {"consent.banner", "consent.implied-consent", "consent.no-reject-first-layer"} <= rules
