"""Compiling the copy lexicons into composite, per-language patterns.

The lexicons (``companion/data/lexicon/{shaming,implied,pressure,sharing}.json``) hold
parts: frames, objects, verbs. Here they are composed, once per language, into patterns
such as ``<continuation> <gap> <agreement>``. Each language is a named group, so the group
that matched is the language guess, for free.

Patterns are compiled without ``re.IGNORECASE``: input is normalised to lower case first,
and literal-led alternatives then take the regex engine's fast path.
"""

from __future__ import annotations

import re
import re._constants as _c  # type: ignore[import-not-found]
import re._parser as _parser  # type: ignore[import-not-found]
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from companion.lexicon import LANGUAGES, _wrap, lexicon

# A gap between two parts of one sentence, or of one clause (no comma either).
_GAP = r"[^.!?;\n]{{0,{n}}}?"
_CLAUSE_GAP = r"[^.!?;,\n]{{0,{n}}}?"


def alt(lexicon_name: str, category: str, lang: str | None = None) -> str | None:
    """One non-capturing alternation of a category's fragments (one language or all)."""
    by_lang = lexicon(lexicon_name).categories.get(category, {})
    langs = [lang] if lang else list(by_lang)
    return alt_of([f for code in langs for f in by_lang.get(code, [])])


def alt_of(fragments: list[str]) -> str | None:
    """Fragments as one alternation, with ``companion.lexicon``'s word-boundary rule.

    Fragments starting with a lookaround are taken as written. For the others the leading
    boundary is hoisted out of the alternation, so it fails once mid-word instead of once
    per fragment, and the fragments are grouped by first character (see ``_dispatch``).
    """
    frags = [_non_capturing(f) for f in fragments]
    if not frags:
        return None
    bounded = [f"{f}(?!\\w)" for f in frags if _wrap(f) != f]
    raw = [f"(?:{f})" for f in frags if _wrap(f) == f]
    branches = [f"(?<!\\w){_dispatch(bounded)}"] if bounded else []
    return "(?:" + "|".join(branches + raw) + ")"


def _dispatch(frags: list[str]) -> str:
    """An alternation grouped by first character: ``(?=[ab])(?:…)|(?=[c])(?:…)``.

    Python's regex engine tries every branch of an alternation in turn; with hundreds of
    fragments that is most of the cost. Grouping them behind a one-character lookahead
    means only the fragments that can start with the current character are tried.
    """
    if len(frags) < 12:
        return "(?:" + "|".join(frags) + ")"
    groups: dict[frozenset[str], list[str]] = {}
    anywhere: list[str] = []
    for frag in frags:
        first = first_chars(frag)
        if first is None:
            anywhere.append(frag)
        else:
            groups.setdefault(frozenset(first), []).append(frag)
    by_char: dict[str, list[str]] = {}
    for chars, members in groups.items():
        for ch in chars:
            by_char.setdefault(ch, []).extend(members)
    # Characters with the same fragment list share one branch.
    merged: dict[tuple[str, ...], list[str]] = {}
    for ch, members in by_char.items():
        merged.setdefault(tuple(members), []).append(ch)
    branches = [
        f"(?=[{''.join(re.escape(c) for c in sorted(chars))}])(?:{'|'.join(members)})"
        for members, chars in merged.items()
    ]
    branches.extend(anywhere)
    return "(?:" + "|".join(branches) + ")"


def first_chars(fragment: str) -> set[str] | None:
    """The characters a match of ``fragment`` can start with, or None if unknown/any."""
    try:
        parsed = _parser.parse(fragment)
    except re.error:
        return None
    return _first(list(parsed.data))


def _first(items: list) -> set[str] | None:
    chars: set[str] = set()
    for op, av in items:
        if op is _c.LITERAL:
            chars.add(chr(av))
            return chars
        if op is _c.IN:
            for sub_op, sub_av in av:
                if sub_op is _c.LITERAL:
                    chars.add(chr(sub_av))
                elif sub_op is _c.RANGE and sub_av[1] - sub_av[0] < 64:
                    chars.update(chr(c) for c in range(sub_av[0], sub_av[1] + 1))
                elif sub_op is _c.CATEGORY and sub_av is _c.CATEGORY_DIGIT:
                    chars.update("0123456789")
                else:
                    return None
            return chars
        if op is _c.CATEGORY:
            return chars | set("0123456789") if av is _c.CATEGORY_DIGIT else None
        if op is _c.SUBPATTERN:
            sub = av[-1]
            found = _first(list(sub.data))
            if found is None:
                return None
            chars |= found
            if sub.getwidth()[0] > 0:
                return chars
            continue
        if op is _c.BRANCH:
            nullable = False
            for branch in av[1]:
                found = _first(list(branch.data))
                if found is None:
                    return None
                chars |= found
                nullable = nullable or branch.getwidth()[0] == 0
            if not nullable:
                return chars
            continue
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            low, _high, sub = av
            found = _first(list(sub.data))
            if found is None:
                return None
            chars |= found
            if low > 0 and sub.getwidth()[0] > 0:
                return chars
            continue
        if op in (_c.AT, _c.ASSERT, _c.ASSERT_NOT):
            continue  # zero width: the next item decides
        return None
    return None  # the fragment can match the empty string


