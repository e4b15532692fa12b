"""Confirmshaming: a decline that answers with one's own mess or misery, with going on paying
or losing, or with putting up with something worse. None of these lines is from a held-out
set or probe."""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import CS, rules_of


@pytest.mark.parametrize("text", [
    "No thanks, I'll keep overpaying for my phone plan",
    "Reject all and put up with generic ads",
    "Nein danke, mein Keller bleibt im Chaos",
    "Non merci, mon bureau restera en désordre",
    "No grazie, il mio armadio può restare in disordine",
    "Nee, mijn administratie blijft een chaos",
    "Nee bedankt, ik blijf gewoon te veel betalen",
    "Não, prefiro continuar a pagar mais",
    "Refuser et subir des publicités sans intérêt",
    "Rechazar y aguantar anuncios que no me interesan",
])
def test_a_decline_answered_with_ones_own_misery_shames(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    "No thanks, I already have an account",
    "No thanks, my cart is full already",
    "Nein danke, ich bezahle per Rechnung",
    "Non merci, je paie en magasin",
    "No, this won't be boring",
    "Reject all and continue",
    "Refuser et fermer",
    "Decline and close this window",
    "Our guide: how to stop the chaos in your kitchen",
    "I hate clutter: my desk is never a mess",
    "No thanks, I'll keep browsing",
    "Nee, ik blijf liever anoniem",
])
def test_ordinary_declines_and_tidy_desks_stay_quiet(text: str) -> None:
    assert CS not in rules_of(text)


@pytest.mark.parametrize("text", [
    "No thanks, I love paying bank charges",
    "Nein danke, Papierkram ist mein Hobby",
    "Lieber nicht – ich liebe Versandkosten",
    "Non merci, j'adore payer les frais de port",
    "No, gracias, me encantan las colas",
    "No grazie, adoro pagare le commissioni",
    "Nee hoor, ik vind wachtrijen best gezellig",
])
def test_mock_delight_in_a_nuisance_after_a_decline_shames(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    "I love our free shipping",
    "We hate fees as much as you do",
    "No fees, no stress: that's our promise",
    "J'adore ce produit, sans frais de port",
    "Nee hoor, de verzendkosten zijn gratis",
])
def test_delight_without_a_decline_or_a_nuisance_is_quiet(text: str) -> None:
    assert CS not in rules_of(text)
