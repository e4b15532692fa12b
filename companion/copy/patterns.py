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

from companion import regex_cache
from companion.lexicon import BANNER_LANGUAGES, LANGUAGES, _wrap, lexicon

# A gap between two parts of one sentence, or of one clause (no comma either), or of a
# question and its answer ("Still reading? Great, we'll take that as a yes").
_GAP = r"[^.!?;\n]{{0,{n}}}?"
_CLAUSE_GAP = r"[^.!?;,\n]{{0,{n}}}?"
_ANSWER_GAP = r"[^.!;\n]{{0,{n}}}?"


# The word boundary alt_of puts after a bounded fragment.
_END = r"(?!\w)"


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
    bounded = [f"{f}{_END}" for f in frags if _wrap(f) != f]
    raw = [f"(?:{f})" for f in frags if _wrap(f) == f]
    branches = [f"(?<!\\w){_dispatch(bounded)}"] if bounded else []
    return "(?:" + "|".join(branches + raw) + ")"


# More first characters than this and a fragment is not copied into each one's branch.
_WIDE = 3


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
    # A fragment that can start with many characters ("(two|three|…|\d+) people…") would
    # be copied into every one of their branches: it gets one branch of its own instead.
    wide: dict[frozenset[str], list[str]] = {}
    for frag in frags:
        first = first_chars(frag.removesuffix(_END))  # the same key as _starts_with asks
        if first is None:
            anywhere.append(frag)
        elif len(first) > _WIDE:
            wide.setdefault(frozenset(first), []).append(frag)
        else:
            groups.setdefault(frozenset(first), []).append(frag)
    by_char: dict[str, list[str]] = {}
    for chars, members in groups.items():
        for ch in sorted(chars):  # a set's order changes with every run's hash seed
            by_char.setdefault(ch, []).extend(members)
    # Characters with the same fragment list share one branch.
    merged: dict[tuple[str, ...], list[str]] = {}
    for ch, members in by_char.items():
        merged.setdefault(tuple(members), []).append(ch)
    branches = [
        f"(?=[{''.join(re.escape(c) for c in sorted(chars))}])(?:{'|'.join(members)})"
        for members, chars in merged.items()
    ]
    branches.extend(
        f"(?=[{''.join(re.escape(c) for c in sorted(chars))}])(?:{'|'.join(members)})"
        for chars, members in wide.items()
    )
    branches.extend(anywhere)
    return "(?:" + "|".join(branches) + ")"


def first_chars(fragment: str) -> set[str] | None:
    """The characters a match of ``fragment`` can start with, or None if unknown/any."""
    found = _first_chars(fragment)
    return None if found is None else set(found)


@regex_cache.persisted
def _first_chars(fragment: str) -> frozenset[str] | None:
    # Parsing is the slow part; anchors, composites and their branch lookaheads ask about
    # the same fragments again.
    try:
        parsed = _parser.parse(fragment)
    except re.error:
        return None
    found = _first(list(parsed.data))
    return None if found is None else frozenset(found)


_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT)


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
            if all(all(sub_op in _ZERO_WIDTH for sub_op, _ in b.data) for b in av[1]):
                continue  # "(?:(?<=ohne )|(?<=ohne ihr ))…": look-behinds, the next item decides
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
        if op in _ZERO_WIDTH:
            continue  # zero width: the next item decides
        return None
    return None  # the fragment can match the empty string


@cache
def _non_capturing(fragment: str) -> str:
    """Turn a fragment's plain groups into non-capturing ones.

    With hundreds of capture groups the engine copies its group marks on every branch it
    tries, which made a one-line check take milliseconds.
    """
    if "(" not in fragment:
        return fragment
    return _PLAIN_GROUP.sub(lambda m: "(?:" if m.group() == "(" else m.group(), fragment)


# An escape, a character class (whose brackets and parentheses are literal), or a "(" that
# opens a plain group.
_PLAIN_GROUP = re.compile(r"\\.|\[(?:\\.|[^\]\\])*\]|\((?!\?)", re.DOTALL)


@dataclass(frozen=True)
class Part:
    """One composed shape: ``head`` then ``tail`` within ``gap`` characters.

    ``check_gap`` drops a match whose gap holds a negator ("I'd rather *not* pay full
    price", "continue *without* accepting"), except inside a match of the ``excuse``
    category ("continue *without changing your settings*"); ``clause`` keeps both parts in
    one clause; ``answer`` lets the gap run past a question mark; ``needs`` names a category
    the gap must hold (inside the pattern, so a branch of another language can still match).
    """

    kind: str
    lexicon: str
    head: str
    tail: str | None = None
    gap: int = 40
    check_gap: bool = False
    clause: bool = False
    excuse: str | None = None
    answer: bool = False
    needs: str | None = None  # a category that must occur in the gap


@dataclass(frozen=True)
class Hit:
    start: int
    end: int
    lang: str
    kind: str
    tail: int = -1  # where the tail part starts (-1: the shape has none)
    head_end: int = -1  # where the head part ends (-1: the shape has no tail)


