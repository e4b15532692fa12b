"""The detector registry. Each module exposes ``RULES`` and ``check(page) -> list[Finding]``.

Adding a detector touches three places: its module, one line here, and its test.
"""

from __future__ import annotations

from types import ModuleType

from companion.detectors import (
    asymmetric_choice,
    banner,
    confirmshaming,
    cookie_wall,
    implied_consent,
    no_reject,
    pressure,
    preticked_purpose,
    sharing,
    sneak_into_basket,
    third_party_trackers,
    tracking_consent,
)

DETECTORS: list[ModuleType] = [
    banner,
    no_reject,
    asymmetric_choice,
    preticked_purpose,
    cookie_wall,
    implied_consent,
    confirmshaming,
    tracking_consent,
    third_party_trackers,
    sharing,
    pressure,
    sneak_into_basket,
]
