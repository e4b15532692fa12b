"""Confirmshaming: indifference to one's own things ("mein Handy ist mir egal", "my skin
doesn't matter to me"). None of these lines is from a held-out set or probe."""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import CS, rules_of


@pytest.mark.parametrize("text", [
    "Ohne Schutz weiter – mein Handy ist mir egal",
    "No thanks, my skin doesn't matter to me",
    "Nee, mijn fiets kan me niks schelen",
    "Non merci, mon jardin m'est égal",
    "No gracias, mi coche me da igual",
])
def test_indifference_to_ones_own_things_shames(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    "My order is on its way",
    "Mein Paket ist angekommen",
    "My privacy is not for sale",
    "Il mio ordine è in ritardo",
    "Mijn account is niet actief",
    "My phone is not working",
])
def test_plain_statements_about_ones_things_are_quiet(text: str) -> None:
    assert CS not in rules_of(text)
