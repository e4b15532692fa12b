"""Classifying a page's visible text once, shared by the copy detectors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from companion.copy.blocks import TextBlock, blocks_at, layout, plain_span
from companion.copy.classify import KEY_OF, CopyMatch, anchored, match_copy, matches_at
from companion.copy.page_text import page_text
from companion.models import Finding

if TYPE_CHECKING:
    from companion.page import Node, Page

# Cached on the page itself: a WeakKeyDictionary would leak every page, because the
# cached values refer back to their page and so keep the weak key alive.
_CACHE = "_bl_copy_hits"
_ANCHORS = "_bl_copy_anchors"
_HOLDERS = "_bl_anchor_holders"


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
    """Every copy-rule match in the page's visible text blocks (and frames), in page order.

    Only blocks that can match are built and classified (see ``companion.copy.page_text``).
    """
    hits = page.__dict__.get(_CACHE)
    if hits is None:
        hits = []
        seen: dict[str, list[CopyMatch]] = {}  # grids repeat "Add to basket" a thousand times
        for sub in (page, *page.frames):
            for block in blocks_at(sub, _positions_that_can_match(sub)):
                matches = seen.get(block.text)
                if matches is None:
                    matches = seen[block.text] = match_copy(block.text)
                hits.extend(BlockHit(block, m) for m in matches)
        page.__dict__[_CACHE] = hits
    return hits


def _positions_that_can_match(page: Page) -> list[int]:
    """One position per block where some rule's anchor matches in the joined text and, when
    the block's text is a plain span of it, the rule's detailed check passes there too.

    Words such as "save" or "deals" anchor the shaming shapes on most blocks of a shop page;
    checking the shape inside the block's span costs one regex match, where building and
    classifying the block costs a walk and a full classification.
    """
    text = page_text(page)
    blocks = layout(page).blocks
    spans: dict[object, tuple[int, int] | None] = {}
    chosen: dict[object, int] = {}
    for key, positions in page_anchors(page).items():
        for pos in positions:
            i = text.node_at(pos)
            if i < 0:
                continue
            block = blocks[i]
            if block in chosen:
                continue
            if block not in spans:
                spans[block] = plain_span(page, block)
            span = spans[block]
            if span is None or matches_at(key, text.low[span[0]:span[1]], pos - span[0]):
                chosen[block] = pos
    return sorted(chosen.values())


def page_anchors(page: Page) -> dict[str, list[int]]:
    """Per rule key, where its anchor matches in ``page_text(page)`` (not its frames)."""
    found = page.__dict__.get(_ANCHORS)
    if found is None:
        found = page.__dict__[_ANCHORS] = anchored(page_text(page).low, whole_page=True)
    return found


def holds_anchor(page: Page, node: Node, rule: str) -> bool:
    """Whether ``node``'s own text (and its descendants') holds an anchor of ``rule``: text
    without one cannot match that rule."""
    key = KEY_OF[rule]
    cache: dict[str, set[Node]] = page.__dict__.setdefault(_HOLDERS, {})
    holders = cache.get(key)
    if holders is None:
        text = page_text(page)
        holders = cache[key] = set()
        for pos in page_anchors(page).get(key, ()):
            owner = text.owner(pos)
            while owner is not None and owner not in holders:
                holders.add(owner)
                owner = owner.getparent()
    return node in holders


def _clip(text: str, limit: int = 300) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
