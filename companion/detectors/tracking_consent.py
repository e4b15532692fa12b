"""consent.tracking-before-consent and consent.choice-not-respected.

One finding per page summarising the trackers contacted and the tracker identifiers
stored: before any choice (phase ``initial``) or after the person refused (phase
``after-reject``). After an accept there is nothing to flag.

A tag manager on its own is not counted: it loads other tags, and whether it fires them
before consent shows in the requests and cookies that follow, which are counted. Error and
performance monitoring (Sentry, New Relic) is not counted unless it sets an identifier. Nor is
a service the entity map records as cookieless (Plausible, Cloudflare Web Analytics …)
when it left no identifier behind: it reads and stores nothing on the device, which is
what the consent requirement is about. Both still appear as ``tracker.third-party``.

Evidence names organizations and, under ``services``, the products behind them (Hotjar of
Contentsquare, the LinkedIn Insight Tag of Microsoft), which is what people recognise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.findings import finding
from companion.models import Finding
from companion.page import Page
from companion.sites import host_of

if TYPE_CHECKING:
    from companion.tracking.classify import CookieHit, TrackerHit

RULES = ("consent.tracking-before-consent", "consent.choice-not-respected")
RULE_FOR_PHASE = {
    "initial": "consent.tracking-before-consent",
    "after-reject": "consent.choice-not-respected",
}
#: Contacting these is not tracking by itself: they count when they leave an identifier.
NOT_ON_THEIR_OWN = frozenset({"tag-manager", "monitoring"})
LISTED = 8


def check(page: Page) -> list[Finding]:
    rule_id = RULE_FOR_PHASE.get(page.phase)
    if rule_id is None:
        return []
    report = page.trackers
    stored = _stored_in_this_phase(page, report.cookies)
    kept = {c.name for c in stored}
    trackers = [t for t in report.trackers if not t.self_hosted and (
                kept.intersection(t.cookies) or (t.category not in NOT_ON_THEIR_OWN and not t.cookieless))]
    cookies = sorted(kept)
    if not trackers and not cookies:
        return []
    organizations = sorted({t.organization for t in trackers} |
                           {c.organization for c in stored})
    parts = []
    if trackers:
        labels = sorted({t.label for t in trackers})
        parts.append(f"{len(trackers)} tracker{'s' if len(trackers) != 1 else ''} "
                     f"contacted ({_listing(labels)})")
    if cookies:
        parts.append(f"{len(cookies)} tracking identifier{'s' if len(cookies) != 1 else ''} "
                     f"stored ({_listing(cookies)})")
    when = "Before any choice" if page.phase == "initial" else "After you refused"
    return [finding(
        rule_id,
        f"{when}: {' and '.join(parts)}.",
        hosts=sorted({t.host for t in trackers}),
        organizations=organizations,
        cookies=cookies,
        categories=sorted({t.category for t in trackers}),
        services=_services(trackers, stored),
    )]


def _stored_in_this_phase(page: Page, hits: list[CookieHit]) -> list[CookieHit]:
    """The identifier hits, without those left over from before a refusal (marked by the
    crawler, ``before_choice``): they were reported before the choice."""
    left = {("cookie", c.name, _bare(c.domain)) for c in page.snapshot.cookies if c.before_choice}
    left |= {("storage", k.key, host_of(k.origin)) for k in page.snapshot.storage if k.before_choice}
    if not left:
        return hits
    return [h for h in hits if (h.kind, h.name, _bare(h.domain)) not in left]


def _bare(domain: str) -> str:
    return domain.lstrip(".").lower()


def _services(trackers: list[TrackerHit], cookies: list[CookieHit]) -> list[str]:
    """The products behind the organizations (Hotjar of Contentsquare, LinkedIn of Microsoft)."""
    named = {t.service for t in trackers} | {c.platform for c in cookies}
    return sorted(s for s in named if s)


def _listing(items: list[str]) -> str:
    shown = ", ".join(items[:LISTED])
    return shown + (f" and {len(items) - LISTED} more" if len(items) > LISTED else "")
