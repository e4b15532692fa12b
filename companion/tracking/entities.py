"""The tracker entity map: which organization is behind a host, and for what purpose.

Data lives in ``companion/data/trackers/entities.json``. An organization has a default
category and domains; a service inside it overrides the category for its own domains
(Google is "advertising" on doubleclick.net but "analytics" on google-analytics.com).
A host matches a domain when it equals it or is a subdomain of it; the longest match
wins, so ``fonts.googleapis.com`` is not judged by ``googleapis.com``.

A service may name query parameters that switch its tracking off (``untracked_with``:
Vimeo's ``dnt=1``). The file also lists tracker ``endpoints`` recognised by the shape of
the request rather than the host (see ``companion.tracking.endpoints``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from companion.resources import data_path
from companion.tracking.endpoints import EndpointDataError, EndpointIndex, parse_endpoints

SCHEMA = "brightline.entities/1"

#: Categories whose hosts track people on their own. The others describe hosts that
#: only become trackers on stronger evidence (a filter-list match or behaviour).
TRACKING_CATEGORIES: frozenset[str] = frozenset({
    "advertising", "analytics", "social", "tag-manager", "session-replay",
    "customer-interaction", "audience-measurement", "media", "fingerprinting",
})
#: ``security`` (bot protection, captchas) is exempt outright, like ``consent``: it probes the
#: device to tell people from bots, which filter lists may block, but it protects the site.
OTHER_CATEGORIES: frozenset[str] = frozenset({"consent", "cdn", "essential", "monitoring",
                                             "security"})
CATEGORIES: frozenset[str] = TRACKING_CATEGORIES | OTHER_CATEGORIES

_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")


class EntityDataError(ValueError):
    """entities.json does not follow its schema."""


@dataclass(frozen=True, slots=True)
class Entity:
    """One organization (or one of its services) and the purpose of its domains."""

    org_id: str
    organization: str
    service: str
    category: str
    domain: str  # the entry that matched
    cookieless: bool = False  # stores nothing on the device (no cookies, no storage)
    untracked_with: tuple[tuple[str, str], ...] = ()  # query parameters that stop tracking

    @property
    def tracking(self) -> bool:
        return self.category in TRACKING_CATEGORIES

    def opted_out(self, query: str) -> bool:
        """The request asks the service not to track (``player.vimeo.com/video/1?dnt=1``)."""
        if not self.untracked_with or not query:
            return False
        pairs = set(query.split("&"))
        return any(f"{key}={value}" in pairs for key, value in self.untracked_with)


class EntityMap:
    def __init__(self, by_domain: dict[str, Entity], library_cdns: frozenset[str],
                 endpoints: EndpointIndex | None = None) -> None:
        self._by_domain = by_domain
        self.library_cdns = library_cdns
        self.endpoints = endpoints if endpoints is not None else EndpointIndex([])

    def __len__(self) -> int:
        return len(self._by_domain)

    def lookup(self, host: str) -> Entity | None:
        """The entity of ``host`` or of its closest listed parent domain."""
        host = host.lower().rstrip(".")
        while host:
            hit = self._by_domain.get(host)
            if hit is not None:
                return hit
            dot = host.find(".")
            if dot < 0:
                return None
            host = host[dot + 1:]
        return None

    def is_library_cdn(self, host: str) -> bool:
        host = host.lower().rstrip(".")
        while host:
            if host in self.library_cdns:
                return True
            dot = host.find(".")
            if dot < 0:
                return False
            host = host[dot + 1:]
        return False

    def org_domains(self, org_id: str) -> list[str]:
        return sorted(d for d, e in self._by_domain.items() if e.org_id == org_id)


def parse_entities(raw: dict[str, Any], origin: str = "entities.json") -> EntityMap:
    """Validate and index the entity data. Errors name the offending path."""
    if raw.get("schema") != SCHEMA:
        raise EntityDataError(f"{origin}: schema must be {SCHEMA!r}, got {raw.get('schema')!r}")
    orgs = raw.get("organizations")
    if not isinstance(orgs, dict) or not orgs:
        raise EntityDataError(f"{origin}: 'organizations' must be a non-empty object")
    by_domain: dict[str, Entity] = {}
    org_names: dict[str, str] = {}
    for org_id, org in orgs.items():
        where = f"{origin}: organizations.{org_id}"
        if not isinstance(org, dict):
            raise EntityDataError(f"{where} must be an object")
        unknown = set(org) - {"name", "category", "domains", "url", "services", "cookieless",
                              "untracked_with"}
        if unknown:
            raise EntityDataError(f"{where} has unknown keys {sorted(unknown)}")
        name = _string(org, "name", where)
        org_names[org_id] = name
        groups = [(name, org, where)]
        for i, svc in enumerate(org.get("services", [])):
            swhere = f"{where}.services[{i}]"
            if not isinstance(svc, dict) or set(svc) - _SERVICE_KEYS:
                raise EntityDataError(f"{swhere} must have only {sorted(_SERVICE_KEYS)}")
            groups.append((_string(svc, "name", swhere), svc, swhere))
        for service, group, gwhere in groups:
            category = _string(group, "category", gwhere)
            if category not in CATEGORIES:
                raise EntityDataError(
                    f"{gwhere}.category {category!r} is not one of {sorted(CATEGORIES)}"
                )
            cookieless = group.get("cookieless", False)
            if not isinstance(cookieless, bool):
                raise EntityDataError(f"{gwhere}.cookieless must be true or false")
            untracked = _untracked_with(group.get("untracked_with", {}), gwhere)
            domains = group.get("domains")
            if not isinstance(domains, list) or not domains:
                raise EntityDataError(f"{gwhere}.domains must be a non-empty list")
            for j, domain in enumerate(domains):
                _check_domain(domain, f"{gwhere}.domains[{j}]")
                if domain in by_domain:
                    raise EntityDataError(
                        f"{gwhere}.domains[{j}]: {domain} is already listed under "
                        f"{by_domain[domain].org_id}"
                    )
                by_domain[domain] = Entity(org_id, name, service, category, domain, cookieless,
                                           untracked)
    cdns = raw.get("library_cdns", [])
    if not isinstance(cdns, list):
        raise EntityDataError(f"{origin}: 'library_cdns' must be a list of host names")
    for j, host in enumerate(cdns):
        _check_domain(host, f"{origin}: library_cdns[{j}]")
    try:
        endpoints = parse_endpoints(raw.get("endpoints"), org_names, CATEGORIES, origin)
    except EndpointDataError as exc:
        raise EntityDataError(str(exc)) from None
    return EntityMap(by_domain, frozenset(cdns), endpoints)


_SERVICE_KEYS = frozenset({"name", "category", "domains", "cookieless", "untracked_with"})


def _untracked_with(value: Any, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise EntityDataError(f"{where}.untracked_with must map parameter names to values")
    return tuple(value.items())


def _string(obj: dict[str, Any], key: str, where: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise EntityDataError(f"{where}.{key} must be a non-empty string")
    return value


def _check_domain(value: Any, where: str) -> None:
    if not isinstance(value, str) or not _DOMAIN.match(value):
        raise EntityDataError(f"{where}: {value!r} is not a lower-case host name")


@cache
def entity_map() -> EntityMap:
    path = data_path("trackers", "entities.json")
    return parse_entities(json.loads(path.read_text(encoding="utf-8")), origin=str(path))
