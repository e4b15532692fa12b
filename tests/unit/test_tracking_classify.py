"""classify_page: list and behaviour evidence, exemptions, cookies and storage, speed."""

from __future__ import annotations

import time

from companion.models import Cookie, Frame, Request, Snapshot, StorageKey
from companion.page import Page
from companion.tracking.classify import classify_page, redact


def classify(**kw):
    kw.setdefault("url", "https://www.bakingblog.com/recipes/sourdough")
    return classify_page(Page(Snapshot(**kw)))


def hosts(report) -> set[str]:
    return {t.host for t in report.trackers}


def test_baking_blog_on_its_own_cdn_with_public_libraries_has_no_tracker() -> None:
    report = classify(
        dom='<html><body><img src="https://static.bakingblog-cdn.net/img/bread.jpg"></body></html>',
        requests=[
            Request(url="https://www.bakingblog.com/wp-content/themes/x/style.css",
                    type="stylesheet"),
            Request(url="https://static.bakingblog-cdn.net/js/app.9f8e7d6c.js", type="script"),
            Request(url="https://static.bakingblog-cdn.net/img/bread.jpg?w=800", type="image"),
            Request(url="https://cdn.jsdelivr.net/npm/swiper@11/swiper-bundle.min.js",
                    type="script"),
            Request(url="https://fonts.googleapis.com/css2?family=Lora&display=swap",
                    type="stylesheet"),
            Request(url="https://fonts.gstatic.com/s/lora/v32/0QI6MX1D_JOuGQbT0gvTJPa787weuxJBkq0.woff2",
                    type="font"),
            Request(url="https://cdnjs.cloudflare.com/ajax/libs/jquery/3.7.1/jquery.min.js",
                    type="script"),
        ],
        cookies=[Cookie(name="wordpress_test_cookie", domain="www.bakingblog.com",
                        value_length=15, entropy=3.1),
                 Cookie(name="PHPSESSID", domain="www.bakingblog.com", value_length=26,
                        entropy=4.5)],
    )
    assert report.trackers == []
    assert report.cookies == []


def test_listed_trackers_carry_organization_category_and_reason() -> None:
    report = classify(requests=[
        Request(url="https://www.googletagmanager.com/gtag/js?id=G-ABC", type="script",
                time_ms=120),
        Request(url="https://www.google-analytics.com/g/collect?v=2&tid=G-ABC", type="ping",
                time_ms=300),
        Request(url="https://www.google-analytics.com/g/collect?v=2&tid=G-ABC&en=scroll",
                type="ping", time_ms=900),
        Request(url="https://connect.facebook.net/en_US/fbevents.js", type="script",
                time_ms=150),
    ])
    by_host = {t.host: t for t in report.trackers}
    ga = by_host["www.google-analytics.com"]
    assert (ga.organization, ga.category, ga.source) == ("Google", "analytics", "list")
    assert ga.requests == 2 and ga.first_ms == 300
    assert ga.urls == ["https://www.google-analytics.com/g/collect?…"]  # no ids kept
    assert by_host["connect.facebook.net"].category == "advertising"
    assert [t.host for t in report.trackers][0] == "www.googletagmanager.com"  # by time


def test_easyprivacy_catches_hosts_the_entity_map_lacks() -> None:
    report = classify(requests=[
        Request(url="https://metrics.unknownshop-partner.example/b/ss/acct/1/JS-2.24.0/s123?AQB=1",
                type="image"),
    ])
    [hit] = report.trackers
    assert hit.source == "list" and hit.reason.startswith("EasyPrivacy: ")


def test_behaviour_catches_unlisted_trackers() -> None:
    report = classify(
        dom='<html><body><img src="https://px.quietdata.example/i?u=Zk3j9aQ2mX8pL4tR" '
            'width="1" height="1" style="display:none"></body></html>',
        requests=[Request(url="https://in.sneakymetrics.example/v2/hit?visitor_id=Zk3j9aQ2mX8pL4tR2w",
                          type="xhr")],
        cookies=[Cookie(name="zxid", domain=".idgraph.example", value_length=36, entropy=4.3,
                        expires=2e9)],
    )
    by_host = {t.host: t for t in report.trackers}
    assert set(by_host) == {"px.quietdata.example", "in.sneakymetrics.example", "idgraph.example"}
    assert all(t.source == "behaviour" for t in by_host.values())
    assert by_host["idgraph.example"].cookies == ["zxid"]
    assert [c.name for c in report.cookies] == ["zxid"]


