"""The mechanisms the third tracker held-out set needed, each shown on its own.

None of these cases comes from ``tests/data/trackers_heldout_3.jsonl``: other vendors of the
same families, other hosts, other parameter values, and look-alikes that must stay clean.
"""

from __future__ import annotations

import pytest

from companion.models import Request, Snapshot
from companion.page import Page
from companion.tracking import behaviour
from companion.tracking.classify import TrackerHit, classify_page
from companion.tracking.entities import entity_map
from tests.unit.tracker_scores import org_matches


def _classify(page: str, url: str, req_type: str) -> list[TrackerHit]:
    snap = Snapshot(url=page, requests=[Request(url=url, type=req_type)])
    return classify_page(Page(snap)).trackers


def _one(page: str, url: str, req_type: str) -> TrackerHit:
    hits = _classify(page, url, req_type)
    assert len(hits) == 1, hits
    return hits[0]


# -- the entity map: regional, push, affiliate, CDP, A/B, verification, device identity ----

@pytest.mark.parametrize(("host", "organization", "category"), [
    ("gde.adocean.pl", "Gemius", "advertising"),
    ("cdn.synerise.com", "Synerise", "analytics"),
    ("www.salesmanago.com", "SALESmanago", "advertising"),
    ("hit.toplist.sk", "TOPlist", "audience-measurement"),
    ("www.glami.ro", "Glami", "advertising"),
    ("h.seznam.cz", "Seznam.cz", "analytics"),
    ("px.a8.net", "A8.net (FAN Communications)", "advertising"),
    ("cnt.fout.jp", "FreakOut", "advertising"),
    ("cdn.gssprt.jp", "Geniee", "advertising"),
    ("b90.yahoo.co.jp", "LY Corporation (Yahoo! JAPAN, LINE)", "advertising"),
    ("static.widerplanet.com", "Wider Planet", "advertising"),
    ("api.rdstation.com.br", "RD Station (TOTVS)", "advertising"),
    ("recs.linximpulse.net", "Linx Impulse (Linx)", "analytics"),
    ("eu.wzrkt.com", "CleverTap", "customer-interaction"),
    ("api.segmentify.com", "Segmentify", "analytics"),
    ("mc.yandex.uz", "Yandex", "analytics"),
    ("cis.schibsted.com", "Schibsted", "analytics"),
    ("analytics.snoobi.fi", "Snoobi", "analytics"),
    ("static.omnisrc.com", "Omnisend", "advertising"),
    ("cdn.pushalert.co", "PushAlert", "customer-interaction"),
    ("aswpsdkeu.com", "Airship", "customer-interaction"),
    ("www.gopjn.com", "Ascend by Partnerize (Pepperjam)", "advertising"),
    ("track.netaffiliation.com", "Kwanko (NetAffiliation)", "advertising"),
    ("cdn.blueconic.com", "BlueConic", "analytics"),
    ("api.statsig.com", "Statsig", "analytics"),
    ("sdk.split.io", "Split (Harness)", "analytics"),
    ("cdn.confiant-integrations.net", "Confiant", "advertising"),
    ("pixel.moatads.com", "Oracle", "advertising"),
    ("ssl.kaxsdc.com", "Kount (Equifax)", "fingerprinting"),
    ("beacon.riskified.com", "Riskified", "fingerprinting"),
])
def test_new_organisations(host: str, organization: str, category: str) -> None:
    entity = entity_map().lookup(host)
    assert entity is not None
    assert (entity.organization, entity.category) == (organization, category)


def test_a_vendor_named_as_a_service_of_its_group() -> None:
    hit = _one("https://www.portal.example/", "https://pixel.moatads.com/pixel.gif?e=17",
               "image")
    assert hit.service == "Moat" and org_matches("Moat", hit) and org_matches("Oracle", hit)


@pytest.mark.parametrize("url", [
    "https://geo.captcha-delivery.com/captcha/check?cid=AHrlqAAAAAMA1",
    "https://collector-pxk9x2m7p4.px-cloud.net/api/v2/collector",
    "https://client-api.arkoselabs.com/fc/gt2/public_key/ABCD",
    "https://js.datadome.co/tags.js",
])
def test_bot_protection_is_never_a_tracker(url: str) -> None:
    """Bot defence probes the device, and EasyPrivacy lists some of it, but it protects the
    site: like a consent platform, its hosts are exempt outright."""
    assert _classify("https://www.shop.example/", url, "script") == []


