"""Saved pages: tags blocked by a CMP, noscript pixels and templates are not requests."""

from __future__ import annotations

from companion.models import Request, Snapshot
from companion.page import Page
from companion.static.html_page import load_html
from companion.tracking.classify import classify_page

GTAG = "https://www.googletagmanager.com/gtag/js?id=G-1"
PIXEL = "https://www.facebook.com/tr?id=1&ev=PageView&noscript=1"
LINKEDIN = "https://px.ads.linkedin.com/collect/?pid=1&fmt=gif"
DOM = f"""<html><head>
<script type="text/plain" data-cookieyes="cookieyes-analytics" src="{GTAG}"></script>
<script type="text/plain" class="optanon-category-C0004" src="https://connect.facebook.net/en_US/fbevents.js"></script>
<script src="https://static.hotjar.com/c/hotjar-1.js?sv=6"></script>
</head><body>
<noscript><img height="1" width="1" style="display:none" src="{PIXEL}"></noscript>
<template><img src="{LINKEDIN}" width="1" height="1"></template>
<template shadowrootmode="open"><script src="https://snap.licdn.com/li.lms-analytics/insight.min.js"></script></template>
</body></html>"""
URL = "https://www.zapateria.example/"


def _saved_page_requests(dom: str) -> set[str]:
    return {r.url for r in load_html(dom.encode(), url=URL).snapshot.requests}


def test_saved_page_reader_skips_blocked_tags_noscript_and_templates() -> None:
    urls = _saved_page_requests(DOM)
    assert GTAG not in urls and PIXEL not in urls and LINKEDIN not in urls
    assert "https://connect.facebook.net/en_US/fbevents.js" not in urls
    assert "https://static.hotjar.com/c/hotjar-1.js?sv=6" in urls
    assert "https://snap.licdn.com/li.lms-analytics/insight.min.js" in urls  # shadow root: live


def test_a_url_also_loaded_live_is_a_request() -> None:
    live = DOM.replace("</body>", f'<script src="{GTAG}"></script></body>')
    assert GTAG in _saved_page_requests(live)


def test_saved_pages_report_only_live_trackers() -> None:
    page = load_html(DOM.encode(), url=URL)
    report = classify_page(Page(page.snapshot, root=page.root, styles=page.styles))
    assert {t.host for t in report.trackers} == {"static.hotjar.com", "snap.licdn.com"}


def _requests_from_markup() -> list[Request]:
    return [Request(url=GTAG, type="script"),
            Request(url="https://connect.facebook.net/en_US/fbevents.js", type="script"),
            Request(url="https://static.hotjar.com/c/hotjar-1.js?sv=6", type="script"),
            Request(url=PIXEL, type="image"),
            Request(url="https://snap.licdn.com/li.lms-analytics/insight.min.js", type="script")]


def test_live_snapshots_trust_their_network_log() -> None:
    report = classify_page(Page(Snapshot(url=URL, source="crawler", dom=DOM,
                                         requests=_requests_from_markup())))
    assert "www.googletagmanager.com" in {t.host for t in report.trackers}
    # but a noscript pixel in the DOM is not a pixel the browser loaded
    assert "px.ads.linkedin.com" not in {t.host for t in report.trackers}
