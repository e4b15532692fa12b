"""Pay-or-accept walls worded as reading "with ads" and priced per month, a bakery's pop-up
that only speaks of edible cookies, and a consent notice quoted in an article. None of these
pages is from a held-out set."""

from __future__ import annotations

import pytest

from companion.consent.controls import classify_text
from companion.copy import match_copy
from tests.unit.consent_helpers import analyze_html, page, rules_of

LAYER = "position:fixed;inset:0;background:rgba(0,0,0,.6);z-index:9999"


@pytest.mark.parametrize("text", [
    "Continue with ads", "Read with advertising", "Mit Werbung weiterlesen", "Weiter mit Werbung",
    "Continuer avec la publicité", "Seguir con publicidad", "Continua con la pubblicità",
    "Verder lezen met advertenties",
])
def test_reading_with_ads_accepts(text: str) -> None:
    assert classify_text(text) == "accept"


@pytest.mark.parametrize(("accept", "pay"), [
    ("Continue with ads", "Go ad-free for £3.99/month"),
    ("Mit Werbung lesen", "Werbefrei für 4,99 € im Monat"),
    ("Aceptar y continuar", "Suscribirme por 2 €/mes"),
    ("Accepter et continuer", "3 € par mois sans publicité ciblée"),
])
def test_accept_or_pay_per_month_is_a_cookie_wall(accept: str, pay: str) -> None:
    html = page(
        f'<div style="{LAYER}"><div role="dialog" aria-modal="true"><h2>Your choice</h2>'
        "<p>We and our 120 partners use cookies and personal data for personalised advertising.</p>"
        f'<button type="button">{accept}</button><a href="/subscribe">{pay}</a></div></div>',
    )
    assert {"consent.banner", "consent.cookie-wall"} <= rules_of(analyze_html(html))


def test_a_bakery_popup_about_edible_cookies_is_no_banner() -> None:
    html = page(
        f'<div id="club" style="{LAYER}"><div role="dialog"><h2>Join the Cookie Club 🍪</h2>'
        "<p>Get 15% off your first box of cookies and first dibs on new flavours.</p>"
        '<button type="submit">Yes, send my code</button><a href="#">No thanks</a></div></div>',
    )
    assert rules_of(analyze_html(html)) & {"consent.banner", "consent.asymmetric-choice"} == set()


def test_a_bakery_that_asks_for_cookie_consent_still_has_a_banner() -> None:
    html = page(
        '<div role="dialog" style="position:fixed;bottom:0"><p>Freshly baked here, cookies too: we use '
        "cookies to measure visits to our bakery's site.</p><button>Accept</button><button>Reject</button></div>",
    )
    assert "consent.banner" in rules_of(analyze_html(html))


@pytest.mark.parametrize("text", [
    'Regulators fined sites whose notices claim "by continuing to browse you agree to our use of cookies".',
    "Die Behörde rügte Hinweise wie „Wenn Sie weitersurfen, stimmen Sie der Nutzung von Cookies zu“.",
    "Le régulateur vise les bannières « en poursuivant votre navigation, vous acceptez les cookies ».",
])
def test_a_quoted_notice_is_no_implied_consent(text: str) -> None:
    assert "consent.implied-consent" not in {m.rule for m in match_copy(text)}


@pytest.mark.parametrize("text", [
    "No thanks, I prefer irrelevant ads",
    "Non merci, je préfère des publicités sans intérêt",
    "No, me da igual que este blog tenga que cerrar",
    "Nein danke, mir ist egal, ob diese Zeitung schließen muss",
    "Nej tak, jeg vil hellere have en dårligere hjemmeside",
])
def test_a_refusal_priced_in_worse_ads_or_a_closing_site_shames(text: str) -> None:
    assert "consent.confirmshaming" in {m.rule for m in match_copy(text)}
