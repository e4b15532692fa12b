"""Classifying a page's visible text once, shared by the copy detectors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from companion.copy.blocks import TextBlock, text_blocks
from companion.copy.classify import CopyMatch, match_copy
from companion.models import Finding

if TYPE_CHECKING:
    from companion.page import Page

# Cached on the page itself: a WeakKeyDictionary would leak every page, because the
# cached values refer back to their page and so keep the weak key alive.
_CACHE = "_bl_copy_hits"


@dataclass(frozen=True)
class BlockHit:
    block: TextBlock
    match: CopyMatch

    def to_finding(self, message_suffix: str = "", **extra: Any) -> Finding:
        f = self.match.to_finding(
            selector=self.block.selector(),
            match=self.match.span,
            frame=self.block.frame,
            **extra,
        )
        f.evidence["text"] = _clip(self.block.text)
        if message_suffix:
            f.message = f"{f.message} {message_suffix}"
        return f


def page_copy(page: Page) -> list[BlockHit]:
    """Every copy-rule match in the page's visible text blocks (and frames), in page order."""
    hits = page.__dict__.get(_CACHE)
    if hits is None:
        hits = []
        seen: dict[str, list[CopyMatch]] = {}  # grids repeat "Add to basket" a thousand times
        for block in text_blocks(page):
            matches = seen.get(block.text)
            if matches is None:
                matches = seen[block.text] = match_copy(block.text)
            hits.extend(BlockHit(block, m) for m in matches)
        page.__dict__[_CACHE] = hits
    return hits


def _clip(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
