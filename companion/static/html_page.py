"""A saved HTML page as a snapshot: the markup, resource requests it names, and its CSS."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4.dammit import EncodingDetector
from lxml import etree

from companion.models import Frame, Request, Snapshot, Viewport
from companion.page import parse_html
from companion.static.mhtml import Archive, looks_like_mhtml, read_mhtml
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
    """A saved page (HTML, or a web archive as Chrome's "Single File" writes) ready to analyse.

    Frames whose document the file holds (``<iframe srcdoc>``, an archive's frame parts) are
    analysed as the page's frames, each with its own CSS."""
    archive = read_mhtml(data, str(path or "-")) if looks_like_mhtml(data) else None
    if archive is not None:
        data = archive.page.html
        url = url or (archive.page.url if archive.page.url.startswith(("http://", "https://")) else None)
    markup = decode_html(data)
    root = parse_html(markup)
    declare_shadow_roots(root)
    target = page_url(root, url, path)
    base = _base(root, target)
    title = " ".join("".join(root.xpath("//title//text()")).split())
    css = own_css(root)
    if archive is not None:
        css.extend(_archived_css(root, base, archive))
    elif path is not None:
        css.extend(_linked_local_css(root, path))
    frames = list(_frames(root, base, archive))
    requests = list(_requests(root, base))
    if frames:
        requests = _unique([*requests, *(r for f in frames for r in _requests(*f))])
    snapshot = Snapshot(
        url=target,
        source="file",
        phase="initial",
        title=title[:500],
        viewport=viewport or Viewport(),
        requests=requests,
        frames=[_frame(frame_root, frame_url, target) for frame_root, frame_url in frames],
    )
    return HtmlPage(snapshot=snapshot, root=root, markup=markup,
                    styles=StaticStyles(root, css, snapshot.viewport))


def own_css(root: etree._Element) -> list[str]:
    """The text of a document's ``<style>`` elements, in order."""
    return ["".join(node.itertext()) for node in root.iter("style")]


def declare_shadow_roots(root: etree._Element) -> None:
    """Name every declarative shadow root ``shadowrootmode``, as browsers do today: older
    Chrome wrote ``shadowroot``, and its web archives ``shadowmode``."""
    for template in root.iter("template"):
        if template.get("shadowrootmode") is None:
            mode = template.get("shadowroot") or template.get("shadowmode")
            if mode:
                template.set("shadowrootmode", mode)


def _base(root: etree._Element, target: str) -> str:
    base_href = root.xpath("//base/@href")
    return urljoin(target, str(base_href[0])) if base_href else target


def _frames(root: etree._Element, base: str, archive: Archive | None) -> Iterator[tuple[etree._Element, str]]:
    """Each frame whose document the file holds, parsed, with its URL (``about:srcdoc`` for
    an inline one). A frame in an archive gets its archived stylesheets inlined."""
    for node in root.iter("iframe", "frame"):
        if inert_context(node):
            continue
        srcdoc = node.get("srcdoc")
        if srcdoc and srcdoc.strip():
            frame_root = parse_html(srcdoc)
            declare_shadow_roots(frame_root)
            yield frame_root, "about:srcdoc"
            continue
        if archive is None:
            continue
        src = (node.get("src") or "").strip()
        doc = archive.documents.get(src) or archive.documents.get(urljoin(base, src) if src else "")
        if doc is None:
            continue
        frame_root = parse_html(decode_html(doc.html))
        declare_shadow_roots(frame_root)
        frame_url = doc.url if doc.url.startswith(("http://", "https://")) else urljoin(base, src)
        for text in _archived_css(frame_root, _base(frame_root, frame_url), archive):
            style = etree.SubElement(frame_root, "style")
            style.text = text
        yield frame_root, frame_url


def _frame(root: etree._Element, url: str, parent_url: str) -> Frame:
    origin = _origin(parent_url if url == "about:srcdoc" else url)  # an inline frame is its parent's
    dom = etree.tostring(root, encoding="unicode", method="html")
    return Frame(url=url, origin=origin, dom=dom, cross_origin=origin != _origin(parent_url))


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme in ("http", "https") else ""


def _archived_css(root: etree._Element, base: str, archive: Archive) -> list[str]:
    """The stylesheets a document links to, from the archive, in document order."""
    texts = []
    for link in root.iter("link"):
        href = (link.get("href") or "").strip()
        if href and "stylesheet" in (link.get("rel") or "").lower():
            text = archive.stylesheets.get(href) or archive.stylesheets.get(urljoin(base, href))
            if text:
                texts.append(text)
    return texts


def _unique(requests: list[Request]) -> list[Request]:
    seen: set[str] = set()
    return [r for r in requests if not (r.url in seen or seen.add(r.url))]


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
    origin = _origin(base)
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
