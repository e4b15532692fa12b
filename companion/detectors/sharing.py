"""``sharing.prechecked-optin`` and ``sharing.trick-question`` on forms outside the banner.

A pre-checked box whose label is about marketing or sharing data is an opt-in the person
never gave. A "keep me signed in" or a terms box is not. A trick question is a double
negative in a checkbox label or its instructions, or an opt-out box among opt-in boxes.
"""

from __future__ import annotations

import re
from functools import cache

from companion.copy import match_copy
from companion.copy.checks import blank_asides
from companion.copy.forms import checkables, control_label, group_of, inside, kind, pages, shown
from companion.copy.patterns import alt, by_language
from companion.copy.scan import page_copy
from companion.findings import finding
from companion.lexicon import normalise
from companion.models import Finding
from companion.page import Node, Page

PRECHECKED = "sharing.prechecked-optin"
TRICK = "sharing.trick-question"
RULES: tuple[str, ...] = (PRECHECKED, TRICK)
MAX_PER_RULE = 5


@cache
def _pattern(category: str) -> re.Pattern[str]:
    return re.compile(alt("sharing", category) or r"(?!x)x")


def _negative(label: str) -> bool:
    """Phrased as an opt-out: "Do not send me offers", "Ich möchte keine Werbung".

    A clause that says how to withdraw later ("unsubscribe at any time", "Reply STOP to
    cancel") and the idiom "don't miss our deals" do not make an opt-in an opt-out.
    """
    kept = blank_asides(label)
    return bool(_pattern("negator").search(kept) or _pattern("optout").search(kept))


def _about_marketing(low: str) -> bool:
    """The label is about marketing or sharing data, not a service message.

    French "livraison offerte" (free delivery) is not the Italian "offerte" (offers), and a
    box that only names a channel ("e-mails", "SMS") for order or delivery news is not an
    opt-in: "Send me delivery status e-mails".
    """
    low = _pattern("not_optin").sub(" ", low)
    topics = [m.group() for m in _pattern("optin").finditer(low)]
    if not topics:
        return False
    medium = _pattern("medium")
    if all(medium.fullmatch(t) for t in topics):
        return _pattern("transactional").search(low) is None
    return True


def check(page: Page) -> list[Finding]:
    banner = page.banner
    prechecked: list[Finding] = []
    tricks: list[Finding] = []
    seen_tricks: set[str] = set()

    def trick(f: Finding) -> None:
        key = normalise(f.evidence.get("text", ""))
        if key not in seen_tricks and len(tricks) < MAX_PER_RULE:
            seen_tricks.add(key)
            tricks.append(f)

    for sub in pages(page):
        banner_root = banner.root if banner is not None and banner.page is sub else None
        groups: dict[Node | None, list[tuple[Node, str, bool]]] = {}
        for node in checkables(sub):
            if kind(node) == "radio":
                continue
            # The label test first: most boxes are not about marketing, and it is cheaper
            # than the visibility walk up the ancestors.
            label = control_label(sub, node)
            low = normalise(label)
            if not low or not _about_marketing(low):
                continue
            if inside(node, banner_root) or not shown(sub, node):
                continue
            if _pattern("remember").search(low):
                continue
            negative = _negative(low)
            groups.setdefault(group_of(node), []).append((node, label, negative))
            selector = sub.selector(node)
            for m in match_copy(label, rules=(TRICK,), control=True):
                trick(m.to_finding(selector=selector, text=label, match=m.span,
                                   frame=sub.frame_origin))
            if (
                sub.checked(node)
                and not sub.disabled(node)
                and not negative
                and len(prechecked) < MAX_PER_RULE
            ):
                lang = by_language("sharing", "optin").search(low)
                prechecked.append(finding(
                    PRECHECKED,
                    "A box that signs you up for marketing or data sharing is already "
                    f"ticked: “{_short(label)}”.",
                    selector=selector, text=label, lang=lang.lang if lang else None,
                    frame=sub.frame_origin,
                ))
        for members in groups.values():
            # An opt-out box hidden among opt-in boxes: ticking means opposite things.
            if any(not neg for _, _, neg in members) and any(neg for _, _, neg in members):
                for node, label, negative in members:
                    if negative:
                        trick(finding(
                            TRICK,
                            "An opt-out box sits among opt-in boxes, so ticking means "
                            f"opposite things: “{_short(label)}”.",
                            selector=sub.selector(node), text=label, frame=sub.frame_origin,
                        ))
    for hit in page_copy(page):
        if hit.match.rule != TRICK or inside(hit.block.node, banner.root if banner else None):
            continue
        # Instructions for a box need a box: prose about pre-ticked boxes (a help page,
        # a policy) on a page without one is not a trick question.
        if _has_box(hit.block.page):
            trick(hit.to_finding())
    return prechecked + tricks


def _has_box(page: Page) -> bool:
    """A checkbox or switch on ``page`` (the document or frame a text block is in)."""
    return any(kind(node) != "radio" for node in checkables(page))


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