def _starts_with(lexicon_name: str, category: str, lang: str) -> str:
    """A lookahead for the characters a category's match can start with ('' if unknown).

    A composite tries its branches (a language and shape each) one after another: this
    lets a branch whose head cannot start here fail on one character test.
    """
    chars: set[str] = set()
    for fragment in lexicon(lexicon_name).categories.get(category, {}).get(lang, []):
        first = first_chars(_non_capturing(fragment))
        if first is None:
            return ""
        chars |= first
    return f"(?=[{''.join(re.escape(c) for c in sorted(chars))}])" if chars else ""


class Composite:
    """Several ``Part`` shapes in every language, compiled into one pattern.

    ``languages``: the languages composed, in the order their branches are tried (the
    first one matching at a position names the language).
    """

    def __init__(self, parts: tuple[Part, ...], languages: tuple[str, ...] = LANGUAGES) -> None:
        self.parts = {p.kind: p for p in parts}
        branches: list[str] = []
        for lang in languages:
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
                    shape = _CLAUSE_GAP if part.clause else _ANSWER_GAP if part.answer else _GAP
                    gap = shape.format(n=part.gap)
                    needs = f"(?={gap}{alt(part.lexicon, part.needs, lang)})" if part.needs else ""
                    if part.needs and alt(part.lexicon, part.needs, lang) is None:
                        continue
                    body = f"{head}{needs}(?P<{lang}__{part.kind}__gap>{gap}){tail}"
                branches.append(f"{_starts_with(part.lexicon, part.head, lang)}(?P<{lang}__{part.kind}>{body})")
        self.pattern = regex_cache.compile("|".join(branches) or r"(?!x)x")

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
        if part.tail is None:
            return Hit(m.start(), m.end(), lang, kind)
        if part.check_gap:
            gap = m.group(f"{name}__gap") or ""
            if part.excuse and gap:
                gap = _excused(part.lexicon, part.excuse, lang).sub(" ", gap)
            if gap and negators(lang).search(gap):
                return None
        return Hit(m.start(), m.end(), lang, kind, m.end(f"{name}__gap"), m.start(f"{name}__gap"))


@cache
def _excused(lexicon_name: str, category: str, lang: str) -> re.Pattern[str]:
    return regex_cache.compile(alt(lexicon_name, category, lang) or r"(?!x)x")


@cache
def negators(lang: str) -> re.Pattern[str]:
    """Plain negation words of one language, for gap checks: the shaming lexicon's, or for
    a banner language (which shaming.json gives none) the implied lexicon's."""
    return regex_cache.compile(alt("shaming", "negator", lang) or alt("implied", "negator", lang) or r"(?!x)x")


@cache
def by_language(lexicon_name: str, category: str) -> Composite:
    """A single category with the language as the group name."""
    return Composite((Part(kind=category, lexicon=lexicon_name, head=category),))


@cache
def shaming() -> Composite:
    return Composite((
        # "I don't want to save money", "ich mag keine Rabatte"
        Part("neg", "shaming", "neg_frame", "good", gap=40, clause=True),
        # "I don't want more customers": goods led by everyday words, read after a refusal only
        Part("neg_refused", "shaming", "neg_frame", "refused_good", gap=40, clause=True),
        # "my privacy doesn't matter to me", "Datenschutz ist mir egal"
        Part("after", "shaming", "good", "neg_after", gap=25, clause=True),
        # "mein Handy ist mir egal": indifference to one's own things (anchored on "my", which
        # the other shapes already make an anchor)
        Part("own_after", "shaming", "own_thing", "neg_after", gap=3, clause=True),
        # "I'd rather pay full price", "ich bleibe lieber uninformiert"
        Part("pos", "shaming", "pos_frame", "bad", gap=30, check_gap=True),
        # "No thanks, full price is fine", "Nein danke, ich zahle lieber mehr"
        Part("decline", "shaming", "decline", "bad", gap=50, check_gap=True),
        # "I hate offers", "odio las ofertas": a hostile verb shames any perk, where a plain
        # "I don't want offers" is a neutral opt-out.
        Part("hate", "shaming", "hate_frame", "perk", gap=25, clause=True),
        # "I'd rather miss the best deals", "Ik mis liever de beste deals"
        Part("miss", "shaming", "miss_frame", "perk", gap=25, clause=True),
        # "Continue without my discount (not recommended)", "Weiter ohne Gutschein – ich
        # hab's ja": carrying on without a perk is neutral until it is taunted or the perk
        # is "mine"; a decline can be taunted too ("No thanks (not recommended)").
        Part("forgo", "shaming", "forgo", "taunt", gap=40),
        Part("forgo_mine", "shaming", "forgo", "mine", gap=3),
        # "Continue without supporting the creators I follow", "Weiter, ohne die Redaktion zu
        # unterstützen": carrying on while refusing a good deed.
        Part("forgo_support", "shaming", "forgo", "support_deed", gap=3),
        Part("decline_taunt", "shaming", "decline", "taunt", gap=30),
        # "No thanks, I don't care about the newsroom", "Nein danke, die Redaktion ist mir
        # egal": declining while not caring about something named (see checks._shaming).
        Part("decline_care", "shaming", "decline", "not_care", gap=40, check_gap=True),
        # "I'm fine with being average", "I like my website slow", "Keep my inbox boring":
        # a poor state taken on as one's choice.
        Part("accept_poor", "shaming", "accept_frame", "poor", gap=25, check_gap=True),
        # "Boring is fine by me", "Mittelmaß reicht mir"
        Part("poor_fine", "shaming", "poor_lead", "fine_by_me", gap=12, check_gap=True),
        # "No thanks, my garden can stay ugly": a decline answered with one's own poor
        # state: the person is in it, and it is more than a bare "no" (checks._shaming).
        Part("decline_poor", "shaming", "decline", "poor", gap=45, check_gap=True, needs="self"),
        # "My houseplants can fend for themselves", "someone else can pay for it"
        Part("neglect", "shaming", "neglect"),
        Part("decline_neglect", "shaming", "decline", "own_neglect", gap=30, check_gap=True),
    ), languages=LANGUAGES + BANNER_LANGUAGES)  # a banner's decline is read in more languages


