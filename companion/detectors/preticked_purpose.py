"""consent.preticked-purpose: purpose, vendor or legitimate-interest toggles on before you act."""

from __future__ import annotations

from companion.consent.banner import Toggle
from companion.consent.settings_form import settings_form
from companion.findings import finding
from companion.models import Finding
from companion.page import Page

RULES = ("consent.preticked-purpose",)


def check(page: Page) -> list[Finding]:
    if page.phase != "initial":
        return []
    banner = page.banner
    if banner is not None:
        toggles, frame = banner.toggles, banner.frame
    else:
        form = settings_form(page)  # a settings page of its own: no banner is open there
        if form is None:
            return []
        toggles, frame = form.toggles, None
    # A checked toggle that cannot be switched off is how platforms show "always active"
    # necessary cookies; only switchable ones are a choice made for you.
    preticked = [t for t in toggles if t.checked and not t.necessary and not t.disabled]
    if not preticked:
        return []
    return [_finding(preticked, _where(banner is not None, preticked), frame)]


def _where(in_banner: bool, preticked: list[Toggle]) -> str:
    if not in_banner:
        return "in the consent settings form on this page"
    return "on the first layer" if any(t.first_layer for t in preticked) else "behind the settings layer"


def _finding(preticked: list[Toggle], where: str, frame: str | None) -> Finding:
    names = [t.label or t.selector for t in preticked]
    listed = ", ".join(f"'{n}'" for n in names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    return finding(
        "consent.preticked-purpose",
        f"{len(preticked)} consent toggle(s) are already on {where} before you choose: {listed}.",
        selector=preticked[0].selector,
        text=preticked[0].label,
        toggles=[{"label": t.label, "selector": t.selector, "first_layer": t.first_layer}
                 for t in preticked[:20]],
        frame=frame,
    )
