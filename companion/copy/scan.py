"""Classifying a page's visible text once, shared by the copy detectors."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from companion.copy.blocks import TextBlock, blocks_at, layout, plain_span, shown
from companion.copy.classify import KEY_OF, RULE_IDS, CopyMatch, anchored, match_copy, matches_at
from companion.copy.page_text import glue, page_text
from companion.models import Finding

if TYPE_CHECKING:
    from companion.page import Node, Page

# Cached on the page itself: a WeakKeyDictionary would leak every page, because the
# cached values refer back to their page and so keep the weak key alive.
_CACHE = "_bl_copy_hits"
_ANCHORS = "_bl_copy_anchors"
_HOLDERS = "_bl_anchor_holders"

# Widgets put a claim's parts in sibling blocks: "<div>Sale ends in</div><div>01</div>
# <div>days</div>…", "<div class=n>23</div><div>people are viewing</div>".
_WIDGET_KEYS = ("countdown", "scarcity", "social")
MAX_WIDGET_HEAD = 60  # the block a split claim starts in is a short label or a number
MAX_WIDGET = 120  # characters of following blocks the claim may run on into


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
            hits.extend(_claims_across_blocks(sub, hits))
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


def _claims_across_blocks(page: Page, hits: list[BlockHit]) -> list[BlockHit]:
    """Pressure claims that start in a short block and end in the blocks after it.

    A widget's label, numbers and units often sit in sibling blocks, so no single block
    reads as the claim; the page text still reads them in order. Each such claim is
    classified on the visible text of the blocks it runs through and reported once, at
    the block it starts in, unless one of those blocks already made the same claim.
    """
    text = page_text(page)
    lay = layout(page)
    claimed: Claimed = {(hit.block.node, hit.match.rule) for hit in hits if hit.block.page is page}
    out: list[BlockHit] = []
    for key in _WIDGET_KEYS:
        rule = RULE_IDS[key]
        covered = -1  # the last text node of the previous split claim of this rule
        for pos in page_anchors(page).get(key, ()):
            i = text.node_at(pos)
            if i <= covered or (lay.blocks[i], rule) in claimed:
                continue
            found = _split_claim(page, i, rule, claimed)
            if found is not None:
                hit, covered = found
                out.append(hit)
    return out


Claimed = set[tuple["Node", str]]  # (block, rule) pairs a block already reports


def _split_claim(page: Page, i: int, rule: str, claimed: Claimed) -> tuple[BlockHit, int] | None:
    """The claim of ``rule`` anchored in text node ``i`` when it needs the blocks after its
    own, with the last text node read for it."""
    text = page_text(page)
    lay = layout(page)
    head = lay.blocks[i]
    first = lay.first[head]
    after_head = first + lay.count[head]
    head_end = text.end_of(after_head - 1)
    if head_end - text.starts[first] > MAX_WIDGET_HEAD:
        return None
    run = _shown_run(page, first, after_head, head_end + MAX_WIDGET, rule, claimed)
    if run is None or len(run) <= after_head - first:
        return None
    parts = [" ".join(text.nodes[j].split()) for j in run]
    head_length = len(glue(" ".join(parts[: after_head - first])))
    window = glue(" ".join(parts))
    for match in match_copy(window, rules=(rule,)):
        if match.start < head_length < match.end:
            return BlockHit(TextBlock(page, head, window), match), run[-1]
    return None


def _shown_run(
    page: Page, first: int, after_head: int, limit: int, rule: str, claimed: Claimed
) -> list[int] | None:
    """The text nodes from ``first`` that start before position ``limit``, up to the first
    hidden one. None when the head block is not all shown, or when a block after it
    already makes the claim of ``rule`` on its own."""
    text = page_text(page)
    lay = layout(page)
    run: list[int] = []
    for j in range(first, len(text.nodes)):
        if text.starts[j] > limit:
            break
        if j >= after_head and (lay.blocks[j], rule) in claimed:
            return None
        if not shown(page, lay.owners[j]):
            if j < after_head:
                return None
            break
        run.append(j)
    return run


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