@cache
def implied() -> Composite:
    return Composite((
        # "If you continue without changing your settings, we'll assume…": carrying on
        # without deciding is no refusal ("inaction" in the gap).
        Part("forward", "implied", "continue", "agree", gap=100, check_gap=True, excuse="inaction"),
        Part("reverse", "implied", "agree", "continue", gap=100, check_gap=True),
        # "By continuing, you agree …": counts only when the sentence is about cookies
        # (checked by the caller), since a sign-up form says the same about its terms.
        Part("bare", "implied", "continue_bare", "agree", gap=40, check_gap=True, excuse="inaction"),
        # "Still reading? Great, we'll take that as a yes": the answer follows the question.
        Part("still", "implied", "still_here", "agree", gap=40, check_gap=True, answer=True),
    ), languages=LANGUAGES + BANNER_LANGUAGES)  # banners are read in more languages


@cache
def countdown() -> Composite:
    return Composite((
        Part("deadline", "pressure", "deadline"),
        # "Hurry!", "dépêchez-vous": urgency with no time in it (see checks._countdown).
        Part("hurry", "pressure", "hurry"),
        # "Sale ends Sunday", "offer expires in 09:59"; not "sale ends 31 March".
        Part("dated", "pressure", "deal_end", "when", gap=20, check_gap=True),
        Part("ends", "pressure", "end_verb", "when", gap=20, check_gap=True),
    ))


@cache
def scarcity() -> Composite:
    return Composite((
        Part("stock", "pressure", "scarcity"),
        # "In high demand", "Sehr gefragt": a claim about demand, not stock. Beside an
        # activity notice it is that notice's headline (see checks._scarcity).
        Part("demand", "pressure", "demand"),
        # "While stocks last", "solange der Vorrat reicht": in an offer's terms it is a
        # legal proviso, not a claim (see checks._scarcity).
        Part("proviso", "pressure", "proviso"),
    ))


@cache
def timer() -> re.Pattern[str]:
    """Clock-like timers (``09:59``, ``01:12:33``) and unit timers (``2h 15m``, ``1 Tag 3 Std``)."""
    # A unit follows its number with or without a space ("2h 15m", "2 h 15 min"): only its
    # end is bounded, since alt()'s leading word boundary would fail right after a digit.
    fragments = [f for frags in lexicon("pressure").categories.get("unit", {}).values() for f in frags]
    units = "(?:" + "|".join(_non_capturing(f) for f in fragments or ["h"]) + r")(?!\w)"
    unit_timer = rf"\d{{1,3}} ?{units}\.?(?:[ ,:]{{0,2}}\d{{1,3}} ?{units}\.?)+(?!\w)"
    clock = r"(?<![\d:.,/+-])\d{1,2}:\d{2}(?::\d{2})?(?![\d:]|[.,+-]\d|\s?(?:am|pm|uhr|h|z)\b)"
    return regex_cache.compile(rf"(?P<unit>{unit_timer})|(?P<clock>{clock})")


# The parts a match of each rule starts with. A text in which none of them occurs
# anywhere cannot yield a finding, so one search over their union rules most text out.
_ANCHORS: dict[str, tuple[tuple[str, str], ...]] = {
    "shaming": (("shaming", "decline"), ("shaming", "pos_frame"), ("shaming", "neg_frame"),
                ("shaming", "good"), ("shaming", "hate_frame"), ("shaming", "miss_frame"),
                ("shaming", "forgo"), ("shaming", "accept_frame"), ("shaming", "poor_lead"), ("shaming", "own_thing"),
                ("shaming", "neglect")),
    "implied": (("implied", "continue"), ("implied", "agree"), ("implied", "continue_bare"),
                ("implied", "still_here")),
    "countdown": (("pressure", "deadline"), ("pressure", "hurry"), ("pressure", "deal_end"),
                  ("pressure", "end_verb")),
    "scarcity": (("pressure", "scarcity"), ("pressure", "demand"), ("pressure", "proviso")),
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
        out[rule] = regex_cache.compile(pattern)
    return out
