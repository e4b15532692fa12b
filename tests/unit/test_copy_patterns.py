"""Composing lexicons into patterns: first-character dispatch, word boundaries, data shape."""

from __future__ import annotations

import json
import re

import pytest

from companion.copy import patterns
from companion.lexicon import BANNER_LANGUAGES, LANGUAGES, _wrap, lexicon
from companion.resources import data_path

COPY_LEXICONS = ("shaming", "implied", "pressure", "sharing")


@pytest.mark.parametrize("name", COPY_LEXICONS)
def test_lexicon_files_have_the_documented_shape(name: str) -> None:
    raw = json.loads(data_path("lexicon", f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(raw.get("_doc"), str)
    for category, by_lang in raw.items():
        if category.startswith("_"):
            continue
        # Implied consent and confirmshaming are also read in the banner languages: a
        # category covers the six languages and may add banner ones, or holds banner
        # languages only ("negator").
        banner = set(BANNER_LANGUAGES) if name in ("implied", "shaming") else set()
        assert set(by_lang) <= set(LANGUAGES) | banner, f"{name}.{category}: unknown language"
        assert set(LANGUAGES) <= set(by_lang) or (banner and set(by_lang) <= banner), (
            f"{name}.{category} must cover all six languages"
        )
        for lang, fragments in by_lang.items():
            assert fragments, f"{name}.{category}.{lang} is empty"
            for fragment in fragments:
                re.compile(fragment)
                assert fragment == fragment.lower() or "\\" in fragment, fragment
                # A top-level '|' would escape the word boundaries the loader adds.
                assert "|" not in _top_level(fragment), f"{name}.{category}.{lang}: {fragment}"


def _top_level(fragment: str) -> str:
    depth, out, escaped = 0, [], False
    for ch in fragment:
        if escaped:
            escaped = False
            continue
        if ch == "\\":
            escaped = True
            continue
        depth += ch == "("
        depth -= ch == ")"
        if depth == 0:
            out.append(ch)
    return "".join(out)


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("no,? thanks", {"n"}),
        ("(by |if you )?continu(e|ing)", {"b", "i", "c"}),
        ("(?:a)?b", {"a", "b"}),
        ("[a-c]x", {"a", "b", "c"}),
        ("\\d+ left", set("0123456789")),
        ("\\w+ from", None),
        ("(x)?", None),
    ],
)
def test_first_chars(fragment: str, expected: set[str] | None) -> None:
    assert patterns.first_chars(fragment) == expected


def test_non_capturing_keeps_escapes_classes_and_lookarounds() -> None:
    assert patterns._non_capturing(r"a(b|c)\(x\)[(](?=y)(?<!z)") == r"a(?:b|c)\(x\)[(](?=y)(?<!z)"


@pytest.mark.parametrize("name", COPY_LEXICONS)
def test_dispatched_alternation_matches_like_the_plain_one(name: str) -> None:
    """Grouping by first character must not change what matches, only how fast."""
    corpus = [
        "no thanks, i'd rather pay full price", "by continuing to browse you agree",
        "only 2 left in stock", "27 people are looking at this", "angemeldet bleiben",
        "en poursuivant votre navigation vous acceptez", "remember me", "offer ends in 09:59",
        "unacceptable", "nonsense", "stocking", "tick this box", "newsletters and offers",
    ]
    lex = lexicon(name)
    for category in lex.categories:
        fragments = [f for frs in lex.categories[category].values() for f in frs]
        plain = re.compile("|".join(f"(?:{_wrap(f)})" for f in fragments))
        fast = re.compile(patterns.alt(name, category) or "(?!x)x")
        for text in corpus:
            assert bool(plain.search(text)) == bool(fast.search(text)), (name, category, text)


def test_word_boundaries_hold() -> None:
    accept = re.compile(patterns.alt("implied", "agree", "en") or "")
    assert accept.search("you accept")
    assert not accept.search("unacceptable")


def test_composite_reports_language_and_checks_the_gap() -> None:
    comp = patterns.shaming()
    hit = comp.search("nein danke, ich zahle lieber den vollen preis")
    assert hit is not None and hit.lang == "de"
    assert comp.search("i'd rather never pay full price") is None


def test_anchors_are_found_where_a_match_can_start() -> None:
    from companion.copy.classify import anchored

    for text in ("no thanks", "by continuing to browse", "only 2 left", "00:12:44", "newsletter"):
        assert anchored(text), text
    assert anchored("the weather is fine today and we sell shoes") == {}


def test_on_a_whole_page_a_head_whose_tail_cannot_occur_is_dropped():
    from companion.copy.classify import anchored

    # "save" can start "saving doesn't matter to me" (good + neg_after). On a page where no
    # tail can occur, single-letter words such as "m" and "c" ("serve m 345 g") must not
    # keep it alive: every tail also needs one of its literals ("m'est", "doesn't matter" …).
    recipe = "save step 1 done serve m 345 g save step 2 c bowl stir"
    assert "shaming" not in anchored(recipe, whole_page=True)
    for tail in ("saving really doesn't matter to me", "les économies, ça m'est égal"):
        assert "shaming" in anchored(f"{recipe} {tail}", whole_page=True), tail


def test_a_number_led_fragment_is_tried_only_where_its_later_words_can_all_occur(monkeypatch):
    from companion.copy import classify

    tried = []
    real = classify._number_starts
    monkeypatch.setattr(classify, "_number_starts", lambda low: tried.append(low) or real(low))
    # "\d+ (more)? minutes (left|remaining|to go)": "minutes" alone does not let it run.
    recipe = "bake for 20 minutes, then rest 5 minutes and serve"
    assert "countdown" not in classify.anchored(recipe, whole_page=True)
    assert not tried
    assert "countdown" in classify.anchored(recipe + ". only 20 minutes left to order", whole_page=True)
    assert tried
