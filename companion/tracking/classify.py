"""Classifying a page's third parties: which are trackers, whose they are, and how we know.

Evidence, strongest first:

1. **list**: the host belongs to a tracking organization in the entity map, or a request
   matches an EasyPrivacy rule;
2. **behaviour**: an identifier in a beacon URL, a 1×1 pixel, or an identifier-like
   third-party cookie.

Hosts that are first party, the same organization as the site, the site's own CDN, a
public library CDN or a consent platform are not trackers, but a request to one of them
still is when its shape is a known tracker endpoint (``entities.json`` ``endpoints``): GA4
behind server-side GTM on ``metrics.shop.example``, self-hosted Matomo, a fingerprinting
library from a public CDN. The same shapes name the organization behind an unknown host
(an sGTM container on ``*.stape.io`` is Google Analytics). Cookies and storage keys
are classified by name (Open Cookie Database): analytics, marketing and personalization
ones are tracker identifiers wherever they are set, first-party ``_ga`` and ``_fbp``
included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from companion.sites import host_of, registrable_domain
from companion.tracking import behaviour
from companion.tracking.cookies import CATEGORY_MAP, CookieDatabase, cookie_database
from companion.tracking.easyprivacy import easyprivacy
from companion.tracking.endpoints import Endpoint
from companion.tracking.entities import entity_map
from companion.tracking.filters import FilterEngine, normalize_type
from companion.tracking.parties import HostVerdict, Parties, hosted_tenant

if TYPE_CHECKING:
    from companion.page import Page

MAX_URLS = 5
UNCLASSIFIED = "unclassified"
# scheme://[userinfo@]host — cheaper than urlsplit on pages with thousands of requests
_WEB_HOST = re.compile(r"(?i)^(?:https?|wss?)://(?:[^@/?#]*@)?([^:/?#\[\]@]+)")
#: Exempt hosts whose requests are still checked against known tracker endpoint shapes.
SHAPE_CHECKED = frozenset({"first party", "own CDN", "library CDN"})


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


@dataclass(frozen=True, slots=True)
class _Evidence:
    """Why a request is a tracker's, and whose tracker it is."""

    source: str
    reason: str
    category: str
    organization: str
    service: str = ""
    cookieless: bool = False


