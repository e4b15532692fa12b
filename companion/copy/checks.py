"""The detailed check of each copy rule at one anchor position.

``CHECKS[key](low, pos, control)`` decides whether the rule's shape really matches the
normalised lower-case ``low`` at ``pos`` (where ``companion.copy.classify`` found one of its
anchors) and returns the span and language it matched, or None. ``control`` says the text
labels a checkbox or switch.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from companion import regex_cache
from companion.copy import patterns
from companion.lexicon import LANGUAGES

Span = tuple[int, int, str]  # start, end, language


def _at(comp: patterns.Composite, low: str, pos: int) -> Span | None:
    hit = comp.match(low, pos)
    return (hit.start, hit.end, hit.lang) if hit else None


def _shaming(low: str, pos: int, control: bool) -> Span | None:
    hit = patterns.shaming().match(low, pos)
    if hit is None or _quoted(low, hit.start):
        return None  # quoted: an article about such buttons ("a decline that read 'No, I hate saving'")
    if hit.kind in ("neg", "neg_refused") and _double_negative(low, hit):
        return None  # "Je ne souhaite pas ne pas être informé": a trick question's wording
    if hit.kind == "neg" and hit.lang in _SHARING_LANGS and _one_lang("shaming", "data_use", hit.lang).search(
            low, hit.tail, _clause_end(low, hit.end) + 40):
        return None  # "Ik wil liever niet dat mijn gegevens gedeeld worden": refusing a use of one's data
    if hit.kind == "decline_care" and _one_lang("shaming", "care_neutral", hit.lang).search(low, hit.tail, hit.end):
        return None  # "No, I don't care about the colour", "Nein, die Reihenfolge ist mir egal"
    if hit.kind == "decline_poor" and low[hit.start : hit.head_end].strip(_PUNCT) in _BARE_NO:
        return None  # "No, my order came broken": an answer to a question, not a choice framed
    return hit.start, hit.end, hit.lang


_BARE_NO = frozenset({"no", "nein", "non", "nee", "não", "nie", "nej", "ne", "ei", "nu", "nem", "όχι"})
_PUNCT = " ,.!;:–—-"


def _clause_end(low: str, pos: int) -> int:
    stops = [i for c in ".,;:!?\n" if (i := low.find(c, pos)) >= 0]
    return min(stops) if stops else len(low)


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
    if hit is None or _quoted(low, hit.start):
        return None  # quoted: an article about such notices ("… claim "by continuing you agree"")
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
# A German quotation „…“ closes with the mark an English one opens with.
_QUOTE_SHUT = re.compile(r"[.!?;\"”“»›]|'(?!\w)")


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
    inverted = _one("sharing", "inverted").search(sentence) is not None  # "leave unticked to allow"
    if negations >= 2 or (plain and outs) or reversed_out or inverted:
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


CHECKS: dict[str, Callable[[str, int, bool], Span | None]] = {
    "shaming": _shaming,
    "implied": _implied,
    "trick": _trick,
    "countdown": _countdown,
    "scarcity": _scarcity,
    "social": _social,
}


