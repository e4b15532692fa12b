"""The analysis view of one snapshot: the parsed DOM joined with what the collector measured.

Detectors ask a ``Page`` about nodes (style, visibility, box, checked state, text, label,
selector). For a live snapshot the answers come from the collector's measurements; for a
saved HTML page they come from a ``StyleSource`` that reads the page's own CSS. Either way
detectors have one code path.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, Protocol
from urllib.parse import urlsplit

from lxml import etree

from companion.lexicon import normalise
from companion.models import Box, Element, Snapshot, Style
from companion.page_index import PageIndex, build_index
from companion.sites import registrable_domain

if TYPE_CHECKING:
    from companion.consent.banner import Banner
    from companion.tracking.classify import TrackerReport

IDX_ATTR = "data-bl-idx"
HIDDEN_ATTR = "data-bl-hidden"
MAX_TEXT = 2000

Node = etree._Element


class StyleSource(Protocol):
    """Where style, visibility and geometry come from for nodes without measurements."""

    def style(self, node: Node) -> Style | None: ...

    def hidden(self, node: Node) -> bool: ...

    def box(self, node: Node) -> Box | None: ...


class _NoStyles:
    def style(self, node: Node) -> Style | None:
        return None

    def hidden(self, node: Node) -> bool:
        return False

    def box(self, node: Node) -> Box | None:
        return None


def parse_html(markup: str | bytes) -> Node:
    """Parse HTML with lxml, tolerant of anything a browser would accept."""
    if isinstance(markup, str):
        markup = markup.encode("utf-8", "replace")
    if not markup.strip():
        markup = b"<html><body></body></html>"
    parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    root = etree.fromstring(markup, parser=parser)
    if root is None:
        root = etree.fromstring(b"<html><body></body></html>", parser=parser)
    return root


class Page:
    def __init__(
        self,
        snapshot: Snapshot,
        *,
        root: Node | None = None,
        styles: StyleSource | None = None,
        frame_origin: str | None = None,
        markup: str | None = None,
    ) -> None:
        self.snapshot = snapshot
        self.url = snapshot.url
        self.phase = snapshot.phase
        self.viewport = snapshot.viewport
        self.frame_origin = frame_origin
        self.elements: list[Element] = snapshot.elements
        self._root = root
        # The source text the tree was parsed from, when known: cheap substring checks on it
        # let whole-document passes skip work.
        self.markup = markup if markup is not None else (snapshot.dom if root is None else None)
        self.styles: StyleSource = styles or _NoStyles()
        self._by_idx = {e.idx: e for e in snapshot.elements}

    # -- the document -----------------------------------------------------------------
    @property
    def root(self) -> Node:
        if self._root is None:
            self._root = parse_html(self.snapshot.dom)
        return self._root

    @cached_property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()

    @cached_property
    def site(self) -> str:
        return registrable_domain(self.host)

    @cached_property
    def frames(self) -> list[Page]:
        pages = []
        for frame in self.snapshot.frames:
            sub = Snapshot(
                url=frame.url,
                source=self.snapshot.source,
                phase=self.snapshot.phase,
                viewport=self.snapshot.viewport,
                dom=frame.dom,
                elements=frame.elements,
            )
            root, styles = None, None
            if self.snapshot.source == "file":
                # A saved page's frames carry no measurements: their own CSS stands in.
                from companion.static.html_page import own_css
                from companion.static.styles import StaticStyles

                root = parse_html(frame.dom)
                styles = StaticStyles(root, own_css(root), self.viewport)
            pages.append(Page(sub, root=root, styles=styles, frame_origin=frame.origin or frame.url))
        return pages

    # -- joining nodes and measurements -------------------------------------------------
    def element_for(self, node: Node) -> Element | None:
        raw = node.get(IDX_ATTR)
        if raw is None:
            return None
        try:
            return self._by_idx.get(int(raw))
        except ValueError:
            return None

    @cached_property
    def _node_index(self) -> dict[int, Node]:
        index: dict[int, Node] = {}
        if not self.elements:
            return index
        for node in self.root.iterfind(f".//*[@{IDX_ATTR}]"):
            try:
                index[int(node.get(IDX_ATTR))] = node
            except (TypeError, ValueError):
                continue
        return index

    def node_for(self, idx: int) -> Node | None:
        return self._node_index.get(idx)

    def style(self, node: Node) -> Style | None:
        el = self.element_for(node)
        if el is not None and el.style is not None:
            return el.style
        return self.styles.style(node)

    def box(self, node: Node) -> Box | None:
        el = self.element_for(node)
        if el is not None and el.box is not None:
            return el.box
        return self.styles.box(node)

    def visible(self, node: Node) -> bool:
        """False when the node or an ancestor is known to be hidden."""
        el = self.element_for(node)
        if el is not None:
            return el.visible
        for anc in node.iterancestors():
            if anc.get(HIDDEN_ATTR) is not None:
                return False
            anc_el = self.element_for(anc)
            if anc_el is not None and not anc_el.visible:
                return False
        if node.get(HIDDEN_ATTR) is not None:
            return False
        return not self.styles.hidden(node)

    def checked(self, node: Node) -> bool | None:
        el = self.element_for(node)
        if el is not None and el.checked is not None:
            return el.checked
        aria = node.get("aria-checked") or node.get("aria-pressed")
        if aria is not None:
            return aria.lower() == "true"
        if node.tag == "input" and (node.get("type") or "").lower() in ("checkbox", "radio"):
            return node.get("checked") is not None
        if node.tag == "option":
            return node.get("selected") is not None
        return None

    def disabled(self, node: Node) -> bool:
        el = self.element_for(node)
        if el is not None:
            return el.disabled
        return node.get("disabled") is not None or node.get("aria-disabled") == "true"

    # -- text ---------------------------------------------------------------------------
    def text(self, node: Node) -> str:
        """Visible text of a node, whitespace collapsed (not lower-cased)."""
        el = self.element_for(node)
        if el is not None and el.text:
            return el.text[:MAX_TEXT]
        parts = []
        size = 0
        for chunk in node.itertext():
            parts.append(chunk)
            size += len(chunk)
            if size > MAX_TEXT * 4:
                break
        return " ".join(" ".join(parts).split())[:MAX_TEXT]

    def norm_text(self, node: Node) -> str:
        return normalise(self.text(node))

    def label(self, node: Node) -> str:
        """Accessible name: aria-label, aria-labelledby, <label>, title, value, alt, text."""
        el = self.element_for(node)
        if el is not None and el.label:
            return el.label
        for attr in ("aria-label", "title"):
            val = node.get(attr)
            if val and val.strip():
                return " ".join(val.split())
        labelledby = node.get("aria-labelledby")
        if labelledby:
            texts = []
            for ref in labelledby.split():
                found = self._by_id.get(ref)
                if found is not None:
                    texts.append(self.text(found))
            if any(texts):
                return " ".join(t for t in texts if t)
        if node.tag == "input" and (node.get("type") or "").lower() in ("button", "submit", "reset"):
            value = " ".join((node.get("value") or "").split())
            if value:
                return value
        if node.tag in ("input", "select", "textarea"):
            label_text = self._label_text(node)
            if label_text:
                return label_text
        if node.tag == "img":
            return node.get("alt") or ""
        return self.text(node)

    @cached_property
    def index(self) -> PageIndex:
        from companion.consent.platforms import signatures

        watch = set(signatures().classes) | set(getattr(self.styles, "watch_classes", ()))
        return build_index(self.root, frozenset(watch), self.markup)

    @property
    def _by_id(self) -> dict[str, Node]:
        return self.index.by_id

    @property
    def _labels_for(self) -> dict[str, Node]:
        return self.index.labels_for

    def _label_text(self, node: Node) -> str:
        node_id = node.get("id")
        if node_id and node_id in self._labels_for:
            return self.text(self._labels_for[node_id])
        for anc in node.iterancestors():
            if anc.tag == "label":
                return self.text(anc)
            if anc.tag in ("form", "body", "fieldset"):
                break
        # A checkbox followed by its text in the same container (common in forms).
        parent = node.getparent()
        if parent is not None:
            return self.text(parent)
        return ""

    # -- selectors ----------------------------------------------------------------------
    def selector(self, node: Node) -> str:
        el = self.element_for(node)
        if el is not None and el.selector:
            return el.selector
        return css_path(node)

    def release(self) -> None:
        """Drop everything the analysis cached on this page and its frames.

        The caches (text blocks, banner, index …) refer back to the page, so page and caches
        form cycles that only the cyclic collector could free; emptying them lets reference
        counting free a large page at once.
        """
        for sub in self.__dict__.get("frames", ()):
            sub.release()
        self.__dict__.clear()

    # -- shared analyses, computed once per page ----------------------------------------
    @cached_property
    def banner(self) -> Banner | None:
        from companion.consent.banner import locate_banner

        return locate_banner(self)

    @cached_property
    def trackers(self) -> TrackerReport:
        from companion.tracking.classify import classify_page

        return classify_page(self)


def css_path(node: Node) -> str:
    """A short, stable CSS selector for a node: an id if it has one, else a tag path."""
    parts: list[str] = []
    current: Node | None = node
    while current is not None and isinstance(current.tag, str):
        node_id = current.get("id")
        if node_id and " " not in node_id and len(node_id) < 80:
            parts.append(f"#{_css_ident(node_id)}")
            break
        tag = current.tag
        parent = current.getparent()
        if parent is None or tag in ("html", "body"):
            parts.append(tag)
            break
        position = 1 + sum(1 for _ in current.itersiblings(tag, preceding=True))
        unique = position == 1 and next(current.itersiblings(tag), None) is None
        parts.append(tag if unique else f"{tag}:nth-of-type({position})")
        current = parent
    return " > ".join(reversed(parts))


def _css_ident(value: str) -> str:
    out = []
    for i, ch in enumerate(value):
        if ch.isalnum() or ch in "-_" or ord(ch) > 127:
            if i == 0 and ch.isdigit():
                out.append(f"\\3{ch} ")
            else:
                out.append(ch)
        else:
            out.append("\\" + ch)
    return "".join(out)
