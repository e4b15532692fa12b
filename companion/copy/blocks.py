"""A page's visible text as blocks a person reads together.

A block is an element that is not inline (``p``, ``div``, ``li``, ``button``, ``label`` …) with
the text of its inline descendants (``a``, ``span``, ``b`` …), so "Only <b>2</b> left"
reads as one sentence while a nested block keeps its own text. Hidden subtrees, scripts
and styles are not part of any block.

Blocks are built on demand, for the places the joined page text points at
(``companion.copy.page_text``), so a large page costs a few string passes, not a Python
step per element.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cmp_to_key
from typing import TYPE_CHECKING

from lxml import etree

from companion.copy.page_text import glue, owner_of, page_text
from companion.page import HIDDEN_ATTR

if TYPE_CHECKING:
    from companion.page import Node, Page

INLINE = frozenset({
    "a", "abbr", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "img", "ins", "kbd", "mark", "nobr", "q", "s", "samp", "small",
    "span", "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
})
SKIP = frozenset({
    "script", "style", "noscript", "head", "title", "meta", "link", "svg", "math", "iframe",
    "object", "embed", "canvas", "video", "audio", "select", "option", "textarea", "datalist",
})
MAX_BLOCK = 4000  # characters kept per block; longer texts are articles, not UI copy

# Cached on the page itself: a WeakKeyDictionary would leak every page, because the
# cached values refer back to their page and so keep the weak key alive.
_SHOWN = "_bl_shown"
_LAYOUT = "_bl_block_layout"


@dataclass(frozen=True, eq=False)
class TextBlock:
    page: Page
    node: Node
    text: str  # white space collapsed, original case

    @property
    def frame(self) -> str | None:
        """The origin of the frame the block lives in, None on the top page."""
        return self.page.frame_origin

    def selector(self) -> str:
        return self.page.selector(self.node)


def text_blocks(page: Page, *, frames: bool = True) -> list[TextBlock]:
    """Every visible text block of ``page`` (and of its frames), in page order."""
    pages = [page, *page.frames] if frames else [page]
    out: list[TextBlock] = []
    for sub in pages:
        out.extend(blocks_at(sub, page_text(sub).starts))
    return out


def blocks_at(page: Page, positions: Iterable[int]) -> list[TextBlock]:
    """The visible blocks holding these positions of ``page_text(page)``, once each, in the
    order a walk of the document finishes them (a nested block before its parent)."""
    text = page_text(page)
    found: dict[Node, None] = {}
    for pos in positions:
        owner = text.owner(pos)
        if owner is not None:
            found.setdefault(block_of(page, owner))
    nodes = [n for n in found if shown(page, n)]
    if len(nodes) > 1:
        nodes.sort(key=cmp_to_key(_document_order(nodes)))
    out = []
    for node in nodes:
        block_text = text_of_block(page, node)
        if block_text:
            out.append(TextBlock(page, node, block_text))
    return out


@dataclass(frozen=True, eq=False)
class Layout:
    """For each text node of ``page_text(page)``: the element it belongs to and its block."""

    owners: list[Node]
    blocks: list[Node]
    first: dict[Node, int]  # a block's first text node
    count: Counter[Node]  # how many text nodes a block has


def layout(page: Page) -> Layout:
    found = page.__dict__.get(_LAYOUT)
    if found is None:
        owners = []
        blocks = []
        for text in page_text(page).nodes:
            owner = owner_of(text)
            owners.append(owner)
            blocks.append(block_of(page, owner))
        first: dict[Node, int] = {}
        for i, block in enumerate(blocks):
            first.setdefault(block, i)
        found = page.__dict__[_LAYOUT] = Layout(owners, blocks, first, Counter(blocks))
    return found


def plain_span(page: Page, block: Node) -> tuple[int, int] | None:
    """Where ``block``'s text lies in ``page_text(page).low``, when that span is exactly the
    block's normalised text: its text nodes follow each other, all shown, with no skipped
    element glued between two of them, and it is short enough to be kept whole. None when
    the block must be built from the tree instead."""
    lay = layout(page)
    a = lay.first.get(block)
    if a is None:
        return None
    b = a + lay.count[block] - 1
    text = page_text(page)
    for j in range(a, b + 1):
        if lay.blocks[j] is not block or not shown(page, lay.owners[j]):
            return None
        node = text.nodes[j]
        if j > a and node.is_tail:
            element = node.getparent()
            if isinstance(element.tag, str) and _skip(page, element, element.tag):
                return None  # "Hel<script/>lo" reads "Hello" in the block, "hel lo" here
    start, end = text.starts[a], text.end_of(b)
    return (start, end) if end - start < MAX_BLOCK else None


def block_of(page: Page, node: Node) -> Node:
    """The block a node's text belongs to: itself or its nearest non-inline ancestor."""
    root = page.root
    current = node
    while current is not root and current.tag in INLINE:
        parent = current.getparent()
        if parent is None:
            break
        current = parent
    return current


