"""The frontier: which URLs the crawl visits, in what order, and how politely.

A URL is queued when it normalises, names a page (not an image or archive), is on the
start URL's registrable domain, passes ``--allow``/``--deny``, is allowed by robots.txt,
is not a trap, is within ``--max-depth``, and has not been seen. Pages are handed out
breadth first until ``--max-pages`` have been started. The order and the seen-set live
in ``CrawlState`` so ``--resume`` picks up where a crawl stopped.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from companion.sites import host_of, site_of
from crawler import urls
from crawler.robots import Robots
from crawler.state import ACTIVE, DONE, FAILED, QUEUED, SKIPPED, CrawlState

CALENDAR_CAP = 5  # pages per calendar template (see urls.template)


@dataclass
class Scope:
    """The site being audited, plus the user's allow and deny patterns (regexes on the URL)."""

    site: str
    allow: list[re.Pattern[str]] = field(default_factory=list)
    deny: list[re.Pattern[str]] = field(default_factory=list)

    @classmethod
    def for_url(cls, start: str, allow: Iterable[str] = (), deny: Iterable[str] = ()) -> Scope:
        return cls(site_of(start), [re.compile(p) for p in allow], [re.compile(p) for p in deny])

    def reason_out(self, url: str) -> str | None:
        if site_of(url) != self.site:
            return "off-site"
        if self.allow and not any(p.search(url) for p in self.allow):
            return "not matched by --allow"
        if any(p.search(url) for p in self.deny):
            return "matched by --deny"
        return None


@dataclass
class QueueItem:
    url: str
    depth: int


class Frontier:
    def __init__(
        self,
        state: CrawlState,
        scope: Scope,
        *,
        robots: Robots | None = None,
        max_pages: int = 50,
        max_depth: int = 3,
        delay: float = 0.0,
    ) -> None:
        self.state = state
        self.scope = scope
        self.robots = robots or Robots()
        self.max_pages = max_pages
        self.max_depth = max_depth
        self.delay = max(delay, self.robots.delay() or 0.0)
        self._templates: Counter[str] = Counter()
        self._next_slot: dict[str, float] = {}
        self._started = state.count(DONE) + state.count(FAILED)

    # -- adding -------------------------------------------------------------------------
    def verdict(self, url: str, depth: int) -> str | None:
        """Why ``url`` (already normalised) is not crawled, or None if it may be."""
        if depth > self.max_depth:
            return f"deeper than --max-depth {self.max_depth}"
        out = self.scope.reason_out(url)
        if out:
            return out
        if not urls.is_page_like(url):
            return "not a page"
        trap = urls.trap_reason(url)
        if trap:
            return f"trap: {trap}"
        if not self.robots.allowed(url):
            return "disallowed by robots.txt"
        tpl = urls.template(url)
        if tpl is not None and self._templates[tpl] >= CALENDAR_CAP:
            return f"trap: more than {CALENDAR_CAP} pages of one calendar"
        return None

    def offer(
        self,
        links: Iterable[str],
        *,
        depth: int,
        base: str | None = None,
        parent: str | None = None,
        force: bool = False,
    ) -> int:
        """Queue the crawlable ones of ``links``; returns how many were new and queued.

        ``force`` queues even what robots.txt or limits would refuse (the start URL: the
        user asked for it explicitly). Refused URLs are remembered with their reason.
        """
        rows: list[tuple[str, int, str, str | None, str | None]] = []
        seen_now: set[str] = set()
        for link in links:
            url = urls.normalise(link, base)
            if url is None or url in seen_now or self.state.known(url):
                continue
            seen_now.add(url)
            reason = None if force else self.verdict(url, depth)
            if reason is None:
                tpl = urls.template(url)
                if tpl is not None:
                    self._templates[tpl] += 1
                rows.append((url, depth, QUEUED, parent, None))
            elif reason != "off-site":  # off-site links are countless and not interesting
                rows.append((url, depth, SKIPPED, parent, reason))
        if not rows:
            return 0
        self.state.add(rows)
        return sum(1 for r in rows if r[2] == QUEUED)

    # -- taking -------------------------------------------------------------------------
    def pop(self) -> QueueItem | None:
        if self._started >= self.max_pages:
            return None
        got = self.state.pop()
        if got is None:
            return None
        self._started += 1
        return QueueItem(*got)

    def give_back(self, item: QueueItem) -> None:
        """An interrupted visit goes back to the queue (for ``--resume``)."""
        self.state.requeue(item.url)
        self._started -= 1

    async def polite(self, url: str) -> None:
        """Wait for this host's turn: page loads on one host start ``delay`` seconds apart."""
        if self.delay <= 0:
            return
        host = host_of(url)
        now = time.monotonic()
        slot = max(now, self._next_slot.get(host, 0.0))
        self._next_slot[host] = slot + self.delay
        if slot > now:
            await asyncio.sleep(slot - now)

    # -- counts for progress ------------------------------------------------------------
    @property
    def started(self) -> int:
        return self._started

    def queued(self) -> int:
        return min(self.state.count(QUEUED), max(self.max_pages - self._started, 0))

    def active(self) -> int:
        return self.state.count(ACTIVE)

    def exhausted(self) -> bool:
        return self._started >= self.max_pages or self.state.count(QUEUED) == 0
