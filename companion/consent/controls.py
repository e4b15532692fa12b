"""Classifying a banner control by what it does: accept, reject, settings, acknowledge, other."""

from __future__ import annotations

import re
from functools import cache

from lxml import etree

from companion.lexicon import lexicon, normalise

# Tried in this order: refusals such as "accept only necessary" must win over "accept",
# and "save my choices" is a settings-layer action, not an acceptance.
_ORDER = (("reject", "reject"), ("save", "settings"), ("accept", "accept"),
          ("settings", "settings"), ("acknowledge", "acknowledge"))
_SHORT_YES = {"yes", "ja", "oui", "sí", "si", "sì", "jawohl"}
_SHORT_NO = {"no", "nein", "non", "nee", "nope"}
_CLOSE_GLYPHS = {"×", "✕", "✖", "x", "╳", "⨯"}
_BARE_NO_LEAD = re.compile(r"(no|nope|nee|nein|non|não|nie|nej|ei|ne|nu|nem|όχι)\s*[,.:;–—-]\s*")
MAX_CONTROL_TEXT = 80

CONTROL_XPATH = etree.XPath(
    ".//button | .//a[@href or @role or @onclick or @tabindex] | .//a[not(@href)][normalize-space()]"
    " | .//input[@type='button' or @type='submit' or @type='reset' or @type='image']"
    " | .//*[@role='button' or @role='link' or @role='menuitem'][not(self::button or self::a)]"
    " | .//*[@onclick][not(self::button or self::a or self::input)]"
)
TOGGLE_XPATH = etree.XPath(
    ".//input[@type='checkbox' or @type='radio'] | .//*[@role='switch' or @role='checkbox']"
)


def classify_text(text: str) -> str:
    """Role of a control from its visible text or accessible name."""
    return classify(text)[0]


def classify(text: str) -> tuple[str, str]:
    """(role, lexicon category): the category tells "save my choices" from "settings"."""
    norm = normalise(text).strip(" .!>›»→")
    if not norm:
        return "other", ""
    if norm in _SHORT_YES:
        return "accept", "accept"
    if norm in _SHORT_NO:
        return "reject", "reject"
    if norm in _CLOSE_GLYPHS:
        return "acknowledge", "close"
    if len(norm) > MAX_CONTROL_TEXT:
        return "other", ""
    if _answers_yes(norm):
        return "accept", "accept"
    lx = lexicon("controls")
    if _settings_or_refusal(norm):
        return "settings", "settings"
    if _BARE_NO_LEAD.match(norm) and (lx.search("settings", norm) or lx.search("more_info", norm)):
        # "No, give me more information", "Nein, Einstellungen anpassen": not yet, not no
        return ("settings", "settings") if lx.search("settings", norm) else ("other", "")
    for category, role in _ORDER:
        if lx.search(category, norm):
            if role == "acknowledge" and lx.fullmatch("close", norm):
                return role, "close"
            return role, category
    return "other", ""


# A bare "ok" acknowledges; said with a real yes ("OK, sure!") it is part of one.
_WEAK_YES = frozenset({"ok", "okay", "oké", "εντάξει", "ενταξει"})


def _answers_yes(norm: str) -> bool:
    """The whole text only answers yes: "Klar, gerne!", "¡Claro que sí!", "Of course",
    "Yes please". A banner that asks and gets this answer has been accepted."""
    answer, piece = _answer_patterns()
    if answer.fullmatch(norm) is None:
        return False
    return any(m.group() not in _WEAK_YES and piece.fullmatch(m.group()) for m in piece.finditer(norm))


@cache
def _answer_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    lx = lexicon("controls")
    yes, polite = lx.pattern("affirmative").pattern, lx.pattern("courtesy").pattern
    piece = f"[¡¿]?(?:{yes}|{polite})"
    sep, end = r"(?: ?[,!.;:…?]+ ?| )", r"(?: ?[?!.…]+)?"  # "Oui , volontiers", "Pourquoi pas ?"
    return (re.compile(rf"{piece}(?:{sep}{piece}){{0,3}}{end}", re.I),
            re.compile(f"(?:{yes})", re.I))


def classify_context(sentence: str) -> tuple[str, str]:
    """Role of a pointer link ("here") from the sentence around it: opening the settings
    ("Here you can make detailed settings") or refusing ("to refuse cookies, click here")."""
    lx = lexicon("controls")
    if lx.search("settings", sentence) or lx.search("save", sentence):
        return "settings", "settings"
    if lx.search("reject", sentence):
        return "reject", "reject"
    return "other", ""


def _settings_or_refusal(norm: str) -> bool:
    """'Manage or reject cookies': one click opens the choices; it does not refuse."""
    lx = lexicon("controls")
    refusal, settings = lx.search("reject", norm), lx.search("settings", norm)
    if refusal is None or settings is None:
        return False
    start = min(refusal.end(), settings.end())
    end = max(refusal.start(), settings.start())
    return any(start <= m.start() and m.end() <= end for m in lx.find_all("either_or", norm))


# The value of a radio option that answers a purpose yes or no ("1"/"0" of a yes/no pair).
CONSENTING_VALUES = frozenset({"1", "true", "yes", "y", "on", "accept", "accepted", "allow", "allowed",
                               "granted", "grant", "enable", "enabled", "opt-in", "optin", "consent"})
REFUSING_VALUES = frozenset({"0", "false", "no", "n", "off", "deny", "denied", "reject", "rejected",
                             "refuse", "refused", "disable", "disabled", "opt-out", "optout",
                             "decline", "declined"})


def option_consents(value: str | None, label: str) -> bool:
    """Whether choosing a radio option gives consent: its value or its label says yes
    ("1", "granted", "Sì, va bene"); a "no" or an option of unknown meaning does not."""
    value = (value or "").strip().lower()
    if value in CONSENTING_VALUES:
        return True
    if value in REFUSING_VALUES:
        return False
    return classify(label)[0] == "accept"


def is_control_like_link(node: etree._Element) -> bool:
    return node.tag == "a" and node.get("role") != "button"
