"""Recall and precision on a corpus of real-world URL shapes (not any one page's markup)."""

from __future__ import annotations

import pytest

from companion.models import Request, Snapshot
from companion.page import Page
from companion.tracking.classify import classify_page

SITE = "https://www.kaffeehaus-mueller.example/"

BENIGN = [
    ("https://cdn.shopify.com/s/files/1/0000/0001/t/1/assets/theme.js", "script"),
    ("https://js.stripe.com/v3/", "script"),
    ("https://www.google.com/recaptcha/api.js?render=explicit", "script"),
    ("https://www.gstatic.com/recaptcha/releases/abc/recaptcha__de.js", "script"),
    ("https://maps.googleapis.com/maps/api/js?key=AIzaSyD1234567890abcdef&callback=init",
     "script"),
    ("https://i0.wp.com/kaffeehaus-mueller.example/wp-content/uploads/bohnen.jpg?resize=800",
     "image"),
    ("https://images.ctfassets.net/abcd1234/7d1e0c9a4b7f4a8e9a512f3c4d5e6f70/9f8e/x.jpg?w=600",
     "image"),
    ("https://res.cloudinary.com/demo/image/upload/v1712345678/sample.jpg", "image"),
    ("https://www.paypal.com/sdk/js?client-id=AbC123dEf456GhI789jKl&currency=EUR", "script"),
    ("https://www.paypalobjects.com/api/checkout.js", "script"),
    ("https://api.openweathermap.org/data/2.5/weather?q=Berlin&appid=a8f3k29dk3m4n5b6c7d8",
     "xhr"),
    ("https://assets.imgix.net/hp/snowshoe.jpg?auto=compress&w=900", "image"),
    ("https://cdn.ampproject.org/v0.js", "script"),
    ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "subdocument"),
    ("https://hcaptcha.com/1/api.js", "script"),
    ("https://challenges.cloudflare.com/turnstile/v0/api.js", "script"),
    ("https://unpkg.com/react@18/umd/react.production.min.js", "script"),
    ("https://cdnjs.cloudflare.com/ajax/libs/leaflet/1.9.4/leaflet.js", "script"),
    ("https://tile.openstreetmap.org/12/2200/1343.png", "image"),
    ("https://cdn.cookielaw.org/scripttemplates/otSDKStub.js", "script"),
    ("https://consent.cookiebot.com/uc.js", "script"),
    ("https://app.usercentrics.eu/browser-ui/latest/loader.js", "script"),
    ("https://sdk.privacy-center.org/loader.js", "script"),
    ("https://secure.gravatar.com/avatar/0123456789abcdef0123456789abcdef?s=96&d=mm", "image"),
    ("https://use.typekit.net/abc1def.css", "stylesheet"),
    ("https://fonts.bunny.net/css?family=inter:400", "stylesheet"),
    ("https://d2abc123example.cloudfront.net/static/app.9f8e7d.js", "script"),
    ("https://storage.googleapis.com/kaffee-bucket/menu.pdf", "other"),
    ("https://api.weglot.com/translate?api_key=wg_0123456789abcdef", "xhr"),
    ("https://cdn.jsdelivr.net/gh/user/repo@1.0/dist/analytics.js", "script"),
]

