"""tracker.third-party, consent.tracking-before-consent and consent.choice-not-respected."""

from __future__ import annotations

import pytest

from companion.analyzer import analyze
from companion.detectors import third_party_trackers, tracking_consent
from companion.models import Cookie, Request, Snapshot
from companion.page import Page

URL = "https://www.gardening-weekly.example/articles/roses"
TRACKED = dict(
    requests=[
        Request(url="https://www.googletagmanager.com/gtm.js?id=GTM-ABC", type="script"),
        Request(url="https://www.google-analytics.com/g/collect?v=2&tid=G-1", type="ping"),
        Request(url="https://connect.facebook.net/en_US/fbevents.js", type="script"),
        Request(url="https://px.quietdata.example/collect?uid=Zk3j9aQ2mX8pL4tR", type="image"),
        Request(url="https://cdn.jsdelivr.net/npm/alpinejs@3/dist/cdn.min.js", type="script"),
    ],
    cookies=[Cookie(name="_ga", domain=".gardening-weekly.example", value_length=26,
                    entropy=3.3),
             Cookie(name="_fbp", domain=".gardening-weekly.example", value_length=29,
                    entropy=3.4)],
)


def page(phase: str, **kw) -> Page:
    return Page(Snapshot(url=URL, phase=phase, **kw))


@pytest.mark.parametrize("phase", ["initial", "after-reject"])
def test_one_third_party_finding_per_tracker_host(phase: str) -> None:
    findings = third_party_trackers.check(page(phase, **TRACKED))
    by_host = {f.evidence["host"]: f for f in findings}
    assert set(by_host) == {"www.googletagmanager.com", "www.google-analytics.com",
                            "connect.facebook.net", "px.quietdata.example"}
    ga = by_host["www.google-analytics.com"]
    assert ga.rule == "tracker.third-party" and ga.severity == "medium"
    assert ga.evidence["organization"] == "Google"
    assert ga.evidence["category"] == "analytics"
    assert ga.evidence["source"] == "list"
    assert ga.evidence["url"] == "https://www.google-analytics.com/g/collect?…"
    quiet = by_host["px.quietdata.example"]
    assert quiet.evidence["source"] == "behaviour" and "uid" in quiet.evidence["reason"]


def test_after_accept_is_inventory_only() -> None:
    p = page("after-accept", **TRACKED)
    assert third_party_trackers.check(p) == []
    assert tracking_consent.check(p) == []
    assert {t["host"] for t in p.trackers.inventory()} >= {"www.google-analytics.com"}


@pytest.mark.parametrize(("phase", "rule"), [
    ("initial", "consent.tracking-before-consent"),
    ("after-reject", "consent.choice-not-respected"),
])
def test_consent_summary(phase: str, rule: str) -> None:
    [f] = tracking_consent.check(page(phase, **TRACKED))
    assert f.rule == rule and f.severity == "high"
    assert set(f.evidence["hosts"]) == {"www.google-analytics.com", "connect.facebook.net",
                                        "px.quietdata.example"}  # a tag manager alone: no
    assert "Google" in f.evidence["organizations"] and "Meta" in f.evidence["organizations"]
    assert f.evidence["cookies"] == ["_fbp", "_ga"]
    assert "value" not in str(f.evidence)


def test_cookies_alone_are_enough() -> None:
    [f] = tracking_consent.check(page("initial", cookies=TRACKED["cookies"]))
    assert f.evidence["cookies"] == ["_fbp", "_ga"]
    assert "hosts" not in f.evidence


def test_tag_manager_alone_is_not_tracking_before_consent() -> None:
    p = page("initial", requests=[
        Request(url="https://www.googletagmanager.com/gtm.js?id=GTM-ABC", type="script")])
    assert tracking_consent.check(p) == []
    assert len(third_party_trackers.check(p)) == 1


def test_clean_page_has_no_findings() -> None:
    p = page("initial", requests=[
        Request(url="https://www.gardening-weekly.example/app.js", type="script"),
        Request(url="https://cdn.jsdelivr.net/npm/alpinejs@3/dist/cdn.min.js", type="script"),
        Request(url="https://fonts.gstatic.com/s/inter/v1/a.woff2", type="font"),
        Request(url="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js", type="script"),
    ], cookies=[Cookie(name="OptanonConsent", domain=".gardening-weekly.example",
                       value_length=200, entropy=4.5)])
    assert third_party_trackers.check(p) == []
    assert tracking_consent.check(p) == []


def test_through_the_analyzer() -> None:
    analysis = analyze(Snapshot(url=URL, phase="initial", **TRACKED))
    rules = [f.rule for f in analysis.findings]
    assert rules.count("tracker.third-party") == 4
    assert "consent.tracking-before-consent" in rules
    assert not [e for e in analysis.errors if e["detector"] in ("third_party_trackers",
                                                                "tracking_consent")]


def test_cookieless_analytics_is_present_but_not_tracking_before_consent() -> None:
    reqs = [Request(url="https://plausible.io/js/script.js", type="script"),
            Request(url="https://static.cloudflareinsights.com/beacon.min.js", type="script")]
    p = page("initial", requests=reqs)
    assert {f.evidence["host"] for f in third_party_trackers.check(p)} == {
        "plausible.io", "static.cloudflareinsights.com"}
    assert tracking_consent.check(p) == []
    # once it leaves an identifier behind, it is tracking like any other
    p = page("initial", requests=reqs,
             cookies=[Cookie(name="plid", domain=".plausible.io", value_length=32, entropy=4.1,
                             expires=2e9)])
    [f] = tracking_consent.check(p)
    assert "plausible.io" in f.evidence["hosts"]


