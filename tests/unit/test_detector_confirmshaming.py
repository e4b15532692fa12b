from __future__ import annotations

from companion.consent.banner import Banner, Control
from companion.detectors import confirmshaming
from companion.lexicon import normalise
from companion.models import Element, Snapshot
from companion.page import Page

RULE = "consent.confirmshaming"


def page_of(body: str, **kw) -> Page:
    dom = f"<html><body>{body}</body></html>"
    page = Page(Snapshot(url="https://news.example/", dom=dom, **kw))
    page.__dict__["banner"] = None  # these tests are about copy, not banner location
    return page


def with_banner(page: Page, selector: str, roles: dict[str, str]) -> Page:
    root = page.root.cssselect(selector)[0]
    controls = [
        Control(node=n, role=roles[n.get("id")], text=page.text(n), kind="button",
                first_layer=True, page=page)
        for n in root.iter("button")
    ]
    page.__dict__["banner"] = Banner(page=page, root=root, selector=selector, platform=None,
                                     text=normalise(page.text(root)), controls=controls)
    return page


def test_banner_refusal_worded_to_shame() -> None:
    page = with_banner(page_of(
        "<div id=cmp><p>We and our partners use cookies.</p>"
        "<button id=yes>Accept and support us</button>"
        "<button id=no>No thanks, I don't care about supporting journalism</button></div>"
    ), "#cmp", {"yes": "accept", "no": "reject"})
    findings = confirmshaming.check(page)
    assert [f.rule for f in findings] == [RULE]
    assert findings[0].evidence["selector"] == page.selector(page.root.cssselect("#no")[0])
    assert findings[0].evidence["where"] == "consent banner"


def test_newsletter_modal_decline_link() -> None:
    findings = confirmshaming.check(page_of(
        "<div class=modal><h2>Join 20,000 readers</h2><button>Subscribe</button>"
        "<a href='#' class=close>Non merci, je préfère rester mal informé</a></div>"
    ))
    assert len(findings) == 1
    assert findings[0].evidence["lang"] == "fr"
    assert findings[0].evidence["selector"].endswith("a")


def test_input_button_value_counts_and_language_is_guessed() -> None:
    findings = confirmshaming.check(page_of(
        "<form><input type=button value='Nein danke, ich zahle lieber mehr'></form>"
    ))
    assert [f.evidence["lang"] for f in findings] == ["de"]


def test_plain_refusals_are_fine() -> None:
    assert confirmshaming.check(page_of(
        "<button>No thanks</button><a href=#>Nein, danke</a><button>Reject all</button>"
        "<p>No thanks, we never charge full price: see our price promise.</p>"
    )) == []


def test_the_same_wording_found_twice_is_one_finding() -> None:
    findings = confirmshaming.check(page_of(
        "<div><a href=#>No thanks, I like paying full price</a></div>"
    ))
    assert len(findings) == 1


def test_hidden_controls_are_ignored() -> None:
    html = '<button data-bl-idx="1">No thanks, I hate saving money</button>'
    page = page_of(html, elements=[Element(idx=1, tag="button", visible=False)])
    assert confirmshaming.check(page) == []


def test_findings_are_capped() -> None:
    outcomes = ["pay full price", "stay uninformed", "miss out", "pay more", "waste money",
                "stay behind", "be bored", "lose money"]
    body = "".join(f"<a href=#{i}>No thanks, I'd rather {o}</a>" for i, o in enumerate(outcomes))
    assert len(confirmshaming.check(page_of(body))) == confirmshaming.MAX_FINDINGS
