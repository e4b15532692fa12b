"""Which texts can hold a copy finding at all, decided by cheap tests before the patterns run.

Searching a text position by position costs a full alternation attempt per character. Most
anchor fragments start with a literal word, though, so a text in which no word starts like
one cannot match them: a set intersection of the text's words rules most text out, and the
anchors are then only tried where a candidate word starts (``Prefilter``). Fragments that
start with a number are looked for only when a word or literal they need occurs (``Odd``),
and then only where a number begins a word.
For a whole page, a shape whose tail cannot occur anywhere drops its head from the anchors
(``heads_needing_tails``), and timers are tried only next to a ``timer_gate`` match.
"""

from __future__ import annotations

import re
import re._constants as _c  # type: ignore[import-not-found]
import re._parser as _parser  # type: ignore[import-not-found]
from dataclasses import dataclass
from functools import cache, cached_property

from companion import regex_cache
from companion.copy.patterns import (
    _ANCHORS,
    _anchor_fragments,
    _first,
    _non_capturing,
    alt_of,
    countdown,
    first_chars,
    implied,
    shaming,
    timer,
)
from companion.copy.words import WordGate
from companion.lexicon import _wrap, lexicon

_MAX_STARTS = 256


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@regex_cache.persisted
def word_starts(fragment: str) -> frozenset[tuple[str, bool]] | None:
    """How the first word of every match of a bounded fragment begins.

    Pairs ``(start, whole)``: the word starts with ``start``, or is exactly ``start`` when
    ``whole``. None when that cannot be shown (the fragment may start with a non-word
    character, or anywhere inside a word).
    """
    try:
        parsed = _parser.parse(_non_capturing(fragment))
    except re.error:
        return None
    # Bounded fragments end with (?!\w): a word still open at the end is whole.
    starts = {(s.lower(), state != _PREFIX) for s, state in _seq(list(parsed.data))}
    if not starts or any(not s for s, _ in starts):
        return None
    return frozenset(starts)


_OPEN, _WHOLE, _PREFIX = 0, 1, 2  # can still grow; the word ended; the word may go on
_Alts = set[tuple[str, int]]


def _seq(items: list) -> _Alts:
    cur: _Alts = {("", _OPEN)}
    for op, av in items:
        if all(state != _OPEN for _, state in cur):
            break
        alts = _item(op, av)
        nxt: _Alts = set()
        for s, state in cur:
            if state != _OPEN:
                nxt.add((s, state))
            elif alts is None:
                nxt.add((s, _PREFIX))
            else:
                nxt.update((s + a, a_state) for a, a_state in alts)
        if len(nxt) > _MAX_STARTS:
            return {(s, _PREFIX if state == _OPEN else state) for s, state in cur}
        cur = nxt
    return cur


def _item(op: object, av: object) -> _Alts | None:
    """The alternatives one item starts with; None stops the prefix before it."""
    if op is _c.LITERAL:
        ch = chr(av)  # type: ignore[arg-type]
        return {(ch, _OPEN)} if _is_word(ch) else {("", _WHOLE)}
    if op is _c.IN:
        chars = _first([(op, av)])
        if not chars:
            return None
        if not any(_is_word(c) for c in chars) and not _negated(av):
            return {("", _WHOLE)}
        if not all(_is_word(c) for c in chars):
            return None
        return {(c, _OPEN) for c in chars}
    if op is _c.SUBPATTERN:
        return _seq(list(av[-1].data))  # type: ignore[index]
    if op is _c.BRANCH:
        out: _Alts = set()
        for branch in av[1]:  # type: ignore[index]
            out |= _seq(list(branch.data))
        return out
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, high, sub = av  # type: ignore[misc]
        inner = _seq(list(sub.data))
        if high == 0:
            return {("", _OPEN)}
        if high != 1:  # more iterations may follow: stop after the first
            inner = {(s, _PREFIX if state == _OPEN else state) for s, state in inner}
        return inner | {("", _OPEN)} if low == 0 else inner
    if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
        return {("", _OPEN)}
    return None


def _negated(av: object) -> bool:
    return any(sub_op is _c.NEGATE for sub_op, _ in av)  # type: ignore[attr-defined]


@regex_cache.persisted
def required_literal(fragment: str) -> str | None:
    """The longest literal every match of ``fragment`` contains (top-level run), if any."""
    try:
        parsed = _parser.parse(_non_capturing(fragment))
    except re.error:
        return None
    return _longest_run(list(parsed.data)).lower() or None


