"""Locating the consent banner of a page (or of one of its frames) and its controls.

Known consent platforms are recognised by their markup signatures (``data/cmp.json``).
Unknown banners are found by heuristics: dialogs and fixed or sticky layers, containers
named like consent UI, and blocks whose own text speaks of cookies and consent, which
also hold a control that accepts, refuses or acknowledges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from lxml import etree

from companion.consent.banner_text import MAX_BANNER_TEXT, first_layer_text
from companion.consent.controls import CONTROL_XPATH, TOGGLE_XPATH, classify, classify_context, option_consents
from companion.consent.layers import acts_in_page, deictic, detached_layers, sentence_around
from companion.consent.platforms import Platform, signatures
from companion.lexicon import lexicon, normalise
from companion.sites import host_of

if TYPE_CHECKING:
    from companion.page import Node, Page

ROLES = ("accept", "reject", "settings", "acknowledge", "other")

MAX_TEXT_BLOCKS = 40
# How a banner with no telltale markup names cookies: "cookie" in most languages, and the
# French "traceurs", Swedish "kakor", Norwegian "informasjonskapsler", Finnish "evästeet",
# Hungarian "sütik", Polish "ciasteczka", Czech "sušenky" and Greek "μπισκότα".
_COOKIE_STEMS = ("cookie", "traceurs", "kakor", "informasjonskaps", "eväste", "süti", "ciastecz", "sušenk", "μπισκ")


def _contains_stem(stem: str) -> str:
    letters = "".join(sorted(set(stem)))
    return f"contains(translate(., '{letters.upper()}', '{letters}'), '{stem}')"


_COOKIE_TEXT = etree.XPath(f"//text()[{' or '.join(_contains_stem(s) for s in _COOKIE_STEMS)}]/..")
_CONTENT_TAGS = {"html", "body", "main", "article", "head"}
_CONTENT_INSIDE = etree.XPath("boolean(.//main | .//article)")
_PRESSED = etree.XPath(".//*[@aria-pressed='true' or @aria-pressed='false'][not(@role='switch' or @role='checkbox')]")


@dataclass
class Control:
    """A clickable control inside the banner and the role it plays."""

    node: Node
    role: str
    text: str
    kind: str  # "button" or "link"
    first_layer: bool
    category: str = ""  # the lexicon category: "save" tells "save my choices" from "settings"
    page: Page | None = field(default=None, repr=False, compare=False)

    @property
    def selector(self) -> str:
        return self.page.selector(self.node) if self.page is not None else ""


@dataclass
class Toggle:
    """A checkbox or switch inside the banner (purposes, vendors, legitimate interest)."""

    node: Node
    label: str
    checked: bool
    disabled: bool
    first_layer: bool
    necessary: bool = False
    page: Page | None = field(default=None, repr=False, compare=False)

    @property
    def selector(self) -> str:
        return self.page.selector(self.node) if self.page is not None else ""


@dataclass
class Banner:
    page: Page
    root: Node
    selector: str
    platform: str | None
    text: str  # normalised (lower-case) visible text of the first layer
    controls: list[Control] = field(default_factory=list)
    toggles: list[Toggle] = field(default_factory=list)
    frame: str | None = None  # origin of the frame the banner lives in, if not the top page
    method: str = "signature"  # "signature" or "heuristic"
    score: float = 0.0

    def first_layer(self, role: str | None = None) -> list[Control]:
        return [c for c in self.controls if c.first_layer and (role is None or c.role == role)]

    def any_layer(self, role: str) -> list[Control]:
        return [c for c in self.controls if c.role == role]

    def summary(self) -> dict[str, Any]:
        return {
            "platform": self.platform,
            "selector": self.selector,
            "frame": self.frame,
            "method": self.method,
            "controls": [
                {"role": c.role, "text": c.text, "kind": c.kind, "selector": c.selector,
                 "first_layer": c.first_layer}
                for c in self.controls
            ],
            "toggles": [
                {"label": t.label, "checked": t.checked, "disabled": t.disabled,
                 "selector": t.selector, "first_layer": t.first_layer}
                for t in self.toggles
            ],
        }


def locate_banner(page: Page) -> Banner | None:
    """The page's consent banner: the best candidate in the page or any of its frames."""
    best = _locate_in(page, frame=None)
    for sub in page.frames:
        found = _locate_in(sub, frame=sub.frame_origin or sub.url)
        if found is not None and (best is None or _rank(found) > _rank(best)):
            best = found
    if best is not None and best.platform is None and best.frame is not None:
        best.platform = _platform_hosting_frames(page)
    if best is not None and best.platform is None:
        best.platform = _platform_from_requests(page)
    return best


