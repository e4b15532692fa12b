"""robots.txt rules (Protego) and sitemap.xml seeds for one site.

Both are fetched through a ``Fetcher``: in a crawl that is the browser itself, so
``--chrome-flags`` such as ``--host-resolver-rules`` and proxies apply to them exactly as
they apply to pages.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from lxml import etree
from protego import Protego

log = logging.getLogger("brightline.crawler.robots")

# url -> (status, body) or None when the fetch failed at the network level
Fetcher = Callable[[str], Awaitable[tuple[int, str] | None]]

USER_AGENT = "Brightline"
MAX_SITEMAPS = 20
MAX_SITEMAP_URLS = 5000


@dataclass
class Robots:
    """What robots.txt allows. ``ignored`` is the site owner's ``--ignore-robots``."""

    parser: Protego | None = None
    ignored: bool = False
    sitemaps: list[str] = field(default_factory=list)

    def allowed(self, url: str) -> bool:
        if self.ignored or self.parser is None:
            return True
        return bool(self.parser.can_fetch(url, USER_AGENT))

    def delay(self) -> float | None:
        if self.parser is None or self.ignored:
            return None
        value = self.parser.crawl_delay(USER_AGENT)
        return float(value) if value is not None else None

    @classmethod
    def parse(cls, text: str, *, ignored: bool = False) -> Robots:
        parser = Protego.parse(text)
        return cls(parser=parser, ignored=ignored, sitemaps=list(parser.sitemaps))


async def load_robots(origin: str, fetch: Fetcher, *, ignored: bool = False) -> Robots:
    """robots.txt of ``origin`` (``https://host[:port]``). A missing file allows everything.

    A 5xx answer means "temporarily disallow everything" per RFC 9309; we treat it as
    allow-all only when the owner passed ``--ignore-robots``.
    """
    result = await fetch(f"{origin}/robots.txt")
    if result is None:
        return Robots(ignored=ignored)
    status, body = result
    if 200 <= status < 300:
        return Robots.parse(body, ignored=ignored)
    if status >= 500:
        log.warning("robots.txt of %s answered %s: treating the site as disallowed", origin, status)
        return Robots.parse("User-agent: *\nDisallow: /\n", ignored=ignored)
    return Robots(ignored=ignored)


def parse_sitemap(body: str) -> tuple[list[str], list[str]]:
    """(page URLs, nested sitemap URLs) of a sitemap or sitemap index. Tolerates junk."""
    try:
        root = etree.fromstring(
            body.encode("utf-8"),
            parser=etree.XMLParser(recover=True, resolve_entities=False, no_network=True),
        )
    except etree.XMLSyntaxError:
        return [], []
    if root is None:
        return [], []
    pages: list[str] = []
    nested: list[str] = []
    kind = etree.QName(root).localname.lower()
    for loc in root.iter("{*}loc", "loc"):
        text = (loc.text or "").strip()
        if not text:
            continue
        parent = loc.getparent()
        parent_kind = etree.QName(parent).localname.lower() if parent is not None else ""
        if kind == "sitemapindex" or parent_kind == "sitemap":
            nested.append(text)
        else:
            pages.append(text)
    return pages, nested


async def sitemap_urls(start: list[str], fetch: Fetcher) -> list[str]:
    """Page URLs from sitemaps, following sitemap indexes (bounded, no cycles)."""
    queue = list(dict.fromkeys(start))
    seen: set[str] = set()
    pages: list[str] = []
    while queue and len(seen) < MAX_SITEMAPS and len(pages) < MAX_SITEMAP_URLS:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        result = await fetch(url)
        if result is None or not 200 <= result[0] < 300:
            continue
        found, nested = parse_sitemap(result[1])
        pages.extend(found)
        queue.extend(n for n in nested if n not in seen)
    return list(dict.fromkeys(pages))[:MAX_SITEMAP_URLS]
