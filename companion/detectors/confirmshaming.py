"""``consent.confirmshaming``: the way to say no is worded to shame or guilt.

Looks at the consent banner's refusal controls, then at every decline-like button or link
on the page (newsletter pop-ups, upsells, paywalls), then at short visible text blocks
that carry such wording without being marked up as a control.
"""

from __future__ import annotations

from companion.copy import CopyMatch, match_copy
from companion.copy.forms import clickables, control_label, pages
from companion.copy.scan import holds_anchor, page_copy
from companion.lexicon import normalise
from companion.models import Finding
from companion.page import Page

RULE = "consent.confirmshaming"
RULES: tuple[str, ...] = (RULE,)
MAX_FINDINGS = 5
MAX_CONTROL_TEXT = 200
MAX_BLOCK_TEXT = 160


def check(page: Page) -> list[Finding]:
    findings: list[Finding] = []
    seen: set[str] = set()

    def add(f: Finding) -> None:
        # The same wording reached as a control and as a text block is one finding.
        keys = {f.evidence.get("selector", ""), normalise(f.evidence.get("match", ""))} - {""}
        if not keys & seen and len(findings) < MAX_FINDINGS:
            seen.update(keys)
            findings.append(f)

    banner = page.banner
    if banner is not None:
        for control in banner.controls:
            if control.role not in ("reject", "other", "settings"):
                continue
            for m in match_copy(control.text, rules=RULES):
                add(m.to_finding(selector=control.selector, frame=banner.frame, match=m.span,
                                 where="consent banner"))
    # The same "Details" link a thousand times is one check.
    checked: dict[str, list[CopyMatch]] = {}
    for sub in pages(page):
        for node in clickables(sub):
            if _named_by_own_text(sub, node) and not holds_anchor(sub, node, RULE):
                continue  # its label is its text, and no shaming wording starts there
            text = control_label(sub, node)
            if not text or len(text) > MAX_CONTROL_TEXT:
                continue
            matches = checked.get(text)
            if matches is None:
                matches = checked[text] = match_copy(text, rules=RULES)
            if not matches or not sub.visible(node):
                continue
            for m in matches:
                add(m.to_finding(selector=sub.selector(node), frame=sub.frame_origin,
                                 match=m.span))
    for hit in page_copy(page):
        if hit.match.rule == RULE and len(hit.block.text) <= MAX_BLOCK_TEXT:
            add(hit.to_finding())
    return findings


def _named_by_own_text(page: Page, node) -> bool:  # type: ignore[no-untyped-def]
    """The control's label is its own text (no measured label, ARIA name, title or value)."""
    if node.tag == "input":
        return False
    el = page.element_for(node)
    if el is not None and el.label:
        return False
    return not (node.get("aria-label") or node.get("aria-labelledby") or node.get("title"))
