"""A consent settings form that stands on a page of its own ("Cookie settings", a cookie
policy with the choices in it), where no banner is open.

It is a visible form that speaks of cookies or consent, holds purpose toggles and a
control that saves the choice. Only what it has switched on for the person matters here:
the first-layer rules (no reject, asymmetric choice) are about banners, not about a page
that someone opened to make their choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from companion.consent.banner import Toggle, toggles_in
from companion.consent.controls import CONTROL_XPATH
from companion.lexicon import lexicon, normalise

if TYPE_CHECKING:
    from companion.page import Node, Page

# The text that tells what a form is about may sit just outside it: a heading and an
# introduction in the section that holds it.
_CONTEXT_LEVELS = 2


@dataclass
class SettingsForm:
    root: Node
    toggles: list[Toggle]


def settings_form(page: Page) -> SettingsForm | None:
    """The page's first visible consent settings form with purpose toggles, or None."""
    lx = lexicon("controls")
    for form in page.root.iter("form"):
        if not page.visible(form) or not _about_consent(page, form):
            continue
        toggles = [t for t in toggles_in(page, form) if not t.necessary]
        saves = any(lx.search("save", normalise(page.text(c) or page.label(c))) for c in CONTROL_XPATH(form))
        if toggles and saves:
            return SettingsForm(form, toggles)
    return None


def _about_consent(page: Page, form: Node) -> bool:
    lx = lexicon("controls")
    node: Node | None = form
    for _ in range(_CONTEXT_LEVELS + 1):
        if node is None or node.tag in ("body", "html"):
            return False
        text = normalise(page.text(node))
        if lx.search("cookie_word", text) or lx.search("consent_vocabulary", text):
            return True
        node = node.getparent()
    return False
