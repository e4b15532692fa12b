from __future__ import annotations

from companion.consent.banner import Banner
from companion.detectors import sharing
from companion.models import Element, Snapshot
from companion.page import Page

PRE, TRICK = "sharing.prechecked-optin", "sharing.trick-question"


def page_of(body: str, **kw) -> Page:
    page = Page(Snapshot(url="https://shop.example/register",
                         dom=f"<html><body>{body}</body></html>", **kw))
    page.__dict__["banner"] = None
    return page


def found(page: Page) -> list[tuple[str, str]]:
    return [(f.rule, f.evidence.get("text", "")) for f in sharing.check(page)]


def box(label: str, checked: bool = True, extra: str = "") -> str:
    attr = " checked" if checked else ""
    return f"<label><input type=checkbox{attr}{extra}> {label}</label>"


def test_prechecked_marketing_is_flagged_remember_me_and_terms_are_not() -> None:
    page = page_of("<form>" + box("Keep me signed in") + box("I accept the terms and conditions")
                   + box("Partnerangebote per E-Mail erhalten – wir geben Ihre Daten an "
                         "ausgewählte Partner weiter") + "</form>")
    assert found(page) == [(PRE, "Partnerangebote per E-Mail erhalten – wir geben Ihre Daten an "
                                 "ausgewählte Partner weiter")]


def test_unchecked_disabled_or_opt_out_boxes_are_not_prechecked_optins() -> None:
    page = page_of("<form>" + box("Send me offers", checked=False)
                   + box("Send me SMS offers", extra=" disabled")
                   + box("Do not send me offers") + "</form>")
    assert [r for r, _ in found(page) if r == PRE] == []


def test_measured_state_and_aria_switches_count() -> None:
    html = ('<input type=checkbox data-bl-idx="1" aria-label="Newsletter abonnieren">'
            '<div role=switch aria-checked=true aria-label="Gepersonaliseerde advertenties"></div>')
    page = page_of(html, elements=[Element(idx=1, tag="input", type="checkbox", checked=True)])
    assert [r for r, _ in found(page)] == [PRE, PRE]


def test_boxes_inside_the_consent_banner_are_left_to_the_banner_detectors() -> None:
    page = page_of("<div id=cmp>" + box("Marketing partners") + "</div>")
    root = page.root.cssselect("#cmp")[0]
    page.__dict__["banner"] = Banner(page=page, root=root, selector="#cmp", platform=None,
                                     text="marketing partners")
    assert found(page) == []


def test_double_negative_label() -> None:
    label = "Tick this box if you would prefer not to stop receiving our newsletter"
    page = page_of("<form>" + box(label, checked=False) + "</form>")
    assert found(page) == [(TRICK, label)]


def test_instruction_text_with_a_double_negative() -> None:
    page = page_of("<form><p>Ne décochez pas la case si vous ne souhaitez pas recevoir nos "
                   "offres partenaires.</p>" + box("Offres partenaires", checked=False) + "</form>")
    assert [r for r, _ in found(page)] == [TRICK]


def test_an_opt_out_box_among_opt_in_boxes() -> None:
    page = page_of("<form>" + box("Email me news and offers", checked=False)
                   + box("Text me special offers", checked=False)
                   + box("Don't share my details with partners", checked=False) + "</form>")
    assert found(page) == [(TRICK, "Don't share my details with partners")]


def test_a_plain_opt_in_form_is_fine() -> None:
    page = page_of("<form>" + box("Email me news and offers", checked=False)
                   + box("Remember me") + "</form>")
    assert found(page) == []


def test_how_to_withdraw_later_does_not_make_an_opt_in_an_opt_out() -> None:
    labels = ["Email me offers (you can unsubscribe at any time)",
              "Angebote per E-Mail – die Einwilligung ist jederzeit widerrufbar",
              "Texts with promo codes. Reply STOP to end."]
    page = page_of("<form>" + "".join(box(label) for label in labels) + "</form>")
    assert found(page) == [(PRE, label) for label in labels]


def test_dont_miss_is_a_positive_idiom() -> None:
    page = page_of("<form>" + box("Never miss a deal: put me on the mailing list") + "</form>")
    assert found(page) == [(PRE, "Never miss a deal: put me on the mailing list")]


def test_german_and_dutch_topics_inside_compounds() -> None:
    page = page_of("<form>" + box("Ich möchte Sonderangebote erhalten")
                   + box("Meine Bewerbung für weitere Stellen berücksichtigen")
                   + box("Stuur mij de weekaanbiedingen") + "</form>")
    assert [text for _, text in found(page)] == ["Ich möchte Sonderangebote erhalten",
                                                 "Stuur mij de weekaanbiedingen"]


def test_service_messages_and_false_friends_are_not_opt_ins() -> None:
    page = page_of("<form>" + box("Email me shipping updates for this purchase")
                   + box("Frais de port offerts dès 40 €")
                   + box("Add my partner as a second driver")
                   + box("Email me order updates and special offers")
                   + box("Voglio ricevere offerte") + "</form>")
    assert [text for _, text in found(page)] == ["Email me order updates and special offers",
                                                 "Voglio ricevere offerte"]


def test_commercial_or_promotional_plus_what_is_sent() -> None:
    page = page_of("<form>" + box("Acepto recibir propuestas comerciales de la marca") + "</form>")
    assert [r for r, _ in found(page)] == [PRE]


def test_stressed_dutch_negation_in_an_opt_out_among_opt_ins() -> None:
    page = page_of("<form>" + box("Ik wil de nieuwsbrief", checked=False)
                   + box("Ik wil níét dat u mijn gegevens aan derden geeft", checked=False) + "</form>")
    assert [r for r, _ in found(page)] == [TRICK]


def test_a_repeated_negation_is_one_and_a_dutch_you_is_no_coordinator() -> None:
    repeated = "Vinkjes zetten we niet, ook niet voor de nieuwsbrief."
    double = "Vink aan als u niet wilt dat u geen nieuwsbrief krijgt"
    page = page_of(f"<form><p>{repeated}</p>" + box(double, checked=False) + "</form>")
    assert found(page) == [(TRICK, double)]


def test_prose_about_boxes_on_a_page_without_a_box_is_no_trick_question() -> None:
    text = ("Do not worry: we never tick the box for you, and you do not have to untick "
            "anything to avoid our newsletter.")
    assert found(page_of(f"<article><p>{text}</p></article>")) == []
