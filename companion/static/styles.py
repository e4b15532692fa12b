"""Computed style, visibility and coarse geometry for a saved page, from its own CSS.

A ``StyleSource`` for ``companion.page.Page``: the cascade of the page's ``<style>``
blocks, linked local stylesheets and ``style`` attributes over a small user-agent
stylesheet, with inheritance and ``var()``. Styles are computed lazily, only for the
nodes detectors ask about, and cached.
"""

from __future__ import annotations

import re
from collections import defaultdict
from functools import cached_property

from lxml import etree

from companion.colors import css_rgb, parse_color
from companion.models import Box, Style, Viewport
from companion.page_index import PageIndex
from companion.static.cssparse import CssRule, iter_rules, parse_declarations
from companion.static.selectors import Selector, is_dynamic, selector_key

Node = etree._Element
Decls = dict[str, tuple[str, bool]]

INHERITED = ("color", "font-size", "font-weight", "visibility", "cursor")
UA_CSS = """
head, script, style, template, noscript, input[type=hidden], title, meta, link { display: none }
button, input[type=button], input[type=submit], input[type=reset], select {
  background-color: rgb(239, 239, 239); color: rgb(0, 0, 0); border: 2px outset rgb(118, 118, 118);
  padding: 1px 6px; font-size: 13.333px; font-weight: 400; display: inline-block }
a[href] { color: rgb(0, 0, 238); text-decoration: underline; cursor: pointer }
b, strong, th, h1, h2, h3, h4, h5, h6 { font-weight: 700 }
small { font-size: 0.833em }
h1 { font-size: 2em } h2 { font-size: 1.5em } h3 { font-size: 1.17em }
dialog:not([open]) { display: none }
dialog[open] { position: fixed }
"""
_VAR = re.compile(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*(?:\([^()]*\)[^()]*)*))?\)")
_FONT_KEYWORDS = {"xx-small": 9.0, "x-small": 10.0, "small": 13.0, "medium": 16.0,
                  "large": 18.0, "x-large": 24.0, "xx-large": 32.0, "smaller": 0.833, "larger": 1.2}
_WEIGHTS = {"normal": 400, "bold": 700, "bolder": 700, "lighter": 300}
_LENGTH = re.compile(r"^(-?[\d.]+)(px|em|rem|%|pt|vh|vw)?$")


