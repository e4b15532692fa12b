"""Cookies and storage keys: which ones identify the person, and whose they are.

Curated families (vendor naming conventions, ``cookie_families.json``, which also name
necessary cookies that never count) are checked first, then the Open Cookie Database, then
behaviour: a third-party cookie with an identifier-like value, a site's own long-lived
cookie holding a random id, or a localStorage key named as an id holding one. A mixin of
the page classifier (``companion.tracking.classify``): a third-party identifier cookie joins
or makes the tracker hit of its site.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from companion.entropy import looks_like_identifier
from companion.models import Cookie, StorageKey
from companion.sites import host_of
from companion.tracking import behaviour
from companion.tracking.cookies import CATEGORY_MAP, CookieDatabase, cookie_database
from companion.tracking.families import CookieFamilies, cookie_families
from companion.tracking.hits import UNCLASSIFIED, CookieHit, TrackerHit
from companion.tracking.parties import HostVerdict, Parties

if TYPE_CHECKING:
    from companion.page import Page


class CookieVerdicts:
    """Needs ``page``, ``parties``, ``hits`` and ``_cookie_db`` (a database given by the
    caller, or None to load the shared one on first use) from the classifier."""

    page: Page
    parties: Parties
    hits: dict[str, TrackerHit]
    _cookie_db: CookieDatabase | None

    @property
    def cookie_db(self) -> CookieDatabase:
        if self._cookie_db is None:
            self._cookie_db = cookie_database()
        return self._cookie_db

    @property
    def families(self) -> CookieFamilies:
        return cookie_families()

    def cookies(self) -> list[CookieHit]:
        snap = self.page.snapshot
        now = _snapshot_time(snap.timestamp)
        found = [self._cookie(c, now) for c in snap.cookies]
        found += [self._storage_key(key) for key in snap.storage]
        return [hit for hit in found if hit is not None]

    def _cookie(self, c: Cookie, now: float) -> CookieHit | None:
        """Curated families first, then the Open Cookie Database, then behaviour."""
        if self.families.state(c.name) is not None:
            return None  # a vendor's state: a timestamp, a counter, a referrer, no identifier
        domain = c.domain.lstrip(".").lower() or self.parties.page_host
        verdict = self.parties.judge(domain)
        if self._necessary(c.name, verdict):
            return None
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

    def _necessary(self, name: str, verdict: HostVerdict) -> bool:
        """A necessary name (``sid``, a session), unless it is set on the domain of a vendor
        that uses the same name for its identifier (``sid`` on seznam.cz)."""
        if self.families.necessary(name) is None:
            return False
        org_id = verdict.entity.org_id if verdict.entity is not None else None
        return self.families.own_domain_tracker(name, org_id) is None

    def _listed(self, name: str, verdict: HostVerdict, length: int,
                entropy: float) -> _Listed | None:
        """What the curated families or the Open Cookie Database say about a tracking name.

        A value of a few characters (``1``, ``true``, a bucket) is a flag, whatever its name:
        it cannot tell one browser from another.
        """
        if 0 < length <= FLAG_LENGTH:
            return None
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
        if key.value_length == 0 or self.families.state(key.key) is not None:
            return None
        origin_host = host_of(key.origin) if key.origin else self.parties.page_host
        verdict = self.parties.judge(origin_host or self.parties.page_host)
        if self._necessary(key.key, verdict):
            return None
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



@dataclass(frozen=True, slots=True)
class _Listed:
    """A cookie or key name a list knows as a tracker's."""

    organization: str
    category: str
    service: str
    reason: str


#: Values this short are flags, buckets or counters: too few to tell browsers apart.
FLAG_LENGTH = 4


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
