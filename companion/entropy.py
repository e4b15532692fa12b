"""Shannon entropy of identifier-like strings, shared by the collector's Python side and detectors.

The collector (JavaScript) computes the same figure for cookie and storage values so that
only the length and the entropy leave the page, never the value.
"""

from __future__ import annotations

import math
from collections import Counter


def shannon_entropy(value: str) -> float:
    """Bits per character (0 for empty or constant strings; about 4 for random hex)."""
    if not value:
        return 0.0
    counts = Counter(value)
    total = len(value)
    return -sum((n / total) * math.log2(n / total) for n in counts.values())


def looks_like_identifier(length: int, entropy: float) -> bool:
    """A value long and varied enough to single a browser out (not 'true', 'en', '1')."""
    return length >= 10 and entropy >= 3.0
