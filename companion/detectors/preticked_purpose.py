"""consent.preticked-purpose: purpose, vendor or legitimate-interest toggles on before you act."""

from __future__ import annotations

from companion.findings import finding
from companion.models import Finding
from companion.page import Page

RULES = ("consent.preticked-purpose",)


def check(page: Page) -> list[Finding]:
    banner = page.banner
    if banner is None or page.phase != "initial":
        return []
    # A checked toggle that cannot be switched off is how platforms show "always active"
    # necessary cookies; only switchable ones are a choice made for you.
    preticked = [t for t in banner.toggles if t.checked and not t.necessary and not t.disabled]
    if not preticked:
        return []
    names = [t.label or t.selector for t in preticked]
    listed = ", ".join(f"'{n}'" for n in names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    layer = "on the first layer" if any(t.first_layer for t in preticked) else "behind the settings layer"
    return [
        finding(
            "consent.preticked-purpose",
            f"{len(preticked)} consent toggle(s) are already on {layer} before you choose: {listed}.",
            selector=preticked[0].selector,
            text=preticked[0].label,
            toggles=[{"label": t.label, "selector": t.selector, "first_layer": t.first_layer}
                     for t in preticked[:20]],
            frame=banner.frame,
        )
    ]