@regex_cache.persisted
def required_literals(fragment: str) -> tuple[str, ...] | None:
    """Literals of which every match of ``fragment`` contains at least one: its longest
    literal, or else one per branch of a group every match passes through
    ("\\w+(aanbiedingen|kortingen)"). None when no such set is known."""
    try:
        items = list(_parser.parse(_non_capturing(fragment)).data)
    except re.error:
        return None
    best = _longest_run(items)
    if len(best) >= _MIN_LITERAL:
        return (best.lower(),)
    for op, av in items:
        if op is _c.SUBPATTERN:
            inner = list(av[-1].data)  # type: ignore[index]
            if len(inner) != 1:
                continue
            op, av = inner[0]
        if op is _c.BRANCH:
            runs = [_longest_run(list(b.data)) for b in av[1]]  # type: ignore[index]
            if all(len(r) >= _MIN_LITERAL for r in runs):
                return tuple(r.lower() for r in runs)
    return (best.lower(),) if best else None


_MIN_LITERAL = 4


def _longest_run(items: list) -> str:
    best = run = ""
    for op, av in items:
        if op is _c.LITERAL:
            run += chr(av)
            best = max(best, run, key=len)
        else:
            run = ""
    return best


@regex_cache.persisted
def later_word_starts(fragment: str) -> frozenset[tuple[str, bool]] | None:
    """Like ``word_starts``, for a word the match must contain after a non-word character.

    "\\d+ (rooms?|seats?) left" starts with any number, but every match has a word
    starting "room" or "seat" after the first space: a text without one cannot match.
    """
    try:
        items = list(_parser.parse(_non_capturing(fragment)).data)
    except re.error:
        return None
    for k, (op, av) in enumerate(items):
        if op is not _c.LITERAL or _is_word(chr(av)):
            continue
        starts = {(s.lower(), state != _PREFIX) for s, state in _seq(items[k + 1 :])}
        if starts and all(s and not s[0].isdigit() for s, _ in starts):
            return frozenset(starts)
    return None


@dataclass(frozen=True)
class Odd:
    """A rule's fragments without a useful first word (a number, or unknown).

    They are looked for only when a text holds a word (``?rule`` in the word maps) or a
    literal that each match must contain; ``always`` when some fragment has neither.
    ``numbered``: every such fragment starts with a number or a mapped word, so it can
    only start where a number begins a word; ``pattern`` must otherwise be scanned for.
    """

    literals: tuple[str, ...]
    always: bool
    pattern: re.Pattern[str]
    numbered: bool = False
    # Fragments gated by a later word ("?rule"), with literals of which each needs one:
    # "\\d+ (more )?minutes? (left|remaining)" needs "left" or "remaining" as well.
    later: tuple[WordGate, ...] = ()

    @cached_property
    def any_literal(self) -> re.Pattern[str]:
        """One search for all of ``literals`` (on a short text, faster than one each)."""
        return regex_cache.compile("|".join(map(re.escape, sorted(self.literals, key=len, reverse=True))) or r"(?!x)x")


class Prefilter:
    """Which rules' anchors can start at which words of a text."""

    def __init__(self) -> None:
        by_first: dict[str, list[tuple[str, str]]] = {}
        whole: dict[str, set[str]] = {}
        odd_rules: dict[str, Odd] = {}

        def add(starts: frozenset[tuple[str, bool]], label: str) -> None:
            for s, is_whole in starts:
                if is_whole:
                    whole.setdefault(s, set()).add(label)
                else:
                    by_first.setdefault(s[0], []).append((s, label))

        for rule in _ANCHORS:
            odd: list[str] = []
            literals: list[str] = []
            gated: list[WordGate] = []
            always = False
            numbered = True
            for fragment in _anchor_fragments(rule):
                starts = word_starts(fragment) if _wrap(fragment) != fragment else None
                if starts is not None and not any(s[0].isdigit() for s, _ in starts):
                    add(starts, rule)
                    continue
                if starts is None:
                    numbered = False
                else:  # "(\d+|two|three) people": the words are mapped, the numbers are odd
                    add(frozenset(st for st in starts if not st[0][0].isdigit()), rule)
                odd.append(fragment)
                later = later_word_starts(fragment)
                if later is not None:
                    add(later, "?" + rule)
                    gated.append((later, _gate_literals(fragment)))
                    continue
                found = required_literals(fragment)
                if found is None:
                    always = True
                else:
                    literals.extend(found)
            if odd:
                odd_rules[rule] = Odd(
                    tuple(dict.fromkeys(literals)), always,
                    regex_cache.compile(alt_of(odd) or r"(?!x)x"), numbered, tuple(gated),
                )
        self._by_first = {ch: tuple(dict.fromkeys(v)) for ch, v in by_first.items()}
        self._whole = {w: frozenset(rules) for w, rules in whole.items()}
        self.odd = odd_rules
        self._rules_of: dict[str, frozenset[str]] = {}
        self.candidates: set[str] = set()  # words known to start some anchor
        self._plain: set[str] = set()  # words known to start none

    def rules_of(self, word: str) -> frozenset[str]:
        rules = self._rules_of.get(word)
        if rules is None:
            rules = self._whole.get(word, frozenset()) | frozenset(
                r for s, r in self._by_first.get(word[0], ()) if word.startswith(s)
            )
            if len(self._rules_of) > 200_000:  # a bounded memo across pages
                self._rules_of.clear()
                self.candidates.clear()
                self._plain.clear()
            self._rules_of[word] = rules
            (self.candidates if rules else self._plain).add(word)
        return rules

    def hits(self, words: set[str]) -> set[str]:
        """The words of ``words`` that can start some rule's anchor."""
        new = words - self.candidates - self._plain
        for word in new:
            self.rules_of(word)
        return words & self.candidates


