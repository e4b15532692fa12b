"""Pressure shapes of shop and booking pages: basket counts ("Added to 87 baskets"),
purchase counts per period ("500+ bought in past month"), other people comparing, "once
it's gone, it's gone", last batches, and time left to complete a booking. None of these
lines is from a held-out set or probe."""

from __future__ import annotations

import pytest

from tests.unit.copy_rules import rules_of


@pytest.mark.parametrize(("text", "rule"), [
    ('5 other people are looking at this room', 'pressure.social-proof'),
    ('12 shoppers are viewing this item right now', 'pressure.social-proof'),
    ('Sarah from Leeds bought this 4 minutes ago', 'pressure.social-proof'),
    ('Someone in Munich just purchased this', 'pressure.social-proof'),
    ('Added to 87 baskets in the last 24 hours', 'pressure.social-proof'),
    ('In 340 carts right now', 'pressure.social-proof'),
    ('Booked 19 times today', 'pressure.social-proof'),
    ('42 people have this in their cart', 'pressure.social-proof'),
    ('Tom in Dublin just booked a table', 'pressure.social-proof'),
    ('Over 1,200 sold this week', 'pressure.social-proof'),
    ('Trending: 500+ bought in past month', 'pressure.social-proof'),
    ('Someone in Paris added this to their cart 2 minutes ago', 'pressure.social-proof'),
    ('7 other guests are comparing these dates', 'pressure.social-proof'),
    ('This hotel was booked 23 times in the last 24 hours', 'pressure.social-proof'),
    ("Once it's gone, it's gone", 'pressure.scarcity'),
    ("When they're gone, they're gone", 'pressure.scarcity'),
    ('Last batch of the season', 'pressure.scarcity'),
    ('Final few pairs available', 'pressure.scarcity'),
    ('In 2,310 shopping carts right now', 'pressure.social-proof'),
    ('Maria in Porto grabbed one of these an hour ago', 'pressure.social-proof'),
    ("Ti restano 10 minuti per completare l'ordine", 'pressure.countdown'),
    ('Il vous reste 5 minutes pour finaliser votre réservation', 'pressure.countdown'),
    ('Te quedan 10 minutos para completar tu compra', 'pressure.countdown'),
    ('Sie haben noch 10 Minuten, um Ihre Bestellung abzuschließen', 'pressure.countdown'),
    ('Je hebt nog 10 minuten om je bestelling af te ronden', 'pressure.countdown'),
    ('You have 10 minutes to complete your booking at this price', 'pressure.countdown'),
    ('87-mal in den Warenkorb gelegt', 'pressure.social-proof'),
    ('Ajouté 87 fois au panier', 'pressure.social-proof'),
    ('Añadido 87 veces al carrito', 'pressure.social-proof'),
    ('Aggiunto 87 volte al carrello', 'pressure.social-proof'),
    ('87 keer aan het winkelmandje toegevoegd', 'pressure.social-proof'),
    ('6 andere Reisende vergleichen diese Unterkunft', 'pressure.social-proof'),
    ('Wenn sie weg sind, sind sie weg', 'pressure.scarcity'),
    ('Op is op', 'pressure.scarcity'),
    ('Letzte Charge dieser Röstung verfügbar', 'pressure.scarcity'),
    ('Derniers exemplaires disponibles', 'pressure.scarcity'),
])
def test_pressure_shapes(text: str, rule: str) -> None:
    assert rule in rules_of(text)


# The same words as plain shop furniture, recipes, tutorials and return terms.
@pytest.mark.parametrize("text", [
    'Added to cart',
    'Added 3 items to your basket',
    'You have 2 items in your cart',
    "Once it's out of the oven, let it cool",
    'The last batch of cookies burned a little',
    'Final few steps of this tutorial',
    'You have 30 days to return your item',
    'Sie haben noch 14 Tage, um vom Kauf zurückzutreten',
    'Je hebt nog 14 dagen om te retourneren',
    'Hai 30 giorni per il reso',
    '4 people found this review helpful',
    'Compare 3 products',
    'Our guests are comparing notes on the best hikes',
    'Les derniers articles du blog',
    'Die letzten Beiträge',
    'Letzte Aktualisierung: 12. Mai',
])
def test_look_alikes_are_quiet(text: str) -> None:
    assert rules_of(text) == set()
