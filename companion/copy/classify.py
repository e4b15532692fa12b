"""``classify_copy(text)``: the pure text classifier behind ``lint-text`` and the page detectors.

One pre-filter pass says which rules could match; only those detailed patterns run. The
text is normalised once (lower case, folded quotes, collapsed white space) and the span
that matched is reported in the text's own case when lengths allow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from companion.copy import patterns, prefilter
from companion.copy.checks import CHECKS, Span
from companion.copy.words import TextWords, text_words
from companion.findings import finding
from companion.lexicon import fold
from companion.models import Finding

# Internal key -> public rule id (the catalog in companion/data/rules.json).
RULE_IDS: dict[str, str] = {
    "shaming": "consent.confirmshaming",
    "implied": "consent.implied-consent",
    "trick": "sharing.trick-question",
    "countdown": "pressure.countdown",
    "scarcity": "pressure.scarcity",
    "social": "pressure.social-proof",
}
COPY_RULES: tuple[str, ...] = tuple(RULE_IDS.values())
KEY_OF = {v: k for k, v in RULE_IDS.items()}


MESSAGES: dict[str, str] = {
    "shaming": "The option to say no is worded to shame or guilt you: “{span}”.",
    "implied": "Consent is taken from carrying on, scrolling or closing: “{span}”.",
    "trick": "Confusing double-negative or reversed opt-in wording: “{span}”.",
    "countdown": "Countdown or deadline urgency: “{span}”.",
    "scarcity": "Low-stock or high-demand claim: “{span}”.",
    "social": "Activity notice used as social proof: “{span}”.",
}

@dataclass(frozen=True)
class CopyMatch:
    """One rule matched in one text: the rule id, the span as written, a language guess."""

    rule: str
    span: str
    lang: str
    start: int
    end: int

    def to_finding(self, **evidence: object) -> Finding:
        key = KEY_OF[self.rule]
        message = MESSAGES[key].format(span=_short(self.span))
        return finding(self.rule, message, **{"text": self.span, "lang": self.lang, **evidence})


def prepare(text: str) -> tuple[str, str]:
    """(display, lower): white space collapsed and quotes folded; same length when possible."""
    display = " ".join(fold(text).split())
    lower = display.lower()
    if len(lower) != len(display):  # a few characters change length when lower-cased
        display = lower
    return display, lower


def match_copy(
    text: str, *, rules: Iterable[str] | None = None, control: bool = False
) -> list[CopyMatch]:
    """Every copy rule that matches ``text``, at most one match per rule.

    ``rules`` restricts the check to some rule ids. ``control=True`` says the text labels a
    checkbox or switch, so a trick question needs no "tick this box" wording of its own.
    """
    display, low = prepare(text)
    if not low:
        return []
    wanted = {KEY_OF[r] for r in rules} if rules is not None else set(RULE_IDS)
    found: dict[str, Span] = {}
    for key, positions in anchored(low, wanted).items():
        check = CHECKS[key]
        for start in positions:
            # Rules are independent: the first anchor position whose check passes wins.
            hit = check(low, start, control)
            if hit is not None:
                found[key] = hit
                break
    out = []
    for key in RULE_IDS:
        if key in found:
            s, e, lang = found[key]
            out.append(CopyMatch(RULE_IDS[key], display[s:e].strip(" ,;:"), lang, s, e))
    return out


def classify_copy(
    text: str, *, rules: Iterable[str] | None = None, control: bool = False
) -> list[Finding]:
    """Findings for one piece of copy: evidence ``{"text": matched span, "lang": guess}``."""
    return [m.to_finding() for m in match_copy(text, rules=rules, control=control)]


def anchored(low: str, wanted: Iterable[str] | None = None, *, whole_page: bool = False) -> dict[str, list[int]]:
    """Per rule key (all, or ``wanted``), the ascending positions where its anchor matches
    in the normalised lower-case ``low``: where a match could start.

    ``whole_page``: ``low`` joins many texts (``companion.copy.page_text``). A head whose
    shape needs a tail ("save money" + "doesn't matter to me") is then dropped when no
    word of the whole text can start that tail: common words such as "save" would
    otherwise point at half the blocks of a shop page.
    """
    keys = set(RULE_IDS) if wanted is None else set(wanted)
    words = text_words(low)
    anchors = patterns.anchors()
    if whole_page:
        anchors = {key: _completable_anchor(key, words) for key in keys}
    out = {}
    for key, positions in _candidates(low, keys, words).items():
        anchor = anchors[key]
        kept = [p for p in positions if anchor.match(low, p) is not None]
        if kept:
            out[key] = kept
    return out


def matches_at(rule_key: str, low: str, pos: int) -> bool:
    """Whether the detailed check of ``rule_key`` passes at anchor position ``pos`` of the
    normalised lower-case ``low`` (as ``match_copy`` would decide there)."""
    return CHECKS[rule_key](low, pos, False) is not None


def _completable_anchor(key: str, words: TextWords) -> re.Pattern[str]:
    dropped = set()
    for head, tails in prefilter.heads_needing_tails().get(key, ()):
        gates = [prefilter.tail_fragments(*tail) for tail in tails]
        if all(g is not None and not words.may_hold(g) for g in gates):
            dropped.add(head)
    return prefilter.anchor_without(key, frozenset(dropped)) if dropped else patterns.anchors()[key]


def _candidates(low: str, wanted: set[str], words: TextWords) -> dict[str, list[int]]:
    """Per wanted rule, the ascending positions where one of its anchors could start.

    A superset of where the anchors match: the start of a word that begins like one of the
    rule's fragments, a timer for countdowns, and where the fragments that start with a
    number or an unknown word match (scanned for only when a later word or a literal
    they need occurs).
    """
    pre = prefilter.prefilter()
    out: dict[str, set[int]] = {}
    gates: set[str] = set()
    rules_of_word: dict[str, set[str]] = {}
    for word in pre.hits(words.words):
        labels = pre.rules_of(word)
        gates.update(label[1:] for label in labels if label[0] == "?")
        if rules := labels & wanted:
            rules_of_word[word] = rules
    for word, starts in words.positions_of(rules_of_word).items():
        for key in rules_of_word[word]:
            out.setdefault(key, set()).update(starts)
    if "countdown" in wanted and prefilter.timer_gate().search(low):
        out.setdefault("countdown", set()).update(_timers(low))
    numbers: list[int] | None = None
    for key, odd in pre.odd.items():
        if key in wanted and (
            odd.always
            or (key in gates and words.may_hold(odd.later))
            or _holds_a_literal(odd, words)
        ):
            if odd.numbered and numbers is None:
                numbers = _number_starts(low)
            # A match attempt at a number costs what a scan spends on 8 to 45 characters
            # (measured): on a table of prices and counts the scan is the cheaper way.
            if odd.numbered and numbers is not None and len(numbers) * _MATCH_PER_CHARS < len(low):
                found = [p for p in numbers if odd.pattern.match(low, p) is not None]
            else:
                found = _scan(odd.pattern, low)
            out.setdefault(key, set()).update(found)
    return {key: sorted(out[key]) for key in RULE_IDS if out.get(key)}


# Up to this length one regex search for all of a rule's literals beats a search for each;
# on a page's worth of text the distinct tokens are searched one literal at a time.
_SHORT_TEXT = 2000


def _holds_a_literal(odd: prefilter.Odd, words: TextWords) -> bool:
    if len(words.low) <= _SHORT_TEXT:
        return odd.any_literal.search(words.low) is not None
    return any(words.contains(lit) for lit in odd.literals)


def _timers(low: str) -> list[int]:
    """Where a timer starts. Every timer holds a gate match (a digit before ':' + digit or a
    unit) within its first digits, so only the few positions before each gate match are
    tried: a scan with the timer pattern itself costs an attempt at every character."""
    timer = patterns.timer()
    out = set()
    for m in prefilter.timer_gate().finditer(low):
        end = m.start()
        for start in range(max(0, end - 2), end + 1):
            if timer.match(low, start) is not None:
                out.add(start)
    return sorted(out)


_NUMBER = re.compile(r"\d+")
_MATCH_PER_CHARS = 10


def _number_starts(low: str) -> list[int]:
    """Where a number begins a word: the only places a number-led fragment can start.

    A search for ``\\d`` skips the other characters in C, where a fragment pattern (which
    starts with a look-behind) is tried at every position of the text."""
    return [
        m.start() for m in _NUMBER.finditer(low)
        if m.start() == 0 or not (low[m.start() - 1].isalnum() or low[m.start() - 1] == "_")
    ]


def _scan(pattern: re.Pattern[str], low: str) -> list[int]:
    """Every position where ``pattern`` matches (overlapping starts included)."""
    out = []
    m = pattern.search(low)
    while m is not None:
        out.append(m.start())
        m = pattern.search(low, m.start() + 1)
    return out


def _short(span: str, limit: int = 120) -> str:
    return span if len(span) <= limit else span[: limit - 1] + "…"
