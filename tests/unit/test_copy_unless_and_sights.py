"""Trick questions negated by "unless", and social proof from people who have a thing in
their sights. None of these lines is from a held-out set or probe."""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import CD, SP, TQ, rules_of


@pytest.mark.parametrize("text", [
    "Leave this box ticked unless you do not wish to hear about our partners' offers.",
    "Kreuzen Sie das Feld an, es sei denn, Sie wollen keinen Newsletter.",
    "Cochez la case, sauf si vous ne voulez pas de nos bons plans.",
    "Marca la casilla salvo que no desees recibir promociones.",
    "Seleziona la casella, a meno che tu non desideri ricevere la newsletter.",
    "Vink dit vakje aan, tenzij je de nieuwsbrief niet wilt ontvangen.",
])
def test_unless_with_a_negation_is_a_double_negative(text: str) -> None:
    assert TQ in rules_of(text)


@pytest.mark.parametrize("text", [
    "Tick this box to get our newsletter, unless you already receive it.",
    "Delivery within 2 days unless the item is out of stock.",
    "Cochez la case pour recevoir nos offres, sauf si vous êtes déjà inscrit.",
])
def test_unless_alone_is_one_condition(text: str) -> None:
    assert TQ not in rules_of(text)


@pytest.mark.parametrize("text", [
    "5 other travellers have this apartment on their shortlist",
    "12 Gäste haben dieses Zimmer gerade im Visier",
    "Sept clients ont ce canapé dans leur collimateur",
    "20 personas tienen este vuelo en su radar",
    "Dieci utenti hanno questo divano sott'occhio",
    "Vijf klanten hebben deze jas op hun verlanglijst",
])
def test_people_who_have_it_in_their_sights_are_social_proof(text: str) -> None:
    assert SP in rules_of(text)


@pytest.mark.parametrize("text", [
    "Our 3 designers have every detail in view",
    "2 Kinder haben das gerade im Blick: bitte aufpassen",
    "Nos 4 experts ont votre dossier en vue",
])
def test_staff_or_children_with_something_in_view_are_no_social_proof(text: str) -> None:
    assert SP not in rules_of(text)


@pytest.mark.parametrize("text", [
    "Doors close on this course in 05:12:44",
    "Enrollment closes in 2 days 04:00:00",
    "Nog 3 uur en 15 minuten, dan vervalt de actie",
])
def test_closing_doors_and_dutch_then_gone_are_countdowns(text: str) -> None:
    assert CD in rules_of(text)


@pytest.mark.parametrize("text", [
    "Doors close at 19:30, the show starts at 20:00",
    "Nog 2 uur, dan is de winkel dicht",
])
def test_opening_hours_are_no_countdown(text: str) -> None:
    assert CD not in rules_of(text)


@pytest.mark.parametrize("text", [
    "Más de 120 viajeros la reservaron este mes",
    "Ruim 80 klanten boekten het in de afgelopen 24 uur",
])
def test_buyers_with_an_object_pronoun_are_social_proof(text: str) -> None:
    assert SP in rules_of(text)
