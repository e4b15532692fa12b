"""Curated cookie and storage-key name families (``companion/data/trackers/cookie_families.json``).

Vendors name their identifiers by convention: a fixed prefix followed by a property,
account or site id (``_ga_<property>``, ``_hjSessionUser_<site>``, ``mp_<token>_mixpanel``,
``_pk_id.<site>.<hash>``). A family states the convention once, so every id a site might
use is covered, and it names the organization from the entity map. These families are
checked before the Open Cookie Database, whose categories and controllers are sometimes
those of the site it was observed on.

A family may also name its vendor's ``state``: cookies and keys that hold no identifier (a
first-visit timestamp, a page counter, the landing page or referrer, cohort lists, a data
centre or cluster, an experiment's variation). They never count, on any domain, and are
checked before the identifier names (``_ym_d`` before ``_ym_*``).

The same file lists necessary cookies (sessions, CSRF, load balancing, bot protection,
consent records, carts, payment fraud prevention): random, sometimes long-lived, but they
serve the person and are never tracking identifiers.

Pattern syntax: ``*`` one or more characters, ``{n}`` one or more digits, ``{hex}`` six or
more hexadecimal digits or dashes. Everything else is literal and case-sensitive. Exact names
are checked first; a pattern never matches a name that records a test, a debug switch or an
opt-out (``AMP_TEST`` is Amplitude's check that cookies can be written, not an id).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from companion.resources import data_path
from companion.tracking.entities import TRACKING_CATEGORIES, EntityMap, entity_map

SCHEMA = "brightline.cookie-families/1"
_TOKENS = {r"\*": ".+", r"\{n\}": r"\d+", r"\{hex\}": r"[0-9A-Fa-f-]{6,}"}
_TOKEN = re.compile("|".join(re.escape(t) for t in _TOKENS))
#: A pattern's wildcard part that names a state, not an id: ``AMP_TEST``, ``_x_debug``, opt-outs.
_NOT_AN_ID = re.compile(r"test|debug|opt_?out|optout", re.I)
_TRACKER_KEYS = frozenset({"service", "org", "organization", "category", "names", "on_own_domains",
                           "state"})
#: Categories a family may have: the tracking ones, personalization, and monitoring (a
#: session-replay or RUM session id of an error monitor is an identifier all the same).
FAMILY_CATEGORIES = TRACKING_CATEGORIES | {"personalization", "monitoring"}


class FamilyDataError(ValueError):
    """cookie_families.json does not follow its schema."""


@dataclass(frozen=True, slots=True)
class Family:
    """A vendor's identifiers: who stores them and for what."""

    service: str
    organization: str
    org_id: str | None
    category: str


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str  # as written in the data file
    pattern: re.Pattern[str]
    family: Family
    own_domains_only: bool
    literal: int  # characters that are not wildcards: the more, the more specific


def _on_allowed_domain(rule: _Rule, domain_org: str | None) -> bool:
    return not rule.own_domains_only or (domain_org is not None and domain_org == rule.family.org_id)


def compile_name(name: str) -> re.Pattern[str]:
    escaped = re.escape(name)
    return re.compile(_TOKEN.sub(lambda m: _TOKENS[m.group(0)], escaped))


def _is_pattern(name: str) -> bool:
    return "*" in name or "{n}" in name or "{hex}" in name


class CookieFamilies:
    def __init__(self, trackers: list[_Rule], necessary: list[tuple[re.Pattern[str], str]],
                 state: list[_Rule] | None = None) -> None:
        self._state_exact = {r.name: r.family for r in state or [] if not _is_pattern(r.name)}
        self._state_patterns = [r for r in state or [] if _is_pattern(r.name)]
        self._exact: dict[str, list[_Rule]] = {}
        self._patterns: list[_Rule] = []
        for rule in trackers:
            if _is_pattern(rule.name):
                self._patterns.append(rule)
            else:
                self._exact.setdefault(rule.name, []).append(rule)
        self._patterns.sort(key=lambda r: -r.literal)
        self._necessary = necessary

    def tracker(self, name: str, domain_org: str | None) -> tuple[Family, bool] | None:
        """The family of ``name`` and whether it matched only because of its domain.

        ``domain_org`` is the entity-map organization of the cookie's domain, if any.
        """
        for rule in self._exact.get(name, []):
            if _on_allowed_domain(rule, domain_org):
                return rule.family, rule.own_domains_only
        if _NOT_AN_ID.search(name):
            return None
        for rule in self._patterns:
            if _on_allowed_domain(rule, domain_org) and rule.pattern.fullmatch(name):
                return rule.family, rule.own_domains_only
        return None

    def state(self, name: str) -> Family | None:
        """The vendor whose state (no identifier) ``name`` holds, or None."""
        family = self._state_exact.get(name)
        if family is not None:
            return family
        for rule in self._state_patterns:
            if rule.pattern.fullmatch(name):
                return rule.family
        return None

    def own_domain_tracker(self, name: str, domain_org: str | None) -> Family | None:
        """A name a vendor uses on its own domains (``sid`` on seznam.cz): there it is the
        vendor's identifier, even when the same name elsewhere is a site's session."""
        if domain_org is None:
            return None
        for rule in self._exact.get(name, []):
            if rule.own_domains_only and rule.family.org_id == domain_org:
                return rule.family
        return None

    def necessary(self, name: str) -> str | None:
        """The purpose of a necessary cookie or key (``"csrf"``), or None."""
        for pattern, purpose in self._necessary:
            if pattern.fullmatch(name):
                return purpose
        return None


