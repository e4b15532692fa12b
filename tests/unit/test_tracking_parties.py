"""Third party or not, and the third parties that are the site itself."""

from __future__ import annotations

import pytest

from companion.tracking.entities import entity_map
from companion.tracking.parties import Parties, brand_label, same_brand


def test_brand_label() -> None:
    assert brand_label("shop-example.co.uk") == "shopexample"
    assert brand_label("") == ""


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("shop-example.com", "shopexample-cdn.net", True),
    ("nytimes.com", "nytimes-static.net", True),
    ("bakingblog.com", "bakingblogcdn.net", True),
    ("example.com", "example.net", True),
    ("media.com", "mediacdn.net", False),  # generic word, not a brand
    ("abc.com", "abcd-cdn.net", False),  # too short to be sure
    ("shop-example.com", "tracker.net", False),
    ("shop-example.com", "example-shop.net", False),
])
def test_same_brand(a: str, b: str, expected: bool) -> None:
    assert same_brand(a, b) is expected


def judge(page_host: str, host: str) -> str | None:
    return Parties(page_host, entity_map()).judge(host).exempt


def test_first_party_is_exempt_and_third_party_is_not() -> None:
    assert judge("www.shop.example", "img.shop.example") == "first party"
    assert judge("www.shop.example", "tracker.example") is None


def test_same_organization() -> None:
    assert judge("www.facebook.com", "static.xx.fbcdn.net") == "same organization"
    assert judge("www.youtube.com", "i.ytimg.com") == "same organization"
    assert judge("www.shop.example", "static.xx.fbcdn.net") is None


def test_library_cdn_and_consent_platform() -> None:
    assert judge("www.shop.example", "cdn.jsdelivr.net") == "library CDN"
    assert judge("www.shop.example", "fonts.gstatic.com") == "library CDN"
    assert judge("www.shop.example", "cdn.cookielaw.org") == "consent platform"
    assert judge("www.shop.example", "consent.cookiebot.com") == "consent platform"


def test_own_cdn_never_covers_a_known_tracker() -> None:
    assert judge("www.bakingblog.com", "static.bakingblog-cdn.net") == "own CDN"
    # a site whose name happens to be inside a tracker's name does not adopt the tracker
    assert judge("www.face.com", "connect.facebook.net") is None
    assert judge("www.hotjar-fans.example", "static.hotjar.com") is None


def test_tenant_of_a_hosting_suffix_is_not_the_platform() -> None:
    assert judge("www.google.com", "stats.g.doubleclick.net") == "same organization"
    # a blog on blogspot.com is someone's own site: Google's trackers are third parties there
    assert judge("someones-bakery.blogspot.com", "www.google-analytics.com") is None
