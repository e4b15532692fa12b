from __future__ import annotations

from companion.consent.banner import Banner
from companion.detectors import implied_consent
from companion.lexicon import normalise
from companion.models import Frame, Snapshot
from companion.page import Page

RULE = "consent.implied-consent"


def page_of(body: str, **kw) -> Page:
    dom = f"<html><body>{body}</body></html>"
    page = Page(Snapshot(url="https://blog.example/", dom=dom, **kw))
    page.__dict__["banner"] = None
    return page


def set_banner(page: Page, selector: str) -> Page:
    root = page.root.cssselect(selector)[0]
    page.__dict__["banner"] = Banner(page=page, root=root, selector=selector, platform="x",
                                     text=normalise(page.text(root)))
    return page


def test_cookie_notice_without_a_recognised_banner() -> None:
    findings = implied_consent.check(page_of(
        "<footer><div class=bar>Diese Website verwendet Cookies. Durch die weitere Nutzung "
        "der Website stimmen Sie der Verwendung von Cookies zu.</div></footer>"
    ))
    assert [f.rule for f in findings] == [RULE]
    assert findings[0].evidence["lang"] == "de"
    assert "selector" in findings[0].evidence


def test_terms_wording_without_cookie_talk_is_not_flagged_outside_a_banner() -> None:
    assert implied_consent.check(page_of(
        "<p>By continuing to use this site you agree to our terms of sale.</p>"
    )) == []


def test_with_a_banner_its_text_is_what_counts() -> None:
    page = set_banner(page_of(
        "<div id=cmp>Utilizziamo i cookie. Proseguendo la navigazione acconsenti al loro uso."
        "<button>OK</button></div>"
    ), "#cmp")
    findings = implied_consent.check(page)
    assert [f.evidence["selector"] for f in findings] == ["#cmp"]
    assert findings[0].evidence["where"] == "consent banner"


def test_a_clean_banner_is_not_overruled_by_page_text() -> None:
    page = set_banner(page_of(
        "<div id=cmp>We use cookies. <button>Accept</button><button>Reject</button></div>"
        "<p>Old notice: by continuing to browse you accept cookies.</p>"
    ), "#cmp")
    assert implied_consent.check(page) == []


def test_notice_in_a_frame() -> None:
    frame = Frame(url="https://cmp.example/n", origin="https://cmp.example",
                  dom="<p>En poursuivant votre navigation, vous acceptez les cookies.</p>")
    findings = implied_consent.check(page_of("<p>Bonjour</p>", frames=[frame]))
    assert [f.evidence["frame"] for f in findings] == ["https://cmp.example"]


def test_a_recipe_about_cookies_is_not_consent_wording() -> None:
    assert implied_consent.check(page_of(
        "<article><h1>Chewy cookies</h1><p>Keep baking until golden; if you continue past "
        "12 minutes they harden.</p></article>"
    )) == []
