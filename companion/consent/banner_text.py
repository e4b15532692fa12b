"""The visible text of a banner's first layer, and its prose (what the banner says itself,
without the titles of links to other pages such as "Cookie Policy")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.lexicon import lexicon, normalise

if TYPE_CHECKING:
    from companion.page import Node, Page

MAX_BANNER_TEXT = 12000  # a heuristic candidate with more text than this is page content
MAX_WALK = 4000


def first_layer_text(page: Page, node: Node) -> tuple[str, str]:
    """Normalised text of the visible part of ``node`` (hidden layers skipped), and its
    prose: the same text without the titles of links to other pages ("Cookie Policy")."""
    parts: list[tuple[str, bool]] = []  # (text, inside a link to another page)
    budget = [MAX_WALK]

    def walk(el: Node, cited: bool) -> None:
        if budget[0] <= 0:
            return
        budget[0] -= 1
        cited = cited or _is_page_reference(el)
        if el.text:
            parts.append((el.text, cited))
        for child in el:
            if isinstance(child.tag, str) and child.tag not in ("script", "style", "template"):
                if _shown(page, child):
                    walk(child, cited)
            elif isinstance(child.tag, str) and child.tag == "template":
                walk(child, cited)
            if child.tail:
                parts.append((child.tail, cited))

    walk(node, False)
    text = normalise(" ".join(t for t, _ in parts))[:MAX_BANNER_TEXT + 1]
    prose = normalise(" ".join(t for t, cited in parts if not cited))[:MAX_BANNER_TEXT + 1]
    return text, prose


def _is_page_reference(node: Node) -> bool:
    """A link to another page whose text is a title ("Privacy & cookies"), not a word of
    the sentence around it ("we use <a>cookies</a> to...")."""
    if node.tag != "a" or node.get("role") == "button":
        return False
    href = (node.get("href") or "").strip().lower()
    if not href or href.startswith(("#", "javascript:")):
        return False
    title = normalise("".join(node.itertext()))
    return not lexicon("controls").fullmatch("cookie_word", title)


def _shown(page: Page, node: Node) -> bool:
    if node.get("data-bl-hidden") is not None or node.get("hidden") is not None:
        return False
    el = page.element_for(node)
    if el is not None:
        return el.visible
    return not page.styles.hidden(node)
