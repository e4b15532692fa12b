"""Reports built by the real analyzer from the static fixture pages, and edited copies of them.

Shared by the baseline, fingerprint and diff tests: they compare what a release changed.
"""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from companion.analyzer import analyze
from companion.report import build_report, page_entry
from companion.static.html_page import load_html

STATIC = Path(__file__).resolve().parents[1] / "fixtures" / "static"
TRACKERS_PAGE = "cookiebot-es-trackers"  # Cookiebot banner with reject, Meta and Hotjar before consent
SHAMING_PAGE = "cookieyes-en-confirmshaming"  # id-less banner: selectors are tag paths with nth-of-type

REJECT_BUTTON = re.compile(r'<button id="CybotCookiebotDialogBodyButtonDecline"[^<]*</button>')
NEW_TRACKER = '<script async src="https://static.ads-twitter.com/uwt.js"></script>'


def fixture_html(name: str) -> str:
    return (STATIC / name / "page.html").read_text(encoding="utf-8")


@lru_cache(maxsize=64)
def _analysed_page(url: str, html: str) -> dict[str, Any]:
    page = load_html(html.encode("utf-8"), url=url)
    analysis = analyze(page.snapshot, root=page.root, styles=page.styles, markup=page.markup)
    return page_entry(url, analysis, status=200)


def page(url: str, html: str) -> dict[str, Any]:
    """A report page for ``html`` served at ``url``, analysed for real (cached per input)."""
    return copy.deepcopy(_analysed_page(url, html))


def failed_page(url: str, error: str = "net::ERR_CONNECTION_RESET") -> dict[str, Any]:
    return page_entry(url, None, status=None, error=error)


def report(*pages: dict[str, Any]) -> dict[str, Any]:
    return build_report(pages[0]["url"], list(pages))


# -- edits a release might make ----------------------------------------------------------------

def reworded(html: str) -> str:
    """Unrelated page text changed and new content inserted before everything (shifts nth-of-type)."""
    html = html.replace("<body>", "<body><div class='promo-2f9a81'><p>Winter sale: 20% off boots</p></div>"
                                  "<div><p>Free returns</p></div>", 1)
    return re.sub(r"<p>[^<]{20,}</p></main>", "<p>Completely rewritten product description.</p></main>", html,
                  count=1)


def with_new_tracker(html: str) -> str:
    return html.replace("</head>", NEW_TRACKER + "</head>", 1)


def without_reject_button(html: str) -> str:
    edited = REJECT_BUTTON.sub("", html)
    assert edited != html, "the fixture's reject button was not found"
    return edited


def reject_moved_to_settings(html: str) -> str:
    """The Cookiebot reject button moved from the first layer into the (closed) details layer."""
    button = REJECT_BUTTON.search(html)
    assert button is not None, "the fixture's reject button was not found"
    footer = '<div id="CybotCookiebotDialogFooter">'
    settings = f'<div id="CybotCookiebotDialogDetail" style="display:none">{button.group(0)}</div>'
    return REJECT_BUTTON.sub("", html).replace(footer, settings + footer, 1)


SHAMING_REJECT = ('<button class="cky-btn cky-btn-reject" aria-label="No thanks, I like missing out on savings" '
                  'data-cky-tag="reject-button">No thanks, I like missing out on savings</button>')


def reject_as_faint_link(html: str) -> str:
    """The CookieYes reject button turned into a small, pale link."""
    assert SHAMING_REJECT in html, "the fixture's reject button was not found"
    return html.replace(SHAMING_REJECT, '<a href="#" style="color:#ccc;font-size:10px">'
                                        "No thanks, I like missing out on savings</a>")
