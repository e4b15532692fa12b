"""Resource URLs a saved page names but a browser would never fetch.

Consent platforms block tags by rewriting them as ``<script type="text/plain"
data-cookieyes=…>`` until the person agrees, and pixels hide in ``<noscript>`` as a
fallback for browsers without JavaScript. A saved page still names those URLs, so a
static reading must not count them as requests: a tag the CMP blocked is the compliant
case, not a tracker.
"""

from __future__ import annotations

from lxml import etree

JS_TYPES = frozenset({
    "", "text/javascript", "application/javascript", "module", "text/ecmascript",
    "application/ecmascript", "text/jscript", "text/livescript", "application/x-javascript",
    "text/x-javascript",
})


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