def _rank(banner: Banner) -> tuple[bool, float]:
    """A banner that offers a choice beats a marked element that offers none: a platform's
    frame host or its "cookie preferences" link holder in the page, when the banner itself
    was saved in a frame (``<iframe srcdoc>``)."""
    decisive = {c.role for c in banner.first_layer()} & {"accept", "reject", "acknowledge"}
    return bool(decisive), banner.score


def _platform_hosting_frames(page: Page) -> str | None:
    """The platform whose marked container holds the page's frames, if only one does: a
    consent frame saved inline (``about:srcdoc``) has no host of its own to name it."""
    sig = signatures()
    named = set()
    for frame in page.root.iter("iframe", "frame"):
        for node in frame.iterancestors():
            platform = sig.platform_of(node)
            if platform is not None:
                named.add(platform.name)
                break
    return named.pop() if len(named) == 1 else None


def _platform_from_requests(page: Page) -> str | None:
    """The platform whose script host or own files the page loads (a platform's host
    before a file name). A large page names thousands of images: hosts are judged once
    each, and only scripts, style sheets and frames are searched for a platform's files."""
    sig = signatures()
    frames = [f.url for f in page.snapshot.frames]
    urls = [r.url for r in page.snapshot.requests] + frames
    hosts = {m.group(1).lower() for m in map(_URL_HOST.match, urls) if m is not None}
    for host in sorted(hosts):
        platform = sig.platform_for_host(host)
        if platform is not None:
            return platform.name
    code = [r.url for r in page.snapshot.requests if r.type not in _NOT_CODE] + frames
    found = sig.platform_for_files(code)
    return found.name if found is not None else None


_URL_HOST = re.compile(r"[a-zA-Z][\w+.-]*://(?:[^/?#@]*@)?([^/?#:]+)")
_NOT_CODE = frozenset({"image", "imageset", "media", "font", "ping", "beacon", "xhr", "xmlhttprequest", "fetch"})


def _candidates(page: Page) -> dict[Node, str | None]:
    """Candidate banner roots mapped to the platform that marks them (None: heuristic)."""
    sig = signatures()
    found: dict[Node, str | None] = {}
    root = page.root
    index = page.index
    for node in sig.candidates(index, root, page.markup):
        if node not in found:
            platform = sig.platform_of(node)
            if platform is not None:
                found[node] = platform.name
    for node in index.dialogs + index.consent_named:
        found.setdefault(node, None)
    for node in _layered_nodes(page):
        found.setdefault(node, None)
    if page.frame_origin:
        frame_platform = sig.platform_for_host(host_of(page.url))
        if frame_platform is not None:
            body = root.find("body")
            if body is not None:
                found.setdefault(body, frame_platform.name)
                found[body] = frame_platform.name
    return found


def _layered_nodes(page: Page) -> list[Node]:
    """Fixed or sticky elements: measured ones from the snapshot, or from the page's CSS."""
    nodes: list[Node] = []
    for el in page.elements:
        if el.style is not None and el.style.position in ("fixed", "sticky"):
            node = page.node_for(el.idx)
            if node is not None:
                nodes.append(node)
    fixed = getattr(page.styles, "fixed_nodes", None)
    if fixed is not None:
        nodes.extend(fixed(page.index))
    return nodes


def _cookie_text_blocks(page: Page) -> list[Node]:
    """For banners with no telltale markup: the nearest block around cookie wording that
    also holds a control."""
    blocks: list[Node] = []
    seen: set[Node] = set()
    for parent in _COOKIE_TEXT(page.root)[:MAX_TEXT_BLOCKS]:
        node = parent
        for _ in range(6):
            if node is None or node.tag in _CONTENT_TAGS:
                break
            if node in seen:
                break
            if CONTROL_XPATH(node):
                seen.add(node)
                blocks.append(node)
                break
            node = node.getparent()
    return blocks


