"""Walking a page's visible text: block boundaries, hidden subtrees, frames, one fast pass."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from companion.copy.blocks import text_blocks
from companion.copy.page_text import page_text
from companion.copy.scan import page_copy
from companion.models import Element, Frame, Snapshot
from companion.page import Page


def page_of(html: str, **kw) -> Page:
    return Page(Snapshot(url="https://shop.example/", dom=html, **kw))


def texts(page: Page) -> list[str]:
    return [b.text for b in text_blocks(page)]


def test_inline_text_joins_and_nested_blocks_split() -> None:
    page = page_of(
        "<div id=a>Only <b>2</b> left<p>Nested <span>para</span></p>after</div>"
        "<ul><li>one</li><li>two</li></ul>"
    )
    got = texts(page)
    assert "Only 2 left after" in got
    assert "Nested para" in got
    assert "one" in got and "two" in got
    assert not any("left" in t and "Nested" in t for t in got)


def test_scripts_styles_and_hidden_subtrees_are_skipped() -> None:
    page = page_of(
        "<p>shown</p><script>var s='Only 2 left'</script><style>p{}</style>"
        "<div hidden>Only 3 left</div><div data-bl-hidden>Only 4 left</div>"
        "<template><p>Only 5 left</p></template><noscript>Only 6 left</noscript>"
    )
    assert texts(page) == ["shown"]


def test_measured_invisible_elements_are_skipped() -> None:
    html = '<p data-bl-idx="1">Only 2 left</p><p data-bl-idx="2">Only 7 left</p>'
    elements = [Element(idx=1, tag="p", visible=False), Element(idx=2, tag="p")]
    assert texts(page_of(html, elements=elements)) == ["Only 7 left"]


def test_declarative_shadow_roots_are_read() -> None:
    page = page_of("<div><template shadowrootmode='open'><p>In the shadow</p></template></div>")
    assert texts(page) == ["In the shadow"]


def test_frames_are_walked_and_carry_their_origin() -> None:
    frame = Frame(url="https://cmp.example/x", origin="https://cmp.example",
                  dom="<p>By continuing to browse you accept our cookies</p>")
    page = page_of("<p>top</p>", frames=[frame])
    blocks = text_blocks(page)
    assert [b.frame for b in blocks] == [None, "https://cmp.example"]
    hits = page_copy(page)
    assert [h.match.rule for h in hits] == ["consent.implied-consent"]
    assert hits[0].to_finding().evidence["frame"] == "https://cmp.example"


def test_page_text_and_copy_hits_are_computed_once_per_page() -> None:
    page = page_of("<p>Only 2 left</p>")
    assert page_text(page) is page_text(page)
    assert page_copy(page) is page_copy(page)


CARDS = 7400


def test_a_two_megabyte_page_is_one_quick_pass() -> None:
    card = (
        "<div class='card'><h3>Product {i}</h3><p class='price'>€{i},99</p>"
        "<span class='badge'>{badge}</span><a href='/p/{i}'>Details</a>"
        "<button>Add to basket</button><p>Lorem ipsum dolor sit amet, consectetur "
        "adipiscing elit, sed do eiusmod tempor incididunt ut labore.</p></div>"
    )
    badges = ["New", "Only 2 left", "Bestseller", "12 people are looking at this"]
    html = "<html><body>" + "".join(
        card.format(i=i, badge=badges[i % 4]) for i in range(CARDS)
    ) + "</body></html>"
    assert len(html) > 2_000_000
    page = page_of(html)
    started = time.process_time()
    hits = page_copy(page)
    elapsed = time.process_time() - started
    print(f"\n2 MB page: {len(text_blocks(page))} blocks classified in {elapsed:.2f}s CPU")
    assert len(page.root.xpath("//*")) > 20_000
    assert len(text_blocks(page)) > 20_000
    assert sum(h.match.rule == "pressure.scarcity" for h in hits) == CARDS // 4
    assert sum(h.match.rule == "pressure.social-proof" for h in hits) == CARDS // 4


def test_a_saved_page_hides_what_its_css_hides() -> None:
    from companion.static.html_page import load_html

    html = (b"<html><head><style>.gone{display:none}</style></head><body>"
            b"<p class=gone>Only 2 left</p><p>Only 5 left</p></body></html>")
    loaded = load_html(html, url="https://shop.example/")
    page = Page(loaded.snapshot, root=loaded.root, styles=loaded.styles)
    assert texts(page) == ["Only 5 left"]


STATIC = Path(__file__).resolve().parents[1] / "fixtures" / "static"


@pytest.mark.parametrize("path", sorted(STATIC.glob("**/*.html")), ids=lambda p: p.stem)
def test_anchored_pass_finds_what_classifying_every_block_finds(path: Path) -> None:
    """page_copy classifies only blocks the joined text points at; it must miss nothing that
    classifying every visible block would find."""
    from companion.copy.classify import match_copy
    from companion.static.html_page import load_html

    loaded = load_html(path.read_bytes(), url="https://shop.example/")
    page = Page(loaded.snapshot, root=loaded.root, styles=loaded.styles)
    every = [(b.node, m.rule, m.span) for b in text_blocks(page) for m in match_copy(b.text)]
    anchored = [(h.block.node, h.match.rule, h.match.span) for h in page_copy(page)]
    assert sorted(map(repr, anchored)) == sorted(map(repr, every))


def test_matches_split_by_markup_and_tails_are_found() -> None:
    page = page_of(
        "<div><p>Hurry: only <b>2</b><i> left</i> in stock</p>"
        "<section>Intro<div>nested</div>by continuing to browse you <em>accept</em> our cookies</section>"
        "</div>"
    )
    rules = {h.match.rule: h.block.text for h in page_copy(page)}
    assert rules["pressure.scarcity"] == "Hurry: only 2 left in stock"
    assert rules["consent.implied-consent"].endswith("by continuing to browse you accept our cookies")


@given(st.lists(st.sampled_from(["09:59", "1", "12", "115", ":", " ", "h", "min", "g", "std", "tag",
                                  "left", "ends in", "2020-08-18", ",", "x", "d", "am"]), max_size=14))
@example(["09:59", "h", "1", ":", "09:59"])  # a gate match swallowed the next timer's start
def test_timer_positions_from_the_gate_equal_a_full_scan(parts: list[str]) -> None:
    from companion.copy import patterns
    from companion.copy.classify import _scan, _timers

    text = "".join(parts)
    assert _timers(text) == _scan(patterns.timer(), text)
