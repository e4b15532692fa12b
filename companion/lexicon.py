"""Multilingual phrase lexicons, kept as data in ``companion/data/lexicon/*.json``.

Each file holds categories; each category maps a language code to a list of regular
expression fragments. Fragments are matched case-insensitively on normalised text
(lower case, collapsed white space, typographic apostrophes folded to ``'``). A fragment
is wrapped in word boundaries unless it starts with ``(?`` or ends with an explicit anchor,
so ``accept`` does not match inside ``unacceptable``.

    {"accept": {"en": ["accept( all)?", "i agree"], "de": ["alle akzeptieren"]}}

Use ``lexicon("controls").search("accept", text)`` or ``.find_all(...)``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache

from companion import regex_cache
from companion.resources import data_path

LANGUAGES = ("en", "de", "fr", "es", "it", "nl")
# Languages whose consent banners are read beyond their controls (controls.json): implied
# consent ("Ao continuar navegando, você concorda…") is composed in these too (see
# ``companion.copy.patterns.implied``). The other copy rules and lint-text's language
# guess keep to ``LANGUAGES``.
BANNER_LANGUAGES = ("pt", "pl", "sv", "da", "nb", "fi", "cs", "ro", "hu", "el")

_FOLD = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u202f": " ", "\u2011": "-"})
_FOLDED = tuple(chr(c) for c in _FOLD)


def fold(text: str) -> str:
    """Typographic quotes to ``'``, non-breaking spaces to spaces, non-breaking hyphens to ``-``.

    ``str.translate`` looks every character up in the table once a text is not ASCII;
    a page's worth of text seldom holds any of these characters, and finding that out is
    a few C-level searches.
    """
    if text.isascii() or not any(ch in text for ch in _FOLDED):
        return text
    return text.translate(_FOLD)
_WS = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Lower-case, fold typographic quotes and non-breaking spaces, collapse white space."""
    return _WS.sub(" ", fold(text)).strip().lower()


def _wrap(fragment: str) -> str:
    if fragment.startswith("(?") and not fragment.startswith("(?:"):
        return fragment
    return rf"(?<![\w]){fragment}(?![\w])"


@dataclass
class Lexicon:
    name: str
    categories: dict[str, dict[str, list[str]]]
    _compiled: dict[str, re.Pattern[str]] = field(default_factory=dict, repr=False)

    def pattern(self, category: str) -> re.Pattern[str]:
        compiled = self._compiled.get(category)
        if compiled is None:
            try:
                by_lang = self.categories[category]
            except KeyError:
                raise KeyError(f"lexicon {self.name!r} has no category {category!r}") from None
            parts = [_wrap(f) for lang in by_lang.values() for f in lang]
            compiled = regex_cache.compile("|".join(f"(?:{p})" for p in parts) or r"(?!x)x", re.I)
            self._compiled[category] = compiled
        return compiled

    def search(self, category: str, text: str) -> re.Match[str] | None:
        """First match of ``category`` in already-normalised ``text``."""
        return self.pattern(category).search(text)

    def find_all(self, category: str, text: str) -> list[re.Match[str]]:
        return list(self.pattern(category).finditer(text))

    def fullmatch(self, category: str, text: str) -> bool:
        return self.pattern(category).fullmatch(text) is not None


@cache
def lexicon(name: str) -> Lexicon:
    path = data_path("lexicon", f"{name}.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    categories = {k: v for k, v in raw.items() if not k.startswith("_")}
    return Lexicon(name=name, categories=categories)
