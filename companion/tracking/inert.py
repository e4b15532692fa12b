"""Resource URLs a saved page names but a browser would never fetch.

Consent platforms block tags by rewriting them as ``<script type="text/plain"
data-cookieyes=…>`` until the person agrees, and pixels hide in ``<noscript>`` as a
fallback for browsers without JavaScript. A saved page still names those URLs, so a
static reading must not count them as requests: a tag the CMP blocked is the compliant
case, not a tracker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin

from lxml import etree

if TYPE_CHECKING:
    from companion.page import Page

JS_TYPES = frozenset({
    "", "text/javascript", "application/javascript", "module", "text/ecmascript",
    "application/ecmascript", "text/jscript", "text/livescript", "application/x-javascript",
    "text/x-javascript",
})
_URL_ATTRS = (("script", "src"), ("img", "src"), ("iframe", "src"), ("link", "href"),
              ("source", "src"), ("embed", "src"), ("object", "data"), ("input", "src"))


def inert_context(node: etree._Element) -> bool:
    """Inside a blocked script, ``<noscript>`` or a plain ``<template>``: never fetched."""
    if node.tag == "script" and (node.get("type") or "").strip().lower() not in JS_TYPES:
        return True
    for anc in node.iterancestors():
        if anc.tag == "noscript":
            return True
        if anc.tag == "template" and anc.get("shadowrootmode") is None \
                and anc.get("shadowroot") is None:
            return True
    return False


def inert_urls(page: Page) -> set[str]:
    """Absolute URLs that appear in the DOM only inside blocked scripts, noscript or templates."""
    inert: set[str] = set()
    live: set[str] = set()
    base = page.url
    tags = {tag for tag, _ in _URL_ATTRS}
    attrs = dict(_URL_ATTRS)
    root: Any = page.root
    for node in root.iter(*tags):
        raw = (node.get(attrs[node.tag]) or "").strip()
        if not raw or raw.startswith(("data:", "javascript:", "blob:", "#")):
            continue
        try:
            url = urljoin(base, raw)
        except ValueError:
            continue
        (inert if inert_context(node) else live).add(url)
    return inert - live