def shown(page: Page, node: Node) -> bool:
    """Neither the node nor an ancestor is skipped (hidden, a script, an inert template …)."""
    memo: dict[Node, bool] = page.__dict__.setdefault(_SHOWN, {})
    root = page.root
    chain = []
    current: Node | None = node
    result = True
    while current is not None and current is not root:
        known = memo.get(current)
        if known is not None:
            result = known
            break
        chain.append(current)
        if isinstance(current.tag, str) and _skip(page, current, current.tag):
            result = False
            break
        current = current.getparent()
    # Everything below a skipped node is skipped; everything below a shown chain is shown
    # up to its own first skip, which the loop above stopped at.
    for visited in chain:
        memo[visited] = result
    return result


def text_of_block(page: Page, block: Node) -> str:
    """A block's own text: its inline descendants, not nested blocks or skipped subtrees."""
    parts: list[str] = []
    inner: set[Node] = set()  # skipped or nested-block elements: only their tails count
    walker = etree.iterwalk(block, events=("start", "end"))
    for event, node in walker:
        tag = node.tag
        if not isinstance(tag, str):
            if event == "end" and node.tail:
                parts.append(node.tail)
            continue
        if node is block:
            if event == "start" and node.text:
                parts.append(node.text)
            continue
        if event == "start":
            if tag not in INLINE or _skip(page, node, tag):
                walker.skip_subtree()
                inner.add(node)
                continue
            # Badges and links often sit side by side with no space in the markup
            # ("Only 2 left</span><a>Details"); words split by markup are rarer.
            parts.append(" ")
            if node.text:
                parts.append(node.text)
            elif tag == "br":
                parts.append(" ")
            continue
        if node in inner:
            inner.discard(node)
            if tag not in INLINE:
                parts.append(" ")  # a nested block breaks its parent's sentence
        else:
            parts.append(" ")
        if node.tail:
            parts.append(node.tail)
    text = glue(" ".join("".join(parts).split()))
    if text and any(ch.isalnum() for ch in text):
        return text[:MAX_BLOCK]
    return ""


def _document_order(nodes: list[Node]):  # type: ignore[no-untyped-def]
    """Compare two blocks the way a walk finishes them: descendants first, then page order."""
    position = {node: i for i, node in enumerate(nodes)}  # first found = first in the text

    def compare(a: Node, b: Node) -> int:
        if any(anc is b for anc in a.iterancestors()):
            return -1
        if any(anc is a for anc in b.iterancestors()):
            return 1
        return position[a] - position[b]

    return compare


def _skip(page: Page, node: Node, tag: str) -> bool:
    if tag in SKIP:
        return True
    if tag == "template" and node.get("shadowrootmode") is None:
        return True  # inert template; declarative shadow roots are real content
    if node.get(HIDDEN_ATTR) is not None or node.get("hidden") is not None:
        return True
    el = page.element_for(node)
    if el is not None:
        return not el.visible
    # Not Page.visible: that would walk the ancestors again; the style source caches its
    # answer per node.
    return page.styles.hidden(node)
