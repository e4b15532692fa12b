"""Classifying a page's third parties: which are trackers, whose they are, and how we know."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from companion.page import Page


@dataclass
class TrackerHit:
    host: str
    site: str  # registrable domain
    organization: str
    category: str
    source: str  # "list" or "behaviour"
    reason: str  # e.g. "entity map", "EasyPrivacy: ||example.com^", "1x1 pixel"
    urls: list[str] = field(default_factory=list)
    requests: int = 0
    first_ms: float | None = None


@dataclass
class CookieHit:
    name: str
    domain: str
    organization: str
    category: str
    reason: str
    third_party: bool


@dataclass
class TrackerReport:
    trackers: list[TrackerHit] = field(default_factory=list)
    cookies: list[CookieHit] = field(default_factory=list)

    def inventory(self) -> list[dict[str, Any]]:
        return [
            {"host": t.host, "site": t.site, "organization": t.organization,
             "category": t.category, "source": t.source, "reason": t.reason,
             "requests": t.requests}
            for t in self.trackers
        ]


def classify_page(page: Page) -> TrackerReport:
    return TrackerReport()
