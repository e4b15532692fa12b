"""Implied consent to marketing: carrying on that signs a person up to marketing e-mails or
a newsletter is implied consent as much as carrying on that accepts cookies; terms of sale
and a sign-up the person asks for are not. None of these lines is from a held-out set."""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import IC, rules_of


@pytest.mark.parametrize("text", [
    "Proceeding to payment confirms you agree to receive our newsletter.",
    "By continuing to checkout you agree to receive marketing emails.",
    "Wenn Sie fortfahren, stimmen Sie dem Erhalt unseres Newsletters zu.",
    "En continuant, vous acceptez de recevoir notre newsletter.",
    "Al continuar, aceptas recibir correos comerciales.",
    "Continuando, accetti di ricevere comunicazioni commerciali.",
    "Door verder te gaan, ga je akkoord met onze nieuwsbrief.",
])
def test_carrying_on_into_marketing_is_implied_consent(text: str) -> None:
    assert IC in rules_of(text)


@pytest.mark.parametrize("text", [
    "By continuing you agree to our terms of sale.",
    "By placing your order you agree to our terms.",
    "By subscribing to our newsletter you agree to our privacy policy.",
    "Sign up for our newsletter",
])
def test_terms_and_asked_for_sign_ups_are_quiet(text: str) -> None:
    assert IC not in rules_of(text)
