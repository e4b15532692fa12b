"""Words of a normalised text, located per distinct token: the same answers as a regex."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from companion.copy.words import text_words
from companion.lexicon import normalise

# Short pieces that glue into words, partial words and punctuation, so words occur
# inside longer words ("our" in "flour"), at both ends, twice in a row and next to
# apostrophes, digits, underscores and letters outside ASCII.
PIECES = st.sampled_from(
    ["our", "fl", "e", "en", " ", "  ", "'", "n't", ",", ".", "-", "_", "3", "é", "ß", "İ",
     "minutes", "save", "\t", "\u00a0", "(", "don", "t", "mi", "x"]
)


def regex_positions(low: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", low)]


@given(st.lists(PIECES, max_size=40))
def test_words_and_positions_match_the_regex_definition(pieces: list[str]) -> None:
    low = normalise("".join(pieces))
    found = text_words(low)
    assert found.words == set(re.findall(r"\w+", low))
    for word in found.words | {"our", "e", "t", "fl"}:
        assert found.positions(word) == regex_positions(low, word), word


def test_a_word_inside_a_longer_word_is_not_located() -> None:
    low = normalise("Flour, our flour; our. Sour (our) don't t")
    words = text_words(low)
    assert words.positions("our") == regex_positions(low, "our") == [7, 18, 29]
    assert words.positions("t") == regex_positions(low, "t") == [38, 40]
    assert "flour" in words.words and "don" in words.words


@given(st.lists(PIECES, max_size=40), st.lists(PIECES, min_size=1, max_size=4))
def test_contains_is_substring_of_the_text(pieces: list[str], literal: list[str]) -> None:
    low = normalise("".join(pieces))
    wanted = "".join(literal).lower()
    assert text_words(low).contains(wanted) == (wanted in low), wanted


@given(st.lists(PIECES, max_size=60), st.lists(st.lists(PIECES, min_size=1, max_size=3), min_size=1, max_size=6))
def test_one_search_for_a_rule_s_literals_finds_what_a_search_for_each_finds(
    pieces: list[str], literals: list[list[str]]
) -> None:
    from companion.copy.classify import _holds_a_literal
    from companion.copy.prefilter import Odd

    low = normalise("".join(pieces))
    wanted = tuple({"".join(lit).lower() for lit in literals} - {""})
    odd = Odd(literals=wanted, always=False, pattern=re.compile("x"))
    assert _holds_a_literal(odd, text_words(low)) == any(lit in low for lit in wanted)


def test_contains_agrees_with_a_plain_search_on_spaced_literals() -> None:
    import random

    from companion.copy.words import text_words

    rnd = random.Random(5)
    low = ("we take it as a yes. ok, fine: don't worry, l'offre est valable jusqu'à demain "
           "und wir gehen davon aus, dass sie zustimmen - 20 % off today only")
    words = text_words(low)
    for _ in range(3000):
        start = rnd.randrange(len(low) - 4)
        literal = low[start : start + rnd.randrange(2, 20)]
        if rnd.random() < 0.3:
            literal = literal[:-1] + rnd.choice("xyz ")
        assert words.contains(literal) == (literal in low), literal


def test_positions_of_many_words_in_one_scan_agree_with_one_search_each() -> None:
    import random

    from companion.copy.words import text_words

    rnd = random.Random(11)
    vocab = ["we", "use", "cookies", "don't", "only", "2", "left", "it's", "so", "l'offre", "s", "t"]
    low = " ".join(rnd.choice(vocab) for _ in range(8000))
    words = text_words(low)
    assert len(low) > 20_000
    wanted = ["we", "only", "s", "t", "don", "left", "l", "offre"]
    batched = words.positions_of(wanted)
    for word in wanted:
        assert batched[word] == words.positions(word), word
