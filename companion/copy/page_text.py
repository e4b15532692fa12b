"""A page's text as one lower-case string, so whole-page passes need not walk every element.

Most of a large page cannot match any copy rule. Instead of building and classifying every
text block (a Python step per element), the text nodes are joined once with C-level XPath
and string operations, and the rules' anchors are searched in the joined text. Only the
blocks holding a position where an anchor matches are then built and classified.

The joined text is normalised like a block's text (quotes folded, white space collapsed,
lower case) and its text nodes are separated by one space, as inline boundaries are in a
block. The copy anchors are local patterns (no ``^`` or ``$``), so an anchor that matches in
a block's text also matches at the same words here: the pass finds every block a full walk
would have found matching, and some more that the detailed check then rejects.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate, count
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
    nodes: list  # the text nodes (lxml "smart strings" that know their element)

    def node_at(self, pos: int) -> int:
        """The index of the text node holding the character at ``pos`` (-1 before any)."""
        return bisect_right(self.starts, pos) - 1

    def end_of(self, i: int) -> int:
        """Where text node ``i`` ends in ``low``."""
        return self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.low)

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
    pieces = joined.split("\x00")  # lower() may change a length; the offsets follow it
    starts = list(map(add, accumulate(map(len, pieces), initial=0), count()))[:-1] if nodes else []
    return PageText(joined.replace("\x00", " "), starts, nodes)
