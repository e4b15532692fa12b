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
(an sGTM container on ``*.stape.io`` is Google Analytics); a vendor's shape on a host the
map gives to another organization is that organization's. On the site's own hosts a
home-made beacon carrying a visitor id is the site's own tracker. Cookies and storage keys
are classified by name: first Brightline's curated families (vendor naming conventions,
``cookie_families.json``, which also name necessary cookies that never count), then the
Open Cookie Database. Analytics, marketing and personalization names are tracker
identifiers wherever they are set, first-party ``_ga`` and ``_fbp`` included. A name on no
list counts by behaviour: a third-party cookie with an identifier-like value, a site's own
long-lived cookie holding a random id, or a localStorage key named as an id holding one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from companion.sites import host_of, registrable_domain
from companion.tracking import behaviour
from companion.tracking.cookie_verdicts import CookieVerdicts
from companion.tracking.cookies import CookieDatabase
from companion.tracking.easyprivacy import easyprivacy
from companion.tracking.endpoints import Endpoint
from companion.tracking.entities import entity_map
from companion.tracking.filters import FilterEngine, normalize_type
from companion.tracking.hits import UNCLASSIFIED, CookieHit, TrackerHit, TrackerReport
from companion.tracking.parties import HostVerdict, Parties, hosted_tenant

if TYPE_CHECKING:
    from companion.page import Page

__all__ = ["CookieHit", "TrackerHit", "TrackerReport", "classify_page", "redact"]

MAX_URLS = 5
# scheme://[userinfo@]host — cheaper than urlsplit on pages with thousands of requests
_WEB_HOST = re.compile(r"(?i)^(?:https?|wss?)://(?:[^@/?#]*@)?([^:/?#\[\]@]+)")
#: Exempt hosts whose requests are still checked against known tracker endpoint shapes.
SHAPE_CHECKED = frozenset({"first party", "own CDN", "library CDN"})


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


class _Classifier(CookieVerdicts):
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
        pages and images on the same host are not the tracker's. On the site's own hosts a
        home-made beacon carrying a visitor id counts too, as the site's own (self-hosted).
        """
        endpoint = self.endpoints.match(verdict.host, url[host_end:], req_type)
        if endpoint is not None:
            key = f"{verdict.host} {endpoint.service}"
            hit = self.hits.get(key)
            if hit is None:
                hit = self._record(verdict, _endpoint_evidence(endpoint, verdict), None, key=key)
                hit.first_party = not verdict.third_party
                hit.self_hosted = endpoint.organization is None
            _count(hit, url, time_ms)
            return
        if verdict.exempt != "first party":
            return
        why = behaviour.first_party_beacon(url, req_type)
        if why is None:
            return
        key = f"{verdict.host} beacon"  # a home-made beacon: the site's own, like self-hosted tools
        hit = self.hits.get(key)
        if hit is None:
            hit = self._record(verdict, _Evidence("behaviour", why, UNCLASSIFIED, verdict.site),
                               None, key=key)
            hit.first_party = hit.self_hosted = True
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


def _endpoint_evidence(endpoint: Endpoint, verdict: HostVerdict) -> _Evidence:
    """A self-hosted endpoint (no organization) belongs to the site that runs it.

    A vendor's shape on a host the entity map gives to another organization is that
    organization's own copy of the protocol: Yahoo! JAPAN's search ads answer on Google's
    ``/pagead/conversion/`` path, and a Matomo on a known company's host is that company's.
    A tenant of a hosting suffix (``x.cloudfront.net``) is not its host's, and the site's own
    hosts and public CDNs keep the shape's owner (GA4 behind a known company's own sGTM).
    """
    owner = verdict.entity
    if owner is not None and verdict.exempt is None and owner.org_id != endpoint.org_id and \
            not hosted_tenant(owner, verdict.site):
        service = endpoint.service if endpoint.org_id is None else \
            (owner.service if owner.service != owner.organization else "")
        return _Evidence("list", f"entity map: {endpoint.service} endpoint", endpoint.category,
                         owner.organization, service, endpoint.cookieless)
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