def test_frames_and_non_web_urls() -> None:
    report = classify(
        frames=[Frame(url="https://www.youtube.com/embed/abc123")],
        requests=[Request(url="data:image/png;base64,AAAA", type="image"),
                  Request(url="chrome-extension://abc/x.js", type="script"),
                  Request(url="not a url", type="script")],
    )
    assert hosts(report) == {"www.youtube.com"}


def test_same_organization_site_is_not_tracked_by_itself() -> None:
    report = classify(url="https://www.facebook.com/somepage", requests=[
        Request(url="https://static.xx.fbcdn.net/rsrc.php/v3/y1/r/abc.js", type="script"),
        Request(url="https://connect.facebook.net/en_US/sdk.js", type="script"),
    ])
    assert report.trackers == []


def test_tracking_cookies_first_and_third_party_and_storage() -> None:
    report = classify(
        cookies=[
            Cookie(name="_ga", domain=".bakingblog.com", value_length=26, entropy=3.3),
            Cookie(name="_ga_ABC123", domain=".bakingblog.com", value_length=40, entropy=3.6),
            Cookie(name="_fbp", domain=".bakingblog.com", value_length=29, entropy=3.4),
            Cookie(name="IDE", domain=".doubleclick.net", value_length=60, entropy=5.0),
            Cookie(name="cookieyes-consent", domain="www.bakingblog.com", value_length=80,
                   entropy=4.0),
        ],
        storage=[StorageKey(key="_hjSessionUser_123", origin="https://www.bakingblog.com"),
                 StorageKey(key="ajs_anonymous_id", origin="https://www.bakingblog.com",
                            value_length=38, entropy=4.0)],
    )
    names = {c.name: c for c in report.cookies}
    assert set(names) == {"_ga", "_ga_ABC123", "_fbp", "IDE", "ajs_anonymous_id"}
    assert names["_ga"].third_party is False and names["IDE"].third_party is True
    assert names["ajs_anonymous_id"].kind == "storage"
    # a third-party tracker cookie shows its tracker even without a recorded request
    assert hosts(report) == {"doubleclick.net"}


def test_redact() -> None:
    assert redact("https://t.example/p?uid=123#x") == "https://t.example/p?…"
    assert redact("https://t.example/p") == "https://t.example/p"


def test_two_thousand_requests_classify_fast() -> None:
    hosts_ = [f"cdn{i}.static-assets{i % 40}.example" for i in range(200)]
    reqs = [Request(url=f"https://{hosts_[i % 200]}/assets/chunk-{i}.js?v={i}", type="script")
            for i in range(1900)]
    reqs += [Request(url=f"https://www.google-analytics.com/g/collect?v=2&_p={i}", type="ping")
             for i in range(100)]
    snap = Snapshot(url="https://www.bakingblog.com/", requests=reqs)
    classify_page(Page(snap))  # warm-up: lists loaded, regexes compiled
    started = time.process_time()  # CPU time: a busy CI machine does not fail the test
    report = classify_page(Page(snap))
    elapsed = time.process_time() - started
    assert hosts(report) == {"www.google-analytics.com"}
    assert elapsed < 0.5, f"2,000 requests took {elapsed * 1000:.0f} ms"


def test_every_request_to_a_behaviour_tracker_counts() -> None:
    report = classify(requests=[
        Request(url="https://in.sneakymetrics.example/sdk.js", type="script", time_ms=10),
        Request(url="https://in.sneakymetrics.example/v2/hit?visitor_id=Zk3j9aQ2mX8pL4tR2w",
                type="xhr", time_ms=40),
        Request(url="https://in.sneakymetrics.example/v2/hit?e=scroll", type="xhr", time_ms=90),
    ])
    [hit] = report.trackers
    assert hit.requests == 3 and hit.first_ms == 10
