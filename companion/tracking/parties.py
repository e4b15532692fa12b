"""First party, third party, and the third parties that are really the site itself.

A host is third party when its registrable domain differs from the page's. Some third
parties are still not trackers: the same organization as the site (facebook.com loading
fbcdn.net), the site's own CDN under a brand-alike domain (shop-example.com loading
static.shopexample-cdn.net), public library CDNs, consent-platform hosts and bot protection
(captchas, bot defence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.sites import registrable_domain
from companion.tracking.entities import Entity, EntityMap

MIN_BRAND = 4
#: Words too generic to identify a brand: "media.com" must not adopt "mediacdn.net".
GENERIC_LABELS = frozenset({
    "cdn", "static", "assets", "media", "images", "image", "img", "api", "cloud", "online",
    "shop", "store", "news", "blog", "site", "group", "global", "digital", "analytics",
    "tracking", "track", "stats", "data", "mail", "apps", "tech", "info", "home", "login",
    "account", "secure", "files", "content", "video", "service", "services", "network",
    "metrics", "pixel", "tags", "events", "click", "share", "social", "live", "code",
})
_NON_ALNUM = re.compile(r"[^a-z0-9]")


def brand_label(site: str) -> str:
    """The brand part of a registrable domain: ``shop-example.co.uk`` → ``shopexample``."""
    label = site.split(".", 1)[0] if site else ""
    return _NON_ALNUM.sub("", label.lower())


def same_brand(site_a: str, site_b: str) -> bool:
    """True when one brand label contains the other and the contained one is specific.

    ``nytimes.com``/``nytimes-static.net`` and ``shop-example.com``/``shopexample-cdn.net``
    match; ``media.com``/``mediacdn.net`` (generic) and ``ab.com``/``abc.net`` (short) do not.
    """
    a, b = brand_label(site_a), brand_label(site_b)
    if not a or not b:
        return False
    if a == b:
        return len(a) >= 3
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) < MIN_BRAND or short in GENERIC_LABELS or short.isdigit():
        return False
    return short in long_


def hosted_tenant(entity: Entity, site: str) -> bool:
    """``site`` is a customer of a hosting suffix the entity owns, not the entity itself.

    ``someone.blogspot.com`` is not Google and ``d10lpsik1i8c69.cloudfront.net`` is not
    Amazon: a public-suffix domain gives every tenant its own registrable domain.
    """
    return registrable_domain(entity.domain) != site


@dataclass(frozen=True, slots=True)
class HostVerdict:
    """How a host relates to the page: ``exempt`` says why it can never be a tracker."""

    host: str
    site: str
    third_party: bool
    entity: Entity | None
    exempt: str | None  # "first party", "same organization", "own CDN", "library CDN", "consent
    # platform", "bot protection"


class Parties:
    """Judges hosts relative to one page. Results are cached per host."""

    def __init__(self, page_host: str, entities: EntityMap) -> None:
        self.page_host = page_host.lower()
        self.site = registrable_domain(self.page_host)
        self.entities = entities
        own = entities.lookup(self.page_host)
        self.org_id = own.org_id if own is not None and not hosted_tenant(own, self.site) \
            else None
        self._cache: dict[str, HostVerdict] = {}

    def judge(self, host: str) -> HostVerdict:
        verdict = self._cache.get(host)
        if verdict is None:
            verdict = self._judge(host)
            self._cache[host] = verdict
        return verdict

    def _judge(self, host: str) -> HostVerdict:
        site = registrable_domain(host)
        entity = self.entities.lookup(host)
        third = bool(site) and site != self.site
        exempt: str | None = None
        if not third:
            exempt = "first party"
        elif self.entities.is_library_cdn(host):
            exempt = "library CDN"
        elif entity is not None and entity.category == "consent":
            exempt = "consent platform"
        elif entity is not None and entity.category == "security":
            exempt = "bot protection"
        elif entity is not None and self.org_id is not None and entity.org_id == self.org_id:
            exempt = "same organization"
        elif (entity is None or not entity.tracking) and same_brand(self.site, site):
            exempt = "own CDN"
        return HostVerdict(host=host, site=site, third_party=third, entity=entity, exempt=exempt)
