"""Banner location and consent rules on saved pages (styles from the page's own CSS)."""

import pytest

from tests.unit.consent_helpers import analyze_html, page, rules_of

ONETRUST = """
<main><h1>News</h1><p>Story text.</p></main>
<div id="onetrust-consent-sdk">
  <div class="onetrust-pc-dark-filter" style="display:none"></div>
  <div id="onetrust-banner-sdk" class="otFlat" role="region" aria-label="Cookie banner">
    <div id="onetrust-policy-text">We use cookies and similar technologies to improve your
    experience and show personalised advertising. <a href="/cookies">Cookie Policy</a></div>
    <div id="onetrust-button-group">
      <button id="onetrust-pc-btn-handler">Cookies Settings</button>
      {reject}
      <button id="onetrust-accept-btn-handler">Accept All Cookies</button>
    </div>
  </div>
  <div id="onetrust-pc-sdk" class="otPcCenter" style="display:none">
    <h2>Privacy Preference Center</h2>
    <div class="ot-cat-item"><h4>Strictly Necessary Cookies</h4><span>Always Active</span></div>
    <div class="ot-cat-item"><label for="ot-group-id-C0002">Performance Cookies</label>
      <input type="checkbox" id="ot-group-id-C0002" {checked}></div>
    <div class="ot-cat-item"><label for="ot-group-id-C0004">Targeting Cookies</label>
      <input type="checkbox" id="ot-group-id-C0004"></div>
    <button class="ot-pc-refuse-all-handler">Reject All</button>
    <button class="save-preference-btn-handler">Confirm My Choices</button>
  </div>
</div>
"""
ONETRUST_CSS = """
#onetrust-banner-sdk{position:fixed;bottom:0;left:0;right:0;background:#fff;color:#333;z-index:2147483645}
#onetrust-accept-btn-handler,#onetrust-reject-all-handler{
  background:#2e6bd1;color:#fff;border:1px solid #2e6bd1;padding:12px 10px;font-size:13px}
#onetrust-pc-btn-handler{background:#fff;color:#2e6bd1;border:1px solid #2e6bd1;padding:12px 10px;font-size:13px}
"""


def test_onetrust_without_reject_is_flagged_and_platform_named():
    html = page(ONETRUST.format(reject="", checked=""), ONETRUST_CSS)
    result = analyze_html(html)
    assert result.banner["platform"] == "OneTrust"
    assert "consent.no-reject-first-layer" in rules_of(result)
    finding = next(f for f in result.findings if f.rule == "consent.no-reject-first-layer")
    assert "Reject All" in finding.message  # the refusal exists only behind settings
    roles = {c["text"]: c["role"] for c in result.banner["controls"]}
    assert roles["Cookies Settings"] == "settings"
    assert roles["Accept All Cookies"] == "accept"
    assert roles["Reject All"] == "reject"


def test_onetrust_with_equal_reject_is_clean():
    reject = '<button id="onetrust-reject-all-handler">Reject All</button>'
    result = analyze_html(page(ONETRUST.format(reject=reject, checked=""), ONETRUST_CSS))
    found = rules_of(result)
    assert "consent.banner" in found
    assert not found & {"consent.no-reject-first-layer", "consent.asymmetric-choice",
                        "consent.preticked-purpose", "consent.cookie-wall"}


def test_preticked_purpose_behind_settings_layer():
    reject = '<button id="onetrust-reject-all-handler">Reject All</button>'
    result = analyze_html(page(ONETRUST.format(reject=reject, checked="checked"), ONETRUST_CSS))
    finding = next(f for f in result.findings if f.rule == "consent.preticked-purpose")
    assert "Performance Cookies" in finding.message
    assert "behind the settings layer" in finding.message
    assert "Targeting" not in finding.message


