"""``[allow]`` applied to tracker findings.

``tracker.third-party`` is about one host: it goes when its host or organization is allowed.
``consent.tracking-before-consent`` and ``consent.choice-not-respected`` list hosts and
identifier cookies: the allowed ones leave the evidence (and are listed under
``evidence.allowed``), and the finding goes when nothing is left.

A host's organization comes from the page's tracker inventory for that phase, else from the
entity map. A cookie belongs to the tracker whose inventory entry lists it, else to the
controller the Open Cookie Database names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from companion.policy.model import Allow

TRACKER_RULE = "tracker.third-party"
CONSENT_RULES = frozenset({"consent.tracking-before-consent", "consent.choice-not-respected"})
RULES = CONSENT_RULES | {TRACKER_RULE}


@dataclass(frozen=True)
class Owner:
    organization: str | None
    category: str | None = None
    host: str | None = None


class PageTrackers:
    """Who is behind the hosts and cookies of one phase of a page."""

    def __init__(self, inventory: list[dict[str, Any]]) -> None:
        self.hosts: dict[str, Owner] = {}
        self.cookies: dict[str, Owner] = {}
        for t in inventory:
            owner = Owner(t.get("organization"), t.get("category"), t.get("host"))
            if t.get("host"):
                self.hosts[t["host"]] = owner
            for name in t.get("cookies") or []:
                self.cookies.setdefault(name, owner)

    @classmethod
    def of(cls, page: dict[str, Any], phase: str | None) -> PageTrackers:
        phases = page.get("phases") or {}
        if phase and phase in phases:
            return cls(phases[phase].get("trackers") or [])
        return cls(page.get("trackers") or [])

    def host_owner(self, host: str) -> Owner:
        if host in self.hosts:
            return self.hosts[host]
        from companion.tracking.entities import entity_map

        entity = entity_map().lookup(host)
        return Owner(entity.organization, entity.category, host) if entity else Owner(None, None, host)

    def cookie_owner(self, name: str) -> Owner:
        if name in self.cookies:
            return self.cookies[name]
        from companion.tracking.cookies import cookie_database

        info = cookie_database().lookup(name)
        return Owner(info.controller if info else None)


def allowed(allow: Allow, owner: Owner) -> str | None:
    """Why ``owner`` is allowed ("vendor Cloudflare", "host stats.example.com"), or None."""
    if owner.host and allow.host(owner.host):
        return f"host {owner.host}"
    if allow.vendor(owner.organization):
        return f"vendor {owner.organization}"
    return None


def apply_allow(finding: dict[str, Any], page: dict[str, Any], allow: Allow) -> tuple[dict[str, Any] | None, str]:
    """The finding with allowed trackers removed (None when nothing is left), and why."""
    trackers = PageTrackers.of(page, finding.get("phase"))
    ev = finding.get("evidence") or {}
    if finding["rule"] == TRACKER_RULE:
        owner = Owner(ev.get("organization") or trackers.host_owner(ev.get("host", "")).organization,
                      ev.get("category"), ev.get("host"))
        why = allowed(allow, owner)
        return (None, f"allowed {why}") if why else (finding, "")
    return _consent(finding, ev, trackers, allow)


def _consent(
    finding: dict[str, Any], ev: dict[str, Any], trackers: PageTrackers, allow: Allow
) -> tuple[dict[str, Any] | None, str]:
    hosts = {h: trackers.host_owner(h) for h in ev.get("hosts") or []}
    cookies = {c: trackers.cookie_owner(c) for c in ev.get("cookies") or []}
    reasons: dict[str, str] = {}
    for name, owner in [*hosts.items(), *cookies.items()]:
        why = allowed(allow, owner)
        if why:
            reasons[name] = why
    if not reasons:
        return finding, ""
    why = "allowed " + ", ".join(sorted(set(reasons.values())))
    kept_hosts = [h for h in hosts if h not in reasons]
    kept_cookies = [c for c in cookies if c not in reasons]
    if not kept_hosts and not kept_cookies:
        return None, why
    kept = [hosts[h] for h in kept_hosts] + [cookies[c] for c in kept_cookies]
    gone = [o for n, o in [*hosts.items(), *cookies.items()] if n in reasons]
    evidence = dict(ev)
    evidence["hosts"] = kept_hosts
    evidence["cookies"] = kept_cookies
    evidence["organizations"] = _still_present(ev.get("organizations"), kept, gone, "organization", allow)
    evidence["categories"] = _still_present(ev.get("categories"), kept, gone, "category", None)
    allowed_items = {"hosts": [h for h in hosts if h in reasons], "cookies": [c for c in cookies if c in reasons]}
    evidence["allowed"] = {k: v for k, v in allowed_items.items() if v}
    evidence = {k: v for k, v in evidence.items() if v not in ([], {}, None)}
    listed = ", ".join(reasons)
    message = f"{finding.get('message', '')} The policy allows {len(reasons)} of these ({listed})."
    return {**finding, "message": message.strip(), "evidence": evidence}, why


def _still_present(
    values: list[str] | None, kept: list[Owner], gone: list[Owner], attr: str, allow: Allow | None
) -> list[str]:
    """Values still backed by a kept host or cookie, or not tied to any removed one."""
    kept_values = {getattr(o, attr) for o in kept}
    gone_values = {getattr(o, attr) for o in gone}
    out = []
    for value in values or []:
        if allow is not None and allow.vendor(value):
            continue
        if value in kept_values or value not in gone_values:
            out.append(value)
    return out
