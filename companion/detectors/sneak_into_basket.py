"""``pressure.sneak-into-basket``: a paid extra is selected before the person chose it.

A pre-checked box, pre-selected radio or option whose label names a price or a paid
add-on (insurance, donation, priority, gift wrap …) where something is being bought. A
radio only counts for an add-on word: a pre-selected paid shipping method is a default,
not an extra. "No insurance" and "without" choices never count; "free", "standard" or
"included" and €0 choices count only with a paid price beside them ("standard seat +$12").
A price after "worth", "instead of", "statt" … is a comparison, not what the extra costs.
"""

from __future__ import annotations

import re
from functools import cache

from companion.copy.forms import (
    checkables,
    control_label,
    control_row,
    kind,
    pages,
    selected_options,
    shown,
)
from companion.copy.page_text import page_text
from companion.copy.patterns import alt
from companion.copy.prices import PRICE, find_price, has_paid_price, price_amount
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
            label = _with_row_price(sub, node, control_label(sub, node))
            low = normalise(label)
            if not low or any(_pattern("sharing", c).search(low) for c in ("remember", "terms")):
                continue
            if _price_filter(low):
                continue
            paid = _paid_price(low)
            priced = paid is not None
            extra = _pattern("pressure", "paid_extra").search(low)
            if _refuses(low, paid, extra):
                continue
            if not priced and (_pattern("pressure", "free").search(low) or PRICE.search(low)):
                continue  # free, or every price is zero or a comparison
            if kind(node) == "radio" and extra is None:
                continue
            if not priced and extra is None:
                continue
            if not priced:
                if purchase is None:
                    purchase = _purchase_context(page)
                if not purchase:
                    continue
            price = _as_written(label, low, paid)
            what = extra.group() if extra else "a paid option"
            findings.append(finding(
                RULE,
                f"A paid extra ({what}) is selected for you: “{_short(label)}”.",
                selector=sub.selector(node), text=label, price=price,
                control=kind(node), frame=sub.frame_origin,
            ))
            if len(findings) >= MAX_FINDINGS:
                return findings
    return findings


def _refuses(low: str, paid: re.Match[str] | None, extra: re.Match[str] | None) -> bool:
    """The choice is a refusal: "No insurance", "Ohne Versicherung", worded as one before it
    names the extra or its price. A "no" or "without" further on describes the extra
    ("€9 – no excess to pay", "Garantie … zonder voorrijkosten")."""
    refusal = _pattern("pressure", "without").search(low)
    if refusal is None:
        return False
    named = [m.start() for m in (paid, extra) if m is not None]
    return not named or refusal.start() < min(named)


def _with_row_price(page: Page, node, label: str) -> str:  # type: ignore[no-untyped-def]
    """``label``, or the control's row when the label names no price and the row, which
    holds the label, does ("Insurance" with "+€9.99" in the next cell)."""
    if node.tag == "option" or PRICE.search(label):
        return label
    row = control_row(page, node)
    if row and normalise(label) in normalise(row) and PRICE.search(row):
        return row
    return label


# What joins the two ends of a price range: "€20 – €50", "20 to 50 €", "zwischen 20 und 50 €".
_RANGE_JOIN = re.compile(r"\s*(?:[-–—]|to|bis|à|a|al|tot|fino a|and|und|et|y|e|en)?\s*")


def _price_filter(low: str) -> bool:
    """A shop's price facet ("€20 – €50", "under €50"), which a crawl may find ticked."""
    prices = list(PRICE.finditer(low))
    if not prices:
        return False
    if len(prices) >= 2 and _RANGE_JOIN.fullmatch(low, prices[0].end(), prices[1].start()):
        return True
    return _after(low, prices[0].start(), "price_filter")


def _after(low: str, start: int, category: str) -> bool:
    """A word of ``category`` ends right before position ``start`` ("under €50", "worth £3")."""
    before = low[:start].rstrip(" +(:")
    return any(m.end() == len(before) for m in _pattern("pressure", category).finditer(before))


def _paid_price(low: str) -> re.Match[str] | None:
    """The first price above zero that is not a comparison ("worth £3", "statt 5 €")."""
    for m in PRICE.finditer(low):
        if price_amount(m) > 0 and not _after(low, m.start(), "reference_price"):
            return m
    return None


def _as_written(label: str, low: str, paid: re.Match[str] | None) -> str | None:
    """The paid price as the label writes it (the same price, counted in ``label``)."""
    if paid is None:
        found = find_price(label)
        return found[0] if found else None
    index = sum(1 for m in PRICE.finditer(low) if m.start() < paid.start())
    written = list(PRICE.finditer(label))
    return written[index].group().strip() if index < len(written) else paid.group().strip()


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