GENERIC_DE = """
<article><h1>Rezept</h1><p>Unsere Kekse sind die besten.</p></article>
<div class="privacy-notice">
  <p>Wir und unsere Partner verwenden Cookies, um Inhalte zu personalisieren und Zugriffe zu analysieren.</p>
  <button class="primary">Alle akzeptieren</button>
  <a href="#" class="{reject_class}">Ablehnen</a>
</div>
"""
GENERIC_CSS = """
.privacy-notice{position:fixed;bottom:16px;right:16px;width:380px;background:#ffffff;color:#222;padding:16px}
.primary{background:#0a7d32;color:#fff;border:none;font-size:15px;padding:10px 18px;border-radius:4px}
.faint{color:#c8c8c8;font-size:11px;text-decoration:none}
.secondary{display:inline-block;background:#0a7d32;color:#fff;font-size:15px;padding:10px 18px;text-decoration:none}
"""


def test_unknown_german_banner_found_by_heuristics_and_weak_reject_flagged():
    result = analyze_html(page(GENERIC_DE.format(reject_class="faint"), GENERIC_CSS),
                          url="https://www.kekse-backen.de/")
    assert result.banner["method"] == "heuristic"
    finding = next(f for f in result.findings if f.rule == "consent.asymmetric-choice")
    assert finding.evidence["text"] == "Ablehnen"
    assert any("contrast" in r for r in finding.evidence["reasons"])
    assert any("smaller" in r for r in finding.evidence["reasons"])


def test_reject_link_styled_as_equal_button_is_not_asymmetric():
    result = analyze_html(page(GENERIC_DE.format(reject_class="secondary"), GENERIC_CSS))
    assert "consent.banner" in rules_of(result)
    assert "consent.asymmetric-choice" not in rules_of(result)


WALL = """
<div class="consent-overlay"><div class="consent-box" role="dialog" aria-modal="true">
  <h2>Ihre Privatsphäre</h2>
  <p>Um unsere Artikel zu lesen, stimmen Sie der Nutzung von Cookies für Werbung zu
     oder lesen Sie werbefrei mit unserem PUR-Abo.</p>
  <button class="ok">Akzeptieren und weiter</button>
  <a class="abo" href="/abo">Jetzt abonnieren</a>
</div></div>
"""
WALL_CSS = ".consent-overlay{position:fixed;inset:0;background:rgba(0,0,0,.7);z-index:999}"


def test_pay_or_okay_overlay_is_a_cookie_wall():
    result = analyze_html(page("<main><p>Artikel</p></main>" + WALL, WALL_CSS), url="https://www.zeitung.de/")
    assert "consent.cookie-wall" in rules_of(result)
    assert "consent.no-reject-first-layer" in rules_of(result)


@pytest.mark.parametrize("paid_refusal", [
    "Ablehnen und PUR-Abo abschließen", "Ablehnen – werbefrei für 2,99 €/Monat",
])
def test_a_refusal_that_costs_money_is_the_pay_option_of_a_wall(paid_refusal):
    body = WALL.replace('<a class="abo" href="/abo">Jetzt abonnieren</a>', f"<button>{paid_refusal}</button>")
    result = analyze_html(page("<main><p>Artikel</p></main>" + body, WALL_CSS), url="https://www.zeitung.de/")
    wall = next(f for f in result.findings if f.rule == "consent.cookie-wall")
    assert wall.evidence["pay_option"] == paid_refusal


def test_modal_with_reject_is_not_a_wall():
    body = WALL.replace('<a class="abo" href="/abo">Jetzt abonnieren</a>', "<button>Ablehnen</button>")
    result = analyze_html(page(body, WALL_CSS))
    assert "consent.cookie-wall" not in rules_of(result)


def test_acknowledge_only_banner_has_no_reject():
    body = """<div class="cc-window cc-banner" role="dialog" aria-label="cookieconsent">
      <span id="cookieconsent:desc" class="cc-message">This website uses cookies to ensure you get the
      best experience on our website. <a class="cc-link" href="/privacy">Learn more</a></span>
      <div class="cc-compliance"><a class="cc-btn cc-dismiss" role="button" tabindex="0">Got it!</a></div></div>"""
    result = analyze_html(page(body, ".cc-window{position:fixed;bottom:0}"))
    assert result.banner["platform"] == "Cookie Consent (Osano open source)"
    assert "consent.no-reject-first-layer" in rules_of(result)


