"""Page text as real shop widgets render it: split clocks, elided articles, claims spread over
sibling blocks, and add-on prices beside their label."""

from __future__ import annotations

from companion.copy.blocks import text_blocks
from companion.copy.page_text import page_text
from companion.copy.scan import page_copy
from companion.detectors import sneak_into_basket
from companion.models import Snapshot
from companion.page import Page

COUNTDOWN = "pressure.countdown"
SOCIAL = "pressure.social-proof"
SCARCITY = "pressure.scarcity"


def page_of(body: str, url: str = "https://shop.example/p/1") -> Page:
    return Page(Snapshot(url=url, dom=f"<html><body>{body}</body></html>"))


def rules(page: Page) -> list[str]:
    return [hit.match.rule for hit in page_copy(page)]


def test_a_clock_split_across_spans_reads_as_one_clock() -> None:
    page = page_of('<div class=t>Deal ends in <span class=h>05</span><span class=sep>:</span>'
                   '<span class=m>42</span>:<b>17</b></div>')
    assert [b.text for b in text_blocks(page)] == ["Deal ends in 05:42:17"]
    assert "deal ends in 05:42:17" in page_text(page).low
    assert rules(page) == [COUNTDOWN]


def test_glued_offsets_still_point_at_their_text_nodes() -> None:
    page = page_of("<p>a <b>1</b>:<b>2</b>3 z</p><p>next</p>")
    text = page_text(page)
    for i, node in enumerate(text.nodes):
        assert text.low[text.starts[i]:text.end_of(i)] == " ".join(node.split()).lower()


def test_an_elided_article_before_an_element_keeps_no_space() -> None:
    page = page_of("<p><em>Il ne reste plus qu'<strong>1</strong> chambre</em></p>")
    assert [b.text for b in text_blocks(page)] == ["Il ne reste plus qu'1 chambre"]
    assert rules(page) == [SCARCITY]


def test_a_countdown_whose_units_are_sibling_blocks_is_one_claim() -> None:
    page = page_of(
        "<div class=info><h2>Nice shoes</h2><div class=title>Sale ends in</div>"
        "<div class=cd><div><div>01</div><div>days</div></div><div><div>11</div><div>hrs</div></div>"
        "<div><div>26</div><div>mins</div></div><div><div>05</div><div>secs</div></div></div>"
        "<p>Free returns within 30 days, and a long paragraph about the shoes that goes on.</p></div>"
    )
    hits = [h for h in page_copy(page) if h.match.rule == COUNTDOWN]
    assert len(hits) == 1
    assert hits[0].block.text.startswith("Sale ends in 01 days 11 hrs")


def test_a_viewer_count_in_its_own_element_joins_its_sentence() -> None:
    page = page_of("<div class=viewers><div class=n>23</div><div>people are viewing this right now</div></div>")
    assert rules(page) == [SOCIAL]


def test_a_split_claim_is_not_read_into_hidden_blocks() -> None:
    page = page_of("<div>Sale ends in</div><div hidden><div>01</div><div>days</div><div>05</div>"
                   "<div>secs</div></div>")
    assert COUNTDOWN not in rules(page)


def test_a_claim_already_made_by_one_block_is_reported_once() -> None:
    page = page_of("<div>Hurry!</div><div>Only 2 left in stock</div>")
    assert rules(page).count(SCARCITY) == 1


def test_the_price_beside_an_add_on_label_counts() -> None:
    page = page_of(
        "<div class=addon><input type=checkbox id=g checked><label for=g>Verleng je garantie "
        "met 2 jaar, zonder voorrijkosten</label><span class=price>€ 29,95</span></div>",
        url="https://shop.example/winkelwagen",
    )
    (f,) = sneak_into_basket.check(page)
    assert f.evidence["price"] == "€ 29,95"


def test_a_row_holding_other_fields_is_not_one_controls_row() -> None:
    page = page_of(
        "<div class=box><input type=checkbox id=n checked><label for=n>Send me news</label>"
        "<input type=email name=e><span>Total £18.95</span></div>",
        url="https://shop.example/checkout",
    )
    assert sneak_into_basket.check(page) == []


def test_a_choice_worded_as_a_refusal_is_still_no_extra() -> None:
    page = page_of("<div><input type=radio name=i id=n checked><label for=n>No insurance</label>"
                   "<span>€0.00</span></div><div><input type=checkbox id=s checked>"
                   "<label for=s>Sin seguro</label><span>+12,99 €</span></div>",
                   url="https://shop.example/checkout")
    assert sneak_into_basket.check(page) == []