class StaticStyles:
    def __init__(self, root: Node, css_texts: list[str], viewport: Viewport | None = None) -> None:
        self.root = root
        self.viewport = viewport or Viewport()
        self._css_texts = css_texts
        self._declared: dict[Node, Decls] = {}
        self._computed: dict[Node, dict[str, str]] = {}
        self._hidden: dict[Node, bool] = {}
        self._xpath_cache: dict[str, set] = {}
        self._selectors: dict[str, Selector | None] = {}
        self._fixed_set: set[Node] | None = None

    # -- rule index -----------------------------------------------------------------------
    @cached_property
    def _index(self) -> dict[tuple[str, str], list[tuple[str, CssRule]]]:
        """Rules keyed by their rightmost id, class or tag, as browsers bucket them."""
        index: dict[tuple[str, str], list[tuple[str, CssRule]]] = defaultdict(list)
        order = 0
        sources = [UA_CSS, *self._css_texts]
        for source_no, css in enumerate(sources):
            for rule in iter_rules(css, order, self.viewport.width):
                order = rule.order + 1
                if source_no == 0:
                    rule = CssRule(rule.selectors, rule.decls, rule.order - 1_000_000)
                for text in rule.selectors:
                    if not is_dynamic(text):
                        index[selector_key(text)].append((text, rule))
        return index

    def _selector(self, text: str) -> Selector | None:
        sel = self._selectors.get(text)
        if sel is None and text not in self._selectors:
            built = Selector(text)
            sel = built if built.usable else None
            self._selectors[text] = sel
        return sel

    def _candidate_rules(self, node: Node):
        index = self._index
        keys = [("*", ""), ("tag", node.tag)]
        node_id = node.get("id")
        if node_id:
            keys.append(("id", node_id))
        keys.extend(("class", cls) for cls in (node.get("class") or "").split())
        for key in keys:
            for text, rule in index.get(key, ()):
                sel = self._selector(text)
                if sel is not None:
                    yield sel, rule

    @cached_property
    def _layered_rules(self) -> list[tuple[tuple[str, str], str]]:
        return [
            (key, text) for key, rules in self._index.items() for text, rule in rules
            if rule.order >= 0 and rule.decls.get("position", ("",))[0] in ("fixed", "sticky")
        ]

    @property
    def watch_classes(self) -> set[str]:
        """Classes the page's CSS lays out as fixed or sticky layers (for the page index)."""
        return {value for (kind, value), _text in self._layered_rules if kind == "class"}

    # -- cascade --------------------------------------------------------------------------
    def declared(self, node: Node) -> Decls:
        cached = self._declared.get(node)
        if cached is not None:
            return cached
        matched: list[tuple[tuple, str, str]] = []
        for sel, rule in self._candidate_rules(node):
            if sel.matches(node, self._xpath_cache):
                origin = 0 if rule.order < 0 else 1  # user-agent rules lose to the page's own
                for prop, (value, important) in rule.decls.items():
                    matched.append(((important, origin, sel.specificity, rule.order), prop, value))
        inline = node.get("style")
        if inline:
            for prop, (value, important) in parse_declarations(inline).items():
                matched.append(((important, 2, (0, 0, 0), 10**9), prop, value))
        matched.sort(key=lambda item: item[0])
        result: Decls = {}
        for (important, _origin, _spec, _order), prop, value in matched:
            for p, v in _expand(prop, value):
                result[p] = (v, important)
        self._declared[node] = result
        return result

    def computed(self, node: Node) -> dict[str, str]:
        cached = self._computed.get(node)
        if cached is not None:
            return cached
        parent = node.getparent()
        parent_computed = self.computed(parent) if parent is not None and isinstance(parent.tag, str) else {}
        out: dict[str, str] = {}
        for prop in INHERITED:
            if prop in parent_computed:
                out[prop] = parent_computed[prop]
        for prop, value in parent_computed.items():
            if prop.startswith("--"):
                out[prop] = value
        declared = self.declared(node)
        for prop, (value, _imp) in declared.items():
            if prop.startswith("--"):
                out[prop] = value
        for prop, (value, _imp) in declared.items():
            if prop.startswith("--"):
                continue
            value = _resolve_vars(value, out)
            if value in ("inherit",):
                if prop in parent_computed:
                    out[prop] = parent_computed[prop]
                continue
            if value in ("initial", "unset", "revert"):
                out.pop(prop, None)
                continue
            if prop == "font-size":
                value = str(_font_px(value, float(parent_computed.get("font-size", "16"))))
            out[prop] = value
        out.setdefault("font-size", "16")
        self._computed[node] = out
        return out

    # -- StyleSource ----------------------------------------------------------------------
    def style(self, node: Node) -> Style | None:
        if not isinstance(node.tag, str):
            return None
        c = self.computed(node)
        color = parse_color(c.get("color", "rgb(0, 0, 0)"))
        bg = parse_color(c.get("background-color", "transparent"))
        return Style(
            color=css_rgb(color) if color else None,
            background_color=css_rgb(bg) if bg else None,
            effective_background=self._effective_background(node),
            font_size=_float(c.get("font-size")),
            font_weight=_weight(c.get("font-weight", "400")),
            padding=_box4(c, "padding"),
            border_width=_px(c.get("border-width", "0")),
            border_color=_color_str(c.get("border-color")),
            border_style=c.get("border-style"),
            opacity=_float(c.get("opacity")),
            z_index=_int(c.get("z-index")),
            position=c.get("position", "static"),
            display=c.get("display"),
            visibility=c.get("visibility", "visible"),
            text_decoration=c.get("text-decoration-line") or c.get("text-decoration"),
            cursor=c.get("cursor"),
            overflow=c.get("overflow"),
            filter=c.get("filter"),
        )

    def _effective_background(self, node: Node) -> str | None:
        current: Node | None = node
        while current is not None and isinstance(current.tag, str):
            bg = parse_color(self.computed(current).get("background-color", "transparent"))
            if bg is not None and bg[3] >= 0.5:
                return css_rgb(bg)
            current = current.getparent()
        return "rgb(255, 255, 255)"

    def hidden(self, node: Node) -> bool:
        """Hidden by the node itself or an ancestor (display, visibility, opacity 0)."""
        cached = self._hidden.get(node)
        if cached is not None:
            return cached
        result = False
        if isinstance(node.tag, str):
            if self._self_hidden(node):
                result = True
            else:
                parent = node.getparent()
                if parent is not None and parent.tag == "template" and parent.get("shadowrootmode"):
                    parent = parent.getparent()
                result = parent is not None and isinstance(parent.tag, str) and self.hidden(parent)
        self._hidden[node] = result
        return result

    @cached_property
    def _visibility_index(self) -> dict[tuple[str, str], list[tuple[str, CssRule]]]:
        """Only rules that can hide something: if none matches a node, it is not self-hidden.

        When one does, the node's full cascade decides (a later rule may show it again)."""
        def hides(rule: CssRule) -> bool:
            d = rule.decls
            display = d.get("display", ("",))[0]
            visibility = d.get("visibility", ("",))[0]
            opacity = d.get("opacity", ("",))[0]
            return (display == "none" or visibility in ("hidden", "collapse")
                    or opacity.strip() in ("0", "0.0", "0%")
                    or any("var(" in v for v in (display, visibility, opacity)))

        return {
            key: kept for key, rules in self._index.items()
            if (kept := [(t, r) for t, r in rules if hides(r)])
        }

    def _self_hidden(self, node: Node) -> bool:
        if node.get("hidden") is not None:
            return True
        index = self._visibility_index
        keys = [("*", ""), ("tag", node.tag)]
        node_id = node.get("id")
        if node_id:
            keys.append(("id", node_id))
        keys.extend(("class", cls) for cls in (node.get("class") or "").split())
        inline = node.get("style")
        inline_may_hide = bool(inline) and ("display" in inline or "visibility" in inline
                                            or "opacity" in inline)
        if not inline_may_hide:
            matched = False
            for key in keys:
                for text, _rule in index.get(key, ()):
                    sel = self._selector(text)
                    if sel is not None and sel.matches(node, self._xpath_cache):
                        matched = True
                        break
                if matched:
                    break
            if not matched:
                return False
        declared = self.declared(node)
        values = {p: declared[p][0] for p in ("display", "visibility", "opacity") if p in declared}
        if any("var(" in v for v in values.values()):
            computed = self.computed(node)
            values = {p: computed.get(p, "") for p in values}
        return (values.get("display") == "none" or values.get("visibility") in ("hidden", "collapse")
                or _float(values.get("opacity")) == 0.0)

    def box(self, node: Node) -> Box | None:
        """Only what CSS alone tells: a fixed layer stretched over the whole viewport.

        Only nodes already found as fixed layers (``fixed_nodes``) can have one, which keeps
        box queries for ordinary nodes (images, say) from running the cascade."""
        if self._fixed_set is None or node not in self._fixed_set:
            return None
        c = self.computed(node)
        if c.get("position") != "fixed":
            return None
        vw, vh = self.viewport.width, self.viewport.height
        inset = c.get("inset", "").split()
        edges = {k: c.get(k) for k in ("top", "right", "bottom", "left")}
        if inset and all(_px(v) == 0 for v in inset):
            return Box(0, 0, vw, vh)
        width_full = c.get("width") in ("100%", "100vw") or (
            _px(edges["left"]) == 0 and _px(edges["right"]) == 0)
        height_full = c.get("height") in ("100%", "100vh") or c.get("min-height") in ("100%", "100vh") or (
            _px(edges["top"]) == 0 and _px(edges["bottom"]) == 0)
        if width_full and height_full:
            return Box(0, 0, vw, vh)
        return None

    def fixed_nodes(self, index: PageIndex) -> list[Node]:
        """Nodes laid out as fixed or sticky layers (``index`` watched ``watch_classes``)."""
        found: dict[Node, None] = {}
        for (kind, value), text in self._layered_rules:
            sel = self._selector(text)
            if sel is None:
                continue
            if kind == "id":
                candidates = [index.by_id[value]] if value in index.by_id else []
            elif kind == "class":
                candidates = index.with_class(value)
            elif kind == "tag" and re.fullmatch(r"[a-z][\w-]*", value):
                candidates = list(self.root.iter(value))
            else:
                continue  # a universal fixed rule would make every node a layer: ignore
            for node in candidates:
                if sel.matches(node, self._xpath_cache):
                    found[node] = None
        for node in index.inline_layered:
            found[node] = None
        layered = [n for n in found if self.computed(n).get("position") in ("fixed", "sticky")]
        self._fixed_set = set(layered)
        return layered


