"""consent.cookie-wall: the page is blocked until you accept, pay or leave."""

from __future__ import annotations

from companion.consent.banner import Banner
from companion.findings import finding
from companion.lexicon import lexicon, normalise
from companion.models import Finding
from companion.page import Node, Page

RULES = ("consent.cookie-wall",)
COVERAGE = 0.85


def _covers_viewport(page: Page, node: Node) -> bool:
    box = page.box(node)
    if box is None or not page.visible(node):
        return False
    vw, vh = page.viewport.width, page.viewport.height
    covered_w = max(0.0, min(box.x + box.width, vw) - max(box.x, 0.0))
    covered_h = max(0.0, min(box.y + box.height, vh) - max(box.y, 0.0))
    return covered_w * covered_h >= COVERAGE * vw * vh


def blocking_layer(page: Page, banner: Banner) -> Node | None:
    """The banner itself, an ancestor or a fixed backdrop covering the viewport."""
    for node in [banner.root, *banner.root.iterancestors()]:
        if node.tag in ("body", "html"):
            break
        if _covers_viewport(page, node):
            return node
    for el in page.elements:
        if el.style is not None and el.style.position == "fixed" and el.visible:
            node = page.node_for(el.idx)
            if node is not None and _covers_viewport(page, node):
                return node
    fixed = getattr(page.styles, "fixed_nodes", None)
    if fixed is not None:
        for node in fixed(page.index):
            if _covers_viewport(page, node):
                return node
    return _modal_over_locked_page(page, banner)


def _modal_over_locked_page(page: Page, banner: Banner) -> Node | None:
    """A modal dialog over a page that cannot scroll. The backdrop of a ``<dialog>`` opened
    with ``showModal()`` is drawn by the browser (``::backdrop``), so a saved DOM holds no
    element that covers the page: the modal and the scroll lock are what is left of it."""
    modal = next((n for n in [banner.root, *banner.root.iterancestors()]
                  if n.tag == "dialog" or n.get("aria-modal") == "true"), None)
    if modal is None or not page.visible(modal) or not _scroll_locked(page):
        return None
    return modal


def _scroll_locked(page: Page) -> bool:
    for node in (page.root, page.root.find("body")):
        style = page.style(node) if node is not None else None
        if style is not None and style.overflow and set(style.overflow.split()) & {"hidden", "clip"}:
            return True
    return False


def pay_option(banner: Banner) -> str | None:
    for control in banner.first_layer():
        if _paid(control.text):
            return control.text
    lx = lexicon("controls")
    match = lx.search("pay", banner.text)
    return match.group(0) if match else None


def _paid(text: str) -> bool:
    """A refusal that costs money ("Refuser et s'abonner – 2 €/mois") is the pay option."""
    return lexicon("controls").search("pay", normalise(text)) is not None


def check(page: Page) -> list[Finding]:
    banner = page.banner
    if banner is None or any(not _paid(c.text) for c in banner.any_layer("reject")):
        return []
    if any(not t.disabled and not t.necessary for t in banner.toggles):
        return []  # purposes can be left off and saved: a refusal path, however hidden
    bpage = banner.page
    layer = blocking_layer(bpage, banner)
    if layer is None and banner.frame is not None:
        layer = blocking_layer(page, banner) if banner.page is not page else None
    if layer is None:
        return []
    pay = pay_option(banner)
    settings = banner.first_layer("settings")
    if pay is None and settings:
        return []  # a refusal may sit behind settings: that is no-reject-first-layer, not a wall
    accept = banner.first_layer("accept") or banner.first_layer("acknowledge")
    ways = [f"'{accept[0].text}'"] if accept else []
    if pay:
        ways.append(f"paying ('{pay}')")
    ways.append("leaving")
    return [
        finding(
            "consent.cookie-wall",
            "The page is covered by the consent layer and the only ways on are "
            + ", ".join(ways) + "; there is no way to refuse.",
            selector=banner.selector,
            text=banner.text[:200],
            overlay=bpage.selector(layer),
            pay_option=pay,
            frame=banner.frame,
        )
    ]
