from __future__ import annotations

from companion.detectors import pressure
from companion.models import Element, Snapshot
from companion.page import Page


def page_of(body: str, **kw) -> Page:
    return Page(Snapshot(url="https://shop.example/p/1", dom=f"<html><body>{body}</body></html>",
                         **kw))


def rules(page: Page) -> list[str]:
    return [f.rule for f in pressure.check(page)]


def test_product_page_claims() -> None:
    page = page_of(
        "<div class=deal>Angebot endet in <span class=t>00:47:12</span></div>"
        "<p class=stock>Nur noch <b>3</b> Stück auf Lager</p>"
        "<p class=viewers>23 Personen sehen sich diesen Artikel gerade an</p>"
    )
    findings = pressure.check(page)
    assert [f.rule for f in findings] == list(pressure.RULES)
    countdown = findings[0]
    assert countdown.evidence["selector"].endswith("div")
    assert "00:47:12" in countdown.evidence["match"]
    assert countdown.evidence["lang"] == "de"


def test_one_finding_per_element_capped_with_a_count() -> None:
    cards = "".join(f"<div class=card><h3>Item {i}</h3><p>Only {i + 1} left</p></div>"
                    for i in range(8))
    findings = pressure.check(page_of(cards))
    assert len(findings) == pressure.MAX_PER_RULE
    assert len({f.evidence["selector"] for f in findings}) == pressure.MAX_PER_RULE
    assert "8 elements" in findings[0].message
    assert findings[0].evidence["count"] == 8


def test_below_the_cap_the_message_has_no_count() -> None:
    findings = pressure.check(page_of("<p>Only 2 left</p><p>Only 1 left</p>"))
    assert len(findings) == 2 and "elements" not in findings[0].message


def test_hidden_claims_are_not_reported() -> None:
    html = '<p data-bl-idx="4">Only 2 left</p>'
    page = page_of(html, elements=[Element(idx=4, tag="p", visible=False)])
    assert rules(page) == []


def test_ordinary_shop_text_is_fine() -> None:
    assert rules(page_of(
        "<p>Open Monday to Saturday, 09:00–18:00</p><p>2 stores in Utrecht</p>"
        "<p>Free returns within 30 days</p><p>Reviewed by 1,200 customers</p>"
        "<p>Limited edition colourway</p>"
    )) == []
