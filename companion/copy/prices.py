"""Finding a price in a label: "+€12.99", "12,99 €", "CHF 5.–", "$3", "4.99 EUR", "4€99"."""

from __future__ import annotations

import re

_CURRENCY = r"(?:€|us\$|\$|£|chf|sfr\.?|eur|usd|gbp|euros?|fr\.)"
# Decimals, or the Swiss/German "no cents" dash: "5.–", "12,-", "12,--".
_AMOUNT = r"\d{1,6}(?:[.,' ]\d{3})*(?:[.,]\d{1,2}|[.,][-–—]{1,2})?"
# A price may run into "pp"/"p.p." (per person) or "/yr"; otherwise it ends at a word edge.
_END = r"(?:(?=p\.?p\.?(?!\w))|(?!\w))"
PRICE = re.compile(
    rf"(?<![\w.,])(?:{_CURRENCY}\s?\+?\s?(?P<a>{_AMOUNT})"
    rf"|(?P<e>\d{{1,4}})€(?P<f>\d{{2}})"  # the French "4€99"
    rf"|\+?\s?(?P<b>{_AMOUNT})\s?{_CURRENCY}){_END}",
    re.IGNORECASE,
)


def find_price(text: str) -> tuple[str, float] | None:
    """The first price in ``text`` as (as written, amount); None when there is none."""
    m = PRICE.search(text)
    if m is None:
        return None
    return m.group().strip(), price_amount(m)


def has_paid_price(text: str) -> bool:
    """A price above zero appears in ``text`` ("€0.00" and "0 €" are free)."""
    return any(price_amount(m) > 0 for m in PRICE.finditer(text))


def price_amount(m: re.Match[str]) -> float:
    """The amount of a ``PRICE`` match."""
    if m.group("e") is not None:
        return int(m.group("e")) + int(m.group("f")) / 100
    return _amount(m.group("a") or m.group("b") or "0")


def _amount(raw: str) -> float:
    raw = raw.replace("'", "").replace(" ", "").rstrip("-–—").rstrip(".,")
    if re.search(r"[.,]\d{1,2}$", raw):
        whole, frac = raw[:-3 if raw[-3] in ".," else -2], raw[-2:].lstrip(".,")
        raw = whole.replace(".", "").replace(",", "") + "." + frac
    else:
        raw = raw.replace(".", "").replace(",", "")
    try:
        return float(raw)
    except ValueError:
        return 0.0
