"""The words of a normalised text, and where a given word occurs as a whole word.

A normalised text (``companion.lexicon.normalise``, ``companion.copy.page_text``) separates
its tokens with single spaces. Its words (maximal runs of ``\\w``) are found per distinct
token, which costs one C-level split instead of a regex match per word of a long page. A
word is then located by searching for the distinct tokens that hold it, bounded by spaces:
a C-level ``find`` that never stops inside a longer word ("our" inside "flour").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property

_WORD = re.compile(r"\w+")
_ONE_SCAN_FROM = 20_000  # characters of text from which positions_of scans once for all words
# What a text must hold for a pattern to occur in it: a word with one of these starts
# (``(start, whole)``: the word is ``start``, or begins with it unless ``whole``) and one of
# these literals (``()``: none known).
WordGate = tuple[frozenset[tuple[str, bool]], tuple[str, ...]]


@dataclass(frozen=True, eq=False)
class TextWords:
    low: str
    words: set[str]
    plain: set[str]  # tokens that are one whole word
    # word -> the other distinct tokens that hold it ("don't" holds "don" and "t")
    inside: dict[str, list[str]] = field(default_factory=dict)
    # The distinct tokens, one per line: a string without spaces occurs in ``low`` exactly
    # when it occurs here, and this is a fraction of a long page's length.
    vocabulary: str = ""

    tokens: frozenset[str] = frozenset()
    _spaced: dict[str, bool] = field(default_factory=dict)

    def contains(self, literal: str) -> bool:
        """``literal in low``, looked up in the vocabulary when it holds no space.

        A literal with spaces is searched in the whole text only when the vocabulary allows
        it: its inner pieces are tokens of the text, its first piece ends one and its last
        begins one. On a long page most such literals of other languages stop there.
        """
        if "\n" in literal:
            return literal in self.low
        if " " not in literal:
            return literal in self.vocabulary
        found = self._spaced.get(literal)
        if found is None:
            first, *inner, last = literal.split(" ")
            found = (
                all(piece in self.tokens for piece in inner)
                and (not first or f"{first}\n" in self._framed)
                and (not last or f"\n{last}" in self._framed)
                and literal in self.low
            )
            self._spaced[literal] = found
        return found

    @cached_property
    def _framed(self) -> str:
        return f"\n{self.vocabulary}\n"

    @cached_property
    def ordered(self) -> list[str]:
        return sorted(self.words)

    def has_word(self, start: str, whole: bool) -> bool:
        """Whether some word is ``start`` (``whole``) or begins with it."""
        if whole:
            return start in self.words
        ordered = self.ordered
        i = bisect_left(ordered, start)
        return i < len(ordered) and ordered[i].startswith(start)

    def may_hold(self, fragments: tuple[WordGate, ...]) -> bool:
        """Whether the text passes the gate of some fragment.

        The gates' words are indexed once per gate tuple, so a text is checked with one
        set intersection for the whole words and a bisect per prefix, however many
        fragments share a word ("people", "personas" open many count fragments)."""
        index = _gate_index(fragments)
        passed: set[int] = set()
        for word in index.whole.keys() & self.words:
            passed.update(index.whole[word])
        for start, i in index.prefixes:
            if i not in passed and self.has_word(start, False):
                passed.add(i)
        return any(
            not index.literals[i] or any(self.contains(literal) for literal in index.literals[i])
            for i in passed
        )

    def positions_of(self, words: Iterable[str]) -> dict[str, list[int]]:
        """``positions`` of several words. On a long text the words that are whole tokens
        are found in one scan: a search per word would read the whole page once each."""
        words = list(words)
        plain = [w for w in words if w in self.plain]
        if len(self.low) < _ONE_SCAN_FROM or len(plain) < 2:
            return {w: self.positions(w) for w in words}
        found: dict[str, list[int]] = {w: [] for w in words}
        pattern = re.compile(" (?:" + "|".join(map(re.escape, sorted(plain, key=len, reverse=True))) + ")(?= )")
        for m in pattern.finditer(f" {self.low} "):
            found[m.group()[1:]].append(m.start())
        for w in words:
            if self.inside.get(w):
                found[w] = sorted(found[w] + self.positions(w, tokens_only=True))
        return found

    def positions(self, word: str, *, tokens_only: bool = False) -> list[int]:
        """Ascending positions where ``word`` occurs as a whole word (``tokens_only``: only
        inside longer tokens such as "don't")."""
        out: list[int] = []
        if word in self.plain and not tokens_only:
            out.extend(_token_starts(self.low, word))
        for token in self.inside.get(word, ()):
            offsets = [m.start() for m in _WORD.finditer(token) if m.group() == word]
            for start in _token_starts(self.low, token):
                out.extend(start + offset for offset in offsets)
        if len(out) > 1 and self.inside.get(word):
            out.sort()
        return out


@dataclass(frozen=True)
class _GateIndex:
    whole: dict[str, list[int]]  # a whole word -> the fragments it opens
    prefixes: tuple[tuple[str, int], ...]  # (word start, fragment)
    literals: tuple[tuple[str, ...], ...]  # per fragment: one of these must occur


@cache
def _gate_index(fragments: tuple[WordGate, ...]) -> _GateIndex:
    whole: dict[str, list[int]] = {}
    prefixes = []
    for i, (starts, _literals) in enumerate(fragments):
        for start, is_whole in starts:
            if is_whole:
                whole.setdefault(start, []).append(i)
            else:
                prefixes.append((start, i))
    return _GateIndex(whole, tuple(prefixes), tuple(lits for _starts, lits in fragments))


def text_words(low: str) -> TextWords:
    """The words of the normalised ``low`` (single spaces between tokens)."""
    words: set[str] = set()
    plain: set[str] = set()
    inside: dict[str, list[str]] = {}
    tokens = set(low.split(" "))
    for token in tokens:
        if token.isalnum():  # one \w run: str.isalnum() is what \w means, less "_"
            plain.add(token)
            continue
        for run in set(_WORD.findall(token)):
            inside.setdefault(run, []).append(token)
    words.update(plain)
    words.update(inside)
    return TextWords(low, words, plain, inside, "\n".join(tokens), frozenset(tokens))


def _token_starts(low: str, token: str) -> list[int]:
    """Where ``token`` occurs in ``low`` bounded by spaces or the ends of the text."""
    if not token:
        return []
    out = []
    n = len(token)
    if low.startswith(token) and (n == len(low) or low[n] == " "):
        out.append(0)
    needle = f" {token} "
    i = low.find(needle)
    while i >= 0:
        out.append(i + 1)
        i = low.find(needle, i + n + 1)  # the closing space may open the next occurrence
    if len(low) > n and low.endswith(token) and low[-n - 1] == " ":
        out.append(len(low) - n)
    return out
