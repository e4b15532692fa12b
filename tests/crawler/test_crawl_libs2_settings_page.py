"""Refusing where the settings are a page of their own (a cookie-policy page with the form).

@stormid/cookie-banner's "Your options" is a link to the consent form on another page, where
each purpose is a yes/no radio pair and the banner is not shown. A person follows the link,
answers no, saves, and comes back: the crawler must do the same and capture ``after-reject``
on the page under audit, not on the form page.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from crawler.engine import Crawler, CrawlOptions
from crawler.interact import left_page
from crawler.settings_page import refusing_radios


def _radio(index: int, name: str, value: str, label: str, **kw) -> dict:
    return {"index": index, "name": name, "value": value, "label": label, "checked": False, "disabled": False} | kw


def test_the_no_of_each_yes_no_pair_is_chosen() -> None:
    radios = [
        _radio(0, "privacy-stats", "1", "Einverstanden"),
        _radio(1, "privacy-stats", "0", "Nein, danke"),
        _radio(2, "privacy-ads", "yes", "Sì, va bene", checked=True),
        _radio(3, "privacy-ads", "no", "No, grazie"),
    ]
    assert refusing_radios(radios) == [1, 3]


def test_a_refusal_is_found_by_its_label_or_as_the_other_half_of_a_pair() -> None:
    by_label = [_radio(0, "a", "on", "Accept"), _radio(1, "a", "x", "Reject")]
    other_half = [_radio(0, "b", "p", "Accept all cookies"), _radio(1, "b", "q", "Only the essentials, please")]
    assert refusing_radios(by_label) == [1]
    assert refusing_radios(other_half) == [1]


def test_groups_without_a_clear_no_are_left_alone() -> None:
    sizes = [_radio(0, "size", "s", "Small"), _radio(1, "size", "m", "Medium"), _radio(2, "size", "l", "Large")]
    disabled = [_radio(0, "nec", "0", "Off", disabled=True), _radio(1, "nec", "1", "On", checked=True, disabled=True)]
    assert refusing_radios(sizes + disabled) == []


def test_a_fragment_is_the_same_page_another_path_is_not() -> None:
    assert not left_page("https://a.example/#cookie-settings", "https://a.example/")
    assert left_page("https://a.example/cookie-policy#preferences", "https://a.example/")


def _page(fixture_web, tmp_path: Path, host: str) -> dict:
    opts = CrawlOptions(url=fixture_web.url(host, "/"), out=tmp_path, max_pages=1, delay=0.0,
                        interact="reject", chrome_flags=fixture_web.chrome_flags_arg, timeout=45.0,
                        sitemap=False)
    return asyncio.run(Crawler(opts).run()).report["pages"][0]


@pytest.mark.browser
def test_refusal_on_the_form_page_then_back_to_the_page(fixture_web, tmp_path, chromium_path) -> None:
    page = _page(fixture_web, tmp_path, "www.agenzia-marelibero.it")
    record = page["interaction"][0]
    assert record["outcome"] == "rejected"
    assert [s["action"] for s in record["steps"]] == ["click", "capture", "choose", "click", "reload", "capture"]
    assert record["steps"][3]["target"] == "save"
    after = page["phases"]["after-reject"]
    assert not after["banner"], "the refusal was stored: no banner after it"
    # captured on the page under audit: the form page hides the banner and has no offers
    snapshot = tmp_path / after["snapshot"]
    assert "Offerte della settimana" in snapshot.read_text(encoding="utf-8")

