"""What belongs to a consent banner without sitting inside its element.

- Settings layers shown apart from the banner: many libraries append their preferences
  modal to ``<body>`` (or to their shadow root) as a sibling of the notice bar, and open it
  over the page when "Settings" is clicked. Its switches and its "Save" are part of the
  banner's choices, behind the first layer.
- Links that say only "here" ("<a>Here</a> you can make detailed settings"): what they do
  is in the sentence around them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from lxml import etree

from companion.consent.controls import TOGGLE_XPATH
from companion.lexicon import lexicon, normalise

if TYPE_CHECKING:
    from companion.page import Node, Page

MAX_LAYER_TEXT = 12000
_CONTENT_INSIDE = etree.XPath("boolean(.//main | .//article)")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_NOT_PROSE = {"template", "script", "style"}
CONTEXT_CHARS = 200


def detached_layers(page: Page, root: Node, platform: str | None, candidates: Iterable[Node]) -> list[Node]:
    """Visible layers outside ``root`` that hold consent switches: a settings layer opened
    apart from the banner. A layer counts when it is marked by the banner's own platform or
    speaks of cookies itself (a newsletter pop-up with a ticked box does not)."""
    from companion.consent.platforms import signatures

    sig = signatures()
    lx = lexicon("controls")
    related = {root, *root.iterancestors()}
    found: list[Node] = []
    for node in candidates:
        if node in found or node in related or root in node.iterancestors():
            continue
        if not isinstance(node.tag, str) or node.tag in ("html", "body") or not page.visible(node):
            continue
        if not TOGGLE_XPATH(node) or _CONTENT_INSIDE(node):
            continue
        marked = platform is not None and (p := sig.platform_of(node)) is not None and p.name == platform
        if not marked:
            text = normalise(" ".join(node.itertext()))
            if len(text) > MAX_LAYER_TEXT or lx.search("cookie_word", text) is None:
                continue
        found.append(node)
    chosen = set(found)
    return [n for n in found if not any(a in chosen for a in n.iterancestors())]


def deictic(text: str) -> bool:
    """The control's whole text is a pointer ("here", "hier", "ici", "aquí", "qui")."""
    return lexicon("controls").fullmatch("deictic", normalise(text).strip(" .:!>›»→"))


def acts_in_page(node: Node) -> bool:
    """A button, or a link that runs script or stays on the page (not one to another page)."""
    if node.tag != "a" or node.get("role") == "button" or node.get("onclick") is not None:
        return True
    href = (node.get("href") or "").strip().lower()
    return not href or href.startswith(("#", "javascript:"))


def sentence_around(node: Node) -> str:
    """The sentence a control sits in, its own text included (normalised)."""
    for holder in (node, node.getparent()):
        parent = holder.getparent() if holder is not None else None
        if parent is None:
            return ""
        before, after = _split_around(parent, holder)
        if before.strip() or after.strip():
            own = " ".join("".join(node.itertext()).split())
            return normalise(f"{before} {own} {after}")
    return ""


def _split_around(parent: Node, child: Node) -> tuple[str, str]:
    before: list[str] = [parent.text or ""]
    after: list[str] = [child.tail or ""]
    seen = False
    for sibling in parent:
        if sibling is child:
            seen = True
            continue
        prose = ""
        if isinstance(sibling.tag, str) and sibling.tag not in _NOT_PROSE:
            prose = "".join(sibling.itertext())
        (after if seen else before).extend([prose, sibling.tail or ""])
    head = _SENTENCE_END.split(" ".join(before))[-1][-CONTEXT_CHARS:]
    tail = _SENTENCE_END.split(" ".join(after))[0][:CONTEXT_CHARS]
    return head, tail
