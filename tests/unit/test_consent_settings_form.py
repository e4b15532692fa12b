"""Consent settings on a page of their own, and what a checked radio button means."""

from __future__ import annotations

import pytest

from companion.commands.check import analyze_file
from companion.consent.controls import option_consents

PRETICKED = "consent.preticked-purpose"


def _rules(tmp_path, body: str) -> set[str]:
    page = tmp_path / "page.html"
    page.write_text(f"<!doctype html><html lang='it'><body><main>{body}</main></body></html>", encoding="utf-8")
    return {f.rule for f in analyze_file(page, "https://www.agenzia.example/cookie-policy").findings}


def _radio_group(name: str, yes_checked: bool, no_checked: bool, values=("1", "0")) -> str:
    yes = " checked" if yes_checked else ""
    no = " checked" if no_checked else ""
    return (f"<fieldset><legend>{name}</legend>"
            f"<label><input type='radio' name='{name}' value='{values[0]}'{yes}> Sì, va bene</label>"
            f"<label><input type='radio' name='{name}' value='{values[1]}'{no}> No, grazie</label></fieldset>")


def _settings_page(groups: str, heading: str = "Cookie policy", intro: str = "Usiamo cookie statistici e di marketing.",
                   save: str = "Salva le impostazioni") -> str:
    return f"<h2>{heading}</h2><p>{intro}</p><form>{groups}<button type='submit'>{save}</button></form>"


def test_a_settings_page_with_yes_already_chosen_is_preticked(tmp_path):
    page = _settings_page(_radio_group("statistiche", True, False) + _radio_group("marketing", True, False))
    assert PRETICKED in _rules(tmp_path, page)


@pytest.mark.parametrize("groups", [
    _radio_group("statistiche", False, False) + _radio_group("marketing", False, False),  # nothing chosen
    _radio_group("statistiche", False, True) + _radio_group("marketing", False, True),  # "No" chosen
    _radio_group("statistiche", False, True, values=("granted", "denied")),
])
def test_a_settings_page_that_leaves_the_choice_open_or_off_is_fair(tmp_path, groups):
    assert PRETICKED not in _rules(tmp_path, _settings_page(groups))


def test_checkbox_settings_need_cookie_words_and_a_save_control(tmp_path):
    boxes = "<label><input type='checkbox' name='marketing' checked> Marketing</label>"
    assert PRETICKED in _rules(tmp_path, _settings_page(boxes))
    newsletter = _settings_page(boxes, heading="Il tuo profilo", intro="Scegli le newsletter che vuoi ricevere.")
    assert PRETICKED not in _rules(tmp_path, newsletter)
    no_save = _settings_page(boxes, save="Cerca")
    assert PRETICKED not in _rules(tmp_path, no_save)


@pytest.mark.parametrize("value, label, consents", [
    ("1", "", True), ("granted", "", True), ("0", "Sì", False), ("off", "", False),
    ("", "Sì, va bene", True), ("", "Ja", True), ("", "Nein", False), ("", "Statistiche", False),
    ("a", "Accept analytics", True),
])
def test_what_a_radio_option_means(value, label, consents):
    assert option_consents(value, label) is consents


def test_a_checked_no_radio_in_a_banner_is_not_a_preticked_purpose(tmp_path):
    banner = ("<div class='cookie-banner' style='position:fixed;bottom:0'><p>Usiamo cookie di marketing.</p>"
              + _radio_group("marketing", False, True)
              + "<button>Accetta tutti</button><button>Rifiuta tutti</button></div>")
    assert PRETICKED not in _rules(tmp_path, banner)
    banner_yes = banner.replace("value='1'>", "value='1' checked>").replace("value='0' checked>", "value='0'>")
    assert PRETICKED in _rules(tmp_path, banner_yes)
