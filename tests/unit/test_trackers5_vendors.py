"""Broader vendor coverage written after the fifth blind probe: vendors of many regions and
categories, self-hostable analytics recognised by their request shape, and cookie families.

None of these cases comes from ``tests/data/trackers_fresh_5.jsonl`` or
``tests/data/cookies_fresh_4.jsonl``: other hosts, other paths and parameter values, other
sites, and first-party look-alikes (contact forms at ``/api/send``, event listings, parcel
tracking, comment counts, video pages at ``/watch/<id>``) that must stay clean.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from companion.models import Cookie, Request, Snapshot
from companion.page import Page
from companion.tracking.classify import CookieHit, TrackerHit, classify_page
from companion.tracking.endpoints import EndpointDataError, parse_endpoints
from companion.tracking.entities import CATEGORIES, entity_map
from tests.unit.tracker_scores import org_matches

PAGE = "https://www.kiosk.example/"


def _classify(url: str, req_type: str, page: str = PAGE) -> list[TrackerHit]:
    snap = Snapshot(url=page, requests=[Request(url=url, type=req_type)])
    return classify_page(Page(snap)).trackers


def _one(url: str, req_type: str, page: str = PAGE) -> TrackerHit:
    hits = _classify(url, req_type, page)
    assert len(hits) == 1, hits
    return hits[0]


# -- the entity map: vendors of many regions and categories -------------------------------

@pytest.mark.parametrize(("url", "req_type", "expected", "category"), [
    # Europe
    ("https://www.w3counter.com/tracker.js?id=98765", "script", "W3Counter", "analytics"),
    ("https://ssl.gosquared.com/tracker/v3/tracker.js", "script", "GoSquared", "analytics"),
    ("https://wm.wiredminds.de/track/ctin.js", "script", "WiredMinds", "analytics"),
    ("https://cdn.snitcher.com/tracker.js", "script", "Snitcher", "analytics"),
    ("https://t.adcell.com/t/track.js?pid=4321", "script", "ADCELL", "advertising"),
    ("https://js.financeads.net/fa.js", "script", "financeAds", "advertising"),
    ("https://static.affilae.com/ae-v3.5.js", "script", "Affilae", "advertising"),
    ("https://cdn.squeezely.tech/tracker/SQ-123456.js", "script", "Squeezely", "analytics"),
    ("https://www.trafic.ro/js/trafic.js", "script", "trafic.ro", "audience-measurement"),
    ("https://sdk.net-metrix.ch/netmx.js", "script", "Net-Metrix", "audience-measurement"),
    ("https://codice.shinystat.it/cgi-bin/getcod.cgi?USER=blogitalia", "script", "ShinyStat",
     "analytics"),
    ("https://collector.leadinfo.net/track?cid=LI-1234", "image", "Leadinfo", "analytics"),
    ("https://analytics.ahrefs.com/api/event", "ping", "Ahrefs", "analytics"),
    # Russia and CIS
    ("https://cdn.carrotquest.app/api.min.js", "script", "Carrot quest", "customer-interaction"),
    ("https://cdn.retailrocket.net/content/javascript/tracking.js", "script", "Retail Rocket",
     "advertising"),
    ("https://api.mindbox.ru/scripts/v1/tracker.js", "script", "Mindbox", "advertising"),
    ("https://cloud.roistat.com/dist/module.js", "script", "Roistat", "analytics"),
    ("https://www.tns-counter.ru/V13a****kiosk_ru/ru/UTF-8/tmsec=kiosk_total/", "image",
     "Mediascope", "audience-measurement"),
    ("https://inv-nets.admixer.net/adxcm.aspx?ssp=abc", "script", "Admixer", "advertising"),
    # China, Japan, Taiwan, Vietnam, India
    ("https://sdk.zhugeio.com/zhuge.min.js", "script", "Zhuge", "analytics"),
    ("https://jic.talkingdata.com/app/h5/v1?appid=ABC", "xhr", "TalkingData", "analytics"),
    ("https://g.cn.miaozhen.com/x/k=2001234&p=7AbCd&dx=0&rt=2&ns=__IP__", "image",
     "Miaozhen", "audience-measurement"),
    ("https://static.growingio.com/vds.js", "script", "GrowingIO", "analytics"),
    ("https://static.sensorsdata.cn/sdk/1.26.2/sensorsdata.full.js", "script", "Sensors Data",
     "analytics"),
    ("https://js.repro.io/v2/repro-sdk.min.js", "script", "Repro", "analytics"),
    ("https://cdn.sitest.jp/tracking/sitest_js?p=5f4e3d2c1b", "script", "SiTest",
     "session-replay"),
    ("https://uh.nakanohito.jp/uhj2/uh.js?cid=3", "script", "User Local", "session-replay"),
    ("https://jscdn.appier.net/aa.js?id=kiosk", "script", "Appier", "advertising"),
    ("https://tracker.wigzo.com/wigzo.compressed.js", "script", "Wigzo", "advertising"),
    # product analytics, replay, experiments, popups, chat
    ("https://web-sdk.aptrinsic.com/api/aptrinsic.js?a=AP-XYZ-2", "script", "Gainsight PX",
     "analytics"),
    ("https://js.userpilot.io/sdk/latest.js", "script", "Userpilot", "analytics"),
    ("https://cdn.optmnstr.com/app/js/api.min.js", "script", "OptinMonster", "advertising"),
    ("https://r.zipy.ai/v1/sessions", "xhr", "Zipy", "session-replay"),
    ("https://client.mutinycdn.com/personalize/client/abc123.js", "script", "Mutiny",
     "analytics"),
    ("https://salesiq.zohopublic.com/widget?wc=siq123", "script", "Zoho SalesIQ",
     "customer-interaction"),
    ("https://call.chatra.io/chatra.js", "script", "Chatra", "customer-interaction"),
    # ads and affiliate tracking
    ("https://a.exoclick.com/tag_gen.js", "script", "ExoClick", "advertising"),
    ("https://cdn.vidazoo.com/basev/vwpt.js", "script", "Vidazoo", "advertising"),
    ("https://track.redtrack.io/unilpclick.js?attribution=lastpaid", "script", "RedTrack",
     "advertising"),
    # device identity
    ("https://d1.nethone.io/s/12345/dNfWQ.js", "script", "Nethone", "fingerprinting"),
    ("https://www.ipqualityscore.com/api/kiosk.example/abc123/learn.js", "script",
     "IPQualityScore", "fingerprinting"),
    ("https://device.maxmind.com/js/device.js", "script", "MaxMind", "fingerprinting"),
    # added after blind probe 6 (other hosts and paths than its rows)
    ("https://ads.eskimi.com/tag.js?c=4411", "script", "Eskimi", "advertising"),
    ("https://static.iadvize.com/iadvize.js?sid=1001", "script", "iAdvize", "customer-interaction"),
    ("https://s.k5a.io/kilkaya.js", "script", "Kilkaya", "analytics"),
    ("https://ua.yektanet.com/v1/pixel.js", "script", "Yektanet", "advertising"),
])
def test_vendors_of_many_regions_and_categories(url: str, req_type: str, expected: str,
                                                category: str) -> None:
    hit = _one(url, req_type)
    assert org_matches(expected, hit), hit
    assert hit.category == category, hit


def test_piano_keeps_the_at_internet_name_on_its_xiti_hosts() -> None:
    hit = _one("https://logc279.xiti.com/hit.xiti?s=598765&p=home", "image")
    assert hit.organization == "Piano" and org_matches("AT Internet", hit)


def test_the_vendor_site_itself_is_not_the_tracker() -> None:
    """Ahrefs' SEO site is not its web analytics collector."""
    entity = entity_map().lookup("ahrefs.com")
    assert entity is not None and not entity.tracking
    assert entity_map().lookup("analytics.ahrefs.com").tracking


