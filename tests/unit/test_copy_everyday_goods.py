"""Confirmshaming about everyday goods: staying in the loop, an easier life, a business
that "doesn't need more customers", free guides, and leaving ("Unsubscribe and miss out").
None of these lines is from a held-out set or probe."""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import CS, rules_of


@pytest.mark.parametrize("text", [
    "No thanks, I don't want to take advantage of this offer",
    "No thanks, I don't want to stay in the loop",
    "No thanks, I don't want to be in the know",
    "I don't want to make my life easier",
    "No, my business doesn't need more customers",
    "No thanks, I'm not a fan of free books",
    'Unsubscribe and miss out on exclusive deals',
    'Nein danke, ich möchte nicht auf dem Laufenden bleiben',
    'Nein danke, ich will mein Leben nicht einfacher machen',
    'Nein, mein Shop braucht keine neuen Kunden',
    'Non merci, je ne veux pas rester au courant',
    'Non merci, je ne veux pas me simplifier la vie',
    "Non, mon entreprise n'a pas besoin de nouveaux clients",
    'No gracias, no quiero estar al día',
    'No gracias, no quiero hacerme la vida más fácil',
    'No, mi negocio no necesita más clientes',
    'No grazie, non voglio restare aggiornato',
    'No grazie, non voglio semplificarmi la vita',
    'No, la mia attività non ha bisogno di nuovi clienti',
    'Nee bedankt, ik wil niet op de hoogte blijven',
    'Nee bedankt, ik wil mijn leven niet makkelijker maken',
    'Nee, mijn bedrijf heeft geen nieuwe klanten nodig',
    'Se désabonner et rater les offres exclusives',
    'Abmelden und alle Angebote verpassen',
])
def test_refusing_an_everyday_good_shames(text: str) -> None:
    assert CS in rules_of(text)


# The same words selling, or leaving with no loss named.
@pytest.mark.parametrize("text", [
    'Close and continue shopping',
    'Unsubscribe and delete my data',
    'Cancel and return to the cart',
    'Skip and go to checkout',
    "My account doesn't need a password reset",
    "Our shop doesn't need cookies to work",
    "I'm not a fan of pop-ups either, so this is the only one you'll see",
    'Take advantage of free returns on every order',
    'Stay in the loop with our newsletter',
    'Make your life easier with our app',
    'Get more customers with our ads platform',
    'Free templates for your next project',
    'Abmelden und Daten löschen',
    'Se désabonner et supprimer mes données',
    'Darse de baja y borrar mis datos',
    'Annulla e torna al carrello',
    'Afmelden en mijn gegevens wissen',
    'Mein Konto braucht keine Zwei-Faktor-Anmeldung',
    "No, my order doesn't need gift wrapping",
])
def test_selling_and_plain_leaving_are_quiet(text: str) -> None:
    assert CS not in rules_of(text)
