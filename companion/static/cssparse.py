"""A small, fast CSS reader: style rules (with @media/@supports contents) and declarations.

Only what visual judgements need is kept. It is not a full CSS parser; it is tolerant and
linear-time, so a saved page with a large inlined framework stays cheap to read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_DECL = re.compile(r"(--[\w-]+|[a-zA-Z-]+)\s*:\s*((?:[^;(]|\([^)]*\))+)")
_GROUPING_AT = ("@media", "@supports", "@layer", "@container", "@document")

KEPT = frozenset(
    {
        "color", "background", "background-color", "font-size", "font-weight", "font",
        "padding", "padding-top", "padding-right", "padding-bottom", "padding-left",
        "border", "border-width", "border-color", "border-style", "border-top",
        "border-bottom", "opacity", "z-index", "position", "display", "visibility",
        "text-decoration", "text-decoration-line", "cursor", "overflow", "overflow-y",
        "filter", "top", "left", "right", "bottom", "inset", "width", "height",
        "min-height", "pointer-events",
    }
)


# A declaration of a kept property or a custom property: a rule without one is dropped.
_HAS_KEPT = re.compile(
    r"(?<![\w-])(?:--[\w-]+|" + "|".join(sorted(KEPT, key=len, reverse=True)) + r")\s*:", re.I
)


@dataclass(frozen=True)
class CssRule:
    selectors: tuple[str, ...]
    body: str  # the declarations as written; parsed when first asked for
    order: int

    @cached_property
    def decls(self) -> dict[str, tuple[str, bool]]:  # property -> (value, important)
        return parse_declarations(self.body)


def parse_declarations(block: str) -> dict[str, tuple[str, bool]]:
    decls: dict[str, tuple[str, bool]] = {}
    for match in _DECL.finditer(block):
        prop = match.group(1).lower() if not match.group(1).startswith("--") else match.group(1)
        if prop not in KEPT and not prop.startswith("--"):
            continue
        value = match.group(2).strip()
        important = False
        if value.lower().endswith("!important"):
            value = value[: -len("!important")].rstrip()
            important = True
        decls[prop] = (value, important)
    return decls


def _matching_brace(css: str, open_at: int) -> int:
    depth = 0
    i = open_at
    n = len(css)
    while i < n:
        nxt_open = css.find("{", i)
        nxt_close = css.find("}", i)
        if nxt_close == -1:
            return n
        if nxt_open != -1 and nxt_open < nxt_close:
            depth += 1
            i = nxt_open + 1
        else:
            depth -= 1
            i = nxt_close + 1
            if depth == 0:
                return nxt_close
    return n


_MEDIA_WIDTH = re.compile(r"\((min|max)-width\s*:\s*([\d.]+)(px|em|rem)\)")


def iter_rules(css: str, start_order: int = 0, viewport_width: int = 1280) -> Iterator[CssRule]:
    css = _COMMENT.sub("", css)
    yield from _iter_block(css, start_order, viewport_width)


def _media_applies(prelude: str, width: int) -> bool:
    if _print_only(prelude):
        return False
    for kind, number, unit in _MEDIA_WIDTH.findall(prelude):
        px = float(number) * (16 if unit in ("em", "rem") else 1)
        if (kind == "max" and width > px) or (kind == "min" and width < px):
            return False
    return True


# A plain style rule: a prelude with no at-rule and a body with no nested block. Most
# rules of a large stylesheet are read in one regex match each; the rest go the long way.
_FLAT_RULE = re.compile(r"([^{}@]*)\{([^{}]*)\}")


def _iter_block(css: str, order: int, width: int) -> Iterator[CssRule]:
    i = 0
    n = len(css)
    flat = _FLAT_RULE.match
    has_kept = _HAS_KEPT.search
    while i < n:
        m = flat(css, i)
        if m is not None:
            body = m.group(2)
            if has_kept(body):
                prelude = m.group(1).strip()
                if prelude:
                    yield _style_rule(prelude, body, order)
                    order += 1
            i = m.end()
            continue
        brace = css.find("{", i)
        if brace == -1:
            return
        prelude = css[i:brace].strip()
        # Statements such as @import …; or @charset …; end before the block.
        if ";" in prelude and prelude.lstrip().startswith("@"):
            prelude = prelude.rsplit(";", 1)[-1].strip()
        end = _matching_brace(css, brace)
        body = css[brace + 1 : end]
        if prelude.startswith("@"):
            lowered = prelude.lower()
            if lowered.startswith(_GROUPING_AT) and _media_applies(lowered, width):
                for rule in _iter_block(body, order, width):
                    order = rule.order + 1
                    yield rule
        elif prelude and "{" not in body and has_kept(body):
            yield _style_rule(prelude, body, order)
            order += 1
        i = end + 1


def _style_rule(prelude: str, body: str, order: int) -> CssRule:
    return CssRule(tuple(s.strip() for s in _split_selectors(prelude) if s.strip()), body, order)


def _print_only(prelude: str) -> bool:
    return prelude.startswith("@media") and "print" in prelude and "screen" not in prelude


def _split_selectors(prelude: str) -> list[str]:
    if "(" not in prelude and "[" not in prelude:
        return prelude.split(",")  # no comma can hide inside :is(…) or [attr="a,b"]
    parts, depth, current = [], 0, []
    for ch in prelude:
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts
