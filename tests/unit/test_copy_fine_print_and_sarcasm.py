"""Fine print that signs a person up to marketing by ordering or opening an account, clock
deadlines ("guaranteed until 23:59"), shares claimed, and shaming by sarcasm ("said no one
ever", "I love living dangerously", "my cat deserves less"). None of these lines is from a
held-out set or probe."""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import rules_of


@pytest.mark.parametrize(("text", "rule"), [
    ('By completing your booking you also agree to receive promotional emails.', 'consent.implied-consent'),
    ("Opening an account means you're happy for us to send you offers by email.", 'consent.implied-consent'),
    ('Mit Absenden der Bestellung erklären Sie sich mit dem Erhalt unseres Newsletters einverstanden.',
     'consent.implied-consent'),
    ('En validant votre commande, vous acceptez de recevoir notre newsletter.', 'consent.implied-consent'),
    ('Al completar tu pedido, aceptas recibir correos comerciales.', 'consent.implied-consent'),
    ('Offer guaranteed until 23:59', 'pressure.countdown'),
    ('Nog 3 uur en 20 minuten om te bestellen', 'pressure.countdown'),
    ('Almost gone: 92% claimed', 'pressure.scarcity'),
    ('No thanks, my cat deserves less', 'consent.confirmshaming'),
    ('Non merci, mes enfants méritent moins bien', 'consent.confirmshaming'),
    ('Go on without cover, I love living dangerously', 'consent.confirmshaming'),
    ("No thanks, I'll keep my cramped flat", 'consent.confirmshaming'),
    ("Nah, I'll guess my way through the exam", 'consent.confirmshaming'),
    ("No thanks, I don't need advice from qualified coaches", 'consent.confirmshaming'),
    ('My plan is already perfect (said no one ever)', 'consent.confirmshaming'),
    ("I'm fine missing the new releases", 'consent.confirmshaming'),
])
def test_fine_print_deadlines_and_sarcasm(text: str, rule: str) -> None:
    assert rule in rules_of(text)


# Terms of sale, a newsletter sign-up, dated offers, opening hours, honest shares, cooking.
@pytest.mark.parametrize("text", [
    "By signing up you agree to receive marketing emails. Unsubscribe any time.",
    "Nog 10 minuten om de saus te laten inkoken",
    'By placing your order you agree to our terms of sale.',
    'Creating an account lets you track your orders.',
    'Mit Absenden der Bestellung akzeptieren Sie unsere AGB.',
    'Offer valid until 31 March',
    'Store open until 21:30',
    'Nog 3 uur tot de winkel sluit',
    '87% of customers recommend us',
    'My cat deserves the best, so I switched food',
    'I love living in Amsterdam',
    'Our flat is small but cosy',
    'Get advice from qualified coaches',
])
def test_terms_dates_and_plain_statements_are_quiet(text: str) -> None:
    assert rules_of(text) == set()