TRACKERS = [
    ("https://www.google-analytics.com/g/collect?v=2&tid=G-ABC", "ping", "Google"),
    ("https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js", "script", "Google"),
    ("https://securepubads.g.doubleclick.net/tag/js/gpt.js", "script", "Google"),
    ("https://connect.facebook.net/de_DE/fbevents.js", "script", "Meta"),
    ("https://bat.bing.com/bat.js", "script", "Microsoft"),
    ("https://www.clarity.ms/tag/abc123", "script", "Microsoft"),
    ("https://snap.licdn.com/li.lms-analytics/insight.min.js", "script", "Microsoft"),
    ("https://static.hotjar.com/c/hotjar-123.js?sv=6", "script", "Contentsquare"),
    ("https://analytics.tiktok.com/i18n/pixel/events.js", "script", "ByteDance (TikTok)"),
    ("https://s.pinimg.com/ct/core.js", "script", "Pinterest"),
    ("https://static.ads-twitter.com/uwt.js", "script", "X (Twitter)"),
    ("https://sc-static.net/scevent.min.js", "script", "Snap"),
    ("https://static.criteo.net/js/ld/publishertag.js", "script", "Criteo"),
    ("https://cdn.taboola.com/libtrc/unip/123/tfa.js", "script", "Taboola"),
    ("https://widgets.outbrain.com/outbrain.js", "script", "Outbrain"),
    ("https://cdn.segment.com/analytics.js/v1/abc/analytics.min.js", "script", "Twilio Segment"),
    ("https://cdn.amplitude.com/libs/analytics-browser-2.0.0-min.js.gz", "script", "Amplitude"),
    ("https://cdn.mxpnl.com/libs/mixpanel-2-latest.min.js", "script", "Mixpanel"),
    ("https://assets.adobedtm.com/launch-EN123.min.js", "script", "Adobe"),
    ("https://sb.scorecardresearch.com/beacon.js", "script", "Comscore"),
    ("https://mc.yandex.ru/metrika/tag.js", "script", "Yandex"),
    ("https://hm.baidu.com/hm.js?abc", "script", "Baidu"),
    ("https://script.ioam.de/iam.js", "script", "INFOnline"),
    ("https://tags.tiqcdn.com/utag/acme/main/prod/utag.js", "script", "Tealium"),
    ("https://js.hs-scripts.com/123456.js", "script", "HubSpot"),
    ("https://widget.intercom.io/widget/abc123", "script", "Intercom"),
    ("https://edge.fullstory.com/s/fs.js", "script", "FullStory"),
    ("https://cdn.mouseflow.com/projects/abc.js", "script", "Mouseflow"),
    ("https://script.crazyegg.com/pages/scripts/0000/0000.js", "script", "Crazy Egg"),
    ("https://cdn.optimizely.com/js/123.js", "script", "Optimizely"),
    ("https://dev.visualwebsiteoptimizer.com/j.php?a=123", "script", "VWO (Wingify)"),
    ("https://static.chartbeat.com/js/chartbeat.js", "script", "Chartbeat"),
    ("https://cdn.parsely.com/keys/example.com/p.js", "script", "Automattic"),
    ("https://ib.adnxs.com/getuid?https://x", "image", "Microsoft"),
    ("https://fastlane.rubiconproject.com/a/api/fastlane.json", "xhr", "Magnite"),
    ("https://hbopenbid.pubmatic.com/translator?source=prebid-client", "xhr", "PubMatic"),
    ("https://match.adsrvr.org/track/cmf/generic?ttd_pid=abc", "image", "The Trade Desk"),
    ("https://idsync.rlcdn.com/712559.gif?partner_uid=abc", "image", "LiveRamp"),
    ("https://id5-sync.com/api/config/prebid", "xhr", "ID5"),
    ("https://tags.crwdcntrl.net/lt/c/123/lt.min.js", "script", "Lotame"),
    ("https://secure.quantserve.com/quant.js", "script", "Quantcast"),
    ("https://hit.gemius.pl/xlgemius.js", "script", "Gemius"),
    ("https://logc279.xiti.com/hit.xiti?s=123", "image", "Piano"),
]


def classify(requests):
    return classify_page(Page(Snapshot(url=SITE, requests=requests)))


def test_benign_third_parties_are_not_trackers() -> None:
    report = classify([Request(url=u, type=t) for u, t in BENIGN])
    assert [(t.host, t.reason) for t in report.trackers] == []


@pytest.mark.parametrize(("url", "req_type", "organization"), TRACKERS,
                         ids=[u.split("/")[2] for u, _, _ in TRACKERS])
def test_known_trackers_are_recognised(url: str, req_type: str, organization: str) -> None:
    [hit] = classify([Request(url=url, type=req_type)]).trackers
    assert hit.organization == organization
    assert hit.source == "list"