def test_cmp_hosts_of_an_ad_company_are_consent() -> None:
    assert _classify("https://www.giornale.example/", "https://cmp.inmobi.com/choice/x/tcfv2",
                     "script") == []
    assert _classify("https://www.giornale.example/", "https://sdk.inmobi.com/x.js",
                     "script") != []


# -- a vendor's shape on another organisation's host is that organisation's ---------------

def test_a_protocol_clone_is_named_after_the_host_owner() -> None:
    """Yahoo! JAPAN answers on Google's /pagead/conversion/ path on hosts of its own."""
    hit = _one("https://www.kaden.example.jp/",
               "https://b97.yahoo.co.jp/pagead/conversion/1000123456/?guid=ON&script=0",
               "image")
    assert org_matches("Yahoo Japan", hit) and not org_matches("Google", hit)
    assert hit.category == "advertising"


def test_a_hosting_tenant_keeps_the_protocol_owner() -> None:
    hit = _one("https://www.shop.example/",
               "https://d1x2y3z4.cloudfront.net/g/collect?v=2&tid=G-ABCD1234&cid=1.2", "fetch")
    assert hit.organization == "Google"


# -- first-party collection recognised by the shape of the request -----------------------

@pytest.mark.parametrize(("url", "req_type", "organization"), [
    # a Stape custom loader with another container id and file name
    ("https://sst.laden.example/abc123xyz0.js?st=W9XK2LM", "script", "Google"),
    # Eulerian on a first-party CNAME: loader, collect path, visitor id parameter
    ("https://ea.laden.example/ea.js", "script", "Eulerian"),
    ("https://ea.laden.example/col1/-/1700000000/?url=%2F", "image", "Eulerian"),
    ("https://x.laden.example/c?euidl=0f1e2d3c4b5a&url=%2F", "image", "Eulerian"),
    # a Webtrekk pixel on the site's tracking sub-domain
    ("https://t.laden.example/123456789012345/wt?p=441,home,0,1280x720,24,1,1,0,1280x600,0",
     "image", "Mapp"),
    # Pardot on a first-party tracker domain
    ("https://info.laden.example/analytics?conly=true&visitor_id=1&pi_opt_in=true&account_id=4"
     "&campaign_id=9", "script", "Salesforce"),
    # Segment's one-letter API through a proxy
    ("https://cdp.laden.example/v1/p", "fetch", "Segment"),
    # Plausible's event API on a statistics sub-domain
    ("https://analytics.laden.example/api/event", "xhr", "Plausible"),
    # Fingerprint Pro through a proxy, agent call and loader
    ("https://metrics.laden.example/?ci=js/3.9.0&q=AbCdEf123456", "fetch", "Fingerprint"),
    ("https://metrics.laden.example/v3/AbCdEfGhIjKlMnOpQrSt/loader_v3.9.0.js", "script",
     "Fingerprint"),
    # ThreatMetrix on a vanity host
    ("https://id.laden.example/fp/clear.png?org_id=abc123&session_id=s-1&m=2", "image",
     "ThreatMetrix"),
    # Dynatrace RUM beacon and agent on the site's own host
    ("https://www.laden.example/rb_abc123?type=js&session=1&svrid=2", "xhr", "Dynatrace"),
    ("https://www.laden.example/ruxitagentjs_ICA2Vfqru_10283240219.js", "script", "Dynatrace"),
    # SiteSpect objects
    ("https://www.laden.example/__ssobj/track?x=1", "xhr", "SiteSpect"),
])
def test_first_party_collection_shapes(url: str, req_type: str, organization: str) -> None:
    hit = _one("https://www.laden.example/", url, req_type)
    assert org_matches(organization, hit), (hit.organization, hit.service)
    assert not hit.self_hosted


@pytest.mark.parametrize(("url", "req_type", "service"), [
    ("https://www.blog.example/wp-content/plugins/wp-statistics/assets/js/tracker.min.js",
     "script", "WP Statistics"),
    ("https://www.blog.example/wp-json/burst/v1/track/", "fetch", "Burst Statistics"),
    ("https://www.blog.example/wp-content/plugins/wp-slimstat/wp-slimstat.min.js", "script",
     "Slimstat Analytics"),
    ("https://sessions.blog.example/ingest/v1/web/i", "xhr", "OpenReplay"),
])
def test_self_hosted_tools_by_path(url: str, req_type: str, service: str) -> None:
    hit = _one("https://www.blog.example/", url, req_type)
    assert hit.self_hosted and hit.organization == "blog.example"
    assert org_matches(service, hit)  # the scorer accepts the self-hosted service's name


