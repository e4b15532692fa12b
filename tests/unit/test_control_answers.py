"""A control whose whole text only answers yes accepts ("Klar, gerne!", "Bien sûr !")."""

from __future__ import annotations

import pytest

from companion.consent.controls import classify_text

YES = [
    "Klar, gerne!", "Gerne!", "Na klar", "Selbstverständlich", "Ja, sehr gern",
    "Sure!", "Of course", "Absolutely!", "Yes please", "OK, sure!", "Why not?", "Count me in",
    "Bien sûr !", "Avec plaisir", "Oui, volontiers", "Pourquoi pas ?",
    "¡Claro que sí!", "Por supuesto", "Con mucho gusto", "Sí, gracias",
    "Certo!", "Volentieri", "Sì, grazie", "Perché no?",
    "Tuurlijk!", "Graag!", "Ja, graag", "Natuurlijk",
    "Sim, claro", "Com certeza", "Tak, chętnie", "Oczywiście", "Självklart", "Ja tack",
    "Selvfølgelig", "Gjerne!", "Totta kai", "Jasně", "Samozřejmě", "Desigur", "Cu plăcere",
    "Persze", "Szívesen", "Ναι, ευχαριστώ", "Φυσικά",
]
NOT_YES = {
    "OK": "acknowledge", "Okay": "acknowledge", "Ok, thanks": "acknowledge", "Thanks!": "acknowledge",
    "Merci": "acknowledge", "Alles klar": "acknowledge", "No thanks": "reject", "Nein danke": "reject",
    "Non merci": "reject", "Settings": "settings", "Please wait": "other", "Sure-fire savings": "other",
    "Of course not": "other", "Gerne später": "other", "Klar ablehnen": "reject",
}


@pytest.mark.parametrize("text", YES)
def test_a_bare_yes_accepts(text: str) -> None:
    assert classify_text(text) == "accept"


@pytest.mark.parametrize(("text", "role"), NOT_YES.items())
def test_acknowledgements_refusals_and_other_words_are_not_a_yes(text: str, role: str) -> None:
    assert classify_text(text) == role
