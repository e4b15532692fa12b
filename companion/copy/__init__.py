"""Copy analysis: classifying marketing and consent text, and walking a page's visible text.

``classify_copy(text)`` is pure (used by ``brightline lint-text``); ``page_copy(page)``
classifies every visible text block of a page once and is shared by the page detectors.
"""

from companion.copy.classify import COPY_RULES, CopyMatch, classify_copy, match_copy

__all__ = ["COPY_RULES", "CopyMatch", "classify_copy", "match_copy"]