def test_baking_blog_has_no_banner():
    body = """<header style="position:sticky;top:0"><nav><a href="/">Home</a> <a href="/cookies">Cookies</a>
      <a href="/brownies">Brownies</a></nav></header>
      <article><h1>Chewy chocolate chip cookies</h1>
      <p>These cookies are the best cookies: brown butter, two kinds of chocolate.</p>
      <button>Print recipe</button> <button>Jump to recipe</button>
      <form><label>Your email <input type="email"></label><button>Subscribe to new cookie recipes</button></form>
      </article>"""
    result = analyze_html(page(body), url="https://www.crumbandcrust.com/")
    assert result.banner is None
    assert not rules_of(result)


def test_newsletter_popup_is_not_a_consent_banner():
    body = """<div class="modal" role="dialog" aria-modal="true" style="position:fixed;inset:0">
      <h2>Get 10% off</h2><p>Join our newsletter for deals.</p>
      <button>Sign me up</button><button>No thanks</button></div>"""
    result = analyze_html(page(body))
    assert result.banner is None


def test_hidden_banner_is_ignored():
    body = """<div id="cookie-notice" style="display:none"><p>We use cookies for analytics.</p>
      <button>Accept</button></div>"""
    assert analyze_html(page(body)).banner is None


def test_french_banner_with_reject_and_accept():
    body = """<div id="didomi-host"><div id="didomi-notice" class="didomi-popup-notice">
      <p>Nous et nos partenaires utilisons des cookies pour mesurer l'audience et personnaliser la publicité.</p>
      <button id="didomi-notice-disagree-button">Continuer sans accepter →</button>
      <button id="didomi-notice-learn-more-button">Personnaliser</button>
      <button id="didomi-notice-agree-button">Accepter &amp; Fermer</button></div></div>"""
    result = analyze_html(page(body), url="https://www.journal.fr/")
    assert result.banner["platform"] == "Didomi"
    roles = [c["role"] for c in result.banner["controls"]]
    assert roles == ["reject", "settings", "accept"]
    assert "consent.no-reject-first-layer" not in rules_of(result)


# A home-made bar whose preferences modal is appended to <body> apart from it, as many
# small libraries do: the modal's switches and "Save" belong to the banner.
DETACHED = """
<main><h1>Garden centre</h1><p>Spring offers.</p></main>
<div class="notice-bar"><p>We use cookies for analytics and marketing.</p>
  <a href="#" class="open">Cookie settings</a> <a href="#" class="ok">Accept cookies</a></div>
<div class="prefs-modal"><div class="box"><h2>Cookie settings</h2>
  <label><input type="checkbox" checked disabled> Essential cookies</label>
  <label><input type="checkbox" checked> Analytics cookies</label>
  <label><input type="checkbox" checked> Marketing cookies</label>
  <a href="#" class="save">Save settings</a></div></div>
"""
DETACHED_CSS = """
.notice-bar{position:fixed;bottom:0;left:0;right:0;background:#333;color:#fff;padding:20px}
.prefs-modal{position:fixed;inset:0;background:rgba(0,0,0,.4);z-index:1001}
.box{background:#fff;width:400px;margin:80px auto;padding:20px}
"""


def test_settings_layer_shown_apart_from_the_banner_counts():
    result = analyze_html(page(DETACHED, DETACHED_CSS), url="https://www.tuincentrum.example/")
    banner = result.banner
    assert banner["method"] == "heuristic" and banner["platform"] is None
    labels = {t["label"] for t in banner["toggles"] if t["checked"] and not t["disabled"]}
    assert labels == {"Analytics cookies", "Marketing cookies"}
    save = next(c for c in banner["controls"] if c["text"] == "Save settings")
    assert save["first_layer"] is False  # behind the first layer, though on screen
    assert {"consent.preticked-purpose", "consent.no-reject-first-layer"} <= rules_of(result)


def test_a_ticked_newsletter_box_beside_the_banner_is_not_a_settings_layer():
    modal = """<div class="prefs-modal"><div class="box"><h2>Get 10% off</h2>
      <label><input type="checkbox" checked> Send me weekly deals</label><button>Sign up</button></div></div>"""
    body = DETACHED.split('<div class="prefs-modal">')[0] + modal
    result = analyze_html(page(body, DETACHED_CSS))
    assert result.banner["toggles"] == []
    assert "consent.preticked-purpose" not in rules_of(result)


