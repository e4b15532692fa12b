"""Confirmshaming: carrying on without supporting someone named, refusing to sleep or eat
better, a pet or child that "doesn't need" something good, "Remind me never", missing the
sale or losing a welcome gift, and more ways to brush an offer off ("Pas besoin", "Schon
gut", "Laat maar"). None of these lines is from a held-out set or probe."""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import CS, rules_of


@pytest.mark.parametrize("text", [
    'Continue without supporting independent journalism',
    'Continue without helping the artists on this page',
    'Weiter, ohne die Redaktion zu unterstützen',
    'Continuer sans soutenir le journalisme local',
    'Continuar sin apoyar a los creadores',
    'Continua senza sostenere i giornalisti',
    'Verder zonder de makers te steunen',
    "No thanks, I'm not interested in eating better",
    'Nein danke, ich will nicht besser schlafen',
    'Non merci, je ne veux pas mieux dormir',
    'No gracias, no quiero dormir mejor',
    'No grazie, non voglio dormire meglio',
    'Nee, ik wil niet beter slapen',
    "No thanks, my cat doesn't need healthy food",
    'Nein danke, mein Hund braucht kein gesundes Futter',
    "Non merci, mon chien n'a pas besoin de croquettes saines",
    'No gracias, mi perro no necesita comida sana',
    'No grazie, il mio cane non ha bisogno di cibo sano',
    'Nee bedankt, mijn hond heeft geen gezonde voeding nodig',
    'Remind me never',
    'Ask me never, I love paying full price',
    "I'd rather miss the sale",
    'Decline and lose my welcome voucher',
    'Pas besoin, je suis déjà un expert',
    'Schon gut, ich weiß eh alles',
    'No hace falta, prefiero pagar de más',
    'Laat maar, ik betaal liever de volle prijs',
])
def test_refusing_a_good_deed_or_a_better_life_shames(text: str) -> None:
    assert CS in rules_of(text)


# Carrying on without an account or a payment, plain postponing, plain information.
@pytest.mark.parametrize("text", [
    'Continue without paying',
    'Weiter ohne zu bezahlen',
    'Continue without saving',
    'Continue without signing in',
    'Continuer sans créer de compte',
    'Continuar sin registrarse',
    'Verder zonder account',
    "My dog doesn't need a bigger crate",
    'Not interested in this topic',
    "No thanks, I'll sleep on it",
    'Remind me later',
    'Pas besoin de compte pour commander',
    'Schon gut, danke für die Info',
    'Laat maar, ik bestel wel morgen',
    'Sorry you missed the sale',
    'Non serve registrarsi',
])
def test_plain_skips_and_postponing_are_quiet(text: str) -> None:
    assert CS not in rules_of(text)
