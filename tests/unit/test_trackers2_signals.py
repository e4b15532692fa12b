"""The mechanisms the second tracker held-out set needed, each shown on its own."""

from __future__ import annotations

import pytest

from companion.models import Request, Snapshot
from companion.page import Page
from companion.tracking import behaviour
from companion.tracking.classify import TrackerHit, classify_page
from companion.tracking.entities import EntityDataError, parse_entities


def _classify(page: str, url: str, req_type: str) -> list[TrackerHit]:
    snap = Snapshot(url=page, requests=[Request(url=url, type=req_type)])
    return classify_page(Page(snap)).trackers


# -- behaviour ---------------------------------------------------------------------------

@pytest.mark.parametrize(("url", "req_type"), [
    # dotted identifiers under an id-like key: Meta's _fbp shape, a home-made visitor id
    ("https://t.newtrack.example/e?vid=fb.2.1712345678000.123456789", "xhr"),
    ("https://t.newtrack.example/e?vid=v.1712345678.3f9a2c&e=scroll", "fetch"),
    # a counter image that is no image file, carrying a named identifier
    ("https://stat.newcount.example/c.php?id=42&uid=1712345678.1029384756", "image"),
    ("https://stat.newcount.example/hit?visitor_id=Zk3j9aQ2mX8pL4tR2w&res=1920x1080", "image"),
    # a person's id under a bare key: anon=, visitor=, fp=
    ("https://px.newgrid.example/v1/pv?aid=ag_482&anon=AgX9k2LpQ7wE4rT1", "image"),
    ("https://t.newtrack.example/e?fp=e3b0c44298fc1c149afbf4c8996fb924", "ping"),
    # identity calls and cookie syncs
    ("https://api.newident.example/v2/identify?visitorId=VX-9d8c7b6a5f4e3d2c", "fetch"),
    ("https://sdk.newsync.example/sync?partner=dsp&puid=c9e8d7f6a5b4", "image"),
    ("https://sdk.newsync.example/usermatch?buyer_id=Qw8e7R6t5Y4u3I2o", "image"),
])
def test_identifiers_found(url: str, req_type: str) -> None:
    assert behaviour.beacon_identifier(url, req_type) is not None


@pytest.mark.parametrize(("url", "req_type"), [
    # dotted values that are words, hosts, versions or addresses
    ("https://t.newtrack.example/e?vid=summer.sale.2024", "xhr"),
    ("https://t.newtrack.example/e?cid=www.shop.example", "xhr"),
    ("https://t.newtrack.example/e?uid=4.12.0", "xhr"),
    ("https://t.newtrack.example/e?uid=192.168.100.200", "xhr"),
    # bare keys with plain values
    ("https://t.newtrack.example/e?device=mobile&browser=Chrome%20120.0.6099.109", "xhr"),
    # an image service naming its asset by UUID is not a beacon
    ("https://img.newcdn.example/api/image?asset=7d1e0c9a-4b7f-4a8e-9a51-2f3c4d5e6f70", "image"),
    ("https://img.newcdn.example/render?w=300&h=200&fit=crop", "image"),
    ("https://img.newcdn.example/avatar/0bc83cb571cd1c50ba6f3e8a78ef1346?s=96", "image"),
    # static image files keep their names, whatever the query
    ("https://img.newcdn.example/p/1x1.png?uid=Zk3j9aQ2mX8pL4tR2w", "image"),
])
def test_non_identifiers(url: str, req_type: str) -> None:
    assert behaviour.beacon_identifier(url, req_type) is None


# -- endpoints recognised by a sub-domain named after the product -------------------------

def test_self_hosted_tool_on_a_product_named_sub_domain() -> None:
    [hit] = _classify("https://www.indie.example/", "https://umami.indie.example/api/send",
                      "fetch")
    assert (hit.organization, hit.service, hit.self_hosted) == \
        ("indie.example", "Umami (self-hosted)", True)


def test_request_shape_wins_over_host_label() -> None:
    [hit] = _classify("https://www.indie.example/",
                      "https://umami.indie.example/matomo.php?idsite=1&rec=1", "ping")
    assert hit.service == "Matomo (self-hosted)"


def test_a_registrable_domain_named_like_a_product_is_not_self_hosting() -> None:
    assert _classify("https://www.indie.example/", "https://plausible.example/pricing.css",
                     "stylesheet") == []
    assert _classify("https://www.plausible.example/", "https://www.plausible.example/app.js",
                     "script") == []


def test_host_label_schema() -> None:
    base = {"schema": "brightline.entities/1",
            "organizations": {"acme": {"name": "Acme", "category": "analytics",
                                       "domains": ["acme.example"]}}}
    good = {"service": "Acme (self-hosted)", "category": "analytics", "host_label": "acme"}
    assert len(parse_entities({**base, "endpoints": [good]}).endpoints) == 1
    with pytest.raises(EntityDataError, match="host_label"):
        parse_entities({**base, "endpoints": [{**good, "host_label": "acme("}]})


# -- entity curation: one organization, tracking and innocent hosts ----------------------

@pytest.mark.parametrize(("page", "url", "req_type", "service"), [
    ("https://www.shop.example/", "https://t1.daumcdn.net/kas/static/kp.js", "script",
     "Kakao Pixel"),
    ("https://www.shop.example/", "https://yandex.ru/ads/system/context.js", "script",
     "Yandex Advertising"),
    ("https://www.shop.example/", "https://ib.adnxs.com/ut/v3/prebid", "xhr",
     "Xandr (AppNexus)"),
    ("https://www.shop.example/", "https://ats-wrapper.privacymanager.io/ats-modules/x/ats.js",
     "script", "LiveRamp ATS"),
    ("https://www.news.example/", "https://logs.news.example/hit.xiti?s=612399&p=home",
     "image", "Piano Analytics (AT Internet)"),
    ("https://www.news.example/", "https://data-1a2b3c4d5e.news.example/iomm/latest/x.js",
     "script", "INFOnline"),
    ("https://www.blog.example/", "https://www.blog.example/js/script.hash.outbound-links.js",
     "script", "Plausible Analytics"),
])
def test_trackers_on_mixed_hosts(page: str, url: str, req_type: str, service: str) -> None:
    [hit] = _classify(page, url, req_type)
    assert hit.service == service


@pytest.mark.parametrize(("page", "url", "req_type"), [
    ("https://www.shop.example/",
     "https://t1.daumcdn.net/mapjsapi/bundle/postcode/prod/postcode.v2.js", "script"),
    ("https://www.shop.example/", "https://yastatic.net/jquery/3.3.1/jquery.min.js", "script"),
    ("https://www.shop.example/", "https://yandex.ru/maps/213/moscow/", "sub_frame"),
    ("https://www.shop.example/", "https://cdn.privacymanager.io/cmp/loader.js", "script"),
    ("https://www.blog.example/", "https://www.blog.example/js/script.js", "script"),
])
def test_innocent_hosts_of_the_same_organizations(page: str, url: str, req_type: str) -> None:
    assert _classify(page, url, req_type) == []
