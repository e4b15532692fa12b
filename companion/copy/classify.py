"""``classify_copy(text)``: the pure text classifier behind ``lint-text`` and the page detectors.

One pre-filter pass says which rules could match; only those detailed patterns run. The
text is normalised once (lower case, folded quotes, collapsed white space) and the span
that matched is reported in the text's own case when lengths allow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from companion import regex_cache
from companion.copy import patterns, prefilter
from companion.copy.words import TextWords, text_words
from companion.findings import finding
from companion.lexicon import LANGUAGES, fold
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
        check = _CHECKS[key]
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
    return _CHECKS[rule_key](low, pos, False) is not None


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
    for word in pre.hits(words.words):
        labels = pre.rules_of(word)
        rules = labels & wanted
        gates.update(label[1:] for label in labels if label[0] == "?")
        if not rules:
            continue
        for start in words.positions(word):
            for key in rules:
                out.setdefault(key, set()).add(start)
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


# -- the detailed checks: (lower text, anchor position, control) -> span | None ----------------
Span = tuple[int, int, str]


def _at(comp: patterns.Composite, low: str, pos: int) -> Span | None:
    hit = comp.match(low, pos)
    return (hit.start, hit.end, hit.lang) if hit else None


def _shaming(low: str, pos: int, control: bool) -> Span | None:
    hit = patterns.shaming().match(low, pos)
    if hit is None:
        return None
    if hit.kind == "neg" and _double_negative(low, hit):
        return None  # "Je ne souhaite pas ne pas être informé": a trick question's wording
    if hit.kind == "decline_care" and _one_lang("shaming", "care_neutral", hit.lang).search(low, hit.tail, hit.end):
        return None  # "No, I don't care about the colour", "Nein, die Reihenfolge ist mir egal"
    return hit.start, hit.end, hit.lang


def _double_negative(low: str, hit: patterns.Hit) -> bool:
    """A second negation in the clause of "I don't want <good>": "Ik wil niet geen
    aanbiedingen", "Non desidero che i miei dati non vengano usati". French "ne … pas" is
    one negation."""
    stops = [i for c in ".,;:!?\n" if (i := low.find(c, hit.end)) >= 0]
    clause = low[hit.start : min(stops) if stops else len(low)]
    found = [m.group() for m in patterns.negators(hit.lang).finditer(clause)]
    # An opt-out word negates too: "Ik wil niet uitgesloten worden van aanbiedingen", "I
    # don't want to stop getting deals", "je ne veux pas renoncer à mes avantages".
    # The frame's own refusal is not a second one: "Refuser et ne pas soutenir …" joins a
    # refusal to one negated good deed.
    after_head = low[max(hit.head_end, hit.start) : hit.start + len(clause)]
    outs = len(_one_lang("sharing", "optout", hit.lang).findall(after_head)) if hit.lang in _SHARING_LANGS else 0
    return len([n for n in found if n not in ("ne", "n'")]) + outs >= 2


_SHARING_LANGS = frozenset(LANGUAGES)


def _implied(low: str, pos: int, control: bool) -> Span | None:
    hit = patterns.implied().match(low, pos)
    if hit is None:
        return None
    if hit.kind == "bare":
        ends = [i for c in ".!?;\n" if (i := low.find(c, hit.end)) >= 0]
        # The cookie talk may sit in the sentence before: "We use cookies. By continuing…"
        window_end = min(ends) if ends else len(low)
        if not _one("implied", "context").search(low, max(0, pos - 160), window_end):
            return None
    elif hit.kind == "forward" and _use_as_object(low, hit.start, hit.head_end, hit.lang):
        return None  # "… to analyse the use of our site, you agree": a purpose's object
    elif hit.kind == "reverse":
        end = _carrying_on_after(low, hit)
        if end is None:
            return None
        return hit.start, end, hit.lang
    return hit.start, hit.end, hit.lang


# The gap a reverse shape allows between its agreement and the continuation (patterns.implied).
_REVERSE_GAP = 100


def _carrying_on_after(low: str, hit: patterns.Hit) -> int | None:
    """Where the continuation of a reverse hit ("you agree … by continuing to browse") ends,
    or None when what follows the agreement is no carrying on.

    A phrase about site use is no carrying on when it is the object of a purpose ("… to
    improve navigation on the site, analyse the use of the site") or, after an agreement
    tied to a click ("By clicking 'Accept all', you agree to … the use of the site"), when
    no "by"/"through" makes it the means of agreeing. The next continuation in the sentence
    is then tried: "… to analyse its use, or by continuing to browse".
    """
    lang = hit.lang
    clicked = _one_lang("implied", "click", lang).search(low, _sentence_start(low, hit.start), hit.start)
    start, end = hit.tail, hit.end
    cont = _one_lang("implied", "continue", lang)
    stop = _sentence_end(low, hit.end)
    while True:
        if not _use_as_object(low, start, end, lang) and not (clicked and _bare_use(low, start, lang)):
            return end
        m = cont.search(low, start + 1, stop)
        if m is None or m.start() - hit.head_end > _REVERSE_GAP:
            return None
        if patterns.negators(lang).search(low, hit.head_end, m.start()):
            return None  # as the composite's gap check: "you agree … not by continuing"
        start, end = m.span()


def _use_as_object(low: str, start: int, end: int, lang: str) -> bool:
    """The continuation at ``start``..``end`` is the object of a purpose, a need or a piece
    of information ("améliorer la navigation sur le site", "nécessaires à la navigation",
    "informations sur l'utilisation de notre site", "het gebruik van de site te
    analyseren", "lors de votre navigation"), not a condition of the agreement."""
    if _one_lang("implied", "use_noun", lang).match(low, start) is None:
        return False  # "if you carry on browsing" is a condition, whatever precedes it
    if _object_frame(lang).search(low, max(0, start - 60), start):
        return True
    return _object_after(lang).match(low, end) is not None


def _bare_use(low: str, start: int, lang: str) -> bool:
    """A noun phrase about site use ("the use of the site", "la navigation sur le site")
    with no "by", "through", "par", "durch", "door"… before it to make it a means."""
    if _one_lang("implied", "use_noun", lang).match(low, start) is None:
        return False
    return _means_before(lang).search(low, max(0, start - 12), start) is None


@cache
def _object_frame(lang: str) -> re.Pattern[str]:
    # The frame, then at most two short words (articles, possessives), right before the phrase.
    frame = patterns.alt("implied", "object_frame", lang or None) or r"(?!x)x"
    return regex_cache.compile(rf"{frame}(?:[ '][\w-]{{1,8}}){{0,2}}[ ']?$")


@cache
def _object_after(lang: str) -> re.Pattern[str]:
    # "het gebruik van de site (beter) te analyseren", "so that the use of the site can be
    # analysed": the purpose verb follows its object, a word or two later in the clause.
    after = patterns.alt("implied", "object_after", lang or None) or r"(?!x)x"
    return regex_cache.compile(rf"(?: (?!(?:om|um|en|und|of|oder|and|or|et|ou|y|e|o)(?!\w))[\w-]+){{0,2}} {after}")


@cache
def _means_before(lang: str) -> re.Pattern[str]:
    means = patterns.alt("implied", "means", lang or None) or r"(?!x)x"
    return regex_cache.compile(rf"{means} $")


def _sentence_start(low: str, pos: int) -> int:
    return max(low.rfind(c, 0, pos) for c in ".!?;\n") + 1


def _sentence_end(low: str, pos: int) -> int:
    stops = [i for c in ".!?;\n" if (i := low.find(c, pos)) >= 0]
    return min(stops) if stops else len(low)


def _scarcity(low: str, pos: int, control: bool) -> Span | None:
    hit = patterns.scarcity().match(low, pos)
    if hit is None or _quoted(low, hit.start):
        return None  # "'Only 3 left!': how retailers fake scarcity" quotes a claim
    if hit.kind == "stock":
        latest = _latest_posts(low, hit)
        if latest is not None:
            return None if latest else (hit.start, hit.end, hit.lang)
        # "3 questions left in this survey": a count of the reader's own progress.
        after = _NEXT_WORD.match(low, hit.end)
        window = low[hit.start : after.end() if after else hit.end]
        if _one_lang("pressure", "not_stock", hit.lang).search(window):
            return None
    elif hit.kind == "demand":
        # "In high demand: 9 other travellers are viewing this hotel" is social proof.
        if patterns.by_language("pressure", "social_proof").search(low):
            return None
    elif _offer_terms(low, hit.start, hit.end):
        return None  # "Offer valid until 31/12/2025, while stocks last": fine print
    return hit.start, hit.end, hit.lang


def _latest_posts(low: str, hit: patterns.Hit) -> bool | None:
    """For a "last …" stock claim: True when it heads a list of recent posts ("Derniers
    articles", "Ultimi articoli pubblicati", "Últimas entradas del blog"), False when it is
    a claim about articles for sale ("Letzte Artikel in Ihrer Größe"), None when the rule
    does not apply (no "last" word, or a noun that is not a post's)."""
    latest = _one_lang("pressure", "latest", hit.lang).match(low, hit.start)
    if latest is None:
        return None
    sentence = _sentence(low, hit.start, hit.end)
    if _one_lang("pressure", "publication", hit.lang).search(sentence):
        return True
    if not low.startswith(" ", latest.end()):
        return None
    if _one_lang("pressure", "post_noun", hit.lang).match(low, latest.end() + 1) is None:
        return None
    # "articles"/"Artikel" are posts or goods: a stock cue ("disponible", "auf Lager",
    # "in your size", "-30 %") says which.
    return _one_lang("pressure", "stock_cue", hit.lang).search(sentence) is None


def _offer_terms(low: str, start: int, end: int) -> bool:
    """Whether the sentence around ``start``..``end`` states an offer's terms: a validity
    period, a date, "terms apply", or what the edition or offer holds ("signed copies",
    "free tote with every order") when nothing in it urges a purchase ("grab yours")."""
    begin = max(low.rfind(c, 0, start) for c in "!?;\n") + 1
    stops = [i for c in "!?;\n" if (i := low.find(c, end)) >= 0]
    sentence = low[begin : min(stops) if stops else len(low)]
    if _one("pressure", "offer_terms").search(sentence) or _DATE.search(sentence):
        return True
    return bool(
        _one("pressure", "edition_terms").search(sentence)
        and not _one("pressure", "call").search(sentence)
        and not _one("pressure", "hurry").search(sentence)
    )


_NEXT_WORD = re.compile(r" ?\w+")
# A calendar date: 31.12.2025, 30/06/2025, 31-12-25.
_DATE = re.compile(r"(?<![\d.,/-])\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})(?![\d/-])")


def _social(low: str, pos: int, control: bool) -> Span | None:
    return _at(patterns.by_language("pressure", "social_proof"), low, pos)


@cache
def _one(lexicon_name: str, category: str) -> re.Pattern[str]:
    return regex_cache.compile(patterns.alt(lexicon_name, category) or r"(?!x)x")


@cache
def _one_lang(lexicon_name: str, category: str, lang: str) -> re.Pattern[str]:
    """One category in one language (all languages when the language is unknown)."""
    return regex_cache.compile(patterns.alt(lexicon_name, category, lang or None) or r"(?!x)x")


def _countdown(low: str, pos: int, control: bool) -> Span | None:
    hit = patterns.countdown().match(low, pos)
    if hit is not None:
        if _quoted(low, hit.start) or (hit.kind == "hurry" and _scarcity_claim(low)):
            return None
        if _no_purchase(low, hit.start, hit.end, hit.lang):
            return None  # "Plus que 5 minutes de lecture", "Nur noch 2 Tage bis zum Urlaub!"
        if hit.kind == "ends":
            if _no_deal(low, hit.start, hit.end):
                return None  # "Your session will expire in 5 minutes due to inactivity"
            if _one("pressure", "clock_when").match(low, hit.tail) and not _deal_near(low, hit.start, hit.end):
                return None  # "The webinar ends at 5pm": a time of day needs a deal that ends
        # Show the deadline too: "sale ends" + " sunday", "offer ends in" + " 09:59".
        after = _when().match(low, hit.end)
        return hit.start, after.end() if after else hit.end, hit.lang
    m = patterns.timer().match(low, pos)
    if m is None:
        return None
    start, end = m.span()
    # The timer stays in the window: "ends at 17:00" is a clock time only with its digits.
    around = low[max(0, start - 40) : end + 25]
    if _one("pressure", "opening").search(around) or _DATED.search(low, max(0, start - 14), start):
        return None  # "we open at 09:00", "duration 1:02:33", "2020-08-18 15:27:27"
    # A running timer shows its seconds; "1 h 20 min" alone is a duration (a flight's, say).
    seconds = m.group().count(":") == 2 or (m.lastgroup == "unit" and _SECONDS.search(m.group()) is not None)
    alone = len(low) <= end - start + 12  # the element shows little besides the timer
    window = low[max(0, start - 60) : end + 40]
    near = [u.group() for u in _one("pressure", "urgent").finditer(window)]
    if _TIME_OF_DAY.search(low, max(0, start - 8), start):
        # "The webinar ends at 17:00" and "tickets go on sale at 10:00" are schedules; "the
        # sale ends at 17:00" is pressure: a time of day needs a deal that ends, or a hurry.
        ends = _one("pressure", "deal_end").search(window) or _one("pressure", "hurry").search(window)
        near = ["deal"] if ends else []
    if (near or (seconds and alone)) and not _no_deal(low, start, end) and not _no_purchase(low, start, end, ""):
        return start, end, _lang_of(low)
    return None


def _no_purchase(low: str, start: int, end: int, lang: str) -> bool:
    """The time counts down to no purchase: a reading time ("Plus que 5 minutes de
    lecture", "Nog 4 minuten leestijd"), or a personal or public event ("Nur noch 2 Tage bis
    zum Urlaub!", "Only 3 days until our wedding") with no offer, price, order or tickets
    near it ("… bis Weihnachten – jetzt bestellen!" is a deal's countdown)."""
    sentence = _sentence(low, start, end)
    if _one_lang("pressure", "reading_time", lang).search(sentence):
        return not _one("pressure", "deal_end").search(sentence)
    if not _one_lang("pressure", "event", lang).search(sentence):
        return False
    window = low[max(0, start - 80) : end + 100]
    return not (_one_lang("pressure", "deal_cue", lang).search(window) or _one("pressure", "deal_end").search(window))


def _sentence(low: str, start: int, end: int) -> str:
    begin = max(low.rfind(c, 0, start) for c in ".!?;\n") + 1
    stops = [i for c in ".!?;\n" if (i := low.find(c, end)) >= 0]
    return low[begin : min(stops) if stops else len(low)]


def _no_deal(low: str, start: int, end: int) -> bool:
    """The time runs out on a session, a login or a security code, not on a deal: "Your
    session will expire in 5 minutes", "Sitzung läuft ab in 04:59"."""
    sentence = _sentence(low, start, end)
    return bool(_one("pressure", "not_deal").search(sentence)) and not _one("pressure", "deal_end").search(sentence)


def _deal_near(low: str, start: int, end: int) -> bool:
    window = low[max(0, start - 60) : end + 40]
    return bool(_one("pressure", "deal_end").search(window) or _one("pressure", "hurry").search(window))


# An opening quotation mark at the start of the text or after a space, colon or bracket
# (with the Spanish "¡"/"¿" inside it: «¡Solo quedan 2!»); an apostrophe inside a word
# ("don't") opens nothing.
_QUOTE_OPEN = re.compile(r"(?:^|(?<=[\s:(]))['\"„“«‹‘] ?[¡¿]?(?=\S)")
# What ends a quotation or its sentence before the phrase: the phrase is then outside it.
_QUOTE_SHUT = re.compile(r"[.!?;\"”»›]|'(?!\w)")


_SECONDS = re.compile(r"\d ?(?:s|secs?|seconds?|sek|sekunden?|sec|secondes?|seg|segundos?|secondi|seconden)\.?(?!\w)")


def _quoted(low: str, start: int) -> bool:
    """The phrase opens or sits in a quotation: a headline ("Titre : « Dernière chance
    pour… »", "'Nog maar 1 kamer!': ACM …") names a deadline or a stock claim, it does not
    make one."""
    opening = None
    for m in _QUOTE_OPEN.finditer(low, max(0, start - 40), start + 1):
        opening = m
    return opening is not None and not _QUOTE_SHUT.search(low, opening.end(), start)


def _scarcity_claim(low: str) -> bool:
    """ "Stock limité, dépêchez-vous": the hurry is about stock, which the scarcity rule
    reports; with no time in it, it is no countdown."""
    return patterns.scarcity().search(low) is not None


# A preposition that makes a clock a time of day, not a duration ("at 17:00", not "in 02:14").
_TIME_OF_DAY = re.compile(r"(?:\bat|\bum|à|\ba las|\ba la|\balle|\bore|\bom) $")


# A date just before a clock time makes it a timestamp, not a countdown.
_DATED = re.compile(r"\d{4}-\d{1,2}-\d{1,2}[t ]?$|\d{1,2}[./]\d{1,2}[./]\d{2,4},? ?$")


@cache
def _when() -> re.Pattern[str]:
    return regex_cache.compile(
        rf"[ :,-]{{0,3}}(?:in |dans |en |tra |over |um |at |à )?"
        rf"(?:{patterns.timer().pattern}|{patterns.alt('pressure', 'when')})"
    )


# Clauses of a label: sentences, brackets, and asides set off by a dash or a comma.
_CLAUSES = re.compile(r"[.!?;()\[\]\n]|,|\s[-–—]\s")


def blank_asides(text: str, *, idioms: bool = True) -> str:
    """``text`` with what does not refuse blanked, keeping its length: the clauses that say
    how to withdraw later ("unsubscribe at any time", "jederzeit abbestellbar", "Reply
    STOP") and, with ``idioms``, "don't miss our deals". (In a trick question the idiom's
    negation still confuses: "untick if you don't want to miss out".)"""
    withdrawal = _one("sharing", "withdrawal")
    parts = []
    start = 0
    for sep in [*_CLAUSES.finditer(text), None]:
        end = sep.start() if sep is not None else len(text)
        clause = text[start:end]
        parts.append(" " * len(clause) if withdrawal.search(clause) else clause)
        if sep is not None:
            parts.append(sep.group())
            start = sep.end()
    kept = "".join(parts)
    return _one("sharing", "no_miss").sub(lambda m: " " * len(m.group()), kept) if idioms else kept


def _trick(low: str, pos: int, control: bool) -> Span | None:
    begin = max(low.rfind(c, 0, pos) for c in ".!?;\n") + 1
    ends = [i for c in ".!?;\n" if (i := low.find(c, pos)) >= 0]
    sentence = low[begin : min(ends) if ends else len(low)]
    topic = patterns.by_language("sharing", "optin").search(sentence)
    if topic is None:
        return None
    if not control and not _one("sharing", "choice").search(sentence):
        return None
    optout, negator = _one("sharing", "optout"), _one("sharing", "negator")
    kept = blank_asides(sentence, idioms=False)
    outs = [m.span() for m in optout.finditer(kept)]
    plain = [m for m in negator.finditer(kept) if not any(a <= m.start() < b for a, b in outs)]
    # "keine Werbung und keinen Newsletter" is one refusal, not a double negative.
    coordinator = _coordinator(topic.lang)
    negations = len(plain) - sum(
        1 for a, b in zip(plain, plain[1:], strict=False)
        if coordinator.search(kept, a.end(), b.start())
    )
    # "den Verzicht auf Werbung aufheben", "lift my objection": an opt-out undone is a
    # double negative in one phrase (looked for before the withdrawal clauses are blanked:
    # "revocare la tua opposizione" revokes a refusal, not a consent).
    reversed_out = _one("sharing", "reversal").search(sentence) is not None
    if negations >= 2 or (plain and outs) or reversed_out:
        lead = len(sentence) - len(sentence.lstrip())
        return begin + lead, begin + len(sentence.rstrip()), topic.lang
    return None


@cache
def _coordinator(lang: str) -> re.Pattern[str]:
    """"and"/"or" in the sentence's language only: Dutch "en" is Spanish and French "in",
    Spanish "o" and Italian "e" are letters elsewhere."""
    found = patterns.alt("sharing", "coordinator", lang) if lang else None
    return regex_cache.compile(found or patterns.alt("sharing", "coordinator") or r"(?!x)x")


def _lang_of(low: str) -> str:
    """A cheap language guess for texts whose match carries none (timers)."""
    hit = patterns.by_language("pressure", "urgent").search(low)
    return hit.lang if hit else ""


_CHECKS = {
    "shaming": _shaming,
    "implied": _implied,
    "trick": _trick,
    "countdown": _countdown,
    "scarcity": _scarcity,
    "social": _social,
}


def _short(span: str, limit: int = 120) -> str:
    return span if len(span) <= limit else span[: limit - 1] + "…"
