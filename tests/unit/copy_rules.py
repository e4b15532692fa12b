"""Rule ids and the one-line classification the copy-family tests share."""

from __future__ import annotations

from companion.copy import match_copy

CS = "consent.confirmshaming"
IC = "consent.implied-consent"
TQ = "sharing.trick-question"
CD = "pressure.countdown"
SC = "pressure.scarcity"
SP = "pressure.social-proof"


def rules_of(text: str, *, control: bool = False) -> set[str]:
    """The rules ``text`` raises, as ``lint-text`` (or, with ``control``, a checkbox label) would."""
    return {m.rule for m in match_copy(text, control=control)}