def _non_capturing(fragment: str) -> str:
    """Turn a fragment's plain groups into non-capturing ones.

    With hundreds of capture groups the engine copies its group marks on every branch it
    tries, which made a one-line check take milliseconds.
    """
    out: list[str] = []
    escaped = in_class = False
    for i, ch in enumerate(fragment):
        if escaped:
            escaped = False
        elif ch == "\\":
            escaped = True
        elif in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
        elif ch == "(" and not fragment.startswith("?", i + 1):
            out.append("(?:")
            continue
        out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Part:
    """One composed shape: ``head`` then ``tail`` within ``gap`` characters.

    ``check_gap`` drops a match whose gap holds a negator ("I'd rather *not* pay full
    price", "continue *without* accepting"); ``clause`` keeps both parts in one clause.
    """

    kind: str
    lexicon: str
    head: str
    tail: str | None = None
    gap: int = 40
    check_gap: bool = False
    clause: bool = False


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    lang: str
    kind: str


class Composite:
    """Several ``Part`` shapes in every language, compiled into one pattern."""

    def __init__(self, parts: tuple[Part, ...]) -> None:
        self.parts = {p.kind: p for p in parts}
        branches: list[str] = []
        for lang in LANGUAGES:
            for part in parts:
                head = alt(part.lexicon, part.head, lang)
                if head is None:
                    continue
                if part.tail is None:
                    body = head
                else:
                    tail = alt(part.lexicon, part.tail, lang)
                    if tail is None:
                        continue
                    gap = (_CLAUSE_GAP if part.clause else _GAP).format(n=part.gap)
                    body = f"{head}(?P<{lang}__{part.kind}__gap>{gap}){tail}"
                branches.append(f"(?P<{lang}__{part.kind}>{body})")
        self.pattern = re.compile("|".join(branches) or r"(?!x)x")

    def finditer(self, text: str) -> Iterator[Hit]:
        for m in self.pattern.finditer(text):
            hit = self._accept(m)
            if hit is not None:
                yield hit

    def search(self, text: str) -> Hit | None:
        return next(self.finditer(text), None)

    def match(self, text: str, pos: int) -> Hit | None:
        """A match starting exactly at ``pos`` (lookbehinds still see the text before it)."""
        m = self.pattern.match(text, pos)
        return self._accept(m) if m is not None else None

    def _accept(self, m: re.Match[str]) -> Hit | None:
        name = m.lastgroup or ""
        lang, _, kind = name.partition("__")
        part = self.parts[kind]
        if part.check_gap and part.tail is not None:
            gap = m.group(f"{name}__gap") or ""
            if gap and negators(lang).search(gap):
                return None
        return Hit(m.start(), m.end(), lang, kind)


@cache
def negators(lang: str) -> re.Pattern[str]:
    """Plain negation words of one language (shaming lexicon), for gap checks."""
    return re.compile(alt("shaming", "negator", lang) or r"(?!x)x")


@cache
def by_language(lexicon_name: str, category: str) -> Composite:
    """A single category with the language as the group name."""
    return Composite((Part(kind=category, lexicon=lexicon_name, head=category),))


@cache
def shaming() -> Composite:
    return Composite((
        # "I don't want to save money", "ich mag keine Rabatte"
        Part("neg", "shaming", "neg_frame", "good", gap=40, clause=True),
        # "my privacy doesn't matter to me", "Datenschutz ist mir egal"
        Part("after", "shaming", "good", "neg_after", gap=25, clause=True),
        # "I'd rather pay full price", "ich bleibe lieber uninformiert"
        Part("pos", "shaming", "pos_frame", "bad", gap=30, check_gap=True),
        # "No thanks, full price is fine", "Nein danke, ich zahle lieber mehr"
        Part("decline", "shaming", "decline", "bad", gap=50, check_gap=True),
    ))


@cache
def implied() -> Composite:
    return Composite((
        Part("forward", "implied", "continue", "agree", gap=100, check_gap=True),
        Part("reverse", "implied", "agree", "continue", gap=100, check_gap=True),
        # "By continuing, you agree …": counts only when the sentence is about cookies
        # (checked by the caller), since a sign-up form says the same about its terms.
        Part("bare", "implied", "continue_bare", "agree", gap=40, check_gap=True),
    ))


@cache
def countdown() -> Composite:
    return Composite((
        Part("deadline", "pressure", "deadline"),
        Part("ends", "pressure", "end_verb", "when", gap=20, check_gap=True),
    ))


@cache
def timer() -> re.Pattern[str]:
    """Clock-like timers (``09:59``, ``01:12:33``) and unit timers (``2h 15m``, ``1 Tag 3 Std``)."""
    units = alt("pressure", "unit") or "h"
    unit_timer = rf"\d{{1,3}} ?{units}\.?(?:[ ,:]{{0,2}}\d{{1,3}} ?{units}\.?)+(?!\w)"
    clock = r"(?<![\d:.,/+-])\d{1,2}:\d{2}(?::\d{2})?(?![\d:]|[.,+-]\d|\s?(?:am|pm|uhr|h|z)\b)"
    return re.compile(rf"(?P<unit>{unit_timer})|(?P<clock>{clock})")


