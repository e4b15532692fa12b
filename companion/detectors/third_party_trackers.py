"""tracker.third-party: one finding per third-party tracker host in the unconsented state.

Only the ``initial`` and ``after-reject`` phases: a tracker that loads after an explicit
accept is inventory (``TrackerReport.inventory()``), not a finding.
"""

from __future__ import annotations

from companion.findings import finding
from companion.models import Finding
from companion.page import Page

RULES = ("tracker.third-party",)
PHASES = frozenset({"initial", "after-reject"})


def check(page: Page) -> list[Finding]:
    if page.phase not in PHASES:
        return []
    when = "before any choice" if page.phase == "initial" else "after you refused"
    findings = []
    for hit in page.trackers.trackers:
        if hit.self_hosted:
            continue
        findings.append(finding(
            "tracker.third-party",
            f"{hit.label}, {hit.category}, is present at {hit.host} {when}; "
            f"{how_known(hit.source, hit.reason)}.",
            host=hit.host,
            organization=hit.organization,
            service=hit.service or None,
            category=hit.category,
            source=hit.source,
            reason=hit.reason,
            url=hit.urls[0] if hit.urls else None,
            requests=hit.requests or None,
            cookies=hit.cookies or None,
        ))
    return findings


def how_known(source: str, reason: str) -> str:
    """A plain-language account of the evidence behind a tracker hit."""
    kind, _, detail = reason.partition(": ")
    if source == "list" and kind == "entity map":
        return "listed in Brightline's tracker map"
    if source == "list" and kind == "EasyPrivacy":
        return f"matched by the EasyPrivacy rule {detail}"
    if source == "list" and kind == "Open Cookie Database":
        return f"its cookie is in the Open Cookie Database ({detail})"
    return f"recognised by its behaviour: {reason}"