def _locate_in(page: Page, frame: str | None) -> Banner | None:
    accepted: list[Banner] = []
    for node, platform in _candidates(page).items():
        banner = _evaluate(page, node, platform, frame)
        if banner is not None:
            accepted.append(banner)
    if not accepted:
        # Banners with no telltale markup or layering: look around cookie wording.
        for node in _cookie_text_blocks(page):
            banner = _evaluate(page, node, None, frame)
            if banner is not None:
                accepted.append(banner)
    if not accepted:
        return None
    # Keep outermost accepted candidates: a platform container holds banner and settings layer.
    roots = {b.root for b in accepted}
    outermost = [b for b in accepted if not any(a in roots for a in b.root.iterancestors())]
    best = max(outermost, key=lambda b: b.score)
    if best.platform is None:
        _adopt_inner_platform(page, best, accepted)
    best.selector = page.selector(best.root)
    best.toggles = toggles_in(page, best.root)
    if best.platform is not None:
        _add_hidden_layers(page, best)
    _add_detached_layers(page, best)
    return best


def _add_detached_layers(page: Page, banner: Banner) -> None:
    """A settings layer opened apart from the banner (a sibling modal over the page) holds
    the banner's switches and its "Save": behind the first layer, wherever it sits."""
    index = page.index
    candidates = [*index.dialogs, *index.consent_named, *_layered_nodes(page)]
    platform = signatures().named(banner.platform) if banner.platform else None
    for layer in detached_layers(page, banner.root, banner.platform, candidates):
        for control in _controls(page, layer, platform):
            control.first_layer = False
            banner.controls.append(control)
        banner.toggles.extend(toggles_in(page, layer))


def _adopt_inner_platform(page: Page, banner: Banner, accepted: list[Banner]) -> None:
    """A site's own wrapper (a backdrop, a modal shell) around a platform's banner is that
    platform's banner: name it and read its controls with the platform's hints."""
    inner = [b for b in accepted if b.platform and banner.root in b.root.iterancestors()]
    platform = max(inner, key=lambda b: b.score).platform if inner else _sibling_platform(banner.root)
    if platform is None:
        return
    banner.platform = platform
    banner.method = "signature"
    banner.controls = _controls(page, banner.root, signatures().named(platform))


def _sibling_platform(root: Node) -> str | None:
    """A notice bar inserted next to its platform's own marked layer (the library appends
    both in one wrapper) is that platform's banner."""
    parent = root.getparent()
    if parent is None or parent.tag in ("html", "body"):
        return None
    sig = signatures()
    for sibling in parent:
        if sibling is not root and isinstance(sibling.tag, str):
            platform = sig.platform_of(sibling)
            if platform is not None:
                return platform.name
    return None


def _add_hidden_layers(page: Page, banner: Banner) -> None:
    """Settings layers that a platform renders apart from its banner (a sibling modal that
    is hidden until "settings" is clicked) belong to the banner: their toggles and their
    refusals count as behind the first layer."""
    platform = signatures().named(banner.platform) if banner.platform else None
    for layer in _hidden_platform_layers(page, banner):
        banner.controls.extend(_controls(page, layer, platform))
        banner.toggles.extend(toggles_in(page, layer))


def _hidden_platform_layers(page: Page, banner: Banner) -> list[Node]:
    sig = signatures()
    layers: list[Node] = []
    for node in sig.candidates(page.index, page.root, page.markup):
        if node in layers or node is banner.root or page.visible(node):
            continue
        platform = sig.platform_of(node)
        if platform is None or platform.name != banner.platform:
            continue
        if banner.root in node.iterancestors() or node in banner.root.iterancestors():
            continue
        layers.append(node)
    found = set(layers)
    return [n for n in layers if not any(a in found for a in n.iterancestors())]


