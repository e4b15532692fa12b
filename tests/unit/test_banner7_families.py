"""A bare "no" that asks for more information postpones the choice; clicking any link as
consent; refusing to support a site in the banner languages; refusing a use of one's data
is no shaming. None of these lines is from a held-out set."""

from __future__ import annotations

import pytest

from companion.consent.controls import classify_text
from tests.unit.copy_rules import CS, IC, rules_of


@pytest.mark.parametrize(("text", "role"), [
    ("Nee, geef me meer informatie", "other"), ("No, tell me more", "other"),
    ("Non, en savoir plus", "other"), ("Nein, Einstellungen anpassen", "settings"),
    ("No, manage my choices", "settings"), ("No, thanks", "reject"), ("Nee, bedankt", "reject"),
    ("No", "reject"), ("No, reject all", "reject"),
])
def test_a_bare_no_before_more_information_is_no_refusal(text: str, role: str) -> None:
    assert classify_text(text) == role


@pytest.mark.parametrize("text", [
    "By clicking a link on this page you agree to our use of cookies.",
    "Door op een link op deze pagina te klikken, geeft u toestemming voor cookies.",
    "Indem Sie auf einen Link klicken, stimmen Sie der Verwendung von Cookies zu.",
    "Al hacer clic en cualquier enlace, aceptas el uso de cookies.",
])
def test_clicking_any_link_as_consent_is_implied(text: str) -> None:
    assert IC in rules_of(text)


@pytest.mark.parametrize("text", [
    "By clicking a link you will leave our site.",
    "Door op een link te klikken ga je naar onze partner.",
])
def test_a_link_that_only_leaves_is_quiet(text: str) -> None:
    assert IC not in rules_of(text)


@pytest.mark.parametrize("text", [
    "Ei kiitos, en halua tukea toimitusta",
    "Ne, díky, nechci podporovat naši redakci",
    "Não, obrigado, não quero apoiar o jornalismo local",
    "Nej tack, jag vill inte stödja oberoende journalistik",
    "Nee, ik steun goede journalistiek liever niet",
])
def test_refusing_to_support_a_site_shames_in_banner_languages(text: str) -> None:
    assert CS in rules_of(text)


@pytest.mark.parametrize("text", [
    "Ik wil liever niet dat mijn gegevens gedeeld worden",
    "Je ne veux pas que mes données soient partagées",
    "No quiero que mis datos sean compartidos",
    "Non voglio che i miei dati siano condivisi",
    "Ich möchte nicht, dass meine Daten verkauft werden",
])
def test_refusing_a_use_of_ones_data_is_no_shaming(text: str) -> None:
    assert CS not in rules_of(text)


def test_a_czech_no_thanks_without_a_comma_refuses() -> None:
    assert classify_text("Ne díky, radši budu koukat na reklamy") == "reject"
    assert classify_text("Ne díky") == "reject"


def test_not_caring_about_saving_shames_in_polish() -> None:
    assert CS in rules_of("Nie, nie zależy mi na oszczędzaniu pieniędzy")
