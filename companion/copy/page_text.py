"""A page's text as one lower-case string, so whole-page passes need not walk every element.

Most of a large page cannot match any copy rule. Instead of building and classifying every
text block (a Python step per element), the text nodes are joined once with C-level XPath
and string operations, and the rules' anchors are searched in the joined text. Only the
blocks holding a position where an anchor matches are then built and classified.

The joined text is normalised like a block's text (quotes folded, white space collapsed,
lower case) and its text nodes are separated by one space, as inline boundaries are in a
block, except where the rendered text has no space across an element boundary: around the
colon of a clock ("<b>09</b>:<b>59</b>" reads "09:59") and after an elided article
("qu'<b>1</b>" reads "qu'1"), here as in a block (``glue``).

The copy anchors are local patterns (no ``^`` or ``$``), so an anchor that matches in
a block's text also matches at the same words here: the pass finds every block a full walk
would have found matching, and some more that the detailed check then rejects.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import accumulate, chain, count
from operator import add
from typing import TYPE_CHECKING

from lxml import etree

from companion.lexicon import fold

if TYPE_CHECKING:
    from companion.page import Node, Page

# Text a person never reads as page copy. (Skipped subtrees deeper down, such as hidden
# elements or inert templates, are left to the visibility check of the blocks found.)
# Filtering in Python costs less than the same test as an XPath predicate.
_TEXT_NODES = etree.XPath("//text()")
_NOT_COPY = frozenset({"script", "style", "noscript", "title"})
_CACHE = "_bl_page_text"


@dataclass(frozen=True, eq=False)
class PageText:
    low: str  # every text node, normalised, one space between nodes
    starts: list[int]  # where each text node begins in ``low``
    ends: list[int]  # where each text node ends in ``low``
    nodes: list  # the text nodes (lxml "smart strings" that know their element)

    def node_at(self, pos: int) -> int:
        """The index of the text node holding the character at ``pos`` (-1 before any)."""
        return bisect_right(self.starts, pos) - 1

    def end_of(self, i: int) -> int:
        """Where text node ``i`` ends in ``low``."""
        return self.ends[i]

    def owner(self, pos: int) -> Node | None:
        """The element whose content holds the character at ``pos``."""
        i = self.node_at(pos)
        return owner_of(self.nodes[i]) if i >= 0 else None


def owner_of(text) -> Node:  # type: ignore[no-untyped-def]
    """The element whose content a text node is: its parent, or for a tail its parent's parent."""
    element = text.getparent()
    return element.getparent() if text.is_tail else element


def page_text(page: Page) -> PageText:
    """The joined text of ``page`` (not of its frames), computed once per page."""
    found = page.__dict__.get(_CACHE)
    if found is None:
        found = page.__dict__[_CACHE] = build(page.root)
    return found


def build(root: Node) -> PageText:
    nodes = [
        t for t in _TEXT_NODES(root)
        if not t.isspace() and (t.is_tail or t.getparent().tag not in _NOT_COPY)
    ]
    # "\x00" marks node boundaries through the normalisation; it is not white space, so
    # collapsing never merges two nodes, and swapping it for a space keeps every offset.
    # split() + join collapses white space in C; "\x00" is not white space, so it survives.
    joined = " ".join(fold("\x00".join(nodes)).split())
    joined = joined.replace(" \x00", "\x00").replace("\x00 ", "\x00").lower()
    joined = glue(joined)
    # lower() may change a length; the offsets follow it
    gaps: Iterator[int]
    if _GLUED in joined:
        pieces = _BOUNDARY.split(joined)
        gaps = accumulate(0 if b == _GLUED else 1 for b in _BOUNDARY.findall(joined))
    else:
        pieces, gaps = joined.split("\x00"), count(1)
    starts = list(map(add, accumulate(map(len, pieces[:-1]), initial=0), chain([0], gaps))) if nodes else []
    ends = list(map(add, starts, map(len, pieces)))
    low = joined.replace(_GLUED, "").replace("\x00", " ")
    return PageText(low, starts, ends, nodes)


# A node boundary with no space in ``low`` (see ``glue``).
_GLUED = "\x01"
_BOUNDARY = re.compile("[\x00\x01]")
# Where a space is read but none is rendered, at a node boundary ("\x00") or written: the
# colon of a split clock ("09 : 59") and an elided French or Italian article before the
# next element ("qu' 1", "l' offerta"). Each search is led by one literal character, which
# the regex engine finds as fast as str.find; the digit or word before it is checked after.
_CLOCK_COLON = re.compile(r":[ \x00]?(?=\d)")
_APOSTROPHE = re.compile(r"'[ \x00](?=\w)")
_ANY_APOSTROPHE = re.compile(r"['\u2019][ \x00](?=\w)")
_SEPARATORS = " \x00"
_ELIDED = frozenset({
    "c", "d", "j", "l", "m", "n", "s", "t", "qu", "jusqu", "lorsqu", "puisqu",
    "un", "dell", "all", "dall", "nell", "sull", "quell",
})


def glue(text: str) -> str:
    """``text`` without the spaces read where none is rendered (see above); a node
    boundary there stays one, marked as glued. Shared with ``companion.copy.blocks``."""
    cuts = sorted([*_clock_cuts(text), *_elision_cuts(text)])
    if not cuts:
        return text
    out, at = [], 0
    for start, end in cuts:
        out.append(text[at:start])
        out.append(text[start:end].replace(" ", "").replace("\x00", _GLUED))
        at = end
    out.append(text[at:])
    return "".join(out)


def _clock_cuts(text: str) -> list[tuple[int, int]]:
    cuts = []
    for m in _CLOCK_COLON.finditer(text):
        colon, end = m.start(), m.end()
        if colon >= 2 and text[colon - 1] in _SEPARATORS and text[colon - 2].isdigit():
            cuts.append((colon - 1, end))
        elif colon >= 1 and text[colon - 1].isdigit() and end > colon + 1:
            cuts.append((colon, end))
    return cuts


def _elision_cuts(text: str) -> list[tuple[int, int]]:
    pattern = _ANY_APOSTROPHE if "\u2019" in text else _APOSTROPHE
    cuts = []
    for m in pattern.finditer(text):
        word_start = m.start()
        while word_start > 0 and text[word_start - 1].isalpha():
            word_start -= 1
        if text[word_start:m.start()].lower() in _ELIDED:
            cuts.append(m.span())
    return cuts
