"""What the tracker classifier reports: trackers seen in requests, and identifier cookies
and storage keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

UNCLASSIFIED = "unclassified"


@dataclass
class TrackerHit:
    host: str
    site: str  # registrable domain
    organization: str
    category: str
    source: str  # "list" or "behaviour"
    reason: str  # e.g. "entity map", "EasyPrivacy: ||example.com^", "1x1 pixel"
    urls: list[str] = field(default_factory=list)  # query strings removed: they carry ids
    requests: int = 0
    first_ms: float | None = None
    cookies: list[str] = field(default_factory=list)  # identifier cookies on this host's site
    cookieless: bool = False  # a service known to store nothing on the device
    service: str = ""  # the product, when the entity map knows it (Hotjar, Meta Pixel)
    first_party: bool = False  # an endpoint on the site's own host (proxied or self-hosted)
    # The site's own analytics (Matomo, Snowplow on its server): inventory, but no third
    # party receives the data, so it is neither a third-party tracker nor, by itself,
    # tracking before consent.
    self_hosted: bool = False

    @property
    def label(self) -> str:
        """``Hotjar (Contentsquare)``, or just the organization."""
        if self.service and self.service != self.organization:
            return f"{self.service} ({self.organization})"
        return self.organization


@dataclass
class CookieHit:
    name: str
    domain: str
    organization: str
    category: str
    reason: str
    third_party: bool
    kind: str = "cookie"  # "cookie" or "storage" (localStorage / sessionStorage key)
    platform: str = ""


@dataclass
class TrackerReport:
    trackers: list[TrackerHit] = field(default_factory=list)
    cookies: list[CookieHit] = field(default_factory=list)

    def inventory(self) -> list[dict[str, Any]]:
        return [
            {"host": t.host, "site": t.site, "organization": t.organization,
             "category": t.category, "source": t.source, "reason": t.reason,
             "requests": t.requests, "cookies": list(t.cookies)}
            for t in self.trackers
        ]

    def cookie_names(self) -> list[str]:
        return sorted({c.name for c in self.cookies})
