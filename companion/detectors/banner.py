"""consent.banner: report the banner, its platform and every control with its role."""

from __future__ import annotations

from companion.findings import finding
from companion.models import Finding
from companion.page import Page

RULES = ("consent.banner",)


def check(page: Page) -> list[Finding]:
    banner = page.banner
    if banner is None:
        return []
    where = f" ({banner.platform})" if banner.platform else ""
    shown = [c for c in banner.controls if c.first_layer and c.role != "other"]
    described = ", ".join(f"{c.role} '{c.text}'" for c in shown[:6]) or "no recognisable controls"
    return [
        finding(
            "consent.banner",
            f"Consent banner found{where}; first layer offers: {described}.",
            selector=banner.selector,
            platform=banner.platform,
            frame=banner.frame,
            method=banner.method,
            text=banner.text[:300],
            controls=[{"role": c.role, "text": c.text, "selector": c.selector,
                       "first_layer": c.first_layer} for c in banner.controls[:30]],
        )
    ]
