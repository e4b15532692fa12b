from __future__ import annotations

from companion.detectors import sneak_into_basket
from companion.models import Snapshot
from companion.page import Page

RULE = "pressure.sneak-into-basket"


def page_of(body: str, url: str = "https://travel.example/checkout") -> Page:
    return Page(Snapshot(url=url, dom=f"<html><body>{body}</body></html>"))


def labels(page: Page) -> list[str]:
    return [f.evidence["text"] for f in sneak_into_basket.check(page)]


def test_prechecked_paid_insurance() -> None:
    page = page_of("<form><label><input type=checkbox checked> Reiseversicherung hinzufügen "
                   "(+12,99 €)</label></form>")
    (f,) = sneak_into_basket.check(page)
    assert f.rule == RULE and f.evidence["price"] == "+12,99 €"
    assert f.evidence["control"] == "checkbox"


def test_unchecked_or_free_or_declining_choices_are_fine() -> None:
    page = page_of(
        "<form><label><input type=checkbox> Add travel insurance +€12.99</label>"
        "<label><input type=radio name=i checked> No insurance</label>"
        "<label><input type=checkbox checked> Carbon offset (€0.00)</label>"
        "<label><input type=checkbox checked> Sans assurance</label></form>"
    )
    assert labels(page) == []


def test_a_preselected_paid_shipping_method_is_a_default_not_an_extra() -> None:
    page = page_of("<form><label><input type=radio name=s checked> Standard delivery €4.99</label>"
                   "<label><input type=radio name=s> Express delivery €9.99</label></form>")
    assert labels(page) == []


def test_a_preselected_paid_add_on_radio_counts() -> None:
    page = page_of("<form><label><input type=radio name=s> Standard delivery</label>"
                   "<label><input type=radio name=s checked> Express delivery +€9.99</label>"
                   "</form>")
    assert labels(page) == ["Express delivery +€9.99"]


def test_preselected_option() -> None:
    page = page_of("<select><option>Geen garantie</option>"
                   "<option selected>2 jaar extra garantie (+€29,00)</option></select>")
    assert labels(page) == ["2 jaar extra garantie (+€29,00)"]


def test_an_add_on_without_a_price_needs_a_purchase_context() -> None:
    body = "<form><label><input type=checkbox checked> Confezione regalo</label></form>"
    assert labels(page_of("<h1>Il tuo carrello</h1>" + body)) == ["Confezione regalo"]
    assert labels(page_of("<h1>Contatti</h1>" + body, url="https://blog.example/contact")) == []


def test_marketing_and_remember_me_boxes_are_not_extras() -> None:
    page = page_of("<form><label><input type=checkbox checked> Remember me</label>"
                   "<label><input type=checkbox checked> Newsletter</label>"
                   "<label><input type=checkbox checked> I accept the terms of sale</label></form>")
    assert labels(page) == []


def test_ticked_price_filters_are_not_extras() -> None:
    page = page_of("<form method=get><label><input type=checkbox checked> €20 – €50</label>"
                   "<label><input type=checkbox checked> Unter 30 €</label>"
                   "<label><input type=checkbox checked> Add insurance (+€5)</label></form>",
                   url="https://shop.example/c/tents?price=20-50")
    assert labels(page) == ["Add insurance (+€5)"]


def test_free_and_standard_words_yield_to_a_paid_price() -> None:
    page = page_of("<select><option>Seat at check-in (free)</option>"
                   "<option selected>Standard seat, chosen now: +£9</option></select>"
                   "<label><input type=checkbox checked> Gift box – free (worth £3)</label>"
                   "<label><input type=checkbox checked> Card message included</label>")
    assert labels(page) == ["Standard seat, chosen now: +£9"]


def test_cents_are_not_zero_and_a_refusal_after_the_price_is_no_refusal() -> None:
    page = page_of("<label><input type=checkbox checked> Give $0.25 to the animal shelter</label>"
                   "<label><input type=checkbox checked> Damage cover €7 – no excess to pay</label>"
                   "<label><input type=checkbox checked> No damage cover (€0)</label>")
    assert labels(page) == ["Give $0.25 to the animal shelter", "Damage cover €7 – no excess to pay"]


def test_two_prices_are_a_range_only_when_joined_like_one() -> None:
    page = page_of("<label><input type=checkbox checked> Reserved seats €7 per person (€14 in all)</label>"
                   "<label><input type=checkbox checked> 20 € bis 50 €</label>")
    (f,) = sneak_into_basket.check(page)
    assert f.evidence["text"].startswith("Reserved seats") and f.evidence["price"] == "€7"


def test_compound_add_ons_and_no_english_about() -> None:
    body = ("<h1>Warenkorb</h1><label><input type=checkbox checked> Jahresabo Gartenzeitschrift</label>"
            "<label><input type=checkbox checked> Text me about my delivery</label>")
    assert labels(page_of(body)) == ["Jahresabo Gartenzeitschrift"]
