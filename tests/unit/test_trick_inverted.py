"""Trick questions: an instruction to leave a box unticked, or not to tick it, in order to
receive or allow something inverts what ticking means. None of these lines is from a
held-out set or probe."""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import TQ, rules_of

INVERTED = [
    "Leave this box unchecked to let us share your details with our partners.",
    "Do not tick this box if you would like to receive offers from our partners.",
    "Kreuzen Sie dieses Feld nicht an, wenn Sie Angebote unserer Partner per E-Mail erhalten möchten.",
    "Lassen Sie das Feld leer, wenn Sie Newsletter von Partnern erhalten wollen.",
    "Ne cochez pas cette case si vous souhaitez recevoir les offres de nos partenaires.",
    "No marque esta casilla si desea recibir ofertas de nuestros socios.",
    "Non selezionare questa casella se desideri ricevere offerte dai nostri partner.",
    "Vink dit vakje niet aan als u aanbiedingen van partners wilt ontvangen.",
    "Lascia la casella vuota se non vuoi opporti alle offerte dei partner.",
]


@pytest.mark.parametrize("text", INVERTED)
def test_an_inverted_box_is_a_trick_question(text: str) -> None:
    assert TQ in rules_of(text)
    assert TQ in rules_of(text, control=True)


@pytest.mark.parametrize("text", [
    "Tick this box to receive offers from our partners.",
    "Leave this field empty if you have no VAT number.",
    "Do not tick this box if you are under 18.",
    "Lassen Sie das Feld leer, wenn Sie keine Firma haben.",
    "Lascia la casella vuota se non desideri ricevere offerte.",
    "Keep me signed in",
])
def test_plain_boxes_and_form_hints_are_quiet(text: str) -> None:
    assert TQ not in rules_of(text, control=True)
