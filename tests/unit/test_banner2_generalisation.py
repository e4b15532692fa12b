"""Fixes found with the second blind held-out banner set (tests/fixtures/heldout_banners_2)."""

from __future__ import annotations

import pytest

from companion.consent.controls import classify, classify_text
from tests.unit.consent_helpers import analyze_html, page, rules_of

_TEXT = ("We and our partners use cookies to measure visits and to personalise advertising. "
         "You can accept, refuse or choose.")


@pytest.mark.parametrize("label", ["Alleen noodzakelijke", "Alleen noodzakelijk", "Accepteer alleen noodzakelijke",
                                   "Noodzakelijke cookies toestaan", "Nécessaires seulement", "Soltanto necessari"])
def test_necessary_only_wordings_refuse(label: str) -> None:
    assert classify_text(label) == "reject"


@pytest.mark.parametrize("label", ["Activar todas", "Alle aktivieren", "Tout activer", "Attiva tutti",
                                   "Alles inschakelen"])
def test_enable_all_accepts_in_every_language(label: str) -> None:
    assert classify_text(label) == "accept"


def test_a_purpose_heading_is_not_a_refusal() -> None:
    assert classify_text("Noodzakelijke cookies") == "other"


def test_a_tab_named_consent_is_not_an_accept_button() -> None:
    html = page(f"""<div role="dialog" aria-label="Cookies" style="position:fixed;bottom:0">
      <ul role="tablist"><li><a href="#" role="tab">Consent</a></li><li><a href="#" role="tab">About</a></li></ul>
      <p>{_TEXT}</p><button>Deny</button><button>Allow all</button></div>""")
    banner = analyze_html(html).banner
    assert [c["role"] for c in banner["controls"] if c["text"] in ("Consent", "About")] == ["other", "other"]


def test_pressed_purpose_buttons_are_toggles_but_pressed_actions_are_not() -> None:
    html = page(f"""<div role="dialog" aria-modal="true" style="position:fixed;top:0">
      <p>{_TEXT}</p>
      <div>Social media <button type="button" aria-pressed="true" aria-label="Social media"></button></div>
      <button aria-pressed="false">Reject all</button><button aria-pressed="false">Accept all</button></div>""")
    analysis = analyze_html(html)
    assert [t["label"] for t in analysis.banner["toggles"]] == ["Social media"]
    assert "consent.preticked-purpose" in rules_of(analysis)


_FRAME_DOC = ("<!DOCTYPE html><html><body><div><p>" + _TEXT + "</p>"
              "<a role=&quot;button&quot; href=&quot;#&quot;>Refuser tout</a>"
              "<a role=&quot;button&quot; href=&quot;#&quot;>Accepter tout</a></div></body></html>")


def test_a_banner_saved_in_a_srcdoc_frame_beats_its_platforms_empty_link_holder() -> None:
    html = page(f"""<footer><div id="teconsent"><a href="#">Cookie preferences</a></div></footer>
      <div id="truste-consent-track" style="position:fixed;inset:0">
        <iframe class="truste_popframe" srcdoc="{_FRAME_DOC}"></iframe></div>""")
    analysis = analyze_html(html)
    assert analysis.banner["platform"] == "TrustArc"
    assert analysis.banner["frame"] is not None
    assert {"reject", "accept"} <= {c["role"] for c in analysis.banner["controls"]}
    assert "consent.cookie-wall" not in rules_of(analysis)


def _dialog_page(body_css: str) -> str:
    return page("""<main><article><h1>News</h1><p>Story.</p></article></main>
      <dialog open aria-modal="true" class="consent"><p>To read for free, accept cookies for personalised
      advertising by our partners, or subscribe.</p><button>Accept cookies</button>
      <a href="/subscribe">Subscribe for 2.99 a month</a></dialog>""",
                css=f"body {{ {body_css} }} dialog::backdrop {{ background: rgba(0,0,0,.8) }}")


def test_a_modal_dialog_over_a_scroll_locked_page_is_a_cookie_wall() -> None:
    assert "consent.cookie-wall" in rules_of(analyze_html(_dialog_page("overflow: hidden")))


def test_a_modal_dialog_over_a_page_that_scrolls_is_not_a_cookie_wall() -> None:
    assert "consent.cookie-wall" not in rules_of(analyze_html(_dialog_page("margin: 0")))


@pytest.mark.parametrize(("markup", "name"), [
    ('<div id="sd-cmp"><div role="dialog">{body}</div></div>', "Sirdata"),
    ('<div id="wpconsent-root"><div class="wpconsent-banner-holder">{body}</div></div>', "WPConsent"),
    ('<div class="sp-dsgvo sp-dsgvo-privacy-popup" role="dialog">{body}</div>', "WP DSGVO Tools"),
])
def test_more_platforms_are_named_by_their_markup(markup: str, name: str) -> None:
    body = f"<p>{_TEXT}</p><button>Reject all</button><button>Accept all</button>"
    assert analyze_html(page(markup.format(body=body))).banner["platform"] == name


def test_wpconsent_marks_its_own_buttons() -> None:
    html = page(f"""<div id="wpconsent-root" style="position:fixed;bottom:0"><p>{_TEXT}</p>
      <button class="wpconsent-cancel-all">Not today</button>
      <button class="wpconsent-accept-all">Sure thing</button></div>""")
    roles = {c["text"]: c["role"] for c in analyze_html(html).banner["controls"]}
    assert roles == {"Not today": "reject", "Sure thing": "accept"}


def test_trustarcs_cookie_preferences_link_holder_is_not_a_banner() -> None:
    # TrustArc keeps "#teconsent" (its "Cookie Preferences" link) on every page, after a choice too.
    html = page('<main><p>Article</p></main><footer><div id="teconsent">'
                '<a role="link" tabindex="0">Cookie Preferences</a></div></footer>')
    assert analyze_html(html).banner is None


def test_german_apply_selection_saves_choices() -> None:
    assert classify("Auswahl übernehmen") == ("settings", "save")
