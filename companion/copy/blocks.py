"""Walking a page's visible text in one pass, as blocks a person reads together.

A block is an element that is not inline (``p``, ``div``, ``li``, ``button``, ``label`` …) with
the text of its inline descendants (``a``, ``span``, ``b`` …), so "Only <b>2</b> left"
reads as one sentence while a nested block keeps its own text. Hidden subtrees, scripts
and styles are skipped without being entered.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

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
_CACHE = "_bl_text_blocks"


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
    """Visible text blocks of ``page`` (and of its frames), computed once per page."""
    blocks = page.__dict__.get(_CACHE)
    if blocks is None:
        blocks = _walk(page)
        page.__dict__[_CACHE] = blocks
    if not frames:
        return blocks
    out = list(blocks)
    for sub in page.frames:
        out.extend(text_blocks(sub, frames=False))
    return out


def _walk(page: Page) -> list[TextBlock]:
    root = page.root
    blocks: list[TextBlock] = []
    stack: list[tuple[Node, list[str]]] = [(root, [])]
    skipped: set[Node] = set()
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, node in walker:
        tag = node.tag
        if not isinstance(tag, str):
            if event == "end" and node.tail:
                stack[-1][1].append(node.tail)
            continue
        if event == "start":
            if node is not root and _skip(page, node, tag):
                walker.skip_subtree()
                skipped.add(node)
                continue
            if tag not in INLINE and node is not root:
                stack.append((node, []))
            else:
                # Badges and links often sit side by side with no space in the markup
                # ("Only 2 left</span><a>Details"); words split by markup are rarer.
                stack[-1][1].append(" ")
            if node.text:
                stack[-1][1].append(node.text)
            elif tag == "br":
                stack[-1][1].append(" ")
            continue
        if node in skipped:
            skipped.discard(node)
        elif tag not in INLINE and node is not root:
            block_node, parts = stack.pop()
            _emit(page, block_node, parts, blocks)
            stack[-1][1].append(" ")  # a nested block breaks its parent's sentence
        else:
            stack[-1][1].append(" ")
        if node.tail:
            stack[-1][1].append(node.tail)
    _emit(page, root, stack[0][1], blocks)
    return blocks


def _emit(page: Page, node: Node, parts: list[str], out: list[TextBlock]) -> None:
    if not parts:
        return
    text = " ".join("".join(parts).split())
    if text and any(ch.isalnum() for ch in text):
        out.append(TextBlock(page, node, text[:MAX_BLOCK]))


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
    # The ancestors were visible (hidden subtrees are never entered), so only the node's
    # own style matters. Page.visible would walk the ancestors again for every node.
    return page.styles.hidden(node)
