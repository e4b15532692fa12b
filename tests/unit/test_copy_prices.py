from __future__ import annotations

import pytest

from companion.copy.prices import find_price, has_paid_price


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("Add insurance +€12.99", 12.99),
        ("Geschenkverpackung 3,50 €", 3.5),
        ("CHF 5.-", 5.0),
        ("$3", 3.0),
        ("4.99 EUR", 4.99),
        ("1.299,00 €", 1299.0),
        ("Gift wrap (+ £2.50)", 2.5),
        ("Donate 1€", 1.0),
    ],
)
def test_prices_are_found(text: str, amount: float) -> None:
    found = find_price(text)
    assert found is not None and found[1] == pytest.approx(amount)
    assert has_paid_price(text)


@pytest.mark.parametrize("text", ["€0.00", "0 €", "free", "version 2.0", "since 1998", "2 x 3"])
def test_no_paid_price(text: str) -> None:
    assert not has_paid_price(text)


@pytest.mark.parametrize(
    ("text", "written", "amount"),
    [
        ("Klimabeitrag CHF 5.–", "CHF 5.–", 5.0),
        ("Assurance 4€99", "4€99", 4.99),
        ("Lounge pass £6.50pp", "£6.50", 6.5),
        ("Fast track US$ 12", "US$ 12", 12.0),
        ("Zusatzpaket 12,-- €", "12,-- €", 12.0),
    ],
)
def test_more_price_formats(text: str, written: str, amount: float) -> None:
    assert find_price(text) == (written, pytest.approx(amount))
