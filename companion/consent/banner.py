"""Locating the consent banner of a page (or of one of its frames) and its controls."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from companion.page import Node, Page

ROLES = ("accept", "reject", "settings", "acknowledge", "other")


@dataclass
class Control:
    """A clickable control inside the banner and the role it plays."""

    node: Node
    role: str
    text: str
    kind: str  # "button" or "link"
    selector: str
    first_layer: bool


@dataclass
class Toggle:
    """A checkbox or switch inside the banner (purposes, vendors, legitimate interest)."""

    node: Node
    label: str
    checked: bool
    disabled: bool
    selector: str
    first_layer: bool


@dataclass
class Banner:
    page: Page
    root: Node
    selector: str
    platform: str | None
    text: str  # normalised (lower-case) visible text of the first layer
    controls: list[Control] = field(default_factory=list)
    toggles: list[Toggle] = field(default_factory=list)
    frame: str | None = None  # origin of the frame the banner lives in, if not the top page
    method: str = "signature"  # "signature" or "heuristic"

    def first_layer(self, role: str | None = None) -> list[Control]:
        return [c for c in self.controls if c.first_layer and (role is None or c.role == role)]

    def any_layer(self, role: str) -> list[Control]:
        return [c for c in self.controls if c.role == role]

    def summary(self) -> dict[str, Any]:
        return {
            "platform": self.platform,
            "selector": self.selector,
            "frame": self.frame,
            "method": self.method,
            "controls": [
                {"role": c.role, "text": c.text, "kind": c.kind, "selector": c.selector,
                 "first_layer": c.first_layer}
                for c in self.controls
            ],
        }


def locate_banner(page: Page) -> Banner | None:
    return None
