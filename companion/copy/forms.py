"""Finding the controls the copy detectors look at: clickables and checkable inputs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from companion.page import HIDDEN_ATTR, Node, Page

_BUTTON_TYPES = ("submit", "button", "reset", "image")
MAX_LABEL = 400  # a longer "label" is a whole container's text, not a control's name

_CLICK_TAGS = frozenset({"button", "a", "summary"})
_CLICK_INPUTS = frozenset({"submit", "button", "reset", "image"})
_CLICK_ROLES = frozenset({"button", "link", "menuitem"})
_CHECK_INPUTS = frozenset({"checkbox", "radio", "CHECKBOX", "RADIO"})
_CHECK_ROLES = frozenset({"checkbox", "switch", "radio", "menuitemcheckbox"})

# Cached on the page itself, like the text blocks (see companion/copy/blocks.py).
_CACHE = "_bl_controls"


def pages(page: Page) -> Iterator[Page]:
    """The page itself, then its frames."""
    yield page
    yield from page.frames


def clickables(page: Page) -> list[Node]:
    """Buttons, links and anything scripted to act like one, in document order."""
    return list(_controls(page)[0])


def checkables(page: Page) -> list[Node]:
    """Checkboxes, radios and ARIA switches, in document order."""
    return list(_controls(page)[1])


def _controls(page: Page) -> tuple[list[Node], list[Node]]:
    """Both lists in one walk of the whole document, once per page.

    (An XPath union of several ``//`` paths sorts its result into document order, which
    cost more than walking the tree.)
    """
    found = page.__dict__.get(_CACHE)
    if found is None:
        clicks: list[Node] = []
        checks: list[Node] = []
        for node in _root(page).getroottree().getroot().iter(etree.Element):
            tag = node.tag
            role = node.get("role")
            if tag in _CLICK_TAGS or (tag == "input" and node.get("type") in _CLICK_INPUTS) \
                    or role in _CLICK_ROLES or node.get("onclick") is not None:
                clicks.append(node)
            if (tag == "input" and node.get("type") in _CHECK_INPUTS) or role in _CHECK_ROLES:
                checks.append(node)
        found = page.__dict__[_CACHE] = (clicks, checks)
    return found


def selected_options(page: Page) -> list[Node]:
    """``<option>`` elements the page pre-selects (explicitly, not the browser's default)."""
    out = []
    for option in _root(page).iter("option"):
        el = page.element_for(option)
        if (el is not None and el.checked) or option.get("selected") is not None:
            out.append(option)
    return out


def shown(page: Page, node: Node) -> bool:
    """Visible, or a styled stand-in for a visible control (custom checkboxes hide the input)."""
    if page.visible(node):
        return True
    parent = node.getparent()
    return parent is not None and node.get(HIDDEN_ATTR) is None and page.visible(parent)


def kind(node: Node) -> str:
    """'checkbox', 'radio' or 'option' for the checkable controls."""
    if node.tag == "option":
        return "option"
    role = (node.get("role") or "").lower()
    typ = (node.get("type") or "").lower()
    return "radio" if typ == "radio" or role == "radio" else "checkbox"


def control_label(page: Page, node: Node) -> str:
    """A control's accessible name, or '' when the only text found is a whole container's."""
    if node.tag == "option":
        text = page.text(node)
    elif node.tag == "input" and (node.get("type") or "").lower() in _BUTTON_TYPES:
        # Page.label falls back to the parent's text before the value; a button's
        # name is its own.
        el = page.element_for(node)
        text = (el.label if el is not None else None) or node.get("aria-label") \
            or node.get("value") or node.get("alt") or ""
    else:
        text = page.label(node)
    text = " ".join(text.split())
    return text if len(text) <= MAX_LABEL else ""


_FIELD_TAGS = frozenset({"input", "select", "textarea", "button"})
_ROW_LEVELS = 2
MAX_ROW = 200


def control_row(page: Page, node: Node) -> str:
    """The text of the row a checkable control sits in, or ''.

    Add-on rows often put the price beside the label rather than in it
    (``<input id=x><label for=x>Insurance</label><span>+€9.99</span>``). The row is the
    nearest of the control's parent and grandparent that holds more than the control; it
    counts only while it holds no other field and reads as one short line, so a whole
    form, basket or summary is never taken for one control's row.
    """
    current = node
    for _ in range(_ROW_LEVELS):
        current = current.getparent()
        if current is None or current.tag in ("form", "fieldset", "body"):
            return ""
        if sum(1 for d in current.iterdescendants(*_FIELD_TAGS)) > (node.tag in _FIELD_TAGS):
            return ""
        text = " ".join(page.text(current).split())
        if len(text) > MAX_ROW:
            return ""
        if text:
            return text
    return ""


def inside(node: Node, container: Node | None) -> bool:
    if container is None:
        return False
    if node is container:
        return True
    return any(anc is container for anc in node.iterancestors())


def group_of(node: Node) -> Node | None:
    """The form (or fieldset) a control belongs to, else its grandparent."""
    for anc in node.iterancestors():
        if anc.tag in ("form", "fieldset"):
            return anc
    parent = node.getparent()
    return parent.getparent() if parent is not None else None


def _root(page: Page) -> Any:
    return page.root