@pytest.mark.parametrize(("url", "req_type"), [
    # a random file name without the loader's container parameter
    ("https://www.laden.example/static/abc123xyz0.js?v=2", "script"),
    # the site's own event and search APIs
    ("https://www.laden.example/api/event?id=4821", "fetch"),
    ("https://www.laden.example/api/events", "fetch"),
    ("https://api.laden.example/v1/page?slug=about", "fetch"),
    ("https://api.laden.example/v1/products", "fetch"),
    # "analytics" in a first-party path that is a report, not a collector
    ("https://www.laden.example/analytics?range=30d", "fetch"),
    # a first-party /fp/ path without the profiler's org id
    ("https://www.laden.example/fp/tags.js", "script"),
    ("https://www.laden.example/collections/col1/-/shoes", "document"),
    # a visit booking or a page view count with no visitor id
    ("https://www.laden.example/api/visits/book?date=2026-05-01&slot=9", "fetch"),
    ("https://www.laden.example/api/pageviews?post=4817", "fetch"),
])
def test_first_party_look_alikes_stay_clean(url: str, req_type: str) -> None:
    assert _classify("https://www.laden.example/", url, req_type) == []


# -- home-made beacons on the site's own hosts ------------------------------------------

@pytest.mark.parametrize(("url", "req_type"), [
    ("https://www.laden.example/p.gif?vid=0a9b8c7d6e5f4a3b&e=pv", "image"),
    ("https://stats.laden.example/track?device_id=Zk3j9aQ2mX8pL4tR&page=%2F", "ping"),
    ("https://www.laden.example/log/event?anon=AgX9k2LpQ7wE4rT1&t=click", "xhr"),
    ("https://www.laden.example/api/pixel?_uid=1712345678.20394&u=%2Fhome", "fetch"),
    ("https://data.laden.example/e?visitorId=c0ffee00-1234-4abc-9def-001122334455", "fetch"),
    ("https://api.laden.example/v2/telemetry/session?device_id=4c7e1a9b3d5f2e80", "xhr"),
    ("https://www.laden.example/api/pageview?vid=7d2f9a1c4b6e8035&path=%2Fshop", "fetch"),
])
def test_home_made_first_party_beacons(url: str, req_type: str) -> None:
    hit = _one("https://www.laden.example/", url, req_type)
    assert hit.source == "behaviour" and hit.self_hosted and hit.first_party


@pytest.mark.parametrize(("url", "req_type"), [
    # accounts, sessions and orders are the site's records, not visitor ids
    ("https://www.laden.example/api/events?user_id=8a1b2c3d4e5f6a7b8c9d", "fetch"),
    ("https://www.laden.example/collect?session_id=8a1b2c3d4e5f6a7b8c9d", "xhr"),
    ("https://www.laden.example/tracking/order?order_id=8a1b2c3d4e5f6a7b8c9d", "fetch"),
    # a visitor id in a page (document) or a script URL, or a plain value
    ("https://www.laden.example/collect?uid=8a1b2c3d4e5f6a7b8c9d", "document"),
    ("https://www.laden.example/static/track.js?uid=8a1b2c3d4e5f6a7b8c9d", "script"),
    ("https://www.laden.example/hit?vid=42&page=%2F", "image"),
    # not a beacon's path
    ("https://www.laden.example/api/profile?uid=8a1b2c3d4e5f6a7b8c9d", "fetch"),
    ("https://www.laden.example/static/logo.png?uid=8a1b2c3d4e5f6a7b8c9d", "image"),
])
def test_first_party_requests_that_are_not_beacons(url: str, req_type: str) -> None:
    assert _classify("https://www.laden.example/", url, req_type) == []


def test_home_made_beacons_are_not_third_party_findings() -> None:
    assert behaviour.first_party_beacon("https://www.x.example/pv?uid=0a9b8c7d6e5f4a3b", "image")
    assert behaviour.first_party_beacon("https://www.x.example/pv?uid=0a9b", "image") is None


def test_a_timestamped_visitor_id_counts_only_under_an_id_key() -> None:
    assert behaviour.beacon_identifier("https://t.other.example/hit?vid=1712345678.20394",
                                       "xhr") is not None
    assert behaviour.beacon_identifier("https://t.other.example/hit?at=1712345678.20394",
                                       "xhr") is None


def test_the_site_own_hosts_keep_the_shape_owner() -> None:
    """GA4 behind a known company's own sGTM is Google's, not the company's."""
    hit = _one("https://www.seznam.cz/", "https://sgtm.seznam.cz/g/collect?v=2&tid=G-ABCD1234",
               "fetch")
    assert hit.organization == "Google"