def parse_families(raw: dict[str, Any], entities: EntityMap,
                   origin: str = "cookie_families.json") -> CookieFamilies:
    if raw.get("schema") != SCHEMA:
        raise FamilyDataError(f"{origin}: schema must be {SCHEMA!r}, got {raw.get('schema')!r}")
    rules: list[_Rule] = []
    state: list[_Rule] = []
    for i, entry in enumerate(_list(raw, "trackers", origin)):
        found, held = _tracker_rules(entry, entities, f"{origin}: trackers[{i}]")
        rules.extend(found)
        state.extend(held)
    necessary: list[tuple[re.Pattern[str], str]] = []
    for i, entry in enumerate(_list(raw, "necessary", origin)):
        where = f"{origin}: necessary[{i}]"
        purpose = _text(entry, "purpose", where)
        necessary.extend((compile_name(n), purpose) for n in _names(entry, "names", where))
    return CookieFamilies(rules, necessary, state)


def _tracker_rules(entry: Any, entities: EntityMap, where: str) -> tuple[list[_Rule], list[_Rule]]:
    """The family's identifier rules and its state rules."""
    if not isinstance(entry, dict) or set(entry) - _TRACKER_KEYS:
        raise FamilyDataError(f"{where} must be an object with only {sorted(_TRACKER_KEYS)}")
    family = _family(entry, entities, where)
    anywhere = _names(entry, "names", where, required=False)
    own = _names(entry, "on_own_domains", where, required=False)
    state = _names(entry, "state", where, required=False)
    if not anywhere and not own and not state:
        raise FamilyDataError(f"{where} needs 'names', 'on_own_domains' or 'state'")
    if own and family.org_id is None:
        raise FamilyDataError(f"{where}.on_own_domains needs an 'org' whose domains they are on")
    rules = [_Rule(n, compile_name(n), family, only, len(_TOKEN.sub("", re.escape(n))))
             for names, only in ((anywhere, False), (own, True)) for n in names]
    return rules, [_Rule(n, compile_name(n), family, False, 0) for n in state]


def _family(entry: dict[str, Any], entities: EntityMap, where: str) -> Family:
    service = _text(entry, "service", where)
    category = _text(entry, "category", where)
    if category not in FAMILY_CATEGORIES:
        raise FamilyDataError(f"{where}.category {category!r} is not a tracking category")
    org_id = entry.get("org")
    if org_id is None:
        return Family(service, _text(entry, "organization", where), None, category)
    domains = entities.org_domains(org_id) if isinstance(org_id, str) else []
    if not domains:
        raise FamilyDataError(f"{where}.org {org_id!r} is not an organization id of entities.json")
    organization = entities.lookup(domains[0]).organization  # type: ignore[union-attr]
    return Family(service, organization, org_id, category)


def _list(raw: dict[str, Any], key: str, origin: str) -> list[Any]:
    value = raw.get(key)
    if not isinstance(value, list) or not value:
        raise FamilyDataError(f"{origin}: '{key}' must be a non-empty list")
    return value


def _names(entry: dict[str, Any], key: str, where: str, required: bool = True) -> list[str]:
    value = entry.get(key, [] if not required else None)
    if not isinstance(value, list) or (required and not value) or \
            not all(isinstance(n, str) and n.strip() == n and n for n in value):
        raise FamilyDataError(f"{where}.{key} must be a list of cookie names without spaces around")
    return value


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise FamilyDataError(f"{where}.{key} must be a non-empty string")
    return value


@cache
def cookie_families() -> CookieFamilies:
    path = data_path("trackers", "cookie_families.json")
    return parse_families(json.loads(path.read_text(encoding="utf-8")), entity_map(), origin=str(path))