def test_the_map_grew_without_clashes() -> None:
    emap = entity_map()
    assert len(emap) >= 1500
    assert all(e.category in CATEGORIES for e in emap.endpoints.endpoints)


# -- self-hostable analytics by request shape, on the site's own hosts -------------------

@pytest.mark.parametrize(("url", "req_type", "expected"), [
    # Umami: v1 script name anywhere; collect API and default script on a statistics host
    ("https://www.kiosk.example/assets/umami.js", "script", "Umami"),
    ("https://stats.kiosk.example/api/send", "fetch", "Umami"),
    ("https://analytics.kiosk.example/api/collect", "xhr", "Umami"),
    ("https://metrics.kiosk.example/script.js", "script", "Umami"),
    # Plausible: default script on a statistics host, a bare event POST through a proxy path
    ("https://insights.kiosk.example/js/script.js", "script", "Plausible"),
    ("https://www.kiosk.example/api/event", "fetch", "Plausible"),
    ("https://www.kiosk.example/proxy-pa/api/event", "ping", "Plausible"),
    # Open Web Analytics
    ("https://www.kiosk.example/analytics/log.php?owa_event_type=base.page_request"
     "&owa_site_id=9f8e7d6c&owa_timestamp=1780000000", "image", "Open Web Analytics"),
    ("https://www.kiosk.example/owa/modules/base/js/owa.tracker-combined-min.js", "script",
     "Open Web Analytics"),
    # Countly
    ("https://www.kiosk.example/i?app_key=f0e1d2c3b4a5968778695a4b3c2d1e0f9a8b7c6d"
     "&device_id=dev-77&events=%5B%5D&timestamp=1780000000000", "xhr", "Countly"),
    ("https://www.kiosk.example/static/countly.min.js", "script", "Countly"),
    # GoatCounter on its own server
    ("https://gc.kiosk.example/count?p=%2Fabout&t=About&b=0&s=1440%2C900%2C2", "image",
     "GoatCounter"),
    # RudderStack data plane, Shynet, Statify
    ("https://rudder.kiosk.example/v1/track", "fetch", "RudderStack"),
    ("https://dataplane.kiosk.example/v1/identify", "fetch", "RudderStack"),
    ("https://www.kiosk.example/ingress/3f2e1d0c-9b8a-4c7d-8e6f-5a4b3c2d1e0f/pixel.gif",
     "image", "Shynet"),
    ("https://www.kiosk.example/wp-json/statify/v1/track", "fetch", "Statify"),
    # Sensors Data, GrowingIO and Yandex Metrica behind the site's own collector
    ("https://sc.kiosk.example/sa?project=kiosk_prod", "xhr", "Sensors Data"),
    ("https://gio.kiosk.example/v3/projects/0a1b2c3d4e5f6789/web/vst?stm=1780000000000",
     "xhr", "GrowingIO"),
    ("https://www.kiosk.example/ym/watch/12345678?wmode=7&browser-info=pv%3A1%3Ats%3A1",
     "image", "Yandex Metrica"),  # a proxy path prefix
    ("https://ym.kiosk.example/watch/12345678?wmode=7&browser-info=pv%3A1%3Ats%3A1", "image",
     "Yandex Metrica"),
    ("https://www.kiosk.example/tracking/els/logging", "xhr", "econda"),
])
def test_self_hostable_analytics_by_shape(url: str, req_type: str, expected: str | None) -> None:
    hits = _classify(url, req_type)
    if expected is None:
        assert hits == []
        return
    assert len(hits) == 1, hits
    hit = hits[0]
    assert hit.first_party and org_matches(expected, hit), hit