# The parts a match of each rule starts with. A text in which none of them occurs
# anywhere cannot yield a finding, so one search over their union rules most text out.
_ANCHORS: dict[str, tuple[tuple[str, str], ...]] = {
    "shaming": (("shaming", "decline"), ("shaming", "pos_frame"), ("shaming", "neg_frame"),
                ("shaming", "good")),
    "implied": (("implied", "continue"), ("implied", "agree"), ("implied", "continue_bare")),
    "countdown": (("pressure", "deadline"), ("pressure", "end_verb")),
    "scarcity": (("pressure", "scarcity"),),
    "social": (("pressure", "social_proof"),),
    "trick": (("sharing", "optin"),),
}


def _anchor_fragments(rule: str) -> list[str]:
    return [
        f
        for lex, cat in _ANCHORS[rule]
        for frags in lexicon(lex).categories.get(cat, {}).values()
        for f in frags
    ]


@cache
def anchors() -> dict[str, re.Pattern[str]]:
    """Per rule, the alternation of the parts its matches start with."""
    out = {}
    for rule in _ANCHORS:
        pattern = alt_of(_anchor_fragments(rule)) or r"(?!x)x"
        if rule == "countdown":
            pattern = f"{pattern}|{timer().pattern}"
        out[rule] = re.compile(pattern)
    return out


@cache
def rules_by_first_char() -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """Which rules have an anchor that can start with a given character.

    Returns (char -> rules, rules that can start with anything). Lets the classifier skip
    the anchor checks of rules that cannot start where the trigger fired.
    """
    by_char: dict[str, list[str]] = {}
    anywhere: list[str] = []
    for rule in _ANCHORS:
        firsts: set[str] = set("0123456789") if rule == "countdown" else set()  # timers
        for fragment in _anchor_fragments(rule):
            found = first_chars(_non_capturing(fragment))
            if found is None:
                anywhere.append(rule)
                break
            firsts |= found
        else:
            for ch in firsts:
                by_char.setdefault(ch, []).append(rule)
    order = list(_ANCHORS)
    return (
        {ch: tuple(sorted(set(rules), key=order.index)) for ch, rules in by_char.items()},
        tuple(dict.fromkeys(anywhere)),
    )


@cache
def trigger() -> re.Pattern[str]:
    """The cheap pre-filter: every rule's anchors in one first-character-dispatched pattern.

    It says where a finding could start; ``anchors()`` then says for which rules.
    """
    every = [f for rule in _ANCHORS for f in _anchor_fragments(rule)]
    return re.compile(f"{alt_of(every)}|{timer().pattern}")


# -- a word-level pre-filter -------------------------------------------------------------
# Searching the trigger position by position costs a full alternation attempt per
# character. Most fragments start with a literal word, though, so a text in which no word
# starts like one cannot match them: a set intersection of the text's words rules most
# text out, and the anchors are then only tried where a candidate word starts.

_MAX_STARTS = 256


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


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


def required_literal(fragment: str) -> str | None:
    """The longest literal every match of ``fragment`` contains (top-level run), if any."""
    try:
        parsed = _parser.parse(_non_capturing(fragment))
    except re.error:
        return None
    best = run = ""
    for op, av in parsed.data:
        if op is _c.LITERAL:
            run += chr(av)
            best = max(best, run, key=len)
        else:
            run = ""
    return best.lower() or None


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

    They are scanned for only when a text holds a word (``?rule`` in the word maps) or a
    literal that each match must contain; ``always`` when some fragment has neither.
    """

    literals: tuple[str, ...]
    always: bool
    pattern: re.Pattern[str]


class Prefilter:
    """Which rules' anchors can start at which words of a text."""

    def __init__(self) -> None:
        by_first: dict[str, list[tuple[str, str]]] = {}
        whole: dict[str, set[str]] = {}
        unknown: dict[str, Unknown] = {}
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
            always = False
            for fragment in _anchor_fragments(rule):
                starts = word_starts(fragment) if _wrap(fragment) != fragment else None
                if starts is not None and not any(s[0].isdigit() for s, _ in starts):
                    add(starts, rule)
                    continue
                odd.append(fragment)
                later = later_word_starts(fragment)
                if later is not None:
                    add(later, "?" + rule)
                    continue
                literal = required_literal(fragment)
                if literal is None:
                    always = True
                else:
                    literals.append(literal)
            if odd:
                odd_rules[rule] = Odd(
                    tuple(dict.fromkeys(literals)), always,
                    re.compile(alt_of(odd) or r"(?!x)x"),
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
    """Text without a match here holds no timer: a digit then ':' + digit, or a unit letter."""
    fragments = [f for frags in lexicon("pressure").categories.get("unit", {}).values() for f in frags]
    firsts = [first_chars(_non_capturing(f)) for f in fragments]
    if fragments and all(f and all(c.isalpha() for c in f) for f in firsts):
        return re.compile(r"\d(?::\d| ?[^\W\d_])")
    return re.compile(r"\d")
