"""A saved HTML page as a snapshot: the markup, resource requests it names, and its CSS."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4.dammit import EncodingDetector
from lxml import etree

from companion.models import Request, Snapshot, Viewport
from companion.page import parse_html
from companion.static.styles import StaticStyles
from companion.tracking.inert import inert_context

MAX_LINKED_CSS = 2 * 1024 * 1024

# tag -> (attribute, request type): what a browser would fetch while loading the page.
_RESOURCES = {
    "script": ("src", "script"),
    "img": ("src", "image"),
    "iframe": ("src", "subdocument"),
    "frame": ("src", "subdocument"),
    "source": ("src", "media"),
    "video": ("src", "media"),
    "audio": ("src", "media"),
    "embed": ("src", "media"),
    "track": ("src", "media"),
    "object": ("data", "object"),
}


@dataclass
class HtmlPage:
    snapshot: Snapshot
    root: etree._Element
    styles: StaticStyles
    markup: str


def decode_html(data: bytes) -> str:
    """Decode with the page's declared encoding (BOM, meta charset), else UTF-8, else cp1252."""
    declared = EncodingDetector.find_declared_encoding(data[:4096], is_html=True)
    for encoding in (declared, "utf-8", "cp1252"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return data.decode("utf-8", errors="replace")


def page_url(root: etree._Element, given: str | None, path: Path | None) -> str:
    if given:
        return given
    for xpath in ("//link[@rel='canonical']/@href", "//meta[@property='og:url']/@content"):
        found = root.xpath(xpath)
        if found and urlsplit(str(found[0])).scheme in ("http", "https"):
            return str(found[0])
    return path.resolve().as_uri() if path else "file:///page.html"


def load_html(
    data: bytes, *, url: str | None = None, path: Path | None = None,
    viewport: Viewport | None = None,
) -> HtmlPage:
    markup = decode_html(data)
    root = parse_html(markup)
    target = page_url(root, url, path)
    base_href = root.xpath("//base/@href")
    base = urljoin(target, str(base_href[0])) if base_href else target
    requests = list(_requests(root, base))
    title = " ".join("".join(root.xpath("//title//text()")).split())
    css = ["".join(node.itertext()) for node in root.iter("style")]
    if path is not None:
        css.extend(_linked_local_css(root, path))
    snapshot = Snapshot(
        url=target,
        source="file",
        phase="initial",
        title=title[:500],
        viewport=viewport or Viewport(),
        requests=requests,
    )
    return HtmlPage(snapshot=snapshot, root=root, markup=markup,
                    styles=StaticStyles(root, css, snapshot.viewport))


def _absolute(raw: str, base: str, origin: str, scheme: str) -> str | None:
    if raw.startswith(("https://", "http://")):
        return raw
    if raw.startswith("//"):
        return f"{scheme}:{raw}"
    if raw.startswith("/") and origin:
        return origin + raw
    try:
        return urljoin(base, raw)
    except ValueError:
        return None


def _requests(root: etree._Element, base: str):
    seen: set[str] = set()
    parts = urlsplit(base)
    origin = f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""
    for node in root.iter(*_RESOURCES, "link", "input"):
        tag = node.tag
        if tag == "link":
            rel = (node.get("rel") or "").lower()
            attr, kind = "href", "stylesheet" if "stylesheet" in rel else "other"
            if kind == "other" and "preload" not in rel and "prefetch" not in rel:
                continue
        elif tag == "input":
            if (node.get("type") or "").lower() != "image":
                continue
            attr, kind = "src", "image"
        else:
            attr, kind = _RESOURCES[tag]
        if inert_context(node):
            continue  # blocked by a consent platform, or in <noscript>: never fetched
        raw = (node.get(attr) or "").strip()
        if not raw or raw.startswith(("data:", "javascript:", "about:", "#", "blob:")):
            continue
        absolute = _absolute(raw, base, origin, parts.scheme or "https")
        if absolute is None or not absolute.startswith(("https://", "http://")) or absolute in seen:
            continue
        seen.add(absolute)
        yield Request(url=absolute, type=kind)


def _linked_local_css(root: etree._Element, path: Path) -> list[str]:
    """Stylesheets saved next to the page ("Save page as… complete")."""
    texts = []
    folder = path.resolve().parent
    for link in root.iter("link"):
        href = link.get("href") or ""
        if "stylesheet" not in (link.get("rel") or "").lower() or not href:
            continue
        if urlsplit(href).scheme or href.startswith("//"):
            continue
        candidate = (folder / href.split("?")[0]).resolve()
        if folder in candidate.parents and candidate.is_file() and candidate.stat().st_size <= MAX_LINKED_CSS:
            texts.append(candidate.read_text(encoding="utf-8", errors="replace"))
    return texts
