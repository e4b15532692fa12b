"""consent.asymmetric-choice: a reject option exists but is made weaker than accept."""

from __future__ import annotations

from companion.consent.banner import Control
from companion.consent.prominence import Prominence, prominence
from companion.findings import finding
from companion.models import Finding
from companion.page import Page

RULES = ("consent.asymmetric-choice",)

LOW_CONTRAST = 3.0  # WCAG minimum for large text; below it text is hard to read
SMALLER_TEXT = 0.8
SMALLER_TARGET = 0.5
FADED = 0.6


def _rank(p: Prominence) -> tuple:
    return (p.weight, p.text_contrast or 0, p.font_size or 0, p.area or 0)


def weaknesses(accept: Prominence, reject: Prominence) -> list[str]:
    """Ways the reject control is visually weaker than accept (empty when they are on par)."""
    reasons = []
    if accept.weight == 2 and reject.weight == 0:
        reasons.append("reject is plain text or a link while accept is a filled button")
    if reject.text_contrast is not None and accept.text_contrast is not None:
        if reject.text_contrast < LOW_CONTRAST <= accept.text_contrast:
            reasons.append(f"reject text has low contrast ({reject.text_contrast:.1f}:1 against "
                           f"{accept.text_contrast:.1f}:1 for accept)")
    if reject.font_size and accept.font_size and reject.font_size < SMALLER_TEXT * accept.font_size:
        reasons.append(f"reject text is smaller ({reject.font_size:g}px against {accept.font_size:g}px)")
    if reject.area and accept.area and reject.area < SMALLER_TARGET * accept.area:
        reasons.append(f"reject is a much smaller target ({reject.area / accept.area:.0%} of accept)")
    if reject.opacity < FADED <= accept.opacity:
        reasons.append(f"reject is faded (opacity {reject.opacity:g})")
    if reject.disabled_look and not accept.disabled_look:
        reasons.append("reject looks disabled")
    return reasons


def _best(page: Page, controls: list[Control]) -> tuple[Control, Prominence]:
    scored = [(c, prominence(page, c.node, c.kind)) for c in controls]
    return max(scored, key=lambda pair: _rank(pair[1]))


def check(page: Page) -> list[Finding]:
    banner = page.banner
    if banner is None:
        return []
    accepts, rejects = banner.first_layer("accept"), banner.first_layer("reject")
    if not accepts or not rejects:
        return []
    bpage = banner.page
    accept, accept_p = _best(bpage, accepts)
    reject, reject_p = _best(bpage, rejects)
    reasons = weaknesses(accept_p, reject_p)
    if not reasons:
        return []
    return [
        finding(
            "consent.asymmetric-choice",
            f"'{reject.text}' is made weaker than '{accept.text}': " + "; ".join(reasons) + ".",
            selector=reject.selector,
            text=reject.text,
            accept_selector=accept.selector,
            accept_text=accept.text,
            reasons=reasons,
            frame=banner.frame,
            measured=reject_p.measured,
        )
    ]
