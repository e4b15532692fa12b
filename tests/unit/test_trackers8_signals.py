"""Relayed pixels and server-side collection on a site's own host, and B2B, call-tracking
and chat vendors' cookies. None of these rows is from a held-out set or probe."""

from __future__ import annotations

import pytest

from companion.models import Request, Snapshot
from companion.page import Page
from companion.tracking.classify import TrackerHit, classify_page


def _classify(page: str, url: str, req_type: str) -> list[TrackerHit]:
    snap = Snapshot(url=page, requests=[Request(url=url, type=req_type)])
    return classify_page(Page(snap)).trackers


@pytest.mark.parametrize(("url", "organization"), [
    ("https://www.laden.example/px/relay?id=123456789012345&ev=AddToCart&fbp=fb.1.1712345678901.998877", "Meta"),
    ("https://collect.laden.example/events?tc_s=2817&page=home", "Commanders Act"),
])
def test_collection_relayed_through_the_sites_own_host(url: str, organization: str) -> None:
    hits = _classify("https://www.laden.example/", url, "xhr")
    assert len(hits) == 1 and organization in hits[0].organization, hits


@pytest.mark.parametrize("url", [
    "https://www.laden.example/api/product?id=123456789012345&ev=1",
    "https://www.laden.example/search?tc_s=summer",
])
def test_look_alike_first_party_routes_stay_clean(url: str) -> None:
    assert _classify("https://www.laden.example/", url, "xhr") == []


@pytest.mark.parametrize(("host", "organization"), [
    ("cdn.callrail.com", "CallRail"), ("solutions.invocacdn.com", "Invoca"), ("123.tctm.co", "CallTrackingMetrics"),
    ("apps.rokt.com", "Rokt"), ("js.qualified.com", "Qualified"), ("tracking.g2crowd.com", "G2"),
    ("opps-widget.getwarmly.com", "Warmly"),
])
def test_b2b_and_call_tracking_vendors_are_named(host: str, organization: str) -> None:
    hits = _classify("https://www.shop.example/", f"https://{host}/t.js", "script")
    assert len(hits) == 1 and hits[0].organization == organization, hits
