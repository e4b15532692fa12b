"""Implied consent: carrying on named as a noun and taken "as agreement", and staying on the
site. None of these lines is from a held-out set or probe."""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import IC, rules_of


@pytest.mark.parametrize("text", [
    "We will regard your continued browsing as acceptance of these cookies.",
    "Your further visit counts as your agreement to our use of cookies.",
    "Wir betrachten den fortgesetzten Aufenthalt auf der Seite als Einwilligung in Cookies.",
    "Nous interprétons la poursuite de la navigation comme votre consentement aux cookies.",
    "Entendemos la continuación de la navegación como su consentimiento a las cookies.",
    "Interpretiamo la continuazione della navigazione come il tuo consenso ai cookie.",
    "We zien het voortgezette bezoek als uw toestemming voor cookies.",
    "Se rimani, presumiamo che accetti i cookie.",
    "Si permaneces, entendemos que aceptas las cookies.",
    "Als u op de site blijft, gaan we ervan uit dat u akkoord gaat met cookies.",
])
def test_carrying_on_taken_as_agreement_is_implied_consent(text: str) -> None:
    assert IC in rules_of(text)


@pytest.mark.parametrize("text", [
    "Your continued support as a member is appreciated.",
    "Thanks for your continued visit! As a welcome, take 10% off.",
    "Se resti a casa, guarda i nostri film in streaming.",
    "Als je blijft hangen na de film, krijg je korting op een drankje.",
    "Si te quedas a dormir, el desayuno está incluido.",
    "We rely on your consent as our legal basis; you can refuse it below.",
    "La poursuite de votre lecture est réservée aux abonnés.",
])
def test_look_alikes_stay_quiet(text: str) -> None:
    assert IC not in rules_of(text)


@pytest.mark.parametrize("text", [
    "Wenn du weitersurfst, stimmst du der Nutzung von Marketing-Cookies zu.",
    "Faire défiler la page équivaut à accepter nos traceurs.",
    "Se continui a navigare, riteniamo accettati i cookie di profilazione.",
    "Chiudendo questo avviso, i cookie si intendono accettati.",
])
def test_hyphenated_objects_scrolling_infinitives_and_italian_passives(text: str) -> None:
    assert IC in rules_of(text)


def test_scrolling_for_offers_is_no_consent() -> None:
    assert IC not in rules_of("Faire défiler la page pour voir nos offres.")