# Porsche's cookie-consent-banner README: the only way to the settings is a "Here" link in the text.
HERE = """
<div class="consent" role="dialog" aria-modal="true"><p>We use cookies and similar technologies to
  provide certain features. By clicking on "Agree and continue", you declare your consent.
  <a href="javascript:document.dispatchEvent(new Event('cookie_consent_details_show'))">Here</a>
  you can make detailed settings or revoke your consent with effect for the future.
  For further information, please refer to our <a href="/privacy">Privacy Policy</a> or click
  <a href="/cookies">here</a>.</p><button>Agree and continue</button></div>
"""


def test_a_here_link_is_classified_by_its_sentence():
    result = analyze_html(page(HERE, ".consent{position:fixed;bottom:0}"))
    roles = [(c["text"], c["role"]) for c in result.banner["controls"]]
    assert ("Here", "settings") in roles
    assert ("here", "other") in roles  # it opens another page: a reference, not a control
    assert "consent.no-reject-first-layer" in rules_of(result)


def test_french_ici_link_that_refuses():
    body = """<div class="bandeau" style="position:fixed;bottom:0"><p>Nous utilisons des cookies de
      mesure d'audience. Pour les refuser, cliquez <a href="#" onclick="refuser()">ici</a>.</p>
      <button>Accepter</button></div>"""
    result = analyze_html(page(body), url="https://www.atelier.example.fr/")
    roles = {c["text"]: c["role"] for c in result.banner["controls"]}
    assert roles["ici"] == "reject"


# cookieBAR appends its bar and its (hidden) details layer in one wrapper: the bar is the
# platform's, and the details layer's choices are behind its first layer.
COOKIEBAR = """
<main><p>Camere e appartamenti.</p></main>
<div><div id="cookie-bar-prompt" style="display:none"><div id="cookie-bar-prompt-content">
  <p>Cliccando il bottone Ho capito confermi il tuo consenso.</p>
  <input type="checkbox" id="cookiebar-tracking"><label for="cookiebar-tracking">Cookie di profilazione</label>
  <button id="cookiebar-save-customized">Salva le mie preferenze</button></div></div>
<div id="cookie-bar" style="position:fixed;bottom:0;left:0;right:0"><p>I cookie ci aiutano a fornire i
  nostri servizi. Utilizzando tali servizi, accetti l'utilizzo dei cookie da parte nostra.</p>
  <a id="cookie-bar-button">Ho capito</a> <a id="cookie-bar-button-customize">Personalizza</a></div></div>
"""


def test_bar_next_to_its_platform_layer_is_named_and_implied_consent_found():
    result = analyze_html(page(COOKIEBAR), url="https://www.agriturismo.example.it/")
    assert result.banner["platform"] == "cookieBAR"
    assert any(c["text"] == "Salva le mie preferenze" and not c["first_layer"]
               for c in result.banner["controls"])
    assert {"consent.implied-consent", "consent.no-reject-first-layer"} <= rules_of(result)


_SHADED_CSS = GENERIC_CSS + """
.quiet{display:inline-block;background:#f5f5f5;color:#1c3f94;font-size:15px;font-weight:700;padding:10px 18px}
.bare{display:inline-block;background:transparent;color:#1c3f94;font-size:15px;padding:10px 18px}
"""


def test_a_light_grey_button_beside_a_coloured_one_is_a_quiet_button_not_plain_text():
    shaded = analyze_html(page(GENERIC_DE.format(reject_class="quiet"), _SHADED_CSS))
    assert "consent.banner" in rules_of(shaded)
    assert "consent.asymmetric-choice" not in rules_of(shaded)
    bare = analyze_html(page(GENERIC_DE.format(reject_class="bare"), _SHADED_CSS))
    finding = next(f for f in bare.findings if f.rule == "consent.asymmetric-choice")
    assert finding.evidence["reasons"] == ["reject is plain text or a link while accept is a filled button"]