@pytest.mark.parametrize(("url", "req_type"), [
    # contact forms and mailers at /api/send on the site's usual hosts
    ("https://www.kiosk.example/api/send", "fetch"),
    ("https://api.kiosk.example/api/send", "fetch"),
    ("https://www.kiosk.example/api/collect", "xhr"),
    # calendar and listing routes
    ("https://www.kiosk.example/api/event?id=93", "fetch"),
    ("https://www.kiosk.example/api/events?from=2026-09-01", "fetch"),
    ("https://www.kiosk.example/api/event/93", "fetch"),
    # an events sub-domain's ordinary bundle, a site's own /js/script.js and /script.js
    ("https://events.kiosk.example/script.js", "script"),
    ("https://www.kiosk.example/js/script.js", "script"),
    ("https://www.kiosk.example/script.js", "script"),
    # parcel tracking and ordinary REST routes named like collector calls
    ("https://api.kiosk.example/v1/track", "xhr"),
    ("https://www.kiosk.example/v1/page", "fetch"),
    ("https://track.kiosk.example/v1/track?parcel=PX123", "xhr"),
    # counts that are not GoatCounter's
    ("https://www.kiosk.example/count?post=5", "fetch"),
    ("https://www.kiosk.example/api/comments/count?p=2", "fetch"),
    # Countly-like parameters that are not an SDK key
    ("https://www.kiosk.example/i?app_key=demo&device_id=1", "xhr"),
    # a video page, an ordinary /sa route
    ("https://www.kiosk.example/watch/12345678", "xhr"),
    ("https://www.kiosk.example/sa?lang=sv", "fetch"),
    # OWA-like names without its event type
    ("https://www.kiosk.example/log.php?site_id=3", "xhr"),
])
def test_ordinary_first_party_routes_stay_clean(url: str, req_type: str) -> None:
    assert _classify(url, req_type) == []


