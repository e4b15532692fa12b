"""consent.no-reject-first-layer: accepting takes one click, refusing does not."""

from __future__ import annotations

from companion.consent.banner import Banner
from companion.findings import finding
from companion.models import Finding
from companion.page import Page

RULES = ("consent.no-reject-first-layer",)


def one_click_refusal(banner: Banner) -> bool:
    """A first-layer reject, or first-layer purpose boxes left off plus a 'save' button."""
    if banner.first_layer("reject"):
        return True
    saves = [c for c in banner.first_layer("settings") if c.category == "save"]
    optional = [t for t in banner.toggles if t.first_layer and not t.necessary]
    return bool(saves and optional and not any(t.checked for t in optional))


def check(page: Page) -> list[Finding]:
    banner = page.banner
    if banner is None:
        return []
    agreeing = banner.first_layer("accept") or banner.first_layer("acknowledge")
    if not agreeing or one_click_refusal(banner):
        return []
    offered = [c for c in banner.first_layer() if c.role != "accept"]
    others = ", ".join(f"'{c.text}'" for c in offered[:4] if c.text) or "nothing else"
    deeper = banner.any_layer("reject")
    detail = (
        f" Refusing is only possible behind another layer ('{deeper[0].text}')." if deeper else ""
    )
    main = agreeing[0]
    return [
        finding(
            "consent.no-reject-first-layer",
            f"The banner lets you agree with '{main.text}' but offers no equally direct way "
            f"to refuse; besides it there is {others}.{detail}",
            selector=main.selector,
            text=main.text,
            banner=banner.selector,
            platform=banner.platform,
            frame=banner.frame,
            offered=[{"role": c.role, "text": c.text} for c in banner.first_layer()][:10],
        )
    ]