def _expand(prop: str, value: str) -> list[tuple[str, str]]:
    """Split the shorthands detectors care about into their longhands."""
    if prop == "background":
        color = _first_color(value)
        return [("background-color", color)] if color else ([("background-color", "transparent")]
                                                            if value.strip() == "none" else [])
    if prop in ("border", "border-top", "border-bottom"):
        if value.strip() in ("none", "0"):
            return [("border-width", "0"), ("border-style", "none")]
        out = []
        for token in value.split():
            if _LENGTH.match(token):
                out.append(("border-width", token))
            elif token in ("solid", "dashed", "dotted", "double", "groove", "ridge", "inset",
                           "outset", "none", "hidden"):
                out.append(("border-style", token))
            elif parse_color(token) is not None or token.startswith("var("):
                out.append(("border-color", token))
        return out if prop == "border" else [p for p in out if p[0] != "border-width"] + [
            (f"{prop}-width", v) for k, v in out if k == "border-width"]
    if prop == "font":
        out = []
        for token in value.replace("/", " / ").split():
            if token in _WEIGHTS or token.isdigit():
                out.append(("font-weight", token))
            elif _LENGTH.match(token) or token in _FONT_KEYWORDS:
                out.append(("font-size", token))
                break
        return out
    if prop == "text-decoration-line":
        return [("text-decoration", value)]
    if prop == "overflow-y":
        return [("overflow", value)]
    return [(prop, value)]


