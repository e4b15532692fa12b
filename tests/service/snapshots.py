"""Snapshot builders for the service tests and the load benchmark.

``realistic_snapshot`` looks like what the collector sends for an ordinary shop page with
a consent banner: a few hundred recorded elements, a few hundred requests (first party and
well-known trackers), cookies without values. The hostile builders produce what a broken
or malicious page could send.
"""

from __future__ import annotations

import json
from typing import Any

from companion.models import SNAPSHOT_SCHEMA

TRACKER_HOSTS = (
    "www.google-analytics.com", "stats.g.doubleclick.net", "connect.facebook.net",
    "static.criteo.net", "bat.bing.com", "snap.licdn.com", "cdn.taboola.com",
    "pixel.quantserve.com", "sb.scorecardresearch.com", "ib.adnxs.com",
)


def _style(**extra: Any) -> dict[str, Any]:
    base = {"color": "rgb(20, 20, 20)", "background_color": "rgba(0, 0, 0, 0)",
            "effective_background": "rgb(255, 255, 255)", "font_size": 16.0,
            "font_weight": 400, "opacity": 1.0, "position": "static", "display": "block"}
    base.update(extra)
    return base


def realistic_snapshot(
    url: str = "https://www.shop.example/products?ref=mail",
    *, elements: int = 300, requests: int = 200, phase: str = "initial",
) -> dict[str, Any]:
    body: list[str] = []
    els: list[dict[str, Any]] = []

    def add(tag: str, text: str, html_attrs: str = "", **fields: Any) -> None:
        idx = len(els)
        y = 80 + idx * 24
        els.append({"idx": idx, "tag": tag, "text": text, "selector": f"#e{idx}",
                    "box": {"x": 40, "y": y, "width": 200, "height": 20},
                    "style": _style(), **fields})
        body.append(f'<{tag} id="e{idx}" data-bl-idx="{idx}" {html_attrs}>{text}</{tag}>')

    for i in range(elements - 8):
        kind = i % 5
        if kind == 0:
            add("a", f"Category {i}", f'href="/c/{i}"', href=f"/c/{i}")
        elif kind == 1:
            add("button", "Add to basket")
        elif kind == 2:
            add("p", f"Product {i}: a sturdy thing for everyday use, free returns.")
        elif kind == 3:
            add("span", "Only 2 left in stock" if i % 20 == 3 else f"€{i}.99")
        else:
            add("h3", f"Product {i}")
    body.append('<div id="consent" class="cookie-banner" role="dialog" aria-label="Cookies">')
    add("p", "We and our 842 partners use cookies to personalise ads. By continuing to "
        "browse you accept our use of cookies.")
    add("button", "Accept all", 'class="accept"',
        style=_style(background_color="rgb(26, 86, 219)", color="rgb(255,255,255)",
                     font_weight=700, padding=[12.0, 24.0, 12.0, 24.0]))
    add("a", "Settings", 'href="#settings"', href="#settings",
        style=_style(color="rgb(160,160,160)", font_size=11.0))
    for purpose in ("Personalised ads", "Measurement", "Legitimate interest: profiling"):
        add("input", "", 'type="checkbox" checked', type="checkbox", checked=True,
            label=purpose)
    add("label", "Share my details with partners")
    body.append("</div>")
    dom = ("<!doctype html><html><head><title>Shop</title></head><body>"
           + "\n".join(body) + "</body></html>")
    reqs = []
    for i in range(requests):
        if i % 4 == 0:
            host = TRACKER_HOSTS[(i // 4) % len(TRACKER_HOSTS)]
            reqs.append({"url": f"https://{host}/collect?v=1&tid=UA-{i}", "type": "image",
                         "time_ms": 200.0 + i})
        else:
            reqs.append({"url": f"https://www.shop.example/static/asset{i}.js",
                         "type": "script", "time_ms": 10.0 + i})
    cookies = [
        {"name": "_ga", "domain": ".shop.example", "value_length": 26, "entropy": 3.9,
         "expires": 1_900_000_000.0},
        {"name": "_fbp", "domain": ".shop.example", "value_length": 30, "entropy": 4.1},
        {"name": "IDE", "domain": ".doubleclick.net", "value_length": 60, "entropy": 5.2},
        {"name": "session", "domain": "www.shop.example", "value_length": 32, "entropy": 4.8,
         "session": True, "http_only": True},
    ]
    return {"schema": SNAPSHOT_SCHEMA, "url": url, "source": "extension", "phase": phase,
            "title": "Shop", "dom": dom, "elements": els, "requests": reqs,
            "cookies": cookies, "storage": [{"key": "uid", "value_length": 36, "entropy": 4.5}]}


def encode(obj: Any) -> bytes:
    return json.dumps(obj).encode()


# -- hostile input ---------------------------------------------------------------------
def deep_dom(depth: int = 100_000) -> dict[str, Any]:
    return {"url": "https://deep.example/", "dom": "<div>" * depth + "x" + "</div>" * depth}


def many_elements(n: int = 100_000) -> dict[str, Any]:
    dom = "<html><body>" + "".join(
        f'<button data-bl-idx="{i}">Accept {i}</button>' for i in range(n)) + "</body></html>"
    return {"url": "https://many.example/", "dom": dom,
            "elements": [{"idx": i, "tag": "button", "text": f"Accept {i}"} for i in range(n)]}


def huge_strings(size: int = 5_000_000) -> dict[str, Any]:
    blob = "accept " * (size // 7)
    return {"url": "https://huge.example/" + "a" * 10_000, "title": blob[:100_000],
            "dom": f"<html><body><p>{blob}</p></body></html>",
            "elements": [{"idx": 0, "tag": "p", "text": blob, "selector": "p" * 50_000}]}
