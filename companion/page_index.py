"""One pass over a parsed document that indexes what detectors look up repeatedly.

On a large page a Python walk that reads a few attributes costs less than even one XPath
with several predicates, so ids, dialogs, consent-named containers and elements carrying
"watched" classes (consent-platform signatures, classes the page's CSS makes fixed) are
collected here once.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from lxml import etree

Node = etree._Element

_CONSENT_WORDS = r"cookie|consent|gdpr|privacy-banner|cmp"
_CONSENT_NAME = re.compile(_CONSENT_WORDS, re.I)
_DIALOG_ROLES = {"dialog", "alertdialog"}


@dataclass
class PageIndex:
    by_id: dict[str, Node] = field(default_factory=dict)
    watched: dict[str, list[Node]] = field(default_factory=lambda: defaultdict(list))
    dialogs: list[Node] = field(default_factory=list)
    consent_named: list[Node] = field(default_factory=list)
    labels_for: dict[str, Node] = field(default_factory=dict)
    elements: int = 0
    inline_layered: list[Node] = field(default_factory=list)  # style="position: fixed|sticky"

    def with_class(self, name: str) -> list[Node]:
        """Elements carrying a watched class (only classes given to ``build_index``)."""
        return self.watched.get(name, [])


def build_index(
    root: Node, watch_classes: frozenset[str] | set[str] = frozenset(), markup: str | None = None
) -> PageIndex:
    """Index ``root``. ``markup``, the source text when known, lets rare checks be skipped."""
    index = PageIndex()
    want_style = markup is None or "fixed" in markup or "sticky" in markup
    want_dialog = markup is None or "dialog" in markup or "aria-modal" in markup
    want_labels = markup is None or "<label" in markup
    by_id = index.by_id
    watched = index.watched
    dialogs = index.dialogs
    named = index.consent_named
    watched_words = (re.escape(c) for c in sorted(watch_classes, key=len, reverse=True))
    alternatives = [_CONSENT_WORDS, *watched_words]
    prefilter = re.compile("|".join(alternatives), re.I)
    count = 0
    get = etree._Element.get
    # A page repeats its class attributes ("product-card" on every card): the long
    # prefilter alternation runs once per distinct value.
    seen_classes: dict[str, bool] = {}
    for el in root.iter(etree.Element):
        count += 1
        el_id = get(el, "id")
        cls = get(el, "class")
        if el_id:
            by_id.setdefault(el_id, el)
            if prefilter.search(el_id):
                if _CONSENT_NAME.search(el_id):
                    named.append(el)
        if cls:
            hit = seen_classes.get(cls)
            if hit is None:
                hit = seen_classes[cls] = prefilter.search(cls) is not None
            if hit:
                for token in cls.split():
                    if token in watch_classes:
                        watched[token].append(el)
                if _CONSENT_NAME.search(cls) and (not named or named[-1] is not el):
                    named.append(el)
        if want_style:
            style = get(el, "style")
            if style and ("fixed" in style or "sticky" in style):
                index.inline_layered.append(el)
        if want_dialog and (el.tag == "dialog" or get(el, "aria-modal") == "true"
                            or get(el, "role") in _DIALOG_ROLES):
            dialogs.append(el)
        elif want_labels and el.tag == "label":
            target = get(el, "for")
            if target:
                index.labels_for.setdefault(target, el)
    index.elements = count
    return index
