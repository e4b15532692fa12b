"""Confirmshaming: others left to pay, one's looks, business or pet left as they are, the
planet left to fend for itself, refusing to learn a language or to help animals, the same
dinner every night; and quoted shaming in an article is no finding. None of these lines is
from a held-out set or probe."""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import CS, rules_of


@pytest.mark.parametrize("text", [
    'No thanks, let someone else pay for the reporting',
    "I'm fine with my hair looking dull",
    'No thanks, my business can stay right where it is',
    'Nah, the bees can look after themselves',
    'Sorry, musicians, I only stream for free',
    "Non merci, je n'ai pas besoin d'apprendre l'espagnol",
    'Nein danke, ich will keine neue Sprache lernen',
    'No gracias, no quiero aprender inglés',
    "No grazie, non voglio imparare l'inglese",
    'Nee bedankt, ik hoef geen Engels te leren',
    "No thanks, I don't need to learn Spanish",
    'Non, je ne veux pas sauver les animaux',
    'No gracias, no quiero ayudar a los animales',
    'No grazie, non voglio aiutare gli animali',
    'Nee, ik wil geen dieren helpen',
    'Nein danke, ich will keinen Tieren helfen',
    'Nope, my dog will eat anything',
    'No, mi perro puede comer cualquier cosa',
    'No thanks, I love eating the same dinner every night',
    'Prefiero comer siempre lo mismo',
    'Rinuncio, il mio divano può restare brutto',
    'Nee, lokale winkels kunnen me niks schelen',
])
def test_leaving_things_as_they_are_or_to_others_shames(text: str) -> None:
    assert CS in rules_of(text)


# Quoted buttons in news, appeals, plain statements without a decline, shop terms.
@pytest.mark.parametrize("text", [
    "The regulator fined the shop for a pop-up whose decline button read 'No, I hate saving money'.",
    "L'Autorità ha multato l'azienda per un pulsante che diceva «No, preferisco pagare di più».",
    'Let someone else know about this offer',
    'My hair looked dull before I tried this serum, now it shines',
    'Our business will stay where it is: at 12 High Street',
    'Learn Spanish in 10 minutes a day',
    'Help the animals at our shelter: donate today',
    'My dog will eat anything, so I keep the bin closed',
    'The same recipe every Sunday since 1952',
    'Passo dopo passo, il nostro caffè migliora',
    "Rinuncia all'ordine entro 14 giorni",
])
def test_quotes_appeals_and_plain_statements_are_quiet(text: str) -> None:
    assert CS not in rules_of(text)