def test_a_bare_endpoint_cannot_also_require_a_query() -> None:
    with pytest.raises(EndpointDataError, match="bare"):
        parse_endpoints([{"service": "X", "category": "analytics", "path": "^/x$",
                          "query": {"a": "."}, "bare": True}], {}, CATEGORIES, "test")
    with pytest.raises(EndpointDataError, match="bare"):
        parse_endpoints([{"service": "X", "category": "analytics", "path": "^/x$",
                          "bare": "yes"}], {}, CATEGORIES, "test")


# -- cookie families ----------------------------------------------------------------------

TAKEN = 1_780_000_000.0
DAY = 86400.0


def _cookie(name: str, domain: str = ".kiosk.example", days: float | None = 365,
            length: int = 36, entropy: float = 3.9) -> Cookie:
    return Cookie(name=name, domain=domain, value_length=length, entropy=entropy,
                  session=days is None, expires=None if days is None else TAKEN + days * DAY)


def _found(*cookies: Cookie) -> dict[str, CookieHit]:
    snap = Snapshot(url=PAGE, timestamp=datetime.fromtimestamp(TAKEN, UTC).isoformat(),
                    cookies=list(cookies))
    return {c.name: c for c in classify_page(Page(snap)).cookies}


@pytest.mark.parametrize(("name", "domain", "organization"), [
    ("et_coid", ".kiosk.example", "etracker"),
    ("emos_jcsid", ".kiosk.example", "econda"),
    ("atidvisitor", ".kiosk.example", "Piano"),
    ("sensorsdata2015jssdksimple", ".kiosk.example", "Sensors Data"),
    ("gr_session_id_9a8b7c6d5e4f3a2b", ".kiosk.example", "GrowingIO"),
    ("UM_distinctid", ".kiosk.example", "Alibaba"),
    ("cna", ".mmstat.com", "Alibaba"),
    ("_li_ses.7f3e", ".kiosk.example", "Leadinfo"),
    ("km_ai", ".kiosk.example", "Kissmetrics"),
    ("wooTracker", ".kiosk.example", "Woopra"),
    ("_pendo_visitorId.0a1b2c3d", ".kiosk.example", "Pendo"),
    ("apt.uid", ".kiosk.example", "Gainsight PX"),
    ("_cioanonid", ".kiosk.example", "Customer.io"),
    ("ELOQUA", ".kiosk.example", "Oracle"),
    ("prism_612345678", ".kiosk.example", "ActiveCampaign"),
    ("_drip_client_1234567", ".kiosk.example", "Drip"),
    ("olfsk", ".kiosk.example", "Olark"),
    ("carrotquest_device_guid", ".kiosk.example", "Carrot quest"),
    ("mindboxDeviceUUID", ".kiosk.example", "Mindbox"),
    ("rcuid", ".kiosk.example", "Retail Rocket"),
    ("uuid2", ".adnxs.com", "Microsoft"),
    ("KADUSERCOOKIE", ".pubmatic.com", "PubMatic"),
    ("tluid", ".3lift.com", "TripleLift"),
    ("CMID", ".casalemedia.com", "Index Exchange"),
    ("pgv_pvid", ".kiosk.example", "Tencent"),
    ("WZRK_K", ".kiosk.example", "CleverTap"),
    ("iadvize-2044-vuid", ".kiosk.example", "iAdvize"),
])
def test_vendor_cookie_families(name: str, domain: str, organization: str) -> None:
    hit = _found(_cookie(name, domain)).get(name)
    assert hit is not None and hit.organization.startswith(organization), hit


@pytest.mark.parametrize(("name", "length", "entropy"), [
    ("km_lv", 10, 2.9),  # Kissmetrics' last visit: a timestamp
    ("sensorsdata2015session", 40, 3.4),  # session flags
    ("_okdetect", 60, 4.2),  # Olark's capability check
    ("TapAd_TS", 13, 2.8),  # Tapad's timestamp
    ("_conv_r", 80, 4.6),  # Convert's referrer
])
def test_vendor_state_holds_no_identifier(name: str, length: int, entropy: float) -> None:
    assert name not in _found(_cookie(name, length=length, entropy=entropy))


@pytest.mark.parametrize("name", ["uuid2", "i", "uid", "pid", "vst", "khaos"])
def test_generic_ad_cookie_names_count_only_on_their_vendors_domain(name: str) -> None:
    """``uid`` or ``pid`` on the site's own domain names no vendor (it may still count by
    behaviour, but not as an ad network's)."""
    hit = _found(_cookie(name)).get(name)
    assert hit is None or hit.organization not in {"Microsoft", "OpenX", "Adform",
                                                   "Equativ (Smart AdServer)", "GumGum",
                                                   "Magnite"}