def _evaluate(page: Page, node: Node, platform: str | None, frame: str | None) -> Banner | None:
    if not isinstance(node.tag, str) or node.tag in _CONTENT_TAGS and not (platform and frame):
        return None
    if not page.visible(node):
        return None
    text, prose = first_layer_text(page, node)
    if platform is None:
        if len(text) > MAX_BANNER_TEXT or _CONTENT_INSIDE(node):
            return None
    lx = lexicon("controls")
    # What the block itself says counts; a "Privacy & cookies" link in the footnote of a
    # login, newsletter or age-gate modal is only a hint.
    cookie_word = lx.search("cookie_word", prose) is not None
    vocabulary = {m.group(0) for m in lx.find_all("consent_vocabulary", prose[:4000])}
    if not cookie_word and lx.search("cookie_word", text) is not None:
        vocabulary.add("a link to a page about cookies")
    if platform is None and not cookie_word and len(vocabulary) < 2:
        return None
    if platform is None and not vocabulary and lx.search("baked_cookie", prose) is not None:
        return None  # "Join the Cookie Club: 15% off your first box of cookies"
    controls = _controls(page, node, signatures().named(platform) if platform else None)
    first_roles = {c.role for c in controls if c.first_layer}
    decisive = first_roles & {"accept", "reject", "acknowledge"}
    if platform is None:
        if not decisive or (not vocabulary and not _offers_agreement(controls)):
            return None
        if not cookie_word and "accept" not in first_roles:
            return None
    elif not controls and not text:
        return None
    score = (
        (10 if platform else 0)
        + (3 if _is_layered(page, node) else 0)
        + (2 if cookie_word else 0)
        + min(len(vocabulary), 4)
        + len(decisive) * 2
        + (1 if "settings" in first_roles else 0)
    )
    return Banner(
        page=page,
        root=node,
        selector="",
        platform=platform,
        text=text,
        controls=controls,
        frame=frame,
        method="signature" if platform else "heuristic",
        score=score,
    )


def _offers_agreement(controls: list[Control]) -> bool:
    """A way to agree ("Accept", "OK"), not just a close × or a "No thanks". A promotion
    bar or a newsletter pop-up about (edible) cookies has those too, so without the
    language of consent a block needs a way to agree to count as a consent banner."""
    return any(c.first_layer and (c.role == "accept" or (c.role == "acknowledge" and c.category != "close"))
               for c in controls)


def _is_layered(page: Page, node: Node) -> bool:
    if node.tag == "dialog" or node.get("role") in ("dialog", "alertdialog"):
        return True
    if node.get("aria-modal") == "true":
        return True
    style = page.style(node)
    return bool(style and style.position in ("fixed", "sticky"))


def _controls(page: Page, root: Node, platform: Platform | None = None) -> list[Control]:
    controls: list[Control] = []
    nodes = CONTROL_XPATH(root)
    node_set = set(nodes)
    for node in nodes:
        if any(anc in node_set for anc in node.iterancestors()):
            continue  # a span inside a button is the button
        text = page.text(node) or page.label(node)
        if node.tag == "input":
            text = node.get("value") or page.label(node)
        role, category = classify(text)
        if node.get("role") == "tab" and role != "settings":
            role, category = "other", ""  # a tab named "Consent" shows a page of the banner
        elif role == "other" and text != page.label(node):
            role, category = classify(page.label(node))
        if role == "other" and platform is not None:
            hinted = platform.role_of(node)
            if hinted is not None:
                role, category = hinted, hinted
        if role == "other" and deictic(text) and acts_in_page(node):
            role, category = classify_context(sentence_around(node))
        kind = "link" if node.tag == "a" and node.get("role") != "button" else "button"
        controls.append(
            Control(
                node=node,
                role=role,
                text=" ".join(text.split())[:120],
                kind=kind,
                first_layer=page.visible(node),
                category=category,
                page=page,
            )
        )
    return controls


def _toggle_nodes(page: Page, root: Node) -> list[Node]:
    """Checkboxes and switches, and toggle buttons (``aria-pressed``) named after a purpose
    rather than an action: platforms mark their "Accept" buttons ``aria-pressed`` too."""
    nodes = list(TOGGLE_XPATH(root))
    known = set(nodes)
    for node in _PRESSED(root):
        if node not in known and classify(page.text(node) or page.label(node))[0] == "other":
            nodes.append(node)
    return nodes


def toggles_in(page: Page, root: Node) -> list[Toggle]:
    """The purpose toggles under ``root``. A radio button counts as on only when it is the
    option that consents ("Sì" of "Sì / No"): a checked "No" is a choice left off."""
    toggles: list[Toggle] = []
    lx = lexicon("controls")
    for node in _toggle_nodes(page, root):
        checked = bool(page.checked(node))
        label = page.label(node)
        if checked and node.tag == "input" and (node.get("type") or "").lower() == "radio":
            checked = option_consents(node.get("value"), label)
        toggles.append(
            Toggle(
                node=node,
                label=" ".join(label.split())[:160],
                checked=checked,
                disabled=page.disabled(node),
                first_layer=page.visible(node),
                necessary=lx.search("necessary", normalise(label)) is not None,
                page=page,
            )
        )
    return toggles
