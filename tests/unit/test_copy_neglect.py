"""Confirmshaming: stopping one's support, staying a beginner, one's health or future that
"can wait" or "is not so important", leaving one's things unprotected, loving being spammed,
losing one's progress, others managing without me, and goodbyes to one's savings. None of
these lines is from a held-out set or probe."""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import CS, rules_of


@pytest.mark.parametrize("text", [
    "No thanks, I'd rather not help a family in need",
    'Unsubscribe and stop supporting local journalism',
    'Nope, my plants will figure it out on their own',
    "I'll stick with hotels that cost more",
    'Skip the course and stay an amateur',
    'Nein danke, ich bleibe lieber Anfänger',
    'Non merci, je resterai un débutant',
    'No gracias, prefiero seguir siendo un novato',
    'No thanks, my career can wait',
    'Nein danke, meine Gesundheit kann warten',
    'Non merci, ma santé peut attendre',
    'No gracias, mi salud puede esperar',
    'No grazie, la mia salute può aspettare',
    'Nee bedankt, mijn gezondheid kan wel wachten',
    "Don't save me money",
    'Leave my phone unprotected',
    'Nein danke, ich lasse mein Haus ungeschützt',
    'Je laisse ma maison sans protection',
    'I love being spammed, keep them coming',
    "I'm fine losing all my saved games",
    'Mute notifications and miss every drop',
    'Meine Zukunft ist mir nicht so wichtig',
    "Ma santé n'est pas si importante pour moi",
    'Mi futuro no es tan importante para mí',
    'Il mio futuro non è così importante per me',
    'Mijn gezondheid is niet zo belangrijk voor mij',
    'Les refuges se débrouilleront sans moi',
    'Die Tiere kommen auch ohne mich klar',
    'Tant pis pour mes économies',
    'Goodbye to my discount',
    'Prefiero seguir con errores de ortografía',
    'No, preferisco perdere i miei punti fedeltà',
    'Não, prefiro ficar desorganizado',
])
def test_neglecting_oneself_or_others_shames(text: str) -> None:
    assert CS in rules_of(text)


# Appeals, plain settings and plain information in the same words.
@pytest.mark.parametrize("text", [
    'Help a family in need this winter: donate today',
    'Stop supporting Internet Explorer',
    'Our plants are grown on their own farm',
    'Hotels that cost more often include breakfast',
    'Stay an extra night and save 10%',
    'My order can wait until Monday',
    'Mi pedido puede esperar',
    "Don't save my card details",
    'Leave my details unchanged',
    'I love being outdoors',
    'Mute notifications',
    'Your data is important to us',
    'Je laisse un commentaire',
    'Goodbye, see you soon',
    'Tant pis, je reviendrai demain',
    'Lose weight with our 12-week plan',
    'Losing your progress? Sync your saves to the cloud',
    'Turn off notifications and save battery',
])
def test_appeals_settings_and_information_are_quiet(text: str) -> None:
    assert CS not in rules_of(text)