def _first_color(value: str) -> str | None:
    if value.startswith("var("):
        return value
    for token in re.findall(r"#[0-9a-fA-F]{3,8}|rgba?\([^)]*\)|hsla?\([^)]*\)|[a-zA-Z]+", value):
        if parse_color(token) is not None:
            return token
    return None


def _resolve_vars(value: str, scope: dict[str, str], depth: int = 0) -> str:
    if "var(" not in value or depth > 8:
        return value

    def sub(m: re.Match[str]) -> str:
        found = scope.get(m.group(1))
        if found is not None:
            return _resolve_vars(found, scope, depth + 1)
        return m.group(2) or ""

    return _resolve_vars(_VAR.sub(sub, value), scope, depth + 1)


def _font_px(value: str, parent_px: float) -> float:
    value = value.strip().lower()
    if value in ("smaller", "larger"):
        return round(parent_px * _FONT_KEYWORDS[value], 2)
    if value in _FONT_KEYWORDS:
        return _FONT_KEYWORDS[value]
    m = _LENGTH.match(value)
    if not m:
        calc = re.search(r"([\d.]+)(px|rem|em)", value)
        if calc:
            return _font_px(calc.group(0), parent_px)
        return parent_px
    number, unit = float(m.group(1)), m.group(2) or "px"
    return round({"px": number, "em": number * parent_px, "rem": number * 16,
                  "%": number * parent_px / 100, "pt": number * 4 / 3,
                  "vh": number * 8, "vw": number * 12.8}[unit], 2)


def _px(value: str | None) -> float | None:
    if value is None:
        return None
    m = _LENGTH.match(value.strip())
    if not m:
        return None
    number, unit = float(m.group(1)), m.group(2) or "px"
    return number if unit in ("px", None) else number * (16 if unit in ("em", "rem") else 1)


def _box4(c: dict[str, str], prop: str) -> list[float] | None:
    base = c.get(prop)
    values = [0.0, 0.0, 0.0, 0.0]
    if base:
        parts = [(_px(p) or 0.0) for p in base.split()]
        if len(parts) == 1:
            values = parts * 4
        elif len(parts) == 2:
            values = [parts[0], parts[1], parts[0], parts[1]]
        elif len(parts) == 3:
            values = [parts[0], parts[1], parts[2], parts[1]]
        elif len(parts) >= 4:
            values = parts[:4]
    for i, side in enumerate(("top", "right", "bottom", "left")):
        v = c.get(f"{prop}-{side}")
        if v is not None:
            values[i] = _px(v) or 0.0
    return values


def _float(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        return float(value.rstrip("px%")) if not value.endswith("%") else float(value[:-1]) / 100
    except ValueError:
        return None


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _weight(value: str) -> int | None:
    value = value.strip().lower()
    if value in _WEIGHTS:
        return _WEIGHTS[value]
    try:
        return int(float(value))
    except ValueError:
        return None


def _color_str(value: str | None) -> str | None:
    parsed = parse_color(value) if value else None
    return css_rgb(parsed) if parsed else None
