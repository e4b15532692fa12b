"""``pressure.sneak-into-basket``: a paid extra is selected before the person chose it.

A pre-checked box, pre-selected radio or option whose label names a price or a paid
add-on (insurance, donation, priority, gift wrap …) where something is being bought. A
radio only counts for an add-on word: a pre-selected paid shipping method is a default,
not an extra. "No insurance", "without", "free" and €0 choices never count.
"""

from __future__ import annotations

import re
from functools import cache

from companion.copy.forms import checkables, control_label, kind, pages, selected_options, shown
from companion.copy.page_text import page_text
from companion.copy.patterns import alt
from companion.copy.prices import PRICE, find_price, has_paid_price
from companion.findings import finding
from companion.lexicon import normalise
from companion.models import Finding
from companion.page import Page

RULE = "pressure.sneak-into-basket"
RULES: tuple[str, ...] = (RULE,)
MAX_FINDINGS = 5


@cache
def _pattern(lexicon_name: str, category: str) -> re.Pattern[str]:
    return re.compile(alt(lexicon_name, category) or r"(?!x)x")


def check(page: Page) -> list[Finding]:
    findings: list[Finding] = []
    purchase: bool | None = None  # computed only if a candidate needs it
    for sub in pages(page):
        candidates = [n for n in checkables(sub) if sub.checked(n)] + selected_options(sub)
        for node in candidates:
            if node.tag != "option" and not shown(sub, node):
                continue
            label = control_label(sub, node)
            low = normalise(label)
            if not low or _pattern("pressure", "without").search(low):
                continue
            if any(_pattern("sharing", c).search(low) for c in ("remember", "terms")):
                continue
            if _price_filter(low):
                continue
            priced = has_paid_price(low)
            extra = _pattern("pressure", "paid_extra").search(low)
            if kind(node) == "radio" and extra is None:
                continue
            if not priced and extra is None:
                continue
            if not priced:
                if purchase is None:
                    purchase = _purchase_context(page)
                if not purchase:
                    continue
            price = find_price(label)
            what = extra.group() if extra else "a paid option"
            findings.append(finding(
                RULE,
                f"A paid extra ({what}) is selected for you: “{_short(label)}”.",
                selector=sub.selector(node), text=label, price=price[0] if price else None,
                control=kind(node), frame=sub.frame_origin,
            ))
            if len(findings) >= MAX_FINDINGS:
                return findings
    return findings


def _price_filter(low: str) -> bool:
    """A shop's price facet ("€20 – €50", "under €50"), which a crawl may find ticked."""
    prices = list(PRICE.finditer(low))
    if len(prices) >= 2:
        return True
    if not prices:
        return False
    before = low[: prices[0].start()].rstrip(" +(")
    words = _pattern("pressure", "price_filter")
    return any(m.end() == len(before) for m in words.finditer(before))


def _purchase_context(page: Page) -> bool:
    """Something is being bought: basket/checkout words in the URL or text, or prices shown."""
    purchase = _pattern("pressure", "purchase")
    if purchase.search(page.url.lower()):
        return True
    for sub in (page, *page.frames):
        low = page_text(sub).low
        if purchase.search(low) or has_paid_price(low):
            return True
    return False


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
