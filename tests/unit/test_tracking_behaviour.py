"""Behavioural evidence: identifiers in beacon URLs, 1x1 pixels and identifier cookies."""

from __future__ import annotations

import pytest

from companion.models import Box, Cookie, Element, Snapshot
from companion.page import Page
from companion.tracking import behaviour


@pytest.mark.parametrize(("url", "req_type"), [
    ("https://c.newtrack.example/collect?v=1&cid=1234567890.1712345678", "xhr"),
    ("https://t.newtrack.example/px?uid=a8F3k29dK3m4n5b6", "image"),
    ("https://t.newtrack.example/event?visitor_id=7d1e0c9a-4b7f-4a8e-9a51-2f3c4d5e6f70", "ping"),
    ("https://t.newtrack.example/e?anonymousId=Zk3j9aQ2mX8pL4tR2w", "xhr"),
    ("https://t.newtrack.example/sync/Zk3j9aQ2mX8pL4tR2wQ7", "ping"),
])
def test_identifiers_in_beacons(url: str, req_type: str) -> None:
    assert behaviour.beacon_identifier(url, req_type) is not None


@pytest.mark.parametrize(("url", "req_type"), [
    # content hashes and cache busters are random too, but not identifiers
    ("https://cdn.example.net/app.3f9a8b7c6d5e4f3a2b1c.js?v=9f8e7d6c5b4a", "script"),
    ("https://img.example.net/photos/7d1e0c9a-4b7f-4a8e-9a51-2f3c4d5e6f70.jpg", "image"),
    ("https://img.example.net/render?id=a8F3k29dK3m4n5b6", "image"),  # not a beacon
    ("https://api.example.net/collect?cb=a8F3k29dK3m4n5b6&t=1712345678901", "xhr"),
    ("https://api.example.net/track?sig=a8F3k29dK3m4n5b6Xz9", "xhr"),
    ("https://api.example.net/collect?uid=42", "xhr"),  # too short to single anyone out
    ("https://api.example.net/products?uid=a8F3k29dK3m4n5b6", "xhr"),  # not a beacon path
    ("https://player.example.net/embed/Zk3j9aQ2mX8pL4tR2wQ7", "subdocument"),
])
def test_non_identifiers(url: str, req_type: str) -> None:
    assert behaviour.beacon_identifier(url, req_type) is None


def test_pixel_counts_as_beacon_even_without_beacon_words() -> None:
    url = "https://img.example.net/i?u=a8F3k29dK3m4n5b6"
    assert behaviour.beacon_identifier(url, "image") is None
    assert behaviour.beacon_identifier(url, "image", pixel=True) is not None


@pytest.mark.parametrize(("attrs", "expected"), [
    ({"width": "1", "height": "1"}, True),
    ({"width": "0", "height": "0"}, True),
    ({"style": "width:1px;height:1px;display:none"}, True),
    ({"width": "1"}, False),
    ({"width": "100", "height": "1"}, False),
    ({"width": "1", "height": "1", "style": "width: 300px"}, False),
    ({}, False),
])
def test_declared_pixel(attrs: dict[str, str], expected: bool) -> None:
    assert behaviour.declared_pixel(attrs) is expected


def test_measured_pixel_ignores_unrendered_images() -> None:
    assert behaviour.measured_pixel(1, 1)
    assert not behaviour.measured_pixel(0, 0)  # display:none or not loaded: unknown
    assert not behaviour.measured_pixel(300, 1)


def test_pixel_images_from_attributes_and_boxes() -> None:
    dom = (
        '<html><body>'
        '<img src="https://px.one.example/p?e=view" width="1" height="1">'
        '<img data-bl-idx="1" src="//px.two.example/t.gif">'
        '<img src="https://cdn.site.example/spacer.png" width="1" height="1">'
        '<img src="https://photos.example/cat.jpg" width="600" height="400">'
        '<img src="data:image/gif;base64,R0lGOD" width="1" height="1">'
        '</body></html>'
    )
    snap = Snapshot(url="https://www.site.example/", dom=dom,
                    elements=[Element(idx=1, tag="img", box=Box(x=0, y=0, width=1, height=1))])
    assert set(behaviour.pixel_images(Page(snap))) == {
        "https://px.one.example/p?e=view", "https://px.two.example/t.gif",
    }


@pytest.mark.parametrize(("cookie", "expected"), [
    (Cookie(name="x", value_length=32, entropy=4.2, expires=2e9), True),
    (Cookie(name="x", value_length=32, entropy=4.2, session=True), False),
    (Cookie(name="x", value_length=4, entropy=2.0, expires=2e9), False),
    (Cookie(name="x", value_length=40, entropy=1.0, expires=2e9), False),
])
def test_identifier_cookie(cookie: Cookie, expected: bool) -> None:
    assert behaviour.identifier_cookie(cookie) is expected


@pytest.mark.parametrize("name", ["consentUUID", "euconsent-v2", "XSRF-TOKEN", "AWSALB",
                                  "cmp_id"])
def test_service_cookies_are_not_identifiers(name: str) -> None:
    assert not behaviour.identifier_cookie(
        Cookie(name=name, value_length=36, entropy=4.2, expires=2e9))