def test_error_monitoring_alone_is_not_tracking_before_consent() -> None:
    p = page("initial", requests=[
        Request(url="https://browser.sentry-cdn.com/7.0.0/bundle.min.js", type="script"),
        Request(url="https://o1.ingest.sentry.io/api/2/envelope/?sentry_key=ab12", type="xhr")])
    assert {f.evidence["category"] for f in third_party_trackers.check(p)} == {"monitoring"}
    assert tracking_consent.check(p) == []


def test_baking_blog_on_its_own_cdn_gives_no_tracker_finding() -> None:
    snap = Snapshot(
        url="https://www.crumbs-and-crust.example/recipes/sourdough", phase="initial",
        requests=[
            Request(url="https://static.crumbsandcrust-cdn.example/css/site.css",
                    type="stylesheet"),
            Request(url="https://static.crumbsandcrust-cdn.example/img/loaf.webp?w=1200",
                    type="image"),
            Request(url="https://cdn.jsdelivr.net/npm/glightbox@3/dist/css/glightbox.min.css",
                    type="stylesheet"),
            Request(url="https://fonts.googleapis.com/css2?family=Lora:wght@400;700",
                    type="stylesheet"),
            Request(url="https://fonts.gstatic.com/s/lora/v32/0QI6MX1D_JOuGQbT0gvTJPa787w.woff2",
                    type="font"),
        ],
        cookies=[Cookie(name="PHPSESSID", domain="www.crumbs-and-crust.example",
                        value_length=26, entropy=4.4, session=True)],
    )
    analysis = analyze(snap)
    assert not [f for f in analysis.findings
                if f.rule in ("tracker.third-party", "consent.tracking-before-consent")]
    assert analysis.trackers == []


@pytest.mark.parametrize(("source", "reason", "expected"), [
    ("list", "entity map: Meta Pixel", "listed in Brightline's tracker map"),
    ("list", "EasyPrivacy: ||stats.wp.com^", "EasyPrivacy rule ||stats.wp.com^"),
    ("list", "Open Cookie Database: Xandr cookie uuid2", "Open Cookie Database (Xandr"),
    ("behaviour", "1x1 pixel", "behaviour: 1x1 pixel"),
])
def test_how_known(source: str, reason: str, expected: str) -> None:
    assert expected in third_party_trackers.how_known(source, reason)


def test_proxied_analytics_is_third_party_and_self_hosted_analytics_is_inventory() -> None:
    """GA4 through the site's own sub-domain still sends the visit to Google; a Matomo the
    site runs itself sends it nowhere else: listed, but not a third-party tracker."""
    site = "https://www.gardening-weekly.example"
    proxied = Request(url="https://metrics.gardening-weekly.example/g/collect?v=2&tid=G-7QX2LM&cid=1.2&en=page_view",
                      type="ping")
    own = Request(url=f"{site}/matomo.php?idsite=3&rec=1&action_name=Roses", type="ping")
    analysis = analyze(Snapshot(url=URL, requests=[proxied, own]))
    third_party = [f for f in analysis.findings if f.rule == "tracker.third-party"]
    assert [f.evidence["host"] for f in third_party] == ["metrics.gardening-weekly.example"]
    assert third_party[0].evidence["organization"] == "Google"
    before = next(f for f in analysis.findings if f.rule == "consent.tracking-before-consent")
    assert before.evidence["organizations"] == ["Google"]
    inventory = {t["host"]: t for t in analysis.trackers}
    assert inventory["www.gardening-weekly.example"]["category"] == "analytics"


def _cookie(name: str, expires: float, length: int = 26) -> Cookie:
    return Cookie(name=name, domain=".gardening-weekly.example", expires=expires,
                  value_length=length, entropy=3.3)


def test_identifiers_left_from_before_a_refusal_are_not_stored_after_it() -> None:
    from companion.models import StorageKey
    from crawler.leftovers import mark_left_over

    origin = "https://www.gardening-weekly.example"
    before = Snapshot(url=URL, phase="initial",
                      cookies=[_cookie("_ga", 1.9e9), _cookie("_fbp", 1.8e9, 29)],
                      storage=[StorageKey(key="_hjid", origin=origin, value_length=36, entropy=3.9)])
    # Nothing ran after the refusal: the jar still holds what was set before the choice.
    after = Snapshot(url=URL, phase="after-reject", cookies=[_cookie("_ga", 1.9e9), _cookie("_fbp", 1.8e9, 29)],
                     storage=[StorageKey(key="_hjid", origin=origin, value_length=36, entropy=3.9)])
    assert mark_left_over(after, before) == 3
    assert tracking_consent.check(Page(after)) == []
    # Google Analytics ran again after the refusal: it re-wrote _ga with a new expiry.
    again = Snapshot(url=URL, phase="after-reject", cookies=[_cookie("_ga", 1.9e9 + 40), _cookie("_fbp", 1.8e9, 29)],
                     storage=[StorageKey(key="_hjid", origin=origin, value_length=36, entropy=3.9)])
    assert mark_left_over(again, before) == 2
    [finding] = tracking_consent.check(Page(again))
    assert finding.rule == "consent.choice-not-respected"
    assert finding.evidence["cookies"] == ["_ga"]


def test_before_any_choice_nothing_is_left_over() -> None:
    snap = Snapshot(url=URL, phase="initial", cookies=[_cookie("_ga", 1.9e9)])
    [finding] = tracking_consent.check(Page(snap))
    assert finding.evidence["cookies"] == ["_ga"]
