"""``pressure.countdown``, ``pressure.scarcity``, ``pressure.social-proof`` in visible text.

One finding per element that carries the claim, capped per rule so a product grid with
"Only 2 left" on every card does not flood the report (the message says how many).
"""

from __future__ import annotations

from collections import defaultdict

from companion.copy.scan import BlockHit, page_copy
from companion.models import Finding
from companion.page import Page

RULES: tuple[str, ...] = ("pressure.countdown", "pressure.scarcity", "pressure.social-proof")
MAX_PER_RULE = 5


def check(page: Page) -> list[Finding]:
    by_rule: dict[str, list[BlockHit]] = defaultdict(list)
    for hit in page_copy(page):
        if hit.match.rule in RULES:
            by_rule[hit.match.rule].append(hit)
    findings: list[Finding] = []
    for rule in RULES:
        hits = by_rule.get(rule, [])
        suffix = ""
        if len(hits) > MAX_PER_RULE:
            suffix = (
                f"({len(hits)} elements on this page say this; "
                f"showing the first {MAX_PER_RULE}.)"
            )
        for hit in hits[:MAX_PER_RULE]:
            findings.append(hit.to_finding(suffix, count=len(hits) if suffix else None))
    return findings