@cache
def prefilter() -> Prefilter:
    return Prefilter()


@cache
def timer_gate() -> re.Pattern[str]:
    """Text without a match here holds no timer: a digit then ':' + digit, or a unit letter.

    A match is the digit alone, the rest a look-ahead: matches found one after another
    must not swallow the start of the next timer ("09:59h1:09:59")."""
    fragments = [f for frags in lexicon("pressure").categories.get("unit", {}).values() for f in frags]
    firsts = [first_chars(_non_capturing(f)) for f in fragments]
    if fragments and all(f and all(c.isalpha() for c in f) for f in firsts):
        if all(_LETTERS_ONLY.fullmatch(f) for f in fragments):
            # A unit timer repeats: number, unit, number ("1 Tag 3 Std", "2h 15m").
            return re.compile(r"\d(?=:\d| ?[^\W\d_]+\.?[ ,:]{0,2}\d)")
        return re.compile(r"\d(?=:\d| ?[^\W\d_])")
    return re.compile(r"\d")


# A unit fragment whose every match is letters only (groups and optional parts allowed).
_LETTERS_ONLY = re.compile(r"(?:[^\W\d_]|[()?|])+")


def _tails() -> dict[str, dict[tuple[str, str], tuple[tuple[str, str], ...] | None]]:
    """Per rule, each anchor head and the tails its composed shapes need after it: None
    when some shape needs none (the head alone can match)."""
    shapes = {"shaming": shaming(), "implied": implied(), "countdown": countdown()}
    out: dict[str, dict[tuple[str, str], tuple[tuple[str, str], ...] | None]] = {}
    for rule, heads in _ANCHORS.items():
        parts = list(shapes[rule].parts.values()) if rule in shapes else []
        tails: dict[tuple[str, str], tuple[tuple[str, str], ...] | None] = {}
        for head in heads:
            of_head = [p for p in parts if (p.lexicon, p.head) == head]
            if not of_head or any(p.tail is None for p in of_head):
                tails[head] = None
            else:
                tails[head] = tuple(dict.fromkeys((p.lexicon, p.tail) for p in of_head if p.tail))
        out[rule] = tails
    return out


@cache
def tail_fragments(lexicon_name: str, category: str) -> tuple[WordGate, ...] | None:
    """What every match of a tail category's fragments needs: how its first word begins and
    literals of which it contains one (``()`` when none is known). None when some
    fragment's start is unknown."""
    out = []
    for frags in lexicon(lexicon_name).categories.get(category, {}).values():
        for fragment in frags:
            starts = word_starts(fragment) if _wrap(fragment) != fragment else None
            if starts is None or any(s[0].isdigit() for s, _ in starts):
                return None
            out.append((starts, _gate_literals(fragment)))
    return tuple(out)


def _gate_literals(fragment: str) -> tuple[str, ...]:
    """Literals of which every match of ``fragment`` holds one, each long enough to rule
    text out; ``()`` when there are none such."""
    literals = required_literals(fragment) or ()
    return literals if all(len(x.strip()) >= 3 for x in literals) else ()


@cache
def heads_needing_tails() -> dict[str, tuple[tuple[tuple[str, str], tuple[tuple[str, str], ...]], ...]]:
    """Per rule, the heads whose head alone is not enough for a match, each with the
    tails of its shapes (one of which must follow)."""
    return {
        rule: tuple((head, tails) for head, tails in heads.items() if tails is not None)
        for rule, heads in _tails().items()
    }


@cache
def anchor_without(rule: str, dropped: frozenset[tuple[str, str]]) -> re.Pattern[str]:
    """The rule's anchor without the heads in ``dropped`` (shapes that cannot complete)."""
    fragments = [
        f
        for lex, cat in _ANCHORS[rule]
        if (lex, cat) not in dropped
        for frags in lexicon(lex).categories.get(cat, {}).values()
        for f in frags
    ]
    pattern = alt_of(fragments) or r"(?!x)x"
    if rule == "countdown":
        pattern = f"{pattern}|{timer().pattern}"
    return regex_cache.compile(pattern)
