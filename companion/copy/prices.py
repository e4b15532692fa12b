"""Finding a price in a label: "+€12.99", "12,99 €", "CHF 5.-", "$3", "4.99 EUR"."""

from __future__ import annotations

import re

_CURRENCY = r"(?:€|\$|£|chf|eur|usd|gbp|euros?|fr\.)"
_AMOUNT = r"\d{1,6}(?:[.,' ]\d{3})*(?:[.,]\d{1,2}|[.,]-)?"
PRICE = re.compile(
    rf"(?<![\w.,])(?:{_CURRENCY}\s?\+?\s?(?P<a>{_AMOUNT})|\+?\s?(?P<b>{_AMOUNT})\s?{_CURRENCY})(?!\w)",
    re.IGNORECASE,
)


def find_price(text: str) -> tuple[str, float] | None:
    """The first price in ``text`` as (as written, amount); None when there is none."""
    m = PRICE.search(text)
    if m is None:
        return None
    return m.group().strip(), _amount(m.group("a") or m.group("b") or "0")


def has_paid_price(text: str) -> bool:
    """A price above zero appears in ``text`` ("€0.00" and "0 €" are free)."""
    return any(_amount(m.group("a") or m.group("b") or "0") > 0 for m in PRICE.finditer(text))


def _amount(raw: str) -> float:
    raw = raw.replace("'", "").replace(" ", "").rstrip("-").rstrip(".,")
    if re.search(r"[.,]\d{1,2}$", raw):
        whole, frac = raw[:-3 if raw[-3] in ".," else -2], raw[-2:].lstrip(".,")
        raw = whole.replace(".", "").replace(",", "") + "." + frac
    else:
        raw = raw.replace(".", "").replace(",", "")
    try:
        return float(raw)
    except ValueError:
        return 0.0
