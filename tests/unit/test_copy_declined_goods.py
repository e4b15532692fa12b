"""Confirmshaming: turning down doing better, earning more or one's own business growing, and
declining with "I'll take my chances" or "I'd rather keep failing". None of these lines is
from a held-out set or probe."""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import CS, rules_of


@pytest.mark.parametrize("text", [
    "No thanks, I don't want to eat healthier",
    "No, I don't need to earn more money",
    "I don't want my savings to grow",
    "Nein danke, ich möchte nicht gesünder essen",
    "Nein, ich will nicht mehr verdienen",
    "Non merci, je ne veux pas vieillir mieux",
    "Non, je ne souhaite pas que mon activité se développe",
    "No, no quiero ahorrar más dinero",
    "No gracias, no quiero que mi tienda prospere",
    "No, non voglio mangiare meglio",
    "No grazie, non voglio che la mia azienda cresca",
    "Nee, ik wil niet gezonder eten",
    "Nee, ik wil niet dat mijn bedrijf groeit",
    "No thanks, I don't need a pay rise",
])
def test_turning_down_doing_better_shames(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    "Nah, I'll take the risk",
    "No, I'd rather keep falling behind",
    "Nein danke, ich trage das Risiko",
    "Non merci, je tente ma chance",
    "No, gracias, asumo el riesgo",
    "No grazie, mi prendo il rischio",
    "Nee bedankt, ik waag het erop",
    "No, continuo a fare errori",
])
def test_declining_by_taking_ones_chances_or_failing_shames(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    "I don't want to work more hours",
    "We take no risk with your data",
    "Don't take the risk: back up your files now",
    "Keep making mistakes? Our course helps",
    "No quiero recibir más correos",
    "No, I don't want this promotion",
    "Non voglio la promozione",
    "Our business grows thanks to you",
    "Ich möchte keine Beförderung im Nachtbus",
    "No quiero un aumento de precio",
    "Sleep better with our mattress, try it for 100 nights",
])
def test_look_alikes_stay_quiet(text: str) -> None:
    assert CS not in rules_of(text)
