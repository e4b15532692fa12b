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
from companion.static.cssvalues import (
    as_float,
    as_int,
    box4,
    color_str,
    expand,
    font_px,
    px,
    resolve_vars,
    weight,
)
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
_HIDING_WORDS = ("none", "hidden", "collapse", "opacity", "var(")


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
                    rule = CssRule(rule.selectors, rule.body, rule.order - 1_000_000)
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
            if rule.order >= 0 and ("fixed" in rule.body or "sticky" in rule.body)
            and rule.decls.get("position", ("",))[0] in ("fixed", "sticky")
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
            for p, v in expand(prop, value):
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
            value = resolve_vars(value, out)
            if value in ("inherit",):
                if prop in parent_computed:
                    out[prop] = parent_computed[prop]
                continue
            if value in ("initial", "unset", "revert"):
                out.pop(prop, None)
                continue
            if prop == "font-size":
                value = str(font_px(value, float(parent_computed.get("font-size", "16"))))
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
            font_size=as_float(c.get("font-size")),
            font_weight=weight(c.get("font-weight", "400")),
            padding=box4(c, "padding"),
            border_width=px(c.get("border-width", "0")),
            border_color=color_str(c.get("border-color")),
            border_style=c.get("border-style"),
            opacity=as_float(c.get("opacity")),
            z_index=as_int(c.get("z-index")),
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
            if not any(word in rule.body for word in _HIDING_WORDS):
                return False  # most rules: no need to parse their declarations
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
                or as_float(values.get("opacity")) == 0.0)

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
        if inset and all(px(v) == 0 for v in inset):
            return Box(0, 0, vw, vh)
        width_full = c.get("width") in ("100%", "100vw") or (
            px(edges["left"]) == 0 and px(edges["right"]) == 0)
        height_full = c.get("height") in ("100%", "100vh") or c.get("min-height") in ("100%", "100vh") or (
            px(edges["top"]) == 0 and px(edges["bottom"]) == 0)
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
