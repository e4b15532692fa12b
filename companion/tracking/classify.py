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
are classified by name: first Brightline's curated families (vendor naming conventions,
``cookie_families.json``, which also name necessary cookies that never count), then the
Open Cookie Database. Analytics, marketing and personalization names are tracker
identifiers wherever they are set, first-party ``_ga`` and ``_fbp`` included. A name on no
list counts by behaviour: a third-party cookie with an identifier-like value, a site's own
long-lived cookie holding a random id, or a localStorage key named as an id holding one.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from companion.entropy import looks_like_identifier
from companion.models import Cookie, StorageKey
from companion.sites import host_of, registrable_domain
from companion.tracking import behaviour
from companion.tracking.cookies import CATEGORY_MAP, CookieDatabase, cookie_database
from companion.tracking.easyprivacy import easyprivacy
from companion.tracking.endpoints import Endpoint
from companion.tracking.entities import entity_map
from companion.tracking.families import CookieFamilies, cookie_families
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
    def families(self) -> CookieFamilies:
        return cookie_families()

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
        snap = self.page.snapshot
        now = _snapshot_time(snap.timestamp)
        found = [self._cookie(c, now) for c in snap.cookies]
        found += [self._storage_key(key) for key in snap.storage]
        return [hit for hit in found if hit is not None]

    def _cookie(self, c: Cookie, now: float) -> CookieHit | None:
        """Curated families first, then the Open Cookie Database, then behaviour."""
        if self.families.necessary(c.name) is not None:
            return None
        domain = c.domain.lstrip(".").lower() or self.parties.page_host
        verdict = self.parties.judge(domain)
        listed = self._listed(c.name, verdict, c.value_length, c.entropy)
        if listed is not None:
            return self._listed_cookie(c, domain, verdict, listed)
        info = self.cookie_db.lookup(c.name, domain)
        if info is not None and not _reconsider(info.category, verdict):
            return None
        if verdict.exempt is None:
            return self._third_party_identifier(c, domain, verdict)
        if verdict.exempt == "first party" and \
                behaviour.first_party_identifier(c, behaviour.lifetime_days(c, now)):
            return CookieHit(name=c.name, domain=c.domain or domain, organization=verdict.site,
                             category=UNCLASSIFIED, third_party=False,
                             reason="identifier-like first-party cookie (random, long-lived)")
        return None

    def _listed(self, name: str, verdict: HostVerdict, length: int,
                entropy: float) -> _Listed | None:
        """What the curated families or the Open Cookie Database say about a tracking name."""
        org_id = verdict.entity.org_id if verdict.entity is not None else None
        match = self.families.tracker(name, org_id)
        if match is not None:
            family, on_own_domain = match
            if _too_short_alone(name, on_own_domain, length, entropy):
                return None
            return _Listed(family.organization, family.category, family.service,
                           f"Brightline cookie families: {family.service}")
        info = self.cookie_db.lookup(name, verdict.host)
        if info is None or not info.tracking:
            return None
        return _Listed(info.controller, CATEGORY_MAP[info.category], info.platform,
                       f"Open Cookie Database: {info.platform} ({info.category})")

    def _listed_cookie(self, c: Cookie, domain: str, verdict: HostVerdict,
                       listed: _Listed) -> CookieHit:
        if verdict.exempt is None:
            hit = self._cookie_tracker(verdict, f"{listed.reason}: cookie {c.name}",
                                       listed.category, listed.organization)
            if c.name not in hit.cookies:
                hit.cookies.append(c.name)
            hit.cookieless = False
        return CookieHit(name=c.name, domain=c.domain or domain,
                         organization=listed.organization, category=listed.category,
                         reason=listed.reason, third_party=verdict.third_party,
                         platform=listed.service)

    def _third_party_identifier(self, c: Cookie, domain: str,
                                verdict: HostVerdict) -> CookieHit | None:
        if not behaviour.identifier_cookie(c):
            return None
        entity = verdict.entity
        if entity is not None and not entity.tracking:
            return None
        hit = self._cookie_tracker(verdict, "identifier-like third-party cookie")
        hit.cookies.append(c.name)
        hit.cookieless = False
        return CookieHit(name=c.name, domain=c.domain or domain, organization=hit.organization,
                         category=hit.category, reason="identifier-like third-party cookie",
                         third_party=True)

    def _storage_key(self, key: StorageKey) -> CookieHit | None:
        # An empty value identifies nobody (the collector always measures storage values).
        if key.value_length == 0 or self.families.necessary(key.key) is not None:
            return None
        origin_host = host_of(key.origin) if key.origin else self.parties.page_host
        verdict = self.parties.judge(origin_host or self.parties.page_host)
        listed = self._listed(key.key, verdict, key.value_length, key.entropy)
        if listed is not None:
            return CookieHit(name=key.key, domain=origin_host, organization=listed.organization,
                             category=listed.category, reason=f"{listed.reason}, {key.area}Storage",
                             third_party=verdict.third_party, kind="storage",
                             platform=listed.service)
        info = self.cookie_db.lookup(key.key, origin_host)
        if (info is not None and not _reconsider(info.category, verdict)) or \
                not behaviour.storage_identifier(key):
            return None
        organization = verdict.entity.organization if verdict.entity is not None else verdict.site
        return CookieHit(name=key.key, domain=origin_host, organization=organization,
                         category=UNCLASSIFIED, third_party=verdict.third_party, kind="storage",
                         reason="identifier-like localStorage key (random id under an id name)")

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


@dataclass(frozen=True, slots=True)
class _Listed:
    """A cookie or key name a list knows as a tracker's."""

    organization: str
    category: str
    service: str
    reason: str


def _snapshot_time(timestamp: str | None) -> float:
    """When the snapshot was taken (cookie expiries are absolute), else now."""
    if timestamp:
        try:
            return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()
        except ValueError:
            pass
    return time.time()


def _reconsider(category: str, verdict: HostVerdict) -> bool:
    """Whether a name the Open Cookie Database calls non-tracking still gets a behavioural look.

    "Functional" there is a catch-all, often recorded for another vendor's cookie of the same
    name (``device_id`` of Twitch). On the site itself the behavioural test is strict enough
    to decide; on a tracker's own domain, seen from another site, an identifier-like cookie
    is the tracker's. Security and necessary entries are trusted.
    """
    if category != "Functional":
        return False
    if verdict.exempt == "first party":
        return True
    return verdict.exempt is None and verdict.entity is not None and verdict.entity.tracking


def _too_short_alone(name: str, on_own_domain: bool, length: int, entropy: float) -> bool:
    """``_y`` or ``_s`` anywhere is some site's own flag unless it holds an id."""
    return not on_own_domain and len(name) <= 3 and not looks_like_identifier(length, entropy)


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
