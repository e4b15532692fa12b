"""Control roles: accepting only the necessary cookies is a refusal however it is worded
("Accepter nécessaire", "Notwendige akzeptieren"), unless more is accepted with them; a
bare "Review" or "Überprüfen" opens the settings, a link to review a policy does not."""

from __future__ import annotations

import pytest

from companion.consent.controls import classify_text


@pytest.mark.parametrize("text", [
    "Accept necessary", "Allow essential cookies", "Accepter nécessaire", "Autoriser les essentiels",
    "J'accepte uniquement les nécessaires", "Notwendige akzeptieren", "Erforderliche zulassen",
    "Akzeptiere nur die notwendigen", "Aceptar necesarias", "Permitir solo esenciales",
    "Accetta necessari", "Consenti solo i tecnici", "Noodzakelijke accepteren",
    "Accepteer alleen noodzakelijke cookies",
])
def test_accepting_only_the_necessary_refuses(text: str) -> None:
    assert classify_text(text) == "reject"


@pytest.mark.parametrize("text", [
    "Accept necessary and analytics", "Accepter nécessaire et statistiques",
    "Notwendige und Statistik akzeptieren", "Accept all", "Alle akzeptieren", "Accepter",
])
def test_accepting_more_than_the_necessary_accepts(text: str) -> None:
    assert classify_text(text) == "accept"


@pytest.mark.parametrize("text", [
    "Review", "Review settings", "Überprüfen", "Auswahl prüfen", "Revoir mes choix", "Revisar opciones",
    "Rivedi le scelte", "Voorkeuren bekijken",
])
def test_review_opens_the_settings(text: str) -> None:
    assert classify_text(text) == "settings"


def test_a_link_to_review_a_policy_is_no_settings_control() -> None:
    assert classify_text("Review our cookie policy") != "settings"