def redact(url: str) -> str:
    """A URL without its query and fragment: enough to say where, nothing that identifies."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    tail = "?…" if parts.query else ""
    return f"{parts.scheme}://{parts.netloc}{parts.path}{tail}"


def _count(hit: TrackerHit, url: str, time_ms: float | None) -> None:
    hit.requests += 1
    if len(hit.urls) < MAX_URLS:
        clean = redact(url)
        if clean not in hit.urls:
            hit.urls.append(clean)
    if time_ms is not None and (hit.first_ms is None or time_ms < hit.first_ms):
        hit.first_ms = time_ms


class _Classifier:
    def __init__(self, page: Page, engine: FilterEngine | None = None,
                 cookies: CookieDatabase | None = None) -> None:
        self.page = page
        entities = entity_map()
        self.parties = Parties(page.host, entities)
        self.endpoints = entities.endpoints
        self._engine = engine
        self._cookie_db = cookies
        self.hits: dict[str, TrackerHit] = {}
        self._pixels: set[str] | None = None
        self._requested: set[str] = set()
        self._pending: dict[str, list[tuple[str, float | None]]] = {}

    @property
    def engine(self) -> FilterEngine:
        if self._engine is None:
            self._engine = easyprivacy()
        return self._engine

    @property
    def cookie_db(self) -> CookieDatabase:
        if self._cookie_db is None:
            self._cookie_db = cookie_database()
        return self._cookie_db

    @property
    def pixels(self) -> set[str]:
        if self._pixels is None:
            self._pixels = set(behaviour.pixel_images(self.page))
        return self._pixels

    # -- requests -----------------------------------------------------------------------
    def requests(self) -> None:
        snap = self.page.snapshot
        seen_frames: set[str] = set()
        for req in snap.requests:
            req_type = normalize_type(req.type)
            if req_type == "subdocument":
                seen_frames.add(req.url)
            self.request(req.url, req_type, req.frame_url, req.time_ms)
        for frame in snap.frames:
            if frame.url and frame.url not in seen_frames:
                self.request(frame.url, "subdocument", None, None)
        for url in self.pixels:
            if url not in self._requested:
                self.request(url, "image", None, None)
        for host, pending in self._pending.items():
            hit = self.hits.get(host)
            if hit is not None:
                for url, time_ms in pending:
                    _count(hit, url, time_ms)

    def request(self, url: str, req_type: str, frame_url: str | None,
                time_ms: float | None) -> None:
        m = _WEB_HOST.match(url)
        if m is None:
            return
        self._requested.add(url)
        host = m.group(1).lower().rstrip(".")
        verdict = self.parties.judge(host)
        if verdict.exempt is not None:
            if verdict.exempt in SHAPE_CHECKED:
                self._exempt_host_request(verdict, url, m.end(), req_type, time_ms)
            return
        hit = self.hits.get(host)
        if hit is None or hit.source != "list":
            found = self._evidence(verdict, url, m.end(), req_type, frame_url)
            if found is not None:
                hit = self._record(verdict, found, previous=hit, key=host)
            elif hit is None:
                # no evidence yet: count it if a later request shows the host is a tracker
                self._pending.setdefault(host, []).append((url, time_ms))
                return
        _count(hit, url, time_ms)

    def _exempt_host_request(self, verdict: HostVerdict, url: str, host_end: int,
                             req_type: str, time_ms: float | None) -> None:
        """A request to the site itself or a public CDN: a tracker only by its shape.

        Only the matching requests count, and each endpoint is its own hit: the site's
        pages and images on the same host are not the tracker's.
        """
        endpoint = self.endpoints.match(verdict.host, url[host_end:], req_type)
        if endpoint is None:
            return
        key = f"{verdict.host} {endpoint.service}"
        hit = self.hits.get(key)
        if hit is None:
            hit = self._record(verdict, _endpoint_evidence(endpoint, verdict), None, key=key)
            hit.first_party = not verdict.third_party
            hit.self_hosted = endpoint.organization is None
        _count(hit, url, time_ms)

    def _evidence(self, verdict: HostVerdict, url: str, host_end: int, req_type: str,
                  frame_url: str | None) -> _Evidence | None:
        """Evidence that one request to a third-party host is a tracker's, or None."""
        entity = verdict.entity
        if entity is not None and entity.tracking:
            if entity.opted_out(_query(url)):
                return None
            return _Evidence("list", f"entity map: {entity.service}", entity.category,
                             entity.organization, entity.service, entity.cookieless)
        endpoint = self.endpoints.match(verdict.host, url[host_end:], req_type)
        source_host = host_of(frame_url) if frame_url else self.parties.page_host
        source_site = registrable_domain(source_host) if source_host else self.parties.site
        rule = self.engine.match(url, verdict.host, req_type,
                                 third_party=verdict.site != source_site,
                                 source_host=source_host)
        if rule is not None and endpoint is not None:  # the list's verdict, the map's owner
            return replace(_endpoint_evidence(endpoint, verdict),
                           reason=f"EasyPrivacy: {rule.raw}", cookieless=False)
        if rule is not None:
            category = entity.category if entity is not None and entity.category == \
                "monitoring" else UNCLASSIFIED
            owner = entity if entity is not None and not hosted_tenant(entity, verdict.site) \
                else None  # a tenant of a hosting suffix (x.cloudfront.net) is not its host
            return _Evidence("list", f"EasyPrivacy: {rule.raw}", category,
                             owner.organization if owner is not None else verdict.site,
                             owner.service if owner is not None else "")
        if endpoint is not None:
            return _endpoint_evidence(endpoint, verdict)
        if entity is not None:
            return None  # a known CDN, essential or monitoring host: lists decide, not guesses
        pixel = req_type == "image" and url in self.pixels
        why = behaviour.beacon_identifier(url, req_type, pixel)
        if why is None and pixel:
            why = "1x1 pixel"
        if why is not None:
            return _Evidence("behaviour", why, UNCLASSIFIED, verdict.site)
        return None

    def _record(self, verdict: HostVerdict, found: _Evidence, previous: TrackerHit | None,
                key: str) -> TrackerHit:
        if previous is not None:  # upgrade behaviour evidence to list evidence
            previous.cookieless = False
            previous.source, previous.reason = found.source, found.reason
            previous.category, previous.organization = found.category, found.organization
            previous.service = found.service
            return previous
        hit = TrackerHit(host=verdict.host, site=verdict.site, organization=found.organization,
                         category=found.category, source=found.source, reason=found.reason,
                         service=found.service, cookieless=found.cookieless)
        self.hits[key] = hit
        return hit

    # -- cookies and storage ------------------------------------------------------------
    def cookies(self) -> list[CookieHit]:
        found: list[CookieHit] = []
        snap = self.page.snapshot
        for c in snap.cookies:
            domain = c.domain.lstrip(".").lower() or self.parties.page_host
            info = self.cookie_db.lookup(c.name, domain)
            verdict = self.parties.judge(domain)
            if info is not None:
                if not info.tracking:
                    continue
                found.append(CookieHit(
                    name=c.name, domain=c.domain or domain, organization=info.controller,
                    category=CATEGORY_MAP[info.category],
                    reason=f"Open Cookie Database: {info.platform} ({info.category})",
                    third_party=verdict.third_party, platform=info.platform))
                if verdict.exempt is None:
                    reason = f"Open Cookie Database: {info.platform} cookie {c.name}"
                    hit = self._cookie_tracker(verdict, reason, CATEGORY_MAP[info.category],
                                               info.controller)
                    if c.name not in hit.cookies:
                        hit.cookies.append(c.name)
                    hit.cookieless = False
                continue
            if verdict.exempt is not None or not behaviour.identifier_cookie(c):
                continue
            entity = verdict.entity
            if entity is not None and not entity.tracking:
                continue
            hit = self._cookie_tracker(verdict, "identifier-like third-party cookie")
            found.append(CookieHit(
                name=c.name, domain=c.domain or domain, organization=hit.organization,
                category=hit.category, reason="identifier-like third-party cookie",
                third_party=True))
            hit.cookies.append(c.name)
            hit.cookieless = False
        for key in snap.storage:
            origin_host = host_of(key.origin) if key.origin else self.parties.page_host
            info = self.cookie_db.lookup(key.key, origin_host)
            if info is None or not info.tracking:
                continue
            verdict = self.parties.judge(origin_host or self.parties.page_host)
            found.append(CookieHit(
                name=key.key, domain=origin_host, organization=info.controller,
                category=CATEGORY_MAP[info.category],
                reason=f"Open Cookie Database: {info.platform} ({info.category}), "
                       f"{key.area}Storage",
                third_party=verdict.third_party, kind="storage", platform=info.platform))
        return found

    def _same_site_hit(self, site: str) -> TrackerHit | None:
        for hit in self.hits.values():
            if hit.site == site:
                return hit
        return None

    def _cookie_tracker(self, verdict: HostVerdict, reason: str, category: str = UNCLASSIFIED,
                        organization: str = "") -> TrackerHit:
        """The tracker a third-party cookie belongs to: a hit on its site, or a new one."""
        hit = self._same_site_hit(verdict.site)
        if hit is None:
            entity = verdict.entity
            if entity is not None and entity.tracking:
                source, reason, category = "list", f"entity map: {entity.service}", \
                    entity.category
            elif reason.startswith("Open Cookie Database"):
                source = "list"
            else:
                source = "behaviour"
            hit = TrackerHit(
                host=verdict.host, site=verdict.site,
                organization=entity.organization if entity is not None
                else organization or verdict.site,
                category=category, source=source, reason=reason)
            self.hits[verdict.host] = hit
        return hit


def _endpoint_evidence(endpoint: Endpoint, verdict: HostVerdict) -> _Evidence:
    """A self-hosted endpoint (no organization) belongs to the site that runs it."""
    return _Evidence("list", f"entity map: {endpoint.service} endpoint", endpoint.category,
                     endpoint.organization or verdict.site, endpoint.service,
                     endpoint.cookieless)


def _query(url: str) -> str:
    return url.partition("?")[2].partition("#")[0]


def classify_page(page: Page, *, engine: FilterEngine | None = None,
                  cookies: CookieDatabase | None = None) -> TrackerReport:
    """Trackers and tracker identifiers in one snapshot. Lists load lazily, once per process."""
    clf = _Classifier(page, engine=engine, cookies=cookies)
    clf.requests()
    cookie_hits = clf.cookies() if (page.snapshot.cookies or page.snapshot.storage) else []
    trackers = sorted(clf.hits.values(),
                      key=lambda h: (h.first_ms if h.first_ms is not None else float("inf"),
                                     h.host))
    return TrackerReport(trackers=trackers, cookies=cookie_hits)
