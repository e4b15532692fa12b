"""Confirmshaming: a refusal joined to a negated good deed ("Refuser et ne pas soutenir le
journalisme local"). Found by blind banner set 5; none of these lines is from a held-out set."""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import CS, TQ, rules_of


@pytest.mark.parametrize("text", [
    "Decline and don't support local news",
    "Reject all and stop supporting independent journalism",
    "Refuse and do not help small businesses",
    "Alle ablehnen und keine unabhängigen Journalisten unterstützen",
    "Refuser et ne plus soutenir la presse indépendante",
    "Tout refuser et ne pas soutenir nos journalistes",
    "Rechazar todo y no apoyar el periodismo independiente",
    "Rifiuta tutto e non sostenere il giornalismo indipendente",
    "Weigeren en onze journalisten niet steunen",
])
def test_a_refusal_joined_to_a_negated_good_deed_shames(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    "Decline and don't ask me again",
    "Reject all and do not show this message again",
    "Ablehnen und nicht mehr anzeigen",
    "Refuser et ne plus afficher ce message",
    "Rechazar y no volver a mostrar",
    "Rifiuta e non mostrare più questo avviso",
    "Weigeren en niet meer vragen",
    "Refuser et continuer sans accepter",
])
def test_a_refusal_joined_to_an_ordinary_instruction_is_quiet(text: str) -> None:
    assert CS not in rules_of(text)
    assert TQ not in rules_of(text)
