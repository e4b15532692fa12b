"""Confirmshaming: a poor state taken on as one's choice ("I'm fine with being average",
"Keep my inbox boring", "Mittelmaß reicht mir"), a decline answered with one's own poor
state, and one's own things left to fend for themselves. None of these lines is from a
held-out set or probe."""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import CS, rules_of


@pytest.mark.parametrize("text", [
    "I'm perfectly happy with mediocre photos",
    "No thanks, I'm okay with being clueless about wine",
    'I like my spreadsheets messy',
    "I'll stick with my outdated résumé",
    'Mediocre is fine by me',
    'No thanks, my lawn can stay patchy and sad',
    "No thanks, I'm hopeless at budgeting anyway",
    'Keep my kitchen knives dull',
    'Continue with the clunky old editor',
    'My tomatoes can fend for themselves',
    'Someone else can pay for the podcast',
    'Let the artists go unpaid',
    "I'd rather not know what my car needs",
    'Ich bin mit durchschnittlichen Fotos zufrieden',
    'Nein danke, mein Lebenslauf darf altbacken bleiben',
    'Lieber weiter chaotisch arbeiten',
    'Mittelmaß reicht mir völlig',
    'Meine Pflanzen können sich selbst versorgen',
    'Non merci, je me contente de photos médiocres',
    "J'aime mes tableurs en désordre",
    'Non merci, mon CV peut rester ringard',
    'Mes plantes vont se débrouiller toutes seules',
    'No gracias, estoy contento con fotos mediocres',
    'Me gustan mis hojas de cálculo desordenadas',
    'No gracias, mi jardín puede seguir feo',
    'Mis plantas pueden arreglárselas solas',
    'No grazie, mi accontento di foto mediocri',
    'Mi piace il mio armadio in disordine',
    'No grazie, il mio curriculum può restare antiquato',
    'Le mie piante possono arrangiarsi da sole',
    "Nee bedankt, ik ben tevreden met middelmatige foto's",
    'Ik hou van mijn rommelige spreadsheets',
    'Nee bedankt, mijn cv mag gewoon ouderwets blijven',
    'Mijn planten kunnen zichzelf wel redden',
])
def test_a_poor_state_taken_on_as_a_choice_shames(text: str) -> None:
    assert CS in rules_of(text)


# Answers, reviews and neutral preferences: a bare "no" before a complaint, a verdict on
# a named thing ("the", "this"), going slowly as a reason.
@pytest.mark.parametrize("text", [
    'No, the delivery was slow',
    'No, my parcel arrived broken',
    'No, I had a bad experience with the courier',
    "I'm happy with my order",
    'I love my new slow cooker',
    "No thanks, I'm happy with my current plan",
    'Continue with the basic plan',
    'Keep my account active',
    'Keep my settings',
    "I'm a fan of your newsletter",
    'Our old website was clunky, so we rebuilt it',
    'Boring cables made beautiful',
    'Is this fine by you?',
    'My plants need water twice a week',
    'Someone else will collect the parcel',
    "I'd rather not say",
    "No thanks, I'm not interested",
    'Nein, die Lieferung kam beschädigt an',
    'Ich bin mit meiner Bestellung zufrieden',
    'Mein Paket ist kaputt angekommen',
    'Non, mon colis est arrivé cassé',
    'Je suis satisfait de ma commande',
    'No, el pedido llegó roto',
    'Estoy contento con mi pedido',
    'No, il pacco è arrivato rotto',
    'Sono soddisfatto del mio ordine',
    'Nee, mijn pakket kwam kapot aan',
    'Ik ben tevreden met mijn bestelling',
    'Review: the hotel room was dull and outdated',
    'Keep it simple',
    "I'm happy with the average battery life",
    'Ich bin mit der durchschnittlichen Akkulaufzeit zufrieden',
    'Je suis content de la qualité moyenne du son',
    'Estoy contento con la batería mediocre',
    'Sono soddisfatto della qualità mediocre',
    'Ik ben tevreden met de middelmatige batterij',
    'Nein danke, ich fahre lieber langsam',
])
def test_answers_reviews_and_neutral_preferences_are_quiet(text: str) -> None:
    assert CS not in rules_of(text)
