"""``consent.implied-consent``: consent taken from browsing on, scrolling or closing.

With a consent banner, its first-layer text is what counts. Without one, any visible text
block that talks about cookies, tracking or consent ("By continuing to browse you accept
our use of cookies" in a footer bar the banner locator did not recognise).
"""

from __future__ import annotations

import re
from functools import cache

from companion.copy import match_copy
from companion.copy.patterns import alt
from companion.copy.scan import page_copy
from companion.models import Finding
from companion.page import Page

RULE = "consent.implied-consent"
RULES: tuple[str, ...] = (RULE,)
MAX_FINDINGS = 3


@cache
def _context() -> re.Pattern[str]:
    return re.compile(alt("implied", "context") or r"(?!x)x")


def check(page: Page) -> list[Finding]:
    banner = page.banner
    if banner is not None:
        return [
            m.to_finding(selector=banner.selector, frame=banner.frame, where="consent banner")
            for m in match_copy(banner.text, rules=RULES)
        ]
    findings: list[Finding] = []
    seen: set[str] = set()
    for hit in page_copy(page):
        if hit.match.rule != RULE or not _context().search(hit.block.text.lower()):
            continue
        if hit.match.span.lower() in seen:
            continue
        seen.add(hit.match.span.lower())
        findings.append(hit.to_finding())
        if len(findings) >= MAX_FINDINGS:
            break
    return findings
